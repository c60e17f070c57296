// End to end: the real pieces together. taskdesk-worker processes run under a
// real Supervisor, a real Sweeper rescues what killed workers held, and the
// tasks' own side effects (files named by task and lease, a lock per task) show
// whether any task was lost or ever ran twice at the same time.

#include "testdatabase.h"
#include "testpostgresserver.h"

#include "core/auditlog.h"
#include "core/database.h"
#include "core/scheduling/sweeper.h"
#include "core/settings.h"
#include "core/supervisor/processstore.h"
#include "core/supervisor/supervisor.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/taskstore.h"
#include "core/worker/workerregistry.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <functional>
#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

const QString kActor = QStringLiteral("integration-test");
const QString kChaosKind = QStringLiteral("chaos");

// The sweeper's rules for every test here: a worker without a heartbeat for 2 s
// is lost. Workers heartbeat four times a second, so a busy machine has room.
constexpr int kHeartbeatTimeoutS = 2;
constexpr int kSweepIntervalMs = 500;

bool writeFile(const QString &path, const QByteArray &content, bool executable = false)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(content);
    file.close();
    if (executable)
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
            | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    return true;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One execution of a test task: its work runs in a child that ignores SIGTERM
// (as a shell wrapper's child or a Python multiprocessing child may), $3 steps
// of $2 seconds. Its side effects are the evidence:
//   runs/ID.LEASE  created with O_EXCL (set -C): one file per execution, so a
//                  lease that ran twice shows up, and the files count executions
//                  (in a subshell: a failed redirection of `:` ends the shell);
//   locks/ID       flock'ed for as long as any process of the execution lives
//                  (the lock goes with the last process, however they die);
//   violations/ID  written when an execution found the lock taken: another
//                  execution of the same task was live at the same time;
//   stamps/ID      "LEASE PID start|tick|end MS" lines from the working child
//                  (PID: the program's, which leads the execution's group):
//                  the time each execution was seen alive (see overlaps()).
const QByteArray kTaskScript = R"sh(#!/bin/sh
d=$1
id=$TASKDESK_TASK_ID
set -C
if ! (: > "$d/runs/$id.$TASKDESK_LEASE") 2>/dev/null; then
    echo "lease $TASKDESK_LEASE ran twice" >> "$d/violations/$id"
fi
set +C
exec 9>>"$d/locks/$id"
if ! flock -n 9; then
    echo "lease $TASKDESK_LEASE (attempt $TASKDESK_ATTEMPT) started while another execution was live" >> "$d/violations/$id"
fi
(
    trap '' TERM
    stamp() { echo "$TASKDESK_LEASE $$ $1 $(date +%s%3N)" >> "$d/stamps/$id"; }
    stamp start
    i=1
    sleep "$2"
    while [ "$i" -lt "$3" ]; do
        stamp tick
        sleep "$2"
        i=$((i + 1))
    done
    stamp end
) &
wait
exit 0
)sh";

// A folder with the task script, its evidence folders and a worker configuration.
class TaskBench final
{
public:
    TaskBench(const QString &root, const QString &sleep, int concurrency, int steps = 1)
        : m_root(root)
    {
        QDir dir(root);
        m_ok = dir.mkpath(QStringLiteral("runs")) && dir.mkpath(QStringLiteral("locks"))
            && dir.mkpath(QStringLiteral("violations")) && dir.mkpath(QStringLiteral("stamps"))
            && writeFile(script(), kTaskScript, true)
            && writeFile(config(),
                QStringLiteral("[worker]\n"
                               "concurrency = %1\n"
                               "heartbeat_seconds = 0.25\n"
                               "poll_ms = 50\n"
                               "stop_grace_seconds = 2\n"
                               "retry_base_seconds = 1\n"
                               "retry_cap_seconds = 2\n"
                               "[kinds]\n"
                               "%2 = /bin/sh %3 %4 %5 %6\n"
                               "long = /bin/sleep 120\n")
                    .arg(concurrency)
                    .arg(kChaosKind, script(), root, sleep)
                    .arg(steps)
                    .toUtf8());
    }

    bool isValid() const { return m_ok; }
    QString config() const { return m_root + QStringLiteral("/worker.ini"); }
    QString script() const { return m_root + QStringLiteral("/task.sh"); }

    // Executions seen: one file per lease that ran.
    QStringList runs() const
    {
        return QDir(m_root + QStringLiteral("/runs")).entryList(QDir::Files);
    }
    // Task ids with at least one execution.
    QSet<qint64> tasksThatRan() const
    {
        QSet<qint64> ids;
        for (const QString &run : runs())
            ids.insert(run.section(QLatin1Char('.'), 0, 0).toLongLong());
        return ids;
    }
    // "task 12: lease … started while another execution was live", one per line.
    QStringList violations() const
    {
        QStringList lines;
        const QString folder = m_root + QStringLiteral("/violations");
        for (const QString &name : QDir(folder).entryList(QDir::Files)) {
            const QString text = QString::fromUtf8(readFile(folder + QLatin1Char('/') + name));
            for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                lines << QStringLiteral("task %1: %2").arg(name, line);
        }
        return lines;
    }

