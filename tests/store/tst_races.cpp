// Two connections on one database, racing: a worker finishing while an
// operator force-stops or cancels, or while the sweeper or the clean-up
// re-queues; two workers claiming from one queue. A thousand rounds each. The
// result must always be the one that won, never a mix, and the side that lost
// must have changed nothing and said so.

#include "core/database.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/taskstore.h"
#include "storetest.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

constexpr int kRounds = 1000;
// The further races below reproduced their bugs within a few rounds; they
// run fewer rounds to keep the suite near a minute on a loaded machine.
constexpr int kShortRounds = 200;
const QString kOperator = QStringLiteral("operator");

// A second "process": a long-lived thread with its own Database and its own
// connection, running one job at a time. Starting a thread (and a connection)
// per round would cost more than the round itself.
class Peer final
{
public:
    explicit Peer(std::unique_ptr<Database> db)
        : m_db(std::move(db))
    {
        m_thread.reset(QThread::create([this]() { loop(); }));
        m_thread->start();
    }
    ~Peer()
    {
        m_stop = true;
        m_go.release();
        m_thread->wait();
    }
    Peer(const Peer &) = delete;
    Peer &operator=(const Peer &) = delete;

    void start(std::function<void(Database &)> job)
    {
        m_job = std::move(job);
        m_go.release();
    }
    void wait() { m_done.acquire(); }

private:
    void loop()
    {
        for (;;) {
            m_go.acquire();
            if (m_stop)
                break;
            m_job(*m_db);
            m_done.release();
        }
        m_db->closeThreadConnection();
    }

    std::unique_ptr<Database> m_db;
    std::unique_ptr<QThread> m_thread;
    std::function<void(Database &)> m_job;
    QSemaphore m_go;
    QSemaphore m_done;
    std::atomic<bool> m_stop{false};
};

// Who gets a head start this round, and by how much: sometimes nobody, so that
// both sides really collide, sometimes one side by up to a millisecond, so
// that each side wins a good share of the rounds.
struct Jitter
{
    int workerDelayUs = 0;
    int operatorDelayUs = 0;

    static Jitter random()
    {
        QRandomGenerator *gen = QRandomGenerator::global();
        Jitter j;
        switch (gen->bounded(3)) {
        case 0:
            break;
        case 1:
            j.workerDelayUs = int(gen->bounded(1000));
            break;
        default:
            j.operatorDelayUs = int(gen->bounded(1000));
            break;
        }
        return j;
    }
};

void pause(int us)
{
    if (us > 0)
        QThread::usleep(static_cast<unsigned long>(us));
}

// Inserts `n` tasks named and queued by `prefix` (or each in its own queue,
// `prefix` + index, so that a claim picks exactly it), a few statements
// through the public contract. Returns their ids in order.
QVector<qint64> insertTasks(TestDatabase &tdb, const QString &prefix, int n, bool ownQueues = false)
{
    QVector<qint64> ids;
    constexpr int kChunk = 250;
    for (int from = 0; from < n; from += kChunk) {
        const int to = std::min(n, from + kChunk);
        QString sql = QStringLiteral("INSERT INTO tasks (name, kind, args, queue) VALUES ");
        QVariantList values;
        for (int i = from; i < to; ++i) {
            sql += (i == from ? QString() : QStringLiteral(", ")) + QStringLiteral("(?, ?, ?, ?)");
            values << QStringLiteral("%1 %2").arg(prefix).arg(i) << QStringLiteral("race")
                   << QStringLiteral("{}")
                   << (ownQueues ? QString(prefix + QString::number(i)) : prefix);
        }
        if (!tdb.exec(sql, values))
            return {};
    }
    Result<QSqlQuery> q
        = tdb.db().prepare(QStringLiteral("SELECT id FROM tasks WHERE name LIKE ? ORDER BY id"));
    if (!q.ok())
        return {};
    q.value().addBindValue(QString(prefix + QStringLiteral(" %")));
    if (tdb.db().exec(q.value()))
        return {};
    while (q.value().next())
        ids << q.value().value(0).toLongLong();
    return ids;
}

// Puts the tasks of `prefix` in RUNNING as a claim by worker-1 would, in one
// statement: a thousand claims would cost more than the races they set up
// (claims have their own race below). The lease of task N is "lease-N".
bool runAll(TestDatabase &tdb, const QString &prefix)
{
    return tdb.exec(QStringLiteral("UPDATE tasks SET status = 'RUNNING', attempt = 1, lease = "
                                   "'lease-' || CAST(id AS TEXT), worker_id = 'worker-1', "
                                   "started_at = {NOW}, heartbeat_at = {NOW}, updated_at = {NOW} "
                                   "WHERE name LIKE ? AND status = 'PENDING'"),
        {QString(prefix + QStringLiteral(" %"))});
}

