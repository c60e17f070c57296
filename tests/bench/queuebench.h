#pragma once

#include "benchsupport.h"

#include <QJsonObject>

namespace taskdesk::bench {

// Part 3: one sweep at N tasks with 1,000 stale RUNNING tasks, by
// StuckTasks::sweepLostWorkers alone and by the Sweeper's whole pass.
QJsonObject runSweeperBench(Database &db, const Options &options);

// Part 4: claim + finish per second, in this process, with 1, 2 and 4
// connections (one thread and one connection each).
QJsonObject runQueueBench(const QString &url, const Options &options);

} // namespace taskdesk::bench
