#pragma once

#include "core/auditlog.h"
#include "core/error.h"
#include "core/scheduling/schedule.h"

#include <QString>
#include <QVector>

#include <optional>

namespace taskdesk {

class Database;
class TaskStore;

// The schedules table: validated changes (each audited) and the one step that
// turns a due slot into a task. Schedules are named for the command line.
class ScheduleStore final
{
public:
    explicit ScheduleStore(Database &db, QString actor = AuditLog::osUser());

    const QString &actor() const { return m_actor; }

    // Returns the new schedule's id; a name in use is refused.
    Result<qint64> add(const Schedule &schedule);
    // Ordered by name, with the last slot's task and the database clock.
    Result<QVector<Schedule>> list(bool enabledOnly = false);
    Result<Schedule> find(const QString &name);
    Result<Schedule> schedule(qint64 id);
    // Changes the schedule with `schedule.id` to the given name, kind, args,
    // queue, priority, timing and enabled state.
    Error update(const Schedule &schedule);
    Error setEnabled(const QString &name, bool enabled);
    // The tasks it made stay (with their schedule id); its slot records go.
    Error remove(const QString &name);

    // Enqueues the task of one slot, at most once whoever races for it. In one
    // write transaction: insert (schedule, slot) into schedule_runs, unless
    // that row exists, or the schedule is gone, disabled, or already past
    // this slot; the affected-row count decides; only then enqueue the task
    // (TaskQueue::enqueueInTransaction, with its schedule id), record its id,
    // move last_slot_at, and audit "schedule_enqueue". Either all of it
    // commits or none. Returns the task's id, or nullopt when the slot was
    // not ours to run.
    Result<std::optional<qint64>> enqueueSlot(
        const Schedule &schedule, qint64 slotAt, TaskStore &tasks);

private:
    Result<QVector<Schedule>> select(const QString &where, const QVariant &value);

    Database &m_db;
    AuditLog m_audit;
    QString m_actor;
};

} // namespace taskdesk
