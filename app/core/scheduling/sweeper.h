#pragma once

#include "core/auditlog.h"
#include "core/error.h"
#include "core/scheduling/leasedtimer.h"
#include "core/scheduling/sweepreport.h"
#include "core/settings.h"
#include "core/tasks/taskstore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>

namespace taskdesk {

class Database;
class MetricCounters;

// Finds and fixes what is stuck, on a QTimer (sweeper.interval_s, default every
// 15 s). The rules come from the settings table on every pass:
// - lost worker: a task RUNNING with a heartbeat older than the heartbeat
//   timeout is re-queued with backoff while attempts remain; its
//   poison_rescues-th loss in a row fails it (worker_lost) with a message
//   that says why (StuckTasks::sweepLostWorkers);
// - stuck in queue: a task PENDING past the queue threshold is reported, or
//   with the mark_failed policy failed (stuck_swept) (StuckTasks::sweepQueued);
// - workers (the workers table) whose heartbeat stopped are marked lost.
// While it runs on its timer, the first two of these wait until the sweeper has
// watched for a whole heartbeat timeout: a watch begins anew after a pass that
// failed, came later than an interval and a tolerance after the one before (the
// database or the sweeper did not answer), or waited longer than the tolerance
// inside the database (a lock); its start is kept in `watches`, so that the next
// holder of the lease continues it. A heartbeat that the database could not take
// never makes a worker lost (DESIGN.md rule 7). A one-shot pass (sweepNow()
// without start()) judges the heartbeats as they are, but still decides nothing
// when the database stalled during it.
// Each decision writes a task log line (tasks) and an audit row with the rule,
// the threshold, the age seen and the action, as actor "sweeper".
// Sources (other programs' job tables) whose periodic sweep an operator turned
// on are cleaned up by their own rules and action every sweep interval of
// theirs, in the same passes (AttachedSource::cleanup, each row its own fenced
// action, audited with its rule).
//
// It acts only while it holds the "sweeper" lease: one sweeper at a time across
// hosts and processes, and every action is a conditional update anyway. The
// swept() and newStuckTasks() signals come from the sweeper that acts.
//
// It works in the thread that owns it: moveToThread() it before start() to
// keep its database work off a GUI thread. Destroy it before its Database.
// Its timer and lease: LeasedTimer.
class Sweeper final : public LeasedTimer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Sweeper)

public:
    explicit Sweeper(Database &db, QObject *parent = nullptr);

    // At most this many queued tasks are listed by the report policy and a dry run.
    static constexpr int kReportLimit = 10000;

    // The rules of the last pass (or dry run).
    const SweeperRules &rules() const { return m_rules; }

    // One pass now ("Clean up now" of the stuck view, `taskdeskctl sweep`).
    // Refused while another sweeper holds the lease. A sweeper that is not
    // running gives the lease back afterwards.
    Result<SweepReport> sweepNow();
    // What a pass would do now, computed with the same predicates, changing
    // nothing (no lease needed): the stuck report (StuckScope) with its true
    // counts, its lists cut at `listLimit` tasks of each kind.
    Result<SweepReport> dryRun(int listLimit = kReportLimit);

    // The counters of /metrics that the passes of this process add to
    // (taskdesk_sweeps_total, taskdesk_sweep_decisions_total by decision), each
    // made to appear at 0 before its first event.
    static void declareCounters(MetricCounters &counters);
    static void countPass(const SweepReport &report, MetricCounters &counters);

Q_SIGNALS:
    void swept(const taskdesk::SweepReport &report);
    // The set of stuck tasks grew by `count` since the previous pass (for
    // notifications; tasks that stay stuck are not announced again).
    void newStuckTasks(int count);

private:
    void tick() override;
    Result<SweepReport> sweep();
    void reloadRules();
    Result<QVector<LostWorker>> lostWorkers(qint64 timeoutMs, bool mark);
    // One pass of the watch (inside the sweep's transaction): whether the
    // sweeper has seen the database answer for the whole heartbeat timeout.
    Result<bool> watchLongEnough(qint64 now, qint64 maxGapMs);
    // The sources whose sweep is on and due; each one's failure is reported
    // under its name and does not stop the others.
    void sweepSources();

    Database &m_db;
    TaskStore m_tasks;
    Settings m_settings;
    AuditLog m_audit;
    SweeperRules m_rules;
    QSet<qint64> m_knownStuck;
    QHash<QString, qint64> m_sourceSweptAt; // the last sweep of each source, monotonic ms
    bool m_watchBroken = true; // the last pass failed: the next one starts watching anew
    QElapsedTimer m_clock;
};

} // namespace taskdesk
