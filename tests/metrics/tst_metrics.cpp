#include "core/metrics/metriccounters.h"
#include "core/metrics/metricscollector.h"
#include "core/scheduling/sweeper.h"
#include "core/tasks/taskstore.h"
#include "core/taskstatus.h"
#include "testdatabase.h"

#include <QMap>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace taskdesk;
using taskdesk::test::TestDatabase;

namespace {

using Labels = QVector<std::pair<QString, QString>>;
using Samples = QMap<QString, double>;

constexpr qint64 kSecond = 1000;

// A series as the text names it: name{label="value",…} in the collector's order.
QString key(const QString &name, const Labels &labels = {})
{
    QString k = name;
    if (labels.isEmpty())
        return k;
    k += QLatin1Char('{');
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i > 0)
            k += QLatin1Char(',');
        k += labels.at(i).first + QLatin1String("=\"")
            + MetricFamily::escapeLabelValue(labels.at(i).second) + QLatin1Char('"');
    }
    return k + QLatin1Char('}');
}

// Every sample of the text; fails the test on a line it cannot read.
Samples parse(const QByteArray &text)
{
    Samples samples;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype space = line.lastIndexOf(QLatin1Char(' '));
        bool ok = false;
        const QString value = line.mid(space + 1);
        const double v = value == QLatin1String("+Inf") ? INFINITY : value.toDouble(&ok);
        if (space < 0 || (!ok && value != QLatin1String("+Inf"))) {
            qWarning("unreadable line: %s", qPrintable(line));
            return {};
        }
        samples.insert(line.left(space), v);
    }
    return samples;
}

// The samples of one family (and its _bucket/_sum/_count).
Samples family(const Samples &all, const QString &name)
{
    Samples out;
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        const QString &k = it.key();
        if (k == name || k.startsWith(name + QLatin1Char('{'))
            || k.startsWith(name + QLatin1Char('_')))
            out.insert(k, it.value());
    }
    return out;
}

QString dump(const Samples &samples)
{
    QString text;
    for (auto it = samples.cbegin(); it != samples.cend(); ++it)
        text += it.key() + QLatin1Char(' ') + QString::number(it.value()) + QLatin1Char('\n');
    return text;
}

// Tasks by queue, kind and status as the task table holds them: every status
// of each pair that has tasks.
Samples tasksTruth(TestDatabase &tdb)
{
    Samples expected;
    QSqlQuery q(tdb.db().connection().value());
    q.exec(QStringLiteral(
        "SELECT queue, kind, status, count(*) FROM tasks GROUP BY queue, kind, status"));
    while (q.next()) {
        for (const QString &status : allStatusNames()) {
            const QString k = key(QStringLiteral("taskdesk_tasks"),
                {{QStringLiteral("queue"), q.value(0).toString()},
                    {QStringLiteral("kind"), q.value(1).toString()},
                    {QStringLiteral("status"), status.toLower()}});
            if (!expected.contains(k))
                expected.insert(k, 0);
        }
        expected[key(QStringLiteral("taskdesk_tasks"),
            {{QStringLiteral("queue"), q.value(0).toString()},
                {QStringLiteral("kind"), q.value(1).toString()},
                {QStringLiteral("status"), q.value(2).toString().toLower()}})]
            += q.value(3).toDouble();
    }
    return expected;
}

Claim claimOne(TaskStore &store, const QString &queue)
{
    Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("worker-1"), {queue});
    if (!c.ok() || !c->has_value())
        return {};
    return **c;
}

} // namespace

class MetricsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tasksByStatusQueueAndKindAreTheTableCounts();
    void finishedTasksAreCountedByOutcomeAndNeverGoDown();
    void durationsFallIntoTheirBuckets();
    void oldestPendingAgeIsThatOfTheLongestDueTask();
    void stuckTasksAreTheSweepersOwn();
    void processesAndSchedulesAreTheirRows();
    void sweepsAndTheirDecisionsAreCounted();
    void labelValuesAreEscaped();
    void addedSourcesAreServedAndCheckedAsOurs();
    void buildInfoNamesTheVersion();
    void promtoolAcceptsTheText();

