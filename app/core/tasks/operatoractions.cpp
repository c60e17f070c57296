#include "operatoractions.h"

#include "core/tasks/taskrows.h"

#include <QJsonValue>

#include <optional>

namespace taskdesk {

using taskrows::insertLog;
using taskrules::sqlLiteral;

OperatorActions::OperatorActions(Database &db, QString actor)
    : m_db(db)
    , m_audit(db)
    , m_actor(std::move(actor))
{ }

Result<ActionReport> OperatorActions::apply(TaskAction action, qint64 taskId)
{
    return transition(action, taskId,
        [this, action](const QString &before, ActionReport &report, QJsonObject &details) {
            switch (action) {
            case TaskAction::ForceStop:
                return forceStopFrom(before, report);
            case TaskAction::Cancel:
                return cancelFrom(before, report);
            case TaskAction::Restart:
                return restartFrom(before, report);
            case TaskAction::Delete:
                return removeFrom(before, report, details);
            }
            return Error();
        });
}

QString OperatorActions::refusalText(const ActionReport &refused)
{
    QString text;
    switch (refused.action) {
    case TaskAction::ForceStop:
        text = QStringLiteral("Task %1 is not running (current status: %2)");
        break;
    case TaskAction::Cancel:
        text = QStringLiteral("Task %1 cannot be cancelled: it is not pending or running (current "
                              "status: %2)");
        break;
    case TaskAction::Restart:
        text = QStringLiteral("Task %1 cannot be restarted: only completed or failed tasks can "
                              "(current status: %2)");
        break;
    case TaskAction::Delete:
        text = QStringLiteral("Task %1 is running and cannot be deleted; force stop or cancel it "
                              "first (current status: %2)");
        break;
    }
    return text.arg(refused.taskId)
        .arg(refused.changing ? refused.before + QStringLiteral(", changing") : refused.before);
}

Result<ActionReport> OperatorActions::refusing(Result<ActionReport> result)
{
    if (result.ok() && result->refused())
        return Error::refused(refusalText(*result));
    return result;
}

Result<ActionReport> OperatorActions::transition(TaskAction action, qint64 taskId, const Step &step)
{
    ActionReport fresh;
    fresh.action = action;
    fresh.taskId = taskId;
    // A refusal rolls the transaction back (an Error) and is handed back as a report.
    std::optional<ActionReport> refused;
    Result<ActionReport> result = m_db.writeResult(fresh, [&](ActionReport &report) -> Error {
        refused.reset();
        QJsonObject details;
        const QString what = taskrules::auditName(action);
        // The read only names the status for the audit row and a refusal; the
        // statement in step() is conditional on that status and on the rules'
        // fence, and its row count decides.
        auto readStatus = [&](bool withName) -> Result<QString> {
            Result<QSqlQuery> q
                = m_db.run(QStringLiteral("SELECT name, status FROM tasks WHERE id = :id"), what,
                    {{":id", taskId}});
            if (!q.ok())
                return q.error();
            if (!q->next())
                return Error::notFound(QStringLiteral("Task %1 not found").arg(taskId));
            if (withName)
                report.taskName = q->value(0).toString();
            const QString status = q->value(1).toString();
            q->finish();
            return status;
        };
        auto refuse = [&](const QString &status, bool changing) {
            report.before = status;
            report.changing = changing;
            refused = report;
            return Error::refused(QString());
        };
        Result<QString> before = readStatus(true);
        // The statement decides, refusing what the rules refuse; then the status
        // is read again. The same status: refused. A task that moved between our
        // read and our statement (PostgreSQL; SQLite's BEGIN IMMEDIATE
        // serialises) to another status that allows the action (a Cancel of a
        // PENDING task that a worker just claimed) is tried from there; to one
        // that does not, the refusal names what it is now.
        for (int round = 0;; ++round) {
            if (!before.ok())
                return before.error();
            report.before = *before;
            if (Error err = step(*before, report, details))
                return err;
            if (report.done)
                break;
            Result<QString> now = readStatus(false);
            if (!now.ok())
                return now.error();
            if (*now == *before || !taskrules::allows(action, *now))
                return refuse(*now, false);
            if (round == 3)
                return refuse(*now, true);
            before = now;
        }
        details.insert(QStringLiteral("items_changed"), report.itemsChanged);
        return m_audit.record(
            m_actor, what, taskId, report.taskName, *before, report.after, details);
    });
    if (refused)
        return *refused;
    return result;
}

Result<QVector<qint64>> OperatorActions::move(const QString &before, TaskStatus after,
    const QString &set, Database::Values values, const QString &itemChange,
    const QString &itemMessage, const QString &what, ActionReport &report)
{
    const qint64 taskId = report.taskId;
    Result<QSqlQuery> q = m_db.runWith(QStringLiteral("UPDATE tasks SET ") + set
            + QStringLiteral(", updated_at = {NOW} WHERE id = :id AND status = :before AND ")
            + taskrules::fenceSql(report.action),
        what, [&](QSqlQuery &query) {
            for (const auto &[name, value] : values)
                query.bindValue(QString::fromLatin1(name), value);
            query.bindValue(QStringLiteral(":id"), taskId);
            query.bindValue(QStringLiteral(":before"), before);
        });
    if (!q.ok())
        return q.error();
    QVector<qint64> itemIds;
    if (q->numRowsAffected() != 1)
        return itemIds;
    report.done = true;
    report.after = statusName(after);
    Result<QSqlQuery> items = m_db.runWith(
        QStringLiteral("UPDATE task_items SET ") + itemChange + QStringLiteral(" RETURNING id"),
        what + QStringLiteral(" items"), [&](QSqlQuery &query) {
            query.bindValue(QStringLiteral(":t"), taskId);
            if (!itemMessage.isNull())
                query.bindValue(QStringLiteral(":m"), Database::text(itemMessage));
        });
    if (!items.ok())
        return items.error();
    while (items->next())
        itemIds.append(items->value(0).toLongLong());
    items->finish();
    report.itemsChanged = int(itemIds.size());
    return itemIds;
}

Error OperatorActions::fail(const QString &before, const QString &outcome, const QString &message,
    const QString &itemMessage, const QString &what, ActionReport &report,
    const std::function<Error(const QVector<qint64> &itemIds)> &then)
{
    const QString failed = sqlLiteral(TaskStatus::Failed);
    Result<QVector<qint64>> itemIds = move(before, TaskStatus::Failed,
        QStringLiteral("status = ") + failed
            + QStringLiteral(", outcome = :outcome, error_message = :m, completed_at = {NOW}, "
                             "lease = NULL"),
        {{":outcome", outcome}, {":m", Database::textOrNull(message)}},
        QStringLiteral("status = ") + failed
            + QStringLiteral(", completed_at = {NOW}, error_message = :m WHERE task_id = :t AND "
                             "status = ")
            + sqlLiteral(TaskStatus::Running),
        itemMessage, what, report);
    if (!itemIds.ok() || !report.done)
        return itemIds.error();
    return then(*itemIds);
}

Error OperatorActions::cancelFrom(const QString &before, ActionReport &report)
{
    const QString text = QStringLiteral("Task cancelled manually by %1").arg(m_actor);
    return fail(before, Outcome::Cancelled, text, QStringLiteral("Cancelled by %1").arg(m_actor),
        QStringLiteral("cancel"), report, [&](const QVector<qint64> &) {
            return insertLog(m_db, report.taskId, 0, QStringLiteral("warning"), text);
        });
}

Error OperatorActions::forceStopFrom(const QString &before, ActionReport &report)
{
    const QString itemText = QStringLiteral("⚠️ Force stopped by %1").arg(m_actor);
    // A line for each stopped item, then the task's.
    auto logged = [&](const QVector<qint64> &itemIds) -> Error {
        for (qint64 itemId : itemIds) {
            if (Error err
                = insertLog(m_db, report.taskId, itemId, QStringLiteral("warning"), itemText))
                return err;
        }
        return insertLog(m_db, report.taskId, 0, QStringLiteral("warning"),
            QStringLiteral("⚠️ Task force stopped by %1").arg(m_actor));
    };
    return fail(before, Outcome::ForceStopped,
        QStringLiteral("Task force stopped by %1").arg(m_actor), itemText,
        QStringLiteral("force stop"), report, logged);
}

Error OperatorActions::restartFrom(const QString &before, ActionReport &report)
{
    const QString pending = sqlLiteral(TaskStatus::Pending);
    // Every item runs again.
    Result<QVector<qint64>> items = move(before, TaskStatus::Pending,
        QStringLiteral("status = ") + pending
            + QStringLiteral(", outcome = NULL, error_message = NULL, attempt = 0, rescues = 0, "
                             "run_after = {NOW}, started_at = NULL, heartbeat_at = NULL, "
                             "completed_at = NULL, worker_id = NULL, lease = NULL, "
                             "progress_done = 0"),
        {},
        QStringLiteral("status = ") + pending
            + QStringLiteral(", started_at = NULL, completed_at = NULL, error_message = NULL "
                             "WHERE task_id = :t"),
        QString(), QStringLiteral("restart"), report);
    if (!items.ok() || !report.done)
        return items.error();
    return insertLog(m_db, report.taskId, 0, QStringLiteral("info"),
        QStringLiteral("Task restarted by %1").arg(m_actor));
}

Error OperatorActions::removeFrom(const QString &before, ActionReport &report, QJsonObject &details)
{
    const qint64 taskId = report.taskId;
    // Items and log lines first, fenced as the task's DELETE is: if the task
    // turns out to have changed, the whole transaction rolls back.
    const QString fence = QStringLiteral(" WHERE task_id = :t AND EXISTS (SELECT 1 FROM tasks "
                                         "WHERE id = :id AND status = :before AND ")
        + taskrules::fenceSql(TaskAction::Delete) + QLatin1Char(')');
    for (const QString &table : {QStringLiteral("task_items"), QStringLiteral("task_log")}) {
        Result<QSqlQuery> qd = m_db.run(QStringLiteral("DELETE FROM ") + table + fence,
            QStringLiteral("delete"), {{":t", taskId}, {":id", taskId}, {":before", before}});
        if (!qd.ok())
            return qd.error();
        if (table == QLatin1String("task_items")) // += : a second round finds none
            report.itemsChanged += qd->numRowsAffected();
    }
    const QString columns
        = QString(taskrows::kTaskColumns).replace(QLatin1String(", {NOW}"), QString());
    Result<QSqlQuery> q
        = m_db.run(QStringLiteral("DELETE FROM tasks WHERE id = :id AND status = :before AND ")
                + taskrules::fenceSql(TaskAction::Delete) + QStringLiteral(" RETURNING ") + columns,
            QStringLiteral("delete"), {{":id", taskId}, {":before", before}});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return {};
    // The audit row keeps a snapshot of what was deleted.
    QJsonObject snapshot;
    const QStringList names = columns.split(QStringLiteral(", "));
    for (int i = 0; i < names.size(); ++i)
        snapshot.insert(names.at(i), QJsonValue::fromVariant(q->value(i)));
    q->finish();
    details.insert(QStringLiteral("snapshot"), snapshot);
    report.done = true;
    report.after = QStringLiteral("DELETED");
    return {};
}

} // namespace taskdesk
