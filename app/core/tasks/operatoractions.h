#pragma once

#include "auditlog.h"
#include "database.h"
#include "error.h"
#include "task.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

namespace taskdesk {

// What an operator does to one task: Cancel, Force Stop, Restart, Delete. Each
// is a transition: one conditional UPDATE (or DELETE) from the status the
// operator saw, whose affected-row count decides, inside one write transaction
// with its log lines and audit row; a refusal names the current status.
// A source of tasks other than Taskdesk's own tables offers the same actions.
class OperatorActions final
{
public:
    explicit OperatorActions(Database &db, QString actor = AuditLog::osUser());

    void setActor(const QString &actor) { m_actor = actor; }

    Result<ActionReport> cancel(qint64 taskId);
    Result<ActionReport> forceStop(qint64 taskId);
    Result<ActionReport> restart(qint64 taskId);
    Result<ActionReport> remove(qint64 taskId);

private:
    // `apply` changes the task if it is still `before` (report.done), or leaves
    // it: then the status is read again and the action tried from there.
    using Apply = std::function<Error(
        const QString &before, ActionReport &report, QJsonObject &auditDetails)>;
    Result<ActionReport> transition(qint64 taskId, const QString &action,
        const QStringList &allowedFrom, const QString &refusal, const Apply &apply);
    // The two UPDATEs of a transition: the task's (`set`, binding `values`),
    // conditional on `before`, whose row count decides (report.done, `after`);
    // then its items' (`itemChange`: SET … WHERE, binding :t and, unless null,
    // :m to `itemMessage`). The ids of the items changed.
    Result<QVector<qint64>> move(qint64 taskId, const QString &before, const QString &after,
        const QString &set, Database::Values values, const QString &itemChange,
        const QString &itemMessage, const QString &what, ActionReport &report);
    // FAILED with `outcome` from `before`, with its running items; when the
    // task changed (report.done), `then` with the ids of those items.
    Error fail(qint64 taskId, const QString &before, const QString &outcome, const QString &message,
        const QString &itemMessage, const QString &what, ActionReport &report,
        const std::function<Error(const QVector<qint64> &itemIds)> &then);

    Database &m_db;
    AuditLog m_audit;
    QString m_actor;
};

} // namespace taskdesk
