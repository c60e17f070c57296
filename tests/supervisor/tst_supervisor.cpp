// The Supervisor with real child processes and a real database (SQLite file or
// PostgreSQL): crash loops, backoff, FATAL, stops that reach the whole process
// group, worker tasks, front ends that only set the desired state, the host
// lease, output capture, detach and adoption. Intervals are shortened through
// the definitions; every wait has a generous timeout.

#include "core/database.h"
#include "core/processgroup.h"
#include "core/settings.h"
#include "core/supervisor/orphans.h"
#include "core/supervisor/processstore.h"
#include "core/supervisor/supervisor.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/taskstore.h"
#include "testdatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <memory>
#include <optional>
#include <unistd.h>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

const QString kHost = QStringLiteral("testhost");
const QString kOperator = QStringLiteral("alice");

// A shell script as a definition, with intervals short enough for a test.
ProcessDefinition shell(const QString &name, const QString &script)
{
    ProcessDefinition d;
    d.name = name;
    d.host = kHost;
    d.program = QStringLiteral("/bin/sh");
    d.args = {QStringLiteral("-c"), script};
    d.backoffBaseMs = 100;
    d.backoffCapMs = 10000;
    d.healthyAfterMs = 300;
    d.startupMs = 100;
    d.stopGraceMs = 2000;
    d.maxFailures = 5;
    return d;
}

SupervisorOptions options(const TestDatabase &tdb, const QString &holder = QStringLiteral("sup-a"),
    const QString &host = kHost)
{
    SupervisorOptions o;
    o.host = host;
    o.holder = holder;
    o.pollIntervalMs = 50;
    o.leaseTtlMs = 3000;
    o.outputDir = tdb.tempPath() + QStringLiteral("/output-") + holder;
    return o;
}

// A supervisor that is stopped (and waited for) when the test leaves, so
// that no child outlives a failed test.
class ScopedSupervisor final
{
public:
    ScopedSupervisor(Database &db, const SupervisorOptions &o)
        : m_sup(std::make_unique<Supervisor>(db, o))
    { }
    ~ScopedSupervisor() { stop(); }
    ScopedSupervisor(const ScopedSupervisor &) = delete;
    ScopedSupervisor &operator=(const ScopedSupervisor &) = delete;

    Supervisor *operator->() const { return m_sup.get(); }
    Supervisor &operator*() const { return *m_sup; }
    bool stop()
    {
        if (!m_sup || !m_sup->isActive())
            return true;
        QSignalSpy done(m_sup.get(), &Supervisor::allStopped);
        m_sup->stopAll();
        return done.wait(15000);
    }
    void reset() { m_sup.reset(); }

private:
    std::unique_ptr<Supervisor> m_sup;
};

QString stateOf(ProcessStore &store, const QString &name)
{
    Result<ProcessInfo> p = store.process(name);
    return p.ok() ? processStateName(p->runtime.state) : p.error().message();
}

ProcessInfo row(ProcessStore &store, const QString &name)
{
    Result<ProcessInfo> p = store.process(name);
    if (!p.ok())
        qWarning("reading %s: %s", qPrintable(name), qPrintable(p.error().message()));
    return p.ok() ? *p : ProcessInfo();
}

// The state changes of one process as the supervisor made them, with times.
class StateRecorder final
{
public:
    struct Step
    {
        QString state;
        qint64 at;
    };

    StateRecorder(Supervisor &sup, const QString &name)
    {
        m_clock.start();
        m_connection = QObject::connect(
            &sup, &Supervisor::processChanged, &sup, [this, &sup, name](const QString &n) {
                if (n != name)
                    return;
                const QString state = processStateName(sup.state(name));
                if (m_steps.isEmpty() || m_steps.constLast().state != state)
                    m_steps.append({state, m_clock.elapsed()});
            });
    }
    // The supervisor outlives the recorder in the tests (it is stopped last).
    ~StateRecorder() { QObject::disconnect(m_connection); }
    StateRecorder(const StateRecorder &) = delete;
    StateRecorder &operator=(const StateRecorder &) = delete;
    const QVector<Step> &steps() const { return m_steps; }
    QStringList states() const
    {
        QStringList out;
        for (const Step &s : m_steps)
            out << s.state;
        return out;
    }
    int count(const QString &state) const { return int(states().count(state)); }

private:
    QMetaObject::Connection m_connection;
    QElapsedTimer m_clock;
    QVector<Step> m_steps;
};

struct ProcStat
{
    qint64 pid = 0;
    char state = '?';
    qint64 pgrp = 0;
};

QVector<ProcStat> allProcesses()
{
    QVector<ProcStat> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = f.readAll();
        const qsizetype paren = text.lastIndexOf(')');
        if (paren < 0)
            continue;
        const QList<QByteArray> fields = text.mid(paren + 2).split(' ');
        if (fields.size() < 3)
            continue;
        out.append(
            {pid, fields.at(0).isEmpty() ? '?' : fields.at(0).at(0), fields.at(2).toLongLong()});
    }
    return out;
}

// Processes of the group that are still alive (zombies waiting for their
// reaper do not count: they run nothing).
QVector<qint64> liveGroupMembers(qint64 pgid)
{
    QVector<qint64> out;
    for (const ProcStat &p : allProcesses()) {
        if (p.pgrp == pgid && p.state != 'Z')
            out.append(p.pid);
    }
    return out;
}

bool groupGone(qint64 pgid)
{
    if (::kill(-pid_t(pgid), 0) != 0 && errno == ESRCH)
        return true;
    // kill() also sees zombies that init has not reaped yet; /proc tells them apart.
    return liveGroupMembers(pgid).isEmpty();
}

// A live process (not a zombie) with that pid.
bool processRuns(qint64 pid)
{
    for (const ProcStat &p : allProcesses()) {
        if (p.pid == pid)
            return p.state != 'Z';
    }
    return false;
}

qint64 parentOf(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = f.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

// The number a shell script wrote into `path`, once it is there.
qint64 numberIn(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().trimmed().toLongLong();
}

int openFileDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                   .size());
}

// Processes whose command line holds `marker`.
int processesWithMarker(const QByteArray &marker)
{
    int n = 0;
    for (const ProcStat &p : allProcesses()) {
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(p.pid));
        if (p.state != 'Z' && f.open(QIODevice::ReadOnly) && f.readAll().contains(marker))
            ++n;
    }
    return n;
}

int auditCount(TestDatabase &tdb, const QString &action, const QString &process)
{
    return tdb
        .scalar(
            QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND details {LIKE} ?"),
            {action, QString(QStringLiteral("%\"process\":\"") + process + QStringLiteral("\"%"))})
        .toInt();
}

QStringList outputLines(ProcessStore &store, const QString &name, const QString &stream = {})
{
    QStringList lines;
    Result<QVector<ProcessOutputLine>> out = store.output(name, 0, 100000);
    if (!out.ok())
        return {out.error().message()};
    for (const ProcessOutputLine &l : *out) {
        if (stream.isEmpty() || l.stream == stream)
            lines << l.line;
    }
    return lines;
}

} // namespace

#define QVERIFY_ADDED(call)                                                                        \
    do {                                                                                           \
        const Result<qint64> added_ = (call);                                                      \
        QVERIFY2(added_.ok(), qPrintable(added_.error().message()));                               \
    } while (false)

class SupervisorTest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void definitionValidation_data();
    void definitionValidation();
    void wordsAreParsedWithClearMessages();
    void storeKeepsDefinitionsAndAuditsOperators();
    void removalIsRefusedWhileWantedRunning();

    void crashLoopBacksOffThenGoesFatal();
    void healthyUptimeResetsTheFailureCount_data();
    void healthyUptimeResetsTheFailureCount();
    void startFromFatalStartsAgain();
    void restartPolicy_data();
    void restartPolicy();
    void restartRequestStartsAFreshProcess();

    void stopKillsTheWholeProcessGroup_data();
    void stopKillsTheWholeProcessGroup();
    void operatorStopIsNotACrash();
    void unusableProgramIsFatalAtOnce_data();
    void unusableProgramIsFatalAtOnce();
    void missingProgramLeaksNoFileDescriptors();

    void stoppedWorkerFailsItsRunningTasks_data();
    void stoppedWorkerFailsItsRunningTasks();
    void workerIsStoppedEvenWhenTheTaskUpdateFails();

    void desiredStateFromAnotherFrontEndIsPickedUp();
    void onlyTheLeaseHolderActs();
    void lostLeaseHandsTheProcessesOver();
    void definitionWithoutHostGoesToTheFirstSupervisor();
    void autostartProcessesStartWithTheSupervisor();
    void removedProcessIsStopped();
    void outputIsCapturedAndCapped();
    void stopAllStopsEverythingAndReleasesTheHost();
    void detachedProcessesRunOnAndAreAdopted();
    void aSupervisedWorkerOpensTheVeryDatabaseWhateverItsName();

    void orphansComeBackToTheSupervisorAndAreReaped();
    void deadWorkersExecutionsEndBeforeItsTasksRunAgain_data();
    void deadWorkersExecutionsEndBeforeItsTasksRunAgain();
    void stopAllWaitsForTheWholeGroup();
    void groupWhoseLeaderPidWasReusedIsNeverSignalled();
};