    // The executions of a task that were alive at the same time, by their
    // stamps: each execution (lease) lived at least from its first stamp to
    // its last; one that starts before the previous one's last stamp overlaps it.
    QStringList overlaps() const
    {
        QStringList lines;
        const QString folder = m_root + QStringLiteral("/stamps");
        for (const QString &name : QDir(folder).entryList(QDir::Files)) {
            struct Span
            {
                QString lease;
                QString pid;
                qint64 first = 0;
                qint64 last = 0;
            };
            QMap<QString, Span> byLease;
            const QString text = QString::fromUtf8(readFile(folder + QLatin1Char('/') + name));
            for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                const QStringList f = line.split(QLatin1Char(' '));
                if (f.size() != 4)
                    continue;
                const qint64 at = f.at(3).toLongLong();
                Span &s = byLease[f.at(0)];
                if (s.lease.isEmpty())
                    s = {f.at(0), f.at(1), at, at};
                s.first = qMin(s.first, at);
                s.last = qMax(s.last, at);
            }
            QVector<Span> spans(byLease.cbegin(), byLease.cend());
            std::sort(spans.begin(), spans.end(),
                [](const Span &a, const Span &b) { return a.first < b.first; });
            for (int i = 1; i < spans.size(); ++i) {
                const Span &before = spans.at(i - 1);
                const Span &after = spans.at(i);
                if (after.first < before.last)
                    lines << QStringLiteral("task %1: lease %2 (pid %3) started %4 ms before "
                                            "lease %5 (pid %6) was last seen alive")
                                 .arg(name, after.lease, after.pid)
                                 .arg(before.last - after.first)
                                 .arg(before.lease, before.pid);
            }
        }
        return lines;
    }
    // The leases whose working child has written its start stamp, by task id.
    QMap<qint64, QSet<QString>> startedLeases() const
    {
        QMap<qint64, QSet<QString>> out;
        const QString folder = m_root + QStringLiteral("/stamps");
        for (const QString &name : QDir(folder).entryList(QDir::Files)) {
            const QString text = QString::fromUtf8(readFile(folder + QLatin1Char('/') + name));
            for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                out[name.toLongLong()].insert(line.section(QLatin1Char(' '), 0, 0));
        }
        return out;
    }

private:
    QString m_root;
    bool m_ok = false;
};

Error enqueueMany(Database &db, int count, const QString &kind, int maxAttempts)
{
    TaskStore store(db, kActor);
    return db.write([&]() -> Error {
        for (int i = 0; i < count; ++i) {
            NewTask t;
            t.kind = kind;
            t.name = QStringLiteral("%1 %2").arg(kind).arg(i + 1);
            t.maxAttempts = maxAttempts;
            if (Result<qint64> id = store.queue().enqueueInTransaction(t); !id.ok())
                return id.error();
        }
        return {};
    });
}

Error configureSweeper(Database &db)
{
    Settings settings(db, kActor);
    return settings.set({
        {QString(SettingKey::SweeperHeartbeatTimeoutS), QString::number(kHeartbeatTimeoutS)},
        {QString(SettingKey::SweeperIntervalS), QStringLiteral("1")},
        // The chaos hits the same task again now and then: no poison pill here.
        {QString(SettingKey::SweeperPoisonRescues), QStringLiteral("100")},
        // Re-queued tasks wait as short as the workers' own retries: a task hit
        // again and again would otherwise wait minutes at the end of a run.
        {QString(SettingKey::SweeperRetryBaseS), QStringLiteral("1")},
        {QString(SettingKey::SweeperRetryCapS), QStringLiteral("2")},
    });
}

qint64 countOf(const StatusCounts &counts, TaskStatus status)
{
    return counts.byStatus.value(status, 0);
}

QString countsText(const StatusCounts &counts)
{
    return QStringLiteral("PENDING %1, RUNNING %2, COMPLETED %3, FAILED %4")
        .arg(countOf(counts, TaskStatus::Pending))
        .arg(countOf(counts, TaskStatus::Running))
        .arg(countOf(counts, TaskStatus::Completed))
        .arg(countOf(counts, TaskStatus::Failed));
}

// How the sweeper rescued tasks: its audit rows, newest first.
QVector<AuditEntry> sweepAudits(Database &db)
{
    AuditLog audit(db);
    AuditFilter filter;
    filter.action = QStringLiteral("sweep");
    filter.limit = 100000;
    Result<QVector<AuditEntry>> rows = audit.list(filter);
    return rows.ok() ? *rows : QVector<AuditEntry>();
}

// The first few failed tasks with their messages, for a failure message.
QString failedTasksText(Database &db)
{
    TaskStore store(db, kActor);
    TaskFilter filter;
    filter.statuses = {TaskStatus::Failed, TaskStatus::Pending, TaskStatus::Running};
    filter.limit = 5;
    Result<QVector<Task>> tasks = store.reader().list(filter);
    if (!tasks.ok())
        return tasks.error().message();
    QStringList lines;
    for (const Task &t : *tasks)
        lines << QStringLiteral("task %1 %2/%3 attempt %4: %5")
                     .arg(t.id)
                     .arg(statusName(t.status), t.outcome)
                     .arg(t.attempt)
                     .arg(t.errorMessage);
    return lines.join(QLatin1Char('\n'));
}

// /proc/PID/cmdline names taskdesk-worker: never SIGKILL a recycled pid.
bool isWorkerProcess(qint64 pid)
{
    return pid > 1
        && readFile(QStringLiteral("/proc/%1/cmdline").arg(pid)).contains("taskdesk-worker");
}

// A child process of the test (a worker started by hand), with its output in a
// file; SIGKILLed if the test ends before it does.
class ChildProcess final
{
public:
    explicit ChildProcess(const QString &logPath)
        : m_logPath(logPath)
    {
        m_process.setStandardOutputFile(logPath);
        m_process.setStandardErrorFile(logPath, QIODevice::Append);
        m_process.setStandardInputFile(QProcess::nullDevice());
    }
    ~ChildProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    bool start(const QString &program, const QStringList &args)
    {
        m_process.setProgram(program);
        m_process.setArguments(args);
        m_process.start();
        return m_process.waitForStarted(10000);
    }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    bool waitForExit(int timeoutMs)
    {
        return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
    }
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QString output() const { return QString::fromUtf8(readFile(m_logPath)); }

private:
    QProcess m_process;
    QString m_logPath;
};

// A Supervisor that stops its processes when the test ends, pass or fail: a
// worker left running would go on claiming from a database being dropped.
class ScopedSupervisor final
{
public:
    ScopedSupervisor(Database &db, const SupervisorOptions &options)
        : m_sup(std::make_unique<Supervisor>(db, options))
    { }
    ~ScopedSupervisor() { stop(); }
    ScopedSupervisor(const ScopedSupervisor &) = delete;
    ScopedSupervisor &operator=(const ScopedSupervisor &) = delete;

    Supervisor *operator->() const { return m_sup.get(); }
    Supervisor &operator*() const { return *m_sup; }

