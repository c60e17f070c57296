#include "workerregistry.h"

#include "core/database.h"

#include <QSqlQuery>

namespace taskdesk {

namespace {

const QString kWorkerColumns
    = QStringLiteral("id, name, host, pid, queues, concurrency, status, started_at, heartbeat_at, "
                     "stopped_at, version, {NOW}");

WorkerInfo workerFromRow(const QSqlQuery &q)
{
    WorkerInfo w;
    w.id = q.value(0).toString();
    w.name = q.value(1).toString();
    w.host = q.value(2).toString();
    w.pid = q.value(3).toLongLong();
    const QString queues = q.value(4).toString();
    if (!queues.isEmpty())
        w.queues = queues.split(QLatin1Char(','));
    w.concurrency = q.value(5).toInt();
    w.status = q.value(6).toString();
    w.startedAt = q.value(7).toLongLong();
    w.heartbeatAt = q.value(8).toLongLong();
    w.stoppedAt = q.value(9).toLongLong();
    w.version = q.value(10).toString();
    w.dbNow = q.value(11).toLongLong();
    return w;
}

} // namespace

WorkerRegistry::WorkerRegistry(Database &db)
    : m_db(db)
{ }

Error WorkerRegistry::registerWorker(const WorkerInfo &info)
{
    return m_db.write([&]() -> Error {
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "INSERT INTO workers (id, name, host, pid, queues, concurrency, status, started_at, "
            "heartbeat_at, stopped_at, version) VALUES (:id, :name, :host, :pid, :queues, "
            ":concurrency, 'running', {NOW}, {NOW}, NULL, :version) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, host = excluded.host, "
            "pid = excluded.pid, queues = excluded.queues, concurrency = excluded.concurrency, "
            "status = 'running', started_at = excluded.started_at, "
            "heartbeat_at = excluded.heartbeat_at, stopped_at = NULL, version = excluded.version"));
        if (!q.ok())
            return q.error();
        QSqlQuery &query = q.value();
        query.bindValue(QStringLiteral(":id"), info.id);
        query.bindValue(QStringLiteral(":name"), Database::text(info.name));
        query.bindValue(QStringLiteral(":host"), Database::text(info.host));
        query.bindValue(QStringLiteral(":pid"), info.pid);
        query.bindValue(
            QStringLiteral(":queues"), Database::text(info.queues.join(QLatin1Char(','))));
        query.bindValue(QStringLiteral(":concurrency"), info.concurrency);
        query.bindValue(QStringLiteral(":version"), Database::text(info.version));
        return m_db.exec(query, QStringLiteral("register worker"));
    });
}

Error WorkerRegistry::heartbeat(const QString &workerId)
{
    // A worker that heartbeats is alive, even if a sweeper thought it lost.
    Result<QSqlQuery> q
        = m_db.prepare(QStringLiteral("UPDATE workers SET heartbeat_at = {NOW}, status = 'running' "
                                      "WHERE id = :id AND status <> 'stopped'"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":id"), workerId);
    return m_db.exec(q.value(), QStringLiteral("worker heartbeat"));
}

Error WorkerRegistry::markStopped(const QString &workerId)
{
    Result<QSqlQuery> q
        = m_db.prepare(QStringLiteral("UPDATE workers SET status = 'stopped', stopped_at = {NOW}, "
                                      "heartbeat_at = {NOW} WHERE id = :id"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":id"), workerId);
    return m_db.exec(q.value(), QStringLiteral("worker stopped"));
}

Result<QHash<qint64, QString>> WorkerRegistry::runningLeases(const QString &workerId)
{
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
        "SELECT id, lease FROM tasks WHERE status = 'RUNNING' AND worker_id = :worker"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":worker"), workerId);
    if (Error e = m_db.exec(q.value(), QStringLiteral("lease check")))
        return e;
    QHash<qint64, QString> leases;
    while (q.value().next())
        leases.insert(q.value().value(0).toLongLong(), q.value().value(1).toString());
    q.value().finish();
    return leases;
}

Result<std::optional<WorkerInfo>> WorkerRegistry::worker(const QString &workerId)
{
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT ") + kWorkerColumns
        + QStringLiteral(" FROM workers WHERE id = :id"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":id"), workerId);
    if (Error e = m_db.exec(q.value(), QStringLiteral("worker")))
        return e;
    std::optional<WorkerInfo> info;
    if (q.value().next())
        info = workerFromRow(q.value());
    q.value().finish();
    return info;
}

Result<QVector<WorkerInfo>> WorkerRegistry::list(int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT ") + kWorkerColumns
        + QStringLiteral(" FROM workers ORDER BY CASE status WHEN 'running' THEN 0 WHEN 'lost' "
                         "THEN 1 ELSE 2 END, heartbeat_at DESC, id LIMIT :limit"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":limit"), limit);
    if (Error e = m_db.exec(q.value(), QStringLiteral("workers")))
        return e;
    QVector<WorkerInfo> workers;
    while (q.value().next())
        workers.append(workerFromRow(q.value()));
    q.value().finish();
    return workers;
}

} // namespace taskdesk
