#pragma once

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace taskdesk {

// The environment a task or a supervised program starts from: only the small
// base that programs expect of a login (PATH, HOME, USER, LOGNAME, SHELL, LANG,
// LANGUAGE, LC_*, TZ, TMPDIR), copied from `from`. Nothing else of the runner's
// own environment reaches a child: not TASKDESK_DB, not PG*, not a secret a
// service manager gave the worker or the supervisor. The caller adds the
// TASKDESK_* variables and what its configuration names.
QProcessEnvironment cleanEnvironment(
    const QProcessEnvironment &from = QProcessEnvironment::systemEnvironment());

// Copies the variables `names` from `from` into `to` (those that are set).
void passEnvironment(
    QProcessEnvironment &to, const QStringList &names, const QProcessEnvironment &from);

// Whether `name` is usable as an environment variable name.
bool isValidEnvironmentName(const QString &name);

} // namespace taskdesk
