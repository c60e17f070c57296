#include "arguments.h"

#include <QStringList>

#include <cmath>

namespace taskdesk::ctl {

Result<qint64> parseInteger(const QString &text, const QString &what, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok)
        return Error::invalid(
            QStringLiteral("%1 must be a whole number, got '%2'").arg(what, text));
    if (value < min || value > max)
        return Error::invalid(QStringLiteral("%1 must be between %2 and %3, got %4")
                                  .arg(what)
                                  .arg(min)
                                  .arg(max)
                                  .arg(value));
    return value;
}

Result<double> parseNumber(const QString &text, const QString &what, double min, double max)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return Error::invalid(QStringLiteral("%1 must be a number, got '%2'").arg(what, text));
    if (value < min || value > max)
        return Error::invalid(QStringLiteral("%1 must be between %2 and %3, got %4")
                                  .arg(what)
                                  .arg(min)
                                  .arg(max)
                                  .arg(text.trimmed()));
    return value;
}

Error parseCount(
    const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max, int &value)
{
    if (!parser.isSet(name))
        return {};
    Result<qint64> n = parseInteger(parser.value(name), QStringLiteral("--") + name, min, max);
    if (!n.ok())
        return n.error();
    value = int(*n);
    return {};
}

Error parseFollowInterval(const QCommandLineParser &parser, int &intervalMs)
{
    const QString name = QStringLiteral("interval");
    if (!parser.isSet(name))
        return {};
    Result<double> s = parseNumber(parser.value(name), QStringLiteral("--interval"), 0.05, 60);
    if (!s.ok())
        return s.error();
    intervalMs = int(std::lround(*s * 1000.0));
    return {};
}

Result<qint64> parseTaskId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.trimmed().toLongLong(&ok);
    if (!ok || id <= 0)
        return Error::invalid(
            QStringLiteral("'%1' is not a task id (a positive whole number)").arg(text));
    return id;
}

Result<QVector<qint64>> parseTaskIds(const QStringList &texts)
{
    QVector<qint64> ids;
    for (const QString &text : texts) {
        Result<qint64> id = parseTaskId(text);
        if (!id.ok())
            return id.error();
        if (!ids.contains(*id))
            ids.append(*id);
    }
    return ids;
}

Result<QVector<TaskStatus>> parseStatuses(const QStringList &texts)
{
    QVector<TaskStatus> statuses;
    for (const QString &text : texts) {
        for (const QString &name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const std::optional<TaskStatus> status = parseStatus(name);
            if (!status)
                return Error::invalid(
                    QStringLiteral("unknown status '%1' (expected %2)")
                        .arg(name.trimmed(), allStatusNames().join(QStringLiteral(", "))));
            if (!statuses.contains(*status))
                statuses.append(*status);
        }
    }
    return statuses;
}

Result<StuckThresholds> parseThresholds(const QString &minutes, const QString &seconds)
{
    StuckThresholds thresholds;
    if (!minutes.isNull()) {
        Result<double> m = parseNumber(minutes, QStringLiteral("--threshold-minutes"), 0, 1e9);
        if (!m.ok())
            return m.error();
        thresholds.queueThresholdMs = qint64(std::llround(*m * 60000.0));
    }
    if (!seconds.isNull()) {
        Result<double> s = parseNumber(seconds, QStringLiteral("--heartbeat-seconds"), 0, 1e9);
        if (!s.ok())
            return s.error();
        thresholds.heartbeatTimeoutMs = qint64(std::llround(*s * 1000.0));
    }
    if (Error e = thresholds.validate())
        return e;
    return thresholds;
}

} // namespace taskdesk::ctl
