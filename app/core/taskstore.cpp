#include "taskstore.h"

#include "database.h"
#include "tasks/executionstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace taskdesk {

namespace {

const QString kTaskColumns = QStringLiteral(
    "id, name, kind, queue, priority, args, status, outcome, error_message, attempt, "
    "max_attempts, run_after, time_limit_s, created_at, started_at, heartbeat_at, completed_at, "
    "updated_at, worker_id, lease, progress_done, progress_total, rescues, schedule_id, {NOW}");

// A task whose progress is not kept from its items (in an UPDATE of tasks).
const QString kNoItems
    = QStringLiteral("NOT EXISTS (SELECT 1 FROM task_items i WHERE i.task_id = tasks.id)");

Task taskFromRow(const QSqlQuery &q)
{
    Task t;
    t.id = q.value(0).toLongLong();
    t.name = q.value(1).toString();
    t.kind = q.value(2).toString();
    t.queue = q.value(3).toString();
    t.priority = q.value(4).toInt();
    t.args = q.value(5).toString();
    t.status = parseStatus(q.value(6).toString()).value_or(TaskStatus::Pending);
    t.outcome = q.value(7).toString();
    t.errorMessage = q.value(8).toString();
    t.attempt = q.value(9).toInt();
    t.maxAttempts = q.value(10).toInt();
    t.runAfter = q.value(11).toLongLong();
    t.timeLimitS = q.value(12).toInt();
    t.createdAt = q.value(13).toLongLong();
    t.startedAt = q.value(14).toLongLong();
    t.heartbeatAt = q.value(15).toLongLong();
    t.completedAt = q.value(16).toLongLong();
    t.updatedAt = q.value(17).toLongLong();
    t.workerId = q.value(18).toString();
    t.lease = q.value(19).toString();
    t.progressDone = q.value(20).toInt();
    t.progressTotal = q.value(21).toInt();
    t.rescues = q.value(22).toInt();
    t.scheduleId = q.value(23).toLongLong();
    t.dbNow = q.value(24).toLongLong();
    return t;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

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

QJsonArray idArray(const QVector<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(id);
    return a;
}

// Inside a write transaction: whether `lease` still holds the RUNNING task,
// locking its row until the commit. Worker calls that touch items or the log
// take the task row first, like every transition does: taking the item first
// deadlocked against a Force Stop on PostgreSQL, and checking without the lock
// let a started item or output lines land just after a Force Stop.
Result<bool> lockHeldTask(Database &db, qint64 taskId, const QString &lease, const QString &what)
{
    Result<QSqlQuery> q = db.prepare(QStringLiteral("SELECT id FROM tasks WHERE id = :t AND status "
                                                    "= 'RUNNING' AND lease = :lease {FOR_UPDATE}"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":t"), taskId);
    q.value().bindValue(QStringLiteral(":lease"), lease);
    if (Error e = db.exec(q.value(), what))
        return e;
    const bool held = q.value().next();
    q.value().finish();
    return held;
}

// The one definition of stuck (StuckScope) as SQL, with the placeholders
// :qcutoff<suffix> or :rcutoff<suffix>, and :qmaxid<suffix> or :rmaxid<suffix>.
QString queuedStuckSql(const QString &suffix = QString())
{
    return QStringLiteral("status = 'PENDING' AND run_after < :qcutoff%1 AND id <= :qmaxid%1")
        .arg(suffix);
}

QString runningStuckSql(const QString &suffix = QString())
{
    return QStringLiteral("status = 'RUNNING' AND heartbeat_at < :rcutoff%1 AND id <= :rmaxid%1")
        .arg(suffix);
}

void bindQueuedStuck(QSqlQuery &q, const StuckScope &scope, const QString &suffix = QString())
{
    q.bindValue(QStringLiteral(":qcutoff") + suffix, scope.queuedCutoff());
    q.bindValue(QStringLiteral(":qmaxid") + suffix, scope.maxTaskId);
}

void bindRunningStuck(QSqlQuery &q, const StuckScope &scope, const QString &suffix = QString())
{
    q.bindValue(QStringLiteral(":rcutoff") + suffix, scope.runningCutoff());
    q.bindValue(QStringLiteral(":rmaxid") + suffix, scope.maxTaskId);
}

// A scope's named ids as one bound value, so that one statement takes any
// number: an array on PostgreSQL, a JSON array for json_each() on SQLite.
QString namedIdsSql(const Database &db, const QString &placeholder)
{
    return db.isPostgres()
        ? QStringLiteral(" AND id = ANY(CAST(%1 AS BIGINT[]))").arg(placeholder)
        : QStringLiteral(" AND id IN (SELECT value FROM json_each(%1))").arg(placeholder);
}

QString namedIdsValue(const Database &db, const QVector<qint64> &ids)
{
    QString text;
    text.reserve(ids.size() * 8 + 2);
    text += db.isPostgres() ? QLatin1Char('{') : QLatin1Char('[');
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            text += QLatin1Char(',');
        text += QString::number(ids.at(i));
    }
    text += db.isPostgres() ? QLatin1Char('}') : QLatin1Char(']');
    return text;
}

// The audit action of a sweep rule: an operator's clean-up says so.
QString auditAction(const QString &rule)
{
    return rule == QLatin1String("cleanup") ? QStringLiteral("cleanup") : QStringLiteral("sweep");
}

const QRegularExpression &kindPattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:-]{1,100}$"));
    return re;
}

// The checks of enqueue(); `doc` receives the parsed args.
Error checkNewTask(const NewTask &task, QJsonDocument &doc)
{
    if (!kindPattern().match(task.kind).hasMatch())
        return Error::invalid(QStringLiteral("invalid task kind '%1': use 1 to 100 letters, "
                                             "digits and _ . : -")
                                  .arg(task.kind));
    if (!task.queue.isEmpty() && !kindPattern().match(task.queue).hasMatch())
        return Error::invalid(QStringLiteral("invalid queue name '%1'").arg(task.queue));
    if (task.priority < -1000 || task.priority > 1000)
        return Error::invalid(QStringLiteral("priority must be between -1000 and 1000"));
    if (task.maxAttempts < 1 || task.maxAttempts > 100)
        return Error::invalid(QStringLiteral("max attempts must be between 1 and 100"));
    if (task.timeLimitS < 0 || task.timeLimitS > 7 * 24 * 3600)
        return Error::invalid(
            QStringLiteral("time limit must be between 0 (none) and 604800 seconds"));
    if (task.delayMs < 0 || task.delayMs > 366LL * 24 * 3600 * 1000)
        return Error::invalid(QStringLiteral("delay must be between 0 and one year"));
    if (task.name.size() > 500)
        return Error::invalid(QStringLiteral("task name is longer than 500 characters"));
    if (task.items.size() > 100000)
        return Error::invalid(QStringLiteral("a task takes at most 100000 items"));
    QJsonParseError parseError{};
    const QString args = task.args.isEmpty() ? QStringLiteral("{}") : task.args;
    doc = QJsonDocument::fromJson(args.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || (!doc.isObject() && !doc.isArray()))
        return Error::invalid(QStringLiteral("args are not a JSON object: %1")
                                  .arg(parseError.error != QJsonParseError::NoError
                                          ? parseError.errorString()
                                          : QStringLiteral("expected {…} or […]")));
    return {};
}

} // namespace

// ---------------------------------------------------------------- small types

std::optional<TaskFilter::Sort> TaskFilter::parseSort(const QString &name)
{
    static const QMap<QString, Sort> names{
        {QStringLiteral("id"), Sort::Id},
        {QStringLiteral("name"), Sort::Name},
        {QStringLiteral("kind"), Sort::Kind},
        {QStringLiteral("queue"), Sort::Queue},
        {QStringLiteral("status"), Sort::Status},
        {QStringLiteral("priority"), Sort::Priority},
        {QStringLiteral("progress"), Sort::Progress},
        {QStringLiteral("worker"), Sort::Worker},
        {QStringLiteral("created"), Sort::CreatedAt},
        {QStringLiteral("started"), Sort::StartedAt},
        {QStringLiteral("heartbeat"), Sort::HeartbeatAt},
        {QStringLiteral("completed"), Sort::CompletedAt},
        {QStringLiteral("updated"), Sort::UpdatedAt},
        {QStringLiteral("attempt"), Sort::Attempt},
    };
    const auto it = names.constFind(name.trimmed().toLower());
    if (it == names.constEnd())
        return std::nullopt;
    return it.value();
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

QJsonObject StuckReport::toJson() const
{
    QJsonArray queuedJobs;
    for (const StuckTask &s : queued)
        queuedJobs.append(stuckTaskJson(s, false));
    QJsonArray runningJobs;
    for (const StuckTask &s : running)
        runningJobs.append(stuckTaskJson(s, true));
    const qint64 n = total();
    return {
        {QStringLiteral("stuck_jobs"),
            QJsonObject{{QStringLiteral("total"), n}, {QStringLiteral("queued_stuck"), queuedTotal},
                {QStringLiteral("running_stuck"), runningTotal},
                {QStringLiteral("queued_shown"), int(queued.size())},
                {QStringLiteral("running_shown"), int(running.size())},
                {QStringLiteral("truncated"), truncated()}}},
        {QStringLiteral("max_task_id"), maxTaskId},
        {QStringLiteral("queued_jobs"), queuedJobs},
        {QStringLiteral("running_jobs"), runningJobs},
        {QStringLiteral("threshold_minutes"), double(thresholds.queueThresholdMs) / 60000.0},
        {QStringLiteral("heartbeat_timeout_seconds"),
            double(thresholds.heartbeatTimeoutMs) / 1000.0},
        {QStringLiteral("monitored_at"), isoTime(monitoredAt)},
        {QStringLiteral("monitored_at_ms"), monitoredAt},
        {QStringLiteral("recommendations"),
            QJsonObject{{QStringLiteral("cleanup_needed"), n > 0},
                {QStringLiteral("message"),
                    n > 0 ? QStringLiteral("Found %1 stuck job(s): %2 queued, %3 running. "
                                           "Consider running cleanup.")
                                .arg(n)
                                .arg(queuedTotal)
                                .arg(runningTotal)
                          : QStringLiteral("No stuck jobs.")}}},
    };
}

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
    QString message = n == 0 ? QStringLiteral("No stuck job(s) to clean up.")
                             : QStringLiteral("Successfully cleaned up %1 stuck job(s).").arg(n);
    if (dryRun)
        message = QStringLiteral("Dry run: %1 stuck job(s) would be cleaned up.").arg(n);
    else if (leftAlone() > 0)
        message += QStringLiteral(" %1 of the %2 named had changed meanwhile and were left alone.")
                       .arg(leftAlone())
                       .arg(named);
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
        {QStringLiteral("cleaned_at"), isoTime(cleanedAt)},
        {QStringLiteral("message"), message},
    };
}

qint64 StatusCounts::total() const
{
    qint64 n = 0;
    for (qint64 c : byStatus)
        n += c;
    return n;
}

QJsonObject StatusCounts::toJson() const
{
    QJsonObject o;
    for (const QString &name : allStatusNames())
        o.insert(name, byStatus.value(*parseStatus(name)));
    o.insert(QStringLiteral("STUCK"), stuck);
    o.insert(QStringLiteral("STUCK_QUEUED"), stuckQueued);
    o.insert(QStringLiteral("STUCK_RUNNING"), stuckRunning);
    o.insert(QStringLiteral("TOTAL"), total());
    return o;
}

QJsonObject Stats::toJson() const
{
    QJsonArray series;
    for (auto it = perMinute.constBegin(); it != perMinute.constEnd(); ++it)
        series.append(QJsonObject{{QStringLiteral("minute"), isoTime(it.key() * 60000)},
            {QStringLiteral("completed"), it.value().first},
            {QStringLiteral("failed"), it.value().second}});
    QJsonObject outcomeObject;
    for (auto it = outcomes.constBegin(); it != outcomes.constEnd(); ++it)
        outcomeObject.insert(it.key(), it.value());
    return {
        {QStringLiteral("hours"), hours},
        {QStringLiteral("from"), isoTime(from)},
        {QStringLiteral("to"), isoTime(to)},
        {QStringLiteral("counts"), counts.toJson()},
        {QStringLiteral("completed"), completedInWindow},
        {QStringLiteral("failed"), failedInWindow},
        {QStringLiteral("throughput_per_hour"),
            hours > 0 ? double(completedInWindow + failedInWindow) / hours : 0.0},
        {QStringLiteral("failure_rate"),
            completedInWindow + failedInWindow > 0
                ? double(failedInWindow) / double(completedInWindow + failedInWindow)
                : 0.0},
        {QStringLiteral("average_duration_ms"), averageDurationMs},
        {QStringLiteral("outcomes"), outcomeObject},
        {QStringLiteral("per_minute"), series},
    };
}

