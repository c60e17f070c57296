#include "core/database.h"
#include "core/sampledata.h"
#include "guitest.h"
#include "ui/audit/audittablemodel.h"
#include "ui/common/backgroundrunner.h"
#include "ui/processes/processtablemodel.h"
#include "ui/schedules/scheduletablemodel.h"
#include "ui/stuck/stucktablemodel.h"
#include "ui/tasks/taskitemsmodel.h"
#include "ui/tasks/tasktablemodel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;

namespace {

// Every row of the model read once, so that all of them are in its cache.
QVector<qint64> readAll(TaskTableModel &model)
{
    QVector<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(
            model.index(row, TaskTableModel::Id).data(TaskTableModel::TaskIdRole).toLongLong());
    return ids;
}

QSet<int> rowsOf(const QSignalSpy &spy)
{
    QSet<int> rows;
    for (const QList<QVariant> &args : spy) {
        const QModelIndex from = args.at(0).toModelIndex();
        const QModelIndex to = args.at(1).toModelIndex();
        for (int row = from.row(); row <= to.row(); ++row)
            rows.insert(row);
    }
    return rows;
}

// What the store says the whole ordered list is, for comparing pages with.
QVector<qint64> truth(TaskStore &store, TaskFilter filter)
{
    filter.limit = 1000000;
    filter.offset = 0;
    QVector<qint64> ids;
    Result<QVector<Task>> all = store.reader().list(filter);
    if (all.ok()) {
        for (const Task &t : all.value())
            ids.append(t.id);
    }
    return ids;
}

NewTask newTask(const QString &name)
{
    NewTask t;
    t.kind = QStringLiteral("demo");
    t.name = name;
    return t;
}

} // namespace

class TestTaskModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theTaskModelPassesTheItemModelTester();
    void aRefreshSignalsOnlyTheRowsThatChanged();
    void aRefreshWithNothingChangedSignalsNothing();
    void newTasksAreInsertedExactlyAtTheEndTheSortPutsThem_data();
    void newTasksAreInsertedExactlyAtTheEndTheSortPutsThem();
    void aDeletedTaskIsRemovedExactly();
    void aTaskLeavingTheFilterIsRemovedExactly();
    void manyScatteredRowsLeaveInOneLayoutChangeWithoutARead();
    void aTaskEnteringTheFilterIsCountedAndShown();
    void aChangedSortKeyMovesTheRowAndKeepsTheSelection();
    void pagesMatchTheStoreAtEveryDepth_data();
    void pagesMatchTheStoreAtEveryDepth();
    void aRunningTaskWithAStaleHeartbeatIsStuck();
    void theItemsModelPassesTheTesterAndSignalsChangedItemsOnly();
    void theAuditProcessScheduleAndStuckModelsPassTheTester();
    void theAuditChangeSaysTheStatusesInTheBadgesWords();
};

void TestTaskModels::theTaskModelPassesTheItemModelTester()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    for (int i = 0; i < 450; ++i)
        QVERIFY(seed.pending(QStringLiteral("task %1").arg(i)) > 0);
    const qint64 running = seed.running(QStringLiteral("running one"), {QStringLiteral("a")});
    QVERIFY(running > 0);

    TaskTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter({});
    QCOMPARE(model.rowCount(), 451);
    QCOMPARE(model.columnCount(), int(TaskTableModel::ColumnCount));
    readAll(model);

    std::unique_ptr<Database> other = tdb.open();
    QVERIFY(!other->open());
    TaskStore otherStore(*other, QStringLiteral("someone else"));
    QVERIFY(otherStore.actions().cancel(5).ok());
    QVERIFY(otherStore.actions().remove(7).ok());
    QVERIFY(otherStore.queue().enqueue(newTask(QStringLiteral("new"))).ok());
    QVERIFY(otherStore.actions().forceStop(running).ok());
    model.refresh();
    QCOMPARE(model.rowCount(), 451);
    QCOMPARE(readAll(model), truth(store, model.filter()));

    model.sort(TaskTableModel::Name, Qt::AscendingOrder);
    readAll(model);
    QCOMPARE(readAll(model), truth(store, model.filter()));
    QVERIFY(otherStore.actions().cancel(9).ok());
    model.refresh();
    model.sort(TaskTableModel::Status, Qt::DescendingOrder);
    QCOMPARE(readAll(model), truth(store, model.filter()));

    TaskFilter pending;
    pending.statuses = {TaskStatus::Pending};
    model.setFilter(pending);
    QCOMPARE(model.rowCount(), 448);
    QVERIFY(otherStore.actions().cancel(11).ok());
    QVERIFY(otherStore.actions().remove(12).ok());
    model.refresh();
    QCOMPARE(model.rowCount(), 446);
    model.reload();
    QCOMPARE(readAll(model), truth(store, model.filter()));
}

