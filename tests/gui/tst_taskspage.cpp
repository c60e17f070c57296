#include "core/database.h"
#include "guitest.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/mainwindow.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/confirm.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/tasks/filterchips.h"
#include "ui/tasks/taskactions.h"
#include "ui/tasks/taskdetailpane.h"
#include "ui/tasks/taskitemsmodel.h"
#include "ui/tasks/tasksview.h"
#include "ui/tasks/tasktablemodel.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextDocument>
#include <QToolBar>
#include <QToolButton>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;

namespace {

// The window without a runtime; a refresh lets the page paint what it read.
struct Window : TestWindow
{
    void refresh() const
    {
        TestWindow::refresh();
        QCoreApplication::processEvents();
    }
};

std::unique_ptr<Window> openWindow(TestDatabase &tdb, QSize size = QSize(1500, 900),
    const QString &ini = QStringLiteral("taskdesk.ini"))
{
    auto w = std::make_unique<Window>();
    std::unique_ptr<Database> db = tdb.open();
    if (db->open())
        return nullptr;
    w->context = std::make_unique<AppContext>(
        std::move(db), windowSettings(tdb, QStringLiteral("alice"), ini));
    w->window = std::make_unique<MainWindow>(*w->context);
    if (!w->show(size))
        return nullptr;
    QCoreApplication::processEvents();
    return w;
}

// `n` tasks in `status` straight into the table, as another program may
// enqueue them (the public contract), in one statement.
bool insertTasks(TestDatabase &tdb, int n, const QString &status, const QString &name)
{
    return tdb.exec(QStringLiteral("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM "
                                   "k WHERE i < %1) INSERT INTO tasks (name, kind, args, status, "
                                   "outcome) SELECT '%2 ' || CAST(i AS TEXT), 'demo', '{}', '%3', "
                                   "%4 FROM k")
                        .arg(n)
                        .arg(name, status,
                            status == QLatin1String("FAILED") ? QStringLiteral("'error'")
                                                              : QStringLiteral("NULL")));
}

QRect viewportGeometry(const Window &w)
{
    QWidget *viewport = w.tasks()->table()->viewport();
    return {viewport->mapTo(w.window.get(), QPoint(0, 0)), viewport->size()};
}

int visibleRows(const Window &w)
{
    QTableView *table = w.tasks()->table();
    return table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
}

} // namespace

class TestTasksPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void aMessageNeverMovesTheTableRows();
    void theSelectionNoteFollowsTheSelection();
    void anActionOnMoreThanAThousandActsOnTheFirstThousandItNamed();
    void theHeaderShowsTheSortInForceAfterARestore();
    void theSearchSaysHowManyTasksMatch();
    void eachConfirmationNamesItsDismissButton();
    void aHostileNameShowsAsTheCharactersItIs();
    void theWindowWorksAt800x500();
    void theTableTakesTheRoomWhenNothingIsSelected();
    void anEmptyTableSaysWhyAndWhatToDo();
    void badgesChipsAndCountsShowWholeWordsAndGroupedNumbers();
    void aCancelledTaskShowsOneProgressEverywhere();
    void aRowShowsTheCurrentAttemptOnly();
    void progressNumbersAreGroupedForPeople();
    void theStatsTilesFitAt800x500();
};

void TestTasksPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTasksPage::init()
{
    refuseUnexpectedQuestions();
}

// A message appearing or going, or the database banner, never shifts the rows
// under the mouse: the table's viewport keeps its place and its size.
void TestTasksPage::aMessageNeverMovesTheTableRows()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 40, QStringLiteral("PENDING"), QStringLiteral("Waiting")));
    auto w = openWindow(tdb);
    QVERIFY(w);
    const QRect before = viewportGeometry(*w);
    w->window->showMessage(QStringLiteral("Task \"x\" has been cancelled and marked as failed."),
        MessageBar::Type::Positive);
    QCoreApplication::processEvents();
    QVERIFY(w->window->messageBar()->isVisible());
    QCOMPARE(viewportGeometry(*w), before);
    w->context->setReadOnly(true, QStringLiteral("for the test"));
    QCoreApplication::processEvents();
    QVERIFY(w->window->banner()->isVisible());
    QCOMPARE(viewportGeometry(*w), before);
    w->window->messageBar()->hide();
    w->context->setReadOnly(false, {});
    QCoreApplication::processEvents();
    QCOMPARE(viewportGeometry(*w), before);
}

