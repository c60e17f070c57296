#include "workerbench.h"

#include "core/processgroup.h"
#include "core/scheduling/sweeper.h"
#include "core/settings.h"
#include "core/tasks/taskstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <memory>

namespace taskdesk::bench {

namespace {

const QString kE2eQueue = QStringLiteral("bench-e2e");
const QString kLatencyQueue = QStringLiteral("bench-latency");

bool writeFile(const QString &path, const QByteArray &text, bool executable = false)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return false;
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    return true;
}

// Waits, processing events (a Sweeper's timer), until `done` holds or `ms` passed.
template<typename Predicate> bool waitFor(Predicate done, int ms, int pollUs = 500)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > ms)
            return false;
        QCoreApplication::processEvents();
        QThread::usleep(pollUs);
    }
    return true;
}

std::unique_ptr<QProcess> startWorker(
    const Options &o, const QString &url, const QString &config, const QString &log, bool once)
{
    auto worker = std::make_unique<QProcess>();
    worker->setProgram(o.workerBinary);
    QStringList args{QStringLiteral("--db"), url, QStringLiteral("--config"), config};
    if (once)
        args << QStringLiteral("--once");
    worker->setArguments(args);
    worker->setStandardOutputFile(log);
    worker->setStandardErrorFile(log, QIODevice::Append);
    worker->start();
    return worker;
}

void stopWorker(QProcess &worker)
{
    if (worker.state() == QProcess::NotRunning)
        return;
    worker.terminate();
    if (!worker.waitForFinished(30000)) {
        worker.kill();
        worker.waitForFinished(5000);
    }
}

// The script of the latency tasks: it names its process group (it leads it)
// in a file, then sleeps in a child, so the group is a small tree.
const QByteArray kSleeper = QByteArrayLiteral("#!/bin/sh\n"
                                              "echo $$ > \"$1/pgid-$TASKDESK_TASK_ID.tmp\"\n"
                                              "mv \"$1/pgid-$TASKDESK_TASK_ID.tmp\" "
                                              "\"$1/pgid-$TASKDESK_TASK_ID\"\n"
                                              "sleep 60\n");

// A process that runs (zombies and reaped processes do not).
bool processRuns(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = f.readAll();
    const int end = stat.lastIndexOf(')');
    return end > 0 && end + 2 < stat.size() && stat.at(end + 2) != 'Z' && stat.at(end + 2) != 'X';
}

qint64 readPgid(const QString &dir, qint64 taskId)
{
    QFile f(QDir(dir).filePath(QStringLiteral("pgid-%1").arg(taskId)));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return QString::fromLatin1(f.readAll()).trimmed().toLongLong();
}

} // namespace

// ---------------------------------------------------------------- part 5

