#include "sweepreport.h"

#include "core/englishcount.h"

#include <QJsonArray>

namespace taskdesk {

QVector<qint64> SweepReport::stuckTaskIds() const
{
    QVector<qint64> ids = tasks.queuedFailed + tasks.runningRequeued + tasks.runningFailed;
    for (const StuckTask &s : queuedReported)
        ids.append(s.task.id);
    return ids;
}

QJsonObject SweepReport::toJson() const
{
    QJsonObject o = tasks.toJson();
    o.insert(QStringLiteral("action"), QStringLiteral("sweep"));
    o.insert(QStringLiteral("queue_policy"), Settings::queuePolicyName(rules.queuePolicy));
    o.insert(QStringLiteral("poison_rescues"), rules.poisonRescues);
    o.insert(QStringLiteral("retry_base_ms"), rules.retryBaseMs);
    o.insert(QStringLiteral("retry_cap_ms"), rules.retryCapMs);
    QJsonArray reported;
    for (const StuckTask &s : queuedReported)
        reported.append(s.task.id);
    o.insert(QStringLiteral("reported_ids"), reported);
    o.insert(QStringLiteral("reported"), reportedTotal());
    o.insert(QStringLiteral("reported_truncated"), queuedReported.size() < reportedTotal());
    QJsonObject cleaned = o.value(QStringLiteral("cleaned_jobs")).toObject();
    cleaned.insert(QStringLiteral("running_requeued"), requeuedTotal());
    cleaned.insert(QStringLiteral("running_failed"), runningFailedTotal());
    o.insert(QStringLiteral("cleaned_jobs"), cleaned);
    if (stuck)
        o.insert(QStringLiteral("stuck_jobs"), stuck->countsJson());
    QJsonArray workers;
    for (const LostWorker &w : workersLost)
        workers.append(QJsonObject{
            {QStringLiteral("id"), w.id},
            {QStringLiteral("name"), w.name},
            {QStringLiteral("host"), w.host},
            {QStringLiteral("pid"), w.pid},
            {QStringLiteral("heartbeat_at"), w.heartbeatAt},
            {QStringLiteral("heartbeat_age_seconds"), w.ageMs / 1000},
        });
    o.insert(QStringLiteral("workers_lost"), workers);
    const qint64 n = tasks.total();
    const QString jobs = counted(n, QStringLiteral("stuck job"));
    const QString lost = counted(workersLost.size(), QStringLiteral("worker"));
    QString message = QStringLiteral("%1 cleaned up, %2 reported, %3 lost.")
                          .arg(jobs)
                          .arg(reportedTotal())
                          .arg(lost);
    if (dryRun)
        message = QStringLiteral("Dry run: %1 would be cleaned up, %2 reported, %3 marked lost.")
                      .arg(jobs)
                      .arg(reportedTotal())
                      .arg(lost);
    o.insert(QStringLiteral("message"), message);
    return o;
}

} // namespace taskdesk
