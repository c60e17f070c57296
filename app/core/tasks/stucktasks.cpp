#include "stucktasks.h"

#include "core/englishcount.h"
#include "core/tasks/taskrows.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace taskdesk {

using taskrows::insertLog;
using namespace stucksql;

namespace {

// A row of a conditional UPDATE's RETURNING: the task's id, name and the time it
// was judged by (its due time or its last heartbeat).
struct ChangedRow
{
    qint64 id = 0;
    QString name;
    qint64 at = 0;
};

// Every row, read to the end (an open RETURNING keeps SQLite's write lock).
QVector<ChangedRow> changedRows(QSqlQuery &q)
{
    QVector<ChangedRow> rows;
    while (q.next())
        rows.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()});
    q.finish();
    return rows;
}

// A queue threshold in words for the error message of the tasks it fails:
// "5 minutes", "1 minute", "90 seconds", "1500 ms".
QString thresholdWords(qint64 ms)
{
    if (ms % 60000 == 0)
        return counted(ms / 60000, QStringLiteral("minute"));
    if (ms % 1000 == 0)
        return counted(ms / 1000, QStringLiteral("second"));
    return QString::number(ms) + QStringLiteral(" ms");
}

// The audit action of a sweep rule: an operator's clean-up says so.
QString auditAction(const QString &rule)
{
    return rule == QLatin1String("cleanup") ? QStringLiteral("cleanup") : QStringLiteral("sweep");
}

// The rule for a task whose worker is gone, whoever found it gone (the
// sweeper by its heartbeat, a supervisor by its death): PENDING with backoff
// while attempts remain and it was not rescued too often in a row, else
// FAILED/worker_lost. bindLostWorkerDecision() binds its values; the caller
// adds error_message and its WHERE.
QString lostWorkerDecision()
{
    return QStringLiteral("status = CASE WHEN attempt < max_attempts AND rescues + 1 < :poison1 "
                          "THEN 'PENDING' "
                          "ELSE 'FAILED' END, "
                          "outcome = CASE WHEN attempt < max_attempts AND rescues + 1 < :poison2 "
                          "THEN NULL ELSE ")
        + Outcome::sql(Outcome::WorkerLost)
        + QStringLiteral(
            " END, completed_at = CASE WHEN attempt < max_attempts AND rescues + 1 < :poison3 THEN "
            "NULL "
            "ELSE {NOW} END, "
            // 64-bit arithmetic: PostgreSQL types the bound values as int4 from
            // the context, and 5 s × 2^19 does not fit in 32 bits.
            "run_after = {NOW} + {LEAST}(CAST(:cap AS BIGINT), CAST(:base AS BIGINT) * (CASE WHEN "
            "attempt > 20 THEN 1048576 ELSE (1 << (CASE WHEN attempt > 0 THEN attempt - 1 ELSE 0 "
            "END)) END)), "
            "rescues = rescues + 1, lease = NULL, updated_at = {NOW}, ");
}

// :poison1 to :poison<poisons>, :base and :cap.
void bindLostWorkerDecision(QSqlQuery &q, int poisons, int poisonRescues, const RetryPolicy &retry)
{
    for (int i = 1; i <= poisons; ++i)
        q.bindValue(QStringLiteral(":poison%1").arg(i), poisonRescues);
    q.bindValue(QStringLiteral(":base"), retry.baseMs);
    q.bindValue(QStringLiteral(":cap"), retry.capMs);
}

Error checkPoisonRescues(int poisonRescues)
{
    if (poisonRescues < 0 || poisonRescues > 1000)
        return Error::invalid(QStringLiteral("the poison-pill count must be between 0 and 1000"));
    return {};
}

// A scope's named ids as one bound value, so that one statement takes any
// number: an array on PostgreSQL, a JSON array for json_each() on SQLite.
// Empty without a fence that names its ids.
QString namedIdsSql(const Database &db, const StuckScope *fence, const QString &placeholder)
{
    if (!fence || !fence->named)
        return {};
    return db.isPostgres()
        ? QStringLiteral(" AND id = ANY(CAST(%1 AS BIGINT[]))").arg(placeholder)
        : QStringLiteral(" AND id IN (SELECT value FROM json_each(%1))").arg(placeholder);
}

