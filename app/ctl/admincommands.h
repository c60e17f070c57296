#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// init, version, check.
void addAdminCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
