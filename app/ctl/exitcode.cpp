#include "exitcode.h"

namespace taskdesk::ctl {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return ExitOk;
    case ErrorKind::Refused:
    case ErrorKind::NotFound:
    // A read-only role or file: the database is fine, this operator may not
    // change it. Scripts tell that from a broken database (3).
    case ErrorKind::PermissionDenied:
        return ExitRefused;
    case ErrorKind::Invalid:
        return ExitBadInput;
    case ErrorKind::Database:
        return ExitDatabase;
    }
    return ExitDatabase;
}

} // namespace taskdesk::ctl
