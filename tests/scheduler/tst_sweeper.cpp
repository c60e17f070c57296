#include "core/scheduling/singletonlease.h"
#include "core/scheduling/sweeper.h"
#include "core/settings.h"
#include "core/tasks/taskstore.h"
#include "testdatabase.h"
#include "threadedobject.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

using namespace taskdesk;
using taskdesk::test::TestDatabase;
using ThreadedSweeper = taskdesk::test::ThreadedObject<Sweeper>;

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;

qint64 count(TestDatabase &tdb, const QString &sql, const QVariantList &values = {})
{
    return tdb.scalar(sql, values).toLongLong();
}

QSet<qint64> idSet(const QVector<qint64> &ids)
{
    return QSet<qint64>(ids.cbegin(), ids.cend());
}

// Everything a sweep could change, as text, to compare before and after.
QString snapshot(TestDatabase &tdb)
{
    QString text;
    for (const char *sql :
        {"SELECT id, status, outcome, error_message, rescues, attempt, run_after, updated_at, "
         "lease FROM tasks ORDER BY id",
            "SELECT id, status, heartbeat_at FROM workers ORDER BY id",
            "SELECT count(*) FROM audit_log", "SELECT count(*) FROM task_log",
            "SELECT name, holder, expires_at FROM leases ORDER BY name"}) {
        Result<QSqlQuery> q = tdb.db().prepare(QString::fromLatin1(sql));
        if (!q.ok() || tdb.db().exec(q.value()))
            return QStringLiteral("error");
        while (q.value().next()) {
            for (int i = 0; i < q.value().record().count(); ++i)
                text += q.value().value(i).toString() + QLatin1Char('|');
            text += QLatin1Char('\n');
        }
    }
    return text;
}

} // namespace

class TestSweeper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase() { m_shared.reset(); }
    void settingsValidation_data();
    void settingsValidation();
    void settingsDefaultsChangesAndAudit();
    void aBadStoredSettingIsReportedNotGuessed();
    void leaseIsAcquiredRenewedExpiredAndReleased();
    void leaseHolderNoticesATakeover();
    void leaseHasOneWinnerUnderContention();
    void lostWorkerTaskIsRequeuedUntilThePoisonPill();
    void heartbeatTimeoutComesFromTheSettings();
    void requeueBackoffComesFromTheSettings();
    void aRequeueDelayLongerThanItsCapIsRefused();
    void tasksStuckInTheQueue_data();
    void tasksStuckInTheQueue();
    void workersWithoutHeartbeatAreMarkedLost();
    void dryRunChangesNothingAndPredictsTheSweep();
    void newStuckTasksOnlyWhenTheSetGrows();
    void onlyTheLeaseHolderActsAndTheLeasePassesOver();
    void twoSweepersOnTwoConnectionsNeverDoubleAct();

private:
    // A RUNNING task on `worker` whose heartbeat is `ageMs` old.
    qint64 runningTask(TestDatabase &tdb, const QString &worker, qint64 ageMs, int maxAttempts = 3);
    qint64 pendingTask(TestDatabase &tdb, qint64 waitingMs);
    // One database for the rows of a data-driven test, emptied for each row:
    // creating a PostgreSQL database per row would take most of the run.
    TestDatabase &shared(const QStringList &emptyFirst);
    std::unique_ptr<TestDatabase> m_shared;
    int m_queue = 0;
};

TestDatabase &TestSweeper::shared(const QStringList &emptyFirst)
{
    if (!m_shared)
        m_shared = std::make_unique<TestDatabase>();
    if (m_shared->isValid()) {
        for (const QString &sql : emptyFirst)
            m_shared->exec(sql);
    }
    return *m_shared;
}

namespace {

// What the hosts of lost workers report once their executions are gone: the
// tasks may run again (DESIGN.md rule 7).
bool endExecutions(TestDatabase &tdb)
{
    return tdb.exec(QStringLiteral("UPDATE executions SET ended_at = {NOW}, end_reason = "
                                   "'reaped' WHERE ended_at IS NULL"));
}

} // namespace

qint64 TestSweeper::runningTask(
    TestDatabase &tdb, const QString &worker, qint64 ageMs, int maxAttempts)
{
    TaskStore tasks(tdb.db(), QStringLiteral("tester"));
    NewTask t;
    t.kind = QStringLiteral("job");
    // A queue of its own, so that the claim takes this task and no other.
    t.queue = QStringLiteral("q%1").arg(++m_queue);
    t.maxAttempts = maxAttempts;
    Result<qint64> id = tasks.queue().enqueue(t);
    if (!id.ok())
        return 0;
    Result<std::optional<Claim>> claim = tasks.queue().claim(worker, {t.queue});
    if (!claim.ok() || !claim.value() || claim.value()->taskId != *id)
        return 0;
    if (!tdb.exec(
            QStringLiteral("UPDATE tasks SET heartbeat_at = {NOW} - ? WHERE id = ?"), {ageMs, *id}))
        return 0;
    return *id;
}

qint64 TestSweeper::pendingTask(TestDatabase &tdb, qint64 waitingMs)
{
    TaskStore tasks(tdb.db(), QStringLiteral("tester"));
    NewTask t;
    t.kind = QStringLiteral("job");
    t.queue = QStringLiteral("q%1").arg(++m_queue);
    Result<qint64> id = tasks.queue().enqueue(t);
    if (!id.ok()
        || !tdb.exec(QStringLiteral("UPDATE tasks SET run_after = {NOW} - ?, created_at = {NOW} - "
                                    "? WHERE id = ?"),
            {waitingMs, waitingMs, *id}))
        return 0;
    return *id;
}

