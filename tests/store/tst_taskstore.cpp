// The state table of DESIGN.md, row by row, allowed and refused, on a real
// SQLite file or a real PostgreSQL database.

#include "core/auditlog.h"
#include "core/database.h"
#include "core/tasks/taskstore.h"
#include "ctl/formatting.h"
#include "ctl/jsonformat.h"
#include "storetest.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

// The default queue threshold and this heartbeat timeout.
StuckThresholds heartbeatTimeout(qint64 ms)
{
    StuckThresholds t;
    t.heartbeatTimeoutMs = ms;
    return t;
}

const QString kActor = QStringLiteral("alice");

Result<ActionReport> act(TaskStore &store, const QString &action, qint64 id)
{
    if (action == QLatin1String("cancel"))
        return store.actions().cancel(id);
    if (action == QLatin1String("force_stop"))
        return store.actions().forceStop(id);
    if (action == QLatin1String("restart"))
        return store.actions().restart(id);
    return store.actions().remove(id);
}

qint64 rowCount(TestDatabase &tdb, const QString &table)
{
    return tdb.scalar(QStringLiteral("SELECT count(*) FROM ") + table).toLongLong();
}

// A task of kind "job" as the claim tests need it; its id, 0 if refused.
qint64 addJob(TaskStore &store, const QString &name, int priority, const QString &queue,
    qint64 delayMs = 0, const QStringList &items = {})
{
    NewTask n;
    n.kind = QStringLiteral("job");
    n.name = name;
    n.priority = priority;
    n.queue = queue;
    n.delayMs = delayMs;
    n.items = items;
    Result<qint64> id = store.queue().enqueue(n);
    return id.ok() ? *id : 0;
}

} // namespace

class TaskStoreTest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void operatorAction_data();
    void operatorAction();
    void actionOnMissingTaskIsNotFound();

    void workerCall_data();
    void workerCall();

    void enqueueDefaults();
    void enqueueValidation_data();
    void enqueueValidation();

    void claimOrderAndQueues();
    void claimFillsTheRow();
    void claimManyTakesSeveralInOrder();
    void finishSuccessManyFencesEachLease();
    void finishingAndClaimingShareOneCommit();
    void heartbeat();

    void retryBackoff_data();
    void retryBackoff();
    void attemptsUsedUpFail();
    void nonRetryableErrorFails();

    void itemsProgress();
    void cancelCountsOnlyItemsDoneWell();
    void itemsOfAnotherProgramCountOnlyWhenDoneWell();
    void aNewAttemptStartsItsProgressClean();
    void forceStopFailsRunningItems();
    void cancelFailsRunningItems();
    void restartGivesAFreshBudget();
    void deleteKeepsTheAuditRows();
    void aDeleteRetriedAfterABusyCommitCountsOnce();
    void aQueueSweepRetriedAfterABusyCommitListsEachTaskOnce();
    void auditNamesTheActor();
    void failWorkerTasks();

    void rawInsertIsAValidTask();

    void listFilters_data();
    void listFilters();
    void listSorting_data();
    void listSorting();
    void listSearchById();
    void listRefusesBadWindows();
    void aSearchOverItsLimitIsBadInputEverywhere();
    void counts();
    void countsFollowEveryWrite();
    void stats();

private:
    TestDatabase *listDatabase();

    std::unique_ptr<TestDatabase> m_tdb; // shared by rows that only look at their own task
    std::unique_ptr<TestDatabase> m_listDb; // the six tasks of the list tests, read only
};

void TaskStoreTest::initTestCase()
{
    m_tdb = std::make_unique<TestDatabase>();
    TASKDESK_REQUIRE_DB(*m_tdb);
    qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
}

void TaskStoreTest::cleanupTestCase()
{
    m_listDb.reset();
    m_tdb.reset();
}

// ------------------------------------------------------------ operator actions

void TaskStoreTest::operatorAction_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("from");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("after"); // status after, or DELETED
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("logLine"); // the task log's last line when allowed
    QTest::addColumn<QString>("refusal"); // %1: the task id

    const QString cancelRefusal = QStringLiteral(
        "Task %1 cannot be cancelled: it is not pending or running (current status: %2)");
    const QString stopRefusal = QStringLiteral("Task %1 is not running (current status: %2)");
    const QString restartRefusal = QStringLiteral(
        "Task %1 cannot be restarted: only completed or failed tasks can (current status: %2)");
    const QString deleteRefusal = QStringLiteral("Task %1 is running and cannot be deleted; force "
                                                 "stop or cancel it first (current status: %2)");
    const QString cancelled = QStringLiteral("Task cancelled manually by alice");
    const QString stopped = QStringLiteral("⚠️ Task force stopped by alice");
    const QString restarted = QStringLiteral("Task restarted by alice");

    QTest::newRow("Cancel of a pending task is allowed") << "cancel"
                                                         << "PENDING" << true << "FAILED"
                                                         << "cancelled" << cancelled << QString();
    QTest::newRow("Cancel of a running task is allowed") << "cancel"
                                                         << "RUNNING" << true << "FAILED"
                                                         << "cancelled" << cancelled << QString();
    QTest::newRow("Cancel of a completed task is refused")
        << "cancel"
        << "COMPLETED" << false << ""
        << ""
        << "" << cancelRefusal.arg(QStringLiteral("%1"), QStringLiteral("COMPLETED"));
    QTest::newRow("Cancel of a failed task is refused")
        << "cancel"
        << "FAILED" << false << ""
        << ""
        << "" << cancelRefusal.arg(QStringLiteral("%1"), QStringLiteral("FAILED"));

    QTest::newRow("Force Stop of a running task is allowed")
        << "force_stop"
        << "RUNNING" << true << "FAILED"
        << "force_stopped" << stopped << QString();
    for (const char *from : {"PENDING", "COMPLETED", "FAILED"}) {
        const QString status = QString::fromLatin1(from);
        QTest::addRow("Force Stop of a %s task is refused", qPrintable(status.toLower()))
            << "force_stop" << status << false << ""
            << ""
            << "" << stopRefusal.arg(QStringLiteral("%1"), status);
    }

    QTest::newRow("Restart of a completed task is allowed") << "restart"
                                                            << "COMPLETED" << true << "PENDING"
                                                            << "" << restarted << QString();
    QTest::newRow("Restart of a failed task is allowed") << "restart"
                                                         << "FAILED" << true << "PENDING"
                                                         << "" << restarted << QString();
    for (const char *from : {"PENDING", "RUNNING"}) {
        const QString status = QString::fromLatin1(from);
        QTest::addRow("Restart of a %s task is refused", qPrintable(status.toLower()))
            << "restart" << status << false << ""
            << ""
            << "" << restartRefusal.arg(QStringLiteral("%1"), status);
    }

    for (const char *from : {"PENDING", "COMPLETED", "FAILED"}) {
        const QString status = QString::fromLatin1(from);
        QTest::addRow("Delete of a %s task is allowed", qPrintable(status.toLower()))
            << "delete" << status << true << "DELETED"
            << ""
            << "" << QString();
    }
    QTest::newRow("Delete of a running task is refused")
        << "delete"
        << "RUNNING" << false << ""
        << ""
        << "" << deleteRefusal.arg(QStringLiteral("%1"), QStringLiteral("RUNNING"));
}

void TaskStoreTest::operatorAction()
{
    QFETCH(QString, action);
    QFETCH(QString, from);
    QFETCH(bool, allowed);
    QFETCH(QString, after);
    QFETCH(QString, outcome);
    QFETCH(QString, logLine);
    QFETCH(QString, refusal);

    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, from, {QStringLiteral("one"), QStringLiteral("two")});
    QVERIFY(t.id > 0);
    const QString before = snapshot(store, t.id);
    const QVector<AuditEntry> auditBefore = auditOf(m_tdb->db(), t.id);
    QCOMPARE(auditBefore.size(), 1); // the enqueue

    Result<ActionReport> r = act(store, action, t.id);
    if (!allowed) {
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().kind()), int(ErrorKind::Refused));
        QCOMPARE(r.error().message(), refusal.arg(t.id));
        QCOMPARE(snapshot(store, t.id), before);
        QCOMPARE(auditOf(m_tdb->db(), t.id).size(), auditBefore.size());
        return;
    }

    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QVERIFY(r->done);
    QCOMPARE(r->taskId, t.id);
    QCOMPARE(r->before, from);
    QCOMPARE(r->after, after);
    QVERIFY(!ctl::actionText(*r).isEmpty()); // the sentence taskdeskctl prints

    // Exactly one audit row, naming who, what and the statuses.
    const QVector<AuditEntry> audit = auditOf(m_tdb->db(), t.id);
    QCOMPARE(audit.size(), auditBefore.size() + 1);
    const AuditEntry &row = audit.first(); // newest first
    QCOMPARE(row.action, action);
    QCOMPARE(row.actor, kActor);
    QCOMPARE(row.taskId, t.id);
    QCOMPARE(row.taskName, QStringLiteral("job in ") + t.queue);
    QCOMPARE(row.beforeStatus, from);
    QCOMPARE(row.afterStatus, after);
    QVERIFY(row.at > 0);

    if (after == QLatin1String("DELETED")) {
        Result<Task> gone = store.reader().task(t.id);
        QVERIFY(!gone.ok());
        QCOMPARE(int(gone.error().kind()), int(ErrorKind::NotFound));
        return;
    }
    Result<Task> task = store.reader().task(t.id);
    QVERIFY(task.ok());
    QCOMPARE(statusName(task->status), after);
    QCOMPARE(task->outcome, outcome);
    QVERIFY(task->lease.isEmpty());
    QCOMPARE(logMessages(store, t.id).constLast(), logLine);
}

void TaskStoreTest::actionOnMissingTaskIsNotFound()
{
    TaskStore store(m_tdb->db(), kActor);
    const qint64 auditRows = rowCount(*m_tdb, QStringLiteral("audit_log"));
    for (const char *action : {"cancel", "force_stop", "restart", "delete"}) {
        Result<ActionReport> r = act(store, QString::fromLatin1(action), 987654321);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().kind()), int(ErrorKind::NotFound));
        QCOMPARE(r.error().message(), QStringLiteral("Task 987654321 not found"));
    }
    QCOMPARE(rowCount(*m_tdb, QStringLiteral("audit_log")), auditRows);
}

// ------------------------------------------------------------ worker calls, fenced by the lease

