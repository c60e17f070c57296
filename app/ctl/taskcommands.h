#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// enqueue, list, show, logs.
void addTaskCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