void SupervisorTest::initTestCase()
{
    qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
    QVERIFY2(QFileInfo(QStringLiteral("/bin/sh")).isExecutable(), "these tests run /bin/sh");
}

// ------------------------------------------------------------ definitions

void SupervisorTest::definitionValidation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message"); // a part of the refusal; empty: accepted

    QTest::newRow("a complete definition is accepted") << ""
                                                       << ""
                                                       << "";
    QTest::newRow("an empty name is refused") << "name"
                                              << ""
                                              << "the process name is empty";
    QTest::newRow("a name with spaces is refused") << "name"
                                                   << "my worker"
                                                   << "may hold only letters, digits";
    QTest::newRow("an empty program is refused") << "program"
                                                 << ""
                                                 << "the program is empty";
    QTest::newRow("a relative program is refused") << "program"
                                                   << "python3"
                                                   << "'python3' is not an absolute path";
    QTest::newRow("a relative working folder is refused")
        << "workdir"
        << "srv/app"
        << "working folder 'srv/app' is not an absolute path";
    QTest::newRow("a bad environment variable name is refused")
        << "env"
        << "1BAD"
        << "'1BAD' is not a valid environment variable name";
    QTest::newRow("a negative stop grace time is refused")
        << "stopGraceMs"
        << "-1"
        << "the stop grace time must be between 0";
    QTest::newRow("a backoff cap below the base is refused")
        << "backoffCapMs"
        << "50"
        << "the backoff cap must be between 100";
    QTest::newRow("zero consecutive failures is refused")
        << "maxFailures"
        << "0"
        << "consecutive failures must be between 1 and 1000";
}

void SupervisorTest::definitionValidation()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, message);

    ProcessDefinition d = shell(QStringLiteral("valid-name"), QStringLiteral("true"));
    if (field == QLatin1String("name"))
        d.name = value;
    else if (field == QLatin1String("program"))
        d.program = value;
    else if (field == QLatin1String("workdir"))
        d.workdir = value;
    else if (field == QLatin1String("env"))
        d.env.insert(value, QStringLiteral("x"));
    else if (field == QLatin1String("stopGraceMs"))
        d.stopGraceMs = value.toInt();
    else if (field == QLatin1String("backoffCapMs"))
        d.backoffCapMs = value.toInt();
    else if (field == QLatin1String("maxFailures"))
        d.maxFailures = value.toInt();

    const Error e = d.validate();
    if (message.isEmpty()) {
        QVERIFY2(!e, qPrintable(e.message()));
        return;
    }
    QCOMPARE(e.kind(), ErrorKind::Invalid);
    QVERIFY2(e.message().contains(message), qPrintable(e.message()));

    // The store refuses it the same way and writes nothing.
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const Result<qint64> added = store.add(d);
    QVERIFY(!added.ok());
    QVERIFY2(added.error().message().contains(message), qPrintable(added.error().message()));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM processes")).toInt(), 0);
}

void SupervisorTest::wordsAreParsedWithClearMessages()
{
    QCOMPARE(*parseRole(QStringLiteral("Worker")), ProcessRole::Worker);
    QCOMPARE(*parseRestartPolicy(QStringLiteral("on-failure")), RestartPolicy::OnFailure);
    QCOMPARE(*parseDesiredState(QStringLiteral("stopped")), DesiredState::Stopped);
    const Result<ProcessRole> role = parseRole(QStringLiteral("boss"));
    QVERIFY(!role.ok());
    QCOMPARE(role.error().message(),
        QStringLiteral("unknown role 'boss' (expected worker, scheduler, other)"));
    const Result<RestartPolicy> policy = parseRestartPolicy(QStringLiteral("sometimes"));
    QVERIFY(!policy.ok());
    QVERIFY(policy.error().message().contains(QLatin1String("always, on-failure, never")));
}

void SupervisorTest::storeKeepsDefinitionsAndAuditsOperators()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);

    ProcessDefinition d
        = shell(QStringLiteral("importer"), QStringLiteral("echo 'a \"quoted\" arg'"));
    d.args << QStringLiteral("äöü") << QString();
    d.env.insert(QStringLiteral("MODE"), QStringLiteral("fast"));
    d.env.insert(QStringLiteral("EMPTY"), QString());
    d.role = ProcessRole::Scheduler;
    d.autostart = true;
    d.restartPolicy = RestartPolicy::OnFailure;
    d.workdir = QStringLiteral("/tmp");
    const Result<qint64> id = store.add(d);
    QVERIFY2(id.ok(), qPrintable(id.error().message()));

    ProcessInfo p = row(store, d.name);
    QCOMPARE(p.definition.id, *id);
    QCOMPARE(p.definition.args, d.args);
    QCOMPARE(p.definition.env, d.env);
    QCOMPARE(p.definition.role, ProcessRole::Scheduler);
    QCOMPARE(p.definition.restartPolicy, RestartPolicy::OnFailure);
    QCOMPARE(p.definition.workdir, d.workdir);
    QVERIFY(p.definition.autostart);
    QCOMPARE(p.desired, DesiredState::Stopped);
    QCOMPARE(p.runtime.state, ProcessState::Stopped);
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT args FROM processes WHERE id = ?"), {*id}).toString(),
        QStringLiteral(R"(["-c","echo 'a \"quoted\" arg'","äöü",""])"));

    const Result<qint64> twice = store.add(d);
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().message(), QStringLiteral("a process named 'importer' already exists"));

    d.program = QStringLiteral("/bin/true");
    d.args.clear();
    QVERIFY(!store.update(d));
    QCOMPARE(row(store, d.name).definition.program, QStringLiteral("/bin/true"));
    ProcessDefinition unknown = d;
    unknown.name = QStringLiteral("nobody");
    QCOMPARE(store.update(unknown).kind(), ErrorKind::NotFound);

    // No supervisor runs: the request is kept, and the answer says so.
    const Result<DesiredChange> start = store.setDesired(d.name, DesiredState::Running);
    QVERIFY(start.ok());
    QCOMPARE(start->before, DesiredState::Stopped);
    QCOMPARE(start->after, DesiredState::Running);
    QVERIFY(start->supervisor.isEmpty());
    QCOMPARE(row(store, d.name).desired, DesiredState::Running);
    QCOMPARE(row(store, d.name).startGeneration, 1);
    QCOMPARE(store.setDesired(QStringLiteral("nobody"), DesiredState::Running).error().kind(),
        ErrorKind::NotFound);

    QCOMPARE(tdb.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = "
                                       "'process_start_requested'"))
                 .toString(),
        kOperator);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_add"), d.name), 1);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_update"), d.name), 1);
}

void SupervisorTest::removalIsRefusedWhileWantedRunning()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const ProcessDefinition d = shell(QStringLiteral("keeper"), QStringLiteral("sleep 60"));
    QVERIFY_ADDED(store.add(d));
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

    const Error refused = store.remove(d.name);
    QCOMPARE(refused.kind(), ErrorKind::Refused);
    QCOMPARE(refused.message(),
        QStringLiteral(
            "process 'keeper' is STOPPED (desired running); stop it before removing it"));
    QVERIFY(store.setDesired(d.name, DesiredState::Stopped).ok());
    QVERIFY(!store.remove(d.name));
    QCOMPARE(store.process(d.name).error().kind(), ErrorKind::NotFound);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_remove"), d.name), 1);
    QCOMPARE(store.remove(d.name).kind(), ErrorKind::NotFound);
}

