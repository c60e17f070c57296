#include "taskqueue.h"

#include "core/tasks/executionstore.h"
#include "core/tasks/taskrows.h"
#include "core/taskstatus.h"

#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace taskdesk {

using taskrows::insertLog;
using taskrows::insertLogs;

namespace {

// A task whose progress is not kept from its items (in an UPDATE of tasks).
const QString kNoItems
    = QStringLiteral("NOT EXISTS (SELECT 1 FROM task_items i WHERE i.task_id = tasks.id)");

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

// What a success sets: done means all done, unless items say how many are.
QString completedSet()
{
    return QStringLiteral("status = 'COMPLETED', outcome = ") + Outcome::sql(Outcome::Succeeded)
        + QStringLiteral(", error_message = NULL, completed_at = {NOW}, heartbeat_at = {NOW}, "
                         "updated_at = {NOW}, "
                         "lease = NULL, rescues = 0, progress_done = CASE WHEN progress_total > "
                         "0 AND ")
        + kNoItems + QStringLiteral(" THEN progress_total ELSE progress_done END");
}

// The statement that claims: one conditional UPDATE for all the picked tasks.
QString claimStatement(const Database &db, const QStringList &queues)
{
    // The fencing token is the lease, a new UUID per task; the attempt counts executions.
    return QStringLiteral("UPDATE tasks SET status = 'RUNNING', attempt = attempt + 1, "
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
        + (db.isPostgres() ? QStringLiteral("= ANY(ARRAY(") : QStringLiteral("IN ("))
        + claimPick(queues)
        + (db.isPostgres() ? QStringLiteral("))") : QStringLiteral(")"))
        // The picked rows by their primary key. On PostgreSQL the status
        // is compared in the "C" collation (equality is the same in any
        // collation): with "status = 'PENDING'" as written in the
        // indexes, the planner could, on statistics taken while nothing
        // waited, walk a partial index of PENDING tasks or
        // tasks_status_idx for the picked ids instead (every waiting
        // task, 12 ms a claim behind 20,000).
        + (db.isPostgres() ? QStringLiteral(" AND status = 'PENDING' COLLATE \"C\"")
                           : QStringLiteral(" AND status = 'PENDING'"))
        + QStringLiteral(" RETURNING id, name, kind, queue, args, attempt, "
                         "max_attempts, time_limit_s, lease, priority, run_after");
}

} // namespace

qint64 RetryPolicy::delayFor(int attempt) const
{
    qint64 delay = baseMs;
    for (int i = 1; i < attempt && delay < capMs; ++i)
        delay *= 2;
    return std::min(delay, capMs);
}

TaskQueue::TaskQueue(Database &db, QString actor)
    : m_db(db)
    , m_audit(db)
    , m_actor(std::move(actor))
{ }

Result<qint64> TaskQueue::enqueue(const NewTask &task)
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

Result<qint64> TaskQueue::enqueueInTransaction(const NewTask &task)
{
    QJsonDocument doc;
    if (Error e = checkNewTask(task, doc))
        return e;
    const QString name = task.name.isEmpty() ? task.kind : task.name;
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("INSERT INTO tasks (name, kind, queue, priority, args, max_attempts, "
                       "time_limit_s, run_after, schedule_id) VALUES (:name, :kind, :queue, "
                       ":priority, :args, :max, :limit, {NOW} + :delay, :schedule) RETURNING id"),
        QStringLiteral("enqueue"),
        {{":name", Database::text(name)}, {":kind", Database::text(task.kind)},
            {":queue", task.queue.isEmpty() ? QStringLiteral("default") : task.queue},
            {":priority", task.priority},
            {":args", Database::text(QString::fromUtf8(doc.toJson(QJsonDocument::Compact)))},
            {":max", task.maxAttempts}, {":limit", task.timeLimitS}, {":delay", task.delayMs},
            {":schedule", task.scheduleId > 0 ? QVariant(task.scheduleId) : QVariant()}});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::database(QStringLiteral("enqueue returned no id"));
    const qint64 id = q->value(0).toLongLong();
    q->finish();

