// Nothing runs that an administrator did not allow, and no secret leaks:
// the clean environment of tasks (the real taskdesk-worker) and of supervised
// programs, the host allow list, process definitions that only an admin may
// write (PostgreSQL roles), the append-only, hash-chained audit log with
// `taskdeskctl audit --verify`, environment values hidden from viewers and
// from the audit log, and private database files.
#include "core/auditchain.h"
#include "core/auditlog.h"
#include "core/database.h"
#include "core/supervisor/processstore.h"
#include "core/supervisor/supervisor.h"
#include "core/tasks/taskstore.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <memory>
#include <vector>

#include <sys/stat.h>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

const QString kHost = QStringLiteral("sechost");
const QString kSecret = QStringLiteral("s3cret-value-4711");
const QString kPgSecret = QStringLiteral("pg-password-0815");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCtl(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TASKDESK_DB"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(TASKDESK_CTL_PATH), arguments);
    Run run;
    if (!process.waitForStarted(30000) || !process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString describe(const Run &run)
{
    return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3")
        .arg(run.exitCode)
        .arg(run.out, run.err);
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(content) == content.size();
}

// Raw SQL as the database owner; false (with a warning) if it fails.
bool ownerSql(TestDatabase &tdb, const QString &statement)
{
    Result<QSqlDatabase> db = tdb.db().connection();
    if (!db.ok())
        return false;
    QSqlQuery q(db.value());
    if (q.exec(statement))
        return true;
    qWarning("%s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
    return false;
}

// The native error code of a raw statement on `db` ("" when it succeeds).
QString sqlErrorCode(Database &db, const QString &statement)
{
    Result<QSqlDatabase> connection = db.connection();
    if (!connection.ok())
        return QStringLiteral("no connection");
    QSqlQuery q(connection.value());
    if (q.exec(statement))
        return {};
    return q.lastError().nativeErrorCode();
}

QString urlAs(const TestDatabase &tdb, const QString &user)
{
    QUrl url(tdb.url());
    url.setUserName(user);
    return url.toString();
}

// A login role that is a member of `group`, dropped when the test leaves.
class LoginRole final
{
public:
    LoginRole(TestDatabase &tdb, const QString &prefix, const QString &group)
        : m_tdb(tdb)
        , m_name(QStringLiteral("%1_%2").arg(prefix).arg(QCoreApplication::applicationPid()))
    {
        ownerSql(m_tdb, QStringLiteral("DROP ROLE IF EXISTS ") + m_name);
        m_ok
            = ownerSql(m_tdb, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE %2").arg(m_name, group));
    }
    ~LoginRole()
    {
        m_db.reset();
        ownerSql(m_tdb, QStringLiteral("DROP ROLE IF EXISTS ") + m_name);
    }
    LoginRole(const LoginRole &) = delete;
    LoginRole &operator=(const LoginRole &) = delete;

    bool ok() const { return m_ok; }
    const QString &name() const { return m_name; }
    QString url() const { return urlAs(m_tdb, m_name); }
    Database &db()
    {
        if (!m_db) {
            m_db = std::make_unique<Database>(*DatabaseLocation::parse(url()));
            if (Error e = m_db->open(Database::OpenMode::NoMigrate))
                qWarning("open as %s: %s", qPrintable(m_name), qPrintable(e.message()));
        }
        return *m_db;
    }

private:
    TestDatabase &m_tdb;
    QString m_name;
    bool m_ok = false;
    std::unique_ptr<Database> m_db;
};

ProcessDefinition shell(const QString &name, const QString &script)
{
    ProcessDefinition d;
    d.name = name;
    d.host = kHost;
    d.program = QStringLiteral("/bin/sh");
    d.args = {QStringLiteral("-c"), script};
    d.restartPolicy = RestartPolicy::Never;
    d.startupMs = 100;
    d.stopGraceMs = 2000;
    return d;
}

SupervisorOptions supervisorOptions(const TestDatabase &tdb)
{
    SupervisorOptions o;
    o.host = kHost;
    o.holder = QStringLiteral("sec-sup");
    o.pollIntervalMs = 50;
    o.leaseTtlMs = 3000;
    o.outputDir = tdb.tempPath() + QStringLiteral("/output");
    return o;
}

class ScopedSupervisor final
{
public:
    ScopedSupervisor(Database &db, const SupervisorOptions &o)
        : m_sup(std::make_unique<Supervisor>(db, o))
    {
        m_sup->start();
    }
    ~ScopedSupervisor()
    {
        if (m_sup->isActive()) {
            QSignalSpy done(m_sup.get(), &Supervisor::allStopped);
            m_sup->stopAll();
            done.wait(15000);
        }
    }
    ScopedSupervisor(const ScopedSupervisor &) = delete;
    ScopedSupervisor &operator=(const ScopedSupervisor &) = delete;

private:
    std::unique_ptr<Supervisor> m_sup;
};

QStringList outputOf(ProcessStore &store, const QString &name)
{
    QStringList lines;
    Result<QVector<ProcessOutputLine>> out = store.output(name, 0, 10000);
    if (!out.ok())
        return {out.error().message()};
    for (const ProcessOutputLine &l : *out) {
        if (l.stream == QLatin1String("stdout"))
            lines << l.line;
    }
    return lines;
}

QString stateOf(ProcessStore &store, const QString &name)
{
    Result<ProcessInfo> p = store.process(name);
    return p.ok() ? processStateName(p->runtime.state) : p.error().message();
}

QStringList taskLog(TestDatabase &tdb, qint64 taskId)
{
    QStringList lines;
    Result<QSqlQuery> q = tdb.db().prepare(
        QStringLiteral("SELECT message FROM task_log WHERE task_id = :t ORDER BY id"));
    if (!q.ok())
        return {q.error().message()};
    q.value().bindValue(QStringLiteral(":t"), taskId);
    if (Error e = tdb.db().exec(q.value()))
        return {e.message()};
    while (q.value().next())
        lines << q.value().value(0).toString();
    return lines;
}

qint64 enqueue(TaskStore &store, const QString &name, const QString &kind = QStringLiteral("k"))
{
    NewTask n;
    n.name = name;
    n.kind = kind;
    const Result<qint64> id = store.queue().enqueue(n);
    return id.ok() ? *id : 0;
}

QVector<qint64> auditIds(TestDatabase &tdb)
{
    QVector<qint64> ids;
    Result<QSqlQuery> q = tdb.db().prepare(QStringLiteral("SELECT id FROM audit_log ORDER BY id"));
    if (!q.ok() || tdb.db().exec(q.value()))
        return ids;
    while (q.value().next())
        ids << q.value().value(0).toLongLong();
    return ids;
}

int mode(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class SecurityTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void taskProgramsGetACleanEnvironment();
    void supervisedProgramsGetACleanEnvironment();
    void allowListKeepsUnlistedProgramsFromRunning();
    void onlyAnAdminWritesProcessDefinitions();
    void auditLogIsAppendOnlyForOperators();
    void auditVerifyNamesAnEditedRow();
    void auditVerifyNamesRemovedRows();
    void concurrentWritersMakeOneChain();
    void environmentValuesStayHidden();
    void newDatabaseFilesArePrivate();
};

// ---------------------------------------------------------------- environment

void SecurityTest::taskProgramsGetACleanEnvironment()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString config = tdb.tempPath() + QStringLiteral("/worker.ini");
    QVERIFY(writeFile(config,
        "[worker]\nname = envdump\npoll_ms = 100\npass_environment = PASSED_ON\n"
        "[environment]\nGREETING = hello there\n[kinds]\ndump = /usr/bin/env\n"));
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    const qint64 id
        = enqueue(store, QStringLiteral("dump the environment"), QStringLiteral("dump"));
    QVERIFY(id > 0);

    QProcess worker;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), kPgSecret);
    env.insert(QStringLiteral("SERVICE_API_TOKEN"), kSecret);
    env.insert(QStringLiteral("TASKDESK_DB"), tdb.url());
    env.insert(QStringLiteral("PASSED_ON"), QStringLiteral("named in the configuration"));
    worker.setProcessEnvironment(env);
    worker.setProcessChannelMode(QProcess::MergedChannels);
    worker.start(QStringLiteral(TASKDESK_WORKER_BINARY),
        {QStringLiteral("--db"), tdb.url(), QStringLiteral("--config"), config});
    QVERIFY(worker.waitForStarted(5000));
    const auto stop = qScopeGuard([&worker] {
        worker.terminate();
        if (!worker.waitForFinished(15000))
            worker.kill();
    });
    QTRY_VERIFY_WITH_TIMEOUT(
        tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {id}).toString()
            == QLatin1String("COMPLETED"),
        20000);
    const QString log = taskLog(tdb, id).join(QLatin1Char('\n'));
    QVERIFY2(log.contains(QStringLiteral("TASKDESK_TASK_ID=%1").arg(id)), qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("GREETING=hello there")), qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("PASSED_ON=named in the configuration")), qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("PATH=")), qPrintable(log));
    QVERIFY2(!log.contains(kSecret), qPrintable(log));
    QVERIFY2(!log.contains(kPgSecret), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String("TASKDESK_DB=")), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String("PGPASSWORD")), qPrintable(log));
}

