#include "alertcommands.h"

#include "core/alerts/alertsettings.h"
#include "core/alerts/alertstore.h"
#include "core/alerts/channelfactory.h"
#include "core/alerts/testalert.h"
#include "core/notify/secret.h"
#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/jsonformat.h"
#include "ctl/runtimesupport.h"
#include "ctl/tableprinter.h"

#include <QJsonArray>

namespace taskdesk::ctl {

namespace {

// Where a channel's secret comes from, never the secret: "env:NAME",
// "file:/path", or "-".
QString secretSourceText(const QString &reference)
{
    if (reference.isEmpty())
        return QStringLiteral("-");
    Result<SecretSource> source = SecretSource::parse(reference);
    return source.ok() ? source->reference() : QStringLiteral("(not valid)");
}

QString ruleThresholds(const AlertRules &r, const QString &rule)
{
    if (rule == QLatin1String("task_failed"))
        return r.taskFailedKinds.isEmpty()
            ? QStringLiteral("every kind")
            : QStringLiteral("kinds %1").arg(r.taskFailedKinds.join(QStringLiteral(", ")));
    if (rule == QLatin1String("stuck_tasks"))
        return QStringLiteral("more than %1 stuck for longer than %2")
            .arg(r.stuckTasksCount)
            .arg(duration(r.stuckTasksForMs));
    if (rule == QLatin1String("process_restarts"))
        return QStringLiteral("more than %1 restarts in %2")
            .arg(r.processRestartsCount)
            .arg(duration(r.processRestartsWindowMs));
    if (rule == QLatin1String("queue_age"))
        return QStringLiteral("oldest due task older than %1").arg(duration(r.queueAgeMs));
    if (rule == QLatin1String("queue_stalled"))
        return QStringLiteral("no task finished for %1 while tasks wait")
            .arg(duration(r.queueStalledMs));
    return QStringLiteral("-");
}

QJsonObject ruleJson(const AlertRules &r, const QString &rule)
{
    QJsonObject o{{QStringLiteral("rule"), rule}, {QStringLiteral("on"), r.isOn(rule)}};
    if (rule == QLatin1String("task_failed"))
        o.insert(QStringLiteral("kinds"), QJsonArray::fromStringList(r.taskFailedKinds));
    else if (rule == QLatin1String("stuck_tasks")) {
        o.insert(QStringLiteral("count"), r.stuckTasksCount);
        o.insert(QStringLiteral("for_s"), r.stuckTasksForMs / 1000);
    } else if (rule == QLatin1String("process_restarts")) {
        o.insert(QStringLiteral("count"), r.processRestartsCount);
        o.insert(QStringLiteral("window_s"), r.processRestartsWindowMs / 1000);
    } else if (rule == QLatin1String("queue_age")) {
        o.insert(QStringLiteral("threshold_s"), r.queueAgeMs / 1000);
    } else if (rule == QLatin1String("queue_stalled")) {
        o.insert(QStringLiteral("for_s"), r.queueStalledMs / 1000);
    }
    return o;
}

QJsonObject channelJson(const AlertChannelConfig &c)
{
    QJsonObject o{{QStringLiteral("channel"), c.name}, {QStringLiteral("enabled"), c.enabled},
        {QStringLiteral("missing"), textOrNull(c.missing())}};
    if (c.isRemote())
        o.insert(QStringLiteral("secret_from"), textOrNull(c.secretReference));
    if (c.name == QLatin1String("telegram")) {
        o.insert(QStringLiteral("chat_id"), textOrNull(c.chatId));
        o.insert(QStringLiteral("api_url"), c.apiUrl);
    }
    if (c.name == QLatin1String("webhook"))
        o.insert(QStringLiteral("hmac_key_from"), textOrNull(c.hmacReference));
    return o;
}

QJsonObject alertJson(const AlertRecord &r)
{
    QJsonObject o = AlertStore::alertToJson(r.alert);
    o.insert(QStringLiteral("id"), r.id);
    o.insert(QStringLiteral("starts_at"), timeJson(r.alert.startsAt));
    o.insert(QStringLiteral("ends_at"), timeJson(r.alert.endsAt));
    o.insert(QStringLiteral("last_seen_at"), timeJson(r.lastSeenAt));
    o.insert(QStringLiteral("firing_sent_at"), timeJson(r.firingSentAt));
    o.insert(QStringLiteral("resolved_sent_at"), timeJson(r.resolvedSentAt));
    return o;
}

QJsonObject deliveryJson(const DeliveryRecord &d)
{
    return {{QStringLiteral("id"), d.id}, {QStringLiteral("channel"), d.channel},
        {QStringLiteral("status"), d.status}, {QStringLiteral("message"), d.groupStatus},
        {QStringLiteral("alerts"), d.alertCount}, {QStringLiteral("test"), d.test},
        {QStringLiteral("attempts"), d.attempts},
        {QStringLiteral("last_error"), textOrNull(d.lastError)},
        {QStringLiteral("created_at"), timeJson(d.createdAt)},
        {QStringLiteral("next_attempt_at"),
            d.status == QLatin1String("pending") ? timeJson(d.nextAttemptAt) : QJsonValue()},
        {QStringLiteral("sent_at"), timeJson(d.sentAt)},
        {QStringLiteral("updated_at"), timeJson(d.updatedAt)}};
}

QStringList alertLines(const QVector<AlertRecord> &alerts)
{
    TablePrinter table({{QStringLiteral("ID")}, {QStringLiteral("STATUS")},
        {QStringLiteral("SEVERITY")}, {QStringLiteral("SINCE")}, {QStringLiteral("RESOLVED")},
        {QStringLiteral("COUNT")}, {QStringLiteral("SUMMARY"), TablePrinter::Align::Left, 80}});
    for (const AlertRecord &r : alerts)
        table.addRow({QString::number(r.id),
            r.alert.resolved() ? QStringLiteral("resolved") : QStringLiteral("firing"),
            r.alert.severity, localTime(r.alert.startsAt), localTime(r.alert.endsAt),
            QString::number(r.alert.count), singleLine(r.alert.summary)});
    return table.lines();
}

// ------------------------------------------------------------------ alerts [list]

constexpr int kFiringListed = 1000;

class AlertsListCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("alerts"); }
    QString summary() const override
    {
        return QStringLiteral("Show the alert rules, the channels and the alerts firing now.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "The rules and channels are settings ('taskdeskctl settings set alerts.… VALUE'), "
            "shared by every host; 'taskdeskctl supervise' checks the rules and sends (one "
            "sender across hosts). A channel shows where its secret is read from (env:NAME or "
            "file:/path), never the secret.");
    }
    QVector<Argument> arguments() const override
    {
        return {
            {QStringLiteral("list"), QStringLiteral("Optional; the same as without it."), true}};
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl alerts"),
            QStringLiteral("taskdeskctl settings set alerts.queue_age.threshold_s 600"),
            QStringLiteral("taskdeskctl --json alerts list | jq '.firing | length'")};
    }

    Error parse(const QCommandLineParser &, const QStringList &arguments) override
    {
        return checkListWord(QStringLiteral("alerts"), arguments,
            {QStringLiteral("test"), QStringLiteral("history")});
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        AlertStore store(context.database());
        Result<AlertRules> rules = store.rules();
        if (!rules.ok())
            return context.fail(rules.error());
        Result<QVector<AlertChannelConfig>> channels = store.channels();
        if (!channels.ok())
            return context.fail(channels.error());
        Result<QVector<AlertRecord>> firing = store.firing(kFiringListed);
        if (!firing.ok())
            return context.fail(firing.error());
        // The list is cut at kFiringListed; the count is of every alert firing.
        Result<QMap<QString, qint64>> byRule = store.firingByRule();
        if (!byRule.ok())
            return context.fail(byRule.error());
        qint64 firingCount = 0;
        for (const qint64 n : std::as_const(*byRule))
            firingCount += n;
        if (context.json()) {
            QJsonArray ruleArray;
            for (const QString &rule : AlertStore::ruleNames())
                ruleArray.append(ruleJson(*rules, rule));
            QJsonArray channelArray;
            for (const AlertChannelConfig &c : std::as_const(*channels))
                channelArray.append(channelJson(c));
            QJsonArray firingArray;
            for (const AlertRecord &r : std::as_const(*firing))
                firingArray.append(alertJson(r));
            context.console().printJson(QJsonObject{{QStringLiteral("rules"), ruleArray},
                {QStringLiteral("channels"), channelArray}, {QStringLiteral("firing"), firingArray},
                {QStringLiteral("firing_count"), firingCount},
                {QStringLiteral("group_s"), rules->groupMs / 1000},
                {QStringLiteral("quiet_hours"), textOrNull(rules->quietHours)},
                {QStringLiteral("quiet_hours_zone"), rules->quietZone}});
            return ExitOk;
        }
        Console &out = context.console();
        TablePrinter ruleTable({{QStringLiteral("RULE")}, {QStringLiteral("ON")},
            {QStringLiteral("WHEN"), TablePrinter::Align::Left, 80}});
        for (const QString &rule : AlertStore::ruleNames())
            ruleTable.addRow(
                {rule, rules->isOn(rule) ? QStringLiteral("on") : QStringLiteral("off"),
                    ruleThresholds(*rules, rule)});
        out.print(ruleTable.lines());
        out.print();
        TablePrinter channelTable(
            {{QStringLiteral("CHANNEL")}, {QStringLiteral("ON")}, {QStringLiteral("SECRET FROM")},
                {QStringLiteral("NOTE"), TablePrinter::Align::Left, 80}});
        for (const AlertChannelConfig &c : std::as_const(*channels)) {
            QString note
                = c.missing().isEmpty() ? QString() : QStringLiteral("lacks ") + c.missing();
            if (c.name == QLatin1String("telegram") && !c.chatId.isEmpty())
                note = QStringLiteral("chat %1 via %2").arg(c.chatId, c.apiUrl)
                    + (note.isEmpty() ? QString() : QStringLiteral("; ") + note);
            if (c.name == QLatin1String("tray"))
                note = QStringLiteral("the desktop's own, while it runs");
            channelTable.addRow({c.name, c.enabled ? QStringLiteral("on") : QStringLiteral("off"),
                c.isRemote() ? secretSourceText(c.secretReference) : QStringLiteral("-"),
                dash(note)});
        }
        out.print(channelTable.lines());
        out.print();
        out.print(QStringLiteral("Grouped over %1; quiet hours %2.")
                      .arg(duration(rules->groupMs),
                          rules->quietHours.isEmpty() ? QStringLiteral("none")
                                                      : QStringLiteral("%1 (%2)").arg(
                                                          rules->quietHours, rules->quietZone)));
        out.print();
        if (firing->isEmpty()) {
            out.print(QStringLiteral("No alert is firing."));
            return ExitOk;
        }
        out.print(firingCount > firing->size()
                ? QStringLiteral("Firing: %1 alerts, the oldest %2 shown:")
                      .arg(firingCount)
                      .arg(firing->size())
                : QStringLiteral("Firing: %1 %2:")
                      .arg(firingCount)
                      .arg(firingCount == 1 ? QStringLiteral("alert") : QStringLiteral("alerts")));
        out.print(alertLines(*firing));
        return ExitOk;
    }
};

