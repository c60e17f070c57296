#pragma once

#include "core/auditlog.h"
#include "core/database.h"
#include "core/error.h"
#include "core/task.h"
#include "core/tasks/taskqueue.h"
#include "core/tasks/taskrules.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>
#include <QVector>

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>

namespace taskdesk {

// The one definition of "stuck", fixed at a moment: a task is queued-stuck when
// it is PENDING and due before asOf - queue threshold, running-stuck when it is
// RUNNING with a heartbeat before asOf - heartbeat timeout; either way its id is
// at most maxTaskId, the highest id at asOf. Every count, list and clean-up is
// built from it, so a clean-up fenced by the scope a confirmation showed changes
// only tasks that were stuck then: a task stuck later waits for the next pass.
struct StuckScope
{
    StuckThresholds thresholds;
    qint64 asOf = 0; // the database clock
    qint64 maxTaskId = std::numeric_limits<qint64>::max();
    // A scope read by stuckScope() names its tasks: a clean-up fenced by it
    // changes only these ids, whatever order concurrent inserts commit in (on
    // PostgreSQL an id below maxTaskId can commit after asOf).
    bool named = false;
    QVector<qint64> queuedIds;
    QVector<qint64> runningIds;

    qint64 queuedCutoff() const { return asOf - thresholds.queueThresholdMs; }
    qint64 runningCutoff() const { return asOf - thresholds.heartbeatTimeoutMs; }
};

struct StuckTask
{
    Task task;
    qint64 ageMs = 0; // waiting time (queued) or heartbeat age (running)
};

struct StuckReport
{
    StuckThresholds thresholds;
    qint64 monitoredAt = 0;
    qint64 maxTaskId = 0;
    // True counts; the lists below hold at most the report's limit of each.
    qint64 queuedTotal = 0;
    qint64 runningTotal = 0;
    QVector<StuckTask> queued;
    QVector<StuckTask> running;
    // stuckScope(): the ids of every task counted (the totals are their sizes).
    bool named = false;
    QVector<qint64> queuedIds;
    QVector<qint64> runningIds;

    qint64 total() const { return queuedTotal + runningTotal; }
    bool truncated() const { return queued.size() < queuedTotal || running.size() < runningTotal; }
    // The set this report counted, for a clean-up of exactly that set.
    StuckScope scope() const;
    // The counts as every JSON report of them has them ("stuck_jobs": the
    // sweeper's report here, taskdeskctl's stuck report in app/ctl).
    QJsonObject countsJson() const;
};

enum class CleanupAction { MarkFailed, Retry };
std::optional<CleanupAction> parseCleanupAction(const QString &text);
QString cleanupActionName(CleanupAction action);

// What a clean-up or a sweep did.
struct CleanupReport
{
    // The lost-worker rule decided nothing: its watch had not seen the
    // database answer for a whole heartbeat timeout yet (LostWorkerWatch).
    bool heldBack = false;
    CleanupAction action = CleanupAction::MarkFailed;
    StuckThresholds thresholds;
    qint64 cleanedAt = 0;
    QVector<qint64> queuedFailed; // PENDING → FAILED/stuck_swept
    QVector<qint64> runningRequeued; // RUNNING → PENDING
    QVector<qint64> runningFailed; // RUNNING → FAILED/worker_lost
    bool dryRun = false;
    // A dry run lists at most a limit of ids: then these are the true counts of
    // what would change (-1: the lists are complete).
    qint64 queuedCount = -1;
    qint64 runningCount = -1;
    // A clean-up of a confirmed scope: how many tasks it named (-1: none named).
    // named - total() of them had changed meanwhile and were left alone.
    qint64 named = -1;

    qint64 queuedTotal() const { return queuedCount >= 0 ? queuedCount : queuedFailed.size(); }
    qint64 runningTotal() const
    {
        return runningCount >= 0 ? runningCount : runningRequeued.size() + runningFailed.size();
    }
    qint64 total() const { return queuedTotal() + runningTotal(); }
    qint64 leftAlone() const { return named >= 0 ? std::max<qint64>(0, named - total()) : 0; }
    bool truncated() const
    {
        return queuedFailed.size() + runningRequeued.size() + runningFailed.size() < total();
    }
    // The shape operators script against; the sweeper's report (SweepReport) extends it.
    QJsonObject toJson() const;
};

// The sweeper's watch over its own observation of the workers (DESIGN.md
// rule 7): a heartbeat is stale only if the database answered the whole time.
struct LostWorkerWatch
{
    // Called inside the sweep's transaction with the database clock: true when
    // the watch has lasted the whole heartbeat timeout, false to hold back.
    // Empty: no watch (a one-shot sweep).
    std::function<Result<bool>(qint64 now)> longEnough;
    // A sweep whose statements waited longer than this (a lock, a stall) decides
    // nothing and fails: the workers' heartbeats waited as long.
    qint64 maxStallMs = 0;
};

// The one definition of stuck (StuckScope) as SQL, with the placeholders
// :qcutoff and :qmaxid, or :rcutoff and :rmaxid, and their binding.
namespace stucksql {
extern const QString kQueuedStuck;
extern const QString kRunningStuck;
void bindQueuedStuck(QSqlQuery &q, const StuckScope &scope);
void bindRunningStuck(QSqlQuery &q, const StuckScope &scope);
} // namespace stucksql

// The tasks that are stuck, what a confirmed clean-up does to them, and the
// sweeper's rules for lost workers and stale queues. Every change is one
// conditional UPDATE over the stuck definition (StuckScope), with a log line
// and an audit row per task in the same transaction.
class StuckTasks final
{
public:
    explicit StuckTasks(
        Database &db, QString actor = AuditLog::osUser(), const RetryPolicy &retry = {});

