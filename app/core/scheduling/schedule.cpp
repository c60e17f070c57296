#include "schedule.h"

#include "core/scheduling/cronexpression.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace taskdesk {

namespace {

const QRegularExpression &namePattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:-]{1,100}$"));
    return re;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

Error Schedule::validate() const
{
    if (!namePattern().match(name).hasMatch())
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error",
                "invalid schedule name '%1': use 1 to 100 letters, digits and _ . : -"),
            {name});
    if (!namePattern().match(kind).hasMatch())
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error",
                "invalid task kind '%1': use 1 to 100 letters, digits and _ . : -"),
            {kind});
    if (!namePattern().match(queue).hasMatch())
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error",
                "invalid queue name '%1': use 1 to 100 letters, digits and _ . : -"),
            {queue});
    if (priority < -1000 || priority > 1000)
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error", "priority must be between -1000 and 1000"));
    const QString trimmedArgs = args.trimmed();
    if (!trimmedArgs.startsWith(QLatin1Char('{')) && !trimmedArgs.startsWith(QLatin1Char('[')))
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error", "args must be a JSON object or array"));
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(args.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error", "args are not valid JSON: %1"),
            {parseError.errorString()});
    const bool hasCron = !cron.trimmed().isEmpty();
    if (hasCron && everyS != 0)
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error",
                "a schedule runs either every N seconds or on a cron expression, not both"));
    if (!hasCron && everyS == 0)
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error",
                "a schedule needs an interval (every N seconds) or a cron expression"));
    if (!hasCron && (everyS < 1 || everyS > kMaxEveryS))
        return Error::translatable(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error",
                "the interval must be between 1 and %1 seconds (366 days); got %2"),
            {QString::number(kMaxEveryS), QString::number(everyS)});
    if (hasCron) {
        Result<CronExpression> parsed = CronExpression::parse(cron);
        if (!parsed.ok())
            return parsed.error();
    }
    return {};
}

std::optional<qint64> Schedule::dueSlot(qint64 now) const
{
    if (!enabled || now < anchorAt)
        return std::nullopt;
    std::optional<qint64> slot;
    if (!cron.trimmed().isEmpty()) {
        Result<CronExpression> parsed = CronExpression::parse(cron);
        if (!parsed.ok())
            return std::nullopt;
        slot = parsed->last(now);
        if (slot && *slot < anchorAt)
            return std::nullopt;
    } else {
        if (everyS < 1)
            return std::nullopt;
        const qint64 period = everyS * 1000;
        slot = anchorAt + (now - anchorAt) / period * period;
    }
    if (!slot || (lastSlotAt > 0 && *slot <= lastSlotAt))
        return std::nullopt;
    return slot;
}

std::optional<qint64> Schedule::nextSlot(qint64 now) const
{
    if (!enabled)
        return std::nullopt;
    if (const std::optional<qint64> due = dueSlot(now))
        return due;
    if (!cron.trimmed().isEmpty()) {
        Result<CronExpression> parsed = CronExpression::parse(cron);
        if (!parsed.ok())
            return std::nullopt;
        return parsed->next(std::max(now, anchorAt - 1));
    }
    if (everyS < 1)
        return std::nullopt;
    if (now < anchorAt)
        return anchorAt;
    const qint64 period = everyS * 1000;
    return anchorAt + ((now - anchorAt) / period + 1) * period;
}

QString Schedule::timing() const
{
    if (!cron.trimmed().isEmpty())
        return QStringLiteral("cron %1").arg(cron.simplified());
    return QStringLiteral("every %1 s").arg(everyS);
}

QJsonObject Schedule::toJson() const
{
    // The args as JSON, not as a string of JSON (as stored).
    const QJsonDocument doc = QJsonDocument::fromJson(args.toUtf8());
    const QJsonValue argsJson = doc.isObject() ? QJsonValue(doc.object())
        : doc.isArray()                        ? QJsonValue(doc.array())
                                               : QJsonValue(args);
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("args"), argsJson},
        {QStringLiteral("queue"), queue},
        {QStringLiteral("priority"), priority},
        {QStringLiteral("enabled"), enabled},
        {QStringLiteral("timing"), timing()},
    };
    if (cron.trimmed().isEmpty())
        o.insert(QStringLiteral("every_seconds"), everyS);
    else
        o.insert(QStringLiteral("cron"), cron.simplified());
    o.insert(QStringLiteral("last_slot_at"),
        lastSlotAt > 0 ? QJsonValue(isoTime(lastSlotAt)) : QJsonValue());
    if (lastTaskId > 0) {
        o.insert(QStringLiteral("last_task_id"), lastTaskId);
        o.insert(QStringLiteral("last_task_status"), lastTaskStatus);
    }
    const std::optional<qint64> next = dbNow > 0 ? nextSlot(dbNow) : std::nullopt;
    o.insert(QStringLiteral("next_slot_at"), next ? QJsonValue(isoTime(*next)) : QJsonValue());
    return o;
}

} // namespace taskdesk
