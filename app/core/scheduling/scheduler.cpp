#include "scheduler.h"

#include "core/database.h"

namespace taskdesk {

// The lease lives four intervals, but at least 10 s.
Scheduler::Scheduler(Database &db, QObject *parent)
    : LeasedTimer(db, QStringLiteral("scheduler"), SchedulerRules().intervalMs, 10 * 1000, parent)
    , m_tasks(db, name())
    , m_schedules(db, name())
    , m_settings(db, name())
{ }

void Scheduler::tick()
{
    reportPass(runDue().error());
}

Result<int> Scheduler::runDue()
{
    Result<SchedulerRules> rules = m_settings.schedulerRules();
    if (rules.ok()) {
        setSettingIntervalMs(rules->intervalMs);
        clearError(QStringLiteral("settings"));
    } else {
        reportError(QStringLiteral("settings"), rules.error().message());
    }

    if (Error e = acquire())
        return e;

    Result<QVector<Schedule>> schedules = m_schedules.list(true);
    if (!schedules.ok())
        return schedules.error();
    int count = 0;
    for (const Schedule &schedule : std::as_const(*schedules)) {
        const QString key = QStringLiteral("schedule %1").arg(schedule.id);
        if (Error e = schedule.validate()) {
            reportError(key,
                QStringLiteral("schedule '%1' is skipped: %2").arg(schedule.name, e.message()));
            continue;
        }
        const std::optional<qint64> slot = schedule.dueSlot(schedule.dbNow);
        if (!slot)
            continue;
        Result<std::optional<qint64>> task = m_schedules.enqueueSlot(schedule, *slot, m_tasks);
        if (!task.ok()) {
            reportError(key,
                QStringLiteral("schedule '%1' could not enqueue its slot: %2")
                    .arg(schedule.name, task.error().message()));
            continue;
        }
        clearError(key);
        if (task.value()) {
            ++count;
            Q_EMIT enqueued(schedule.id, *task.value(), *slot);
        }
    }
    return count;
}

} // namespace taskdesk
