#include "alertstore.h"

#include "core/alerts/alertsettings.h"
#include "core/alerts/alertsettingspecs.h"
#include "core/database.h"
#include "core/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace taskdesk {

namespace K = AlertSettingKey;

namespace {

bool on(const QMap<QString, QString> &values, QLatin1String key)
{
    return values.value(QString(key)).trimmed() == QLatin1String("on");
}

qint64 number(const QMap<QString, QString> &values, QLatin1String key)
{
    return values.value(QString(key)).trimmed().toLongLong();
}

QString text(const QMap<QString, QString> &values, QLatin1String key)
{
    return values.value(QString(key)).trimmed();
}

QString labelsText(const QMap<QString, QString> &labels)
{
    QJsonObject o;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> labelsFrom(const QJsonObject &o)
{
    QMap<QString, QString> labels;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

} // namespace

bool AlertRules::isOn(const QString &rule) const
{
    if (rule == QLatin1String("task_failed"))
        return taskFailed;
    if (rule == QLatin1String("stuck_tasks"))
        return stuckTasks;
    if (rule == QLatin1String("process_fatal"))
        return processFatal;
    if (rule == QLatin1String("process_restarts"))
        return processRestarts;
    if (rule == QLatin1String("queue_age"))
        return queueAge;
    if (rule == QLatin1String("queue_stalled"))
        return queueStalled;
    if (rule == QLatin1String("worker_lost"))
        return workerLost;
    return false;
}

bool AlertRules::watchesKind(const QString &kind) const
{
    return taskFailedKinds.isEmpty() || taskFailedKinds.contains(kind);
}

QString AlertChannelConfig::missing() const
{
    if (name == QLatin1String("telegram")) {
        if (secretReference.isEmpty())
            return QStringLiteral("a token (%1)").arg(QString(K::TelegramToken));
        if (chatId.isEmpty())
            return QStringLiteral("a chat id (%1)").arg(QString(K::TelegramChatId));
    } else if (name == QLatin1String("slack")) {
        if (secretReference.isEmpty())
            return QStringLiteral("a webhook URL (%1)").arg(QString(K::SlackUrl));
    } else if (name == QLatin1String("webhook")) {
        if (secretReference.isEmpty())
            return QStringLiteral("a URL (%1)").arg(QString(K::WebhookUrl));
    }
    return {};
}

AlertStore::AlertStore(Database &db)
    : m_db(db)
{ }

const QStringList &AlertStore::ruleNames()
{
    static const QStringList names{QStringLiteral("task_failed"), QStringLiteral("stuck_tasks"),
        QStringLiteral("process_fatal"), QStringLiteral("process_restarts"),
        QStringLiteral("queue_age"), QStringLiteral("queue_stalled"),
        QStringLiteral("worker_lost")};
    return names;
}

const QStringList &AlertStore::channelNames()
{
    static const QStringList names{QStringLiteral("telegram"), QStringLiteral("slack"),
        QStringLiteral("webhook"), QStringLiteral("tray")};
    return names;
}

Result<AlertRules> AlertStore::rulesFrom(const QMap<QString, QString> &values)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (!it.key().startsWith(QLatin1String("alerts.")))
            continue;
        if (Error e = Settings::validate(it.key(), it.value()))
            return Error::invalid(
                QStringLiteral("the stored setting is not valid: %1").arg(e.message()));
    }
    if (Error e = checkAlertSettingsTogether(values))
        return Error::invalid(
            QStringLiteral("the stored settings are not valid: %1").arg(e.message()));
    AlertRules r;
    r.taskFailed = on(values, K::TaskFailed);
    r.taskFailedKinds.clear();
    for (const QString &kind : text(values, K::TaskFailedKinds).split(QLatin1Char(','))) {
        if (!kind.trimmed().isEmpty())
            r.taskFailedKinds << kind.trimmed();
    }
    r.stuckTasks = on(values, K::StuckTasks);
    r.stuckTasksCount = number(values, K::StuckTasksCount);
    r.stuckTasksForMs = number(values, K::StuckTasksForS) * 1000;
    r.processFatal = on(values, K::ProcessFatal);
    r.processRestarts = on(values, K::ProcessRestarts);
    r.processRestartsCount = number(values, K::ProcessRestartsCount);
    r.processRestartsWindowMs = number(values, K::ProcessRestartsWindowS) * 1000;
    r.queueAge = on(values, K::QueueAge);
    r.queueAgeMs = number(values, K::QueueAgeS) * 1000;
    r.queueStalled = on(values, K::QueueStalled);
    r.queueStalledMs = number(values, K::QueueStalledS) * 1000;
    r.workerLost = on(values, K::WorkerLost);
    r.intervalMs = number(values, K::IntervalS) * 1000;
    r.groupMs = number(values, K::GroupS) * 1000;
    r.quietHours = text(values, K::QuietHours);
    r.quietZone = text(values, K::QuietZone);
    r.retryBaseMs = number(values, K::RetryBaseS) * 1000;
    r.retryCapMs = number(values, K::RetryCapS) * 1000;
    r.giveUpMs = number(values, K::GiveUpS) * 1000;
    return r;
}

