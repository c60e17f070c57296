#include "alertengine.h"

#include "core/alerts/alertconditions.h"
#include "core/alerts/alertsettingspecs.h"
#include "core/database.h"
#include "core/scheduling/singletonlease.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>

namespace taskdesk {

namespace {

// A claim outlives any channel's time-out; a sender that died while sending
// leaves its delivery to the next one after this.
constexpr qint64 kClaimTtlMs = 5 * 60 * 1000;
// FAILED tasks taken from the event table per pass.
constexpr int kFailuresPerPass = 10000;
// Alerts put into one message at most; the rest go into the next one.
constexpr int kAlertsPerGroup = 1000;

const QString kTaskFailed = QStringLiteral("task_failed");

// Operators' own actions are no failure to be told about.
bool alertingOutcome(const QString &outcome)
{
    return outcome != QLatin1String("cancelled") && outcome != QLatin1String("force_stopped");
}

} // namespace

AlertEngine::AlertEngine(Database &db, ChannelFactory factory, QObject *parent)
    : LeasedTimer(db, QStringLiteral("alerts"), AlertRules().intervalMs, 30 * 1000, parent)
    , m_db(db)
    , m_factory(std::move(factory))
    , m_settings(db, QStringLiteral("alerts"))
    , m_outbox(db, SingletonLease::defaultHolderId())
{ }

AlertEngine::~AlertEngine() = default;

Error AlertEngine::reloadRules()
{
    Result<QMap<QString, QString>> values = m_settings.values();
    if (!values.ok())
        return values.error();
    Result<AlertRules> rules = AlertStore::rulesFrom(*values);
    if (!rules.ok()) {
        // Keep the last good rules and channels rather than stop alerting (a
        // garbled "on" would otherwise read as off and fail what waits).
        reportError(QStringLiteral("settings"), rules.error().message());
    } else {
        clearError(QStringLiteral("settings"));
        m_rules = *rules;
        setSettingIntervalMs(m_rules.intervalMs);
        m_channels = AlertStore::channelsFrom(*values);
    }
    if (Result<SweeperRules> sweeper = m_settings.sweeperRules(); sweeper.ok())
        m_sweeper = *sweeper;
    return {};
}

void AlertEngine::tick()
{
    reportPass(pass().error());
}

Result<AlertPass> AlertEngine::passNow()
{
    return pass();
}

bool AlertEngine::quietNow(qint64 now) const
{
    Result<std::optional<QuietHours>> quiet = QuietHours::parse(m_rules.quietHours);
    return quiet.ok() && quiet->has_value() && (*quiet)->contains(now, m_rules.quietZone);
}

Result<AlertPass> AlertEngine::pass()
{
    if (Error e = reloadRules())
        return e;
    if (Error e = acquire())
        return e;
    Result<QVector<Alert>> conditions = AlertConditions(m_db).evaluate(m_rules, m_sweeper);
    if (!conditions.ok())
        return conditions.error();
    Result<AlertPass> pass = m_db.writeResult<AlertPass>(AlertPass(), [&](AlertPass &p) -> Error {
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        if (Error e = record(p, *conditions, *now))
            return e;
        return group(p, *now);
    });
    if (!pass.ok())
        return pass.error();
    Q_EMIT passed(*pass);
    dispatch();
    return pass;
}

Error AlertEngine::record(AlertPass &pass, const QVector<Alert> &conditions, qint64 now)
{
    // Failed tasks: each event row is taken once (DELETE … RETURNING), by
    // whichever engine deletes it, in the transaction that counts it.
    Result<QSqlQuery> taken = m_db.run(
        QStringLiteral("DELETE FROM alert_task_failures WHERE id IN (SELECT id FROM "
                       "alert_task_failures ORDER BY id LIMIT :limit) RETURNING task_id, kind, "
                       "queue, outcome, at"),
        QStringLiteral("failed tasks"), {{":limit", kFailuresPerPass}});
    if (!taken.ok())
        return taken.error();
    struct Failures
    {
        qint64 count = 0;
        qint64 lastTaskId = 0;
        QString lastOutcome;
        QSet<QString> queues;
    };
    QMap<QString, Failures> byKind;
    // A failure recorded while no engine ran, longer ago than a message about
    // it would still be tried (alerts.give_up_s), is taken out untold: it
    // would fire now as if it were new.
    const qint64 staleBefore = now - m_rules.giveUpMs;
    while (taken->next()) {
        const QString kind = taken->value(1).toString();
        const QString outcome = taken->value(3).toString();
        if (!m_rules.taskFailed || !m_rules.watchesKind(kind) || !alertingOutcome(outcome)
            || taken->value(4).toLongLong() < staleBefore)
            continue;
        Failures &f = byKind[kind];
        ++f.count;
        f.lastTaskId = std::max(f.lastTaskId, taken->value(0).toLongLong());
        f.lastOutcome = outcome;
        f.queues.insert(taken->value(2).toString());
    }
    taken->finish();

    QVector<Alert> changes = conditions;
    for (auto it = byKind.cbegin(); it != byKind.cend(); ++it) {
        Alert a;
        a.rule = kTaskFailed;
        a.fingerprint = kTaskFailed + QLatin1Char(':') + it.key();
        a.severity = QStringLiteral("critical");
        a.summary = QStringLiteral("Tasks of kind %1 failed").arg(it.key());
        QStringList queues(it->queues.cbegin(), it->queues.cend());
        queues.sort();
        a.description = QStringLiteral("the last one: task %1 (%2), queue %3")
                            .arg(it->lastTaskId)
                            .arg(it->lastOutcome, queues.join(QStringLiteral(", ")));
        a.labels = {{QStringLiteral("alertname"), kTaskFailed}, {QStringLiteral("kind"), it.key()}};
        a.count = int(std::min<qint64>(it->count, INT_MAX));
        changes.append(a);
        pass.failuresCounted += a.count;
    }

    Result<QVector<AlertRecord>> firing = AlertStore(m_db).firing(100000);
    if (!firing.ok())
        return firing.error();
    QSet<QString> firingNow;
    for (const AlertRecord &r : std::as_const(*firing))
        firingNow.insert(r.alert.fingerprint);

    // One firing row per fingerprint: the unique partial index decides, and a
    // row that fires already takes the new count (failures add up).
    QSet<QString> current;
    for (const Alert &a : std::as_const(changes)) {
        current.insert(a.fingerprint);
        const bool adds = a.rule == kTaskFailed;
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral("INSERT INTO alerts (fingerprint, rule, severity, summary, description, "
                           "labels, count) VALUES (:fingerprint, :rule, :severity, :summary, "
                           ":description, :labels, :count) ON CONFLICT (fingerprint) WHERE "
                           "resolved_at IS NULL DO UPDATE SET count = %1, summary = "
                           "excluded.summary, description = excluded.description, labels = "
                           "excluded.labels, last_seen_at = excluded.last_seen_at")
                .arg(adds ? QStringLiteral("alerts.count + excluded.count")
                          : QStringLiteral("excluded.count")),
            QStringLiteral("alert"),
            {{":fingerprint", Database::text(a.fingerprint)}, {":rule", a.rule},
                {":severity", a.severity}, {":summary", Database::text(a.summary)},
                {":description", Database::text(a.description)},
                {":labels", Database::text(AlertStore::labelsToText(a.labels))},
                {":count", qint64(a.count)}});
        if (!q.ok())
            return q.error();
        if (!firingNow.contains(a.fingerprint))
            ++pass.fired;
    }

