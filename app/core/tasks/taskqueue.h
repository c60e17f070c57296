#pragma once

#include "core/auditlog.h"
#include "core/database.h"
#include "core/error.h"
#include "core/task.h"

#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>
#include <utility>

namespace taskdesk {

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

// The queue as producers and workers use it: a task goes in, a worker claims
// it under a lease, beats its heartbeat, reports its items and output, and
// finishes it. Every call of a worker is fenced by its lease: once the lease is
// gone (cancelled, force stopped, swept) nothing it sends changes the task.
class TaskQueue final
{
public:
    explicit TaskQueue(Database &db, QString actor = AuditLog::osUser());

    void setActor(const QString &actor) { m_actor = actor; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }

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
    // A line of the task's log, whatever its state (a note).
    Error appendLog(qint64 taskId, qint64 itemId, const QString &level, const QString &message);

    // Marks every task still RUNNING on `workerId` FAILED with `outcome` (the
    // worker was stopped by an operator, or exited with tasks in hand). Returns their ids.
    Result<QVector<qint64>> failWorkerTasks(
        const QString &workerId, const QString &outcome, const QString &message);

    static constexpr int kMaxBatch = 500; // claimMany(), finishSuccessMany()
    static constexpr int kKeptFinishBatch = 16; // smaller finishSuccessMany() texts stay prepared

private:
    // The two halves of finishSuccessManyAndClaim(), inside its write transaction.
    Error claimIn(
        const QString &workerId, const QStringList &queues, int max, QVector<Claim> &claims);
    Error claimedItemsIn(QVector<Claim> &claims);
    Error finishSuccessIn(
        const QVector<std::pair<qint64, QString>> &tasks, QVector<qint64> &accepted);
    // An item's change (`statement` binds :item, :t and :lease) while `lease`
    // holds the task, with its log line: false when the lease or the item's
    // state was not the one asked for.
    Result<bool> changeItem(qint64 taskId, const QString &lease, qint64 itemId,
        const QString &statement, const QString &what,
        const std::function<void(QSqlQuery &)> &bindMore, const std::function<Error()> &then);

    Database &m_db;
    AuditLog m_audit;
    QString m_actor;
    RetryPolicy m_retry;
};

} // namespace taskdesk