// "1001 tasks are selected" must not stay when 1,000 are: the page says how
// many are selected as they are now, and nothing stale stays in the message bar.
void TestTasksPage::theSelectionNoteFollowsTheSelection()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 1001, QStringLiteral("FAILED"), QStringLiteral("Broken")));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QTableView *table = w->tasks()->table();
    QCOMPARE(w->model()->rowCount(), 1001);
    table->selectAll();
    QCOMPARE(w->tasks()->selectionNote(),
        QStringLiteral("1,001 selected: actions take the first 1,000"));
    table->selectionModel()->select(
        w->model()->index(1000, 0), QItemSelectionModel::Deselect | QItemSelectionModel::Rows);
    QCOMPARE(w->tasks()->selectionNote(), QStringLiteral("1,000 selected"));
    QVERIFY(!w->window->lastMessage().contains(QStringLiteral("1001")));
    QVERIFY(!w->window->lastMessage().contains(QStringLiteral("1,001")));
    table->clearSelection();
    QCOMPARE(w->tasks()->selectionNote(), QString());
}

// More than 1,000 selected: the actions stay on, the confirmation names the
// first 1,000 of them, and exactly those change.
void TestTasksPage::anActionOnMoreThanAThousandActsOnTheFirstThousandItNamed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 1234, QStringLiteral("FAILED"), QStringLiteral("Broken")));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QCOMPARE(w->model()->rowCount(), 1234);
    w->tasks()->table()->selectAll();
    QAction *remove = w->tasks()->actions()->action(TaskActions::Kind::Delete);
    QVERIFY(remove->isEnabled());
    // The table lists the newest first: the first 1,000 are the highest ids.
    const qint64 maxId = tdb.scalar(QStringLiteral("SELECT max(id) FROM tasks")).toLongLong();
    const qint64 lowestActedOn = maxId - 999;
    Confirm::answerNext(true);
    remove->trigger();
    QVERIFY(w->actionsDone());
    const Confirmation q = *Confirm::lastQuestion();
    QCOMPARE(q.question, QStringLiteral("Delete the first 1,000 of the 1,234 selected tasks?"));
    QCOMPARE(q.acceptLabel, QStringLiteral("Delete 1,000 tasks"));
    QVERIFY2(q.details.contains(QStringLiteral("#%1 to #%2").arg(maxId).arg(lowestActedOn)),
        qPrintable(q.details));
    QVERIFY2(q.details.contains(QStringLiteral("The other 234 selected tasks stay as they are.")),
        qPrintable(q.details));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks")).toInt(), 234);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE id >= ?"), {lowestActedOn})
                 .toInt(),
        0);
}

// A sort restored on a column that was hidden shows: the column comes back
// with its arrow, and the page names the sort in force.
void TestTasksPage::theHeaderShowsTheSortInForceAfterARestore()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 3, QStringLiteral("PENDING"), QStringLiteral("Waiting")));
    {
        auto w = openWindow(tdb);
        QVERIFY(w);
        QHeaderView *header = w->tasks()->table()->horizontalHeader();
        w->tasks()->table()->sortByColumn(TaskTableModel::Started, Qt::DescendingOrder);
        header->hideSection(TaskTableModel::Started);
        w->tasks()->saveState();
        w->context->settings().sync();
    }
    auto w = openWindow(tdb);
    QVERIFY(w);
    QHeaderView *header = w->tasks()->table()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(TaskTableModel::Started));
    QCOMPARE(w->model()->sortColumn(), int(TaskTableModel::Started));
    QVERIFY(header->isSortIndicatorShown());
    QVERIFY(!header->isSectionHidden(TaskTableModel::Started));
    QVERIFY2(w->tasks()->summaryText().contains(QStringLiteral("sorted by Started, newest first")),
        qPrintable(w->tasks()->summaryText()));
}

