#include "core/metrics/metricscollector.h"

#include "core/database.h"
#include "core/metrics/metriccounters.h"
#include "core/scheduling/sweeper.h"
#include "core/settings.h"
#include "core/tasks/stucktasks.h"
#include "core/taskstatus.h"

#include <QHash>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

namespace taskdesk {

namespace {

using Labels = QVector<std::pair<QString, QString>>;

double seconds(qint64 ms)
{
    return double(ms) / 1000.0;
}

// The collector's statements read one snapshot: a family never disagrees with
// another (a task finished between two of them counted in neither, or both).
class ReadSnapshot final
{
public:
    explicit ReadSnapshot(Database &db)
    {
        Result<QSqlDatabase> connection = db.connection();
        if (!connection.ok())
            return;
        m_connection = *connection;
        m_open = m_connection.transaction();
        if (m_open && db.isPostgres()) {
            QSqlQuery q(m_connection);
            q.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        }
    }
    ~ReadSnapshot()
    {
        if (m_open)
            m_connection.rollback();
    }
    Q_DISABLE_COPY_MOVE(ReadSnapshot)

private:
    QSqlDatabase m_connection;
    bool m_open = false;
};

} // namespace

MetricsCollector::MetricsCollector(Database &db)
    : MetricsCollector(db, MetricCounters::global())
{ }

MetricsCollector::MetricsCollector(Database &db, MetricCounters &counters)
    : m_db(db)
    , m_counters(counters)
{ }

const QVector<int> &MetricsCollector::durationBuckets()
{
    static const QVector<int> buckets{1, 5, 15, 60, 300, 900, 3600};
    return buckets;
}

Result<QByteArray> MetricsCollector::collect()
{
    Result<QVector<MetricFamily>> all = families();
    if (!all.ok())
        return all.error();
    return metricsText(*all);
}

Result<QVector<MetricFamily>> MetricsCollector::families()
{
    QVector<MetricFamily> out;
    {
        ReadSnapshot snapshot(m_db);
        for (auto add : {&MetricsCollector::addTasks, &MetricsCollector::addFinishes,
                 &MetricsCollector::addQueueAges, &MetricsCollector::addStuck,
                 &MetricsCollector::addProcesses, &MetricsCollector::addSchedules}) {
            if (Error e = (this->*add)(out))
                return e;
        }
        for (const Source &source : std::as_const(m_sources)) {
            Result<QVector<MetricFamily>> more = source(m_db);
            if (!more.ok())
                return more.error();
            out += *more;
        }
    }
    addSweeper(out);
    out.append({QStringLiteral("taskdesk_build_info"),
        QStringLiteral("The version of Taskdesk that serves these metrics (always 1)."),
        MetricFamily::Type::Gauge,
        {{{{QStringLiteral("version"), QStringLiteral(TASKDESK_VERSION)}}, 1, {}}}});
    return out;
}

Error MetricsCollector::addTasks(QVector<MetricFamily> &out)
{
    // Kept by triggers (migration 14): a few rows per status, queue and kind.
    Result<QSqlQuery> q = m_db.run(QStringLiteral("SELECT queue, kind, status, sum(n) FROM "
                                                  "task_state_counts GROUP BY queue, kind, status "
                                                  "ORDER BY queue, kind, status"),
        QStringLiteral("metrics: tasks"));
    if (!q.ok())
        return q.error();
    // Every status of each queue and kind that has tasks, 0 where none: a
    // series does not vanish when its last task changes status.
    QMap<std::pair<QString, QString>, QHash<QString, qint64>> byPair;
    while (q->next()) {
        const auto status = parseStatus(q->value(2).toString());
        if (!status)
            continue;
        byPair[{q->value(0).toString(), q->value(1).toString()}][statusName(*status)]
            += q->value(3).toLongLong();
    }
    MetricFamily family{QStringLiteral("taskdesk_tasks"),
        QStringLiteral("Tasks by status, queue and kind."), MetricFamily::Type::Gauge, {}};
    m_queues.clear();
    for (auto it = byPair.cbegin(); it != byPair.cend(); ++it) {
        qint64 total = 0;
        for (const qint64 n : it.value())
            total += n;
        if (total <= 0)
            continue; // every task of that pair was deleted
        if (!m_queues.contains(it.key().first))
            m_queues.append(it.key().first);
        for (const QString &status : allStatusNames()) {
            family.samples.append({{{QStringLiteral("queue"), it.key().first},
                                       {QStringLiteral("kind"), it.key().second},
                                       {QStringLiteral("status"), status.toLower()}},
                double(it.value().value(status)), {}});
        }
    }
    out.append(std::move(family));
    return {};
}

Error MetricsCollector::addFinishes(QVector<MetricFamily> &out)
{
    // Counted by a trigger on each transition into COMPLETED or FAILED (migration
    // 14), never lowered by a delete.
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT queue, kind, outcome, sum(n), sum(runs), sum(run_ms), sum(le_1), "
                       "sum(le_5), sum(le_15), sum(le_60), sum(le_300), sum(le_900), "
                       "sum(le_3600) FROM task_finishes GROUP BY queue, kind, outcome "
                       "ORDER BY queue, kind, outcome"),
        QStringLiteral("metrics: finished tasks"));
    if (!q.ok())
        return q.error();
    MetricFamily finished{QStringLiteral("taskdesk_tasks_finished_total"),
        QStringLiteral("Tasks that became COMPLETED or FAILED, by queue, kind and outcome."),
        MetricFamily::Type::Counter, {}};
    struct Histogram
    {
        qint64 runs = 0;
        qint64 ms = 0;
        QVector<qint64> le;
    };
    const QVector<int> &buckets = durationBuckets();
    QMap<std::pair<QString, QString>, Histogram> histograms;
    while (q->next()) {
        const QString queue = q->value(0).toString();
        const QString kind = q->value(1).toString();
        finished.samples.append({{{QStringLiteral("queue"), queue}, {QStringLiteral("kind"), kind},
                                     {QStringLiteral("outcome"), q->value(2).toString()}},
            double(q->value(3).toLongLong()), {}});
        Histogram &h = histograms[{queue, kind}];
        h.le.resize(buckets.size());
        h.runs += q->value(4).toLongLong();
        h.ms += q->value(5).toLongLong();
        for (qsizetype i = 0; i < buckets.size(); ++i)
            h.le[i] += q->value(int(6 + i)).toLongLong();
    }
    MetricFamily duration{QStringLiteral("taskdesk_task_duration_seconds"),
        QStringLiteral("How long runs of tasks took, from their claim to their end, by queue and "
                       "kind."),
        MetricFamily::Type::Histogram, {}};
    for (auto it = histograms.cbegin(); it != histograms.cend(); ++it) {
        const Labels labels{
            {QStringLiteral("queue"), it.key().first}, {QStringLiteral("kind"), it.key().second}};
        for (qsizetype i = 0; i < buckets.size(); ++i) {
            Labels bucket = labels;
            bucket.append({QStringLiteral("le"), QString::number(buckets.at(i))});
            duration.samples.append({bucket, double(it->le.at(i)), QStringLiteral("_bucket")});
        }
        Labels inf = labels;
        inf.append({QStringLiteral("le"), QStringLiteral("+Inf")});
        duration.samples.append({inf, double(it->runs), QStringLiteral("_bucket")});
        duration.samples.append({labels, seconds(it->ms), QStringLiteral("_sum")});
        duration.samples.append({labels, double(it->runs), QStringLiteral("_count")});
    }
    out.append(std::move(finished));
    out.append(std::move(duration));
    return {};
}

