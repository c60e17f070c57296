#include "taskrows.h"

#include <algorithm>

namespace taskdesk::taskrows {

const QString kTaskColumns = QStringLiteral(
    "id, name, kind, queue, priority, args, status, outcome, error_message, attempt, "
    "max_attempts, run_after, time_limit_s, created_at, started_at, heartbeat_at, completed_at, "
    "updated_at, worker_id, lease, progress_done, progress_total, rescues, schedule_id, {NOW}");

Task taskFromRow(const QSqlQuery &q)
{
    Task t;
    readRow(q, 0, t.id, t.name, t.kind, t.queue, t.priority, t.args, t.status, t.outcome,
        t.errorMessage, t.attempt, t.maxAttempts, t.runAfter, t.timeLimitS, t.createdAt,
        t.startedAt, t.heartbeatAt, t.completedAt, t.updatedAt, t.workerId, t.lease, t.progressDone,
        t.progressTotal, t.rescues, t.scheduleId, t.dbNow);
    return t;
}

TaskItem itemFromRow(const QSqlQuery &q)
{
    TaskItem item;
    readRow(q, 0, item.id, item.taskId, item.position, item.label, item.status, item.startedAt,
        item.completedAt, item.errorMessage);
    return item;
}

QString repeated(const QString &one, int n)
{
    return QStringList(n, one).join(QStringLiteral(", "));
}

Error insertLog(
    Database &db, qint64 taskId, qint64 itemId, const QString &level, const QString &message)
{
    return db
        .runKept(QStringLiteral("INSERT INTO task_log (task_id, item_id, level, message) VALUES "
                                "(:t, :i, :l, :m)"),
            QStringLiteral("log"),
            {{":t", taskId}, {":i", itemId > 0 ? QVariant(itemId) : QVariant()},
                {":l", Database::text(level)}, {":m", Database::text(message)}})
        .error();
}

Result<QSqlQuery *> prepareBatch(Database &db, const QString &statement, bool keep,
    std::optional<QSqlQuery> &partial, Database::KeptRows rows)
{
    // A batch of a size that recurs (a full one) is kept prepared; another is
    // prepared for once (a sweep's last batch has any size).
    if (keep)
        return db.prepareKept(statement, rows);
    Result<QSqlQuery> q = db.prepare(statement);
    if (!q.ok())
        return q.error();
    partial = std::move(q.value());
    return &*partial;
}

Error insertLogs(Database &db, const QVector<LogLine> &lines)
{
    // 50 rows a statement.
    constexpr int kRowsPerStatement = 50;
    for (int from = 0; from < lines.size(); from += kRowsPerStatement) {
        const int n = std::min<int>(kRowsPerStatement, int(lines.size()) - from);
        const QString statement
            = QStringLiteral("INSERT INTO task_log (task_id, item_id, level, message) VALUES ")
            + repeated(QStringLiteral("(?, ?, ?, ?)"), n);
        // Kept at every size: at most 50 texts, and claims of one to a few tasks
        // write their lines through here.
        std::optional<QSqlQuery> partial;
        Result<QSqlQuery *> query = prepareBatch(db, statement, true, partial);
        if (!query.ok())
            return query.error();
        for (int i = from; i < from + n; ++i) {
            const LogLine &line = lines.at(i);
            (*query)->addBindValue(line.taskId);
            (*query)->addBindValue(line.itemId > 0 ? QVariant(line.itemId) : QVariant());
            (*query)->addBindValue(Database::text(line.level));
            (*query)->addBindValue(Database::text(line.message));
        }
        if (Error e = db.exec(**query, QStringLiteral("log")))
            return e;
    }
    return {};
}

Error execForTasks(Database &db, const QString &statement, const QVector<qint64> &ids,
    const QString &what, const QVariantList &leading)
{
    // 200 ids a statement; the statement of a full batch is kept prepared.
    constexpr int kIdsPerStatement = 200;
    for (int from = 0; from < ids.size(); from += kIdsPerStatement) {
        const int n = std::min<int>(kIdsPerStatement, int(ids.size()) - from);
        const QString text
            = QString(statement).replace(QLatin1String(":ids"), repeated(QStringLiteral("?"), n));
        std::optional<QSqlQuery> partial;
        Result<QSqlQuery *> query = prepareBatch(db, text, n == kIdsPerStatement, partial);
        if (!query.ok())
            return query.error();
        for (const QVariant &value : leading)
            (*query)->addBindValue(value);
        for (int i = from; i < from + n; ++i)
            (*query)->addBindValue(ids.at(i));
        if (Error e = db.exec(**query, what))
            return e;
    }
    return {};
}

} // namespace taskdesk::taskrows
