#include "demodata.h"

#include "core/database.h"
#include "core/scheduling/schedulestore.h"
#include "core/supervisor/processstore.h"
#include "core/tasks/taskstore.h"

#include <QSqlQuery>
#include <QVariantList>

#include <algorithm>
#include <cmath>

namespace taskdesk {

namespace {

constexpr qint64 kMinute = 60 * 1000;

Error run(Database &db, const QString &statement, const QVariantList &values)
{
    Result<QSqlQuery> q = db.prepare(statement);
    if (!q.ok())
        return q.error();
    for (const QVariant &v : values)
        q.value().addBindValue(v);
    if (Error e = db.exec(q.value(), QStringLiteral("demo")))
        return e;
    q.value().finish();
    return {};
}

// Moves a task's times into the past, as if it had started `startedAgoMs` ago.
Error age(Database &db, qint64 id, qint64 now, qint64 createdAgoMs, qint64 startedAgoMs,
    qint64 heartbeatAgoMs, qint64 completedAgoMs)
{
    return run(db,
        // Typed: PostgreSQL takes a bare placeholder in a CASE for text, and
        // refused the whole update (so the demo had no stuck task there).
        QStringLiteral("UPDATE tasks SET created_at = ?, run_after = ?, started_at = CASE WHEN "
                       "started_at IS NULL THEN NULL ELSE CAST(? AS BIGINT) END, heartbeat_at = "
                       "CASE WHEN heartbeat_at IS NULL THEN NULL ELSE CAST(? AS BIGINT) END, "
                       "completed_at = CASE WHEN completed_at IS NULL THEN NULL ELSE CAST(? AS "
                       "BIGINT) END, priority = 0 WHERE id = ?"),
        {now - createdAgoMs, now - createdAgoMs, now - startedAgoMs, now - heartbeatAgoMs,
            now - completedAgoMs, id});
}

// A few hours of finished work: what the stats chart and the audit log start from.
// `made`: how many tasks it wrote.
Error history(Database &db, qint64 now, int &made)
{
    static const char *const names[]
        = {"Warm-up accounts", "Import orders", "Nightly report", "Resize images",
            "Sync CRM contacts", "Send invoices", "Export ledger", "Rebuild search index"};
    static const char *const errors[] = {"exit code 1: connection refused (db-replica:5432)",
        "exit code 2: input file orders-0612.csv not found", "time limit of 300 s reached",
        "Worker lost (no heartbeat); no attempts left"};
    static const char *const outcomes[] = {"error", "error", "timed_out", "worker_lost"};
    return db.write([&]() -> Error {
        int n = 0;
        for (qint64 minute = 6 * 60; minute > 2; --minute) {
            // A slow wave with some noise, busier in the middle of the window,
            // and a burst of failures around two hours ago.
            const double wave = 2.5 + 1.5 * std::sin(double(minute) / 50.0)
                + (minute > 150 && minute < 260 ? 1.5 : 0.0);
            const int noise = int((minute * 2654435761LL >> 7) % 3) - 1;
            const int perMinute = std::max(0, int(wave) + noise);
            const bool burst = minute > 112 && minute < 128;
            for (int k = 0; k < perMinute; ++k, ++n) {
                const bool failed = burst ? (n % 3 != 0) : (n * 7919) % 100 < 4;
                const qint64 completed = now - minute * kMinute + (k * 13000) % kMinute;
                const qint64 duration = 2000 + (n * 4099) % 90000;
                const int which = n % 8;
                Error e = run(db,
                    QStringLiteral(
                        "INSERT INTO tasks (name, kind, queue, status, outcome, error_message, "
                        "attempt, max_attempts, run_after, created_at, started_at, heartbeat_at, "
                        "completed_at, updated_at, worker_id, progress_done, progress_total) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, 3, ?, ?, ?, ?, ?, ?, ?, 0, 0)"),
                    {QStringLiteral("%1 #%2").arg(QLatin1String(names[which])).arg(1000 + n),
                        which % 3 == 0 ? QStringLiteral("demo.items")
                                       : QStringLiteral("demo.progress"),
                        which % 4 == 1 ? QStringLiteral("imports") : QStringLiteral("default"),
                        failed ? QStringLiteral("FAILED") : QStringLiteral("COMPLETED"),
                        failed ? QString::fromLatin1(outcomes[n % 4]) : QStringLiteral("succeeded"),
                        failed ? QVariant(QString::fromLatin1(errors[n % 4])) : QVariant(),
                        failed ? 3 : 1, completed - duration - 500, completed - duration - 500,
                        completed - duration, completed, completed, completed,
                        QStringLiteral("demo-worker-%1@app-0%1").arg(1 + n % 2)});
                if (e)
                    return e;
            }
        }
        made = n;
        return {};
    });
}

// The demo's times are made up, not watched: the sweeper's watch for lost
// workers (the `watches` row it continues from pass to pass) begins again now,
// as if the sweeper had just started. So the stuck task is the operator's to
// find and Force Stop for a whole heartbeat timeout, whether the sweeper of
// this window started a moment ago or had been watching for an hour; after
// that the sweeper rescues it as it would any task of a lost worker.
Error restartSweeperWatch(Database &db)
{
    return db.write([&db]() -> Error {
        Result<qint64> now = db.now();
        if (!now.ok())
            return now.error();
        return run(db, QStringLiteral("UPDATE watches SET observed_since = ? WHERE name = ?"),
            {*now, QStringLiteral("sweeper")});
    });
}

// One task in each state an operator meets, enqueued, claimed, logged and
// finished through the store as workers and operators would, then aged.
class Showcase final
{
public:
    Showcase(Database &db, const QString &actor, qint64 now)
        : m_db(db)
        , m_store(db, actor)
        , m_now(now)
    { }

