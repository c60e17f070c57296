#pragma once

#include "core/error.h"
#include "core/metrics/metricfamily.h"

#include <QByteArray>
#include <QVector>

#include <functional>

namespace taskdesk {

class Database;
class MetricCounters;

// What /metrics serves: the Prometheus text (format 0.0.4) of the database's
// tasks, processes and schedules, of this process's counters (the sweeper's),
// and of any source added. Every number is read from what the database holds
// at the moment of the call, from tables kept by triggers (migration 14) or
// through an index: no scan of the task table.
// Runs on the thread that owns `db`'s connection (the metrics server's
// database thread).
class MetricsCollector final
{
public:
    // More families from elsewhere (the alert engine's counters): called on
    // each collect() with the collector's database, on its thread.
    using Source = std::function<Result<QVector<MetricFamily>>(Database &db)>;

    explicit MetricsCollector(Database &db);
    MetricsCollector(Database &db, MetricCounters &counters);

    void addSource(Source source) { m_sources.append(std::move(source)); }

    Result<QByteArray> collect();
    // The same families, before they become text.
    Result<QVector<MetricFamily>> families();

    // The upper bounds (seconds) of the task duration histogram; the columns
    // le_N of task_finishes.
    static const QVector<int> &durationBuckets();

private:
    Error addTasks(QVector<MetricFamily> &out);
    Error addFinishes(QVector<MetricFamily> &out);
    Error addQueueAges(QVector<MetricFamily> &out);
    Error addStuck(QVector<MetricFamily> &out);
    Error addProcesses(QVector<MetricFamily> &out);
    Error addSchedules(QVector<MetricFamily> &out);
    void addSweeper(QVector<MetricFamily> &out);

    Database &m_db;
    MetricCounters &m_counters;
    QVector<Source> m_sources;
    QStringList m_queues; // of the last addTasks(), for addQueueAges()
};

} // namespace taskdesk
