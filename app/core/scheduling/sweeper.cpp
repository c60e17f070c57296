#include "sweeper.h"

#include "core/sources/attachedsource.h"
#include "core/sources/sourceregistry.h"

#include "core/database.h"
#include "core/metrics/metriccounters.h"

#include <QSqlQuery>

#include <algorithm>

namespace taskdesk {

// The lease lives four intervals, but at least 30 s.
Sweeper::Sweeper(Database &db, QObject *parent)
    : LeasedTimer(db, QStringLiteral("sweeper"), SweeperRules().intervalMs, 30 * 1000, parent)
    , m_db(db)
    , m_tasks(db, name())
    , m_settings(db, name())
    , m_audit(db)
{ }

void Sweeper::reloadRules()
{
    Result<SweeperRules> rules = m_settings.sweeperRules();
    if (!rules.ok()) {
        // Keep the last good rules rather than stop sweeping.
        reportError(QStringLiteral("settings"), rules.error().message());
        return;
    }
    clearError(QStringLiteral("settings"));
    m_rules = *rules;
    setSettingIntervalMs(m_rules.intervalMs);
}

void Sweeper::tick()
{
    const Error e = sweep().error();
    reportPass(e);
    if (!e)
        sweepSources();
}

void Sweeper::sweepSources()
{
    if (!m_clock.isValid())
        m_clock.start();
    Result<QVector<SourceDefinition>> sources = SourceRegistry(m_db, name()).list();
    if (!sources.ok()) {
        reportError(QStringLiteral("sources"), sources.error().message());
        return;
    }
    clearError(QStringLiteral("sources"));
    for (const SourceDefinition &d : std::as_const(*sources)) {
        const QString key = QStringLiteral("source ") + d.name;
        const auto last = m_sourceSweptAt.constFind(d.name);
        if (!d.stuck.sweep
            || (last != m_sourceSweptAt.cend()
                && m_clock.elapsed() - *last < qint64(d.stuck.sweepIntervalS) * 1000))
            continue;
        m_sourceSweptAt.insert(d.name, m_clock.elapsed());
        Result<std::unique_ptr<AttachedSource>> source = AttachedSource::open(m_db, d, name());
        Result<SourceCleanupReport> report = source.ok()
            ? (*source)->cleanup(d.stuck.action, false)
            : Result<SourceCleanupReport>(source.error());
        if (!report.ok()) {
            reportError(key, report.error().message());
            continue;
        }
        clearError(key);
    }
}

Result<SweepReport> Sweeper::sweepNow()
{
    Result<SweepReport> report = sweep();
    releaseAfterPass();
    return report;
}

Result<SweepReport> Sweeper::sweep()
{
    reloadRules();
    if (Error e = acquire())
        return e;

    SweepReport report;
    report.rules = m_rules;
    report.tasks.thresholds = m_rules.thresholds();
    report.tasks.action = m_rules.queuePolicy == QueuePolicy::MarkFailed ? CleanupAction::MarkFailed
                                                                         : CleanupAction::Retry;

    m_tasks.setRetryPolicy(m_rules.retry());
    // The tolerance: how late a pass may come, and how long it may wait inside
    // the database, and still count as watching. At most a quarter of the
    // timeout, so that a stall shorter than it cannot age a heartbeat past the
    // timeout; at least a second, so that a busy machine does not restart the
    // watch on every pass.
    const qint64 intervalMs = this->intervalMs();
    const qint64 toleranceMs
        = std::max<qint64>(1000, std::min<qint64>(intervalMs, m_rules.heartbeatTimeoutMs / 4));
    LostWorkerWatch watch;
    if (isRunning()) {
        watch.longEnough = [this, maxGap = intervalMs + toleranceMs](qint64 now) {
            return watchLongEnough(now, maxGap);
        };
    }
    watch.maxStallMs = toleranceMs;
    Result<CleanupReport> lost = m_tasks.stuck().sweepLostWorkers(
        m_rules.heartbeatTimeoutMs, m_rules.poisonRescues, QStringLiteral("lost_worker"), &watch);
    m_watchBroken = !lost.ok();
    if (!lost.ok())
        return lost.error();
    report.tasks.heldBack = lost->heldBack;
    report.tasks.runningRequeued = lost->runningRequeued;
    report.tasks.runningFailed = lost->runningFailed;
    report.tasks.cleanedAt = lost->cleanedAt;

    if (m_rules.queuePolicy == QueuePolicy::MarkFailed) {
        Result<CleanupReport> queued = m_tasks.stuck().sweepQueued(m_rules.queueThresholdMs);
        if (!queued.ok())
            return queued.error();
        report.tasks.queuedFailed = queued->queuedFailed;
    } else {
        // Ids and ages only: full rows of up to kReportLimit tasks were most of an
        // idle pass at a million tasks (60 of 65 ms).
        Result<QVector<StuckTask>> stuck
            = m_tasks.stuck().stuckInQueue(m_rules.queueThresholdMs, kReportLimit);
        if (!stuck.ok())
            return stuck.error();
        report.queuedReported = *stuck;
    }

    if (!lost->heldBack) {
        Result<QVector<LostWorker>> workers = lostWorkers(m_rules.heartbeatTimeoutMs, true);
        if (!workers.ok())
            return workers.error();
        report.workersLost = *workers;
    }

    countPass(report, MetricCounters::global());
    Q_EMIT swept(report);
    const QVector<qint64> ids = report.stuckTaskIds();
    const QSet<qint64> current(ids.cbegin(), ids.cend());
    const int fresh = int((current - m_knownStuck).size());
    m_knownStuck = current;
    if (fresh > 0)
        Q_EMIT newStuckTasks(fresh);
    return report;
}

namespace {

const QString kSweepsTotal = QStringLiteral("taskdesk_sweeps_total");
const QString kSweepsHelp
    = QStringLiteral("Passes of the sweeper in this process that held the lease and finished.");
const QString kDecisionsTotal = QStringLiteral("taskdesk_sweep_decisions_total");
const QString kDecisionsHelp
    = QStringLiteral("What the sweeper's passes in this process decided, by decision: tasks of "
                     "lost workers re-queued or failed, tasks stuck in the queue failed or "
                     "reported, workers marked lost, passes held back by the watch.");

MetricCounters::Labels decision(const QString &name)
{
    return {{QStringLiteral("decision"), name}};
}

} // namespace

void Sweeper::declareCounters(MetricCounters &counters)
{
    counters.declare(kSweepsTotal, kSweepsHelp);
    for (const char *name : {"requeued_lost_worker", "failed_lost_worker", "failed_stuck_in_queue",
             "reported_stuck_in_queue", "marked_worker_lost", "held_back"})
        counters.declare(kDecisionsTotal, kDecisionsHelp, decision(QString::fromLatin1(name)));
}

void Sweeper::countPass(const SweepReport &report, MetricCounters &counters)
{
    declareCounters(counters);
    counters.add(kSweepsTotal, kSweepsHelp);
    const auto add = [&counters](const char *name, qint64 n) {
        if (n > 0)
            counters.add(kDecisionsTotal, kDecisionsHelp, decision(QString::fromLatin1(name)), n);
    };
    add("requeued_lost_worker", report.requeuedTotal());
    add("failed_lost_worker", report.runningFailedTotal());
    add("failed_stuck_in_queue", report.tasks.queuedTotal());
    add("reported_stuck_in_queue", report.reportedTotal());
    add("marked_worker_lost", report.workersLost.size());
    add("held_back", report.tasks.heldBack ? 1 : 0);
}

Result<SweepReport> Sweeper::dryRun(int listLimit)
{
    reloadRules();
    SweepReport report;
    report.dryRun = true;
    report.rules = m_rules;
    report.tasks.dryRun = true;
    report.tasks.thresholds = m_rules.thresholds();
    report.tasks.action = m_rules.queuePolicy == QueuePolicy::MarkFailed ? CleanupAction::MarkFailed
                                                                         : CleanupAction::Retry;
    Result<StuckReport> stuck = m_tasks.stuck().stuckReport(m_rules.thresholds(), listLimit);
    if (!stuck.ok())
        return stuck.error();
    report.tasks.cleanedAt = stuck->monitoredAt;
    // True counts of the same scope; the lists below are cut at the limit.
    Result<qint64> requeues
        = m_tasks.stuck().countLostWorkerRequeues(stuck->scope(), m_rules.poisonRescues);
    if (!requeues.ok())
        return requeues.error();
    const bool markFailed = m_rules.queuePolicy == QueuePolicy::MarkFailed;
    report.stuck = *stuck;
    report.requeueCount = *requeues;
    report.tasks.runningCount = stuck->runningTotal;
    report.tasks.queuedCount = markFailed ? stuck->queuedTotal : 0;
    report.reportedCount = markFailed ? 0 : stuck->queuedTotal;
    // The decision of StuckTasks::sweepLostWorkers, row by row.
    for (const StuckTask &s : stuck->running) {
        const bool requeue
            = s.task.attempt < s.task.maxAttempts && s.task.rescues + 1 < m_rules.poisonRescues;
        (requeue ? report.tasks.runningRequeued : report.tasks.runningFailed).append(s.task.id);
    }
    if (m_rules.queuePolicy == QueuePolicy::MarkFailed) {
        for (const StuckTask &s : stuck->queued)
            report.tasks.queuedFailed.append(s.task.id);
    } else {
        report.queuedReported = stuck->queued;
    }
    Result<QVector<LostWorker>> workers = lostWorkers(m_rules.heartbeatTimeoutMs, false);
    if (!workers.ok())
        return workers.error();
    report.workersLost = *workers;
    return report;
}

Result<bool> Sweeper::watchLongEnough(qint64 now, qint64 maxGapMs)
{
    const QString &name = this->name();
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
        "UPDATE watches SET observed_since = CASE WHEN ? = 1 OR last_pass_at < ? OR last_pass_at "
        "> ? THEN ? ELSE observed_since END, last_pass_at = ? WHERE name = ?"));
    if (!q.ok())
        return q.error();
    q.value().addBindValue(m_watchBroken ? 1 : 0);
    q.value().addBindValue(now - maxGapMs);
    q.value().addBindValue(now);
    q.value().addBindValue(now);
    q.value().addBindValue(now);
    q.value().addBindValue(name);
    if (Error e = m_db.exec(q.value(), QStringLiteral("watch")))
        return e;
    if (q.value().numRowsAffected() == 0) {
        Result<QSqlQuery> insert = m_db.prepare(QStringLiteral(
            "INSERT INTO watches (name, observed_since, last_pass_at) VALUES (?, ?, ?)"));
        if (!insert.ok())
            return insert.error();
        insert.value().addBindValue(name);
        insert.value().addBindValue(now);
        insert.value().addBindValue(now);
        if (Error e = m_db.exec(insert.value(), QStringLiteral("watch")))
            return e;
    }
    Result<QSqlQuery> since
        = m_db.prepare(QStringLiteral("SELECT observed_since FROM watches WHERE name = ?"));
    if (!since.ok())
        return since.error();
    since.value().addBindValue(name);
    if (Error e = m_db.exec(since.value(), QStringLiteral("watch")))
        return e;
    if (!since.value().next())
        return Error::database(QStringLiteral("the sweeper's watch row is missing"));
    const qint64 observedSince = since.value().value(0).toLongLong();
    since.value().finish();
    return now - observedSince >= m_rules.heartbeatTimeoutMs;
}

