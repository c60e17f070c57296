#include "taskrules.h"

#include "core/task.h"

#include <QStringList>

namespace taskdesk::taskrules {

namespace {

struct ActionRule
{
    TaskAction action;
    const char *auditName;
    QVector<TaskStatus> allowedFrom;
};

// The operator's actions and the statuses each is taken from (DESIGN.md's
// state table). A new action is a new row here.
const QVector<ActionRule> &rules()
{
    static const QVector<ActionRule> table = {
        {TaskAction::ForceStop, "force_stop", {TaskStatus::Running}},
        {TaskAction::Cancel, "cancel", {TaskStatus::Pending, TaskStatus::Running}},
        {TaskAction::Restart, "restart", {TaskStatus::Completed, TaskStatus::Failed}},
        {TaskAction::Delete, "delete",
            {TaskStatus::Pending, TaskStatus::Completed, TaskStatus::Failed}},
    };
    return table;
}

const ActionRule &rule(TaskAction action)
{
    for (const ActionRule &r : rules()) {
        if (r.action == action)
            return r;
    }
    Q_UNREACHABLE();
}

} // namespace

const QVector<TaskAction> &actions()
{
    static const QVector<TaskAction> all = [] {
        QVector<TaskAction> list;
        for (const ActionRule &r : rules())
            list.append(r.action);
        return list;
    }();
    return all;
}

const QVector<TaskStatus> &statuses()
{
    static const QVector<TaskStatus> all
        = {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed};
    return all;
}

const QVector<TaskStatus> &allowedFrom(TaskAction action)
{
    return rule(action).allowedFrom;
}

bool allows(TaskAction action, TaskStatus status)
{
    return allowedFrom(action).contains(status);
}

bool allows(TaskAction action, const QString &statusWord)
{
    // Exact: the words stored in the database are upper case.
    for (TaskStatus s : allowedFrom(action)) {
        if (statusName(s) == statusWord)
            return true;
    }
    return false;
}

QString auditName(TaskAction action)
{
    return QString::fromLatin1(rule(action).auditName);
}

std::optional<TaskAction> parseAction(const QString &name)
{
    for (const ActionRule &r : rules()) {
        if (name == QLatin1String(r.auditName))
            return r.action;
    }
    return std::nullopt;
}

QString sqlLiteral(TaskStatus status)
{
    return QLatin1Char('\'') + statusName(status) + QLatin1Char('\'');
}

QString statusInSql(const QVector<TaskStatus> &list, const QString &column)
{
    QStringList words;
    for (TaskStatus s : list)
        words << sqlLiteral(s);
    return column + QStringLiteral(" IN (") + words.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString fenceSql(TaskAction action, const QString &column)
{
    return statusInSql(allowedFrom(action), column);
}

bool isRunningStuck(const Task &task, qint64 now, qint64 heartbeatTimeoutMs)
{
    return task.status == TaskStatus::Running && task.heartbeatAt > 0
        && task.heartbeatAt < now - heartbeatTimeoutMs;
}

bool isQueuedStuck(const Task &task, qint64 now, qint64 queueThresholdMs)
{
    return task.status == TaskStatus::Pending && task.runAfter < now - queueThresholdMs;
}

bool isStuck(const Task &task, qint64 now, const StuckThresholds &thresholds)
{
    return isRunningStuck(task, now, thresholds.heartbeatTimeoutMs)
        || isQueuedStuck(task, now, thresholds.queueThresholdMs);
}

QString runningStuckSql(const QString &cutoff)
{
    return QStringLiteral("status = ") + sqlLiteral(TaskStatus::Running)
        + QStringLiteral(" AND heartbeat_at < ") + cutoff;
}

QString queuedStuckSql(const QString &cutoff)
{
    return QStringLiteral("status = ") + sqlLiteral(TaskStatus::Pending)
        + QStringLiteral(" AND run_after < ") + cutoff;
}

} // namespace taskdesk::taskrules