void TestTaskModels::aRefreshSignalsOnlyTheRowsThatChanged()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    QVector<qint64> ids;
    for (int i = 0; i < 40; ++i)
        ids.append(seed.pending(QStringLiteral("task %1").arg(i)));

    TaskTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter({});
    readAll(model);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // Another "process" changes three tasks.
    std::unique_ptr<Database> other = tdb.open();
    QVERIFY(!other->open());
    TaskStore otherStore(*other, QStringLiteral("someone else"));
    const QVector<qint64> touched{ids.at(3), ids.at(17), ids.at(30)};
    for (qint64 id : touched)
        QVERIFY(otherStore.actions().cancel(id).ok());

    model.refresh();
    QSet<int> expected;
    for (qint64 id : touched)
        expected.insert(model.rowOfTask(id));
    QCOMPARE(rowsOf(changed), expected);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(reset.count(), 0);
    for (qint64 id : touched) {
        const QModelIndex status = model.index(model.rowOfTask(id), TaskTableModel::Status);
        QCOMPARE(status.data(TaskTableModel::StatusRole).toInt(), int(TaskStatus::Failed));
    }
}

void TestTaskModels::aRefreshWithNothingChangedSignalsNothing()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    for (int i = 0; i < 10; ++i)
        seed.pending(QStringLiteral("task %1").arg(i));
    TaskTableModel model(store);
    model.setFilter({});
    readAll(model);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    for (int i = 0; i < 3; ++i)
        model.refresh();
    QCOMPARE(changed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(layout.count(), 0);
}

void TestTaskModels::newTasksAreInsertedExactlyAtTheEndTheSortPutsThem_data()
{
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::newRow("newest first puts them on top") << Qt::DescendingOrder;
    QTest::newRow("oldest first puts them at the bottom") << Qt::AscendingOrder;
}

void TestTaskModels::newTasksAreInsertedExactlyAtTheEndTheSortPutsThem()
{
    QFETCH(Qt::SortOrder, order);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    for (int i = 0; i < 250; ++i)
        seed.pending(QStringLiteral("task %1").arg(i));
    TaskTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(TaskTableModel::Id, order);
    model.setFilter({});
    readAll(model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    std::unique_ptr<Database> other = tdb.open();
    QVERIFY(!other->open());
    TaskStore otherStore(*other);
    Result<qint64> a = otherStore.queue().enqueue(newTask(QStringLiteral("new a")));
    Result<qint64> b = otherStore.queue().enqueue(newTask(QStringLiteral("new b")));
    QVERIFY(a.ok() && b.ok());
    model.refresh();

    QCOMPARE(inserted.count(), 1);
    const int first = inserted.first().at(1).toInt();
    const int last = inserted.first().at(2).toInt();
    QCOMPARE(last - first, 1);
    QCOMPARE(first, order == Qt::DescendingOrder ? 0 : 250);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(model.rowCount(), 252);
    QCOMPARE(readAll(model), truth(store, model.filter()));
}

void TestTaskModels::aDeletedTaskIsRemovedExactly()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    QVector<qint64> ids;
    for (int i = 0; i < 30; ++i)
        ids.append(seed.pending(QStringLiteral("task %1").arg(i)));
    TaskTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter({});
    readAll(model);
    const qint64 doomed = ids.at(12);
    const int row = model.rowOfTask(doomed);
    QVERIFY(row >= 0);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    std::unique_ptr<Database> other = tdb.open();
    QVERIFY(!other->open());
    TaskStore otherStore(*other);
    QVERIFY(otherStore.actions().remove(doomed).ok());
    model.refresh();

    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), row);
    QCOMPARE(removed.first().at(2).toInt(), row);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(model.rowCount(), 29);
    QCOMPARE(model.rowOfTask(doomed), -1);
    QCOMPARE(readAll(model), truth(store, model.filter()));
}

