#include "core/database.h"
#include "core/sampledata.h"
#include "core/settings.h"
#include "core/supervisor/processstore.h"
#include "core/worker/workerconfig.h"
#include "guitest.h"
#include "postgresrelay.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/demosetup.h"
#include "ui/app/mainwindow.h"
#include "ui/app/runtimehost.h"
#include "ui/app/traynotifier.h"
#include "ui/audit/audittablemodel.h"
#include "ui/audit/auditview.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/confirm.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/processes/processesview.h"
#include "ui/processes/processtablemodel.h"
#include "ui/stats/statsview.h"
#include "ui/stuck/stucktablemodel.h"
#include "ui/stuck/stuckview.h"
#include "ui/tasks/filterchips.h"
#include "ui/tasks/progressdelegate.h"
#include "ui/tasks/taskactions.h"
#include "ui/tasks/taskdetailpane.h"
#include "ui/tasks/tasksview.h"
#include "ui/tasks/tasktablemodel.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>
#include <signal.h>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;

namespace {

using Window = TestWindow;

// `db`: the window's own database (default: a second one on the test's data).
std::unique_ptr<Window> openWindow(TestDatabase &tdb, bool readOnly = false,
    bool supervisor = false, std::unique_ptr<Database> db = nullptr)
{
    auto w = std::make_unique<Window>();
    if (!db)
        db = tdb.open();
    if (db->open())
        return nullptr;
    w->context = std::make_unique<AppContext>(std::move(db), windowSettings(tdb));
    if (readOnly)
        w->context->setReadOnly(true, QStringLiteral("started with --read-only"));
    if (supervisor) {
        RuntimeHost::Options options;
        options.sweeper = false;
        options.scheduler = false;
        options.outputDir = tdb.tempPath() + QStringLiteral("/output");
        w->runtime = std::make_unique<RuntimeHost>(w->context->database(), options);
    }
    w->window = std::make_unique<MainWindow>(*w->context, w->runtime.get());
    if (w->runtime)
        w->runtime->start();
    if (!w->show(QSize(1500, 900)))
        return nullptr;
    return w;
}

QString statusOf(TestDatabase &tdb, qint64 id)
{
    return tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {id}).toString();
}

QToolButton *toolButton(Window &w, QAction *action)
{
    return qobject_cast<QToolButton *>(w.tasks()->toolBar()->widgetForAction(action));
}

QAction *actionOf(Window &w, TaskActions::Kind kind)
{
    return w.actions()->action(kind);
}

// `n` FAILED tasks named from `name` ("%1": their number).
QVector<qint64> failedTasks(TaskSeeder &seed, const QString &name, int n)
{
    QVector<qint64> ids;
    for (int i = 0; i < n; ++i)
        ids.append(seed.failed(name.arg(i)));
    return ids;
}

// The tasks selected in the table, the first alone and the others added.
bool selectTasks(Window &w, const QVector<qint64> &ids)
{
    for (qint64 id : ids) {
        if (!w.tasks()->selectTask(id, id != ids.constFirst()))
            return false;
    }
    return true;
}

// Another connection holding every task (PostgreSQL) or the write lock
// (SQLite) until release(): the window's actions wait for it.
class TaskLock
{
public:
    explicit TaskLock(TestDatabase &tdb)
        : m_db(tdb.open())
    { }
    bool hold()
    {
        if (m_db->open())
            return false;
        m_query.emplace(m_db->connection().value());
        if (TestDatabase::postgres())
            return m_query->exec(QStringLiteral("BEGIN"))
                && m_query->exec(QStringLiteral("SELECT id FROM tasks FOR UPDATE"));
        return m_query->exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    bool release() { return m_query && m_query->exec(QStringLiteral("COMMIT")); }

private:
    std::unique_ptr<Database> m_db;
    std::optional<QSqlQuery> m_query;
};

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void forceStopGoesFromTheClickToTheDatabase();
    void aDeclinedConfirmationChangesNothing_data();
    void aDeclinedConfirmationChangesNothing();
    void theDeleteKeyDeletesAfterAskingFirst();
    void theDetailPaneShowsOnlyTheButtonsTheStatusAllows_data();
    void theDetailPaneShowsOnlyTheButtonsTheStatusAllows();
    void bulkCancelAsksOnceNamingTheCount();
    void aBulkActionLeavesTheWindowLiveUntilItsAnswer();
    void aBulkActionStopsAfterTheTaskInHand();
    void rowsLeavingTheFilterAfterABulkActionCostNoQueryEach();
    void anActionKeepsTheSelectionAndTheDetailPaneTrue_data();
    void anActionKeepsTheSelectionAndTheDetailPaneTrue();
    void aForceStoppedTaskThatLeftTheListIsNotOfferedForRestart();
    void theCancelButtonInARunningRowCancelsIt();
    void theStuckViewCleansUpWhatItPreviewed();
    void theStuckCountIsOneNumberEverywhere();
    void theCleanUpChangesExactlyTheSetItsConfirmationNamed();
    void aBigCleanUpLeavesTheWindowLive();
    void aStuckRowTakesTheActionsOfItsStatusAlone();
    void theAuditPageCountsItsRowsAndSpeaksInWords();
    void everyStatusChangeIsWholeInBothAuditTables();
    void aProcessMessageIsInViewBesideItsState();
    void aLongMessageIsShownWholeOnce();
    void readOnlyModeShowsEverythingAndChangesNothing();
    void theShortcutsReachTheirActions();
    void aLostDatabaseShowsTheBannerAndRecoversByItself();
    void aServerGoneFromTheNetworkNeverFreezesTheWindow();
    void aProcessStartsAndStopsFromTheProcessesView();
    void onlyAnAdminEditsProcessDefinitionsInTheWindow();
    void aChangePushedByPostgresRefreshesTheTableAtOnce();
    void theSettingsDialogSavesPreferencesAndTheSweeperRules();
    void clickingAColumnHeaderSortsTheTableByIt_data();
    void clickingAColumnHeaderSortsTheTableByIt();
    void theDemoWorkerConfigurationReadsBackInAnyHomeFolder();
};

void TestMainWindow::init()
{
    refuseUnexpectedQuestions();
}

void TestMainWindow::forceStopGoesFromTheClickToTheDatabase()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    seed.pending(QStringLiteral("Waiting"));
    const qint64 id = seed.running(
        QStringLiteral("Warm-up accounts"), {QStringLiteral("alice"), QStringLiteral("bob")});
    QVERIFY(id > 0);
    for (const TaskItem &item : seed.claim(id).items)
        QVERIFY(store.queue().startItem(id, seed.lease(id), item.id).value());

    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(w->tasks()->selectTask(id));
    QTRY_COMPARE(w->tasks()->detail()->taskId(), id);
    QAction *forceStop = actionOf(*w, TaskActions::Kind::ForceStop);
    QVERIFY(forceStop->isEnabled());
    QToolButton *button = toolButton(*w, forceStop);
    QVERIFY(button);

    Confirm::answerNext(true);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(w->actionsDone());

    QCOMPARE(Confirm::questionCount(), 1);
    const Confirmation q = *Confirm::lastQuestion();
    QCOMPARE(q.question, QStringLiteral("Force stop this task?"));
    QCOMPARE(q.acceptLabel, QStringLiteral("Force Stop"));
    QVERIFY(q.details.contains(QStringLiteral(
        "This will mark the task as FAILED and stop all running items. Use this if the task is "
        "stuck or not actually running.")));
    QCOMPARE(statusOf(tdb, id), QStringLiteral("FAILED"));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT outcome FROM tasks WHERE id = ?"), {id}).toString(),
        QStringLiteral("force_stopped"));
    QCOMPARE(
        tdb.scalar(QStringLiteral(
                       "SELECT count(*) FROM task_items WHERE task_id = ? AND status = 'FAILED'"),
               {id})
            .toInt(),
        2);
    QCOMPARE(
        tdb.scalar(QStringLiteral(
                       "SELECT actor FROM audit_log WHERE task_id = ? AND action = 'force_stop'"),
               {id})
            .toString(),
        QStringLiteral("alice"));
    QCOMPARE(w->window->lastMessage(),
        QStringLiteral(
            "Task \"Warm-up accounts\" has been force stopped. 2 running items were also "
            "stopped. You can now delete or restart the task."));
    // The table and the detail pane show it, and the actions follow the new status.
    const int row = w->model()->rowOfTask(id);
    QCOMPARE(
        w->model()->index(row, TaskTableModel::Status).data(TaskTableModel::StatusRole).toInt(),
        int(TaskStatus::Failed));
    QCOMPARE(w->tasks()->detail()->task().status, TaskStatus::Failed);
    QVERIFY(!forceStop->isEnabled());
    QVERIFY(actionOf(*w, TaskActions::Kind::Restart)->isEnabled());
    QVERIFY(
        w->tasks()->detail()->logText().contains(QStringLiteral("Task force stopped by alice")));
}