void SecurityTest::supervisedProgramsGetACleanEnvironment()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    qputenv("SERVICE_API_TOKEN", kSecret.toUtf8());
    const bool hadPassword = qEnvironmentVariableIsSet("PGPASSWORD");
    const QByteArray oldPassword = qgetenv("PGPASSWORD");
    qputenv("PGPASSWORD", kPgSecret.toUtf8());
    qputenv("PGPASSFILE", "/etc/taskdesk/pgpass");
    const auto restore = qScopeGuard([&] {
        qunsetenv("SERVICE_API_TOKEN");
        qunsetenv("PGPASSFILE");
        if (hadPassword)
            qputenv("PGPASSWORD", oldPassword);
        else
            qunsetenv("PGPASSWORD");
    });

    ProcessStore store(tdb.db(), QStringLiteral("alice"));
    ProcessDefinition other = shell(QStringLiteral("other"), QStringLiteral("exec /usr/bin/env"));
    other.env.insert(QStringLiteral("FROM_DEFINITION"), QStringLiteral("yes"));
    ProcessDefinition worker = shell(QStringLiteral("worker"), QStringLiteral("exec /usr/bin/env"));
    worker.role = ProcessRole::Worker;
    QVERIFY(store.add(other).ok());
    QVERIFY(store.add(worker).ok());
    ScopedSupervisor sup(tdb.db(), supervisorOptions(tdb));
    QVERIFY(store.setDesired(other.name, DesiredState::Running).ok());
    QVERIFY(store.setDesired(worker.name, DesiredState::Running).ok());
    QTRY_VERIFY_WITH_TIMEOUT(
        outputOf(store, other.name).join(QLatin1Char('\n')).contains(QLatin1String("PATH=")),
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        outputOf(store, worker.name).join(QLatin1Char('\n')).contains(QLatin1String("PATH=")),
        10000);

    const QString otherEnv = outputOf(store, other.name).join(QLatin1Char('\n'));
    QVERIFY2(otherEnv.contains(QLatin1String("FROM_DEFINITION=yes")), qPrintable(otherEnv));
    QVERIFY2(!otherEnv.contains(kSecret), qPrintable(otherEnv));
    QVERIFY2(!otherEnv.contains(kPgSecret), qPrintable(otherEnv));
    QVERIFY2(!otherEnv.contains(QLatin1String("TASKDESK_DB=")), qPrintable(otherEnv));
    QVERIFY2(!otherEnv.contains(QLatin1String("PGPASSFILE=")), qPrintable(otherEnv));

    const QString workerEnv = outputOf(store, worker.name).join(QLatin1Char('\n'));
    QVERIFY2(workerEnv.contains(QLatin1String("TASKDESK_DB=")), qPrintable(workerEnv));
    QVERIFY2(
        workerEnv.contains(QLatin1String("TASKDESK_WORKER_ID=worker@")), qPrintable(workerEnv));
    QVERIFY2(workerEnv.contains(QLatin1String("PGPASSFILE=/etc/taskdesk/pgpass")),
        qPrintable(workerEnv));
    QVERIFY2(!workerEnv.contains(kSecret), qPrintable(workerEnv));
    QVERIFY2(!workerEnv.contains(kPgSecret), qPrintable(workerEnv));
}