qint64 RetryPolicy::delayFor(int attempt) const
{
    qint64 delay = baseMs;
    for (int i = 1; i < attempt && delay < capMs; ++i)
        delay *= 2;
    return std::min(delay, capMs);
}

// ---------------------------------------------------------------- TaskStore

TaskStore::TaskStore(Database &db, QString actor)
    : m_db(db)
    , m_audit(db)
    , m_actor(std::move(actor))
{ }

Error TaskStore::insertLog(
    qint64 taskId, qint64 itemId, const QString &level, const QString &message)
{
    Result<QSqlQuery *> q = m_db.prepareKept(QStringLiteral(
        "INSERT INTO task_log (task_id, item_id, level, message) VALUES (:t, :i, :l, :m)"));
    if (!q.ok())
        return q.error();
    QSqlQuery &query = **q;
    query.bindValue(QStringLiteral(":t"), taskId);
    query.bindValue(QStringLiteral(":i"), itemId > 0 ? QVariant(itemId) : QVariant());
    query.bindValue(QStringLiteral(":l"), Database::text(level));
    query.bindValue(QStringLiteral(":m"), Database::text(message));
    return m_db.exec(query, QStringLiteral("log"));
}

Result<QSqlQuery *> TaskStore::prepareBatch(
    const QString &statement, bool keep, std::optional<QSqlQuery> &partial, Database::KeptRows rows)
{
    // A batch of a size that recurs (a full one) is kept prepared; another is
    // prepared for once (a sweep's last batch has any size).
    if (keep)
        return m_db.prepareKept(statement, rows);
    Result<QSqlQuery> q = m_db.prepare(statement);
    if (!q.ok())
        return q.error();
    partial = std::move(q.value());
    return &*partial;
}

Error TaskStore::insertLogs(const QVector<LogLine> &lines)
{
    // 50 rows a statement.
    constexpr int kRowsPerStatement = 50;
    for (int from = 0; from < lines.size(); from += kRowsPerStatement) {
        const int n = std::min<int>(kRowsPerStatement, int(lines.size()) - from);
        QStringList rows;
        for (int i = 0; i < n; ++i)
            rows << QStringLiteral("(?, ?, ?, ?)");
        const QString statement
            = QStringLiteral("INSERT INTO task_log (task_id, item_id, level, message) VALUES ")
            + rows.join(QStringLiteral(", "));
        // Kept at every size: at most 50 texts, and claims of one to a few tasks
        // write their lines through here.
        std::optional<QSqlQuery> partial;
        Result<QSqlQuery *> query = prepareBatch(statement, true, partial);
        if (!query.ok())
            return query.error();
        for (int i = from; i < from + n; ++i) {
            const LogLine &line = lines.at(i);
            (*query)->addBindValue(line.taskId);
            (*query)->addBindValue(line.itemId > 0 ? QVariant(line.itemId) : QVariant());
            (*query)->addBindValue(Database::text(line.level));
            (*query)->addBindValue(Database::text(line.message));
        }
        if (Error e = m_db.exec(**query, QStringLiteral("log")))
            return e;
    }
    return {};
}

Error TaskStore::execForTasks(const QString &statement, const QVector<qint64> &ids,
    const QString &what, const QVariantList &leading)
{
    // 200 ids a statement; the statement of a full batch is kept prepared.
    constexpr int kIdsPerStatement = 200;
    for (int from = 0; from < ids.size(); from += kIdsPerStatement) {
        const int n = std::min<int>(kIdsPerStatement, int(ids.size()) - from);
        QStringList marks;
        for (int i = 0; i < n; ++i)
            marks << QStringLiteral("?");
        const QString text
            = QString(statement).replace(QLatin1String(":ids"), marks.join(QStringLiteral(", ")));
        std::optional<QSqlQuery> partial;
        Result<QSqlQuery *> query = prepareBatch(text, n == kIdsPerStatement, partial);
        if (!query.ok())
            return query.error();
        for (const QVariant &value : leading)
            (*query)->addBindValue(value);
        for (int i = from; i < from + n; ++i)
            (*query)->addBindValue(ids.at(i));
        if (Error e = m_db.exec(**query, what))
            return e;
    }
    return {};
}

Result<qint64> TaskStore::enqueue(const NewTask &task)
{
    // Bad input is refused before a write transaction is opened.
    QJsonDocument doc;
    if (Error e = checkNewTask(task, doc))
        return e;
    Result<qint64> id = qint64(0);
    Error e = m_db.write([&]() -> Error {
        id = enqueueInTransaction(task);
        return id.error();
    });
    if (e)
        return e;
    return id;
}

Result<qint64> TaskStore::enqueueInTransaction(const NewTask &task)
{
    QJsonDocument doc;
    if (Error e = checkNewTask(task, doc))
        return e;
    qint64 id = 0;
    const QString name = task.name.isEmpty() ? task.kind : task.name;
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
        "INSERT INTO tasks (name, kind, queue, priority, args, max_attempts, time_limit_s, "
        "run_after, schedule_id) VALUES (:name, :kind, :queue, :priority, "
        ":args, :max, :limit, {NOW} + :delay, :schedule) RETURNING id"));
    if (!q.ok())
        return q.error();
    QSqlQuery &query = q.value();
    query.bindValue(QStringLiteral(":name"), Database::text(name));
    query.bindValue(QStringLiteral(":kind"), Database::text(task.kind));
    query.bindValue(
        QStringLiteral(":queue"), task.queue.isEmpty() ? QStringLiteral("default") : task.queue);
    query.bindValue(QStringLiteral(":priority"), task.priority);
    query.bindValue(QStringLiteral(":args"),
        Database::text(QString::fromUtf8(doc.toJson(QJsonDocument::Compact))));
    query.bindValue(QStringLiteral(":max"), task.maxAttempts);
    query.bindValue(QStringLiteral(":limit"), task.timeLimitS);
    query.bindValue(QStringLiteral(":delay"), task.delayMs);
    query.bindValue(
        QStringLiteral(":schedule"), task.scheduleId > 0 ? QVariant(task.scheduleId) : QVariant());
    if (Error err = m_db.exec(query, QStringLiteral("enqueue")))
        return err;
    if (!query.next())
        return Error::database(QStringLiteral("enqueue returned no id"));
    id = query.value(0).toLongLong();
    query.finish();

    if (!task.items.isEmpty()) {
        Result<QSqlQuery> qi = m_db.prepare(QStringLiteral(
            "INSERT INTO task_items (task_id, position, label) VALUES (:t, :p, :l)"));
        if (!qi.ok())
            return qi.error();
        for (int i = 0; i < task.items.size(); ++i) {
            qi.value().bindValue(QStringLiteral(":t"), id);
            qi.value().bindValue(QStringLiteral(":p"), i);
            qi.value().bindValue(QStringLiteral(":l"), Database::text(task.items.at(i)));
            if (Error err = m_db.exec(qi.value(), QStringLiteral("enqueue item")))
                return err;
        }
    }
    if (Error err = insertLog(
            id, 0, QStringLiteral("info"), QStringLiteral("Task created by %1").arg(m_actor)))
        return err;
    if (Error err = m_audit.record(m_actor, QStringLiteral("enqueue"), id, name, {},
            QStringLiteral("PENDING"),
            {{QStringLiteral("kind"), task.kind}, {QStringLiteral("queue"), task.queue},
                {QStringLiteral("items"), int(task.items.size())}}))
        return err;
    return id;
}

namespace {

// The next due tasks in (priority, due time) order, read in that order from an
// index that holds it: overall, or per queue. Within a priority, a task that
// is not due yet (delayed, or backing off) sorts after the due ones instead of
// in front of them, and a worker of one queue never walks the others' backlog.
// For several queues: the best tasks of each, then the best of those.
// A queue is named as a range of one (queue >= ? AND queue <= ?) and leads the
// ORDER BY: with "queue = ?" PostgreSQL drops the queue from the order and may
// walk the overall index instead, past every other queue's backlog (7 ms a
// claim behind 10,000 tasks, against 0.2 ms).
// Positional placeholders: for each queue its name twice and how many, then how
// many again (several queues), or only how many (every queue).
// DESIGN.md rule 7: a task whose previous execution is not known to be over
// (Cancel or Force Stop, then Restart, while the old group still dies; a
// re-queue after a lost worker) waits. Few tasks are ever in that state: the
// claim steps over them on the claim index and asks a small partial index.
const QString kNoOpenExecution
    = QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM executions WHERE executions.task_id = "
                     "tasks.id AND executions.ended_at IS NULL)");

QString claimPick(const QStringList &queues)
{
    auto order = [](const QString &limit, bool byQueue = false) -> QString {
        return QStringLiteral(" ORDER BY ") + (byQueue ? QStringLiteral("queue, ") : QString())
            + QStringLiteral("priority DESC, run_after, id LIMIT ") + limit;
    };
    if (queues.isEmpty())
        return QStringLiteral("SELECT id FROM tasks {INDEX:tasks_pending_idx} WHERE status = "
                              "'PENDING' AND run_after <= {NOW}")
            + kNoOpenExecution + order(QStringLiteral("?")) + QStringLiteral(" {SKIP_LOCKED}");
    QStringList best;
    for (int i = 0; i < queues.size(); ++i)
        best << QStringLiteral("SELECT id, priority, run_after FROM (SELECT id, priority, "
                               "run_after FROM tasks {INDEX:tasks_queue_pending_idx} WHERE "
                               "status = 'PENDING' AND queue >= ? AND queue <= ? AND "
                               "run_after <= {NOW}")
                + kNoOpenExecution + order(QStringLiteral("?"), true)
                + QStringLiteral(" {SKIP_LOCKED}) q%1").arg(i);
    QString pick = QStringLiteral("SELECT id FROM (") + best.join(QStringLiteral(" UNION ALL "))
        + QStringLiteral(") candidates");
    if (queues.size() > 1)
        pick += order(QStringLiteral("?"));
    return pick;
}

} // namespace

Result<std::optional<Claim>> TaskStore::claim(const QString &workerId, const QStringList &queues)
{
    Result<QVector<Claim>> claims = claimMany(workerId, queues, 1);
    if (!claims.ok())
        return claims.error();
    if (claims->isEmpty())
        return std::optional<Claim>();
    return std::optional<Claim>(claims->constFirst());
}

Result<QVector<Claim>> TaskStore::claimMany(
    const QString &workerId, const QStringList &queues, int max)
{
    if (max < 1 || max > kMaxBatch)
        return Error::invalid(
            QStringLiteral("a claim takes between 1 and %1 tasks at once").arg(kMaxBatch));
    Result<FinishedAndClaimed> done = finishSuccessManyAndClaim({}, workerId, queues, max);
    if (!done.ok())
        return done.error();
    return done->claims;
}

