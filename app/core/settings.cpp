#include "settings.h"

#include "core/alerts/alertsettingspecs.h"
#include "core/database.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>

#include <algorithm>

namespace taskdesk {

namespace {

constexpr qint64 kHourS = 3600;
constexpr qint64 kDayS = 24 * kHourS;

QString spanText(qint64 seconds)
{
    if (seconds % kDayS == 0 && seconds >= kDayS)
        return seconds == kDayS ? QStringLiteral("1 day")
                                : QStringLiteral("%1 days").arg(seconds / kDayS);
    if (seconds % kHourS == 0 && seconds >= kHourS)
        return seconds == kHourS ? QStringLiteral("1 hour")
                                 : QStringLiteral("%1 hours").arg(seconds / kHourS);
    if (seconds % 60 == 0 && seconds >= 60)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 s").arg(seconds);
}

QVector<SettingSpec> buildSpecs()
{
    const QString s = QStringLiteral("s");
    QVector<SettingSpec> list{
        {QString(SettingKey::SweeperIntervalS),
            QStringLiteral("How often the sweeper looks for lost workers and stuck tasks"),
            QStringLiteral("15"), s, 1, kHourS, {}, {}, {}},
        {QString(SettingKey::SweeperHeartbeatTimeoutS),
            QStringLiteral("A RUNNING task, or a worker, without a heartbeat for this long is "
                           "lost"),
            QStringLiteral("60"), s, 1, 7 * kDayS, {}, {}, {}},
        {QString(SettingKey::SweeperQueueThresholdS),
            QStringLiteral("A task PENDING and due for this long is stuck in the queue"),
            QStringLiteral("300"), s, 1, 30 * kDayS, {}, {}, {}},
        {QString(SettingKey::SweeperQueuePolicy),
            QStringLiteral("What the sweeper does with tasks stuck in the queue: report them, or "
                           "mark them FAILED (stuck_swept)"),
            QStringLiteral("report"), {}, 0, 0,
            {QStringLiteral("report"), QStringLiteral("mark_failed")}, {}, {}},
        {QString(SettingKey::SweeperPoisonRescues),
            QStringLiteral("A task whose worker is lost this many times in a row fails "
                           "(worker_lost) instead of being re-queued again: a poison pill "
                           "(0 or 1: never re-queue)"),
            QString::number(StuckTasks::kPoisonRescues), {}, 0, 100, {}, {}, {}},
        {QString(SettingKey::SweeperRetryBaseS),
            QStringLiteral("A task re-queued after its worker was lost waits this long before "
                           "its next attempt, doubled with each attempt"),
            QString::number(RetryPolicy().baseMs / 1000), s, 1, kDayS, {}, {}, {}},
        {QString(SettingKey::SweeperRetryCapS),
            QStringLiteral("The longest such a re-queued task waits (at least "
                           "sweeper.retry_base_s)"),
            QString::number(RetryPolicy().capMs / 1000), s, 1, 7 * kDayS, {}, {}, {}},
        {QString(SettingKey::SchedulerIntervalS),
            QStringLiteral("How often the scheduler looks for due schedule slots"),
            QStringLiteral("1"), s, 1, 60, {}, {}, {}},
    };
    list += alertSettingSpecs();
    return list;
}

qint64 numberOf(const QMap<QString, QString> &values, QLatin1String key)
{
    return values.value(QString(key)).trimmed().toLongLong();
}

// The settings that only make sense together, in a map of every key's value.
Error checkTogether(const QMap<QString, QString> &values)
{
    if (Error e = checkAlertSettingsTogether(values))
        return e;
    const qint64 base = numberOf(values, SettingKey::SweeperRetryBaseS);
    const qint64 cap = numberOf(values, SettingKey::SweeperRetryCapS);
    if (base > cap)
        return Error::invalid(QStringLiteral("%1 (%2 s) must not exceed %3 (%4 s)")
                                  .arg(QString(SettingKey::SweeperRetryBaseS))
                                  .arg(base)
                                  .arg(QString(SettingKey::SweeperRetryCapS))
                                  .arg(cap));
    return {};
}

} // namespace

Settings::Settings(Database &db, QString actor)
    : m_db(db)
    , m_audit(db)
    , m_actor(std::move(actor))
{ }

const QVector<SettingSpec> &Settings::specs()
{
    static const QVector<SettingSpec> list = buildSpecs();
    return list;
}

std::optional<SettingSpec> Settings::spec(const QString &key)
{
    for (const SettingSpec &s : specs()) {
        if (s.key == key)
            return s;
    }
    return std::nullopt;
}

QString Settings::queuePolicyName(QueuePolicy policy)
{
    return policy == QueuePolicy::MarkFailed ? QStringLiteral("mark_failed")
                                             : QStringLiteral("report");
}

std::optional<QueuePolicy> Settings::parseQueuePolicy(const QString &text)
{
    if (text == QLatin1String("report"))
        return QueuePolicy::Report;
    if (text == QLatin1String("mark_failed"))
        return QueuePolicy::MarkFailed;
    return std::nullopt;
}

Error Settings::validate(const QString &key, const QString &value)
{
    const std::optional<SettingSpec> s = spec(key);
    if (!s) {
        QStringList known;
        for (const SettingSpec &each : specs())
            known << each.key;
        return Error::invalid(QStringLiteral("unknown setting '%1' (known settings: %2)")
                                  .arg(key, known.join(QStringLiteral(", "))));
    }
    const QString text = value.trimmed();
    if (s->isText()) {
        if (Error e = s->check(text))
            return Error::invalid(QStringLiteral("%1: %2").arg(key, e.message()));
        return {};
    }
    if (!s->choices.isEmpty()) {
        if (!s->choices.contains(text))
            return Error::invalid(QStringLiteral("%1 must be one of %2; got '%3'")
                                      .arg(key, s->choices.join(QStringLiteral(", ")), value));
        return {};
    }
    static const QRegularExpression wholeNumber(QStringLiteral("^-?[0-9]{1,15}$"));
    const QString unit = s->unit == QLatin1String("s") ? QStringLiteral(" of seconds") : QString();
    if (!wholeNumber.match(text).hasMatch())
        return Error::invalid(
            QStringLiteral("%1 must be a whole number%2; got '%3'").arg(key, unit, value));
    const qint64 n = text.toLongLong();
    if (n < s->minimum || n > s->maximum) {
        if (s->unit == QLatin1String("s"))
            return Error::invalid(
                QStringLiteral("%1 must be between %2 and %3 seconds (%4); got %5")
                    .arg(key)
                    .arg(s->minimum)
                    .arg(s->maximum)
                    .arg(spanText(s->maximum))
                    .arg(n));
        return Error::invalid(QStringLiteral("%1 must be between %2 and %3; got %4")
                                  .arg(key)
                                  .arg(s->minimum)
                                  .arg(s->maximum)
                                  .arg(n));
    }
    return {};
}

Result<QMap<QString, QString>> Settings::stored()
{
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT key, value FROM settings"));
    if (!q.ok())
        return q.error();
    if (Error e = m_db.exec(q.value(), QStringLiteral("settings")))
        return e;
    QMap<QString, QString> map;
    while (q.value().next())
        map.insert(q.value().value(0).toString(), q.value().value(1).toString());
    return map;
}

Result<QString> Settings::value(const QString &key)
{
    const std::optional<SettingSpec> s = spec(key);
    if (!s)
        return validate(key, {});
    Result<QSqlQuery> q
        = m_db.prepare(QStringLiteral("SELECT value FROM settings WHERE key = :key"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":key"), key);
    if (Error e = m_db.exec(q.value(), QStringLiteral("settings")))
        return e;
    if (q.value().next())
        return q.value().value(0).toString();
    return s->defaultValue;
}

Result<QMap<QString, QString>> Settings::values()
{
    Result<QMap<QString, QString>> map = stored();
    if (!map.ok())
        return map.error();
    QMap<QString, QString> out;
    for (const SettingSpec &s : specs())
        out.insert(s.key, map->value(s.key, s.defaultValue));
    return out;
}

Error Settings::set(const QString &key, const QString &value)
{
    return set(QMap<QString, QString>{{key, value}});
}

Error Settings::set(const QMap<QString, QString> &values)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (Error e = validate(it.key(), it.value()))
            return e;
    }
    return m_db.write([&]() -> Error {
        for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
            const QString value = it.value().trimmed();
            Result<QSqlQuery> old
                = m_db.prepare(QStringLiteral("SELECT value FROM settings WHERE key = :key"));
            if (!old.ok())
                return old.error();
            old.value().bindValue(QStringLiteral(":key"), it.key());
            if (Error e = m_db.exec(old.value(), QStringLiteral("settings")))
                return e;
            const bool existed = old.value().next();
            const QString before
                = existed ? old.value().value(0).toString() : spec(it.key())->defaultValue;
            old.value().finish();
            // Writing the value in force (stored or default) changes nothing.
            if (before == value)
                continue;
            Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
                "INSERT INTO settings (key, value, updated_at) VALUES (:key, :value, {NOW}) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at"));
            if (!q.ok())
                return q.error();
            q.value().bindValue(QStringLiteral(":key"), it.key());
            q.value().bindValue(QStringLiteral(":value"), value);
            if (Error e = m_db.exec(q.value(), QStringLiteral("settings")))
                return e;
            if (Error e = m_audit.record(m_actor, QStringLiteral("setting_change"), 0, {}, {}, {},
                    {{QStringLiteral("key"), it.key()}, {QStringLiteral("from"), before},
                        {QStringLiteral("to"), value}}))
                return e;
        }
        return checkTogetherAfter(values.keys());
    });
}

