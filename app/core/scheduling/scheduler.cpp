#include "scheduler.h"

#include "database.h"

#include <algorithm>

namespace taskdesk {

namespace {

const QString kActor = QStringLiteral("scheduler");

} // namespace

Scheduler::Scheduler(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_tasks(db, kActor)
    , m_schedules(db, kActor)
    , m_settings(db, kActor)
    , m_lease(db, QStringLiteral("scheduler"))
    , m_timer(this)
{
    applyInterval(SchedulerRules().intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::tick);
}

Scheduler::~Scheduler()
{
    if (m_timer.isActive())
        stop();
}

void Scheduler::setIntervalMs(qint64 ms)
{
    m_intervalOverrideMs = std::max<qint64>(ms, 0);
    applyInterval(SchedulerRules().intervalMs);
}

void Scheduler::setLeaseTtlMs(qint64 ms)
{
    m_leaseTtlOverrideMs = std::max<qint64>(ms, 0);
    applyInterval(SchedulerRules().intervalMs);
}

void Scheduler::setHolderId(const QString &holder)
{
    m_lease.setHolder(holder);
}

void Scheduler::applyInterval(qint64 settingMs)
{
    const qint64 interval = m_intervalOverrideMs > 0 ? m_intervalOverrideMs : settingMs;
    if (m_timer.interval() != int(interval))
        m_timer.setInterval(int(interval));
    m_lease.setTtlMs(
        m_leaseTtlOverrideMs > 0 ? m_leaseTtlOverrideMs : std::max(4 * interval, kMinLeaseTtlMs));
}

void Scheduler::start()
{
    if (m_timer.isActive())
        return;
    m_timer.start();
    // The first pass right away, not one interval later.
    QTimer::singleShot(0, this, &Scheduler::tick);
}

void Scheduler::stop()
{
    m_timer.stop();
    if (m_lease.isHeld()) {
        if (Error e = m_lease.release())
            reportError(QStringLiteral("release"), e.message());
    }
    setActive(false);
}

void Scheduler::halt()
{
    m_timer.stop();
    m_lease.forget();
    setActive(false);
}

void Scheduler::tick()
{
    if (!m_timer.isActive())
        return; // a queued first pass after stop()
    Result<int> done = runDue();
    if (!done.ok() && done.error().kind() != ErrorKind::Refused)
        reportError(QStringLiteral("pass"), done.error().message());
    else
        m_reported.remove(QStringLiteral("pass"));
}

void Scheduler::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged(active);
}

void Scheduler::reportError(const QString &key, const QString &message)
{
    if (m_reported.contains(key))
        return;
    m_reported.insert(key);
    qWarning("scheduler: %s", qPrintable(message));
    Q_EMIT errorOccurred(message);
}

Result<int> Scheduler::runDue()
{
    Result<SchedulerRules> rules = m_settings.schedulerRules();
    if (rules.ok()) {
        applyInterval(rules->intervalMs);
        m_reported.remove(QStringLiteral("settings"));
    } else {
        reportError(QStringLiteral("settings"), rules.error().message());
    }

    Result<bool> held = m_lease.hold();
    if (!held.ok()) {
        setActive(false);
        return held.error();
    }
    setActive(*held);
    if (!*held) {
        Result<std::optional<LeaseInfo>> info = SingletonLease::current(m_db, m_lease.name());
        const QString holder = info.ok() && info.value() ? info.value()->holder : QString();
        return Error::refused(QStringLiteral("another scheduler is active (%1)").arg(holder));
    }

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
        m_reported.remove(key);
        if (task.value()) {
            ++count;
            Q_EMIT enqueued(schedule.id, *task.value(), *slot);
        }
    }
    return count;
}

} // namespace taskdesk