void TestMainWindow::aDeclinedConfirmationChangesNothing_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::newRow("declining force stop leaves a running task running")
        << int(TaskActions::Kind::ForceStop) << int(TaskStatus::Running);
    QTest::newRow("declining cancel leaves a pending task pending")
        << int(TaskActions::Kind::Cancel) << int(TaskStatus::Pending);
    QTest::newRow("declining restart leaves a completed task completed")
        << int(TaskActions::Kind::Restart) << int(TaskStatus::Completed);
    QTest::newRow("declining delete keeps a failed task")
        << int(TaskActions::Kind::Delete) << int(TaskStatus::Failed);
}

void TestMainWindow::aDeclinedConfirmationChangesNothing()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 id = seed.inStatus(TaskStatus(status), QStringLiteral("Keep me"));
    QVERIFY(id > 0);
    const QString before = statusOf(tdb, id);
    const QVariant auditRows = tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log"));

    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(w->tasks()->selectTask(id));
    QAction *action = actionOf(*w, TaskActions::Kind(kind));
    QVERIFY(action->isEnabled());
    Confirm::answerNext(false);
    QTest::mouseClick(toolButton(*w, action), Qt::LeftButton);

    QCOMPARE(Confirm::questionCount(), 1);
    QCOMPARE(statusOf(tdb, id), before);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log")), auditRows);
    QVERIFY(w->window->lastMessage().isEmpty());
}

void TestMainWindow::theDeleteKeyDeletesAfterAskingFirst()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 keep = seed.failed(QStringLiteral("Keep"));
    const qint64 id = seed.failed(QStringLiteral("Old import"));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(w->tasks()->selectTask(id));
    w->tasks()->table()->setFocus();
    const int rows = w->model()->rowCount();

    Confirm::answerNext(true);
    QTest::keyClick(w->tasks()->table(), Qt::Key_Delete);
    QVERIFY(w->actionsDone());

    QCOMPARE(Confirm::lastQuestion()->acceptLabel, QStringLiteral("Delete"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE id = ?"), {id}).toInt(), 0);
    QCOMPARE(statusOf(tdb, keep), QStringLiteral("FAILED"));
    QCOMPARE(w->model()->rowCount(), rows - 1);
    QCOMPARE(w->model()->rowOfTask(id), -1);
    QCOMPARE(w->window->lastMessage(), QStringLiteral("Task \"Old import\" has been deleted."));
}

void TestMainWindow::theDetailPaneShowsOnlyTheButtonsTheStatusAllows_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QList<int>>("shown");
    using K = TaskActions::Kind;
    QTest::newRow("a running task offers Force Stop and Cancel")
        << int(TaskStatus::Running) << QList<int>{int(K::ForceStop), int(K::Cancel)};
    QTest::newRow("a pending task offers Cancel and Delete")
        << int(TaskStatus::Pending) << QList<int>{int(K::Cancel), int(K::Delete)};
    QTest::newRow("a completed task offers Restart and Delete")
        << int(TaskStatus::Completed) << QList<int>{int(K::Restart), int(K::Delete)};
    QTest::newRow("a failed task offers Restart and Delete")
        << int(TaskStatus::Failed) << QList<int>{int(K::Restart), int(K::Delete)};
}

void TestMainWindow::theDetailPaneShowsOnlyTheButtonsTheStatusAllows()
{
    QFETCH(int, status);
    QFETCH(QList<int>, shown);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 id = seed.inStatus(TaskStatus(status), QStringLiteral("The task"));
    QVERIFY(id > 0);
    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(w->tasks()->selectTask(id));
    TaskDetailPane *detail = w->tasks()->detail();
    QTRY_COMPARE(detail->taskId(), id);
    for (TaskActions::Kind kind : {TaskActions::Kind::ForceStop, TaskActions::Kind::Cancel,
             TaskActions::Kind::Restart, TaskActions::Kind::Delete}) {
        QToolButton *button = detail->button(kind);
        const bool expected = shown.contains(int(kind));
        QCOMPARE(button->isVisibleTo(detail), expected);
        if (expected) {
            QVERIFY(button->isEnabled());
            QCOMPARE(button->defaultAction(), actionOf(*w, kind));
        }
    }
}

void TestMainWindow::bulkCancelAsksOnceNamingTheCount()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    QVector<qint64> pending;
    for (int i = 0; i < 12; ++i)
        pending.append(seed.pending(QStringLiteral("Import %1").arg(i)));
    const qint64 done = seed.completed(QStringLiteral("Done already"));
    const qint64 other = seed.pending(QStringLiteral("Not selected"));

    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(w->tasks()->selectTask(pending.first()));
    for (qint64 id : pending)
        QVERIFY(w->tasks()->selectTask(id, true));
    QVERIFY(w->tasks()->selectTask(done, true));
    QCOMPARE(w->tasks()->selectedTasks().size(), 13);

    Confirm::answerNext(true);
    actionOf(*w, TaskActions::Kind::Cancel)->trigger();
    QVERIFY(w->actionsDone());

    QCOMPARE(Confirm::questionCount(), 1);
    QCOMPARE(Confirm::lastQuestion()->question, QStringLiteral("Cancel 12 tasks?"));
    QCOMPARE(Confirm::lastQuestion()->acceptLabel, QStringLiteral("Cancel 12 tasks"));
    QVERIFY(Confirm::lastQuestion()->details.contains(QStringLiteral("1 other selected task")));
    for (qint64 id : pending) {
        QCOMPARE(statusOf(tdb, id), QStringLiteral("FAILED"));
        QCOMPARE(
            tdb.scalar(QStringLiteral("SELECT outcome FROM tasks WHERE id = ?"), {id}).toString(),
            QStringLiteral("cancelled"));
    }
    QCOMPARE(statusOf(tdb, done), QStringLiteral("COMPLETED"));
    QCOMPARE(statusOf(tdb, other), QStringLiteral("PENDING"));
    QCOMPARE(w->window->lastMessage(), QStringLiteral("12 tasks cancelled and marked as failed."));
}

void TestMainWindow::aBulkActionLeavesTheWindowLiveUntilItsAnswer()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const QVector<qint64> failed = failedTasks(seed, QStringLiteral("Payment check %1"), 20);
    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(selectTasks(*w, failed));
    QAction *restart = actionOf(*w, TaskActions::Kind::Restart);
    QVERIFY(restart->isEnabled());
    QVERIFY(actionOf(*w, TaskActions::Kind::Delete)->isEnabled());

    // Another connection holds the tasks, so the restarts wait for it.
    TaskLock lock(tdb);
    QVERIFY(lock.hold());

    Confirm::answerNext(true);
    restart->trigger();
    QCOMPARE(Confirm::lastQuestion()->question, QStringLiteral("Restart 20 tasks?"));
    QVERIFY(w->actions()->isBusy());
    QCOMPARE(w->window->lastMessage(), QStringLiteral("Restarting 20 tasks…"));
    for (TaskActions::Kind kind : {TaskActions::Kind::ForceStop, TaskActions::Kind::Cancel,
             TaskActions::Kind::Restart, TaskActions::Kind::Delete})
        QVERIFY(!actionOf(*w, kind)->isEnabled());
    // The window goes on: its timers fire, and a second action asks nothing.
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&ticks]() { ++ticks; });
    timer.start(10);
    QTest::qWait(300);
    QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks)));
    w->tasks()->table()->setFocus();
    QTest::keyClick(w->tasks()->table(), Qt::Key_Delete);
    QCOMPARE(Confirm::questionCount(), 1);
    QVERIFY(w->actions()->isBusy());
    QCOMPARE(statusOf(tdb, failed.first()), QStringLiteral("FAILED"));

    QVERIFY(lock.release());
    QVERIFY(w->actionsDone());
    QVERIFY(!w->actions()->isBusy());
    for (qint64 id : failed)
        QCOMPARE(statusOf(tdb, id), QStringLiteral("PENDING"));
    QCOMPARE(w->window->lastMessage(), QStringLiteral("20 tasks restarted and pending."));
    // The refreshed selection is pending now: Cancel again, Restart no more.
    QTRY_VERIFY(actionOf(*w, TaskActions::Kind::Cancel)->isEnabled());
    QVERIFY(!restart->isEnabled());
}