    bool stop()
    {
        if (!m_sup->isActive())
            return true;
        QSignalSpy done(m_sup.get(), &Supervisor::allStopped);
        m_sup->stopAll();
        if (done.wait(30000))
            return true;
        // Last resort: nothing of this test may outlive it.
        for (const QString &name : m_sup->processNames()) {
            if (const qint64 pid = m_sup->pid(name); pid > 1)
                ::kill(pid_t(pid), SIGKILL);
        }
        done.wait(10000);
        return false;
    }

private:
    std::unique_ptr<Supervisor> m_sup;
};

// Kills a random live worker of the supervisor every `intervalMs`, taking the
// pid from the processes table (the supervisor's own view while the database
// is away).
class WorkerKiller final
{
public:
    WorkerKiller(ProcessStore &store, Supervisor &supervisor, int intervalMs)
        : m_store(store)
        , m_supervisor(supervisor)
    {
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { killOne(); });
    }
    void start()
    {
        if (!m_timer.isActive())
            m_since.start();
        m_timer.start();
    }
    void stop()
    {
        if (m_timer.isActive())
            m_activeMs += m_since.elapsed();
        m_timer.stop();
    }
    int kills() const { return m_kills; }
    // How long it has been killing, without its pauses.
    qint64 activeMs() const { return m_activeMs + (m_timer.isActive() ? m_since.elapsed() : 0); }

private:
    void killOne()
    {
        QVector<qint64> pids;
        Result<QVector<ProcessInfo>> rows = m_store.list(m_supervisor.host());
        if (rows.ok()) {
            for (const ProcessInfo &p : *rows) {
                if (isAlive(p.runtime.state) && p.runtime.pid > 0)
                    pids << p.runtime.pid;
            }
        } else {
            for (const QString &name : m_supervisor.processNames())
                pids << m_supervisor.pid(name);
        }
        pids.removeAll(0);
        if (pids.isEmpty())
            return;
        const qint64 pid = pids.at(QRandomGenerator::global()->bounded(int(pids.size())));
        if (isWorkerProcess(pid) && ::kill(pid_t(pid), SIGKILL) == 0)
            ++m_kills;
    }

    ProcessStore &m_store;
    Supervisor &m_supervisor;
    QTimer m_timer;
    QElapsedTimer m_since;
    qint64 m_activeMs = 0;
    int m_kills = 0;
};

// What a hook in the middle of the chaos may use.
struct ChaosControl
{
    WorkerKiller &killer;
    Supervisor &supervisor;
    QStringList workers; // process names
};

// On a failure, the last lines that each supervised worker wrote: the story
// of what went wrong is usually in there.
class OutputOnFailure final
{
public:
    explicit OutputOnFailure(QString folder)
        : m_folder(std::move(folder))
    { }
    ~OutputOnFailure()
    {
        if (!QTest::currentTestFailed())
            return;
        const QStringList files = QDir(m_folder).entryList({QStringLiteral("*.stderr")});
        for (const QString &name : files) {
            const QList<QByteArray> lines
                = readFile(m_folder + QLatin1Char('/') + name).split('\n');
            qInfo("--- the last lines of %s:", qPrintable(name));
            for (qsizetype i = std::max<qsizetype>(0, lines.size() - 30); i < lines.size(); ++i)
                qInfo("%s", lines.at(i).constData());
        }
    }
    OutputOnFailure(const OutputOnFailure &) = delete;
    OutputOnFailure &operator=(const OutputOnFailure &) = delete;

private:
    QString m_folder;
};

struct ChaosSettings
{
    int tasks = 2000;
    int workers = 3;
    int concurrency = 4;
    int killEveryMs = 500;
    // For the tasks to finish: each execution forks a working child and
    // stamps its times, about twice the processes of a bare sleep.
    qint64 budgetMs = 240 * 1000;
    // Called about every half second with the number of finished tasks (a
    // server restart in the middle hooks in here).
    std::function<void(qint64 finished, ChaosControl &control)> onProgress;
};

struct ChaosOutcome
{
    qint64 elapsedMs = 0;
    int kills = 0;
    int executions = 0;
    int rescues = 0;
    int restarts = 0;
};

} // namespace

class IntegrationTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chaos_data();
    void chaos();
    void noTwoExecutionsOfATaskAtOnce_data();
    void noTwoExecutionsOfATaskAtOnce();
    void workersOnTwoHosts();
    void connectionsComeBackAfterAServerRestart_data();
    void connectionsComeBackAfterAServerRestart();
    void serverRestartDuringChaos();
    void skewedWorkerClock_data();
    void skewedWorkerClock();

private:
    // Runs the chaos on `db` and checks its end state; QFAILs on any problem.
    void runChaos(
        Database &db, const QString &folder, const ChaosSettings &settings, ChaosOutcome &outcome);
};

void IntegrationTest::chaos_data()
{
    QTest::addColumn<int>("tasks");
    QTest::newRow("2,000 short tasks while a worker is SIGKILLed every half second") << 2000;
}

void IntegrationTest::chaos()
{
    QFETCH(int, tasks);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ChaosSettings settings;
    settings.tasks = tasks;
    ChaosOutcome outcome;
    runChaos(tdb.db(), tdb.tempPath(), settings, outcome);
    if (QTest::currentTestFailed())
        return;
    qInfo("chaos on %s: %d tasks, %d executions, %d kills, %d rescues by the sweeper, %d "
          "restarts by the supervisor, %.1f s",
        qPrintable(TestDatabase::backendName()), tasks, outcome.executions, outcome.kills,
        outcome.rescues, outcome.restarts, double(outcome.elapsedMs) / 1000.0);
}

