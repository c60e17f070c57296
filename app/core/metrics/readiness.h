#pragma once

#include "core/error.h"
#include "core/supervisor/processstore.h"

#include <QString>

namespace taskdesk {

class Database;

// Whether this host's supervisor is fit to serve, as /readyz says: the
// database answers (on the calling thread's own connection; a SQLite file
// also must still be the one opened), and no supervised program of the host
// is FATAL. Used from one thread, the one that asks.
class Readiness final
{
public:
    Readiness(Database &db, QString host);

    // Empty when ready; else one line that says why not.
    QString notReadyReason();

private:
    Database &m_db;
    ProcessStore m_store;
    QString m_host;
};

} // namespace taskdesk
