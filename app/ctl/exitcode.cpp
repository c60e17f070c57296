#include "exitcode.h"

namespace taskdesk::ctl {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return ExitOk;
    case ErrorKind::Refused:
    case ErrorKind::NotFound:
        return ExitRefused;
    case ErrorKind::Invalid:
        return ExitBadInput;
    case ErrorKind::PermissionDenied: // a read-only file or role: the database said no
    case ErrorKind::Database:
        return ExitDatabase;
    }
    return ExitDatabase;
}

} // namespace taskdesk::ctl
