#include "core/tasks/taskqueue.h"

#include "core/tasks/taskrows.h"

// What a worker reports about a task it holds while the task runs: its
// heartbeat and progress, its items, its output; and the end of a worker's
// tasks when the worker itself ends.
namespace taskdesk {

using taskrows::insertLog;

namespace {

// Inside a write transaction: whether `lease` still holds the RUNNING task,
// locking its row until the commit. Worker calls that touch items or the log
// take the task row first, like every transition does: taking the item first
// deadlocked against a Force Stop on PostgreSQL, and checking without the lock
// let a started item or output lines land just after a Force Stop.
Result<bool> lockHeldTask(Database &db, qint64 taskId, const QString &lease, const QString &what)
{
    Result<QSqlQuery> q = db.run(QStringLiteral("SELECT id FROM tasks WHERE id = :t AND status "
                                                "= 'RUNNING' AND lease = :lease {FOR_UPDATE}"),
        what, {{":t", taskId}, {":lease", lease}});
    if (!q.ok())
        return q.error();
    const bool held = q->next();
    q->finish();
    return held;
}

} // namespace

Result<bool> TaskQueue::heartbeat(
    qint64 taskId, const QString &lease, int progressDone, int progressTotal)
{
    Result<QSqlQuery *> q = m_db.runKept(
        QStringLiteral("UPDATE tasks SET heartbeat_at = {NOW}, updated_at = {NOW}, "
                       "progress_done = CASE WHEN :d1 >= 0 THEN :d2 ELSE progress_done END, "
                       "progress_total = CASE WHEN :t1 >= 0 THEN :t2 ELSE progress_total END "
                       "WHERE id = :id AND status = 'RUNNING' AND lease = :lease"),
        QStringLiteral("heartbeat"),
        {{":d1", progressDone}, {":d2", progressDone}, {":t1", progressTotal},
            {":t2", progressTotal}, {":id", taskId}, {":lease", lease}});
    if (!q.ok())
        return q.error();
    return (*q)->numRowsAffected() == 1;
}

Result<bool> TaskQueue::changeItem(qint64 taskId, const QString &lease, qint64 itemId,
    const QString &statement, const QString &what, const std::function<void(QSqlQuery &)> &bindMore,
    const std::function<Error()> &then)
{
    bool changed = false;
    Error e = m_db.write([&]() -> Error {
        Result<bool> held = lockHeldTask(m_db, taskId, lease, what);
        if (!held.ok() || !*held)
            return held.error(); // none when the lease is gone: nothing to do
        Result<QSqlQuery> q = m_db.runWith(statement, what, [&](QSqlQuery &query) {
            query.bindValue(QStringLiteral(":item"), itemId);
            query.bindValue(QStringLiteral(":t1"), taskId);
            query.bindValue(QStringLiteral(":t2"), taskId);
            query.bindValue(QStringLiteral(":lease"), lease);
            bindMore(query);
        });
        if (!q.ok())
            return q.error();
        changed = q->numRowsAffected() == 1;
        return changed ? then() : Error();
    });
    if (e)
        return e;
    return changed;
}

Result<bool> TaskQueue::startItem(qint64 taskId, const QString &lease, qint64 itemId)
{
    return changeItem(
        taskId, lease, itemId,
        QStringLiteral("UPDATE task_items SET status = 'RUNNING', started_at = {NOW}, "
                       "completed_at = NULL, error_message = NULL WHERE id = :item AND task_id = "
                       ":t1 AND status = 'PENDING' AND EXISTS (SELECT 1 FROM tasks WHERE id = "
                       ":t2 AND status = 'RUNNING' AND lease = :lease)"),
        QStringLiteral("start item"), [](QSqlQuery &) {},
        [&]() {
            return insertLog(
                m_db, taskId, itemId, QStringLiteral("info"), QStringLiteral("Item started"));
        });
}

Result<bool> TaskQueue::finishItem(
    qint64 taskId, const QString &lease, qint64 itemId, bool succeeded, const QString &errorMessage)
{
    return changeItem(
        taskId, lease, itemId,
        QStringLiteral("UPDATE task_items SET status = :status, completed_at = {NOW}, "
                       "error_message = :m WHERE id = :item AND task_id = :t1 AND status = "
                       "'RUNNING' AND EXISTS (SELECT 1 FROM tasks WHERE id = :t2 AND status = "
                       "'RUNNING' AND lease = :lease)"),
        QStringLiteral("finish item"),
        [&](QSqlQuery &query) {
            query.bindValue(QStringLiteral(":status"),
                succeeded ? QStringLiteral("COMPLETED") : QStringLiteral("FAILED"));
            query.bindValue(
                QStringLiteral(":m"), succeeded ? QVariant() : Database::textOrNull(errorMessage));
        },
        [&]() -> Error {
            // Progress of a task with items: the items that are done (well).
            if (Error err = m_db.run(QStringLiteral("UPDATE tasks SET progress_done = (SELECT "
                                                    "count(*) FROM task_items WHERE task_id = "
                                                    ":t1 AND status = 'COMPLETED'), "
                                                    "updated_at = {NOW}, heartbeat_at = {NOW} "
                                                    "WHERE id = :t2 AND lease = :lease"),
                                    QStringLiteral("item progress"),
                                    {{":t1", taskId}, {":t2", taskId}, {":lease", lease}})
                                .error())
                return err;
            return insertLog(m_db, taskId, itemId,
                succeeded ? QStringLiteral("info") : QStringLiteral("error"),
                succeeded ? QStringLiteral("Item completed")
                          : QStringLiteral("Item failed: %1").arg(errorMessage));
        });
}

Result<bool> TaskQueue::appendWorkerLog(
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
            if (Error err = insertLog(m_db, taskId, line.itemId, line.level, line.message))
                return err;
        }
        return {};
    });
    if (e)
        return e;
    return held;
}