void TestTasksPage::theSearchSaysHowManyTasksMatch()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 1203, QStringLiteral("PENDING"), QStringLiteral("Import")));
    QVERIFY(insertTasks(tdb, 2, QStringLiteral("PENDING"), QStringLiteral("Backup")));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QTRY_VERIFY(w->tasks()->summaryText().startsWith(QStringLiteral("1,205 tasks")));
    QLineEdit *search = w->tasks()->searchField();
    search->setText(QStringLiteral("Import"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_VERIFY2(w->tasks()->summaryText().startsWith(QStringLiteral("1,203 of 1,205 tasks match")),
        qPrintable(w->tasks()->summaryText()));
    search->setText(QStringLiteral("Backup"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_VERIFY2(w->tasks()->summaryText().startsWith(QStringLiteral("2 of 1,205 tasks match")),
        qPrintable(w->tasks()->summaryText()));
}

// "Cancel Task" beside "Cancel" is a riddle: the button that declines says
// what it keeps.
void TestTasksPage::eachConfirmationNamesItsDismissButton()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 1, QStringLiteral("PENDING"), QStringLiteral("Waiting")));
    auto w = openWindow(tdb);
    QVERIFY(w);
    QTableView *table = w->tasks()->table();
    table->selectRow(0);
    Confirm::answerNext(false);
    w->tasks()->actions()->action(TaskActions::Kind::Cancel)->trigger();
    const Confirmation q = *Confirm::lastQuestion();
    QCOMPARE(q.acceptLabel, QStringLiteral("Cancel Task"));
    QCOMPARE(q.rejectLabel, QStringLiteral("Keep Task"));
    std::unique_ptr<QMessageBox> box = Confirm::dialog(w->window.get(), q);
    QStringList labels;
    for (QAbstractButton *b : box->buttons())
        labels << b->text().remove(QLatin1Char('&'));
    labels.sort();
    QCOMPARE(labels, (QStringList{QStringLiteral("Cancel Task"), QStringLiteral("Keep Task")}));
    QCOMPARE(box->defaultButton()->text().remove(QLatin1Char('&')), QStringLiteral("Keep Task"));
    QCOMPARE(box->escapeButton(), box->defaultButton());
}

// Another program enqueued a task whose name, error and output hold markup and
// the characters that reorder text ("Trojan Source"): the table, the detail
// pane, its log, the tool tips and the confirmation show each as the
// characters it is, so that the name cannot restyle the window nor pass for
// another; and none of it is read as rich text.
void TestTasksPage::aHostileNameShowsAsTheCharactersItIs()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QChar rlo(0x202e);
    const QString name = QStringLiteral("<b>Invoice</b> ") + rlo + QStringLiteral("fdp.exe");
    const QString error
        = QStringLiteral("<img src=\"x\">boom") + QChar(0x2066) + QStringLiteral("\x1b[31m red");
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind, args, status, outcome, "
                                    "error_message, worker_id) VALUES (?, ?, '{}', 'FAILED', "
                                    "'error', ?, ?)"),
        {name, QStringLiteral("<i>zkind</i>"), error, QStringLiteral("<u>zw1</u>")}));
    const qint64 id = tdb.scalar(QStringLiteral("SELECT max(id) FROM tasks")).toLongLong();
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO task_log (task_id, level, message) VALUES (?, "
                                    "'output', ?)"),
        {id, QString(rlo + QStringLiteral("txt.lanruoj <script>"))}));
    auto w = openWindow(tdb);
    QVERIFY(w);
    TaskTableModel *model = w->tasks()->model();
    QTRY_COMPARE(model->rowCount(), 1);
    const QString shownName = QStringLiteral("<b>Invoice</b> \\u202efdp.exe");
    QCOMPARE(model->index(0, TaskTableModel::Name).data().toString(), shownName);
    QCOMPARE(
        model->index(0, TaskTableModel::Kind).data().toString(), QStringLiteral("<i>zkind</i>"));
    const QString tip = model->index(0, TaskTableModel::Name).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("&lt;b&gt;Invoice&lt;/b&gt;")), qPrintable(tip));
    QVERIFY2(!tip.contains(rlo) && !tip.contains(QLatin1String("<img")), qPrintable(tip));

    w->tasks()->table()->selectRow(0);
    TaskDetailPane *detail = w->tasks()->detail();
    QTRY_VERIFY(detail->logText().contains(QLatin1String("\\u202etxt.lanruoj <script>")));
    QVERIFY2(detail->errorText().contains(QLatin1String("<img src=\"x\">boom\\u2066\\e[31m red")),
        qPrintable(detail->errorText()));
    // Every label of the window that shows any of it shows it as plain text.
    int seen = 0;
    for (const QLabel *label : w->window->findChildren<QLabel *>()) {
        const QString text = label->text();
        if (!text.contains(QLatin1String("Invoice")) && !text.contains(QLatin1String("boom"))
            && !text.contains(QLatin1String("zkind")) && !text.contains(QLatin1String("zw1")))
            continue;
        ++seen;
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(text));
        QVERIFY2(
            !text.contains(rlo) && !text.contains(QChar(0x2066)) && !text.contains(QChar(0x1b)),
            qPrintable(text));
        QVERIFY2(!Qt::mightBeRichText(label->toolTip())
                || !label->toolTip().contains(QLatin1String("<b>")),
            qPrintable(label->toolTip()));
    }
    QVERIFY2(seen >= 4, qPrintable(QString::number(seen)));

    // The confirmation names the task as it is, and reads nothing as markup.
    Confirm::answerNext(false);
    w->tasks()->actions()->action(TaskActions::Kind::Delete)->trigger();
    const Confirmation q = *Confirm::lastQuestion();
    QVERIFY2(q.details.contains(shownName), qPrintable(q.details));
    QVERIFY(!q.details.contains(rlo) && !q.question.contains(rlo));
    std::unique_ptr<QMessageBox> box = Confirm::dialog(w->window.get(), q);
    int named = 0;
    for (const QLabel *label : box->findChildren<QLabel *>()) {
        if (!label->text().contains(QLatin1String("Invoice")))
            continue;
        ++named;
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
    }
    QCOMPARE(named, 1);
}

