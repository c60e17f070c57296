#include "slackchannel.h"

#include "core/notify/alertmessage.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace taskdesk {

SlackChannel::SlackChannel(SecretSource url, QString urlSetting, QObject *parent)
    : HttpAlertChannel(parent)
    , m_url(std::move(url))
    , m_urlSetting(std::move(urlSetting))
{ }

QByteArray SlackChannel::body(const AlertGroup &group) const
{
    QJsonObject object;
    object.insert(QStringLiteral("text"),
        AlertMessage::text(group, AlertMessage::Markup::SlackMrkdwn, AlertMessage::kSlackMaxChars));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<HttpDelivery> SlackChannel::prepare(const AlertGroup &group)
{
    Result<QUrl> url = readSecretUrl(
        m_url, m_urlSetting.isEmpty() ? QStringLiteral("the Slack webhook URL") : m_urlSetting);
    if (!url.ok())
        return url.error();
    HttpDelivery delivery;
    delivery.request = QNetworkRequest(*url);
    delivery.body = body(group);
    delivery.secrets = urlSecrets(*url);
    return delivery;
}

} // namespace taskdesk
