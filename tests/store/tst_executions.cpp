// Executions (DESIGN.md rule 7): a claim opens one in its own transaction, a
// finish closes it when its caller saw the program's group gone, and a task
// with an open execution is not claimed again until it is closed, by its
// worker, by a new boot of its host or by an operator who declared its host
// dead. On SQLite and PostgreSQL.

#include "core/auditlog.h"
#include "core/database.h"
#include "core/migrations.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/taskstore.h"
#include "storetest.h"
#include "testdatabase.h"

#include <QObject>
#include <QSqlQuery>
#include <QTest>

using namespace taskdesk;
using namespace taskdesk::test;

class ExecutionsTest final : public QObject
{
    Q_OBJECT

private slots:
    void aClaimOpensAnExecutionOfThisProcess();
    void aFinishClosesTheExecution_data();
    void aFinishClosesTheExecution();
    void restartWaitsForTheOldExecution_data();
    void restartWaitsForTheOldExecution();
    void aBatchClaimSkipsOnlyTheTasksWithOpenExecutions();
    void theDatabaseRefusesASecondOpenExecution();
    void aGroupIsRecordedForOpenExecutionsOnly();
    void aNewBootClosesTheHostsOlderExecutions();
    void forgettingAHostClosesItsExecutionsAndAuditsIt();
    void aDeletedTaskTakesItsExecutionsWithIt();
};

namespace {

Result<QVector<Execution>> history(Database &db, qint64 taskId)
{
    return ExecutionStore(db).ofTask(taskId);
}

} // namespace

void ExecutionsTest::aClaimOpensAnExecutionOfThisProcess()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(t.id > 0);
    Result<std::optional<Execution>> open = ExecutionStore(tdb.db()).openOfTask(t.id);
    QVERIFY2(open.ok(), qPrintable(open.error().message()));
    QVERIFY(open->has_value());
    const Execution &x = **open;
    QCOMPARE(x.taskId, t.id);
    QCOMPARE(x.lease, t.lease);
    QCOMPARE(x.attempt, 1);
    QCOMPARE(x.workerId, QStringLiteral("worker-a"));
    QCOMPARE(x.host, AuditLog::localHost());
    QCOMPARE(x.bootId, ExecutionStore::thisBootId());
    QVERIFY(!x.bootId.isEmpty());
    QCOMPARE(x.workerPid, QCoreApplication::applicationPid());
    QVERIFY(x.workerStart > 0);
    QCOMPARE(x.pgid, 0);
    QVERIFY(x.startedAt > 0);
    QVERIFY(x.isOpen());
}

void ExecutionsTest::aFinishClosesTheExecution_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("a success") << "success";
    QTest::newRow("a batch of successes") << "batch";
    QTest::newRow("a failure") << "error";
}

void ExecutionsTest::aFinishClosesTheExecution()
{
    QFETCH(QString, how);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    for (const bool over : {true, false}) {
        const MadeTask t = makeTask(store, QStringLiteral("RUNNING"));
        QVERIFY(t.id > 0);
        if (how == QLatin1String("success")) {
            QVERIFY(store.queue().finishSuccess(t.id, t.lease, over).ok());
        } else if (how == QLatin1String("batch")) {
            const QStringList alive = over ? QStringList() : QStringList{t.lease};
            QVERIFY(
                store.queue().finishSuccessManyAndClaim({{t.id, t.lease}}, {}, {}, 0, alive).ok());
        } else {
            Result<FinishResult> r = store.queue().finishError(
                t.id, t.lease, 1, QStringLiteral("exit 1"), Outcome::ErrorExit, true, over);
            QVERIFY(r.ok() && r->requeued);
        }
        Result<QVector<Execution>> h = history(tdb.db(), t.id);
        QVERIFY(h.ok());
        QCOMPARE(h->size(), 1);
        QCOMPARE(h->at(0).isOpen(), !over);
        if (over)
            QCOMPARE(h->at(0).endReason, ExecutionEnd::Exited);
    }
}

void ExecutionsTest::restartWaitsForTheOldExecution_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("Cancel, then Restart") << "cancel";
    QTest::newRow("Force Stop, then Restart") << "forcestop";
    QTest::newRow("a failure re-queued while a grandchild lives") << "retry";
}