void TestMainWindow::aBulkActionStopsAfterTheTaskInHand()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const QVector<qint64> failed = failedTasks(seed, QStringLiteral("Import %1"), 20);
    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(selectTasks(*w, failed));
    QAction *stop = w->actions()->stopAction();
    QToolButton *stopButton = toolButton(*w, stop);
    QVERIFY(stopButton);
    QVERIFY(!stop->isVisible());

    // The restarts wait for another connection's lock, as an action on many
    // tasks waits for a slow server.
    TaskLock lock(tdb);
    QVERIFY(lock.hold());
    Confirm::answerNext(true);
    actionOf(*w, TaskActions::Kind::Restart)->trigger();
    QVERIFY(w->actions()->isBusy());
    QTRY_VERIFY(stopButton->isVisible());
    QVERIFY(stop->isEnabled());
    if (TestDatabase::postgres()) {
        // The first restart waits for the lock: it is the task in hand.
        QTRY_VERIFY(tdb.scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                              "wait_event_type = 'Lock' AND datname = "
                                              "current_database()"))
                        .toInt()
            > 0);
    } else {
        QTest::qWait(200); // the first restart is under way, waiting for the lock
    }
    QTest::mouseClick(stopButton, Qt::LeftButton);
    QCOMPARE(w->window->lastMessage(), QStringLiteral("Stopping after the task in hand…"));
    QVERIFY(!stop->isEnabled());
    QVERIFY(w->actions()->isBusy());

    QVERIFY(lock.release());
    QVERIFY(w->actionsDone());
    QVERIFY(!stop->isVisible());
    // The task in hand, if the writer had reached it, is done; no other.
    int restarted = 0;
    for (qint64 id : failed)
        restarted += statusOf(tdb, id) == QLatin1String("PENDING") ? 1 : 0;
    // SQLite shows no waiting writer to wait for: the writer may not have
    // reached the first task when Stop was clicked.
    QVERIFY2(TestDatabase::postgres() ? restarted == 1 : restarted <= 1,
        qPrintable(QString::number(restarted)));
    QCOMPARE(w->window->lastMessage(),
        QStringLiteral("Stopped: %1 %2 restarted and pending. %3 tasks not reached stay as "
                       "they were.")
            .arg(restarted)
            .arg(restarted == 1 ? QStringLiteral("task") : QStringLiteral("tasks"))
            .arg(20 - restarted));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'restart'"))
                 .toInt(),
        restarted);
    // The next action on the rest runs to its end.
    QTRY_VERIFY(actionOf(*w, TaskActions::Kind::Restart)->isEnabled());
    Confirm::answerNext(true);
    actionOf(*w, TaskActions::Kind::Restart)->trigger();
    QVERIFY(w->actionsDone());
    for (qint64 id : failed)
        QCOMPARE(statusOf(tdb, id), QStringLiteral("PENDING"));
}

// Force Stop on many selected tasks that the RUNNING chip then no longer
// lists: the table follows in one step, not with a removal and a page read for
// each row (at 1,000 rows that froze the window for a minute).
void TestMainWindow::rowsLeavingTheFilterAfterABulkActionCostNoQueryEach()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 other = seed.running(QStringLiteral("Not selected"));
    QVERIFY(other > 0);
    constexpr int n = 250;
    QVector<qint64> running;
    for (int i = 0; i < n; ++i)
        running.append(seed.running(QStringLiteral("Sync %1").arg(i)));
    QVERIFY(!running.contains(0));

    auto w = openWindow(tdb);
    QVERIFY(w);
    w->tasks()->chips()->button(FilterChips::Running)->click();
    w->context->background().waitForIdle();
    QTRY_COMPARE(w->model()->rowCount(), n + 1);
    // Newest first: the selected tasks are the rows above the one left out.
    QItemSelectionModel *selection = w->tasks()->table()->selectionModel();
    selection->select(QItemSelection(w->model()->index(0, 0), w->model()->index(n - 1, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(w->actions()->selection().size(), n);

    const quint64 readsBefore = w->model()->pageReads();
    QSignalSpy removals(w->model(), &QAbstractItemModel::rowsRemoved);
    Confirm::answerNext(true);
    actionOf(*w, TaskActions::Kind::ForceStop)->trigger();
    QVERIFY(w->actionsDone());
    w->refresh();
    QCoreApplication::processEvents();

    for (qint64 id : std::as_const(running))
        QCOMPARE(statusOf(tdb, id), QStringLiteral("FAILED"));
    QCOMPARE(w->window->lastMessage(), QStringLiteral("%1 tasks force stopped.").arg(n));
    QTRY_COMPARE(w->model()->rowCount(), 1);
    QCOMPARE(w->model()->taskIdAt(0), other);
    // One contiguous block went away: one removal, and at most the page in view
    // is read again.
    QVERIFY2(removals.count() <= 1, qPrintable(QString::number(removals.count())));
    const quint64 reads = w->model()->pageReads() - readsBefore;
    QVERIFY2(reads <= 2, qPrintable(QString::number(reads)));
    QVERIFY(w->actions()->selection().isEmpty());
}

void TestMainWindow::anActionKeepsTheSelectionAndTheDetailPaneTrue_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("chip");
    using K = TaskActions::Kind;
    const int all = FilterChips::All;
    QTest::newRow("force stop, all tasks listed")
        << int(K::ForceStop) << int(TaskStatus::Running) << all;
    QTest::newRow("force stop, only running tasks listed")
        << int(K::ForceStop) << int(TaskStatus::Running) << int(FilterChips::Running);
    QTest::newRow("cancel, all tasks listed") << int(K::Cancel) << int(TaskStatus::Pending) << all;
    QTest::newRow("cancel, only pending tasks listed")
        << int(K::Cancel) << int(TaskStatus::Pending) << int(FilterChips::Pending);
    QTest::newRow("restart, all tasks listed") << int(K::Restart) << int(TaskStatus::Failed) << all;
    QTest::newRow("restart, only failed tasks listed")
        << int(K::Restart) << int(TaskStatus::Failed) << int(FilterChips::Failed);
    QTest::newRow("delete, all tasks listed") << int(K::Delete) << int(TaskStatus::Failed) << all;
    QTest::newRow("delete, only failed tasks listed")
        << int(K::Delete) << int(TaskStatus::Failed) << int(FilterChips::Failed);
}

// After an action the acted-on tasks stay selected where the filter still lists
// them, the current task stays current if listed, and the detail pane shows the
// current task read again with the buttons its status allows; a task that went
// away leaves no stand-in behind (the next row, or a task no longer listed).
void TestMainWindow::anActionKeepsTheSelectionAndTheDetailPaneTrue()
{
    QFETCH(int, kind);
    QFETCH(int, from);
    QFETCH(int, chip);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    // Selected and not selected in turn, so that a lost row has neighbours.
    QVector<qint64> ids;
    for (int i = 0; i < 7; ++i)
        ids.append(seed.inStatus(TaskStatus(from), QStringLiteral("Task %1").arg(i)));
    QVERIFY(!ids.contains(0));
    const QVector<qint64> chosen{ids.at(1), ids.at(3), ids.at(5)};
    const qint64 current = ids.at(5); // selected last: the current one

    auto w = openWindow(tdb);
    QVERIFY(w);
    if (chip != FilterChips::All) {
        w->tasks()->chips()->button(FilterChips::Chip(chip))->click();
        w->context->background().waitForIdle();
    }
    QTRY_COMPARE(w->model()->rowCount(), 7);
    QVERIFY(selectTasks(*w, chosen));
    QTRY_COMPARE(w->tasks()->detail()->taskId(), current);

    Confirm::answerNext(true);
    actionOf(*w, TaskActions::Kind(kind))->trigger();
    QVERIFY(w->actionsDone());
    w->refresh();
    QCoreApplication::processEvents();

    const bool listed
        = TaskActions::Kind(kind) != TaskActions::Kind::Delete && chip == FilterChips::All;
    QTRY_COMPARE(w->model()->rowCount(), listed ? 7 : 4);
    // To look at: TASKDESK_SCREENSHOT_DIR=… tst_mainwindow anActionKeeps…
    const QString shots = qEnvironmentVariable("TASKDESK_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        w->window->grab().save(shots
            + QStringLiteral("/after-%1.png")
                  .arg(QString::fromLatin1(QTest::currentDataTag())
                           .replace(QLatin1Char(' '), QLatin1Char('-'))
                           .remove(QLatin1Char(','))));
    QSet<qint64> selected;
    for (const Task &t : w->tasks()->selectedTasks())
        selected.insert(t.id);
    QSet<qint64> actionSelection;
    for (const Task &t : w->actions()->selection())
        actionSelection.insert(t.id);
    QItemSelectionModel *selection = w->tasks()->table()->selectionModel();
    TaskDetailPane *detail = w->tasks()->detail();
    if (listed) {
        const QSet<qint64> expected(chosen.cbegin(), chosen.cend());
        QCOMPARE(selected, expected);
        QCOMPARE(actionSelection, expected);
        QVERIFY(selection->currentIndex().isValid());
        QCOMPARE(w->model()->taskIdAt(selection->currentIndex().row()), current);
        QCOMPARE(detail->taskId(), current);
        QVERIFY(detail->hasTask());
        // Read again: the status the database has now.
        QCOMPARE(statusName(detail->task().status), statusOf(tdb, current));
        for (TaskActions::Kind k : {TaskActions::Kind::ForceStop, TaskActions::Kind::Cancel,
                 TaskActions::Kind::Restart, TaskActions::Kind::Delete}) {
            const bool allowed = TaskActions::allows(k, detail->task().status);
            QCOMPARE(detail->button(k)->isVisibleTo(detail), allowed);
            if (allowed)
                QVERIFY(detail->button(k)->isEnabled());
        }
    } else {
        QVERIFY(selected.isEmpty());
        QVERIFY(actionSelection.isEmpty());
        QVERIFY(!selection->currentIndex().isValid());
        QVERIFY(!detail->hasTask());
        for (TaskActions::Kind k : {TaskActions::Kind::ForceStop, TaskActions::Kind::Cancel,
                 TaskActions::Kind::Restart, TaskActions::Kind::Delete})
            QVERIFY(!actionOf(*w, k)->isEnabled());
    }
}

// The message names only what can be done next: a task the filter no longer
// lists cannot be restarted or deleted from here.
void TestMainWindow::aForceStoppedTaskThatLeftTheListIsNotOfferedForRestart()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 id = seed.running(QStringLiteral("Warm-up accounts"));
    QVERIFY(seed.running(QStringLiteral("Another")) > 0);
    auto w = openWindow(tdb);
    QVERIFY(w);
    w->tasks()->chips()->button(FilterChips::Running)->click();
    w->context->background().waitForIdle();
    QTRY_COMPARE(w->model()->rowCount(), 2);
    QVERIFY(w->tasks()->selectTask(id));
    Confirm::answerNext(true);
    actionOf(*w, TaskActions::Kind::ForceStop)->trigger();
    QVERIFY(w->actionsDone());
    QCOMPARE(statusOf(tdb, id), QStringLiteral("FAILED"));
    QCOMPARE(w->window->lastMessage(),
        QStringLiteral("Task \"Warm-up accounts\" has been force stopped. 0 running items were "
                       "also stopped."));
    QVERIFY(!actionOf(*w, TaskActions::Kind::Restart)->isEnabled());
    QVERIFY(!w->tasks()->detail()->hasTask());
}

