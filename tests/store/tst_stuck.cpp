// The stuck report, the operator's clean-up and the sweeper's rules, each just
// below and just above its threshold. Rows are made stale by backdating their
// times in the database, never by waiting.

#include "core/database.h"
#include "core/tasks/taskstore.h"
#include "ctl/jsonformat.h"
#include "storetest.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QJsonArray>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

const QString kActor = QStringLiteral("sweeper-test");
constexpr qint64 kQueueThreshold = 5 * 60 * 1000; // the defaults of StuckThresholds
constexpr qint64 kHeartbeatTimeout = 60 * 1000;
// "Just below": this much younger than the threshold. The test must get from the
// backdating to the check within this time; "just above" needs no such margin.
constexpr qint64 kBelow = -10000;
constexpr qint64 kAbove = 1;

// Makes the task look `ms` older: its wait (PENDING) or its silence (RUNNING).
bool backdate(TestDatabase &tdb, qint64 taskId, qint64 ms)
{
    return tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - ?, heartbeat_at = "
                                   "heartbeat_at - ? WHERE id = ?"),
        {ms, ms, taskId});
}

bool contains(const QVector<StuckTask> &list, qint64 id)
{
    return std::any_of(
        list.cbegin(), list.cend(), [id](const StuckTask &s) { return s.task.id == id; });
}

} // namespace

class StuckTest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void atThreshold_data();
    void atThreshold();
    void delayedTaskIsNotStuck();

    void thresholdValidation_data();
    void thresholdValidation();

    void lostWorkerBackoff_data();
    void lostWorkerBackoff();
    void poisonPillAfterThreeLossesInARow();
    void finishedAttemptResetsTheLosses();
    void lostWorkerWithoutAttemptsLeftFails();
    void poisonZeroRequeuesNothing();
    void cleanupRetryGrantsOneMoreAttempt();
    void sweepsAreAudited();

    void stuckReportJson();
    void cleanupReportJson();
    void aTaskCommittedAfterTheScopeIsLeftAloneWhateverItsId();

private:
    std::unique_ptr<TestDatabase> m_tdb; // emptied of active tasks by init()
};

void StuckTest::initTestCase()
{
    m_tdb = std::make_unique<TestDatabase>();
    TASKDESK_REQUIRE_DB(*m_tdb);
    qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
}

void StuckTest::cleanupTestCase()
{
    m_tdb.reset();
}

// The sweeps act on every stale task of the database: each test starts with
// no PENDING or RUNNING task left by the one before (cancelled, so that they
// can never turn stale later). One database is much cheaper than one per row.
void StuckTest::init()
{
    TaskStore store(m_tdb->db(), QStringLiteral("test-setup"));
    TaskFilter active;
    active.statuses = {TaskStatus::Pending, TaskStatus::Running};
    active.limit = 100000;
    Result<QVector<Task>> tasks = store.reader().list(active);
    QVERIFY2(tasks.ok(), qPrintable(tasks.error().message()));
    for (const Task &t : *tasks)
        QVERIFY(store.actions().cancel(t.id).ok());
}

// ------------------------------------------------------------ every rule at its threshold

void StuckTest::atThreshold_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("status"); // of the task: PENDING or RUNNING
    QTest::addColumn<qint64>("offsetMs"); // age relative to the threshold
    QTest::addColumn<QString>("expected"); // "unchanged", "reported", or STATUS/outcome

    struct Op
    {
        const char *name;
        const char *text;
        const char *pendingAbove;
        const char *runningAbove;
    };
    const Op ops[] = {
        {"report", "the stuck report", "reported", "reported"},
        {"cleanup_mark_failed", "a mark_failed clean-up", "FAILED/stuck_swept",
            "FAILED/worker_lost"},
        {"cleanup_retry", "a retry clean-up", "unchanged", "PENDING/"},
        {"sweep_lost", "the lost-worker sweep", "unchanged", "PENDING/"},
        {"sweep_queued", "the queue sweep", "FAILED/stuck_swept", "unchanged"},
    };
    for (const Op &op : ops) {
        for (const char *status : {"PENDING", "RUNNING"}) {
            const bool pending = qstrcmp(status, "PENDING") == 0;
            const char *what = pending ? "a task waiting" : "a running task silent";
            const char *limit = pending ? "5 min" : "60 s";
            QTest::addRow("%s leaves %s 10 s less than %s alone", op.text, what, limit)
                << op.name << status << kBelow << "unchanged";
            QTest::addRow("%s acts on %s 1 ms more than %s", op.text, what, limit)
                << op.name << status << kAbove
                << QString::fromLatin1(pending ? op.pendingAbove : op.runningAbove);
        }
    }
}

