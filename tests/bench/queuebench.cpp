#include "queuebench.h"

#include "core/scheduling/sweeper.h"
#include "core/settings.h"
#include "core/tasks/taskstore.h"

#include <QCoreApplication>
#include <QMutex>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

namespace taskdesk::bench {

namespace {

constexpr int kStale = 1000;
const QString kStaleQueue = QStringLiteral("bench-stale");
const QString kStaleWorker = QStringLiteral("bench-lost@bench:1");
const QString kQueue = QStringLiteral("bench-queue");
constexpr qint64 kBacklog = 10000; // tasks not due for an hour
constexpr qint64 kHourMs = 3600 * 1000;

// A heartbeat timeout that leaves the RUNNING tasks already there alone (the
// sample's, whose heartbeats age while the bench runs, or those of a --db filled
// long ago): an hour more than the oldest of them, at least 30 minutes, and
// below the longest timeout the sweeper takes. Only the stale tasks of the
// bench, aged beyond it, are swept.
Result<qint64> sweepTimeout(Database &db)
{
    Result<QVariant> age = scalar(db,
        QStringLiteral(
            "SELECT {NOW} - COALESCE(min(heartbeat_at), {NOW}) FROM tasks WHERE status = "
            "'RUNNING'"));
    if (!age.ok())
        return age.error();
    return std::clamp<qint64>(
        age->toLongLong() + kHourMs, kHourMs / 2, 7 * 24 * kHourMs - 2 * kHourMs);
}

// Claims kStale tasks as a worker that then dies, and ages their heartbeats.
Error makeStale(Database &db, qint64 timeoutMs)
{
    TaskStore store(db, QStringLiteral("bench"));
    for (int i = 0; i < kStale; ++i) {
        Result<std::optional<Claim>> claim = store.queue().claim(kStaleWorker, {kStaleQueue});
        if (!claim.ok())
            return claim.error();
        if (!claim.value())
            return Error::database(QStringLiteral("no stale task left to claim"));
    }
    return execSql(db,
        QStringLiteral("UPDATE tasks SET heartbeat_at = {NOW} - ? WHERE status = "
                       "'RUNNING' AND worker_id = ?"),
        {timeoutMs + kHourMs, kStaleWorker});
}

void drainEvents()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

} // namespace

// ---------------------------------------------------------------- part 3

QJsonObject runSweeperBench(Database &db, const Options &o)
{
    QJsonObject out;
    Failures fail(out);
    const int runs = std::max(1, o.sweepRuns);
    if (Error e
        = addTasks(db, qint64(2 * runs * kStale), kStaleQueue, QStringLiteral("stale"), 1000))
        return fail(e.message());
    Result<qint64> timeout = sweepTimeout(db);
    if (!timeout.ok())
        return fail(timeout.error().message());
    const qint64 timeoutMs = *timeout;
    out.insert(QStringLiteral("heartbeat_timeout_ms"), timeoutMs);
    Settings settings(db, QStringLiteral("bench"));
    if (Error e = settings.set(
            QString(SettingKey::SweeperHeartbeatTimeoutS), QString::number(timeoutMs / 1000)))
        return fail(e.message());

    TaskStore store(db, QStringLiteral("sweeper"));
    Stopwatch timer;
    Samples storePass;
    Samples storePassCpu;
    for (int run = 0; run < runs; ++run) {
        if (Error e = makeStale(db, timeoutMs))
            return fail(e.message());
        timer.restart();
        Result<CleanupReport> r
            = store.stuck().sweepLostWorkers(timeoutMs, StuckTasks::kPoisonRescues);
        storePass.add(timer.wallMs());
        storePassCpu.add(timer.cpuMs());
        if (!r.ok())
            return fail(r.error().message());
        if (r->runningRequeued.size() != kStale)
            fail(QStringLiteral("sweepLostWorkers re-queued %1 tasks, expected %2")
                     .arg(r->runningRequeued.size())
                     .arg(kStale));
    }
    out.insert(QStringLiteral("store_pass_1000_stale"), storePass.toJson());
    out.insert(QStringLiteral("store_pass_1000_stale_cpu"), storePassCpu.toJson());

    // The whole pass of a running Sweeper (it holds the lease): lost workers,
    // the queue report, the workers table.
    Sweeper sweeper(db);
    sweeper.setHolderId(QStringLiteral("bench-sweeper"));
    sweeper.setIntervalMs(3600 * 1000);
    sweeper.start();
    drainEvents(); // its first pass
    // A sweeper declares workers lost only after watching for a whole heartbeat
    // timeout; the pass measured here is the steady one of a sweeper that has.
    if (Error e
        = execSql(db, QStringLiteral("UPDATE watches SET observed_since = observed_since - ?"),
            {timeoutMs + kHourMs}))
        return fail(e.message());
    Samples sweeperPass;
    Samples sweeperPassCpu;
    Samples idlePass;
    int reported = 0;
    for (int run = 0; run < runs; ++run) {
        if (Error e = makeStale(db, timeoutMs))
            return fail(e.message());
        timer.restart();
        Result<SweepReport> r = sweeper.sweepNow();
        sweeperPass.add(timer.wallMs());
        sweeperPassCpu.add(timer.cpuMs());
        if (!r.ok())
            return fail(r.error().message());
        if (r->tasks.runningRequeued.size() != kStale)
            fail(QStringLiteral("the Sweeper re-queued %1 tasks, expected %2")
                     .arg(r->tasks.runningRequeued.size())
                     .arg(kStale));
        reported = int(r->queuedReported.size());
        timer.restart();
        Result<SweepReport> idle = sweeper.sweepNow();
        idlePass.add(timer.wallMs());
        if (!idle.ok())
            return fail(idle.error().message());
        if (idle->tasks.total() != 0)
            fail(QStringLiteral("an idle pass acted on %1 tasks").arg(idle->tasks.total()));
    }
    sweeper.stop();
    out.insert(QStringLiteral("sweeper_pass_1000_stale"), sweeperPass.toJson());
    out.insert(QStringLiteral("sweeper_pass_1000_stale_cpu"), sweeperPassCpu.toJson());
    out.insert(QStringLiteral("sweeper_pass_idle"), idlePass.toJson());
    out.insert(QStringLiteral("queued_reported_per_pass"), reported);
    out.insert(QStringLiteral("pass_ms"), sweeperPass.median());
    if (Error e = settings.reset(QString(SettingKey::SweeperHeartbeatTimeoutS)))
        fail(e.message());
    // The re-queued tasks would be due again after their backoff.
    if (Error e = removeFixtureTasks(db, kStaleQueue))
        fail(e.message());
    return out;
}

// ---------------------------------------------------------------- part 4

namespace {

struct ThreadResult
{
    qint64 done = 0;
    Samples latency; // one claim + finish, ms
    double cpuMs = 0; // of the thread, over the run
    QString error;
    bool drained = false;
};

// Claims from `queues` (empty: every queue, a worker's default) on `connections`
// threads for `seconds`, and finishes what it claimed at once: one task per
// transaction (TaskQueue::claim, finishSuccess), or as a worker with `batch`
// slots does, the last batch's results and the next batch in one transaction
// (finishSuccessManyAndClaim).
QJsonObject queueRun(const DatabaseLocation &loc, Database &db, int connections, double seconds,
    const QStringList &queues, int batch)
{
    QJsonObject out;
    // Enough for a fast run; a run that drains them stops early and says so.
    const qint64 prefill = std::max<qint64>(1000, qint64(seconds * 15000));
    if (Error e = addTasks(db, prefill, kQueue, QStringLiteral("bench"))) {
        out.insert(QStringLiteral("error"), e.message());
        return out;
    }
    std::vector<ThreadResult> results;
    results.resize(size_t(connections));
    std::atomic<bool> stop{false};
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < connections; ++i) {
        threads.emplace_back(QThread::create([&, i]() {
            ThreadResult &result = results.at(size_t(i));
            {
                Database mine(loc);
                if (Error e = mine.open(Database::OpenMode::NoMigrate)) {
                    result.error = e.message();
                    ++ready;
                    return;
                }
                TaskStore store(mine, QStringLiteral("bench"));
                const QString worker = QStringLiteral("bench-queue-%1@bench").arg(i);
                ++ready;
                while (!go.load())
                    QThread::yieldCurrentThread();
                QElapsedTimer timer;
                const double cpuStart = threadCpuMs();
                QVector<std::pair<qint64, QString>> held; // claimed, to finish next
                while (!stop.load()) {
                    timer.restart();
                    if (batch > 1) {
                        // As a worker with `batch` slots: the results of the last
                        // claim and the next claim in one transaction.
                        Result<TaskQueue::FinishedAndClaimed> step
                            = store.queue().finishSuccessManyAndClaim(held, worker, queues, batch);
                        if (!step.ok()) {
                            result.error = step.error().message();
                            break;
                        }
                        if (step->accepted.size() != held.size()) {
                            result.error = QStringLiteral("a finish was not accepted");
                            break;
                        }
                        result.latency.add(msSince(timer));
                        result.done += held.size();
                        held.clear();
                        for (const Claim &c : step->claims)
                            held.append({c.taskId, c.lease});
                        if (held.isEmpty()) {
                            result.drained = true;
                            break;
                        }
                        continue;
                    }
                    Result<std::optional<Claim>> claim = store.queue().claim(worker, queues);
                    if (!claim.ok()) {
                        result.error = claim.error().message();
                        break;
                    }
                    if (!claim.value()) {
                        result.drained = true;
                        break;
                    }
                    Result<FinishResult> f
                        = store.queue().finishSuccess(claim.value()->taskId, claim.value()->lease);
                    if (!f.ok()) {
                        result.error = f.error().message();
                        break;
                    }
                    if (!f->accepted) {
                        result.error = QStringLiteral("a finish was not accepted");
                        break;
                    }
                    result.latency.add(msSince(timer));
                    ++result.done;
                }
                result.cpuMs = threadCpuMs() - cpuStart;
                mine.closeThreadConnection();
            }
        }));
        threads.back()->start();
    }
    while (ready.load() < connections)
        QThread::msleep(1);
    const double busyStart = machineBusyCpuMs();
    QElapsedTimer timer;
    timer.start();
    go = true;
    while (timer.elapsed() < qint64(seconds * 1000)) {
        bool allDone = true;
        for (auto &t : threads)
            allDone = allDone && t->isFinished();
        if (allDone)
            break;
        QThread::msleep(5);
    }
    stop = true;
    for (auto &t : threads)
        t->wait();
    const double elapsed = msSince(timer) / 1000.0;
    const double busyEnd = machineBusyCpuMs();
    qint64 done = 0;
    double cpuMs = 0;
    Samples latency;
    bool drained = false;
    QStringList errors;
    for (const ThreadResult &r : results) {
        done += r.done;
        cpuMs += r.cpuMs;
        drained = drained || r.drained;
        if (!r.error.isEmpty())
            errors << r.error;
    }
    for (const ThreadResult &r : results)
        latency.append(r.latency);
    out.insert(QStringLiteral("connections"), connections);
    out.insert(QStringLiteral("tasks"), done);
    out.insert(QStringLiteral("seconds"), elapsed);
    out.insert(QStringLiteral("per_second"), elapsed > 0 ? double(done) / elapsed : 0.0);
    out.insert(QStringLiteral("drained"), drained);
    // In this process only: SQLite's work, not PostgreSQL's server.
    out.insert(QStringLiteral("client_cpu_ms_per_task"), done > 0 ? cpuMs / double(done) : 0.0);
    // Every core's busy time: with PostgreSQL, the server's work and the
    // client's together (the machine is otherwise quiet during a run).
    if (busyStart >= 0 && busyEnd >= 0 && done > 0)
        out.insert(QStringLiteral("machine_cpu_ms_per_task"), (busyEnd - busyStart) / double(done));
    out.insert(QStringLiteral("claim_and_finish"), latency.toJson());
    if (Error e = removeFixtureTasks(db, kQueue))
        errors << e.message();
    // The bench deletes the tasks it made and did not run, tens of thousands
    // at a time, which no queue in use does. On PostgreSQL their dead entries
    // would sit at the front of the claim indexes until autovacuum came by
    // (once a minute at most), and every claim of the next run would step over
    // them: vacuumed here, each run starts where the last one's claims left the
    // table. What a run's own claims leave behind stays in its figures.
    if (loc.backend == DatabaseLocation::Backend::Postgres) {
        if (Error e = loc.execAlone(QStringLiteral("VACUUM tasks")))
            errors << e.message();
    }
    if (!errors.isEmpty())
        out.insert(QStringLiteral("error"), errors.join(QStringLiteral("; ")));
    return out;
}

} // namespace