void IntegrationTest::runChaos(
    Database &db, const QString &folder, const ChaosSettings &settings, ChaosOutcome &outcome)
{
    TaskBench bench(
        folder + QStringLiteral("/chaos"), QStringLiteral("0.01"), settings.concurrency);
    QVERIFY(bench.isValid());
    if (Error e = configureSweeper(db))
        QFAIL(qPrintable(e.message()));
    if (Error e = enqueueMany(db, settings.tasks, kChaosKind, 20))
        QFAIL(qPrintable(e.message()));

    const QString host = QStringLiteral("chaoshost");
    ProcessStore processes(db, kActor);
    QStringList names;
    for (int i = 1; i <= settings.workers; ++i) {
        ProcessDefinition d;
        d.name = QStringLiteral("chaos-worker-%1").arg(i);
        d.host = host;
        d.program = QStringLiteral(TASKDESK_WORKER_BINARY);
        d.args = {QStringLiteral("--config"), bench.config()};
        d.role = ProcessRole::Worker;
        d.restartPolicy = RestartPolicy::Always;
        // What a killed worker's executions leave is SIGKILLed before the
        // sweeper's heartbeat timeout (2 s) could re-queue their tasks.
        d.stopGraceMs = 1000;
        // Every SIGKILL is an unexpected death: a short healthy uptime resets
        // the count, and the ceiling is out of reach for this run.
        d.maxFailures = 1000;
        d.backoffBaseMs = 50;
        d.backoffCapMs = 400;
        d.healthyAfterMs = 300;
        d.startupMs = 100;
        QVERIFY2(processes.add(d).ok(), qPrintable(d.name));
        names << d.name;
    }

    SupervisorOptions options;
    options.host = host;
    options.pollIntervalMs = 100;
    options.outputDir = folder + QStringLiteral("/supervisor");
    options.actor = kActor;
    const OutputOnFailure output(options.outputDir);
    ScopedSupervisor supervisor(db, options);
    Sweeper sweeper(db);
    sweeper.setIntervalMs(kSweepIntervalMs);
    WorkerKiller killer(processes, *supervisor, settings.killEveryMs);

    QElapsedTimer clock;
    clock.start();
    supervisor->start();
    sweeper.start();
    for (const QString &name : std::as_const(names))
        QVERIFY(processes.setDesired(name, DesiredState::Running).ok());
    killer.start();

    TaskStore store(db, kActor);
    qint64 finished = 0;
    qint64 lastReport = 0;
    StatusCounts counts;
    while (clock.elapsed() < settings.budgetMs) {
        QTest::qWait(500);
        Result<StatusCounts> now = store.reader().counts();
        if (!now.ok())
            continue; // the database may be away on purpose
        counts = *now;
        finished = countOf(counts, TaskStatus::Completed) + countOf(counts, TaskStatus::Failed);
        if (settings.onProgress) {
            ChaosControl control{killer, *supervisor, names};
            settings.onProgress(finished, control);
        }
        if (clock.elapsed() - lastReport >= 10000) {
            lastReport = clock.elapsed();
            qInfo("%5.1f s: %s; %d kills", double(clock.elapsed()) / 1000.0,
                qPrintable(countsText(counts)), killer.kills());
        }
        if (finished == settings.tasks)
            break;
    }
    killer.stop();
    outcome.elapsedMs = clock.elapsed();
    outcome.kills = killer.kills();
    const qint64 killingMs = killer.activeMs();

    // The supervisor kept every worker going: none is FATAL, each was restarted.
    Result<QVector<ProcessInfo>> rows = processes.list(host);
    QVERIFY(rows.ok());
    for (const ProcessInfo &p : *rows) {
        QVERIFY2(p.runtime.state != ProcessState::Fatal,
            qPrintable(p.definition.name + QStringLiteral(": ") + p.runtime.message));
        outcome.restarts += p.runtime.restarts;
    }
    sweeper.stop();
    QVERIFY2(supervisor.stop(), "the workers did not stop within 30 s");

    QVERIFY2(finished == settings.tasks,
        qPrintable(QStringLiteral("after %1 s: %2\n%3")
                       .arg(double(outcome.elapsedMs) / 1000.0)
                       .arg(countsText(counts), failedTasksText(db))));
    QVERIFY2(countOf(counts, TaskStatus::Completed) == settings.tasks,
        qPrintable(countsText(counts) + QLatin1Char('\n') + failedTasksText(db)));

    // No task ever ran twice at the same time, and none was lost.
    const QStringList violations = bench.violations() + bench.overlaps();
    QVERIFY2(violations.isEmpty(), qPrintable(violations.mid(0, 20).join(QLatin1Char('\n'))));
    outcome.executions = int(bench.runs().size());
    QVERIFY2(outcome.executions >= settings.tasks, qPrintable(QString::number(outcome.executions)));
    QCOMPARE(bench.tasksThatRan().size(), settings.tasks);

    // The chaos really happened: kills all along (while the killer was not
    // paused on purpose), restarts, rescues by the sweeper.
    const qint64 expectedKills = killingMs / settings.killEveryMs / 2;
    QVERIFY2(outcome.kills >= expectedKills,
        qPrintable(QStringLiteral("%1 kills in %2 ms of killing (%3 ms in all)")
                       .arg(outcome.kills)
                       .arg(killingMs)
                       .arg(outcome.elapsedMs)));
    QVERIFY(outcome.restarts > 0);
    outcome.rescues = int(sweepAudits(db).size());
    QVERIFY2(outcome.rescues > 0, "the sweeper never rescued a task of a killed worker");
}

void IntegrationTest::noTwoExecutionsOfATaskAtOnce_data()
{
    QTest::addColumn<QString>("event");
    QTest::newRow("Cancel then Restart while the execution's child ignores SIGTERM")
        << "cancel-restart";
    QTest::newRow("a worker SIGKILLed while its execution's child ignores SIGTERM")
        << "worker-kill";
    QTest::newRow("a database stall longer than the heartbeat timeout") << "stall";
}