private:
    // The collector's text, read back; fails the test when it cannot be had.
    Samples collect(TestDatabase &tdb, QByteArray *text = nullptr);
    Samples m_last;
};

Samples MetricsTest::collect(TestDatabase &tdb, QByteArray *text)
{
    MetricsCollector collector(tdb.db());
    Result<QByteArray> out = collector.collect();
    if (!out.ok()) {
        qWarning("collect: %s", qPrintable(out.error().message()));
        return {};
    }
    if (text)
        *text = *out;
    return parse(*out);
}

void MetricsTest::tasksByStatusQueueAndKindAreTheTableCounts()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    for (int i = 0; i < 12; ++i) {
        NewTask t;
        t.kind = i % 3 == 0 ? QStringLiteral("import") : QStringLiteral("warmup");
        t.queue = i % 2 == 0 ? QStringLiteral("default") : QStringLiteral("bulk");
        QVERIFY(store.queue().enqueue(t).ok());
    }
    // A task that another program inserts with nothing but its name, kind and args.
    QVERIFY(
        tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind, args) VALUES ('x', 'raw', '{}')")));
    const Claim a = claimOne(store, QStringLiteral("default"));
    const Claim b = claimOne(store, QStringLiteral("bulk"));
    const Claim c = claimOne(store, QStringLiteral("bulk"));
    QVERIFY(a.taskId && b.taskId && c.taskId);
    QVERIFY(store.queue().finishSuccess(a.taskId, a.lease).ok());
    QVERIFY(store.queue()
                .finishError(b.taskId, b.lease, b.attempt, QStringLiteral("exit 1"),
                    Outcome::ErrorExit, false)
                .ok());
    // The worker's batched path: a finish and the next claims in one commit.
    Result<TaskQueue::FinishedAndClaimed> batch = store.queue().finishSuccessManyAndClaim(
        {{c.taskId, c.lease}}, QStringLiteral("worker-1"), {QStringLiteral("bulk")}, 2);
    QVERIFY(batch.ok() && batch->claims.size() == 2);
    QVERIFY(store.actions().forceStop(batch->claims.at(0).taskId).ok());
    QVERIFY(store.actions().remove(a.taskId).ok());
    QVERIFY(store.actions().restart(b.taskId).ok());

    // taskdesk_tasks{…} alone, not taskdesk_tasks_finished_total or _stuck.
    Samples got;
    const Samples all = collect(tdb);
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        if (it.key().startsWith(QLatin1String("taskdesk_tasks{")))
            got.insert(it.key(), it.value());
    }
    const Samples expected = tasksTruth(tdb);
    QVERIFY2(got == expected, qPrintable(dump(got) + QStringLiteral("---\n") + dump(expected)));
    QVERIFY(expected.value(key(QStringLiteral("taskdesk_tasks"),
                {{QStringLiteral("queue"), QStringLiteral("bulk")},
                    {QStringLiteral("kind"), QStringLiteral("warmup")},
                    {QStringLiteral("status"), QStringLiteral("running")}}))
        >= 1);
}