Error Settings::checkTogetherAfter(const QStringList &changed)
{
    if (!changed.contains(QString(SettingKey::SweeperRetryBaseS))
        && !changed.contains(QString(SettingKey::SweeperRetryCapS))
        && !std::any_of(changed.cbegin(), changed.cend(), isAlertSettingTogether))
        return {};
    // Inside the change's transaction: the values as they would be committed.
    Result<QMap<QString, QString>> after = values();
    if (!after.ok())
        return after.error();
    return checkTogether(*after);
}

Error Settings::reset(const QString &key)
{
    const std::optional<SettingSpec> s = spec(key);
    if (!s)
        return validate(key, {});
    return m_db.write([&]() -> Error {
        Result<QSqlQuery> q
            = m_db.prepare(QStringLiteral("DELETE FROM settings WHERE key = :key RETURNING value"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":key"), key);
        if (Error e = m_db.exec(q.value(), QStringLiteral("settings")))
            return e;
        if (!q.value().next())
            return {};
        const QString before = q.value().value(0).toString();
        q.value().finish();
        if (Error e = checkTogetherAfter({key}))
            return e;
        return m_audit.record(m_actor, QStringLiteral("setting_change"), 0, {}, {}, {},
            {{QStringLiteral("key"), key}, {QStringLiteral("from"), before},
                {QStringLiteral("to"), s->defaultValue}, {QStringLiteral("reset"), true}});
    });
}