void StuckTest::atThreshold()
{
    QFETCH(QString, operation);
    QFETCH(QString, status);
    QFETCH(qint64, offsetMs);
    QFETCH(QString, expected);

    TestDatabase &tdb = *m_tdb; // init() left nothing else for the sweeps to act on
    TaskStore store(tdb.db(), kActor);
    const MadeTask t = makeTask(store, status, {QStringLiteral("item")});
    QVERIFY(t.id > 0);
    if (status == QLatin1String("RUNNING"))
        QVERIFY(store.queue().startItem(t.id, t.lease, t.items.first().id).value());
    const bool running = status == QLatin1String("RUNNING");
    const qint64 threshold = running ? kHeartbeatTimeout : kQueueThreshold;
    QVERIFY(backdate(tdb, t.id, threshold + offsetMs));
    const QString before = snapshot(store, t.id);

    StuckThresholds th; // the defaults: 5 minutes in the queue, 60 s without a heartbeat
    QCOMPARE(th.queueThresholdMs, kQueueThreshold);
    QCOMPARE(th.heartbeatTimeoutMs, kHeartbeatTimeout);
    QVector<qint64> touched;
    if (operation == QLatin1String("report")) {
        Result<StuckReport> r = store.stuck().stuckReport(th);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        const bool reported = contains(running ? r->running : r->queued, t.id);
        QCOMPARE(reported, expected == QLatin1String("reported"));
        QCOMPARE(r->total(), reported ? 1 : 0);
        if (reported) {
            const StuckTask &s = running ? r->running.first() : r->queued.first();
            QVERIFY(s.ageMs > threshold);
        }
        QCOMPARE(snapshot(store, t.id), before); // a report changes nothing
        return;
    }
    Result<CleanupReport> r = Error::invalid(QStringLiteral("unknown operation"));
    if (operation == QLatin1String("cleanup_mark_failed"))
        r = store.stuck().cleanup(th, CleanupAction::MarkFailed);
    else if (operation == QLatin1String("cleanup_retry"))
        r = store.stuck().cleanup(th, CleanupAction::Retry);
    else if (operation == QLatin1String("sweep_lost"))
        r = store.stuck().sweepLostWorkers(th.heartbeatTimeoutMs, StuckTasks::kPoisonRescues);
    else if (operation == QLatin1String("sweep_queued"))
        r = store.stuck().sweepQueued(th.queueThresholdMs);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    touched = r->queuedFailed + r->runningFailed + r->runningRequeued;

    if (expected == QLatin1String("unchanged")) {
        QVERIFY(touched.isEmpty());
        QCOMPARE(r->total(), 0);
        QCOMPARE(snapshot(store, t.id), before);
        return;
    }
    QCOMPARE(touched, QVector<qint64>{t.id});
    Result<Task> task = store.reader().task(t.id);
    QVERIFY(task.ok());
    const QString statusOutcome = statusName(task->status) + QLatin1Char('/') + task->outcome;
    QCOMPARE(statusOutcome, expected);
    QVERIFY(task->lease.isEmpty());
    const TaskItem item = store.reader().items(t.id)->first();
    if (task->status == TaskStatus::Pending) {
        QVERIFY(r->runningRequeued.contains(t.id));
        QCOMPARE(item.status, TaskStatus::Pending); // runs again with the task
    } else {
        QVERIFY(task->completedAt > 0);
        QCOMPARE(item.status, running ? TaskStatus::Failed : TaskStatus::Pending);
    }
    // One audit row for what the rule did, and a line in the task's log.
    // An operator's clean-up is recorded as such, apart from the sweeper's.
    const QVector<AuditEntry> audit = auditOf(tdb.db(), t.id);
    QCOMPARE(audit.first().action,
        operation.startsWith(QLatin1String("cleanup")) ? QStringLiteral("cleanup")
                                                       : QStringLiteral("sweep"));
    QCOMPARE(audit.first().actor, kActor);
    QCOMPARE(audit.first().beforeStatus, status);
    QCOMPARE(audit.first().afterStatus, statusName(task->status));
    QCOMPARE(audit.size(), 2); // enqueue + this
    if (operation == QLatin1String("cleanup_mark_failed") && running) {
        // Attempts were left: the reason is the operator's clean-up.
        QCOMPARE(task->errorMessage,
            QStringLiteral("Worker lost (no heartbeat); marked failed by the clean-up"));
    }
    QCOMPARE(store.reader().log(t.id)->constLast().level, QStringLiteral("warning"));
}