Error MetricsCollector::addQueueAges(QVector<MetricFamily> &out)
{
    Result<qint64> now = m_db.now();
    if (!now.ok())
        return now.error();
    MetricFamily family{QStringLiteral("taskdesk_queue_oldest_pending_age_seconds"),
        QStringLiteral("How long the queue's longest waiting PENDING task has been due (0: none "
                       "is due)."),
        MetricFamily::Type::Gauge, {}};
    // One seek per queue in tasks_queue_due_idx. Not min(): PostgreSQL, with
    // statistics older than a burst of tasks, read the whole queue for it
    // (200,000 rows, 1.9 s); in order with LIMIT 1 it reads one entry.
    for (const QString &queue : std::as_const(m_queues)) {
        Result<QSqlQuery> q = m_db.run(QStringLiteral("SELECT run_after FROM tasks "
                                                      "{INDEX:tasks_queue_due_idx} WHERE queue = "
                                                      ":queue AND status = 'PENDING' ORDER BY "
                                                      "run_after LIMIT 1"),
            QStringLiteral("metrics: oldest task"), {{":queue", Database::text(queue)}});
        if (!q.ok())
            return q.error();
        qint64 ageMs = 0;
        if (q->next() && !q->value(0).isNull())
            ageMs = std::max<qint64>(0, *now - q->value(0).toLongLong());
        q->finish();
        family.samples.append({{{QStringLiteral("queue"), queue}}, seconds(ageMs), {}});
    }
    out.append(std::move(family));
    return {};
}