void TaskStoreTest::workerCall_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("accepted");

    const QList<QPair<QString, QString>> calls{
        {QStringLiteral("heartbeat"), QStringLiteral("a heartbeat")},
        {QStringLiteral("finish_success"), QStringLiteral("a success")},
        {QStringLiteral("finish_error"), QStringLiteral("an error result")},
        {QStringLiteral("start_item"), QStringLiteral("starting an item")},
        {QStringLiteral("finish_item"), QStringLiteral("finishing an item")},
        {QStringLiteral("append_log"), QStringLiteral("a log line")},
    };
    const QList<QPair<QString, QString>> states{
        {QStringLiteral("own"), QStringLiteral("with the task's lease is accepted")},
        {QStringLiteral("other"), QStringLiteral("with another lease changes nothing")},
        {QStringLiteral("swept"),
            QStringLiteral("after the sweeper re-queued the task changes "
                           "nothing")},
        {QStringLiteral("retry"),
            QStringLiteral("after the clean-up re-queued the task changes "
                           "nothing")},
        {QStringLiteral("force_stopped"), QStringLiteral("after a Force Stop changes nothing")},
        {QStringLiteral("cancelled"), QStringLiteral("after a Cancel changes nothing")},
        {QStringLiteral("finished"), QStringLiteral("after the task finished changes nothing")},
    };
    for (const auto &[call, callText] : calls) {
        for (const auto &[state, stateText] : states) {
            QTest::addRow("%s %s", qPrintable(callText), qPrintable(stateText))
                << call << state << (state == QLatin1String("own"));
        }
    }
}

void TaskStoreTest::workerCall()
{
    QFETCH(QString, call);
    QFETCH(QString, state);
    QFETCH(bool, accepted);

    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(
        store, QStringLiteral("RUNNING"), {QStringLiteral("one"), QStringLiteral("two")}, 3);
    QVERIFY(t.id > 0);
    QCOMPARE(t.items.size(), 2);
    Result<bool> started = store.queue().startItem(t.id, t.lease, t.items.at(0).id);
    QVERIFY(started.ok() && *started);

    QString lease = t.lease;
    if (state == QLatin1String("other")) {
        lease = QStringLiteral("00000000-0000-0000-0000-000000000000");
    } else if (state == QLatin1String("swept") || state == QLatin1String("retry")) {
        QVERIFY(m_tdb->exec(
            QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
            {t.id}));
        StuckThresholds th;
        th.heartbeatTimeoutMs = 60000;
        Result<CleanupReport> r = state == QLatin1String("swept")
            ? store.stuck().sweepLostWorkers(th.heartbeatTimeoutMs, StuckTasks::kPoisonRescues)
            : store.stuck().cleanup(th, CleanupAction::Retry);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QVERIFY(r->runningRequeued.contains(t.id));
    } else if (state == QLatin1String("force_stopped")) {
        QVERIFY(store.actions().forceStop(t.id).ok());
    } else if (state == QLatin1String("cancelled")) {
        QVERIFY(store.actions().cancel(t.id).ok());
    } else if (state == QLatin1String("finished")) {
        Result<FinishResult> f = store.queue().finishSuccess(t.id, t.lease);
        QVERIFY(f.ok() && f->accepted);
    }

    const QString before = snapshot(store, t.id);
    const qint64 auditRows = auditOf(m_tdb->db(), t.id).size();
    bool result = false;
    if (call == QLatin1String("heartbeat")) {
        Result<bool> r = store.queue().heartbeat(t.id, lease, 1, 2);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        result = *r;
    } else if (call == QLatin1String("finish_success")) {
        Result<FinishResult> r = store.queue().finishSuccess(t.id, lease);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        result = r->accepted;
    } else if (call == QLatin1String("finish_error")) {
        Result<FinishResult> r = store.queue().finishError(
            t.id, lease, 1, QStringLiteral("boom"), Outcome::ErrorExit, true);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        result = r->accepted;
        QCOMPARE(r->requeued, accepted);
    } else if (call == QLatin1String("start_item")) {
        Result<bool> r = store.queue().startItem(t.id, lease, t.items.at(1).id);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        result = *r;
    } else if (call == QLatin1String("finish_item")) {
        Result<bool> r = store.queue().finishItem(t.id, lease, t.items.at(0).id, true, {});
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        result = *r;
    } else {
        LogLine line;
        line.level = QStringLiteral("output");
        line.message = QStringLiteral("hello from the task");
        Result<bool> r = store.queue().appendWorkerLog(t.id, lease, {line});
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        result = *r;
    }
    QCOMPARE(result, accepted);
    QCOMPARE(auditOf(m_tdb->db(), t.id).size(), auditRows);
    if (!accepted) {
        QCOMPARE(snapshot(store, t.id), before);
        return;
    }

    Result<Task> task = store.reader().task(t.id);
    QVERIFY(task.ok());
    Result<QVector<TaskItem>> items = store.reader().items(t.id);
    QVERIFY(items.ok());
    if (call == QLatin1String("heartbeat")) {
        QCOMPARE(task->progressDone, 1);
        QCOMPARE(task->progressTotal, 2);
    } else if (call == QLatin1String("finish_success")) {
        QCOMPARE(task->status, TaskStatus::Completed);
        QCOMPARE(task->outcome, Outcome::Succeeded);
        QVERIFY(task->completedAt > 0);
    } else if (call == QLatin1String("finish_error")) {
        QCOMPARE(task->status, TaskStatus::Pending);
        QCOMPARE(task->errorMessage, QStringLiteral("boom"));
        QCOMPARE(items->at(0).status, TaskStatus::Pending); // runs again on the next attempt
    } else if (call == QLatin1String("start_item")) {
        QCOMPARE(items->at(1).status, TaskStatus::Running);
        QVERIFY(items->at(1).startedAt > 0);
    } else if (call == QLatin1String("finish_item")) {
        QCOMPARE(items->at(0).status, TaskStatus::Completed);
        QCOMPARE(task->progressDone, 1);
    } else {
        QCOMPARE(logMessages(store, t.id).constLast(), QStringLiteral("hello from the task"));
    }
}

// ------------------------------------------------------------ enqueue

void TaskStoreTest::enqueueDefaults()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), kActor);
    NewTask n;
    n.kind = QStringLiteral("warmup");
    n.items = QStringList{QStringLiteral("alice"), QStringLiteral("bob")};
    const qint64 before = dbNow(tdb.db());
    Result<qint64> id = store.queue().enqueue(n);
    const qint64 after = dbNow(tdb.db());
    QVERIFY2(id.ok(), qPrintable(id.error().message()));

    Result<Task> t = store.reader().task(*id);
    QVERIFY(t.ok());
    QCOMPARE(t->name, QStringLiteral("warmup")); // the kind names an unnamed task
    QCOMPARE(t->kind, QStringLiteral("warmup"));
    QCOMPARE(t->queue, QStringLiteral("default"));
    QCOMPARE(t->priority, 0);
    QCOMPARE(t->args, QStringLiteral("{}"));
    QCOMPARE(t->status, TaskStatus::Pending);
    QVERIFY(t->outcome.isEmpty());
    QCOMPARE(t->attempt, 0);
    QCOMPARE(t->maxAttempts, 3);
    QCOMPARE(t->timeLimitS, 0);
    QVERIFY2(t->createdAt >= before && t->createdAt <= after,
        qPrintable(QStringLiteral("%1 <= %2 <= %3").arg(before).arg(t->createdAt).arg(after)));
    QVERIFY(t->runAfter >= before && t->runAfter <= after);
    QCOMPARE(t->startedAt, 0);
    QCOMPARE(t->progressTotal, 2);
    QCOMPARE(t->itemsTotal, 2);
    QVERIFY(t->lease.isEmpty());

    Result<QVector<TaskItem>> items = store.reader().items(*id);
    QVERIFY(items.ok());
    QCOMPARE(items->size(), 2);
    QCOMPARE(items->at(0).label, QStringLiteral("alice"));
    QCOMPARE(items->at(1).label, QStringLiteral("bob"));
    QCOMPARE(items->at(1).position, 1);
    QCOMPARE(items->at(0).status, TaskStatus::Pending);

    QCOMPARE(logMessages(store, *id), QStringList{QStringLiteral("Task created by alice")});
    const QVector<AuditEntry> audit = auditOf(tdb.db(), *id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().action, QStringLiteral("enqueue"));
    QCOMPARE(audit.first().actor, kActor);
    QCOMPARE(audit.first().afterStatus, QStringLiteral("PENDING"));

    // A delay moves run_after into the future by that much, on the database clock.
    n.delayMs = 90000;
    const qint64 before2 = dbNow(tdb.db());
    Result<qint64> delayed = store.queue().enqueue(n);
    const qint64 after2 = dbNow(tdb.db());
    QVERIFY(delayed.ok());
    Result<Task> d = store.reader().task(*delayed);
    QVERIFY(d->runAfter >= before2 + 90000 && d->runAfter <= after2 + 90000);
}

void TaskStoreTest::enqueueValidation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("message"); // a part of the refusal

    QTest::newRow("an empty kind is refused")
        << "kind" << QVariant(QString()) << false << "invalid task kind ''";
    QTest::newRow("a kind with spaces is refused")
        << "kind" << QVariant(QStringLiteral("rm -rf")) << false << "invalid task kind";
    QTest::newRow("a kind that is a path is refused")
        << "kind" << QVariant(QStringLiteral("../bin/sh")) << false << "invalid task kind";
    QTest::newRow("a kind of 101 characters is refused")
        << "kind" << QVariant(QString(101, QLatin1Char('k'))) << false << "invalid task kind";
    QTest::newRow("a kind of 100 characters is accepted")
        << "kind" << QVariant(QString(100, QLatin1Char('k'))) << true << "";
    QTest::newRow("args that are not JSON are refused")
        << "args" << QVariant(QStringLiteral("{not json")) << false << "args are not a JSON";
    QTest::newRow("args with trailing garbage are refused")
        << "args" << QVariant(QStringLiteral("{} x")) << false << "args are not a JSON";
    QTest::newRow("args that are a bare string are refused")
        << "args" << QVariant(QStringLiteral("\"text\"")) << false << "args are not a JSON";
    QTest::newRow("args that are a number are refused")
        << "args" << QVariant(QStringLiteral("42")) << false << "args are not a JSON";
    QTest::newRow("args that are a JSON array are accepted")
        << "args" << QVariant(QStringLiteral("[1, 2]")) << true << "";
    QTest::newRow("a queue with spaces is refused")
        << "queue" << QVariant(QStringLiteral("my queue")) << false << "invalid queue name";
    QTest::newRow("priority 1001 is refused")
        << "priority" << QVariant(1001) << false << "priority must be between -1000 and 1000";
    QTest::newRow("priority -1001 is refused")
        << "priority" << QVariant(-1001) << false << "priority must be between -1000 and 1000";
    QTest::newRow("priority 1000 is accepted") << "priority" << QVariant(1000) << true << "";
    QTest::newRow("zero max attempts are refused")
        << "maxAttempts" << QVariant(0) << false << "max attempts must be between 1 and 100";
    QTest::newRow("101 max attempts are refused")
        << "maxAttempts" << QVariant(101) << false << "max attempts must be between 1 and 100";
    QTest::newRow("100 max attempts are accepted") << "maxAttempts" << QVariant(100) << true << "";
    QTest::newRow("a negative time limit is refused")
        << "timeLimitS" << QVariant(-1) << false << "time limit must be between 0";
    QTest::newRow("a time limit over a week is refused")
        << "timeLimitS" << QVariant(7 * 24 * 3600 + 1) << false << "time limit must be between 0";
    QTest::newRow("a negative delay is refused")
        << "delayMs" << QVariant(qint64(-1)) << false << "delay must be between 0 and one year";
    QTest::newRow("a delay over a year is refused")
        << "delayMs" << QVariant(qint64(367) * 24 * 3600 * 1000) << false
        << "delay must be between 0 and one year";
    QTest::newRow("a name of 501 characters is refused")
        << "name" << QVariant(QString(501, QLatin1Char('n'))) << false
        << "task name is longer than 500 characters";
}

