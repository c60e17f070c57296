#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>
#include <QVariantList>

#include <functional>

namespace taskdesk::test {

// Where another program keeps its jobs: a SQLite file, or a database on the
// throwaway PostgreSQL (TASKDESK_TEST_PG) or MariaDB (TASKDESK_TEST_MYSQL)
// server that packaging/dev.sh test starts.
enum class JobBackend { Sqlite, Postgres, Mysql };

// The backend a suite runs on: TASKDESK_TEST_BACKEND=postgres or mysql, else SQLite.
JobBackend currentJobBackend();
QString jobBackendName(JobBackend backend);

// A fresh, empty database of another program (a Django app, a FastAPI service,
// a Celery app) for one test, dropped afterwards. The test plays that program
// through the fixture's own raw connection; Taskdesk reaches it through url().
// The creators make the tables in each backend's native types, as those
// frameworks make them; the row helpers take times as UTC milliseconds (0 =
// NULL) and write them in the column's own type:
//   warmup_warmuptask (Django): created_at, started_at, completed_at, updated_at
//     SQLite datetime holding 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC text),
//     PostgreSQL timestamp with time zone, MySQL datetime(6) in UTC; statuses
//     PENDING RUNNING COMPLETED FAILED; items in warmup_warmupaccount (pending
//     running done failed).
//   jobs (FastAPI): created_at, started_at, finished_at SQLite INTEGER epoch
//     seconds and updated_at INTEGER epoch milliseconds; PostgreSQL timestamp
//     without time zone holding UTC; MySQL datetime (whole seconds, UTC);
//     statuses queued running completed failed.
//   reading_sessions: started_at, last_seen_at, ended_at SQLite ISO-8601 text
//     ('2026-12-06T16:00:00.123Z'), PostgreSQL timestamptz, MySQL timestamp(3);
//     is_active SQLite integer 0/1, PostgreSQL boolean, MySQL tinyint(1).
// The raw MySQL connection uses time_zone '+00:00' (the server's own zone is
// another one in the test server, on purpose).
class TestJobDatabase final
{
public:
    explicit TestJobDatabase(JobBackend backend = currentJobBackend());
    ~TestJobDatabase();
    TestJobDatabase(const TestJobDatabase &) = delete;
    TestJobDatabase &operator=(const TestJobDatabase &) = delete;

    // Whether a database of this backend can be made here; if not, why (for QSKIP).
    static bool available(JobBackend backend, QString *whyNot = nullptr);

    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }
    JobBackend backend() const { return m_backend; }
    // The location a source uses: sqlite:///…, postgresql://…, mysql://…?socket=…
    QString url() const { return m_url; }
    // The other program's own connection (made in the thread that made the fixture).
    QSqlDatabase connection() const;
    QString tempPath() const { return m_dir.path(); }

    // Raw SQL with positional (?) values (prepared only when there are values);
    // false (and a warning) on error.
    bool exec(const QString &sql, const QVariantList &values = {});
    // The first column of the first row; an invalid QVariant on error.
    QVariant scalar(const QString &sql, const QVariantList &values = {});

    bool createDjangoTables(); // warmup_warmuptask and warmup_warmupaccount
    bool createJobsTable(); // jobs
    bool createSessionsTable(); // reading_sessions

    // One row each; the new id, or -1. A task that is not PENDING gets
    // started_at (startedMs, or createdMs when 0); COMPLETED and FAILED get
    // completed_at = updatedMs. Its items (one per status, accounts
    // "account-1" …) get started_at when running, done or failed, finished_at
    // when done or failed; progress_total/done count them.
    qint64 addDjangoTask(const QString &status, qint64 createdMs, qint64 startedMs,
        qint64 updatedMs, const QStringList &itemStatuses = {}, const QString &name = {});
    // completed and failed get finished_at = updatedMs.
    qint64 addJob(const QString &status, qint64 createdMs, qint64 startedMs, qint64 updatedMs,
        const QString &kind = QStringLiteral("import"),
        const QString &queue = QStringLiteral("default"));
    qint64 addSession(bool active, qint64 startedMs, qint64 lastSeenMs);

    // `count` rows in one transaction, by multi-row INSERTs: the i-th has
    // status statuses[i % size], is created at firstCreatedMs + i * stepMs,
    // started stepMs / 2 later (unless PENDING / queued) and updated stepMs
    // later; finished ones end then. Sessions: every `activeEvery`-th is active
    // (the others ended at last_seen_at). No items for the Django tasks.
    bool fillDjangoTasks(
        qint64 count, const QStringList &statuses, qint64 firstCreatedMs, qint64 stepMs = 1000);
    bool fillJobs(
        qint64 count, const QStringList &statuses, qint64 firstCreatedMs, qint64 stepMs = 1000);
    bool fillSessions(
        qint64 count, qint64 firstStartedMs, qint64 stepMs = 1000, int activeEvery = 10);

    // A time in the column's own type, as an SQL literal or bound value.
    enum class TimeColumn {
        Django, // SQLite text, PostgreSQL timestamptz, MySQL datetime(6)
        JobSeconds, // SQLite epoch seconds, PostgreSQL timestamp, MySQL datetime
        JobMillis, // jobs.updated_at: SQLite epoch ms, else as JobSeconds
        Session, // SQLite ISO-8601 text, PostgreSQL timestamptz, MySQL timestamp(3)
    };
    QVariant timeValue(TimeColumn column, qint64 ms) const; // 0 = NULL
    // The column read back as UTC milliseconds (NULL = 0), whatever its type.
    qint64 readTime(TimeColumn column, const QString &table, const QString &columnName, qint64 id);

private:
    qint64 insert(const QString &sql, const QVariantList &values);
    bool fill(qint64 count, const QString &head, const std::function<QString(qint64 i)> &row);
    QString literal(const QVariant &value) const;

    JobBackend m_backend;
    QTemporaryDir m_dir;
    QString m_url;
    QString m_serverName; // the database made on a server
    QString m_connectionName;
    bool m_valid = false;
    QString m_error;
};

} // namespace taskdesk::test

// At the top of a test function: fails with the reason if the database was not made.
#define TASKDESK_REQUIRE_JOB_DB(jdb)                                                               \
    do {                                                                                           \
        if (!(jdb).isValid())                                                                      \
            QFAIL(qPrintable((jdb).errorString()));                                                \
    } while (false)
