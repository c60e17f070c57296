#pragma once

#include "core/error.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace taskdesk {

class Database;

// One row of `workers`. Times are UTC milliseconds from the database clock.
struct WorkerInfo
{
    QString id;
    QString name;
    QString host;
    qint64 pid = 0;
    QStringList queues; // empty: every queue
    int concurrency = 1;
    QString status; // running, stopped, lost
    qint64 startedAt = 0;
    qint64 heartbeatAt = 0;
    qint64 stoppedAt = 0;
    QString version;
    qint64 dbNow = 0; // the database clock when the row was read, for ages
};

// The `workers` table: a worker registers itself, heartbeats its row and marks
// it stopped on a clean exit; front ends read it.
class WorkerRegistry final
{
public:
    explicit WorkerRegistry(Database &db);

    // Inserts the row, or takes over a row of the same id (a worker restarted by
    // its supervisor keeps its id).
    Error registerWorker(const WorkerInfo &info);
    Error heartbeat(const QString &workerId);
    Error markStopped(const QString &workerId);

    // The tasks RUNNING on `workerId` and their leases: a task the worker runs
    // that is missing here, or has another lease, is no longer the worker's.
    Result<QHash<qint64, QString>> runningLeases(const QString &workerId);

    Result<std::optional<WorkerInfo>> worker(const QString &workerId);
    Result<QVector<WorkerInfo>> list(int limit = 1000);

private:
    Database &m_db;
};

} // namespace taskdesk