QString leaseOf(qint64 id)
{
    return QStringLiteral("lease-%1").arg(id);
}

// Per task: its log lines, and the actions in its audit rows.
struct Trail
{
    QHash<qint64, QStringList> log;
    QHash<qint64, QStringList> audit;
};

Trail readTrail(Database &db)
{
    Trail trail;
    Result<QSqlQuery> q
        = db.prepare(QStringLiteral("SELECT task_id, message FROM task_log ORDER BY id"));
    if (q.ok() && !db.exec(q.value())) {
        while (q.value().next())
            trail.log[q.value().value(0).toLongLong()] << q.value().value(1).toString();
    }
    q = db.prepare(QStringLiteral("SELECT task_id, action FROM audit_log ORDER BY id"));
    if (q.ok() && !db.exec(q.value())) {
        while (q.value().next())
            trail.audit[q.value().value(0).toLongLong()] << q.value().value(1).toString();
    }
    return trail;
}

QHash<qint64, Task> readTasks(TaskStore &store, const QString &queuePrefix)
{
    QHash<qint64, Task> tasks;
    TaskFilter f;
    f.search = queuePrefix;
    f.limit = 1000000;
    Result<QVector<Task>> list = store.reader().list(f);
    if (list.ok()) {
        for (const Task &t : *list)
            tasks.insert(t.id, t);
    }
    return tasks;
}

} // namespace

class RacesTest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void finishAgainstOperator_data();
    void finishAgainstOperator();
    void finishAgainstRequeue_data();
    void finishAgainstRequeue();
    void itemAgainstOperator_data();
    void itemAgainstOperator();
    void operatorAgainstStatusChange_data();
    void operatorAgainstStatusChange();
    void twoClaimersNeverShareATask_data();
    void twoClaimersNeverShareATask();
    void claimersWaitForTheOldExecutions();

private:
    std::unique_ptr<TestDatabase> m_tdb;
    QElapsedTimer m_suite;
};

void RacesTest::initTestCase()
{
    m_suite.start();
    m_tdb = std::make_unique<TestDatabase>();
    TASKDESK_REQUIRE_DB(*m_tdb);
    qInfo("backend: %s, %d rounds per race", qPrintable(TestDatabase::backendName()), kRounds);
}

void RacesTest::cleanupTestCase()
{
    m_tdb.reset();
    qInfo("suite took %lld ms", m_suite.elapsed());
}

// ------------------------------------------------------------ worker against operator

void RacesTest::finishAgainstOperator_data()
{
    QTest::addColumn<QString>("action");

    QTest::newRow("a worker finishes while an operator force-stops") << "force_stop";
    QTest::newRow("a worker finishes while an operator cancels") << "cancel";
}

