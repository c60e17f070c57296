#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// cancel, force-stop, restart, delete: operator actions on one or more tasks.
void addActionCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
