#pragma once

#include <QSet>
#include <QString>
#include <QVector>

namespace taskdesk {

// What a supervisor needs to clean up after a process that died: it adopts
// the orphans of its descendants (Linux PR_SET_CHILD_SUBREAPER), reaps them,
// and finds and identifies the process groups that a dead worker left behind.
namespace Orphans {

// Makes this process the reaper of its descendants' orphans: a process whose
// parent dies is re-parented to us instead of to PID 1, so its group can be
// followed and its zombie reaped. Process-wide; false where not supported.
bool becomeSubreaper();

// Reaps the zombies among our children that we adopted, one waitpid() per
// pid, never waitpid(-1): QProcess (forkfd) reaps its own children and must
// find them. A child is taken as adopted when no pidfd of ours refers to it
// (Qt 6.4 holds one for each QProcess child on Linux 5.4+), it is not in
// `ownChildren`, and it runs in a session other than ours (every supervised
// program and every execution of a worker starts a session of its own).
// Returns the pids reaped.
QVector<qint64> reapAdopted(const QSet<qint64> &ownChildren);

// The start time of `pid` (clock ticks since boot, field 22 of
// /proc/PID/stat): with the pid it names one process for good, since a pid
// can be reused. 0 if there is no such process (a zombie still has one).
qint64 startTime(qint64 pid);

// A process group seen or recorded at one moment: its id (the leader's pid)
// and the leader's start time then (0 if the leader was already gone).
struct Group
{
    qint64 pgid = 0;
    qint64 leaderStartTime = 0;
    bool operator==(const Group &other) const
    {
        return pgid == other.pgid && leaderStartTime == other.leaderStartTime;
    }
};

// The groups, other than this process's own and `except`, that hold a live
// process of ours (a descendant, adopted ones included) whose environment says
// TASKDESK_WORKER_ID=`workerId`: what the executions of that worker left
// running. Another supervisor's processes never count, even under the same id.
QVector<Group> groupsOfWorker(const QString &workerId, const QSet<qint64> &except = {});

// True while `group` may be signalled as the group it was: a group id is not
// reused while any member lives, so only a live leader with another start
// time (its pid reused by a new group) makes it someone else's.
bool isSameGroup(const Group &group);

// Sends `signal` to `group` if it is still the same group (see isSameGroup).
bool signalGroup(const Group &group, int signal);

} // namespace Orphans

} // namespace taskdesk
