#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/task.h"
#include "core/tasks/stucktasks.h"
#include "core/tasks/taskquery.h"

#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace taskdesk {

// A task changed since some time, and whether it passes a filter now.
struct ChangedTask
{
    Task task;
    bool matches = false;
};

struct TaskChanges
{
    QVector<ChangedTask> tasks; // oldest change first
    qint64 dbNow = 0; // the database clock when they were read
    bool truncated = false; // more rows changed than the limit
};

// Where a view of the tasks starts following changes, read in one statement so
// that it is one snapshot: how many tasks pass a filter, the highest task and
// audit ids, and the database clock.
struct TaskHorizon
{
    qint64 count = -1; // -1 when not asked for
    qint64 maxTaskId = 0;
    qint64 maxAuditId = 0;
    qint64 dbNow = 0;
};

struct StatusCounts
{
    QMap<TaskStatus, qint64> byStatus;
    qint64 stuck = 0; // stuckQueued + stuckRunning
    qint64 stuckQueued = 0;
    qint64 stuckRunning = 0;
    qint64 total() const;
};

struct Stats
{
    int hours = 24;
    qint64 from = 0, to = 0; // the window
    StatusCounts counts;
    qint64 completedInWindow = 0, failedInWindow = 0;
    double averageDurationMs = 0;
    // Per minute (UTC epoch minute), how many tasks completed and failed.
    QMap<qint64, QPair<qint64, qint64>> perMinute;
    QMap<QString, qint64> outcomes; // in the window
};

// The reading side of the tasks: a filter to rows, what changed since a
// moment, counts and statistics. Views, commands and the window read through
// it and nothing else; a source of tasks other than Taskdesk's own tables
// answers the same questions.
class TaskReader final
{
public:
    explicit TaskReader(Database &db);

    Result<Task> task(qint64 taskId);
    Result<QVector<TaskItem>> items(qint64 taskId);
    Result<QVector<LogLine>> log(qint64 taskId, qint64 afterId = 0, int limit = 1000);
    Result<QVector<Task>> list(const TaskFilter &filter);
    Result<qint64> count(const TaskFilter &filter);
    // With the stuck counts of `stuck` (StuckScope): the same numbers as stuckReport().
    Result<StatusCounts> counts(const StuckThresholds &stuck = {});
    // The tasks whose updated_at is later than `updatedAfterMs`, each with whether it
    // passes `filter` now (its sort and paging are ignored): a view's periodic refresh
    // reads only these, on the updated_at index. Writers that commit late can leave an
    // older updated_at behind: callers ask again with a margin.
    Result<TaskChanges> changedSince(
        qint64 updatedAfterMs, const TaskFilter &filter, int limit = 1000);
    // The keys of the rows at positions stride-1, 2·stride-1, … of `filter`'s order:
    // where keyset paging starts for a jump deep into a large table.
    Result<QVector<TaskKey>> keysetAnchors(const TaskFilter &filter, int stride);
    Result<TaskHorizon> horizon(const TaskFilter &filter, bool withCount = true);
    // The queues that tasks name, in order (a queue filter's choices).
    Result<QStringList> queues(int limit = 500);
    // Its counts with the stuck counts of `stuck`, as counts() has them.
    Result<Stats> stats(int hours, const StuckThresholds &stuck = {});

private:
    Database &m_db;
};

} // namespace taskdesk