// ---------------------------------------------------------------- allow list

void SecurityTest::allowListKeepsUnlistedProgramsFromRunning()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString allow = tdb.tempPath() + QStringLiteral("/programs.allow");
    QVERIFY(
        writeFile(allow, "# programs this host runs\n/bin/sh -c 'echo allowed; exec sleep 30'\n"));
    ProcessStore store(tdb.db(), QStringLiteral("alice"));
    const ProcessDefinition listed
        = shell(QStringLiteral("listed"), QStringLiteral("echo allowed; exec sleep 30"));
    const ProcessDefinition otherArgs
        = shell(QStringLiteral("other-args"), QStringLiteral("echo ran; exec sleep 30"));
    ProcessDefinition unlisted;
    unlisted.name = QStringLiteral("unlisted");
    unlisted.host = kHost;
    unlisted.program = QStringLiteral("/usr/bin/env");
    unlisted.restartPolicy = RestartPolicy::Never;
    for (const ProcessDefinition &d : {listed, otherArgs, unlisted}) {
        QVERIFY(store.add(d).ok());
        QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    }
    SupervisorOptions o = supervisorOptions(tdb);
    o.allowList = allow;
    ScopedSupervisor sup(tdb.db(), o);

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, listed.name), QStringLiteral("RUNNING"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, unlisted.name), QStringLiteral("FATAL"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, otherArgs.name), QStringLiteral("FATAL"), 10000);
    const QString why = store.process(unlisted.name)->runtime.message;
    QVERIFY2(why.contains(
                 QStringLiteral("the program /usr/bin/env is not in the allow list %1").arg(allow)),
        qPrintable(why));
    const QString whyArgs = store.process(otherArgs.name)->runtime.message;
    QVERIFY2(whyArgs.contains(QLatin1String("does not allow /bin/sh with these arguments")),
        qPrintable(whyArgs));
    // Never started: no pid, no output of their own, and the refusal is audited.
    QCOMPARE(store.process(unlisted.name)->runtime.pid, 0);
    QVERIFY(!outputOf(store, otherArgs.name).contains(QStringLiteral("ran")));
    QTRY_VERIFY_WITH_TIMEOUT(
        outputOf(store, listed.name).contains(QStringLiteral("allowed")), 10000);
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                  "'process_start' AND details LIKE '%not in the allow list%'"))
            .toInt(),
        1);

    // A supervise command with an allow list it cannot read refuses to start.
    const Run run = runCtl({QStringLiteral("--db"), tdb.url(), QStringLiteral("supervise"),
        QStringLiteral("--allow"), tdb.tempPath() + QStringLiteral("/missing.allow")});
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QLatin1String("cannot read the allow list")), qPrintable(run.err));
}