void TestMainWindow::theCancelButtonInARunningRowCancelsIt()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 waiting = seed.pending(QStringLiteral("Waiting"));
    const qint64 id = seed.running(QStringLiteral("Long export"));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QTableView *table = w->tasks()->table();
    const QModelIndex progress
        = w->model()->index(w->model()->rowOfTask(id), TaskTableModel::Progress);
    const QRect cell = table->visualRect(progress);
    QVERIFY(cell.isValid());
    const QRect button = ProgressDelegate::buttonRect(cell, table->fontMetrics());
    // The pending row has no button: a click there asks nothing.
    const QModelIndex pendingCell
        = w->model()->index(w->model()->rowOfTask(waiting), TaskTableModel::Progress);
    const QRect none
        = ProgressDelegate::buttonRect(table->visualRect(pendingCell), table->fontMetrics());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, none.center());
    QCOMPARE(Confirm::questionCount(), 0);

    Confirm::answerNext(true);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, button.center());
    QCOMPARE(Confirm::questionCount(), 1);
    QVERIFY(w->actionsDone());
    QCOMPARE(Confirm::lastQuestion()->question, QStringLiteral("Cancel this task?"));
    QCOMPARE(statusOf(tdb, id), QStringLiteral("FAILED"));
    QCOMPARE(statusOf(tdb, waiting), QStringLiteral("PENDING"));
    QVERIFY(w->window->lastMessage().startsWith(
        QStringLiteral("Task \"Long export\" has been cancelled")));
}

void TestMainWindow::theStuckViewCleansUpWhatItPreviewed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 lost = seed.running(QStringLiteral("Lost worker"));
    const qint64 fine = seed.running(QStringLiteral("Healthy"));
    const qint64 queued = seed.pending(QStringLiteral("Waiting forever"));
    const qint64 fresh = seed.pending(QStringLiteral("Just queued"));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {lost}));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000 WHERE id = ?"), {queued}));

    auto w = openWindow(tdb);
    QVERIFY(w);
    w->window->showPage(MainWindow::Stuck);
    StuckView *stuck = w->window->stuckView();
    stuck->heartbeatTimeoutSeconds()->setValue(60);
    stuck->queueThresholdMinutes()->setValue(5);
    stuck->refresh();
    QCOMPARE(stuck->model()->rowCount(), 2);
    QVERIFY(stuck->summary().startsWith(QStringLiteral("2 stuck tasks")));
    QCOMPARE(stuck->model()->plannedAction(0), QStringLiteral("mark FAILED"));
    QVERIFY(stuck->cleanUpButton()->isEnabled());

    Confirm::answerNext(true);
    QTest::mouseClick(stuck->cleanUpButton(), Qt::LeftButton);
    QVERIFY(w->actionsDone());

    QCOMPARE(Confirm::lastQuestion()->question, QStringLiteral("Clean up 2 stuck tasks?"));
    QCOMPARE(Confirm::lastQuestion()->acceptLabel, QStringLiteral("Clean Up 2 tasks"));
    QCOMPARE(statusOf(tdb, lost), QStringLiteral("FAILED"));
    QCOMPARE(statusOf(tdb, queued), QStringLiteral("FAILED"));
    QCOMPARE(statusOf(tdb, fine), QStringLiteral("RUNNING"));
    QCOMPARE(statusOf(tdb, fresh), QStringLiteral("PENDING"));
    QCOMPARE(w->window->lastMessage(),
        QStringLiteral("Cleaned up 2 stuck tasks: 2 marked failed, 0 re-queued."));
    QCOMPARE(stuck->model()->rowCount(), 0);
    QVERIFY(!stuck->cleanUpButton()->isEnabled());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'alice' AND "
                                       "action IN ('sweep', 'cleanup')"))
                 .toInt(),
        2);
}

namespace {

// 3,000 tasks waiting in the queue for an hour, and one running without a
// heartbeat for ten minutes next to a healthy one: 3,001 stuck.
void seedThreeThousandStuck(TestDatabase &tdb, TaskStore &store)
{
    TaskSeeder seed(store);
    const qint64 lost = seed.running(QStringLiteral("Lost worker"));
    seed.running(QStringLiteral("Healthy"));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {lost}));
    QVERIFY(tdb.exec(QStringLiteral(
        "INSERT INTO tasks (name, kind, args) WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL "
        "SELECT i + 1 FROM seq WHERE i < 3000) SELECT 'bulk-' || CAST(i AS TEXT), 'demo', '{}' "
        "FROM seq")));
    QVERIFY(tdb.exec(QStringLiteral(
        "UPDATE tasks SET run_after = run_after - 3600000 WHERE name LIKE 'bulk-%'")));
}

// The window on the Stuck page, read, over seedThreeThousandStuck(); null
// when either failed.
std::unique_ptr<Window> openOnTheStuckPage(TestDatabase &tdb, TaskStore &store)
{
    seedThreeThousandStuck(tdb, store);
    if (QTest::currentTestFailed())
        return nullptr;
    auto w = openWindow(tdb);
    if (!w)
        return nullptr;
    w->window->showPage(MainWindow::Stuck);
    w->window->stuckView()->refresh();
    return w;
}

