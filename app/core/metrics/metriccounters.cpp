#include "core/metrics/metriccounters.h"

#include <QMutexLocker>

namespace taskdesk {

MetricCounters &MetricCounters::global()
{
    static MetricCounters counters;
    return counters;
}

void MetricCounters::add(
    const QString &name, const QString &help, const Labels &labels, qint64 delta)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_counters.find(name);
    if (it == m_counters.end()) {
        m_order.append(name);
        it = m_counters.insert(name, Counter{help, {}});
    }
    for (auto &series : it->series) {
        if (series.first == labels) {
            series.second += delta;
            return;
        }
    }
    it->series.append({labels, delta});
}

qint64 MetricCounters::value(const QString &name, const Labels &labels) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_counters.constFind(name);
    if (it == m_counters.cend())
        return 0;
    for (const auto &series : it->series) {
        if (series.first == labels)
            return series.second;
    }
    return 0;
}

QVector<MetricFamily> MetricCounters::families() const
{
    QMutexLocker lock(&m_mutex);
    QVector<MetricFamily> out;
    out.reserve(m_order.size());
    for (const QString &name : m_order) {
        const Counter &counter = *m_counters.constFind(name);
        MetricFamily family{name, counter.help, MetricFamily::Type::Counter, {}};
        for (const auto &[labels, value] : counter.series)
            family.samples.append({labels, double(value), {}});
        out.append(std::move(family));
    }
    return out;
}

} // namespace taskdesk