void bindNamedIds(QSqlQuery &q, const Database &db, const StuckScope *fence,
    const QString &placeholder, const QVector<qint64> &ids)
{
    if (!fence || !fence->named)
        return;
    QStringList text;
    text.reserve(ids.size());
    for (qint64 id : ids)
        text << QString::number(id);
    const QString list = text.join(QLatin1Char(','));
    q.bindValue(placeholder,
        db.isPostgres() ? QString(QLatin1Char('{') + list + QLatin1Char('}'))
                        : QString(QLatin1Char('[') + list + QLatin1Char(']')));
}

QJsonArray idArray(const QVector<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(id);
    return a;
}

} // namespace

// ---------------------------------------------------------------- small types

std::optional<CleanupAction> parseCleanupAction(const QString &text)
{
    if (text == QLatin1String("mark_failed"))
        return CleanupAction::MarkFailed;
    if (text == QLatin1String("retry"))
        return CleanupAction::Retry;
    return std::nullopt;
}

QString cleanupActionName(CleanupAction action)
{
    return action == CleanupAction::Retry ? QStringLiteral("retry") : QStringLiteral("mark_failed");
}

QJsonObject CleanupReport::toJson() const
{
    const qint64 n = total();
    const QString jobs = counted(n, QStringLiteral("stuck job"));
    QString message = n == 0 ? QStringLiteral("No stuck jobs to clean up.")
                             : QStringLiteral("Successfully cleaned up %1.").arg(jobs);
    if (dryRun)
        message = QStringLiteral("Dry run: %1 would be cleaned up.").arg(jobs);
    else if (leftAlone() > 0)
        message += QStringLiteral(" %1 of the %2 named had changed meanwhile and %3 left alone.")
                       .arg(leftAlone())
                       .arg(named)
                       .arg(wasWere(leftAlone()));
    return {
        {QStringLiteral("action"), cleanupActionName(action)},
        {QStringLiteral("dry_run"), dryRun},
        {QStringLiteral("cleaned_jobs"),
            QJsonObject{{QStringLiteral("queued"), queuedTotal()},
                {QStringLiteral("running"), runningTotal()}, {QStringLiteral("total"), n},
                {QStringLiteral("shown"),
                    int(queuedFailed.size() + runningRequeued.size() + runningFailed.size())},
                {QStringLiteral("truncated"), truncated()}, {QStringLiteral("named"), named},
                {QStringLiteral("left_alone"), leftAlone()}}},
        {QStringLiteral("requeued_ids"), idArray(runningRequeued)},
        {QStringLiteral("failed_ids"), idArray(queuedFailed + runningFailed)},
        {QStringLiteral("threshold_minutes"), double(thresholds.queueThresholdMs) / 60000.0},
        {QStringLiteral("heartbeat_timeout_seconds"),
            double(thresholds.heartbeatTimeoutMs) / 1000.0},
        {QStringLiteral("cleaned_at"),
            QDateTime::fromMSecsSinceEpoch(cleanedAt, Qt::UTC).toString(Qt::ISODateWithMs)},
        {QStringLiteral("message"), message},
    };
}

// ---------------------------------------------------------------- StuckTasks

StuckTasks::StuckTasks(Database &db, QString actor, const RetryPolicy &retry)
    : m_db(db)
    , m_audit(db)
    , m_actor(std::move(actor))
    , m_retry(retry)
{ }

Result<CleanupReport> StuckTasks::write(CleanupReport report,
    const std::function<Error(CleanupReport &report)> &work, QElapsedTimer *waited)
{
    // Each round fills a fresh copy: a round retried after a busy COMMIT starts clean.
    return m_db.writeResult(report, [&](CleanupReport &round) -> Error {
        if (waited)
            waited->start();
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        round.cleanedAt = *now;
        return work(round);
    });
}

// The items that were running on the lost worker follow their task.
Error StuckTasks::resetItemsOfLostTasks(const CleanupReport &report)
{
    if (Error err = taskrows::execForTasks(m_db,
            QStringLiteral("UPDATE task_items SET status = 'PENDING', started_at = NULL WHERE "
                           "task_id IN (:ids) AND status = 'RUNNING'"),
            report.runningRequeued, QStringLiteral("sweep items")))
        return err;
    return taskrows::execForTasks(m_db,
        QStringLiteral("UPDATE task_items SET status = 'FAILED', completed_at = {NOW}, "
                       "error_message = 'Worker lost' WHERE task_id IN (:ids) AND status = "
                       "'RUNNING'"),
        report.runningFailed, QStringLiteral("sweep items"));
}

