#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/task.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVector>

#include <optional>

namespace taskdesk {

// A row's place in a sort order: the value of the sort column (NULL read as 0 or
// the empty text, alike on both backends) and the id that breaks ties.
struct TaskKey
{
    QVariant value;
    qint64 id = 0;
};

// Which tasks a view or a command asks for, in which order, and which page.
struct TaskFilter
{
    enum class Sort {
        Id,
        Name,
        Kind,
        Queue,
        Status,
        Priority,
        Progress,
        Worker,
        CreatedAt,
        StartedAt,
        HeartbeatAt,
        CompletedAt,
        UpdatedAt,
        Attempt,
    };

    QVector<TaskStatus> statuses; // empty: all
    // Stuck (StuckScope's definition, now): RUNNING with a heartbeat older than
    // stuckHeartbeatMs, or PENDING and due longer than stuckQueueMs ago.
    bool stuckOnly = false;
    qint64 stuckHeartbeatMs = 60000;
    qint64 stuckQueueMs = 5 * 60 * 1000;
    QString queue;
    QString kind;
    QString search; // name, kind, worker, error text, or an exact id
    Sort sort = Sort::Id;
    bool descending = true;
    int limit = 100;
    qint64 offset = 0;
    // Keyset paging, cheap at any depth (an offset walks every row it skips):
    // only rows strictly after `after`, or strictly before `before`, in the sort
    // order; the offset is then ignored. Rows come back in the sort order.
    std::optional<TaskKey> after;
    std::optional<TaskKey> before;

    static std::optional<Sort> parseSort(const QString &name);
    // The key of `task` in this filter's sort order.
    TaskKey keyOf(const Task &task) const;
};

// The SQL of a TaskFilter over the tasks table: its condition, order, keyset
// page and, on SQLite, the index that serves it.
namespace taskquery {

QString sortColumn(TaskFilter::Sort sort);
// The condition of a filter, empty for all tasks; values are bound by bindFilter().
QString filterCondition(const TaskFilter &f);
// " WHERE condition", or nothing.
QString filterClause(const TaskFilter &f);
QString orderClause(const TaskFilter &f, bool reversed = false);
// `suffix` follows every name, as withSuffix() renamed them.
void bindFilter(QSqlQuery &q, const TaskFilter &f, const QString &suffix = QString());
// SQLite: " INDEXED BY" the index that serves a page of `filter` best.
Result<QString> indexHint(Database &db, const TaskFilter &filter);
// The SELECT of a page of `filter` (`columns` of its rows, `hint` after the
// table), and the binding of its values: rows before a key come in reverse
// order, to be turned around.
QString pageStatement(const TaskFilter &filter, const QString &columns, const QString &hint);
void bindPage(QSqlQuery &q, const TaskFilter &filter);

} // namespace taskquery

} // namespace taskdesk
