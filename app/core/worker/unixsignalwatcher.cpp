#include "unixsignalwatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace taskdesk {

namespace {

int s_fds[2] = {-1, -1};

extern "C" void writeSignalNumber(int signalNumber)
{
    // Only async-signal-safe calls here; errno must survive the handler.
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t n = ::write(s_fds[0], &byte, 1);
    errno = savedErrno;
}

} // namespace

UnixSignalWatcher::UnixSignalWatcher(const QList<int> &signalNumbers, QObject *parent)
    : QObject(parent)
    , m_signals(signalNumbers)
{
    if (s_fds[0] >= 0) {
        qWarning("UnixSignalWatcher: only one instance per process");
        return;
    }
    // Non-blocking: a burst of signals must never block the handler.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, s_fds) != 0) {
        qWarning("UnixSignalWatcher: socketpair failed: %s", strerror(errno));
        s_fds[0] = s_fds[1] = -1;
        return;
    }
    m_notifier = new QSocketNotifier(s_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &UnixSignalWatcher::readSignals);
    for (int signalNumber : std::as_const(m_signals)) {
        struct sigaction action = {};
        action.sa_handler = writeSignalNumber;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(signalNumber, &action, nullptr);
    }
}

UnixSignalWatcher::~UnixSignalWatcher()
{
    if (!m_notifier)
        return;
    for (int signalNumber : std::as_const(m_signals))
        ::signal(signalNumber, SIG_DFL);
    delete m_notifier;
    ::close(s_fds[0]);
    ::close(s_fds[1]);
    s_fds[0] = s_fds[1] = -1;
}

void UnixSignalWatcher::readSignals()
{
    unsigned char buffer[64];
    for (;;) {
        const ssize_t n = ::read(s_fds[1], buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n; ++i)
            emit signalReceived(int(buffer[i]));
    }
}

} // namespace taskdesk
