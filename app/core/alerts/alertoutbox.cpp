#include "alertoutbox.h"

#include "core/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace taskdesk {

namespace {

AlertGroup groupFromText(const QString &text)
{
    return AlertStore::groupFromJson(QJsonDocument::fromJson(text.toUtf8()).object());
}

} // namespace

AlertOutbox::AlertOutbox(Database &db, QString holder, QString actor)
    : m_db(db)
    , m_holder(std::move(holder))
    , m_actor(std::move(actor))
    , m_audit(db)
{ }

qint64 AlertOutbox::backoffMs(int attempt, qint64 baseMs, qint64 capMs)
{
    qint64 delay = baseMs;
    for (int i = 1; i < attempt && delay < capMs; ++i)
        delay *= 2;
    return std::min(delay, capMs);
}

Result<qint64> AlertOutbox::enqueue(const QString &channel, const AlertGroup &group, bool test)
{
    const QString json = QString::fromUtf8(
        QJsonDocument(AlertStore::groupToJson(group)).toJson(QJsonDocument::Compact));
    // A test is sent at once by whoever enqueued it: claimed in the same row.
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("INSERT INTO alert_deliveries (channel, group_json, alert_count, test, "
                       "status, attempts, claimed_by, claimed_until) VALUES (:channel, :json, "
                       ":count, :test, :status, :attempts, :holder, {NOW} + 600000) RETURNING id"),
        QStringLiteral("alert delivery"),
        {{":channel", channel}, {":json", Database::text(json)},
            {":count", int(group.alerts.size())}, {":test", test ? 1 : 0},
            {":status", test ? QStringLiteral("sending") : QStringLiteral("pending")},
            {":attempts", test ? 1 : 0}, {":holder", test ? QVariant(m_holder) : QVariant()}});
    if (!q.ok())
        return q.error();
    q->next();
    const qint64 id = q->value(0).toLongLong();
    q->finish();
    return id;
}

Result<std::optional<ClaimedDelivery>> AlertOutbox::claimNext(const QString &channel, qint64 ttlMs)
{
    const QString due = QStringLiteral(
        "((status = 'pending' AND next_attempt_at <= {NOW}) OR (status = 'sending' AND "
        "claimed_until < {NOW}))");
    std::optional<ClaimedDelivery> claimed;
    Error e = m_db.write([&]() -> Error {
        claimed.reset();
        // A channel's messages go out in the order they were made: the oldest
        // one not yet done goes first, and one waiting for its retry holds
        // back the ones after it, so that a "resolved" never overtakes its
        // "firing". A test alert, sent at once by whoever made it, holds back
        // nothing unless its sender died.
        Result<QSqlQuery> next = m_db.run(QStringLiteral("SELECT id, CASE WHEN ") + due
                + QStringLiteral(" THEN 1 ELSE 0 END FROM alert_deliveries WHERE channel = "
                                 ":channel AND status IN ('pending', 'sending') AND (test = 0 OR ")
                + due + QStringLiteral(") ORDER BY id LIMIT 1"),
            QStringLiteral("alert delivery"), {{":channel", channel}});
        if (!next.ok())
            return next.error();
        if (!next->next())
            return {};
        const qint64 id = next->value(0).toLongLong();
        const bool isDue = next->value(1).toInt() == 1;
        next->finish();
        if (!isDue)
            return {};
        // The claim: one conditional UPDATE; a sender that lost the race gets 0 rows.
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral("UPDATE alert_deliveries SET status = 'sending', attempts = attempts + "
                           "1, claimed_by = :holder, claimed_until = {NOW} + :ttl, updated_at = "
                           "{NOW} WHERE id = :id AND ")
                + due + QStringLiteral(" RETURNING attempts, group_json, created_at"),
            QStringLiteral("alert delivery claim"),
            {{":holder", m_holder}, {":ttl", ttlMs}, {":id", id}});
        if (!q.ok())
            return q.error();
        if (!q->next())
            return {};
        ClaimedDelivery d;
        d.id = id;
        d.channel = channel;
        d.attempt = q->value(0).toInt();
        d.group = groupFromText(q->value(1).toString());
        d.group.id = id;
        d.createdAt = q->value(2).toLongLong();
        q->finish();
        claimed = d;
        return {};
    });
    if (e)
        return e;
    return claimed;
}