// The window and the Tasks page work at 800×500: it can be that small, and
// no two controls of the page overlap, with a task shown in the detail pane.
void TestTasksPage::theWindowWorksAt800x500()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 30, QStringLiteral("FAILED"), QStringLiteral("Broken")));
    auto w = openWindow(tdb, QSize(800, 500));
    QVERIFY(w);
    QVERIFY2(w->window->minimumSizeHint().width() <= 800,
        qPrintable(QString::number(w->window->minimumSizeHint().width())));
    QVERIFY2(w->window->minimumSizeHint().height() <= 500,
        qPrintable(QString::number(w->window->minimumSizeHint().height())));
    QCOMPARE(w->window->size(), QSize(800, 500));
    w->tasks()->table()->selectRow(0);
    QTRY_VERIFY(w->tasks()->detail()->hasTask());
    QCoreApplication::processEvents();
    QTRY_VERIFY(w->tasks()->detail()->isVisible());

    QList<QWidget *> controls{w->tasks()->toolBar(), w->tasks()->queueFilter(),
        w->tasks()->searchField(), w->tasks()->chips(), w->tasks()->table(), w->tasks()->detail()};
    for (QWidget *c : controls) {
        const QRect r(c->mapTo(w->window.get(), QPoint(0, 0)), c->size());
        QVERIFY2(c->isVisible() && !r.isEmpty(), c->metaObject()->className());
        QVERIFY2(w->window->rect().contains(r), c->metaObject()->className());
        for (QWidget *d : controls) {
            if (d == c)
                continue;
            const QRect s(d->mapTo(w->window.get(), QPoint(0, 0)), d->size());
            QVERIFY2(!r.intersects(s),
                qPrintable(QStringLiteral("%1 overlaps %2")
                               .arg(QString::fromLatin1(c->metaObject()->className()),
                                   QString::fromLatin1(d->metaObject()->className()))));
        }
    }
    // The chips and the search stay whole: each shows its full text.
    for (FilterChips::Chip chip : {FilterChips::All, FilterChips::Pending, FilterChips::Running,
             FilterChips::Completed, FilterChips::Failed, FilterChips::Stuck}) {
        QAbstractButton *b = w->tasks()->chips()->button(chip);
        QVERIFY2(b->width() >= b->sizeHint().width(), qPrintable(b->text()));
        QVERIFY(b->isVisible());
    }
    QVERIFY2(visibleRows(*w) >= 4, qPrintable(QString::number(visibleRows(*w))));
    // Which task and in which state: in view without scrolling sideways.
    QTableView *table = w->tasks()->table();
    for (int column :
        {int(TaskTableModel::Id), int(TaskTableModel::Name), int(TaskTableModel::Status)}) {
        const int left = table->horizontalHeader()->sectionViewportPosition(column);
        const int right = left + table->horizontalHeader()->sectionSize(column);
        QVERIFY2(left >= 0 && right <= table->viewport()->width(),
            qPrintable(QStringLiteral("column %1 at %2..%3 of %4")
                           .arg(column)
                           .arg(left)
                           .arg(right)
                           .arg(table->viewport()->width())));
    }
}