Result<CleanupReport> StuckTasks::sweepLostWorkers(qint64 heartbeatTimeoutMs, int poisonRescues,
    const QString &rule, const LostWorkerWatch *watch, const StuckScope *fence)
{
    StuckThresholds thresholds;
    thresholds.heartbeatTimeoutMs = heartbeatTimeoutMs;
    if (Error e = thresholds.validate())
        return e;
    if (Error e = checkPoisonRescues(poisonRescues))
        return e;
    CleanupReport start;
    start.action = CleanupAction::Retry;
    start.thresholds = thresholds;
    QElapsedTimer waited;
    return write(
        start,
        [&](CleanupReport &report) -> Error {
            report.heldBack = false;
            if (watch && watch->longEnough) {
                Result<bool> longEnough = watch->longEnough(report.cleanedAt);
                if (!longEnough.ok())
                    return longEnough.error();
                if (!*longEnough) {
                    report.heldBack = true;
                    return {}; // the watch itself commits
                }
            }
            // A bound cutoff, not {NOW} - timeout: PostgreSQL cannot take a volatile
            // clock as an index bound and scanned every row of the table instead.
            StuckScope scope;
            scope.thresholds = thresholds;
            scope.asOf = report.cleanedAt;
            // One conditional UPDATE decides for every stale task at once; a heartbeat
            // that lands first keeps its task out. Backoff grows with the attempt.
            Result<QSqlQuery> q = m_db.runWith(
                QStringLiteral("UPDATE tasks {INDEX:tasks_running_heartbeat_idx} SET ")
                    + lostWorkerDecision()
                    + QStringLiteral(
                        "error_message = CASE WHEN attempt < max_attempts AND rescues + 1 < "
                        ":poison4 THEN 'Worker lost (no heartbeat); re-queued' WHEN :poison5 = 0 "
                        "THEN 'Worker lost (no heartbeat); marked failed by the clean-up' WHEN "
                        "rescues + 1 >= :poison6 THEN 'Worker lost (no heartbeat); rescued ' || "
                        "CAST(rescues + 1 AS TEXT) || ' times in a row, not re-queued again "
                        "(poison pill)' ELSE 'Worker lost (no heartbeat); no attempts left' END "
                        "WHERE ")
                    + kRunningStuck + namedIdsSql(m_db, fence, QStringLiteral(":rids"))
                    + QStringLiteral(" RETURNING id, status"),
                QStringLiteral("sweep"), [&](QSqlQuery &query) {
                    bindLostWorkerDecision(query, 6, poisonRescues, m_retry);
                    bindRunningStuck(query, fence ? *fence : scope);
                    bindNamedIds(query, m_db, fence, QStringLiteral(":rids"),
                        fence ? fence->runningIds : QVector<qint64>());
                });
            if (!q.ok())
                return q.error();
            if (watch && watch->maxStallMs > 0 && waited.elapsed() > watch->maxStallMs) {
                q->finish();
                return Error::database(
                    QStringLiteral("the database stalled for %1 ms during the sweep; nothing "
                                   "was decided")
                        .arg(waited.elapsed()));
            }
            QVector<qint64> swept;
            while (q->next()) {
                const qint64 id = q->value(0).toLongLong();
                swept.append(id);
                (q->value(1).toString() == QLatin1String("PENDING") ? report.runningRequeued
                                                                    : report.runningFailed)
                    .append(id);
            }
            q->finish();
            return recordLostWorkerSweep(swept, report, heartbeatTimeoutMs, rule);
        },
        &waited);
}