    // Resolved: a state that no longer holds (or whose rule is off); failures
    // of a kind once none came for a group window (at least a pass).
    const qint64 failureQuietMs = std::max(m_rules.groupMs, m_rules.intervalMs);
    for (const AlertRecord &r : std::as_const(*firing)) {
        const bool failures = r.alert.rule == kTaskFailed;
        const bool holds = failures ? m_rules.taskFailed
                && m_rules.watchesKind(r.alert.labels.value(QStringLiteral("kind")))
                && (current.contains(r.alert.fingerprint) || now - r.lastSeenAt < failureQuietMs)
                                    : current.contains(r.alert.fingerprint);
        if (holds)
            continue;
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral("UPDATE alerts SET resolved_at = {NOW} WHERE id = :id AND resolved_at "
                           "IS NULL"),
            QStringLiteral("alert"), {{":id", r.id}});
        if (!q.ok())
            return q.error();
        if (q->numRowsAffected() == 1)
            ++pass.resolved;
    }
    return {};
}

Error AlertEngine::group(AlertPass &pass, qint64 now)
{
    if (quietNow(now)) {
        pass.quiet = true;
        return {};
    }
    const QString unsent = QStringLiteral(
        "(firing_sent_at IS NULL OR (resolved_at IS NOT NULL AND resolved_sent_at IS NULL))");
    const bool anyChannel = std::any_of(m_channels.cbegin(), m_channels.cend(),
        [](const AlertChannelConfig &c) { return c.enabled && c.isRemote(); });
    if (!anyChannel) {
        // Nobody to tell: what is over stays untold, what fires waits for a
        // channel to be turned on (marking it sent would lose it for good).
        Result<QSqlQuery> over = m_db.run(
            QStringLiteral("UPDATE alerts SET firing_sent_at = COALESCE(firing_sent_at, {NOW}), "
                           "resolved_sent_at = {NOW} WHERE resolved_at IS NOT NULL AND "
                           "resolved_sent_at IS NULL"),
            QStringLiteral("alerts"));
        return over.ok() ? Error() : over.error();
    }
    Result<QSqlQuery> oldest = m_db.run(
        QStringLiteral("SELECT min(CASE WHEN firing_sent_at IS NULL THEN started_at ELSE "
                       "resolved_at END) FROM alerts WHERE ")
            + unsent,
        QStringLiteral("alerts to send"));
    if (!oldest.ok())
        return oldest.error();
    oldest->next();
    const bool any = !oldest->value(0).isNull();
    const qint64 since = oldest->value(0).toLongLong();
    oldest->finish();
    if (!any || now - since < m_rules.groupMs)
        return {};

    Result<QSqlQuery> rows = m_db.run(QStringLiteral("SELECT id FROM alerts WHERE ") + unsent
            + QStringLiteral(" ORDER BY id LIMIT :limit"),
        QStringLiteral("alerts to send"), {{":limit", kAlertsPerGroup}});
    if (!rows.ok())
        return rows.error();
    QVector<qint64> ids;
    while (rows->next())
        ids.append(rows->value(0).toLongLong());
    rows->finish();

    AlertGroup group;
    QSet<QString> rules;
    for (qint64 id : std::as_const(ids)) {
        // Into this message only if this engine marks it (0 rows: another did).
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral("UPDATE alerts SET firing_sent_at = COALESCE(firing_sent_at, {NOW}), "
                           "resolved_sent_at = CASE WHEN resolved_at IS NULL THEN resolved_sent_at "
                           "ELSE {NOW} END WHERE id = :id AND ")
                + unsent
                + QStringLiteral(
                    " RETURNING fingerprint, rule, severity, summary, description, labels, "
                    "count, started_at, resolved_at"),
            QStringLiteral("alert"), {{":id", id}});
        if (!q.ok())
            return q.error();
        if (!q->next())
            continue;
        Alert a;
        a.fingerprint = q->value(0).toString();
        a.rule = q->value(1).toString();
        a.severity = q->value(2).toString();
        a.summary = q->value(3).toString();
        a.description = q->value(4).toString();
        QJsonObject labels = QJsonDocument::fromJson(q->value(5).toString().toUtf8()).object();
        for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
            a.labels.insert(it.key(), it.value().toString());
        a.count = int(std::min<qint64>(q->value(6).toLongLong(), INT_MAX));
        a.startsAt = q->value(7).toLongLong();
        a.endsAt = q->value(8).toLongLong();
        q->finish();
        rules.insert(a.rule);
        group.alerts.append(a);
    }
    if (group.alerts.isEmpty())
        return {};
    QStringList ruleList(rules.cbegin(), rules.cend());
    ruleList.sort();
    group.groupKey
        = QStringLiteral("{}:{alertname=~\"^(?:%1)$\"}").arg(ruleList.join(QLatin1Char('|')));
    pass.grouped = int(group.alerts.size());
    for (const AlertChannelConfig &c : std::as_const(m_channels)) {
        if (!c.enabled || !c.isRemote())
            continue;
        Result<qint64> id = m_outbox.enqueue(c.name, group);
        if (!id.ok())
            return id.error();
        ++pass.deliveriesQueued;
    }
    return {};
}

