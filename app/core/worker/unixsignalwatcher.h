#pragma once

#include <QList>
#include <QObject>

class QSocketNotifier;

namespace taskdesk {

// Turns Unix signals (SIGTERM, SIGINT …) into a Qt signal delivered by the
// event loop. The handler only writes the signal number to a socket pair (the
// self-pipe trick); everything else happens in signalReceived(). One instance
// per process.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~UnixSignalWatcher() override; // restores the default handlers

    bool isValid() const { return m_notifier != nullptr; }

signals:
    void signalReceived(int signalNumber);

private:
    void readSignals();

    QList<int> m_signals;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace taskdesk