void RacesTest::finishAgainstOperator()
{
    QFETCH(QString, action);
    const bool forceStop = action == QLatin1String("force_stop");

    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kOperator);
    Peer worker(tdb.open());
    const QString prefix = uniqueQueue() + action;
    const QVector<qint64> ids = insertTasks(tdb, prefix, kRounds);
    QCOMPARE(ids.size(), kRounds);
    QVERIFY(runAll(tdb, prefix));

    struct Round
    {
        QString lease;
        bool workerAccepted = false;
        bool succeeded = false; // the worker's result: success, or a final error
        Error workerError;
        Result<ActionReport> op = Error();
    };
    QVector<Round> rounds(kRounds);
    int workerWins = 0;
    int operatorWins = 0;
    for (int i = 0; i < kRounds; ++i) {
        Round &r = rounds[i];
        const qint64 id = ids.at(i);
        r.lease = leaseOf(id);
        r.succeeded = i % 2 == 0;
        const Jitter jitter = Jitter::random();

        worker.start([&r, id, jitter](Database &db) {
            TaskStore ws(db, QStringLiteral("worker-1"));
            pause(jitter.workerDelayUs);
            // Odd rounds end in an error with no attempt left to retry.
            Result<FinishResult> f = r.succeeded
                ? ws.queue().finishSuccess(id, r.lease)
                : ws.queue().finishError(
                    id, r.lease, 1, QStringLiteral("exit code 2"), Outcome::ErrorExit, false);
            if (f.ok())
                r.workerAccepted = f->accepted;
            else
                r.workerError = f.error();
        });
        pause(jitter.operatorDelayUs);
        r.op = forceStop ? store.actions().forceStop(id) : store.actions().cancel(id);
        worker.wait();

        QVERIFY2(!r.workerError, qPrintable(r.workerError.message()));
        if (r.op.ok()) {
            QVERIFY(r.op->done);
            QCOMPARE(r.op->before, QStringLiteral("RUNNING"));
            ++operatorWins;
        } else {
            QCOMPARE(int(r.op.error().kind()), int(ErrorKind::Refused));
            ++workerWins;
        }
        // Exactly one side won: never both, never neither.
        QVERIFY2(r.workerAccepted != r.op.ok(),
            qPrintable(QStringLiteral("round %1: worker accepted %2, operator %3")
                           .arg(i)
                           .arg(r.workerAccepted)
                           .arg(r.op.ok() ? QStringLiteral("done") : r.op.error().message())));
    }

    // The rows, the logs and the audit trail say the same as the winners.
    const QHash<qint64, Task> tasks = readTasks(store, prefix);
    const Trail trail = readTrail(tdb.db());
    QCOMPARE(tasks.size(), kRounds);
    const QString opLine = forceStop ? QStringLiteral("⚠️ Task force stopped by operator")
                                     : QStringLiteral("Task cancelled manually by operator");
    for (int i = 0; i < kRounds; ++i) {
        const Round &r = rounds.at(i);
        const qint64 id = ids.at(i);
        const Task &t = tasks.value(id);
        const QStringList &log = trail.log.value(id);
        const QStringList &audit = trail.audit.value(id);
        QVERIFY(t.lease.isEmpty());
        QVERIFY(t.completedAt > 0);
        if (r.workerAccepted) {
            const QString status
                = r.succeeded ? QStringLiteral("COMPLETED") : QStringLiteral("FAILED");
            QCOMPARE(statusName(t.status), status);
            QCOMPARE(t.outcome, r.succeeded ? Outcome::Succeeded : Outcome::ErrorExit);
            QCOMPARE(t.errorMessage, r.succeeded ? QString() : QStringLiteral("exit code 2"));
            // The operator was told why, with the status that beat it.
            const QString refusal = forceStop
                ? QStringLiteral("Task %1 is not running (current status: %2)").arg(id).arg(status)
                : QStringLiteral("Task %1 cannot be cancelled: it is not pending or running "
                                 "(current status: %2)")
                      .arg(id)
                      .arg(status);
            QCOMPARE(r.op.error().message(), refusal);
            QVERIFY(!log.contains(opLine));
            QVERIFY(audit.isEmpty()); // the raw INSERT wrote none, the worker writes none
        } else {
            QCOMPARE(t.status, TaskStatus::Failed);
            QCOMPARE(t.outcome, forceStop ? Outcome::ForceStopped : Outcome::Cancelled);
            QCOMPARE(t.errorMessage,
                forceStop ? QStringLiteral("Task force stopped by operator") : opLine);
            QVERIFY(!log.contains(QStringLiteral("Task completed")));
            QVERIFY(!log.contains(QStringLiteral("Task failed (error): exit code 2")));
            QCOMPARE(log.count(opLine), 1);
            QCOMPARE(audit, QStringList{action});
        }
    }
    qInfo("worker won %d rounds, operator won %d", workerWins, operatorWins);
    // Both sides must have won a share, or the race was not raced.
    QVERIFY(workerWins > 0);
    QVERIFY(operatorWins > 0);
}

// ------------------------------------------------------------ worker against the sweeper

void RacesTest::finishAgainstRequeue_data()
{
    QTest::addColumn<QString>("rule");

    QTest::newRow("a worker finishes while the sweeper re-queues its task") << "sweep";
    QTest::newRow("a worker finishes while the clean-up re-queues its task") << "cleanup";
}