// ---------------------------------------------------------------- settings

void TestSweeper::settingsValidation_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error"); // empty: accepted

    // clang-format off
    QTest::newRow("a heartbeat timeout of 90 seconds is accepted")
        << "sweeper.heartbeat_timeout_s" << "90" << "";
    QTest::newRow("a heartbeat timeout under one second is refused")
        << "sweeper.heartbeat_timeout_s" << "0"
        << "sweeper.heartbeat_timeout_s must be between 1 and 604800 seconds (7 days); got 0";
    QTest::newRow("a negative sweep interval is refused")
        << "sweeper.interval_s" << "-5"
        << "sweeper.interval_s must be between 1 and 3600 seconds (1 hour); got -5";
    QTest::newRow("a queue threshold of a year is refused")
        << "sweeper.queue_threshold_s" << "31536000" << "between 1 and 2592000 seconds (30 days)";
    QTest::newRow("a fractional interval is refused")
        << "sweeper.interval_s" << "1.5"
        << "sweeper.interval_s must be a whole number of seconds; got '1.5'";
    QTest::newRow("words for a number are refused")
        << "sweeper.queue_threshold_s" << "soon" << "must be a whole number of seconds";
    QTest::newRow("a number too long for any clock is refused")
        << "sweeper.interval_s" << "99999999999999999999" << "must be a whole number";
    QTest::newRow("spaces around a number are forgiven")
        << "sweeper.interval_s" << " 30 " << "";
    QTest::newRow("the mark_failed policy is accepted")
        << "sweeper.queue_policy" << "mark_failed" << "";
    QTest::newRow("an unknown policy is refused")
        << "sweeper.queue_policy" << "delete"
        << "sweeper.queue_policy must be one of report, mark_failed; got 'delete'";
    QTest::newRow("a poison pill at the first loss is accepted")
        << "sweeper.poison_rescues" << "1" << "";
    QTest::newRow("never re-queueing a lost task is accepted")
        << "sweeper.poison_rescues" << "0" << "";
    QTest::newRow("a negative poison pill is refused")
        << "sweeper.poison_rescues" << "-1"
        << "sweeper.poison_rescues must be between 0 and 100; got -1";
    QTest::newRow("a re-queue delay of 10 s is accepted")
        << "sweeper.retry_base_s" << "10" << "";
    QTest::newRow("no re-queue delay is refused")
        << "sweeper.retry_base_s" << "0"
        << "sweeper.retry_base_s must be between 1 and 86400 seconds (1 day); got 0";
    QTest::newRow("a re-queue cap of a week is accepted")
        << "sweeper.retry_cap_s" << "604800" << "";
    QTest::newRow("a re-queue cap over a week is refused")
        << "sweeper.retry_cap_s" << "604801" << "between 1 and 604800 seconds (7 days)";
    QTest::newRow("a scheduler interval of a minute is accepted")
        << "scheduler.interval_s" << "60" << "";
    QTest::newRow("a scheduler interval over a minute is refused")
        << "scheduler.interval_s" << "61" << "between 1 and 60 seconds (1 min)";
    QTest::newRow("an unknown key is refused")
        << "sweeper.colour" << "red" << "unknown setting 'sweeper.colour' (known settings: ";
    // clang-format on
}

void TestSweeper::settingsValidation()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, error);

    const Error checked = Settings::validate(key, value);
    if (error.isEmpty())
        QVERIFY2(!checked, qPrintable(checked.message()));
    else
        QVERIFY2(checked.message().contains(error), qPrintable(checked.message()));

    TestDatabase &tdb
        = shared({QStringLiteral("DELETE FROM settings"), QStringLiteral("DELETE FROM audit_log")});
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    const Error e = settings.set(key, value);
    QCOMPARE(e.message(), checked.message());
    if (error.isEmpty()) {
        QCOMPARE(settings.value(key).value(), value.trimmed());
        QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM audit_log")), 1);
    } else {
        QCOMPARE(e.kind(), ErrorKind::Invalid);
        QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM settings")), 0);
        QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM audit_log")), 0);
    }
}

void TestSweeper::settingsDefaultsChangesAndAudit()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("alice"));
    Result<SweeperRules> defaults = settings.sweeperRules();
    QVERIFY(defaults.ok());
    QCOMPARE(defaults->intervalMs, 15 * kSecond);
    QCOMPARE(defaults->heartbeatTimeoutMs, 60 * kSecond);
    QCOMPARE(defaults->queueThresholdMs, 5 * kMinute);
    QCOMPARE(defaults->queuePolicy, QueuePolicy::Report);
    QCOMPARE(defaults->poisonRescues, 3);
    QCOMPARE(settings.schedulerRules()->intervalMs, kSecond);
    QCOMPARE(
        settings.values()->value(QStringLiteral("sweeper.queue_policy")), QStringLiteral("report"));
    QCOMPARE(settings.values()->size(), Settings::specs().size());

    SweeperRules rules = *defaults;
    rules.heartbeatTimeoutMs = 120 * kSecond;
    rules.queuePolicy = QueuePolicy::MarkFailed;
    QVERIFY(!settings.setSweeperRules(rules));
    Result<SweeperRules> read = settings.sweeperRules();
    QCOMPARE(read->heartbeatTimeoutMs, 120 * kSecond);
    QCOMPARE(read->queuePolicy, QueuePolicy::MarkFailed);
    QCOMPARE(read->queueThresholdMs, 5 * kMinute);
    // Only what changed is audited, with who, from and to.
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'setting_change' AND actor = 'alice'")),
        2);
    const QJsonObject details
        = QJsonDocument::fromJson(tdb.scalar(QStringLiteral("SELECT details FROM audit_log WHERE "
                                                            "details {LIKE} ?"),
                                         {QStringLiteral("%heartbeat%")})
                                      .toString()
                                      .toUtf8())
              .object();
    QCOMPARE(details.value(QStringLiteral("from")).toString(), QStringLiteral("60"));
    QCOMPARE(details.value(QStringLiteral("to")).toString(), QStringLiteral("120"));

    // All or nothing: one bad value keeps the good ones out too.
    const Error mixed = settings.set(
        QMap<QString, QString>{{QStringLiteral("sweeper.interval_s"), QStringLiteral("5")},
            {QStringLiteral("sweeper.poison_rescues"), QStringLiteral("1000")}});
    QVERIFY(mixed.message().contains(QStringLiteral("sweeper.poison_rescues")));
    QCOMPARE(settings.sweeperRules()->intervalMs, 15 * kSecond);

    QVERIFY(!settings.reset(QStringLiteral("sweeper.heartbeat_timeout_s")));
    QCOMPARE(settings.sweeperRules()->heartbeatTimeoutMs, 60 * kSecond);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'setting_change'")),
        3);
    QCOMPARE(settings.reset(QStringLiteral("nope")).kind(), ErrorKind::Invalid);

    // Sub-second rules cannot be stored: the settings hold whole seconds.
    rules.intervalMs = 500;
    QVERIFY(settings.setSweeperRules(rules).message().contains(QStringLiteral("whole seconds")));
}