// A bulk action on scattered rows: one layout change that moves every
// persistent index exactly, the rows kept stay cached, and nothing is read.
void TestTaskModels::manyScatteredRowsLeaveInOneLayoutChangeWithoutARead()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    for (int i = 0; i < 300; ++i)
        QVERIFY(seed.pending(QStringLiteral("task %1").arg(i)) > 0);
    TaskTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TaskFilter pending;
    pending.statuses = {TaskStatus::Pending};
    model.setFilter(pending);
    QCOMPARE(model.rowCount(), 300);
    const QVector<qint64> before = readAll(model);
    // Every seventh row goes: more blocks than one removal each is worth.
    QVector<qint64> doomed;
    for (int row = 3; row < 300; row += 7)
        doomed.append(before.at(row));
    QVERIFY(doomed.size() > TaskTableModel::kMaxRemovalBlocks);
    const QVector<int> keptRows{0, 1, 151, 198, 200, 299}; // none of them a seventh
    QVector<QPersistentModelIndex> kept;
    for (int row : keptRows)
        kept.append(QPersistentModelIndex(model.index(row, TaskTableModel::Name)));
    const QPersistentModelIndex gone(model.index(3, TaskTableModel::Name));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    const quint64 reads = model.pageReads();

    std::unique_ptr<Database> other = tdb.open();
    QVERIFY(!other->open());
    TaskStore otherStore(*other);
    for (qint64 id : std::as_const(doomed))
        QVERIFY(otherStore.actions().cancel(id).ok());
    model.refresh();

    QCOMPARE(removed.count(), 0);
    QCOMPARE(layout.count(), 1);
    QCOMPARE(model.rowCount(), 300 - doomed.size());
    QVERIFY(!gone.isValid());
    for (int i = 0; i < kept.size(); ++i) {
        QVERIFY2(kept.at(i).isValid(), qPrintable(QString::number(keptRows.at(i))));
        QCOMPARE(
            kept.at(i).data(TaskTableModel::TaskIdRole).toLongLong(), before.at(keptRows.at(i)));
    }
    QCOMPARE(readAll(model), truth(store, model.filter()));
    QCOMPARE(model.pageReads(), reads);
}

void TestTaskModels::aTaskLeavingTheFilterIsRemovedExactly()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    QVector<qint64> ids;
    for (int i = 0; i < 20; ++i)
        ids.append(seed.pending(QStringLiteral("task %1").arg(i)));
    seed.completed(QStringLiteral("done"));
    TaskTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TaskFilter pending;
    pending.statuses = {TaskStatus::Pending};
    model.setFilter(pending);
    QCOMPARE(model.rowCount(), 20);
    readAll(model);
    const int row = model.rowOfTask(ids.at(5));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    std::unique_ptr<Database> other = tdb.open();
    QVERIFY(!other->open());
    TaskStore otherStore(*other);
    QVERIFY(otherStore.actions().cancel(ids.at(5)).ok());
    model.refresh();

    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), row);
    QCOMPARE(model.rowCount(), 19);
    QCOMPARE(readAll(model), truth(store, model.filter()));
}

