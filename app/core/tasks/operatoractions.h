#pragma once

#include "core/auditlog.h"
#include "core/database.h"
#include "core/error.h"
#include "core/task.h"
#include "core/tasks/taskrules.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <functional>

namespace taskdesk {

// What an operator action did to one task, as facts: the window words them
// with tr(), taskdeskctl in its own English.
struct ActionReport
{
    TaskAction action = TaskAction::Cancel;
    qint64 taskId = 0;
    QString taskName;
    bool done = false;
    // Done: the status the task was taken from. Refused: the status that
    // refused the action (the task's status now).
    QString before;
    QString after; // done: the status now ("DELETED")
    // Items stopped (Force Stop, Cancel), made pending again (Restart) or deleted.
    int itemsChanged = 0;
    // Refused because the task changed under every try.
    bool changing = false;

    bool refused() const { return !done && !before.isEmpty(); }
};

// What an operator does to one task: Cancel, Force Stop, Restart, Delete. Each
// is a transition: one conditional UPDATE (or DELETE) from the status the
// operator saw, fenced on the statuses the rules allow the action from
// (taskrules::fenceSql), whose affected-row count decides, inside one write
// transaction with its log lines and audit row.
// A source of tasks other than Taskdesk's own tables offers the same actions.
class OperatorActions final
{
public:
    explicit OperatorActions(Database &db, QString actor = AuditLog::osUser());

    void setActor(const QString &actor) { m_actor = actor; }

    // `action` on one task. A refusal is a report too (done false, the status
    // that refused it in `before`); an unknown task is NotFound, a database
    // that fails is Database.
    Result<ActionReport> apply(TaskAction action, qint64 taskId);

    // The same, with a refusal as an Error (Refused) whose English text
    // (refusalText) names the current status: for scripts and logs.
    Result<ActionReport> cancel(qint64 taskId)
    {
        return refusing(apply(TaskAction::Cancel, taskId));
    }
    Result<ActionReport> forceStop(qint64 taskId)
    {
        return refusing(apply(TaskAction::ForceStop, taskId));
    }
    Result<ActionReport> restart(qint64 taskId)
    {
        return refusing(apply(TaskAction::Restart, taskId));
    }
    Result<ActionReport> remove(qint64 taskId)
    {
        return refusing(apply(TaskAction::Delete, taskId));
    }

    // "Task 5 is not running (current status: COMPLETED)": a refusal in English.
    static QString refusalText(const ActionReport &refused);

private:
    static Result<ActionReport> refusing(Result<ActionReport> result);

    // `step` changes the task if it is still `before` and the rules allow the
    // action from there (report.done), or leaves it: then the status is read
    // again and the action tried from there.
    using Step = std::function<Error(
        const QString &before, ActionReport &report, QJsonObject &auditDetails)>;
    Result<ActionReport> transition(TaskAction action, qint64 taskId, const Step &step);
    Error cancelFrom(const QString &before, ActionReport &report);
    Error forceStopFrom(const QString &before, ActionReport &report);
    Error restartFrom(const QString &before, ActionReport &report);
    Error removeFrom(const QString &before, ActionReport &report, QJsonObject &auditDetails);

    // The two UPDATEs of a transition: the task's (`set`, binding `values`),
    // conditional on `before` and on the action's fence, whose row count
    // decides (report.done, `after`); then its items' (`itemChange`: SET …
    // WHERE, binding :t and, unless null, :m to `itemMessage`). The ids of the
    // items changed.
    Result<QVector<qint64>> move(const QString &before, TaskStatus after, const QString &set,
        Database::Values values, const QString &itemChange, const QString &itemMessage,
        const QString &what, ActionReport &report);
    // FAILED with `outcome` from `before`, with its running items; when the
    // task changed (report.done), `then` with the ids of those items.
    Error fail(const QString &before, const QString &outcome, const QString &message,
        const QString &itemMessage, const QString &what, ActionReport &report,
        const std::function<Error(const QVector<qint64> &itemIds)> &then);

    Database &m_db;
    AuditLog m_audit;
    QString m_actor;
};

} // namespace taskdesk