// The three ways a task once ran twice at the same time, each hitting tasks
// whose working child ignores SIGTERM, with two supervised workers that would
// claim a task again at once: no two executions of a task may overlap.
void IntegrationTest::noTwoExecutionsOfATaskAtOnce()
{
    QFETCH(QString, event);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Database &db = tdb.db();
    // 4 s of work in 0.1 s steps, two slots per worker.
    TaskBench bench(tdb.tempPath() + QStringLiteral("/bench"), QStringLiteral("0.1"), 2, 40);
    QVERIFY(bench.isValid());
    QVERIFY(!configureSweeper(db));
    constexpr int kTasks = 4;
    QVERIFY(!enqueueMany(db, kTasks, kChaosKind, 5));

    const QString host = QStringLiteral("overlaphost");
    ProcessStore processes(db, kActor);
    for (int i = 1; i <= 2; ++i) {
        ProcessDefinition d;
        d.name = QStringLiteral("overlap-worker-%1").arg(i);
        d.host = host;
        d.program = QStringLiteral(TASKDESK_WORKER_BINARY);
        d.args = {QStringLiteral("--config"), bench.config()};
        d.role = ProcessRole::Worker;
        d.restartPolicy = RestartPolicy::Always;
        d.stopGraceMs = 1000;
        d.backoffBaseMs = 100;
        d.healthyAfterMs = 300;
        d.startupMs = 100;
        QVERIFY(processes.add(d).ok());
        QVERIFY(processes.setDesired(d.name, DesiredState::Running).ok());
    }
    SupervisorOptions options;
    options.host = host;
    options.pollIntervalMs = 100;
    options.outputDir = tdb.tempPath() + QStringLiteral("/supervisor");
    options.actor = kActor;
    const OutputOnFailure output(options.outputDir);
    ScopedSupervisor supervisor(db, options);
    Sweeper sweeper(db);
    sweeper.setIntervalMs(kSweepIntervalMs);
    supervisor->start();
    sweeper.start();

    // Every task is at work (two workers, two slots each).
    QTRY_VERIFY_WITH_TIMEOUT(bench.startedLeases().size() == kTasks, 30000);
    const qint64 target = bench.startedLeases().firstKey();
    TaskStore store(db, kActor);
    const Result<Task> before = store.reader().task(target);
    QVERIFY(before.ok());
    QCOMPARE(before->status, TaskStatus::Running);

    if (event == QLatin1String("cancel-restart")) {
        // Restart makes the task claimable at once, while the cancelled
        // execution's child still runs.
        const Result<ActionReport> cancelled = store.actions().cancel(target);
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.error().message()));
        const Result<ActionReport> restarted = store.actions().restart(target);
        QVERIFY2(restarted.ok(), qPrintable(restarted.error().message()));
    } else if (event == QLatin1String("worker-kill")) {
        qint64 pid = 0;
        const Result<QVector<ProcessInfo>> rows = processes.list(host);
        QVERIFY(rows.ok());
        for (const ProcessInfo &p : *rows) {
            if (p.runtime.workerId == before->workerId)
                pid = p.runtime.pid;
        }
        QVERIFY2(isWorkerProcess(pid), qPrintable(before->workerId));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
        // From the crash to the task handed on, and to its next execution.
        qint64 handedOn = -1;
        while (clock.elapsed() < 60000 && bench.startedLeases().value(target).size() < 2) {
            if (handedOn < 0) {
                const Result<Task> t = store.reader().task(target);
                if (t.ok() && (t->status != TaskStatus::Running || t->workerId != before->workerId))
                    handedOn = clock.elapsed();
            }
            QTest::qWait(20);
        }
        qInfo("worker SIGKILLed: its task was handed on after %lld ms and ran again after %lld ms "
              "(sweeper retry base 1 s)",
            handedOn, clock.elapsed());
    } else {
        // Every write waits behind another connection's lock for longer than
        // the heartbeat timeout; reads go on.
        std::unique_ptr<Database> other = tdb.open();
        const bool postgres = db.isPostgres();
        QThread *stall = QThread::create([&other, postgres] {
            {
                Result<QSqlDatabase> c = other->connection();
                if (!c.ok())
                    return;
                QSqlQuery q(*c);
                if (postgres) {
                    q.exec(QStringLiteral("BEGIN"));
                    q.exec(QStringLiteral("LOCK TABLE tasks IN EXCLUSIVE MODE"));
                } else {
                    q.exec(QStringLiteral("BEGIN IMMEDIATE"));
                }
                QThread::msleep(kHeartbeatTimeoutS * 1000 + 1500);
                q.exec(QStringLiteral("ROLLBACK"));
            }
            // The first write after the stall is a sweeper's (one whose
            // database answered first): every heartbeat is older than the
            // timeout now, though no worker was lost.
            TaskStore otherSweeper(*other, QStringLiteral("sweeper"));
            const Result<CleanupReport> swept
                = otherSweeper.stuck().sweepLostWorkers(kHeartbeatTimeoutS * 1000, 100);
            if (!swept.ok())
                qWarning("sweep after the stall: %s", qPrintable(swept.error().message()));
            other->closeThreadConnection();
        });
        stall->start();
        QTRY_VERIFY_WITH_TIMEOUT(stall->isFinished(), 30000);
        delete stall;
    }

    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            Result<StatusCounts> c = store.reader().counts();
            return c.ok() && countOf(*c, TaskStatus::Completed) == kTasks;
        }(),
        90000);
    sweeper.stop();
    QVERIFY2(supervisor.stop(), "the workers did not stop within 30 s");

    const QStringList violations = bench.violations() + bench.overlaps();
    QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1Char('\n'))));
    if (event != QLatin1String("stall"))
        QVERIFY2(bench.startedLeases().value(target).size() >= 2, "the task did not run again");
}

