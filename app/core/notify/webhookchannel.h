#pragma once

#include "core/notify/httpalertchannel.h"
#include "core/notify/secret.h"

#include <QString>

#include <optional>

namespace taskdesk {

// A generic webhook whose body is Alertmanager's webhook payload, version "4",
// so that receivers made for Alertmanager take it as it is:
//
//   {"version":"4","groupKey":…,"truncatedAlerts":0,"status":"firing"|"resolved",
//    "receiver":"taskdesk","groupLabels":{…},"commonLabels":{…},
//    "commonAnnotations":{…},"externalURL":"",
//    "alerts":[{"status":…,"labels":{alertname,severity,…},
//               "annotations":{"summary":…,"description":…},
//               "startsAt":"2026-12-06T20:13:33.123Z",
//               "endsAt":"0001-01-01T00:00:00Z" while firing,
//               "generatorURL":"","fingerprint":…}]}
//
// Signature, when an HMAC key is configured: two headers
//
//   X-Taskdesk-Timestamp: <Unix time of sending, in seconds>
//   X-Taskdesk-Signature: sha256=<lower-case hex of HMAC-SHA256(key, T + "." + body)>
//
// where T is the timestamp header's value as sent and body the exact bytes of
// the request body. A receiver recomputes it over the bytes it got, compares
// in constant time, and refuses a timestamp older than a few minutes (a replay).
class WebhookChannel final : public HttpAlertChannel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookChannel)

public:
    static constexpr int kMaxAlerts = 1000; // more go as truncatedAlerts
    static constexpr auto kTimestampHeader = "X-Taskdesk-Timestamp";
    static constexpr auto kSignatureHeader = "X-Taskdesk-Signature";

    // No hmacKey: sent unsigned.
    WebhookChannel(SecretSource url, std::optional<SecretSource> hmacKey,
        QString urlSetting = QString(), QString keySetting = QString(), QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("webhook"); }

    static QByteArray body(const AlertGroup &group);
    // "sha256=<hex>" over timestamp + "." + body.
    static QByteArray signature(
        const QByteArray &key, const QByteArray &timestamp, const QByteArray &body);
    // RFC 3339 in UTC with milliseconds; 0 is Go's zero time, as Alertmanager
    // writes an endsAt it does not know.
    static QString rfc3339(qint64 ms);

protected:
    QString receiverName() const override { return QStringLiteral("The webhook"); }
    Result<HttpDelivery> prepare(const AlertGroup &group) override;

private:
    SecretSource m_url;
    std::optional<SecretSource> m_hmacKey;
    QString m_urlSetting;
    QString m_keySetting;
};

} // namespace taskdesk