void TestSweeper::aBadStoredSettingIsReportedNotGuessed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    QVERIFY(!settings.set(QStringLiteral("sweeper.heartbeat_timeout_s"), QStringLiteral("120")));
    Sweeper sweeper(tdb.db());
    QVERIFY(sweeper.sweepNow().ok());
    QCOMPARE(sweeper.rules().heartbeatTimeoutMs, 120 * kSecond);

    // Written by hand, behind the validation's back.
    QVERIFY(tdb.exec(QStringLiteral(
        "UPDATE settings SET value = '-1' WHERE key = 'sweeper.heartbeat_timeout_s'")));
    Result<SweeperRules> rules = settings.sweeperRules();
    QVERIFY(!rules.ok());
    QVERIFY2(rules.error().message().contains(QStringLiteral("sweeper.heartbeat_timeout_s")),
        qPrintable(rules.error().message()));

    // The sweeper says so once and goes on with the last good rules.
    QSignalSpy errors(&sweeper, &Sweeper::errorOccurred);
    QTest::ignoreMessage(
        QtWarningMsg, QRegularExpression(QStringLiteral("sweeper: .*sweeper.heartbeat_timeout_s")));
    QVERIFY(sweeper.sweepNow().ok());
    QVERIFY(sweeper.sweepNow().ok());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(sweeper.rules().heartbeatTimeoutMs, 120 * kSecond);
}

// ---------------------------------------------------------------- the lease

void TestSweeper::leaseIsAcquiredRenewedExpiredAndReleased()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    std::unique_ptr<Database> second = tdb.open();
    SingletonLease a(tdb.db(), QStringLiteral("thing"), QStringLiteral("holder-a"), 60000);
    SingletonLease b(*second, QStringLiteral("thing"), QStringLiteral("holder-b"), 60000);

    QVERIFY(!SingletonLease::current(tdb.db(), QStringLiteral("thing")).value().has_value());
    QCOMPARE(a.tryAcquire().value(), true);
    QCOMPARE(b.tryAcquire().value(), false);
    QVERIFY(a.isHeld());
    QVERIFY(!b.isHeld());
    const LeaseInfo first = *SingletonLease::current(tdb.db(), QStringLiteral("thing")).value();
    QCOMPARE(first.holder, QStringLiteral("holder-a"));
    QVERIFY(!first.expired());
    QVERIFY(first.expiresAt - first.dbNow > 55000 && first.expiresAt - first.dbNow <= 60000);

    QTest::qWait(20);
    QCOMPARE(a.renew().value(), true);
    const LeaseInfo renewed = *SingletonLease::current(tdb.db(), QStringLiteral("thing")).value();
    QCOMPARE(renewed.acquiredAt, first.acquiredAt); // a renewal is not a new holder
    QVERIFY(renewed.expiresAt > first.expiresAt);

    // The holder stopped renewing: once expired, the other one takes it.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE leases SET expires_at = {NOW} - 1")));
    QVERIFY(SingletonLease::current(tdb.db(), QStringLiteral("thing")).value()->expired());
    QCOMPARE(b.tryAcquire().value(), true);
    QCOMPARE(a.renew().value(), false);
    QVERIFY(!a.isHeld());
    const LeaseInfo taken = *SingletonLease::current(tdb.db(), QStringLiteral("thing")).value();
    QCOMPARE(taken.holder, QStringLiteral("holder-b"));
    QVERIFY(taken.acquiredAt > first.acquiredAt);

    // Only the holder can release; a release hands over at once.
    QVERIFY(!a.release());
    QCOMPARE(SingletonLease::current(tdb.db(), QStringLiteral("thing")).value()->holder,
        QStringLiteral("holder-b"));
    QVERIFY(!b.release());
    QVERIFY(!SingletonLease::current(tdb.db(), QStringLiteral("thing")).value().has_value());
    QCOMPARE(a.tryAcquire().value(), true);

    // Leases of other names are independent.
    SingletonLease other(*second, QStringLiteral("other"), QStringLiteral("holder-b"), 60000);
    QCOMPARE(other.tryAcquire().value(), true);

    SingletonLease tooShort(tdb.db(), QStringLiteral("x"), QStringLiteral("h"), 10);
    QCOMPARE(tooShort.tryAcquire().error().kind(), ErrorKind::Invalid);
}