Error TaskStore::claimIn(
    const QString &workerId, const QStringList &queues, int max, QVector<Claim> &claims)
{
    claims.clear();
    // One conditional UPDATE claims them all. The fencing token is the lease,
    // a new UUID per task; the attempt counts executions.
    // Kept prepared: a worker's claims differ only in their values. Every row
    // is read and the statement finished below.
    Result<QSqlQuery *> q = m_db.prepareKept(
        QStringLiteral("UPDATE tasks SET status = 'RUNNING', attempt = attempt + 1, "
                       "lease = {UUID}, worker_id = ?, started_at = {NOW}, "
                       "heartbeat_at = {NOW}, updated_at = {NOW}, completed_at = NULL, "
                       "outcome = NULL, "
                       // A new attempt reports its own progress: what the one
                       // before reported is gone (items keep theirs, they are done).
                       "progress_done = CASE WHEN progress_done = 0 OR ")
            + kNoItems
            + QStringLiteral(" THEN 0 ELSE progress_done END, progress_total = CASE WHEN "
                             "progress_total = 0 OR ")
            + kNoItems
            + QStringLiteral(" THEN 0 ELSE progress_total END WHERE id ")
            // PostgreSQL would run an IN (subquery) again for each row it
            // updates, and SKIP LOCKED would then hand each run other rows:
            // ARRAY() runs it once.
            + (m_db.isPostgres() ? QStringLiteral("= ANY(ARRAY(") : QStringLiteral("IN ("))
            + claimPick(queues)
            + (m_db.isPostgres() ? QStringLiteral("))") : QStringLiteral(")"))
            // The picked rows by their primary key. On PostgreSQL the status
            // is compared in the "C" collation (equality is the same in any
            // collation): with "status = 'PENDING'" as written in the
            // indexes, the planner could, on statistics taken while nothing
            // waited, walk a partial index of PENDING tasks or
            // tasks_status_idx for the picked ids instead (every waiting
            // task, 12 ms a claim behind 20,000).
            + (m_db.isPostgres() ? QStringLiteral(" AND status = 'PENDING' COLLATE \"C\"")
                                 : QStringLiteral(" AND status = 'PENDING'"))
            + QStringLiteral(" RETURNING id, name, kind, queue, args, attempt, "
                             "max_attempts, time_limit_s, lease, priority, run_after"),
        Database::KeptRows::ReadToEnd);
    if (!q.ok())
        return q.error();
    QSqlQuery &query = **q;
    query.addBindValue(workerId);
    for (const QString &queue : queues) {
        query.addBindValue(queue);
        query.addBindValue(queue);
        query.addBindValue(max);
    }
    if (queues.size() != 1)
        query.addBindValue(max);
    if (Error err = m_db.exec(query, QStringLiteral("claim")))
        return err;
    struct Order
    {
        int priority;
        qint64 runAfter;
    };
    QHash<qint64, Order> order;
    while (query.next()) {
        Claim c;
        c.taskId = query.value(0).toLongLong();
        c.name = query.value(1).toString();
        c.kind = query.value(2).toString();
        c.queue = query.value(3).toString();
        c.args = query.value(4).toString();
        c.attempt = query.value(5).toInt();
        c.maxAttempts = query.value(6).toInt();
        c.timeLimitS = query.value(7).toInt();
        c.lease = query.value(8).toString();
        order.insert(c.taskId, {query.value(9).toInt(), query.value(10).toLongLong()});
        claims.append(c);
    }
    // An open RETURNING statement keeps SQLite's write lock (QT64-NOTES).
    query.finish();
    if (claims.isEmpty())
        return {};
    // RETURNING comes in no particular order: hand them out in claim order.
    std::sort(claims.begin(), claims.end(), [&order](const Claim &a, const Claim &b) {
        const Order &x = order[a.taskId];
        const Order &y = order[b.taskId];
        if (x.priority != y.priority)
            return x.priority > y.priority;
        return x.runAfter != y.runAfter ? x.runAfter < y.runAfter : a.taskId < b.taskId;
    });

    QHash<qint64, int> index;
    QStringList marks;
    for (int i = 0; i < claims.size(); ++i) {
        index.insert(claims.at(i).taskId, i);
        marks << QStringLiteral("?");
    }
    Result<QSqlQuery *> qi = m_db.prepareKept(
        QStringLiteral("SELECT task_id, id, position, label, status FROM task_items WHERE "
                       "task_id IN (")
            + marks.join(QStringLiteral(", ")) + QStringLiteral(") ORDER BY task_id, position"),
        Database::KeptRows::ReadToEnd);
    if (!qi.ok())
        return qi.error();
    QSqlQuery &items = **qi;
    for (const Claim &c : std::as_const(claims))
        items.addBindValue(c.taskId);
    if (Error err = m_db.exec(items, QStringLiteral("claim items")))
        return err;
    while (items.next()) {
        TaskItem item;
        item.taskId = items.value(0).toLongLong();
        item.id = items.value(1).toLongLong();
        item.position = items.value(2).toInt();
        item.label = items.value(3).toString();
        item.status = parseStatus(items.value(4).toString()).value_or(TaskStatus::Pending);
        claims[index.value(item.taskId)].items.append(item);
    }
    items.finish();
    QVector<LogLine> lines;
    for (const Claim &c : std::as_const(claims))
        lines.append({0, c.taskId, 0, 0, QStringLiteral("info"),
            QStringLiteral("Attempt ") + QString::number(c.attempt) + QStringLiteral(" of ")
                + QString::number(c.maxAttempts) + QStringLiteral(" started on worker ")
                + workerId});
    if (Error err = ExecutionStore(m_db).openInTransaction(workerId, claims))
        return err;
    return insertLogs(lines);
}

Result<bool> TaskStore::heartbeat(
    qint64 taskId, const QString &lease, int progressDone, int progressTotal)
{
    Result<QSqlQuery *> q = m_db.prepareKept(
        QStringLiteral("UPDATE tasks SET heartbeat_at = {NOW}, updated_at = {NOW}, "
                       "progress_done = CASE WHEN :d1 >= 0 THEN :d2 ELSE progress_done END, "
                       "progress_total = CASE WHEN :t1 >= 0 THEN :t2 ELSE progress_total END "
                       "WHERE id = :id AND status = 'RUNNING' AND lease = :lease"));
    if (!q.ok())
        return q.error();
    QSqlQuery &query = **q;
    query.bindValue(QStringLiteral(":d1"), progressDone);
    query.bindValue(QStringLiteral(":d2"), progressDone);
    query.bindValue(QStringLiteral(":t1"), progressTotal);
    query.bindValue(QStringLiteral(":t2"), progressTotal);
    query.bindValue(QStringLiteral(":id"), taskId);
    query.bindValue(QStringLiteral(":lease"), lease);
    if (Error e = m_db.exec(query, QStringLiteral("heartbeat")))
        return e;
    return query.numRowsAffected() == 1;
}

Result<FinishResult> TaskStore::finishSuccess(
    qint64 taskId, const QString &lease, bool executionOver)
{
    return m_db.writeResult(FinishResult(), [&](FinishResult &result) -> Error {
        if (executionOver) {
            if (Error err = ExecutionStore(m_db).closeInTransaction({lease}))
                return err;
        }
        // Done means all done, unless items say how many are.
        Result<QSqlQuery *> q = m_db.prepareKept(
            QStringLiteral(
                "UPDATE tasks SET status = 'COMPLETED', outcome = 'succeeded', error_message = "
                "NULL, "
                "completed_at = {NOW}, heartbeat_at = {NOW}, updated_at = {NOW}, lease = NULL, "
                "rescues = 0, progress_done = CASE WHEN progress_total > 0 AND ")
            + kNoItems
            + QStringLiteral(" THEN progress_total ELSE progress_done END WHERE id = :id AND "
                             "status = 'RUNNING' AND lease = :lease"));
        if (!q.ok())
            return q.error();
        QSqlQuery &query = **q;
        query.bindValue(QStringLiteral(":id"), taskId);
        query.bindValue(QStringLiteral(":lease"), lease);
        if (Error err = m_db.exec(query, QStringLiteral("finish")))
            return err;
        if (query.numRowsAffected() != 1)
            return {};
        result.accepted = true;
        result.status = TaskStatus::Completed;
        return insertLog(taskId, 0, QStringLiteral("info"), QStringLiteral("Task completed"));
    });
}

Result<QVector<qint64>> TaskStore::finishSuccessMany(
    const QVector<std::pair<qint64, QString>> &tasks)
{
    if (tasks.size() > kMaxBatch)
        return Error::invalid(
            QStringLiteral("at most %1 tasks are finished at once").arg(kMaxBatch));
    if (tasks.isEmpty())
        return QVector<qint64>();
    Result<FinishedAndClaimed> done = finishSuccessManyAndClaim(tasks, {}, {}, 0);
    if (!done.ok())
        return done.error();
    return done->accepted;
}

Result<TaskStore::FinishedAndClaimed> TaskStore::finishSuccessManyAndClaim(
    const QVector<std::pair<qint64, QString>> &tasks, const QString &workerId,
    const QStringList &queues, int max, const QStringList &stillRunning)
{
    if (tasks.size() > kMaxBatch || max < 0 || max > kMaxBatch)
        return Error::invalid(
            QStringLiteral("at most %1 tasks are finished or claimed at once").arg(kMaxBatch));
    FinishedAndClaimed done;
    // A claim reads the claim index in its order, whatever the statistics say.
    Error e = m_db.write(
        [&]() -> Error {
            if (Error err = finishSuccessIn(tasks, done.accepted))
                return err;
            QStringList over;
            for (const auto &task : tasks) {
                if (!stillRunning.contains(task.second))
                    over << task.second;
            }
            if (Error err = ExecutionStore(m_db).closeInTransaction(over))
                return err;
            done.claims.clear();
            return max > 0 ? claimIn(workerId, queues, max, done.claims) : Error();
        },
        max > 0 ? Database::Plans::IndexOrder : Database::Plans::Default);
    if (e)
        return e;
    return done;
}

Error TaskStore::finishSuccessIn(
    const QVector<std::pair<qint64, QString>> &tasks, QVector<qint64> &accepted)
{
    accepted.clear();
    if (tasks.isEmpty())
        return {};
    // One conditional UPDATE: each task's own lease fences its result.
    QStringList fenced;
    for (int i = 0; i < tasks.size(); ++i)
        fenced << QStringLiteral("(id = ? AND lease = ?)");
    const QString statement
        = QStringLiteral("UPDATE tasks SET status = 'COMPLETED', outcome = 'succeeded', "
                         "error_message = NULL, completed_at = {NOW}, heartbeat_at = {NOW}, "
                         "updated_at = {NOW}, lease = NULL, rescues = 0, progress_done = CASE "
                         "WHEN progress_total > 0 AND ")
        + kNoItems
        + QStringLiteral(" THEN progress_total ELSE "
                         "progress_done END "
                         "WHERE status = 'RUNNING' AND (")
        + fenced.join(QStringLiteral(" OR ")) + QStringLiteral(") RETURNING id");
    // The small batches of a worker's event loop are kept prepared (one text
    // per size); a big one is prepared for once.
    std::optional<QSqlQuery> once;
    Result<QSqlQuery *> q = prepareBatch(
        statement, tasks.size() <= kKeptFinishBatch, once, Database::KeptRows::ReadToEnd);
    if (!q.ok())
        return q.error();
    QSqlQuery &query = **q;
    for (const auto &[id, lease] : tasks) {
        query.addBindValue(id);
        query.addBindValue(lease);
    }
    if (Error err = m_db.exec(query, QStringLiteral("finish")))
        return err;
    while (query.next())
        accepted.append(query.value(0).toLongLong());
    query.finish();
    QVector<LogLine> lines;
    for (qint64 id : std::as_const(accepted))
        lines.append({0, id, 0, 0, QStringLiteral("info"), QStringLiteral("Task completed")});
    return insertLogs(lines);
}

Result<FinishResult> TaskStore::finishError(qint64 taskId, const QString &lease, int attempt,
    const QString &message, const QString &outcome, bool retryable, bool executionOver)
{
    const qint64 delay = m_retry.delayFor(attempt);
    return m_db.writeResult(FinishResult(), [&](FinishResult &result) -> Error {
        if (executionOver) {
            if (Error err = ExecutionStore(m_db).closeInTransaction({lease}))
                return err;
        }
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE tasks SET "
            "status = CASE WHEN :r1 = 1 AND attempt < max_attempts THEN 'PENDING' ELSE 'FAILED' "
            "END, "
            "outcome = CASE WHEN :r2 = 1 AND attempt < max_attempts THEN NULL ELSE :outcome END, "
            "run_after = CASE WHEN :r3 = 1 AND attempt < max_attempts THEN {NOW} + :delay ELSE "
            "run_after END, "
            "completed_at = CASE WHEN :r4 = 1 AND attempt < max_attempts THEN NULL ELSE {NOW} END, "
            "error_message = :message, lease = NULL, updated_at = {NOW}, rescues = 0 "
            "WHERE id = :id AND status = 'RUNNING' AND lease = :lease RETURNING status"));
        if (!q.ok())
            return q.error();
        QSqlQuery &query = q.value();
        for (const char *name : {":r1", ":r2", ":r3", ":r4"})
            query.bindValue(QString::fromLatin1(name), retryable ? 1 : 0);
        query.bindValue(QStringLiteral(":outcome"), outcome);
        query.bindValue(QStringLiteral(":delay"), delay);
        query.bindValue(QStringLiteral(":message"), Database::textOrNull(message));
        query.bindValue(QStringLiteral(":id"), taskId);
        query.bindValue(QStringLiteral(":lease"), lease);
        if (Error err = m_db.exec(query, QStringLiteral("finish")))
            return err;
        if (!query.next())
            return {};
        result.accepted = true;
        result.status = parseStatus(query.value(0).toString()).value_or(TaskStatus::Failed);
        query.finish();
        result.requeued = result.status == TaskStatus::Pending;
        result.retryInMs = result.requeued ? delay : 0;

        // Items: a retry runs again what did not complete; a final failure fails
        // the item that was running.
        Result<QSqlQuery> qi = m_db.prepare(result.requeued
                ? QStringLiteral("UPDATE task_items SET status = 'PENDING', started_at = NULL, "
                                 "completed_at = NULL WHERE task_id = :t AND status <> 'COMPLETED'")
                : QStringLiteral("UPDATE task_items SET status = 'FAILED', completed_at = {NOW}, "
                                 "error_message = :m WHERE task_id = :t AND status = 'RUNNING'"));
        if (!qi.ok())
            return qi.error();
        qi.value().bindValue(QStringLiteral(":t"), taskId);
        if (!result.requeued)
            qi.value().bindValue(QStringLiteral(":m"), Database::textOrNull(message));
        if (Error err = m_db.exec(qi.value(), QStringLiteral("finish items")))
            return err;
        const QString line = result.requeued
            ? QStringLiteral("Attempt %1 failed: %2. Retrying in %3 s")
                  .arg(attempt)
                  .arg(message)
                  .arg(double(delay) / 1000.0)
            : QStringLiteral("Task failed (%1): %2").arg(outcome, message);
        return insertLog(
            taskId, 0, result.requeued ? QStringLiteral("warning") : QStringLiteral("error"), line);
    });
}

