#include "webhookchannel.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>

namespace taskdesk {

namespace {

using Labels = QMap<QString, QString>;

Labels labelsOf(const Alert &alert)
{
    Labels labels = alert.labels;
    if (!labels.contains(QStringLiteral("alertname")) && !alert.rule.isEmpty())
        labels.insert(QStringLiteral("alertname"), alert.rule);
    if (!labels.contains(QStringLiteral("severity")) && !alert.severity.isEmpty())
        labels.insert(QStringLiteral("severity"), alert.severity);
    return labels;
}

Labels annotationsOf(const Alert &alert)
{
    return {{QStringLiteral("summary"), alert.summary},
        {QStringLiteral("description"), alert.description}};
}

// What every map has with the same value (Alertmanager's commonLabels).
Labels common(const QVector<Labels> &maps)
{
    if (maps.isEmpty())
        return {};
    Labels out = maps.first();
    for (const Labels &map : maps) {
        for (auto it = out.begin(); it != out.end();) {
            if (map.value(it.key(), QString()) != it.value() || !map.contains(it.key()))
                it = out.erase(it);
            else
                ++it;
        }
    }
    return out;
}

QJsonObject toJson(const Labels &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace

WebhookChannel::WebhookChannel(SecretSource url, std::optional<SecretSource> hmacKey,
    QString urlSetting, QString keySetting, QObject *parent)
    : HttpAlertChannel(parent)
    , m_url(std::move(url))
    , m_hmacKey(std::move(hmacKey))
    , m_urlSetting(std::move(urlSetting))
    , m_keySetting(std::move(keySetting))
{ }

QString WebhookChannel::rfc3339(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("0001-01-01T00:00:00Z");
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray WebhookChannel::body(const AlertGroup &group)
{
    const qsizetype sent = qMin<qsizetype>(group.alerts.size(), kMaxAlerts);
    QVector<Labels> labels;
    QVector<Labels> annotations;
    QJsonArray alerts;
    for (qsizetype i = 0; i < group.alerts.size(); ++i) {
        const Alert &alert = group.alerts.at(i);
        labels << labelsOf(alert);
        annotations << annotationsOf(alert);
        if (i >= sent)
            continue;
        QJsonObject object;
        object.insert(QStringLiteral("status"),
            alert.resolved() ? QStringLiteral("resolved") : QStringLiteral("firing"));
        object.insert(QStringLiteral("labels"), toJson(labels.last()));
        object.insert(QStringLiteral("annotations"), toJson(annotations.last()));
        object.insert(QStringLiteral("startsAt"), rfc3339(alert.startsAt));
        object.insert(QStringLiteral("endsAt"), rfc3339(alert.endsAt));
        object.insert(QStringLiteral("generatorURL"), QString());
        object.insert(QStringLiteral("fingerprint"), alert.fingerprint);
        alerts.append(object);
    }
    const Labels commonLabels = common(labels);
    Labels groupLabels;
    if (commonLabels.contains(QStringLiteral("alertname")))
        groupLabels.insert(
            QStringLiteral("alertname"), commonLabels.value(QStringLiteral("alertname")));

    QJsonObject object;
    object.insert(QStringLiteral("version"), QStringLiteral("4"));
    object.insert(QStringLiteral("groupKey"), group.groupKey);
    object.insert(QStringLiteral("truncatedAlerts"), qint64(group.alerts.size() - sent));
    object.insert(QStringLiteral("status"), group.status());
    object.insert(QStringLiteral("receiver"), QStringLiteral("taskdesk"));
    object.insert(QStringLiteral("groupLabels"), toJson(groupLabels));
    object.insert(QStringLiteral("commonLabels"), toJson(commonLabels));
    object.insert(QStringLiteral("commonAnnotations"), toJson(common(annotations)));
    object.insert(QStringLiteral("externalURL"), QString());
    object.insert(QStringLiteral("alerts"), alerts);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray WebhookChannel::signature(
    const QByteArray &key, const QByteArray &timestamp, const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(timestamp);
    mac.addData(".", 1);
    mac.addData(body);
    return QByteArray("sha256=") + mac.result().toHex();
}

Result<HttpDelivery> WebhookChannel::prepare(const AlertGroup &group)
{
    Result<QUrl> url = readSecretUrl(
        m_url, m_urlSetting.isEmpty() ? QStringLiteral("the webhook URL") : m_urlSetting);
    if (!url.ok())
        return url.error();
    HttpDelivery delivery;
    delivery.request = QNetworkRequest(*url);
    delivery.body = body(group);
    delivery.secrets = urlSecrets(*url);
    if (m_hmacKey) {
        Result<QByteArray> key = m_hmacKey->read();
        if (!key.ok())
            return Error::invalid(
                (m_keySetting.isEmpty() ? QStringLiteral("the webhook's HMAC key") : m_keySetting)
                + QStringLiteral(": ") + key.error().message());
        const QByteArray timestamp = QByteArray::number(QDateTime::currentMSecsSinceEpoch() / 1000);
        delivery.request.setRawHeader(kTimestampHeader, timestamp);
        delivery.request.setRawHeader(kSignatureHeader, signature(*key, timestamp, delivery.body));
        delivery.secrets << *key;
    }
    return delivery;
}

} // namespace taskdesk
