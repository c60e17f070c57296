#include "operatoractions.h"

#include "tasks/taskrows.h"

#include <QJsonValue>

namespace taskdesk {

using taskrows::insertLog;

OperatorActions::OperatorActions(Database &db, QString actor)
    : m_db(db)
    , m_audit(db)
    , m_actor(std::move(actor))
{ }

Result<ActionReport> OperatorActions::transition(qint64 taskId, const QString &action,
    const QStringList &allowedFrom, const QString &refusal, const Apply &apply)
{
    ActionReport fresh;
    fresh.taskId = taskId;
    auto explain = [&](const QString &status) {
        return refusal.arg(taskId).arg(status);
    };
    return m_db.writeResult(fresh, [&](ActionReport &report) -> Error {
        QJsonObject details;
        // The read only names the status for the audit row and the message; the
        // UPDATE in apply() is conditional on that status and its row count decides.
        auto readStatus = [&](bool withName) -> Result<QString> {
            Result<QSqlQuery> q
                = m_db.run(QStringLiteral("SELECT name, status FROM tasks WHERE id = :id"), action,
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
        Result<QString> before = readStatus(true);
        // A task that moved between our read and our update (PostgreSQL; SQLite's
        // BEGIN IMMEDIATE serialises) is read again: to another status that allows
        // the action (a Cancel of a PENDING task that a worker just claimed), the
        // action goes ahead from there; otherwise the refusal names what it is now.
        for (int round = 0;; ++round) {
            if (!before.ok())
                return before.error();
            report.before = *before;
            if (!allowedFrom.contains(*before))
                return Error::refused(explain(*before));
            if (Error err = apply(*before, report, details))
                return err;
            if (report.done)
                break;
            if (round == 3)
                return Error::refused(explain(*before + QStringLiteral(", changing")));
            before = readStatus(false);
        }
        details.insert(QStringLiteral("items_changed"), report.itemsChanged);
        return m_audit.record(
            m_actor, action, taskId, report.taskName, *before, report.after, details);
    });
}

Result<QVector<qint64>> OperatorActions::move(qint64 taskId, const QString &before,
    const QString &after, const QString &set, Database::Values values, const QString &itemChange,
    const QString &itemMessage, const QString &what, ActionReport &report)
{
    Result<QSqlQuery> q = m_db.runWith(QStringLiteral("UPDATE tasks SET ") + set
            + QStringLiteral(", updated_at = {NOW} WHERE id = :id AND status = :before"),
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
    report.after = after;
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

Error OperatorActions::fail(qint64 taskId, const QString &before, const QString &outcome,
    const QString &message, const QString &itemMessage, const QString &what, ActionReport &report,
    const std::function<Error(const QVector<qint64> &itemIds)> &then)
{
    Result<QVector<qint64>> itemIds = move(taskId, before, QStringLiteral("FAILED"),
        QStringLiteral("status = 'FAILED', outcome = :outcome, error_message = :m, completed_at "
                       "= {NOW}, lease = NULL"),
        {{":outcome", outcome}, {":m", Database::textOrNull(message)}},
        QStringLiteral("status = 'FAILED', completed_at = {NOW}, error_message = :m WHERE "
                       "task_id = :t AND status = 'RUNNING'"),
        itemMessage, what, report);
    if (!itemIds.ok() || !report.done)
        return itemIds.error();
    return then(*itemIds);
}

Result<ActionReport> OperatorActions::cancel(qint64 taskId)
{
    const QString text = QStringLiteral("Task cancelled manually by %1").arg(m_actor);
    return transition(taskId, QStringLiteral("cancel"),
        {QStringLiteral("PENDING"), QStringLiteral("RUNNING")},
        QStringLiteral("Task %1 cannot be cancelled: it is not pending or running (current "
                       "status: %2)"),
        [&](const QString &before, ActionReport &report, QJsonObject &) {
            return fail(taskId, before, QStringLiteral("cancelled"), text,
                QStringLiteral("Cancelled by %1").arg(m_actor), QStringLiteral("cancel"), report,
                [&](const QVector<qint64> &) {
                    report.message
                        = QStringLiteral("Task \"%1\" has been cancelled and marked as failed.")
                              .arg(report.taskName);
                    if (report.itemsChanged > 0)
                        report.message += QStringLiteral(" %1 running item(s) were also stopped.")
                                              .arg(report.itemsChanged);
                    return insertLog(m_db, taskId, 0, QStringLiteral("warning"), text);
                });
        });
}

Result<ActionReport> OperatorActions::forceStop(qint64 taskId)
{
    const QString itemText = QStringLiteral("⚠️ Force stopped by %1").arg(m_actor);
    // A line for each stopped item, then the task's.
    auto logged = [&](const QVector<qint64> &itemIds) -> Error {
        for (qint64 itemId : itemIds) {
            if (Error err = insertLog(m_db, taskId, itemId, QStringLiteral("warning"), itemText))
                return err;
        }
        return insertLog(m_db, taskId, 0, QStringLiteral("warning"),
            QStringLiteral("⚠️ Task force stopped by %1").arg(m_actor));
    };
    return transition(taskId, QStringLiteral("force_stop"), {QStringLiteral("RUNNING")},
        QStringLiteral("Task %1 is not running (current status: %2)"),
        [&](const QString &before, ActionReport &report, QJsonObject &) {
            return fail(taskId, before, QStringLiteral("force_stopped"),
                QStringLiteral("Task force stopped by %1").arg(m_actor), itemText,
                QStringLiteral("force stop"), report, [&](const QVector<qint64> &itemIds) {
                    report.message = QStringLiteral("Task \"%1\" has been force stopped. %2 "
                                                    "running item(s) were also stopped. You can "
                                                    "now delete or restart the task.")
                                         .arg(report.taskName)
                                         .arg(report.itemsChanged);
                    return logged(itemIds);
                });
        });
}

Result<ActionReport> OperatorActions::restart(qint64 taskId)
{
    return transition(taskId, QStringLiteral("restart"),
        {QStringLiteral("COMPLETED"), QStringLiteral("FAILED")},
        QStringLiteral("Task %1 cannot be restarted: only completed or failed tasks can "
                       "(current status: %2)"),
        [&](const QString &before, ActionReport &report, QJsonObject &) -> Error {
            // Every item runs again.
            Result<QVector<qint64>> items = move(taskId, before, QStringLiteral("PENDING"),
                QStringLiteral("status = 'PENDING', outcome = NULL, error_message = NULL, "
                               "attempt = 0, rescues = 0, run_after = {NOW}, started_at = NULL, "
                               "heartbeat_at = NULL, completed_at = NULL, worker_id = NULL, "
                               "lease = NULL, progress_done = 0"),
                {},
                QStringLiteral("status = 'PENDING', started_at = NULL, completed_at = NULL, "
                               "error_message = NULL WHERE task_id = :t"),
                QString(), QStringLiteral("restart"), report);
            if (!items.ok() || !report.done)
                return items.error();
            report.message = QStringLiteral("Task \"%1\" has been restarted and is pending.")
                                 .arg(report.taskName);
            return insertLog(m_db, taskId, 0, QStringLiteral("info"),
                QStringLiteral("Task restarted by %1").arg(m_actor));
        });
}

Result<ActionReport> OperatorActions::remove(qint64 taskId)
{
    return transition(taskId, QStringLiteral("delete"),
        {QStringLiteral("PENDING"), QStringLiteral("COMPLETED"), QStringLiteral("FAILED")},
        QStringLiteral("Task %1 is running and cannot be deleted; force stop or cancel it first "
                       "(current status: %2)"),
        [&](const QString &before, ActionReport &report, QJsonObject &details) -> Error {
            // Items and log lines first: if the task turns out to have changed,
            // the whole transaction rolls back.
            for (const QString &table :
                {QStringLiteral("task_items"), QStringLiteral("task_log")}) {
                Result<QSqlQuery> qd = m_db.run(
                    QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE task_id = :t"),
                    QStringLiteral("delete"), {{":t", taskId}});
                if (!qd.ok())
                    return qd.error();
                if (table == QLatin1String("task_items")) // += : a second round finds none
                    report.itemsChanged += qd->numRowsAffected();
            }
            const QString columns
                = QString(taskrows::kTaskColumns).replace(QLatin1String(", {NOW}"), QString());
            Result<QSqlQuery> q = m_db.run(
                QStringLiteral("DELETE FROM tasks WHERE id = :id AND status = :before RETURNING ")
                    + columns,
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
            report.message = QStringLiteral("Task \"%1\" has been deleted.").arg(report.taskName);
            return {};
        });
}

} // namespace taskdesk
