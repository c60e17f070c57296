#pragma once

#include "auditlog.h"
#include "database.h"
#include "error.h"
#include "task.h"

#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVector>

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>

namespace taskdesk {

// A row's place in a sort order: the value of the sort column (NULL read as 0 or
// the empty text, alike on both backends) and the id that breaks ties.
struct TaskKey
{
    QVariant value;
    qint64 id = 0;
};

struct TaskFilter
{
    enum class Sort {
        Id,
        Name,
        Kind,
        Queue,
        Status,
        Priority,
        Progress,
        Worker,
        CreatedAt,
        StartedAt,
        HeartbeatAt,
        CompletedAt,
        UpdatedAt,
        Attempt,
    };

    QVector<TaskStatus> statuses; // empty: all
    // Stuck (StuckScope's definition, now): RUNNING with a heartbeat older than
    // stuckHeartbeatMs, or PENDING and due longer than stuckQueueMs ago.
    bool stuckOnly = false;
    qint64 stuckHeartbeatMs = 60000;
    qint64 stuckQueueMs = 5 * 60 * 1000;
    QString queue;
    QString kind;
    QString search; // name, kind, worker, error text, or an exact id
    Sort sort = Sort::Id;
    bool descending = true;
    int limit = 100;
    qint64 offset = 0;
    // Keyset paging, cheap at any depth (an offset walks every row it skips):
    // only rows strictly after `after`, or strictly before `before`, in the sort
    // order; the offset is then ignored. Rows come back in the sort order.
    std::optional<TaskKey> after;
    std::optional<TaskKey> before;

    static std::optional<Sort> parseSort(const QString &name);
    // The key of `task` in this filter's sort order.
    TaskKey keyOf(const Task &task) const;
};

// A task changed since some time, and whether it passes a filter now.
struct ChangedTask
{
    Task task;
    bool matches = false;
};

struct TaskChanges
{
    QVector<ChangedTask> tasks; // oldest change first
    qint64 dbNow = 0; // the database clock when they were read
    bool truncated = false; // more rows changed than the limit
};

// Where a view of the tasks starts following changes, read in one statement so
// that it is one snapshot: how many tasks pass a filter, the highest task and
// audit ids, and the database clock.
struct TaskHorizon
{
    qint64 count = -1; // -1 when not asked for
    qint64 maxTaskId = 0;
    qint64 maxAuditId = 0;
    qint64 dbNow = 0;
};

// The thresholds that make a task "stuck". Validated before use.
struct StuckThresholds
{
    qint64 queueThresholdMs = 5 * 60 * 1000; // PENDING and due for longer than this
    qint64 heartbeatTimeoutMs = 60 * 1000; // RUNNING without a heartbeat for longer than this

    Error validate() const;
};

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
    QJsonObject toJson() const; // the shape operators script against
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

struct StatusCounts
{
    QMap<TaskStatus, qint64> byStatus;
    qint64 stuck = 0; // stuckQueued + stuckRunning
    qint64 stuckQueued = 0;
    qint64 stuckRunning = 0;
    qint64 total() const;
    QJsonObject toJson() const;
};

struct Stats
{
    int hours = 24;
    qint64 from = 0;
    qint64 to = 0;
    StatusCounts counts;
    qint64 completedInWindow = 0;
    qint64 failedInWindow = 0;
    double averageDurationMs = 0;
    // Per minute (UTC epoch minute), how many tasks completed and failed.
    QMap<qint64, QPair<qint64, qint64>> perMinute;
    QMap<QString, qint64> outcomes; // in the window
    QJsonObject toJson() const;
};

struct FinishResult
{
    bool accepted = false; // false: the lease was gone, the result was discarded
    bool requeued = false;
    TaskStatus status = TaskStatus::Failed;
    qint64 retryInMs = 0;
};

// The backoff of a failed attempt: base × 2^(attempt − 1), capped.
struct RetryPolicy
{
    qint64 baseMs = 5000;
    qint64 capMs = 60 * 60 * 1000;
    qint64 delayFor(int attempt) const;
};

// Every change of a task goes through here. Each transition is one conditional
// UPDATE whose affected-row count decides, inside one write transaction with
// its log lines and audit row; a refusal names the current status.
class TaskStore final
{
public:
    explicit TaskStore(Database &db, QString actor = AuditLog::osUser());

