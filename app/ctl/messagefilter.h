#pragma once

namespace taskdesk::ctl {

// Keeps Qt's own chatter that says nothing to an operator off standard error,
// where every problem of taskdeskctl is one line; everything else passes on.
void installMessageFilter();

} // namespace taskdesk::ctl
