#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// workers: the workers table, as the workers themselves keep it.
void addWorkerCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
