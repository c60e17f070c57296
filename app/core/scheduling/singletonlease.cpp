#include "singletonlease.h"

#include "core/auditlog.h"
#include "core/database.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QUuid>

namespace taskdesk {

SingletonLease::SingletonLease(Database &db, QString name, QString holder, qint64 ttlMs)
    : m_db(db)
    , m_name(std::move(name))
    , m_holder(std::move(holder))
    , m_ttlMs(ttlMs)
{ }

QString SingletonLease::defaultHolderId()
{
    return QStringLiteral("%1:%2:%3")
        .arg(AuditLog::localHost())
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
}

Result<bool> SingletonLease::tryAcquire()
{
    if (m_ttlMs < 100 || m_ttlMs > 24 * 3600 * 1000)
        return Error::invalid(
            QStringLiteral("the lease time must be between 100 ms and one day, got %1 ms")
                .arg(m_ttlMs));
    if (m_name.isEmpty() || m_holder.isEmpty())
        return Error::invalid(QStringLiteral("a lease needs a name and a holder"));
    // Timed from before the statement: our idea of the expiry is never later
    // than the database's.
    QElapsedTimer started;
    started.start();
    bool held = false;
    Error e = m_db.write([&]() -> Error {
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "INSERT INTO leases (name, holder, acquired_at, expires_at) "
            "VALUES (:name, :holder, {NOW}, {NOW} + :ttl) "
            "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
            "acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at "
            "ELSE excluded.acquired_at END, "
            "expires_at = excluded.expires_at "
            "WHERE leases.holder = excluded.holder OR leases.expires_at < {NOW}"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":name"), m_name);
        q.value().bindValue(QStringLiteral(":holder"), m_holder);
        q.value().bindValue(QStringLiteral(":ttl"), m_ttlMs);
        if (Error err = m_db.exec(q.value(), QStringLiteral("lease %1").arg(m_name)))
            return err;
        held = q.value().numRowsAffected() == 1;
        return {};
    });
    if (e) {
        m_held = false;
        return e;
    }
    m_held = held;
    if (held)
        m_sinceRenewal = started;
    return held;
}

Result<bool> SingletonLease::hold()
{
    if (m_held && m_sinceRenewal.isValid() && m_sinceRenewal.elapsed() < m_ttlMs / 3)
        return true;
    if (!m_held) {
        // A contender looks before it writes: on SQLite every upsert takes the
        // write lock that workers need for their claims. The upsert still decides.
        Result<std::optional<LeaseInfo>> info = current(m_db, m_name);
        if (!info.ok())
            return info.error();
        if (info.value() && info.value()->holder != m_holder && !info.value()->expired())
            return false;
    }
    return tryAcquire();
}

bool SingletonLease::isHeld() const
{
    return m_held && m_sinceRenewal.isValid() && m_sinceRenewal.elapsed() < m_ttlMs;
}

Error SingletonLease::release()
{
    m_held = false;
    return m_db.write([&]() -> Error {
        Result<QSqlQuery> q = m_db.prepare(
            QStringLiteral("DELETE FROM leases WHERE name = :name AND holder = :holder"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":name"), m_name);
        q.value().bindValue(QStringLiteral(":holder"), m_holder);
        return m_db.exec(q.value(), QStringLiteral("release lease %1").arg(m_name));
    });
}

Result<std::optional<LeaseInfo>> SingletonLease::current(Database &db, const QString &name)
{
    Result<QSqlQuery> q = db.prepare(QStringLiteral(
        "SELECT holder, acquired_at, expires_at, {NOW} FROM leases WHERE name = :name"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":name"), name);
    if (Error e = db.exec(q.value(), QStringLiteral("lease %1").arg(name)))
        return e;
    if (!q.value().next())
        return std::optional<LeaseInfo>();
    LeaseInfo info;
    info.name = name;
    info.holder = q.value().value(0).toString();
    info.acquiredAt = q.value().value(1).toLongLong();
    info.expiresAt = q.value().value(2).toLongLong();
    info.dbNow = q.value().value(3).toLongLong();
    return std::optional<LeaseInfo>(info);
}

} // namespace taskdesk
