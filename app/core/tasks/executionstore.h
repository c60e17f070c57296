#pragma once

#include "core/error.h"

#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace taskdesk {

class Database;
struct Claim;

// One row of `executions`: one run of a claimed task, from its claim until its
// process group is known to be gone (DESIGN.md rule 7). Times are UTC
// milliseconds from the database clock; process start times are clock ticks
// after boot (field 22 of /proc/<pid>/stat).
struct Execution
{
    qint64 id = 0;
    qint64 taskId = 0;
    int attempt = 0;
    QString lease; // the claim's lease: unique per execution
    QString workerId;
    QString host;
    QString bootId; // the host's boot when the task was claimed
    qint64 workerPid = 0; // the process that claimed it
    qint64 workerStart = 0;
    qint64 pgid = 0; // 0: no program started yet
    qint64 leaderStart = 0; // of the group leader, so that a reused pid is never signalled
    qint64 startedAt = 0; // the claim
    qint64 groupAt = 0; // the last program start
    qint64 endedAt = 0; // 0: open
    QString endReason;

    bool isOpen() const { return endedAt == 0; }
};

// Why an execution ended (executions.end_reason).
namespace ExecutionEnd {
// Its worker saw the group gone (the leader exited, no member left), or no
// program ever started (an unknown kind).
inline const QString Exited = QStringLiteral("exited");
// Its worker had died; a worker or supervisor on its host killed what was left
// of the group, or found it gone, and closed it.
inline const QString Reaped = QStringLiteral("reaped");
// Its host booted again (a new boot id): every process of the old boot is gone.
inline const QString HostRebooted = QStringLiteral("host_rebooted");
// An operator declared its host dead (`taskdeskctl workers forget-host`).
inline const QString HostForgotten = QStringLiteral("host_forgotten");
} // namespace ExecutionEnd

// The `executions` table. A claim opens one execution per task in the claim's
// own transaction (TaskQueue calls openInTransaction()); a unique index lets a
// task have at most one open execution, and a claim skips a task that has one.
// So a task runs again only when its previous execution was closed: by its
// worker when the group is gone, by a worker or supervisor of the same host
// that reaped a dead worker's leftovers, by a new boot of the host, or by an
// operator who declared the host dead. Every close is fenced by
// "ended_at IS NULL", and its row count says whether it closed anything.
class ExecutionStore final
{
public:
    explicit ExecutionStore(Database &db);

    // This process as a claim records it: host (AuditLog::localHost()), boot
    // id, pid and start time.
    static QString thisHost();
    static QString thisBootId();
    static qint64 thisPid();
    static qint64 thisStartTime();

    // Inside the claim's write transaction: one open execution per claimed
    // task, recorded as this process's on this host and boot. A task with an
    // open execution makes the statement (and so the claim) fail.
    Error openInTransaction(const QString &workerId, const QVector<Claim> &claims);

    // The program of the open execution `lease` started as the leader of its
    // own group `pgid`, at `leaderStart` (once per program run: a task with
    // items runs one per item). false: no such open execution.
    Result<bool> setGroup(const QString &lease, qint64 pgid, qint64 leaderStart);

    // Closes the open executions of `leases` (their worker saw their groups
    // gone). Returns how many were still open.
    Result<int> close(const QStringList &leases, const QString &reason = ExecutionEnd::Exited);
    // close() inside the caller's write transaction (a finish records both at once).
    Error closeInTransaction(
        const QStringList &leases, const QString &reason = ExecutionEnd::Exited);
    // Closes open executions by id, whose groups the caller verified gone on
    // their host (or killed). Returns the ids it closed.
    Result<QVector<qint64>> closeByIds(const QVector<qint64> &ids, const QString &reason);

    // Open executions, oldest first.
    Result<QVector<Execution>> openOnHost(const QString &host, int limit = 1000);
    Result<QVector<Execution>> openOfWorker(const QString &workerId, int limit = 1000);
    Result<std::optional<Execution>> openOfTask(qint64 taskId);
    // Every execution of a task (open or not), newest first.
    Result<QVector<Execution>> ofTask(qint64 taskId, int limit = 100);

    // The host booted again: closes its open executions recorded under any
    // other boot id (HostRebooted). Returns the ids closed.
    Result<QVector<qint64>> closeOtherBoots(const QString &host, const QString &bootId);

    // An operator declares `host` dead: closes every open execution of it
    // (HostForgotten), marks its running workers lost, and writes one audit row
    // (action "forget_host", with the ids) as `actor`, all in one transaction.
    // Returns the ids closed. Only for a host that is really down: its
    // processes, if any still run, are no longer fenced from new attempts.
    Result<QVector<qint64>> forgetHost(const QString &host, const QString &actor);

private:
    Result<QSqlQuery *> prepareBatch(
        qsizetype rows, const QString &statement, std::optional<QSqlQuery> &partial);
    Result<QVector<Execution>> read(
        const QString &where, const QVariantList &values, const QString &order, int limit);
    Result<QVector<qint64>> closeWhere(
        const QString &where, const QVariantList &values, const QString &reason);

    Database &m_db;
};

} // namespace taskdesk
