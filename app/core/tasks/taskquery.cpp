#include "taskquery.h"

#include "core/tasks/taskrules.h"
#include "core/taskstatus.h"

#include <QRegularExpression>

#include <algorithm>
#include <type_traits>
#include <variant>

namespace taskdesk {

namespace {

// Each sort order of the task table: the name a command gives it, the column
// expression, the index that holds it on SQLite (migration 6; none: nullptr)
// and the field of a task that holds its value. NULLs sort first on SQLite and
// last on PostgreSQL: read as 0 or '' they sort alike, and keyset paging
// compares plain values.
using TaskField = std::variant<qint64 Task::*, int Task::*, QString Task::*, TaskStatus Task::*>;

struct SortOrder
{
    TaskFilter::Sort sort;
    const char *name;
    const char *column;
    const char *index;
    TaskField field;
};

using S = TaskFilter::Sort;
const SortOrder kSortOrders[] = {
    {S::Id, "id", "id", nullptr, &Task::id},
    {S::Name, "name", "name", "tasks_name_idx", &Task::name},
    {S::Kind, "kind", "kind", "tasks_kind_idx", &Task::kind},
    {S::Queue, "queue", "queue", "tasks_queue_idx", &Task::queue},
    {S::Status, "status", "status", nullptr, &Task::status},
    {S::Priority, "priority", "priority", nullptr, &Task::priority},
    {S::Progress, "progress", "progress_done", nullptr, &Task::progressDone},
    {S::Worker, "worker", "COALESCE(worker_id, '')", "tasks_worker_idx", &Task::workerId},
    {S::CreatedAt, "created", "created_at", nullptr, &Task::createdAt},
    {S::StartedAt, "started", "COALESCE(started_at, 0)", "tasks_started_idx", &Task::startedAt},
    {S::HeartbeatAt, "heartbeat", "COALESCE(heartbeat_at, 0)", nullptr, &Task::heartbeatAt},
    {S::CompletedAt, "completed", "COALESCE(completed_at, 0)", nullptr, &Task::completedAt},
    {S::UpdatedAt, "updated", "updated_at", nullptr, &Task::updatedAt},
    {S::Attempt, "attempt", "attempt", nullptr, &Task::attempt},
};

// A task's value in a sort order, as the column reads it back.
QVariant fieldValue(const Task &task, const TaskField &field)
{
    return std::visit(
        [&task](auto member) -> QVariant {
            const auto &value = task.*member;
            using Value = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<Value, TaskStatus>)
                return statusName(value);
            else if constexpr (std::is_same_v<Value, QString>)
                return value.isNull() ? QString(QLatin1String("")) : value; // COALESCE(…, '')
            else
                return value;
        },
        field);
}

const SortOrder &sortOrder(TaskFilter::Sort sort)
{
    for (const SortOrder &order : kSortOrders) {
        if (order.sort == sort)
            return order;
    }
    return kSortOrders[0];
}

// The index that holds a sort order on SQLite, empty for none.
QString sortIndex(TaskFilter::Sort sort)
{
    const char *index = sortOrder(sort).index;
    return index ? QString::fromLatin1(index) : QString();
}

} // namespace

std::optional<TaskFilter::Sort> TaskFilter::parseSort(const QString &name)
{
    const QString wanted = name.trimmed().toLower();
    for (const SortOrder &order : kSortOrders) {
        if (wanted == QLatin1String(order.name))
            return order.sort;
    }
    return std::nullopt;
}

TaskKey TaskFilter::keyOf(const Task &task) const
{
    return {fieldValue(task, sortOrder(sort).field), task.id};
}

