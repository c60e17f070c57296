#include "processgroup.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace taskdesk {

void ProcessGroup::makeLeader(QProcess &process, bool dieWithParent)
{
    // Qt 6.0–6.5.1 run the modifier in a vfork-like child that shares the
    // parent's memory: only raw system calls are allowed here.
    if (!dieWithParent) {
        process.setChildProcessModifier([] { ::setsid(); });
        return;
    }
    process.setChildProcessModifier([parent = ::getpid()] {
        ::setsid();
#ifdef Q_OS_LINUX
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) // the parent died before prctl() took effect
            ::_exit(127);
#endif
    });
}

bool ProcessGroup::signalGroup(qint64 pid, int signal)
{
    if (pid <= 1)
        return false;
    // The leader may already be gone while its children live on: then getpgid
    // fails, but the group id is still the leader's pid. Never signal our own group.
    if (pid == ::getpgrp())
        return false;
    const pid_t group = ::getpgid(pid_t(pid));
    if (group >= 0 && group != pid_t(pid))
        return false; // pid was reused by a process outside the group
    return ::kill(-pid_t(pid), signal) == 0;
}

bool ProcessGroup::groupAlive(qint64 pid)
{
    if (pid <= 1 || pid == ::getpgrp())
        return false;
    return ::kill(-pid_t(pid), 0) == 0 || errno == EPERM;
}

} // namespace taskdesk