// At 1600×1000 with nothing selected the table has the room; a selection
// brings the detail pane.
void TestTasksPage::theTableTakesTheRoomWhenNothingIsSelected()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 100, QStringLiteral("FAILED"), QStringLiteral("Broken")));
    auto w = openWindow(tdb, QSize(1600, 1000));
    QVERIFY(w);
    QCOMPARE(w->window->size(), QSize(1600, 1000));
    const int rowHeight = w->tasks()->table()->verticalHeader()->defaultSectionSize();
    const int room = w->tasks()->height() / rowHeight;
    QVERIFY2(visibleRows(*w) >= room - 5,
        qPrintable(QStringLiteral("%1 of %2").arg(visibleRows(*w)).arg(room)));
    QVERIFY(!w->tasks()->detail()->isVisible());
    w->tasks()->table()->selectRow(0);
    QTRY_VERIFY(w->tasks()->detail()->isVisible());
    QVERIFY(w->tasks()->detail()->hasTask());
    QVERIFY2(visibleRows(*w) >= room / 2,
        qPrintable(QStringLiteral("%1 of %2").arg(visibleRows(*w)).arg(room)));
}

void TestTasksPage::anEmptyTableSaysWhyAndWhatToDo()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb);
    QVERIFY(w);
    QLabel *empty = w->tasks()->findChild<QLabel *>(QStringLiteral("emptyState"));
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(QStringLiteral("No tasks yet")), qPrintable(empty->text()));
    QVERIFY2(
        empty->text().contains(QStringLiteral("taskdeskctl enqueue")), qPrintable(empty->text()));

    QVERIFY(insertTasks(tdb, 3, QStringLiteral("PENDING"), QStringLiteral("Waiting")));
    w->tasks()->reload();
    w->context->background().waitForIdle();
    QTRY_VERIFY(!empty->isVisible());
    w->tasks()->searchField()->setText(QStringLiteral("no such task"));
    QTest::keyClick(w->tasks()->searchField(), Qt::Key_Return);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(QStringLiteral("No task matches this filter")),
        qPrintable(empty->text()));
    auto *clear = w->tasks()->findChild<QPushButton *>(QStringLiteral("clearFilter"));
    QVERIFY(clear);
    QVERIFY(clear->isVisible());
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_COMPARE(w->model()->rowCount(), 3);
    QVERIFY(w->tasks()->searchField()->text().isEmpty());
    QTRY_VERIFY(!empty->isVisible());
}

// "Complet", "PENDI…": every badge word is whole in its column at the default
// size, and the chips group their thousands.
void TestTasksPage::badgesChipsAndCountsShowWholeWordsAndGroupedNumbers()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 1234, QStringLiteral("COMPLETED"), QStringLiteral("Done")));
    QVERIFY(insertTasks(tdb, 1, QStringLiteral("PENDING"), QStringLiteral("Waiting")));
    QVERIFY(insertTasks(tdb, 1, QStringLiteral("FAILED"), QStringLiteral("Broken")));
    auto w = openWindow(tdb, MainWindow::defaultSize(QWidget()));
    QVERIFY(w);
    QTRY_VERIFY2(w->tasks()
                     ->chips()
                     ->button(FilterChips::Completed)
                     ->text()
                     .contains(QStringLiteral("1,234")),
        qPrintable(w->tasks()->chips()->button(FilterChips::Completed)->text()));
    QVERIFY(
        w->tasks()->chips()->button(FilterChips::All)->text().contains(QStringLiteral("1,236")));
    QTableView *table = w->tasks()->table();
    QAbstractItemDelegate *badge = table->itemDelegateForColumn(TaskTableModel::Status);
    QStyleOptionViewItem option;
    option.initFrom(table);
    for (int row = 0; row < 3; ++row) {
        const QModelIndex index = w->model()->index(row, TaskTableModel::Status);
        QVERIFY2(
            badge->sizeHint(option, index).width() <= table->columnWidth(TaskTableModel::Status),
            qPrintable(index.data().toString()));
    }
    // The Completed row, with the stuck flag's room too.
    const int completedRow = w->model()->rowCount() - 1;
    const QModelIndex completed = w->model()->index(completedRow, TaskTableModel::Status);
    QCOMPARE(completed.data().toString(), QStringLiteral("Completed"));
    QVERIFY(
        badge->sizeHint(option, completed).width() <= table->columnWidth(TaskTableModel::Status));
}

