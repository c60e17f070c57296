#pragma once

#include "error.h"
#include "schedulestore.h"
#include "settings.h"
#include "singletonlease.h"
#include "tasks/taskstore.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

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
// own connection).
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    explicit Scheduler(Database &db, QObject *parent = nullptr);
    ~Scheduler() override;

    static constexpr qint64 kMinLeaseTtlMs = 10 * 1000;

    // Overrides the interval setting (tests, `taskdeskctl supervise --…`); 0: use the setting.
    void setIntervalMs(qint64 ms);
    // Default: four intervals, at least kMinLeaseTtlMs.
    void setLeaseTtlMs(qint64 ms);
    void setHolderId(const QString &holder);
    QString holderId() const { return m_lease.holder(); }
    bool isRunning() const { return m_timer.isActive(); }
    // Whether this scheduler held the lease at its last pass.
    bool isActive() const { return m_active; }

    void start();
    // Stops and releases the lease, so that another scheduler takes over at once.
    void stop();
    // Stops without releasing the lease, as a crash would: another scheduler
    // takes over only once the lease has expired.
    void halt();

    // One pass: takes or renews the lease and enqueues every due slot. Returns
    // how many tasks it enqueued; refused when another scheduler holds the lease.
    Result<int> runDue();

Q_SIGNALS:
    void enqueued(qint64 scheduleId, qint64 taskId, qint64 slotAt);
    void activeChanged(bool active);
    void errorOccurred(const QString &message);

private:
    void tick();
    void setActive(bool active);
    void applyInterval(qint64 settingMs);
    void reportError(const QString &key, const QString &message);

    Database &m_db;
    TaskStore m_tasks;
    ScheduleStore m_schedules;
    Settings m_settings;
    SingletonLease m_lease;
    QTimer m_timer;
    qint64 m_intervalOverrideMs = 0;
    qint64 m_leaseTtlOverrideMs = 0;
    bool m_active = false;
    // Problems already reported, so that a bad schedule does not repeat its
    // message every second; cleared when the problem goes away.
    QSet<QString> m_reported;
};

} // namespace taskdesk