Error MetricsCollector::addStuck(QVector<MetricFamily> &out)
{
    // The sweeper's rules and the one definition of stuck (StuckScope).
    Result<SweeperRules> rules = Settings(m_db, QString()).sweeperRules();
    if (!rules.ok())
        return rules.error();
    Result<StuckReport> stuck = StuckTasks(m_db, QString()).stuckReport(rules->thresholds(), 1);
    if (!stuck.ok())
        return stuck.error();
    out.append({QStringLiteral("taskdesk_tasks_stuck"),
        QStringLiteral(
            "Tasks stuck by the sweeper's rules: RUNNING with a heartbeat older than the "
            "timeout (lost_heartbeat), PENDING and due longer than the queue threshold "
            "(too_long_in_queue)."),
        MetricFamily::Type::Gauge,
        {{{{QStringLiteral("reason"), QStringLiteral("lost_heartbeat")}},
             double(stuck->runningTotal), {}},
            {{{QStringLiteral("reason"), QStringLiteral("too_long_in_queue")}},
                double(stuck->queuedTotal), {}}}});
    return {};
}

Error MetricsCollector::addProcesses(QVector<MetricFamily> &out)
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT name, host, state, restarts FROM processes ORDER BY name"),
        QStringLiteral("metrics: processes"));
    if (!q.ok())
        return q.error();
    MetricFamily up{QStringLiteral("taskdesk_process_up"),
        QStringLiteral("Whether a supervised process is RUNNING (1) or not (0)."),
        MetricFamily::Type::Gauge, {}};
    MetricFamily restarts{QStringLiteral("taskdesk_process_restarts_total"),
        QStringLiteral("Automatic restarts of a supervised process after it exited."),
        MetricFamily::Type::Counter, {}};
    while (q->next()) {
        const Labels labels{{QStringLiteral("process"), q->value(0).toString()},
            {QStringLiteral("host"), q->value(1).toString()}};
        up.samples.append(
            {labels, q->value(2).toString() == QLatin1String("RUNNING") ? 1.0 : 0.0, {}});
        restarts.samples.append({labels, double(q->value(3).toLongLong()), {}});
    }
    out.append(std::move(up));
    out.append(std::move(restarts));
    return {};
}

Error MetricsCollector::addSchedules(QVector<MetricFamily> &out)
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT s.name, r.created_at FROM schedules s JOIN schedule_runs r ON "
                       "r.schedule_id = s.id AND r.slot_at = s.last_slot_at ORDER BY s.name"),
        QStringLiteral("metrics: schedules"));
    if (!q.ok())
        return q.error();
    MetricFamily family{QStringLiteral("taskdesk_schedule_last_run_timestamp_seconds"),
        QStringLiteral("When the scheduler last enqueued a slot of the schedule (unix time)."),
        MetricFamily::Type::Gauge, {}};
    while (q->next()) {
        family.samples.append({{{QStringLiteral("schedule"), q->value(0).toString()}},
            seconds(q->value(1).toLongLong()), {}});
    }
    out.append(std::move(family));
    return {};
}

void MetricsCollector::addSweeper(QVector<MetricFamily> &out)
{
    Sweeper::declareCounters(m_counters);
    out += m_counters.families();
}

} // namespace taskdesk