// Two items done, the third running, then Cancel: the row, the items pane
// and the store (what taskdeskctl prints) say the same.
void TestTasksPage::aCancelledTaskShowsOneProgressEverywhere()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    TaskSeeder seed(store);
    const qint64 id = seed.running(QStringLiteral("Warm-up"),
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
            QStringLiteral("e")});
    QVERIFY(id > 0);
    const QVector<TaskItem> items = seed.claim(id).items;
    QCOMPARE(items.size(), 5);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(store.queue().startItem(id, seed.lease(id), items.at(i).id).value());
        QVERIFY(store.queue().finishItem(id, seed.lease(id), items.at(i).id, true, {}).value());
    }
    QVERIFY(store.queue().startItem(id, seed.lease(id), items.at(2).id).value());
    QVERIFY(store.queue().heartbeat(id, seed.lease(id), 2, 5).ok());
    auto w = openWindow(tdb);
    QVERIFY(w);
    QVERIFY(store.actions().cancel(id).ok());
    w->refresh();
    QVERIFY(w->tasks()->selectTask(id));
    QTRY_VERIFY(w->tasks()->detail()->hasTask());
    // Two done; the third, running at the cancel, failed: it is not done.
    const Task t = store.reader().task(id).value();
    QCOMPARE(t.progressDone, 2);
    QCOMPARE(t.itemsDone, 2);
    QCOMPARE(t.itemsFailed, 1);
    const int row = w->model()->rowOfTask(id);
    const QString shown = w->model()->index(row, TaskTableModel::Progress).data().toString();
    QCOMPARE(shown, QStringLiteral("2 / 5"));
    QCOMPARE(w->tasks()->detail()->itemsTitle(), QStringLiteral("Items (2 of 5 done, 1 failed)"));
    // At the default size each item's badge word is whole in the pane.
    w->window->resize(MainWindow::defaultSize(*w->window));
    QCoreApplication::processEvents();
    QTableView *itemsView = w->tasks()->detail()->itemsView();
    QAbstractItemDelegate *badge = itemsView->itemDelegateForColumn(TaskItemsModel::Status);
    QStyleOptionViewItem option;
    option.initFrom(itemsView);
    for (int r = 0; r < itemsView->model()->rowCount(); ++r) {
        const QModelIndex index = itemsView->model()->index(r, TaskItemsModel::Status);
        const int left = itemsView->columnViewportPosition(TaskItemsModel::Status);
        QVERIFY2(left >= 0
                && left + badge->sizeHint(option, index).width() <= itemsView->viewport()->width()
                && badge->sizeHint(option, index).width()
                    <= itemsView->columnWidth(TaskItemsModel::Status),
            qPrintable(QStringLiteral("%1: at %2, %3 wide in a column of %4, viewport %5")
                           .arg(index.data().toString())
                           .arg(left)
                           .arg(badge->sizeHint(option, index).width())
                           .arg(itemsView->columnWidth(TaskItemsModel::Status))
                           .arg(itemsView->viewport()->width())));
    }
}

