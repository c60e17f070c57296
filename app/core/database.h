#pragma once

#include "core/error.h"

#include <QAtomicInt>
#include <QAtomicPointer>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <type_traits>
#include <utility>

namespace taskdesk {

// Where the data lives: a SQLite file (one host) or a PostgreSQL database; for
// another program's job table attached as a source, also a MySQL or MariaDB
// database (never Taskdesk's own).
struct DatabaseLocation
{
    enum class Backend { Sqlite, Postgres, Mysql };

    Backend backend = Backend::Sqlite;
    QString path; // SQLite file
    QString host; // PostgreSQL: a host name or a socket folder; MySQL: a host name
    QString socket; // MySQL: the server's Unix socket file
    int port = -1;
    QString user;
    QString databaseName;
    QString options; // extra libpq options ("sslmode=require"); MySQL: "connect_timeout=5"

    bool isSqlite() const { return backend == Backend::Sqlite; }
    bool isPostgres() const { return backend == Backend::Postgres; }
    bool isMysql() const { return backend == Backend::Mysql; }

    // Accepts a plain path, sqlite:///abs/path.db,
    // postgresql://user@host:port/dbname[?host=/socket/dir&sslmode=…], or
    // mysql://user@host:port/dbname[?socket=/path/mysqld.sock&connect_timeout=…]
    // (mariadb:// is the same). A password in the URL is refused: it belongs to
    // PGPASSWORD or ~/.pgpass, or to the [client] group of ~/.my.cnf.
    static Result<DatabaseLocation> parse(const QString &text);
    // --db beats TASKDESK_DB beats the user's data folder.
    static QString resolve(const QString &fromCommandLine);
    static QString defaultSqlitePath();

    QString display() const; // never contains a password
    // What parse() reads back into this same location, whatever characters the
    // path, host, user or database name hold ('#', '?', '%', blanks, quotes):
    // the absolute path of a SQLite file; a percent-encoded URL with its options
    // for PostgreSQL. What a program started for this database is given.
    QString toText() const;

    // A PostgreSQL connection's settings from this location (host or socket
    // folder, port, user, database, libpq options); unless the URL sets them, a
    // 5 s connect timeout, keepalives, and a 15 s TCP user timeout. MySQL: host
    // or socket, port, user, database, the password of the [client] group of
    // ~/.my.cnf (QMYSQL cannot read option files itself), a connect timeout and
    // CLIENT_FOUND_ROWS (an UPDATE counts the rows it matched, as elsewhere).
    void configure(QSqlDatabase &db) const;
    // The Qt driver of this backend: QSQLITE, QPSQL or QMYSQL.
    QString driverName() const;
    // One statement on a connection of its own, opened and closed for it, outside
    // any transaction: what cannot run inside one or through a prepared statement
    // (CREATE and DROP DATABASE, VACUUM). PostgreSQL and MySQL only.
    Error execAlone(const QString &statement) const;
};

// One database, one connection per thread. Every SQL statement of Taskdesk runs
// through a Database; the dialect tokens of sql() keep the statements the same
// for SQLite and PostgreSQL. A MySQL database is only ever attached (another
// program's): a Taskdesk role on one is refused at open().
class Database final
{
public:
    enum class OpenMode {
        Migrate, // create or upgrade the schema as needed
        NoMigrate, // refuse an older schema instead of changing it
    };

    // Whose database it is. Taskdesk's own is created, migrated and checked
    // (application id, schema version, WAL mode). Another program's (a job
    // table attached as a source) is only connected to: nothing is created,
    // checked or changed in it but the rows an operator's action names, and a
    // missing SQLite file is an error, never a new empty file. Read-only also
    // refuses every write at the connection (SQLite opens the file read-only,
    // PostgreSQL sets default_transaction_read_only).
    enum class Role { Taskdesk, Attached, AttachedReadOnly };

    explicit Database(DatabaseLocation location, Role role = Role::Taskdesk);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The highest version in migrations().
    static int schemaVersion();

    // Opens this thread's connection and checks (or migrates) the schema.
    Error open(OpenMode mode = OpenMode::Migrate, int targetVersion = schemaVersion());
    bool isPostgres() const { return m_location.isPostgres(); }
    bool isMysql() const { return m_location.isMysql(); }
    bool isSqlite() const { return m_location.isSqlite(); }
    bool isAttached() const { return m_role != Role::Taskdesk; }
    const DatabaseLocation &location() const { return m_location; }