// ---------------------------------------------------------------- roles

void SecurityTest::onlyAnAdminWritesProcessDefinitions()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessDefinition d = shell(QStringLiteral("p1"), QStringLiteral("exec sleep 30"));
    if (!TestDatabase::postgres()) {
        // One user, one host: whoever may write the file edits definitions.
        ProcessStore store(tdb.db(), QStringLiteral("alice"));
        QVERIFY(tdb.db().canEditDefinitions().value());
        QVERIFY(store.add(d).ok());
        d.args = {QStringLiteral("-c"), QStringLiteral("exec sleep 31")};
        QVERIFY(!store.update(d));
        QVERIFY(!store.remove(d.name));
        return;
    }
    QVERIFY(!tdb.db().createRoles());
    QVERIFY(ProcessStore(tdb.db(), QStringLiteral("owner")).add(d).ok());
    LoginRole op(tdb, QStringLiteral("tdsecop"), QStringLiteral("taskdesk_operator"));
    LoginRole admin(tdb, QStringLiteral("tdsecadmin"), QStringLiteral("taskdesk_admin"));
    QVERIFY(op.ok() && admin.ok());

    ProcessStore asOperator(op.db(), QStringLiteral("erin"));
    QVERIFY(!op.db().canEditDefinitions().value());
    ProcessDefinition evil = shell(QStringLiteral("evil"), QStringLiteral("id > /tmp/owned"));
    const Result<qint64> added = asOperator.add(evil);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().kind(), ErrorKind::PermissionDenied);
    QVERIFY2(
        added.error().message().contains(QLatin1String("only an admin (the taskdesk_admin role)")),
        qPrintable(added.error().message()));
    ProcessDefinition changed = d;
    changed.args = {QStringLiteral("-c"), QStringLiteral("id > /tmp/owned")};
    QCOMPARE(asOperator.update(changed).kind(), ErrorKind::PermissionDenied);
    QCOMPARE(asOperator.remove(d.name, true).kind(), ErrorKind::PermissionDenied);
    // The database itself says no, whatever the client does.
    QCOMPARE(sqlErrorCode(op.db(), QStringLiteral("UPDATE processes SET program = '/bin/evil'")),
        QStringLiteral("42501"));
    QCOMPARE(sqlErrorCode(
                 op.db(), QStringLiteral("UPDATE processes SET env = '{\"LD_PRELOAD\":\"x\"}'")),
        QStringLiteral("42501"));
    QCOMPARE(sqlErrorCode(op.db(),
                 QStringLiteral("INSERT INTO processes (name, program) VALUES ('e', '/bin/evil')")),
        QStringLiteral("42501"));
    QCOMPARE(
        sqlErrorCode(op.db(), QStringLiteral("DELETE FROM processes")), QStringLiteral("42501"));
    QCOMPARE(sqlErrorCode(op.db(), QStringLiteral("UPDATE processes SET host = 'elsewhere'")),
        QStringLiteral("42501"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT program FROM processes WHERE name = 'p1'")).toString(),
        QStringLiteral("/bin/sh"));

    // Operators start and stop; a supervisor that runs as an operator writes
    // the actual state.
    QVERIFY(asOperator.setDesired(d.name, DesiredState::Running).ok());
    QVERIFY(asOperator.acquireLease(kHost, QStringLiteral("sup-op"), 10000).value());
    ProcessRuntime runtime;
    runtime.state = ProcessState::Fatal;
    runtime.message = QStringLiteral("written by an operator's supervisor");
    const Result<bool> written = asOperator.writeRuntime(
        asOperator.process(d.name)->definition.id, runtime, kHost, QStringLiteral("sup-op"));
    QVERIFY2(written.ok() && *written, written.ok() ? "" : qPrintable(written.error().message()));

    // taskdeskctl says so in one line, exit 1.
    const Run run = runCtl(
        {QStringLiteral("--db"), op.url(), QStringLiteral("processes"), QStringLiteral("add"),
            QStringLiteral("evil"), QStringLiteral("--"), QStringLiteral("/bin/sh")});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
    QVERIFY2(run.err.contains(QLatin1String("only an admin")), qPrintable(run.err));

    // An admin may.
    ProcessStore asAdmin(admin.db(), QStringLiteral("root"));
    QVERIFY(admin.db().canEditDefinitions().value());
    QVERIFY(asAdmin.add(shell(QStringLiteral("p2"), QStringLiteral("exec sleep 30"))).ok());
    changed.name = QStringLiteral("p2");
    QVERIFY(!asAdmin.update(changed));
    QVERIFY(!asAdmin.remove(QStringLiteral("p2")));
}