// ------------------------------------------------------------------ alerts test

class AlertsTestCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("alerts test"); }
    QString summary() const override
    {
        return QStringLiteral("Send a test alert now to every enabled channel, or to one.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "Sends at once from this process (no supervisor needs to run), with the secrets of "
            "its environment and files. Each message is recorded as a delivery and audited "
            "(alert_test). Exit 1 with the channel's error when a channel fails; --channel "
            "sends to that channel even while it is off.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("channel"),
            QStringLiteral("Only this channel: telegram, slack or webhook."),
            QStringLiteral("NAME")}};
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl alerts test"),
            QStringLiteral("taskdeskctl alerts test --channel telegram")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        m_channel = parser.value(QStringLiteral("channel")).trimmed();
        const QStringList known{
            QStringLiteral("telegram"), QStringLiteral("slack"), QStringLiteral("webhook")};
        if (parser.isSet(QStringLiteral("channel")) && !known.contains(m_channel))
            return Error::invalid(QStringLiteral("--channel must be one of %1; got '%2'")
                                      .arg(known.join(QStringLiteral(", ")), m_channel));
        return {};
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        Result<QVector<TestAlertResult>> results = TestAlert::send(
            context.database(), defaultChannelFactory(), context.actor(), m_channel);
        if (!results.ok())
            return context.fail(results.error());
        bool allOk = true;
        QJsonArray array;
        for (const TestAlertResult &r : std::as_const(*results)) {
            allOk = allOk && r.ok;
            array.append(QJsonObject{{QStringLiteral("channel"), r.channel},
                {QStringLiteral("delivery_id"), r.deliveryId}, {QStringLiteral("ok"), r.ok},
                {QStringLiteral("error"), textOrNull(r.error)}});
        }
        if (context.json()) {
            context.console().printJson(array);
        } else {
            for (const TestAlertResult &r : std::as_const(*results)) {
                if (r.ok)
                    context.console().print(QStringLiteral("%1: test alert sent (delivery %2)")
                                                .arg(r.channel)
                                                .arg(r.deliveryId));
                else
                    context.console().error(
                        QStringLiteral("%1: %2").arg(r.channel, singleLine(r.error)));
            }
        }
        return allOk ? ExitOk : ExitRefused;
    }