void AlertEngine::dispatch()
{
    Result<qint64> now = m_db.now();
    if (!now.ok()) {
        reportError(QStringLiteral("dispatch"), now.error().message());
        return;
    }
    if (quietNow(*now))
        return;
    for (const AlertChannelConfig &c : std::as_const(m_channels)) {
        if (!c.isRemote())
            continue;
        dispatchChannel(c);
    }
}

AlertChannel *AlertEngine::channelFor(const AlertChannelConfig &config, QString &error)
{
    if (!config.enabled) {
        error = QStringLiteral("%1 is turned off (alerts.%1)").arg(config.name);
        return nullptr;
    }
    if (const QString missing = config.missing(); !missing.isEmpty()) {
        error = QStringLiteral("%1 lacks %2").arg(config.name, missing);
        return nullptr;
    }
    auto it = m_built.find(config.name);
    if (it != m_built.end() && it->second.config.secretReference == config.secretReference
        && it->second.config.chatId == config.chatId && it->second.config.apiUrl == config.apiUrl
        && it->second.config.hmacReference == config.hmacReference)
        return it->second.channel.get();
    // Changed settings: a new object (never while one of its deliveries is in flight).
    Result<std::unique_ptr<AlertChannel>> built = m_factory(config);
    if (!built.ok()) {
        error = built.error().message();
        return nullptr;
    }
    Built &b = m_built[config.name];
    if (b.channel)
        b.channel.release()->deleteLater();
    b.config = config;
    b.channel = std::move(built).value();
    return b.channel.get();
}

