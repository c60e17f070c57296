#include "core/database.h"
#include "core/sources/sourcecatalog.h"
#include "core/sources/sourceregistry.h"
#include "guitest.h"
#include "sourcefixture.h"
#include "ui/app/appcontext.h"
#include "ui/app/mainwindow.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/badgepainter.h"
#include "ui/common/confirm.h"
#include "ui/sources/sourcedetailpane.h"
#include "ui/sources/sourcetablemodel.h"
#include "ui/sources/sourceview.h"
#include "ui/sources/sourcewizard.h"
#include "ui/stuck/sourcestuckpanel.h"
#include "ui/stuck/stuckview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;

namespace {

struct Window : TestWindow
{
    SourceView *source(const QString &name = QStringLiteral("warmup")) const
    {
        return window->sourceView(name);
    }
    void settle() const
    {
        context->background().waitForIdle();
        QCoreApplication::processEvents();
        context->background().waitForIdle();
    }
    void refreshSource(const QString &name = QStringLiteral("warmup")) const
    {
        source(name)->refresh();
        settle();
    }
};

std::unique_ptr<Window> openWindow(TestDatabase &tdb)
{
    auto w = std::make_unique<Window>();
    std::unique_ptr<Database> db = tdb.open();
    if (db->open())
        return nullptr;
    w->context = std::make_unique<AppContext>(std::move(db), windowSettings(tdb));
    w->window = std::make_unique<MainWindow>(*w->context);
    if (!w->show(QSize(1500, 900)))
        return nullptr;
    w->settle();
    return w;
}

QStringList texts(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

// A time of the Django file (UTC text) `minutes` ago.
QString minutesAgo(int minutes)
{
    return QDateTime::currentDateTimeUtc()
        .addSecs(-60 * qint64(minutes))
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000"));
}

// Rows of the Django file that have not changed for two hours: stuck by the
// source's rules (30 minutes).
bool makeStuck(DjangoFile &file, const QString &keys)
{
    return file.exec(QStringLiteral("UPDATE warmup_warmuptask SET created_at = ?, started_at = "
                                    "CASE WHEN started_at IS NULL THEN NULL ELSE ? END, "
                                    "updated_at = ? WHERE id IN (%1)")
                         .arg(keys),
        {minutesAgo(120), minutesAgo(120), minutesAgo(120)});
}

QStringList cells(const QTableWidget *table, int column)
{
    QStringList out;
    for (int r = 0; r < table->rowCount(); ++r)
        out << table->item(r, column)->text();
    return out;
}

QStringList column(const SourceTableModel *model, int column)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, column).data().toString();
    return out;
}

} // namespace

class SourcesTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { refuseUnexpectedQuestions(); }

    void aSourceIsAPageWithTrueRowsBadgesAndCounts()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
        }
        QVERIFY(attach(tdb, path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        auto *sidebar = w->window->findChild<QListWidget *>(QStringLiteral("sidebar"));
        QVERIFY(sidebar);
        QCOMPARE(sidebar->count(), int(MainWindow::PageCount) + 1);
        QCOMPARE(sidebar->item(MainWindow::PageCount)->text(), QStringLiteral("warmup"));
        w->window->showSource(QStringLiteral("warmup"));
        SourceView *view = w->source();
        QVERIFY(view);
        QVERIFY2(view->isOpen(), qPrintable(view->errorText()));
        QAbstractItemModelTester tester(view->model());
        w->refreshSource();

        const SourceTableModel *model = view->model();
        QCOMPARE(model->rowCount(), 5);
        // Newest first, by the key.
        QCOMPARE(column(model, SourceTableModel::Key), texts({"5", "4", "3", "2", "1"}));
        QCOMPARE(column(model, SourceTableModel::Status),
            texts({"PAUSED", "Failed", "Completed", "Pending", "Running"}));
        const QModelIndex paused = model->index(0, SourceTableModel::Status);
        QCOMPARE(paused.data(BadgeToneRole).toInt(), int(BadgeTone::Neutral));
        const QModelIndex running = model->index(4, SourceTableModel::Status);
        QCOMPARE(running.data(BadgeToneRole).toInt(), int(BadgeTone::Yellow));
        QCOMPARE(model->index(4, SourceTableModel::Title).data().toString(),
            QStringLiteral("warm alpha"));

        QCOMPARE(view->chip(SourceView::All)->text(), QStringLiteral("All (5)"));
        QCOMPARE(view->chip(SourceView::Running)->text(), QStringLiteral("Running (1)"));
        QCOMPARE(view->chip(SourceView::Pending)->text(), QStringLiteral("Pending (1)"));
        QCOMPARE(view->chip(SourceView::Failed)->text(), QStringLiteral("Failed (1)"));
        QCOMPARE(view->chip(SourceView::Stuck)->text(), QStringLiteral("Stuck (0)"));
        QCOMPARE(view->chip(SourceView::Unmapped)->text(), QStringLiteral("Not mapped (1)"));
        QVERIFY(view->chip(SourceView::Unmapped)->isVisibleTo(view));
        QVERIFY(view->chip(SourceView::Unmapped)->toolTip().contains(QStringLiteral("PAUSED: 1")));
        QCOMPARE(view->pageText(), QStringLiteral("Rows 1–5 of 5"));

        // The detail pane: fields, error, items with their stored status, the log.
        QVERIFY(view->selectKey(4));
        w->settle();
        QVERIFY(view->detail()->fieldsText().contains(QStringLiteral("proxy refused")));
        QCOMPARE(view->detail()->logView()->toPlainText(), QStringLiteral("boom\n"));
        QVERIFY(view->selectKey(1));
        w->settle();
        QTableWidget *items = view->detail()->itemsTable();
        QCOMPARE(items->rowCount(), 2);
        QCOMPARE(items->item(0, 0)->text(), QStringLiteral("acc-1"));
        QCOMPARE(items->item(0, 1)->text(), QStringLiteral("RUNNING"));
        QCOMPARE(view->detail()->logView()->toPlainText(), QStringLiteral("started\n"));
    }

    void searchAndAStatusChipFilterInSql()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
        }
        QVERIFY(attach(tdb, path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        SourceView *view = w->source();
        QVERIFY(view && view->isOpen());
        view->searchField()->setText(QStringLiteral("delta"));
        QTRY_COMPARE_WITH_TIMEOUT((w->settle(), view->model()->rowCount()), 1, 5000);
        QCOMPARE(
            view->model()->index(0, SourceTableModel::Key).data().toString(), QStringLiteral("4"));
        QCOMPARE(view->pageText(), QStringLiteral("Rows 1–1 of 1"));
        view->searchField()->clear();
        QTRY_COMPARE_WITH_TIMEOUT((w->settle(), view->model()->rowCount()), 5, 5000);

        view->chip(SourceView::Pending)->click();
        w->settle();
        QCOMPARE(column(view->model(), SourceTableModel::Key), texts({"2"}));
        view->chip(SourceView::Running)->click();
        w->settle();
        QCOMPARE(column(view->model(), SourceTableModel::Key), texts({"1"}));
        // The values nobody mapped have a chip of their own.
        view->chip(SourceView::Unmapped)->click();
        w->settle();
        QCOMPARE(column(view->model(), SourceTableModel::Key), texts({"5"}));
        QCOMPARE(column(view->model(), SourceTableModel::Status), texts({"PAUSED"}));
        QCOMPARE(view->pageText(), QStringLiteral("Rows 1–1 of 1"));
        view->chip(SourceView::All)->click();
        w->settle();
        QCOMPARE(view->model()->rowCount(), 5);

        // Sorting by clicking a header: the title, ascending.
        view->table()->sortByColumn(SourceTableModel::Title, Qt::AscendingOrder);
        w->settle();
        QCOMPARE(column(view->model(), SourceTableModel::Title),
            texts({"warm alpha", "warm beta", "warm delta", "warm epsilon", "warm gamma"}));
    }

    void pagesAreReadByTheKey()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
            QVERIFY(file.exec(QStringLiteral(
                "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 245) "
                "INSERT INTO warmup_warmuptask (name, status, created_at, updated_at, "
                "error_message, log) SELECT 'bulk ' || i, 'COMPLETED', '2026-12-06 "
                "10:00:00.000000', '2026-12-06 10:00:00.000000', '', '' FROM k")));
        }
        QVERIFY(attach(tdb, path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        SourceView *view = w->source();
        QVERIFY(view && view->isOpen());
        QCOMPARE(view->pageText(), QStringLiteral("Rows 1–100 of 250"));
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("250"));
        view->nextPage();
        w->settle();
        QCOMPARE(view->pageText(), QStringLiteral("Rows 101–200 of 250"));
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("150"));
        view->nextPage();
        w->settle();
        QCOMPARE(view->pageText(), QStringLiteral("Rows 201–250 of 250"));
        QCOMPARE(view->model()->index(49, 0).data().toString(), QStringLiteral("1"));
        view->previousPage();
        w->settle();
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("150"));
    }

    // A big table is read a page at a time: deep pages by the key, never the
    // rows before them. TASKDESK_SOURCE_ROWS=1000000 measures at a million.
    void aBigTableIsReadAPageAtATime()
    {
        const int n = qEnvironmentVariableIsSet("TASKDESK_SOURCE_ROWS")
            ? qEnvironmentVariableIntValue("TASKDESK_SOURCE_ROWS")
            : 20000;
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
            QVERIFY(file.exec(QStringLiteral(
                "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %1) "
                "INSERT INTO warmup_warmuptask (name, status, created_at, updated_at, "
                "error_message, log) SELECT 'bulk ' || i, CASE i % 4 WHEN 0 THEN 'FAILED' "
                "ELSE 'COMPLETED' END, '2026-12-06 10:00:00.000000', '2026-12-06 "
                "10:00:00.000000', '', '' FROM k")
                                  .arg(n)));
            QVERIFY(file.exec(QStringLiteral(
                "CREATE INDEX warmup_warmuptask_status_idx ON warmup_warmuptask (status)")));
        }
        QVERIFY(attach(tdb, path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        SourceView *view = w->source();
        QVERIFY2(view && view->isOpen(), view ? qPrintable(view->errorText()) : "no page");
        const qint64 total = n + 5;
        QCOMPARE(view->matchCount(), total);
        QCOMPARE(view->model()->rowCount(), int(SourceView::kPageSize));
        // A page deep in the table, by the key; then a chip: a page and the counts.
        QElapsedTimer timer;
        timer.start();
        for (int page = 1; page <= 3; ++page) {
            view->nextPage();
            w->settle();
        }
        const qint64 pagesMs = timer.elapsed() / 3;
        QCOMPARE(view->model()->index(0, 0).data().toString(),
            QString::number(total - 3 * SourceView::kPageSize));
        timer.restart();
        view->chip(SourceView::Failed)->click();
        w->settle();
        const qint64 chipMs = timer.elapsed();
        QCOMPARE(view->matchCount(), qint64(n / 4 + 1));
        QCOMPARE(view->model()->rowCount(), int(SourceView::kPageSize));
        qInfo("%d rows: a page %lld ms, a chip (its first page, the counts of every chip "
              "and the rows it lists) %lld ms",
            n + 5, pagesMs, chipMs);
    }

    void forceStopChangesTheRowInTheSourceAndTailsItsLog()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        DjangoFile file(path);
        QVERIFY(file.create());
        QVERIFY(attach(tdb, path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        SourceView *view = w->source();
        QVERIFY(view && view->isOpen());
        QVERIFY(view->selectKey(1));
        w->settle();
        QAction *forceStop = view->action(TaskAction::ForceStop);
        QVERIFY(forceStop->isEnabled());
        QVERIFY(!view->action(TaskAction::Restart)->isEnabled());
        QVERIFY(!view->action(TaskAction::Delete)->isVisible()); // the mapping does not allow it
        QCOMPARE(forceStop->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period));

        Confirm::answerNext(true);
        forceStop->trigger();
        w->settle();
        QCOMPARE(Confirm::questionCount(), 1);
        const Confirmation asked = *Confirm::lastQuestion();
        QCOMPARE(asked.question, QStringLiteral("Force stop 1 row of warmup?"));
        QCOMPARE(asked.acceptLabel, QStringLiteral("Force Stop 1 Row"));
        QVERIFY2(asked.details.contains(QStringLiteral("Row 1 “warm alpha” (RUNNING)")),
            qPrintable(asked.details));
        QVERIFY2(asked.details.contains(QStringLiteral("FAILED")), qPrintable(asked.details));

        QCOMPARE(file.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = 1"))
                     .toString(),
            QStringLiteral("FAILED"));
        QCOMPARE(file.scalar(QStringLiteral("SELECT status FROM warmup_warmupaccount WHERE id = 1"))
                     .toString(),
            QStringLiteral("FAILED"));
        const QString log
            = file.scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = 1"))
                  .toString();
        // Appended as the next line, with its time; what was there stays as it was.
        QVERIFY2(log.startsWith(QStringLiteral("started\n")), qPrintable(log));
        QVERIFY2(log.trimmed().endsWith(QStringLiteral("⚠️ Task force stopped by alice")),
            qPrintable(log));
        QVERIFY2(w->window->lastMessage().contains(QStringLiteral("1 row force stopped.")),
            qPrintable(w->window->lastMessage()));
        // The page shows it, and the log pane appended the new line only.
        QCOMPARE(view->model()
                     ->index(view->model()->rowOfKey(1), SourceTableModel::Status)
                     .data()
                     .toString(),
            QStringLiteral("Failed"));
        QCOMPARE(view->detail()->logView()->toPlainText(), log);

        // Another program appends to the log: the tail gets only the new part.
        QVERIFY(file.exec(
            QStringLiteral("UPDATE warmup_warmuptask SET log = log || 'more ✓\n' WHERE id = 1")));
        w->refreshSource();
        QCOMPARE(view->detail()->logView()->toPlainText(), log + QStringLiteral("more ✓\n"));
        w->refreshSource();
        QCOMPARE(view->detail()->logView()->toPlainText(), log + QStringLiteral("more ✓\n"));
    }

    // The Tasks page's shortcuts act on the source's rows where its page has the
    // focus, and on nothing else there.
    void theShortcutsOfTheTasksPageActOnTheSourcesRows()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        DjangoFile file(path);
        QVERIFY(file.create());
        QVERIFY(attach(tdb, path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        TaskSeeder seed(w->context->tasks());
        QVERIFY(seed.running(QStringLiteral("own task")) > 0);
        w->window->showSource(QStringLiteral("warmup"));
        SourceView *view = w->source();
        QVERIFY(view && view->isOpen());
        QVERIFY(view->selectKey(1));
        w->settle();
        QApplication::setActiveWindow(w->window.get());
        view->table()->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(w->window.get()));
        Confirm::answerNext(false);
        QTest::keyClick(view->table(), Qt::Key_Period, Qt::ControlModifier | Qt::ShiftModifier);
        w->settle();
        QCOMPARE(Confirm::questionCount(), 1);
        QCOMPARE(Confirm::lastQuestion()->question, QStringLiteral("Force stop 1 row of warmup?"));
        QCOMPARE(file.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = 1"))
                     .toString(),
            QStringLiteral("RUNNING"));
    }

    void aRowChangedSinceItWasShownIsRefusedAndLeftAlone()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        DjangoFile file(path);
        QVERIFY(file.create());
        QVERIFY(attach(tdb, path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        SourceView *view = w->source();
        QVERIFY(view && view->isOpen());
        QVERIFY(view->selectKey(1));
        w->settle();
        // The other program moves on after the operator looked: still RUNNING,
        // its updated_at (the fence) newer.
        QVERIFY(file.exec(QStringLiteral("UPDATE warmup_warmuptask SET updated_at = "
                                         "'2030-01-01 00:00:00.000000' WHERE id = 1")));
        Confirm::answerNext(true);
        view->action(TaskAction::ForceStop)->trigger();
        w->settle();
        QCOMPARE(file.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = 1"))
                     .toString(),
            QStringLiteral("RUNNING"));
        QCOMPARE(
            file.scalar(QStringLiteral("SELECT updated_at FROM warmup_warmuptask WHERE id = 1"))
                .toString(),
            QStringLiteral("2030-01-01 00:00:00.000000"));
        QCOMPARE(file.scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = 1"))
                     .toString(),
            QStringLiteral("started\n"));
        QCOMPARE(w->window->lastMessage(),
            QStringLiteral("Row 1 changed since you looked; nothing was changed."));

        // Its status changed: the message says from what to what.
        QVERIFY(view->selectKey(2));
        w->settle();
        QVERIFY(file.exec(
            QStringLiteral("UPDATE warmup_warmuptask SET status = 'RUNNING' WHERE id = 2")));
        Confirm::answerNext(true);
        view->action(TaskAction::Cancel)->trigger();
        w->settle();
        QCOMPARE(file.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = 2"))
                     .toString(),
            QStringLiteral("RUNNING"));
        QCOMPARE(w->window->lastMessage(),
            QStringLiteral(
                "Row 2 is RUNNING now (it was PENDING when you looked); nothing was changed."));
    }

    void theWizardAttachesATableEndToEnd()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
        }
        auto w = openWindow(tdb);
        QVERIFY(w);
        QVERIFY(w->window->sourceNames().isEmpty());
        SourceWizard *wizard = w->window->showAttachWizard();
        QVERIFY(wizard);
        QPointer<SourceWizard> alive(wizard);
        QCOMPARE(wizard->currentId(), int(SourceWizard::ConnectionPage));

        // Bad input: a file that is not there. One message, still on the page.
        wizard->nameField()->setText(QStringLiteral("jobs"));
        wizard->locationField()->setText(tdb.tempPath() + QStringLiteral("/missing.sqlite3"));
        wizard->next();
        w->settle();
        QCOMPARE(wizard->currentId(), int(SourceWizard::ConnectionPage));
        QVERIFY2(wizard->errorText().startsWith(QStringLiteral("No connection: ")),
            qPrintable(wizard->errorText()));

        wizard->locationField()->setText(path);
        wizard->next();
        w->settle();
        QCOMPARE(wizard->currentId(), int(SourceWizard::TablePage));
        const QList<QListWidgetItem *> found
            = wizard->tableList()->findItems(QStringLiteral("warmup_warmuptask"), Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        wizard->tableList()->setCurrentItem(found.first());
        wizard->next();
        w->settle();
        QCOMPARE(wizard->currentId(), int(SourceWizard::PreviewPage));
        QVERIFY2(wizard->previewText().contains(QStringLiteral("PAUSED: 1 row")),
            qPrintable(wizard->previewText()));
        QVERIFY(wizard->previewText().contains(QStringLiteral("created_at")));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(SourceWizard::MappingPage));
        QCOMPARE(wizard->keyField()->currentData().toString(), QStringLiteral("id"));
        QVERIFY(wizard->valueField(QStringLiteral("PAUSED")));
        QCOMPARE(wizard->valueField(QStringLiteral("PAUSED"))->currentData().toInt(), -1);
        QCOMPARE(wizard->timeTypeField(QStringLiteral("created"))->currentData().toString(),
            QStringLiteral("iso"));

        // A time column whose type is not said: refused with one message.
        QComboBox *type = wizard->timeTypeField(QStringLiteral("created"));
        type->setCurrentIndex(type->findData(QString()));
        wizard->next();
        w->settle();
        QCOMPARE(wizard->currentId(), int(SourceWizard::MappingPage));
        QVERIFY2(wizard->errorText().contains(QStringLiteral("created_at")),
            qPrintable(wizard->errorText()));
        type->setCurrentIndex(type->findData(QStringLiteral("iso")));

        // PAUSED is failed; Delete allowed.
        QComboBox *paused = wizard->valueField(QStringLiteral("PAUSED"));
        paused->setCurrentIndex(paused->findData(int(TaskStatus::Failed)));
        wizard->allowDeleteField()->setChecked(true);
        wizard->next();
        w->settle();
        QCOMPARE(wizard->currentId(), int(SourceWizard::TestPage));
        const QString tested = wizard->testText();
        QVERIFY2(tested.contains(QStringLiteral("force_stop on row 1: would write FAILED (was "
                                                "RUNNING), 1 item; rolled back")),
            qPrintable(tested));
        QVERIFY2(tested.contains(QStringLiteral("Index advice: ")), qPrintable(tested));
        {
            // The dry runs changed nothing.
            DjangoFile file(path);
            QCOMPARE(
                file.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = 1"))
                    .toString(),
                QStringLiteral("RUNNING"));
        }
        QVERIFY(SourceRegistry(tdb.db(), QStringLiteral("t")).list()->isEmpty());

        wizard->button(QWizard::FinishButton)->click();
        w->settle();
        QTRY_VERIFY(alive.isNull() || !alive->isVisible());
        Result<SourceDefinition> saved
            = SourceRegistry(tdb.db(), QStringLiteral("t")).get(QStringLiteral("jobs"));
        QVERIFY2(saved.ok(), qPrintable(saved.error().message()));
        QCOMPARE(saved->mapping.status.statusOf(QStringLiteral("PAUSED")), TaskStatus::Failed);
        QVERIFY(saved->mapping.allowDelete);
        QCOMPARE(w->window->sourceNames(), texts({"jobs"}));
        SourceView *view = w->source(QStringLiteral("jobs"));
        w->settle();
        QVERIFY2(view->isOpen(), qPrintable(view->errorText()));
        QCOMPARE(view->chip(SourceView::Failed)->text(), QStringLiteral("Failed (2)"));
        QVERIFY(view->action(TaskAction::Delete)->isVisible());
    }

    void aReadOnlySourceShowsItsRowsAndOffersNoAction()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
        }
        QVERIFY(attach(tdb, path, QStringLiteral("warmup"), true));
        auto w = openWindow(tdb);
        QVERIFY(w);
        SourceView *view = w->source();
        QVERIFY2(view && view->isOpen(), view ? qPrintable(view->errorText()) : "no page");
        QCOMPARE(view->model()->rowCount(), 5);
        QVERIFY(view->selectKey(1)); // RUNNING: Force Stop and Cancel would be allowed
        w->settle();
        for (TaskAction kind :
            {TaskAction::ForceStop, TaskAction::Cancel, TaskAction::Restart, TaskAction::Delete})
            QVERIFY(!view->action(kind)->isEnabled());
        view->action(TaskAction::ForceStop)->trigger();
        w->settle();
        QCOMPARE(Confirm::questionCount(), 0);
    }

    void aSourceWhoseFileIsGoneShowsItsErrorAndARetry()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
        }
        QVERIFY(attach(tdb, path));
        QVERIFY(QFile::remove(path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        SourceView *view = w->source();
        QVERIFY(view);
        w->window->showSource(QStringLiteral("warmup"));
        QVERIFY(!view->isOpen());
        QVERIFY2(
            view->errorText().startsWith(QStringLiteral("The source warmup could not be opened: ")),
            qPrintable(view->errorText()));
        QVERIFY(view->retryButton()->isVisible());
        QVERIFY(!view->action(TaskAction::ForceStop)->isEnabled());
        // The rest of the window works on.
        w->refresh();
        QVERIFY(w->tasks()->isVisibleTo(w->window.get()) || true);

        // The file is back: Retry opens it.
        {
            DjangoFile file(path);
            QVERIFY(file.create());
        }
        view->retryButton()->click();
        w->settle();
        QVERIFY2(view->isOpen(), qPrintable(view->errorText()));
        QCOMPARE(view->model()->rowCount(), 5);
    }

    // The Stuck page: a section per source with stuck rows, by the source's
    // own rules, with true counts; a source with nothing stuck has none.
    void theStuckPageShowsASourcesStuckRowsWithTrueCounts()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        const QString calm = tdb.tempPath() + QStringLiteral("/calm.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
            QVERIFY(makeStuck(file, QStringLiteral("1, 2")));
            DjangoFile other(calm);
            QVERIFY(other.create());
        }
        QVERIFY(attach(tdb, path));
        QVERIFY(attach(tdb, calm, QStringLiteral("calm")));
        auto w = openWindow(tdb);
        QVERIFY(w);
        w->window->showPage(MainWindow::Stuck);
        StuckView *stuck = w->window->stuckView();
        stuck->refresh();
        w->settle();
        SourceStuckPanel *panel = stuck->sourcesPanel();
        QCOMPARE(panel->sourceNames(), QStringList{QStringLiteral("warmup")});
        QVERIFY(panel->isVisibleTo(stuck));
        QCOMPARE(panel->countsText(QStringLiteral("warmup")),
            QStringLiteral("1 running with no change for over 30 min, 1 pending for over 30 min"));
        QCOMPARE(panel->errorText(QStringLiteral("warmup")), QString());
        QTableWidget *table = panel->table(QStringLiteral("warmup"));
        QVERIFY(table);
        QCOMPARE(cells(table, 0), texts({"1", "2"}));
        QCOMPARE(cells(table, 1), texts({"RUNNING", "PENDING"}));
        QCOMPARE(cells(table, 2), texts({"warm alpha", "warm beta"}));
        QCOMPARE(cells(table, 3), texts({"2 h ago", "2 h ago"}));
        QVERIFY(panel->cleanUpButton(QStringLiteral("warmup"))->isEnabled());
        // The own tasks' section is still there and true.
        QVERIFY(stuck->summary().startsWith(QStringLiteral("Nothing is stuck")));
    }

    // Clean Up through the real button: one confirmation naming the rows, and
    // exactly those failed in the source's file; a row stuck after the
    // question waits for the next clean-up.
    void cleanUpOfASourceFailsExactlyTheRowsItsConfirmationNamed()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        DjangoFile file(path);
        QVERIFY(file.create());
        // Row 6: running and fresh, until the question is on the screen.
        QVERIFY(file.exec(
            QStringLiteral("INSERT INTO warmup_warmuptask (name, status, created_at, started_at, "
                           "updated_at, error_message, log) VALUES ('warm zeta', 'RUNNING', ?, "
                           "?, ?, '', 'zeta\n')"),
            {minutesAgo(1), minutesAgo(1), minutesAgo(1)}));
        QVERIFY(makeStuck(file, QStringLiteral("1, 2")));
        QVERIFY(attach(tdb, path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        w->window->showPage(MainWindow::Stuck);
        StuckView *stuck = w->window->stuckView();
        stuck->refresh();
        w->settle();
        SourceStuckPanel *panel = stuck->sourcesPanel();
        QCOMPARE(panel->sourceNames(), QStringList{QStringLiteral("warmup")});
        QCOMPARE(panel->actionBox(QStringLiteral("warmup"))->currentData().toInt(),
            int(SourceStuckRules::Action::MarkFailed));

        int asked = 0;
        Confirmation question;
        Confirm::setHook([&](const Confirmation &q) {
            ++asked;
            question = q;
            // Another row becomes stuck while the operator reads the question.
            makeStuck(file, QStringLiteral("6"));
            return true;
        });
        panel->cleanUpButton(QStringLiteral("warmup"))->click();
        w->settle();
        QCOMPARE(asked, 1);
        QCOMPARE(question.question, QStringLiteral("Clean up 2 stuck rows of warmup?"));
        QCOMPARE(question.acceptLabel, QStringLiteral("Clean Up 2 Rows"));
        QVERIFY2(question.details.contains(QStringLiteral("Row 1 “warm alpha” (RUNNING)")),
            qPrintable(question.details));
        QVERIFY2(question.details.contains(QStringLiteral("Row 2 “warm beta” (PENDING)")),
            qPrintable(question.details));
        QVERIFY2(!question.details.contains(QStringLiteral("Row 6")), qPrintable(question.details));

        const auto status = [&](int key) {
            return file
                .scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {key})
                .toString();
        };
        const auto log = [&](int key) {
            return file
                .scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = ?"), {key})
                .toString();
        };
        QCOMPARE(status(1), QStringLiteral("FAILED"));
        QCOMPARE(status(2), QStringLiteral("FAILED"));
        QCOMPARE(status(3), QStringLiteral("COMPLETED"));
        QCOMPARE(status(4), QStringLiteral("FAILED"));
        QCOMPARE(status(5), QStringLiteral("PAUSED"));
        QCOMPARE(status(6), QStringLiteral("RUNNING"));
        // A log line appended, the old text kept; the later row untouched.
        QVERIFY2(log(1).startsWith(QStringLiteral("started\n")) && log(1).size() > 8,
            qPrintable(log(1)));
        QVERIFY2(!log(2).isEmpty(), qPrintable(log(2)));
        QCOMPARE(log(6), QStringLiteral("zeta\n"));
        QCOMPARE(w->window->lastMessage(), QStringLiteral("Clean-up of warmup: 2 rows changed."));
        // The page read again: row 6 is the one stuck now.
        QCOMPARE(panel->countsText(QStringLiteral("warmup")),
            QStringLiteral("1 running with no change for over 30 min"));
        QCOMPARE(cells(panel->table(QStringLiteral("warmup")), 0), texts({"6"}));
    }

    // A source that cannot be read is one line with its error on the Stuck
    // page; the page's own tasks are read as ever.
    void theStuckPageShowsASourceWhoseFileIsGoneAsOneErrorLine()
    {
        TestDatabase tdb;
        QVERIFY2(tdb.isValid(), qPrintable(tdb.errorString()));
        const QString path = tdb.tempPath() + QStringLiteral("/app.sqlite3");
        {
            DjangoFile file(path);
            QVERIFY(file.create());
            QVERIFY(makeStuck(file, QStringLiteral("1")));
        }
        QVERIFY(attach(tdb, path));
        QVERIFY(QFile::remove(path));
        auto w = openWindow(tdb);
        QVERIFY(w);
        TaskSeeder seeder(w->context->tasks());
        QVERIFY(seeder.pending(QStringLiteral("own task")) > 0);
        w->window->showPage(MainWindow::Stuck);
        StuckView *stuck = w->window->stuckView();
        stuck->refresh();
        w->settle();
        SourceStuckPanel *panel = stuck->sourcesPanel();
        QCOMPARE(panel->sourceNames(), QStringList{QStringLiteral("warmup")});
        const QString error = panel->errorText(QStringLiteral("warmup"));
        QVERIFY2(error.startsWith(QStringLiteral("The source warmup could not be read: ")),
            qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QCOMPARE(panel->countsText(QStringLiteral("warmup")), QString());
        QVERIFY(!panel->cleanUpButton(QStringLiteral("warmup"))->isVisibleTo(panel));
        QVERIFY(stuck->summary().startsWith(QStringLiteral("Nothing is stuck")));
        QVERIFY(!QFile::exists(path)); // reading it never made an empty file
    }
};

TASKDESK_GUI_TEST_MAIN(SourcesTest)
#include "tst_sourcesview.moc"
