#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// stats, audit.
void addReportCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
