#pragma once

#include "core/error.h"

#include <QElapsedTimer>
#include <QString>

#include <optional>

namespace taskdesk {

class Database;

// A row of `leases` as read from the database.
struct LeaseInfo
{
    QString name;
    QString holder;
    qint64 acquiredAt = 0; // when this holder took it (kept across renewals)
    qint64 expiresAt = 0;
    qint64 dbNow = 0; // the database clock when read

    bool expired() const { return expiresAt < dbNow; }
};

// A named lease that at most one holder has at a time, across threads,
// processes and hosts: the row `leases(name)` with its holder and an expiry
// on the database clock (so skewed host clocks agree). Used for the
// singletons of DESIGN.md: "sweeper", "scheduler", and a supervisor per host
// ("supervisor:HOST").
//
// Acquiring and renewing are the same single upsert: it inserts the row, or
// takes it over when it is ours or has expired; the affected-row count says
// whether we hold it. Nothing is read first, so two contenders can never both
// win. A holder that stops renewing (crashed, frozen, disconnected) loses the
// lease when it expires; release() hands it over at once.
//
// Holding the lease is advisory: whatever a holder does must still be a
// conditional write, since a frozen holder may act a moment after expiry.
// Not thread-safe: one lease object per thread (the Database connection is
// per thread anyway).
class SingletonLease final
{
public:
    SingletonLease(
        Database &db, QString name, QString holder = defaultHolderId(), qint64 ttlMs = 30000);
    SingletonLease(const SingletonLease &) = delete;
    SingletonLease &operator=(const SingletonLease &) = delete;

    // "host:pid:random", unique per lease object even within one process.
    static QString defaultHolderId();

    const QString &name() const { return m_name; }
    const QString &holder() const { return m_holder; }
    qint64 ttlMs() const { return m_ttlMs; }
    void setTtlMs(qint64 ttlMs) { m_ttlMs = ttlMs; }
    // Another identity: whatever was held under the old one is forgotten
    // (it expires by itself).
    void setHolder(const QString &holder)
    {
        m_holder = holder;
        m_held = false;
    }

    // Takes the lease if it is free, expired or already ours, and extends it to
    // now + TTL (database clock). true: we hold it; false: someone else does.
    Result<bool> tryAcquire();
    // The same statement as tryAcquire(): a holder whose lease expired but was
    // not taken by anyone gets it back.
    Result<bool> renew() { return tryAcquire(); }
    // For a periodic loop: a holder renews only when a third of the TTL has
    // passed since its last successful renewal (by this process's monotonic
    // clock), and otherwise answers from memory; a contender reads the row
    // first and writes only when the lease is free or expired. A failed
    // renewal counts as not held.
    Result<bool> hold();
    // Gives the lease up if we hold it (the next contender gets it at once).
    Error release();
    // Forgets holding it without telling the database, as a crash would: the
    // row stays until it expires, and the next hold() asks the database.
    void forget() { m_held = false; }
    // Held as of the last acquire/renew and not yet expired by our clock.
    bool isHeld() const;

    // Who holds `name` now (nullopt: nobody ever took it, or it was released).
    static Result<std::optional<LeaseInfo>> current(Database &db, const QString &name);

private:
    Database &m_db;
    QString m_name;
    QString m_holder;
    qint64 m_ttlMs;
    bool m_held = false;
    QElapsedTimer m_sinceRenewal;
};

} // namespace taskdesk