void TestTaskModels::aTaskEnteringTheFilterIsCountedAndShown()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    QVector<qint64> pendingIds;
    for (int i = 0; i < 10; ++i)
        pendingIds.append(seed.pending(QStringLiteral("task %1").arg(i)));
    for (int i = 0; i < 5; ++i)
        seed.failed(QStringLiteral("failed %1").arg(i));
    TaskTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TaskFilter failed;
    failed.statuses = {TaskStatus::Failed};
    model.setFilter(failed);
    QCOMPARE(model.rowCount(), 5);
    readAll(model);

    std::unique_ptr<Database> other = tdb.open();
    QVERIFY(!other->open());
    TaskStore otherStore(*other);
    QVERIFY(otherStore.actions().cancel(pendingIds.at(2)).ok());
    model.refresh();

    QCOMPARE(model.rowCount(), 6);
    QVERIFY(model.rowOfTask(pendingIds.at(2)) >= 0);
    QCOMPARE(readAll(model), truth(store, model.filter()));
}

void TestTaskModels::aChangedSortKeyMovesTheRowAndKeepsTheSelection()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    QVector<qint64> ids;
    for (int i = 0; i < 12; ++i)
        ids.append(seed.pending(QStringLiteral("task %1").arg(i)));
    seed.completed(QStringLiteral("done"));
    TaskTableModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(TaskTableModel::Status, Qt::AscendingOrder);
    model.setFilter({});
    readAll(model);
    QPersistentModelIndex selected = model.index(model.rowOfTask(ids.at(4)), TaskTableModel::Name);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    std::unique_ptr<Database> other = tdb.open();
    QVERIFY(!other->open());
    TaskStore otherStore(*other);
    QVERIFY(otherStore.actions()
                .cancel(ids.at(4))
                .ok()); // PENDING → FAILED: another place in the order
    model.refresh();

    QCOMPARE(layout.count(), 1);
    QCOMPARE(readAll(model), truth(store, model.filter()));
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(TaskTableModel::TaskIdRole).toLongLong(), ids.at(4));
}

void TestTaskModels::pagesMatchTheStoreAtEveryDepth_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<bool>("completedOnly");
    QTest::newRow("newest first, every task")
        << int(TaskTableModel::Id) << Qt::DescendingOrder << false;
    QTest::newRow("oldest first, every task")
        << int(TaskTableModel::Id) << Qt::AscendingOrder << false;
    QTest::newRow("by name, every task")
        << int(TaskTableModel::Name) << Qt::AscendingOrder << false;
    QTest::newRow("by status, newest status last")
        << int(TaskTableModel::Status) << Qt::DescendingOrder << false;
    QTest::newRow("by start time, completed tasks")
        << int(TaskTableModel::Started) << Qt::AscendingOrder << true;
    QTest::newRow("by worker, every task (many empty)")
        << int(TaskTableModel::Worker) << Qt::AscendingOrder << false;
}

void TestTaskModels::pagesMatchTheStoreAtEveryDepth()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(bool, completedOnly);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(!SampleData::fillBulk(tdb.db(), 6000));
    TaskStore store(tdb.db());
    BackgroundRunner runner;
    TaskTableModel model(store, &runner);
    model.sort(column, order);
    TaskFilter filter;
    if (completedOnly)
        filter.statuses = {TaskStatus::Completed};
    model.setFilter(filter);
    QVERIFY(runner.waitForIdle());
    QVERIFY(model.isCountExact());
    const QVector<qint64> expected = truth(store, model.filter());
    QCOMPARE(model.rowCount(), int(expected.size()));
    QVERIFY(model.anchorCount() > 0); // deep jumps start from anchors, not offsets

    auto check = [&](int row) {
        const qint64 id = model.index(row, 0).data(TaskTableModel::TaskIdRole).toLongLong();
        if (id != expected.at(row))
            qWarning("row %d: model %lld, store %lld", row, id, expected.at(row));
        return id == expected.at(row);
    };
    const int n = model.rowCount();
    // A deep jump, scrolling up from it, another jump, scrolling down to the end.
    for (int row : {n - 1, n - 2, n / 2 + 17})
        QVERIFY(check(row));
    for (int row = n / 2 + 17; row > n / 2 - 450; --row)
        QVERIFY(check(row));
    for (int row = n / 4 + 3; row < n / 4 + 650; ++row)
        QVERIFY(check(row));
    for (int row = n - 300; row < n; ++row)
        QVERIFY(check(row));
    for (int row = 0; row < 250; ++row)
        QVERIFY(check(row));
}