// ------------------------------------------------------------ crashes and backoff

void SupervisorTest::crashLoopBacksOffThenGoesFatal()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("crasher"), QStringLiteral("exit 3"));
    // Long enough that a busy machine never sees the shell as started or healthy.
    d.startupMs = 1000;
    d.healthyAfterMs = 2000;
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    StateRecorder rec(*sup, d.name);
    QSignalSpy fatal(&*sup, &Supervisor::processFatal);
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("FATAL"), 15000);
    QCOMPARE(fatal.count(), 1);

    // STARTING → BACKOFF four times, the fifth failure is FATAL; it never ran
    // long enough to count as RUNNING.
    QStringList expected;
    for (int i = 0; i < 4; ++i)
        expected << QStringLiteral("STARTING") << QStringLiteral("BACKOFF");
    expected << QStringLiteral("STARTING") << QStringLiteral("FATAL");
    QCOMPARE(rec.states(), expected);

    // Each delay (BACKOFF → next STARTING) at least the doubled base minus the
    // 10% jitter; the upper bound is loose, the machine may be busy.
    QVector<qint64> delays;
    const auto &steps = rec.steps();
    for (int i = 0; i + 1 < steps.size(); ++i) {
        if (steps.at(i).state == QLatin1String("BACKOFF"))
            delays << steps.at(i + 1).at - steps.at(i).at;
    }
    QCOMPARE(delays.size(), 4);
    for (int i = 0; i < delays.size(); ++i) {
        const qint64 nominal = qint64(d.backoffBaseMs) << i;
        QVERIFY2(delays.at(i) >= nominal * 9 / 10 - 5,
            qPrintable(QStringLiteral("delay %1 was %2 ms, expected at least %3")
                           .arg(i)
                           .arg(delays.at(i))
                           .arg(nominal * 9 / 10)));
        QVERIFY2(delays.at(i) <= nominal * 11 / 10 + 2000,
            qPrintable(QStringLiteral("delay %1 was %2 ms").arg(i).arg(delays.at(i))));
    }
    QVERIFY2(delays.last() > delays.first() * 3,
        qPrintable(
            QStringLiteral("delays did not grow: %1 … %2").arg(delays.first()).arg(delays.last())));

    const ProcessInfo p = row(store, d.name);
    QCOMPARE(p.runtime.consecutiveFailures, 5);
    QCOMPARE(p.runtime.starts, 5);
    QCOMPARE(p.runtime.restarts, 4);
    QCOMPARE(p.runtime.lastExit, QStringLiteral("exit code 3"));
    QCOMPARE(p.runtime.pid, 0);
    QVERIFY2(p.runtime.message.contains(QLatin1String("exited 5 time(s) in a row")),
        qPrintable(p.runtime.message));
    QCOMPARE(p.desired, DesiredState::Running); // FATAL is not a change of mind

    QCOMPARE(auditCount(tdb, QStringLiteral("process_start"), d.name), 1);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_restart"), d.name), 4);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_exit"), d.name), 5);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_fatal"), d.name), 1);

    // FATAL stays FATAL: nothing restarts it on its own.
    QTest::qWait(500);
    QCOMPARE(row(store, d.name).runtime.starts, 5);
}

void SupervisorTest::healthyUptimeResetsTheFailureCount_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("healthyAfterMs");
    QTest::addColumn<bool>("goesFatal");

    QTest::newRow("a process that stays up past healthy-after never goes fatal")
        << "sleep 0.5; exit 1" << 300 << false;
    QTest::newRow("a process that dies before healthy-after goes fatal")
        << "sleep 0.05; exit 1" << 2000 << true;
}

void SupervisorTest::healthyUptimeResetsTheFailureCount()
{
    QFETCH(QString, script);
    QFETCH(int, healthyAfterMs);
    QFETCH(bool, goesFatal);

    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("flaky"), script);
    d.maxFailures = 2;
    d.healthyAfterMs = healthyAfterMs;
    d.backoffBaseMs = 50;
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    StateRecorder rec(*sup, d.name);
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

    if (goesFatal) {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("FATAL"), 10000);
        QCOMPARE(row(store, d.name).runtime.starts, 2);
        return;
    }
    // Four runs that each died, yet every one was healthy first.
    QTRY_VERIFY_WITH_TIMEOUT(row(store, d.name).runtime.starts >= 4, 15000);
    QCOMPARE(rec.count(QStringLiteral("FATAL")), 0);
    QVERIFY(rec.count(QStringLiteral("RUNNING")) >= 3);
    QVERIFY(row(store, d.name).runtime.consecutiveFailures <= 1);
}

void SupervisorTest::startFromFatalStartsAgain()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const QString flag = tdb.tempPath() + QStringLiteral("/fixed");
    // Crashes until the operator "fixes" it (the flag file appears).
    ProcessDefinition d = shell(QStringLiteral("broken"),
        QStringLiteral("test -e '%1' || exit 7; exec sleep 60").arg(flag));
    d.maxFailures = 2;
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("FATAL"), 10000);
    QCOMPARE(row(store, d.name).runtime.consecutiveFailures, 2);

    QFile fixed(flag);
    QVERIFY(fixed.open(QIODevice::WriteOnly));
    fixed.close();
    // Stopping a FATAL process and starting it, or just starting it: both work.
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    const ProcessInfo p = row(store, d.name);
    QCOMPARE(p.runtime.consecutiveFailures, 0);
    QCOMPARE(p.runtime.starts, 3);
    QVERIFY(p.runtime.pid > 0);
    QCOMPARE(sup->pid(d.name), p.runtime.pid);
}

void SupervisorTest::restartPolicy_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("restarted");

    QTest::newRow("never: a failure is not restarted") << "never" << 1 << false;
    QTest::newRow("on-failure: a clean exit is not restarted") << "on-failure" << 0 << false;
    QTest::newRow("on-failure: a failure is restarted") << "on-failure" << 1 << true;
    QTest::newRow("always: a clean exit is restarted") << "always" << 0 << true;
}

void SupervisorTest::restartPolicy()
{
    QFETCH(QString, policy);
    QFETCH(int, exitCode);
    QFETCH(bool, restarted);

    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("once"), QStringLiteral("exit %1").arg(exitCode));
    d.restartPolicy = *parseRestartPolicy(policy);
    d.maxFailures = 2;
    d.healthyAfterMs = 2000; // an immediate exit is never healthy, however busy the machine
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    StateRecorder rec(*sup, d.name);
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

    if (restarted) {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("FATAL"), 10000);
        QCOMPARE(row(store, d.name).runtime.starts, 2);
        QVERIFY(rec.count(QStringLiteral("BACKOFF")) >= 1);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("EXITED"), 10000);
        QTest::qWait(300);
        const ProcessInfo p = row(store, d.name);
        QCOMPARE(p.runtime.state, ProcessState::Exited);
        QCOMPARE(p.runtime.starts, 1);
        QCOMPARE(p.runtime.lastExit, QStringLiteral("exit code %1").arg(exitCode));
        QVERIFY2(p.runtime.message.contains(policy), qPrintable(p.runtime.message));
        // An operator's start runs it again.
        QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
        QTRY_COMPARE_WITH_TIMEOUT(row(store, d.name).runtime.starts, 2, 5000);
    }
}

void SupervisorTest::restartRequestStartsAFreshProcess()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const ProcessDefinition d = shell(QStringLiteral("service"), QStringLiteral("exec sleep 60"));
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    const qint64 firstPid = row(store, d.name).runtime.pid;
    QVERIFY(firstPid > 0);

    QVERIFY(store.restart(d.name).ok());
    QTRY_VERIFY_WITH_TIMEOUT(row(store, d.name).runtime.starts == 2
            && row(store, d.name).runtime.state == ProcessState::Running,
        5000);
    const ProcessInfo p = row(store, d.name);
    QVERIFY(p.runtime.pid != firstPid);
    QCOMPARE(p.runtime.consecutiveFailures, 0);
    QCOMPARE(p.runtime.restarts, 0); // an operator's restart is not an automatic one
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(firstPid), 3000);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_restart_requested"), d.name), 1);
}

// ------------------------------------------------------------ stopping