    // How many tasks it made; `stuck`: the running task whose worker is gone.
    // The first step that fails ends the showcase, and its error, named after
    // the step, is what loading returns: a demo that said it had loaded would
    // otherwise promise a stuck, a restarted or a finished task it does not
    // have.
    Result<int> load(qint64 &stuck)
    {
        addWaiting();
        addCompleted();
        addFailed();
        addRequeuedBySweeper();
        addRunning();
        // Waiting ones: created a while ago; one longer than the queue threshold.
        aged(m_rebuild, 90 * 1000, 0, 0, 0);
        aged(m_sync, 20 * kMinute, 0, 0, 0);
        if (m_failed)
            return m_failed;
        stuck = m_stuck;
        return m_made;
    }

private:
    static inline const QString kWorker1 = QStringLiteral("demo-worker-1@app-01");
    static inline const QString kWorker2 = QStringLiteral("demo-worker-2@app-02");

    // Keeps the first failure, named after its step; every step after it is
    // skipped (each one starts by asking failed()).
    void keep(const QString &step, const Error &e)
    {
        if (e && !m_failed)
            m_failed = Error(e.kind(), QStringLiteral("%1: %2").arg(step, e.message()));
    }
    bool failed() const { return bool(m_failed); }
    void step(const Claim &c, const QString &what, const Error &e)
    {
        keep(QStringLiteral("%1 task %2").arg(what).arg(c.taskId), e);
    }