// The operator's actions end the task at once; the worker still has to see
// its process group die. Until it closes the execution, nobody claims the task.
void ExecutionsTest::restartWaitsForTheOldExecution()
{
    QFETCH(QString, action);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(t.id > 0);
    if (action == QLatin1String("retry")) {
        store.setRetryPolicy({1, 1});
        Result<FinishResult> r = store.queue().finishError(
            t.id, t.lease, 1, QStringLiteral("exit 1"), Outcome::ErrorExit, true, false);
        QVERIFY(r.ok() && r->requeued);
        QTest::qWait(20); // past the backoff
    } else {
        QVERIFY((action == QLatin1String("cancel") ? store.actions().cancel(t.id)
                                                   : store.actions().forceStop(t.id))
                    .ok());
        Result<ActionReport> restarted = store.actions().restart(t.id);
        QVERIFY2(restarted.ok() && restarted->done, qPrintable(restarted.error().message()));
    }
    QCOMPARE(store.reader().task(t.id)->status, TaskStatus::Pending);

    Result<std::optional<Claim>> refused
        = store.queue().claim(QStringLiteral("worker-b"), {t.queue});
    QVERIFY2(refused.ok(), qPrintable(refused.error().message()));
    QVERIFY2(!refused->has_value(), "a task was claimed while its execution was open");
    QCOMPARE(store.reader().task(t.id)->status, TaskStatus::Pending);

    // The old worker saw the group gone.
    Result<int> closed = ExecutionStore(tdb.db()).close({t.lease});
    QVERIFY(closed.ok());
    QCOMPARE(*closed, 1);
    Result<std::optional<Claim>> claimed
        = store.queue().claim(QStringLiteral("worker-b"), {t.queue});
    QVERIFY2(claimed.ok(), qPrintable(claimed.error().message()));
    QVERIFY(claimed->has_value());
    QCOMPARE((*claimed)->taskId, t.id);
    Result<QVector<Execution>> h = history(tdb.db(), t.id);
    QVERIFY(h.ok());
    QCOMPARE(h->size(), 2);
    QVERIFY(h->at(0).isOpen()); // the new one, newest first
    QCOMPARE(h->at(0).workerId, QStringLiteral("worker-b"));
    QVERIFY(!h->at(1).isOpen());
    QVERIFY(h->at(1).endedAt <= h->at(0).startedAt);
}

void ExecutionsTest::aBatchClaimSkipsOnlyTheTasksWithOpenExecutions()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("operator"));
    const QString queue = uniqueQueue();
    QVector<qint64> ids;
    for (int i = 0; i < 6; ++i) {
        NewTask n;
        n.kind = QStringLiteral("test.job");
        n.queue = queue;
        n.priority = 10 - i;
        Result<qint64> id = store.queue().enqueue(n);
        QVERIFY(id.ok());
        ids << *id;
    }
    Result<QVector<Claim>> first = store.queue().claimMany(QStringLiteral("worker-a"), {queue}, 6);
    QVERIFY(first.ok());
    QCOMPARE(first->size(), 6);
    // Tasks 0, 2, 4 are cancelled and restarted; 1, 3, 5 finish and restart.
    for (int i = 0; i < 6; ++i) {
        const Claim &c = first->at(i);
        if (i % 2 == 0)
            QVERIFY(store.actions().cancel(c.taskId).ok());
        else
            QVERIFY(store.queue().finishSuccess(c.taskId, c.lease).ok());
        QVERIFY(store.actions().restart(c.taskId).ok());
    }
    Result<QVector<Claim>> second = store.queue().claimMany(QStringLiteral("worker-b"), {queue}, 6);
    QVERIFY2(second.ok(), qPrintable(second.error().message()));
    QVector<qint64> got;
    for (const Claim &c : *second)
        got << c.taskId;
    QCOMPARE(got, (QVector<qint64>{ids.at(1), ids.at(3), ids.at(5)}));
    // And through the path a worker takes when its successes free slots.
    QVERIFY(ExecutionStore(tdb.db()).close({first->at(0).lease, first->at(2).lease}).ok());
    Result<TaskQueue::FinishedAndClaimed> third = store.queue().finishSuccessManyAndClaim(
        {{second->at(0).taskId, second->at(0).lease}}, QStringLiteral("worker-b"), {queue}, 6);
    QVERIFY2(third.ok(), qPrintable(third.error().message()));
    got.clear();
    for (const Claim &c : third->claims)
        got << c.taskId;
    QCOMPARE(got, (QVector<qint64>{ids.at(0), ids.at(2)}));
}

void ExecutionsTest::theDatabaseRefusesASecondOpenExecution()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(t.id > 0);
    Result<QSqlDatabase> c = tdb.db().connection();
    QVERIFY(c.ok());
    QSqlQuery q(c.value());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO executions (task_id, lease) VALUES (?, 'x')")));
    q.addBindValue(t.id);
    QVERIFY2(!q.exec(), "a second open execution of one task was accepted");
    // A closed one is history, any number of them.
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO executions (task_id, lease, ended_at) VALUES "
                                    "(?, 'y', 1), (?, 'z', 2)"),
        {t.id, t.id}));
}