void SecurityTest::auditLogIsAppendOnlyForOperators()
{
    if (!TestDatabase::postgres())
        QSKIP("roles exist only on PostgreSQL");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(!tdb.db().createRoles());
    LoginRole op(tdb, QStringLiteral("tdsecop2"), QStringLiteral("taskdesk_operator"));
    LoginRole admin(tdb, QStringLiteral("tdsecadmin2"), QStringLiteral("taskdesk_admin"));
    QVERIFY(op.ok() && admin.ok());
    TaskStore store(op.db(), QStringLiteral("free text"));
    QVERIFY(enqueue(store, QStringLiteral("t1")) > 0);

    for (Database *db : {&op.db(), &admin.db()}) {
        QCOMPARE(sqlErrorCode(*db, QStringLiteral("UPDATE audit_log SET actor = 'nobody'")),
            QStringLiteral("42501"));
        QCOMPARE(
            sqlErrorCode(*db, QStringLiteral("DELETE FROM audit_log")), QStringLiteral("42501"));
        QCOMPARE(sqlErrorCode(*db, QStringLiteral("UPDATE audit_chain SET last_hash = ''")),
            QStringLiteral("42501"));
    }
    // --as stays free text; the database role beside it is the session's,
    // whatever the client writes into the row.
    QCOMPARE(sqlErrorCode(op.db(),
                 QStringLiteral("INSERT INTO audit_log (actor, action, db_role, hash, prev_id) "
                                "VALUES ('mallory', 'forged', 'postgres', 'abc', 1)")),
        QString());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT db_role FROM audit_log WHERE actor = 'free text'"))
                 .toString(),
        op.name());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT db_role FROM audit_log WHERE actor = 'mallory'"))
                 .toString(),
        op.name());
    QVERIFY(
        tdb.scalar(QStringLiteral("SELECT hash FROM audit_log WHERE actor = 'mallory'")).toString()
        != QLatin1String("abc"));
    const Result<AuditVerification> v = AuditChain::verify(tdb.db());
    QVERIFY(v.ok());
    QVERIFY2(v->ok(), qPrintable(v->breaks.value(0).reason));
    QCOMPARE(v->checked, 2);

    const Run run = runCtl({QStringLiteral("--db"), op.url(), QStringLiteral("audit")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QLatin1String("DB ROLE")) && run.out.contains(op.name()),
        qPrintable(run.out));
}