    // A thread that must never wait for a connect (a window's): while the
    // server is known not to answer (its last connect failed, or a connection
    // of any thread was lost), that thread gets the last error at once instead
    // of a new connect, which could wait the connect timeout. Another thread's
    // connect that succeeds (probe()) lifts it. PostgreSQL only.
    void setInteractiveThread(QThread *thread) { m_interactive.storeRelaxed(thread); }
    bool isUnreachable() const { return m_unreachable.loadRelaxed() != 0; }
    // How many times a connect succeeded after the server did not answer.
    int recoveries() const { return m_recoveries.loadRelaxed(); }
    // Connects this thread if it has no connection, and asks the server the time.
    Error probe();

    // The calling thread's connection, opened on first use.
    Result<QSqlDatabase> connection();
    // Closes the calling thread's connection (a worker thread calls this before it ends).
    void closeThreadConnection();

    // Replaces the dialect tokens: {NOW} (database clock, ms), {ID} (an
    // auto-increment primary key), {SKIP_LOCKED} (row locks for claims),
    // {FOR_UPDATE} (a row lock taken early, to keep one lock order),
    // {INDEX:name} after a table name (SQLite: use that index; PostgreSQL: nothing),
    // {UUID} (a random UUID as text, a new one per row). On MySQL only {NOW} is
    // replaced: Taskdesk's own statements never run there, and an attached
    // source writes its statements in MySQL's own dialect.
    QString sql(const QString &statement) const;

    // "%text%" with LIKE's wild cards escaped (use with ESCAPE '\\').
    static QString likePattern(const QString &text);
    // Text as both databases keep it; every store binds text through this. A
    // null QString is bound as NULL, which a NOT NULL column refuses (an empty
    // output line lost its whole batch): the result is never null. A NUL ends a
    // string in C APIs and PostgreSQL refuses it in text, and a lone surrogate
    // has no UTF-8 form: each becomes U+FFFD, so the damage stays visible.
    static QString text(const QString &value);
    // The same, but a null QString stays NULL (a nullable column).
    static QVariant textOrNull(const QString &value);

    // A prepared statement on this thread's connection.
    Result<QSqlQuery> prepare(const QString &statement);
    // A statement prepared once per connection and kept for the next call, for
    // the hot paths (a claim, a log line, a heartbeat, a finish): parsing was a
    // third of a claim's time on SQLite, and each PostgreSQL statement cost a
    // PREPARE and a DEALLOCATE round trip around its EXECUTE. Its text must come
    // from a bounded set (it is kept until the connection closes). Bind every
    // value, exec(), and do not keep the pointer across other database calls (a
    // lost connection is reopened without its statements). By default only an
    // INSERT, UPDATE or DELETE without RETURNING is taken; with `ReadToEnd` the
    // caller promises to read every row and finish(), since a kept statement
    // left unfinished would hold SQLite's read snapshot, or after RETURNING its
    // write lock, for as long as it is kept.
    enum class KeptRows { None, ReadToEnd };
    Result<QSqlQuery *> prepareKept(const QString &statement, KeptRows rows = KeptRows::None);
    // Runs a prepared statement; on failure, an Error that says what went wrong.
    Error exec(QSqlQuery &query, const QString &what = {});

    // A statement's values by placeholder name: {{":id", taskId}, {":m", text}}.
    using Values = std::initializer_list<std::pair<const char *, QVariant>>;
    // prepare(), bind `values`, exec(): the query, ready to read its rows (finish()
    // it when rows are left unread), or an Error that says `what` failed.
    Result<QSqlQuery> run(const QString &statement, const QString &what, Values values = {});
    // The same with the values bound by `bind` (a filter's, positional ones).
    Result<QSqlQuery> runWith(const QString &statement, const QString &what,
        const std::function<void(QSqlQuery &)> &bind);
    // prepareKept(), bind `values`, exec(): the kept query, for the hot paths.
    Result<QSqlQuery *> runKept(const QString &statement, const QString &what, Values values,
        KeptRows rows = KeptRows::None);

    // How PostgreSQL plans the statements of a write transaction.
    enum class Plans {
        Default,
        // Without sorts where an index holds the order: a claim reads the next
        // tasks from its index. With statistics taken while the queue was empty,
        // PostgreSQL estimates one waiting task and sorts them all instead, for
        // every claim, until the next ANALYZE (70 ms a claim behind 75,000).
        IndexOrder,
    };

