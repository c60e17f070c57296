#pragma once

#include "core/metrics/metricfamily.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <QVector>

#include <utility>

namespace taskdesk {

// Counters of this process (what no table keeps: the sweeper's passes and
// decisions), added to from any thread and read by the MetricsCollector of
// the same process. A counter starts at 0 with the process, as Prometheus
// expects of a counter that resets on a restart.
class MetricCounters final
{
public:
    using Labels = QVector<std::pair<QString, QString>>;

    // The one registry of the process.
    static MetricCounters &global();

    // `name` ends in _total. The first call of a name fixes its help text.
    void add(const QString &name, const QString &help, const Labels &labels = {}, qint64 delta = 1);
    // Makes a counter appear with 0 before its first event (a known label value).
    void declare(const QString &name, const QString &help, const Labels &labels = {})
    {
        add(name, help, labels, 0);
    }
    qint64 value(const QString &name, const Labels &labels = {}) const;
    // Every counter as counter families, names in the order first added.
    QVector<MetricFamily> families() const;

private:
    struct Counter
    {
        QString help;
        QVector<std::pair<Labels, qint64>> series;
    };

    mutable QMutex m_mutex;
    QVector<QString> m_order;
    QHash<QString, Counter> m_counters;
};

} // namespace taskdesk