void TestSweeper::leaseHolderNoticesATakeover()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    SingletonLease lease(tdb.db(), QStringLiteral("held"), QStringLiteral("me"), 900);
    QCOMPARE(lease.hold().value(), true);
    // Taken away behind its back (as after a long freeze): hold() trusts its
    // memory for a third of the TTL at most, then asks the database again.
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE leases SET holder = 'someone', expires_at = {NOW} + 60000")));
    QTRY_VERIFY_WITH_TIMEOUT(!lease.hold().value(), 10000);
    QVERIFY(!lease.isHeld());
    QCOMPARE(lease.tryAcquire().value(), false);
}

void TestSweeper::leaseHasOneWinnerUnderContention()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    constexpr int kThreads = 4;
    constexpr int kNames = 25;
    std::atomic<int> winners[kNames] = {};
    std::atomic<int> errors{0};
    QVector<QThread *> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.append(QThread::create([&tdb, &winners, &errors, t]() {
            std::unique_ptr<Database> db = tdb.open();
            for (int n = 0; n < kNames; ++n) {
                SingletonLease lease(*db, QStringLiteral("contended-%1").arg(n),
                    QStringLiteral("thread-%1").arg(t), 60000);
                Result<bool> won = lease.tryAcquire();
                if (!won.ok())
                    ++errors;
                else if (*won)
                    ++winners[n];
            }
        }));
    }
    for (QThread *t : std::as_const(threads))
        t->start();
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(t->wait(120000));
        delete t;
    }
    QCOMPARE(errors.load(), 0);
    for (int n = 0; n < kNames; ++n)
        QCOMPARE(winners[n].load(), 1);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM leases")), qint64(kNames));
}

// ---------------------------------------------------------------- the rules

void TestSweeper::lostWorkerTaskIsRequeuedUntilThePoisonPill()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const qint64 id = runningTask(tdb, QStringLiteral("worker-1"), 2 * kMinute, 10);
    QVERIFY(id > 0);
    Sweeper sweeper(tdb.db());
    TaskStore tasks(tdb.db(), QStringLiteral("tester"));

    for (int loss = 1; loss <= 3; ++loss) {
        if (loss > 1) {
            QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = 0 WHERE id = ?"), {id}));
            // The lost worker's host saw its execution end (DESIGN.md rule 7).
            QVERIFY(endExecutions(tdb));
            Result<std::optional<Claim>> claim = tasks.queue().claim(
                QStringLiteral("worker-%1").arg(loss), {tasks.reader().task(id)->queue});
            QVERIFY(claim.ok() && claim.value());
            QVERIFY(
                tdb.exec(QStringLiteral("UPDATE tasks SET heartbeat_at = {NOW} - ? WHERE id = ?"),
                    {2 * kMinute, id}));
        }
        Result<SweepReport> report = sweeper.sweepNow();
        QVERIFY2(report.ok(), qPrintable(report.error().message()));
        Result<Task> task = tasks.reader().task(id);
        QCOMPARE(task->rescues, loss);
        const QJsonObject audit
            = QJsonDocument::fromJson(tdb.scalar(QStringLiteral("SELECT details FROM audit_log "
                                                                "WHERE action = 'sweep' AND "
                                                                "actor = 'sweeper' ORDER BY id "
                                                                "DESC"))
                                          .toString()
                                          .toUtf8())
                  .object();
        QCOMPARE(audit.value(QStringLiteral("rule")).toString(), QStringLiteral("lost_worker"));
        QCOMPARE(audit.value(QStringLiteral("threshold_ms")).toInteger(), 60 * kSecond);
        QVERIFY(audit.value(QStringLiteral("age_ms")).toInteger() >= 2 * kMinute);
        QCOMPARE(count(tdb,
                     QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'sweep' "
                                    "AND task_id = ?"),
                     {id}),
            loss);
        if (loss < 3) {
            QCOMPARE(report->tasks.runningRequeued, QVector<qint64>{id});
            QCOMPARE(task->status, TaskStatus::Pending);
            QCOMPARE(audit.value(QStringLiteral("action")).toString(), QStringLiteral("requeue"));
            QVERIFY(task->runAfter > task->dbNow); // with backoff
        } else {
            // The third loss in a row: a poison pill, not re-queued again.
            QCOMPARE(report->tasks.runningFailed, QVector<qint64>{id});
            QCOMPARE(task->status, TaskStatus::Failed);
            QCOMPARE(task->outcome, QStringLiteral("worker_lost"));
            QVERIFY2(task->errorMessage.contains(QStringLiteral("3 times in a row")),
                qPrintable(task->errorMessage));
            QVERIFY(task->errorMessage.contains(QStringLiteral("poison pill")));
            QCOMPARE(
                audit.value(QStringLiteral("action")).toString(), QStringLiteral("mark_failed"));
        }
    }
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM task_log WHERE task_id = ? AND "
                                "message {LIKE} ?"),
                 {id, QStringLiteral("Worker worker-% lost: no heartbeat for%")}),
        3);
}

