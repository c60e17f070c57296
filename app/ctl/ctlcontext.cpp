#include "ctlcontext.h"

#include "ctl/console.h"
#include "ctl/exitcode.h"

#include <QFileInfo>

namespace taskdesk::ctl {

CtlContext::CtlContext(Console &console)
    : m_console(console)
    , m_actor(AuditLog::osUser())
{ }

CtlContext::~CtlContext()
{
    m_store.reset();
    m_db.reset();
}

Result<DatabaseLocation> CtlContext::location() const
{
    Result<DatabaseLocation> loc
        = DatabaseLocation::parse(DatabaseLocation::resolve(m_databaseText));
    // Taskdesk's own database is never a MySQL one (bad input, refused before
    // anything is opened); a MySQL database is only ever a source's.
    if (loc.ok() && loc->isMysql())
        return Database(*loc).open();
    return loc;
}

Error CtlContext::openDatabase(Command::Access access)
{
    if (access == Command::Access::None)
        return {};
    Result<DatabaseLocation> loc = location();
    if (!loc.ok())
        return loc.error();
    const QString noDatabase = QStringLiteral("no database at %1; run 'taskdeskctl init'");

    if (access != Command::Access::Create && loc->backend == DatabaseLocation::Backend::Sqlite) {
        // SQLite would create a missing file on open: look before opening.
        const QFileInfo file(loc->path);
        if (!file.exists() || (file.isFile() && file.size() == 0))
            return Error::database(noDatabase.arg(loc->path));
    }
    m_db = std::make_unique<Database>(*loc);

    if (access != Command::Access::Create && m_db->isPostgres()) {
        // A PostgreSQL database without Taskdesk's tables: say so, create nothing.
        Result<QSqlDatabase> connection = m_db->connection();
        if (!connection.ok())
            return connection.error();
        if (m_db->currentVersion() <= 0)
            return Error::database(
                QStringLiteral("no Taskdesk schema in %1; run 'taskdeskctl init'")
                    .arg(loc->display()));
    }

    const Database::OpenMode mode = access == Command::Access::Read ? Database::OpenMode::NoMigrate
                                                                    : Database::OpenMode::Migrate;
    if (Error e = m_db->open(mode)) {
        // An error of opening is the database's, whatever kind the driver reported.
        if (e.kind() == ErrorKind::Invalid)
            return Error::database(e.message());
        return e;
    }
    if (access == Command::Access::Write || access == Command::Access::Create) {
        // A viewer is refused before the command tries anything, so that a
        // refusal never leaves half of a multi-step command done.
        Result<bool> writable = m_db->canWrite();
        if (!writable.ok())
            return writable.error();
        if (!*writable)
            return Error(ErrorKind::PermissionDenied,
                m_db->isPostgres()
                    ? QStringLiteral("permission denied (read-only role)")
                    : QStringLiteral("permission denied: %1 is read-only").arg(loc->path));
    }
    m_store = std::make_unique<TaskStore>(*m_db, m_actor);
    return {};
}

int CtlContext::fail(const Error &error)
{
    m_console.error(error.message());
    return exitCodeFor(error.kind());
}

} // namespace taskdesk::ctl