void AlertEngine::dispatchChannel(const AlertChannelConfig &config)
{
    if (m_busy.contains(config.name))
        return;
    QString error;
    AlertChannel *channel = channelFor(config, error);
    if (!channel) {
        // Nothing can go out this way: the messages waiting for it fail now
        // rather than linger unseen.
        Result<int> failed = m_outbox.failPending(config.name, error);
        if (!failed.ok())
            reportError(QStringLiteral("dispatch"), failed.error().message());
        return;
    }
    Result<std::optional<ClaimedDelivery>> claimed = m_outbox.claimNext(config.name, kClaimTtlMs);
    if (!claimed.ok()) {
        reportError(QStringLiteral("dispatch"), claimed.error().message());
        return;
    }
    clearError(QStringLiteral("dispatch"));
    if (!claimed->has_value())
        return;
    const ClaimedDelivery d = **claimed;
    m_busy.insert(config.name);
    QPointer<AlertEngine> self(this);
    channel->deliver(d.group, [self, d](const DeliveryResult &result) {
        if (!self)
            return;
        self->m_busy.remove(d.channel);
        Result<QString> status = self->m_outbox.finish(d, result, self->m_rules);
        if (!status.ok()) {
            self->reportError(QStringLiteral("dispatch"), status.error().message());
            return;
        }
        Q_EMIT self->deliveryFinished(d.id, d.channel, *status);
        // The next message of the channel at once, while this engine acts.
        QTimer::singleShot(0, self, [self, channel = d.channel] {
            if (!self || !self->isActive())
                return;
            Result<qint64> now = self->m_db.now();
            if (!now.ok() || self->quietNow(*now))
                return;
            for (const AlertChannelConfig &c : std::as_const(self->m_channels)) {
                if (c.name == channel)
                    self->dispatchChannel(c);
            }
        });
    });
}

} // namespace taskdesk
