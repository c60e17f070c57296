#pragma once

#include "core/notify/httpalertchannel.h"
#include "core/notify/secret.h"

#include <QString>
#include <QUrl>

namespace taskdesk {

// Telegram's Bot API: POST {api}/bot{token}/sendMessage with a JSON body
// (chat_id, text in parse_mode HTML, no link previews). The token is read at
// each delivery (a rotated file works at once) and is part of the URL, so it
// is scrubbed from every error line. A 429's parameters.retry_after is
// honoured.
class TelegramChannel final : public HttpAlertChannel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TelegramChannel)

public:
    static constexpr auto kDefaultApiUrl = "https://api.telegram.org";

    // `tokenSetting` names the setting the token's reference came from, for
    // the error line when it cannot be read.
    TelegramChannel(SecretSource token, QString chatId, QUrl apiUrl,
        QString tokenSetting = QString(), QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("telegram"); }

    // The JSON body for a group (what a test checks).
    QByteArray body(const AlertGroup &group) const;

protected:
    QString receiverName() const override { return QStringLiteral("Telegram"); }
    Result<HttpDelivery> prepare(const AlertGroup &group) override;
    void readAnswer(DeliveryResult &result, const QByteArray &body) const override;

private:
    SecretSource m_token;
    QString m_chatId;
    QUrl m_apiUrl;
    QString m_tokenSetting;
};

} // namespace taskdesk
