#pragma once

#include "core/error.h"
#include "core/scheduling/leasedtimer.h"
#include "core/scheduling/schedulestore.h"
#include "core/settings.h"
#include "core/tasks/taskstore.h"

namespace taskdesk {

class Database;

// Turns due schedule slots into tasks. A QTimer drives it (the
// scheduler.interval_s setting, default every second); it acts only while it
// holds the "scheduler" lease, so one scheduler works at a time across hosts,
// and each slot is enqueued at most once even if two act at the same moment
// (ScheduleStore::enqueueSlot). Audits as actor "scheduler".
//
// It works in the thread that owns it: moveToThread() it before start() to
// keep its database work off a GUI thread (the Database gives that thread its
// own connection). Its timer and lease: LeasedTimer.
class Scheduler final : public LeasedTimer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    explicit Scheduler(Database &db, QObject *parent = nullptr);

    // One pass: takes or renews the lease and enqueues every due slot. Returns
    // how many tasks it enqueued; refused when another scheduler holds the lease.
    Result<int> runDue();

Q_SIGNALS:
    void enqueued(qint64 scheduleId, qint64 taskId, qint64 slotAt);

private:
    void tick() override;

    TaskStore m_tasks;
    ScheduleStore m_schedules;
    Settings m_settings;
};

} // namespace taskdesk
