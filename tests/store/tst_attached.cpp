// Another program's database attached as a source: the three job tables of
// real frameworks in each backend's own types (SQLite, PostgreSQL, MySQL), and
// Taskdesk's connection to them (Database::Role::Attached and
// AttachedReadOnly): it tells the time, counts matched rows, rolls back,
// refuses writes when read-only, and never creates or owns what it attaches.

#include "core/database.h"
#include "testdatabase.h"
#include "testjobdatabase.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

// 2026-12-06 16:00:00.123 UTC
constexpr qint64 kT0 = 1796572800123LL;

std::unique_ptr<Database> attach(const QString &url, Database::Role role = Database::Role::Attached)
{
    Result<DatabaseLocation> loc = DatabaseLocation::parse(url);
    if (!loc.ok()) {
        qWarning("%s", qPrintable(loc.error().message()));
        return nullptr;
    }
    return std::make_unique<Database>(*loc, role);
}

} // namespace

class AttachedTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void djangoTasksReadBackInTheirOwnTypes();
    void fastapiJobsReadBackInTheirOwnTypes();
    void readingSessionsReadBackInTheirOwnTypes();
    void bulkFillWritesEveryRow();

    void anAttachedDatabaseTellsTheServerTime();
    void aWriteCountsTheRowsItMatched();
    void aRolledBackWriteChangesNothing();
    void aReadOnlyAttachmentRefusesWrites();
    void aMysqlLockWaitRunsTheWorkAgain();
    void aMissingSqliteFileIsRefusedAndNotCreated();
    void mysqlReadsItsPasswordFromTheOptionFile();

    void parseMysql_data();
    void parseMysql();
    void mysqlToTextReadsBackTheSameLocation_data();
    void mysqlToTextReadsBackTheSameLocation();
    void taskdesksOwnDatabaseIsNeverMysql();

private:
    JobBackend m_backend = JobBackend::Sqlite;
};

void AttachedTest::initTestCase()
{
    m_backend = currentJobBackend();
    qInfo("another program's database on %s", qPrintable(jobBackendName(m_backend)));
}

void AttachedTest::djangoTasksReadBackInTheirOwnTypes()
{
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    QVERIFY(jdb.createDjangoTables());
    const qint64 pending = jdb.addDjangoTask(QStringLiteral("PENDING"), kT0, 0, kT0);
    const qint64 running = jdb.addDjangoTask(QStringLiteral("RUNNING"), kT0, kT0 + 1500, kT0 + 2750,
        {QStringLiteral("done"), QStringLiteral("running"), QStringLiteral("pending")},
        QStringLiteral("Warm-up of 3 accounts"));
    const qint64 failed = jdb.addDjangoTask(QStringLiteral("FAILED"), kT0, kT0 + 1, kT0 + 9999);
    QVERIFY(pending > 0 && running > pending && failed > running);

    using T = TestJobDatabase::TimeColumn;
    const QString task = QStringLiteral("warmup_warmuptask");
    QCOMPARE(jdb.readTime(T::Django, task, QStringLiteral("created_at"), running), kT0);
    QCOMPARE(jdb.readTime(T::Django, task, QStringLiteral("started_at"), running), kT0 + 1500);
    QCOMPARE(jdb.readTime(T::Django, task, QStringLiteral("updated_at"), running), kT0 + 2750);
    QCOMPARE(jdb.readTime(T::Django, task, QStringLiteral("started_at"), pending), 0);
    QCOMPARE(jdb.readTime(T::Django, task, QStringLiteral("completed_at"), running), 0);
    QCOMPARE(jdb.readTime(T::Django, task, QStringLiteral("completed_at"), failed), kT0 + 9999);

    // Each backend's own type: Django's text on SQLite, a time stamp elsewhere.
    const QVariant created = jdb.scalar(
        QStringLiteral("SELECT created_at FROM warmup_warmuptask WHERE id = ?"), {running});
    if (m_backend == JobBackend::Sqlite)
        QCOMPARE(created.toString(), QStringLiteral("2026-12-06 16:00:00.123000"));
    else
        QCOMPARE(created.metaType().id(), int(QMetaType::QDateTime));
    QCOMPARE(
        jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {running})
            .toString(),
        QStringLiteral("RUNNING"));
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT progress_total FROM warmup_warmuptask WHERE id = ?"),
                    {running})
                 .toInt(),
        3);
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT progress_done FROM warmup_warmuptask WHERE id = ?"),
                    {running})
                 .toInt(),
        1);
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = ?"), {pending})
                 .toString(),
        QString());
    QVERIFY(jdb.scalar(QStringLiteral("SELECT error_message FROM warmup_warmuptask WHERE id = ?"),
                   {pending})
                .isNull());

    // Items: lower-case statuses; started when running or done.
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM warmup_warmupaccount WHERE task_id "
                                       "= ? AND started_at IS NOT NULL"),
                    {running})
                 .toInt(),
        2);
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM warmup_warmupaccount WHERE task_id "
                                       "= ? AND finished_at IS NOT NULL AND status = 'done'"),
                    {running})
                 .toInt(),
        1);
    // The foreign key holds where the backend enforces it (SQLite only with
    // PRAGMA foreign_keys, which Django turns on but the fixture's raw
    // connection does not).
    if (m_backend != JobBackend::Sqlite) {
        QSqlQuery q(jdb.connection());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO warmup_warmupaccount (task_id, account, "
                                       "status, log) VALUES (999999, 'x', 'pending', '')")));
    }
}

