#include "orphans.h"

#include <QDir>
#include <QFile>

#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <sys/wait.h>
#endif

namespace taskdesk {

namespace {

struct Stat
{
    char state = 0;
    qint64 ppid = 0;
    qint64 pgrp = 0;
    qint64 session = 0;
    qint64 startTime = 0;
};

// /proc/PID/stat: "pid (comm) state ppid pgrp session … starttime(22) …"; the
// command name may hold anything, so the fields are read after the last ')'.
bool readStat(qint64 pid, Stat &out)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.readAll();
    const qsizetype paren = text.lastIndexOf(')');
    if (paren < 0)
        return false;
    const QList<QByteArray> fields = text.mid(paren + 2).split(' ');
    if (fields.size() < 20 || fields.at(0).isEmpty())
        return false;
    out.state = fields.at(0).at(0);
    out.ppid = fields.at(1).toLongLong();
    out.pgrp = fields.at(2).toLongLong();
    out.session = fields.at(3).toLongLong();
    out.startTime = fields.at(19).toLongLong();
    return true;
}

QVector<qint64> numericEntries(const QString &folder)
{
    QVector<qint64> out;
    const QStringList entries = QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 n = entry.toLongLong(&ok);
        if (ok)
            out.append(n);
    }
    return out;
}

// Our children, from /proc/self/task/TID/children (each thread has its own;
// an orphan may be re-parented to any thread of a subreaper).
QSet<qint64> children()
{
    QSet<qint64> out;
    for (qint64 tid : numericEntries(QStringLiteral("/proc/self/task"))) {
        QFile file(QStringLiteral("/proc/self/task/%1/children").arg(tid));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &pid : file.readAll().split(' ')) {
            if (const qint64 n = pid.trimmed().toLongLong(); n > 0)
                out.insert(n);
        }
    }
    return out;
}

// The pids that our pidfds refer to ("Pid:" in /proc/self/fdinfo/FD).
QSet<qint64> pidfdTargets()
{
    QSet<qint64> out;
    const QStringList fds = QDir(QStringLiteral("/proc/self/fd"))
                                .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &fd : fds) {
        const QString link = QFile::symLinkTarget(QStringLiteral("/proc/self/fd/") + fd);
        if (!link.contains(QLatin1String("pidfd")))
            continue;
        QFile info(QStringLiteral("/proc/self/fdinfo/") + fd);
        if (!info.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : info.readAll().split('\n')) {
            if (line.startsWith("Pid:"))
                out.insert(line.mid(4).trimmed().toLongLong());
        }
    }
    return out;
}

} // namespace

bool Orphans::becomeSubreaper()
{
#ifdef Q_OS_LINUX
    return ::prctl(PR_SET_CHILD_SUBREAPER, 1UL, 0UL, 0UL, 0UL) == 0;
#else
    return false;
#endif
}

QVector<qint64> Orphans::reapAdopted(const QSet<qint64> &ownChildren)
{
    QVector<qint64> reaped;
#ifdef Q_OS_LINUX
    const qint64 ourSession = ::getsid(0);
    QVector<qint64> zombies;
    for (qint64 pid : children()) {
        Stat st;
        if (ownChildren.contains(pid) || !readStat(pid, st))
            continue;
        if (st.state == 'Z' && st.session != ourSession && st.ppid == ::getpid())
            zombies.append(pid);
    }
    if (zombies.isEmpty())
        return reaped;
    const QSet<qint64> forked = pidfdTargets();
    for (qint64 pid : std::as_const(zombies)) {
        if (forked.contains(pid))
            continue; // a QProcess's child: forkfd reaps it
        int status = 0;
        if (::waitpid(pid_t(pid), &status, WNOHANG) == pid_t(pid))
            reaped.append(pid);
    }
#else
    Q_UNUSED(ownChildren)
#endif
    return reaped;
}

qint64 Orphans::startTime(qint64 pid)
{
    Stat st;
    if (pid <= 0 || !readStat(pid, st))
        return 0;
    return st.startTime;
}

namespace {

// Whether `pid` is this process or one of its descendants: a dead worker's
// leftovers are re-parented to us (we are a child subreaper), so whatever
// another supervisor on this host runs, under a worker id that may read the
// same, is never taken for ours.
bool descendsFromUs(qint64 pid)
{
    const qint64 self = ::getpid();
    for (int depth = 0; depth < 64 && pid > 1; ++depth) {
        if (pid == self)
            return true;
        Stat st;
        if (!readStat(pid, st))
            return false;
        pid = st.ppid;
    }
    return false;
}

} // namespace

QVector<Orphans::Group> Orphans::groupsOfWorker(const QString &workerId, const QSet<qint64> &except)
{
    QVector<Group> out;
    if (workerId.isEmpty())
        return out;
    const QByteArray wanted = "TASKDESK_WORKER_ID=" + workerId.toUtf8();
    const qint64 ownGroup = ::getpgrp();
    QSet<qint64> seen;
    for (qint64 pid : numericEntries(QStringLiteral("/proc"))) {
        Stat st;
        if (!readStat(pid, st) || st.state == 'Z' || st.state == 'X')
            continue;
        if (st.pgrp <= 1 || st.pgrp == ownGroup || except.contains(st.pgrp)
            || seen.contains(st.pgrp) || !descendsFromUs(st.ppid))
            continue;
        QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
        if (!environ.open(QIODevice::ReadOnly))
            continue; // another user's process: not one of ours
        if (!environ.readAll().split('\0').contains(wanted))
            continue;
        seen.insert(st.pgrp);
        out.append({st.pgrp, startTime(st.pgrp)});
    }
    return out;
}

bool Orphans::isSameGroup(const Group &group)
{
    if (group.pgid <= 1 || group.pgid == ::getpgrp())
        return false;
    const qint64 now = startTime(group.pgid);
    return now == 0 || now == group.leaderStartTime;
}

bool Orphans::signalGroup(const Group &group, int signal)
{
    if (!isSameGroup(group))
        return false;
    return ::kill(-pid_t(group.pgid), signal) == 0;
}

} // namespace taskdesk
