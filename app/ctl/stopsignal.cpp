#include "stopsignal.h"

#include <QThread>

#include <algorithm>
#include <csignal>

namespace taskdesk::ctl {

namespace {

volatile std::sig_atomic_t s_stop = 0;
struct sigaction s_oldInt;
struct sigaction s_oldTerm;

extern "C" void onStopSignal(int)
{
    s_stop = 1;
}

} // namespace

StopSignal::StopSignal()
{
    s_stop = 0;
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &s_oldInt);
    sigaction(SIGTERM, &action, &s_oldTerm);
}

StopSignal::~StopSignal()
{
    sigaction(SIGINT, &s_oldInt, nullptr);
    sigaction(SIGTERM, &s_oldTerm, nullptr);
}

bool StopSignal::requested() const
{
    return s_stop != 0;
}

void StopSignal::sleep(int ms) const
{
    constexpr int slice = 50;
    for (int slept = 0; slept < ms && !requested(); slept += slice)
        QThread::msleep(ulong(std::min(slice, ms - slept)));
}

} // namespace taskdesk::ctl
