#include "taskreader.h"

#include "core/tasks/taskrows.h"
#include "core/taskstatus.h"

#include <algorithm>

namespace taskdesk {

using taskrows::kTaskColumns;
using taskrows::taskFromRow;
using namespace taskquery;

qint64 StatusCounts::total() const
{
    qint64 n = 0;
    for (qint64 c : byStatus)
        n += c;
    return n;
}

TaskReader::TaskReader(Database &db)
    : m_db(db)
{ }

Result<Task> TaskReader::task(qint64 taskId)
{
    // With its items' counts, in the same snapshot.
    Result<QSqlQuery> q = m_db.run(QStringLiteral("SELECT ") + kTaskColumns
            + QStringLiteral(", (SELECT count(*) FROM task_items WHERE task_id = :t1), (SELECT "
                             "count(*) FROM task_items WHERE task_id = :t2 AND status = "
                             "'COMPLETED'), (SELECT count(*) FROM task_items WHERE task_id = :t3 "
                             "AND status = 'FAILED') FROM tasks WHERE id = :id"),
        QStringLiteral("task"),
        {{":t1", taskId}, {":t2", taskId}, {":t3", taskId}, {":id", taskId}});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::translatable(ErrorKind::NotFound,
            QT_TRANSLATE_NOOP("taskdesk::Error", "Task %1 not found"), {QString::number(taskId)});
    Task t = taskFromRow(*q);
    taskrows::readRow(*q, 25, t.itemsTotal, t.itemsDone, t.itemsFailed);
    q->finish();
    return t;
}

Result<QVector<TaskItem>> TaskReader::items(qint64 taskId)
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT id, task_id, position, label, status, started_at, completed_at, "
                       "error_message FROM task_items WHERE task_id = :t ORDER BY position, id"),
        QStringLiteral("items"), {{":t", taskId}});
    if (!q.ok())
        return q.error();
    QVector<TaskItem> list;
    while (q->next())
        list.append(taskrows::itemFromRow(*q));
    return list;
}

Result<QVector<LogLine>> TaskReader::log(qint64 taskId, qint64 afterId, int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT id, task_id, item_id, at, level, message FROM task_log WHERE "
                       "task_id = :t AND id > :after ORDER BY id LIMIT :limit"),
        QStringLiteral("log"), {{":t", taskId}, {":after", afterId}, {":limit", limit}});
    if (!q.ok())
        return q.error();
    QVector<LogLine> lines;
    while (q->next()) {
        LogLine &line = lines.emplace_back();
        taskrows::readRow(
            *q, 0, line.id, line.taskId, line.itemId, line.at, line.level, line.message);
    }
    return lines;
}

Result<QVector<Task>> TaskReader::list(const TaskFilter &filter)
{
    if (Error e = checkSearch(filter.search))
        return e;
    if (Error e = checkLimit(filter.limit, 1000000))
        return e;
    if (filter.offset < 0)
        return Error::invalid(QStringLiteral("offset must not be negative"));
    if (filter.after && filter.before)
        return Error::invalid(QStringLiteral("page after a key or before one, not both"));
    Result<QString> hint = indexHint(m_db, filter);
    if (!hint.ok())
        return hint.error();
    Result<QSqlQuery> q = m_db.runWith(pageStatement(filter, kTaskColumns, *hint),
        QStringLiteral("list"), [&filter](QSqlQuery &query) { bindPage(query, filter); });
    if (!q.ok())
        return q.error();
    QVector<Task> tasks;
    while (q->next())
        tasks.append(taskFromRow(*q));
    // Rows before a key were read backwards from it.
    if (filter.before)
        std::reverse(tasks.begin(), tasks.end());
    return tasks;
}

Result<TaskChanges> TaskReader::changedSince(
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
        = m_db.runWith(QStringLiteral("SELECT ") + kTaskColumns + QStringLiteral(", CASE WHEN ")
                + (condition.isEmpty() ? QStringLiteral("1 = 1") : condition)
                + QStringLiteral(" THEN 1 ELSE 0 END FROM tasks WHERE updated_at > :since "
                                 "ORDER BY updated_at, id LIMIT :limit"),
            QStringLiteral("changes"), [&](QSqlQuery &query) {
                bindFilter(query, filter);
                query.bindValue(QStringLiteral(":since"), updatedAfterMs);
                // One more than asked tells "exactly the limit" from "more than the limit".
                query.bindValue(QStringLiteral(":limit"), limit + 1);
            });
    if (!q.ok())
        return q.error();
    while (q->next()) {
        if (changes.tasks.size() == limit) {
            changes.truncated = true;
            break;
        }
        changes.tasks.append({taskFromRow(*q), q->value(25).toInt() == 1});
    }
    q->finish();
    return changes;
}