void TaskStoreTest::enqueueValidation()
{
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(bool, valid);
    QFETCH(QString, message);

    TaskStore store(m_tdb->db(), kActor);
    NewTask n;
    n.kind = QStringLiteral("import");
    if (field == QLatin1String("kind"))
        n.kind = value.toString();
    else if (field == QLatin1String("args"))
        n.args = value.toString();
    else if (field == QLatin1String("queue"))
        n.queue = value.toString();
    else if (field == QLatin1String("priority"))
        n.priority = value.toInt();
    else if (field == QLatin1String("maxAttempts"))
        n.maxAttempts = value.toInt();
    else if (field == QLatin1String("timeLimitS"))
        n.timeLimitS = value.toInt();
    else if (field == QLatin1String("delayMs"))
        n.delayMs = value.toLongLong();
    else if (field == QLatin1String("name"))
        n.name = value.toString();

    const qint64 tasks = rowCount(*m_tdb, QStringLiteral("tasks"));
    const qint64 audit = rowCount(*m_tdb, QStringLiteral("audit_log"));
    const qint64 log = rowCount(*m_tdb, QStringLiteral("task_log"));
    Result<qint64> id = store.queue().enqueue(n);
    if (valid) {
        QVERIFY2(id.ok(), qPrintable(id.error().message()));
        QCOMPARE(rowCount(*m_tdb, QStringLiteral("tasks")), tasks + 1);
        return;
    }
    QVERIFY(!id.ok());
    QCOMPARE(int(id.error().kind()), int(ErrorKind::Invalid));
    QVERIFY2(id.error().message().contains(message), qPrintable(id.error().message()));
    QCOMPARE(rowCount(*m_tdb, QStringLiteral("tasks")), tasks);
    QCOMPARE(rowCount(*m_tdb, QStringLiteral("audit_log")), audit);
    QCOMPARE(rowCount(*m_tdb, QStringLiteral("task_log")), log);
}

// ------------------------------------------------------------ claim and heartbeat

void TaskStoreTest::claimOrderAndQueues()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), kActor);
    auto add = [&](const QString &name, int priority, const QString &queue, qint64 delayMs) {
        return addJob(store, name, priority, queue, delayMs);
    };
    const QString main = QStringLiteral("main");
    const QString other = QStringLiteral("other");
    QVERIFY(add(QStringLiteral("low"), 0, main, 0));
    QVERIFY(add(QStringLiteral("high-1"), 5, main, 0));
    QVERIFY(add(QStringLiteral("high-2"), 5, main, 0));
    QVERIFY(add(QStringLiteral("lowest"), -1, main, 0));
    const qint64 later = add(QStringLiteral("urgent-but-later"), 10, main, 600000);
    QVERIFY(later);
    QVERIFY(add(QStringLiteral("elsewhere"), 100, other, 0));

    QStringList order;
    for (;;) {
        Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {main});
        QVERIFY2(c.ok(), qPrintable(c.error().message()));
        if (!c->has_value())
            break;
        QCOMPARE((*c)->queue, main);
        order << (*c)->name;
    }
    // Priority first, then the oldest; the task due in ten minutes waits; the
    // other queue is not touched.
    QCOMPARE(order,
        (QStringList{QStringLiteral("high-1"), QStringLiteral("high-2"), QStringLiteral("low"),
            QStringLiteral("lowest")}));

    // Once due (its run_after backdated), the delayed task is claimed.
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET run_after = run_after - 600001 WHERE id = ?"), {later}));
    Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {main});
    QVERIFY(c.ok() && c->has_value());
    QCOMPARE((*c)->taskId, later);

    // No queue list means every queue; several queues are or-ed.
    c = store.queue().claim(QStringLiteral("w"), {QStringLiteral("nowhere"), other});
    QVERIFY(c.ok() && c->has_value());
    QCOMPARE((*c)->name, QStringLiteral("elsewhere"));
    QVERIFY(add(QStringLiteral("anywhere"), 0, QStringLiteral("third"), 0));
    c = store.queue().claim(QStringLiteral("w"), {});
    QVERIFY(c.ok() && c->has_value());
    QCOMPARE((*c)->name, QStringLiteral("anywhere"));
    c = store.queue().claim(QStringLiteral("w"), {});
    QVERIFY(c.ok() && !c->has_value());
}

void TaskStoreTest::claimManyTakesSeveralInOrder()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), kActor);
    auto add = [&](const QString &name, int priority, const QString &queue,
                   const QStringList &items = {}) {
        return addJob(store, name, priority, queue, 0, items);
    };
    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");
    QVERIFY(add(QStringLiteral("a-low"), 0, a, {QStringLiteral("one"), QStringLiteral("two")}));
    QVERIFY(add(QStringLiteral("b-high"), 9, b));
    QVERIFY(add(QStringLiteral("a-mid"), 5, a));
    QVERIFY(add(QStringLiteral("b-low"), 0, b, {QStringLiteral("three")}));
    QVERIFY(add(QStringLiteral("c-top"), 20, QStringLiteral("c")));

    // A count out of range is refused and claims nothing.
    for (int bad : {0, -1, TaskQueue::kMaxBatch + 1}) {
        Result<QVector<Claim>> refused = store.queue().claimMany(QStringLiteral("w"), {a, b}, bad);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), ErrorKind::Invalid);
    }
    TaskFilter running;
    running.statuses = {TaskStatus::Running};
    QCOMPARE(*store.reader().count(running), qint64(0));

    // Three of the four in queues a and b, best first across both queues; the
    // other queue's task is not touched.
    Result<QVector<Claim>> first = store.queue().claimMany(QStringLiteral("w"), {a, b}, 3);
    QVERIFY2(first.ok(), qPrintable(first.error().message()));
    QStringList names;
    QSet<QString> leases;
    for (const Claim &c : *first) {
        names << c.name;
        leases.insert(c.lease);
        QCOMPARE(c.attempt, 1);
        Result<Task> t = store.reader().task(c.taskId);
        QCOMPARE(t->status, TaskStatus::Running);
        QCOMPARE(t->lease, c.lease);
        QCOMPARE(t->workerId, QStringLiteral("w"));
        Result<QVector<LogLine>> log = store.reader().log(c.taskId);
        QVERIFY(log.ok());
        QVERIFY(!log->isEmpty());
        QCOMPARE(log->constLast().message, QStringLiteral("Attempt 1 of 3 started on worker w"));
    }
    QCOMPARE(names,
        (QStringList{QStringLiteral("b-high"), QStringLiteral("a-mid"), QStringLiteral("a-low")}));
    // Each task has a lease of its own (the fencing token).
    QCOMPARE(leases.size(), 3);
    // Items come with their own task.
    QCOMPARE(first->at(2).items.size(), 2);
    QCOMPARE(first->at(2).items.at(1).label, QStringLiteral("two"));
    QCOMPARE(first->at(2).items.at(1).taskId, first->at(2).taskId);
    QVERIFY(first->at(0).items.isEmpty());

    // Asking for more than is left takes what is left, then nothing.
    Result<QVector<Claim>> rest = store.queue().claimMany(QStringLiteral("w"), {a, b}, 10);
    QVERIFY(rest.ok());
    QCOMPARE(rest->size(), 1);
    QCOMPARE(rest->constFirst().name, QStringLiteral("b-low"));
    QCOMPARE(rest->constFirst().items.size(), 1);
    rest = store.queue().claimMany(QStringLiteral("w"), {a, b}, 10);
    QVERIFY(rest.ok());
    QVERIFY(rest->isEmpty());
    QCOMPARE(*store.reader().count(running), qint64(4));
}

void TaskStoreTest::finishSuccessManyFencesEachLease()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), kActor);
    for (int i = 0; i < 3; ++i) {
        NewTask n;
        n.kind = QStringLiteral("job");
        n.name = QStringLiteral("t%1").arg(i);
        QVERIFY(store.queue().enqueue(n).ok());
    }
    Result<QVector<Claim>> claims = store.queue().claimMany(QStringLiteral("w"), {}, 3);
    QVERIFY(claims.ok());
    QCOMPARE(claims->size(), 3);
    const Claim &kept = claims->at(0);
    const Claim &cancelled = claims->at(1);
    const Claim &stale = claims->at(2);
    // One cancelled by an operator; one finished with a lease that is not its own.
    QVERIFY(store.actions().cancel(cancelled.taskId).ok());

    // Too many at once is refused and writes nothing.
    QVector<std::pair<qint64, QString>> tooMany(
        TaskQueue::kMaxBatch + 1, {kept.taskId, kept.lease});
    Result<QVector<qint64>> refused = store.queue().finishSuccessMany(tooMany);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind(), ErrorKind::Invalid);
    QCOMPARE(store.reader().task(kept.taskId)->status, TaskStatus::Running);

    Result<QVector<qint64>> accepted = store.queue().finishSuccessMany({{kept.taskId, kept.lease},
        {cancelled.taskId, cancelled.lease}, {stale.taskId, QStringLiteral("not-the-lease")}});
    QVERIFY2(accepted.ok(), qPrintable(accepted.error().message()));
    QCOMPARE(*accepted, QVector<qint64>{kept.taskId});

    Result<Task> done = store.reader().task(kept.taskId);
    QCOMPARE(done->status, TaskStatus::Completed);
    QCOMPARE(done->outcome, QStringLiteral("succeeded"));
    QVERIFY(done->lease.isEmpty());
    QCOMPARE(
        store.reader().log(kept.taskId)->constLast().message, QStringLiteral("Task completed"));
    // The others keep what they had: the operator's Cancel, the running task.
    QCOMPARE(store.reader().task(cancelled.taskId)->status, TaskStatus::Failed);
    QCOMPARE(store.reader().task(stale.taskId)->status, TaskStatus::Running);
    QCOMPARE(store.reader().task(stale.taskId)->lease, stale.lease);
    QVERIFY(
        store.reader().log(stale.taskId)->constLast().message != QStringLiteral("Task completed"));
    // An empty batch is nothing to do.
    QVERIFY(store.queue().finishSuccessMany({})->isEmpty());
}