Error StuckTasks::recordLostWorkerSweep(const QVector<qint64> &swept, const CleanupReport &report,
    qint64 heartbeatTimeoutMs, const QString &rule)
{
    // A log line and an audit row per task, and the items that were running
    // on the lost worker: a few statements for all the tasks, not a few per
    // task. The database composes the lines and rows from the swept tasks
    // (their worker, heartbeat, attempts and new status stay as the UPDATE
    // left them): bound one value at a time, a thousand of each were 20 of
    // a sweep's 45 ms.
    const QString timeoutS = QString::number(heartbeatTimeoutMs / 1000);
    if (Error err = taskrows::execForTasks(m_db,
            QStringLiteral(
                "INSERT INTO task_log (task_id, level, message) SELECT id, 'warning', "
                "'Worker ' || COALESCE(worker_id, '') || ' lost: no heartbeat for ' || "
                "CAST((CAST(? AS BIGINT) - heartbeat_at) / 1000 AS TEXT) || ' s (timeout ' "
                "|| CAST(? AS TEXT) || ' s); ' || CASE WHEN status = 'PENDING' THEN "
                "'re-queued (attempt ' || CAST(attempt AS TEXT) || ' of ' || "
                "CAST(max_attempts AS TEXT) || ' used)' ELSE 'marked FAILED (worker_lost)' "
                "END FROM tasks WHERE id IN (:ids) ORDER BY id"),
            swept, QStringLiteral("sweep log"), {report.cleanedAt, timeoutS}))
        return err;
    // The details as AuditLog writes them: a compact JSON object, keys in
    // order. The rule is written as a JSON string by Qt.
    QString ruleJson
        = QString::fromUtf8(QJsonDocument(QJsonArray{rule}).toJson(QJsonDocument::Compact));
    ruleJson = ruleJson.mid(1, ruleJson.size() - 2);
    if (Error err = taskrows::execForTasks(m_db,
            QStringLiteral(
                "INSERT INTO audit_log (actor, host, action, task_id, task_name, "
                "before_status, after_status, details) SELECT CAST(? AS TEXT), CAST(? AS "
                "TEXT), CAST(? AS TEXT), id, name, 'RUNNING', status, '{\"action\":\"' || "
                "CASE WHEN status = 'PENDING' THEN 'requeue' ELSE 'mark_failed' END || "
                "'\",\"age_ms\":' || CAST(CAST(? AS BIGINT) - heartbeat_at AS TEXT) || "
                "',\"rule\":' || CAST(? AS TEXT) || ',\"threshold_ms\":' || CAST(? AS "
                "TEXT) || '}' FROM tasks WHERE id IN (:ids) ORDER BY id"),
            swept, QStringLiteral("sweep audit"),
            {m_actor, AuditLog::localHost(), auditAction(rule), report.cleanedAt, ruleJson,
                QString::number(heartbeatTimeoutMs)}))
        return err;
    return resetItemsOfLostTasks(report);
}

