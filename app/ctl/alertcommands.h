#pragma once

namespace taskdesk::ctl {

class CommandRegistry;

// alerts [list], alerts test, alerts history: the alert rules and channels,
// a test message now, and what fired and was sent.
void addAlertCommands(CommandRegistry &registry);

} // namespace taskdesk::ctl
