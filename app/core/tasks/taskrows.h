#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/task.h"
#include "core/taskstatus.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <QVector>

#include <optional>

// What every part of the task store writes and reads the same way: a task's row
// as a Task, its log lines, and statements over many task ids at once.
namespace taskdesk::taskrows {

// The columns that taskFromRow() reads, in its order, with the database clock last.
extern const QString kTaskColumns;

// A column's value as a field of a row's struct.
inline void readColumn(const QVariant &value, qint64 &out)
{
    out = value.toLongLong();
}
inline void readColumn(const QVariant &value, int &out)
{
    out = value.toInt();
}
inline void readColumn(const QVariant &value, QString &out)
{
    out = value.toString();
}
inline void readColumn(const QVariant &value, TaskStatus &out)
{
    out = parseStatus(value.toString()).value_or(TaskStatus::Pending);
}

// The row's columns, from `first` on, into `out` in their order.
template<typename... Fields> void readRow(const QSqlQuery &q, int first, Fields &...out)
{
    int column = first;
    (readColumn(q.value(column++), out), ...);
}

Task taskFromRow(const QSqlQuery &q);
// A row of "id, task_id, position, label, status, started_at, completed_at,
// error_message" from task_items.
TaskItem itemFromRow(const QSqlQuery &q);

Error insertLog(
    Database &db, qint64 taskId, qint64 itemId, const QString &level, const QString &message);
// Many lines in few statements (a sweep writes one per task).
Error insertLogs(Database &db, const QVector<LogLine> &lines);

// `n` times `one`, joined by ", ": the placeholders of a batch.
QString repeated(const QString &one, int n);

// The statement of a batch of rows: kept prepared when `keep` (a size that
// recurs), else prepared into `partial`.
Result<QSqlQuery *> prepareBatch(Database &db, const QString &statement, bool keep,
    std::optional<QSqlQuery> &partial, Database::KeptRows rows = Database::KeptRows::None);

// Runs `statement`, whose ":ids" stands for a list of task ids, for all of
// `ids`; `leading` is bound to the "?" placeholders before the list.
Error execForTasks(Database &db, const QString &statement, const QVector<qint64> &ids,
    const QString &what, const QVariantList &leading = {});

} // namespace taskdesk::taskrows
