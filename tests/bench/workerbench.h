#pragma once

#include "benchsupport.h"

#include <QJsonObject>

namespace taskdesk::bench {

// Part 5: tasks per second running /bin/true through a real taskdesk-worker
// (concurrency P), against `xargs -P P` running as many /bin/true.
QJsonObject runWorkerE2e(const QString &url, const Options &options);

// Part 6: Cancel to the execution's process group gone, and a worker's SIGKILL
// to its task re-queued by a Sweeper with a short interval and timeout.
QJsonObject runLatencyBench(const QString &url, const Options &options);

} // namespace taskdesk::bench