Result<QStringList> TaskReader::queues(int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<QSqlQuery> q
        = m_db.run(QStringLiteral("SELECT DISTINCT queue FROM tasks ORDER BY queue LIMIT :limit"),
            QStringLiteral("queues"), {{":limit", limit}});
    if (!q.ok())
        return q.error();
    QStringList names;
    while (q->next())
        names.append(q->value(0).toString());
    return names;
}

Result<TaskHorizon> TaskReader::horizon(const TaskFilter &filter, bool withCount)
{
    if (Error e = checkSearch(filter.search))
        return e;
    Result<QSqlQuery> q = m_db.runWith(QStringLiteral("SELECT ")
            + (withCount ? QStringLiteral("(SELECT count(*) FROM tasks") + filterClause(filter)
                        + QStringLiteral(")")
                         : QStringLiteral("-1"))
            + QStringLiteral(", (SELECT COALESCE(max(id), 0) FROM tasks), (SELECT "
                             "COALESCE(max(id), 0) FROM audit_log), {NOW}"),
        QStringLiteral("horizon"), [&](QSqlQuery &query) {
            if (withCount)
                bindFilter(query, filter);
        });
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::database(QStringLiteral("horizon: no row"));
    TaskHorizon h;
    h.count = q->value(0).toLongLong();
    h.maxTaskId = q->value(1).toLongLong();
    h.maxAuditId = q->value(2).toLongLong();
    h.dbNow = q->value(3).toLongLong();
    q->finish();
    return h;
}

Result<QVector<TaskKey>> TaskReader::keysetAnchors(const TaskFilter &filter, int stride)
{
    if (Error e = checkSearch(filter.search))
        return e;
    if (stride < 2 || stride > 1000000)
        return Error::invalid(QStringLiteral("stride must be between 2 and 1000000"));
    // Numbering the rows on the server sends only every stride-th key over the wire
    // (QPSQL would load a whole result into memory).
    Result<QSqlQuery> q = m_db.runWith(QStringLiteral("SELECT v, id FROM (SELECT ")
            + sortColumn(filter.sort) + QStringLiteral(" AS v, id, row_number() OVER (ORDER BY ")
            + orderClause(filter) + QStringLiteral(") AS rn FROM tasks") + filterClause(filter)
            + QStringLiteral(") numbered WHERE rn % :stride = 0 ORDER BY rn"),
        QStringLiteral("anchors"), [&](QSqlQuery &query) {
            bindFilter(query, filter);
            query.bindValue(QStringLiteral(":stride"), stride);
        });
    if (!q.ok())
        return q.error();
    QVector<TaskKey> keys;
    while (q->next())
        keys.append({q->value(0), q->value(1).toLongLong()});
    return keys;
}

Result<qint64> TaskReader::count(const TaskFilter &filter)
{
    if (Error e = checkSearch(filter.search))
        return e;
    Result<QSqlQuery> q
        = m_db.runWith(QStringLiteral("SELECT count(*) FROM tasks") + filterClause(filter),
            QStringLiteral("count"), [&filter](QSqlQuery &query) { bindFilter(query, filter); });
    if (!q.ok())
        return q.error();
    if (!q->next())
        return qint64(0);
    return q->value(0).toLongLong();
}

Result<StatusCounts> TaskReader::counts(const StuckThresholds &stuckThresholds)
{
    if (Error e = stuckThresholds.validate())
        return e;
    StatusCounts counts;
    // Kept by triggers (migrations 14, 17): no scan of the tasks table.
    Result<QSqlQuery> q
        = m_db.run(QStringLiteral("SELECT status, sum(n) FROM task_state_counts GROUP BY status"),
            QStringLiteral("counts"));
    if (!q.ok())
        return q.error();
    while (q->next()) {
        if (const auto status = parseStatus(q->value(0).toString()))
            counts.byStatus[*status] = q->value(1).toLongLong();
    }
    // The stuck counts as the stuck report has them (its actor writes nothing here).
    Result<StuckReport> stuck = StuckTasks(m_db, QString()).stuckScope(stuckThresholds);
    if (!stuck.ok())
        return stuck.error();
    counts.stuckQueued = stuck->queuedTotal;
    counts.stuckRunning = stuck->runningTotal;
    counts.stuck = stuck->total();
    return counts;
}

Result<Stats> TaskReader::stats(int hours, const StuckThresholds &stuck)
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
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT completed_at / 60000, status, COALESCE(outcome, ''), count(*), "
                       "COALESCE(sum(completed_at - started_at), 0), sum(CASE WHEN started_at IS "
                       "NULL THEN 0 ELSE 1 END) FROM tasks {INDEX:tasks_completed_idx} WHERE "
                       "completed_at >= :from AND status IN ('COMPLETED', 'FAILED') GROUP BY "
                       "completed_at / 60000, status, outcome"),
        QStringLiteral("stats"), {{":from", stats.from}});
    if (!q.ok())
        return q.error();
    qint64 durationSum = 0;
    qint64 durationCount = 0;
    while (q->next()) {
        const QSqlQuery &r = *q;
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

} // namespace taskdesk