QJsonObject runWorkerE2e(const QString &url, const Options &o)
{
    QJsonObject out;
    Failures fail(out);
    Result<DatabaseLocation> loc = locationOf(url);
    if (!loc.ok())
        return fail(loc.error().message());
    Database db(*loc);
    if (Error e = db.open())
        return fail(e.message());
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("e2e.ini"));
    const QByteArray ini = QStringLiteral("[worker]\nname = bench-e2e\nqueues = %1\n"
                                          "concurrency = %2\nheartbeat_seconds = 5\n"
                                          "poll_ms = 100\nstop_grace_seconds = 5\n"
                                          "[kinds]\ntrue = /bin/true\n")
                               .arg(kE2eQueue)
                               .arg(o.concurrency)
                               .toUtf8();
    if (!writeFile(config, ini))
        return fail(QStringLiteral("cannot write ") + config);
    const qint64 n = o.e2eTasks;
    // Only this run's tasks count: a reused --db keeps the tasks of earlier runs.
    Result<QVariant> lastId = scalar(db, QStringLiteral("SELECT COALESCE(max(id), 0) FROM tasks"));
    if (!lastId.ok())
        return fail(lastId.error().message());
    if (Error e = addTasks(db, n, kE2eQueue, QStringLiteral("true")))
        return fail(e.message());
    out.insert(QStringLiteral("tasks"), n);
    out.insert(QStringLiteral("concurrency"), o.concurrency);

    // xargs before and after the worker: the machine's load moves.
    // CPU per task of each side, its /bin/true processes included: steadier
    // than the rates on a machine shared with other work.
    double xargsCpuMs = 0;
    auto runXargs = [&]() -> double {
        const double cpuBefore = childrenCpuMs();
        QProcess xargs;
        xargs.setProgram(QStringLiteral("xargs"));
        xargs.setArguments({QStringLiteral("-P"), QString::number(o.concurrency),
            QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("/bin/true")});
        QElapsedTimer timer;
        timer.start();
        xargs.start();
        if (!xargs.waitForStarted(10000))
            return -1;
        xargs.write(QByteArray("1\n").repeated(int(n)));
        xargs.closeWriteChannel();
        if (!xargs.waitForFinished(600000) || xargs.exitCode() != 0)
            return -1;
        const double ms = msSince(timer);
        xargsCpuMs += childrenCpuMs() - cpuBefore;
        return ms;
    };
    const double xargsBefore = runXargs();

    QElapsedTimer timer;
    const double workerCpuBefore = childrenCpuMs();
    timer.start();
    std::unique_ptr<QProcess> worker
        = startWorker(o, url, config, dir.filePath(QStringLiteral("worker.log")), true);
    const bool finished = worker->waitForFinished(int(std::max<qint64>(120000, n * 100)));
    const double workerMs = msSince(timer);
    const double workerCpuMs = childrenCpuMs() - workerCpuBefore;
    const double xargsAfter = runXargs();
    if (!finished) {
        stopWorker(*worker);
        return fail(QStringLiteral("taskdesk-worker --once did not finish"));
    }
    if (worker->exitStatus() != QProcess::NormalExit || worker->exitCode() != 0) {
        QFile log(dir.filePath(QStringLiteral("worker.log")));
        log.open(QIODevice::ReadOnly);
        return fail(QStringLiteral("taskdesk-worker exited with %1: %2")
                        .arg(worker->exitCode())
                        .arg(QString::fromUtf8(log.readAll().right(2000))));
    }
    if (xargsBefore < 0 || xargsAfter < 0)
        return fail(QStringLiteral("xargs failed"));
    Result<QVariant> completed = scalar(db,
        QStringLiteral(
            "SELECT count(*) FROM tasks WHERE queue = ? AND status = 'COMPLETED' AND id > ?"),
        {kE2eQueue, lastId.value()});
    if (!completed.ok())
        return fail(completed.error().message());
    if (completed->toLongLong() != n)
        fail(QStringLiteral("%1 of %2 tasks completed").arg(completed->toLongLong()).arg(n));
    Result<QVariant> span = scalar(db,
        QStringLiteral(
            "SELECT max(completed_at) - min(started_at) FROM tasks WHERE queue = ? AND id > ?"),
        {kE2eQueue, lastId.value()});

    const double xargsMs = (xargsBefore + xargsAfter) / 2;
    out.insert(QStringLiteral("worker_ms"), workerMs);
    out.insert(QStringLiteral("worker_per_second"), double(n) / workerMs * 1000);
    if (span.ok() && span->toLongLong() > 0)
        out.insert(QStringLiteral("worker_in_db_per_second"), double(n) / span->toDouble() * 1000);
    out.insert(QStringLiteral("xargs_ms"), QJsonArray{xargsBefore, xargsAfter});
    out.insert(QStringLiteral("xargs_per_second"), double(n) / xargsMs * 1000);
    out.insert(QStringLiteral("ratio"), xargsMs / workerMs);
    out.insert(QStringLiteral("worker_cpu_ms_per_task"), workerCpuMs / double(n));
    out.insert(QStringLiteral("xargs_cpu_ms_per_task"), xargsCpuMs / double(2 * n));
    return out;
}

// ---------------------------------------------------------------- part 6