    const QString &actor() const { return m_actor; }
    void setActor(const QString &actor) { m_actor = actor; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    const RetryPolicy &retryPolicy() const { return m_retry; }
    Database &database() { return m_db; }

    // --- producers
    Result<qint64> enqueue(const NewTask &task);
    // enqueue() inside a write transaction that the caller opened with
    // Database::write(), so that the task commits together with the caller's
    // own rows or not at all (the Scheduler's slot row).
    Result<qint64> enqueueInTransaction(const NewTask &task);

    // --- workers (fenced by the lease)
    Result<std::optional<Claim>> claim(const QString &workerId, const QStringList &queues);
    // Up to `max` tasks in one transaction, in claim order: a worker with several
    // free slots, or a fast queue, pays one commit for all of them.
    Result<QVector<Claim>> claimMany(const QString &workerId, const QStringList &queues, int max);
    // false: the lease is gone (cancelled, force stopped, swept); kill the execution.
    Result<bool> heartbeat(
        qint64 taskId, const QString &lease, int progressDone = -1, int progressTotal = -1);
    // A finish closes the task's execution (ExecutionStore) in the same
    // commit: its caller saw the program's group gone. `executionOver` false
    // (something of the group lives on) leaves it open for its worker to close.
    Result<FinishResult> finishSuccess(
        qint64 taskId, const QString &lease, bool executionOver = true);
    // finishSuccess() for several (task id, lease) pairs in one transaction;
    // returns the ids whose result was accepted (the others' leases were gone).
    Result<QVector<qint64>> finishSuccessMany(const QVector<std::pair<qint64, QString>> &tasks);
    // finishSuccessMany() and then claimMany() for up to `max` tasks (0: none), in
    // one transaction: the slots that the successes free are filled again by the
    // same commit. Either both are written or neither. The finished tasks'
    // executions are closed in the same commit, but for `stillRunning` (leases
    // whose process groups live on).
    struct FinishedAndClaimed
    {
        QVector<qint64> accepted;
        QVector<Claim> claims;
    };
    Result<FinishedAndClaimed> finishSuccessManyAndClaim(
        const QVector<std::pair<qint64, QString>> &tasks, const QString &workerId,
        const QStringList &queues, int max, const QStringList &stillRunning = {});
    // `retryable` false: no further attempt whatever the budget (time limit, unknown kind).
    Result<FinishResult> finishError(qint64 taskId, const QString &lease, int attempt,
        const QString &message, const QString &outcome, bool retryable, bool executionOver = true);
    Result<bool> startItem(qint64 taskId, const QString &lease, qint64 itemId);
    Result<bool> finishItem(qint64 taskId, const QString &lease, qint64 itemId, bool succeeded,
        const QString &errorMessage);
    // Appends the lines if the lease still holds; false otherwise.
    Result<bool> appendWorkerLog(
        qint64 taskId, const QString &lease, const QVector<LogLine> &lines);

    // Marks every task still RUNNING on `workerId` FAILED with `outcome` (the
    // worker was stopped by an operator, or exited with tasks in hand). Returns their ids.
    Result<QVector<qint64>> failWorkerTasks(
        const QString &workerId, const QString &outcome, const QString &message);

    // --- operators
    Result<ActionReport> cancel(qint64 taskId);
    Result<ActionReport> forceStop(qint64 taskId);
    Result<ActionReport> restart(qint64 taskId);
    Result<ActionReport> remove(qint64 taskId);
    Error appendLog(qint64 taskId, qint64 itemId, const QString &level, const QString &message);

    // --- reading
    Result<Task> task(qint64 taskId);
    Result<QVector<TaskItem>> items(qint64 taskId);
    Result<QVector<LogLine>> log(qint64 taskId, qint64 afterId = 0, int limit = 1000);
    Result<QVector<Task>> list(const TaskFilter &filter);
    Result<qint64> count(const TaskFilter &filter);
    // With the stuck counts of `stuck` (StuckScope): the same numbers as stuckReport().
    Result<StatusCounts> counts(const StuckThresholds &stuck = {});
    // The tasks whose updated_at is later than `updatedAfterMs`, each with whether it
    // passes `filter` now (its sort and paging are ignored): a view's periodic refresh
    // reads only these, on the updated_at index. Writers that commit late can leave an
    // older updated_at behind: callers ask again with a margin.
    Result<TaskChanges> changedSince(
        qint64 updatedAfterMs, const TaskFilter &filter, int limit = 1000);
    // The keys of the rows at positions stride-1, 2·stride-1, … of `filter`'s order:
    // where keyset paging starts for a jump deep into a large table.
    Result<QVector<TaskKey>> keysetAnchors(const TaskFilter &filter, int stride);
    Result<TaskHorizon> horizon(const TaskFilter &filter, bool withCount = true);
    // The queues that tasks name, in order (a queue filter's choices).
    Result<QStringList> queues(int limit = 500);
    // Its counts with the stuck counts of `stuck`, as counts() has them.
    Result<Stats> stats(int hours, const StuckThresholds &stuck = {});

    // --- stuck tasks
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
    static constexpr int kMaxBatch = 500; // claimMany(), finishSuccessMany()
    static constexpr int kKeptFinishBatch = 16; // smaller finishSuccessMany() texts stay prepared

private:
    // SQLite: INDEXED BY the index that serves a page of `filter` best.
    Result<QString> indexHint(const TaskFilter &filter);
    Result<ActionReport> transition(qint64 taskId, const QString &action,
        const QStringList &allowedFrom, const QString &refusal,
        const std::function<Error(
            const QString &before, ActionReport &report, QJsonObject &auditDetails)> &apply);
    // The two halves of finishSuccessManyAndClaim(), inside its write transaction.
    Error claimIn(
        const QString &workerId, const QStringList &queues, int max, QVector<Claim> &claims);
    Error finishSuccessIn(
        const QVector<std::pair<qint64, QString>> &tasks, QVector<qint64> &accepted);
    Error insertLog(qint64 taskId, qint64 itemId, const QString &level, const QString &message);
    // Many lines in few statements (a sweep writes one per task).
    Error insertLogs(const QVector<LogLine> &lines);
    // The statement of a batch of rows: kept prepared when `keep` (a size that
    // recurs), else prepared into `partial`.
    Result<QSqlQuery *> prepareBatch(const QString &statement, bool keep,
        std::optional<QSqlQuery> &partial, Database::KeptRows rows = Database::KeptRows::None);
    // Runs `statement`, whose ":ids" stands for a list of task ids, for all of
    // `ids`; `leading` is bound to the "?" placeholders before the list.
    Error execForTasks(const QString &statement, const QVector<qint64> &ids, const QString &what,
        const QVariantList &leading = {});
    static QString lostWorkerDecision();
    Error resetItemsOfLostTasks(const CleanupReport &report);
    // limit 0: the counts alone. `withIds`: the ids of the whole set, and the
    // counts from them (stuckScope()).
    Result<StuckReport> stuckReportIn(const StuckThresholds &thresholds, int limit,
        bool queuedIdsOnly = false, bool withIds = false);
    // The two true counts of `scope` in one statement.
    Error countStuck(const StuckScope &scope, qint64 &queued, qint64 &running);

    Database &m_db;
    AuditLog m_audit;
    QString m_actor;
    RetryPolicy m_retry;
};

} // namespace taskdesk

Q_DECLARE_TYPEINFO(taskdesk::StuckTask, Q_RELOCATABLE_TYPE);