void AttachedTest::fastapiJobsReadBackInTheirOwnTypes()
{
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    QVERIFY(jdb.createJobsTable());
    // Whole seconds where a column keeps seconds (SQLite epoch seconds, MySQL
    // datetime); updated_at keeps milliseconds on SQLite.
    const qint64 created = 1796572800000LL;
    const qint64 queued = jdb.addJob(QStringLiteral("queued"), created, 0, created + 123);
    const qint64 done = jdb.addJob(QStringLiteral("completed"), created, created + 2000,
        created + 5000, QStringLiteral("export"), QStringLiteral("slow"));
    QVERIFY(queued > 0 && done > queued);

    using T = TestJobDatabase::TimeColumn;
    QCOMPARE(
        jdb.readTime(T::JobSeconds, QStringLiteral("jobs"), QStringLiteral("created_at"), done),
        created);
    QCOMPARE(
        jdb.readTime(T::JobSeconds, QStringLiteral("jobs"), QStringLiteral("started_at"), done),
        created + 2000);
    QCOMPARE(
        jdb.readTime(T::JobSeconds, QStringLiteral("jobs"), QStringLiteral("finished_at"), done),
        created + 5000);
    QCOMPARE(
        jdb.readTime(T::JobSeconds, QStringLiteral("jobs"), QStringLiteral("started_at"), queued),
        0);
    const qint64 updated
        = jdb.readTime(T::JobMillis, QStringLiteral("jobs"), QStringLiteral("updated_at"), queued);
    if (m_backend == JobBackend::Mysql)
        QCOMPARE(updated, created); // datetime keeps whole seconds
    else
        QCOMPARE(updated, created + 123);

    const QVariant raw
        = jdb.scalar(QStringLiteral("SELECT created_at FROM jobs WHERE id = ?"), {done});
    if (m_backend == JobBackend::Sqlite)
        QCOMPARE(raw.toLongLong(), created / 1000);
    else
        QCOMPARE(raw.metaType().id(), int(QMetaType::QDateTime));
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT queue FROM jobs WHERE id = ?"), {done}).toString(),
        QStringLiteral("slow"));
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM jobs WHERE id = ?"), {done}).toString(),
        QStringLiteral("completed"));
}

void AttachedTest::readingSessionsReadBackInTheirOwnTypes()
{
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    QVERIFY(jdb.createSessionsTable());
    const qint64 active = jdb.addSession(true, kT0, kT0 + 60000);
    const qint64 ended = jdb.addSession(false, kT0, kT0 + 1);
    QVERIFY(active > 0 && ended > active);

    using T = TestJobDatabase::TimeColumn;
    const QString table = QStringLiteral("reading_sessions");
    QCOMPARE(jdb.readTime(T::Session, table, QStringLiteral("started_at"), active), kT0);
    QCOMPARE(jdb.readTime(T::Session, table, QStringLiteral("last_seen_at"), active), kT0 + 60000);
    QCOMPARE(jdb.readTime(T::Session, table, QStringLiteral("ended_at"), active), 0);
    QCOMPARE(jdb.readTime(T::Session, table, QStringLiteral("ended_at"), ended), kT0 + 1);

    const QVariant flag = jdb.scalar(
        QStringLiteral("SELECT is_active FROM reading_sessions WHERE id = ?"), {active});
    QCOMPARE(flag.toBool(), true);
    QCOMPARE(
        jdb.scalar(QStringLiteral("SELECT is_active FROM reading_sessions WHERE id = ?"), {ended})
            .toBool(),
        false);
    // PostgreSQL's boolean is a bool; MySQL's tinyint(1) comes back an int
    // through QMYSQL; SQLite's an integer.
    if (m_backend == JobBackend::Postgres)
        QCOMPARE(flag.metaType().id(), int(QMetaType::Bool));
    else
        QVERIFY2(flag.metaType().id() != int(QMetaType::Bool), flag.metaType().name());
    if (m_backend == JobBackend::Sqlite)
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT started_at FROM reading_sessions WHERE id = ?"),
                        {active})
                     .toString(),
            QStringLiteral("2026-12-06T16:00:00.123Z"));
}

