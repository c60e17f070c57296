// taskdeskctl's runtime commands end to end: processes, workers, schedules,
// sweep, settings, supervise (a real child process running real programs), and
// the PostgreSQL roles: the real binary, a real database, the rows it left.
#include "core/auditlog.h"
#include "core/database.h"
#include "core/scheduling/cronexpression.h"
#include "core/scheduling/singletonlease.h"
#include "core/settings.h"
#include "core/supervisor/processstore.h"
#include "core/tasks/taskstore.h"
#include "core/worker/workerregistry.h"
#include "ctltestsupport.h"
#include "testdatabase.h"
#include "waituntil.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlError>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cerrno>
#include <csignal>
#include <functional>
#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

// What the runtime commands could change.
const QStringList kRuntimeTables = L({"processes", "process_output", "schedules", "schedule_runs",
    "settings", "tasks", "task_items", "task_log", "audit_log", "workers", "leases"});

// At the top of a test of the roles: they exist only on PostgreSQL.
#define REQUIRE_ROLES(fixture)                                                                     \
    do {                                                                                           \
        if (!TestDatabase::postgres())                                                             \
            QSKIP("roles exist only on PostgreSQL");                                               \
        QVERIFY(fixture);                                                                          \
    } while (false)

const QString kReadOnly = QStringLiteral("taskdeskctl: permission denied (read-only role)");

QString sleepProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("sleep"));
}

bool pidAlive(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno != ESRCH);
}

// The audit log as "actor action" lines, oldest first.
QStringList auditLines(TestDatabase &tdb)
{
    QStringList lines;
    Result<QSqlQuery> q
        = tdb.db().prepare(QStringLiteral("SELECT actor, action FROM audit_log ORDER BY id"));
    if (!q.ok() || tdb.db().exec(q.value()))
        return {QStringLiteral("cannot read the audit log")};
    while (q.value().next())
        lines << q.value().value(0).toString() + QLatin1Char(' ') + q.value().value(1).toString();
    return lines;
}

// Replaces {pending}, {running}, {finished} by the ids of a fixture.
QStringList withIds(QStringList arguments, const QMap<QString, qint64> &ids)
{
    for (QString &a : arguments) {
        for (auto it = ids.cbegin(); it != ids.cend(); ++it)
            a.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), QString::number(it.value()));
    }
    return arguments;
}

// Role statements, which PostgreSQL does not prepare: run as they are.
bool roleSql(TestDatabase &tdb, const QString &statement)
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

QString urlAs(const TestDatabase &tdb, const QString &user)
{
    QUrl url(tdb.url());
    url.setUserName(user);
    return url.toString();
}

} // namespace

class TestCtlRuntime final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void processesRoundTripIsAudited();
    void processRequestsWithoutASupervisorSaySo_data();
    void processRequestsWithoutASupervisorSaySo();
    void processRefusalsChangeNothing();
    void processOutputPrintsAndFollows();
    void superviseRunsAndStopsProcesses();
    void superviseWaitsForTheWholeGroupOnSigterm();
    void superviseRunsTheSweeperAndTheScheduler_data();
    void superviseRunsTheSweeperAndTheScheduler();
    void workersShowsTheWorkersTable();
    void schedulesRoundTripIsAudited();
    void badCronIsRefusedWithTheParsersMessage_data();
    void badCronIsRefusedWithTheParsersMessage();
    void sweepDryRunChangesNothing();
    void sweepDryRunCountsTheWholeSetAndSaysWhenItsListsAreCut();
    void sweepActsWithTheStoredRules();
    void sweepIsRefusedWhileAnotherSweeperActs();
    void settingsShowAndChange();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void initCreateRoles();
    void viewerCanRead_data();
    void viewerCanRead();
    void viewerIsRefusedEveryChange_data();
    void viewerIsRefusedEveryChange();
    void permissionDeniedByTheDatabaseIsExit1();
    void operatorCanAct();
    void helpOnEveryRuntimeCommand_data();
    void helpOnEveryRuntimeCommand();

private:
    QStringList withDb(const TestDatabase &tdb, const QStringList &arguments) const
    {
        return QStringList{QStringLiteral("--db"), tdb.url()} + arguments;
    }
    // The process named `name` as `processes --json` shows it; empty if none.
    QJsonObject processRow(const TestDatabase &tdb, const QString &name) const
    {
        const CtlRun run
            = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("processes")}));
        for (const QJsonValue &v : run.json().array()) {
            if (v.toObject().value(QStringLiteral("name")).toString() == name)
                return v.toObject();
        }
        return {};
    }
    // Waits until the process `name` shows `state`; `row`: the row last read.
    bool waitForProcessState(
        const TestDatabase &tdb, const QString &name, const QString &state, QJsonObject &row) const
    {
        return waitUntil(
            [&] {
                row = processRow(tdb, name);
                return row.value(QStringLiteral("state")).toString() == state;
            },
            30000);
    }
    // `taskdeskctl supervise` without the sweeper and the scheduler, once it
    // holds this host.
    bool startSupervise(Background &supervise, TestDatabase &tdb) const
    {
        if (!supervise.start(withDb(tdb,
                                 {QStringLiteral("supervise"), QStringLiteral("--no-sweeper"),
                                     QStringLiteral("--no-scheduler")}),
                superviseEnvironment()))
            return false;
        ProcessStore store(tdb.db());
        return waitUntil(
            [&store] {
                Result<QString> holder = store.supervisorOf(AuditLog::localHost());
                return holder.ok() && !holder->isEmpty();
            },
            30000);
    }
    QProcessEnvironment superviseEnvironment() const
    {
        // The supervisor keeps the output files of its children in the cache folder.
        QProcessEnvironment env = ctlEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_cache.path());
        return env;
    }
    QTemporaryDir m_cache;
    // One database shared by the bad-input rows: none of them may change it.
    std::unique_ptr<TestDatabase> m_shared;
    QString m_sharedDump;

    // PostgreSQL: a database with the roles, a few tasks and a process, and
    // login roles made members of taskdesk_viewer (and one that may update
    // tasks only, so that the database itself says no).
    std::unique_ptr<TestDatabase> m_roles;
    QMap<QString, qint64> m_roleIds;
    QString m_viewer;
    QString m_partial;
};

