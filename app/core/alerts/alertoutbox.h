#pragma once

#include "core/alerts/alert.h"
#include "core/alerts/alertchannel.h"
#include "core/alerts/alertstore.h"
#include "core/auditlog.h"
#include "core/error.h"

#include <QString>

#include <optional>

namespace taskdesk {

class Database;

// A delivery claimed by one sender: its attempt is this sender's alone.
struct ClaimedDelivery
{
    qint64 id = 0;
    QString channel;
    AlertGroup group; // group.id is the delivery's id
    int attempt = 0; // 1 for the first
    qint64 createdAt = 0;
};

// The outbox `alert_deliveries`: one row per message and channel. Every change
// of a row is one conditional UPDATE whose row count decides, so that two
// senders (two hosts, a stale one) never send one message twice: a claim moves
// it from pending (due) to sending under the sender's name, and only that
// claim's finish() counts. A sender that dies while sending leaves its claim
// to expire; the next one sends again (at least once, then: a receiver cannot
// tell us whether it got a message whose answer was lost).
// Each delivery that ends (sent, or failed for good) writes an audit row by
// "alerts": the channel, the alerts, the attempts and the error, which never
// holds a secret.
class AlertOutbox final
{
public:
    AlertOutbox(Database &db, QString holder, QString actor = QStringLiteral("alerts"));

    // Call inside Database::write(). A test is claimed by this holder at once.
    Result<qint64> enqueue(const QString &channel, const AlertGroup &group, bool test = false);
    // The oldest delivery of `channel` not yet done, claimed for `ttlMs` if it
    // is due; nullopt: none, or the oldest waits for its retry (a channel's
    // messages go out in order).
    Result<std::optional<ClaimedDelivery>> claimNext(const QString &channel, qint64 ttlMs);
    // A test delivery enqueue()d by this holder, as claimed.
    Result<ClaimedDelivery> claimed(qint64 id);
    // What the attempt gave. Sent; or pending again after the backoff (at
    // least what the receiver asked for) while the error is retryable and the
    // delivery younger than give-up; else failed. `retry` false: failed at once.
    // The new status ("sent", "pending", "failed"); empty when the claim was
    // lost (another sender took the delivery over: nothing is written).
    Result<QString> finish(const ClaimedDelivery &d, const DeliveryResult &result,
        const AlertRules &rules, bool retry = true);
    // The pending deliveries of a channel that cannot send (turned off, not
    // configured) fail now with `error`, audited.
    Result<int> failPending(const QString &channel, const QString &error);

    // base × 2^(attempt − 1), at most cap.
    static qint64 backoffMs(int attempt, qint64 baseMs, qint64 capMs);

private:
    Error audit(qint64 id, const QString &channel, const AlertGroup &group, int attempts,
        const QString &status, const QString &error);

    Database &m_db;
    QString m_holder;
    QString m_actor;
    AuditLog m_audit;
};

} // namespace taskdesk
