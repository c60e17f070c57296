#pragma once

#include "core/error.h"
#include "core/tasks/stucktasks.h"
#include "core/taskstatus.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QVector>

// Checks and converts what the user typed. Each returns Error::invalid with a
// message that names the option and the value, and never needs the database,
// so that bad input is refused before anything is opened.
namespace taskdesk::ctl {

Result<qint64> parseInteger(const QString &text, const QString &what, qint64 min, qint64 max);
Result<double> parseNumber(const QString &text, const QString &what, double min, double max);
// An option --NAME N within [min, max] into `value`, left as it is when not given.
Error parseCount(
    const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max, int &value);
// --interval SECONDS of a --follow, 0.05 … 60, into milliseconds; as it is when not given.
Error parseFollowInterval(const QCommandLineParser &parser, int &intervalMs);
Result<qint64> parseTaskId(const QString &text);
// Each id once, in the order given.
Result<QVector<qint64>> parseTaskIds(const QStringList &texts);
// Repeated or comma-separated status names, any case.
Result<QVector<TaskStatus>> parseStatuses(const QStringList &texts);
// --threshold-minutes and --heartbeat-seconds, validated as the store does.
Result<StuckThresholds> parseThresholds(const QString &minutes, const QString &seconds);

} // namespace taskdesk::ctl
