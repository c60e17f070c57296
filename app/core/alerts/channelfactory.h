#pragma once

#include "core/alerts/alertchannel.h"
#include "core/alerts/alertstore.h"
#include "core/error.h"

#include <functional>
#include <memory>

namespace taskdesk {

// Builds the object that sends to a channel, as its settings say (the secret
// is read by the channel at each delivery, never here). Called in the thread
// that will call deliver(). An error names what is wrong, in one line.
using ChannelFactory
    = std::function<Result<std::unique_ptr<AlertChannel>>(const AlertChannelConfig &config)>;

// The channels of core/notify (Telegram, Slack, the webhook).
ChannelFactory defaultChannelFactory();

} // namespace taskdesk