void RacesTest::finishAgainstRequeue()
{
    QFETCH(QString, rule);
    const bool sweep = rule == QLatin1String("sweep");

    TestDatabase &tdb = *m_tdb;
    TaskStore sweeper(tdb.db(), QStringLiteral("sweeper"));
    Peer worker(tdb.open());
    const QString prefix = uniqueQueue() + rule;
    const QVector<qint64> ids = insertTasks(tdb, prefix, kRounds);
    QCOMPARE(ids.size(), kRounds);
    QVERIFY(runAll(tdb, prefix));
    // An hour: the rounds to come must not turn stale while a slow machine
    // runs this one.
    StuckThresholds thresholds;
    thresholds.heartbeatTimeoutMs = 3600000;

    int workerWins = 0;
    int sweeperWins = 0;
    QVector<bool> workerAccepted(kRounds);
    for (int i = 0; i < kRounds; ++i) {
        const qint64 id = ids.at(i);
        const QString lease = leaseOf(id);
        // This round's worker looks lost: its heartbeat is two hours old.
        QVERIFY(tdb.exec(
            QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 7200000 WHERE id = ?"),
            {id}));
        const Jitter jitter = Jitter::random();

        Result<FinishResult> finished = Error();
        worker.start([&finished, id, lease, jitter](Database &db) {
            TaskStore ws(db, QStringLiteral("worker-1"));
            pause(jitter.workerDelayUs);
            finished = ws.queue().finishSuccess(id, lease);
        });
        pause(jitter.operatorDelayUs);
        Result<CleanupReport> swept = sweep
            ? sweeper.stuck().sweepLostWorkers(
                thresholds.heartbeatTimeoutMs, StuckTasks::kPoisonRescues)
            : sweeper.stuck().cleanup(thresholds, CleanupAction::Retry);
        worker.wait();

        QVERIFY2(finished.ok(), qPrintable(finished.error().message()));
        QVERIFY2(swept.ok(), qPrintable(swept.error().message()));
        workerAccepted[i] = finished->accepted;
        const bool requeued = swept->runningRequeued.contains(id);
        QCOMPARE(swept->total(), requeued ? 1 : 0); // nothing else is stale
        QVERIFY2(finished->accepted != requeued,
            qPrintable(QStringLiteral("round %1: worker accepted %2, re-queued %3")
                           .arg(i)
                           .arg(finished->accepted)
                           .arg(requeued)));
        (requeued ? sweeperWins : workerWins) += 1;
    }

    const QHash<qint64, Task> tasks = readTasks(sweeper, prefix);
    const Trail trail = readTrail(tdb.db());
    QCOMPARE(tasks.size(), kRounds);
    for (int i = 0; i < kRounds; ++i) {
        const qint64 id = ids.at(i);
        const Task &t = tasks.value(id);
        const QStringList &log = trail.log.value(id);
        const QStringList &audit = trail.audit.value(id);
        QVERIFY(t.lease.isEmpty());
        if (workerAccepted.at(i)) {
            QCOMPARE(t.status, TaskStatus::Completed);
            QCOMPARE(t.outcome, Outcome::Succeeded);
            QVERIFY(t.errorMessage.isEmpty());
            QCOMPARE(t.rescues, 0);
            QVERIFY(audit.isEmpty());
            QCOMPARE(log.constLast(), QStringLiteral("Task completed"));
        } else {
            QCOMPARE(t.status, TaskStatus::Pending);
            QVERIFY(t.outcome.isEmpty());
            QCOMPARE(t.completedAt, 0);
            QCOMPARE(t.rescues, sweep ? 1 : 0);
            QVERIFY(!log.contains(QStringLiteral("Task completed")));
            QCOMPARE(
                audit, QStringList{sweep ? QStringLiteral("sweep") : QStringLiteral("cleanup")});
        }
    }
    qInfo("worker won %d rounds, %s won %d", workerWins, qPrintable(rule), sweeperWins);
    QVERIFY(workerWins > 0);
    QVERIFY(sweeperWins > 0);
}

// ------------------------------------------------------------ an item against the operator

void RacesTest::itemAgainstOperator_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("action");

    QTest::newRow("a worker finishes an item while an operator force-stops") << "finish_item"
                                                                             << "force_stop";
    QTest::newRow("a worker finishes an item while an operator cancels") << "finish_item"
                                                                         << "cancel";
    QTest::newRow("a worker starts an item while an operator force-stops") << "start_item"
                                                                           << "force_stop";
    QTest::newRow("a worker writes output while an operator force-stops") << "append_log"
                                                                          << "force_stop";
}