Result<bool> TaskStore::startItem(qint64 taskId, const QString &lease, qint64 itemId)
{
    bool started = false;
    Error e = m_db.write([&]() -> Error {
        Result<bool> held = lockHeldTask(m_db, taskId, lease, QStringLiteral("start item"));
        if (!held.ok() || !*held)
            return held.error(); // none when the lease is gone: nothing to do
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE task_items SET status = 'RUNNING', started_at = {NOW}, completed_at = NULL, "
            "error_message = NULL WHERE id = :item AND task_id = :t1 AND status = 'PENDING' AND "
            "EXISTS (SELECT 1 FROM tasks WHERE id = :t2 AND status = 'RUNNING' AND lease = "
            ":lease)"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":item"), itemId);
        q.value().bindValue(QStringLiteral(":t1"), taskId);
        q.value().bindValue(QStringLiteral(":t2"), taskId);
        q.value().bindValue(QStringLiteral(":lease"), lease);
        if (Error err = m_db.exec(q.value(), QStringLiteral("start item")))
            return err;
        started = q.value().numRowsAffected() == 1;
        if (!started)
            return {};
        return insertLog(taskId, itemId, QStringLiteral("info"), QStringLiteral("Item started"));
    });
    if (e)
        return e;
    return started;
}

Result<bool> TaskStore::finishItem(
    qint64 taskId, const QString &lease, qint64 itemId, bool succeeded, const QString &errorMessage)
{
    bool finished = false;
    Error e = m_db.write([&]() -> Error {
        Result<bool> held = lockHeldTask(m_db, taskId, lease, QStringLiteral("finish item"));
        if (!held.ok() || !*held)
            return held.error(); // none when the lease is gone: nothing to do
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE task_items SET status = :status, completed_at = {NOW}, error_message = :m "
            "WHERE id = :item AND task_id = :t1 AND status = 'RUNNING' AND EXISTS (SELECT 1 FROM "
            "tasks WHERE id = :t2 AND status = 'RUNNING' AND lease = :lease)"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":status"),
            succeeded ? QStringLiteral("COMPLETED") : QStringLiteral("FAILED"));
        q.value().bindValue(
            QStringLiteral(":m"), succeeded ? QVariant() : Database::textOrNull(errorMessage));
        q.value().bindValue(QStringLiteral(":item"), itemId);
        q.value().bindValue(QStringLiteral(":t1"), taskId);
        q.value().bindValue(QStringLiteral(":t2"), taskId);
        q.value().bindValue(QStringLiteral(":lease"), lease);
        if (Error err = m_db.exec(q.value(), QStringLiteral("finish item")))
            return err;
        finished = q.value().numRowsAffected() == 1;
        if (!finished)
            return {};
        // Progress of a task with items: the items that are done (well).
        Result<QSqlQuery> qp = m_db.prepare(QStringLiteral(
            "UPDATE tasks SET progress_done = (SELECT count(*) FROM task_items WHERE task_id = "
            ":t1 AND status = 'COMPLETED'), updated_at = {NOW}, heartbeat_at = {NOW} "
            "WHERE id = :t2 AND lease = :lease"));
        if (!qp.ok())
            return qp.error();
        qp.value().bindValue(QStringLiteral(":t1"), taskId);
        qp.value().bindValue(QStringLiteral(":t2"), taskId);
        qp.value().bindValue(QStringLiteral(":lease"), lease);
        if (Error err = m_db.exec(qp.value(), QStringLiteral("item progress")))
            return err;
        return insertLog(taskId, itemId,
            succeeded ? QStringLiteral("info") : QStringLiteral("error"),
            succeeded ? QStringLiteral("Item completed")
                      : QStringLiteral("Item failed: %1").arg(errorMessage));
    });
    if (e)
        return e;
    return finished;
}

Result<bool> TaskStore::appendWorkerLog(
    qint64 taskId, const QString &lease, const QVector<LogLine> &lines)
{
    bool held = false;
    Error e = m_db.write([&]() -> Error {
        Result<bool> check = lockHeldTask(m_db, taskId, lease, QStringLiteral("log"));
        if (!check.ok())
            return check.error();
        held = *check;
        if (!held)
            return {};
        for (const LogLine &line : lines) {
            if (Error err = insertLog(taskId, line.itemId, line.level, line.message))
                return err;
        }
        return {};
    });
    if (e)
        return e;
    return held;
}

Error TaskStore::appendLog(
    qint64 taskId, qint64 itemId, const QString &level, const QString &message)
{
    return m_db.write([&]() { return insertLog(taskId, itemId, level, message); });
}

Result<QVector<qint64>> TaskStore::failWorkerTasks(
    const QString &workerId, const QString &outcome, const QString &message)
{
    return m_db.writeResult(QVector<qint64>(), [&](QVector<qint64> &ids) -> Error {
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE tasks SET status = 'FAILED', outcome = :outcome, error_message = :m, "
            "completed_at = {NOW}, updated_at = {NOW}, lease = NULL "
            "WHERE status = 'RUNNING' AND worker_id = :worker RETURNING id, name"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":outcome"), outcome);
        q.value().bindValue(QStringLiteral(":m"), Database::textOrNull(message));
        q.value().bindValue(QStringLiteral(":worker"), workerId);
        if (Error err = m_db.exec(q.value(), QStringLiteral("fail worker tasks")))
            return err;
        QVector<QPair<qint64, QString>> rows;
        while (q.value().next())
            rows.append({q.value().value(0).toLongLong(), q.value().value(1).toString()});
        q.value().finish();
        for (const auto &[id, name] : std::as_const(rows)) {
            ids.append(id);
            Result<QSqlQuery> qi = m_db.prepare(QStringLiteral(
                "UPDATE task_items SET status = 'FAILED', completed_at = {NOW}, error_message = :m "
                "WHERE task_id = :t AND status = 'RUNNING'"));
            if (!qi.ok())
                return qi.error();
            qi.value().bindValue(QStringLiteral(":m"), Database::textOrNull(message));
            qi.value().bindValue(QStringLiteral(":t"), id);
            if (Error err = m_db.exec(qi.value(), QStringLiteral("fail worker items")))
                return err;
            if (Error err = insertLog(id, 0, QStringLiteral("error"), message))
                return err;
            if (Error err = m_audit.record(m_actor, outcome, id, name, QStringLiteral("RUNNING"),
                    QStringLiteral("FAILED"), {{QStringLiteral("worker_id"), workerId}}))
                return err;
        }
        return {};
    });
}

// ---------------------------------------------------------------- operator actions

Result<ActionReport> TaskStore::transition(qint64 taskId, const QString &action,
    const QStringList &allowedFrom, const QString &refusal,
    const std::function<Error(const QString &, ActionReport &, QJsonObject &)> &apply)
{
    ActionReport fresh;
    fresh.taskId = taskId;
    auto explain = [&](const QString &status) {
        return refusal.arg(status);
    };
    return m_db.writeResult(fresh, [&](ActionReport &report) -> Error {
        QJsonObject details;
        // The read only names the status for the audit row and the message; the
        // UPDATE in apply() is conditional on that status and its row count decides.
        auto readStatus = [&](bool withName) -> Result<QString> {
            Result<QSqlQuery> q
                = m_db.prepare(QStringLiteral("SELECT name, status FROM tasks WHERE id = :id"));
            if (!q.ok())
                return q.error();
            q.value().bindValue(QStringLiteral(":id"), taskId);
            if (Error err = m_db.exec(q.value(), action))
                return err;
            if (!q.value().next())
                return Error::notFound(QStringLiteral("Task %1 not found").arg(taskId));
            if (withName)
                report.taskName = q.value().value(0).toString();
            const QString status = q.value().value(1).toString();
            q.value().finish();
            return status;
        };
        Result<QString> before = readStatus(true);
        // A task that moved between our read and our update (PostgreSQL; SQLite's
        // BEGIN IMMEDIATE serialises) is read again: to another status that allows
        // the action (a Cancel of a PENDING task that a worker just claimed), the
        // action goes ahead from there; otherwise the refusal names what it is now.
        for (int round = 0;; ++round) {
            if (!before.ok())
                return before.error();
            report.before = *before;
            if (!allowedFrom.contains(*before))
                return Error::refused(explain(*before));
            if (Error err = apply(*before, report, details))
                return err;
            if (report.done)
                break;
            if (round == 3)
                return Error::refused(explain(*before + QStringLiteral(", changing")));
            before = readStatus(false);
        }
        details.insert(QStringLiteral("items_changed"), report.itemsChanged);
        return m_audit.record(
            m_actor, action, taskId, report.taskName, *before, report.after, details);
    });
}

Result<ActionReport> TaskStore::cancel(qint64 taskId)
{
    return transition(taskId, QStringLiteral("cancel"),
        {QStringLiteral("PENDING"), QStringLiteral("RUNNING")},
        QStringLiteral("Task %1 cannot be cancelled: it is not pending or running (current "
                       "status: %2)")
            .arg(taskId),
        [&](const QString &before, ActionReport &report, QJsonObject &) -> Error {
            const QString text = QStringLiteral("Task cancelled manually by %1").arg(m_actor);
            Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
                "UPDATE tasks SET status = 'FAILED', outcome = 'cancelled', error_message = :m, "
                "completed_at = {NOW}, updated_at = {NOW}, lease = NULL "
                "WHERE id = :id AND status = :before"));
            if (!q.ok())
                return q.error();
            q.value().bindValue(QStringLiteral(":m"), Database::textOrNull(text));
            q.value().bindValue(QStringLiteral(":id"), taskId);
            q.value().bindValue(QStringLiteral(":before"), before);
            if (Error err = m_db.exec(q.value(), QStringLiteral("cancel")))
                return err;
            if (q.value().numRowsAffected() != 1)
                return {};
            report.done = true;
            report.after = QStringLiteral("FAILED");
            Result<QSqlQuery> qi = m_db.prepare(QStringLiteral(
                "UPDATE task_items SET status = 'FAILED', completed_at = {NOW}, error_message = :m "
                "WHERE task_id = :t AND status = 'RUNNING'"));
            if (!qi.ok())
                return qi.error();
            qi.value().bindValue(
                QStringLiteral(":m"), QStringLiteral("Cancelled by %1").arg(m_actor));
            qi.value().bindValue(QStringLiteral(":t"), taskId);
            if (Error err = m_db.exec(qi.value(), QStringLiteral("cancel items")))
                return err;
            report.itemsChanged = qi.value().numRowsAffected();
            report.message = QStringLiteral("Task \"%1\" has been cancelled and marked as failed.")
                                 .arg(report.taskName);
            if (report.itemsChanged > 0)
                report.message += QStringLiteral(" %1 running item(s) were also stopped.")
                                      .arg(report.itemsChanged);
            return insertLog(taskId, 0, QStringLiteral("warning"), text);
        });
}

Result<ActionReport> TaskStore::forceStop(qint64 taskId)
{
    return transition(taskId, QStringLiteral("force_stop"), {QStringLiteral("RUNNING")},
        QStringLiteral("Task %1 is not running (current status: %2)").arg(taskId),
        [&](const QString &before, ActionReport &report, QJsonObject &) -> Error {
            Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
                "UPDATE tasks SET status = 'FAILED', outcome = 'force_stopped', error_message = "
                ":m, completed_at = {NOW}, updated_at = {NOW}, lease = NULL "
                "WHERE id = :id AND status = :before"));
            if (!q.ok())
                return q.error();
            q.value().bindValue(
                QStringLiteral(":m"), QStringLiteral("Task force stopped by %1").arg(m_actor));
            q.value().bindValue(QStringLiteral(":id"), taskId);
            q.value().bindValue(QStringLiteral(":before"), before);
            if (Error err = m_db.exec(q.value(), QStringLiteral("force stop")))
                return err;
            if (q.value().numRowsAffected() != 1)
                return {};
            report.done = true;
            report.after = QStringLiteral("FAILED");

            const QString itemText = QStringLiteral("⚠️ Force stopped by %1").arg(m_actor);
            Result<QSqlQuery> qi = m_db.prepare(QStringLiteral(
                "UPDATE task_items SET status = 'FAILED', completed_at = {NOW}, error_message = :m "
                "WHERE task_id = :t AND status = 'RUNNING' RETURNING id"));
            if (!qi.ok())
                return qi.error();
            qi.value().bindValue(QStringLiteral(":m"), Database::textOrNull(itemText));
            qi.value().bindValue(QStringLiteral(":t"), taskId);
            if (Error err = m_db.exec(qi.value(), QStringLiteral("force stop items")))
                return err;
            QVector<qint64> itemIds;
            while (qi.value().next())
                itemIds.append(qi.value().value(0).toLongLong());
            qi.value().finish();
            report.itemsChanged = int(itemIds.size());
            for (qint64 itemId : std::as_const(itemIds)) {
                if (Error err = insertLog(taskId, itemId, QStringLiteral("warning"), itemText))
                    return err;
            }
            report.message = QStringLiteral("Task \"%1\" has been force stopped. %2 running "
                                            "item(s) were also stopped. You can now delete or "
                                            "restart the task.")
                                 .arg(report.taskName)
                                 .arg(report.itemsChanged);
            return insertLog(taskId, 0, QStringLiteral("warning"),
                QStringLiteral("⚠️ Task force stopped by %1").arg(m_actor));
        });
}

