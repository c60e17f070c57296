#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// supervise: the Supervisor, the Sweeper and the Scheduler, headless, until
// SIGTERM or SIGINT (what packaging/systemd/taskdesk-supervise.service runs).
void addSuperviseCommand(CommandRegistry &registry);

} // namespace taskdesk::ctl