    if (!task.items.isEmpty()) {
        Result<QSqlQuery> qi = m_db.prepare(QStringLiteral(
            "INSERT INTO task_items (task_id, position, label) VALUES (:t, :p, :l)"));
        if (!qi.ok())
            return qi.error();
        for (int i = 0; i < task.items.size(); ++i) {
            qi->bindValue(QStringLiteral(":t"), id);
            qi->bindValue(QStringLiteral(":p"), i);
            qi->bindValue(QStringLiteral(":l"), Database::text(task.items.at(i)));
            if (Error err = m_db.exec(qi.value(), QStringLiteral("enqueue item")))
                return err;
        }
    }
    if (Error err = insertLog(
            m_db, id, 0, QStringLiteral("info"), QStringLiteral("Task created by %1").arg(m_actor)))
        return err;
    if (Error err = m_audit.record(m_actor, QStringLiteral("enqueue"), id, name, {},
            QStringLiteral("PENDING"),
            {{QStringLiteral("kind"), task.kind}, {QStringLiteral("queue"), task.queue},
                {QStringLiteral("items"), int(task.items.size())}}))
        return err;
    return id;
}

Result<std::optional<Claim>> TaskQueue::claim(const QString &workerId, const QStringList &queues)
{
    Result<QVector<Claim>> claims = claimMany(workerId, queues, 1);
    if (!claims.ok())
        return claims.error();
    if (claims->isEmpty())
        return std::optional<Claim>();
    return std::optional<Claim>(claims->constFirst());
}

