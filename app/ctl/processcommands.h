#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// processes [list], add, remove, start, stop, restart, output: the process
// definitions that the supervisors run, and their desired state.
void addProcessCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
