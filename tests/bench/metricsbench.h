#pragma once

#include "benchsupport.h"

#include <QJsonObject>

namespace taskdesk::bench {

// Part 9: /metrics at the database's size. collect() timed over repeated runs
// (its output checked against the task table's count), and the claim latency
// of a worker thread without and with collect() running in a loop on another
// thread: serving metrics must not hold up the workers.
QJsonObject runMetricsBench(const QString &url, const Options &options);

} // namespace taskdesk::bench
