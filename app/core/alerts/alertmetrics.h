#pragma once

#include "core/error.h"
#include "core/metrics/metricfamily.h"

#include <QVector>

namespace taskdesk {

class Database;

// The alerts' part of /metrics (a MetricsCollector source): deliveries sent
// and failed for good by channel (counters: the outbox keeps every delivery),
// and the alerts firing now by rule.
Result<QVector<MetricFamily>> alertMetrics(Database &db);

} // namespace taskdesk