// Both sides touch the task row and the item row (or the log), so this is
// where two transactions could each hold what the other one waits for, or
// where a worker could slip a change in after the stop.
void RacesTest::itemAgainstOperator()
{
    QFETCH(QString, call);
    QFETCH(QString, action);
    const bool forceStop = action == QLatin1String("force_stop");
    const QString itemStatus = call == QLatin1String("finish_item") ? QStringLiteral("RUNNING")
                                                                    : QStringLiteral("PENDING");

    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kOperator);
    Peer worker(tdb.open());
    const QString prefix = uniqueQueue() + call + action;
    const QString pattern = prefix + QStringLiteral(" %");
    const QVector<qint64> ids = insertTasks(tdb, prefix, kShortRounds);
    QCOMPARE(ids.size(), kShortRounds);
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO task_items (task_id, position, label, status, "
                                    "started_at) SELECT id, 0, 'the item', ?, {NOW} FROM tasks "
                                    "WHERE name LIKE ?"),
        {itemStatus, pattern}));
    QVERIFY(runAll(tdb, prefix));
    // One item per task: task id -> item id, and later the item's end state.
    auto readItems = [&]() {
        QHash<qint64, TaskItem> items;
        Result<QSqlQuery> q = tdb.db().prepare(
            QStringLiteral("SELECT i.task_id, i.id, i.status, i.error_message FROM task_items i "
                           "JOIN tasks t ON t.id = i.task_id WHERE t.name LIKE ?"));
        if (!q.ok())
            return items;
        q.value().addBindValue(pattern);
        if (tdb.db().exec(q.value()))
            return items;
        while (q.value().next()) {
            TaskItem item;
            item.taskId = q.value().value(0).toLongLong();
            item.id = q.value().value(1).toLongLong();
            item.status = *parseStatus(q.value().value(2).toString());
            item.errorMessage = q.value().value(3).toString();
            items.insert(item.taskId, item);
        }
        return items;
    };
    const QHash<qint64, TaskItem> before = readItems();
    QCOMPARE(before.size(), kShortRounds);

    QVector<bool> workerDone(kShortRounds);
    QVector<int> itemsStopped(kShortRounds);
    for (int i = 0; i < kShortRounds; ++i) {
        const qint64 id = ids.at(i);
        const qint64 itemId = before.value(id).id;
        const QString lease = leaseOf(id);
        const Jitter jitter = Jitter::random();

        Result<bool> done = Error();
        worker.start([&done, &call, id, itemId, lease, jitter](Database &db) {
            TaskStore ws(db, QStringLiteral("worker-1"));
            pause(jitter.workerDelayUs);
            if (call == QLatin1String("finish_item")) {
                done = ws.queue().finishItem(id, lease, itemId, true, {});
            } else if (call == QLatin1String("start_item")) {
                done = ws.queue().startItem(id, lease, itemId);
            } else {
                LogLine line;
                line.level = QStringLiteral("output");
                line.message = QStringLiteral("worker output");
                done = ws.queue().appendWorkerLog(id, lease, {line, line});
            }
        });
        pause(jitter.operatorDelayUs);
        Result<ActionReport> op
            = forceStop ? store.actions().forceStop(id) : store.actions().cancel(id);
        worker.wait();

        QVERIFY2(done.ok(), qPrintable(done.error().message()));
        QVERIFY2(op.ok(), qPrintable(op.error().message())); // the task stays RUNNING for it
        workerDone[i] = *done;
        itemsStopped[i] = op->itemsChanged;
    }

    const QHash<qint64, TaskItem> after = readItems();
    const QHash<qint64, Task> tasks = readTasks(store, prefix);
    const Trail trail = readTrail(tdb.db());
    const QString stopItem = forceStop ? QStringLiteral("⚠️ Force stopped by operator")
                                       : QStringLiteral("Cancelled by operator");
    const QString stopLine = forceStop ? QStringLiteral("⚠️ Task force stopped by operator")
                                       : QStringLiteral("Task cancelled manually by operator");
    int workerFirst = 0;
    for (int i = 0; i < kShortRounds; ++i) {
        const qint64 id = ids.at(i);
        const TaskItem &item = after.value(id);
        const QStringList &log = trail.log.value(id);
        QCOMPARE(tasks.value(id).status, TaskStatus::Failed);
        QVERIFY(item.status != TaskStatus::Running); // nothing runs on a stopped task
        QCOMPARE(log.count(stopLine), 1);
        workerFirst += workerDone.at(i) ? 1 : 0;
        if (call == QLatin1String("append_log")) {
            // Output is either before the stop or not there at all.
            const int lines = int(log.count(QStringLiteral("worker output")));
            QCOMPARE(lines, workerDone.at(i) ? 2 : 0);
            if (workerDone.at(i))
                QVERIFY(log.lastIndexOf(QStringLiteral("worker output")) < log.indexOf(stopLine));
            continue;
        }
        const bool itemWasRunningAtStop
            = call == QLatin1String("start_item") ? workerDone.at(i) : !workerDone.at(i);
        if (itemWasRunningAtStop) {
            QCOMPARE(item.status, TaskStatus::Failed);
            QCOMPARE(item.errorMessage, stopItem);
            QCOMPARE(itemsStopped.at(i), 1);
        } else {
            QCOMPARE(item.status,
                call == QLatin1String("start_item") ? TaskStatus::Pending : TaskStatus::Completed);
            QCOMPARE(itemsStopped.at(i), 0);
        }
    }
    qInfo("worker first %d times, operator first %d", workerFirst, kShortRounds - workerFirst);
    QVERIFY(workerFirst > 0);
    QVERIFY(workerFirst < kShortRounds);
}

