#pragma once

#include "core/notify/httpalertchannel.h"
#include "core/notify/secret.h"

#include <QString>

namespace taskdesk {

// A Slack incoming webhook: POST {"text": …} in mrkdwn. The webhook's URL is
// its secret: read at each delivery, never shown (only the setting and the
// reference it is read from are).
class SlackChannel final : public HttpAlertChannel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlackChannel)

public:
    explicit SlackChannel(
        SecretSource url, QString urlSetting = QString(), QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("slack"); }

    QByteArray body(const AlertGroup &group) const;

protected:
    QString receiverName() const override { return QStringLiteral("Slack"); }
    Result<HttpDelivery> prepare(const AlertGroup &group) override;

private:
    SecretSource m_url;
    QString m_urlSetting;
};

} // namespace taskdesk