    void setActor(const QString &actor) { m_actor = actor; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }

    // The true counts of the stuck tasks now, and at most `limit` of each kind, oldest first.
    Result<StuckReport> stuckReport(const StuckThresholds &thresholds, int limit = 1000);
    // The set of stuck tasks now with its counts and the ids of all its tasks,
    // read in one statement (no task rows): what a confirmation names.
    Result<StuckReport> stuckScope(const StuckThresholds &thresholds);
    // How many running-stuck tasks of `scope` the lost-worker rule would re-queue
    // (attempts left, not the poisonRescues-th loss in a row): a dry run's count.
    Result<qint64> countLostWorkerRequeues(const StuckScope &scope, int poisonRescues);
    // The tasks waiting in the queue longer than `thresholdMs`, oldest first, as
    // the sweeper reports them: each with its id, due time and age only.
    Result<QVector<StuckTask>> stuckInQueue(qint64 thresholdMs, int limit);
    // Operator clean-up: MarkFailed fails both kinds; Retry re-queues running-stuck
    // tasks now and leaves queued ones waiting.
    // The set is the one stuck now.
    Result<CleanupReport> cleanup(const StuckThresholds &thresholds, CleanupAction action);
    // Changes only tasks of `named` (a stuckScope() the operator confirmed: its
    // ids) that are still stuck by its definition; the report's `named` is its
    // count of the tasks the action changes. A report without ids is refused.
    Result<CleanupReport> cleanup(const StuckReport &named, CleanupAction action);
    // The sweeper's lost-worker rule: re-queue with backoff while attempts remain and
    // this is not the `poisonRescues`-th loss in a row, else FAILED/worker_lost.
    // poisonRescues 0 re-queues nothing.
    // `fence`: only the tasks of that scope (an operator's confirmed clean-up).
    Result<CleanupReport> sweepLostWorkers(qint64 heartbeatTimeoutMs, int poisonRescues,
        const QString &rule = QStringLiteral("lost_worker"), const LostWorkerWatch *watch = nullptr,
        const StuckScope *fence = nullptr);
    // The lost-worker rule applied now to one worker known dead (its supervisor
    // saw it die and its executions end), not after the heartbeat timeout: its
    // RUNNING tasks are re-queued with backoff or FAILED/worker_lost as above,
    // each with a log line and a "sweep" audit row (rule "dead_worker").
    Result<CleanupReport> sweepDeadWorker(
        const QString &workerId, int poisonRescues, const QString &how);
    // The sweeper's queue rule: FAILED/stuck_swept for PENDING tasks due longer than the threshold.
    // With rule "cleanup" (an operator's clean-up) the audit rows say "cleanup", not "sweep".
    Result<CleanupReport> sweepQueued(qint64 queueThresholdMs,
        const QString &rule = QStringLiteral("stuck_in_queue"), const StuckScope *fence = nullptr);

    static constexpr int kPoisonRescues = 3;

private:
    // limit 0: the counts alone. `withIds`: the ids of the whole set, and the
    // counts from them (stuckScope()).
    Result<StuckReport> stuckReportIn(const StuckThresholds &thresholds, int limit,
        bool queuedIdsOnly = false, bool withIds = false);
    // The ids of both sets of `scope` in one statement, one snapshot.
    Error readStuckIds(const StuckScope &scope, StuckReport &report);
    // The two true counts of `scope` in one statement.
    Error countStuck(const StuckScope &scope, qint64 &queued, qint64 &running);
    // One write transaction that reads the database clock into the report's
    // cleanedAt first (`waited` started before it), then does `work`.
    Result<CleanupReport> write(CleanupReport report,
        const std::function<Error(CleanupReport &report)> &work, QElapsedTimer *waited = nullptr);
    // The log lines, audit rows and items of the tasks a lost-worker sweep changed.
    Error recordLostWorkerSweep(const QVector<qint64> &swept, const CleanupReport &report,
        qint64 heartbeatTimeoutMs, const QString &rule);
    Error resetItemsOfLostTasks(const CleanupReport &report);
    // Retry of a confirmed clean-up: the running-stuck tasks of `fence` re-queued now.
    Error requeueStuck(const StuckScope &fence, CleanupReport &report);

    Database &m_db;
    AuditLog m_audit;
    QString m_actor;
    RetryPolicy m_retry;
};

} // namespace taskdesk

Q_DECLARE_TYPEINFO(taskdesk::StuckTask, Q_RELOCATABLE_TYPE);