void SupervisorTest::stopKillsTheWholeProcessGroup_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("graceMs");
    QTest::addColumn<bool>("needsKill");

    QTest::newRow("a shell with two background sleeps stops on SIGTERM")
        << "sleep 60 & sleep 60 & wait" << 5000 << false;
    QTest::newRow("a tree that ignores SIGTERM is killed after the grace time")
        << "trap '' TERM; sleep 60 & sleep 60 & wait; wait; wait" << 400 << true;
}

void SupervisorTest::stopKillsTheWholeProcessGroup()
{
    QFETCH(QString, script);
    QFETCH(int, graceMs);
    QFETCH(bool, needsKill);

    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("tree"), script);
    d.stopGraceMs = graceMs;
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    const qint64 pgid = row(store, d.name).runtime.pid;
    QVERIFY(pgid > 0);
    QCOMPARE(::getpgid(pid_t(pgid)), pid_t(pgid)); // it leads its own group
    QVERIFY(::getpgid(pid_t(pgid)) != ::getpgrp());
    QTRY_COMPARE_WITH_TIMEOUT(int(liveGroupMembers(pgid).size()), 3, 5000); // sh and two sleeps

    QElapsedTimer clock;
    clock.start();
    QVERIFY(store.setDesired(d.name, DesiredState::Stopped).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("STOPPED"), graceMs + 5000);
    const qint64 took = clock.elapsed();
    // Grandchildren keep their group when they are orphaned: none of it lives on.
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(pgid), graceMs + 3000);
    if (needsKill) {
        QVERIFY2(took >= graceMs - 20, qPrintable(QString::number(took)));
        QCOMPARE(
            row(store, d.name).runtime.lastExit, QStringLiteral("killed by signal 9 (SIGKILL)"));
    } else {
        QVERIFY2(took < graceMs, qPrintable(QString::number(took)));
    }
    QCOMPARE(sup->aliveCount(), 0);
}

void SupervisorTest::operatorStopIsNotACrash()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const ProcessDefinition d = shell(QStringLiteral("steady"), QStringLiteral("sleep 60"));
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    StateRecorder rec(*sup, d.name);
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);

    QVERIFY(store.setDesired(d.name, DesiredState::Stopped).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("STOPPED"), 5000);
    QTest::qWait(300); // nothing restarts it
    const ProcessInfo p = row(store, d.name);
    QCOMPARE(p.runtime.state, ProcessState::Stopped);
    QCOMPARE(p.runtime.consecutiveFailures, 0);
    QCOMPARE(p.runtime.restarts, 0);
    QCOMPARE(p.runtime.starts, 1);
    QCOMPARE(p.runtime.lastExit, QStringLiteral("killed by signal 15 (SIGTERM)"));
    QCOMPARE(p.runtime.message, QStringLiteral("stopped by an operator"));
    QCOMPARE(rec.states(),
        QStringList({QStringLiteral("STARTING"), QStringLiteral("RUNNING"),
            QStringLiteral("STOPPING"), QStringLiteral("STOPPED")}));
    QCOMPARE(auditCount(tdb, QStringLiteral("process_stop_requested"), d.name), 1);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_stopped"), d.name), 1);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_exit"), d.name), 0);
}

void SupervisorTest::unusableProgramIsFatalAtOnce_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("workdir");
    QTest::addColumn<QString>("message");

    QTest::newRow("a program that does not exist")
        << "/nonexistent/taskdesk-program"
        << ""
        << "the program /nonexistent/taskdesk-program does not exist";
    QTest::newRow("a file that is not executable") << "TEMP/data.txt"
                                                   << ""
                                                   << "the program TEMP/data.txt is not executable";
    QTest::newRow("a folder") << "TEMP"
                              << ""
                              << "the program TEMP is not a file";
    QTest::newRow("a working folder that does not exist")
        << "/bin/sh"
        << "/nonexistent/folder"
        << "the working folder /nonexistent/folder does not exist";
}

void SupervisorTest::unusableProgramIsFatalAtOnce()
{
    QFETCH(QString, program);
    QFETCH(QString, workdir);
    QFETCH(QString, message);

    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString temp = tdb.tempPath();
    program.replace(QLatin1String("TEMP"), temp);
    message.replace(QLatin1String("TEMP"), temp);
    QFile data(temp + QStringLiteral("/data.txt"));
    QVERIFY(data.open(QIODevice::WriteOnly));
    data.write("echo not a program\n");
    data.close();

    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("misconfigured"), QStringLiteral("true"));
    d.program = program;
    d.args.clear();
    d.workdir = workdir;
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    StateRecorder rec(*sup, d.name);
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("FATAL"), 5000);
    const ProcessInfo p = row(store, d.name);
    QCOMPARE(p.runtime.message, message);
    QCOMPARE(p.runtime.starts, 0); // never retried, never even started
    QCOMPARE(rec.states(), QStringList{QStringLiteral("FATAL")});
    QCOMPARE(auditCount(tdb, QStringLiteral("process_fatal"), d.name), 1);
}

void SupervisorTest::missingProgramLeaksNoFileDescriptors()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("ghost"), QStringLiteral("true"));
    d.program = QStringLiteral("/nonexistent/ghost");
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();

    // Each start request is an operator's Start on a FATAL process: a new
    // attempt. Polled by hand, so that exactly one attempt happens per request.
    const auto attempt = [&]() {
        if (!store.setDesired(d.name, DesiredState::Running).ok())
            return false;
        sup->poll();
        return sup->state(d.name) == ProcessState::Fatal;
    };
    for (int i = 0; i < 5; ++i) // warm up: connections, prepared statements
        QVERIFY(attempt());
    const int before = openFileDescriptors();
    for (int i = 0; i < 200; ++i)
        QVERIFY(attempt());
    const int after = openFileDescriptors();
    QVERIFY2(after - before < 5,
        qPrintable(QStringLiteral("%1 file descriptors before, %2 after").arg(before).arg(after)));
    QCOMPARE(auditCount(tdb, QStringLiteral("process_fatal"), d.name), 205);
    QCOMPARE(row(store, d.name).runtime.starts, 0);
}

// ------------------------------------------------------------ workers

void SupervisorTest::stoppedWorkerFailsItsRunningTasks_data()
{
    QTest::addColumn<bool>("byOperator");

    QTest::newRow("a worker stopped by an operator") << true;
    QTest::newRow("a worker killed from outside") << false;
}

void SupervisorTest::stoppedWorkerFailsItsRunningTasks()
{
    QFETCH(bool, byOperator);

    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("w1"),
        QStringLiteral("echo \"id=$TASKDESK_WORKER_ID\"; echo \"db=$TASKDESK_DB\"; "
                       "echo \"mode=$MODE\"; exec sleep 60"));
    d.role = ProcessRole::Worker;
    d.restartPolicy = RestartPolicy::Never;
    d.env.insert(QStringLiteral("MODE"), QStringLiteral("test"));
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    const QString workerId = row(store, d.name).runtime.workerId;
    QCOMPARE(workerId, QStringLiteral("w1@testhost#1"));

    // The child saw its id, the database and its own environment.
    QTRY_COMPARE_WITH_TIMEOUT(outputLines(store, d.name, QStringLiteral("stdout")).size(), 3, 5000);
    const QStringList env = outputLines(store, d.name, QStringLiteral("stdout"));
    QCOMPARE(env.at(0), QStringLiteral("id=") + workerId);
    QCOMPARE(env.at(2), QStringLiteral("mode=test"));
    const Result<DatabaseLocation> seen = DatabaseLocation::parse(env.at(1).mid(3));
    QVERIFY2(seen.ok(), qPrintable(env.at(1)));
    QCOMPARE(seen->display(), tdb.db().location().display());

    TaskStore tasks(tdb.db(), kOperator);
    NewTask n;
    n.kind = QStringLiteral("test.job");
    n.name = QStringLiteral("held by the worker");
    const Result<qint64> taskId = tasks.queue().enqueue(n);
    QVERIFY(taskId.ok());
    const Result<std::optional<Claim>> claim = tasks.queue().claim(workerId, {n.queue});
    QVERIFY(claim.ok() && claim->has_value());
    NewTask other = n;
    other.name = QStringLiteral("held by someone else");
    const Result<qint64> otherId = tasks.queue().enqueue(other);
    QVERIFY(tasks.queue().claim(QStringLiteral("w1@testhost#99"), {n.queue}).ok());

    if (byOperator) {
        QVERIFY(store.setDesired(d.name, DesiredState::Stopped).ok());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("STOPPED"), 5000);
    } else {
        QVERIFY(::kill(pid_t(row(store, d.name).runtime.pid), SIGKILL) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("EXITED"), 5000);
    }
    const Task t = *tasks.reader().task(*taskId);
    if (!byOperator) {
        // A death nobody asked for: the sweeper's lost-worker rule at once,
        // re-queued while attempts remain, not failed for good.
        QTRY_COMPARE_WITH_TIMEOUT(tasks.reader().task(*taskId)->status, TaskStatus::Pending, 3000);
        QCOMPARE(tasks.reader().task(*taskId)->attempt, 1);
        QCOMPARE(tasks.reader().task(*otherId)->status, TaskStatus::Running);
        return;
    }
    QCOMPARE(t.status, TaskStatus::Failed);
    QCOMPARE(t.outcome, QStringLiteral("worker_stopped"));
    QCOMPARE(
        t.errorMessage, QStringLiteral("Worker w1@testhost#1 stopped while the task was running"));
    QCOMPARE(tasks.reader().task(*otherId)->status, TaskStatus::Running); // another worker's task
}