Result<AlertRules> AlertStore::rules()
{
    Result<QMap<QString, QString>> values = Settings(m_db).values();
    if (!values.ok())
        return values.error();
    return rulesFrom(*values);
}

QVector<AlertChannelConfig> AlertStore::channelsFrom(const QMap<QString, QString> &values)
{
    AlertChannelConfig telegram;
    telegram.name = QStringLiteral("telegram");
    telegram.enabled = on(values, K::Telegram);
    telegram.secretReference = text(values, K::TelegramToken);
    telegram.chatId = text(values, K::TelegramChatId);
    telegram.apiUrl = text(values, K::TelegramApiUrl);
    AlertChannelConfig slack;
    slack.name = QStringLiteral("slack");
    slack.enabled = on(values, K::Slack);
    slack.secretReference = text(values, K::SlackUrl);
    AlertChannelConfig webhook;
    webhook.name = QStringLiteral("webhook");
    webhook.enabled = on(values, K::Webhook);
    webhook.secretReference = text(values, K::WebhookUrl);
    webhook.hmacReference = text(values, K::WebhookHmacKey);
    AlertChannelConfig tray;
    tray.name = QStringLiteral("tray");
    tray.enabled = on(values, K::Tray);
    return {telegram, slack, webhook, tray};
}

Result<QVector<AlertChannelConfig>> AlertStore::channels()
{
    Result<QMap<QString, QString>> values = Settings(m_db).values();
    if (!values.ok())
        return values.error();
    return channelsFrom(*values);
}

Result<QVector<AlertRecord>> AlertStore::readAlerts(
    const QString &where, const QString &order, int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT id, fingerprint, rule, severity, summary, description, labels, "
                       "count, started_at, last_seen_at, resolved_at, firing_sent_at, "
                       "resolved_sent_at FROM alerts WHERE %1 ORDER BY %2 LIMIT :limit")
            .arg(where, order),
        QStringLiteral("alerts"), {{":limit", limit}});
    if (!q.ok())
        return q.error();
    QVector<AlertRecord> out;
    while (q->next()) {
        AlertRecord r;
        r.id = q->value(0).toLongLong();
        r.alert.fingerprint = q->value(1).toString();
        r.alert.rule = q->value(2).toString();
        r.alert.severity = q->value(3).toString();
        r.alert.summary = q->value(4).toString();
        r.alert.description = q->value(5).toString();
        r.alert.labels
            = labelsFrom(QJsonDocument::fromJson(q->value(6).toString().toUtf8()).object());
        r.alert.count = int(qMin<qint64>(q->value(7).toLongLong(), INT_MAX));
        r.alert.startsAt = q->value(8).toLongLong();
        r.lastSeenAt = q->value(9).toLongLong();
        r.alert.endsAt = q->value(10).toLongLong();
        r.firingSentAt = q->value(11).toLongLong();
        r.resolvedSentAt = q->value(12).toLongLong();
        out.append(r);
    }
    q->finish();
    return out;
}

Result<QVector<AlertRecord>> AlertStore::firing(int limit)
{
    return readAlerts(QStringLiteral("resolved_at IS NULL"), QStringLiteral("id"), limit);
}

Result<QVector<AlertRecord>> AlertStore::recent(int limit)
{
    return readAlerts(QStringLiteral("1 = 1"),
        QStringLiteral("COALESCE(resolved_at, started_at) DESC, id DESC"), limit);
}

