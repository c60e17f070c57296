#include "alertconditions.h"

#include "core/database.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace taskdesk {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;

// "15 min", "2 h", "40 s": a span in the alert's English text.
QString spanText(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s >= 3600 && s % 3600 == 0)
        return QStringLiteral("%1 h").arg(s / 3600);
    if (s >= 60 && s % 60 == 0)
        return QStringLiteral("%1 min").arg(s / 60);
    if (s >= 60)
        return QStringLiteral("%1 min").arg(double(ms) / kMinuteMs, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(s);
}

Alert make(const QString &rule, const QString &subject, const QString &severity,
    const QString &summary, QMap<QString, QString> labels)
{
    Alert a;
    a.rule = rule;
    a.fingerprint = subject.isEmpty() ? rule : rule + QLatin1Char(':') + subject;
    a.severity = severity;
    a.summary = summary;
    labels.insert(QStringLiteral("alertname"), rule);
    a.labels = labels;
    return a;
}

} // namespace

AlertConditions::AlertConditions(Database &db)
    : m_db(db)
{ }

Result<QVector<Alert>> AlertConditions::evaluate(
    const AlertRules &rules, const SweeperRules &sweeper)
{
    QVector<Alert> out;
    if (rules.stuckTasks) {
        if (Error e = stuckTasks(rules, sweeper, out))
            return e;
    }
    if (rules.processFatal) {
        if (Error e = processFatal(out))
            return e;
    }
    if (rules.processRestarts) {
        if (Error e = processRestarts(rules, out))
            return e;
    }
    if (rules.queueAge || rules.queueStalled) {
        if (Error e = queues(rules, out))
            return e;
    }
    if (rules.workerLost) {
        if (Error e = workersLost(out))
            return e;
    }
    return out;
}

Error AlertConditions::stuckTasks(
    const AlertRules &rules, const SweeperRules &sweeper, QVector<Alert> &out)
{
    // Stuck as the sweeper sees it (its thresholds), and for longer than the
    // rule's time on top; two counts, so that each uses its partial index.
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT (SELECT count(*) FROM tasks WHERE status = 'RUNNING' AND "
                       "heartbeat_at < {NOW} - :running), (SELECT count(*) FROM tasks WHERE "
                       "status = 'PENDING' AND run_after < {NOW} - :queued)"),
        QStringLiteral("stuck tasks"),
        {{":running", sweeper.heartbeatTimeoutMs + rules.stuckTasksForMs},
            {":queued", sweeper.queueThresholdMs + rules.stuckTasksForMs}});
    if (!q.ok())
        return q.error();
    q->next();
    const qint64 running = q->value(0).toLongLong();
    const qint64 queued = q->value(1).toLongLong();
    q->finish();
    const qint64 total = running + queued;
    if (total <= rules.stuckTasksCount)
        return {};
    Alert a = make(QStringLiteral("stuck_tasks"), {}, QStringLiteral("warning"),
        // One sentence for every count, so that the desktop can word it.
        QStringLiteral("Stuck tasks: %1 for longer than %2")
            .arg(QString::number(total), spanText(rules.stuckTasksForMs)),
        {});
    a.description = QStringLiteral("%1 running without a heartbeat, %2 waiting in a queue")
                        .arg(running)
                        .arg(queued);
    a.count = int(qMin<qint64>(total, INT_MAX));
    out.append(a);
    return {};
}

Error AlertConditions::processFatal(QVector<Alert> &out)
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT name, host, last_exit FROM processes WHERE state = 'FATAL' "
                       "ORDER BY host, name LIMIT 1000"),
        QStringLiteral("fatal processes"));
    if (!q.ok())
        return q.error();
    while (q->next()) {
        const QString name = q->value(0).toString();
        const QString host = q->value(1).toString();
        Alert a = make(QStringLiteral("process_fatal"), host + QLatin1Char('/') + name,
            QStringLiteral("critical"),
            QStringLiteral("Process %1 on %2 is FATAL")
                .arg(name, host.isEmpty() ? QStringLiteral("(no host)") : host),
            {{QStringLiteral("process"), name}, {QStringLiteral("host"), host}});
        a.description = q->value(2).toString();
        out.append(a);
    }
    q->finish();
    return {};
}