void SupervisorTest::workerIsStoppedEvenWhenTheTaskUpdateFails()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("w2"), QStringLiteral("exec sleep 60"));
    d.role = ProcessRole::Worker;
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    const qint64 pid = row(store, d.name).runtime.pid;

    // The tasks table is out of reach: marking the worker's tasks must fail.
    {
        // Not prepared: PostgreSQL cannot PREPARE an ALTER TABLE.
        Result<QSqlDatabase> connection = tdb.db().connection();
        QVERIFY(connection.ok());
        QSqlQuery alter(connection.value());
        QVERIFY2(alter.exec(QStringLiteral("ALTER TABLE tasks RENAME TO tasks_away")),
            qPrintable(alter.lastError().text()));
    }
    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(QStringLiteral("worker w2@testhost#1 stopped, but its running tasks "
                                          "could not be marked failed")));
    QVERIFY(store.setDesired(d.name, DesiredState::Stopped).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("STOPPED"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(pid), 3000);
}

// ------------------------------------------------------------ front ends and hosts

void SupervisorTest::desiredStateFromAnotherFrontEndIsPickedUp()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const ProcessDefinition d = shell(QStringLiteral("remote"), QStringLiteral("exec sleep 60"));
    QVERIFY_ADDED(store.add(d));
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QTRY_VERIFY_WITH_TIMEOUT(sup->holdsLease(), 5000);

    // Another front end: its own connection, its own operator.
    std::unique_ptr<Database> other = tdb.open();
    ProcessStore frontEnd(*other, QStringLiteral("bob"));
    const Result<DesiredChange> start = frontEnd.setDesired(d.name, DesiredState::Running);
    QVERIFY(start.ok());
    QCOMPARE(start->supervisor, sup->holder());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(frontEnd, d.name), QStringLiteral("RUNNING"), 5000);
    QCOMPARE(row(frontEnd, d.name).runtime.supervisedBy, sup->holder());

    QVERIFY(frontEnd.setDesired(d.name, DesiredState::Stopped).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(frontEnd, d.name), QStringLiteral("STOPPED"), 5000);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'bob' AND "
                                       "action IN ('process_start_requested', "
                                       "'process_stop_requested')"))
                 .toInt(),
        2);
}

void SupervisorTest::onlyTheLeaseHolderActs()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const QByteArray marker
        = "taskdesk-lease-test-" + QByteArray::number(QRandomGenerator::global()->generate());
    const ProcessDefinition d = shell(QStringLiteral("single"),
        QStringLiteral("sleep 60; : %1").arg(QString::fromLatin1(marker)));
    QVERIFY_ADDED(store.add(d));
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

    ScopedSupervisor a(tdb.db(), options(tdb, QStringLiteral("sup-a")));
    a->start();
    QTRY_VERIFY_WITH_TIMEOUT(a->holdsLease(), 5000);
    // The second supervisor: its own connection, as in another program.
    std::unique_ptr<Database> otherDb = tdb.open();
    ScopedSupervisor b(*otherDb, options(tdb, QStringLiteral("sup-b")));
    b->start();

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    QTest::qWait(500); // many rounds of both
    QVERIFY(!b->holdsLease());
    QCOMPARE(b->aliveCount(), 0);
    QCOMPARE(a->aliveCount(), 1);
    QCOMPARE(processesWithMarker(marker), 1);
    QCOMPARE(row(store, d.name).runtime.pid, a->pid(d.name));
    QCOMPARE(row(store, d.name).runtime.supervisedBy, QStringLiteral("sup-a"));

    // A leaves (stopping its processes); B takes the host and starts them.
    QVERIFY(a.stop());
    QTRY_VERIFY_WITH_TIMEOUT(b->holdsLease(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(row(store, d.name).runtime.supervisedBy == QLatin1String("sup-b")
            && row(store, d.name).runtime.state == ProcessState::Running,
        5000);
    QCOMPARE(row(store, d.name).runtime.pid, b->pid(d.name));
    QTRY_COMPARE_WITH_TIMEOUT(processesWithMarker(marker), 1, 3000);
    QVERIFY(b.stop());
    QTRY_COMPARE_WITH_TIMEOUT(processesWithMarker(marker), 0, 3000);
}

void SupervisorTest::lostLeaseHandsTheProcessesOver()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const QByteArray marker
        = "taskdesk-handover-" + QByteArray::number(QRandomGenerator::global()->generate());
    const ProcessDefinition d = shell(QStringLiteral("handed"),
        QStringLiteral("sleep 60; : %1").arg(QString::fromLatin1(marker)));
    QVERIFY_ADDED(store.add(d));
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

    SupervisorOptions oa = options(tdb, QStringLiteral("sup-a"));
    ScopedSupervisor a(tdb.db(), oa);
    a->start();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    const qint64 pid = row(store, d.name).runtime.pid;
    std::unique_ptr<Database> otherDb = tdb.open();
    SupervisorOptions ob = options(tdb, QStringLiteral("sup-b"));
    ob.outputDir = oa.outputDir; // one machine, one folder
    ScopedSupervisor b(*otherDb, ob);
    b->start();
    QTest::qWait(200);
    QVERIFY(!b->holdsLease());

    // A stalls past its lease (as if frozen): B takes the host, A notices at
    // its next renewal. The running process is handed over, never restarted.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE leases SET expires_at = 0 WHERE name = ?"),
        {ProcessStore::leaseName(kHost)}));
    QTRY_VERIFY_WITH_TIMEOUT(b->holdsLease(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!a->holdsLease(), 5000);
    QCOMPARE(a->aliveCount(), 0);
    QCOMPARE(b->pid(d.name), pid);
    const ProcessInfo p = row(store, d.name);
    QCOMPARE(p.runtime.supervisedBy, QStringLiteral("sup-b"));
    QCOMPARE(p.runtime.pid, pid);
    QCOMPARE(p.runtime.starts, 1);
    QCOMPARE(processesWithMarker(marker), 1);

    QVERIFY(a.stop()); // else A, waiting, takes the host back from B and starts it again
    QVERIFY(b.stop());
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(pid), 3000);
    QCOMPARE(processesWithMarker(marker), 0);
}

void SupervisorTest::definitionWithoutHostGoesToTheFirstSupervisor()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("anywhere"), QStringLiteral("exec sleep 60"));
    d.host.clear();
    QVERIFY_ADDED(store.add(d));
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

    ScopedSupervisor first(tdb.db(), options(tdb, QStringLiteral("sup-a"), kHost));
    first->start();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    QCOMPARE(row(store, d.name).definition.host, kHost);

    // A supervisor of another host leaves it alone.
    std::unique_ptr<Database> otherDb = tdb.open();
    ScopedSupervisor second(
        *otherDb, options(tdb, QStringLiteral("sup-b"), QStringLiteral("otherhost")));
    second->start();
    QTRY_VERIFY_WITH_TIMEOUT(second->holdsLease(), 5000);
    QTest::qWait(300);
    QCOMPARE(second->aliveCount(), 0);
    QCOMPARE(second->processNames(), QStringList());
    QCOMPARE(row(store, d.name).runtime.supervisedBy, QStringLiteral("sup-a"));
}

