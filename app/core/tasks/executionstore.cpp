#include "executionstore.h"

#include "core/auditlog.h"
#include "core/database.h"
#include "core/task.h"
#include "core/tasks/localprocess.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlQuery>

#include <algorithm>

namespace taskdesk {

namespace {

const QString kColumns = QStringLiteral(
    "id, task_id, attempt, lease, worker_id, host, boot_id, worker_pid, worker_start, pgid, "
    "leader_start, started_at, group_at, ended_at, end_reason");

QString marks(qsizetype n)
{
    QStringList list;
    list.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        list << QStringLiteral("?");
    return list.join(QStringLiteral(", "));
}

// Statements for up to this many rows stay prepared (a worker's claims and
// finishes); bigger batches are prepared for once.
constexpr qsizetype kKeptBatch = 16;

} // namespace

ExecutionStore::ExecutionStore(Database &db)
    : m_db(db)
{ }

QString ExecutionStore::thisHost()
{
    return AuditLog::localHost();
}

QString ExecutionStore::thisBootId()
{
    return LocalProcess::bootId();
}

qint64 ExecutionStore::thisPid()
{
    return QCoreApplication::applicationPid();
}

qint64 ExecutionStore::thisStartTime()
{
    return LocalProcess::selfStartTime();
}

Error ExecutionStore::openInTransaction(const QString &workerId, const QVector<Claim> &claims)
{
    if (claims.isEmpty())
        return {};
    // Kept prepared per batch size, like the claim's item query: the attempt
    // and lease come from the rows the claim just wrote.
    std::optional<QSqlQuery> partial;
    Result<QSqlQuery *> q = prepareBatch(claims.size(),
        QStringLiteral("INSERT INTO executions (task_id, attempt, lease, worker_id, host, "
                       "boot_id, worker_pid, worker_start) SELECT id, attempt, lease, ?, ?, ?, "
                       "?, ? FROM tasks WHERE id IN (")
            + marks(claims.size()) + QStringLiteral(")"),
        partial);
    if (!q.ok())
        return q.error();
    QSqlQuery &query = **q;
    query.addBindValue(workerId);
    query.addBindValue(thisHost());
    query.addBindValue(thisBootId());
    query.addBindValue(thisPid());
    query.addBindValue(thisStartTime());
    for (const Claim &c : claims)
        query.addBindValue(c.taskId);
    if (Error e = m_db.exec(query, QStringLiteral("open executions")))
        return e;
    if (query.numRowsAffected() != claims.size())
        return Error::database(QStringLiteral("%1 executions opened for %2 claimed tasks")
                                   .arg(query.numRowsAffected())
                                   .arg(claims.size()));
    return {};
}

Result<QSqlQuery *> ExecutionStore::prepareBatch(
    qsizetype rows, const QString &statement, std::optional<QSqlQuery> &partial)
{
    if (rows <= kKeptBatch)
        return m_db.prepareKept(statement);
    Result<QSqlQuery> q = m_db.prepare(statement);
    if (!q.ok())
        return q.error();
    partial = std::move(q.value());
    return &*partial;
}

Result<bool> ExecutionStore::setGroup(const QString &lease, qint64 pgid, qint64 leaderStart)
{
    Result<QSqlQuery *> q = m_db.prepareKept(
        QStringLiteral("UPDATE executions SET pgid = ?, leader_start = ?, group_at = {NOW} "
                       "WHERE lease = ? AND ended_at IS NULL"));
    if (!q.ok())
        return q.error();
    QSqlQuery &query = **q;
    query.addBindValue(pgid);
    query.addBindValue(leaderStart);
    query.addBindValue(lease);
    if (Error e = m_db.exec(query, QStringLiteral("execution group")))
        return e;
    return query.numRowsAffected() == 1;
}

Error ExecutionStore::closeInTransaction(const QStringList &leases, const QString &reason)
{
    if (leases.isEmpty())
        return {};
    std::optional<QSqlQuery> partial;
    Result<QSqlQuery *> q = prepareBatch(leases.size(),
        QStringLiteral("UPDATE executions SET ended_at = {NOW}, end_reason = ? WHERE "
                       "ended_at IS NULL AND lease IN (")
            + marks(leases.size()) + QStringLiteral(")"),
        partial);
    if (!q.ok())
        return q.error();
    QSqlQuery &query = **q;
    query.addBindValue(reason);
    for (const QString &lease : leases)
        query.addBindValue(lease);
    return m_db.exec(query, QStringLiteral("close executions"));
}

Result<int> ExecutionStore::close(const QStringList &leases, const QString &reason)
{
    if (leases.isEmpty())
        return 0;
    QVariantList values;
    for (const QString &lease : leases)
        values << lease;
    Result<QVector<qint64>> closed = closeWhere(
        QStringLiteral("lease IN (") + marks(leases.size()) + QStringLiteral(")"), values, reason);
    if (!closed.ok())
        return closed.error();
    return int(closed->size());
}

Result<QVector<qint64>> ExecutionStore::closeByIds(
    const QVector<qint64> &ids, const QString &reason)
{
    if (ids.isEmpty())
        return QVector<qint64>();
    QVariantList values;
    for (qint64 id : ids)
        values << id;
    return closeWhere(
        QStringLiteral("id IN (") + marks(ids.size()) + QStringLiteral(")"), values, reason);
}

Result<QVector<qint64>> ExecutionStore::closeOtherBoots(const QString &host, const QString &bootId)
{
    if (bootId.isEmpty())
        return QVector<qint64>(); // no boot id: nothing proves a reboot
    return closeWhere(QStringLiteral("host = ? AND boot_id <> ? AND boot_id <> ''"), {host, bootId},
        ExecutionEnd::HostRebooted);
}

Result<QVector<qint64>> ExecutionStore::closeWhere(
    const QString &where, const QVariantList &values, const QString &reason)
{
    QVector<qint64> ids;
    Error e = m_db.write([&]() -> Error {
        ids.clear();
        Result<QSqlQuery> q = m_db.prepare(
            QStringLiteral("UPDATE executions SET ended_at = {NOW}, end_reason = ? WHERE "
                           "ended_at IS NULL AND ")
            + where + QStringLiteral(" RETURNING id"));
        if (!q.ok())
            return q.error();
        q.value().addBindValue(reason);
        for (const QVariant &v : values)
            q.value().addBindValue(v);
        if (Error err = m_db.exec(q.value(), QStringLiteral("close executions")))
            return err;
        while (q.value().next())
            ids.append(q.value().value(0).toLongLong());
        // An open RETURNING statement keeps SQLite's write lock (QT64-NOTES).
        q.value().finish();
        return {};
    });
    if (e)
        return e;
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<QVector<Execution>> ExecutionStore::read(
    const QString &where, const QVariantList &values, const QString &order, int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT ") + kColumns
        + QStringLiteral(" FROM executions WHERE ") + where + QStringLiteral(" ORDER BY ") + order
        + QStringLiteral(" LIMIT ") + QString::number(limit));
    if (!q.ok())
        return q.error();
    QSqlQuery &query = q.value();
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (Error e = m_db.exec(query, QStringLiteral("executions")))
        return e;
    QVector<Execution> list;
    while (query.next()) {
        Execution x;
        x.id = query.value(0).toLongLong();
        x.taskId = query.value(1).toLongLong();
        x.attempt = query.value(2).toInt();
        x.lease = query.value(3).toString();
        x.workerId = query.value(4).toString();
        x.host = query.value(5).toString();
        x.bootId = query.value(6).toString();
        x.workerPid = query.value(7).toLongLong();
        x.workerStart = query.value(8).toLongLong();
        x.pgid = query.value(9).toLongLong();
        x.leaderStart = query.value(10).toLongLong();
        x.startedAt = query.value(11).toLongLong();
        x.groupAt = query.value(12).toLongLong();
        x.endedAt = query.value(13).toLongLong();
        x.endReason = query.value(14).toString();
        list.append(x);
    }
    query.finish();
    return list;
}

Result<QVector<Execution>> ExecutionStore::openOnHost(const QString &host, int limit)
{
    return read(
        QStringLiteral("host = ? AND ended_at IS NULL"), {host}, QStringLiteral("id"), limit);
}

Result<QVector<Execution>> ExecutionStore::openOfWorker(const QString &workerId, int limit)
{
    return read(QStringLiteral("worker_id = ? AND ended_at IS NULL"), {workerId},
        QStringLiteral("id"), limit);
}

Result<std::optional<Execution>> ExecutionStore::openOfTask(qint64 taskId)
{
    Result<QVector<Execution>> list = read(
        QStringLiteral("task_id = ? AND ended_at IS NULL"), {taskId}, QStringLiteral("id"), 1);
    if (!list.ok())
        return list.error();
    if (list->isEmpty())
        return std::optional<Execution>();
    return std::optional<Execution>(list->constFirst());
}

Result<QVector<Execution>> ExecutionStore::ofTask(qint64 taskId, int limit)
{
    return read(QStringLiteral("task_id = ?"), {taskId}, QStringLiteral("id DESC"), limit);
}

Result<QVector<qint64>> ExecutionStore::forgetHost(const QString &host, const QString &actor)
{
    if (host.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("name the host to forget"));
    QVector<qint64> ids;
    Error e = m_db.write([&]() -> Error {
        ids.clear();
        Result<QSqlQuery> q = m_db.prepare(
            QStringLiteral("UPDATE executions SET ended_at = {NOW}, end_reason = ? WHERE "
                           "ended_at IS NULL AND host = ? RETURNING id"));
        if (!q.ok())
            return q.error();
        q.value().addBindValue(ExecutionEnd::HostForgotten);
        q.value().addBindValue(host);
        if (Error err = m_db.exec(q.value(), QStringLiteral("forget host")))
            return err;
        while (q.value().next())
            ids.append(q.value().value(0).toLongLong());
        q.value().finish();
        std::sort(ids.begin(), ids.end());
        Result<QSqlQuery> w = m_db.prepare(QStringLiteral(
            "UPDATE workers SET status = 'lost' WHERE host = ? AND status = 'running'"));
        if (!w.ok())
            return w.error();
        w.value().addBindValue(host);
        if (Error err = m_db.exec(w.value(), QStringLiteral("forget host workers")))
            return err;
        const int workers = w.value().numRowsAffected();
        QJsonArray closed;
        for (qint64 id : std::as_const(ids))
            closed.append(id);
        return AuditLog(m_db).record(actor, QStringLiteral("forget_host"), 0, {}, {}, {},
            {{QStringLiteral("host"), host}, {QStringLiteral("executions_closed"), closed},
                {QStringLiteral("workers_lost"), workers}});
    });
    if (e)
        return e;
    return ids;
}

} // namespace taskdesk
