#pragma once

namespace taskdesk::ctl {

// While alive, SIGINT and SIGTERM only raise a flag that a polling loop checks
// (logs --follow), so that Ctrl-C or a service stop ends it cleanly with exit 0.
// The previous handlers come back on destruction.
class StopSignal final
{
public:
    StopSignal();
    ~StopSignal();
    StopSignal(const StopSignal &) = delete;
    StopSignal &operator=(const StopSignal &) = delete;

    bool requested() const;
    // Sleeps up to `ms`, waking early when a stop was requested.
    void sleep(int ms) const;
};

} // namespace taskdesk::ctl
