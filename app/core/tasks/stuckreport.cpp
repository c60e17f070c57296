#include "core/tasks/stucktasks.h"

#include "core/tasks/taskrows.h"

// The stuck tasks counted and listed: what a report shows and a clean-up's
// confirmation names.
namespace taskdesk {

namespace stucksql {

const QString kQueuedStuck
    = taskrules::queuedStuckSql(QStringLiteral(":qcutoff")) + QStringLiteral(" AND id <= :qmaxid");
const QString kRunningStuck
    = taskrules::runningStuckSql(QStringLiteral(":rcutoff")) + QStringLiteral(" AND id <= :rmaxid");

void bindQueuedStuck(QSqlQuery &q, const StuckScope &scope)
{
    q.bindValue(QStringLiteral(":qcutoff"), scope.queuedCutoff());
    q.bindValue(QStringLiteral(":qmaxid"), scope.maxTaskId);
}

void bindRunningStuck(QSqlQuery &q, const StuckScope &scope)
{
    q.bindValue(QStringLiteral(":rcutoff"), scope.runningCutoff());
    q.bindValue(QStringLiteral(":rmaxid"), scope.maxTaskId);
}

} // namespace stucksql

using namespace stucksql;

QJsonObject StuckReport::countsJson() const
{
    return {{QStringLiteral("total"), total()}, {QStringLiteral("queued_stuck"), queuedTotal},
        {QStringLiteral("running_stuck"), runningTotal},
        {QStringLiteral("queued_shown"), int(queued.size())},
        {QStringLiteral("running_shown"), int(running.size())},
        {QStringLiteral("truncated"), truncated()}};
}

Error StuckThresholds::validate() const
{
    constexpr qint64 kMinute = 60 * 1000;
    if (queueThresholdMs < 1000 || queueThresholdMs > 30 * 24 * 60 * kMinute)
        return Error::invalid(QStringLiteral(
            "the queue threshold must be between 1 second and 30 days (43200 minutes)"));
    if (heartbeatTimeoutMs < 1000 || heartbeatTimeoutMs > 7 * 24 * 60 * kMinute)
        return Error::invalid(QStringLiteral(
            "the heartbeat timeout must be between 1 second and 7 days (604800 seconds)"));
    return {};
}

StuckScope StuckReport::scope() const
{
    StuckScope s;
    s.thresholds = thresholds;
    s.asOf = monitoredAt;
    s.maxTaskId = maxTaskId;
    s.named = named;
    s.queuedIds = queuedIds;
    s.runningIds = runningIds;
    return s;
}

Error StuckTasks::countStuck(const StuckScope &scope, qint64 &queued, qint64 &running)
{
    Result<QSqlQuery> q = m_db.runWith(
        QStringLiteral("SELECT (SELECT count(*) FROM tasks {INDEX:tasks_pending_due_idx} WHERE ")
            + kQueuedStuck
            + QStringLiteral("), (SELECT count(*) FROM tasks {INDEX:tasks_running_heartbeat_idx} "
                             "WHERE ")
            + kRunningStuck + QLatin1Char(')'),
        QStringLiteral("stuck count"), [&scope](QSqlQuery &query) {
            bindQueuedStuck(query, scope);
            bindRunningStuck(query, scope);
        });
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::database(QStringLiteral("stuck count: no row"));
    queued = q->value(0).toLongLong();
    running = q->value(1).toLongLong();
    q->finish();
    return {};
}

Result<StuckReport> StuckTasks::stuckReportIn(
    const StuckThresholds &thresholds, int limit, bool queuedIdsOnly, bool withIds)
{
    StuckReport report;
    report.thresholds = thresholds;
    StuckScope scope;
    scope.thresholds = thresholds;
    if (queuedIdsOnly) {
        // The sweeper's report policy: a list, no count.
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        scope.asOf = *now;
    } else {
        // The moment and the highest id in one statement: the scope's fence.
        Result<QSqlQuery> q
            = m_db.run(QStringLiteral("SELECT {NOW}, COALESCE(max(id), 0) FROM tasks"),
                QStringLiteral("stuck scope"));
        if (!q.ok())
            return q.error();
        if (!q->next())
            return Error::database(QStringLiteral("stuck scope: no row"));
        scope.asOf = q->value(0).toLongLong();
        scope.maxTaskId = q->value(1).toLongLong();
        q->finish();
        // With ids, the counts a confirmation shows are the ids a clean-up may change.
        if (Error e = withIds ? readStuckIds(scope, report)
                              : countStuck(scope, report.queuedTotal, report.runningTotal))
            return e;
    }
    report.monitoredAt = scope.asOf;
    report.maxTaskId = scope.maxTaskId;
    for (const bool running : {false, true}) {
        if (limit <= 0 || (running && queuedIdsOnly))
            break;
        // Ids and due times alone come from the index, without a row read.
        Result<QSqlQuery> q = m_db.runWith(QStringLiteral("SELECT ")
                + (queuedIdsOnly ? QStringLiteral("id, run_after") : taskrows::kTaskColumns)
                + (running
                        ? QStringLiteral(" FROM tasks {INDEX:tasks_running_heartbeat_idx} WHERE ")
                            + kRunningStuck + QStringLiteral(" ORDER BY heartbeat_at LIMIT :limit")
                        : QStringLiteral(" FROM tasks {INDEX:tasks_pending_due_idx} WHERE ")
                            + kQueuedStuck + QStringLiteral(" ORDER BY run_after LIMIT :limit")),
            QStringLiteral("stuck report"), [&](QSqlQuery &query) {
                if (running)
                    bindRunningStuck(query, scope);
                else
                    bindQueuedStuck(query, scope);
                query.bindValue(QStringLiteral(":limit"), limit);
            });
        if (!q.ok())
            return q.error();
        while (q->next()) {
            StuckTask s;
            if (queuedIdsOnly) {
                s.task.id = q->value(0).toLongLong();
                s.task.status = TaskStatus::Pending;
                s.task.runAfter = q->value(1).toLongLong();
            } else {
                s.task = taskrows::taskFromRow(*q);
            }
            s.ageMs = report.monitoredAt - (running ? s.task.heartbeatAt : s.task.runAfter);
            (running ? report.running : report.queued).append(std::move(s));
        }
    }
    if (queuedIdsOnly)
        report.queuedTotal = report.queued.size();
    return report;
}

Result<StuckReport> StuckTasks::stuckReport(const StuckThresholds &thresholds, int limit)
{
    if (Error e = thresholds.validate())
        return e;
    if (Error e = checkLimit(limit))
        return e;
    return stuckReportIn(thresholds, limit);
}

Result<StuckReport> StuckTasks::stuckScope(const StuckThresholds &thresholds)
{
    if (Error e = thresholds.validate())
        return e;
    return stuckReportIn(thresholds, 0, false, true);
}

Error StuckTasks::readStuckIds(const StuckScope &scope, StuckReport &report)
{
    Result<QSqlQuery> ids = m_db.runWith(
        QStringLiteral("SELECT 0, id FROM tasks {INDEX:tasks_pending_due_idx} WHERE ")
            + kQueuedStuck
            + QStringLiteral(
                " UNION ALL SELECT 1, id FROM tasks {INDEX:tasks_running_heartbeat_idx} WHERE ")
            + kRunningStuck,
        QStringLiteral("stuck scope ids"), [&scope](QSqlQuery &query) {
            bindQueuedStuck(query, scope);
            bindRunningStuck(query, scope);
        });
    if (!ids.ok())
        return ids.error();
    while (ids->next())
        (ids->value(0).toInt() == 1 ? report.runningIds : report.queuedIds)
            .append(ids->value(1).toLongLong());
    ids->finish();
    report.named = true;
    report.queuedTotal = report.queuedIds.size();
    report.runningTotal = report.runningIds.size();
    return {};
}

Result<qint64> StuckTasks::countLostWorkerRequeues(const StuckScope &scope, int poisonRescues)
{
    if (Error e = scope.thresholds.validate())
        return e;
    Result<QSqlQuery> q = m_db.runWith(
        QStringLiteral("SELECT count(*) FROM tasks {INDEX:tasks_running_heartbeat_idx} WHERE ")
            + kRunningStuck
            + QStringLiteral(" AND attempt < max_attempts AND rescues + 1 < :poison"),
        QStringLiteral("stuck re-queue count"), [&](QSqlQuery &query) {
            bindRunningStuck(query, scope);
            query.bindValue(QStringLiteral(":poison"), poisonRescues);
        });
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::database(QStringLiteral("stuck re-queue count: no row"));
    const qint64 n = q->value(0).toLongLong();
    q->finish();
    return n;
}

Result<QVector<StuckTask>> StuckTasks::stuckInQueue(qint64 thresholdMs, int limit)
{
    const StuckThresholds thresholds{thresholdMs};
    if (Error e = thresholds.validate())
        return e;
    if (Error e = checkLimit(limit))
        return e;
    Result<StuckReport> report = stuckReportIn(thresholds, limit, true);
    if (!report.ok())
        return report.error();
    return report->queued;
}

} // namespace taskdesk