void TestSweeper::heartbeatTimeoutComesFromTheSettings()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const qint64 id = runningTask(tdb, QStringLiteral("slow-worker"), 2 * kMinute);
    const qint64 fresh = runningTask(tdb, QStringLiteral("busy-worker"), 10 * kSecond);
    QVERIFY(id > 0 && fresh > 0);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    QVERIFY(!settings.set(QStringLiteral("sweeper.heartbeat_timeout_s"), QStringLiteral("300")));
    Sweeper sweeper(tdb.db());
    QCOMPARE(sweeper.sweepNow()->tasks.total(), 0);
    // Read again on every pass: no restart needed.
    QVERIFY(!settings.set(QStringLiteral("sweeper.heartbeat_timeout_s"), QStringLiteral("60")));
    Result<SweepReport> report = sweeper.sweepNow();
    QCOMPARE(report->tasks.runningRequeued, QVector<qint64>{id});
    QCOMPARE(report->tasks.thresholds.heartbeatTimeoutMs, 60 * kSecond);
    TaskStore tasks(tdb.db());
    QCOMPARE(tasks.reader().task(fresh)->status, TaskStatus::Running);
    QCOMPARE(tasks.reader().task(fresh)->rescues, 0);
}

void TestSweeper::requeueBackoffComesFromTheSettings()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    Result<SweeperRules> defaults = settings.sweeperRules();
    QCOMPARE(defaults->retryBaseMs, 5 * kSecond);
    QCOMPARE(defaults->retryCapMs, 60 * kMinute);
    QVERIFY(!settings.set(
        QMap<QString, QString>{{QStringLiteral("sweeper.retry_base_s"), QStringLiteral("30")},
            {QStringLiteral("sweeper.retry_cap_s"), QStringLiteral("100")}}));
    // Its first attempt lost: the base. Its third: 30 s × 4 = 120 s, held to the cap.
    const qint64 first = runningTask(tdb, QStringLiteral("w1"), 2 * kMinute, 10);
    const qint64 third = runningTask(tdb, QStringLiteral("w2"), 2 * kMinute, 10);
    QVERIFY(first > 0 && third > 0);
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET attempt = 3 WHERE id = ?"), {third}));
    Sweeper sweeper(tdb.db());
    Result<SweepReport> report = sweeper.sweepNow();
    QVERIFY2(report.ok(), qPrintable(report.error().message()));
    QCOMPARE(idSet(report->tasks.runningRequeued), (QSet<qint64>{first, third}));
    QCOMPARE(report->toJson().value(QStringLiteral("retry_base_ms")).toInteger(), 30 * kSecond);
    TaskStore tasks(tdb.db());
    for (const auto &[id, delay] :
        {std::pair{first, 30 * kSecond}, std::pair{third, 100 * kSecond}}) {
        const Task t = *tasks.reader().task(id);
        QCOMPARE(t.status, TaskStatus::Pending);
        // The sweep wrote run_after from its own clock, a moment before dbNow.
        QVERIFY2(t.runAfter - t.dbNow > delay - 5 * kSecond && t.runAfter - t.dbNow <= delay,
            qPrintable(QStringLiteral("task %1 due in %2 ms, expected %3 ms")
                           .arg(id)
                           .arg(t.runAfter - t.dbNow)
                           .arg(delay)));
    }
}

void TestSweeper::aRequeueDelayLongerThanItsCapIsRefused()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    // Alone, a base over the default cap of an hour: refused, nothing written.
    const Error alone
        = settings.set(QStringLiteral("sweeper.retry_base_s"), QStringLiteral("7200"));
    QCOMPARE(alone.kind(), ErrorKind::Invalid);
    QCOMPARE(alone.message(),
        QStringLiteral("sweeper.retry_base_s (7200 s) must not exceed sweeper.retry_cap_s "
                       "(3600 s)"));
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM settings")), 0);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM audit_log")), 0);
    // With a cap to match, in one change: accepted.
    QVERIFY(!settings.set(
        QMap<QString, QString>{{QStringLiteral("sweeper.retry_base_s"), QStringLiteral("7200")},
            {QStringLiteral("sweeper.retry_cap_s"), QStringLiteral("86400")}}));
    QCOMPARE(settings.sweeperRules()->retryBaseMs, 7200 * kSecond);
    // Lowering the cap under the base alone, or back to its default: refused.
    QVERIFY(settings.set(QStringLiteral("sweeper.retry_cap_s"), QStringLiteral("60")));
    const Error reset = settings.reset(QStringLiteral("sweeper.retry_cap_s"));
    QCOMPARE(reset.kind(), ErrorKind::Invalid);
    QVERIFY2(reset.message().contains(QStringLiteral("(3600 s)")), qPrintable(reset.message()));
    QCOMPARE(settings.sweeperRules()->retryCapMs, 86400 * kSecond);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'setting_change'")),
        2);
    // Written by hand: the rules name both.
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE settings SET value = '60' WHERE key = 'sweeper.retry_cap_s'")));
    Result<SweeperRules> rules = settings.sweeperRules();
    QVERIFY(!rules.ok());
    QVERIFY2(rules.error().message().contains(
                 QStringLiteral("sweeper.retry_base_s (7200 s) must not exceed")),
        qPrintable(rules.error().message()));
    // A change of another setting is not held up by them.
    QVERIFY(!settings.set(QStringLiteral("sweeper.interval_s"), QStringLiteral("20")));
}

void TestSweeper::tasksStuckInTheQueue_data()
{
    QTest::addColumn<QString>("policy");
    QTest::newRow("the report policy lists them and changes nothing") << "report";
    QTest::newRow("the mark_failed policy fails them") << "mark_failed";
}