// ------------------------------------------------------------ the status moves under the operator

void RacesTest::operatorAgainstStatusChange_data()
{
    QTest::addColumn<QString>("peerCall");
    QTest::addColumn<QString>("action");

    // Cancel is allowed from PENDING and from RUNNING: whichever the task is
    // when the operator's update lands, the cancel must go through.
    QTest::newRow("an operator cancels while a worker claims the task") << "claim"
                                                                        << "cancel";
    QTest::newRow("an operator cancels while the sweeper re-queues the task") << "sweep"
                                                                              << "cancel";
    // Delete is not allowed from RUNNING: refused, naming RUNNING.
    QTest::newRow("an operator deletes while a worker claims the task") << "claim"
                                                                        << "delete";
}

void RacesTest::operatorAgainstStatusChange()
{
    QFETCH(QString, peerCall);
    QFETCH(QString, action);
    const bool claim = peerCall == QLatin1String("claim");
    const bool cancel = action == QLatin1String("cancel");

    TestDatabase &tdb = *m_tdb;
    TaskStore store(tdb.db(), kOperator);
    Peer peer(tdb.open());
    const QString prefix = uniqueQueue() + peerCall + action;
    const QVector<qint64> ids = insertTasks(tdb, prefix, kShortRounds, true);
    QCOMPARE(ids.size(), kShortRounds);
    if (!claim)
        QVERIFY(runAll(tdb, prefix));

    int peerFirst = 0;
    for (int i = 0; i < kShortRounds; ++i) {
        const qint64 id = ids.at(i);
        if (!claim) {
            QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - "
                                            "7200000 WHERE id = ?"),
                {id}));
        }
        const Jitter jitter = Jitter::random();
        bool peerChanged = false;
        Error peerError;
        const QString queue = prefix + QString::number(i);
        peer.start([&peerChanged, &peerError, claim, id, queue, jitter](Database &db) {
            TaskStore ps(db, QStringLiteral("worker-1"));
            pause(jitter.workerDelayUs);
            if (claim) {
                Result<std::optional<Claim>> c
                    = ps.queue().claim(QStringLiteral("worker-1"), {queue});
                if (!c.ok())
                    peerError = c.error();
                else
                    peerChanged = c->has_value() && (*c)->taskId == id;
            } else {
                Result<CleanupReport> r
                    = ps.stuck().sweepLostWorkers(3600000, StuckTasks::kPoisonRescues);
                if (!r.ok())
                    peerError = r.error();
                else
                    peerChanged = r->runningRequeued.contains(id);
            }
        });
        pause(jitter.operatorDelayUs);
        Result<ActionReport> op = cancel ? store.actions().cancel(id) : store.actions().remove(id);
        peer.wait();
        QVERIFY2(!peerError, qPrintable(peerError.message()));

        const QString changedTo = claim ? QStringLiteral("RUNNING") : QStringLiteral("PENDING");
        const QString unchanged = claim ? QStringLiteral("PENDING") : QStringLiteral("RUNNING");
        peerFirst += peerChanged ? 1 : 0;
        if (cancel) {
            QVERIFY2(op.ok(),
                qPrintable(QStringLiteral("round %1: %2").arg(i).arg(op.error().message())));
            QCOMPARE(op->before, peerChanged ? changedTo : unchanged);
            Result<Task> t = store.reader().task(id);
            QCOMPARE(t->status, TaskStatus::Failed);
            QCOMPARE(t->outcome, Outcome::Cancelled);
            QCOMPARE(auditOf(tdb.db(), id).constFirst().beforeStatus, op->before);
        } else if (peerChanged) {
            QVERIFY(!op.ok());
            QCOMPARE(op.error().message(),
                QStringLiteral("Task %1 is running and cannot be deleted; force stop or cancel it "
                               "first (current status: RUNNING)")
                    .arg(id));
            QCOMPARE(store.reader().task(id)->status, TaskStatus::Running);
        } else {
            QVERIFY2(op.ok(), qPrintable(op.error().message()));
            QCOMPARE(int(store.reader().task(id).error().kind()), int(ErrorKind::NotFound));
        }
    }
    qInfo("%s first %d times, operator first %d", qPrintable(peerCall), peerFirst,
        kShortRounds - peerFirst);
    QVERIFY(peerFirst > 0);
    QVERIFY(peerFirst < kShortRounds);
}