Result<QVector<DeliveryRecord>> AlertStore::deliveries(int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT id, channel, status, group_json, alert_count, test, attempts, "
                       "last_error, created_at, next_attempt_at, sent_at, updated_at "
                       "FROM alert_deliveries ORDER BY id DESC LIMIT :limit"),
        QStringLiteral("alert deliveries"), {{":limit", limit}});
    if (!q.ok())
        return q.error();
    QVector<DeliveryRecord> out;
    while (q->next()) {
        DeliveryRecord d;
        d.id = q->value(0).toLongLong();
        d.channel = q->value(1).toString();
        d.status = q->value(2).toString();
        d.groupStatus
            = groupFromJson(QJsonDocument::fromJson(q->value(3).toString().toUtf8()).object())
                  .status();
        d.alertCount = q->value(4).toInt();
        d.test = q->value(5).toInt() != 0;
        d.attempts = q->value(6).toInt();
        d.lastError = q->value(7).toString();
        d.createdAt = q->value(8).toLongLong();
        d.nextAttemptAt = q->value(9).toLongLong();
        d.sentAt = q->value(10).toLongLong();
        d.updatedAt = q->value(11).toLongLong();
        out.append(d);
    }
    q->finish();
    return out;
}

Result<QMap<QString, qint64>> AlertStore::firingByRule()
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT rule, count(*) FROM alerts WHERE resolved_at IS NULL GROUP BY rule"),
        QStringLiteral("firing alerts by rule"));
    if (!q.ok())
        return q.error();
    QMap<QString, qint64> out;
    while (q->next())
        out.insert(q->value(0).toString(), q->value(1).toLongLong());
    q->finish();
    return out;
}

Result<QVector<DeliveryCounts>> AlertStore::deliveryCounts()
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT channel, "
                       "SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END), "
                       "SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), "
                       "SUM(CASE WHEN status IN ('pending', 'sending') THEN 1 ELSE 0 END) "
                       "FROM alert_deliveries GROUP BY channel ORDER BY channel"),
        QStringLiteral("alert delivery counts"));
    if (!q.ok())
        return q.error();
    QVector<DeliveryCounts> out;
    while (q->next())
        out.append({q->value(0).toString(), q->value(1).toLongLong(), q->value(2).toLongLong(),
            q->value(3).toLongLong()});
    q->finish();
    return out;
}

QJsonObject AlertStore::alertToJson(const Alert &a)
{
    QJsonObject labels;
    for (auto it = a.labels.cbegin(); it != a.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    return {{QStringLiteral("fingerprint"), a.fingerprint}, {QStringLiteral("rule"), a.rule},
        {QStringLiteral("severity"), a.severity}, {QStringLiteral("summary"), a.summary},
        {QStringLiteral("description"), a.description}, {QStringLiteral("labels"), labels},
        {QStringLiteral("starts_at"), a.startsAt}, {QStringLiteral("ends_at"), a.endsAt},
        {QStringLiteral("count"), a.count},
        {QStringLiteral("status"),
            a.resolved() ? QStringLiteral("resolved") : QStringLiteral("firing")}};
}

Alert AlertStore::alertFromJson(const QJsonObject &o)
{
    Alert a;
    a.fingerprint = o.value(QStringLiteral("fingerprint")).toString();
    a.rule = o.value(QStringLiteral("rule")).toString();
    a.severity = o.value(QStringLiteral("severity")).toString();
    a.summary = o.value(QStringLiteral("summary")).toString();
    a.description = o.value(QStringLiteral("description")).toString();
    a.labels = labelsFrom(o.value(QStringLiteral("labels")).toObject());
    a.startsAt = qint64(o.value(QStringLiteral("starts_at")).toDouble());
    a.endsAt = qint64(o.value(QStringLiteral("ends_at")).toDouble());
    a.count = o.value(QStringLiteral("count")).toInt(1);
    return a;
}

QJsonObject AlertStore::groupToJson(const AlertGroup &g)
{
    QJsonArray alerts;
    for (const Alert &a : g.alerts)
        alerts.append(alertToJson(a));
    return {{QStringLiteral("group_key"), g.groupKey}, {QStringLiteral("test"), g.test},
        {QStringLiteral("status"), g.status()}, {QStringLiteral("alerts"), alerts}};
}

AlertGroup AlertStore::groupFromJson(const QJsonObject &o)
{
    AlertGroup g;
    g.groupKey = o.value(QStringLiteral("group_key")).toString();
    g.test = o.value(QStringLiteral("test")).toBool();
    const QJsonArray alerts = o.value(QStringLiteral("alerts")).toArray();
    for (const QJsonValue &v : alerts)
        g.alerts.append(alertFromJson(v.toObject()));
    return g;
}

QString AlertStore::labelsToText(const QMap<QString, QString> &labels)
{
    return labelsText(labels);
}

} // namespace taskdesk
