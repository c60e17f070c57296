#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// stuck, cleanup: the stuck report and the operator's clean-up.
void addStuckCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
