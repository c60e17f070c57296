#pragma once

#include <QProcess>

namespace taskdesk {

// Helpers that make a QProcess the leader of its own process group, so that a
// stop reaches the whole tree (Qt 6.4: terminate() reaches the direct child only).
namespace ProcessGroup {

// Call before start(): the child calls setsid() and becomes a group leader.
// With `dieWithParent`, the child also gets SIGKILL when this process dies, even
// of SIGKILL (Linux PR_SET_PDEATHSIG): a killed worker's executions must not run
// on while the sweeper hands their tasks to another worker.
void makeLeader(QProcess &process, bool dieWithParent = false);

// Sends `signal` to the group led by `pid`, if `pid` leads a group of its own
// (never to our own group). Returns false if no such group exists any more.
bool signalGroup(qint64 pid, int signal);

// True while any process of the group led by `pid` is alive (zombies waiting
// to be reaped do not count).
bool groupAlive(qint64 pid);

} // namespace ProcessGroup

} // namespace taskdesk