void ExecutionsTest::aGroupIsRecordedForOpenExecutionsOnly()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    ExecutionStore executions(tdb.db());
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"));
    Result<bool> set = executions.setGroup(t.lease, 4242, 777);
    QVERIFY(set.ok() && *set);
    Result<std::optional<Execution>> open = executions.openOfTask(t.id);
    QVERIFY(open.ok() && open->has_value());
    QCOMPARE((*open)->pgid, 4242);
    QCOMPARE((*open)->leaderStart, 777);
    QVERIFY((*open)->groupAt > 0);
    QCOMPARE(*executions.close({t.lease}), 1);
    QCOMPARE(*executions.close({t.lease}), 0); // fenced: closed once
    set = executions.setGroup(t.lease, 4343, 778);
    QVERIFY(set.ok() && !*set);
    Result<QVector<Execution>> mine = executions.openOfWorker(QStringLiteral("worker-a"));
    QVERIFY(mine.ok() && mine->isEmpty());
}

void ExecutionsTest::aNewBootClosesTheHostsOlderExecutions()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    ExecutionStore executions(tdb.db());
    const MadeTask old = makeTask(store, QStringLiteral("RUNNING"));
    const MadeTask current = makeTask(store, QStringLiteral("RUNNING"));
    const MadeTask elsewhere = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE executions SET boot_id = 'an-earlier-boot' WHERE "
                                    "task_id = ?"),
        {old.id}));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE executions SET host = 'other-host', boot_id = "
                                    "'an-earlier-boot' WHERE task_id = ?"),
        {elsewhere.id}));
    Result<QVector<qint64>> closed
        = executions.closeOtherBoots(ExecutionStore::thisHost(), ExecutionStore::thisBootId());
    QVERIFY(closed.ok());
    QCOMPARE(closed->size(), 1);
    Result<QVector<Execution>> h = history(tdb.db(), old.id);
    QCOMPARE(h->at(0).endReason, ExecutionEnd::HostRebooted);
    QVERIFY(executions.openOfTask(current.id)->has_value());
    QVERIFY(executions.openOfTask(elsewhere.id)->has_value());
    Result<QVector<Execution>> here = executions.openOnHost(ExecutionStore::thisHost());
    QCOMPARE(here->size(), 1);
    QCOMPARE(here->at(0).taskId, current.id);
}

void ExecutionsTest::forgettingAHostClosesItsExecutionsAndAuditsIt()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    ExecutionStore executions(tdb.db());
    const MadeTask gone = makeTask(store, QStringLiteral("RUNNING"));
    const MadeTask here = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE executions SET host = 'dead-host' WHERE task_id = ?"), {gone.id}));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO workers (id, name, host) VALUES ('w@dead-host', "
                                    "'w', 'dead-host'), ('w@live', 'w', 'live-host')")));
    Result<QVector<qint64>> none
        = executions.forgetHost(QStringLiteral("  "), QStringLiteral("op"));
    QCOMPARE(none.error().kind(), ErrorKind::Invalid);
    Result<QVector<qint64>> closed
        = executions.forgetHost(QStringLiteral("dead-host"), QStringLiteral("op"));
    QVERIFY2(closed.ok(), qPrintable(closed.error().message()));
    QCOMPARE(closed->size(), 1);
    QCOMPARE(history(tdb.db(), gone.id)->at(0).endReason, ExecutionEnd::HostForgotten);
    QVERIFY(executions.openOfTask(here.id)->has_value());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT status FROM workers WHERE id = 'w@dead-host'"))
                 .toString(),
        QStringLiteral("lost"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT status FROM workers WHERE id = 'w@live'")).toString(),
        QStringLiteral("running"));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = "
                                       "'forget_host'"))
                 .toString(),
        QStringLiteral("op"));
    const QString details = tdb.scalar(QStringLiteral("SELECT details FROM audit_log WHERE "
                                                      "action = 'forget_host'"))
                                .toString();
    QVERIFY2(details.contains(QStringLiteral("dead-host")), qPrintable(details));
}

void ExecutionsTest::aDeletedTaskTakesItsExecutionsWithIt()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const MadeTask t = makeTask(store, QStringLiteral("COMPLETED"));
    QVERIFY(t.id > 0);
    QVERIFY(store.actions().remove(t.id).ok());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM executions WHERE task_id = ?"), {t.id})
                 .toInt(),
        0);
}

TASKDESK_TEST_MAIN(ExecutionsTest)
#include "tst_executions.moc"
