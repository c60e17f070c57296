#include "processgroup.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
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

#ifdef Q_OS_LINUX
namespace {

// Whether a process of group `pgid` is not a zombie. kill(-pgid, 0) also finds
// zombies, which run no code: an orphan killed with its group stays one until
// init reaps it, and some container inits never do. Without /proc, assume alive.
bool hasLiveMember(pid_t pgid)
{
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return true;
    bool live = false;
    while (dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
            continue;
        char path[300]; // d_name holds up to 255 characters
        std::snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
        const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        char buffer[512];
        const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
        ::close(fd);
        if (n <= 0)
            continue;
        buffer[n] = '\0';
        // "pid (comm) state ppid pgrp …"; comm may contain anything, so parse from the last ')'.
        const char *close = std::strrchr(buffer, ')');
        char state = 0;
        long ppid = 0;
        long group = 0;
        if (!close || std::sscanf(close + 1, " %c %ld %ld", &state, &ppid, &group) != 3)
            continue;
        if (group == pgid && state != 'Z' && state != 'X') {
            live = true;
            break;
        }
    }
    ::closedir(proc);
    return live;
}

} // namespace
#endif

bool ProcessGroup::groupAlive(qint64 pid)
{
    if (pid <= 1 || pid == ::getpgrp())
        return false;
    if (::kill(-pid_t(pid), 0) != 0 && errno != EPERM)
        return false;
#ifdef Q_OS_LINUX
    return hasLiveMember(pid_t(pid));
#else
    return true;
#endif
}

} // namespace taskdesk