QString grouped(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

void TestMainWindow::theStuckCountIsOneNumberEverywhere()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    seedThreeThousandStuck(tdb, store);
    if (QTest::currentTestFailed())
        return;

    auto w = openWindow(tdb);
    QVERIFY(w);
    w->refresh();
    const QString n = grouped(3001);
    // The chip, with its parts in the tooltip.
    QTRY_COMPARE(
        w->tasks()->chips()->button(FilterChips::Stuck)->text(), QStringLiteral("Stuck  ") + n);
    QCOMPARE(w->tasks()->chips()->button(FilterChips::Stuck)->toolTip(),
        QStringLiteral("Stuck: %1 waiting in the queue too long, 1 running without a heartbeat")
            .arg(grouped(3000)));
    // The tray.
    QCOMPARE(w->window->tray()->toolTip(),
        QStringLiteral("Taskdesk: %1 stuck tasks (%2 queued, 1 running)").arg(n, grouped(3000)));
    // The chip's list shows the same tasks.
    QTest::mouseClick(w->tasks()->chips()->button(FilterChips::Stuck), Qt::LeftButton);
    w->context->background().waitForIdle();
    QTRY_COMPARE(w->model()->rowCount(), 3001);

    // The Stats tile.
    w->window->showPage(MainWindow::Stats);
    w->window->statsView()->refresh();
    w->context->background().waitForIdle();
    QTRY_COMPARE(w->window->statsView()->cardText(QStringLiteral("STUCK")), n);
    QCOMPARE(w->window->statsView()->stuckPartsText(),
        QStringLiteral("%1 queued · 1 running").arg(grouped(3000)));

    // The Stuck page: the true count, and its list says it is cut.
    w->window->showPage(MainWindow::Stuck);
    StuckView *stuck = w->window->stuckView();
    stuck->refresh();
    QCOMPARE(stuck->summary(),
        QStringLiteral("%1 stuck tasks: %2 waiting in the queue longer than 5 min, 1 running "
                       "without a heartbeat for 1 min. The list shows the oldest: showing %3 of "
                       "%1.")
            .arg(n, grouped(3000), grouped(1001)));
    QCOMPARE(stuck->model()->rowCount(), 1001);
    // To look at: TASKDESK_SCREENSHOT_DIR=folder (the default size and 800×500).
    const QString shots = qEnvironmentVariable("TASKDESK_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        for (const QSize size : {QSize(1500, 900), QSize(800, 500)}) {
            w->window->resize(size);
            stuck->table()->selectRow(0);
            QTest::qWait(50);
            QVERIFY(w->window->grab().save(QDir(shots).filePath(
                QStringLiteral("stuck-3001-%1x%2.png").arg(size.width()).arg(size.height()))));
        }
        w->window->showPage(MainWindow::Audit);
        w->window->auditView()->reload();
        for (const QSize size : {QSize(1500, 900), QSize(800, 500)}) {
            w->window->resize(size);
            QTest::qWait(50);
            QVERIFY(w->window->grab().save(QDir(shots).filePath(
                QStringLiteral("audit-%1x%2.png").arg(size.width()).arg(size.height()))));
        }
        w->window->showPage(MainWindow::Stuck);
        w->window->resize(1500, 900);
    }

    // taskdeskctl stuck and its JSON.
    QProcess ctl;
    ctl.start(QStringLiteral(TASKDESK_CTL_PATH),
        {QStringLiteral("--db"), tdb.url(), QStringLiteral("--json"), QStringLiteral("stuck")});
    QVERIFY(ctl.waitForFinished(60000));
    QCOMPARE(ctl.exitCode(), 0);
    const QJsonObject counts = QJsonDocument::fromJson(ctl.readAllStandardOutput())
                                   .object()
                                   .value(QStringLiteral("stuck_jobs"))
                                   .toObject();
    QCOMPARE(counts.value(QStringLiteral("total")).toInteger(), 3001);
    QCOMPARE(counts.value(QStringLiteral("queued_stuck")).toInteger(), 3000);
    QCOMPARE(counts.value(QStringLiteral("running_stuck")).toInteger(), 1);
}

void TestMainWindow::theCleanUpChangesExactlyTheSetItsConfirmationNamed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    auto w = openOnTheStuckPage(tdb, store);
    QVERIFY(w);
    StuckView *stuck = w->window->stuckView();
    QVERIFY(stuck->cleanUpButton()->isEnabled());

    // Between the confirmation and the action: one named task is cancelled by
    // someone else, and a task is enqueued already an hour overdue.
    qint64 late = 0;
    Confirm::setHook([&](const Confirmation &) {
        tdb.exec(QStringLiteral("UPDATE tasks SET status = 'FAILED', outcome = 'cancelled', "
                                "completed_at = run_after WHERE name = 'bulk-1'"));
        NewTask task;
        task.kind = QStringLiteral("demo");
        task.name = QStringLiteral("late");
        late = store.queue().enqueue(task).value();
        tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000 WHERE id = ?"),
            {late});
        return true;
    });
    QTest::mouseClick(stuck->cleanUpButton(), Qt::LeftButton);
    QVERIFY(w->actionsDone());
    Confirm::setHook({});

    const QString n = grouped(3001);
    QCOMPARE(Confirm::lastQuestion()->question, QStringLiteral("Clean up %1 stuck tasks?").arg(n));
    QCOMPARE(Confirm::lastQuestion()->acceptLabel, QStringLiteral("Clean Up %1 tasks").arg(n));
    QVERIFY2(Confirm::lastQuestion()->details.startsWith(
                 QStringLiteral("%1 waiting in the queue longer than 5 min and 1 running")
                     .arg(grouped(3000))),
        qPrintable(Confirm::lastQuestion()->details));
    // Exactly the named set, less the one that changed meanwhile.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE outcome IN "
                                       "('stuck_swept', 'worker_lost')"))
                 .toLongLong(),
        3000);
    QVERIFY(late > 0);
    QCOMPARE(statusOf(tdb, late), QStringLiteral("PENDING"));
    QCOMPARE(w->window->lastMessage(),
        QStringLiteral("Cleaned up %1 stuck tasks: %1 marked failed, 0 re-queued. 1 of the %2 "
                       "named had changed meanwhile and was left alone.")
            .arg(grouped(3000), n));
    // The late one waits for the next pass.
    QVERIFY(stuck->summary().startsWith(QStringLiteral("1 stuck task: 1 waiting")));
}

// The clean-up of a few thousand tasks runs off the GUI thread: while another
// connection holds the tasks (so that the clean-up waits for it), the window's
// timers keep firing, the page says it works, and the result comes after.
void TestMainWindow::aBigCleanUpLeavesTheWindowLive()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    auto w = openOnTheStuckPage(tdb, store);
    QVERIFY(w);
    StuckView *stuck = w->window->stuckView();
    QVERIFY(stuck->cleanUpButton()->isEnabled());

    // A connection of its own thread takes the tasks (PostgreSQL) or the write
    // lock (SQLite) when the confirmation is answered, and lets go 2 s later.
    std::atomic_bool held{false};
    QThread *locker = nullptr;
    Confirm::setHook([&](const Confirmation &) {
        locker = QThread::create([&tdb, &held]() {
            std::unique_ptr<Database> db = tdb.open();
            if (db->open())
                return;
            {
                QSqlQuery q(db->connection().value());
                const bool ok = TestDatabase::postgres()
                    ? q.exec(QStringLiteral("BEGIN"))
                        && q.exec(QStringLiteral("SELECT id FROM tasks FOR UPDATE"))
                    : q.exec(QStringLiteral("BEGIN IMMEDIATE"));
                held = ok;
                QThread::msleep(2000);
                q.exec(QStringLiteral("COMMIT"));
            }
        });
        locker->start();
        while (!held && !locker->isFinished())
            QThread::msleep(5);
        return true;
    });
    auto joinLocker = qScopeGuard([&]() {
        Confirm::setHook({});
        if (locker) {
            locker->wait();
            delete locker;
        }
    });

    QElapsedTimer clock;
    qint64 last = 0;
    qint64 longestGap = 0;
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&]() {
        ++ticks;
        longestGap = std::max(longestGap, clock.elapsed() - last);
        last = clock.elapsed();
    });
    clock.start();
    timer.start(10);
    QTest::mouseClick(stuck->cleanUpButton(), Qt::LeftButton);
    QTRY_VERIFY(held);
    const QString n = grouped(3001);
    QTRY_COMPARE(stuck->busyText(), QStringLiteral("Cleaning up %1 stuck tasks…").arg(n));
    QVERIFY(stuck->isCleaningUp());
    QVERIFY(!stuck->cleanUpButton()->isEnabled());
    QVERIFY(w->actionsDone());
    timer.stop();
    QVERIFY2(clock.elapsed() >= 1500, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks)));
    QVERIFY2(longestGap < 1000, qPrintable(QString::number(longestGap)));

    QVERIFY(!stuck->isCleaningUp());
    QCOMPARE(w->window->lastMessage(),
        QStringLiteral("Cleaned up %1 stuck tasks: %1 marked failed, 0 re-queued.").arg(n));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE outcome IN "
                                       "('stuck_swept', 'worker_lost')"))
                 .toLongLong(),
        3001);
    QCOMPARE(stuck->model()->rowCount(), 0);
}