void IntegrationTest::workersOnTwoHosts()
{
    if (!TestDatabase::postgres())
        QSKIP("several hosts share a database only on PostgreSQL");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Database &db = tdb.db();
    TaskBench bench(tdb.tempPath() + QStringLiteral("/hosts"), QStringLiteral("0.4"), 3);
    QVERIFY(bench.isValid());
    QVERIFY(!configureSweeper(db));
    constexpr int kTasks = 40;

    // Two hosts: each worker in its own UTS namespace with its own host name
    // (root, as in CI; or an unprivileged user namespace). Without either,
    // the worker names stand in for the hosts.
    auto canUnshare = [](const QStringList &args) {
        QProcess p;
        p.start(QStandardPaths::findExecutable(QStringLiteral("unshare")),
            args + QStringList{QStringLiteral("true")});
        return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0;
    };
    QStringList unshare;
    if (canUnshare({QStringLiteral("--uts")}))
        unshare = {QStringLiteral("--uts")};
    else if (canUnshare({QStringLiteral("--user"), QStringLiteral("--map-root-user"),
                 QStringLiteral("--uts")}))
        unshare = {
            QStringLiteral("--user"), QStringLiteral("--map-root-user"), QStringLiteral("--uts")};
    else
        qInfo("cannot make UTS namespaces here: the two workers differ by name only");

    auto startWorker = [&](ChildProcess &child, const QString &host) {
        const QStringList workerArgs{QStringLiteral("--db"), tdb.url(), QStringLiteral("--config"),
            bench.config(), QStringLiteral("--name"), QStringLiteral("w-") + host};
        if (unshare.isEmpty())
            return child.start(QStringLiteral(TASKDESK_WORKER_BINARY), workerArgs);
        QString command = QStringLiteral("hostname %1 && exec \"$0\" \"$@\"").arg(host);
        return child.start(QStandardPaths::findExecutable(QStringLiteral("unshare")),
            unshare
                + QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), command,
                    QStringLiteral(TASKDESK_WORKER_BINARY)}
                + workerArgs);
    };
    QElapsedTimer clock;
    clock.start();
    ChildProcess a(tdb.tempPath() + QStringLiteral("/hosta.log"));
    ChildProcess b(tdb.tempPath() + QStringLiteral("/hostb.log"));
    QVERIFY(startWorker(a, QStringLiteral("hosta")));
    QVERIFY(startWorker(b, QStringLiteral("hostb")));

    Sweeper sweeper(db);
    sweeper.setIntervalMs(kSweepIntervalMs);
    sweeper.start();

    // Both registered, each under its own host; `exec` kept the pid.
    WorkerRegistry registry(db);
    auto workerOn = [&](const QString &host) -> std::optional<WorkerInfo> {
        Result<QVector<WorkerInfo>> all = registry.list(100);
        if (!all.ok())
            return std::nullopt;
        for (const WorkerInfo &w : *all) {
            if ((unshare.isEmpty() ? w.name == QStringLiteral("w-") + host : w.host == host))
                return w;
        }
        return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(workerOn(QStringLiteral("hosta")).has_value(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(workerOn(QStringLiteral("hostb")).has_value(), 30000);
    const WorkerInfo infoA = *workerOn(QStringLiteral("hosta"));
    const WorkerInfo infoB = *workerOn(QStringLiteral("hostb"));
    QCOMPARE(infoB.pid, b.pid());
    if (!unshare.isEmpty()) {
        QCOMPARE(infoA.host, QStringLiteral("hosta"));
        QCOMPARE(infoB.host, QStringLiteral("hostb"));
    }
    // The work arrives once both are up, so that both get a share of it.
    QVERIFY(!enqueueMany(db, kTasks, kChaosKind, 5));

    // Kill host b in the middle: both hosts have done work, b holds tasks.
    TaskStore store(db, kActor);
    auto runningOn = [&](const QString &workerId) {
        TaskFilter filter;
        filter.statuses = {TaskStatus::Running};
        filter.search = workerId;
        filter.limit = 1000;
        QSet<qint64> ids;
        if (Result<QVector<Task>> tasks = store.reader().list(filter); tasks.ok()) {
            for (const Task &t : *tasks) {
                if (t.workerId == workerId)
                    ids.insert(t.id);
            }
        }
        return ids;
    };
    auto completedBy = [&](const QString &workerId) {
        TaskFilter filter;
        filter.statuses = {TaskStatus::Completed};
        filter.search = workerId;
        Result<qint64> n = store.reader().count(filter);
        return n.ok() ? *n : 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        completedBy(infoA.id) > 0 && completedBy(infoB.id) > 0 && !runningOn(infoB.id).isEmpty(),
        60000);
    QVERIFY(::kill(pid_t(b.pid()), SIGKILL) == 0);
    QVERIFY(b.waitForExit(10000));
    // What the dead worker still held: only the sweeper can give it back.
    const QSet<qint64> orphans = runningOn(infoB.id);
    QVERIFY2(!orphans.isEmpty(), "host b held nothing when it was killed");
    // Host b is down for good: nothing there will report its executions over,
    // so an operator declares it dead (DESIGN.md rule 7). Without namespaces
    // both workers share this host, whose other worker ends the leftovers.
    if (!unshare.isEmpty()) {
        Result<QVector<qint64>> forgotten
            = ExecutionStore(db).forgetHost(QStringLiteral("hostb"), kActor);
        QVERIFY2(forgotten.ok(), qPrintable(forgotten.error().message()));
        QVERIFY(!forgotten->isEmpty());
    }

    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            Result<StatusCounts> c = store.reader().counts();
            return c.ok() && countOf(*c, TaskStatus::Completed) == kTasks;
        }(),
        90000);

    // The killed worker's tasks were rescued by the sweeper and finished on host a.
    const QVector<AuditEntry> sweeps = sweepAudits(db);
    for (qint64 id : orphans) {
        const Result<Task> t = store.reader().task(id);
        QVERIFY(t.ok());
        QCOMPARE(t->status, TaskStatus::Completed);
        QCOMPARE(t->workerId, infoA.id);
        QVERIFY2(t->attempt >= 2, qPrintable(QString::number(t->attempt)));
        const bool swept = std::any_of(sweeps.cbegin(), sweeps.cend(), [id](const AuditEntry &e) {
            return e.taskId == id && e.actor == QLatin1String("sweeper")
                && e.afterStatus == QLatin1String("PENDING");
        });
        QVERIFY2(swept, qPrintable(QStringLiteral("task %1 has no sweep audit row").arg(id)));
    }
    const QStringList violations = bench.violations();
    QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1Char('\n'))));
    QCOMPARE(bench.tasksThatRan().size(), kTasks);

    // The workers table shows both hosts: b lost (by the sweeper), a stops cleanly.
    QTRY_COMPARE_WITH_TIMEOUT(
        workerOn(QStringLiteral("hostb"))->status, QStringLiteral("lost"), 15000);
    sweeper.stop();
    QVERIFY(::kill(pid_t(a.pid()), SIGTERM) == 0);
    QVERIFY(a.waitForExit(30000));
    QCOMPARE(a.exitStatus(), QProcess::NormalExit);
    QCOMPARE(a.exitCode(), 0);
    QCOMPARE(workerOn(QStringLiteral("hosta"))->status, QStringLiteral("stopped"));
    qInfo("two hosts: %d tasks, %lld rescued from the killed host, %.1f s", kTasks,
        qint64(orphans.size()), double(clock.elapsed()) / 1000.0);
}