    qint64 enqueue(const QString &kind, const QString &name, const QStringList &items = {},
        const QString &queue = QStringLiteral("default"), qint64 delayMs = 0, int priority = 0)
    {
        if (failed())
            return 0;
        NewTask t;
        t.kind = kind;
        t.name = name;
        t.items = items;
        t.queue = queue;
        t.delayMs = delayMs;
        t.priority = priority;
        Result<qint64> id = m_store.queue().enqueue(t);
        if (!id.ok()) {
            keep(QStringLiteral("enqueue \"%1\"").arg(name), id.error());
            return 0;
        }
        ++m_made;
        return id.value();
    }
    // The new task has the highest priority of all due ones: the claim takes it.
    // No claim (none due) is no error: that task's part of the showcase is left out.
    std::optional<Claim> claimed(const QString &kind, const QString &name, const QString &worker,
        const QStringList &items = {})
    {
        if (enqueue(kind, name, items, QStringLiteral("default"), 0, 10) == 0)
            return std::nullopt;
        Result<std::optional<Claim>> c = m_store.queue().claim(worker, {});
        if (!c.ok()) {
            keep(QStringLiteral("claim \"%1\"").arg(name), c.error());
            return std::nullopt;
        }
        return c.value();
    }
    void log(const Claim &c, const QStringList &lines, qint64 itemId = 0,
        const QString &level = QStringLiteral("output"))
    {
        if (failed())
            return;
        QVector<LogLine> out;
        for (const QString &line : lines)
            out.append({0, c.taskId, itemId, 0, level, line});
        step(c, QStringLiteral("log of"),
            m_store.queue().appendWorkerLog(c.taskId, c.lease, out).error());
    }
    void aged(qint64 id, qint64 createdAgoMs, qint64 startedAgoMs, qint64 heartbeatAgoMs,
        qint64 completedAgoMs)
    {
        if (!failed())
            keep(QStringLiteral("times of task %1").arg(id),
                age(m_db, id, m_now, createdAgoMs, startedAgoMs, heartbeatAgoMs, completedAgoMs));
    }
    void startItem(const Claim &c, const TaskItem &item)
    {
        if (!failed())
            step(c, QStringLiteral("start an item of"),
                m_store.queue().startItem(c.taskId, c.lease, item.id).error());
    }
    void finishItem(const Claim &c, const TaskItem &item)
    {
        if (!failed())
            step(c, QStringLiteral("finish an item of"),
                m_store.queue().finishItem(c.taskId, c.lease, item.id, true, {}).error());
    }
    void finishSuccess(const Claim &c)
    {
        if (!failed())
            step(c, QStringLiteral("finish"),
                m_store.queue().finishSuccess(c.taskId, c.lease).error());
    }
    void finishError(const Claim &c, const QString &message)
    {
        if (!failed())
            step(c, QStringLiteral("fail"),
                m_store.queue()
                    .finishError(
                        c.taskId, c.lease, c.attempt, message, QStringLiteral("error"), false)
                    .error());
    }
    void heartbeat(const Claim &c, int done, int total)
    {
        if (!failed())
            step(c, QStringLiteral("heartbeat of"),
                m_store.queue().heartbeat(c.taskId, c.lease, done, total).error());
    }

    // Due, delayed, and one stuck in the queue.
    void addWaiting()
    {
        m_rebuild = enqueue(QStringLiteral("demo.progress"), QStringLiteral("Rebuild search index"),
            {}, QStringLiteral("maintenance"));
        enqueue(QStringLiteral("demo.items"), QStringLiteral("Send invoices (June)"),
            {QStringLiteral("ACME Corp"), QStringLiteral("Globex"), QStringLiteral("Initech")},
            QStringLiteral("billing"), 2 * 3600 * 1000);
        m_sync = enqueue(QStringLiteral("demo.progress"), QStringLiteral("Sync CRM contacts"), {},
            QStringLiteral("imports"));
    }

    // With items, and with a progress bar.
    void addCompleted()
    {
        if (auto c = claimed(QStringLiteral("demo.items"), QStringLiteral("Resize product images"),
                kWorker1,
                {QStringLiteral("hero.png"), QStringLiteral("thumb.png"),
                    QStringLiteral("banner.png")})) {
            for (const TaskItem &item : c->items) {
                startItem(*c, item);
                log(*c, {QStringLiteral("resizing %1 to 1200, 600 and 300 px").arg(item.label)},
                    item.id);
                finishItem(*c, item);
            }
            finishSuccess(*c);
            aged(c->taskId, 47 * kMinute, 46 * kMinute, 44 * kMinute, 44 * kMinute);
        }
        if (auto c = claimed(
                QStringLiteral("demo.progress"), QStringLiteral("Backfill analytics"), kWorker2)) {
            heartbeat(*c, 100, 100);
            log(*c, {QStringLiteral("backfilled 2024-05-01 … 2024-05-31: 48,210 rows")});
            finishSuccess(*c);
            aged(c->taskId, 35 * kMinute, 34 * kMinute, 29 * kMinute, 29 * kMinute);
        }
    }