void TaskStoreTest::finishingAndClaimingShareOneCommit()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), kActor);
    for (int i = 0; i < 5; ++i) {
        NewTask n;
        n.kind = QStringLiteral("job");
        n.name = QStringLiteral("t%1").arg(i);
        QVERIFY(store.queue().enqueue(n).ok());
    }
    Result<QVector<Claim>> first = store.queue().claimMany(QStringLiteral("w"), {}, 2);
    QVERIFY(first.ok());
    QCOMPARE(first->size(), 2);
    const Claim done = first->at(0);
    const Claim cancelled = first->at(1);
    QVERIFY(store.actions().cancel(cancelled.taskId).ok());
    const QVector<std::pair<qint64, QString>> results{
        {done.taskId, done.lease}, {cancelled.taskId, cancelled.lease}};

    // Out of bounds: refused, nothing written.
    for (int bad : {-1, TaskQueue::kMaxBatch + 1}) {
        Result<TaskQueue::FinishedAndClaimed> refused
            = store.queue().finishSuccessManyAndClaim(results, QStringLiteral("w"), {}, bad);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), ErrorKind::Invalid);
    }
    QCOMPARE(store.reader().task(done.taskId)->status, TaskStatus::Running);

    // A claim the database refuses takes the finish back with it.
    const QStringList refuse = TestDatabase::postgres()
        ? QStringList{QStringLiteral(
                          "CREATE FUNCTION refuse_claims() RETURNS trigger LANGUAGE "
                          "plpgsql AS $$ BEGIN RAISE EXCEPTION 'claims refused'; END $$"),
            QStringLiteral("CREATE TRIGGER refuse_claims BEFORE UPDATE ON tasks FOR EACH ROW WHEN "
                           "(NEW.status = 'RUNNING' AND OLD.status = 'PENDING') EXECUTE FUNCTION "
                           "refuse_claims()")}
        : QStringList{QStringLiteral("CREATE TRIGGER refuse_claims BEFORE UPDATE ON tasks WHEN "
                                     "NEW.status = 'RUNNING' AND OLD.status = 'PENDING' BEGIN "
                                     "SELECT RAISE(ABORT, 'claims refused'); END")};
    // Sent as they are: PostgreSQL does not prepare DDL.
    auto ddl = [&tdb](const QString &statement) {
        Result<QSqlDatabase> c = tdb.db().connection();
        if (!c.ok())
            return false;
        QSqlQuery q(*c);
        if (!q.exec(statement))
            qWarning("%s", qPrintable(q.lastError().text()));
        return q.isActive();
    };
    for (const QString &statement : refuse)
        QVERIFY(ddl(statement));
    Result<TaskQueue::FinishedAndClaimed> failed
        = store.queue().finishSuccessManyAndClaim(results, QStringLiteral("w"), {}, 2);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().message().contains(QStringLiteral("claims refused")),
        qPrintable(failed.error().message()));
    QCOMPARE(store.reader().task(done.taskId)->status, TaskStatus::Running);
    QCOMPARE(store.reader().task(done.taskId)->lease, done.lease);
    QVERIFY(ddl(QStringLiteral("DROP TRIGGER refuse_claims")
        + (TestDatabase::postgres() ? QStringLiteral(" ON tasks") : QString())));

    // The success counts where its lease holds, and the freed slots are claimed
    // by the same commit.
    Result<TaskQueue::FinishedAndClaimed> both
        = store.queue().finishSuccessManyAndClaim(results, QStringLiteral("w"), {}, 2);
    QVERIFY2(both.ok(), qPrintable(both.error().message()));
    QCOMPARE(both->accepted, QVector<qint64>{done.taskId});
    QCOMPARE(both->claims.size(), 2);
    QCOMPARE(store.reader().task(done.taskId)->status, TaskStatus::Completed);
    QCOMPARE(store.reader().task(cancelled.taskId)->status, TaskStatus::Failed);
    for (const Claim &c : both->claims) {
        QVERIFY(c.taskId != done.taskId && c.taskId != cancelled.taskId);
        const Task t = *store.reader().task(c.taskId);
        QCOMPARE(t.status, TaskStatus::Running);
        QCOMPARE(t.lease, c.lease);
        QCOMPARE(t.workerId, QStringLiteral("w"));
    }

    // No free slot: only the results are written.
    const Claim next = both->claims.at(0);
    Result<TaskQueue::FinishedAndClaimed> finishOnly = store.queue().finishSuccessManyAndClaim(
        {{next.taskId, next.lease}}, QStringLiteral("w"), {}, 0);
    QVERIFY(finishOnly.ok());
    QCOMPARE(finishOnly->accepted, QVector<qint64>{next.taskId});
    QVERIFY(finishOnly->claims.isEmpty());
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE status = 'PENDING'")).toInt(),
        1);
    // Nothing to finish, a slot free: a claim alone.
    Result<TaskQueue::FinishedAndClaimed> claimOnly
        = store.queue().finishSuccessManyAndClaim({}, QStringLiteral("w"), {}, 3);
    QVERIFY(claimOnly.ok());
    QCOMPARE(claimOnly->claims.size(), 1);
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE status = 'PENDING'")).toInt(),
        0);
}

void TaskStoreTest::claimFillsTheRow()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("PENDING"), {QStringLiteral("x")});
    const qint64 before = dbNow(m_tdb->db());
    Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("worker-7"), {t.queue});
    const qint64 after = dbNow(m_tdb->db());
    QVERIFY(c.ok() && c->has_value());
    const Claim &claim = **c;
    QCOMPARE(claim.taskId, t.id);
    QCOMPARE(claim.attempt, 1);
    QCOMPARE(claim.maxAttempts, 3);
    QCOMPARE(claim.kind, QStringLiteral("test.job"));
    QCOMPARE(QJsonDocument::fromJson(claim.args.toUtf8()).object().value(QStringLiteral("n")), 1);
    QVERIFY(!claim.lease.isEmpty());
    QCOMPARE(claim.items.size(), 1);
    QCOMPARE(claim.items.first().label, QStringLiteral("x"));

    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Running);
    QCOMPARE(task->workerId, QStringLiteral("worker-7"));
    QCOMPARE(task->lease, claim.lease);
    QVERIFY(task->startedAt >= before && task->startedAt <= after);
    QVERIFY(task->heartbeatAt >= before && task->heartbeatAt <= after);
    QCOMPARE(logMessages(store, t.id).constLast(),
        QStringLiteral("Attempt 1 of 3 started on worker worker-7"));

    // A second claim of the same queue finds nothing: the task is taken.
    Result<std::optional<Claim>> again = store.queue().claim(QStringLiteral("worker-8"), {t.queue});
    QVERIFY(again.ok() && !again->has_value());
}

void TaskStoreTest::heartbeat()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(m_tdb->exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 120000 WHERE id = ?"),
        {t.id}));
    const qint64 stale = store.reader().task(t.id)->heartbeatAt;

    // Without the lease: nothing changes.
    Result<bool> r = store.queue().heartbeat(t.id, QStringLiteral("someone-else"), 5, 10);
    QVERIFY(r.ok());
    QVERIFY(!*r);
    QCOMPARE(store.reader().task(t.id)->heartbeatAt, stale);
    QCOMPARE(store.reader().task(t.id)->progressDone, 0);

    // With the lease: the heartbeat is taken from the database clock, progress too.
    const qint64 before = dbNow(m_tdb->db());
    r = store.queue().heartbeat(t.id, t.lease, 5, 10);
    QVERIFY(r.ok() && *r);
    Result<Task> task = store.reader().task(t.id);
    QVERIFY(task->heartbeatAt >= before);
    QCOMPARE(task->progressDone, 5);
    QCOMPARE(task->progressTotal, 10);
    QVERIFY(task->heartbeatAgeMs() >= 0 && task->heartbeatAgeMs() < 60000);

    // -1 keeps the progress as it is.
    r = store.queue().heartbeat(t.id, t.lease);
    QVERIFY(r.ok() && *r);
    QCOMPARE(store.reader().task(t.id)->progressDone, 5);
    QCOMPARE(store.reader().task(t.id)->progressTotal, 10);
}

// ------------------------------------------------------------ finishing

void TaskStoreTest::retryBackoff_data()
{
    QTest::addColumn<qint64>("baseMs");
    QTest::addColumn<qint64>("capMs");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("delayMs");

    QTest::newRow("the first failure waits the base delay")
        << qint64(1000) << qint64(60000) << 1 << qint64(1000);
    QTest::newRow("the second failure waits twice the base delay")
        << qint64(1000) << qint64(60000) << 2 << qint64(2000);
    QTest::newRow("the fifth failure waits sixteen times the base delay")
        << qint64(1000) << qint64(60000) << 5 << qint64(16000);
    QTest::newRow("a delay beyond the cap is capped")
        << qint64(1000) << qint64(10000) << 6 << qint64(10000);
    QTest::newRow("the thirtieth failure waits the default cap of an hour")
        << qint64(5000) << qint64(3600000) << 30 << qint64(3600000);
}