void TestSweeper::tasksStuckInTheQueue()
{
    QFETCH(QString, policy);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    QVERIFY(!settings.set(QStringLiteral("sweeper.queue_policy"), policy));
    QVERIFY(!settings.set(QStringLiteral("sweeper.queue_threshold_s"), QStringLiteral("120")));
    const qint64 stuck = pendingTask(tdb, 10 * kMinute);
    const qint64 waiting = pendingTask(tdb, kMinute);
    QVERIFY(stuck > 0 && waiting > 0);
    const qint64 auditBefore = count(tdb, QStringLiteral("SELECT count(*) FROM audit_log"));

    Sweeper sweeper(tdb.db());
    Result<SweepReport> report = sweeper.sweepNow();
    QVERIFY2(report.ok(), qPrintable(report.error().message()));
    TaskStore tasks(tdb.db());
    QCOMPARE(tasks.reader().task(waiting)->status, TaskStatus::Pending);
    const QJsonObject json = report->toJson();
    QCOMPARE(json.value(QStringLiteral("queue_policy")).toString(), policy);
    if (policy == QLatin1String("report")) {
        QCOMPARE(report->queuedReported.size(), 1);
        QCOMPARE(report->queuedReported.at(0).task.id, stuck);
        QVERIFY(report->queuedReported.at(0).ageMs >= 10 * kMinute);
        QVERIFY(report->tasks.queuedFailed.isEmpty());
        QCOMPARE(tasks.reader().task(stuck)->status, TaskStatus::Pending);
        QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM audit_log")), auditBefore);
        QCOMPARE(json.value(QStringLiteral("reported_ids")).toArray(), QJsonArray{stuck});
    } else {
        QCOMPARE(report->tasks.queuedFailed, QVector<qint64>{stuck});
        QVERIFY(report->queuedReported.isEmpty());
        QCOMPARE(tasks.reader().task(stuck)->status, TaskStatus::Failed);
        QCOMPARE(tasks.reader().task(stuck)->outcome, QStringLiteral("stuck_swept"));
        const QJsonObject audit = QJsonDocument::fromJson(
            tdb.scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = 'sweep' AND "
                                      "task_id = ? AND actor = 'sweeper'"),
                   {stuck})
                .toString()
                .toUtf8())
                                      .object();
        QCOMPARE(audit.value(QStringLiteral("rule")).toString(), QStringLiteral("stuck_in_queue"));
        QCOMPARE(audit.value(QStringLiteral("threshold_ms")).toInteger(), 2 * kMinute);
        QVERIFY(audit.value(QStringLiteral("age_ms")).toInteger() >= 10 * kMinute);
        QCOMPARE(audit.value(QStringLiteral("action")).toString(), QStringLiteral("mark_failed"));
        QCOMPARE(count(tdb,
                     QStringLiteral("SELECT count(*) FROM task_log WHERE task_id = ? AND "
                                    "message {LIKE} ?"),
                     {stuck, QStringLiteral("Stuck in the queue%")}),
            1);
        QCOMPARE(json.value(QStringLiteral("failed_ids")).toArray(), QJsonArray{stuck});
    }
}

void TestSweeper::workersWithoutHeartbeatAreMarkedLost()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString insert = QStringLiteral(
        "INSERT INTO workers (id, name, host, pid, status, heartbeat_at) VALUES (?, ?, "
        "'host-a', ?, ?, {NOW} - ?)");
    QVERIFY(tdb.exec(insert,
        {QStringLiteral("w-silent"), QStringLiteral("silent"), 101, QStringLiteral("running"),
            5 * kMinute}));
    QVERIFY(tdb.exec(insert,
        {QStringLiteral("w-alive"), QStringLiteral("alive"), 102, QStringLiteral("running"),
            5 * kSecond}));
    QVERIFY(tdb.exec(insert,
        {QStringLiteral("w-stopped"), QStringLiteral("stopped"), 103, QStringLiteral("stopped"),
            60 * kMinute}));

    Sweeper sweeper(tdb.db());
    Result<SweepReport> report = sweeper.sweepNow();
    QVERIFY2(report.ok(), qPrintable(report.error().message()));
    QCOMPARE(report->workersLost.size(), 1);
    QCOMPARE(report->workersLost.at(0).id, QStringLiteral("w-silent"));
    QCOMPARE(report->workersLost.at(0).pid, qint64(101));
    QVERIFY(report->workersLost.at(0).ageMs >= 5 * kMinute);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT status FROM workers WHERE id = 'w-silent'")),
        QVariant(QStringLiteral("lost")));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT status FROM workers WHERE id = 'w-alive'")),
        QVariant(QStringLiteral("running")));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT status FROM workers WHERE id = 'w-stopped'")),
        QVariant(QStringLiteral("stopped")));

    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'worker_lost'")),
        1);
    const QJsonObject audit = QJsonDocument::fromJson(
        tdb.scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = 'worker_lost' AND "
                                  "actor = 'sweeper' AND before_status = 'running' AND "
                                  "after_status = 'lost'"))
            .toString()
            .toUtf8())
                                  .object();
    QCOMPARE(audit.value(QStringLiteral("rule")).toString(), QStringLiteral("worker_heartbeat"));
    QCOMPARE(audit.value(QStringLiteral("threshold_ms")).toInteger(), 60 * kSecond);
    QVERIFY(audit.value(QStringLiteral("age_ms")).toInteger() >= 5 * kMinute);
    QCOMPARE(audit.value(QStringLiteral("action")).toString(), QStringLiteral("mark_lost"));
    QCOMPARE(audit.value(QStringLiteral("worker_id")).toString(), QStringLiteral("w-silent"));

    // A lost worker is not lost again on the next pass.
    QVERIFY(sweeper.sweepNow()->workersLost.isEmpty());
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'worker_lost'")),
        1);
    QCOMPARE(report->toJson().value(QStringLiteral("workers_lost")).toArray().size(), 1);
}