void StuckTest::delayedTaskIsNotStuck()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    NewTask n;
    n.kind = QStringLiteral("later");
    n.delayMs = 60000;
    Result<qint64> id = store.queue().enqueue(n);
    QVERIFY(id.ok());
    // Created a day ago, but not due for another minute: it waits by design.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET created_at = created_at - 86400000 WHERE id "
                                    "= ?"),
        {*id}));
    Result<StuckReport> r = store.stuck().stuckReport(StuckThresholds());
    QVERIFY(r.ok());
    QCOMPARE(r->total(), 0);
    Result<CleanupReport> c = store.stuck().sweepQueued(kQueueThreshold);
    QVERIFY(c.ok());
    QCOMPARE(c->total(), 0);
    QCOMPARE(store.reader().task(*id)->status, TaskStatus::Pending);
}

// ------------------------------------------------------------ validation

void StuckTest::thresholdValidation_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<qint64>("queueMs");
    QTest::addColumn<qint64>("heartbeatMs");
    QTest::addColumn<QString>("message"); // empty: accepted

    const QString queueMessage = QStringLiteral(
        "the queue threshold must be between 1 second and 30 days (43200 minutes)");
    const QString heartbeatMessage = QStringLiteral(
        "the heartbeat timeout must be between 1 second and 7 days (604800 seconds)");
    const qint64 day = 24 * 3600 * 1000;
    for (const char *op : {"report", "cleanup", "sweep"}) {
        const bool sweep = qstrcmp(op, "sweep") == 0;
        // The sweeper's two rules take one threshold each.
        const char *queueOp = sweep ? "sweep_queued" : op;
        const char *heartbeatOp = sweep ? "sweep_lost" : op;
        QTest::addRow("%s refuses a negative queue threshold", queueOp)
            << queueOp << qint64(-60000) << kHeartbeatTimeout << queueMessage;
        QTest::addRow("%s refuses a zero queue threshold", queueOp)
            << queueOp << qint64(0) << kHeartbeatTimeout << queueMessage;
        QTest::addRow("%s refuses a queue threshold under a second", queueOp)
            << queueOp << qint64(999) << kHeartbeatTimeout << queueMessage;
        QTest::addRow("%s refuses a queue threshold over 30 days", queueOp)
            << queueOp << 30 * day + 1 << kHeartbeatTimeout << queueMessage;
        QTest::addRow("%s refuses an absurd queue threshold", queueOp)
            << queueOp << std::numeric_limits<qint64>::max() << kHeartbeatTimeout << queueMessage;
        QTest::addRow("%s accepts a queue threshold of 30 days", queueOp)
            << queueOp << 30 * day << kHeartbeatTimeout << QString();
        QTest::addRow("%s accepts a queue threshold of one second", queueOp)
            << queueOp << qint64(1000) << kHeartbeatTimeout << QString();
        QTest::addRow("%s refuses a negative heartbeat timeout", heartbeatOp)
            << heartbeatOp << kQueueThreshold << qint64(-1) << heartbeatMessage;
        QTest::addRow("%s refuses a zero heartbeat timeout", heartbeatOp)
            << heartbeatOp << kQueueThreshold << qint64(0) << heartbeatMessage;
        QTest::addRow("%s refuses a heartbeat timeout over 7 days", heartbeatOp)
            << heartbeatOp << kQueueThreshold << 7 * day + 1 << heartbeatMessage;
        QTest::addRow("%s refuses an absurd heartbeat timeout", heartbeatOp)
            << heartbeatOp << kQueueThreshold << std::numeric_limits<qint64>::min()
            << heartbeatMessage;
        QTest::addRow("%s accepts a heartbeat timeout of 7 days", heartbeatOp)
            << heartbeatOp << kQueueThreshold << 7 * day << QString();
    }
}

void StuckTest::thresholdValidation()
{
    QFETCH(QString, operation);
    QFETCH(qint64, queueMs);
    QFETCH(qint64, heartbeatMs);
    QFETCH(QString, message);

    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    // Something stale for a refused call to damage, if it went ahead anyway.
    const MadeTask queued = makeTask(store, QStringLiteral("PENDING"));
    const MadeTask running = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(backdate(tdb, queued.id, 40LL * 24 * 3600 * 1000));
    QVERIFY(backdate(tdb, running.id, 40LL * 24 * 3600 * 1000));
    const QString before = snapshot(store, queued.id) + snapshot(store, running.id);

    StuckThresholds th;
    th.queueThresholdMs = queueMs;
    th.heartbeatTimeoutMs = heartbeatMs;
    Error error;
    if (operation == QLatin1String("report"))
        error = store.stuck().stuckReport(th).error();
    else if (operation == QLatin1String("cleanup"))
        error = store.stuck().cleanup(th, CleanupAction::MarkFailed).error();
    else if (operation == QLatin1String("sweep_queued"))
        error = store.stuck().sweepQueued(queueMs).error();
    else
        error = store.stuck().sweepLostWorkers(heartbeatMs, StuckTasks::kPoisonRescues).error();

    if (message.isEmpty()) {
        QVERIFY2(!error, qPrintable(error.message()));
        return;
    }
    QCOMPARE(int(error.kind()), int(ErrorKind::Invalid));
    QCOMPARE(error.message(), message);
    QCOMPARE(snapshot(store, queued.id) + snapshot(store, running.id), before);
}