Result<QVector<LostWorker>> Sweeper::lostWorkers(qint64 timeoutMs, bool mark)
{
    QVector<LostWorker> workers;
    auto readRows = [&](QSqlQuery &query) {
        while (query.next()) {
            LostWorker w;
            w.id = query.value(0).toString();
            w.name = query.value(1).toString();
            w.host = query.value(2).toString();
            w.pid = query.value(3).toLongLong();
            w.heartbeatAt = query.value(4).toLongLong();
            w.ageMs = query.value(5).toLongLong() - w.heartbeatAt;
            workers.append(w);
        }
        query.finish();
    };
    if (!mark) {
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "SELECT id, name, host, pid, heartbeat_at, {NOW} FROM workers "
            "WHERE status = 'running' AND heartbeat_at < {NOW} - :timeout ORDER BY heartbeat_at"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":timeout"), timeoutMs);
        if (Error e = m_db.exec(q.value(), QStringLiteral("lost workers")))
            return e;
        readRows(q.value());
        return workers;
    }
    Error e = m_db.write([&]() -> Error {
        workers.clear();
        // One conditional UPDATE decides: a heartbeat that lands first keeps
        // its worker running.
        Result<QSqlQuery> q = m_db.prepare(
            QStringLiteral("UPDATE workers SET status = 'lost' "
                           "WHERE status = 'running' AND heartbeat_at < {NOW} - :timeout "
                           "RETURNING id, name, host, pid, heartbeat_at, {NOW}"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":timeout"), timeoutMs);
        if (Error err = m_db.exec(q.value(), QStringLiteral("lost workers")))
            return err;
        readRows(q.value());
        for (const LostWorker &w : std::as_const(workers)) {
            if (Error err = m_audit.record(name(), QStringLiteral("worker_lost"), 0, {},
                    QStringLiteral("running"), QStringLiteral("lost"),
                    {{QStringLiteral("rule"), QStringLiteral("worker_heartbeat")},
                        {QStringLiteral("threshold_ms"), timeoutMs},
                        {QStringLiteral("age_ms"), w.ageMs},
                        {QStringLiteral("action"), QStringLiteral("mark_lost")},
                        {QStringLiteral("worker_id"), w.id},
                        {QStringLiteral("worker_name"), w.name}, {QStringLiteral("host"), w.host},
                        {QStringLiteral("pid"), w.pid}}))
                return err;
        }
        return {};
    });
    if (e)
        return e;
    return workers;
}

} // namespace taskdesk