Result<QVector<Claim>> TaskQueue::claimMany(
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

Error TaskQueue::claimIn(
    const QString &workerId, const QStringList &queues, int max, QVector<Claim> &claims)
{
    claims.clear();
    // Kept prepared: a worker's claims differ only in their values. Every row
    // is read and the statement finished below.
    Result<QSqlQuery *> q
        = m_db.prepareKept(claimStatement(m_db, queues), Database::KeptRows::ReadToEnd);
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
        taskrows::readRow(query, 0, c.taskId, c.name, c.kind, c.queue, c.args, c.attempt,
            c.maxAttempts, c.timeLimitS, c.lease);
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
    if (Error err = claimedItemsIn(claims))
        return err;
    QVector<LogLine> lines;
    for (const Claim &c : std::as_const(claims))
        lines.append({0, c.taskId, 0, 0, QStringLiteral("info"),
            QStringLiteral("Attempt ") + QString::number(c.attempt) + QStringLiteral(" of ")
                + QString::number(c.maxAttempts) + QStringLiteral(" started on worker ")
                + workerId});
    if (Error err = ExecutionStore(m_db).openInTransaction(workerId, claims))
        return err;
    return insertLogs(m_db, lines);
}

Error TaskQueue::claimedItemsIn(QVector<Claim> &claims)
{
    QHash<qint64, int> index;
    for (int i = 0; i < claims.size(); ++i)
        index.insert(claims.at(i).taskId, i);
    Result<QSqlQuery *> qi = m_db.prepareKept(
        QStringLiteral("SELECT task_id, id, position, label, status FROM task_items WHERE "
                       "task_id IN (")
            + taskrows::repeated(QStringLiteral("?"), int(claims.size()))
            + QStringLiteral(") ORDER BY task_id, position"),
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
        taskrows::readRow(items, 0, item.taskId, item.id, item.position, item.label, item.status);
        claims[index.value(item.taskId)].items.append(item);
    }
    items.finish();
    return {};
}

Result<FinishResult> TaskQueue::finishSuccess(
    qint64 taskId, const QString &lease, bool executionOver)
{
    return m_db.writeResult(FinishResult(), [&](FinishResult &result) -> Error {
        if (executionOver) {
            if (Error err = ExecutionStore(m_db).closeInTransaction({lease}))
                return err;
        }
        Result<QSqlQuery *> q = m_db.runKept(QStringLiteral("UPDATE tasks SET ") + completedSet()
                + QStringLiteral(" WHERE id = :id AND status = 'RUNNING' AND lease = :lease"),
            QStringLiteral("finish"), {{":id", taskId}, {":lease", lease}});
        if (!q.ok())
            return q.error();
        if ((*q)->numRowsAffected() != 1)
            return {};
        result.accepted = true;
        result.status = TaskStatus::Completed;
        return insertLog(m_db, taskId, 0, QStringLiteral("info"), QStringLiteral("Task completed"));
    });
}

Result<QVector<qint64>> TaskQueue::finishSuccessMany(
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

Result<TaskQueue::FinishedAndClaimed> TaskQueue::finishSuccessManyAndClaim(
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

Error TaskQueue::finishSuccessIn(
    const QVector<std::pair<qint64, QString>> &tasks, QVector<qint64> &accepted)
{
    accepted.clear();
    if (tasks.isEmpty())
        return {};
    // One conditional UPDATE: each task's own lease fences its result.
    const QString statement = QStringLiteral("UPDATE tasks SET ") + completedSet()
        + QStringLiteral(" WHERE status = 'RUNNING' AND (")
        + QStringList(tasks.size(), QStringLiteral("(id = ? AND lease = ?)"))
              .join(QStringLiteral(" OR "))
        + QStringLiteral(") RETURNING id");
    // The small batches of a worker's event loop are kept prepared (one text
    // per size); a big one is prepared for once.
    std::optional<QSqlQuery> once;
    Result<QSqlQuery *> q = taskrows::prepareBatch(
        m_db, statement, tasks.size() <= kKeptFinishBatch, once, Database::KeptRows::ReadToEnd);
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
    return insertLogs(m_db, lines);
}

Result<FinishResult> TaskQueue::finishError(qint64 taskId, const QString &lease, int attempt,
    const QString &message, const QString &outcome, bool retryable, bool executionOver)
{
    const qint64 delay = m_retry.delayFor(attempt);
    const int retry = retryable ? 1 : 0;
    return m_db.writeResult(FinishResult(), [&](FinishResult &result) -> Error {
        if (executionOver) {
            if (Error err = ExecutionStore(m_db).closeInTransaction({lease}))
                return err;
        }
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral(
                "UPDATE tasks SET "
                "status = CASE WHEN :r1 = 1 AND attempt < max_attempts THEN 'PENDING' ELSE "
                "'FAILED' END, "
                "outcome = CASE WHEN :r2 = 1 AND attempt < max_attempts THEN NULL ELSE :outcome "
                "END, "
                "run_after = CASE WHEN :r3 = 1 AND attempt < max_attempts THEN {NOW} + :delay "
                "ELSE run_after END, "
                "completed_at = CASE WHEN :r4 = 1 AND attempt < max_attempts THEN NULL ELSE "
                "{NOW} END, "
                "error_message = :message, lease = NULL, updated_at = {NOW}, rescues = 0 "
                "WHERE id = :id AND status = 'RUNNING' AND lease = :lease RETURNING status"),
            QStringLiteral("finish"),
            {{":r1", retry}, {":r2", retry}, {":r3", retry}, {":r4", retry}, {":outcome", outcome},
                {":delay", delay}, {":message", Database::textOrNull(message)}, {":id", taskId},
                {":lease", lease}});
        if (!q.ok())
            return q.error();
        if (!q->next())
            return {};
        result.accepted = true;
        result.status = parseStatus(q->value(0).toString()).value_or(TaskStatus::Failed);
        q->finish();
        result.requeued = result.status == TaskStatus::Pending;
        result.retryInMs = result.requeued ? delay : 0;

        // Items: a retry runs again what did not complete; a final failure fails
        // the item that was running.
        Error items = result.requeued
            ? m_db.run(QStringLiteral("UPDATE task_items SET status = 'PENDING', started_at = "
                                      "NULL, completed_at = NULL WHERE task_id = :t AND status "
                                      "<> 'COMPLETED'"),
                      QStringLiteral("finish items"), {{":t", taskId}})
                  .error()
            : m_db.run(QStringLiteral("UPDATE task_items SET status = 'FAILED', completed_at = "
                                      "{NOW}, error_message = :m WHERE task_id = :t AND status "
                                      "= 'RUNNING'"),
                      QStringLiteral("finish items"),
                      {{":t", taskId}, {":m", Database::textOrNull(message)}})
                  .error();
        if (items)
            return items;
        const QString line = result.requeued
            ? QStringLiteral("Attempt %1 failed: %2. Retrying in %3 s")
                  .arg(attempt)
                  .arg(message)
                  .arg(double(delay) / 1000.0)
            : QStringLiteral("Task failed (%1): %2").arg(outcome, message);
        return insertLog(m_db, taskId, 0,
            result.requeued ? QStringLiteral("warning") : QStringLiteral("error"), line);
    });
}

} // namespace taskdesk
