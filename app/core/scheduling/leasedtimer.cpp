#include "leasedtimer.h"

#include <algorithm>

namespace taskdesk {

LeasedTimer::LeasedTimer(Database &db, const QString &name, qint64 settingIntervalMs,
    qint64 minLeaseTtlMs, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_lease(db, name)
    , m_timer(this)
    , m_settingIntervalMs(settingIntervalMs)
    , m_minLeaseTtlMs(minLeaseTtlMs)
{
    apply();
    connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
}

LeasedTimer::~LeasedTimer()
{
    if (m_timer.isActive())
        stop();
}

void LeasedTimer::setIntervalMs(qint64 ms)
{
    m_intervalOverrideMs = std::max<qint64>(ms, 0);
    apply();
}

void LeasedTimer::setLeaseTtlMs(qint64 ms)
{
    m_leaseTtlOverrideMs = std::max<qint64>(ms, 0);
    apply();
}

void LeasedTimer::setSettingIntervalMs(qint64 ms)
{
    m_settingIntervalMs = ms;
    apply();
}

void LeasedTimer::apply()
{
    const qint64 interval = m_intervalOverrideMs > 0 ? m_intervalOverrideMs : m_settingIntervalMs;
    if (m_timer.interval() != int(interval))
        m_timer.setInterval(int(interval));
    m_lease.setTtlMs(
        m_leaseTtlOverrideMs > 0 ? m_leaseTtlOverrideMs : std::max(4 * interval, m_minLeaseTtlMs));
}

void LeasedTimer::start()
{
    if (m_timer.isActive())
        return;
    m_timer.start();
    QTimer::singleShot(0, this, [this] {
        if (m_timer.isActive()) // not after a stop() that came first
            tick();
    });
}

void LeasedTimer::stop()
{
    m_timer.stop();
    release();
    setActive(false);
}

void LeasedTimer::halt()
{
    m_timer.stop();
    m_lease.forget();
    setActive(false);
}

Error LeasedTimer::acquire()
{
    Result<bool> held = m_lease.hold();
    if (!held.ok()) {
        setActive(false);
        return held.error();
    }
    setActive(*held);
    if (*held)
        return {};
    Result<std::optional<LeaseInfo>> info = SingletonLease::current(m_db, m_lease.name());
    const QString holder = info.ok() && info.value() ? info.value()->holder : QString();
    return Error::refused(QStringLiteral("another %1 is active (%2)").arg(m_lease.name(), holder));
}

void LeasedTimer::releaseAfterPass()
{
    if (!m_timer.isActive())
        release();
}

void LeasedTimer::release()
{
    if (!m_lease.isHeld())
        return;
    // A lease that could not be given back expires by itself.
    if (Error e = m_lease.release())
        reportError(QStringLiteral("release"), e.message());
    setActive(false);
}

void LeasedTimer::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged(active);
}

void LeasedTimer::reportError(const QString &key, const QString &message)
{
    if (m_reported.contains(key))
        return;
    m_reported.insert(key);
    qWarning("%s: %s", qPrintable(m_lease.name()), qPrintable(message));
    Q_EMIT errorOccurred(message);
}

void LeasedTimer::reportPass(const Error &error)
{
    if (error && error.kind() != ErrorKind::Refused)
        reportError(QStringLiteral("pass"), error.message());
    else
        clearError(QStringLiteral("pass"));
}

} // namespace taskdesk