void TaskStoreTest::retryBackoff()
{
    QFETCH(qint64, baseMs);
    QFETCH(qint64, capMs);
    QFETCH(int, attempt);
    QFETCH(qint64, delayMs);

    RetryPolicy policy;
    policy.baseMs = baseMs;
    policy.capMs = capMs;
    QCOMPARE(policy.delayFor(attempt), delayMs);

    TaskStore store(m_tdb->db(), kActor);
    store.setRetryPolicy(policy);
    const MadeTask t = makeTask(store, QStringLiteral("PENDING"), {}, 100);
    // Earlier attempts happened (set directly: only the count matters here).
    QVERIFY(m_tdb->exec(
        QStringLiteral("UPDATE tasks SET attempt = ? WHERE id = ?"), {attempt - 1, t.id}));
    Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {t.queue});
    QVERIFY(c.ok() && c->has_value());
    QCOMPARE((*c)->attempt, attempt);

    const qint64 before = dbNow(m_tdb->db());
    Result<FinishResult> r = store.queue().finishError(
        t.id, (*c)->lease, attempt, QStringLiteral("exit code 3"), Outcome::ErrorExit, true);
    const qint64 after = dbNow(m_tdb->db());
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QVERIFY(r->accepted);
    QVERIFY(r->requeued);
    QCOMPARE(r->status, TaskStatus::Pending);
    QCOMPARE(r->retryInMs, delayMs);

    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Pending);
    QVERIFY(task->outcome.isEmpty());
    QVERIFY(task->lease.isEmpty());
    QCOMPARE(task->errorMessage, QStringLiteral("exit code 3"));
    QVERIFY2(task->runAfter >= before + delayMs && task->runAfter <= after + delayMs,
        qPrintable(QStringLiteral("run_after - now = %1..%2 ms, expected %3")
                       .arg(task->runAfter - after)
                       .arg(task->runAfter - before)
                       .arg(delayMs)));
    QCOMPARE(logMessages(store, t.id).constLast(),
        QStringLiteral("Attempt %1 failed: exit code 3. Retrying in %2 s")
            .arg(attempt)
            .arg(double(delayMs) / 1000.0));

    // Not due yet: no worker gets it before the delay is over.
    c = store.queue().claim(QStringLiteral("w"), {t.queue});
    QVERIFY(c.ok() && !c->has_value());
}

void TaskStoreTest::attemptsUsedUpFail()
{
    TaskStore store(m_tdb->db(), kActor);
    RetryPolicy policy;
    policy.baseMs = 60000;
    store.setRetryPolicy(policy);
    const MadeTask t = makeTask(store, QStringLiteral("PENDING"), {QStringLiteral("i")}, 2);
    for (int attempt = 1; attempt <= 2; ++attempt) {
        Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {t.queue});
        QVERIFY(c.ok() && c->has_value());
        QCOMPARE((*c)->attempt, attempt);
        QVERIFY(store.queue().startItem(t.id, (*c)->lease, (*c)->items.first().id).value());
        Result<FinishResult> r = store.queue().finishError(
            t.id, (*c)->lease, attempt, QStringLiteral("exit code 1"), Outcome::ErrorExit, true);
        QVERIFY(r.ok() && r->accepted);
        QCOMPARE(r->requeued, attempt < 2);
        QCOMPARE(r->status, attempt < 2 ? TaskStatus::Pending : TaskStatus::Failed);
        if (attempt < 2) {
            QCOMPARE(store.reader().items(t.id)->first().status, TaskStatus::Pending);
            QVERIFY(m_tdb->exec(
                QStringLiteral("UPDATE tasks SET run_after = run_after - 60000 WHERE id = ?"),
                {t.id}));
        }
    }
    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Failed);
    QCOMPARE(task->outcome, Outcome::ErrorExit);
    QCOMPARE(task->attempt, 2);
    QVERIFY(task->completedAt > 0);
    QCOMPARE(store.reader().items(t.id)->first().status, TaskStatus::Failed);
    QCOMPARE(store.reader().items(t.id)->first().errorMessage, QStringLiteral("exit code 1"));
    QCOMPARE(
        logMessages(store, t.id).constLast(), QStringLiteral("Task failed (error): exit code 1"));
}

void TaskStoreTest::nonRetryableErrorFails()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"), {}, 5);
    Result<FinishResult> r = store.queue().finishError(
        t.id, t.lease, 1, QStringLiteral("time limit of 10 s exceeded"), Outcome::TimedOut, false);
    QVERIFY(r.ok() && r->accepted);
    QVERIFY(!r->requeued);
    QCOMPARE(r->retryInMs, 0);
    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Failed);
    QCOMPARE(task->outcome, Outcome::TimedOut);
    QCOMPARE(task->attempt, 1); // four attempts were left, none is used
}

// ------------------------------------------------------------ items

void TaskStoreTest::itemsProgress()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"),
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QCOMPARE(t.items.size(), 3);
    const qint64 a = t.items.at(0).id;
    const qint64 b = t.items.at(1).id;

    // Finishing an item that never started is refused.
    QVERIFY(!store.queue().finishItem(t.id, t.lease, a, true, {}).value());
    QVERIFY(store.queue().startItem(t.id, t.lease, a).value());
    QVERIFY(!store.queue().startItem(t.id, t.lease, a).value()); // already running
    QVERIFY(store.queue().finishItem(t.id, t.lease, a, true, {}).value());
    QVERIFY(store.queue().startItem(t.id, t.lease, b).value());
    QVERIFY(store.queue()
                .finishItem(t.id, t.lease, b, false, QStringLiteral("account locked"))
                .value());
    // An item of another task is not this task's to start.
    const MadeTask other = makeTask(store, QStringLiteral("RUNNING"), {QStringLiteral("z")});
    QVERIFY(!store.queue().startItem(t.id, t.lease, other.items.first().id).value());

    Result<Task> task = store.reader().task(t.id);
    // Done is done well: the failed item is counted apart.
    QCOMPARE(task->progressDone, 1);
    QCOMPARE(task->progressTotal, 3);
    QCOMPARE(task->itemsDone, 1);
    QCOMPARE(task->itemsFailed, 1);
    QCOMPARE(task->itemsTotal, 3);
    Result<QVector<TaskItem>> items = store.reader().items(t.id);
    QCOMPARE(items->at(0).status, TaskStatus::Completed);
    QVERIFY(items->at(0).startedAt > 0 && items->at(0).completedAt >= items->at(0).startedAt);
    QCOMPARE(items->at(1).status, TaskStatus::Failed);
    QCOMPARE(items->at(1).errorMessage, QStringLiteral("account locked"));
    QCOMPARE(items->at(2).status, TaskStatus::Pending);

    Result<QVector<LogLine>> log = store.reader().log(t.id);
    QStringList itemLines;
    for (const LogLine &l : *log) {
        if (l.itemId == b)
            itemLines << l.message;
    }
    QCOMPARE(itemLines,
        (QStringList{
            QStringLiteral("Item started"), QStringLiteral("Item failed: account locked")}));
}

// Cancel fails the running item: progress said 3 of 5 done, one of them failed.
void TaskStoreTest::cancelCountsOnlyItemsDoneWell()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"),
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
            QStringLiteral("e")});
    QCOMPARE(t.items.size(), 5);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(store.queue().startItem(t.id, t.lease, t.items.at(i).id).value());
        QVERIFY(store.queue().finishItem(t.id, t.lease, t.items.at(i).id, true, {}).value());
    }
    QVERIFY(store.queue().startItem(t.id, t.lease, t.items.at(2).id).value());
    QVERIFY(store.queue().heartbeat(t.id, t.lease, 2, 5).value());
    Result<ActionReport> r = store.actions().cancel(t.id);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    Result<Task> task = store.reader().task(t.id);
    QVERIFY(task.ok());
    QCOMPARE(task->status, TaskStatus::Failed);
    QCOMPARE(store.reader().items(t.id)->at(2).status, TaskStatus::Failed);
    QCOMPARE(task->progressDone, 2);
    QCOMPARE(task->progressTotal, 5);
    QCOMPARE(task->itemsDone, 2);
    QCOMPARE(task->itemsFailed, 1);
    QCOMPARE(task->itemsTotal, 5);
}

// The triggers of the public task_items table count a FAILED row as not done,
// inserted so, changed to it, or deleted.
void TaskStoreTest::itemsOfAnotherProgramCountOnlyWhenDoneWell()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("PENDING"));
    auto insert = [&](int position, const QString &status) {
        return m_tdb->exec(QStringLiteral("INSERT INTO task_items (task_id, position, label, "
                                          "status) VALUES (?, ?, 'x', ?)"),
            {t.id, position, status});
    };
    QVERIFY(insert(0, QStringLiteral("COMPLETED")));
    QVERIFY(insert(1, QStringLiteral("FAILED")));
    QVERIFY(insert(2, QStringLiteral("PENDING")));
    QCOMPARE(store.reader().task(t.id)->progressDone, 1);
    QCOMPARE(store.reader().task(t.id)->progressTotal, 3);
    QVERIFY(m_tdb->exec(
        QStringLiteral(
            "UPDATE task_items SET status = 'FAILED' WHERE task_id = ? AND position = 2"),
        {t.id}));
    QCOMPARE(store.reader().task(t.id)->progressDone, 1);
    QVERIFY(m_tdb->exec(QStringLiteral("UPDATE task_items SET status = 'COMPLETED' WHERE task_id "
                                       "= ? AND position = 1"),
        {t.id}));
    QCOMPARE(store.reader().task(t.id)->progressDone, 2);
    QVERIFY(m_tdb->exec(
        QStringLiteral("DELETE FROM task_items WHERE task_id = ? AND position = 2"), {t.id}));
    QCOMPARE(store.reader().task(t.id)->progressDone, 2);
    QCOMPARE(store.reader().task(t.id)->progressTotal, 2);
}

// A task claimed again showed the progress its failed attempt had reported
// until the first heartbeat of the new one. Progress kept from items stays.
void TaskStoreTest::aNewAttemptStartsItsProgressClean()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask plain = makeTask(store, QStringLiteral("RUNNING"));
    QVERIFY(store.queue().heartbeat(plain.id, plain.lease, 3, 10).value());
    const MadeTask itemized
        = makeTask(store, QStringLiteral("RUNNING"), {QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY(store.queue().startItem(itemized.id, itemized.lease, itemized.items.at(0).id).value());
    QVERIFY(store.queue()
                .finishItem(itemized.id, itemized.lease, itemized.items.at(0).id, true, {})
                .value());
    for (const MadeTask &t : {plain, itemized}) {
        Result<FinishResult> f = store.queue().finishError(
            t.id, t.lease, 1, QStringLiteral("boom"), Outcome::ErrorExit, true);
        QVERIFY(f.ok() && f->accepted && f->requeued);
        QVERIFY(m_tdb->exec(QStringLiteral("UPDATE tasks SET run_after = 0 WHERE id = ?"), {t.id}));
        Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("worker-b"), {t.queue});
        QVERIFY(c.ok() && c->has_value() && (*c)->taskId == t.id);
        QCOMPARE(store.reader().task(t.id)->attempt, 2);
    }
    QCOMPARE(store.reader().task(plain.id)->progressDone, 0);
    QCOMPARE(store.reader().task(plain.id)->progressTotal, 0);
    QCOMPARE(store.reader().task(itemized.id)->progressDone, 1);
    QCOMPARE(store.reader().task(itemized.id)->progressTotal, 2);
}