// ------------------------------------------------------------ the sweeper's lost-worker rule

void StuckTest::lostWorkerBackoff_data()
{
    QTest::addColumn<qint64>("baseMs");
    QTest::addColumn<qint64>("capMs");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("delayMs");

    const qint64 base = 1000;
    const qint64 cap = 600000;
    QTest::newRow("a task lost on its first attempt waits the base delay")
        << base << cap << 1 << qint64(1000);
    QTest::newRow("a task lost on its third attempt waits four times the base")
        << base << cap << 3 << qint64(4000);
    QTest::newRow("a task lost on its tenth attempt waits 512 times the base")
        << base << cap << 10 << qint64(512000);
    QTest::newRow("a task lost on its twelfth attempt waits the cap")
        << base << cap << 12 << qint64(600000);
    QTest::newRow("a task lost on its 60th attempt waits the cap")
        << base << cap << 60 << qint64(600000);
    // The default policy: 5 s doubling up to an hour. 5 s × 2^19 no longer
    // fits in 32 bits.
    const RetryPolicy defaults;
    QTest::newRow("with the default policy the first loss waits 5 s")
        << defaults.baseMs << defaults.capMs << 1 << qint64(5000);
    QTest::newRow("with the default policy the 20th loss waits the hour cap")
        << defaults.baseMs << defaults.capMs << 20 << qint64(3600000);
    QTest::newRow("with the default policy the 25th loss waits the hour cap")
        << defaults.baseMs << defaults.capMs << 25 << qint64(3600000);
}

void StuckTest::lostWorkerBackoff()
{
    QFETCH(qint64, baseMs);
    QFETCH(qint64, capMs);
    QFETCH(int, attempt);
    QFETCH(qint64, delayMs);

    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    RetryPolicy policy;
    policy.baseMs = baseMs;
    policy.capMs = capMs;
    store.setRetryPolicy(policy);
    QCOMPARE(policy.delayFor(attempt), delayMs);

    const MadeTask t = makeTask(store, QStringLiteral("PENDING"), {}, 100);
    QVERIFY(
        tdb.exec(QStringLiteral("UPDATE tasks SET attempt = ? WHERE id = ?"), {attempt - 1, t.id}));
    Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {t.queue});
    QVERIFY(c.ok() && c->has_value());
    QCOMPARE((*c)->attempt, attempt);
    QVERIFY(backdate(tdb, t.id, 2 * kHeartbeatTimeout));

    const qint64 before = dbNow(tdb.db());
    Result<CleanupReport> r
        = store.stuck().sweepLostWorkers(kHeartbeatTimeout, StuckTasks::kPoisonRescues);
    const qint64 after = dbNow(tdb.db());
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r->runningRequeued, QVector<qint64>{t.id});
    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Pending);
    QCOMPARE(task->rescues, 1);
    QVERIFY2(task->runAfter >= before + delayMs && task->runAfter <= after + delayMs,
        qPrintable(QStringLiteral("run_after - now = %1..%2 ms, expected %3")
                       .arg(task->runAfter - after)
                       .arg(task->runAfter - before)
                       .arg(delayMs)));
    QCOMPARE(task->errorMessage, QStringLiteral("Worker lost (no heartbeat); re-queued"));
    QVERIFY2(logMessages(store, t.id)
                 .constLast()
                 .startsWith(QStringLiteral("Worker w lost: no heartbeat for 120 s (timeout 60 "
                                            "s); re-queued (attempt %1 of 100 used)")
                                 .arg(attempt)),
        qPrintable(logMessages(store, t.id).constLast()));
}

void StuckTest::poisonPillAfterThreeLossesInARow()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("PENDING"), {}, 10);
    for (int loss = 1; loss <= StuckTasks::kPoisonRescues; ++loss) {
        QVERIFY(
            tdb.exec(QStringLiteral("UPDATE tasks SET run_after = {NOW} WHERE id = ?"), {t.id}));
        Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {t.queue});
        QVERIFY(c.ok() && c->has_value());
        QVERIFY(backdate(tdb, t.id, kHeartbeatTimeout + 1));
        Result<CleanupReport> r
            = store.stuck().sweepLostWorkers(kHeartbeatTimeout, StuckTasks::kPoisonRescues);
        QVERIFY(r.ok());
        QVERIFY(executionEnded(tdb.db(), t.id));
        Result<Task> task = store.reader().task(t.id);
        QCOMPARE(task->rescues, loss);
        if (loss < StuckTasks::kPoisonRescues) {
            QCOMPARE(r->runningRequeued, QVector<qint64>{t.id});
            QCOMPARE(task->status, TaskStatus::Pending);
        } else {
            QCOMPARE(r->runningFailed, QVector<qint64>{t.id});
            QCOMPARE(task->status, TaskStatus::Failed);
            QCOMPARE(task->outcome, Outcome::WorkerLost);
            QCOMPARE(task->attempt, 3); // seven attempts were left: the rule is the losses
            QCOMPARE(task->errorMessage,
                QStringLiteral("Worker lost (no heartbeat); rescued 3 times in a row, not "
                               "re-queued again (poison pill)"));
        }
    }
}

