#include "alertchannels.h"

#include "core/alerts/alertsettings.h"
#include "core/notify/secret.h"
#include "core/notify/slackchannel.h"
#include "core/notify/telegramchannel.h"
#include "core/notify/webhookchannel.h"

#include <QUrl>

namespace taskdesk {

namespace {

// A secret's reference from the settings, with an error that names the
// setting and what to write there.
Result<SecretSource> reference(
    const QMap<QString, QString> &values, QLatin1String key, const QString &what)
{
    const QString text = values.value(key).trimmed();
    if (text.isEmpty())
        return Error::invalid(QStringLiteral("%1 is not set: name where %2 is read from, "
                                             "env:VARIABLE or file:/path/to/file")
                                  .arg(key, what));
    Result<SecretSource> source = SecretSource::parse(text);
    if (!source.ok())
        return Error::invalid(QString(key) + QStringLiteral(": ") + source.error().message());
    return source;
}

Result<std::unique_ptr<AlertChannel>> telegram(const QMap<QString, QString> &values)
{
    using namespace AlertSettingKey;
    Result<SecretSource> token = reference(values, TelegramToken, QStringLiteral("the bot token"));
    if (!token.ok())
        return token.error();
    const QString chatId = values.value(TelegramChatId).trimmed();
    if (chatId.isEmpty())
        return Error::invalid(QStringLiteral("%1 is not set: the chat's id (a number such as "
                                             "-1001234567890, or @channel_name)")
                                  .arg(TelegramChatId));
    QString api = values.value(TelegramApiUrl).trimmed();
    if (api.isEmpty())
        api = QString::fromLatin1(TelegramChannel::kDefaultApiUrl);
    const QUrl apiUrl(api, QUrl::StrictMode);
    if (!apiUrl.isValid() || apiUrl.host().isEmpty() || apiUrl.hasQuery()
        || (apiUrl.scheme() != QLatin1String("https") && apiUrl.scheme() != QLatin1String("http")))
        return Error::invalid(
            QStringLiteral("%1 is not an http(s) address: %2").arg(TelegramApiUrl, api));
    return std::unique_ptr<AlertChannel>(
        new TelegramChannel(*token, chatId, apiUrl, QString(TelegramToken)));
}

Result<std::unique_ptr<AlertChannel>> slack(const QMap<QString, QString> &values)
{
    using namespace AlertSettingKey;
    Result<SecretSource> url
        = reference(values, SlackUrl, QStringLiteral("the incoming webhook's URL"));
    if (!url.ok())
        return url.error();
    return std::unique_ptr<AlertChannel>(new SlackChannel(*url, QString(SlackUrl)));
}

Result<std::unique_ptr<AlertChannel>> webhook(const QMap<QString, QString> &values)
{
    using namespace AlertSettingKey;
    Result<SecretSource> url = reference(values, WebhookUrl, QStringLiteral("the webhook's URL"));
    if (!url.ok())
        return url.error();
    std::optional<SecretSource> key;
    if (!values.value(WebhookHmacKey).trimmed().isEmpty()) {
        Result<SecretSource> parsed
            = reference(values, WebhookHmacKey, QStringLiteral("the HMAC key"));
        if (!parsed.ok())
            return parsed.error();
        key = *parsed;
    }
    return std::unique_ptr<AlertChannel>(
        new WebhookChannel(*url, key, QString(WebhookUrl), QString(WebhookHmacKey)));
}

} // namespace

bool AlertChannels::isOn(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("yes")
        || v == QLatin1String("1");
}

QStringList AlertChannels::names()
{
    return {QStringLiteral("telegram"), QStringLiteral("slack"), QStringLiteral("webhook")};
}

Result<std::unique_ptr<AlertChannel>> AlertChannels::make(
    const QString &name, const QMap<QString, QString> &values)
{
    if (name == QLatin1String("telegram"))
        return telegram(values);
    if (name == QLatin1String("slack"))
        return slack(values);
    if (name == QLatin1String("webhook"))
        return webhook(values);
    return Error::invalid(QStringLiteral("unknown alert channel '%1' (known: %2)")
                              .arg(name, names().join(QStringLiteral(", "))));
}

AlertChannels AlertChannels::fromSettings(const QMap<QString, QString> &values)
{
    AlertChannels out;
    for (const QString &name : names()) {
        if (!isOn(values.value(QStringLiteral("alerts.") + name)))
            continue;
        Result<std::unique_ptr<AlertChannel>> channel = make(name, values);
        if (channel.ok())
            out.channels.push_back(std::move(channel).value());
        else
            out.errors.push_back(channel.error());
    }
    return out;
}

} // namespace taskdesk