void AttachedTest::bulkFillWritesEveryRow()
{
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    QVERIFY(jdb.createDjangoTables());
    QVERIFY(jdb.createJobsTable());
    QVERIFY(jdb.createSessionsTable());
    const QStringList django{QStringLiteral("PENDING"), QStringLiteral("RUNNING"),
        QStringLiteral("COMPLETED"), QStringLiteral("FAILED")};
    QVERIFY(jdb.fillDjangoTasks(2500, django, kT0));
    QVERIFY(jdb.fillJobs(2500,
        {QStringLiteral("queued"), QStringLiteral("running"), QStringLiteral("completed")}, kT0));
    QVERIFY(jdb.fillSessions(2500, kT0));
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM warmup_warmuptask")).toInt(), 2500);
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM warmup_warmuptask WHERE status = "
                                       "'PENDING' AND started_at IS NULL"))
                 .toInt(),
        625);
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE finished_at IS NOT NULL"))
                 .toInt(),
        833);
    QCOMPARE(
        jdb.scalar(QStringLiteral("SELECT count(*) FROM reading_sessions WHERE ended_at IS NULL"))
            .toInt(),
        250);
    using T = TestJobDatabase::TimeColumn;
    const qint64 last
        = jdb.scalar(QStringLiteral("SELECT max(id) FROM warmup_warmuptask")).toLongLong();
    QCOMPARE(jdb.readTime(T::Django, QStringLiteral("warmup_warmuptask"),
                 QStringLiteral("created_at"), last),
        kT0 + 2499 * 1000);
}

void AttachedTest::anAttachedDatabaseTellsTheServerTime()
{
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    std::unique_ptr<Database> db = attach(jdb.url());
    QVERIFY(db);
    QVERIFY2(!db->open(), qPrintable(db->open().message()));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    Result<qint64> now = db->now();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(now.ok(), qPrintable(now.error().message()));
    // UTC milliseconds, whatever the server's own zone (the MariaDB test
    // server's is +03:00).
    QVERIFY2(*now >= before - 2000 && *now <= after + 2000,
        qPrintable(QStringLiteral("%1 not within [%2, %3]").arg(*now).arg(before).arg(after)));
    if (m_backend == JobBackend::Mysql) {
        // A TIMESTAMP column reads in the session's zone: UTC, not the
        // server's +03:00, or every time of a source would be three hours off.
        QVERIFY(jdb.createSessionsTable());
        const qint64 id = jdb.addSession(true, kT0, kT0);
        Result<QSqlQuery> q
            = db->run(QStringLiteral("SELECT CAST(started_at AS CHAR), @@session.time_zone FROM "
                                     "reading_sessions WHERE id = :id"),
                QStringLiteral("read"), {{":id", id}});
        QVERIFY2(q.ok(), qPrintable(q.error().message()));
        QVERIFY(q.value().next());
        QCOMPARE(q.value().value(0).toString(), QStringLiteral("2026-12-06 16:00:00.123"));
        QCOMPARE(q.value().value(1).toString(), QStringLiteral("+00:00"));
        q.value().finish();
    }
    // Nothing of Taskdesk's was made in it.
    QCOMPARE(db->isAttached(), true);
    if (m_backend == JobBackend::Sqlite)
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name NOT "
                                           "LIKE 'reading_sessions%'"))
                     .toInt(),
            0);
    else
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE "
                                           "table_name = 'schema_migrations'"))
                     .toInt(),
            0);
}