Result<ActionReport> TaskStore::restart(qint64 taskId)
{
    return transition(taskId, QStringLiteral("restart"),
        {QStringLiteral("COMPLETED"), QStringLiteral("FAILED")},
        QStringLiteral("Task %1 cannot be restarted: only completed or failed tasks can "
                       "(current status: %2)")
            .arg(taskId),
        [&](const QString &before, ActionReport &report, QJsonObject &) -> Error {
            Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
                "UPDATE tasks SET status = 'PENDING', outcome = NULL, error_message = NULL, "
                "attempt = 0, rescues = 0, run_after = {NOW}, started_at = NULL, heartbeat_at = "
                "NULL, completed_at = NULL, worker_id = NULL, lease = NULL, progress_done = 0, "
                "updated_at = {NOW} WHERE id = :id AND status = :before"));
            if (!q.ok())
                return q.error();
            q.value().bindValue(QStringLiteral(":id"), taskId);
            q.value().bindValue(QStringLiteral(":before"), before);
            if (Error err = m_db.exec(q.value(), QStringLiteral("restart")))
                return err;
            if (q.value().numRowsAffected() != 1)
                return {};
            report.done = true;
            report.after = QStringLiteral("PENDING");
            Result<QSqlQuery> qi = m_db.prepare(QStringLiteral(
                "UPDATE task_items SET status = 'PENDING', started_at = NULL, completed_at = NULL, "
                "error_message = NULL WHERE task_id = :t"));
            if (!qi.ok())
                return qi.error();
            qi.value().bindValue(QStringLiteral(":t"), taskId);
            if (Error err = m_db.exec(qi.value(), QStringLiteral("restart items")))
                return err;
            report.itemsChanged = qi.value().numRowsAffected();
            report.message = QStringLiteral("Task \"%1\" has been restarted and is pending.")
                                 .arg(report.taskName);
            return insertLog(taskId, 0, QStringLiteral("info"),
                QStringLiteral("Task restarted by %1").arg(m_actor));
        });
}

Result<ActionReport> TaskStore::remove(qint64 taskId)
{
    return transition(taskId, QStringLiteral("delete"),
        {QStringLiteral("PENDING"), QStringLiteral("COMPLETED"), QStringLiteral("FAILED")},
        QStringLiteral("Task %1 is running and cannot be deleted; force stop or cancel it first "
                       "(current status: %2)")
            .arg(taskId),
        [&](const QString &before, ActionReport &report, QJsonObject &details) -> Error {
            // Items and log lines first: if the task turns out to have changed,
            // the whole transaction rolls back.
            for (const QString &table :
                {QStringLiteral("task_items"), QStringLiteral("task_log")}) {
                Result<QSqlQuery> qd = m_db.prepare(
                    QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE task_id = :t"));
                if (!qd.ok())
                    return qd.error();
                qd.value().bindValue(QStringLiteral(":t"), taskId);
                if (Error err = m_db.exec(qd.value(), QStringLiteral("delete")))
                    return err;
                if (table == QLatin1String("task_items")) // += : a second round finds none
                    report.itemsChanged += qd.value().numRowsAffected();
            }
            const QString columns
                = QString(kTaskColumns).replace(QLatin1String(", {NOW}"), QString());
            Result<QSqlQuery> q = m_db.prepare(
                QStringLiteral("DELETE FROM tasks WHERE id = :id AND status = :before RETURNING ")
                + columns);
            if (!q.ok())
                return q.error();
            q.value().bindValue(QStringLiteral(":id"), taskId);
            q.value().bindValue(QStringLiteral(":before"), before);
            if (Error err = m_db.exec(q.value(), QStringLiteral("delete")))
                return err;
            if (!q.value().next())
                return {};
            // The audit row keeps a snapshot of what was deleted.
            QJsonObject snapshot;
            const QStringList names = columns.split(QStringLiteral(", "));
            for (int i = 0; i < names.size(); ++i)
                snapshot.insert(names.at(i), QJsonValue::fromVariant(q.value().value(i)));
            q.value().finish();
            details.insert(QStringLiteral("snapshot"), snapshot);
            report.done = true;
            report.after = QStringLiteral("DELETED");
            report.message = QStringLiteral("Task \"%1\" has been deleted.").arg(report.taskName);
            return {};
        });
}

// ---------------------------------------------------------------- reading

Result<Task> TaskStore::task(qint64 taskId)
{
    Result<QSqlQuery> q = m_db.prepare(
        QStringLiteral("SELECT ") + kTaskColumns + QStringLiteral(" FROM tasks WHERE id = :id"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":id"), taskId);
    if (Error e = m_db.exec(q.value(), QStringLiteral("task")))
        return e;
    if (!q.value().next())
        return Error::notFound(QStringLiteral("Task %1 not found").arg(taskId));
    Task t = taskFromRow(q.value());
    q.value().finish();
    Result<QSqlQuery> qi = m_db.prepare(QStringLiteral(
        "SELECT count(*), COALESCE(sum(CASE WHEN status = 'COMPLETED' THEN 1 ELSE 0 END), 0), "
        "COALESCE(sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END), 0) FROM task_items "
        "WHERE task_id = :t"));
    if (!qi.ok())
        return qi.error();
    qi.value().bindValue(QStringLiteral(":t"), taskId);
    if (Error e = m_db.exec(qi.value(), QStringLiteral("task items")))
        return e;
    if (qi.value().next()) {
        t.itemsTotal = qi.value().value(0).toInt();
        t.itemsDone = qi.value().value(1).toInt();
        t.itemsFailed = qi.value().value(2).toInt();
    }
    return t;
}

Result<QVector<TaskItem>> TaskStore::items(qint64 taskId)
{
    Result<QSqlQuery> q = m_db.prepare(
        QStringLiteral("SELECT id, task_id, position, label, status, started_at, completed_at, "
                       "error_message FROM task_items WHERE task_id = :t ORDER BY position, id"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":t"), taskId);
    if (Error e = m_db.exec(q.value(), QStringLiteral("items")))
        return e;
    QVector<TaskItem> list;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        TaskItem item;
        item.id = r.value(0).toLongLong();
        item.taskId = r.value(1).toLongLong();
        item.position = r.value(2).toInt();
        item.label = r.value(3).toString();
        item.status = parseStatus(r.value(4).toString()).value_or(TaskStatus::Pending);
        item.startedAt = r.value(5).toLongLong();
        item.completedAt = r.value(6).toLongLong();
        item.errorMessage = r.value(7).toString();
        list.append(item);
    }
    return list;
}

Result<QVector<LogLine>> TaskStore::log(qint64 taskId, qint64 afterId, int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
        "SELECT id, task_id, item_id, at, level, message FROM task_log WHERE task_id = :t AND id "
        "> :after ORDER BY id LIMIT :limit"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":t"), taskId);
    q.value().bindValue(QStringLiteral(":after"), afterId);
    q.value().bindValue(QStringLiteral(":limit"), limit);
    if (Error e = m_db.exec(q.value(), QStringLiteral("log")))
        return e;
    QVector<LogLine> lines;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        lines.append({r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toLongLong(),
            r.value(3).toLongLong(), r.value(4).toString(), r.value(5).toString()});
    }
    return lines;
}

namespace {

QString sortColumn(TaskFilter::Sort sort)
{
    switch (sort) {
    case TaskFilter::Sort::Id:
        return QStringLiteral("id");
    case TaskFilter::Sort::Name:
        return QStringLiteral("name");
    case TaskFilter::Sort::Kind:
        return QStringLiteral("kind");
    case TaskFilter::Sort::Queue:
        return QStringLiteral("queue");
    case TaskFilter::Sort::Status:
        return QStringLiteral("status");
    case TaskFilter::Sort::Priority:
        return QStringLiteral("priority");
    case TaskFilter::Sort::Progress:
        return QStringLiteral("progress_done");
    // NULLs sort first on SQLite and last on PostgreSQL: read as 0 or '' they
    // sort alike, and keyset paging compares plain values.
    case TaskFilter::Sort::Worker:
        return QStringLiteral("COALESCE(worker_id, '')");
    case TaskFilter::Sort::CreatedAt:
        return QStringLiteral("created_at");
    case TaskFilter::Sort::StartedAt:
        return QStringLiteral("COALESCE(started_at, 0)");
    case TaskFilter::Sort::HeartbeatAt:
        return QStringLiteral("COALESCE(heartbeat_at, 0)");
    case TaskFilter::Sort::CompletedAt:
        return QStringLiteral("COALESCE(completed_at, 0)");
    case TaskFilter::Sort::UpdatedAt:
        return QStringLiteral("updated_at");
    case TaskFilter::Sort::Attempt:
        return QStringLiteral("attempt");
    }
    return QStringLiteral("id");
}

// The condition of a filter, empty for all tasks; values are bound by bindFilter().
QString filterCondition(const TaskFilter &f)
{
    QStringList parts;
    if (!f.statuses.isEmpty()) {
        QStringList names;
        for (int i = 0; i < f.statuses.size(); ++i)
            names << QStringLiteral(":st%1").arg(i);
        parts << QStringLiteral("status IN (") + names.join(QStringLiteral(", "))
                + QLatin1Char(')');
    }
    if (f.stuckOnly)
        parts << QStringLiteral("((status = 'RUNNING' AND heartbeat_at < {NOW} - :stuckms) OR "
                                "(status = 'PENDING' AND run_after < {NOW} - :stuckqms))");
    if (!f.queue.isEmpty())
        parts << QStringLiteral("queue = :queue");
    if (!f.kind.isEmpty())
        parts << QStringLiteral("kind = :kind");
    if (!f.search.isEmpty()) {
        QString s = QStringLiteral("(name {LIKE} :s1 ESCAPE '\\' OR kind {LIKE} :s2 ESCAPE '\\' OR "
                                   "worker_id {LIKE} :s3 ESCAPE '\\' OR error_message {LIKE} :s4 "
                                   "ESCAPE '\\'");
        bool isNumber = false;
        f.search.trimmed().toLongLong(&isNumber);
        if (isNumber)
            s += QStringLiteral(" OR id = :sid");
        parts << s + QLatin1Char(')');
    }
    return parts.join(QStringLiteral(" AND "));
}

QString filterClause(const TaskFilter &f)
{
    const QString condition = filterCondition(f);
    return condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition;
}

// "id is after/before the key" in the filter's order (sorted by the id).
QString keysetCondition(const TaskFilter &f, bool after)
{
    const bool greater = after != f.descending;
    return QStringLiteral("id") + (greater ? QStringLiteral(" > ") : QStringLiteral(" < "))
        + QStringLiteral(":kid");
}

QString orderClause(const TaskFilter &f, bool reversed = false)
{
    const QString direction
        = f.descending != reversed ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString order = sortColumn(f.sort) + direction;
    if (f.sort != TaskFilter::Sort::Id)
        order += QStringLiteral(", id") + direction;
    return order;
}

// `suffix` follows every name, as withSuffix() renamed them.
void bindFilter(QSqlQuery &q, const TaskFilter &f, const QString &suffix = QString())
{
    for (int i = 0; i < f.statuses.size(); ++i)
        q.bindValue(QStringLiteral(":st%1").arg(i) + suffix, statusName(f.statuses.at(i)));
    if (f.stuckOnly) {
        q.bindValue(QStringLiteral(":stuckms") + suffix, f.stuckHeartbeatMs);
        q.bindValue(QStringLiteral(":stuckqms") + suffix, f.stuckQueueMs);
    }
    if (!f.queue.isEmpty())
        q.bindValue(QStringLiteral(":queue") + suffix, f.queue);
    if (!f.kind.isEmpty())
        q.bindValue(QStringLiteral(":kind") + suffix, f.kind);
    if (!f.search.isEmpty()) {
        const QString pattern = Database::likePattern(f.search.trimmed());
        for (const char *name : {":s1", ":s2", ":s3", ":s4"})
            q.bindValue(QString::fromLatin1(name) + suffix, pattern);
        bool isNumber = false;
        const qint64 id = f.search.trimmed().toLongLong(&isNumber);
        if (isNumber)
            q.bindValue(QStringLiteral(":sid") + suffix, id);
    }
}

// The named placeholders of `sql` with `suffix` after each: a condition that a
// statement holds twice.
QString withSuffix(const QString &sql, const QString &suffix)
{
    static const QRegularExpression name(QStringLiteral(":([A-Za-z][A-Za-z0-9_]*)"));
    return QString(sql).replace(name, QStringLiteral(":\\1") + suffix);
}

// The index that holds a sort order on SQLite (migration 6), empty for none.
QString sortIndex(TaskFilter::Sort sort)
{
    switch (sort) {
    case TaskFilter::Sort::Name:
        return QStringLiteral("tasks_name_idx");
    case TaskFilter::Sort::Kind:
        return QStringLiteral("tasks_kind_idx");
    case TaskFilter::Sort::Queue:
        return QStringLiteral("tasks_queue_idx");
    case TaskFilter::Sort::Worker:
        return QStringLiteral("tasks_worker_idx");
    case TaskFilter::Sort::StartedAt:
        return QStringLiteral("tasks_started_idx");
    default:
        return {};
    }
}

} // namespace