    // In three ways, and one failed then put back.
    void addFailed()
    {
        if (auto c = claimed(
                QStringLiteral("demo.fail"), QStringLiteral("Export ledger to S3"), kWorker2)) {
            log(*c, {QStringLiteral("connecting to db-replica:5432")});
            log(*c, {QStringLiteral("error: connection refused (db-replica:5432)")}, 0,
                QStringLiteral("stderr"));
            finishError(*c, QStringLiteral("exit code 3: connection refused (db-replica:5432)"));
            aged(c->taskId, 22 * kMinute, 21 * kMinute, 20 * kMinute - 12000, 20 * kMinute - 12000);
        }
        if (auto c = claimed(
                QStringLiteral("demo.hang"), QStringLiteral("Compute churn model"), kWorker1)) {
            log(*c, {QStringLiteral("loading 18 months of events…")});
            if (!failed())
                step(*c, QStringLiteral("force stop"),
                    m_store.actions().forceStop(c->taskId).error());
            aged(c->taskId, 16 * kMinute, 15 * kMinute, 12 * kMinute, 11 * kMinute);
        }
        const qint64 cleanup = enqueue(QStringLiteral("demo.progress"),
            QStringLiteral("Clean up temp files"), {}, QStringLiteral("maintenance"));
        if (!failed())
            keep(QStringLiteral("cancel task %1").arg(cleanup),
                m_store.actions().cancel(cleanup).error());
        if (auto c = claimed(
                QStringLiteral("demo.fail"), QStringLiteral("Refresh currency rates"), kWorker2)) {
            finishError(*c, QStringLiteral("exit code 1: HTTP 503 from rates API"));
            // Failed, then put back by an operator.
            if (!failed())
                step(*c, QStringLiteral("restart"), m_store.actions().restart(c->taskId).error());
            if (!failed())
                step(*c, QStringLiteral("priority of"),
                    run(m_db, QStringLiteral("UPDATE tasks SET priority = 0 WHERE id = ?"),
                        {c->taskId}));
        }
    }

    // A task whose worker vanished, re-queued with backoff.
    void addRequeuedBySweeper()
    {
        if (auto c = claimed(QStringLiteral("demo.progress"), QStringLiteral("Rotate API keys"),
                QStringLiteral("demo-worker-4@app-04"))) {
            log(*c, {QStringLiteral("rotating 12 keys")});
            aged(c->taskId, 14 * kMinute, 13 * kMinute, 10 * kMinute, 0);
            if (failed())
                return;
            TaskStore sweeper(m_db, QStringLiteral("sweeper"));
            keep(QStringLiteral("sweep the lost worker of task %1").arg(c->taskId),
                sweeper.stuck().sweepLostWorkers(60 * 1000, StuckTasks::kPoisonRescues).error());
        }
    }

    // One with items, one with a progress bar, one whose worker is gone.
    void addRunning()
    {
        if (auto c = claimed(QStringLiteral("demo.items"), QStringLiteral("Warm-up accounts (EU)"),
                kWorker1,
                {QStringLiteral("alice@example.com"), QStringLiteral("bob@example.com"),
                    QStringLiteral("carol@example.com"), QStringLiteral("dave@example.com"),
                    QStringLiteral("erin@example.com")})) {
            for (int i = 0; i < 3; ++i) {
                const TaskItem &item = c->items.at(i);
                startItem(*c, item);
                log(*c, {QStringLiteral("warming up %1: 12 caches").arg(item.label)}, item.id);
                if (i < 2)
                    finishItem(*c, item);
            }
            aged(c->taskId, 4 * kMinute, 3 * kMinute, 2000, 0);
        }
        if (auto c = claimed(QStringLiteral("demo.progress"),
                QStringLiteral("Import orders 2024-06"), kWorker2)) {
            heartbeat(*c, 37, 100);
            log(*c,
                {QStringLiteral("reading orders-2024-06.csv (100 chunks)"),
                    QStringLiteral("chunk 37/100: 1,850 orders")});
            aged(c->taskId, 7 * kMinute, 6 * kMinute, 1000, 0);
        }
        if (auto c = claimed(QStringLiteral("demo.hang"), QStringLiteral("Nightly report"),
                QStringLiteral("demo-worker-3@app-03"))) {
            log(*c,
                {QStringLiteral("collecting figures for 2024-06-11"),
                    QStringLiteral("waiting for the warehouse export…")});
            aged(c->taskId, 26 * kMinute, 25 * kMinute, 7 * kMinute, 0);
            m_stuck = c->taskId;
        }
    }