void TestCtlRuntime::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(TASKDESK_CTL_PATH)).isExecutable(), TASKDESK_CTL_PATH);
    QVERIFY2(!sleepProgram().isEmpty(), "sleep is not on PATH");
    QVERIFY(m_cache.isValid());

    m_shared = std::make_unique<TestDatabase>();
    TASKDESK_REQUIRE_DB(*m_shared);
    {
        ProcessDefinition d;
        d.name = QStringLiteral("p1");
        d.host = QStringLiteral("h-shared");
        d.program = sleepProgram();
        ProcessStore processes(m_shared->db(), QStringLiteral("fixture"));
        QVERIFY(processes.add(d).ok());
        const CtlRun run = runCtl(withDb(*m_shared,
            {QStringLiteral("schedules"), QStringLiteral("add"), QStringLiteral("s1"),
                QStringLiteral("k"), QStringLiteral("--every"), QStringLiteral("60")}));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        Settings settings(m_shared->db(), QStringLiteral("fixture"));
        QVERIFY(!settings.set(QStringLiteral("sweeper.heartbeat_timeout_s"), QStringLiteral("90")));
    }
    m_sharedDump = dump(*m_shared, kRuntimeTables);
    QVERIFY(m_sharedDump.contains(QLatin1String("h-shared")));

    if (!TestDatabase::postgres())
        return;
    m_roles = std::make_unique<TestDatabase>();
    TASKDESK_REQUIRE_DB(*m_roles);
    const CtlRun init
        = runCtl(withDb(*m_roles, {QStringLiteral("init"), QStringLiteral("--create-roles")}));
    QVERIFY2(init.exitCode == 0, qPrintable(describe(init)));
    TaskStore store(m_roles->db(), QStringLiteral("fixture"));
    m_roleIds.insert(QStringLiteral("pending"),
        makeTask(store, QStringLiteral("PENDING"), QStringLiteral("waiting")).id);
    m_roleIds.insert(QStringLiteral("running"),
        makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("busy")).id);
    m_roleIds.insert(QStringLiteral("finished"),
        makeTask(store, QStringLiteral("COMPLETED"), QStringLiteral("done")).id);
    // Stuck in both ways, so that a cleanup would have something to do.
    QVERIFY(m_roles->exec(QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 "
                                         "WHERE id = ?"),
        {m_roleIds.value(QStringLiteral("running"))}));
    QVERIFY(m_roles->exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000, "
                                         "created_at = created_at - 3600000 WHERE id = ?"),
        {m_roleIds.value(QStringLiteral("pending"))}));
    ProcessDefinition d;
    d.name = QStringLiteral("p1");
    d.host = QStringLiteral("h-roles");
    d.program = sleepProgram();
    ProcessStore processes(m_roles->db(), QStringLiteral("fixture"));
    const Result<qint64> processId = processes.add(d);
    QVERIFY(processId.ok());
    QVERIFY(!processes.appendOutput(
        {{0, *processId, 0, QStringLiteral("stdout"), QStringLiteral("hello")}}, 500));
    const CtlRun schedule = runCtl(withDb(*m_roles,
        {QStringLiteral("schedules"), QStringLiteral("add"), QStringLiteral("s1"),
            QStringLiteral("k"), QStringLiteral("--every"), QStringLiteral("60")}));
    QVERIFY2(schedule.exitCode == 0, qPrintable(describe(schedule)));

    const qint64 pid = QCoreApplication::applicationPid();
    m_viewer = QStringLiteral("tdviewer_%1").arg(pid);
    m_partial = QStringLiteral("tdpartial_%1").arg(pid);
    QVERIFY(roleSql(*m_roles, QStringLiteral("DROP ROLE IF EXISTS ") + m_viewer));
    QVERIFY(roleSql(*m_roles, QStringLiteral("DROP ROLE IF EXISTS ") + m_partial));
    QVERIFY(roleSql(
        *m_roles, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE taskdesk_viewer").arg(m_viewer)));
    QVERIFY(roleSql(
        *m_roles, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE taskdesk_viewer").arg(m_partial)));
    QVERIFY(roleSql(*m_roles, QStringLiteral("GRANT UPDATE ON tasks TO ") + m_partial));
}

void TestCtlRuntime::cleanupTestCase()
{
    if (m_roles) {
        if (!m_partial.isEmpty()) {
            roleSql(*m_roles, QStringLiteral("DROP OWNED BY ") + m_partial);
            roleSql(*m_roles, QStringLiteral("DROP ROLE IF EXISTS ") + m_partial);
        }
        if (!m_viewer.isEmpty())
            roleSql(*m_roles, QStringLiteral("DROP ROLE IF EXISTS ") + m_viewer);
    }
    m_roles.reset();
    m_shared.reset();
}

// ---------------------------------------------------------------- processes

void TestCtlRuntime::processesRoundTripIsAudited()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString sleep = sleepProgram();
    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("processes"),
            QStringLiteral("add"), QStringLiteral("web"), QStringLiteral("--role"),
            QStringLiteral("worker"), QStringLiteral("--host"), QStringLiteral("h-test"),
            QStringLiteral("--workdir"), QDir::tempPath(), QStringLiteral("--env"),
            QStringLiteral("A=1"), QStringLiteral("--env"), QStringLiteral("B=two words"),
            QStringLiteral("--stop-grace"), QStringLiteral("2.5"), QStringLiteral("--max-failures"),
            QStringLiteral("3"), QStringLiteral("--restart"), QStringLiteral("on-failure"),
            QStringLiteral("--"), sleep, QStringLiteral("60"), QStringLiteral("--not-an-option")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.err, QString());
    QVERIFY2(run.out.contains(QLatin1String("Added process web")), qPrintable(run.out));

    QJsonObject row = processRow(tdb, QStringLiteral("web"));
    QCOMPARE(row.value(QStringLiteral("host")).toString(), QStringLiteral("h-test"));
    QCOMPARE(row.value(QStringLiteral("program")).toString(), sleep);
    QCOMPARE(row.value(QStringLiteral("args")).toArray(),
        QJsonArray({QStringLiteral("60"), QStringLiteral("--not-an-option")}));
    QCOMPARE(row.value(QStringLiteral("workdir")).toString(), QDir::tempPath());
    QCOMPARE(row.value(QStringLiteral("env")).toObject(),
        QJsonObject({{QStringLiteral("A"), QStringLiteral("1")},
            {QStringLiteral("B"), QStringLiteral("two words")}}));
    QCOMPARE(row.value(QStringLiteral("role")).toString(), QStringLiteral("worker"));
    QCOMPARE(row.value(QStringLiteral("restart_policy")).toString(), QStringLiteral("on-failure"));
    QCOMPARE(row.value(QStringLiteral("stop_grace_ms")).toInt(), 2500);
    QCOMPARE(row.value(QStringLiteral("max_failures")).toInt(), 3);
    QCOMPARE(row.value(QStringLiteral("desired")).toString(), QStringLiteral("stopped"));
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("STOPPED"));
    QVERIFY(row.value(QStringLiteral("supervisor")).isNull());

    // The human table, and the host without a supervisor named under it.
    run = runCtl(withDb(tdb, {QStringLiteral("processes"), QStringLiteral("list")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.outLines().at(0).startsWith(QLatin1String("NAME ")));
    QVERIFY2(run.outLines().at(1).contains(
                 QRegularExpression(QStringLiteral("^web +STOPPED +stopped +h-test +worker "))),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("No supervisor is running for host h-test")),
        qPrintable(run.out));

    run = runCtl(withDb(tdb,
        {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("processes"),
            QStringLiteral("start"), QStringLiteral("web")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QStringLiteral("Start of web requested (it is STOPPED).\n"));
    QCOMPARE(run.errLines(),
        QStringList{QStringLiteral("taskdeskctl: no supervisor is running for host h-test; start "
                                   "'taskdeskctl supervise' or the Taskdesk app there")});
    QCOMPARE(processRow(tdb, QStringLiteral("web")).value(QStringLiteral("desired")).toString(),
        QStringLiteral("running"));

    // Wanted running: not removed, and nothing recorded for the refusal.
    run = runCtl(withDb(
        tdb, {QStringLiteral("processes"), QStringLiteral("remove"), QStringLiteral("web")}));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.errLines(),
        QStringList{QStringLiteral("taskdeskctl: process 'web' is STOPPED (desired running); stop "
                                   "it before removing it")});

    run = runCtl(withDb(tdb,
        {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("processes"),
            QStringLiteral("stop"), QStringLiteral("web")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(processRow(tdb, QStringLiteral("web")).value(QStringLiteral("desired")).toString(),
        QStringLiteral("stopped"));

    run = runCtl(withDb(tdb,
        {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("--json"),
            QStringLiteral("processes"), QStringLiteral("remove"), QStringLiteral("web")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.json().object().value(QStringLiteral("removed")).toBool(), true);
    QVERIFY(processRow(tdb, QStringLiteral("web")).isEmpty());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM processes")).toInt(), 0);

    QCOMPARE(auditLines(tdb),
        L({"alice process_add", "alice process_start_requested", "alice process_stop_requested",
            "alice process_remove"}));
}

void TestCtlRuntime::processRequestsWithoutASupervisorSaySo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("desired"); // of both processes afterwards
    QTest::addColumn<QString>("action"); // the audit action of each change
    QTest::addColumn<QStringList>("hosts"); // named on stderr, in this order
    QTest::newRow("start of one process names its host")
        << L({"processes", "start", "a"}) << "a:running b:stopped"
        << "process_start_requested" << L({"h1"});
    QTest::newRow("restart of one process is a start when it does not run")
        << L({"processes", "restart", "b"}) << "a:stopped b:running"
        << "process_restart_requested" << L({"h2"});
    QTest::newRow("stop of one process is recorded too")
        << L({"processes", "stop", "a"}) << "a:stopped b:stopped"
        << "process_stop_requested" << L({"h1"});
    QTest::newRow("start --all names every host once")
        << L({"processes", "start", "--all"}) << "a:running b:running"
        << "process_start_requested" << L({"h1", "h2"});
    QTest::newRow("start --all --host takes only that host")
        << L({"processes", "start", "--all", "--host", "h2"}) << "a:stopped b:running"
        << "process_start_requested" << L({"h2"});
    QTest::newRow("start with --json still says so on stderr")
        << L({"--json", "processes", "start", "b"}) << "a:stopped b:running"
        << "process_start_requested" << L({"h2"});
}

void TestCtlRuntime::processRequestsWithoutASupervisorSaySo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, desired);
    QFETCH(QString, action);
    QFETCH(QStringList, hosts);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), QStringLiteral("fixture"));
    for (const auto &[name, host] : {std::pair{"a", "h1"}, std::pair{"b", "h2"}}) {
        ProcessDefinition d;
        d.name = QString::fromLatin1(name);
        d.host = QString::fromLatin1(host);
        d.program = sleepProgram();
        QVERIFY(store.add(d).ok());
    }
    const CtlRun run = runCtl(
        withDb(tdb, QStringList{QStringLiteral("--as"), QStringLiteral("bob")} + arguments));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QStringList expected;
    for (const QString &host : std::as_const(hosts))
        expected << QStringLiteral("taskdeskctl: no supervisor is running for host %1; start "
                                   "'taskdeskctl supervise' or the Taskdesk app there")
                        .arg(host);
    QCOMPARE(run.errLines(), expected);
    if (arguments.contains(QLatin1String("--json"))) {
        const QJsonObject o = run.json().object();
        QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("b"));
        QCOMPARE(o.value(QStringLiteral("desired")).toString(), QStringLiteral("running"));
        QVERIFY(o.value(QStringLiteral("supervisor")).isNull());
    }

    QStringList states;
    for (const QString &name : L({"a", "b"}))
        states << name + QLatin1Char(':')
                + processRow(tdb, name).value(QStringLiteral("desired")).toString();
    QCOMPARE(states.join(QLatin1Char(' ')), desired);
    const QStringList audits = auditLines(tdb).mid(2); // after the two process_add rows
    QVERIFY(!audits.isEmpty());
    for (const QString &line : audits)
        QCOMPARE(line, QStringLiteral("bob ") + action);
}

void TestCtlRuntime::processRefusalsChangeNothing()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString before = dump(tdb, kRuntimeTables);
    for (const QStringList &arguments : {L({"processes", "start", "nope"}),
             L({"processes", "stop", "nope"}), L({"processes", "restart", "nope"}),
             L({"processes", "remove", "nope"}), L({"processes", "output", "nope"})}) {
        const CtlRun run = runCtl(withDb(tdb, arguments));
        QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
        QCOMPARE(
            run.errLines(), QStringList{QStringLiteral("taskdeskctl: no process named 'nope'")});
        QCOMPARE(dump(tdb, kRuntimeTables), before);
    }
}