Result<QVector<Task>> TaskStore::list(const TaskFilter &filter)
{
    if (Error e = checkSearch(filter.search))
        return e;
    if (Error e = checkLimit(filter.limit, 1000000))
        return e;
    if (filter.offset < 0)
        return Error::invalid(QStringLiteral("offset must not be negative"));
    if (filter.after && filter.before)
        return Error::invalid(QStringLiteral("page after a key or before one, not both"));
    // Rows before a key are read backwards from it, then turned around.
    const std::optional<TaskKey> &key = filter.after ? filter.after : filter.before;
    const bool backwards = filter.before.has_value();
    const bool byId = filter.sort == TaskFilter::Sort::Id;
    Result<QString> hint = indexHint(filter);
    if (!hint.ok())
        return hint.error();
    const QString condition = filterCondition(filter);
    const QString order = orderClause(filter, backwards);
    auto select = [&](const QString &where, const QString &orderBy) -> QString {
        return QStringLiteral("SELECT ") + kTaskColumns + QStringLiteral(" FROM tasks")
            + hint.value() + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where)
            + QStringLiteral(" ORDER BY ") + orderBy;
    };
    auto and_ = [](const QString &a, const QString &b) -> QString {
        return a.isEmpty() ? b : a + QStringLiteral(" AND ") + b;
    };
    QString sql;
    if (!key) {
        sql = select(condition, order) + QStringLiteral(" LIMIT :limit OFFSET :offset");
    } else if (byId) {
        sql = select(and_(condition, keysetCondition(filter, !backwards)), order)
            + QStringLiteral(" LIMIT :limit");
    } else {
        // After (v, k): the rows of value v beyond id k, then the rows beyond v.
        // Each part is one seek in the (column, id) index. As one condition,
        // column >= v AND (column > v OR id > k), the index served only the
        // column, and a column of few values (the worker, the kind) walked every
        // row of v before k: 20 ms a page at a million rows. (A row value
        // (column, id) > (v, k) is no help: SQLite does not serve one from an
        // index on an expression.)
        const bool greater = !backwards != filter.descending;
        const QString op = greater ? QStringLiteral(" > ") : QStringLiteral(" < ");
        const QString column = sortColumn(filter.sort);
        // The ties in id order alone: SQLite sorted them otherwise.
        const QString ties
            = select(and_(condition,
                         column + QStringLiteral(" = :kv AND id") + op + QStringLiteral(":kid")),
                  QStringLiteral("id")
                      + (greater ? QStringLiteral(" ASC") : QStringLiteral(" DESC")))
            + QStringLiteral(" LIMIT :limit");
        const QString beyond = select(and_(withSuffix(condition, QStringLiteral("_b")),
                                          column + op + QStringLiteral(":kv_b")),
                                   order)
            + QStringLiteral(" LIMIT :limit_b");
        sql = QStringLiteral("SELECT * FROM (SELECT * FROM (") + ties
            + QStringLiteral(") ties UNION ALL SELECT * FROM (") + beyond
            + QStringLiteral(") beyond) page ORDER BY ") + order
            + QStringLiteral(" LIMIT :limit_page");
    }
    Result<QSqlQuery> q = m_db.prepare(sql);
    if (!q.ok())
        return q.error();
    bindFilter(q.value(), filter);
    q.value().bindValue(QStringLiteral(":limit"), filter.limit);
    if (!key) {
        q.value().bindValue(QStringLiteral(":offset"), filter.offset);
    } else {
        q.value().bindValue(QStringLiteral(":kid"), key->id);
        if (!byId) {
            bindFilter(q.value(), filter, QStringLiteral("_b"));
            q.value().bindValue(QStringLiteral(":kv"), key->value);
            q.value().bindValue(QStringLiteral(":kv_b"), key->value);
            q.value().bindValue(QStringLiteral(":limit_b"), filter.limit);
            q.value().bindValue(QStringLiteral(":limit_page"), filter.limit);
        }
    }
    if (Error e = m_db.exec(q.value(), QStringLiteral("list")))
        return e;
    QVector<Task> tasks;
    while (q.value().next())
        tasks.append(taskFromRow(q.value()));
    if (backwards)
        std::reverse(tasks.begin(), tasks.end());
    return tasks;
}

Result<QString> TaskStore::indexHint(const TaskFilter &filter)
{
    // PostgreSQL knows from its statistics how rare a status is; SQLite does not
    // (or guesses from an average), and walked the whole name index to find 200
    // of a thousand RUNNING tasks (0.2 s), or sorted 900,000 COMPLETED ones.
    const QString sortIndexName = sortIndex(filter.sort);
    if (m_db.isPostgres() || sortIndexName.isEmpty())
        return QString();
    QVector<TaskStatus> statuses = filter.statuses;
    if (filter.stuckOnly)
        statuses = {TaskStatus::Pending, TaskStatus::Running};
    if (statuses.isEmpty()) {
        // A queue, kind or text: the planner weighs its own index against the order.
        const bool narrowed
            = !filter.queue.isEmpty() || !filter.kind.isEmpty() || !filter.search.isEmpty();
        return narrowed ? QString() : QString(QStringLiteral(" INDEXED BY ") + sortIndexName);
    }
    // The counts by status that triggers keep (migration 4): microseconds.
    Result<QSqlQuery> q
        = m_db.prepare(QStringLiteral("SELECT status, sum(n) FROM task_counts GROUP BY status"));
    if (!q.ok())
        return q.error();
    if (Error e = m_db.exec(q.value(), QStringLiteral("counts")))
        return e;
    qint64 total = 0;
    qint64 matching = 0;
    while (q.value().next()) {
        const qint64 n = q.value().value(1).toLongLong();
        total += n;
        const std::optional<TaskStatus> status = parseStatus(q.value().value(0).toString());
        if (status && statuses.contains(*status))
            matching += n;
    }
    // Walking the sort order reads about limit · total / matching rows, sorting
    // the status reads all matching ones.
    const double walk = double(filter.limit) * double(std::max<qint64>(total, 1))
        / double(std::max<qint64>(matching, 1));
    return QString(QStringLiteral(" INDEXED BY ")
        + (double(matching) < walk ? QStringLiteral("tasks_status_idx") : sortIndexName));
}

TaskKey TaskFilter::keyOf(const Task &task) const
{
    TaskKey key;
    key.id = task.id;
    switch (sort) {
    case Sort::Id:
        key.value = task.id;
        break;
    case Sort::Name:
        key.value = task.name;
        break;
    case Sort::Kind:
        key.value = task.kind;
        break;
    case Sort::Queue:
        key.value = task.queue;
        break;
    case Sort::Status:
        key.value = statusName(task.status);
        break;
    case Sort::Priority:
        key.value = task.priority;
        break;
    case Sort::Progress:
        key.value = task.progressDone;
        break;
    case Sort::Worker:
        key.value = task.workerId.isNull() ? QString(QLatin1String("")) : task.workerId;
        break;
    case Sort::CreatedAt:
        key.value = task.createdAt;
        break;
    case Sort::StartedAt:
        key.value = task.startedAt;
        break;
    case Sort::HeartbeatAt:
        key.value = task.heartbeatAt;
        break;
    case Sort::CompletedAt:
        key.value = task.completedAt;
        break;
    case Sort::UpdatedAt:
        key.value = task.updatedAt;
        break;
    case Sort::Attempt:
        key.value = task.attempt;
        break;
    }
    return key;
}

Result<TaskChanges> TaskStore::changedSince(
    qint64 updatedAfterMs, const TaskFilter &filter, int limit)
{
    if (Error e = checkSearch(filter.search))
        return e;
    if (Error e = checkLimit(limit))
        return e;
    TaskChanges changes;
    Result<qint64> now = m_db.now();
    if (!now.ok())
        return now.error();
    changes.dbNow = *now;
    const QString condition = filterCondition(filter);
    Result<QSqlQuery> q
        = m_db.prepare(QStringLiteral("SELECT ") + kTaskColumns + QStringLiteral(", CASE WHEN ")
            + (condition.isEmpty() ? QStringLiteral("1 = 1") : condition)
            + QStringLiteral(" THEN 1 ELSE 0 END FROM tasks WHERE updated_at > :since "
                             "ORDER BY updated_at, id LIMIT :limit"));
    if (!q.ok())
        return q.error();
    bindFilter(q.value(), filter);
    q.value().bindValue(QStringLiteral(":since"), updatedAfterMs);
    // One more than asked tells "exactly the limit" from "more than the limit".
    q.value().bindValue(QStringLiteral(":limit"), limit + 1);
    if (Error e = m_db.exec(q.value(), QStringLiteral("changes")))
        return e;
    while (q.value().next()) {
        if (changes.tasks.size() == limit) {
            changes.truncated = true;
            break;
        }
        changes.tasks.append({taskFromRow(q.value()), q.value().value(25).toInt() == 1});
    }
    q.value().finish();
    return changes;
}

Result<QStringList> TaskStore::queues(int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<QSqlQuery> q = m_db.prepare(
        QStringLiteral("SELECT DISTINCT queue FROM tasks ORDER BY queue LIMIT :limit"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":limit"), limit);
    if (Error e = m_db.exec(q.value(), QStringLiteral("queues")))
        return e;
    QStringList names;
    while (q.value().next())
        names.append(q.value().value(0).toString());
    return names;
}

Result<TaskHorizon> TaskStore::horizon(const TaskFilter &filter, bool withCount)
{
    if (Error e = checkSearch(filter.search))
        return e;
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT ")
        + (withCount ? QStringLiteral("(SELECT count(*) FROM tasks") + filterClause(filter)
                    + QStringLiteral(")")
                     : QStringLiteral("-1"))
        + QStringLiteral(", (SELECT COALESCE(max(id), 0) FROM tasks), (SELECT COALESCE(max(id), "
                         "0) FROM audit_log), {NOW}"));
    if (!q.ok())
        return q.error();
    if (withCount)
        bindFilter(q.value(), filter);
    if (Error e = m_db.exec(q.value(), QStringLiteral("horizon")))
        return e;
    if (!q.value().next())
        return Error::database(QStringLiteral("horizon: no row"));
    TaskHorizon h;
    h.count = q.value().value(0).toLongLong();
    h.maxTaskId = q.value().value(1).toLongLong();
    h.maxAuditId = q.value().value(2).toLongLong();
    h.dbNow = q.value().value(3).toLongLong();
    q.value().finish();
    return h;
}

Result<QVector<TaskKey>> TaskStore::keysetAnchors(const TaskFilter &filter, int stride)
{
    if (Error e = checkSearch(filter.search))
        return e;
    if (stride < 2 || stride > 1000000)
        return Error::invalid(QStringLiteral("stride must be between 2 and 1000000"));
    // Numbering the rows on the server sends only every stride-th key over the wire
    // (QPSQL would load a whole result into memory).
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT v, id FROM (SELECT ")
        + sortColumn(filter.sort) + QStringLiteral(" AS v, id, row_number() OVER (ORDER BY ")
        + orderClause(filter) + QStringLiteral(") AS rn FROM tasks") + filterClause(filter)
        + QStringLiteral(") numbered WHERE rn % :stride = 0 ORDER BY rn"));
    if (!q.ok())
        return q.error();
    bindFilter(q.value(), filter);
    q.value().bindValue(QStringLiteral(":stride"), stride);
    if (Error e = m_db.exec(q.value(), QStringLiteral("anchors")))
        return e;
    QVector<TaskKey> keys;
    while (q.value().next())
        keys.append({q.value().value(0), q.value().value(1).toLongLong()});
    return keys;
}