// ------------------------------------------------------------ two claimers

void RacesTest::twoClaimersNeverShareATask_data()
{
    QTest::addColumn<int>("batch");
    // Each claim also finishes the tasks of the claimer's previous one, in the
    // same transaction, as a worker's freed slots are filled.
    QTest::addColumn<bool>("finishing");
    QTest::newRow("one task a claim") << 1 << false;
    QTest::newRow("seven tasks a claim") << 7 << false;
    QTest::newRow("seven a claim, finishing the last seven") << 7 << true;
}

void RacesTest::twoClaimersNeverShareATask()
{
    QFETCH(int, batch);
    QFETCH(bool, finishing);
    TestDatabase &tdb = *m_tdb;
    const QString queue = uniqueQueue() + QStringLiteral("claim");
    const QVector<qint64> ids = insertTasks(tdb, queue, kRounds);
    QCOMPARE(ids.size(), kRounds);

    struct Claimer
    {
        QString name;
        QVector<Claim> claims;
        Error error;
    };
    Claimer a{QStringLiteral("worker-a"), {}, {}};
    Claimer b{QStringLiteral("worker-b"), {}, {}};
    // Claims until the queue is empty; an empty claim alone is not proof
    // (PostgreSQL's SKIP LOCKED may pass over a row another claimer holds).
    auto claimAll = [&queue, batch, finishing](Database &db, Claimer &claimer) {
        TaskStore store(db, claimer.name);
        TaskFilter pending;
        pending.queue = queue;
        pending.statuses = {TaskStatus::Pending};
        QVector<std::pair<qint64, QString>> held; // to finish with the next claim
        for (;;) {
            if (finishing) {
                Result<TaskQueue::FinishedAndClaimed> c
                    = store.queue().finishSuccessManyAndClaim(held, claimer.name, {queue}, batch);
                if (!c.ok()) {
                    claimer.error = c.error();
                    return;
                }
                if (c->accepted.size() != held.size() || c->claims.size() > batch) {
                    claimer.error = Error::invalid(
                        QStringLiteral("%1 of %2 results accepted, %3 tasks claimed")
                            .arg(c->accepted.size())
                            .arg(held.size())
                            .arg(c->claims.size()));
                    return;
                }
                held.clear();
                for (const Claim &claim : c->claims)
                    held.append({claim.taskId, claim.lease});
                claimer.claims << c->claims;
                if (!c->claims.isEmpty())
                    continue;
            } else if (batch == 1) {
                Result<std::optional<Claim>> c = store.queue().claim(claimer.name, {queue});
                if (!c.ok()) {
                    claimer.error = c.error();
                    return;
                }
                if (c->has_value()) {
                    claimer.claims << **c;
                    continue;
                }
            } else {
                Result<QVector<Claim>> c = store.queue().claimMany(claimer.name, {queue}, batch);
                if (!c.ok()) {
                    claimer.error = c.error();
                    return;
                }
                if (!c->isEmpty()) {
                    if (c->size() > batch) {
                        claimer.error = Error::invalid(QStringLiteral("claimed more than asked"));
                        return;
                    }
                    claimer.claims << *c;
                    continue;
                }
            }
            Result<qint64> left = store.reader().count(pending);
            if (!left.ok() || *left == 0)
                return;
        }
    };
    Peer peerA(tdb.open());
    Peer peerB(tdb.open());
    peerA.start([&](Database &db) { claimAll(db, a); });
    peerB.start([&](Database &db) { claimAll(db, b); });
    peerA.wait();
    peerB.wait();
    QVERIFY2(!a.error, qPrintable(a.error.message()));
    QVERIFY2(!b.error, qPrintable(b.error.message()));

    QHash<qint64, QString> claimedBy;
    for (const Claimer *claimer : {&a, &b}) {
        for (const Claim &c : claimer->claims) {
            QVERIFY2(!claimedBy.contains(c.taskId),
                qPrintable(QStringLiteral("task %1 claimed by %2 and %3")
                               .arg(c.taskId)
                               .arg(claimedBy.value(c.taskId), claimer->name)));
            claimedBy.insert(c.taskId, claimer->name);
            QCOMPARE(c.attempt, 1);
        }
    }
    QCOMPARE(claimedBy.size(), kRounds);
    TaskStore store(tdb.db(), kOperator);
    const QHash<qint64, Task> tasks = readTasks(store, queue);
    QCOMPARE(tasks.size(), kRounds);
    for (const Claimer *claimer : {&a, &b}) {
        for (const Claim &c : claimer->claims) {
            const Task &t = tasks.value(c.taskId);
            // Finishing claimers finished every task they held when they found
            // the queue empty.
            QCOMPARE(t.status, finishing ? TaskStatus::Completed : TaskStatus::Running);
            QCOMPARE(t.workerId, claimer->name);
            QCOMPARE(t.lease, finishing ? QString() : c.lease);
            QCOMPARE(t.attempt, 1);
        }
    }
    qInfo("worker-a claimed %lld, worker-b %lld", qint64(a.claims.size()), qint64(b.claims.size()));
}