void StuckTest::finishedAttemptResetsTheLosses()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("PENDING"), {}, 10);
    auto claimNow = [&]() -> QString {
        tdb.exec(QStringLiteral("UPDATE tasks SET run_after = {NOW} WHERE id = ?"), {t.id});
        Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {t.queue});
        return c.ok() && c->has_value() ? (*c)->lease : QString();
    };
    auto lose = [&]() {
        return backdate(tdb, t.id, kHeartbeatTimeout + 1)
            && store.stuck().sweepLostWorkers(kHeartbeatTimeout, StuckTasks::kPoisonRescues).ok()
            && executionEnded(tdb.db(), t.id);
    };
    // Two losses, then an attempt that ends on its own (an error, retried),
    // then two more losses: never three in a row, so still PENDING.
    QVERIFY(!claimNow().isEmpty() && lose());
    QVERIFY(!claimNow().isEmpty() && lose());
    QCOMPARE(store.reader().task(t.id)->rescues, 2);
    const QString lease = claimNow();
    QVERIFY(store.queue()
                .finishError(t.id, lease, 3, QStringLiteral("x"), Outcome::ErrorExit, true)
                ->requeued);
    QCOMPARE(store.reader().task(t.id)->rescues, 0);
    QVERIFY(!claimNow().isEmpty() && lose());
    QVERIFY(!claimNow().isEmpty() && lose());
    QCOMPARE(store.reader().task(t.id)->status, TaskStatus::Pending);
    QCOMPARE(store.reader().task(t.id)->rescues, 2);
}

void StuckTest::lostWorkerWithoutAttemptsLeftFails()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"), {}, 1);
    QVERIFY(backdate(tdb, t.id, kHeartbeatTimeout + 1));
    Result<CleanupReport> r
        = store.stuck().sweepLostWorkers(kHeartbeatTimeout, StuckTasks::kPoisonRescues);
    QVERIFY(r.ok());
    QCOMPARE(r->runningFailed, QVector<qint64>{t.id});
    QVERIFY(r->runningRequeued.isEmpty());
    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Failed);
    QCOMPARE(task->outcome, Outcome::WorkerLost);
    QCOMPARE(task->errorMessage, QStringLiteral("Worker lost (no heartbeat); no attempts left"));
    QVERIFY(logMessages(store, t.id)
                .constLast()
                .endsWith(QStringLiteral("marked FAILED "
                                         "(worker_lost)")));
}

void StuckTest::poisonZeroRequeuesNothing()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"), {}, 10);
    QVERIFY(backdate(tdb, t.id, kHeartbeatTimeout + 1));
    Result<CleanupReport> r = store.stuck().sweepLostWorkers(kHeartbeatTimeout, 0);
    QVERIFY(r.ok());
    QCOMPARE(r->runningFailed, QVector<qint64>{t.id});
    QCOMPARE(store.reader().task(t.id)->outcome, Outcome::WorkerLost);

    for (int absurd : {-1, 1001}) {
        Result<CleanupReport> bad = store.stuck().sweepLostWorkers(kHeartbeatTimeout, absurd);
        QVERIFY(!bad.ok());
        QCOMPARE(int(bad.error().kind()), int(ErrorKind::Invalid));
        QCOMPARE(bad.error().message(),
            QStringLiteral("the poison-pill count must be between 0 and 1000"));
    }
}

void StuckTest::cleanupRetryGrantsOneMoreAttempt()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"), {}, 1);
    const MadeTask waiting = makeTask(store, QStringLiteral("PENDING"));
    QVERIFY(backdate(tdb, t.id, kHeartbeatTimeout + 1));
    QVERIFY(backdate(tdb, waiting.id, kQueueThreshold + 1));
    const QString waitingBefore = snapshot(store, waiting.id);

    Result<CleanupReport> r = store.stuck().cleanup(StuckThresholds(), CleanupAction::Retry);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r->runningRequeued, QVector<qint64>{t.id});
    QVERIFY(r->queuedFailed.isEmpty());
    QCOMPARE(snapshot(store, waiting.id), waitingBefore); // re-queueing a queued task is moot

    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Pending);
    QCOMPARE(task->maxAttempts, 2);
    const QVector<AuditEntry> audit = auditOf(tdb.db(), t.id);
    QCOMPARE(audit.first().action, QStringLiteral("cleanup"));
    QCOMPARE(
        audit.first().details.value(QStringLiteral("action")).toString(), QStringLiteral("retry"));
    // Due at once: the operator asked for it now; it runs again once the lost
    // worker's execution is known to be over.
    Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w2"), {t.queue});
    QVERIFY(c.ok() && !c->has_value());
    QVERIFY(executionEnded(tdb.db(), t.id));
    c = store.queue().claim(QStringLiteral("w2"), {t.queue});
    QVERIFY(c.ok() && c->has_value());
    QCOMPARE((*c)->attempt, 2);
    QCOMPARE((*c)->maxAttempts, 2);
}

