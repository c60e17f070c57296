#pragma once

#include "core/error.h"
#include "core/scheduling/singletonlease.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace taskdesk {

class Database;

// What the Sweeper and the Scheduler share: a singleton that works in passes,
// on a timer, and acts in a pass only while it holds its lease (one instance
// at a time across threads, processes and hosts). It owns the timer and the
// lease; a subclass owns its pass (tick()), which starts with acquire().
//
// The interval comes from a setting unless overridden; the lease lives four
// intervals, at least a minimum, unless overridden. Stopping hands the lease
// over at once; halting keeps it until it expires, as a crash would. Problems
// are reported once (errorOccurred) until they go away.
//
// It works in the thread that owns it: moveToThread() it before start() to
// keep its database work off a GUI thread. Destroy it before its Database.
class LeasedTimer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeasedTimer)

public:
    ~LeasedTimer() override;

    // Overrides the interval setting (tests, command lines); 0: use the setting.
    void setIntervalMs(qint64 ms);
    // Default: four intervals, at least the minimum of the subclass.
    void setLeaseTtlMs(qint64 ms);
    void setHolderId(const QString &holder) { m_lease.setHolder(holder); }
    qint64 intervalMs() const { return m_timer.interval(); }
    qint64 leaseTtlMs() const { return m_lease.ttlMs(); }
    bool isRunning() const { return m_timer.isActive(); }
    // Whether this instance held the lease at its last pass.
    bool isActive() const { return m_active; }

    // Starts the timer; the first pass comes right away, not one interval later.
    void start();
    // Stops and releases the lease, so that another instance takes over at once.
    void stop();
    // Stops without releasing the lease, as a crash would: another instance
    // takes over only once the lease has expired.
    void halt();

Q_SIGNALS:
    void activeChanged(bool active);
    void errorOccurred(const QString &message);

protected:
    // `name`: the lease's name and the word for the singleton in messages.
    LeasedTimer(Database &db, const QString &name, qint64 settingIntervalMs, qint64 minLeaseTtlMs,
        QObject *parent);

    // One pass on the timer (never after stop() or halt()).
    virtual void tick() = 0;

    const QString &name() const { return m_lease.name(); }
    // The interval the settings ask for.
    void setSettingIntervalMs(qint64 ms);
    // Takes or renews the lease for a pass. Refused, naming the holder, while
    // another instance holds it.
    [[nodiscard]] Error acquire();
    // Gives the lease back after a pass outside the timer (a one-shot pass).
    void releaseAfterPass();

    // Reports a problem under `key` once, until clearError(key).
    void reportError(const QString &key, const QString &message);
    void clearError(const QString &key) { m_reported.remove(key); }
    // After a pass on the timer: its error is reported, a refusal (another
    // instance holds the lease) is not one.
    void reportPass(const Error &error);

private:
    void apply();
    void release();
    void setActive(bool active);

    Database &m_db;
    SingletonLease m_lease;
    QTimer m_timer;
    qint64 m_settingIntervalMs;
    qint64 m_minLeaseTtlMs;
    qint64 m_intervalOverrideMs = 0;
    qint64 m_leaseTtlOverrideMs = 0;
    bool m_active = false;
    QSet<QString> m_reported;
};

} // namespace taskdesk
