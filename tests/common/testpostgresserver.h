#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace taskdesk::test {

// A private, throwaway PostgreSQL server for one test: initdb into a temporary
// folder, a Unix socket in that folder and no TCP at all, fsync off. Tests that
// stop and start a server (a restart in the middle of work) use this one, never
// the shared server that other suites run against.
//
// The binaries come from TASKDESK_TEST_PG_BIN, else from the newest
// /usr/lib/postgresql/*/bin. PostgreSQL refuses to run as root: as root, the
// folder is given to `nobody` and every server command runs through
// `runuser -u nobody --`. The server is stopped (immediately) and its folder
// removed when the object goes.
class TestPostgresServer final
{
public:
    TestPostgresServer();
    ~TestPostgresServer();
    TestPostgresServer(const TestPostgresServer &) = delete;
    TestPostgresServer &operator=(const TestPostgresServer &) = delete;

    // The folder of initdb and pg_ctl, or empty if none is installed.
    static QString findBinDir();

    // initdb, then start(). False: errorString() says why.
    bool init();
    // pg_ctl start, waiting until the server accepts connections.
    bool start();
    // pg_ctl stop -m fast: open connections are cut, as in a real restart.
    bool stop();
    bool isRunning() const { return m_running; }

    // CREATE DATABASE on this server; false and errorString() on failure.
    bool createDatabase(const QString &name);
    // The URL of a database on this server (for Database and for --db).
    QString url(const QString &database = QStringLiteral("postgres")) const;
    QString socketDir() const { return m_dir.path(); }
    QString logText() const; // the server's log, for failure messages
    QString errorString() const { return m_error; }

private:
    // Runs a server binary (as `nobody` when we are root); false on failure.
    bool run(const QString &binary, const QStringList &args, int timeoutMs);

    QTemporaryDir m_dir;
    QString m_bin;
    QString m_error;
    bool m_asNobody = false;
    bool m_initialized = false;
    bool m_running = false;
    static constexpr int kPort = 5432; // the socket's name only: no TCP
};

} // namespace taskdesk::test