void StuckTest::sweepsAreAudited()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    const MadeTask lost = makeTask(store, QStringLiteral("RUNNING"));
    const MadeTask queued = makeTask(store, QStringLiteral("PENDING"));
    QVERIFY(backdate(tdb, lost.id, 90000));
    QVERIFY(backdate(tdb, queued.id, 7 * 60000));
    QVERIFY(store.stuck().sweepLostWorkers(kHeartbeatTimeout, StuckTasks::kPoisonRescues).ok());
    QVERIFY(store.stuck().sweepQueued(kQueueThreshold).ok());

    const AuditEntry a = auditOf(tdb.db(), lost.id).first();
    QCOMPARE(a.action, QStringLiteral("sweep"));
    QCOMPARE(a.actor, kActor);
    QCOMPARE(a.details.value(QStringLiteral("rule")).toString(), QStringLiteral("lost_worker"));
    QCOMPARE(a.details.value(QStringLiteral("threshold_ms")).toInteger(), kHeartbeatTimeout);
    QVERIFY(a.details.value(QStringLiteral("age_ms")).toInteger() >= 90000);
    QCOMPARE(a.details.value(QStringLiteral("action")).toString(), QStringLiteral("requeue"));
    QCOMPARE(a.details.size(), 4);
    QCOMPARE(a.host, AuditLog::localHost());
    QCOMPARE(a.taskName, store.reader().task(lost.id)->name);
    QCOMPARE(a.beforeStatus, QStringLiteral("RUNNING"));
    QCOMPARE(a.afterStatus, QStringLiteral("PENDING"));

    const AuditEntry q = auditOf(tdb.db(), queued.id).first();
    QCOMPARE(q.details.value(QStringLiteral("rule")).toString(), QStringLiteral("stuck_in_queue"));
    QCOMPARE(q.beforeStatus, QStringLiteral("PENDING"));
    QCOMPARE(q.afterStatus, QStringLiteral("FAILED"));
    QCOMPARE(store.reader().task(queued.id)->errorMessage,
        QStringLiteral("Stuck in the queue longer than 5 minutes; cleaned up"));
    QCOMPARE(logMessages(store, queued.id).constLast(),
        QStringLiteral("Stuck in the queue for 7 min (threshold 5 min); marked FAILED "
                       "(stuck_swept) by sweeper-test"));
}

// ------------------------------------------------------------ the JSON operators script against

