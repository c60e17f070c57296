#pragma once

#include "core/error.h"

namespace taskdesk {

class Database;

// Fills a database with many tasks in realistic proportions, in bulk (set-based
// SQL, one transaction per chunk): for benchmarks and for trying the table at
// scale. Of every 1,000 tasks: 900 COMPLETED, 79 FAILED (with outcomes spread
// over the failure kinds), 20 PENDING, 1 RUNNING; every 20th has 3 items, every
// 10th has 2 log lines. Times spread over the last 30 days.
namespace SampleData {

Error fillBulk(Database &db, qint64 count);

} // namespace SampleData

} // namespace taskdesk