Error TaskQueue::appendLog(
    qint64 taskId, qint64 itemId, const QString &level, const QString &message)
{
    return m_db.write([&]() { return insertLog(m_db, taskId, itemId, level, message); });
}

Result<QVector<qint64>> TaskQueue::failWorkerTasks(
    const QString &workerId, const QString &outcome, const QString &message)
{
    return m_db.writeResult(QVector<qint64>(), [&](QVector<qint64> &ids) -> Error {
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral("UPDATE tasks SET status = 'FAILED', outcome = :outcome, "
                           "error_message = :m, completed_at = {NOW}, updated_at = {NOW}, lease "
                           "= NULL WHERE status = 'RUNNING' AND worker_id = :worker RETURNING "
                           "id, name"),
            QStringLiteral("fail worker tasks"),
            {{":outcome", outcome}, {":m", Database::textOrNull(message)}, {":worker", workerId}});
        if (!q.ok())
            return q.error();
        QVector<QPair<qint64, QString>> rows;
        while (q->next())
            rows.append({q->value(0).toLongLong(), q->value(1).toString()});
        q->finish();
        for (const auto &[id, name] : std::as_const(rows)) {
            ids.append(id);
            if (Error err = m_db.run(QStringLiteral("UPDATE task_items SET status = 'FAILED', "
                                                    "completed_at = {NOW}, error_message = :m "
                                                    "WHERE task_id = :t AND status = 'RUNNING'"),
                                    QStringLiteral("fail worker items"),
                                    {{":m", Database::textOrNull(message)}, {":t", id}})
                                .error())
                return err;
            if (Error err = insertLog(m_db, id, 0, QStringLiteral("error"), message))
                return err;
            if (Error err = m_audit.record(m_actor, outcome, id, name, QStringLiteral("RUNNING"),
                    QStringLiteral("FAILED"), {{QStringLiteral("worker_id"), workerId}}))
                return err;
        }
        return {};
    });
}

} // namespace taskdesk