// A re-queued task's row names no worker, start or progress of the failed
// attempt, and the error of the attempt before is labelled as such, waiting
// and once claimed again.
void TestTasksPage::aRowShowsTheCurrentAttemptOnly()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    TaskSeeder seed(store);
    const qint64 id = seed.running(QStringLiteral("Import"));
    QVERIFY(id > 0);
    QVERIFY(store.queue().heartbeat(id, seed.lease(id), 3, 10).ok());
    QVERIFY(store.queue()
                .finishError(id, seed.lease(id), 1, QStringLiteral("exit code 3"),
                    QStringLiteral("error"), true)
                .value()
                .requeued);
    auto w = openWindow(tdb);
    QVERIFY(w);
    auto shown = [&](int column) {
        return w->model()->index(w->model()->rowOfTask(id), column).data().toString();
    };
    QCOMPARE(shown(TaskTableModel::Status), QStringLiteral("Pending"));
    QCOMPARE(shown(TaskTableModel::Worker), QString());
    QCOMPARE(shown(TaskTableModel::Started), QString());
    QCOMPARE(shown(TaskTableModel::Progress), QString());
    QCOMPARE(shown(TaskTableModel::Duration), QString());
    QVERIFY(w->tasks()->selectTask(id));
    QTRY_VERIFY(w->tasks()->detail()->hasTask());
    QCOMPARE(w->tasks()->detail()->errorText(), QStringLiteral("Previous attempt: exit code 3"));

    // Claimed again by another worker: the error of attempt 1 is not shown as its own.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = 0 WHERE id = ?"), {id}));
    Result<std::optional<Claim>> claim = store.queue().claim(QStringLiteral("worker-2"), {});
    QVERIFY(claim.ok() && claim.value() && claim.value()->taskId == id);
    w->refresh();
    QCOMPARE(shown(TaskTableModel::Status), QStringLiteral("Running"));
    QCOMPARE(shown(TaskTableModel::Worker), QStringLiteral("worker-2"));
    QVERIFY(w->tasks()->selectTask(id));
    QTRY_VERIFY(w->tasks()->detail()->hasTask());
    QCOMPARE(w->tasks()->detail()->errorText(), QStringLiteral("Previous attempt: exit code 3"));
    QVERIFY2(w->tasks()->detail()->logText().contains(QStringLiteral("exit code 3")),
        qPrintable(w->tasks()->detail()->logText()));
}

// "1234 / 12000" and "Items (0 of 1200 done)": the numbers of the row and of
// the items pane are grouped as the locale groups them.
void TestTasksPage::progressNumbersAreGroupedForPeople()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(insertTasks(tdb, 1, QStringLiteral("RUNNING"), QStringLiteral("Reported")));
    const qint64 reported = tdb.scalar(QStringLiteral("SELECT max(id) FROM tasks")).toLongLong();
    QVERIFY(
        tdb.exec(QStringLiteral(
                     "UPDATE tasks SET progress_done = 1234, progress_total = 12000 WHERE id = ?"),
            {reported}));
    QVERIFY(insertTasks(tdb, 1, QStringLiteral("PENDING"), QStringLiteral("Itemized")));
    const qint64 itemized = tdb.scalar(QStringLiteral("SELECT max(id) FROM tasks")).toLongLong();
    QVERIFY(tdb.exec(QStringLiteral("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM "
                                    "k WHERE i < 1200) INSERT INTO task_items (task_id, position, "
                                    "label) SELECT ?, i, 'file' FROM k"),
        {itemized}));
    auto w = openWindow(tdb);
    QVERIFY(w);
    auto progress = [&](qint64 id) {
        return w->model()
            ->index(w->model()->rowOfTask(id), TaskTableModel::Progress)
            .data()
            .toString();
    };
    QCOMPARE(progress(reported), QStringLiteral("1,234 / 12,000"));
    QCOMPARE(progress(itemized), QStringLiteral("0 / 1,200"));
    QVERIFY(w->tasks()->selectTask(itemized));
    QTRY_VERIFY(w->tasks()->detail()->hasTask());
    QCOMPARE(w->tasks()->detail()->itemsTitle(), QStringLiteral("Items (0 of 1,200 done)"));
}

// At 800×500 the Stats page was wider than the window: its tiles scrolled
// sideways and "1 queued · 1 running" was cut. The tiles fit; words wrap whole.
void TestTasksPage::theStatsTilesFitAt800x500()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb, QSize(800, 500));
    QVERIFY(w);
    w->window->showPage(MainWindow::Stats);
    QCoreApplication::processEvents();
    QWidget *stats = w->window->page(MainWindow::Stats);
    auto *scroll = qobject_cast<QScrollArea *>(stats->parentWidget()->parentWidget());
    QVERIFY(scroll);
    QVERIFY2(stats->minimumSizeHint().width() <= scroll->viewport()->width(),
        qPrintable(QStringLiteral("%1 > %2")
                       .arg(stats->minimumSizeHint().width())
                       .arg(scroll->viewport()->width())));
}

TASKDESK_GUI_TEST_MAIN(TestTasksPage)
#include "tst_taskspage.moc"