void IntegrationTest::connectionsComeBackAfterAServerRestart_data()
{
    QTest::addColumn<bool>("writes");
    QTest::newRow("a connection that only reads is usable again after one failure") << false;
    QTest::newRow("a connection that writes is usable again after one failure") << true;
}

void IntegrationTest::connectionsComeBackAfterAServerRestart()
{
    QFETCH(bool, writes);
    if (!TestDatabase::postgres())
        QSKIP("a server restart is a PostgreSQL matter");
    TestPostgresServer server;
    if (!server.init())
        QFAIL(qPrintable(server.errorString()));
    QVERIFY2(server.createDatabase(QStringLiteral("reconnect")), qPrintable(server.errorString()));
    Result<DatabaseLocation> location
        = DatabaseLocation::parse(server.url(QStringLiteral("reconnect")));
    QVERIFY(location.ok());
    Database db(*location);
    if (Error e = db.open())
        QFAIL(qPrintable(e.message()));
    TaskStore store(db, kActor);
    NewTask n;
    n.kind = QStringLiteral("k");
    const Result<qint64> id = store.queue().enqueue(n);
    QVERIFY(id.ok());
    auto use = [&]() -> Error {
        if (writes)
            return store.queue().enqueue(n).error();
        return store.reader().task(*id).error();
    };
    QVERIFY(!use());

    QVERIFY2(server.stop(), qPrintable(server.errorString()));
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    // The first statement finds the old connection dead: that one fails. The
    // connection is then marked broken and the next statement opens a new one.
    const Error first = use();
    const Error second = use();
    QVERIFY2(!second,
        qPrintable(QStringLiteral("first: %1; second: %2").arg(first.message(), second.message())));
}

void IntegrationTest::serverRestartDuringChaos()
{
    if (!TestDatabase::postgres())
        QSKIP("a server restart is a PostgreSQL matter");
    TestPostgresServer server;
    if (!server.init())
        QFAIL(qPrintable(server.errorString()));
    QVERIFY2(server.createDatabase(QStringLiteral("chaos")), qPrintable(server.errorString()));
    Result<DatabaseLocation> location
        = DatabaseLocation::parse(server.url(QStringLiteral("chaos")));
    QVERIFY2(location.ok(), qPrintable(server.url(QStringLiteral("chaos"))));
    Database db(*location);
    if (Error e = db.open())
        QFAIL(qPrintable(e.message()));
    QTemporaryDir folder;
    QVERIFY(folder.isValid());

    ChaosSettings settings;
    settings.tasks = 1000;
    // A third of the way in, the server goes away for four seconds. The random
    // kills pause meanwhile: the workers must come through the outage by
    // themselves (the same processes, reconnected), not by being restarted. One
    // worker is killed while the server is down: the one started in its place
    // waits for the server rather than exiting again and again.
    bool restarted = false;
    QString restartError;
    settings.onProgress = [&](qint64 finished, ChaosControl &control) {
        if (restarted || finished < settings.tasks / 3)
            return;
        restarted = true;
        control.killer.stop();
        struct ResumeKills
        {
            WorkerKiller &killer;
            ~ResumeKills() { killer.start(); }
        } resume{control.killer};
        auto pids = [&control] {
            QVector<qint64> list;
            for (const QString &name : std::as_const(control.workers)) {
                list << (control.supervisor.state(name) == ProcessState::Running
                        ? control.supervisor.pid(name)
                        : 0);
            }
            return list;
        };
        if (!QTest::qWaitFor([&] { return !pids().contains(0); }, 30000)) {
            restartError = QStringLiteral("the workers did not all come up again");
            return;
        }
        QTest::qWait(1000); // connected and working
        const QVector<qint64> before = pids();
        ProcessStore processes(db, kActor);
        const QString victim = control.workers.constFirst();
        const Result<ProcessInfo> victimBefore = processes.process(victim);
        if (!victimBefore.ok()) {
            restartError = victimBefore.error().message();
            return;
        }

        qInfo("%lld tasks finished: stopping the server for 4 s", finished);
        if (!server.stop()) {
            restartError = server.errorString();
            return;
        }
        if (isWorkerProcess(before.constFirst()))
            ::kill(pid_t(before.constFirst()), SIGKILL);
        QTest::qWait(4000);
        if (!server.start()) {
            restartError = server.errorString();
            return;
        }
        qInfo("the server is back");
        TaskStore store(db, kActor);
        auto completed = [&store]() -> qint64 {
            Result<StatusCounts> c = store.reader().counts();
            return c.ok() ? countOf(*c, TaskStatus::Completed) : -1;
        };
        qint64 base = -1;
        if (!QTest::qWaitFor([&] { return (base = completed()) >= 0; }, 30000)) {
            restartError = QStringLiteral("the test cannot reach the server after the restart");
            return;
        }
        const qint64 goal = std::min<qint64>(base + 50, settings.tasks);
        if (!QTest::qWaitFor([&] { return completed() >= goal; }, 60000)) {
            restartError = QStringLiteral("no progress within 60 s after the restart: %1 of %2 "
                                          "completed")
                               .arg(completed())
                               .arg(goal);
            return;
        }
        const QVector<qint64> after = pids();
        if (after.mid(1) != before.mid(1)) {
            restartError = QStringLiteral("the workers did not come through the restart: they "
                                          "were restarted (supervisor log above)");
            return;
        }
        // The supervisor has written what happened meanwhile once it could.
        int restarts = -1;
        if (!QTest::qWaitFor(
                [&] {
                    const Result<ProcessInfo> p = processes.process(victim);
                    restarts = p.ok() ? p->runtime.restarts - victimBefore->runtime.restarts : -1;
                    return restarts >= 1;
                },
                10000)
            || restarts != 1 || after.constFirst() == before.constFirst()) {
            restartError = QStringLiteral("%1, killed while the server was down, was restarted "
                                          "%2 times instead of once")
                               .arg(victim)
                               .arg(restarts);
            return;
        }
        qInfo("the same workers went on after the restart, and the one started while the "
              "server was down waited for it");
    };
    ChaosOutcome outcome;
    runChaos(db, folder.path(), settings, outcome);
    QVERIFY2(restartError.isEmpty(), qPrintable(restartError));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(restarted);
    qInfo("chaos with a server restart: %d tasks, %d executions, %d kills, %d rescues, %d "
          "restarts, %.1f s",
        settings.tasks, outcome.executions, outcome.kills, outcome.rescues, outcome.restarts,
        double(outcome.elapsedMs) / 1000.0);
}

