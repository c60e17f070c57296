#pragma once

#include <QElapsedTimer>
#include <QTest>

#include <functional>

namespace taskdesk::test {

// Runs the event loop until `condition` holds (true) or `timeoutMs` passes
// (false), looking every `stepMs`; for conditions that are not Qt signals
// (a row, a process, a socket of another thread).
inline bool waitUntil(const std::function<bool()> &condition, int timeoutMs, int stepMs = 50)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(stepMs);
    }
    return true;
}

} // namespace taskdesk::test
