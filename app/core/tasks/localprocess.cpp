#include "localprocess.h"

#include "core/processgroup.h"

#include <QFile>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace taskdesk {

namespace {

// Field 22 of a /proc/<pid>/stat line, parsed after the last ')' since the
// command name may hold anything; also whether the process is a zombie.
bool readStat(const char *path, qint64 &startTime, bool &zombie)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buffer[1024];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return false;
    buffer[n] = '\0';
    const char *close = std::strrchr(buffer, ')');
    if (!close)
        return false;
    // After ") ": field 3 (state) … field 22 (starttime).
    char state = 0;
    unsigned long long start = 0;
    if (std::sscanf(close + 1,
            " %c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
            &state, &start)
        != 2)
        return false;
    startTime = qint64(start);
    zombie = state == 'Z' || state == 'X';
    return true;
}

} // namespace

QString LocalProcess::bootId()
{
    static const QString id = [] {
        QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
        if (!file.open(QIODevice::ReadOnly))
            return QString();
        return QString::fromLatin1(file.readAll()).trimmed();
    }();
    return id;
}

qint64 LocalProcess::startTime(qint64 pid)
{
    if (pid <= 0)
        return -1;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%lld/stat", static_cast<long long>(pid));
    qint64 start = -1;
    bool zombie = false;
    return readStat(path, start, zombie) ? start : -1;
}

qint64 LocalProcess::selfStartTime()
{
    static const qint64 start = startTime(qint64(::getpid()));
    return start;
}

bool LocalProcess::isAlive(qint64 pid, qint64 startTime)
{
    if (pid <= 0 || startTime <= 0)
        return false;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%lld/stat", static_cast<long long>(pid));
    qint64 start = -1;
    bool zombie = false;
    return readStat(path, start, zombie) && start == startTime && !zombie;
}

LocalProcess::GroupState LocalProcess::groupState(qint64 pgid, qint64 leaderStart)
{
    if (pgid <= 1 || pgid == qint64(::getpgrp()) || !ProcessGroup::groupAlive(pgid))
        return GroupState::Gone;
    const qint64 start = startTime(pgid);
    // A live process under the leader's pid that started at another time: the
    // pid was free to reuse, so nothing of the recorded group was left.
    if (start >= 0 && leaderStart > 0 && start != leaderStart)
        return GroupState::Reused;
    return GroupState::Alive;
}

bool LocalProcess::signalGroup(qint64 pgid, qint64 leaderStart, int signal)
{
    if (leaderStart <= 0 || groupState(pgid, leaderStart) != GroupState::Alive)
        return false;
    return ::kill(-pid_t(pgid), signal) == 0;
}

} // namespace taskdesk