void SupervisorTest::autostartProcessesStartWithTheSupervisor()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition autostarted = shell(QStringLiteral("auto"), QStringLiteral("exec sleep 60"));
    autostarted.autostart = true;
    const ProcessDefinition manual
        = shell(QStringLiteral("manual"), QStringLiteral("exec sleep 60"));
    QVERIFY_ADDED(store.add(autostarted));
    QVERIFY_ADDED(store.add(manual));

    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, autostarted.name), QStringLiteral("RUNNING"), 5000);
    QCOMPARE(row(store, autostarted.name).desired, DesiredState::Running);
    QTest::qWait(200);
    QCOMPARE(stateOf(store, manual.name), QStringLiteral("STOPPED"));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = "
                                       "'process_start_requested'"))
                 .toString(),
        QStringLiteral("supervisor"));

    // Once running, an operator's stop holds for the rest of the session.
    QVERIFY(store.setDesired(autostarted.name, DesiredState::Stopped).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, autostarted.name), QStringLiteral("STOPPED"), 5000);
    QTest::qWait(300);
    QCOMPARE(stateOf(store, autostarted.name), QStringLiteral("STOPPED"));
}

void SupervisorTest::removedProcessIsStopped()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const ProcessDefinition d = shell(QStringLiteral("doomed"), QStringLiteral("sleep 60 & wait"));
    QVERIFY_ADDED(store.add(d));
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    const qint64 pgid = row(store, d.name).runtime.pid;

    QCOMPARE(store.remove(d.name).kind(), ErrorKind::Refused);
    QVERIFY(!store.remove(d.name, true)); // forced: the supervisor stops what it ran
    QTRY_COMPARE_WITH_TIMEOUT(sup->processNames(), QStringList(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(pgid), 3000);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM process_output")).toInt(), 0);
    QVERIFY(QDir(sup->outputDir()).entryList(QDir::Files).isEmpty());
}

// ------------------------------------------------------------ output, shutdown, detach

void SupervisorTest::outputIsCapturedAndCapped()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(QStringLiteral("chatty"),
        QStringLiteral("i=0; while [ $i -lt 300 ]; do echo \"line $i\"; i=$((i+1)); done; "
                       "printf 'bad \\377 byte\\n'; printf 'nul \\000 byte\\n'; "
                       "echo oops >&2; printf 'no newline'"));
    d.restartPolicy = RestartPolicy::Never;
    QVERIFY_ADDED(store.add(d));
    SupervisorOptions o = options(tdb);
    o.outputLinesKept = 100;
    ScopedSupervisor sup(tdb.db(), o);
    QSignalSpy appended(&*sup, &Supervisor::outputAppended);
    sup->start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("EXITED"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        outputLines(store, d.name).contains(QStringLiteral("exited: exit code 0")), 3000);
    QVERIFY(appended.count() >= 1);
    QCOMPARE(appended.first().first().toString(), d.name);

    const QStringList all = outputLines(store, d.name);
    QCOMPARE(all.size(), 100); // capped per process
    const QStringList out = outputLines(store, d.name, QStringLiteral("stdout"));
    QVERIFY(out.contains(QStringLiteral("line 299")));
    QVERIFY(!out.contains(QStringLiteral("line 0")));
    QCOMPARE(out.last(), QStringLiteral("no newline")); // the partial last line is kept
    QVERIFY(out.contains(QStringLiteral("bad \uFFFD byte")));
    QVERIFY(out.contains(QStringLiteral("nul \\0 byte")));
    QCOMPARE(
        outputLines(store, d.name, QStringLiteral("stderr")), QStringList{QStringLiteral("oops")});
    QCOMPARE(all.last(), QStringLiteral("exited: exit code 0"));

    // Reading on after the last seen id gives only what is new.
    const Result<QVector<ProcessOutputLine>> tail = store.output(d.name, 0, 3);
    QVERIFY(tail.ok());
    QCOMPARE(tail->size(), 3);
    const Result<QVector<ProcessOutputLine>> newer = store.output(d.name, tail->at(1).id, 100);
    QCOMPARE(newer->size(), 1);
    QCOMPARE(newer->first().line, QStringLiteral("exited: exit code 0"));
}

void SupervisorTest::stopAllStopsEverythingAndReleasesTheHost()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const ProcessDefinition one = shell(QStringLiteral("one"), QStringLiteral("exec sleep 60"));
    ProcessDefinition two = shell(QStringLiteral("two"), QStringLiteral("trap '' TERM; sleep 60"));
    two.stopGraceMs = 300;
    ProcessDefinition three = shell(QStringLiteral("three"), QStringLiteral("exit 1"));
    three.backoffBaseMs = 5000; // waiting in BACKOFF when the supervisor stops
    for (const ProcessDefinition &d : {one, two, three}) {
        QVERIFY_ADDED(store.add(d));
        QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    }
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(store, one.name) == QLatin1String("RUNNING")
            && stateOf(store, two.name) == QLatin1String("RUNNING")
            && stateOf(store, three.name) == QLatin1String("BACKOFF"),
        5000);
    const qint64 pidOne = row(store, one.name).runtime.pid;
    const qint64 pidTwo = row(store, two.name).runtime.pid;

    QSignalSpy done(&*sup, &Supervisor::allStopped);
    sup->stopAll();
    QCOMPARE(done.count(), 0); // asynchronous
    QVERIFY(done.wait(5000));
    QVERIFY(!sup->isActive());
    for (const ProcessDefinition &d : {one, two, three}) {
        const ProcessInfo p = row(store, d.name);
        QCOMPARE(p.runtime.state, ProcessState::Stopped);
        QCOMPARE(p.runtime.message, QStringLiteral("stopped with the supervisor"));
        QCOMPARE(p.runtime.consecutiveFailures, d.name == three.name ? 1 : 0);
        QCOMPARE(p.desired, DesiredState::Running); // the next supervisor starts them again
    }
    QVERIFY(groupGone(pidOne));
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(pidTwo), 2000);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM leases WHERE name = ?"),
                    {ProcessStore::leaseName(kHost)})
                 .toInt(),
        0);
    QCOMPARE(store.supervisorOf(kHost).value(), QString());
}

void SupervisorTest::detachedProcessesRunOnAndAreAdopted()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    ProcessDefinition d = shell(
        QStringLiteral("ticker"), QStringLiteral("while :; do echo tick; sleep 0.05; done"));
    d.role = ProcessRole::Worker;
    QVERIFY_ADDED(store.add(d));
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

    ScopedSupervisor a(tdb.db(), options(tdb, QStringLiteral("sup-a")));
    a->start();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);
    const qint64 pid = row(store, d.name).runtime.pid;
    const QString workerId = row(store, d.name).runtime.workerId;

    a->detach();
    QVERIFY(!a->isActive());
    a.reset(); // the GUI has quit
    ProcessInfo p = row(store, d.name);
    QCOMPARE(p.runtime.state, ProcessState::Running);
    QCOMPARE(p.runtime.supervisedBy, QString());
    QVERIFY2(p.runtime.message.startsWith(QLatin1String("left running without a supervisor")),
        qPrintable(p.runtime.message));
    QCOMPARE(auditCount(tdb, QStringLiteral("process_detach"), d.name), 1);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM leases")).toInt(), 0);
    // It keeps writing without anyone reading: no SIGPIPE.
    QTest::qWait(400);
    QVERIFY(!liveGroupMembers(pid).isEmpty());

    // The next supervisor of the host (same output folder, as on one machine)
    // adopts it instead of starting a second copy.
    std::unique_ptr<Database> otherDb = tdb.open();
    SupervisorOptions o = options(tdb, QStringLiteral("sup-b"));
    o.outputDir = options(tdb, QStringLiteral("sup-a")).outputDir;
    ScopedSupervisor b(*otherDb, o);
    b->start();
    QTRY_COMPARE_WITH_TIMEOUT(
        row(store, d.name).runtime.supervisedBy, QStringLiteral("sup-b"), 5000);
    p = row(store, d.name);
    QCOMPARE(p.runtime.state, ProcessState::Running);
    QCOMPARE(p.runtime.pid, pid);
    QCOMPARE(p.runtime.workerId, workerId);
    QVERIFY2(
        p.runtime.message.startsWith(QLatin1String("adopted from")), qPrintable(p.runtime.message));
    QCOMPARE(b->pid(d.name), pid);
    const int ticks = int(outputLines(store, d.name, QStringLiteral("stdout")).size());
    QTRY_VERIFY_WITH_TIMEOUT(
        outputLines(store, d.name, QStringLiteral("stdout")).size() > ticks + 3, 3000);

    QVERIFY(store.setDesired(d.name, DesiredState::Stopped).ok());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("STOPPED"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(pid), 3000);
    QCOMPARE(auditCount(tdb, QStringLiteral("process_adopt"), d.name), 1);
}