// Tasks restarted while their old executions still die: two claimers poll
// the queue while the old executions close one by one in a random order. No
// task may be claimed before its old execution closed, none twice, and the
// claims must not fail on the one-open-execution index.
void RacesTest::claimersWaitForTheOldExecutions()
{
    TestDatabase &tdb = *m_tdb;
    constexpr int kTasks = kShortRounds;
    const QString queue = uniqueQueue() + QStringLiteral("wait");
    QVector<qint64> ids = insertTasks(tdb, queue, kTasks);
    QCOMPARE(ids.size(), kTasks);
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO executions (task_id, attempt, lease, worker_id) "
                                    "SELECT id, 1, 'old-' || CAST(id AS TEXT), 'old-worker' FROM "
                                    "tasks WHERE name LIKE ?"),
        {QString(queue + QStringLiteral(" %"))}));

    struct Claimer
    {
        QString name;
        QVector<Claim> claims;
        Error error;
    };
    Claimer a{QStringLiteral("worker-a"), {}, {}};
    Claimer b{QStringLiteral("worker-b"), {}, {}};
    std::atomic<bool> allClosed{false};
    auto claimAll = [&queue, &allClosed](Database &db, Claimer &claimer) {
        TaskStore store(db, claimer.name);
        TaskFilter pending;
        pending.queue = queue;
        pending.statuses = {TaskStatus::Pending};
        for (;;) {
            const bool last = allClosed.load();
            Result<QVector<Claim>> c = store.queue().claimMany(claimer.name, {queue}, 3);
            if (!c.ok()) {
                claimer.error = c.error();
                return;
            }
            claimer.claims << *c;
            if (!c->isEmpty() || !last)
                continue;
            Result<qint64> left = store.reader().count(pending);
            if (!left.ok() || *left == 0)
                return;
        }
    };
    Peer peerA(tdb.open());
    Peer peerB(tdb.open());
    peerA.start([&](Database &db) { claimAll(db, a); });
    peerB.start([&](Database &db) { claimAll(db, b); });
    std::shuffle(ids.begin(), ids.end(), *QRandomGenerator::global());
    ExecutionStore executions(tdb.db());
    for (qint64 id : std::as_const(ids)) {
        Result<int> closed = executions.close({QStringLiteral("old-%1").arg(id)});
        QVERIFY2(closed.ok(), qPrintable(closed.error().message()));
        QCOMPARE(*closed, 1);
        pause(int(QRandomGenerator::global()->bounded(300)));
    }
    allClosed = true;
    peerA.wait();
    peerB.wait();
    QVERIFY2(!a.error, qPrintable(a.error.message()));
    QVERIFY2(!b.error, qPrintable(b.error.message()));

    QSet<qint64> claimed;
    for (const Claimer *claimer : {&a, &b}) {
        for (const Claim &c : claimer->claims) {
            QVERIFY2(!claimed.contains(c.taskId),
                qPrintable(QStringLiteral("task %1 claimed twice").arg(c.taskId)));
            claimed.insert(c.taskId);
        }
    }
    QCOMPARE(claimed.size(), kTasks);
    // Each new execution began after the old one ended.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM executions n JOIN executions o ON "
                                       "o.task_id = n.task_id AND o.worker_id = 'old-worker' "
                                       "WHERE n.worker_id <> 'old-worker' AND n.started_at >= "
                                       "o.ended_at"))
                 .toInt(),
        kTasks);
    qInfo("worker-a claimed %lld, worker-b %lld", qint64(a.claims.size()), qint64(b.claims.size()));
}

TASKDESK_TEST_MAIN(RacesTest)
#include "tst_races.moc"
