#pragma once

#include "core/alerts/alert.h"
#include "core/error.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace taskdesk {

class Database;

// The rules as stored in `settings` (alertsettings.h; defaults when unset).
struct AlertRules
{
    bool taskFailed = true;
    QStringList taskFailedKinds; // empty: every kind
    bool stuckTasks = true;
    qint64 stuckTasksCount = 0; // fires when more than this many tasks are stuck …
    qint64 stuckTasksForMs = 300 * 1000; // … each for longer than this
    bool processFatal = true;
    bool processRestarts = true;
    qint64 processRestartsCount = 5; // more than this many restarts …
    qint64 processRestartsWindowMs = 600 * 1000; // … within this window
    bool queueAge = true;
    qint64 queueAgeMs = 900 * 1000;
    bool queueStalled = true;
    qint64 queueStalledMs = 900 * 1000;
    bool workerLost = true;

    qint64 intervalMs = 15 * 1000;
    qint64 groupMs = 60 * 1000;
    QString quietHours; // "22:00-07:00"; empty: none
    QString quietZone = QStringLiteral("UTC");
    qint64 retryBaseMs = 10 * 1000;
    qint64 retryCapMs = 600 * 1000;
    qint64 giveUpMs = 24 * 3600 * 1000LL;

    // Whether `rule` ("task_failed", "stuck_tasks" …) is on.
    bool isOn(const QString &rule) const;
    // Whether a failed task of `kind` alerts.
    bool watchesKind(const QString &kind) const;
};

// A channel as stored in `settings`: whether it is on and where its secret is
// read from (a reference, never the secret).
struct AlertChannelConfig
{
    QString name; // "telegram", "slack", "webhook", "tray"
    bool enabled = false;
    QString secretReference; // telegram: the token; slack, webhook: the URL; tray: none
    QString chatId; // telegram
    QString apiUrl; // telegram
    QString hmacReference; // webhook, optional

    // What it still lacks before it can send ("a token"); empty when complete.
    QString missing() const;
    // Sends from this process (the tray is the desktop's own).
    bool isRemote() const { return name != QLatin1String("tray"); }
};

// One row of `alerts`: an alert as it fired and, later, resolved.
struct AlertRecord
{
    qint64 id = 0;
    Alert alert; // startsAt, endsAt (0 while firing), count
    qint64 lastSeenAt = 0;
    qint64 firingSentAt = 0; // 0: not yet in a delivery
    qint64 resolvedSentAt = 0;
};

// One row of `alert_deliveries`: one message to one channel.
struct DeliveryRecord
{
    qint64 id = 0;
    QString channel;
    QString status; // pending, sending, sent, failed
    QString groupStatus; // what the message says: firing or resolved
    int alertCount = 0;
    bool test = false;
    int attempts = 0;
    QString lastError; // one line, never a secret
    qint64 createdAt = 0;
    qint64 nextAttemptAt = 0;
    qint64 sentAt = 0; // 0 unless sent
    qint64 updatedAt = 0;
};

// How many deliveries of a channel ended each way (for the metrics).
struct DeliveryCounts
{
    QString channel;
    qint64 sent = 0;
    qint64 failed = 0;
    qint64 pending = 0; // pending or being sent
};

// What the desktop and taskdeskctl read about alerts: the rules and channels
// (typed, from Settings), the recent alerts and deliveries, and counts.
class AlertStore final
{
public:
    explicit AlertStore(Database &db);

    static const QStringList &ruleNames(); // in the order they are shown
    static const QStringList &channelNames(); // telegram, slack, webhook, tray

    // A stored value that is no longer valid is an error that names it.
    Result<AlertRules> rules();
    static Result<AlertRules> rulesFrom(const QMap<QString, QString> &values);
    Result<QVector<AlertChannelConfig>> channels();
    static QVector<AlertChannelConfig> channelsFrom(const QMap<QString, QString> &values);

    // The alerts firing now, oldest first (at most `limit`).
    Result<QVector<AlertRecord>> firing(int limit = 1000);
    // How many alerts fire now, by rule: a count, however many (a list is cut).
    Result<QMap<QString, qint64>> firingByRule();
    // The last `limit` alerts, firing or resolved, the newest change first.
    Result<QVector<AlertRecord>> recent(int limit = 100);
    // The last `limit` deliveries, the newest first.
    Result<QVector<DeliveryRecord>> deliveries(int limit = 100);
    // Per channel that ever had a delivery, by name.
    Result<QVector<DeliveryCounts>> deliveryCounts();

    // The group as a delivery row keeps it (group_json) and back.
    static QJsonObject groupToJson(const AlertGroup &group);
    static AlertGroup groupFromJson(const QJsonObject &json);
    static QJsonObject alertToJson(const Alert &alert);
    static Alert alertFromJson(const QJsonObject &json);
    // Labels as `alerts.labels` keeps them: a JSON object.
    static QString labelsToText(const QMap<QString, QString> &labels);

private:
    Result<QVector<AlertRecord>> readAlerts(const QString &where, const QString &order, int limit);

    Database &m_db;
};

} // namespace taskdesk