Result<CleanupReport> StuckTasks::sweepDeadWorker(
    const QString &workerId, int poisonRescues, const QString &how)
{
    if (workerId.isEmpty())
        return Error::invalid(QStringLiteral("the worker id is empty"));
    if (Error e = checkPoisonRescues(poisonRescues))
        return e;
    CleanupReport start;
    start.action = CleanupAction::Retry;
    return write(start, [&](CleanupReport &report) -> Error {
        // The decision and the backoff of sweepLostWorkers(), for this worker's tasks.
        Result<QSqlQuery> q = m_db.runWith(QStringLiteral("UPDATE tasks SET ")
                + lostWorkerDecision()
                + QStringLiteral(
                    "error_message = 'Worker lost (' || CAST(:how AS TEXT) || '); ' || CASE WHEN "
                    "attempt < max_attempts AND rescues + 1 < :poison4 THEN 're-queued' WHEN "
                    "rescues + 1 >= :poison5 AND attempt < max_attempts THEN 'rescued ' || "
                    "CAST(rescues + 1 AS TEXT) || ' times in a row, not re-queued again (poison "
                    "pill)' ELSE 'no attempts left' END "
                    "WHERE status = 'RUNNING' AND worker_id = :worker "
                    "RETURNING id, name, status, attempt, max_attempts"),
            QStringLiteral("sweep dead worker"), [&](QSqlQuery &query) {
                bindLostWorkerDecision(query, 5, poisonRescues, m_retry);
                query.bindValue(QStringLiteral(":how"), how);
                query.bindValue(QStringLiteral(":worker"), workerId);
            });
        if (!q.ok())
            return q.error();
        struct Row
        {
            qint64 id;
            QString name;
            bool requeued;
            int attempt;
            int maxAttempts;
        };
        QVector<Row> rows;
        while (q->next())
            rows.append({q->value(0).toLongLong(), q->value(1).toString(),
                q->value(2).toString() == QLatin1String("PENDING"), q->value(3).toInt(),
                q->value(4).toInt()});
        q->finish();
        for (const Row &row : std::as_const(rows)) {
            (row.requeued ? report.runningRequeued : report.runningFailed).append(row.id);
            const QString outcome = row.requeued
                ? QStringLiteral("re-queued (attempt %1 of %2 used)")
                      .arg(row.attempt)
                      .arg(row.maxAttempts)
                : QStringLiteral("marked FAILED (worker_lost)");
            if (Error err = insertLog(m_db, row.id, 0, QStringLiteral("warning"),
                    QStringLiteral("Worker %1 lost: %2; %3").arg(workerId, how, outcome)))
                return err;
            if (Error err = m_audit.record(m_actor, QStringLiteral("sweep"), row.id, row.name,
                    QStringLiteral("RUNNING"),
                    row.requeued ? QStringLiteral("PENDING") : QStringLiteral("FAILED"),
                    {{QStringLiteral("rule"), QStringLiteral("dead_worker")},
                        {QStringLiteral("worker_id"), workerId}, {QStringLiteral("how"), how},
                        {QStringLiteral("action"),
                            row.requeued ? QStringLiteral("requeue")
                                         : QStringLiteral("mark_failed")}}))
                return err;
        }
        return resetItemsOfLostTasks(report);
    });
}

Result<CleanupReport> StuckTasks::sweepQueued(
    qint64 queueThresholdMs, const QString &rule, const StuckScope *fence)
{
    const StuckThresholds thresholds{queueThresholdMs};
    if (Error e = thresholds.validate())
        return e;
    CleanupReport start;
    start.action = CleanupAction::MarkFailed;
    start.thresholds = thresholds;
    return write(start, [&](CleanupReport &report) -> Error {
        StuckScope scope;
        scope.thresholds = thresholds;
        scope.asOf = report.cleanedAt;
        Result<QSqlQuery> q = m_db.runWith(
            QStringLiteral("UPDATE tasks {INDEX:tasks_pending_due_idx} SET status = 'FAILED', "
                           "outcome = ")
                + Outcome::sql(Outcome::StuckSwept)
                + QStringLiteral(
                    ", completed_at = {NOW}, updated_at = {NOW}, "
                    "error_message = 'Stuck in the queue longer than ' || :threshold || "
                    "'; cleaned up' WHERE ")
                + kQueuedStuck + namedIdsSql(m_db, fence, QStringLiteral(":qids"))
                + QStringLiteral(" RETURNING id, name, run_after"),
            QStringLiteral("sweep queue"), [&](QSqlQuery &query) {
                query.bindValue(QStringLiteral(":threshold"), thresholdWords(queueThresholdMs));
                bindQueuedStuck(query, fence ? *fence : scope);
                bindNamedIds(query, m_db, fence, QStringLiteral(":qids"),
                    fence ? fence->queuedIds : QVector<qint64>());
            });
        if (!q.ok())
            return q.error();
        const QVector<ChangedRow> rows = changedRows(q.value());
        for (const ChangedRow &row : rows) {
            report.queuedFailed.append(row.id);
            const qint64 age = report.cleanedAt - row.at;
            if (Error err = insertLog(m_db, row.id, 0, QStringLiteral("warning"),
                    QStringLiteral("Stuck in the queue for %1 min (threshold %2 min); marked "
                                   "FAILED (stuck_swept) by %3")
                        .arg(age / 60000)
                        .arg(double(queueThresholdMs) / 60000.0)
                        .arg(m_actor)))
                return err;
            if (Error err = m_audit.record(m_actor, auditAction(rule), row.id, row.name,
                    QStringLiteral("PENDING"), QStringLiteral("FAILED"),
                    {{QStringLiteral("rule"), rule},
                        {QStringLiteral("threshold_ms"), queueThresholdMs},
                        {QStringLiteral("age_ms"), age},
                        {QStringLiteral("action"), QStringLiteral("mark_failed")}}))
                return err;
        }
        return {};
    });
}