void AttachedTest::aWriteCountsTheRowsItMatched()
{
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    QVERIFY(jdb.createDjangoTables());
    const qint64 id = jdb.addDjangoTask(QStringLiteral("RUNNING"), kT0, kT0, kT0);
    jdb.addDjangoTask(QStringLiteral("RUNNING"), kT0, kT0, kT0);
    std::unique_ptr<Database> db = attach(jdb.url());
    QVERIFY(db && !db->open());

    // The same value again: matched, though nothing changes (MySQL counts it
    // only with CLIENT_FOUND_ROWS).
    int same = -1;
    int changed = -1;
    int none = -1;
    Error e = db->write([&]() -> Error {
        Result<QSqlQuery> q = db->run(
            QStringLiteral("UPDATE warmup_warmuptask SET status = 'RUNNING' WHERE id = :id AND "
                           "status = 'RUNNING'"),
            QStringLiteral("same"), {{":id", id}});
        if (!q.ok())
            return q.error();
        same = q.value().numRowsAffected();
        q = db->run(QStringLiteral("UPDATE warmup_warmuptask SET status = 'FAILED', "
                                   "error_message = :m WHERE id = :id AND status = 'RUNNING'"),
            QStringLiteral("fail"),
            {{":id", id}, {":m", QStringLiteral("stopped by an operator")}});
        if (!q.ok())
            return q.error();
        changed = q.value().numRowsAffected();
        q = db->run(QStringLiteral("UPDATE warmup_warmuptask SET status = 'FAILED' WHERE id = :id "
                                   "AND status = 'RUNNING'"),
            QStringLiteral("again"), {{":id", id}});
        if (!q.ok())
            return q.error();
        none = q.value().numRowsAffected();
        return {};
    });
    QVERIFY2(!e, qPrintable(e.message()));
    QCOMPARE(same, 1);
    QCOMPARE(changed, 1);
    QCOMPARE(none, 0);
    // Committed: the program sees it on its own connection.
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {id})
                 .toString(),
        QStringLiteral("FAILED"));
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM warmup_warmuptask WHERE status = "
                                       "'RUNNING'"))
                 .toInt(),
        1);
}

void AttachedTest::aRolledBackWriteChangesNothing()
{
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    QVERIFY(jdb.createJobsTable());
    const qint64 id = jdb.addJob(QStringLiteral("running"), kT0, kT0, kT0);
    std::unique_ptr<Database> db = attach(jdb.url());
    QVERIFY(db && !db->open());
    int matched = -1;
    Error e = db->write([&]() -> Error {
        Result<QSqlQuery> q = db->run(
            QStringLiteral(
                "UPDATE jobs SET status = 'failed' WHERE id = :id AND status = 'running'"),
            QStringLiteral("fail"), {{":id", id}});
        if (!q.ok())
            return q.error();
        matched = q.value().numRowsAffected();
        return Error::refused(QStringLiteral("changed my mind"));
    });
    QCOMPARE(e.message(), QStringLiteral("changed my mind"));
    QCOMPARE(matched, 1);
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM jobs WHERE id = ?"), {id}).toString(),
        QStringLiteral("running"));
    // The connection is usable after the rollback.
    QVERIFY(db->now().ok());
}

void AttachedTest::aReadOnlyAttachmentRefusesWrites()
{
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    QVERIFY(jdb.createSessionsTable());
    const qint64 id = jdb.addSession(true, kT0, kT0);
    std::unique_ptr<Database> db = attach(jdb.url(), Database::Role::AttachedReadOnly);
    QVERIFY(db);
    QVERIFY2(!db->open(), qPrintable(db->open().message()));
    Result<QSqlQuery> read
        = db->run(QStringLiteral("SELECT count(*) FROM reading_sessions"), QStringLiteral("count"));
    QVERIFY2(read.ok(), qPrintable(read.error().message()));
    QVERIFY(read.value().next());
    QCOMPARE(read.value().value(0).toInt(), 1);
    read.value().finish();

    Error e = db->write([&]() -> Error {
        return db
            ->run(QStringLiteral("UPDATE reading_sessions SET ended_at = last_seen_at WHERE id = "
                                 ":id"),
                QStringLiteral("end session"), {{":id", id}})
            .error();
    });
    QVERIFY(e);
    QVERIFY2(e.message().contains(QLatin1String("read-only"), Qt::CaseInsensitive)
            || e.message().contains(QLatin1String("read only"), Qt::CaseInsensitive),
        qPrintable(e.message()));
    QVERIFY(jdb.scalar(QStringLiteral("SELECT ended_at FROM reading_sessions WHERE id = ?"), {id})
                .isNull());
    // Outside write() too: an autocommitted statement is refused as well.
    Result<QSqlQuery> alone
        = db->run(QStringLiteral("DELETE FROM reading_sessions"), QStringLiteral("delete"));
    QVERIFY(!alone.ok());
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT count(*) FROM reading_sessions")).toInt(), 1);
}

