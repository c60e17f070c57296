#pragma once

#include "settings.h"
#include "tasks/stucktasks.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace taskdesk {

// A worker whose heartbeat stopped (status running, heartbeat older than the timeout).
struct LostWorker
{
    QString id;
    QString name;
    QString host;
    qint64 pid = 0;
    qint64 heartbeatAt = 0;
    qint64 ageMs = 0;
};

// What one pass of the Sweeper did, or in a dry run would do.
struct SweepReport
{
    SweeperRules rules;
    bool dryRun = false;
    // Task decisions in the shape of the operator's clean-up: lost-worker tasks
    // re-queued or failed, queued tasks failed (mark_failed policy).
    CleanupReport tasks;
    // Tasks stuck in the queue that the `report` policy only lists.
    QVector<StuckTask> queuedReported;
    QVector<LostWorker> workersLost;

    // Every stuck task this pass saw: acted on or reported.
    QVector<qint64> stuckTaskIds() const;
    bool isEmpty() const
    {
        return tasks.total() == 0 && queuedReported.isEmpty() && workersLost.isEmpty();
    }
    // CleanupReport::toJson() with "action": "sweep", plus "queue_policy",
    // "poison_rescues", "reported_ids" and "workers_lost".
    QJsonObject toJson() const;
};

} // namespace taskdesk