void SupervisorTest::aSupervisedWorkerOpensTheVeryDatabaseWhateverItsName()
{
    // Characters that a URL reserves or that a shell would act on, in the
    // folder of a SQLite file or in the name of a PostgreSQL database: the
    // worker must open that very database, not one cut at the '#' or '?'.
    const QString odd = QStringLiteral("td #1?a=b&c%41 it's");
    QTemporaryDir base;
    QVERIFY(base.isValid());
    DatabaseLocation loc;
    std::optional<DatabaseLocation> admin;
    if (TestDatabase::postgres()) {
        Result<DatabaseLocation> server
            = DatabaseLocation::parse(qEnvironmentVariable("TASKDESK_TEST_PG"));
        QVERIFY2(server.ok(), "TASKDESK_TEST_PG");
        admin = *server;
        loc = *server;
        loc.databaseName
            = QStringLiteral("tdtest_%1 ").arg(QCoreApplication::applicationPid()) + odd;
        const Error created
            = admin->execAlone(QStringLiteral("CREATE DATABASE \"%1\"").arg(loc.databaseName));
        QVERIFY2(!created, qPrintable(created.message()));
    } else {
        loc.path = base.filePath(odd + QStringLiteral("/tasks.db"));
    }
    const auto dropDatabase = qScopeGuard([&admin, &loc] {
        // Clean-up after the test's verdict: a database left behind is only
        // disk space on a throwaway server, not a reason to fail the test.
        if (admin)
            (void)admin->execAlone(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)")
                                       .arg(loc.databaseName));
    });
    {
        Database db(loc);
        const Error opened = db.open();
        QVERIFY2(!opened, qPrintable(opened.message()));
        const QString config = base.filePath(QStringLiteral("worker.ini"));
        QFile ini(config);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[worker]\nheartbeat_seconds = 1\npoll_ms = 50\n[kinds]\n"
                  "hello = /bin/sh -c 'echo hello from the worker'\n");
        ini.close();

        ProcessStore store(db, kOperator);
        ProcessDefinition d = shell(QStringLiteral("odd-worker"), QString());
        d.program = QStringLiteral(TASKDESK_WORKER_BINARY);
        d.args = {QStringLiteral("--config"), config};
        d.role = ProcessRole::Worker;
        d.restartPolicy = RestartPolicy::Never;
        QVERIFY_ADDED(store.add(d));
        SupervisorOptions o;
        o.host = kHost;
        o.holder = QStringLiteral("sup-odd");
        o.pollIntervalMs = 50;
        o.leaseTtlMs = 3000;
        o.outputDir = base.filePath(QStringLiteral("output"));
        ScopedSupervisor sup(db, o);
        sup->start();
        QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());

        TaskStore tasks(db, kOperator);
        NewTask n;
        n.kind = QStringLiteral("hello");
        const Result<qint64> id = tasks.queue().enqueue(n);
        QVERIFY(id.ok());
        QTRY_COMPARE_WITH_TIMEOUT(
            statusName(tasks.reader().task(*id)->status), QStringLiteral("COMPLETED"), 20000);
        Result<QVector<LogLine>> log = tasks.reader().log(*id, 0, 100);
        QVERIFY(log.ok());
        QVERIFY(std::any_of(log->cbegin(), log->cend(), [](const LogLine &line) {
            return line.message == QLatin1String("hello from the worker");
        }));
        QVERIFY(sup.stop());
    }
    if (!admin) {
        // Nothing beside the database's own folder, the configuration and the output.
        QStringList made = QDir(base.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        made.sort();
        QStringList expected{odd, QStringLiteral("output"), QStringLiteral("worker.ini")};
        expected.sort();
        QCOMPARE(made, expected);
    }
}

// ------------------------------------------------------------ what dead processes leave

void SupervisorTest::orphansComeBackToTheSupervisorAndAreReaped()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const QString orphanFile = tdb.tempPath() + QStringLiteral("/orphan");
    // The program leaves a child behind that ignores SIGTERM, and exits.
    ProcessDefinition d = shell(QStringLiteral("orphaner"),
        QStringLiteral("(trap '' TERM; exec sleep 60) & echo $! > '%1'; exit 0").arg(orphanFile));
    d.restartPolicy = RestartPolicy::Never;
    // Long enough to see the orphan adopted before its group's SIGKILL, on a
    // machine busy with the whole suite (1 s was seen to pass first).
    d.stopGraceMs = 3000;
    // Its siblings' exits are still QProcess's to reap: their codes arrive.
    ProcessDefinition exiter = shell(QStringLiteral("exiter"), QStringLiteral("sleep 0.3; exit 3"));
    exiter.restartPolicy = RestartPolicy::Never;
    for (const ProcessDefinition &def : {d, exiter}) {
        QVERIFY_ADDED(store.add(def));
        QVERIFY(store.setDesired(def.name, DesiredState::Running).ok());
    }
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QTRY_VERIFY_WITH_TIMEOUT(numberIn(orphanFile) > 0, 5000);
    const qint64 orphan = numberIn(orphanFile);

    // Adopted by the supervisor's process, not by PID 1.
    QTRY_COMPARE_WITH_TIMEOUT(parentOf(orphan), qint64(::getpid()), 3000);
    QVERIFY(processRuns(orphan));
    // Its group gets SIGKILL after the grace time, and the supervisor reaps
    // the zombie: nothing of it is left, not even a process table entry.
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QStringLiteral("/proc/%1").arg(orphan)), 7000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, exiter.name), QStringLiteral("EXITED"), 5000);
    QCOMPARE(row(store, exiter.name).runtime.lastExit, QStringLiteral("exit code 3"));
    QCOMPARE(row(store, d.name).runtime.lastExit, QStringLiteral("exit code 0"));
}

void SupervisorTest::deadWorkersExecutionsEndBeforeItsTasksRunAgain_data()
{
    QTest::addColumn<bool>("ignoresTerm");
    QTest::addColumn<int>("maxAttempts");

    QTest::newRow("an execution that stops on SIGTERM; the task is re-queued") << false << 3;
    QTest::newRow("an execution whose grandchild ignores SIGTERM; re-queued after SIGKILL")
        << true << 3;
    QTest::newRow("a task without attempts left fails as worker_lost") << false << 1;
}