void TaskStoreTest::forceStopFailsRunningItems()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"),
        {QStringLiteral("done"), QStringLiteral("busy"), QStringLiteral("waiting")});
    QVERIFY(store.queue().startItem(t.id, t.lease, t.items.at(0).id).value());
    QVERIFY(store.queue().finishItem(t.id, t.lease, t.items.at(0).id, true, {}).value());
    QVERIFY(store.queue().startItem(t.id, t.lease, t.items.at(1).id).value());

    Result<ActionReport> r = store.actions().forceStop(t.id);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r->itemsChanged, 1);
    Result<QVector<TaskItem>> items = store.reader().items(t.id);
    QCOMPARE(items->at(0).status, TaskStatus::Completed);
    QCOMPARE(items->at(1).status, TaskStatus::Failed);
    QCOMPARE(items->at(1).errorMessage, QStringLiteral("⚠️ Force stopped by alice"));
    QVERIFY(items->at(1).completedAt > 0);
    QCOMPARE(items->at(2).status, TaskStatus::Pending);

    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Failed);
    QCOMPARE(task->outcome, Outcome::ForceStopped);
    QCOMPARE(task->errorMessage, QStringLiteral("Task force stopped by alice"));
    const QStringList log = logMessages(store, t.id);
    QCOMPARE(log.constLast(), QStringLiteral("⚠️ Task force stopped by alice"));
    QVERIFY(log.contains(QStringLiteral("⚠️ Force stopped by alice")));
}

void TaskStoreTest::cancelFailsRunningItems()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(
        store, QStringLiteral("RUNNING"), {QStringLiteral("busy"), QStringLiteral("waiting")});
    QVERIFY(store.queue().startItem(t.id, t.lease, t.items.at(0).id).value());
    Result<ActionReport> r = store.actions().cancel(t.id);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r->itemsChanged, 1);
    Result<QVector<TaskItem>> items = store.reader().items(t.id);
    QCOMPARE(items->at(0).status, TaskStatus::Failed);
    QCOMPARE(items->at(0).errorMessage, QStringLiteral("Cancelled by alice"));
    QCOMPARE(items->at(1).status, TaskStatus::Pending);
    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Failed);
    QCOMPARE(task->outcome, Outcome::Cancelled);
    QCOMPARE(task->errorMessage, QStringLiteral("Task cancelled manually by alice"));
    QCOMPARE(
        logMessages(store, t.id).constLast(), QStringLiteral("Task cancelled manually by alice"));
}

void TaskStoreTest::restartGivesAFreshBudget()
{
    TaskStore store(m_tdb->db(), kActor);
    RetryPolicy policy;
    policy.baseMs = 1000;
    store.setRetryPolicy(policy);
    const MadeTask t = makeTask(
        store, QStringLiteral("PENDING"), {QStringLiteral("one"), QStringLiteral("two")}, 2);
    // Use up both attempts, with one item done and one failed.
    for (int attempt = 1; attempt <= 2; ++attempt) {
        QVERIFY(
            m_tdb->exec(QStringLiteral("UPDATE tasks SET run_after = {NOW} WHERE id = ?"), {t.id}));
        Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {t.queue});
        QVERIFY(c.ok() && c->has_value());
        const QString lease = (*c)->lease;
        if (attempt == 2) {
            QVERIFY(store.queue().startItem(t.id, lease, (*c)->items.at(0).id).value());
            QVERIFY(store.queue().finishItem(t.id, lease, (*c)->items.at(0).id, true, {}).value());
            QVERIFY(store.queue().startItem(t.id, lease, (*c)->items.at(1).id).value());
        }
        QVERIFY(store.queue()
                    .finishError(t.id, lease, attempt, QStringLiteral("exit code 1"),
                        Outcome::ErrorExit, true)
                    ->accepted);
    }
    QCOMPARE(store.reader().task(t.id)->status, TaskStatus::Failed);
    QCOMPARE(store.reader().task(t.id)->attempt, 2);

    Result<ActionReport> r = store.actions().restart(t.id);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r->itemsChanged, 2);
    Result<Task> task = store.reader().task(t.id);
    QCOMPARE(task->status, TaskStatus::Pending);
    QCOMPARE(task->attempt, 0);
    QCOMPARE(task->maxAttempts, 2);
    QVERIFY(task->outcome.isEmpty());
    QVERIFY(task->errorMessage.isEmpty());
    QCOMPARE(task->completedAt, 0);
    QCOMPARE(task->progressDone, 0);
    QVERIFY(task->workerId.isEmpty());
    const Result<QVector<TaskItem>> items = store.reader().items(t.id);
    QVERIFY(items.ok());
    for (const TaskItem &item : *items) {
        QCOMPARE(item.status, TaskStatus::Pending);
        QVERIFY(item.errorMessage.isEmpty());
        QCOMPARE(item.completedAt, 0);
    }
    QCOMPARE(logMessages(store, t.id).constLast(), QStringLiteral("Task restarted by alice"));

    // Due at once, and the whole budget is there again.
    for (int attempt = 1; attempt <= 2; ++attempt) {
        Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {t.queue});
        QVERIFY(c.ok() && c->has_value());
        QCOMPARE((*c)->attempt, attempt);
        Result<FinishResult> f = store.queue().finishError(
            t.id, (*c)->lease, attempt, QStringLiteral("again"), Outcome::ErrorExit, true);
        QCOMPARE(f->requeued, attempt == 1);
        QVERIFY(
            m_tdb->exec(QStringLiteral("UPDATE tasks SET run_after = {NOW} WHERE id = ?"), {t.id}));
    }
}

// Database::write() runs a transition again after a busy COMMIT: the second
// round's report must not build on the rolled-back first one.
void TaskStoreTest::aDeleteRetriedAfterABusyCommitCountsOnce()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t
        = makeTask(store, QStringLiteral("COMPLETED"), {QStringLiteral("x"), QStringLiteral("y")});
    Database::failCommitsAsBusyForTesting(1);
    Result<ActionReport> r = store.actions().remove(t.id);
    Database::failCommitsAsBusyForTesting(0);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QVERIFY(r->done);
    QCOMPARE(r->itemsChanged, 2);
    const QVector<AuditEntry> audit = auditOf(m_tdb->db(), t.id);
    QCOMPARE(audit.at(0).action, QStringLiteral("delete"));
    QCOMPARE(audit.at(0).details.value(QStringLiteral("items_changed")).toInt(), 2);
}

void TaskStoreTest::aQueueSweepRetriedAfterABusyCommitListsEachTaskOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("PENDING"));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET run_after = run_after - 86400000 WHERE id = ?"), {t.id}));
    Database::failCommitsAsBusyForTesting(1);
    Result<CleanupReport> r = store.stuck().sweepQueued(5 * 60 * 1000);
    Database::failCommitsAsBusyForTesting(0);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r->queuedFailed, QVector<qint64>{t.id});
}

void TaskStoreTest::deleteKeepsTheAuditRows()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("COMPLETED"), {QStringLiteral("x")});
    QVERIFY(!store.queue().appendLog(t.id, 0, QStringLiteral("info"), QStringLiteral("a note")));
    Result<ActionReport> r = store.actions().remove(t.id);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r->itemsChanged, 1);

    for (const char *where :
        {"tasks WHERE id = ?", "task_items WHERE task_id = ?", "task_log WHERE task_id = ?"}) {
        QCOMPARE(
            m_tdb->scalar(QStringLiteral("SELECT count(*) FROM ") + QLatin1String(where), {t.id})
                .toLongLong(),
            qint64(0));
    }

    const QVector<AuditEntry> audit = auditOf(m_tdb->db(), t.id);
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit.at(1).action, QStringLiteral("enqueue"));
    QCOMPARE(audit.at(0).action, QStringLiteral("delete"));
    QCOMPARE(audit.at(0).beforeStatus, QStringLiteral("COMPLETED"));
    QCOMPARE(audit.at(0).afterStatus, QStringLiteral("DELETED"));
    const QJsonObject snap = audit.at(0).details.value(QStringLiteral("snapshot")).toObject();
    QCOMPARE(snap.value(QStringLiteral("id")).toInteger(), t.id);
    QCOMPARE(snap.value(QStringLiteral("name")).toString(), QStringLiteral("job in ") + t.queue);
    QCOMPARE(snap.value(QStringLiteral("status")).toString(), QStringLiteral("COMPLETED"));
    QCOMPARE(snap.value(QStringLiteral("outcome")).toString(), Outcome::Succeeded);
    QCOMPARE(snap.value(QStringLiteral("kind")).toString(), QStringLiteral("test.job"));
    QVERIFY(snap.value(QStringLiteral("created_at")).toInteger() > 0);

    // Deleting again: the task is gone, not refused.
    Result<ActionReport> again = store.actions().remove(t.id);
    QCOMPARE(int(again.error().kind()), int(ErrorKind::NotFound));
}

void TaskStoreTest::auditNamesTheActor()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"));
    store.setActor(QStringLiteral("bob"));
    QVERIFY(store.actions().forceStop(t.id).ok());
    store.setActor(QStringLiteral("carol"));
    QVERIFY(store.actions().restart(t.id).ok());
    const QVector<AuditEntry> audit = auditOf(m_tdb->db(), t.id);
    QCOMPARE(audit.size(), 3);
    QCOMPARE(audit.at(0).actor, QStringLiteral("carol"));
    QCOMPARE(audit.at(0).action, QStringLiteral("restart"));
    QCOMPARE(audit.at(1).actor, QStringLiteral("bob"));
    QCOMPARE(audit.at(1).action, QStringLiteral("force_stop"));
    QCOMPARE(audit.at(2).actor, QStringLiteral("alice"));
    QVERIFY(!audit.at(0).host.isEmpty());
    QCOMPARE(logMessages(store, t.id).constLast(), QStringLiteral("Task restarted by carol"));
}