void MetricsTest::finishedTasksAreCountedByOutcomeAndNeverGoDown()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    store.setRetryPolicy({1, 1});
    QMap<QString, double> expected;
    const auto finished = [](const QString &queue, const QString &kind, const QString &outcome) {
        return key(QStringLiteral("taskdesk_tasks_finished_total"),
            {{QStringLiteral("queue"), queue}, {QStringLiteral("kind"), kind},
                {QStringLiteral("outcome"), outcome}});
    };
    QVector<qint64> ids;
    for (int i = 0; i < 6; ++i) {
        NewTask t;
        t.kind = QStringLiteral("mail");
        t.queue = QStringLiteral("q1");
        Result<qint64> id = store.queue().enqueue(t);
        QVERIFY(id.ok());
        ids.append(*id);
    }
    // Succeeded.
    Claim c = claimOne(store, QStringLiteral("q1"));
    QVERIFY(store.queue().finishSuccess(c.taskId, c.lease).ok());
    expected[finished(QStringLiteral("q1"), QStringLiteral("mail"), Outcome::Succeeded)] += 1;
    // A failure re-queued is no finish; the last attempt's is.
    c = claimOne(store, QStringLiteral("q1"));
    Result<FinishResult> r = store.queue().finishError(
        c.taskId, c.lease, c.attempt, QStringLiteral("exit 1"), Outcome::ErrorExit, true);
    QVERIFY(r.ok() && r->requeued);
    Samples got = collect(tdb);
    QCOMPARE(
        got.value(finished(QStringLiteral("q1"), QStringLiteral("mail"), Outcome::ErrorExit), -1),
        -1.0);
    // Cancel of a PENDING task, Force Stop of a RUNNING one.
    QVERIFY(store.actions().cancel(ids.last()).ok());
    expected[finished(QStringLiteral("q1"), QStringLiteral("mail"), Outcome::Cancelled)] += 1;
    QTest::qWait(20); // past the backoff of the re-queued one
    c = claimOne(store, QStringLiteral("q1"));
    QVERIFY(store.actions().forceStop(c.taskId).ok());
    expected[finished(QStringLiteral("q1"), QStringLiteral("mail"), Outcome::ForceStopped)] += 1;
    // A task restarted and run again finishes twice.
    const qint64 first = ids.first();
    QVERIFY(store.actions().restart(first).ok());
    QTest::qWait(5);
    for (int guard = 0; guard < 10; ++guard) {
        c = claimOne(store, QStringLiteral("q1"));
        if (!c.taskId)
            break;
        QVERIFY(store.queue().finishSuccess(c.taskId, c.lease).ok());
        expected[finished(QStringLiteral("q1"), QStringLiteral("mail"), Outcome::Succeeded)] += 1;
        if (c.taskId == first)
            break;
    }
    got = family(collect(tdb), QStringLiteral("taskdesk_tasks_finished_total"));
    QVERIFY2(got == expected, qPrintable(dump(got) + QStringLiteral("---\n") + dump(expected)));

    // Deleting every finished task lowers no counter.
    QSqlQuery q(tdb.db().connection().value());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM tasks WHERE status IN ('COMPLETED', 'FAILED')")));
    QVector<qint64> done;
    while (q.next())
        done.append(q.value(0).toLongLong());
    q.finish();
    QVERIFY(done.size() >= 3);
    for (const qint64 id : std::as_const(done))
        QVERIFY(store.actions().remove(id).ok());
    QVERIFY(tdb.exec(QStringLiteral("DELETE FROM tasks"))); // another program's delete too
    got = family(collect(tdb), QStringLiteral("taskdesk_tasks_finished_total"));
    QVERIFY2(got == expected, qPrintable(dump(got) + QStringLiteral("---\n") + dump(expected)));
}