    // Runs `work` inside one write transaction (BEGIN IMMEDIATE on SQLite, START
    // TRANSACTION on MySQL) and commits it; rolls back if `work` returns an
    // error. Retries a few times when another writer holds the database (MySQL:
    // a lock wait timeout or a deadlock).
    Error write(const std::function<Error()> &work, Plans plans = Plans::Default);
    // write() for work that builds a result: each round fills its own copy of
    // `initial`, so a round retried after a busy COMMIT starts clean instead of
    // from what the rolled-back round left behind; the result is what the round
    // that committed built.
    template<typename T>
    Result<T> writeResult(const T &initial,
        const std::function<Error(std::remove_const_t<T> &)> &work, Plans plans = Plans::Default)
    {
        T state = initial;
        Error e = write(
            [&]() -> Error {
                state = initial;
                return work(state);
            },
            plans);
        if (e)
            return e;
        return state;
    }
    // Tests: the next `count` COMMITs of write() on this thread fail as busy
    // ones do (another writer held the database), so that their work runs again.
    static void failCommitsAsBusyForTesting(int count);

    // The database clock in UTC milliseconds.
    Result<qint64> now();

    int currentVersion(); // of the opened schema, -1 if unknown

    // SQLite: whether the file at the path is still the one this Database
    // opened, and not seen damaged. Once it was deleted, replaced or met
    // SQLITE_CORRUPT, this and every later call of any thread fails with that
    // error: nothing more is written, and a deleted file is never made again.
    // One stat(); every write transaction asks, the worker at every tick and
    // the window every second. PostgreSQL: always fine.
    Error checkFile();
    // The full check of `taskdeskctl check`: PRAGMA integrity_check (every page,
    // every index against its table) on a read-only SQLite connection of its own,
    // what a damaged file says about itself (at most `limit` lines; empty when
    // sound). PostgreSQL: connects, and finds nothing (the server keeps its pages).
    Result<QStringList> checkIntegrity(int limit = 100);
    // Files up to this size get PRAGMA quick_check at their first open in a
    // process (measured: see BENCHMARKS.md); larger ones the cheap checks only.
    static constexpr qint64 quickCheckMaxBytes() { return 32LL * 1024 * 1024; }

    // Whether this connection may change tasks: false for a read-only file or a
    // PostgreSQL role without UPDATE on `tasks` (the viewer role).
    Result<bool> canWrite();
    // Whether this connection may add, edit and remove process definitions:
    // on PostgreSQL only the taskdesk_admin role (and the database owner); on
    // SQLite whoever may write the file.
    Result<bool> canEditDefinitions();
    // Whether this connection reads the values of process environments: on
    // PostgreSQL not the viewer role, which sees their names only.
    Result<bool> canReadSecrets();
    // PostgreSQL: creates (or updates) the roles taskdesk_viewer (read only),
    // taskdesk_operator (read and write; the audit log append-only, process
    // definitions read-only but for their desired and actual state) and
    // taskdesk_admin (an operator who may also write process definitions),
    // without login; grant them to users.
    Error createRoles();
    Error errorFrom(const class QSqlError &error, const QString &what = {}) const;

private:
    Error openConnection(QSqlDatabase &db);
    Error mysqlNotOwn() const;
    void noteFailure(const class QSqlError &error);
    Error checkSqliteFile() const;
    Error checkSqliteContents(QSqlDatabase &db, bool firstInProcess);
    Result<int> readSchemaVersion(QSqlDatabase &db) const;
    Error newerSchema(int version) const;
    void setLost(const QString &reason) const;
    Error lostError() const;
    Error migrate(OpenMode mode, int targetVersion);
    QString connectionName() const;

    void setUnreachable(const QString &reason);

    DatabaseLocation m_location;
    Role m_role = Role::Taskdesk;
    int m_serial;
    QAtomicPointer<QThread> m_interactive;
    QAtomicInt m_unreachable;
    QAtomicInt m_recoveries;
    mutable QMutex m_reasonMutex;
    QString m_unreachableReason; // guarded by m_reasonMutex
    // SQLite: the file went away, was replaced or is damaged (checkFile()).
    mutable QAtomicInt m_lost;
    mutable QString m_lostReason; // guarded by m_reasonMutex
    qint64 m_fileDevice = -1; // of the file opened first; guarded by m_reasonMutex
    qint64 m_fileInode = -1;
};

} // namespace taskdesk