void StuckTest::stuckReportJson()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);

    Result<StuckReport> empty = store.stuck().stuckReport(StuckThresholds());
    QVERIFY(empty.ok());
    QJsonObject json = ctl::stuckReportJson(*empty);
    QCOMPARE(json.value(QStringLiteral("stuck_jobs")).toObject().value(QStringLiteral("total")), 0);
    QCOMPARE(json.value(QStringLiteral("recommendations")).toObject(),
        (QJsonObject{{QStringLiteral("cleanup_needed"), false},
            {QStringLiteral("message"), QStringLiteral("No stuck jobs.")}}));

    const MadeTask queued = makeTask(store, QStringLiteral("PENDING"));
    const MadeTask running
        = makeTask(store, QStringLiteral("RUNNING"), {}, 3, QStringLiteral("worker-east"));
    QVERIFY(backdate(tdb, queued.id, 12 * 60000));
    QVERIFY(backdate(tdb, running.id, 95000));
    Result<StuckReport> r = store.stuck().stuckReport(StuckThresholds());
    QVERIFY(r.ok());
    json = ctl::stuckReportJson(*r);

    const QJsonObject counts = json.value(QStringLiteral("stuck_jobs")).toObject();
    QCOMPARE(counts,
        (QJsonObject{{QStringLiteral("total"), 2}, {QStringLiteral("queued_stuck"), 1},
            {QStringLiteral("running_stuck"), 1}, {QStringLiteral("queued_shown"), 1},
            {QStringLiteral("running_shown"), 1}, {QStringLiteral("truncated"), false}}));
    QVERIFY(json.value(QStringLiteral("threshold_minutes")).isDouble());
    QCOMPARE(json.value(QStringLiteral("threshold_minutes")).toDouble(), 5.0);
    QCOMPARE(json.value(QStringLiteral("heartbeat_timeout_seconds")).toDouble(), 60.0);
    const QString monitoredAt = json.value(QStringLiteral("monitored_at")).toString();
    const QDateTime at = QDateTime::fromString(monitoredAt, Qt::ISODateWithMs);
    QVERIFY2(at.isValid(), qPrintable(monitoredAt));
    QCOMPARE(at.toMSecsSinceEpoch(), r->monitoredAt);
    QCOMPARE(json.value(QStringLiteral("recommendations")).toObject(),
        (QJsonObject{{QStringLiteral("cleanup_needed"), true},
            {QStringLiteral("message"),
                QStringLiteral(
                    "Found 2 stuck jobs: 1 queued, 1 running. Consider running cleanup.")}}));

    const QJsonArray queuedJobs = json.value(QStringLiteral("queued_jobs")).toArray();
    QCOMPARE(queuedJobs.size(), 1);
    const QJsonObject q = queuedJobs.first().toObject();
    QCOMPARE(q.value(QStringLiteral("id")).toInteger(), queued.id);
    QCOMPARE(q.value(QStringLiteral("status")).toString(), QStringLiteral("PENDING"));
    QCOMPARE(q.value(QStringLiteral("queue")).toString(), queued.queue);
    QCOMPARE(q.value(QStringLiteral("kind")).toString(), QStringLiteral("test.job"));
    QCOMPARE(q.value(QStringLiteral("waiting_minutes")).toInteger(), 12);
    for (const char *key : {"name", "attempt", "max_attempts", "created_at", "run_after"})
        QVERIFY2(q.contains(QLatin1String(key)), key);

    const QJsonArray runningJobs = json.value(QStringLiteral("running_jobs")).toArray();
    QCOMPARE(runningJobs.size(), 1);
    const QJsonObject w = runningJobs.first().toObject();
    QCOMPARE(w.value(QStringLiteral("id")).toInteger(), running.id);
    QCOMPARE(w.value(QStringLiteral("status")).toString(), QStringLiteral("RUNNING"));
    QCOMPARE(w.value(QStringLiteral("worker_id")).toString(), QStringLiteral("worker-east"));
    QCOMPARE(w.value(QStringLiteral("heartbeat_age_seconds")).toInteger(), 95);
    for (const char *key : {"started_at", "heartbeat_at", "attempt", "max_attempts"})
        QVERIFY2(w.contains(QLatin1String(key)), key);
}

void StuckTest::cleanupReportJson()
{
    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kActor);
    const MadeTask queued = makeTask(store, QStringLiteral("PENDING"));
    const MadeTask running = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(backdate(tdb, queued.id, 6 * 60000));
    QVERIFY(backdate(tdb, running.id, 61000));

    Result<CleanupReport> r = store.stuck().cleanup(StuckThresholds(), CleanupAction::MarkFailed);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QJsonObject json = r->toJson();
    QCOMPARE(json.value(QStringLiteral("action")).toString(), QStringLiteral("mark_failed"));
    QCOMPARE(json.value(QStringLiteral("cleaned_jobs")).toObject(),
        (QJsonObject{{QStringLiteral("queued"), 1}, {QStringLiteral("running"), 1},
            {QStringLiteral("total"), 2}, {QStringLiteral("shown"), 2},
            {QStringLiteral("truncated"), false}, {QStringLiteral("named"), 2},
            {QStringLiteral("left_alone"), 0}}));
    QCOMPARE(json.value(QStringLiteral("message")).toString(),
        QStringLiteral("Successfully cleaned up 2 stuck jobs."));
    QJsonArray failed = json.value(QStringLiteral("failed_ids")).toArray();
    QCOMPARE(failed.size(), 2);
    QVERIFY(failed.contains(queued.id));
    QVERIFY(failed.contains(running.id));
    QCOMPARE(json.value(QStringLiteral("requeued_ids")).toArray().size(), 0);
    QCOMPARE(json.value(QStringLiteral("threshold_minutes")).toDouble(), 5.0);
    QVERIFY(QDateTime::fromString(
        json.value(QStringLiteral("cleaned_at")).toString(), Qt::ISODateWithMs)
                .isValid());

    // Nothing left: the same call reports zero.
    r = store.stuck().cleanup(StuckThresholds(), CleanupAction::Retry);
    QVERIFY(r.ok());
    json = r->toJson();
    QCOMPARE(json.value(QStringLiteral("action")).toString(), QStringLiteral("retry"));
    QCOMPARE(
        json.value(QStringLiteral("cleaned_jobs")).toObject().value(QStringLiteral("total")), 0);
    QCOMPARE(json.value(QStringLiteral("message")).toString(),
        QStringLiteral("No stuck jobs to clean up."));

    QCOMPARE(parseCleanupAction(QStringLiteral("retry")), CleanupAction::Retry);
    QCOMPARE(parseCleanupAction(QStringLiteral("mark_failed")), CleanupAction::MarkFailed);
    QVERIFY(!parseCleanupAction(QStringLiteral("delete")).has_value());
}