void AttachedTest::aMysqlLockWaitRunsTheWorkAgain()
{
    if (m_backend != JobBackend::Mysql)
        QSKIP("MySQL meets another writer inside the work, not at COMMIT");
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    QVERIFY(jdb.createJobsTable());
    const qint64 id = jdb.addJob(QStringLiteral("running"), kT0, kT0, kT0);
    std::unique_ptr<Database> db = attach(jdb.url());
    QVERIFY(db && !db->open());

    // The program holds the row for 1.5 s in a transaction of its own.
    QSemaphore locked;
    const QString url = jdb.url();
    std::unique_ptr<QThread> holder(QThread::create([&locked, url, id]() {
        std::unique_ptr<Database> other = attach(url);
        const Error e = other->write([&]() -> Error {
            Result<QSqlQuery> q
                = other->run(QStringLiteral("UPDATE jobs SET error = 'held' WHERE id = :id"),
                    QStringLiteral("hold"), {{":id", id}});
            if (!q.ok())
                return q.error();
            locked.release();
            QThread::msleep(1500);
            return {};
        });
        if (e)
            qWarning("holder: %s", qPrintable(e.message()));
        locked.release();
    }));
    holder->start();
    QVERIFY(locked.tryAcquire(1, 10000));

    // A lock wait timeout (1205) after 1 s: the work runs again and then wins.
    int rounds = 0;
    int matched = -1;
    const Error e = db->write([&]() -> Error {
        ++rounds;
        Result<QSqlQuery> q = db->run(
            QStringLiteral("SET SESSION innodb_lock_wait_timeout = 1"), QStringLiteral("timeout"));
        if (!q.ok())
            return q.error();
        q = db->run(QStringLiteral(
                        "UPDATE jobs SET status = 'failed' WHERE id = :id AND status = 'running'"),
            QStringLiteral("fail"), {{":id", id}});
        if (!q.ok())
            return q.error();
        matched = q.value().numRowsAffected();
        return {};
    });
    holder->wait();
    QVERIFY2(!e, qPrintable(e.message()));
    QVERIFY2(rounds >= 2, qPrintable(QString::number(rounds)));
    QCOMPARE(matched, 1);
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM jobs WHERE id = ?"), {id}).toString(),
        QStringLiteral("failed"));
    QCOMPARE(jdb.scalar(QStringLiteral("SELECT error FROM jobs WHERE id = ?"), {id}).toString(),
        QStringLiteral("held"));
}

void AttachedTest::aMissingSqliteFileIsRefusedAndNotCreated()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("nowhere/app.sqlite3"));
    const QString here = dir.filePath(QStringLiteral("app.sqlite3"));
    for (const QString &p : {path, here}) {
        for (Database::Role role : {Database::Role::Attached, Database::Role::AttachedReadOnly}) {
            std::unique_ptr<Database> db = attach(QStringLiteral("sqlite://") + p, role);
            QVERIFY(db);
            const Error e = db->open();
            QVERIFY(e);
            QVERIFY2(e.message().contains(QLatin1String("no such file")), qPrintable(e.message()));
            QVERIFY(!db->write([]() -> Error { return {}; }).message().isEmpty());
            QVERIFY(!QFileInfo::exists(p));
            QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath()));
        }
    }
}

