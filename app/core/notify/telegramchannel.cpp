#include "telegramchannel.h"

#include "core/notify/alertmessage.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace taskdesk {

TelegramChannel::TelegramChannel(
    SecretSource token, QString chatId, QUrl apiUrl, QString tokenSetting, QObject *parent)
    : HttpAlertChannel(parent)
    , m_token(std::move(token))
    , m_chatId(std::move(chatId))
    , m_apiUrl(std::move(apiUrl))
    , m_tokenSetting(std::move(tokenSetting))
{ }

QByteArray TelegramChannel::body(const AlertGroup &group) const
{
    QJsonObject object;
    bool numeric = false;
    const qint64 chat = m_chatId.toLongLong(&numeric);
    object.insert(QStringLiteral("chat_id"), numeric ? QJsonValue(chat) : QJsonValue(m_chatId));
    object.insert(QStringLiteral("text"),
        AlertMessage::text(
            group, AlertMessage::Markup::TelegramHtml, AlertMessage::kTelegramMaxChars));
    object.insert(QStringLiteral("parse_mode"), QStringLiteral("HTML"));
    object.insert(QStringLiteral("disable_web_page_preview"), true);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<HttpDelivery> TelegramChannel::prepare(const AlertGroup &group)
{
    const QString setting
        = m_tokenSetting.isEmpty() ? QStringLiteral("the Telegram bot token") : m_tokenSetting;
    Result<QByteArray> token = m_token.read();
    if (!token.ok())
        return Error::invalid(setting + QStringLiteral(": ") + token.error().message());
    // A token goes into the URL's path: anything but Telegram's form ("123:ABC-_")
    // could change where the request goes.
    static const QRegularExpression form(QStringLiteral("^[0-9]{1,20}:[A-Za-z0-9_-]{1,200}$"));
    if (!form.match(QString::fromLatin1(*token)).hasMatch())
        return Error::invalid(setting
            + QStringLiteral(": what %1 holds is not a Telegram bot "
                             "token (digits, a colon, letters)")
                  .arg(m_token.reference()));

    QUrl url = m_apiUrl;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/bot") + QString::fromLatin1(*token)
        + QStringLiteral("/sendMessage"));

    HttpDelivery delivery;
    delivery.request = QNetworkRequest(url);
    delivery.body = body(group);
    delivery.secrets = {*token};
    return delivery;
}

void TelegramChannel::readAnswer(DeliveryResult &result, const QByteArray &body) const
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    if (result.ok) {
        if (answer.value(QStringLiteral("ok")).toBool())
            return;
        result.ok = false;
        result.error = QStringLiteral("Telegram did not confirm the message");
    }
    const QString description = answer.value(QStringLiteral("description")).toString();
    if (!description.isEmpty())
        result.error += QStringLiteral(": ") + answerSnippet(description.toUtf8());
    else
        HttpAlertChannel::readAnswer(result, body);
    const qint64 retryAfterS = answer.value(QStringLiteral("parameters"))
                                   .toObject()
                                   .value(QStringLiteral("retry_after"))
                                   .toInteger();
    if (retryAfterS > 0)
        result.retryAfterMs = qMin(retryAfterS * 1000, kMaxRetryAfterMs);
}

} // namespace taskdesk
