#pragma once

#include "core/error.h"

namespace taskdesk::ctl {

// The exit codes of taskdeskctl, a documented contract for scripts (docs/cli.md).
enum ExitCode : int {
    ExitOk = 0,
    ExitRefused = 1, // refused by the state machine, no such task, or permission denied
    ExitBadInput = 2, // bad usage or bad input; nothing was changed
    ExitDatabase = 3, // the database could not be opened, read or written
};

int exitCodeFor(ErrorKind kind);

} // namespace taskdesk::ctl