void TestCtlRuntime::processOutputPrintsAndFollows()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), QStringLiteral("fixture"));
    ProcessDefinition d;
    d.name = QStringLiteral("chatty");
    d.program = sleepProgram();
    d.host = QStringLiteral("h-out");
    Result<qint64> id = store.add(d);
    QVERIFY(id.ok());
    QVector<ProcessOutputLine> lines;
    for (int i = 1; i <= 5; ++i)
        lines.append({0, *id, 0, QStringLiteral("stdout"), QStringLiteral("line %1").arg(i)});
    QVERIFY(!store.appendOutput(lines, 500));

    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("processes"), QStringLiteral("output"), QStringLiteral("chatty"),
            QStringLiteral("--lines"), QStringLiteral("2")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.outLines().size(), 2);
    QVERIFY2(run.outLines().at(0).endsWith(QLatin1String("stdout  line 4")), qPrintable(run.out));
    QVERIFY2(run.outLines().at(1).endsWith(QLatin1String("stdout  line 5")), qPrintable(run.out));

    run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("processes"), QStringLiteral("output"),
            QStringLiteral("chatty")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonArray array = run.json().array();
    QCOMPARE(array.size(), 5);
    QCOMPARE(
        array.at(0).toObject().value(QStringLiteral("line")).toString(), QStringLiteral("line 1"));
    QCOMPARE(array.at(0).toObject().value(QStringLiteral("stream")).toString(),
        QStringLiteral("stdout"));
    QVERIFY(array.at(0).toObject().value(QStringLiteral("at")).isDouble());

    Background follow;
    QVERIFY(follow.start(
        withDb(tdb,
            {QStringLiteral("processes"), QStringLiteral("output"), QStringLiteral("chatty"),
                QStringLiteral("-f"), QStringLiteral("--interval"), QStringLiteral("0.1")}),
        ctlEnvironment()));
    QString output;
    QVERIFY2(waitForOutput(follow.process(), output, QStringLiteral("line 5"), 30000),
        qPrintable(output));
    QVERIFY(!store.appendOutput(
        {{0, *id, 0, QStringLiteral("stderr"), QStringLiteral("late news")}}, 500));
    QVERIFY2(waitForOutput(follow.process(), output, QStringLiteral("late news"), 30000),
        qPrintable(output));
    QCOMPARE(follow.stop(), 0);
    QCOMPARE(follow.readErr(), QString());
    QCOMPARE(output.count(QLatin1String("line 5")), 1);
}

// ---------------------------------------------------------------- supervise