void IntegrationTest::skewedWorkerClock_data()
{
    QTest::addColumn<QString>("offset");
    QTest::newRow("a worker whose clock is an hour behind") << QStringLiteral("-1h");
    QTest::newRow("a worker whose clock is an hour ahead") << QStringLiteral("+1h");
}

void IntegrationTest::skewedWorkerClock()
{
    QFETCH(QString, offset);
    if (!TestDatabase::postgres())
        QSKIP("workers on other machines need PostgreSQL");
    const QString faketime = QStandardPaths::findExecutable(QStringLiteral("faketime"));
    if (faketime.isEmpty())
        QSKIP("faketime is not installed (apt-get install faketime): the skewed clock test "
              "cannot run");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Database &db = tdb.db();
    TaskBench bench(tdb.tempPath() + QStringLiteral("/skew"), QStringLiteral("0"), 1);
    QVERIFY(bench.isValid());
    QVERIFY(!configureSweeper(db));
    TaskStore store(db, kActor);
    NewTask n;
    n.kind = QStringLiteral("long");
    n.name = QStringLiteral("a long task on a skewed worker");
    n.maxAttempts = 5;
    const Result<qint64> taskId = store.queue().enqueue(n);
    QVERIFY(taskId.ok());

    ChildProcess worker(tdb.tempPath() + QStringLiteral("/skewed.log"));
    QVERIFY(worker.start(faketime,
        {QStringLiteral("-f"), offset, QStringLiteral(TASKDESK_WORKER_BINARY),
            QStringLiteral("--db"), tdb.url(), QStringLiteral("--config"), bench.config(),
            QStringLiteral("--name"), QStringLiteral("skewed")}));
    QTRY_COMPARE_WITH_TIMEOUT(store.reader().task(*taskId)->status, TaskStatus::Running, 30000);
    const Task claimed = *store.reader().task(*taskId);

    // The worker's own clock is off by the offset (its log lines carry its time)...
    static const QRegularExpression stamp(
        QStringLiteral("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) taskdesk-worker"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = stamp.match(worker.output());
    QVERIFY2(match.hasMatch(), qPrintable(worker.output()));
    const QDateTime logged
        = QDateTime::fromString(match.captured(1), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    const qint64 skewS = QDateTime::currentDateTime().secsTo(logged);
    const qint64 wantedS = offset.startsWith(QLatin1Char('-')) ? -3600 : 3600;
    QVERIFY2(qAbs(skewS - wantedS) < 300,
        qPrintable(
            QStringLiteral("the worker's clock is off by %1 s, not %2 s").arg(skewS).arg(wantedS)));

    // ... yet it is not swept while alive: staleness is judged by the database clock.
    Sweeper sweeper(db);
    sweeper.setIntervalMs(kSweepIntervalMs);
    sweeper.start();
    QElapsedTimer watch;
    watch.start();
    while (watch.elapsed() < 3 * (kHeartbeatTimeoutS * 1000 + kSweepIntervalMs)) {
        QTest::qWait(250);
        const Result<Task> t = store.reader().task(*taskId);
        QVERIFY(t.ok());
        QCOMPARE(t->status, TaskStatus::Running);
        QCOMPARE(t->lease, claimed.lease);
        QVERIFY2(t->heartbeatAgeMs() < kHeartbeatTimeoutS * 1000,
            qPrintable(QStringLiteral("heartbeat age %1 ms").arg(t->heartbeatAgeMs())));
    }
    QVERIFY(sweepAudits(db).isEmpty());
    WorkerRegistry registry(db);
    const Result<std::optional<WorkerInfo>> info = registry.worker(claimed.workerId);
    QVERIFY(info.ok() && info->has_value());
    QCOMPARE(info->value().status, QStringLiteral("running"));

    // Dead, it is swept within the timeout and a sweep interval (plus room for
    // a busy machine), and not before its last heartbeat is stale.
    const qint64 pid = info->value().pid; // faketime forks: the worker is its child
    QVERIFY(isWorkerProcess(pid));
    QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
    const Result<qint64> killedAt = db.now();
    QVERIFY(killedAt.ok());
    QTRY_VERIFY_WITH_TIMEOUT(store.reader().task(*taskId)->status != TaskStatus::Running, 30000);
    const QVector<AuditEntry> sweeps = sweepAudits(db);
    QCOMPARE(sweeps.size(), 1);
    const AuditEntry &sweep = sweeps.constFirst();
    QCOMPARE(sweep.taskId, *taskId);
    QCOMPARE(sweep.afterStatus, QStringLiteral("PENDING"));
    const qint64 afterKill = sweep.at - *killedAt;
    qInfo("swept %lld ms after the SIGKILL (timeout %d s, interval %d ms)", afterKill,
        kHeartbeatTimeoutS, kSweepIntervalMs);
    QVERIFY2(afterKill <= kHeartbeatTimeoutS * 1000 + kSweepIntervalMs + 3000,
        qPrintable(QStringLiteral("swept %1 ms after the kill").arg(afterKill)));
    const qint64 age = sweep.details.value(QStringLiteral("age_ms")).toInteger();
    QVERIFY2(age >= kHeartbeatTimeoutS * 1000,
        qPrintable(QStringLiteral("swept at a heartbeat age of %1 ms").arg(age)));
    QTRY_COMPARE_WITH_TIMEOUT(
        registry.worker(claimed.workerId)->value().status, QStringLiteral("lost"), 15000);
    sweeper.stop();
    QVERIFY(worker.waitForExit(10000));
}

TASKDESK_TEST_MAIN(IntegrationTest)
#include "tst_integration.moc"