void TaskStoreTest::failWorkerTasks()
{
    TaskStore store(m_tdb->db(), kActor);
    const QString worker = QStringLiteral("worker-") + uniqueQueue();
    const MadeTask a = makeTask(store, QStringLiteral("RUNNING"), {QStringLiteral("i")}, 3, worker);
    const MadeTask b = makeTask(store, QStringLiteral("RUNNING"), {}, 3, worker);
    const MadeTask c = makeTask(store, QStringLiteral("RUNNING"), {}, 3, worker + QLatin1Char('x'));
    QVERIFY(store.queue().startItem(a.id, a.lease, a.items.first().id).value());

    Result<QVector<qint64>> ids = store.queue().failWorkerTasks(
        worker, Outcome::WorkerStopped, QStringLiteral("Worker stopped by alice"));
    QVERIFY2(ids.ok(), qPrintable(ids.error().message()));
    QVector<qint64> sorted = *ids;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, (QVector<qint64>{a.id, b.id}));
    for (const MadeTask &t : {a, b}) {
        Result<Task> task = store.reader().task(t.id);
        QCOMPARE(task->status, TaskStatus::Failed);
        QCOMPARE(task->outcome, Outcome::WorkerStopped);
        QCOMPARE(auditOf(m_tdb->db(), t.id).first().afterStatus, QStringLiteral("FAILED"));
        // The stopped worker's late result changes nothing.
        QVERIFY(!store.queue().finishSuccess(t.id, t.lease)->accepted);
    }
    QCOMPARE(store.reader().items(a.id)->first().status, TaskStatus::Failed);
    QCOMPARE(store.reader().task(c.id)->status, TaskStatus::Running);
}

// ------------------------------------------------------------ the public contract

void TaskStoreTest::rawInsertIsAValidTask()
{
    TaskStore store(m_tdb->db(), kActor);
    const QString queueProbe = uniqueQueue();
    const qint64 before = dbNow(m_tdb->db());
    QVERIFY(m_tdb->exec(QStringLiteral("INSERT INTO tasks (name, kind, args) VALUES (?, ?, ?)"),
        {queueProbe, QStringLiteral("report"), QStringLiteral(R"({"day": "2024-05-01"})")}));
    const qint64 after = dbNow(m_tdb->db());
    const qint64 id
        = m_tdb->scalar(QStringLiteral("SELECT id FROM tasks WHERE name = ?"), {queueProbe})
              .toLongLong();
    QVERIFY(id > 0);

    Result<Task> t = store.reader().task(id);
    QVERIFY(t.ok());
    QCOMPARE(t->status, TaskStatus::Pending);
    QCOMPARE(t->queue, QStringLiteral("default"));
    QCOMPARE(t->priority, 0);
    QCOMPARE(t->attempt, 0);
    QCOMPARE(t->maxAttempts, 3);
    QVERIFY(t->createdAt >= before && t->createdAt <= after);
    QVERIFY(t->runAfter >= before && t->runAfter <= after);
    QVERIFY(t->updatedAt >= before && t->updatedAt <= after);

    // Move it to a queue of its own so that this test claims exactly it.
    QVERIFY(
        m_tdb->exec(QStringLiteral("UPDATE tasks SET queue = ? WHERE id = ?"), {queueProbe, id}));
    Result<std::optional<Claim>> c = store.queue().claim(QStringLiteral("w"), {queueProbe});
    QVERIFY(c.ok() && c->has_value());
    QCOMPARE((*c)->taskId, id);
    QCOMPARE((*c)->args, QStringLiteral(R"({"day": "2024-05-01"})"));
    QVERIFY(store.queue().finishSuccess(id, (*c)->lease)->accepted);
}

// ------------------------------------------------------------ reading

namespace {

// Six tasks, one per interesting case of the filters. Returns false on error.
bool makeListFixture(TestDatabase &tdb, TaskStore &store)
{
    auto add = [&](const QString &name, const QString &kind, const QString &queue, int priority) {
        NewTask n;
        n.kind = kind;
        n.name = name;
        n.queue = queue;
        n.priority = priority;
        Result<qint64> id = store.queue().enqueue(n);
        return id.ok() ? *id : 0;
    };
    auto claimAs = [&](const QString &worker, const QString &queue) -> QString {
        Result<std::optional<Claim>> c = store.queue().claim(worker, {queue});
        return c.ok() && c->has_value() ? (*c)->lease : QString();
    };
    const QString io = QStringLiteral("io");
    const QString def = QStringLiteral("default");
    const QString report = QStringLiteral("report");
    if (!add(QStringLiteral("warm-up accounts"), QStringLiteral("warmup"), def, 0))
        return false;
    const qint64 b = add(QStringLiteral("import 100% done"), QStringLiteral("import"), io, 5);
    if (claimAs(QStringLiteral("box-north"), io).isEmpty())
        return false;
    if (!tdb.exec(
            QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
            {b}))
        return false;
    if (!add(QStringLiteral("import 100 files"), QStringLiteral("import"), io, 5))
        return false;
    if (claimAs(QStringLiteral("box-south"), io).isEmpty())
        return false;
    const qint64 d = add(QStringLiteral("a_b report"), report, report, -3);
    QString lease = claimAs(QStringLiteral("box-east"), report);
    if (lease.isEmpty() || !store.queue().finishSuccess(d, lease)->accepted)
        return false;
    const qint64 e = add(QStringLiteral("axb report"), report, report, 10);
    lease = claimAs(QStringLiteral("box-east"), report);
    if (!store.queue()
             .finishError(e, lease, 1, QStringLiteral("disk full"), Outcome::ErrorExit, false)
             ->accepted)
        return false;
    return add(QStringLiteral("back\\slash"), report, def, 0) > 0;
}

QStringList names(const QVector<Task> &tasks)
{
    QStringList list;
    for (const Task &t : tasks)
        list << t.name;
    return list;
}

const QString A = QStringLiteral("warm-up accounts");
const QString B = QStringLiteral("import 100% done");
const QString C = QStringLiteral("import 100 files");
const QString D = QStringLiteral("a_b report");
const QString E = QStringLiteral("axb report");
const QString F = QStringLiteral("back\\slash");

} // namespace

TestDatabase *TaskStoreTest::listDatabase()
{
    if (!m_listDb) {
        m_listDb = std::make_unique<TestDatabase>();
        TaskStore store(m_listDb->db(), kActor);
        if (!m_listDb->isValid() || !makeListFixture(*m_listDb, store)) {
            m_listDb.reset();
            return nullptr;
        }
    }
    return m_listDb.get();
}

void TaskStoreTest::listFilters_data()
{
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<QString>("queue");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("search");
    QTest::addColumn<bool>("stuckOnly");
    QTest::addColumn<QStringList>("expected"); // newest first

    const QStringList none;
    QTest::newRow("no filter lists every task, newest first")
        << none << ""
        << ""
        << "" << false << QStringList{F, E, D, C, B, A};
    QTest::newRow("a status filter keeps that status")
        << QStringList{QStringLiteral("PENDING")} << ""
        << ""
        << "" << false << QStringList{F, A};
    QTest::newRow("two statuses are either one")
        << QStringList{QStringLiteral("COMPLETED"), QStringLiteral("FAILED")} << ""
        << ""
        << "" << false << QStringList{E, D};
    QTest::newRow("a queue filter keeps that queue") << none << "io"
                                                     << ""
                                                     << "" << false << QStringList{C, B};
    QTest::newRow("a kind filter keeps that kind") << none << ""
                                                   << "report"
                                                   << "" << false << QStringList{F, E, D};
    QTest::newRow("search ignores case") << none << ""
                                         << ""
                                         << "WARM-UP" << false << QStringList{A};
    QTest::newRow("a percent sign in the search is a plain character")
        << none << ""
        << ""
        << "100%" << false << QStringList{B};
    QTest::newRow("an underscore in the search is a plain character")
        << none << ""
        << ""
        << "a_b" << false << QStringList{D};
    QTest::newRow("a backslash in the search is a plain character")
        << none << ""
        << ""
        << "\\" << false << QStringList{F};
    QTest::newRow("search finds the worker") << none << ""
                                             << ""
                                             << "box-south" << false << QStringList{C};
    QTest::newRow("search finds the error text") << none << ""
                                                 << ""
                                                 << "disk full" << false << QStringList{E};
    QTest::newRow("search ignores surrounding spaces")
        << none << ""
        << ""
        << "  disk full  " << false << QStringList{E};
    QTest::newRow("a search without a match finds nothing") << none << ""
                                                            << ""
                                                            << "zzz" << false << QStringList{};
    QTest::newRow("stuck only keeps running tasks with an old heartbeat")
        << none << ""
        << ""
        << "" << true << QStringList{B};
    QTest::newRow("filters combine") << QStringList{QStringLiteral("RUNNING")} << "io"
                                     << "import"
                                     << "files" << false << QStringList{C};
}

void TaskStoreTest::listFilters()
{
    QFETCH(QStringList, statuses);
    QFETCH(QString, queue);
    QFETCH(QString, kind);
    QFETCH(QString, search);
    QFETCH(bool, stuckOnly);
    QFETCH(QStringList, expected);

    TestDatabase *tdb = listDatabase();
    QVERIFY(tdb);
    TaskStore store(tdb->db(), kActor);

    TaskFilter f;
    for (const QString &s : statuses)
        f.statuses << *parseStatus(s);
    f.queue = queue;
    f.kind = kind;
    f.search = search;
    f.stuckOnly = stuckOnly;
    Result<QVector<Task>> list = store.reader().list(f);
    QVERIFY2(list.ok(), qPrintable(list.error().message()));
    QCOMPARE(names(*list), expected);
    Result<qint64> n = store.reader().count(f);
    QVERIFY(n.ok());
    QCOMPARE(*n, qint64(expected.size()));
}

void TaskStoreTest::listSorting_data()
{
    QTest::addColumn<QString>("sort");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("by id, oldest first")
        << "id" << false << 100 << 0 << QStringList{A, B, C, D, E, F};
    QTest::newRow("by priority, highest first, ties newest first")
        << "priority" << true << 100 << 0 << QStringList{E, C, B, F, A, D};
    QTest::newRow("by priority, lowest first, ties oldest first")
        << "priority" << false << 100 << 0 << QStringList{D, A, F, B, C, E};
    QTest::newRow("by kind, ties oldest first")
        << "kind" << false << 100 << 0 << QStringList{B, C, D, E, F, A};
    QTest::newRow("by status, ties oldest first")
        << "status" << false << 100 << 0 << QStringList{D, E, A, F, B, C};
    QTest::newRow("a window of two rows from the third")
        << "id" << true << 2 << 2 << QStringList{D, C};
    QTest::newRow("a window past the end is empty") << "id" << true << 10 << 6 << QStringList{};
}