    Database &m_db;
    TaskStore m_store;
    qint64 m_now;
    int m_made = 0;
    Error m_failed;
    qint64 m_rebuild = 0;
    qint64 m_sync = 0;
    qint64 m_stuck = 0;
};

} // namespace

Result<DemoSummary> DemoData::load(Database &db, const DemoSpec &spec)
{
    DemoSummary summary;
    Result<QSqlQuery> q = db.prepare(QStringLiteral(
        "SELECT count(*) FROM tasks WHERE kind IN ('demo.progress', 'demo.fail', 'demo.hang', "
        "'demo.items')"));
    if (!q.ok())
        return q.error();
    if (Error e = db.exec(q.value(), QStringLiteral("demo")))
        return e;
    const bool loaded = q.value().next() && q.value().value(0).toLongLong() > 0;
    q.value().finish();

    if (!loaded) {
        // Before the stuck task exists, so that no pass in between counts it,
        // and again once everything is in.
        if (Error e = restartSweeperWatch(db))
            return e;
        Result<qint64> now = db.now();
        if (!now.ok())
            return now.error();
        if (Error e = history(db, *now, summary.historyTasks))
            return e;
        Result<int> made = Showcase(db, spec.actor, *now).load(summary.stuckTaskId);
        if (!made.ok())
            return made.error();
        summary.tasks = summary.historyTasks + made.value();
        if (Error e = restartSweeperWatch(db))
            return e;
    }

    ProcessStore processes(db, spec.actor);
    auto addProcess = [&](const QString &name, ProcessRole role, const QString &program,
                          const QStringList &args) -> Error {
        if (program.isEmpty())
            return {};
        Result<ProcessInfo> existing = processes.process(name);
        if (existing.ok())
            return {};
        ProcessDefinition d;
        d.name = name;
        d.program = program;
        d.args = args;
        d.role = role;
        Result<qint64> id = processes.add(d);
        if (!id.ok())
            return id.error();
        ++summary.processes;
        return {};
    };
    if (Error e = addProcess(QStringLiteral("demo-worker"), ProcessRole::Worker, spec.workerProgram,
            spec.workerArguments))
        return e;
    if (Error e = addProcess(QStringLiteral("demo-scheduler"), ProcessRole::Scheduler,
            spec.schedulerProgram, spec.schedulerArguments))
        return e;

    ScheduleStore schedules(db, spec.actor);
    auto addSchedule = [&](const QString &name, const QString &kind, qint64 everyS,
                           const QString &cron, bool enabled) -> Error {
        if (schedules.find(name).ok())
            return {};
        Schedule s;
        s.name = name;
        s.kind = kind;
        s.everyS = everyS;
        s.cron = cron;
        s.enabled = enabled;
        Result<qint64> id = schedules.add(s);
        if (!id.ok())
            return id.error();
        ++summary.schedules;
        return {};
    };
    if (Error e = addSchedule(QStringLiteral("demo-progress-every-10-min"),
            QStringLiteral("demo.progress"), 600, {}, true))
        return e;
    if (Error e = addSchedule(QStringLiteral("demo-nightly-report"), QStringLiteral("demo.items"),
            0, QStringLiteral("30 2 * * *"), false))
        return e;
    return summary;
}

} // namespace taskdesk