// Force Stop, Cancel, Restart and Delete on one stuck row: enabled by its
// status, behind the Tasks page's confirmation, changing that task alone.
void TestMainWindow::aStuckRowTakesTheActionsOfItsStatusAlone()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 lost = seed.running(QStringLiteral("Lost worker"));
    const qint64 alsoLost = seed.running(QStringLiteral("Also lost"));
    const qint64 queued = seed.pending(QStringLiteral("Waiting forever"));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE "
                                    "id IN (?, ?)"),
        {lost, alsoLost}));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000 WHERE id = ?"), {queued}));

    auto w = openWindow(tdb);
    QVERIFY(w);
    w->window->showPage(MainWindow::Stuck);
    StuckView *stuck = w->window->stuckView();
    stuck->refresh();
    QCOMPARE(stuck->model()->rowCount(), 3);
    auto rowOf = [&](qint64 id) {
        for (int r = 0; r < stuck->model()->rowCount(); ++r) {
            if (stuck->model()->taskAt(r).id == id)
                return r;
        }
        return -1;
    };
    TaskActions *actions = stuck->rowActions();
    // Nothing selected: nothing to do.
    for (QAction *a : actions->taskActions())
        QVERIFY(!a->isEnabled());

    stuck->table()->selectRow(rowOf(queued));
    QVERIFY(!actions->forceStopAction()->isEnabled());
    QVERIFY(actions->cancelAction()->isEnabled());
    QVERIFY(!actions->restartAction()->isEnabled());
    QVERIFY(actions->deleteAction()->isEnabled());

    stuck->table()->selectRow(rowOf(lost));
    QVERIFY(actions->forceStopAction()->isEnabled());
    QVERIFY(actions->cancelAction()->isEnabled());
    QVERIFY(!actions->restartAction()->isEnabled());
    QVERIFY(!actions->deleteAction()->isEnabled());

    // Declined: nothing changes.
    Confirm::answerNext(false);
    actions->forceStopAction()->trigger();
    QVERIFY(w->actionsDone());
    QCOMPARE(statusOf(tdb, lost), QStringLiteral("RUNNING"));

    Confirm::answerNext(true);
    actions->forceStopAction()->trigger();
    QCOMPARE(Confirm::lastQuestion()->question, QStringLiteral("Force stop this task?"));
    QCOMPARE(Confirm::lastQuestion()->acceptLabel, QStringLiteral("Force Stop"));
    QVERIFY(Confirm::lastQuestion()->details.startsWith(
        QStringLiteral("Task: \"Lost worker\" (#%1)").arg(lost)));
    QVERIFY(w->actionsDone());
    QCOMPARE(statusOf(tdb, lost), QStringLiteral("FAILED"));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT outcome FROM tasks WHERE id = ?"), {lost}).toString(),
        QStringLiteral("force_stopped"));
    QCOMPARE(statusOf(tdb, alsoLost), QStringLiteral("RUNNING"));
    QCOMPARE(statusOf(tdb, queued), QStringLiteral("PENDING"));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                       "'force_stop'"))
                 .toInt(),
        1);
    QVERIFY(w->window->lastMessage().startsWith(
        QStringLiteral("Task \"Lost worker\" has been force stopped.")));
    // The page shows what is stuck now.
    QTRY_COMPARE(stuck->model()->rowCount(), 2);
    QCOMPARE(rowOf(lost), -1);

    // Cancel the queued one with its shortcut, in the stuck table.
    stuck->table()->selectRow(rowOf(queued));
    stuck->table()->setFocus();
    Confirm::answerNext(true);
    QTest::keyClick(stuck->table(), Qt::Key_Period, Qt::ControlModifier);
    QCOMPARE(Confirm::lastQuestion()->question, QStringLiteral("Cancel this task?"));
    QVERIFY(w->actionsDone());
    QCOMPARE(statusOf(tdb, queued), QStringLiteral("FAILED"));
    QCOMPARE(statusOf(tdb, alsoLost), QStringLiteral("RUNNING"));
    QTRY_COMPARE(stuck->model()->rowCount(), 1);
}

// The Audit page's label counts the rows it shows, however they came (the
// first read found none, the next brought 35), and its details read as words.
// "RUNNING → PENDI…" was cut in the Stuck page's decisions: both tables that
// show audit rows leave room for the widest status change at the default size.
void TestMainWindow::everyStatusChangeIsWholeInBothAuditTables()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb);
    QVERIFY(w);
    for (QTableView *table :
        {w->window->auditView()->table(), w->window->stuckView()->decisionTable()}) {
        // The text and the cell's own margins on each side, as the view draws it.
        const int margin
            = table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1;
        const int widest
            = table->fontMetrics().horizontalAdvance(QStringLiteral("COMPLETED → DELETED"))
            + 2 * margin;
        QVERIFY2(table->columnWidth(AuditTableModel::Change) >= widest,
            qPrintable(QStringLiteral("%1: %2 for %3")
                           .arg(table->objectName())
                           .arg(table->columnWidth(AuditTableModel::Change))
                           .arg(widest)));
    }
}

// The message says why a process is FATAL: at the default size it is read
// beside the state, not after a sideways scroll past empty columns.
void TestMainWindow::aProcessMessageIsInViewBesideItsState()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb);
    QVERIFY(w);
    w->window->showPage(MainWindow::Processes);
    QCoreApplication::processEvents();
    QTableView *table = w->window->processesView()->table();
    QHeaderView *header = table->horizontalHeader();
    QCOMPARE(header->visualIndex(ProcessTableModel::Message),
        header->visualIndex(ProcessTableModel::State) + 1);
    const int right = header->sectionViewportPosition(ProcessTableModel::Message)
        + header->sectionSize(ProcessTableModel::Message);
    QVERIFY2(right <= table->viewport()->width(),
        qPrintable(QStringLiteral("%1 of %2").arg(right).arg(table->viewport()->width())));
}

// A message was cut in the status bar, beside the connection and the
// database: it is shown once, whole, in the message bar.
void TestMainWindow::aLongMessageIsShownWholeOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb);
    QVERIFY(w);
    const QString text = QStringLiteral(
        "Cleaned up 3,001 stuck tasks: 3,000 marked failed, 1 re-queued. 1 of the 3,002 named "
        "had changed meanwhile and was left alone; the next pass of the sweeper looks at it.");
    w->window->showMessage(text, MessageBar::Type::Positive);
    QCoreApplication::processEvents();
    QCOMPARE(w->window->statusBar()->currentMessage(), QString());
    QVERIFY(w->window->messageBar()->isVisible());
    QCOMPARE(w->window->lastMessage(), text);
    const QList<QLabel *> labels = w->window->messageBar()->findChildren<QLabel *>();
    bool whole = false;
    for (const QLabel *label : labels)
        whole = whole || (label->text() == text && label->wordWrap() && label->isVisible());
    QVERIFY(whole);
}

void TestMainWindow::theAuditPageCountsItsRowsAndSpeaksInWords()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb);
    QVERIFY(w);
    w->window->showPage(MainWindow::Audit);
    AuditView *audit = w->window->auditView();
    QCOMPARE(audit->model()->rowCount(), 0);
    QCOMPARE(audit->summary(), QStringLiteral("No audit entries yet."));

    TaskStore store(tdb.db(), QStringLiteral("bob"));
    TaskSeeder seed(store);
    QVector<qint64> ids;
    for (int i = 0; i < 33; ++i)
        ids.append(seed.pending(QStringLiteral("job %1").arg(i)));
    QVERIFY(store.actions().cancel(ids.first()).ok());
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 610000 WHERE id = ?"),
        {ids.at(1)}));
    Result<StuckReport> named = store.stuck().stuckScope(StuckThresholds());
    QVERIFY(named.ok());
    QVERIFY(store.stuck().cleanup(*named, CleanupAction::MarkFailed).ok());
    audit->refresh();
    QCOMPARE(audit->model()->rowCount(), 35);
    QCOMPARE(audit->summary(), QStringLiteral("Showing the newest 35 entries."));

    // Newest first: the clean-up, then the cancel.
    const QModelIndex cleanup = audit->model()->index(0, AuditTableModel::Details);
    const QString words = cleanup.data().toString();
    QVERIFY2(words.startsWith(QStringLiteral("marked failed, stuck for 10 min 1"))
            && words.endsWith(QStringLiteral(", rule: operator's clean-up, threshold 5 min")),
        qPrintable(words));
    const QModelIndex cancel = audit->model()->index(1, AuditTableModel::Details);
    QCOMPARE(cancel.data().toString(), QString());
    for (int r = 0; r < audit->model()->rowCount(); ++r) {
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
            const QString text
                = audit->model()->index(r, AuditTableModel::Details).data(role).toString();
            QVERIFY2(!text.contains(QLatin1String("_ms")) && !text.contains(QLatin1Char('=')),
                qPrintable(text));
        }
    }
    // The decisions under the Stuck page speak the same words.
    w->window->showPage(MainWindow::Stuck);
    w->window->stuckView()->refresh();
    QTableView *decisions
        = w->window->stuckView()->findChild<QTableView *>(QStringLiteral("sweeperDecisions"));
    QVERIFY(decisions);
    QCOMPARE(decisions->model()->index(0, AuditTableModel::Details).data().toString(),
        cleanup.data().toString());

    audit->searchField()->setText(QStringLiteral("job 1"));
    audit->reload();
    QVERIFY(audit->summary().startsWith(QStringLiteral("Showing the newest ")));
    QVERIFY(audit->summary().endsWith(QStringLiteral(" matching entries.")));
}

