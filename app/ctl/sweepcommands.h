#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// sweep [--dry-run]: one pass of the sweeper now; settings [list], set, reset:
// the sweeper's and the scheduler's rules.
void addSweepCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