void TestSweeper::dryRunChangesNothingAndPredictsTheSweep()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    QVERIFY(!settings.set(QStringLiteral("sweeper.queue_policy"), QStringLiteral("mark_failed")));
    const qint64 requeue = runningTask(tdb, QStringLiteral("w1"), 2 * kMinute);
    const qint64 poisoned = runningTask(tdb, QStringLiteral("w1"), 2 * kMinute);
    const qint64 exhausted = runningTask(tdb, QStringLiteral("w1"), 2 * kMinute, 1);
    const qint64 healthy = runningTask(tdb, QStringLiteral("w2"), 5 * kSecond);
    const qint64 queued = pendingTask(tdb, 30 * kMinute);
    QVERIFY(requeue && poisoned && exhausted && healthy && queued);
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET rescues = 2 WHERE id = ?"), {poisoned}));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO workers (id, name, host, status, heartbeat_at) "
                                    "VALUES ('w1', 'w1', 'h', 'running', {NOW} - 300000)")));

    Sweeper sweeper(tdb.db());
    const QString before = snapshot(tdb);
    Result<SweepReport> dry = sweeper.dryRun();
    QVERIFY2(dry.ok(), qPrintable(dry.error().message()));
    QCOMPARE(snapshot(tdb), before);
    QVERIFY(dry->dryRun);
    QCOMPARE(dry->tasks.runningRequeued, QVector<qint64>{requeue});
    QCOMPARE(idSet(dry->tasks.runningFailed), (QSet<qint64>{poisoned, exhausted}));
    QCOMPARE(dry->tasks.queuedFailed, QVector<qint64>{queued});
    QCOMPARE(dry->workersLost.size(), 1);

    // The JSON of a clean-up report, plus the workers.
    const QJsonObject json = dry->toJson();
    for (const QString &key : CleanupReport().toJson().keys())
        QVERIFY2(json.contains(key), qPrintable(key));
    QCOMPARE(json.value(QStringLiteral("dry_run")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("cleaned_jobs"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
        4);
    QCOMPARE(json.value(QStringLiteral("workers_lost")).toArray().size(), 1);
    QVERIFY(json.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("Dry run")));

    // The real pass does just what the dry run said.
    Result<SweepReport> real = sweeper.sweepNow();
    QVERIFY(real.ok());
    QVERIFY(!real->dryRun);
    QCOMPARE(real->tasks.runningRequeued, dry->tasks.runningRequeued);
    QCOMPARE(idSet(real->tasks.runningFailed), idSet(dry->tasks.runningFailed));
    QCOMPARE(real->tasks.queuedFailed, dry->tasks.queuedFailed);
    QCOMPARE(real->workersLost.size(), 1);
    QCOMPARE(real->workersLost.at(0).id, dry->workersLost.at(0).id);
    QVERIFY(snapshot(tdb) != before);
    // Nothing left to do.
    Result<SweepReport> after = sweeper.dryRun();
    QCOMPARE(after->tasks.total(), 0);
    QVERIFY(after->workersLost.isEmpty());
}

void TestSweeper::newStuckTasksOnlyWhenTheSetGrows()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    QVERIFY(!settings.set(QStringLiteral("sweeper.queue_threshold_s"), QStringLiteral("60")));
    QVERIFY(pendingTask(tdb, 5 * kMinute) > 0);
    QVERIFY(pendingTask(tdb, 5 * kMinute) > 0);

    Sweeper sweeper(tdb.db());
    QSignalSpy fresh(&sweeper, &Sweeper::newStuckTasks);
    QSignalSpy swept(&sweeper, &Sweeper::swept);
    QVERIFY(sweeper.sweepNow().ok());
    QCOMPARE(fresh.size(), 1);
    QCOMPARE(fresh.at(0).at(0).toInt(), 2);
    // Still the same two: no second notification.
    QVERIFY(sweeper.sweepNow().ok());
    QCOMPARE(fresh.size(), 1);
    const qint64 third = pendingTask(tdb, 5 * kMinute);
    QVERIFY(sweeper.sweepNow().ok());
    QCOMPARE(fresh.size(), 2);
    QCOMPARE(fresh.at(1).at(0).toInt(), 1);
    // One leaves the set: the set shrinks, nobody is told.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = {NOW} WHERE id = ?"), {third}));
    QVERIFY(sweeper.sweepNow().ok());
    QCOMPARE(fresh.size(), 2);
    // A lost worker's task is a stuck task as well.
    QVERIFY(runningTask(tdb, QStringLiteral("w"), 5 * kMinute) > 0);
    QVERIFY(sweeper.sweepNow().ok());
    QCOMPARE(fresh.size(), 3);
    QCOMPARE(fresh.at(2).at(0).toInt(), 1);
    QCOMPARE(swept.size(), 5);
}

// ---------------------------------------------------------------- two sweepers