Error AlertConditions::processRestarts(const AlertRules &rules, QVector<Alert> &out)
{
    // The supervisor audits each automatic restart (process_restart) with the
    // process and its host in the details.
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT details FROM audit_log WHERE action = 'process_restart' AND at >= "
                       "{NOW} - :window ORDER BY at DESC LIMIT 100000"),
        QStringLiteral("process restarts"), {{":window", rules.processRestartsWindowMs}});
    if (!q.ok())
        return q.error();
    QMap<QPair<QString, QString>, qint64> counts;
    while (q->next()) {
        const QJsonObject d = QJsonDocument::fromJson(q->value(0).toString().toUtf8()).object();
        counts[{d.value(QStringLiteral("host")).toString(),
            d.value(QStringLiteral("process")).toString()}]++;
    }
    q->finish();
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() <= rules.processRestartsCount)
            continue;
        const QString &host = it.key().first;
        const QString &name = it.key().second;
        Alert a = make(QStringLiteral("process_restarts"), host + QLatin1Char('/') + name,
            QStringLiteral("warning"),
            QStringLiteral("Process %1 on %2 restarted %3 times in %4")
                .arg(name, host)
                .arg(it.value())
                .arg(spanText(rules.processRestartsWindowMs)),
            {{QStringLiteral("process"), name}, {QStringLiteral("host"), host}});
        a.count = int(qMin<qint64>(it.value(), INT_MAX));
        out.append(a);
    }
    return {};
}

Error AlertConditions::queues(const AlertRules &rules, QVector<Alert> &out)
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT queue, min(run_after), count(*), {NOW} FROM tasks WHERE status = "
                       "'PENDING' AND run_after <= {NOW} GROUP BY queue ORDER BY queue"),
        QStringLiteral("queue ages"));
    if (!q.ok())
        return q.error();
    struct Waiting
    {
        QString queue;
        qint64 ageMs;
        qint64 count;
    };
    QVector<Waiting> waiting;
    while (q->next())
        waiting.append({q->value(0).toString(), q->value(3).toLongLong() - q->value(1).toLongLong(),
            q->value(2).toLongLong()});
    q->finish();
    for (const Waiting &w : std::as_const(waiting)) {
        const QMap<QString, QString> labels{{QStringLiteral("queue"), w.queue}};
        if (rules.queueAge && w.ageMs >= rules.queueAgeMs) {
            Alert a = make(QStringLiteral("queue_age"), w.queue, QStringLiteral("warning"),
                QStringLiteral("The oldest task in queue %1 has waited %2")
                    .arg(w.queue, spanText(w.ageMs - w.ageMs % 1000)),
                labels);
            a.count = int(qMin<qint64>(w.count, INT_MAX));
            a.description = QStringLiteral("%1 due tasks wait; the threshold is %2")
                                .arg(w.count)
                                .arg(spanText(rules.queueAgeMs));
            out.append(a);
        }
        // Stalled: tasks have waited for the whole span and none finished in it.
        if (!rules.queueStalled || w.ageMs < rules.queueStalledMs)
            continue;
        Result<QSqlQuery> done = m_db.run(
            QStringLiteral("SELECT count(*) FROM tasks WHERE completed_at >= {NOW} - :span AND "
                           "queue = :queue"),
            QStringLiteral("queue throughput"),
            {{":span", rules.queueStalledMs}, {":queue", w.queue}});
        if (!done.ok())
            return done.error();
        done->next();
        const qint64 finished = done->value(0).toLongLong();
        done->finish();
        if (finished > 0)
            continue;
        Alert a = make(QStringLiteral("queue_stalled"), w.queue, QStringLiteral("critical"),
            QStringLiteral("Queue %1 is stalled: no task finished in %2 while %3 wait")
                .arg(w.queue, spanText(rules.queueStalledMs))
                .arg(w.count),
            labels);
        a.count = int(qMin<qint64>(w.count, INT_MAX));
        out.append(a);
    }
    return {};
}

Error AlertConditions::workersLost(QVector<Alert> &out)
{
    // A worker is lost until a worker of the same name on the same host sends
    // heartbeats again (or stops cleanly); a week later it is forgotten.
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT w.host, w.name, w.id, w.heartbeat_at FROM workers w WHERE "
                       "w.status = 'lost' AND w.heartbeat_at >= {NOW} - :week AND NOT EXISTS "
                       "(SELECT 1 FROM workers x WHERE x.host = w.host AND x.name = w.name AND "
                       "x.status <> 'lost' AND x.heartbeat_at > w.heartbeat_at) "
                       "ORDER BY w.host, w.name, w.heartbeat_at LIMIT 1000"),
        QStringLiteral("lost workers"), {{":week", 7 * 24 * 3600 * 1000LL}});
    if (!q.ok())
        return q.error();
    QSet<QString> seen;
    while (q->next()) {
        const QString host = q->value(0).toString();
        const QString name = q->value(1).toString();
        const QString subject = host + QLatin1Char('/') + name;
        if (seen.contains(subject))
            continue;
        seen.insert(subject);
        Alert a = make(QStringLiteral("worker_lost"), subject, QStringLiteral("critical"),
            QStringLiteral("Worker %1 on %2 is lost: no heartbeat").arg(name, host),
            {{QStringLiteral("worker"), name}, {QStringLiteral("host"), host}});
        a.description = QStringLiteral("worker id %1").arg(q->value(2).toString());
        out.append(a);
    }
    q->finish();
    return {};
}

} // namespace taskdesk