// The confirmation names ids, not "every id up to the highest": a task that
// commits after the scope was read is left alone even with a lower id. On
// PostgreSQL another connection takes its id first and holds its transaction
// open across the scope; on SQLite (whose writers commit in id order) a row is
// written later under the id of a deleted task.
void StuckTest::aTaskCommittedAfterTheScopeIsLeftAloneWhateverItsId()
{
    TaskStore store(m_tdb->db(), kActor);
    std::unique_ptr<Database> other = m_tdb->open();
    QVERIFY(!other->open());
    if (TestDatabase::postgres()) {
        // The count triggers add to a row of task_state_counts chosen by the backend's
        // pid (modulo 16): a held insert on a connection of the same shard would
        // make the store's own enqueue below wait for it, and this single thread
        // would wait for ever. Another connection until the shards differ.
        const auto shard = [](Database &db) {
            QSqlQuery q(db.connection().value());
            return q.exec(QStringLiteral("SELECT pg_backend_pid() % 16")) && q.next()
                ? q.value(0).toInt()
                : -1;
        };
        const int ours = shard(m_tdb->db());
        QVERIFY(ours >= 0);
        for (int tries = 0; shard(*other) == ours && tries < 64; ++tries) {
            other = m_tdb->open();
            QVERIFY(!other->open());
        }
        QVERIFY(shard(*other) != ours);
    }
    QSqlQuery late(other->connection().value());
    qint64 lateId = 0;
    const QString insertLate = QStringLiteral(
        "INSERT INTO tasks (%1name, kind, args, run_after) VALUES (%2'late', 'test.job', '{}', "
        "1000) RETURNING id");
    if (TestDatabase::postgres()) {
        QVERIFY(late.exec(QStringLiteral("BEGIN")));
        QVERIFY2(
            late.exec(insertLate.arg(QString(), QString())), qPrintable(late.lastError().text()));
        QVERIFY(late.next());
        lateId = late.value(0).toLongLong();
        late.finish();
    } else {
        lateId = makeTask(store, QStringLiteral("PENDING")).id;
        QVERIFY(store.actions().remove(lateId).ok());
    }
    const MadeTask stuck = makeTask(store, QStringLiteral("PENDING"));
    QVERIFY(stuck.id > lateId);
    QVERIFY(backdate(*m_tdb, stuck.id, kQueueThreshold + 60000));

    Result<StuckReport> named = store.stuck().stuckScope(StuckThresholds());
    QVERIFY2(named.ok(), qPrintable(named.error().message()));
    QCOMPARE(named->queuedTotal, 1);
    QCOMPARE(named->queuedIds, QVector<qint64>{stuck.id});
    QVERIFY(named->maxTaskId >= stuck.id);

    // After the confirmation: the late task commits, due long ago.
    if (TestDatabase::postgres()) {
        QVERIFY(late.exec(QStringLiteral("COMMIT")));
    } else {
        QVERIFY2(late.exec(insertLate.arg(
                     QStringLiteral("id, "), QString::number(lateId) + QStringLiteral(", "))),
            qPrintable(late.lastError().text()));
        late.finish();
    }
    QCOMPARE(
        m_tdb->scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {lateId}).toString(),
        QStringLiteral("PENDING"));

    // A report without its ids names no set: refused, nothing changes.
    Result<StuckReport> counted = store.stuck().stuckReport(StuckThresholds(), 10);
    QVERIFY(counted.ok());
    Result<CleanupReport> refused = store.stuck().cleanup(*counted, CleanupAction::MarkFailed);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind(), ErrorKind::Invalid);

    Result<CleanupReport> done = store.stuck().cleanup(*named, CleanupAction::MarkFailed);
    QVERIFY2(done.ok(), qPrintable(done.error().message()));
    QCOMPARE(done->queuedFailed, QVector<qint64>{stuck.id});
    QCOMPARE(done->named, 1);
    QCOMPARE(
        m_tdb->scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {lateId}).toString(),
        QStringLiteral("PENDING"));
    QCOMPARE(m_tdb->scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {stuck.id})
                 .toString(),
        QStringLiteral("FAILED"));
    // It waits for the next pass.
    Result<StuckReport> after = store.stuck().stuckScope(StuckThresholds());
    QVERIFY(after.ok());
    QCOMPARE(after->queuedIds, QVector<qint64>{lateId});
}

TASKDESK_TEST_MAIN(StuckTest)
#include "tst_stuck.moc"
