#pragma once

#include "core/settings.h"
#include "core/tasks/stucktasks.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

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
    // A dry run: the stuck report it was read from (true counts, lists cut at
    // its limit), and the true counts behind the cut lists above.
    std::optional<StuckReport> stuck;
    qint64 requeueCount = -1; // of tasks.runningRequeued; -1: the list is complete
    qint64 reportedCount = -1; // of queuedReported; -1: the list is complete

    qint64 requeuedTotal() const
    {
        return requeueCount >= 0 ? requeueCount : tasks.runningRequeued.size();
    }
    qint64 runningFailedTotal() const { return tasks.runningTotal() - requeuedTotal(); }
    qint64 reportedTotal() const
    {
        return reportedCount >= 0 ? reportedCount : queuedReported.size();
    }

    // Every stuck task this pass saw: acted on or reported.
    QVector<qint64> stuckTaskIds() const;
    bool isEmpty() const
    {
        return tasks.total() == 0 && reportedTotal() == 0 && workersLost.isEmpty();
    }
    // CleanupReport::toJson() with "action": "sweep", plus "queue_policy",
    // "poison_rescues", "reported_ids" and "workers_lost".
    QJsonObject toJson() const;
};

} // namespace taskdesk