void AttachedTest::mysqlReadsItsPasswordFromTheOptionFile()
{
    if (m_backend != JobBackend::Mysql)
        QSKIP("a MySQL option file");
    TestJobDatabase jdb;
    TASKDESK_REQUIRE_JOB_DB(jdb);
    const QString user = QStringLiteral("td_pw_%1").arg(QCoreApplication::applicationPid());
    jdb.exec(QStringLiteral("DROP USER IF EXISTS '%1'@'localhost'").arg(user));
    QVERIFY(jdb.exec(
        QStringLiteral("CREATE USER '%1'@'localhost' IDENTIFIED BY 'op#en s\"esame'").arg(user)));
    Result<DatabaseLocation> base = DatabaseLocation::parse(jdb.url());
    QVERIFY(base.ok());
    QVERIFY(jdb.exec(QStringLiteral("GRANT SELECT, UPDATE ON %1.* TO '%2'@'localhost'")
                         .arg(base->databaseName, user)));
    DatabaseLocation loc = *base;
    loc.user = user;

    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QByteArray oldHome = qgetenv("HOME");
    const QByteArray oldPwd = qgetenv("MYSQL_PWD");
    qunsetenv("MYSQL_PWD");
    qputenv("HOME", QFile::encodeName(home.path()));
    auto restore = qScopeGuard([&]() {
        qputenv("HOME", oldHome);
        if (!oldPwd.isNull())
            qputenv("MYSQL_PWD", oldPwd);
        jdb.exec(QStringLiteral("DROP USER IF EXISTS '%1'@'localhost'").arg(user));
    });

    {
        // No option file: refused by the server.
        Database db(loc, Database::Role::Attached);
        const Error e = db.open();
        QVERIFY(e);
        QVERIFY2(e.message().contains(QLatin1String("Access denied")), qPrintable(e.message()));
    }
    QFile cnf(home.filePath(QStringLiteral(".my.cnf")));
    QVERIFY(cnf.open(QIODevice::WriteOnly));
    cnf.write("# the operator's client options\n[mysqld]\npassword=wrong\n"
              "[client]\nport = 3306\npassword = \"op#en s\\\"esame\"\n");
    cnf.close();
    {
        // A quoted value with an escaped quote, as the mysql client reads it.
        Database db(loc, Database::Role::Attached);
        const Error e = db.open();
        QVERIFY2(!e, qPrintable(e.message()));
    }
}

void AttachedTest::parseMysql_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("socket");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("databaseName");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("error");

    QTest::newRow("a mysql URL names host, port, user and database")
        << "mysql://ops@db.example.com:3307/jobs" << true << "db.example.com"
        << "" << 3307 << "ops"
        << "jobs"
        << ""
        << "";
    QTest::newRow("mariadb is the same") << "mariadb://ops@db/jobs" << true << "db"
                                         << "" << -1 << "ops"
                                         << "jobs"
                                         << ""
                                         << "";
    QTest::newRow("a socket comes in the query")
        << "mysql://app@/app_db?socket=/run/mysqld/mysqld.sock" << true << ""
        << "/run/mysqld/mysqld.sock" << -1 << "app"
        << "app_db"
        << ""
        << "";
    QTest::newRow("a connect timeout is passed on")
        << "mysql://db/jobs?connect_timeout=3" << true << "db"
        << "" << -1 << ""
        << "jobs"
        << "connect_timeout=3"
        << "";
    QTest::newRow("a password in the URL is refused")
        << "mysql://ops:s3cret@db/jobs" << false << ""
        << "" << -1 << ""
        << ""
        << ""
        << "a password in the database URL is not accepted; put it in the [client] group of a "
           "MySQL option file (~/.my.cnf";
    QTest::newRow("a password in the query is refused")
        << "mariadb://db/jobs?password=s3cret" << false << ""
        << "" << -1 << ""
        << ""
        << ""
        << "~/.my.cnf";
    QTest::newRow("an unknown option is refused") << "mysql://db/jobs?ssl=1" << false << ""
                                                  << "" << -1 << ""
                                                  << ""
                                                  << ""
                                                  << "unknown MySQL option 'ssl'";
    QTest::newRow("a relative socket is refused")
        << "mysql://u@/jobs?socket=mysqld.sock" << false << ""
        << "" << -1 << ""
        << ""
        << ""
        << "'mysqld.sock' is not a valid socket";
    QTest::newRow("a host and a socket are refused")
        << "mysql://u@db/jobs?socket=/run/mysqld/mysqld.sock" << false << ""
        << "" << -1 << ""
        << ""
        << ""
        << "both a host and a socket";
    QTest::newRow("no host nor socket is refused") << "mysql://u@/jobs" << false << ""
                                                   << "" << -1 << ""
                                                   << ""
                                                   << ""
                                                   << "names no host";
    QTest::newRow("no database is refused") << "mysql://db" << false << ""
                                            << "" << -1 << ""
                                            << ""
                                            << ""
                                            << "names no database";
    QTest::newRow("a timeout that is not a number is refused")
        << "mysql://db/jobs?connect_timeout=soon" << false << ""
        << "" << -1 << ""
        << ""
        << ""
        << "'soon' is not a valid connect_timeout";
    QTest::newRow("one slash is not a URL") << "mysql:/ops:s3cret@db/jobs" << false << ""
                                            << "" << -1 << ""
                                            << ""
                                            << ""
                                            << "not a valid MySQL URL 'mysql:/ops:***@db/jobs'";
    QTest::newRow("an upper-case scheme is refused") << "MYSQL://db/jobs" << false << ""
                                                     << "" << -1 << ""
                                                     << ""
                                                     << ""
                                                     << "unknown database URL";
}