namespace taskquery {

QString sortColumn(TaskFilter::Sort sort)
{
    return QString::fromLatin1(sortOrder(sort).column);
}

namespace {

// "id is after/before the key" in the filter's order (sorted by the id).
QString keysetCondition(const TaskFilter &f, bool after)
{
    const bool greater = after != f.descending;
    return QStringLiteral("id") + (greater ? QStringLiteral(" > ") : QStringLiteral(" < "))
        + QStringLiteral(":kid");
}

// The named placeholders of `sql` with `suffix` after each: a condition that a
// statement holds twice.
QString withSuffix(const QString &sql, const QString &suffix)
{
    static const QRegularExpression name(QStringLiteral(":([A-Za-z][A-Za-z0-9_]*)"));
    return QString(sql).replace(name, QStringLiteral(":\\1") + suffix);
}

QString and_(const QString &a, const QString &b)
{
    return a.isEmpty() ? b : a + QStringLiteral(" AND ") + b;
}

} // namespace

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
        parts << QStringLiteral("((")
                + taskrules::runningStuckSql(QStringLiteral("{NOW} - :stuckms"))
                + QStringLiteral(") OR (")
                + taskrules::queuedStuckSql(QStringLiteral("{NOW} - :stuckqms"))
                + QStringLiteral("))");
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

QString orderClause(const TaskFilter &f, bool reversed)
{
    const QString direction
        = f.descending != reversed ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString order = sortColumn(f.sort) + direction;
    if (f.sort != TaskFilter::Sort::Id)
        order += QStringLiteral(", id") + direction;
    return order;
}

void bindFilter(QSqlQuery &q, const TaskFilter &f, const QString &suffix)
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

Result<QString> indexHint(Database &db, const TaskFilter &filter)
{
    // PostgreSQL knows from its statistics how rare a status is; SQLite does not
    // (or guesses from an average), and walked the whole name index to find 200
    // of a thousand RUNNING tasks (0.2 s), or sorted 900,000 COMPLETED ones.
    const QString sortIndexName = sortIndex(filter.sort);
    if (db.isPostgres() || sortIndexName.isEmpty())
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
    // The counts that triggers keep (migrations 14, 17): microseconds.
    Result<QSqlQuery> q
        = db.run(QStringLiteral("SELECT status, sum(n) FROM task_state_counts GROUP BY status"),
            QStringLiteral("counts"));
    if (!q.ok())
        return q.error();
    qint64 total = 0;
    qint64 matching = 0;
    while (q->next()) {
        const qint64 n = q->value(1).toLongLong();
        total += n;
        const std::optional<TaskStatus> status = parseStatus(q->value(0).toString());
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

QString pageStatement(const TaskFilter &filter, const QString &columns, const QString &hint)
{
    // Rows before a key are read backwards from it, then turned around.
    const std::optional<TaskKey> &key = filter.after ? filter.after : filter.before;
    const bool backwards = filter.before.has_value();
    const QString condition = filterCondition(filter);
    const QString order = orderClause(filter, backwards);
    auto select = [&](const QString &where, const QString &orderBy) -> QString {
        return QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM tasks") + hint
            + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where)
            + QStringLiteral(" ORDER BY ") + orderBy;
    };
    if (!key)
        return select(condition, order) + QStringLiteral(" LIMIT :limit OFFSET :offset");
    if (filter.sort == TaskFilter::Sort::Id)
        return select(and_(condition, keysetCondition(filter, !backwards)), order)
            + QStringLiteral(" LIMIT :limit");
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
              QStringLiteral("id") + (greater ? QStringLiteral(" ASC") : QStringLiteral(" DESC")))
        + QStringLiteral(" LIMIT :limit");
    const QString beyond = select(and_(withSuffix(condition, QStringLiteral("_b")),
                                      column + op + QStringLiteral(":kv_b")),
                               order)
        + QStringLiteral(" LIMIT :limit_b");
    return QStringLiteral("SELECT * FROM (SELECT * FROM (") + ties
        + QStringLiteral(") ties UNION ALL SELECT * FROM (") + beyond
        + QStringLiteral(") beyond) page ORDER BY ") + order + QStringLiteral(" LIMIT :limit_page");
}

void bindPage(QSqlQuery &q, const TaskFilter &filter)
{
    const std::optional<TaskKey> &key = filter.after ? filter.after : filter.before;
    bindFilter(q, filter);
    q.bindValue(QStringLiteral(":limit"), filter.limit);
    if (!key) {
        q.bindValue(QStringLiteral(":offset"), filter.offset);
        return;
    }
    q.bindValue(QStringLiteral(":kid"), key->id);
    if (filter.sort == TaskFilter::Sort::Id)
        return;
    bindFilter(q, filter, QStringLiteral("_b"));
    q.bindValue(QStringLiteral(":kv"), key->value);
    q.bindValue(QStringLiteral(":kv_b"), key->value);
    q.bindValue(QStringLiteral(":limit_b"), filter.limit);
    q.bindValue(QStringLiteral(":limit_page"), filter.limit);
}

} // namespace taskquery

} // namespace taskdesk