private:
    QString m_channel;
};

// ------------------------------------------------------------------ alerts history

class AlertsHistoryCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("alerts history"); }
    QString summary() const override
    {
        return QStringLiteral("Show the last alerts (firing and resolved) and deliveries.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "The newest first. A delivery is one message to one channel: pending (waiting for "
            "its next attempt, or held by quiet hours), sending, sent, or failed (for good: "
            "an error that no retry mends, or still failing after alerts.give_up_s).");
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("limit"),
            QStringLiteral("At most N of each, 1 … 10000 (default 20)."), QStringLiteral("N")}};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        return parseCount(parser, QStringLiteral("limit"), 1, 10000, m_limit);
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        AlertStore store(context.database());
        Result<QVector<AlertRecord>> alerts = store.recent(m_limit);
        if (!alerts.ok())
            return context.fail(alerts.error());
        Result<QVector<DeliveryRecord>> deliveries = store.deliveries(m_limit);
        if (!deliveries.ok())
            return context.fail(deliveries.error());
        Result<QVector<DeliveryCounts>> counts = store.deliveryCounts();
        if (!counts.ok())
            return context.fail(counts.error());
        if (context.json()) {
            QJsonArray alertArray;
            for (const AlertRecord &r : std::as_const(*alerts))
                alertArray.append(alertJson(r));
            QJsonArray deliveryArray;
            for (const DeliveryRecord &d : std::as_const(*deliveries))
                deliveryArray.append(deliveryJson(d));
            QJsonArray countArray;
            for (const DeliveryCounts &c : std::as_const(*counts))
                countArray.append(QJsonObject{{QStringLiteral("channel"), c.channel},
                    {QStringLiteral("sent"), c.sent}, {QStringLiteral("failed"), c.failed},
                    {QStringLiteral("pending"), c.pending}});
            context.console().printJson(QJsonObject{{QStringLiteral("alerts"), alertArray},
                {QStringLiteral("deliveries"), deliveryArray},
                {QStringLiteral("counts"), countArray}});
            return ExitOk;
        }
        Console &out = context.console();
        if (alerts->isEmpty())
            out.print(QStringLiteral("No alert yet."));
        else
            out.print(alertLines(*alerts));
        out.print();
        if (deliveries->isEmpty()) {
            out.print(QStringLiteral("No delivery yet."));
            return ExitOk;
        }
        TablePrinter table({{QStringLiteral("ID")}, {QStringLiteral("CHANNEL")},
            {QStringLiteral("STATUS")}, {QStringLiteral("MESSAGE")}, {QStringLiteral("ALERTS")},
            {QStringLiteral("ATTEMPTS")}, {QStringLiteral("CREATED")}, {QStringLiteral("SENT")},
            {QStringLiteral("LAST ERROR"), TablePrinter::Align::Left, 60}});
        for (const DeliveryRecord &d : std::as_const(*deliveries))
            table.addRow({QString::number(d.id), d.channel, d.status,
                d.test ? QStringLiteral("test") : d.groupStatus, QString::number(d.alertCount),
                QString::number(d.attempts), localTime(d.createdAt), localTime(d.sentAt),
                dash(singleLine(d.lastError))});
        out.print(table.lines());
        return ExitOk;
    }

private:
    int m_limit = 20;
};

} // namespace

void addAlertCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<AlertsListCommand>());
    registry.add(std::make_unique<AlertsTestCommand>());
    registry.add(std::make_unique<AlertsHistoryCommand>());
}

} // namespace taskdesk::ctl