Result<SweeperRules> Settings::sweeperRules()
{
    Result<QMap<QString, QString>> map = values();
    if (!map.ok())
        return map.error();
    for (auto it = map->constBegin(); it != map->constEnd(); ++it) {
        if (!it.key().startsWith(QLatin1String("sweeper.")))
            continue;
        if (Error e = validate(it.key(), it.value()))
            return Error::invalid(
                QStringLiteral("the stored setting is not valid: %1").arg(e.message()));
    }
    if (Error e = checkTogether(*map))
        return Error::invalid(
            QStringLiteral("the stored settings are not valid: %1").arg(e.message()));
    SweeperRules rules;
    rules.intervalMs = numberOf(*map, SettingKey::SweeperIntervalS) * 1000;
    rules.heartbeatTimeoutMs = numberOf(*map, SettingKey::SweeperHeartbeatTimeoutS) * 1000;
    rules.queueThresholdMs = numberOf(*map, SettingKey::SweeperQueueThresholdS) * 1000;
    rules.queuePolicy
        = parseQueuePolicy(map->value(QString(SettingKey::SweeperQueuePolicy)).trimmed())
              .value_or(QueuePolicy::Report);
    rules.poisonRescues = int(numberOf(*map, SettingKey::SweeperPoisonRescues));
    rules.retryBaseMs = numberOf(*map, SettingKey::SweeperRetryBaseS) * 1000;
    rules.retryCapMs = numberOf(*map, SettingKey::SweeperRetryCapS) * 1000;
    return rules;
}

Result<SchedulerRules> Settings::schedulerRules()
{
    Result<QString> interval = value(QString(SettingKey::SchedulerIntervalS));
    if (!interval.ok())
        return interval.error();
    if (Error e = validate(QString(SettingKey::SchedulerIntervalS), *interval))
        return Error::invalid(
            QStringLiteral("the stored setting is not valid: %1").arg(e.message()));
    SchedulerRules rules;
    rules.intervalMs = interval->trimmed().toLongLong() * 1000;
    return rules;
}

Error Settings::setSweeperRules(const SweeperRules &rules)
{
    auto seconds = [](qint64 ms) {
        return QString::number(ms / 1000);
    };
    for (qint64 ms : {rules.intervalMs, rules.heartbeatTimeoutMs, rules.queueThresholdMs,
             rules.retryBaseMs, rules.retryCapMs}) {
        if (ms % 1000 != 0)
            return Error::invalid(
                QStringLiteral("sweeper times are whole seconds; got %1 ms").arg(ms));
    }
    return set(QMap<QString, QString>{
        {QString(SettingKey::SweeperIntervalS), seconds(rules.intervalMs)},
        {QString(SettingKey::SweeperHeartbeatTimeoutS), seconds(rules.heartbeatTimeoutMs)},
        {QString(SettingKey::SweeperQueueThresholdS), seconds(rules.queueThresholdMs)},
        {QString(SettingKey::SweeperQueuePolicy), queuePolicyName(rules.queuePolicy)},
        {QString(SettingKey::SweeperPoisonRescues), QString::number(rules.poisonRescues)},
        {QString(SettingKey::SweeperRetryBaseS), seconds(rules.retryBaseMs)},
        {QString(SettingKey::SweeperRetryCapS), seconds(rules.retryCapMs)},
    });
}

} // namespace taskdesk