// ---------------------------------------------------------------- the chain

void SecurityTest::auditVerifyNamesAnEditedRow()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    for (int i = 0; i < 5; ++i)
        QVERIFY(enqueue(store, QStringLiteral("t%1").arg(i)) > 0);
    const QVector<qint64> ids = auditIds(tdb);
    QCOMPARE(ids.size(), 5);

    Run run = runCtl(
        {QStringLiteral("--db"), tdb.url(), QStringLiteral("audit"), QStringLiteral("--verify")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QLatin1String("OK"))
            && run.out.contains(QLatin1String("5 rows checked")),
        qPrintable(run.out));

    QVERIFY(ownerSql(tdb,
        QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE id = %1").arg(ids.at(2))));
    run = runCtl({QStringLiteral("--db"), tdb.url(), QStringLiteral("--json"),
        QStringLiteral("audit"), QStringLiteral("--verify")});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("ok")).toBool(true), false);
    const QJsonArray breaks = o.value(QStringLiteral("breaks")).toArray();
    QCOMPARE(breaks.size(), 1);
    QCOMPARE(breaks.at(0).toObject().value(QStringLiteral("id")).toInteger(), ids.at(2));
    QVERIFY(breaks.at(0)
                .toObject()
                .value(QStringLiteral("reason"))
                .toString()
                .contains(QLatin1String("changed")));

    run = runCtl(
        {QStringLiteral("--db"), tdb.url(), QStringLiteral("audit"), QStringLiteral("--verify")});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QVERIFY2(
        run.out.contains(QStringLiteral("row %1 was changed").arg(ids.at(2))), qPrintable(run.out));

    // Put back as it was, the chain holds again.
    QVERIFY(ownerSql(
        tdb, QStringLiteral("UPDATE audit_log SET actor = 'alice' WHERE id = %1").arg(ids.at(2))));
    QVERIFY(AuditChain::verify(tdb.db())->ok());
}

void SecurityTest::auditVerifyNamesRemovedRows()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    for (int i = 0; i < 5; ++i)
        QVERIFY(enqueue(store, QStringLiteral("t%1").arg(i)) > 0);
    const QVector<qint64> ids = auditIds(tdb);
    QCOMPARE(ids.size(), 5);

    QVERIFY(ownerSql(tdb, QStringLiteral("DELETE FROM audit_log WHERE id = %1").arg(ids.at(2))));
    Result<AuditVerification> v = AuditChain::verify(tdb.db());
    QVERIFY(v.ok());
    QCOMPARE(v->breaks.size(), 1);
    QCOMPARE(v->breaks.at(0).id, ids.at(3));
    QVERIFY2(v->breaks.at(0).reason.contains(
                 QStringLiteral("row %1 follows row %2").arg(ids.at(3)).arg(ids.at(2))),
        qPrintable(v->breaks.at(0).reason));

    // The last row removed: the chain's head still names it.
    QVERIFY(ownerSql(tdb, QStringLiteral("DELETE FROM audit_log WHERE id = %1").arg(ids.at(4))));
    v = AuditChain::verify(tdb.db());
    QVERIFY(v.ok());
    QCOMPARE(v->breaks.size(), 2);
    QCOMPARE(v->breaks.at(1).id, 0);
    QVERIFY2(v->breaks.at(1).reason.contains(QLatin1String("the last rows were removed")),
        qPrintable(v->breaks.at(1).reason));
    const Run run = runCtl(
        {QStringLiteral("--db"), tdb.url(), QStringLiteral("audit"), QStringLiteral("--verify")});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QVERIFY2(
        run.out.contains(QStringLiteral("row %1 follows row %2").arg(ids.at(3)).arg(ids.at(2))),
        qPrintable(run.out));
}

