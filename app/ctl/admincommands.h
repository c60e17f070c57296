#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// init, version.
void addAdminCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