void TestMainWindow::readOnlyModeShowsEverythingAndChangesNothing()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    QVector<qint64> ids;
    for (TaskStatus s :
        {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed})
        ids.append(seed.inStatus(s, QStringLiteral("task")));
    const qint64 stale = seed.running(QStringLiteral("Stale"));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {stale}));
    ids.append(stale);
    const QVariant auditRows = tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log"));

    auto w = openWindow(tdb, true);
    QVERIFY(w);
    QVERIFY(w->window->banner()->text().startsWith(QStringLiteral("Read-only")));
    QCOMPARE(w->model()->rowCount(), 5);
    QVERIFY(!w->tasks()->progressDelegate()->isCancelEnabled());
    for (qint64 id : ids)
        QVERIFY(w->tasks()->selectTask(id, true));
    for (QAction *a : w->actions()->taskActions()) {
        QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
        a->trigger(); // even if something triggered it
    }
    for (qint64 id : ids)
        w->actions()->run(
            TaskActions::Kind::Delete, {*w->model()->taskAtRow(w->model()->rowOfTask(id))});
    QCOMPARE(Confirm::questionCount(), 0);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks")).toInt(), 5);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log")), auditRows);

    w->window->showPage(MainWindow::Stuck);
    w->window->stuckView()->refresh();
    QCOMPARE(w->window->stuckView()->model()->rowCount(), 1); // shown…
    QVERIFY(!w->window->stuckView()->cleanUpButton()->isEnabled()); // …and left alone
    w->window->stuckView()->cleanUpNow();
    QCOMPARE(Confirm::questionCount(), 0);
    QCOMPARE(statusOf(tdb, stale), QStringLiteral("RUNNING"));
}

void TestMainWindow::theShortcutsReachTheirActions()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 id = seed.running(QStringLiteral("Running"));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(w->tasks()->selectTask(id));
    w->tasks()->table()->setFocus();
    QTest::keyClick(w->tasks()->table(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(w->tasks()->searchField()->hasFocus());

    // F5 reads what another front end did.
    TaskStore other(tdb.db(), QStringLiteral("bob"));
    QVERIFY(other.actions().cancel(id).ok());
    w->tasks()->table()->setFocus();
    QTest::keyClick(w->tasks()->table(), Qt::Key_F5);
    w->context->background().waitForIdle();
    QTRY_COMPARE(w->model()
                     ->index(w->model()->rowOfTask(id), TaskTableModel::Status)
                     .data(TaskTableModel::StatusRole)
                     .toInt(),
        int(TaskStatus::Failed));

    // Restart with its shortcut, after the question.
    QVERIFY(w->tasks()->selectTask(id));
    w->tasks()->table()->setFocus();
    Confirm::answerNext(true);
    QTest::keyClick(w->tasks()->table(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(w->actionsDone());
    QCOMPARE(Confirm::lastQuestion()->acceptLabel, QStringLiteral("Restart"));
    QCOMPARE(statusOf(tdb, id), QStringLiteral("PENDING"));
}

void TestMainWindow::aLostDatabaseShowsTheBannerAndRecoversByItself()
{
    if (!TestDatabase::postgres())
        QSKIP("a SQLite file does not go away under an open connection; the PostgreSQL run "
              "drops the server connections");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 id = seed.pending(QStringLiteral("Waiting"));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(w->tasks()->selectTask(id));
    QVERIFY(actionOf(*w, TaskActions::Kind::Cancel)->isEnabled());

    // The server drops every connection of the app.
    QVERIFY(tdb.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                    "datname = current_database() AND pid <> pg_backend_pid()")));
    w->refresh();
    QTRY_VERIFY(!w->context->isAvailable());
    QVERIFY(w->window->banner()->text().contains(QStringLiteral("does not answer")));
    QVERIFY(!actionOf(*w, TaskActions::Kind::Cancel)->isEnabled());
    QCOMPARE(w->model()->rowCount(), 1); // the last data stays

    // The window reconnects in the background and reads again.
    w->refresh();
    QTRY_VERIFY(w->context->isAvailable());
    QVERIFY(w->window->banner()->text().isEmpty());
    QVERIFY(actionOf(*w, TaskActions::Kind::Cancel)->isEnabled());
}

void TestMainWindow::aServerGoneFromTheNetworkNeverFreezesTheWindow()
{
    if (!TestDatabase::postgres())
        QSKIP("a network link to a PostgreSQL server");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    seed.pending(QStringLiteral("Waiting"));
    PostgresRelay relay(tdb.db().location());
    QVERIFY(relay.start());
    // libpq's shortest connect timeout: each connect to the cut link waits 2 s.
    auto w = openWindow(tdb, false, false,
        std::make_unique<Database>(relay.location(QStringLiteral("connect_timeout=2"))));
    QVERIFY(w);
    QCOMPARE(w->model()->rowCount(), 1);
    w->tasks()->setRefreshInterval(AppSettings::kMinRefreshMs);

    // The longest the window's event loop goes without turning.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 longest = 0;
    QTimer tick;
    connect(&tick, &QTimer::timeout, this, [&]() {
        const qint64 now = clock.elapsed();
        longest = std::max(longest, now - last);
        last = now;
    });
    tick.start(10);

    relay.cut();
    QTRY_VERIFY_WITH_TIMEOUT(!w->context->isAvailable(), 10000);
    QVERIFY(w->window->banner()->text().contains(QStringLiteral("does not answer")));
    // Seconds of refreshes while every connect goes unanswered; the reconnects
    // are tried, but not by the window's thread.
    QTest::qWait(5000);
    QVERIFY2(relay.silentConnections() > 0, "nothing tried to reconnect");
    QVERIFY(!w->context->isAvailable());
    QVERIFY2(longest < 1000,
        qPrintable(QStringLiteral("the window stood still for %1 ms").arg(longest)));

    relay.restore();
    QTRY_VERIFY_WITH_TIMEOUT(w->context->isAvailable(), 15000);
    QTRY_VERIFY(w->window->banner()->text().isEmpty());
    QCOMPARE(w->model()->rowCount(), 1);
    QVERIFY2(longest < 1000,
        qPrintable(QStringLiteral("the window stood still for %1 ms").arg(longest)));
}

void TestMainWindow::aProcessStartsAndStopsFromTheProcessesView()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore processes(tdb.db(), QStringLiteral("setup"));
    ProcessDefinition d;
    d.name = QStringLiteral("sleeper");
    d.program = QStringLiteral("/bin/sleep");
    d.args = {QStringLiteral("300")};
    d.role = ProcessRole::Worker;
    d.stopGraceMs = 2000;
    QVERIFY(processes.add(d).ok());

    auto w = openWindow(tdb, false, true);
    QVERIFY(w);
    w->window->showPage(MainWindow::Processes);
    ProcessesView *view = w->window->processesView();
    view->refresh();
    QVERIFY(view->selectProcess(QStringLiteral("sleeper")));
    auto current = [view]() {
        view->refresh();
        const int row = view->model()->rowOf(QStringLiteral("sleeper"));
        return row < 0 ? ProcessInfo() : *view->model()->processAt(row);
    };
    QVERIFY(view->startAction()->isEnabled());
    view->startAction()->trigger();
    QVERIFY(w->window->lastMessage().startsWith(QStringLiteral("Starting sleeper.")));
    QTRY_COMPARE_WITH_TIMEOUT(current().runtime.state, ProcessState::Running, 30000);
    const qint64 pid = current().runtime.pid;
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), 0), 0);
    QVERIFY(view->summary().contains(QStringLiteral("Workers: running")));

    // Stop All asks first, naming what happens to running tasks; declined, nothing stops.
    Confirm::answerNext(false);
    view->stopAllAction()->trigger();
    QVERIFY(Confirm::lastQuestion()->details.contains(QStringLiteral("marked FAILED")));
    QCOMPARE(current().desired, DesiredState::Running);

    Confirm::answerNext(true);
    view->stopAction()->trigger();
    QCOMPARE(Confirm::lastQuestion()->acceptLabel, QStringLiteral("Stop"));
    QTRY_COMPARE_WITH_TIMEOUT(current().runtime.state, ProcessState::Stopped, 30000);
    QCOMPARE(current().desired, DesiredState::Stopped);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(pid), 0) != 0, 10000);
    QVERIFY(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'alice' AND "
                                      "action LIKE 'process%'"))
                .toInt()
        >= 2);
}