void SecurityTest::concurrentWritersMakeOneChain()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    constexpr int kThreads = 4;
    constexpr int kEach = 25;
    std::vector<std::unique_ptr<QThread>> threads;
    QAtomicInt failures;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&tdb, &failures, t] {
            std::unique_ptr<Database> db = tdb.open();
            {
                TaskStore store(*db, QStringLiteral("writer-%1").arg(t));
                for (int i = 0; i < kEach; ++i) {
                    if (enqueue(store, QStringLiteral("w%1-%2").arg(t).arg(i)) <= 0)
                        failures.ref();
                }
            }
            db->closeThreadConnection();
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QCOMPARE(failures.loadRelaxed(), 0);
    const Result<AuditVerification> v = AuditChain::verify(tdb.db());
    QVERIFY(v.ok());
    QVERIFY2(v->ok(), qPrintable(v->breaks.value(0).reason));
    QCOMPARE(v->checked, kThreads * kEach);
}

// ---------------------------------------------------------------- secrets

void SecurityTest::environmentValuesStayHidden()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessDefinition d = shell(QStringLiteral("p1"), QStringLiteral("exec sleep 30"));
    d.env.insert(QStringLiteral("API_TOKEN"), kSecret);
    ProcessStore store(tdb.db(), QStringLiteral("alice"));
    QVERIFY(store.add(d).ok());
    d.env.insert(QStringLiteral("API_TOKEN"), kSecret + QStringLiteral("-2"));
    QVERIFY(!store.update(d));
    QVERIFY(!store.remove(d.name));
    QVERIFY(store.add(d).ok());
    // The audit log keeps the names, never the values, for anyone.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE details LIKE ?"),
                    {QStringLiteral("%s3cret%")})
                 .toInt(),
        0);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE details LIKE ?"),
                    {QStringLiteral("%API_TOKEN%")})
                 .toInt(),
        4);
    // The owner (and an operator's supervisor) reads the value it must pass on.
    QCOMPARE(store.process(d.name)->definition.env.value(QStringLiteral("API_TOKEN")),
        kSecret + QStringLiteral("-2"));
    if (!TestDatabase::postgres())
        return;

    QVERIFY(!tdb.db().createRoles());
    LoginRole viewer(tdb, QStringLiteral("tdsecviewer"), QStringLiteral("taskdesk_viewer"));
    QVERIFY(viewer.ok());
    ProcessStore asViewer(viewer.db(), QStringLiteral("vic"));
    const Result<ProcessInfo> seen = asViewer.process(d.name);
    QVERIFY2(seen.ok(), seen.ok() ? "" : qPrintable(seen.error().message()));
    QCOMPARE(seen->definition.env.keys(), QStringList{QStringLiteral("API_TOKEN")});
    QCOMPARE(seen->definition.env.value(QStringLiteral("API_TOKEN")), QStringLiteral("***"));
    QCOMPARE(asViewer.list()->value(0).definition.env.value(QStringLiteral("API_TOKEN")),
        QStringLiteral("***"));
    QCOMPARE(sqlErrorCode(viewer.db(), QStringLiteral("SELECT env FROM processes")),
        QStringLiteral("42501"));
    const Run run = runCtl({QStringLiteral("--db"), viewer.url(), QStringLiteral("--json"),
        QStringLiteral("processes"), QStringLiteral("list")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QLatin1String("API_TOKEN")), qPrintable(run.out));
    QVERIFY2(!run.out.contains(kSecret), qPrintable(run.out));
}

// ---------------------------------------------------------------- files

void SecurityTest::newDatabaseFilesArePrivate()
{
    if (TestDatabase::postgres())
        QSKIP("a SQLite file only");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const mode_t oldMask = ::umask(022);
    const auto restore = qScopeGuard([oldMask] { ::umask(oldMask); });
    const QString path = dir.path() + QStringLiteral("/a/b/tasks.db");
    {
        Database db(*DatabaseLocation::parse(path));
        QVERIFY(!db.open());
        TaskStore store(db, QStringLiteral("alice"));
        QVERIFY(enqueue(store, QStringLiteral("t")) > 0);
        QCOMPARE(mode(path), 0600);
        QCOMPARE(mode(path + QStringLiteral("-wal")), 0600);
        QCOMPARE(mode(path + QStringLiteral("-shm")), 0600);
        db.closeThreadConnection();
    }
    QCOMPARE(mode(dir.path() + QStringLiteral("/a")), 0700);
    QCOMPARE(mode(dir.path() + QStringLiteral("/a/b")), 0700);
}

TASKDESK_TEST_MAIN(SecurityTest)
#include "tst_security.moc"
