#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/sources/sourcedefinition.h"
#include "core/sources/sourcedialect.h"
#include "core/task.h"
#include "core/tasks/taskquery.h"

#include <QMap>
#include <QVector>

#include <optional>

namespace taskdesk {

// One row of a source's table as its mapping reads it.
struct SourceRow
{
    qint64 key = 0;
    QString title;
    QString kind, queue;
    QString rawStatus; // the value as the table holds it
    std::optional<TaskStatus> status; // nothing: a value nobody mapped (shown, never touched)
    qint64 createdAt = 0, startedAt = 0, finishedAt = 0, heartbeatAt = 0; // UTC ms, 0: none
    QString error;
    int progressDone = 0, progressTotal = 0;
    // The fence column's value as text when the row was read: what an action
    // checks is unchanged.
    QString fence;
    qint64 dbNow = 0; // the source database's clock when it was read
    bool stuck = false; // by the source's rules, at dbNow

    // As the task table shows a row: the key as its id, the mapped status (an
    // unmapped one as PENDING, with rawStatus kept for its badge).
    Task asTask() const;
};

struct SourceItem
{
    qint64 key = 0;
    QString label;
    QString rawStatus;
    std::optional<TaskStatus> status;
    qint64 startedAt = 0, finishedAt = 0;
};

struct SourceCounts
{
    QMap<TaskStatus, qint64> byStatus;
    QMap<QString, qint64> unmapped; // values nobody mapped, with their rows
    qint64 stuckQueued = 0, stuckRunning = 0;
    qint64 total() const;
};

// The reading side of a source: a filter to rows (the same TaskFilter as
// Taskdesk's own tasks: statuses, stuck, search, sort, pages), counts, one row,
// its items and its log. Every time is read in the column's own type and
// converted to UTC milliseconds by the database (SourceDialect::millis).
class SourceReader final
{
public:
    SourceReader(Database &source, SourceDefinition definition);

    const SourceDefinition &definition() const { return m_def; }
    Result<QVector<SourceRow>> list(const TaskFilter &filter);
    Result<qint64> count(const TaskFilter &filter);
    // The same, of the rows whose stored status is one of `rawStatuses` too
    // (the values nobody mapped: the window's chip of them); empty: any.
    Result<QVector<SourceRow>> list(const TaskFilter &filter, const QStringList &rawStatuses);
    Result<qint64> count(const TaskFilter &filter, const QStringList &rawStatuses);
    Result<SourceCounts> counts();
    Result<SourceRow> row(qint64 key);
    Result<QVector<SourceItem>> items(qint64 key, int limit = 1000);
    // The log column from character `from` (0: all of it), for tailing.
    Result<QString> log(qint64 key, qint64 from = 0);
    // Stuck rows by the source's rules, oldest first: queued longer than
    // queuedMinutes, running with no change of its heartbeat (or, without one,
    // since its start) for runningMinutes.
    Result<QVector<SourceRow>> stuck(int limit = 1000);

    // The SQL of the stuck rule at the database time `nowMs`, with its values:
    // the clean-ups and the sweep use the same condition.
    struct Condition
    {
        QString sql;
        QVector<QPair<QString, QVariant>> values;
    };
    Condition stuckCondition(qint64 nowMs, bool queued, bool running) const;
    const SourceDialect &dialect() const { return m_dialect; }

private:
    // The columns of a row; a list cuts the error text short, row() reads it whole.
    QString selectList(bool wholeError = false) const;
    SourceRow readRow(const QSqlQuery &q, qint64 dbNow) const;
    Result<Condition> filterCondition(
        const TaskFilter &filter, const QStringList &rawStatuses = {});

    Database &m_db;
    SourceDefinition m_def;
    SourceDialect m_dialect;
};

} // namespace taskdesk
