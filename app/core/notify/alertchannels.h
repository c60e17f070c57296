#pragma once

#include "core/alerts/alertchannel.h"
#include "core/error.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace taskdesk {

// The channels the settings turn on (Telegram, Slack, the webhook; the tray
// is the desktop's own), made from Settings::values(). Each secret is kept as
// its reference and read at every delivery, so a rotated file or a changed
// variable takes effect without a restart.
struct AlertChannels
{
    std::vector<std::unique_ptr<AlertChannel>> channels;
    // One per channel that is on but cannot work (a missing chat id, a
    // secret's reference that is not env:/file:), naming the setting. Such a
    // channel is left out; the others are made.
    std::vector<Error> errors;

    static AlertChannels fromSettings(const QMap<QString, QString> &values);
    // The channels that fromSettings() knows: "telegram", "slack", "webhook".
    static QStringList names();
    // One channel, on or off in the settings (a test alert to one channel).
    static Result<std::unique_ptr<AlertChannel>> make(
        const QString &name, const QMap<QString, QString> &values);
    static bool isOn(const QString &value);
};

} // namespace taskdesk
