#pragma once

#include <QLoggingCategory>

namespace taskdesk {

// The worker's own events (its stderr): claims, exits, lost leases, shutdown.
Q_DECLARE_LOGGING_CATEGORY(lcWorker)

} // namespace taskdesk
