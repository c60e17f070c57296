#pragma once

#include "core/error.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace taskdesk {

class Database;

// Ends what dead workers of this host left running, and closes their
// executions (DESIGN.md rule 7). An open execution of this host is a leftover
// when the process that claimed it (pid and start time) is no longer alive: a
// worker killed by SIGKILL or the OOM killer, whose program's children lived
// on. Its group gets SIGTERM, SIGKILL after the grace time, and the execution
// is closed once no member of the group is left. A group is signalled only
// while its leader's pid still names the recorded leader (same start time), or
// the leader is gone and members of the group remain (Linux does not reuse a
// pid that names a live group): a reused pid is never signalled. Executions of
// an older boot of this host are closed at once.
//
// A worker runs a pass before its first claim and then every few seconds; a
// supervisor can run one when it sees a worker die. Its timer works in the
// thread that owns it.
class LeftoverReaper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeftoverReaper)

public:
    explicit LeftoverReaper(Database &db, QObject *parent = nullptr);

    void setGraceMs(int ms) { m_graceMs = ms; }
    // Passes every `ms` (0: only when asked, and while leftovers are dying).
    void start(int intervalMs);
    void stop();

    // One pass now: closes executions of older boots and those whose groups
    // are gone, signals the groups of leftovers. Returns how many executions
    // it closed.
    Result<int> pass();
    // Leftover groups signalled and not gone yet.

signals:
    // Executions were closed (tasks may be claimable again).
    void closed(const QVector<qint64> &executionIds);

private:
    struct Dying
    {
        qint64 pgid = 0;
        qint64 leaderStart = 0;
        QDeadlineTimer killAt;
        bool killed = false;
    };

    Database &m_db;
    int m_graceMs = 10000;
    int m_intervalMs = 0;
    QHash<qint64, Dying> m_dying; // by execution id
    QTimer m_timer;
};

} // namespace taskdesk