void TestSweeper::onlyTheLeaseHolderActsAndTheLeasePassesOver()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    std::unique_ptr<Database> second = tdb.open();
    Sweeper a(tdb.db());
    Sweeper b(*second);
    a.setHolderId(QStringLiteral("sweeper-a"));
    b.setHolderId(QStringLiteral("sweeper-b"));
    constexpr qint64 kTtl = 1500;
    // A running sweeper acts on lost workers only after watching for a whole
    // heartbeat timeout: a short one keeps the test short.
    Settings settings(tdb.db(), QStringLiteral("tester"));
    QVERIFY(!settings.set(QString(SettingKey::SweeperHeartbeatTimeoutS), QStringLiteral("1")));
    for (Sweeper *s : {&a, &b}) {
        s->setIntervalMs(50);
        s->setLeaseTtlMs(kTtl);
    }
    QSignalSpy sweptByA(&a, &Sweeper::swept);
    QSignalSpy sweptByB(&b, &Sweeper::swept);

    a.start();
    QTRY_VERIFY_WITH_TIMEOUT(a.isActive(), 10000);
    b.start();
    QTest::qWait(400);
    QVERIFY(a.isActive());
    QVERIFY(!b.isActive());
    QCOMPARE(sweptByB.size(), 0);
    QVERIFY(sweptByA.size() > 0);
    Result<SweepReport> refused = b.sweepNow();
    QCOMPARE(refused.error().kind(), ErrorKind::Refused);
    QCOMPARE(refused.error().message(), QStringLiteral("another sweeper is active (sweeper-a)"));

    // The holder rescues a lost task.
    const qint64 first = runningTask(tdb, QStringLiteral("w"), 2 * kMinute, 10);
    QVERIFY(first > 0);
    TaskStore tasks(tdb.db());
    QTRY_COMPARE_WITH_TIMEOUT(tasks.reader().task(first)->status, TaskStatus::Pending, 10000);
    QCOMPARE(sweptByB.size(), 0);

    // The holder freezes without giving the lease back: the other one waits for
    // the lease to expire, then takes over.
    a.halt();
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(b.isActive(), 20000);
    QVERIFY2(clock.elapsed() >= kTtl / 2,
        qPrintable(QStringLiteral("took over after %1 ms").arg(clock.elapsed())));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT holder FROM leases WHERE name = 'sweeper'")),
        QVariant(QStringLiteral("sweeper-b")));
    const qint64 second2 = runningTask(tdb, QStringLiteral("w"), 2 * kMinute, 10);
    QTRY_COMPARE_WITH_TIMEOUT(tasks.reader().task(second2)->status, TaskStatus::Pending, 10000);
    QCOMPARE(
        count(tdb, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'sweep'")), 2);

    // A clean stop gives the lease back at once.
    b.stop();
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM leases WHERE name = 'sweeper'")), 0);
    a.start();
    QTRY_VERIFY_WITH_TIMEOUT(a.isActive(), 10000);
}

// Two sweepers in two threads on two connections. The lease is expired every
// 50 ms, so that a former holder still acts on its last renewal while the new
// one acts already: only the conditional updates keep them apart. Each round
// every task loses its worker once; it must be rescued exactly once per round.
void TestSweeper::twoSweepersOnTwoConnectionsNeverDoubleAct()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("tester"));
    QVERIFY(!settings.set(QStringLiteral("sweeper.poison_rescues"), QStringLiteral("100")));
    // Running sweepers act after watching for a whole heartbeat timeout.
    QVERIFY(!settings.set(QString(SettingKey::SweeperHeartbeatTimeoutS), QStringLiteral("1")));
    constexpr int kTasks = 12;
    constexpr int kRounds = 6;
    QVector<qint64> ids;
    TaskStore tasks(tdb.db(), QStringLiteral("tester"));
    for (int i = 0; i < kTasks; ++i) {
        NewTask t;
        t.kind = QStringLiteral("job");
        t.maxAttempts = 100;
        ids.append(tasks.queue().enqueue(t).value());
    }

    int actedBy[2] = {0, 0};
    ThreadedSweeper a(tdb, QStringLiteral("sweeper-a"));
    ThreadedSweeper b(tdb, QStringLiteral("sweeper-b"));
    int index = 0;
    for (ThreadedSweeper *t : {&a, &b}) {
        connect(t->object(), &Sweeper::swept, this, [&actedBy, index](const SweepReport &r) {
            if (r.tasks.total() > 0)
                ++actedBy[index];
        });
        t->run([](Sweeper *s) {
            s->setIntervalMs(20);
            s->setLeaseTtlMs(600);
            s->start();
        });
        ++index;
    }
    QTimer expire;
    connect(&expire, &QTimer::timeout, this, [&tdb]() {
        tdb.exec(QStringLiteral("UPDATE leases SET expires_at = 0 WHERE name = 'sweeper'"));
    });
    expire.start(50);

    for (int round = 1; round <= kRounds; ++round) {
        QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = 0")));
        QVERIFY(endExecutions(tdb)); // the lost workers' hosts saw them end
        for (int i = 0; i < kTasks; ++i) {
            Result<std::optional<Claim>> claim
                = tasks.queue().claim(QStringLiteral("w%1").arg(round), {});
            QVERIFY2(claim.ok() && claim.value(), "every task is claimed again");
        }
        // All lose their worker at once.
        QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET heartbeat_at = {NOW} - 120000")));
        QTRY_COMPARE_WITH_TIMEOUT(
            count(tdb, QStringLiteral("SELECT count(*) FROM tasks WHERE status = 'PENDING'")),
            qint64(kTasks), 20000);
    }
    // A few more passes over nothing to do.
    QTest::qWait(300);
    expire.stop();
    for (ThreadedSweeper *t : {&a, &b})
        t->run([](Sweeper *s) { s->stop(); });
    QCoreApplication::processEvents();

    qInfo("sweeper a acted in %d passes, sweeper b in %d", actedBy[0], actedBy[1]);
    for (qint64 id : std::as_const(ids)) {
        Result<Task> task = tasks.reader().task(id);
        QCOMPARE(task->status, TaskStatus::Pending);
        QCOMPARE(task->rescues, kRounds);
        QCOMPARE(task->attempt, kRounds);
        QCOMPARE(count(tdb,
                     QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'sweep' "
                                    "AND task_id = ?"),
                     {id}),
            qint64(kRounds));
        QCOMPARE(count(tdb,
                     QStringLiteral("SELECT count(*) FROM task_log WHERE task_id = ? AND "
                                    "message {LIKE} ?"),
                     {id, QStringLiteral("Worker % lost%")}),
            qint64(kRounds));
    }
}

TASKDESK_TEST_MAIN(TestSweeper)
#include "tst_sweeper.moc"
