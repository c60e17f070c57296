#include "leftoverreaper.h"

#include "core/tasks/executionstore.h"
#include "core/tasks/localprocess.h"

#include <QLoggingCategory>

#include <csignal>

namespace taskdesk {

namespace {

Q_LOGGING_CATEGORY(lcReaper, "taskdesk.reaper", QtInfoMsg)

// How often a pass looks again while a leftover dies.
constexpr int kDyingCheckMs = 100;

} // namespace

LeftoverReaper::LeftoverReaper(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        Result<int> r = pass();
        if (!r.ok())
            qCWarning(lcReaper).noquote() << "leftover check failed:" << r.error().message();
        if (!m_dying.isEmpty())
            m_timer.start(kDyingCheckMs);
        else if (m_intervalMs > 0)
            m_timer.start(m_intervalMs);
    });
}

void LeftoverReaper::start(int intervalMs)
{
    m_intervalMs = intervalMs;
    if (m_intervalMs > 0 || !m_dying.isEmpty())
        m_timer.start(m_dying.isEmpty() ? m_intervalMs : kDyingCheckMs);
}

void LeftoverReaper::stop()
{
    m_intervalMs = 0;
    m_timer.stop();
}

Result<int> LeftoverReaper::pass()
{
    ExecutionStore store(m_db);
    const QString host = ExecutionStore::thisHost();
    const QString boot = ExecutionStore::thisBootId();
    QVector<qint64> closedIds;
    // A new boot id is proof that every process of the old boot is gone.
    Result<QVector<qint64>> rebooted = store.closeOtherBoots(host, boot);
    if (!rebooted.ok())
        return rebooted.error();
    if (!rebooted->isEmpty())
        qCInfo(lcReaper) << rebooted->size()
                         << "execution(s) of an earlier boot of this host closed";
    closedIds += *rebooted;

    Result<QVector<Execution>> open = store.openOnHost(host, 10000);
    if (!open.ok())
        return open.error();
    QVector<qint64> gone;
    QHash<qint64, Dying> dying;
    for (const Execution &x : std::as_const(*open)) {
        // Another boot without a boot id of its own to compare, or a claimer
        // whose start time this host cannot read: nothing here can tell.
        if (x.bootId != boot || x.workerStart <= 0)
            continue;
        if (LocalProcess::isAlive(x.workerPid, x.workerStart))
            continue; // its worker is alive and closes it itself
        const LocalProcess::GroupState state = x.pgid > 0
            ? LocalProcess::groupState(x.pgid, x.leaderStart)
            : LocalProcess::GroupState::Gone;
        if (state != LocalProcess::GroupState::Alive || x.leaderStart <= 0) {
            // Gone, or the pid is another process's now; a group recorded
            // without its leader's start time is never signalled (nor kept
            // open for ever: its worker is dead, and so, by PR_SET_PDEATHSIG,
            // its leader).
            gone.append(x.id);
            continue;
        }
        Dying d = m_dying.value(x.id);
        if (d.pgid == 0) {
            d.pgid = x.pgid;
            d.leaderStart = x.leaderStart;
            d.killAt = QDeadlineTimer(m_graceMs);
            qCInfo(lcReaper).noquote()
                << QStringLiteral("task %1: process group %2 outlived its worker %3: SIGTERM")
                       .arg(x.taskId)
                       .arg(x.pgid)
                       .arg(x.workerId);
            LocalProcess::signalGroup(x.pgid, x.leaderStart, SIGTERM);
        } else if (!d.killed && d.killAt.hasExpired()) {
            qCInfo(lcReaper).noquote()
                << QStringLiteral("task %1: process group %2 still alive after the grace time: "
                                  "SIGKILL")
                       .arg(x.taskId)
                       .arg(x.pgid);
            LocalProcess::signalGroup(x.pgid, x.leaderStart, SIGKILL);
            d.killed = true;
        }
        dying.insert(x.id, d);
    }
    m_dying = dying;
    if (!gone.isEmpty()) {
        Result<QVector<qint64>> reaped = store.closeByIds(gone, ExecutionEnd::Reaped);
        if (!reaped.ok())
            return reaped.error();
        if (!reaped->isEmpty())
            qCInfo(lcReaper) << reaped->size()
                             << "execution(s) of dead workers of this host closed";
        closedIds += *reaped;
    }
    if (!m_dying.isEmpty() && !m_timer.isActive())
        m_timer.start(kDyingCheckMs);
    if (!closedIds.isEmpty())
        emit closed(closedIds);
    return int(closedIds.size());
}

} // namespace taskdesk
