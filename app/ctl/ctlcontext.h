#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/tasks/taskstore.h"
#include "ctl/command.h"

#include <QString>

#include <memory>

namespace taskdesk::ctl {

class Console;

// What every command gets: the global options, the console, and the database
// opened the way the command asked for (Command::Access).
class CtlContext final
{
public:
    explicit CtlContext(Console &console);
    ~CtlContext();
    CtlContext(const CtlContext &) = delete;
    CtlContext &operator=(const CtlContext &) = delete;

    Console &console() { return m_console; }

    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }
    const QString &actor() const { return m_actor; }
    void setActor(const QString &actor) { m_actor = actor; }
    // --db as given (empty: TASKDESK_DB, then the default data folder).
    void setDatabaseText(const QString &text) { m_databaseText = text; }

    // Where the database is; Error::invalid for a malformed location.
    Result<DatabaseLocation> location() const;
    // Opens the database for `access`; never creates one unless Access::Create.
    Error openDatabase(Command::Access access);
    Database &database() { return *m_db; }
    TaskStore &store() { return *m_store; }

    // Prints the error's one line and returns its exit code.
    int fail(const Error &error);

private:
    Console &m_console;
    bool m_json = false;
    QString m_actor;
    QString m_databaseText;
    // The store refers to the database: it goes first.
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TaskStore> m_store;
};

} // namespace taskdesk::ctl