QJsonObject runQueueBench(const QString &url, const Options &o)
{
    QJsonObject out;
    Result<DatabaseLocation> loc = locationOf(url);
    if (!loc.ok()) {
        out.insert(QStringLiteral("failures"), QJsonArray{loc.error().message()});
        return out;
    }
    Database db(*loc);
    if (Error e = db.open()) {
        out.insert(QStringLiteral("failures"), QJsonArray{e.message()});
        return out;
    }
    QJsonArray failures;
    auto check = [&](const QString &name, const QJsonObject &run) {
        if (run.contains(QStringLiteral("error")))
            failures.append(QString(
                name + QStringLiteral(": ") + run.value(QStringLiteral("error")).toString()));
        else if (run.value(QStringLiteral("tasks")).toInteger() == 0)
            failures.append(QString(name + QStringLiteral(": nothing claimed")));
    };
    // Workers of every queue (the default): they take the sample's due tasks
    // first, then the bench's own.
    for (int connections : o.connections) {
        const QJsonObject run = queueRun(*loc, db, connections, o.queueSeconds, {}, 1);
        out.insert(QString::number(connections), run);
        check(QStringLiteral("%1 connection(s)").arg(connections), run);
    }
    // The same in batches: a worker with several free slots claims them at once.
    if (o.batch > 1) {
        QJsonObject batched{{QStringLiteral("batch"), o.batch}};
        for (int connections : o.connections) {
            const QJsonObject run = queueRun(*loc, db, connections, o.queueSeconds, {}, o.batch);
            batched.insert(QString::number(connections), run);
            check(QStringLiteral("%1 connection(s), batches of %2").arg(connections).arg(o.batch),
                run);
        }
        out.insert(QStringLiteral("batched"), batched);
    }
    // A worker of one queue behind a backlog: the due tasks of the other queues
    // and tasks that are not due yet (delayed, or backing off after a failure)
    // come first in (priority, id) order.
    if (Error e = addTasks(
            db, kBacklog, QStringLiteral("bench-later"), QStringLiteral("bench"), 0, 3600 * 1000)) {
        failures.append(e.message());
    } else {
        Result<QVariant> ahead = scalar(db,
            QStringLiteral("SELECT count(*) FROM tasks WHERE status = 'PENDING' AND queue <> ?"),
            {kQueue});
        QJsonObject run = queueRun(*loc, db, 1, o.queueSeconds, {kQueue}, 1);
        check(QStringLiteral("behind a backlog"), run);
        run.insert(QStringLiteral("pending_of_other_queues_or_not_due"),
            ahead.ok() ? ahead->toLongLong() : -1);
        out.insert(QStringLiteral("one_queue_behind_backlog"), run);
        if (Error err = removeFixtureTasks(db, QStringLiteral("bench-later")))
            failures.append(err.message());
    }
    if (!failures.isEmpty())
        out.insert(QStringLiteral("failures"), failures);
    return out;
}

} // namespace taskdesk::bench