void MetricsTest::durationsFallIntoTheirBuckets()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    // Runs of 10 s, 100 s and 2 h (their start moved back), and a task
    // cancelled while PENDING: a finish without a run.
    const QVector<qint64> runs{10 * kSecond, 100 * kSecond, 7200 * kSecond};
    for (int i = 0; i < 4; ++i) {
        NewTask t;
        t.kind = QStringLiteral("report");
        t.queue = QStringLiteral("slow");
        QVERIFY(store.queue().enqueue(t).ok());
    }
    for (const qint64 ms : runs) {
        const Claim c = claimOne(store, QStringLiteral("slow"));
        QVERIFY(c.taskId);
        QVERIFY(
            tdb.exec(QStringLiteral("UPDATE tasks SET started_at = started_at - ? WHERE id = ?"),
                {ms, c.taskId}));
        QVERIFY(store.queue().finishSuccess(c.taskId, c.lease).ok());
    }
    QSqlQuery q(tdb.db().connection().value());
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM tasks WHERE status = 'PENDING'")) && q.next());
    const qint64 pending = q.value(0).toLongLong();
    q.finish();
    QVERIFY(store.actions().cancel(pending).ok());

    // The truth: the runs as the table holds them now.
    QVERIFY(q.exec(QStringLiteral("SELECT completed_at - started_at FROM tasks WHERE outcome = "
                                  "'succeeded'")));
    QVector<double> secondsRun;
    while (q.next())
        secondsRun.append(q.value(0).toDouble() / 1000.0);
    q.finish();
    QCOMPARE(secondsRun.size(), 3);

    const Samples got = family(collect(tdb), QStringLiteral("taskdesk_task_duration_seconds"));
    const Labels labels{{QStringLiteral("queue"), QStringLiteral("slow")},
        {QStringLiteral("kind"), QStringLiteral("report")}};
    for (const int le : MetricsCollector::durationBuckets()) {
        Labels bucket = labels;
        bucket.append({QStringLiteral("le"), QString::number(le)});
        const double expected = double(std::count_if(
            secondsRun.cbegin(), secondsRun.cend(), [le](double s) { return s <= le; }));
        QCOMPARE(
            got.value(key(QStringLiteral("taskdesk_task_duration_seconds_bucket"), bucket), -1),
            expected);
    }
    Labels inf = labels;
    inf.append({QStringLiteral("le"), QStringLiteral("+Inf")});
    QCOMPARE(got.value(key(QStringLiteral("taskdesk_task_duration_seconds_bucket"), inf)), 3.0);
    QCOMPARE(got.value(key(QStringLiteral("taskdesk_task_duration_seconds_count"), labels)), 3.0);
    double sum = 0;
    for (const double s : std::as_const(secondsRun))
        sum += s;
    QCOMPARE(got.value(key(QStringLiteral("taskdesk_task_duration_seconds_sum"), labels)), sum);
    // The cancelled one is a finish, not a run.
    QCOMPARE(collect(tdb).value(key(QStringLiteral("taskdesk_tasks_finished_total"),
                 {{QStringLiteral("queue"), QStringLiteral("slow")},
                     {QStringLiteral("kind"), QStringLiteral("report")},
                     {QStringLiteral("outcome"), Outcome::Cancelled}})),
        1.0);
}

void MetricsTest::oldestPendingAgeIsThatOfTheLongestDueTask()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    for (const char *queue : {"a", "a", "a", "b", "c"}) {
        NewTask t;
        t.kind = QStringLiteral("k");
        t.queue = QString::fromLatin1(queue);
        QVERIFY(store.queue().enqueue(t).ok());
    }
    // a: due 90 s ago and 30 s ago; b: due in an hour only; c: claimed.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 90000 WHERE id = "
                                    "(SELECT min(id) FROM tasks WHERE queue = 'a')")));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 30000 WHERE id = "
                                    "(SELECT max(id) FROM tasks WHERE queue = 'a')")));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET run_after = run_after + 3600000 WHERE queue = 'b'")));
    QVERIFY(claimOne(store, QStringLiteral("c")).taskId);

    const Samples got
        = family(collect(tdb), QStringLiteral("taskdesk_queue_oldest_pending_age_seconds"));
    const qint64 now = tdb.db().now().value();
    QSqlQuery q(tdb.db().connection().value());
    QVERIFY(q.exec(QStringLiteral("SELECT DISTINCT queue FROM tasks")));
    int queues = 0;
    while (q.next()) {
        ++queues;
        const QString queue = q.value(0).toString();
        const qint64 oldest = tdb.scalar(QStringLiteral("SELECT min(run_after) FROM tasks WHERE "
                                                        "queue = ? AND status = 'PENDING'"),
                                     {queue})
                                  .toLongLong();
        const double expected = oldest > 0 ? std::max<qint64>(0, now - oldest) / 1000.0 : 0.0;
        const double value
            = got.value(key(QStringLiteral("taskdesk_queue_oldest_pending_age_seconds"),
                            {{QStringLiteral("queue"), queue}}),
                -1);
        QVERIFY2(std::fabs(value - expected) < 2.0,
            qPrintable(queue + QStringLiteral(": %1, expected %2").arg(value).arg(expected)));
    }
    q.finish();
    QCOMPARE(queues, 3);
    QCOMPARE(got.size(), 3);
    QVERIFY(got.value(key(QStringLiteral("taskdesk_queue_oldest_pending_age_seconds"),
                {{QStringLiteral("queue"), QStringLiteral("a")}}))
        >= 89);
}

