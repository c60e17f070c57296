#include "channelfactory.h"

namespace taskdesk {

ChannelFactory defaultChannelFactory()
{
    return [](const AlertChannelConfig &config) -> Result<std::unique_ptr<AlertChannel>> {
        return Error::invalid(QStringLiteral("this build cannot send to %1 yet").arg(config.name));
    };
}

} // namespace taskdesk
