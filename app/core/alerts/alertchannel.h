#pragma once

#include "core/alerts/alert.h"

#include <QObject>
#include <QString>

#include <functional>

namespace taskdesk {

// How one delivery attempt went.
struct DeliveryResult
{
    bool ok = false;
    // Worth another attempt: a connection error, a time-out, HTTP 429 or 5xx.
    // A 4xx other than 429 (a wrong chat id, a revoked webhook) is not.
    bool retryable = false;
    // What the receiver asked for (Telegram's parameters.retry_after, or a
    // Retry-After header), in ms; 0 when it named none.
    qint64 retryAfterMs = 0;
    int httpStatus = 0; // 0 when no response came
    // One line for the operator, the audit log and taskdeskctl. Never holds a
    // secret: no token, no URL with a key, no HMAC key.
    QString error;
};

// A place alerts go: Telegram, Slack, a webhook. One delivery at a time per
// channel object; it lives in the thread that calls deliver() (it owns a
// QNetworkAccessManager there) and calls `done` exactly once, from that
// thread's event loop, also on a time-out.
class AlertChannel : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const DeliveryResult &)>;

    using QObject::QObject;
    ~AlertChannel() override = default;

    // "telegram", "slack", "webhook": what the database, the audit log and
    // the metrics name it.
    virtual QString name() const = 0;
    virtual void deliver(const AlertGroup &group, Done done) = 0;
};

} // namespace taskdesk