void MetricsTest::stuckTasksAreTheSweepersOwn()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    for (int i = 0; i < 6; ++i) {
        NewTask t;
        t.kind = QStringLiteral("k");
        QVERIFY(store.queue().enqueue(t).ok());
    }
    const Claim a = claimOne(store, QStringLiteral("default"));
    const Claim b = claimOne(store, QStringLiteral("default"));
    QVERIFY(a.taskId && b.taskId);
    // One heartbeat past the default timeout (60 s); two tasks due past the
    // default queue threshold (5 min), one just before it.
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 120000 WHERE id = ?"),
        {a.taskId}));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 600000 WHERE id IN "
                                    "(SELECT id FROM tasks WHERE status = 'PENDING' ORDER BY id "
                                    "LIMIT 2)")));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 200000 WHERE id = "
                                    "(SELECT max(id) FROM tasks WHERE status = 'PENDING')")));
    const Samples got = family(collect(tdb), QStringLiteral("taskdesk_tasks_stuck"));
    const qint64 now = tdb.db().now().value();
    const double lost = tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE status = "
                                                  "'RUNNING' AND heartbeat_at < ?"),
                               {now - 60 * kSecond})
                            .toDouble();
    const double queued = tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE status = "
                                                    "'PENDING' AND run_after < ?"),
                                 {now - 300 * kSecond})
                              .toDouble();
    QCOMPARE(lost, 1.0);
    QCOMPARE(queued, 2.0);
    QCOMPARE(got.value(key(QStringLiteral("taskdesk_tasks_stuck"),
                 {{QStringLiteral("reason"), QStringLiteral("lost_heartbeat")}})),
        lost);
    QCOMPARE(got.value(key(QStringLiteral("taskdesk_tasks_stuck"),
                 {{QStringLiteral("reason"), QStringLiteral("too_long_in_queue")}})),
        queued);
}

void MetricsTest::processesAndSchedulesAreTheirRows()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO processes (name, host, program, state, restarts) "
                                    "VALUES ('worker-a', 'h1', '/bin/true', 'RUNNING', 3), "
                                    "('worker-b', 'h1', '/bin/true', 'BACKOFF', 7), "
                                    "('sched', 'h2', '/bin/true', 'STOPPED', 0)")));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO schedules (name, kind, every_s) VALUES "
                                    "('hourly', 'k', 3600), ('never-ran', 'k', 60)")));
    const qint64 hourly
        = tdb.scalar(QStringLiteral("SELECT id FROM schedules WHERE name = 'hourly'")).toLongLong();
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO schedule_runs (schedule_id, slot_at, created_at) "
                                    "VALUES (?, 1000, 1500000), (?, 2000, 1700000123)"),
        {hourly, hourly}));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE schedules SET last_slot_at = 2000 WHERE id = ?"), {hourly}));

    const Samples all = collect(tdb);
    Samples expected;
    QSqlQuery q(tdb.db().connection().value());
    QVERIFY(q.exec(QStringLiteral("SELECT name, host, state, restarts FROM processes")));
    while (q.next()) {
        const Labels labels{{QStringLiteral("process"), q.value(0).toString()},
            {QStringLiteral("host"), q.value(1).toString()}};
        expected.insert(key(QStringLiteral("taskdesk_process_up"), labels),
            q.value(2).toString() == QLatin1String("RUNNING") ? 1 : 0);
        expected.insert(
            key(QStringLiteral("taskdesk_process_restarts_total"), labels), q.value(3).toDouble());
    }
    q.finish();
    Samples got = family(all, QStringLiteral("taskdesk_process_up"));
    got.insert(family(all, QStringLiteral("taskdesk_process_restarts_total")));
    QVERIFY2(got == expected, qPrintable(dump(got) + QStringLiteral("---\n") + dump(expected)));

    got = family(all, QStringLiteral("taskdesk_schedule_last_run_timestamp_seconds"));
    QCOMPARE(got.size(), 1); // a schedule that never ran has no last run
    QCOMPARE(got.value(key(QStringLiteral("taskdesk_schedule_last_run_timestamp_seconds"),
                 {{QStringLiteral("schedule"), QStringLiteral("hourly")}})),
        1700000.123);
}