void TestMainWindow::aChangePushedByPostgresRefreshesTheTableAtOnce()
{
    if (!TestDatabase::postgres())
        QSKIP("SQLite has no push: its views poll (this runs on PostgreSQL)");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 id = seed.pending(QStringLiteral("Waiting"));
    auto w = openWindow(tdb); // its refresh timer is a minute
    QVERIFY(w);
    QSignalSpy pushed(w->context.get(), &AppContext::databaseChanged);
    w->context->startChangeNotifications();
    QTest::qWait(1000); // the LISTEN is in place
    TaskStore other(tdb.db(), QStringLiteral("bob"));
    QVERIFY(other.actions().cancel(id).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!pushed.isEmpty(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(w->model()
                                  ->index(w->model()->rowOfTask(id), TaskTableModel::Status)
                                  .data(TaskTableModel::StatusRole)
                                  .toInt(),
        int(TaskStatus::Failed), 10000);
}

void TestMainWindow::theSettingsDialogSavesPreferencesAndTheSweeperRules()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb);
    QVERIFY(w);
    SettingsDialog dialog(*w->context, w->window.get());
    dialog.operatorField()->setText(QStringLiteral("carol"));
    dialog.refreshField()->setValue(2000);
    dialog.heartbeatField()->setValue(120);
    QCOMPARE(dialog.retryBaseField()->value(), 5);
    QCOMPARE(dialog.retryCapField()->value(), 3600);
    dialog.retryBaseField()->setValue(30);
    dialog.retryCapField()->setValue(600);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(w->context->operatorName(), QStringLiteral("carol"));
    QCOMPARE(w->context->settings().refreshIntervalMs(), 2000);
    QCOMPARE(w->context->stuckHeartbeatMs(), qint64(120000));
    QCOMPARE(tdb.scalar(QStringLiteral(
                            "SELECT value FROM settings WHERE key = 'sweeper.heartbeat_timeout_s'"))
                 .toString(),
        QStringLiteral("120"));
    Result<SweeperRules> rules = Settings(tdb.db()).sweeperRules();
    QVERIFY(rules.ok());
    QCOMPARE(rules->retryBaseMs, qint64(30000));
    QCOMPARE(rules->retryCapMs, qint64(600000));
    QVERIFY(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'carol'")).toInt()
        > 0);
    // The next action is the new operator's.
    TaskStore store(tdb.db());
    const qint64 id = TaskSeeder(store).pending(QStringLiteral("Waiting"));
    w->tasks()->reload();
    w->context->background().waitForIdle();
    QVERIFY(w->tasks()->selectTask(id));
    Confirm::answerNext(true);
    w->actions()->cancelAction()->trigger();
    QVERIFY(w->actionsDone());
    QCOMPARE(tdb.scalar(QStringLiteral(
                            "SELECT actor FROM audit_log WHERE task_id = ? AND action = 'cancel'"),
                    {id})
                 .toString(),
        QStringLiteral("carol"));
}

void TestMainWindow::clickingAColumnHeaderSortsTheTableByIt_data()
{
    // The order each column means, spelled here apart from the store's SQL;
    // empty for a column that does not sort (the order stays as it was).
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("order");
    QTest::newRow("ID") << int(TaskTableModel::Id) << QStringLiteral("id");
    QTest::newRow("Name") << int(TaskTableModel::Name) << QStringLiteral("name");
    QTest::newRow("Kind") << int(TaskTableModel::Kind) << QStringLiteral("kind");
    QTest::newRow("Queue") << int(TaskTableModel::Queue) << QStringLiteral("queue");
    QTest::newRow("Status") << int(TaskTableModel::Status) << QStringLiteral("status");
    QTest::newRow("Worker, empty for tasks never claimed")
        << int(TaskTableModel::Worker) << QStringLiteral("COALESCE(worker_id, '')");
    QTest::newRow("Started, empty for tasks never started")
        << int(TaskTableModel::Started) << QStringLiteral("COALESCE(started_at, 0)");
    QTest::newRow("Progress does not sort") << int(TaskTableModel::Progress) << QString();
    QTest::newRow("Duration does not sort") << int(TaskTableModel::Duration) << QString();
}

void TestMainWindow::clickingAColumnHeaderSortsTheTableByIt()
{
    QFETCH(int, column);
    QFETCH(QString, order);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    // Enough rows for keyset anchors and pages read from them.
    QVERIFY(!SampleData::fillBulk(tdb.db(), 6000));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QTableView *table = w->tasks()->table();
    QHeaderView *header = table->horizontalHeader();
    auto click = [&] {
        const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
            header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        w->context->background().waitForIdle();
    };
    // What the view shows, top to bottom, scrolled through as a user would.
    auto shown = [&] {
        QVector<qint64> ids;
        QAbstractItemModel *model = table->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (row % 500 == 0)
                table->scrollTo(model->index(row, 0));
            ids.append(model->index(row, 0).data(TaskTableModel::TaskIdRole).toLongLong());
        }
        return ids;
    };
    auto expected = [&](const QString &by, bool descending) {
        const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
        Result<QSqlQuery> q
            = tdb.db().prepare(QStringLiteral("SELECT id FROM tasks ORDER BY ") + by + direction
                + (by == QStringLiteral("id") ? QString() : QStringLiteral(", id") + direction));
        QVector<qint64> ids;
        if (q.ok() && !tdb.db().exec(q.value())) {
            while (q.value().next())
                ids.append(q.value().value(0).toLongLong());
        }
        return ids;
    };
    QCOMPARE(header->sortIndicatorSection(), int(TaskTableModel::Id));
    QCOMPARE(shown(), expected(QStringLiteral("id"), true));

    if (column == TaskTableModel::Id) {
        click(); // the newest first was already the order: the oldest first now
        QCOMPARE(shown(), expected(order, false));
        return;
    }
    click();
    if (order.isEmpty()) {
        QCOMPARE(header->sortIndicatorSection(), int(TaskTableModel::Id));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(shown(), expected(QStringLiteral("id"), true));
        return;
    }
    QCOMPARE(header->sortIndicatorSection(), column);
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(shown(), expected(order, false));
    click();
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(shown(), expected(order, true));
}

void TestMainWindow::theDemoWorkerConfigurationReadsBackInAnyHomeFolder()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    // A home folder with what a shell or the configuration would act on.
    const QString home = tdb.tempPath() + QStringLiteral("/O'Brien \"the\" $HOME #1 `x` \\ end");
    QVERIFY(QDir().mkpath(home));
    const QByteArray oldHome = qgetenv("HOME");
    const QByteArray oldDataHome = qgetenv("XDG_DATA_HOME");
    qputenv("HOME", home.toUtf8());
    qunsetenv("XDG_DATA_HOME");
    const auto restore = qScopeGuard([&oldHome, &oldDataHome] {
        qputenv("HOME", oldHome);
        if (!oldDataHome.isEmpty())
            qputenv("XDG_DATA_HOME", oldDataHome);
    });
    const QString folder = DemoSetup::folder();
    QVERIFY2(folder.startsWith(home), qPrintable(folder));

    auto settings = std::make_unique<AppSettings>(tdb.tempPath() + QStringLiteral("/taskdesk.ini"));
    AppContext context(tdb.open(), std::move(settings));
    const Result<DemoSummary> demo = DemoSetup::load(context);
    QVERIFY2(demo.ok(), qPrintable(demo.ok() ? QString() : demo.error().message()));

    const Result<WorkerConfig> config
        = WorkerConfig::load(QDir(folder).filePath(QStringLiteral("worker.ini")));
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message()));
    QCOMPARE(config->kinds.size(), 4);
    for (const char *script : {"progress", "fail", "hang", "items"}) {
        const KindCommand command
            = config->kinds.value(QStringLiteral("demo.") + QLatin1String(script));
        QCOMPARE(
            command.program, QDir(folder).filePath(QLatin1String(script) + QStringLiteral(".sh")));
        QCOMPARE(command.arguments, QStringList());
    }
}

TASKDESK_GUI_TEST_MAIN(TestMainWindow)
void TestMainWindow::onlyAnAdminEditsProcessDefinitionsInTheWindow()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessDefinition d;
    d.name = QStringLiteral("sleeper");
    d.program = QStringLiteral("/bin/sleep");
    d.args = {QStringLiteral("300")};
    QVERIFY(ProcessStore(tdb.db(), QStringLiteral("setup")).add(d).ok());
    std::unique_ptr<Database> db;
    QString role;
    auto sql = [&tdb](const QString &statement) {
        Result<QSqlDatabase> connection = tdb.db().connection();
        QSqlQuery q(*connection);
        return q.exec(statement);
    };
    const auto dropRole = qScopeGuard([&] {
        if (!role.isEmpty())
            sql(QStringLiteral("DROP ROLE IF EXISTS ") + role);
    });
    if (TestDatabase::postgres()) {
        // An operator: starts and stops, but Add, Edit and Remove stay disabled.
        QVERIFY(!tdb.db().createRoles());
        role = QStringLiteral("tdguiop_%1").arg(QCoreApplication::applicationPid());
        sql(QStringLiteral("DROP ROLE IF EXISTS ") + role);
        QVERIFY(sql(QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE taskdesk_operator").arg(role)));
        QUrl url(tdb.url());
        url.setUserName(role);
        db = std::make_unique<Database>(*DatabaseLocation::parse(url.toString()));
    }
    {
        auto w = openWindow(tdb, false, false, std::move(db));
        QVERIFY(w);
        w->window->showPage(MainWindow::Processes);
        ProcessesView *view = w->window->processesView();
        view->refresh();
        QVERIFY(view->selectProcess(QStringLiteral("sleeper")));
        QVERIFY(view->startAction()->isEnabled());
        const bool admin = !TestDatabase::postgres();
        QCOMPARE(view->addAction()->isEnabled(), admin);
        QCOMPARE(view->editAction()->isEnabled(), admin);
        QCOMPARE(view->removeAction()->isEnabled(), admin);
        QCOMPARE(view->addAction()->toolTip().contains(QStringLiteral("Only an admin")), !admin);
    }
}

#include "tst_mainwindow.moc"
