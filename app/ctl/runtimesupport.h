#pragma once

#include "core/error.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVector>

// What the command groups of the job runtime (processes, workers, schedules,
// sweep, settings, supervise) share.
namespace taskdesk::ctl {

// `processes`, `processes list`: the word "list" is optional, anything else
// is a subcommand that does not exist.
Error checkListWord(
    const QString &group, const QStringList &arguments, const QStringList &subcommands);

// A program and its arguments as a shell would need them typed: words with
// blanks or quotes in single quotes. For display only; nothing runs a shell.
QString commandLineText(const QString &program, const QStringList &arguments);

QString idListText(const QVector<qint64> &ids); // "3, 4, 7"
QJsonValue textOrNull(const QString &text);

// The one line that says why a recorded request does nothing yet.
QString noSupervisorMessage(const QString &host);

} // namespace taskdesk::ctl