void MetricsTest::sweepsAndTheirDecisionsAreCounted()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    for (int i = 0; i < 3; ++i) {
        NewTask t;
        t.kind = QStringLiteral("k");
        t.maxAttempts = i == 0 ? 1 : 3;
        QVERIFY(store.queue().enqueue(t).ok());
    }
    QVERIFY(claimOne(store, QStringLiteral("default")).taskId);
    QVERIFY(claimOne(store, QStringLiteral("default")).taskId);
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE "
                                    "status = 'RUNNING'")));
    const QString decisions = QStringLiteral("taskdesk_sweep_decisions_total");
    const auto decision = [&](const QString &name) {
        return key(decisions, {{QStringLiteral("decision"), name}});
    };
    const Samples before = collect(tdb);
    QVERIFY(before.contains(QStringLiteral("taskdesk_sweeps_total")));
    QVERIFY(before.contains(decision(QStringLiteral("requeued_lost_worker"))));

    Sweeper sweeper(tdb.db());
    Result<SweepReport> report = sweeper.sweepNow();
    QVERIFY2(report.ok(), qPrintable(report.error().message()));
    QCOMPARE(int(report->tasks.runningRequeued.size() + report->tasks.runningFailed.size()), 2);
    const Samples after = collect(tdb);
    QCOMPARE(after.value(QStringLiteral("taskdesk_sweeps_total"))
            - before.value(QStringLiteral("taskdesk_sweeps_total")),
        1.0);
    const auto delta = [&](const QString &name) {
        return after.value(decision(name)) - before.value(decision(name));
    };
    QCOMPARE(delta(QStringLiteral("requeued_lost_worker")),
        double(report->tasks.runningRequeued.size()));
    QCOMPARE(
        delta(QStringLiteral("failed_lost_worker")), double(report->tasks.runningFailed.size()));
    QCOMPARE(
        delta(QStringLiteral("requeued_lost_worker")) + delta(QStringLiteral("failed_lost_worker")),
        2.0);
    // The audit log holds the same decisions.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'sweeper' AND "
                                       "task_id IS NOT NULL"))
                 .toDouble(),
        2.0);
}

void MetricsTest::labelValuesAreEscaped()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString queue = QStringLiteral("q \"quoted\" back\\slash\nnew line");
    // Taskdesk's own enqueue refuses such a name; another program's INSERT
    // (the public contract) does not.
    QVERIFY(tdb.exec(
        QStringLiteral("INSERT INTO tasks (name, kind, queue, args) VALUES ('x', 'k', ?, '{}')"),
        {queue}));
    QByteArray text;
    const Samples got = collect(tdb, &text);
    QVERIFY2(text.contains(R"(queue="q \"quoted\" back\\slash\nnew line")"), text.constData());
    // One sample a line: the newline of the name is not one.
    for (const QByteArray &line : text.split('\n'))
        QVERIFY2(line.isEmpty() || line.startsWith('#') || line.startsWith("taskdesk_"),
            line.constData());
    QCOMPARE(got.value(key(QStringLiteral("taskdesk_tasks"),
                 {{QStringLiteral("queue"), queue}, {QStringLiteral("kind"), QStringLiteral("k")},
                     {QStringLiteral("status"), QStringLiteral("pending")}})),
        1.0);
    QCOMPARE(MetricFamily::escapeLabelValue(QStringLiteral("a\\b\"c\nd")),
        QStringLiteral("a\\\\b\\\"c\\nd"));
}

