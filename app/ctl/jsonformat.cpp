#include "jsonformat.h"

#include "ctl/formatting.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace taskdesk::ctl {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return {};
    case ErrorKind::Refused:
        return QStringLiteral("refused");
    case ErrorKind::NotFound:
        return QStringLiteral("not_found");
    case ErrorKind::Invalid:
        return QStringLiteral("invalid");
    case ErrorKind::PermissionDenied:
        return QStringLiteral("permission_denied");
    case ErrorKind::Database:
        return QStringLiteral("database");
    }
    return QStringLiteral("database");
}

} // namespace

QJsonValue timeJson(qint64 utcMs)
{
    return utcMs > 0 ? QJsonValue(utcMs) : QJsonValue(QJsonValue::Null);
}

QJsonObject taskJson(const Task &t, qint64 stuckHeartbeatMs)
{
    // The args as JSON, not as a string holding JSON; text that does not parse
    // (written by another program) is passed on as it is.
    QJsonParseError parseError{};
    const QJsonDocument args = QJsonDocument::fromJson(t.args.toUtf8(), &parseError);
    QJsonValue argsValue = QJsonValue(t.args);
    if (parseError.error == QJsonParseError::NoError)
        argsValue = args.isArray() ? QJsonValue(args.array()) : QJsonValue(args.object());

    const bool stuck = taskrules::isRunningStuck(t, t.dbNow, stuckHeartbeatMs);
    QJsonObject o{
        {QStringLiteral("id"), t.id},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("kind"), t.kind},
        {QStringLiteral("queue"), t.queue},
        {QStringLiteral("priority"), t.priority},
        {QStringLiteral("args"), argsValue},
        {QStringLiteral("status"), statusName(t.status)},
        {QStringLiteral("outcome"), textOrNull(t.outcome)},
        {QStringLiteral("error_message"), textOrNull(t.errorMessage)},
        {QStringLiteral("attempt"), t.attempt},
        {QStringLiteral("max_attempts"), t.maxAttempts},
        {QStringLiteral("run_after"), timeJson(t.runAfter)},
        {QStringLiteral("time_limit_s"), t.timeLimitS},
        {QStringLiteral("created_at"), timeJson(t.createdAt)},
        {QStringLiteral("started_at"), timeJson(t.startedAt)},
        {QStringLiteral("heartbeat_at"), timeJson(t.heartbeatAt)},
        {QStringLiteral("completed_at"), timeJson(t.completedAt)},
        {QStringLiteral("updated_at"), timeJson(t.updatedAt)},
        {QStringLiteral("worker_id"), textOrNull(t.workerId)},
        {QStringLiteral("lease"), textOrNull(t.lease)},
        {QStringLiteral("progress_done"), t.progressDone},
        {QStringLiteral("progress_total"), t.progressTotal},
        {QStringLiteral("rescues"), t.rescues},
        {QStringLiteral("schedule_id"),
            t.scheduleId > 0 ? QJsonValue(t.scheduleId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("heartbeat_age_ms"),
            t.heartbeatAt > 0 ? QJsonValue(t.heartbeatAgeMs()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("stuck"), stuck},
        {QStringLiteral("database_now"), t.dbNow},
    };
    if (t.itemsTotal > 0) {
        o.insert(QStringLiteral("items_total"), t.itemsTotal);
        o.insert(QStringLiteral("items_done"), t.itemsDone);
        o.insert(QStringLiteral("items_failed"), t.itemsFailed);
    }
    return o;
}

QJsonObject itemJson(const TaskItem &item)
{
    return {
        {QStringLiteral("id"), item.id},
        {QStringLiteral("task_id"), item.taskId},
        {QStringLiteral("position"), item.position},
        {QStringLiteral("label"), item.label},
        {QStringLiteral("status"), statusName(item.status)},
        {QStringLiteral("started_at"), timeJson(item.startedAt)},
        {QStringLiteral("completed_at"), timeJson(item.completedAt)},
        {QStringLiteral("error_message"), textOrNull(item.errorMessage)},
    };
}

QJsonObject logLineJson(const LogLine &line)
{
    return {
        {QStringLiteral("id"), line.id},
        {QStringLiteral("task_id"), line.taskId},
        {QStringLiteral("item_id"),
            line.itemId > 0 ? QJsonValue(line.itemId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("at"), line.at},
        {QStringLiteral("level"), line.level},
        {QStringLiteral("message"), line.message},
    };
}

QJsonObject auditJson(const AuditEntry &e)
{
    return {
        {QStringLiteral("id"), e.id},
        {QStringLiteral("at"), e.at},
        {QStringLiteral("actor"), e.actor},
        {QStringLiteral("db_role"), textOrNull(e.dbRole)},
        {QStringLiteral("host"), textOrNull(e.host)},
        {QStringLiteral("action"), e.action},
        {QStringLiteral("task_id"),
            e.taskId > 0 ? QJsonValue(e.taskId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("task_name"), textOrNull(e.taskName)},
        {QStringLiteral("before_status"), textOrNull(e.beforeStatus)},
        {QStringLiteral("after_status"), textOrNull(e.afterStatus)},
        {QStringLiteral("details"), e.details},
    };
}

QJsonObject actionJson(qint64 taskId, const Result<ActionReport> &result)
{
    if (!result.ok())
        return {
            {QStringLiteral("id"), taskId},
            {QStringLiteral("done"), false},
            {QStringLiteral("error"), errorKindName(result.error().kind())},
            {QStringLiteral("message"), result.error().message()},
        };
    const ActionReport &r = result.value();
    return {
        {QStringLiteral("id"), taskId},
        {QStringLiteral("name"), r.taskName},
        {QStringLiteral("done"), r.done},
        {QStringLiteral("message"), actionText(r)},
        {QStringLiteral("before_status"), textOrNull(r.before)},
        {QStringLiteral("after_status"), textOrNull(r.after)},
        {QStringLiteral("items_changed"), r.itemsChanged},
    };
}

QJsonObject statusCountsJson(const StatusCounts &counts)
{
    QJsonObject o;
    for (const QString &name : allStatusNames())
        o.insert(name, counts.byStatus.value(*parseStatus(name)));
    o.insert(QStringLiteral("STUCK"), counts.stuck);
    o.insert(QStringLiteral("STUCK_QUEUED"), counts.stuckQueued);
    o.insert(QStringLiteral("STUCK_RUNNING"), counts.stuckRunning);
    o.insert(QStringLiteral("TOTAL"), counts.total());
    return o;
}

QJsonObject statsJson(const Stats &stats)
{
    QJsonArray series;
    for (auto it = stats.perMinute.constBegin(); it != stats.perMinute.constEnd(); ++it)
        series.append(QJsonObject{{QStringLiteral("minute"), it.key() * 60000},
            {QStringLiteral("completed"), it.value().first},
            {QStringLiteral("failed"), it.value().second}});
    QJsonObject outcomes;
    for (auto it = stats.outcomes.constBegin(); it != stats.outcomes.constEnd(); ++it)
        outcomes.insert(it.key(), it.value());
    const qint64 finished = stats.completedInWindow + stats.failedInWindow;
    return {
        {QStringLiteral("hours"), stats.hours},
        {QStringLiteral("from"), stats.from},
        {QStringLiteral("to"), stats.to},
        {QStringLiteral("counts"), statusCountsJson(stats.counts)},
        {QStringLiteral("completed"), stats.completedInWindow},
        {QStringLiteral("failed"), stats.failedInWindow},
        {QStringLiteral("throughput_per_hour"),
            stats.hours > 0 ? double(finished) / stats.hours : 0.0},
        {QStringLiteral("failure_rate"),
            finished > 0 ? double(stats.failedInWindow) / double(finished) : 0.0},
        {QStringLiteral("average_duration_ms"), stats.averageDurationMs},
        {QStringLiteral("outcomes"), outcomes},
        {QStringLiteral("per_minute"), series},
    };
}

namespace {

QJsonObject stuckTaskJson(const StuckTask &s, bool running)
{
    const Task &t = s.task;
    QJsonObject o{
        {QStringLiteral("id"), t.id},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("kind"), t.kind},
        {QStringLiteral("queue"), t.queue},
        {QStringLiteral("status"), statusName(t.status)},
        {QStringLiteral("attempt"), t.attempt},
        {QStringLiteral("max_attempts"), t.maxAttempts},
        {QStringLiteral("created_at"), t.createdAt},
    };
    if (running) {
        o.insert(QStringLiteral("worker_id"), t.workerId);
        o.insert(QStringLiteral("started_at"), t.startedAt);
        o.insert(QStringLiteral("heartbeat_at"), t.heartbeatAt);
        o.insert(QStringLiteral("heartbeat_age_seconds"), s.ageMs / 1000);
    } else {
        o.insert(QStringLiteral("run_after"), t.runAfter);
        o.insert(QStringLiteral("waiting_minutes"), s.ageMs / 60000);
    }
    return o;
}

} // namespace

QJsonObject stuckReportJson(const StuckReport &report)
{
    QJsonArray queuedJobs;
    for (const StuckTask &s : report.queued)
        queuedJobs.append(stuckTaskJson(s, false));
    QJsonArray runningJobs;
    for (const StuckTask &s : report.running)
        runningJobs.append(stuckTaskJson(s, true));
    const qint64 n = report.total();
    const StuckThresholds &thresholds = report.thresholds;
    return {
        {QStringLiteral("stuck_jobs"), report.countsJson()},
        {QStringLiteral("max_task_id"), report.maxTaskId},
        {QStringLiteral("queued_jobs"), queuedJobs},
        {QStringLiteral("running_jobs"), runningJobs},
        {QStringLiteral("threshold_minutes"), double(thresholds.queueThresholdMs) / 60000.0},
        {QStringLiteral("heartbeat_timeout_seconds"),
            double(thresholds.heartbeatTimeoutMs) / 1000.0},
        {QStringLiteral("monitored_at"),
            QDateTime::fromMSecsSinceEpoch(report.monitoredAt, Qt::UTC)
                .toString(Qt::ISODateWithMs)},
        {QStringLiteral("monitored_at_ms"), report.monitoredAt},
        {QStringLiteral("recommendations"),
            QJsonObject{{QStringLiteral("cleanup_needed"), n > 0},
                {QStringLiteral("message"),
                    n > 0 ? QStringLiteral("Found %1: %2 queued, %3 running. Consider running "
                                           "cleanup.")
                                .arg(counted(n, QStringLiteral("stuck job")))
                                .arg(report.queuedTotal)
                                .arg(report.runningTotal)
                          : QStringLiteral("No stuck jobs.")}}},
    };
}

} // namespace taskdesk::ctl