void TestTaskModels::aRunningTaskWithAStaleHeartbeatIsStuck()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 fresh = seed.running(QStringLiteral("fresh"));
    const qint64 stale = seed.running(QStringLiteral("stale"));
    seed.pending(QStringLiteral("waiting"));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {stale}));

    TaskTableModel model(store);
    model.setStuckHeartbeatMs(60000);
    model.setFilter({});
    auto stuck = [&](qint64 id) {
        return model.index(model.rowOfTask(id), TaskTableModel::Status)
            .data(TaskTableModel::StuckRole)
            .toBool();
    };
    readAll(model);
    QVERIFY(stuck(stale));
    QVERIFY(!stuck(fresh));

    TaskFilter stuckOnly;
    stuckOnly.stuckOnly = true;
    model.setFilter(stuckOnly);
    QCOMPARE(readAll(model), QVector<qint64>{stale});
}

void TestTaskModels::theItemsModelPassesTheTesterAndSignalsChangedItemsOnly()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 id = seed.running(QStringLiteral("with items"),
        {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
    const qint64 other = seed.pending(QStringLiteral("other"), {QStringLiteral("x")});

    TaskItemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Result<QVector<TaskItem>> items = store.reader().items(id);
    QVERIFY(items.ok());
    model.setItems(items.value(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, TaskItemsModel::Label).data().toString(), QStringLiteral("alice"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(store.queue().startItem(id, seed.lease(id), items->at(1).id).value());
    model.setItems(store.reader().items(id).value(), 0);
    QCOMPARE(rowsOf(changed), QSet<int>{1});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(
        model.index(1, TaskItemsModel::Status).data(StatusRole).toInt(), int(TaskStatus::Running));
    QVERIFY(model.index(1, TaskItemsModel::Status).data(BadgeToneRole).isValid());

    model.setItems(store.reader().items(other).value(), 0);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
}

// The Change column said the stored codes ("RUNNING → PENDING") where every
// other place says the badges' words, and so stayed English in every language.
void TestTaskModels::theAuditChangeSaysTheStatusesInTheBadgesWords()
{
    AuditTableModel model;
    AuditEntry requeued;
    requeued.action = QStringLiteral("stuck_requeue");
    requeued.beforeStatus = QStringLiteral("RUNNING");
    requeued.afterStatus = QStringLiteral("PENDING");
    AuditEntry deleted;
    deleted.action = QStringLiteral("delete");
    deleted.beforeStatus = QStringLiteral("COMPLETED");
    deleted.afterStatus = QStringLiteral("DELETED");
    AuditEntry process; // a process's states, in the Processes page's words
    process.action = QStringLiteral("process_stop");
    process.beforeStatus = QStringLiteral("STARTING");
    process.afterStatus = QStringLiteral("STOPPED");
    model.setEntries({requeued, deleted, process});
    const auto change = [&model](int row) {
        return model.index(row, AuditTableModel::Change).data().toString();
    };
    QCOMPARE(change(0), QStringLiteral("Running → Pending"));
    QCOMPARE(change(1), QStringLiteral("Completed → Deleted"));
    QCOMPARE(change(2), QStringLiteral("Starting → Stopped"));
}

void TestTaskModels::theAuditProcessScheduleAndStuckModelsPassTheTester()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    QVector<qint64> ids;
    for (int i = 0; i < 6; ++i)
        ids.append(store.queue().enqueue(newTask(QStringLiteral("t%1").arg(i))).value());
    QVERIFY(store.actions().cancel(ids.at(0)).ok());
    QVERIFY(store.actions().cancel(ids.at(1)).ok());
    // Four stuck: three queued for an hour, one running without a heartbeat.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000 WHERE id "
                                    "IN (?, ?, ?)"),
        {ids.at(2), ids.at(3), ids.at(4)}));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET status = 'RUNNING', attempt = 1, lease = "
                                    "'l', worker_id = 'w', started_at = run_after, heartbeat_at "
                                    "= run_after - 600000 WHERE id = ?"),
        {ids.at(5)}));

    {
        AuditTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AuditLog audit(tdb.db());
        Result<QVector<AuditEntry>> entries = audit.list(AuditFilter());
        QVERIFY(entries.ok());
        QVERIFY(entries->size() >= 2); // the enqueues and the two cancels
        const int n = int(entries->size());
        model.setEntries(*entries);
        QCOMPARE(model.rowCount(), n);
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < model.columnCount(); ++c)
                model.index(r, c).data();
        model.setEntries(entries->mid(1));
        model.prependNewer(entries->mid(0, 1));
        QCOMPARE(model.rowCount(), n);
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
        model.setEntries(entries->mid(0, 1));
        model.appendOlder(entries->mid(1));
        QCOMPARE(model.rowCount(), n);
    }
    {
        StuckTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Result<StuckReport> report = store.stuck().stuckReport(StuckThresholds(), 2);
        QVERIFY(report.ok());
        model.setReport(*report, CleanupAction::MarkFailed);
        // Two of the three queued (the limit) and the running one; the true count is 4.
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.report().total(), 4);
        QCOMPARE(model.plannedAction(2), QStringLiteral("mark FAILED"));
        model.setAction(CleanupAction::Retry);
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < model.columnCount(); ++c)
                model.index(r, c).data();
        model.setReport(StuckReport(), CleanupAction::Retry);
        QCOMPARE(model.rowCount(), 0);
    }
    {
        ProcessTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVector<ProcessInfo> processes(3);
        for (int i = 0; i < processes.size(); ++i) {
            processes[i].definition.id = i + 1;
            processes[i].definition.name = QStringLiteral("p%1").arg(i);
            processes[i].definition.program = QStringLiteral("/bin/true");
        }
        processes[1].runtime.state = ProcessState::Running;
        processes[1].runtime.pid = 42;
        processes[2].runtime.state = ProcessState::Fatal;
        model.setProcesses(processes);
        QCOMPARE(model.rowCount(), 3);
        processes[0].runtime.state = ProcessState::Starting;
        model.setProcesses(processes); // the same rows: changes signalled
        processes.removeAt(1);
        model.setProcesses(processes); // one removed: replaced
        QCOMPARE(model.rowCount(), 2);
        model.setProcesses({});
        QCOMPARE(model.rowCount(), 0);
    }
    {
        ScheduleTableModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVector<Schedule> schedules(2);
        schedules[0].id = 1;
        schedules[0].name = QStringLiteral("hourly");
        schedules[0].kind = QStringLiteral("demo");
        schedules[0].everyS = 3600;
        schedules[1].id = 2;
        schedules[1].name = QStringLiteral("nightly");
        schedules[1].kind = QStringLiteral("demo");
        schedules[1].cron = QStringLiteral("0 3 * * *");
        schedules[1].enabled = false;
        model.setSchedules(schedules);
        QCOMPARE(model.rowCount(), 2);
        model.setSchedules(schedules.mid(1));
        QCOMPARE(model.rowCount(), 1);
        model.setSchedules({});
        QCOMPARE(model.rowCount(), 0);
    }
}

TASKDESK_GUI_TEST_MAIN(TestTaskModels)
#include "tst_taskmodels.moc"