Result<CleanupReport> StuckTasks::cleanup(const StuckThresholds &thresholds, CleanupAction action)
{
    Result<StuckReport> named = stuckScope(thresholds);
    if (!named.ok())
        return named.error();
    return cleanup(*named, action);
}

Result<CleanupReport> StuckTasks::cleanup(const StuckReport &named, CleanupAction action)
{
    const StuckThresholds &thresholds = named.thresholds;
    if (Error e = thresholds.validate())
        return e;
    if (!named.named)
        return Error::invalid(
            QStringLiteral("a clean-up needs the named set of a stuck scope (stuckScope())"));
    const StuckScope fence = named.scope();
    CleanupReport start;
    start.action = action;
    start.thresholds = thresholds;
    start.named = action == CleanupAction::MarkFailed ? named.total() : named.runningTotal;
    if (action == CleanupAction::MarkFailed) {
        Result<CleanupReport> queued
            = sweepQueued(thresholds.queueThresholdMs, QStringLiteral("cleanup"), &fence);
        if (!queued.ok())
            return queued.error();
        // Poison threshold 0: nothing is re-queued, every stale task fails.
        Result<CleanupReport> running = sweepLostWorkers(
            thresholds.heartbeatTimeoutMs, 0, QStringLiteral("cleanup"), nullptr, &fence);
        if (!running.ok())
            return running.error();
        start.queuedFailed = queued->queuedFailed;
        start.runningFailed = running->runningFailed;
        start.cleanedAt = running->cleanedAt;
        return start;
    }
    return write(start, [&](CleanupReport &report) { return requeueStuck(fence, report); });
}

Error StuckTasks::requeueStuck(const StuckScope &fence, CleanupReport &report)
{
    // Retry: re-queue every stale running task now, whatever its budget (the
    // operator asked for it): one more attempt is granted where none is left.
    Result<QSqlQuery> q = m_db.runWith(
        QStringLiteral("UPDATE tasks {INDEX:tasks_running_heartbeat_idx} SET status = "
                       "'PENDING', outcome = NULL, lease = NULL, run_after = {NOW}, "
                       "max_attempts = CASE WHEN attempt >= max_attempts THEN attempt + 1 ELSE "
                       "max_attempts END, updated_at = {NOW}, error_message = 'Worker lost (no "
                       "heartbeat); re-queued by clean-up' WHERE ")
            + kRunningStuck + namedIdsSql(m_db, &fence, QStringLiteral(":rids"))
            + QStringLiteral(" RETURNING id, name, heartbeat_at"),
        QStringLiteral("cleanup"), [&](QSqlQuery &query) {
            bindRunningStuck(query, fence);
            bindNamedIds(query, m_db, &fence, QStringLiteral(":rids"), fence.runningIds);
        });
    if (!q.ok())
        return q.error();
    const QVector<ChangedRow> rows = changedRows(q.value());
    for (const ChangedRow &row : rows) {
        report.runningRequeued.append(row.id);
        if (Error err = m_db.run(QStringLiteral("UPDATE task_items SET status = 'PENDING', "
                                                "started_at = NULL WHERE task_id = :t AND "
                                                "status = 'RUNNING'"),
                                QStringLiteral("cleanup items"), {{":t", row.id}})
                            .error())
            return err;
        const qint64 age = report.cleanedAt - row.at;
        if (Error err = insertLog(m_db, row.id, 0, QStringLiteral("warning"),
                QStringLiteral("No heartbeat for %1 s; re-queued by %2 (clean-up)")
                    .arg(age / 1000)
                    .arg(m_actor)))
            return err;
        if (Error err = m_audit.record(m_actor, QStringLiteral("cleanup"), row.id, row.name,
                QStringLiteral("RUNNING"), QStringLiteral("PENDING"),
                {{QStringLiteral("rule"), QStringLiteral("cleanup")},
                    {QStringLiteral("threshold_ms"), report.thresholds.heartbeatTimeoutMs},
                    {QStringLiteral("age_ms"), age},
                    {QStringLiteral("action"), QStringLiteral("retry")}}))
            return err;
    }
    return {};
}

} // namespace taskdesk