void SupervisorTest::deadWorkersExecutionsEndBeforeItsTasksRunAgain()
{
    QFETCH(bool, ignoresTerm);
    QFETCH(int, maxAttempts);

    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    Settings settings(tdb.db(), kOperator);
    QVERIFY(!settings.set(QString(SettingKey::SweeperRetryBaseS), QStringLiteral("1")));
    constexpr int kGraceMs = 1500;

    // Two workers, each with one execution as a real worker runs it: a
    // session and group of its own, the worker's id in its environment, a
    // child of its own. Only w1 dies.
    const QString dir = tdb.tempPath();
    QStringList names{QStringLiteral("w1"), QStringLiteral("w2")};
    for (const QString &name : std::as_const(names)) {
        const QString execution
            = QStringLiteral("%1sleep 60 & echo \\$\\$ > '%2/%3'; wait")
                  .arg(ignoresTerm ? QStringLiteral("trap '' TERM; ") : QString(), dir, name);
        ProcessDefinition d = shell(
            name, QStringLiteral("setsid /bin/sh -c \"%1\" & exec sleep 60").arg(execution));
        d.role = ProcessRole::Worker;
        d.restartPolicy = RestartPolicy::Never;
        d.stopGraceMs = kGraceMs;
        QVERIFY_ADDED(store.add(d));
        QVERIFY(store.setDesired(name, DesiredState::Running).ok());
    }
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QTRY_VERIFY_WITH_TIMEOUT(
        numberIn(dir + QStringLiteral("/w1")) > 0 && numberIn(dir + QStringLiteral("/w2")) > 0,
        5000);
    const qint64 group1 = numberIn(dir + QStringLiteral("/w1"));
    const qint64 group2 = numberIn(dir + QStringLiteral("/w2"));
    QTRY_COMPARE_WITH_TIMEOUT(int(liveGroupMembers(group1).size()), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(int(liveGroupMembers(group2).size()), 2, 5000);
    const ProcessInfo w1 = row(store, QStringLiteral("w1"));
    const QString worker2 = row(store, QStringLiteral("w2")).runtime.workerId;

    TaskStore tasks(tdb.db(), kOperator);
    NewTask n;
    n.kind = QStringLiteral("test.job");
    n.maxAttempts = maxAttempts;
    const Result<qint64> task1 = tasks.queue().enqueue(n);
    QVERIFY(task1.ok());
    const Result<std::optional<Claim>> claim1 = tasks.queue().claim(w1.runtime.workerId, {n.queue});
    QVERIFY(claim1.ok() && claim1->has_value());
    // Its execution's group, as the worker records it when the program starts.
    ExecutionStore executions(tdb.db());
    const Result<bool> recorded
        = executions.setGroup((*claim1)->lease, group1, Orphans::startTime(group1));
    QVERIFY(recorded.ok() && *recorded);
    const Result<qint64> task2 = tasks.queue().enqueue(n);
    QVERIFY(task2.ok());
    const Result<std::optional<Claim>> claim2 = tasks.queue().claim(worker2, {n.queue});
    QVERIFY(claim2.ok() && claim2->has_value());

    // The worker is SIGKILLed. Its task must not run again while anything of
    // its execution lives, and should not wait for the heartbeat timeout.
    QElapsedTimer clock;
    clock.start();
    QVERIFY(::kill(pid_t(w1.runtime.pid), SIGKILL) == 0);
    qint64 handedOnAfter = -1;
    bool groupGoneThen = false;
    while (clock.elapsed() < 10000) {
        const Result<Task> t = tasks.reader().task(*task1);
        QVERIFY(t.ok());
        if (t->status != TaskStatus::Running) {
            handedOnAfter = clock.elapsed();
            groupGoneThen = groupGone(group1);
            break;
        }
        QTest::qWait(10);
    }
    QVERIFY2(handedOnAfter >= 0, "the dead worker's task is still RUNNING after 10 s");
    QVERIFY2(groupGoneThen, "the task was handed on while its execution was alive");
    qInfo("worker SIGKILLed: its task was handed on %lld ms later", handedOnAfter);
    if (ignoresTerm)
        QVERIFY2(handedOnAfter >= kGraceMs - 50, qPrintable(QString::number(handedOnAfter)));
    else
        QVERIFY2(handedOnAfter < 1500, qPrintable(QString::number(handedOnAfter)));

    const Task t = *tasks.reader().task(*task1);
    if (maxAttempts > 1) {
        QCOMPARE(t.status, TaskStatus::Pending);
        QCOMPARE(t.rescues, 1);
        QVERIFY2(t.errorMessage.startsWith(QLatin1String("Worker lost (its process died, killed by "
                                                         "signal 9 (SIGKILL)); re-queued")),
            qPrintable(t.errorMessage));
        // The sweeper's backoff, from the stored setting (1 s for attempt 1).
        const qint64 now = tdb.db().now().value();
        QVERIFY2(t.runAfter > now && t.runAfter <= now + 1000,
            qPrintable(QStringLiteral("%1 ms from now").arg(t.runAfter - now)));
    } else {
        QCOMPARE(t.status, TaskStatus::Failed);
        QCOMPARE(t.outcome, QStringLiteral("worker_lost"));
    }
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'sweep' AND "
                                       "task_id = ? AND details {LIKE} ?"),
                    {*task1, QStringLiteral("%dead_worker%")})
                 .toInt(),
        1);

    // Its execution is closed: the task is claimable once its backoff is over.
    const Result<std::optional<Execution>> open = executions.openOfTask(*task1);
    QVERIFY(open.ok());
    QVERIFY(!open->has_value());
    const Result<QVector<Execution>> runs = executions.ofTask(*task1);
    QVERIFY(runs.ok() && runs->size() == 1);
    QCOMPARE(runs->first().endReason, ExecutionEnd::Reaped);
    if (maxAttempts > 1) {
        bool claimed = false;
        while (!claimed && clock.elapsed() < 10000) {
            const Result<std::optional<Claim>> again
                = tasks.queue().claim(QStringLiteral("w3@testhost#1"), {n.queue});
            QVERIFY(again.ok());
            claimed = again->has_value() && (*again)->taskId == *task1;
            if (!claimed)
                QTest::qWait(20);
        }
        QVERIFY(claimed);
        qInfo("worker SIGKILLed: its task was claimed again %lld ms later", clock.elapsed());
    }

    // The other worker and its execution are not touched.
    QCOMPARE(tasks.reader().task(*task2)->status, TaskStatus::Running);
    QCOMPARE(int(liveGroupMembers(group2).size()), 2);
    // Its group lives on (above); its state may still be on its way from
    // STARTING to RUNNING when the task without attempts left gets here at once.
    QTRY_COMPARE_WITH_TIMEOUT(
        stateOf(store, QStringLiteral("w2")), QStringLiteral("RUNNING"), 5000);
}

void SupervisorTest::stopAllWaitsForTheWholeGroup()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), kOperator);
    const QString childFile = tdb.tempPath() + QStringLiteral("/grandchild");
    // The program obeys SIGTERM at once; its child ignores it.
    ProcessDefinition d = shell(QStringLiteral("wrapper"),
        QStringLiteral("(trap '' TERM; exec sleep 60) & echo $! > '%1'; wait").arg(childFile));
    d.stopGraceMs = 800;
    QVERIFY_ADDED(store.add(d));
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    ScopedSupervisor sup(tdb.db(), options(tdb));
    sup->start();
    QTRY_VERIFY_WITH_TIMEOUT(numberIn(childFile) > 0, 5000);
    const qint64 child = numberIn(childFile);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(store, d.name), QStringLiteral("RUNNING"), 5000);

    QElapsedTimer clock;
    clock.start();
    QSignalSpy done(&*sup, &Supervisor::allStopped);
    sup->stopAll();
    QVERIFY(done.wait(10000));
    const qint64 took = clock.elapsed();
    // Done means done: the child got SIGKILL when the grace time ended.
    const bool childRan = processRuns(child);
    if (childRan)
        ::kill(pid_t(child), SIGKILL);
    QVERIFY2(!childRan, "allStopped() came while the program's child was still running");
    QVERIFY2(took >= d.stopGraceMs - 20, qPrintable(QString::number(took)));
    QCOMPARE(row(store, d.name).runtime.state, ProcessState::Stopped);
}

void SupervisorTest::groupWhoseLeaderPidWasReusedIsNeverSignalled()
{
    QProcess leader;
    ProcessGroup::makeLeader(leader);
    leader.start(QStringLiteral("/bin/sleep"), {QStringLiteral("60")});
    QVERIFY(leader.waitForStarted(5000));
    const qint64 pid = leader.processId();
    QTRY_COMPARE_WITH_TIMEOUT(qint64(::getpgid(pid_t(pid))), pid, 2000);
    const qint64 started = Orphans::startTime(pid);
    QVERIFY(started > 0);

    // Recorded with another start time: the pid now belongs to another process.
    const Orphans::Group other{pid, started + 1};
    QVERIFY(!Orphans::isSameGroup(other));
    QVERIFY(!Orphans::signalGroup(other, SIGKILL));
    QVERIFY(!leader.waitForFinished(200));
    QCOMPARE(leader.state(), QProcess::Running);

    const Orphans::Group same{pid, started};
    QVERIFY(Orphans::isSameGroup(same));
    QVERIFY(Orphans::signalGroup(same, SIGKILL));
    QVERIFY(leader.waitForFinished(5000));
    QCOMPARE(leader.exitStatus(), QProcess::CrashExit);
    // Gone for good: a group that no longer exists is still "the same" (its
    // id is free), and signalling it finds nobody.
    QVERIFY(!Orphans::signalGroup(same, SIGKILL));
}

TASKDESK_TEST_MAIN(SupervisorTest)
#include "tst_supervisor.moc"
