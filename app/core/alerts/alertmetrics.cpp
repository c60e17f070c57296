#include "alertmetrics.h"

#include "core/alerts/alertstore.h"
#include "core/database.h"

#include <QSqlQuery>

namespace taskdesk {

Result<QVector<MetricFamily>> alertMetrics(Database &db)
{
    AlertStore store(db);
    Result<QVector<DeliveryCounts>> counts = store.deliveryCounts();
    if (!counts.ok())
        return counts.error();
    Result<QMap<QString, qint64>> firing = store.firingByRule();
    if (!firing.ok())
        return firing.error();

    MetricFamily sent{QStringLiteral("taskdesk_alerts_sent_total"),
        QStringLiteral("Alert messages delivered, by channel (test alerts included)."),
        MetricFamily::Type::Counter, {}};
    MetricFamily failed{QStringLiteral("taskdesk_alerts_failed_total"),
        QStringLiteral("Alert messages that failed for good (not retried any more), by channel."),
        MetricFamily::Type::Counter, {}};
    // Every channel from the start, so that a rate() has a zero to start from.
    QMap<QString, DeliveryCounts> byChannel;
    for (const QString &name : AlertStore::channelNames()) {
        if (name != QLatin1String("tray"))
            byChannel.insert(name, DeliveryCounts{name, 0, 0, 0});
    }
    for (const DeliveryCounts &c : std::as_const(*counts))
        byChannel.insert(c.channel, c);
    for (const DeliveryCounts &c : std::as_const(byChannel)) {
        sent.samples.append({{{QStringLiteral("channel"), c.channel}}, double(c.sent), {}});
        failed.samples.append({{{QStringLiteral("channel"), c.channel}}, double(c.failed), {}});
    }

    MetricFamily active{QStringLiteral("taskdesk_alerts_firing"),
        QStringLiteral("Alerts firing now, by rule."), MetricFamily::Type::Gauge, {}};
    QMap<QString, qint64> byRule;
    for (const QString &rule : AlertStore::ruleNames())
        byRule.insert(rule, 0);
    byRule.insert(*firing);
    for (auto it = byRule.cbegin(); it != byRule.cend(); ++it)
        active.samples.append({{{QStringLiteral("rule"), it.key()}}, double(it.value()), {}});
    return QVector<MetricFamily>{sent, failed, active};
}

} // namespace taskdesk