void AttachedTest::parseMysql()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(QString, socket);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, databaseName);
    QFETCH(QString, options);
    QFETCH(QString, error);

    Result<DatabaseLocation> loc = DatabaseLocation::parse(text);
    if (!ok) {
        QVERIFY(!loc.ok());
        QCOMPARE(int(loc.error().kind()), int(ErrorKind::Invalid));
        QVERIFY2(loc.error().message().contains(error), qPrintable(loc.error().message()));
        QVERIFY2(!loc.error().message().contains(QStringLiteral("s3cret")),
            qPrintable(loc.error().message()));
        return;
    }
    QVERIFY2(loc.ok(), qPrintable(loc.error().message()));
    QVERIFY(loc->isMysql());
    QCOMPARE(loc->host, host);
    QCOMPARE(loc->socket, socket);
    QCOMPARE(loc->port, port);
    QCOMPARE(loc->user, user);
    QCOMPARE(loc->databaseName, databaseName);
    QCOMPARE(loc->options, options);
    QCOMPARE(loc->driverName(), QStringLiteral("QMYSQL"));
    QVERIFY(loc->display().startsWith(QLatin1String("mysql://")));
}

void AttachedTest::mysqlToTextReadsBackTheSameLocation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("display");
    QTest::newRow("a host and a port") << "mysql://ops@db:3307/jobs?connect_timeout=4"
                                       << "mysql://ops@db:3307/jobs";
    QTest::newRow("a socket with # and & in its folder, a database with a blank")
        << "mariadb://o%40ps@/my%20jobs?socket=/tmp/my%23one%26two/mysqld.sock"
        << "mysql://o@ps@/my jobs?socket=/tmp/my#one&two/mysqld.sock";
}

void AttachedTest::mysqlToTextReadsBackTheSameLocation()
{
    QFETCH(QString, text);
    QFETCH(QString, display);
    const Result<DatabaseLocation> loc = DatabaseLocation::parse(text);
    QVERIFY2(loc.ok(), qPrintable(loc.error().message()));
    QCOMPARE(loc->display(), display);
    const Result<DatabaseLocation> back = DatabaseLocation::parse(loc->toText());
    QVERIFY2(back.ok(), qPrintable(loc->toText() + QStringLiteral(": ") + back.error().message()));
    QCOMPARE(back->backend, loc->backend);
    QCOMPARE(back->host, loc->host);
    QCOMPARE(back->socket, loc->socket);
    QCOMPARE(back->port, loc->port);
    QCOMPARE(back->user, loc->user);
    QCOMPARE(back->databaseName, loc->databaseName);
    QCOMPARE(back->options, loc->options);
}

void AttachedTest::taskdesksOwnDatabaseIsNeverMysql()
{
    // Refused before any connect: no server is needed to say no.
    const QString url = m_backend == JobBackend::Mysql
        ? qEnvironmentVariable("TASKDESK_TEST_MYSQL")
        : QStringLiteral("mysql://taskdesk@/jobs?socket=/nonexistent/mysqld.sock");
    std::unique_ptr<Database> db = attach(url, Database::Role::Taskdesk);
    QVERIFY(db);
    for (const Error &e : {db->open(), db->open(Database::OpenMode::NoMigrate),
             db->connection().error(), db->write([]() -> Error { return {}; })}) {
        QVERIFY(e);
        QCOMPARE(int(e.kind()), int(ErrorKind::Invalid));
        QVERIFY2(
            e.message().contains(QLatin1String("can only be attached")), qPrintable(e.message()));
    }
}

TASKDESK_TEST_MAIN(AttachedTest)
#include "tst_attached.moc"