Result<ClaimedDelivery> AlertOutbox::claimed(qint64 id)
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT channel, attempts, group_json, created_at FROM alert_deliveries "
                       "WHERE id = :id AND status = 'sending' AND claimed_by = :holder"),
        QStringLiteral("alert delivery"), {{":id", id}, {":holder", m_holder}});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("delivery %1 is not being sent from here").arg(id));
    ClaimedDelivery d;
    d.id = id;
    d.channel = q->value(0).toString();
    d.attempt = q->value(1).toInt();
    d.group = groupFromText(q->value(2).toString());
    d.group.id = id;
    d.createdAt = q->value(3).toLongLong();
    q->finish();
    return d;
}

Result<QString> AlertOutbox::finish(
    const ClaimedDelivery &d, const DeliveryResult &result, const AlertRules &rules, bool retry)
{
    const QString error = result.ok
        ? QString()
        : (result.error.isEmpty() ? QStringLiteral("the delivery failed") : result.error)
              .simplified()
              .left(500);
    return m_db.writeResult<QString>(QString(), [&](QString &status) -> Error {
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        qint64 nextAt = 0;
        if (result.ok) {
            status = QStringLiteral("sent");
        } else {
            const qint64 delay = std::max(
                result.retryAfterMs, backoffMs(d.attempt, rules.retryBaseMs, rules.retryCapMs));
            const bool again
                = retry && result.retryable && *now + delay - d.createdAt < rules.giveUpMs;
            status = again ? QStringLiteral("pending") : QStringLiteral("failed");
            nextAt = *now + delay;
        }
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral(
                "UPDATE alert_deliveries SET status = :status, last_error = :error, "
                "next_attempt_at = CASE WHEN :again = 1 THEN :next ELSE next_attempt_at END, "
                "sent_at = CASE WHEN :sent = 1 THEN {NOW} ELSE sent_at END, claimed_by = NULL, "
                "claimed_until = NULL, updated_at = {NOW} WHERE id = :id AND status = 'sending' "
                "AND claimed_by = :holder AND attempts = :attempt"),
            QStringLiteral("alert delivery"),
            {{":status", status}, {":error", Database::text(error)},
                {":again", status == QLatin1String("pending") ? 1 : 0}, {":next", nextAt},
                {":sent", result.ok ? 1 : 0}, {":id", d.id}, {":holder", m_holder},
                {":attempt", d.attempt}});
        if (!q.ok())
            return q.error();
        if (q->numRowsAffected() != 1) {
            status.clear();
            return {};
        }
        if (status == QLatin1String("pending"))
            return {};
        return audit(d.id, d.channel, d.group, d.attempt, status, error);
    });
}

Result<int> AlertOutbox::failPending(const QString &channel, const QString &error)
{
    return m_db.writeResult<int>(0, [&](int &failed) -> Error {
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral("UPDATE alert_deliveries SET status = 'failed', last_error = :error, "
                           "updated_at = {NOW} WHERE channel = :channel AND status = 'pending' "
                           "RETURNING id, group_json, attempts"),
            QStringLiteral("alert delivery"),
            {{":error", Database::text(error)}, {":channel", channel}});
        if (!q.ok())
            return q.error();
        struct Row
        {
            qint64 id;
            AlertGroup group;
            int attempts;
        };
        QVector<Row> rows;
        while (q->next())
            rows.append({q->value(0).toLongLong(), groupFromText(q->value(1).toString()),
                q->value(2).toInt()});
        q->finish();
        for (const Row &r : std::as_const(rows)) {
            if (Error e
                = audit(r.id, channel, r.group, r.attempts, QStringLiteral("failed"), error))
                return e;
        }
        failed = int(rows.size());
        return {};
    });
}

Error AlertOutbox::audit(qint64 id, const QString &channel, const AlertGroup &group, int attempts,
    const QString &status, const QString &error)
{
    QJsonArray fingerprints;
    for (const Alert &a : group.alerts) {
        if (fingerprints.size() >= 20)
            break;
        fingerprints.append(a.fingerprint);
    }
    QJsonObject details{{QStringLiteral("channel"), channel}, {QStringLiteral("delivery_id"), id},
        {QStringLiteral("status"), group.status()},
        {QStringLiteral("alerts"), int(group.alerts.size())},
        {QStringLiteral("fingerprints"), fingerprints}, {QStringLiteral("attempts"), attempts},
        {QStringLiteral("test"), group.test}};
    if (!error.isEmpty())
        details.insert(QStringLiteral("error"), error);
    const QString action = group.test     ? QStringLiteral("alert_test")
        : status == QLatin1String("sent") ? QStringLiteral("alert_sent")
                                          : QStringLiteral("alert_failed");
    return m_audit.record(m_actor, action, 0, {}, {}, status, details);
}

} // namespace taskdesk