Result<qint64> TaskStore::count(const TaskFilter &filter)
{
    if (Error e = checkSearch(filter.search))
        return e;
    Result<QSqlQuery> q
        = m_db.prepare(QStringLiteral("SELECT count(*) FROM tasks") + filterClause(filter));
    if (!q.ok())
        return q.error();
    bindFilter(q.value(), filter);
    if (Error e = m_db.exec(q.value(), QStringLiteral("count")))
        return e;
    if (!q.value().next())
        return qint64(0);
    return q.value().value(0).toLongLong();
}

Result<StatusCounts> TaskStore::counts(const StuckThresholds &stuckThresholds)
{
    if (Error e = stuckThresholds.validate())
        return e;
    StatusCounts counts;
    // Kept by triggers (migration 4): no scan of the tasks table.
    Result<QSqlQuery> q
        = m_db.prepare(QStringLiteral("SELECT status, sum(n) FROM task_counts GROUP BY status"));
    if (!q.ok())
        return q.error();
    if (Error e = m_db.exec(q.value(), QStringLiteral("counts")))
        return e;
    while (q.value().next()) {
        if (const auto status = parseStatus(q.value().value(0).toString()))
            counts.byStatus[*status] = q.value().value(1).toLongLong();
    }
    Result<StuckReport> stuck = stuckReportIn(stuckThresholds, 0);
    if (!stuck.ok())
        return stuck.error();
    counts.stuckQueued = stuck->queuedTotal;
    counts.stuckRunning = stuck->runningTotal;
    counts.stuck = stuck->total();
    return counts;
}

Result<Stats> TaskStore::stats(int hours, const StuckThresholds &stuck)
{
    if (hours < 1 || hours > 24 * 366)
        return Error::invalid(QStringLiteral("hours must be between 1 and 8784 (a year)"));
    Stats stats;
    stats.hours = hours;
    Result<StatusCounts> counts = this->counts(stuck);
    if (!counts.ok())
        return counts.error();
    stats.counts = *counts;
    Result<qint64> now = m_db.now();
    if (!now.ok())
        return now.error();
    stats.to = *now;
    stats.from = *now - qint64(hours) * 3600 * 1000;

    // By the end index: without statistics SQLite's planner takes
    // tasks_status_idx and walks every finished task there is.
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
        "SELECT completed_at / 60000, status, COALESCE(outcome, ''), count(*), "
        "COALESCE(sum(completed_at - started_at), 0), sum(CASE WHEN started_at IS NULL THEN 0 "
        "ELSE 1 END) FROM tasks {INDEX:tasks_completed_idx} WHERE completed_at >= :from AND "
        "status IN ('COMPLETED', 'FAILED') GROUP BY completed_at / 60000, status, outcome"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":from"), stats.from);
    if (Error e = m_db.exec(q.value(), QStringLiteral("stats")))
        return e;
    qint64 durationSum = 0;
    qint64 durationCount = 0;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        const qint64 minute = r.value(0).toLongLong();
        const bool completed = r.value(1).toString() == QLatin1String("COMPLETED");
        const qint64 n = r.value(3).toLongLong();
        auto &bucket = stats.perMinute[minute];
        (completed ? bucket.first : bucket.second) += n;
        (completed ? stats.completedInWindow : stats.failedInWindow) += n;
        stats.outcomes[r.value(2).toString()] += n;
        durationSum += r.value(4).toLongLong();
        durationCount += r.value(5).toLongLong();
    }
    stats.averageDurationMs = durationCount > 0 ? double(durationSum) / double(durationCount) : 0;
    return stats;
}

// ---------------------------------------------------------------- stuck tasks

Error TaskStore::countStuck(const StuckScope &scope, qint64 &queued, qint64 &running)
{
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT (SELECT count(*) FROM tasks "
                                                      "{INDEX:tasks_pending_due_idx} WHERE ")
        + queuedStuckSql()
        + QStringLiteral("), (SELECT count(*) FROM tasks {INDEX:tasks_running_heartbeat_idx} "
                         "WHERE ")
        + runningStuckSql() + QLatin1Char(')'));
    if (!q.ok())
        return q.error();
    bindQueuedStuck(q.value(), scope);
    bindRunningStuck(q.value(), scope);
    if (Error e = m_db.exec(q.value(), QStringLiteral("stuck count")))
        return e;
    if (!q.value().next())
        return Error::database(QStringLiteral("stuck count: no row"));
    queued = q.value().value(0).toLongLong();
    running = q.value().value(1).toLongLong();
    q.value().finish();
    return {};
}

Result<StuckReport> TaskStore::stuckReportIn(
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
            = m_db.prepare(QStringLiteral("SELECT {NOW}, COALESCE(max(id), 0) FROM tasks"));
        if (!q.ok())
            return q.error();
        if (Error e = m_db.exec(q.value(), QStringLiteral("stuck scope")))
            return e;
        if (!q.value().next())
            return Error::database(QStringLiteral("stuck scope: no row"));
        scope.asOf = q.value().value(0).toLongLong();
        scope.maxTaskId = q.value().value(1).toLongLong();
        q.value().finish();
        if (withIds) {
            // Both sets in one statement, one snapshot: the counts a
            // confirmation shows are the ids the clean-up may change.
            Result<QSqlQuery> ids = m_db.prepare(
                QStringLiteral("SELECT 0, id FROM tasks {INDEX:tasks_pending_due_idx} WHERE ")
                + queuedStuckSql()
                + QStringLiteral(
                    " UNION ALL SELECT 1, id FROM tasks {INDEX:tasks_running_heartbeat_idx} WHERE ")
                + runningStuckSql());
            if (!ids.ok())
                return ids.error();
            bindQueuedStuck(ids.value(), scope);
            bindRunningStuck(ids.value(), scope);
            if (Error e = m_db.exec(ids.value(), QStringLiteral("stuck scope ids")))
                return e;
            while (ids.value().next())
                (ids.value().value(0).toInt() == 1 ? report.runningIds : report.queuedIds)
                    .append(ids.value().value(1).toLongLong());
            ids.value().finish();
            report.named = true;
            report.queuedTotal = report.queuedIds.size();
            report.runningTotal = report.runningIds.size();
        } else if (Error e = countStuck(scope, report.queuedTotal, report.runningTotal)) {
            return e;
        }
    }
    report.monitoredAt = scope.asOf;
    report.maxTaskId = scope.maxTaskId;
    for (const bool running : {false, true}) {
        if (limit <= 0 || (running && queuedIdsOnly))
            break;
        // Ids and due times alone come from the index, without a row read.
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT ")
            + (queuedIdsOnly ? QStringLiteral("id, run_after") : kTaskColumns)
            + (running ? QStringLiteral(" FROM tasks {INDEX:tasks_running_heartbeat_idx} WHERE ")
                        + runningStuckSql() + QStringLiteral(" ORDER BY heartbeat_at LIMIT :limit")
                       : QStringLiteral(" FROM tasks {INDEX:tasks_pending_due_idx} WHERE ")
                        + queuedStuckSql() + QStringLiteral(" ORDER BY run_after LIMIT :limit")));
        if (!q.ok())
            return q.error();
        if (running)
            bindRunningStuck(q.value(), scope);
        else
            bindQueuedStuck(q.value(), scope);
        q.value().bindValue(QStringLiteral(":limit"), limit);
        if (Error e = m_db.exec(q.value(), QStringLiteral("stuck report")))
            return e;
        while (q.value().next()) {
            StuckTask s;
            if (queuedIdsOnly) {
                s.task.id = q.value().value(0).toLongLong();
                s.task.status = TaskStatus::Pending;
                s.task.runAfter = q.value().value(1).toLongLong();
            } else {
                s.task = taskFromRow(q.value());
            }
            s.ageMs = report.monitoredAt - (running ? s.task.heartbeatAt : s.task.runAfter);
            (running ? report.running : report.queued).append(std::move(s));
        }
    }
    if (queuedIdsOnly)
        report.queuedTotal = report.queued.size();
    return report;
}

Result<StuckReport> TaskStore::stuckReport(const StuckThresholds &thresholds, int limit)
{
    if (Error e = thresholds.validate())
        return e;
    if (Error e = checkLimit(limit))
        return e;
    return stuckReportIn(thresholds, limit);
}

Result<StuckReport> TaskStore::stuckScope(const StuckThresholds &thresholds)
{
    if (Error e = thresholds.validate())
        return e;
    return stuckReportIn(thresholds, 0, false, true);
}

Result<qint64> TaskStore::countLostWorkerRequeues(const StuckScope &scope, int poisonRescues)
{
    if (Error e = scope.thresholds.validate())
        return e;
    Result<QSqlQuery> q = m_db.prepare(
        QStringLiteral("SELECT count(*) FROM tasks {INDEX:tasks_running_heartbeat_idx} WHERE ")
        + runningStuckSql()
        + QStringLiteral(" AND attempt < max_attempts AND rescues + 1 < :poison"));
    if (!q.ok())
        return q.error();
    bindRunningStuck(q.value(), scope);
    q.value().bindValue(QStringLiteral(":poison"), poisonRescues);
    if (Error e = m_db.exec(q.value(), QStringLiteral("stuck re-queue count")))
        return e;
    if (!q.value().next())
        return Error::database(QStringLiteral("stuck re-queue count: no row"));
    const qint64 n = q.value().value(0).toLongLong();
    q.value().finish();
    return n;
}

Result<QVector<StuckTask>> TaskStore::stuckInQueue(qint64 thresholdMs, int limit)
{
    StuckThresholds thresholds;
    thresholds.queueThresholdMs = thresholdMs;
    if (Error e = thresholds.validate())
        return e;
    if (Error e = checkLimit(limit))
        return e;
    Result<StuckReport> report = stuckReportIn(thresholds, limit, true);
    if (!report.ok())
        return report.error();
    return report->queued;
}

// The rule for a task whose worker is gone, whoever found it gone (the
// sweeper by its heartbeat, a supervisor by its death): PENDING with backoff
// while attempts remain and it was not rescued too often in a row, else
// FAILED/worker_lost. Binds :poison1…3, :base and :cap; the caller adds
// error_message and its WHERE.
QString TaskStore::lostWorkerDecision()
{
    return QStringLiteral(
        "status = CASE WHEN attempt < max_attempts AND rescues + 1 < :poison1 THEN 'PENDING' "
        "ELSE 'FAILED' END, "
        "outcome = CASE WHEN attempt < max_attempts AND rescues + 1 < :poison2 THEN NULL ELSE "
        "'worker_lost' END, "
        "completed_at = CASE WHEN attempt < max_attempts AND rescues + 1 < :poison3 THEN NULL "
        "ELSE {NOW} END, "
        // 64-bit arithmetic: PostgreSQL types the bound values as int4 from
        // the context, and 5 s × 2^19 does not fit in 32 bits.
        "run_after = {NOW} + {LEAST}(CAST(:cap AS BIGINT), CAST(:base AS BIGINT) * (CASE WHEN "
        "attempt > 20 THEN 1048576 ELSE (1 << (CASE WHEN attempt > 0 THEN attempt - 1 ELSE 0 "
        "END)) END)), "
        "rescues = rescues + 1, lease = NULL, updated_at = {NOW}, ");
}

// The items that were running on the lost worker follow their task.
Error TaskStore::resetItemsOfLostTasks(const CleanupReport &report)
{
    if (Error err = execForTasks(QStringLiteral("UPDATE task_items SET status = 'PENDING', "
                                                "started_at = NULL WHERE task_id IN (:ids) AND "
                                                "status = 'RUNNING'"),
            report.runningRequeued, QStringLiteral("sweep items")))
        return err;
    return execForTasks(QStringLiteral("UPDATE task_items SET status = 'FAILED', completed_at "
                                       "= {NOW}, error_message = 'Worker lost' WHERE task_id "
                                       "IN (:ids) AND status = 'RUNNING'"),
        report.runningFailed, QStringLiteral("sweep items"));
}

