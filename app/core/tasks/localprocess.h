#pragma once

#include <QString>

namespace taskdesk {

// Facts about the processes of this host that make a process group recorded in
// the database safe to signal later, from another process: a pid is reused, a
// (pid, start time) pair is not within one boot, and a new boot id says that
// every process of the old boot is gone. Linux (/proc); elsewhere the start
// times read as unknown and nothing recorded is ever signalled.
namespace LocalProcess {

// /proc/sys/kernel/random/boot_id, or empty where there is none.
QString bootId();

// Field 22 of /proc/<pid>/stat (clock ticks after boot), zombies included;
// -1 when there is no such process.
qint64 startTime(qint64 pid);

// This process's own start time (field 22 of /proc/self/stat).
qint64 selfStartTime();

// Whether `pid` is still the process that started at `startTime` and runs
// (not a zombie).
bool isAlive(qint64 pid, qint64 startTime);

enum class GroupState {
    Gone, // no live member of the group is left
    Alive, // the recorded group lives on (its leader, or members that outlived it)
    Reused, // the leader's pid names another process now: the recorded group is gone
};

// The state of the group led by `pgid` whose leader started at `leaderStart`.
// A leader that died may leave members behind; Linux does not hand out a pid
// while a group of that id has members, so members of group `pgid` without its
// leader are still the recorded group's.
GroupState groupState(qint64 pgid, qint64 leaderStart);

// Sends `signal` to the recorded group if it is Alive (never to our own
// group). Returns whether it was sent.
bool signalGroup(qint64 pgid, qint64 leaderStart, int signal);

} // namespace LocalProcess

} // namespace taskdesk