void TaskStoreTest::listSorting()
{
    QFETCH(QString, sort);
    QFETCH(bool, descending);
    QFETCH(int, limit);
    QFETCH(int, offset);
    QFETCH(QStringList, expected);

    TestDatabase *tdb = listDatabase();
    QVERIFY(tdb);
    TaskStore store(tdb->db(), kActor);
    TaskFilter f;
    f.sort = *TaskFilter::parseSort(sort);
    f.descending = descending;
    f.limit = limit;
    f.offset = offset;
    Result<QVector<Task>> list = store.reader().list(f);
    QVERIFY2(list.ok(), qPrintable(list.error().message()));
    QCOMPARE(names(*list), expected);
    QCOMPARE(*store.reader().count(f), qint64(6)); // the count ignores the window
}

void TaskStoreTest::listSearchById()
{
    TaskStore store(m_tdb->db(), kActor);
    const MadeTask t = makeTask(store, QStringLiteral("PENDING"));
    TaskFilter f;
    f.search = QStringLiteral(" %1 ").arg(t.id);
    f.queue = t.queue;
    Result<QVector<Task>> list = store.reader().list(f);
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, t.id);
    QVERIFY(!TaskFilter::parseSort(QStringLiteral("bogus")).has_value());
    QCOMPARE(TaskFilter::parseSort(QStringLiteral(" Heartbeat ")), TaskFilter::Sort::HeartbeatAt);
}

void TaskStoreTest::listRefusesBadWindows()
{
    TaskStore store(m_tdb->db(), kActor);
    TaskFilter f;
    f.limit = 0;
    QCOMPARE(int(store.reader().list(f).error().kind()), int(ErrorKind::Invalid));
    f.limit = 1000001;
    QCOMPARE(int(store.reader().list(f).error().kind()), int(ErrorKind::Invalid));
    f.limit = 10;
    f.offset = -1;
    QCOMPARE(int(store.reader().list(f).error().kind()), int(ErrorKind::Invalid));
    QCOMPARE(int(store.reader().log(1, 0, 0).error().kind()), int(ErrorKind::Invalid));
}

// The counts kept by triggers agree with a scan of the table after every kind
// of write: single transitions, writes that change no status, several rows in
// one statement (a status swap among them), deletes.
void TaskStoreTest::countsFollowEveryWrite()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), kActor);
    auto agree = [&](const char *step) {
        Result<StatusCounts> kept = store.reader().counts(heartbeatTimeout(60000));
        if (!kept.ok())
            return QStringLiteral("%1: %2").arg(QLatin1String(step), kept.error().message());
        for (TaskStatus status :
            {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed}) {
            const qint64 scanned = tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE "
                                                             "status = ?"),
                                          {statusName(status)})
                                       .toLongLong();
            if (kept->byStatus.value(status) != scanned)
                return QStringLiteral("%1: %2 counted %3, scanned %4")
                    .arg(QLatin1String(step), statusName(status))
                    .arg(kept->byStatus.value(status))
                    .arg(scanned);
        }
        return QString();
    };
    QString wrong;
    for (int i = 0; i < 6; ++i) {
        NewTask n;
        n.kind = QStringLiteral("job");
        QVERIFY(store.queue().enqueue(n).ok());
    }
    wrong = agree("enqueue");
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    Result<QVector<Claim>> claims = store.queue().claimMany(QStringLiteral("w"), {}, 4);
    QVERIFY(claims.ok() && claims->size() == 4);
    wrong = agree("claim");
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QVERIFY(*store.queue().heartbeat(claims->at(0).taskId, claims->at(0).lease, 1, 2));
    wrong = agree("heartbeat");
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QVERIFY(store.queue()
                .finishSuccessMany({{claims->at(0).taskId, claims->at(0).lease},
                    {claims->at(1).taskId, claims->at(1).lease}})
                ->size()
        == 2);
    QVERIFY(store.queue()
                .finishError(claims->at(2).taskId, claims->at(2).lease, 1, QStringLiteral("x"),
                    Outcome::ErrorExit, false)
                ->accepted);
    wrong = agree("finish");
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QVERIFY(store.actions().restart(claims->at(2).taskId).ok());
    QVERIFY(store.actions().remove(claims->at(0).taskId).ok());
    wrong = agree("restart and delete");
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    // Several rows in one statement, one of them swapping status with another.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET status = CASE status WHEN 'PENDING' THEN "
                                    "'FAILED' WHEN 'COMPLETED' THEN 'PENDING' ELSE status END")));
    wrong = agree("one statement over every row");
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET updated_at = updated_at + 1")));
    wrong = agree("no status changed");
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QVERIFY(tdb.exec(QStringLiteral("DELETE FROM tasks WHERE status <> 'RUNNING'")));
    wrong = agree("delete of many");
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QCOMPARE(store.reader().counts(heartbeatTimeout(60000))->total(), qint64(1));
}

void TaskStoreTest::counts()
{
    TestDatabase *tdb = listDatabase();
    QVERIFY(tdb);
    TaskStore store(tdb->db(), kActor);
    Result<StatusCounts> c = store.reader().counts(heartbeatTimeout(60000));
    QVERIFY2(c.ok(), qPrintable(c.error().message()));
    QCOMPARE(c->byStatus.value(TaskStatus::Pending), 2);
    QCOMPARE(c->byStatus.value(TaskStatus::Running), 2);
    QCOMPARE(c->byStatus.value(TaskStatus::Completed), 1);
    QCOMPARE(c->byStatus.value(TaskStatus::Failed), 1);
    QCOMPARE(c->stuck, 1);
    QCOMPARE(c->total(), 6);
    const QJsonObject json = ctl::statusCountsJson(*c);
    QCOMPARE(json.value(QStringLiteral("PENDING")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("STUCK")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("TOTAL")).toInt(), 6);
    // With a timeout longer than the backdating, nothing is stuck.
    QCOMPARE(store.reader().counts(heartbeatTimeout(3600000))->stuck, 0);
}

void TaskStoreTest::stats()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), kActor);
    for (int hours : {0, -1, 24 * 366 + 1})
        QCOMPARE(int(store.reader().stats(hours).error().kind()), int(ErrorKind::Invalid));

    const qint64 minute = dbNow(tdb.db()) / 60000;
    // Two successes and a failure ten minutes ago, a success 100 minutes ago,
    // one still running, one pending.
    auto finishedAt = [&](const QString &status, qint64 atMinute) {
        const MadeTask t = makeTask(store, status);
        return t.id > 0
            && tdb.exec(QStringLiteral("UPDATE tasks SET completed_at = ?, started_at = ? WHERE "
                                       "id = ?"),
                {atMinute * 60000 + 1000, atMinute * 60000 - 2000, t.id});
    };
    QVERIFY(finishedAt(QStringLiteral("COMPLETED"), minute - 10));
    QVERIFY(finishedAt(QStringLiteral("COMPLETED"), minute - 10));
    QVERIFY(finishedAt(QStringLiteral("FAILED"), minute - 10));
    QVERIFY(finishedAt(QStringLiteral("COMPLETED"), minute - 100));
    QVERIFY(makeTask(store, QStringLiteral("RUNNING")).id > 0);
    QVERIFY(makeTask(store, QStringLiteral("PENDING")).id > 0);

    Result<Stats> s = store.reader().stats(1);
    QVERIFY2(s.ok(), qPrintable(s.error().message()));
    QCOMPARE(s->hours, 1);
    QCOMPARE(s->to - s->from, qint64(3600000));
    QCOMPARE(s->completedInWindow, 2);
    QCOMPARE(s->failedInWindow, 1);
    QCOMPARE(s->perMinute.size(), 1);
    QCOMPARE(s->perMinute.value(minute - 10), (QPair<qint64, qint64>(2, 1)));
    QCOMPARE(s->outcomes.value(Outcome::Succeeded), 2);
    QCOMPARE(s->outcomes.value(Outcome::ErrorExit), 1);
    QCOMPARE(s->averageDurationMs, 3000.0);
    QCOMPARE(s->counts.total(), 6);
    QCOMPARE(s->counts.byStatus.value(TaskStatus::Completed), 3);

    const QJsonObject json = ctl::statsJson(*s);
    QCOMPARE(json.value(QStringLiteral("completed")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("failed")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("throughput_per_hour")).toDouble(), 3.0);
    QCOMPARE(json.value(QStringLiteral("failure_rate")).toDouble(), 1.0 / 3.0);
    const QJsonArray series = json.value(QStringLiteral("per_minute")).toArray();
    QCOMPARE(series.size(), 1);
    QCOMPARE(series.first().toObject().value(QStringLiteral("completed")).toInt(), 2);

    // Two hours reach the older success too, in its own minute.
    s = store.reader().stats(2);
    QVERIFY(s.ok());
    QCOMPARE(s->completedInWindow, 3);
    QCOMPARE(s->perMinute.size(), 2);
    QCOMPARE(s->perMinute.value(minute - 100), (QPair<qint64, qint64>(1, 0)));
}

void TaskStoreTest::aSearchOverItsLimitIsBadInputEverywhere()
{
    // Every reader of a filter, the desktop's paging included: SQLite refused
    // a LIKE pattern over 50,000 bytes as a database error.
    TaskStore store(m_tdb->db());
    AuditLog audit(m_tdb->db());
    for (const int length : {kMaxSearchLength, kMaxSearchLength + 1, 50001}) {
        TaskFilter filter;
        filter.search = QString(length, QLatin1Char('x'));
        AuditFilter auditFilter;
        auditFilter.search = filter.search;
        const QVector<Error> errors{store.reader().list(filter).error(),
            store.reader().count(filter).error(), store.reader().horizon(filter).error(),
            store.reader().keysetAnchors(filter, 10).error(),
            store.reader().changedSince(0, filter).error(), audit.list(auditFilter).error()};
        for (const Error &e : errors) {
            if (length <= kMaxSearchLength) {
                QVERIFY2(!e, qPrintable(e.message()));
                continue;
            }
            QCOMPARE(int(e.kind()), int(ErrorKind::Invalid));
            QCOMPARE(e.message(),
                QStringLiteral("the search text is longer than 1000 characters (%1)").arg(length));
        }
    }
}

TASKDESK_TEST_MAIN(TaskStoreTest)
#include "tst_taskstore.moc"