Result<CleanupReport> TaskStore::sweepLostWorkers(qint64 heartbeatTimeoutMs, int poisonRescues,
    const QString &rule, const LostWorkerWatch *watch, const StuckScope *fence)
{
    StuckThresholds thresholds;
    thresholds.heartbeatTimeoutMs = heartbeatTimeoutMs;
    if (Error e = thresholds.validate())
        return e;
    if (poisonRescues < 0 || poisonRescues > 1000)
        return Error::invalid(QStringLiteral("the poison-pill count must be between 0 and 1000"));
    CleanupReport fresh;
    fresh.action = CleanupAction::Retry;
    fresh.thresholds = thresholds;
    return m_db.writeResult(fresh, [&](CleanupReport &report) -> Error {
        QElapsedTimer waited;
        waited.start();
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        report.cleanedAt = *now;
        report.heldBack = false;
        if (watch && watch->longEnough) {
            Result<bool> longEnough = watch->longEnough(*now);
            if (!longEnough.ok())
                return longEnough.error();
            if (!*longEnough) {
                report.heldBack = true;
                return {}; // the watch itself commits
            }
        }
        // One conditional UPDATE decides for every stale task at once; a heartbeat
        // that lands first keeps its task out. Backoff grows with the attempt.
        Result<QSqlQuery> q = m_db.prepare(
            QStringLiteral("UPDATE tasks {INDEX:tasks_running_heartbeat_idx} SET ")
            + lostWorkerDecision()
            + QStringLiteral(
                "error_message = CASE WHEN attempt < max_attempts AND rescues + 1 < :poison4 THEN "
                "'Worker lost (no heartbeat); re-queued' WHEN :poison5 = 0 THEN 'Worker lost (no "
                "heartbeat); marked failed by the clean-up' WHEN rescues + 1 >= :poison6 "
                "THEN 'Worker "
                "lost (no heartbeat); rescued ' || CAST(rescues + 1 AS TEXT) || ' times in a row, "
                "not re-queued again (poison pill)' ELSE 'Worker lost (no heartbeat); no attempts "
                "left' END "
                "WHERE ")
            + runningStuckSql()
            + (fence && fence->named ? namedIdsSql(m_db, QStringLiteral(":rids")) : QString())
            + QStringLiteral(" RETURNING id, status"));
        if (!q.ok())
            return q.error();
        QSqlQuery &query = q.value();
        for (const char *name :
            {":poison1", ":poison2", ":poison3", ":poison4", ":poison5", ":poison6"})
            query.bindValue(QString::fromLatin1(name), poisonRescues);
        query.bindValue(QStringLiteral(":base"), m_retry.baseMs);
        query.bindValue(QStringLiteral(":cap"), m_retry.capMs);
        // A bound cutoff, not {NOW} - timeout: PostgreSQL cannot take a volatile
        // clock as an index bound and scanned every row of the table instead.
        StuckScope scope;
        scope.thresholds = thresholds;
        scope.asOf = report.cleanedAt;
        bindRunningStuck(query, fence ? *fence : scope);
        if (fence && fence->named)
            query.bindValue(QStringLiteral(":rids"), namedIdsValue(m_db, fence->runningIds));
        if (Error err = m_db.exec(query, QStringLiteral("sweep")))
            return err;
        if (watch && watch->maxStallMs > 0 && waited.elapsed() > watch->maxStallMs) {
            query.finish();
            return Error::database(
                QStringLiteral("the database stalled for %1 ms during the sweep; nothing was "
                               "decided")
                    .arg(waited.elapsed()));
        }
        QVector<qint64> swept;
        while (query.next()) {
            const qint64 id = query.value(0).toLongLong();
            swept.append(id);
            (query.value(1).toString() == QLatin1String("PENDING") ? report.runningRequeued
                                                                   : report.runningFailed)
                .append(id);
        }
        query.finish();
        // A log line and an audit row per task, and the items that were running
        // on the lost worker: a few statements for all the tasks, not a few per
        // task. The database composes the lines and rows from the swept tasks
        // (their worker, heartbeat, attempts and new status stay as the UPDATE
        // left them): bound one value at a time, a thousand of each were 20 of
        // a sweep's 45 ms.
        const QString timeoutS = QString::number(heartbeatTimeoutMs / 1000);
        if (Error err = execForTasks(
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
        if (Error err = execForTasks(
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
    });
}

Result<CleanupReport> TaskStore::sweepDeadWorker(
    const QString &workerId, int poisonRescues, const QString &how)
{
    if (workerId.isEmpty())
        return Error::invalid(QStringLiteral("the worker id is empty"));
    if (poisonRescues < 0 || poisonRescues > 1000)
        return Error::invalid(QStringLiteral("the poison-pill count must be between 0 and 1000"));
    CleanupReport fresh;
    fresh.action = CleanupAction::Retry;
    return m_db.writeResult(fresh, [&](CleanupReport &report) -> Error {
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        report.cleanedAt = *now;
        // The decision and the backoff of sweepLostWorkers(), for this worker's tasks.
        Result<QSqlQuery> q
            = m_db.prepare(QStringLiteral("UPDATE tasks SET ") + lostWorkerDecision()
                + QStringLiteral(
                    "error_message = 'Worker lost (' || CAST(:how AS TEXT) || '); ' || CASE WHEN "
                    "attempt < max_attempts AND rescues + 1 < :poison4 THEN 're-queued' WHEN "
                    "rescues + 1 >= :poison5 AND attempt < max_attempts THEN 'rescued ' || "
                    "CAST(rescues + 1 AS TEXT) || ' times in a row, not re-queued again (poison "
                    "pill)' ELSE 'no attempts left' END "
                    "WHERE status = 'RUNNING' AND worker_id = :worker "
                    "RETURNING id, name, status, attempt, max_attempts"));
        if (!q.ok())
            return q.error();
        QSqlQuery &query = q.value();
        for (const char *name : {":poison1", ":poison2", ":poison3", ":poison4", ":poison5"})
            query.bindValue(QString::fromLatin1(name), poisonRescues);
        query.bindValue(QStringLiteral(":base"), m_retry.baseMs);
        query.bindValue(QStringLiteral(":cap"), m_retry.capMs);
        query.bindValue(QStringLiteral(":how"), how);
        query.bindValue(QStringLiteral(":worker"), workerId);
        if (Error err = m_db.exec(query, QStringLiteral("sweep dead worker")))
            return err;
        struct Row
        {
            qint64 id;
            QString name;
            bool requeued;
            int attempt;
            int maxAttempts;
        };
        QVector<Row> rows;
        while (query.next())
            rows.append({query.value(0).toLongLong(), query.value(1).toString(),
                query.value(2).toString() == QLatin1String("PENDING"), query.value(3).toInt(),
                query.value(4).toInt()});
        query.finish();
        for (const Row &row : std::as_const(rows)) {
            (row.requeued ? report.runningRequeued : report.runningFailed).append(row.id);
            const QString outcome = row.requeued
                ? QStringLiteral("re-queued (attempt %1 of %2 used)")
                      .arg(row.attempt)
                      .arg(row.maxAttempts)
                : QStringLiteral("marked FAILED (worker_lost)");
            if (Error err = insertLog(row.id, 0, QStringLiteral("warning"),
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

Result<CleanupReport> TaskStore::sweepQueued(
    qint64 queueThresholdMs, const QString &rule, const StuckScope *fence)
{
    StuckThresholds thresholds;
    thresholds.queueThresholdMs = queueThresholdMs;
    if (Error e = thresholds.validate())
        return e;
    CleanupReport fresh;
    fresh.action = CleanupAction::MarkFailed;
    fresh.thresholds = thresholds;
    return m_db.writeResult(fresh, [&](CleanupReport &report) -> Error {
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        report.cleanedAt = *now;
        Result<QSqlQuery> q = m_db.prepare(
            QStringLiteral(
                "UPDATE tasks {INDEX:tasks_pending_due_idx} SET status = 'FAILED', outcome = "
                "'stuck_swept', completed_at = {NOW}, "
                "updated_at = {NOW}, error_message = 'Stuck in the queue longer than ' || :mins || "
                "' "
                "minute(s); cleaned up' WHERE ")
            + queuedStuckSql()
            + (fence && fence->named ? namedIdsSql(m_db, QStringLiteral(":qids")) : QString())
            + QStringLiteral(" RETURNING id, name, run_after"));
        if (!q.ok())
            return q.error();
        QSqlQuery &query = q.value();
        query.bindValue(
            QStringLiteral(":mins"), QString::number(double(queueThresholdMs) / 60000.0));
        StuckScope scope;
        scope.thresholds = thresholds;
        scope.asOf = report.cleanedAt;
        bindQueuedStuck(query, fence ? *fence : scope);
        if (fence && fence->named)
            query.bindValue(QStringLiteral(":qids"), namedIdsValue(m_db, fence->queuedIds));
        if (Error err = m_db.exec(query, QStringLiteral("sweep queue")))
            return err;
        QVector<std::tuple<qint64, QString, qint64>> rows;
        while (query.next())
            rows.append({query.value(0).toLongLong(), query.value(1).toString(),
                query.value(2).toLongLong()});
        query.finish();
        for (const auto &[id, name, runAfter] : std::as_const(rows)) {
            report.queuedFailed.append(id);
            const qint64 age = report.cleanedAt - runAfter;
            if (Error err = insertLog(id, 0, QStringLiteral("warning"),
                    QStringLiteral("Stuck in the queue for %1 min (threshold %2 min); marked "
                                   "FAILED (stuck_swept) by %3")
                        .arg(age / 60000)
                        .arg(double(queueThresholdMs) / 60000.0)
                        .arg(m_actor)))
                return err;
            if (Error err = m_audit.record(m_actor, auditAction(rule), id, name,
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

Result<CleanupReport> TaskStore::cleanup(const StuckThresholds &thresholds, CleanupAction action)
{
    Result<StuckReport> named = stuckScope(thresholds);
    if (!named.ok())
        return named.error();
    return cleanup(*named, action);
}

Result<CleanupReport> TaskStore::cleanup(const StuckReport &named, CleanupAction action)
{
    const StuckThresholds &thresholds = named.thresholds;
    if (Error e = thresholds.validate())
        return e;
    if (!named.named)
        return Error::invalid(
            QStringLiteral("a clean-up needs the named set of a stuck scope (stuckScope())"));
    const StuckScope fence = named.scope();
    CleanupReport fresh;
    fresh.action = action;
    fresh.thresholds = thresholds;
    fresh.named = action == CleanupAction::MarkFailed ? named.total() : named.runningTotal;
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
        fresh.queuedFailed = queued->queuedFailed;
        fresh.runningFailed = running->runningFailed;
        fresh.cleanedAt = running->cleanedAt;
        return fresh;
    }
    // Retry: re-queue every stale running task now, whatever its budget (the
    // operator asked for it): one more attempt is granted where none is left.
    return m_db.writeResult(fresh, [&](CleanupReport &report) -> Error {
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        report.cleanedAt = *now;
        Result<QSqlQuery> q
            = m_db.prepare(QStringLiteral("UPDATE tasks {INDEX:tasks_running_heartbeat_idx} SET "
                                          "status = 'PENDING', outcome = "
                                          "NULL, lease = NULL, run_after = {NOW}, "
                                          "max_attempts = CASE WHEN attempt >= max_attempts THEN "
                                          "attempt + 1 ELSE max_attempts "
                                          "END, updated_at = {NOW}, error_message = 'Worker lost "
                                          "(no heartbeat); re-queued by "
                                          "clean-up' WHERE ")
                + runningStuckSql() + namedIdsSql(m_db, QStringLiteral(":rids"))
                + QStringLiteral(" RETURNING id, name, heartbeat_at"));
        if (!q.ok())
            return q.error();
        bindRunningStuck(q.value(), fence);
        q.value().bindValue(QStringLiteral(":rids"), namedIdsValue(m_db, fence.runningIds));
        if (Error err = m_db.exec(q.value(), QStringLiteral("cleanup")))
            return err;
        QVector<std::tuple<qint64, QString, qint64>> rows;
        while (q.value().next())
            rows.append({q.value().value(0).toLongLong(), q.value().value(1).toString(),
                q.value().value(2).toLongLong()});
        q.value().finish();
        for (const auto &[id, name, heartbeatAt] : std::as_const(rows)) {
            report.runningRequeued.append(id);
            Result<QSqlQuery> qi = m_db.prepare(QStringLiteral(
                "UPDATE task_items SET status = 'PENDING', started_at = NULL WHERE task_id = :t "
                "AND status = 'RUNNING'"));
            if (!qi.ok())
                return qi.error();
            qi.value().bindValue(QStringLiteral(":t"), id);
            if (Error err = m_db.exec(qi.value(), QStringLiteral("cleanup items")))
                return err;
            if (Error err = insertLog(id, 0, QStringLiteral("warning"),
                    QStringLiteral("No heartbeat for %1 s; re-queued by %2 (clean-up)")
                        .arg((report.cleanedAt - heartbeatAt) / 1000)
                        .arg(m_actor)))
                return err;
            if (Error err = m_audit.record(m_actor, QStringLiteral("cleanup"), id, name,
                    QStringLiteral("RUNNING"), QStringLiteral("PENDING"),
                    {{QStringLiteral("rule"), QStringLiteral("cleanup")},
                        {QStringLiteral("threshold_ms"), thresholds.heartbeatTimeoutMs},
                        {QStringLiteral("age_ms"), report.cleanedAt - heartbeatAt},
                        {QStringLiteral("action"), QStringLiteral("retry")}}))
                return err;
        }
        return {};
    });
}

} // namespace taskdesk