void TestCtlRuntime::superviseRunsAndStopsProcesses()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("sleeper"),
            QStringLiteral("--stop-grace"), QStringLiteral("5"), QStringLiteral("--"),
            sleepProgram(), QStringLiteral("600")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));

    Background supervise;
    QVERIFY2(startSupervise(supervise, tdb), qPrintable(supervise.readErr()));

    // A start from another taskdeskctl: recorded, and carried out by supervise.
    run = runCtl(withDb(tdb,
        {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("processes"),
            QStringLiteral("start"), QStringLiteral("sleeper")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.err, QString());
    QVERIFY2(run.out.contains(QLatin1String("; the supervisor taskdeskctl@")), qPrintable(run.out));
    QJsonObject row;
    QVERIFY2(waitForProcessState(tdb, QStringLiteral("sleeper"), QStringLiteral("RUNNING"), row),
        qPrintable(supervise.readErr()));
    const qint64 pid1 = row.value(QStringLiteral("pid")).toInteger();
    QVERIFY(pidAlive(pid1));
    QVERIFY(!row.value(QStringLiteral("supervisor")).isNull());

    // A stop from another taskdeskctl: the process is gone.
    run = runCtl(withDb(tdb,
        {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("processes"),
            QStringLiteral("stop"), QStringLiteral("sleeper")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(waitForProcessState(tdb, QStringLiteral("sleeper"), QStringLiteral("STOPPED"), row),
        qPrintable(supervise.readErr()));
    QVERIFY(waitUntil([pid1] { return !pidAlive(pid1); }, 30000));

    run = runCtl(withDb(
        tdb, {QStringLiteral("processes"), QStringLiteral("start"), QStringLiteral("sleeper")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(waitForProcessState(tdb, QStringLiteral("sleeper"), QStringLiteral("RUNNING"), row),
        qPrintable(supervise.readErr()));
    const qint64 pid2 = row.value(QStringLiteral("pid")).toInteger();
    QVERIFY(pid2 != pid1);
    QVERIFY(pidAlive(pid2));

    // SIGTERM: its processes are stopped, and it ends cleanly.
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(supervise.stop(), 0);
    QVERIFY(!pidAlive(pid2));
    QVERIFY2(
        timer.elapsed() < 30000, "supervise took too long to stop a process that obeys SIGTERM");
    row = processRow(tdb, QStringLiteral("sleeper"));
    QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("STOPPED"));
    // Wanted running still: the next supervisor of the host starts it again.
    QCOMPARE(row.value(QStringLiteral("desired")).toString(), QStringLiteral("running"));

    // Its log: one timestamped line per event, on stderr.
    const QStringList log = supervise.readErr().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!log.isEmpty());
    const QRegularExpression stamp(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} "));
    for (const QString &line : log)
        QVERIFY2(stamp.match(line).hasMatch(), qPrintable(line));
    const QString all = log.join(QLatin1Char('\n'));
    QVERIFY2(
        all.contains(QStringLiteral("process sleeper started, pid %1").arg(pid2)), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("stop requested")), qPrintable(all));

    const QStringList audits = auditLines(tdb);
    QVERIFY2(audits.contains(QLatin1String("alice process_start_requested")),
        qPrintable(audits.join(QLatin1Char('\n'))));
    QVERIFY2(audits.contains(QLatin1String("alice process_stop_requested")),
        qPrintable(audits.join(QLatin1Char('\n'))));
}

void TestCtlRuntime::superviseWaitsForTheWholeGroupOnSigterm()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString childFile = tdb.tempPath() + QStringLiteral("/grandchild");
    // The program obeys SIGTERM at once; the child it forked ignores it.
    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("wrapper"),
            QStringLiteral("--stop-grace"), QStringLiteral("1"), QStringLiteral("--"),
            QStringLiteral("/bin/sh"), QStringLiteral("-c"),
            QStringLiteral("(trap '' TERM; exec sleep 60) & echo $! > '%1'; wait")
                .arg(childFile)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));

    Background supervise;
    QVERIFY2(startSupervise(supervise, tdb), qPrintable(supervise.readErr()));
    run = runCtl(withDb(
        tdb, {QStringLiteral("processes"), QStringLiteral("start"), QStringLiteral("wrapper")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    qint64 child = 0;
    QVERIFY2(waitUntil(
                 [&childFile, &child] {
                     QFile f(childFile);
                     child = f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
                     return child > 0;
                 },
                 30000),
        qPrintable(supervise.readErr()));

    // SIGTERM: supervise ends only once the whole group is gone, the child
    // SIGKILLed when the grace time ended.
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(supervise.stop(), 0);
    const qint64 took = timer.elapsed();
    QFile stat(QStringLiteral("/proc/%1/stat").arg(child));
    const QByteArray text = stat.open(QIODevice::ReadOnly) ? stat.readAll() : QByteArray();
    const bool childRuns = !text.isEmpty() && text.mid(text.lastIndexOf(')') + 2, 1) != "Z";
    if (childRuns)
        ::kill(pid_t(child), SIGKILL);
    QVERIFY2(!childRuns,
        qPrintable(QStringLiteral("supervise exited after %1 ms while the child of its process "
                                  "still ran\n%2")
                       .arg(took)
                       .arg(supervise.readErr())));
    QVERIFY2(took >= 950, qPrintable(QString::number(took)));
    const QString log = supervise.readErr();
    QVERIFY2(log.contains(QLatin1String("did not stop within its grace time: SIGKILL")),
        qPrintable(log));
}

void TestCtlRuntime::superviseRunsTheSweeperAndTheScheduler_data()
{
    QTest::addColumn<bool>("sweeper");
    QTest::addColumn<bool>("scheduler");
    QTest::newRow("both run by default") << true << true;
    QTest::newRow("--no-sweeper leaves a stuck task alone") << false << true;
    QTest::newRow("--no-scheduler enqueues nothing") << true << false;
}

void TestCtlRuntime::superviseRunsTheSweeperAndTheScheduler()
{
    QFETCH(bool, sweeper);
    QFETCH(bool, scheduler);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const qint64 stale = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("stale")).id;
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {stale}));
    // A running sweeper acts on lost workers once it has watched for a whole
    // heartbeat timeout: a short one.
    QVERIFY(!Settings(tdb.db(), QStringLiteral("tester"))
                 .set(QStringLiteral("sweeper.heartbeat_timeout_s"), QStringLiteral("2")));
    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("schedules"), QStringLiteral("add"), QStringLiteral("tick"),
            QStringLiteral("ping"), QStringLiteral("--every"), QStringLiteral("1")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    // A sweeper acts on a stale heartbeat only once it has itself watched for a
    // whole heartbeat timeout: a short one here.
    run = runCtl(withDb(tdb,
        {QStringLiteral("settings"), QStringLiteral("set"),
            QStringLiteral("sweeper.heartbeat_timeout_s"), QStringLiteral("3")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(withDb(tdb,
        {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("sweeper.interval_s"),
            QStringLiteral("1")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));

    QStringList arguments{QStringLiteral("supervise")};
    if (!sweeper)
        arguments << QStringLiteral("--no-sweeper");
    if (!scheduler)
        arguments << QStringLiteral("--no-scheduler");
    Background supervise;
    QVERIFY(supervise.start(withDb(tdb, arguments), superviseEnvironment()));

    const auto swept = [&tdb, stale] {
        return tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {stale})
                   .toString()
            == QLatin1String("PENDING");
    };
    const auto scheduled = [&tdb] {
        return tdb.scalar(
                      QStringLiteral("SELECT count(*) FROM tasks WHERE schedule_id IS NOT NULL"))
                   .toInt()
            > 0;
    };
    // What runs acts at once (the sweeper after its watch of the heartbeat
    // timeout); what does not run has had that time, and two seconds more, to
    // show that it does not.
    if (sweeper)
        QVERIFY2(waitUntil(swept, 30000), qPrintable(supervise.readErr()));
    if (scheduler)
        QVERIFY2(waitUntil(scheduled, 30000), qPrintable(supervise.readErr()));
    QTest::qWait(2000);
    QCOMPARE(swept(), sweeper);
    QCOMPARE(scheduled(), scheduler);

    QCOMPARE(supervise.stop(), 0);
    const QString log = supervise.readErr();
    QCOMPARE(log.contains(QLatin1String("the sweeper acts from here")), sweeper);
    QCOMPARE(log.contains(QLatin1String("the scheduler acts from here")), scheduler);
    QVERIFY2(log.contains(QStringLiteral("sweeper %1")
                              .arg(sweeper ? QStringLiteral("on") : QStringLiteral("off"))),
        qPrintable(log));
}

// ---------------------------------------------------------------- workers

void TestCtlRuntime::workersShowsTheWorkersTable()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("workers")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QStringLiteral("No workers have registered.\n"));

    WorkerRegistry registry(tdb.db());
    WorkerInfo fresh;
    fresh.id = QStringLiteral("w-fresh@h1#1");
    fresh.name = QStringLiteral("w-fresh");
    fresh.host = QStringLiteral("h1");
    fresh.pid = 4242;
    fresh.queues = L({"default", "mail"});
    fresh.concurrency = 2;
    fresh.version = QStringLiteral("0.1.0");
    QVERIFY(!registry.registerWorker(fresh));
    WorkerInfo silent = fresh;
    silent.id = QStringLiteral("w-silent@h2#1");
    silent.name = QStringLiteral("w-silent");
    silent.host = QStringLiteral("h2");
    silent.queues.clear();
    QVERIFY(!registry.registerWorker(silent));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE workers SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {silent.id}));

    run = runCtl(withDb(tdb, {QStringLiteral("workers")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.outLines().at(0).startsWith(QLatin1String("ID ")));
    QVERIFY2(
        run.out.contains(QRegularExpression(QStringLiteral(
            "w-fresh@h1#1 +w-fresh +h1 +4242 +default,mail +2 +running +(just now|\\d+ s ago)"))),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(
                 QRegularExpression(QStringLiteral("w-silent@h2#1 +w-silent +h2 +4242 +\\(all\\) "
                                                   "+2 +running \\(no heartbeat\\) +10 min ago"))),
        qPrintable(run.out));

    run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("workers")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonArray array = run.json().array();
    QCOMPARE(array.size(), 2);
    QJsonObject first = array.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("id")).toString(), fresh.id);
    QCOMPARE(first.value(QStringLiteral("queues")).toArray(),
        QJsonArray({QStringLiteral("default"), QStringLiteral("mail")}));
    QCOMPARE(first.value(QStringLiteral("status")).toString(), QStringLiteral("running"));
    QVERIFY(first.value(QStringLiteral("heartbeat_at")).isDouble());
    QVERIFY(first.value(QStringLiteral("started_at")).isDouble());
    QVERIFY(first.value(QStringLiteral("stopped_at")).isNull());
    const QJsonObject second = array.at(1).toObject();
    QVERIFY(second.value(QStringLiteral("heartbeat_age_ms")).toInteger() >= 600000);
}

// ---------------------------------------------------------------- schedules