void MetricsTest::addedSourcesAreServedAndCheckedAsOurs()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    MetricsCollector collector(tdb.db());
    int calls = 0;
    collector.addSource([&calls](Database &db) -> Result<QVector<MetricFamily>> {
        ++calls;
        Result<qint64> now = db.now();
        if (!now.ok())
            return now.error();
        return QVector<MetricFamily>{{QStringLiteral("taskdesk_alerts_sent_total"),
            QStringLiteral("Alerts sent."), MetricFamily::Type::Counter,
            {{{{QStringLiteral("channel"), QStringLiteral("slack")}}, 4, {}}}}};
    });
    Result<QByteArray> text = collector.collect();
    QVERIFY2(text.ok(), qPrintable(text.error().message()));
    QCOMPARE(calls, 1);
    QVERIFY(text->contains("# TYPE taskdesk_alerts_sent_total counter\n"));
    QVERIFY(text->contains("taskdesk_alerts_sent_total{channel=\"slack\"} 4\n"));
    // One family per name: a second source of the same name joins it.
    collector.addSource([](Database &) -> Result<QVector<MetricFamily>> {
        return QVector<MetricFamily>{
            {QStringLiteral("taskdesk_alerts_sent_total"), QString(), MetricFamily::Type::Counter,
                {{{{QStringLiteral("channel"), QStringLiteral("telegram")}}, 1, {}}}}};
    });
    text = collector.collect();
    QVERIFY(text.ok());
    QCOMPARE(text->count("# TYPE taskdesk_alerts_sent_total"), 1);
    QVERIFY(text->contains("taskdesk_alerts_sent_total{channel=\"telegram\"} 1\n"));
    // A source's failure is the collector's; a bad name is refused.
    collector.addSource([](Database &) -> Result<QVector<MetricFamily>> {
        return QVector<MetricFamily>{
            {QStringLiteral("taskdesk alerts"), QString(), MetricFamily::Type::Gauge, {}}};
    });
    text = collector.collect();
    QVERIFY(!text.ok());
    QCOMPARE(text.error().kind(), ErrorKind::Invalid);
}

void MetricsTest::buildInfoNamesTheVersion()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const Samples got = collect(tdb);
    QCOMPARE(got.value(key(QStringLiteral("taskdesk_build_info"),
                 {{QStringLiteral("version"), QStringLiteral(TASKDESK_VERSION)}})),
        1.0);
}

void MetricsTest::promtoolAcceptsTheText()
{
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        QSKIP(
            "promtool is not installed (Debian package prometheus; packaging/dev.sh installs it)");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    for (const QString &queue : {QStringLiteral("default"), QStringLiteral("a \"b\" \\c\nd")}) {
        for (int i = 0; i < 2; ++i)
            QVERIFY(tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind, queue, args) VALUES "
                                            "('x', 'k', ?, '{}')"),
                {queue}));
        const Claim c = claimOne(store, queue);
        QVERIFY(c.taskId);
        QVERIFY(store.queue().finishSuccess(c.taskId, c.lease).ok());
    }
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO processes (name, host, program, state, restarts) "
                                    "VALUES ('w', 'h', '/bin/true', 'RUNNING', 1)")));
    // The collector's text as it is served: promtool alone judges it.
    Result<QByteArray> served = MetricsCollector(tdb.db()).collect();
    QVERIFY2(served.ok(), qPrintable(served.error().message()));
    const QByteArray text = *served;
    QProcess p;
    p.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(p.waitForStarted());
    p.write(text);
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(30000));
    const QByteArray said = p.readAllStandardOutput() + p.readAllStandardError();
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
        QByteArray(said + "\n---\n" + text).constData());
}

TASKDESK_TEST_MAIN(MetricsTest)
#include "tst_metrics.moc"
