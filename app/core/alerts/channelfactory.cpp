#include "channelfactory.h"

#include "core/alerts/alertsettings.h"
#include "core/notify/alertchannels.h"

namespace taskdesk {

ChannelFactory defaultChannelFactory()
{
    return [](const AlertChannelConfig &c) -> Result<std::unique_ptr<AlertChannel>> {
        namespace K = AlertSettingKey;
        // The channel's settings as AlertChannels reads them.
        const QMap<QString, QString> values{{QString(K::TelegramToken), c.secretReference},
            {QString(K::TelegramChatId), c.chatId}, {QString(K::TelegramApiUrl), c.apiUrl},
            {QString(K::SlackUrl), c.secretReference}, {QString(K::WebhookUrl), c.secretReference},
            {QString(K::WebhookHmacKey), c.hmacReference}};
        return AlertChannels::make(c.name, values);
    };
}

} // namespace taskdesk
