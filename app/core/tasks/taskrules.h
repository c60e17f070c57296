#pragma once

#include "core/error.h"
#include "core/taskstatus.h"

#include <QString>
#include <QVector>

#include <optional>

namespace taskdesk {

struct Task;

// What an operator does to one task.
enum class TaskAction { ForceStop, Cancel, Restart, Delete };

// The thresholds that make a task "stuck". Validated before use.
struct StuckThresholds
{
    qint64 queueThresholdMs = 5 * 60 * 1000; // PENDING and due for longer than this
    qint64 heartbeatTimeoutMs = 60 * 1000; // RUNNING without a heartbeat for longer than this

    Error validate() const;
};

// The rules of a task in one place: which status allows which operator action
// (and so the statuses each action's UPDATE fences on), the names the audit
// log gives the actions, and when a task is stuck. Core's statements, the
// window and taskdeskctl all ask here; the SQL forms are built from the same
// constants as the C++ ones. Outcome names are `Outcome::` (taskstatus.h).
namespace taskrules {

// Every action and every status, in the order people see them.
const QVector<TaskAction> &actions();
const QVector<TaskStatus> &statuses();

// The statuses an action is taken from: what allows() says yes to, and what
// the action's UPDATE fences on (fenceSql()).
const QVector<TaskStatus> &allowedFrom(TaskAction action);
bool allows(TaskAction action, TaskStatus status);
bool allows(TaskAction action, const QString &statusWord); // an unknown word allows nothing

// The action as the audit log names it ("force_stop"): stable, for scripts.
QString auditName(TaskAction action);
std::optional<TaskAction> parseAction(const QString &auditName);

// `'RUNNING'`: a status as an SQL literal.
QString sqlLiteral(TaskStatus status);
// `status IN ('PENDING', 'RUNNING')` over `column`.
QString statusInSql(const QVector<TaskStatus> &statuses, const QString &column);
// The action's fence as SQL: `status IN (…)` of allowedFrom(action).
QString fenceSql(TaskAction action, const QString &column = QStringLiteral("status"));

// Stuck. A task is running-stuck when it is RUNNING and its last heartbeat is
// more than the heartbeat timeout before `now` (the database clock);
// queued-stuck when it is PENDING and was due more than the queue threshold
// before `now`. The SQL forms below say the same with a cutoff
// (now - threshold) bound by the caller: `heartbeat_at < cutoff`.
bool isRunningStuck(const Task &task, qint64 now, qint64 heartbeatTimeoutMs);
bool isQueuedStuck(const Task &task, qint64 now, qint64 queueThresholdMs);
bool isStuck(const Task &task, qint64 now, const StuckThresholds &thresholds);
// `cutoff`: a placeholder (":rcutoff") or an SQL expression ("{NOW} - :stuckms").
QString runningStuckSql(const QString &cutoff);
QString queuedStuckSql(const QString &cutoff);

} // namespace taskrules

} // namespace taskdesk