QJsonObject runLatencyBench(const QString &url, const Options &o)
{
    QJsonObject out;
    Failures fail(out);
    Result<DatabaseLocation> loc = locationOf(url);
    if (!loc.ok())
        return fail(loc.error().message());
    Database db(*loc);
    if (Error e = db.open())
        return fail(e.message());
    TaskStore store(db, QStringLiteral("bench-operator"));
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("sleeper.sh"));
    if (!writeFile(script, kSleeper, true))
        return fail(QStringLiteral("cannot write ") + script);
    auto configFor = [&](const QString &name, const QString &heartbeat) {
        const QString path = dir.filePath(name + QStringLiteral(".ini"));
        writeFile(path,
            QStringLiteral("[worker]\nname = %1\nqueues = %2\nconcurrency = 1\n"
                           "heartbeat_seconds = %3\npoll_ms = 50\nstop_grace_seconds = 2\n"
                           "[kinds]\nsleep = %4 %5\n")
                .arg(name, kLatencyQueue, heartbeat, script, dir.path())
                .toUtf8());
        return path;
    };
    NewTask sleeper;
    sleeper.kind = QStringLiteral("sleep");
    sleeper.queue = kLatencyQueue;
    sleeper.name = QStringLiteral("bench: sleep 60");
    // The task is running and its process group exists; returns the group.
    auto waitRunning = [&](qint64 id, QProcess &worker) -> qint64 {
        qint64 pgid = 0;
        waitFor(
            [&] {
                pgid = readPgid(dir.path(), id);
                return pgid > 0 || worker.state() == QProcess::NotRunning;
            },
            60000, 2000);
        if (pgid > 0 && !ProcessGroup::groupAlive(pgid))
            return 0;
        return pgid;
    };

    // Cancel → the execution's process group is gone.
    {
        std::unique_ptr<QProcess> worker
            = startWorker(o, url, configFor(QStringLiteral("bench-cancel"), QStringLiteral("5")),
                dir.filePath(QStringLiteral("cancel.log")), false);
        Samples cancel;
        for (int run = 0; run < o.latencyRuns; ++run) {
            Result<qint64> id = store.queue().enqueue(sleeper);
            if (!id.ok())
                return fail(id.error().message());
            const qint64 pgid = waitRunning(*id, *worker);
            if (pgid <= 0) {
                fail(QStringLiteral("the cancel task never ran"));
                break;
            }
            QElapsedTimer timer;
            timer.start();
            Result<ActionReport> r = store.actions().cancel(*id);
            if (!r.ok()) {
                fail(r.error().message());
                break;
            }
            if (!waitFor([&] { return !ProcessGroup::groupAlive(pgid); }, 15000, 200)) {
                fail(QStringLiteral("the group of a cancelled task lived on for 15 s"));
                ProcessGroup::signalGroup(pgid, SIGKILL);
                continue;
            }
            cancel.add(msSince(timer));
        }
        stopWorker(*worker);
        out.insert(QStringLiteral("cancel_to_dead"), cancel.toJson());
    }

    // A worker's SIGKILL → its task re-queued by a running Sweeper.
    {
        const int timeoutS = 2;
        const int intervalS = 1;
        Settings settings(db, QStringLiteral("bench"));
        if (Error e = settings.set(
                {{QString(SettingKey::SweeperHeartbeatTimeoutS), QString::number(timeoutS)},
                    {QString(SettingKey::SweeperIntervalS), QString::number(intervalS)}}))
            return fail(e.message());
        const double bound = (timeoutS + intervalS) * 1000 * 1.1;
        out.insert(QStringLiteral("loss_bound_ms"), bound);
        out.insert(QStringLiteral("loss_heartbeat_timeout_ms"), timeoutS * 1000);
        out.insert(QStringLiteral("loss_sweep_interval_ms"), intervalS * 1000);
        Sweeper sweeper(db);
        sweeper.setHolderId(QStringLiteral("bench-sweeper"));
        sweeper.start();
        // Its first pass sweeps whatever was stale before we start.
        waitFor([] { return false; }, 300);
        const QString config = configFor(QStringLiteral("bench-loss"), QStringLiteral("0.5"));
        Samples loss;
        Samples leaderGone;
        int survivors = 0;
        for (int run = 0; run < o.latencyRuns; ++run) {
            std::unique_ptr<QProcess> worker = startWorker(
                o, url, config, dir.filePath(QStringLiteral("loss-%1.log").arg(run)), false);
            Result<qint64> id = store.queue().enqueue(sleeper);
            if (!id.ok())
                return fail(id.error().message());
            const qint64 pgid = waitRunning(*id, *worker);
            if (pgid <= 0) {
                fail(QStringLiteral("the loss task never ran"));
                stopWorker(*worker);
                break;
            }
            QElapsedTimer timer;
            timer.start();
            ::kill(pid_t(worker->processId()), SIGKILL);
            bool gone = false;
            TaskStatus status = TaskStatus::Running;
            const bool requeued = waitFor(
                [&] {
                    if (!gone && !processRuns(pgid)) {
                        gone = true;
                        leaderGone.add(msSince(timer));
                    }
                    Result<Task> t = store.reader().task(*id);
                    if (t.ok())
                        status = t->status;
                    return status != TaskStatus::Running;
                },
                int(bound * 5), 2000);
            const double ms = msSince(timer);
            worker->waitForFinished(5000);
            if (!requeued) {
                fail(QStringLiteral("a lost worker's task stayed RUNNING for %1 ms").arg(ms));
                continue;
            }
            if (status != TaskStatus::Pending)
                fail(QStringLiteral("a lost worker's task became %1, not PENDING")
                         .arg(statusName(status)));
            loss.add(ms);
            // Nobody is to run it again.
            if (const Result<ActionReport> cancelled = store.actions().cancel(*id); !cancelled.ok())
                fail(cancelled.error().message());
            if (!gone)
                fail(QStringLiteral("an execution's leader outlived its SIGKILLed worker"));
            // PR_SET_PDEATHSIG reaches the leader only: its children live on
            // while the task runs again elsewhere. Counted, then cleaned up.
            if (ProcessGroup::groupAlive(pgid)) {
                ++survivors;
                ProcessGroup::signalGroup(pgid, SIGKILL);
            }
        }
        sweeper.stop();
        if (Error e = settings.reset(QString(SettingKey::SweeperHeartbeatTimeoutS)))
            fail(e.message());
        if (Error e = settings.reset(QString(SettingKey::SweeperIntervalS)))
            fail(e.message());
        out.insert(QStringLiteral("loss_to_requeue"), loss.toJson());
        out.insert(QStringLiteral("loss_execution_leader_gone"), leaderGone.toJson());
        out.insert(QStringLiteral("loss_groups_outliving_worker"), survivors);
    }
    return out;
}

} // namespace taskdesk::bench