void TestCtlRuntime::schedulesRoundTripIsAudited()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QStringList as{QStringLiteral("--as"), QStringLiteral("carol")};
    CtlRun run = runCtl(withDb(tdb,
        as
            + L({"schedules", "add", "every-minute", "ping", "--every", "60", "--args",
                "{\"a\": 1}", "--queue", "q1", "--priority", "5"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(
        run.out.startsWith(QLatin1String("Added schedule every-minute (id ")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("ping every 60 s, queue q1")), qPrintable(run.out));
    // No scheduler runs for this database: the command says so.
    QCOMPARE(run.errLines(),
        QStringList{QStringLiteral("taskdeskctl: no scheduler is running; 'taskdeskctl supervise' "
                                   "or the Taskdesk app runs one")});
    run = runCtl(withDb(
        tdb, as + L({"--json", "schedules", "add", "five", "report", "--cron", "*/5 * * * *"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.json().object().value(QStringLiteral("cron")).toString(),
        QStringLiteral("*/5 * * * *"));

    run = runCtl(withDb(tdb, L({"--json", "schedules"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QJsonArray array = run.json().array();
    QCOMPARE(array.size(), 2);
    const QJsonObject interval = array.at(0).toObject();
    QCOMPARE(interval.value(QStringLiteral("name")).toString(), QStringLiteral("every-minute"));
    QCOMPARE(interval.value(QStringLiteral("kind")).toString(), QStringLiteral("ping"));
    QCOMPARE(interval.value(QStringLiteral("every_seconds")).toInt(), 60);
    QVERIFY(interval.value(QStringLiteral("cron")).isNull());
    QCOMPARE(
        interval.value(QStringLiteral("args")).toObject(), QJsonObject({{QStringLiteral("a"), 1}}));
    QCOMPARE(interval.value(QStringLiteral("queue")).toString(), QStringLiteral("q1"));
    QCOMPARE(interval.value(QStringLiteral("priority")).toInt(), 5);
    QCOMPARE(interval.value(QStringLiteral("enabled")).toBool(), true);
    QVERIFY(interval.value(QStringLiteral("next_slot_at")).isDouble());
    const QJsonObject cron = array.at(1).toObject();
    QCOMPARE(cron.value(QStringLiteral("name")).toString(), QStringLiteral("five"));
    QVERIFY(cron.value(QStringLiteral("every_seconds")).isNull());
    // The next slot of */5 is a whole minute divisible by five, in the future.
    const qint64 next = cron.value(QStringLiteral("next_slot_at")).toInteger();
    QCOMPARE(next % (5 * 60000), 0);
    QVERIFY(next > cron.value(QStringLiteral("database_now")).toInteger());

    run = runCtl(withDb(tdb, L({"schedules", "list"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(
                 QRegularExpression(QStringLiteral("every-minute +yes +every 60 s +ping +q1 +5 "))),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(
                 QStringLiteral("five +yes +cron \\*/5 \\* \\* \\* \\* +report "))),
        qPrintable(run.out));

    run = runCtl(withDb(tdb, as + L({"schedules", "disable", "five"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QStringLiteral("Schedule five is disabled.\n"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT enabled FROM schedules WHERE name = 'five'")).toInt(), 0);
    run = runCtl(withDb(tdb, as + L({"schedules", "enable", "five"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT enabled FROM schedules WHERE name = 'five'")).toInt(), 1);
    run = runCtl(withDb(tdb, as + L({"schedules", "remove", "five"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM schedules WHERE name = 'five'")).toInt(),
        0);

    run = runCtl(withDb(tdb, L({"schedules", "remove", "five"})));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.errLines(), QStringList{QStringLiteral("taskdeskctl: no schedule named 'five'")});
    run = runCtl(withDb(tdb, L({"schedules", "enable", "five"})));
    QCOMPARE(run.exitCode, 1);

    QCOMPARE(auditLines(tdb),
        L({"carol schedule_add", "carol schedule_add", "carol schedule_disable",
            "carol schedule_enable", "carol schedule_remove"}));
}

void TestCtlRuntime::badCronIsRefusedWithTheParsersMessage_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("a minute out of range") << "61 * * * *";
    QTest::newRow("four fields") << "* * * *";
    QTest::newRow("a step of zero") << "*/0 * * * *";
    QTest::newRow("a day that never comes") << "0 0 30 2 *";
    QTest::newRow("a word") << "sometimes";
    QTest::newRow("an unknown month name") << "0 0 1 foo *";
}

void TestCtlRuntime::badCronIsRefusedWithTheParsersMessage()
{
    QFETCH(QString, expression);
    const Result<CronExpression> parsed = CronExpression::parse(expression);
    QVERIFY(!parsed.ok());
    const CtlRun run = runCtl(withDb(*m_shared,
        {QStringLiteral("schedules"), QStringLiteral("add"), QStringLiteral("bad"),
            QStringLiteral("k"), QStringLiteral("--cron"), expression}));
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    QCOMPARE(
        run.errLines(), QStringList{QStringLiteral("taskdeskctl: ") + parsed.error().message()});
    QCOMPARE(dump(*m_shared, kRuntimeTables), m_sharedDump);
}

// ---------------------------------------------------------------- sweep, settings

void TestCtlRuntime::sweepDryRunChangesNothing()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const qint64 running = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("lost")).id;
    const qint64 queued = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("waiting")).id;
    const qint64 fresh = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("fresh")).id;
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {running}));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000, created_at "
                                    "= created_at - 3600000 WHERE id = ?"),
        {queued}));
    Settings settings(tdb.db(), QStringLiteral("fixture"));
    QVERIFY(!settings.set(QStringLiteral("sweeper.queue_policy"), QStringLiteral("mark_failed")));
    const QString before = dump(tdb, kRuntimeTables);

    CtlRun run = runCtl(withDb(tdb, L({"sweep", "--dry-run"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QLatin1String("Dry run: 2 tasks would be changed")),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("would be re-queued (lost worker): %1").arg(running)),
        qPrintable(run.out));
    QVERIFY2(
        run.out.contains(QStringLiteral("would be marked FAILED (stuck_swept): %1").arg(queued)),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("a re-queued one waits 5 s doubled each attempt up "
                                             "to 1 h")),
        qPrintable(run.out));
    QCOMPARE(dump(tdb, kRuntimeTables), before);

    run = runCtl(withDb(tdb, L({"--json", "sweep", "--dry-run"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject o = run.json().object();
    QCOMPARE(o.value(QStringLiteral("dry_run")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("requeued_ids")).toArray(), QJsonArray({running}));
    QCOMPARE(o.value(QStringLiteral("failed_ids")).toArray(), QJsonArray({queued}));
    QCOMPARE(o.value(QStringLiteral("queue_policy")).toString(), QStringLiteral("mark_failed"));
    QCOMPARE(dump(tdb, kRuntimeTables), before);
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {fresh}).toString(),
        QStringLiteral("RUNNING"));
}

// The dry run reads the stuck report (StuckScope): whole counts, lists cut at
// --limit and saying so, in the text and in the JSON.
void TestCtlRuntime::sweepDryRunCountsTheWholeSetAndSaysWhenItsListsAreCut()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    QVector<qint64> running;
    for (int i = 0; i < 3; ++i)
        running << makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("lost-%1").arg(i)).id;
    // The last one has no attempt left: the rule fails it.
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET max_attempts = attempt WHERE id = ?"), {running.last()}));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE "
                                    "status = 'RUNNING'")));
    for (int i = 0; i < 8; ++i)
        makeTask(store, QStringLiteral("PENDING"), QStringLiteral("waiting-%1").arg(i));
    QVERIFY(tdb.exec(QStringLiteral(
        "UPDATE tasks SET run_after = run_after - 3600000 WHERE status = 'PENDING'")));
    Settings settings(tdb.db(), QStringLiteral("fixture"));
    QVERIFY(!settings.set(QStringLiteral("sweeper.queue_policy"), QStringLiteral("report")));
    const QString before = dump(tdb, kRuntimeTables);

    CtlRun run = runCtl(withDb(tdb, L({"sweep", "--dry-run", "--limit", "2"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(
                 QLatin1String("Dry run: 3 tasks would be changed, 8 reported, 0 workers")),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("The lists show at most 2 tasks of each kind "
                                            "(--limit); the counts are whole.")),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("2 running tasks would be re-queued (lost worker)")),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("1 running task would be marked FAILED (worker_lost)")),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("8 queued tasks waiting longer than 5 min "
                                            "(reported only; the policy is report)")),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("(ids of 2 of 8 shown; --json lists more)")),
        qPrintable(run.out));

    run = runCtl(withDb(tdb, L({"--json", "sweep", "--dry-run", "--limit", "2"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QJsonObject o = run.json().object();
    QJsonObject stuck = o.value(QStringLiteral("stuck_jobs")).toObject();
    QCOMPARE(stuck.value(QStringLiteral("total")).toInteger(), 11);
    QCOMPARE(stuck.value(QStringLiteral("queued_stuck")).toInteger(), 8);
    QCOMPARE(stuck.value(QStringLiteral("running_stuck")).toInteger(), 3);
    QCOMPARE(stuck.value(QStringLiteral("truncated")).toBool(), true);
    QJsonObject cleaned = o.value(QStringLiteral("cleaned_jobs")).toObject();
    QCOMPARE(cleaned.value(QStringLiteral("total")).toInteger(), 3);
    QCOMPARE(cleaned.value(QStringLiteral("running_requeued")).toInteger(), 2);
    QCOMPARE(cleaned.value(QStringLiteral("running_failed")).toInteger(), 1);
    QCOMPARE(cleaned.value(QStringLiteral("truncated")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("reported")).toInteger(), 8);
    QCOMPARE(o.value(QStringLiteral("reported_ids")).toArray().size(), 2);
    QCOMPARE(o.value(QStringLiteral("reported_truncated")).toBool(), true);

    // With mark_failed the queued ones count among the changes.
    QVERIFY(!settings.set(QStringLiteral("sweeper.queue_policy"), QStringLiteral("mark_failed")));
    const QString marked = dump(tdb, kRuntimeTables);
    run = runCtl(withDb(tdb, L({"--json", "sweep", "--dry-run", "--limit", "2"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    o = run.json().object();
    cleaned = o.value(QStringLiteral("cleaned_jobs")).toObject();
    QCOMPARE(cleaned.value(QStringLiteral("total")).toInteger(), 11);
    QCOMPARE(cleaned.value(QStringLiteral("queued")).toInteger(), 8);
    QCOMPARE(o.value(QStringLiteral("reported")).toInteger(), 0);
    QCOMPARE(dump(tdb, kRuntimeTables), marked);
    Q_UNUSED(before)
}

void TestCtlRuntime::sweepActsWithTheStoredRules()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const qint64 running = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("lost")).id;
    const qint64 queued = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("waiting")).id;
    const qint64 fresh = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("fresh")).id;
    // Two minutes without a heartbeat: lost under a 60 s timeout, not under 300 s.
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 120000 WHERE id = ?"),
        {running}));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000, created_at "
                                    "= created_at - 3600000 WHERE id = ?"),
        {queued}));

    CtlRun run = runCtl(withDb(tdb, L({"settings", "set", "sweeper.heartbeat_timeout_s", "300"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(withDb(tdb, L({"sweep"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    // The queue policy is report: the queued task is listed, not changed.
    QVERIFY2(
        run.out.contains(QStringLiteral("(reported only; the policy is report): %1").arg(queued)),
        qPrintable(run.out));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {running}).toString(),
        QStringLiteral("RUNNING"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {queued}).toString(),
        QStringLiteral("PENDING"));

    run = runCtl(withDb(tdb, L({"settings", "set", "sweeper.heartbeat_timeout_s", "60"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(withDb(tdb, L({"settings", "set", "sweeper.queue_policy", "mark_failed"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(withDb(tdb, L({"--json", "sweep"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(
        run.json().object().value(QStringLiteral("requeued_ids")).toArray(), QJsonArray({running}));
    QCOMPARE(
        run.json().object().value(QStringLiteral("failed_ids")).toArray(), QJsonArray({queued}));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {running}).toString(),
        QStringLiteral("PENDING"));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT status || '/' || outcome FROM tasks WHERE id = ?"),
                    {queued})
                 .toString(),
        QStringLiteral("FAILED/stuck_swept"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {fresh}).toString(),
        QStringLiteral("RUNNING"));
    // The sweeper's decision log: an audit row per decision, and the lease given back.
    QCOMPARE(
        tdb.scalar(
               QStringLiteral(
                   "SELECT count(*) FROM audit_log WHERE actor = 'sweeper' AND task_id IN (?, ?)"),
               {running, queued})
            .toInt(),
        2);
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM leases WHERE name = 'sweeper'")).toInt(),
        0);

    run = runCtl(withDb(tdb, L({"sweep"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QLatin1String("Swept: nothing is stuck.")), qPrintable(run.out));
}

void TestCtlRuntime::sweepIsRefusedWhileAnotherSweeperActs()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const qint64 running = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("lost")).id;
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {running}));
    SingletonLease other(
        tdb.db(), QStringLiteral("sweeper"), QStringLiteral("elsewhere:1:abc"), 600000);
    QVERIFY(other.tryAcquire().value());
    const QString before = dump(tdb, kRuntimeTables);

    CtlRun run = runCtl(withDb(tdb, L({"sweep"})));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.errLines(),
        QStringList{QStringLiteral("taskdeskctl: another sweeper is active (elsewhere:1:abc)")});
    QCOMPARE(dump(tdb, kRuntimeTables), before);
    // A dry run needs no lease.
    run = runCtl(withDb(tdb, L({"sweep", "--dry-run"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QString::number(running)), qPrintable(run.out));
}

void TestCtlRuntime::settingsShowAndChange()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    CtlRun run = runCtl(withDb(tdb, L({"--json", "settings"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QJsonArray array = run.json().array();
    QCOMPARE(int(array.size()), int(Settings::specs().size()));
    QJsonObject heartbeat;
    for (const QJsonValue &v : std::as_const(array)) {
        if (v.toObject().value(QStringLiteral("key")).toString()
            == QLatin1String("sweeper.heartbeat_timeout_s"))
            heartbeat = v.toObject();
    }
    QCOMPARE(heartbeat.value(QStringLiteral("value")).toString(), QStringLiteral("60"));
    QCOMPARE(heartbeat.value(QStringLiteral("is_default")).toBool(), true);
    QCOMPARE(heartbeat.value(QStringLiteral("unit")).toString(), QStringLiteral("s"));

    run = runCtl(
        withDb(tdb, L({"--as", "dave", "settings", "set", "sweeper.heartbeat_timeout_s", "120"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QStringLiteral("sweeper.heartbeat_timeout_s = 120 (was 60)\n"));
    run = runCtl(withDb(tdb, L({"settings", "list"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QRegularExpression(
                 QStringLiteral("\\nsweeper.heartbeat_timeout_s +120 +60 +1 … "))),
        qPrintable(run.out));
    QCOMPARE(auditLines(tdb), L({"dave setting_change"}));

    run = runCtl(
        withDb(tdb, L({"--as", "dave", "settings", "reset", "sweeper.heartbeat_timeout_s"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QStringLiteral("sweeper.heartbeat_timeout_s = 60 (was 120)\n"));
}

void TestCtlRuntime::badInputChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message"); // a part of the one stderr line
    QTest::addColumn<bool>("checkedBeforeOpening"); // refused even without a database
    const bool before = true;
    const bool after = false;
    const QString sleep = sleepProgram();

    QTest::newRow("an unknown processes subcommand")
        << L({"processes", "frob"}) << "unknown processes command 'frob' (expected list, add"
        << before;
    QTest::newRow("processes add without a program")
        << L({"processes", "add", "x"}) << "processes add: missing argument PROGRAM" << before;
    QTest::newRow("a program that is not an absolute path")
        << L({"processes", "add", "x", "--", "sleep", "1"})
        << "the program 'sleep' is not an absolute path" << before;
    QTest::newRow("a process name with a space")
        << QStringList{QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("a b"),
               QStringLiteral("--"), sleep}
        << "the process name 'a b' may hold only" << before;
    QTest::newRow("an unknown role")
        << QStringList{QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("x"),
               QStringLiteral("--role"), QStringLiteral("boss"), QStringLiteral("--"), sleep}
        << "unknown role 'boss' (expected worker, scheduler, other)" << before;
    QTest::newRow("an unknown restart policy") << QStringList{QStringLiteral("processes"),
        QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--restart"),
        QStringLiteral("sometimes"), QStringLiteral("--"), sleep}
                                               << "unknown restart policy 'sometimes'" << before;
    QTest::newRow("an environment variable without a value")
        << QStringList{QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("x"),
               QStringLiteral("--env"), QStringLiteral("FOO"), QStringLiteral("--"), sleep}
        << "--env takes NAME=VALUE, got 'FOO'" << before;
    QTest::newRow("an environment variable with a bad name")
        << QStringList{QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("x"),
               QStringLiteral("--env"), QStringLiteral("1A=b"), QStringLiteral("--"), sleep}
        << "'1A' is not a valid environment variable name" << before;
    QTest::newRow("a negative stop grace")
        << QStringList{QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("x"),
               QStringLiteral("--stop-grace"), QStringLiteral("-1"), QStringLiteral("--"), sleep}
        << "--stop-grace must be between 0 and 3600" << before;
    QTest::newRow("zero failures before FATAL")
        << QStringList{QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("x"),
               QStringLiteral("--max-failures"), QStringLiteral("0"), QStringLiteral("--"), sleep}
        << "--max-failures must be between 1 and 1000" << before;
    QTest::newRow("a relative working folder")
        << QStringList{QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("x"),
               QStringLiteral("--workdir"), QStringLiteral("tmp"), QStringLiteral("--"), sleep}
        << "the working folder 'tmp' is not an absolute path" << before;
    QTest::newRow("a program option without the double dash")
        << QStringList{QStringLiteral("processes"), QStringLiteral("add"), QStringLiteral("x"),
               sleep, QStringLiteral("--fast")}
        << "processes add: unknown option 'fast'" << before;
    QTest::newRow("a process name in use") << QStringList{QStringLiteral("processes"),
        QStringLiteral("add"), QStringLiteral("p1"), QStringLiteral("--"), sleep}
                                           << "a process named 'p1' already exists" << after;
    QTest::newRow("a start without a name or --all")
        << L({"processes", "start"}) << "give a process NAME, or --all for every one" << before;
    QTest::newRow("a stop with a name and --all")
        << L({"processes", "stop", "p1", "--all"}) << "give a process NAME or --all, not both"
        << before;
    QTest::newRow("a restart of one process on a host")
        << L({"processes", "restart", "p1", "--host", "h"}) << "--host goes with --all" << before;
    QTest::newRow("zero output lines") << L({"processes", "output", "p1", "--lines", "0"})
                                       << "--lines must be between 1 and 100000" << before;
    QTest::newRow("a workers limit of zero")
        << L({"workers", "--limit", "0"}) << "--limit must be between 1" << before;
    QTest::newRow("an unknown schedules subcommand")
        << L({"schedules", "pause"}) << "unknown schedules command 'pause'" << before;
    QTest::newRow("a schedule without its timing")
        << L({"schedules", "add", "s", "k"}) << "give --every SECONDS or --cron EXPR" << before;
    QTest::newRow("a schedule with both timings")
        << L({"schedules", "add", "s", "k", "--every", "5", "--cron", "* * * * *"})
        << "give --every or --cron, not both" << before;
    QTest::newRow("an interval of zero") << L({"schedules", "add", "s", "k", "--every", "0"})
                                         << "--every must be between 1 and 31622400" << before;
    QTest::newRow("an interval that is not a number")
        << L({"schedules", "add", "s", "k", "--every", "5m"}) << "--every must be a whole number"
        << before;
    QTest::newRow("schedule args that are not JSON")
        << L({"schedules", "add", "s", "k", "--every", "5", "--args", "{nope"})
        << "args are not valid JSON" << before;
    QTest::newRow("schedule args that are a JSON string")
        << L({"schedules", "add", "s", "k", "--every", "5", "--args", "\"x\""})
        << "args must be a JSON object or array" << before;
    QTest::newRow("a schedule kind with a space")
        << L({"schedules", "add", "s", "bad kind", "--every", "5"})
        << "invalid task kind 'bad kind'" << before;
    QTest::newRow("a schedule priority out of range")
        << L({"schedules", "add", "s", "k", "--every", "5", "--priority", "2000"})
        << "--priority must be between -1000 and 1000" << before;
    QTest::newRow("a schedule name in use") << L({"schedules", "add", "s1", "k", "--every", "5"})
                                            << "a schedule named 's1' already exists" << after;
    QTest::newRow("a heartbeat timeout of zero")
        << L({"settings", "set", "sweeper.heartbeat_timeout_s", "0"})
        << "sweeper.heartbeat_timeout_s must be between 1 and 604800 seconds (7 days); got 0"
        << before;
    QTest::newRow("a sweeper interval of eleven days")
        << L({"settings", "set", "sweeper.interval_s", "999999"})
        << "sweeper.interval_s must be between 1 and 3600" << before;
    QTest::newRow("a negative queue threshold")
        << L({"settings", "set", "sweeper.queue_threshold_s", "--", "-5"})
        << "sweeper.queue_threshold_s must be between 1 and" << before;
    QTest::newRow("a queue threshold that is not a number")
        << L({"settings", "set", "sweeper.queue_threshold_s", "soon"})
        << "sweeper.queue_threshold_s must be a whole number" << before;
    QTest::newRow("an unknown queue policy")
        << L({"settings", "set", "sweeper.queue_policy", "explode"})
        << "sweeper.queue_policy must be one of report, mark_failed" << before;
    QTest::newRow("a re-queue delay over its cap")
        << L({"settings", "set", "sweeper.retry_base_s", "7200"})
        << "sweeper.retry_base_s (7200 s) must not exceed sweeper.retry_cap_s (3600 s)" << after;
    QTest::newRow("an unknown setting") << L({"settings", "set", "sweeper.colour", "blue"})
                                        << "unknown setting 'sweeper.colour'" << before;
    QTest::newRow("a reset of an unknown setting")
        << L({"settings", "reset", "colour"}) << "unknown setting 'colour'" << before;
    QTest::newRow("settings set without a value")
        << L({"settings", "set", "sweeper.interval_s"}) << "settings set: missing argument VALUE"
        << before;
    QTest::newRow("sweep with an argument")
        << L({"sweep", "now"}) << "sweep: unexpected argument 'now'" << before;
    QTest::newRow("supervise for a host with a space")
        << L({"supervise", "--host", "a b"}) << "--host needs a host name without spaces" << before;
}

void TestCtlRuntime::badInputChangesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QFETCH(bool, checkedBeforeOpening);

    CtlRun run = runCtl(withDb(*m_shared, arguments));
    verifyOneClearMessage(run, message);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(dump(*m_shared, kRuntimeTables), m_sharedDump);

    if (checkedBeforeOpening) {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("none.db"));
        run = runCtl(QStringList{QStringLiteral("--db"), missing} + arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY(!QFileInfo::exists(missing));
    }
}

// ---------------------------------------------------------------- roles

void TestCtlRuntime::initCreateRoles()
{
    // SQLite: refused before anything is created.
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("tasks.db"));
    CtlRun run = runCtl({QStringLiteral("--db"), missing, QStringLiteral("init"),
        QStringLiteral("--create-roles")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    QCOMPARE(run.errLines(),
        QStringList{
            QStringLiteral("taskdeskctl: --create-roles needs PostgreSQL: a SQLite file has "
                           "no roles; its file permissions decide who may change it")});
    QVERIFY(!QFileInfo::exists(missing));

    if (!TestDatabase::postgres())
        return;
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    run = runCtl(withDb(tdb, L({"init", "--create-roles"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(
        run.out.contains(QLatin1String("Roles taskdesk_viewer (read only) and taskdesk_operator")),
        qPrintable(run.out));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname IN "
                                       "('taskdesk_viewer', 'taskdesk_operator')"))
                 .toInt(),
        2);
    QCOMPARE(tdb.scalar(QStringLiteral(
                            "SELECT has_table_privilege('taskdesk_viewer', 'tasks', 'UPDATE')"))
                 .toBool(),
        false);
    // A viewer reads every column of a definition but its environment's values;
    // an operator changes its desired and actual state, never its program.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT has_column_privilege('taskdesk_viewer', "
                                       "'processes', 'program', 'SELECT')"))
                 .toBool(),
        true);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT has_column_privilege('taskdesk_viewer', "
                                       "'processes', 'env', 'SELECT')"))
                 .toBool(),
        false);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT has_column_privilege('taskdesk_operator', "
                                       "'processes', 'desired', 'UPDATE')"))
                 .toBool(),
        true);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT has_column_privilege('taskdesk_operator', "
                                       "'processes', 'program', 'UPDATE')"))
                 .toBool(),
        false);
    QCOMPARE(tdb.scalar(QStringLiteral(
                            "SELECT has_table_privilege('taskdesk_admin', 'processes', 'INSERT')"))
                 .toBool(),
        true);
    // Again, as every deployment may run it: nothing fails.
    run = runCtl(withDb(tdb, L({"--json", "init", "--create-roles"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.json().object().value(QStringLiteral("roles")).toArray().size(), 3);
}

void TestCtlRuntime::viewerCanRead_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("list") << L({"list"});
    QTest::newRow("show") << L({"show", "{running}"});
    QTest::newRow("stuck") << L({"stuck"});
    QTest::newRow("stats") << L({"stats"});
    QTest::newRow("audit") << L({"audit"});
    QTest::newRow("a cleanup dry run") << L({"cleanup", "--dry-run"});
    QTest::newRow("processes") << L({"processes"});
    QTest::newRow("processes output") << L({"processes", "output", "p1"});
    QTest::newRow("workers") << L({"workers"});
    QTest::newRow("schedules") << L({"schedules"});
    QTest::newRow("settings") << L({"settings"});
    QTest::newRow("a sweep dry run") << L({"sweep", "--dry-run"});
}

void TestCtlRuntime::viewerCanRead()
{
    REQUIRE_ROLES(m_roles);
    QFETCH(QStringList, arguments);
    const QString before = dump(*m_roles, kRuntimeTables);
    const CtlRun run = runCtl(QStringList{QStringLiteral("--db"), urlAs(*m_roles, m_viewer)}
        + withIds(arguments, m_roleIds));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.err, QString());
    QVERIFY(!run.out.isEmpty());
    QCOMPARE(dump(*m_roles, kRuntimeTables), before);
}

void TestCtlRuntime::viewerIsRefusedEveryChange_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("cancel") << L({"cancel", "{pending}"});
    QTest::newRow("cancel with --json") << L({"--json", "cancel", "{pending}"});
    QTest::newRow("force-stop") << L({"force-stop", "{running}"});
    QTest::newRow("restart") << L({"restart", "{finished}"});
    QTest::newRow("delete") << L({"delete", "{finished}"});
    QTest::newRow("enqueue") << L({"enqueue", "k"});
    QTest::newRow("cleanup") << L({"cleanup"});
    QTest::newRow("processes start") << L({"processes", "start", "p1"});
    QTest::newRow("processes stop --all") << L({"processes", "stop", "--all"});
    QTest::newRow("processes remove") << L({"processes", "remove", "p1"});
    QTest::newRow("schedules add") << L({"schedules", "add", "s2", "k", "--every", "60"});
    QTest::newRow("schedules disable") << L({"schedules", "disable", "s1"});
    QTest::newRow("settings set") << L({"settings", "set", "sweeper.interval_s", "5"});
    QTest::newRow("sweep") << L({"sweep"});
    QTest::newRow("supervise") << L({"supervise"});
    QTest::newRow("init") << L({"init"});
    QTest::newRow("init --create-roles") << L({"init", "--create-roles"});
}

void TestCtlRuntime::viewerIsRefusedEveryChange()
{
    REQUIRE_ROLES(m_roles);
    QFETCH(QStringList, arguments);
    const QString before = dump(*m_roles, kRuntimeTables);
    const CtlRun run = runCtl(QStringList{QStringLiteral("--db"), urlAs(*m_roles, m_viewer)}
        + withIds(arguments, m_roleIds));
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QCOMPARE(run.out, QString());
    QCOMPARE(run.errLines(), QStringList{kReadOnly});
    QCOMPARE(dump(*m_roles, kRuntimeTables), before);
}

void TestCtlRuntime::permissionDeniedByTheDatabaseIsExit1()
{
    // This role may update tasks, so taskdeskctl lets it try; the database refuses
    // the write to processes, and that refusal is exit 1 as well.
    REQUIRE_ROLES(m_roles);
    const QString before = dump(*m_roles, kRuntimeTables);
    const CtlRun run = runCtl({QStringLiteral("--db"), urlAs(*m_roles, m_partial),
        QStringLiteral("processes"), QStringLiteral("start"), QStringLiteral("p1")});
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QCOMPARE(run.out, QString());
    QCOMPARE(run.errLines(), QStringList{kReadOnly});
    QCOMPARE(dump(*m_roles, kRuntimeTables), before);
}

void TestCtlRuntime::operatorCanAct()
{
    REQUIRE_ROLES(m_roles);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    CtlRun run = runCtl(withDb(tdb, L({"init", "--create-roles"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    TaskStore store(tdb.db(), QStringLiteral("fixture"));
    const qint64 pending = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("waiting")).id;
    ProcessDefinition d;
    d.name = QStringLiteral("p1");
    d.host = QStringLiteral("h-op");
    d.program = sleepProgram();
    QVERIFY(ProcessStore(tdb.db()).add(d).ok());

    const QString role = QStringLiteral("tdoperator_%1").arg(QCoreApplication::applicationPid());
    QVERIFY(roleSql(tdb, QStringLiteral("DROP ROLE IF EXISTS ") + role));
    QVERIFY(
        roleSql(tdb, QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE taskdesk_operator").arg(role)));
    const auto dropRole = qScopeGuard(
        [&tdb, &role] { roleSql(tdb, QStringLiteral("DROP ROLE IF EXISTS ") + role); });
    const QStringList db{
        QStringLiteral("--db"), urlAs(tdb, role), QStringLiteral("--as"), QStringLiteral("erin")};

    run = runCtl(db + QStringList{QStringLiteral("cancel"), QString::number(pending)});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(db + L({"enqueue", "k"}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(db + L({"processes", "start", "p1"}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(db + L({"schedules", "add", "s", "k", "--every", "60"}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(db + L({"settings", "set", "sweeper.interval_s", "5"}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl(db + L({"sweep"}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {pending}).toString(),
        QStringLiteral("FAILED"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT desired FROM processes WHERE name = 'p1'")).toString(),
        QStringLiteral("running"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'erin'")).toInt(),
        5);
}

// ---------------------------------------------------------------- help

void TestCtlRuntime::helpOnEveryRuntimeCommand_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("options"); // each must be described
    QTest::newRow("processes") << "processes" << L({"--host"});
    QTest::newRow("processes add") << "processes add"
                                   << L({"--role", "--autostart", "--host", "--workdir", "--env",
                                          "--stop-grace", "--max-failures", "--restart"});
    QTest::newRow("processes remove") << "processes remove" << L({"--force"});
    QTest::newRow("processes start") << "processes start" << L({"--all", "--host"});
    QTest::newRow("processes stop") << "processes stop" << L({"--all", "--host"});
    QTest::newRow("processes restart") << "processes restart" << L({"--all", "--host"});
    QTest::newRow("processes output")
        << "processes output" << L({"--lines", "--follow", "--interval"});
    QTest::newRow("workers") << "workers" << L({"--limit"});
    QTest::newRow("schedules") << "schedules" << L({"--enabled"});
    QTest::newRow("schedules add")
        << "schedules add"
        << L({"--every", "--cron", "--args", "--queue", "--priority", "--disabled"});
    QTest::newRow("schedules enable") << "schedules enable" << QStringList{};
    QTest::newRow("schedules disable") << "schedules disable" << QStringList{};
    QTest::newRow("schedules remove") << "schedules remove" << QStringList{};
    QTest::newRow("sweep") << "sweep" << L({"--dry-run"});
    QTest::newRow("settings") << "settings" << QStringList{};
    QTest::newRow("settings set") << "settings set" << QStringList{};
    QTest::newRow("settings reset") << "settings reset" << QStringList{};
    QTest::newRow("supervise") << "supervise" << L({"--no-sweeper", "--no-scheduler", "--host"});
    QTest::newRow("init") << "init" << L({"--create-roles"});
}

void TestCtlRuntime::helpOnEveryRuntimeCommand()
{
    QFETCH(QString, command);
    QFETCH(QStringList, options);
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("none.db"));
    const QStringList words = command.split(QLatin1Char(' '));
    const CtlRun run = runCtl(QStringList{QStringLiteral("--db"), missing} + words
        + QStringList{QStringLiteral("--help")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QStringLiteral("Usage: taskdeskctl [GLOBAL OPTIONS] ") + command),
        qPrintable(run.out));
    for (const QString &option : options)
        QVERIFY2(run.out.contains(option), qPrintable(option));
    QVERIFY(!QFileInfo::exists(missing));
    QCOMPARE(runCtl(QStringList{QStringLiteral("help")} + words).out, run.out);
    const CtlRun top = runCtl({QStringLiteral("--help")});
    QVERIFY(QRegularExpression(QStringLiteral("\\n  %1 ").arg(QRegularExpression::escape(command)))
                .match(top.out)
                .hasMatch());
}

TASKDESK_TEST_MAIN(TestCtlRuntime)
#include "tst_ctl_runtime.moc"
