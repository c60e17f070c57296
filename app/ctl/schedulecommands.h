#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// schedules [list], add, enable, disable, remove: what the scheduler enqueues, and when.
void addScheduleCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
