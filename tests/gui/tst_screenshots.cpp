#include "core/database.h"
#include "core/demodata.h"
#include "core/supervisor/processstore.h"
#include "guitest.h"
#include "sourcefixture.h"
#include "ui/alerts/alertsview.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/mainwindow.h"
#include "ui/app/runtimehost.h"
#include "ui/audit/auditview.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/confirm.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/processes/processesview.h"
#include "ui/processes/processtablemodel.h"
#include "ui/sources/sourceview.h"
#include "ui/sources/sourcewizard.h"
#include "ui/stats/statsview.h"
#include "ui/stuck/sourcestuckpanel.h"
#include "ui/stuck/stuckview.h"
#include "ui/tasks/taskactions.h"
#include "ui/tasks/taskdetailpane.h"
#include "ui/tasks/tasksview.h"
#include "ui/tasks/tasktablemodel.h"

#include <QAction>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPalette>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;

// Renders each view of the main window, filled with the demo data, to PNG
// files for the README: TASKDESK_SCREENSHOT_DIR, else the first argument after
// "--", else <build>/screenshots.
class TestScreenshots final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void eachViewRendersToAFile_data();
    void eachViewRendersToAFile();
    void theForceStopQuestionRendersToAFile();
    void theStuckViewRendersAtTheSmallestSize();
    void theTasksPageRendersAtEachSize();
    void eachOwnPageRendersAtTheDefaultAndSmallestSize_data();
    void eachOwnPageRendersAtTheDefaultAndSmallestSize();
    void eachLanguageRendersItsPagesAndTheForceStopQuestion_data();
    void eachLanguageRendersItsPagesAndTheForceStopQuestion();
    void theAlertsTabsRenderAtTheDefaultAndSmallestSize();
    void theSourcePageRendersAtTheDefaultAndSmallestSize();
    void theStuckPageWithASourceRendersAtTheDefaultAndSmallestSize();
    void theSourceWizardsMappingRendersToAFile();

private:
    void selectTheRunningTaskWithItems();
    QString save(const QPixmap &pixmap, const QString &name);
    void open(bool dark);

    TestDatabase m_tdb;
    QString m_dir;
    QPalette m_light;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<RuntimeHost> m_runtime;
    std::unique_ptr<MainWindow> m_window;
    bool m_dark = false;
};

void TestScreenshots::initTestCase()
{
    TASKDESK_REQUIRE_DB(m_tdb);
    m_dir = qEnvironmentVariable("TASKDESK_SCREENSHOT_DIR");
    const QStringList args = QCoreApplication::arguments();
    const int dashes = int(args.indexOf(QStringLiteral("--")));
    if (m_dir.isEmpty() && dashes >= 0 && dashes + 1 < args.size())
        m_dir = args.at(dashes + 1);
    if (m_dir.isEmpty())
        m_dir = QStringLiteral(TASKDESK_SCREENSHOT_DEFAULT_DIR);
    QVERIFY(QDir().mkpath(m_dir));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_light = QApplication::style()->standardPalette();
    QApplication::setPalette(m_light);

    DemoSpec spec;
    spec.actor = QStringLiteral("alice");
    // A stand-in for the worker that prints like one, so that the processes
    // view has a live process and its output to show.
    spec.workerProgram = QStringLiteral("/bin/sh");
    spec.workerArguments = {QStringLiteral("-c"),
        QStringLiteral("echo 'worker demo@vm up: 4 kinds, queues: all'; n=0; while :; do "
                       "n=$((n+1)); echo \"poll $n: claimed task $((1005+n))\"; sleep 0.2; done")};
    spec.schedulerProgram = QStringLiteral("/usr/bin/taskdeskctl");
    spec.schedulerArguments = {QStringLiteral("supervise"), QStringLiteral("--no-sweeper")};
    Result<DemoSummary> demo = DemoData::load(m_tdb.db(), spec);
    QVERIFY2(demo.ok(), qPrintable(demo.ok() ? QString() : demo.error().message()));
    QVERIFY(demo->tasks > 0);
    ProcessStore processes(m_tdb.db(), QStringLiteral("alice"));
    ProcessDefinition missing;
    missing.name = QStringLiteral("report-exporter");
    missing.program = QStringLiteral("/opt/reports/bin/exporter");
    QVERIFY(processes.add(missing).ok());
    // Another program's job table, attached as a source.
    const QString source = m_tdb.tempPath() + QStringLiteral("/warmup.sqlite3");
    {
        DjangoFile file(source);
        QVERIFY(file.create());
        // Its running and its pending row stuck by its rules: the Stuck page shows them.
        const QString old = QDateTime::currentDateTimeUtc().addSecs(-7200).toString(
            QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000"));
        QVERIFY(file.exec(QStringLiteral("UPDATE warmup_warmuptask SET created_at = ?, "
                                         "updated_at = ?, started_at = CASE WHEN started_at IS "
                                         "NULL THEN NULL ELSE ? END WHERE id IN (1, 2)"),
            {old, old, old}));
    }
    QVERIFY(attach(m_tdb, source));
    open(false);
}

void TestScreenshots::open(bool dark)
{
    m_dark = dark;
    if (m_runtime) {
        m_runtime->leaveProcessesRunning(); // the next window's supervisor adopts them
    }
    m_window.reset();
    m_runtime.reset();
    m_context.reset();
    if (dark) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
        p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
        p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3b));
        p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Mid, QColor(0x50, 0x53, 0x58));
        p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
        p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4d));
        for (QPalette::ColorRole role :
            {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, QColor(0x6e, 0x73, 0x7a));
        QApplication::setPalette(p);
    } else {
        QApplication::setPalette(m_light);
    }
    std::unique_ptr<Database> db = m_tdb.open();
    QVERIFY(!db->open());
    auto settings = std::make_unique<AppSettings>(m_tdb.tempPath() + QStringLiteral("/shots.ini"));
    settings->setRefreshIntervalMs(AppSettings::kMaxRefreshMs);
    settings->setOperatorName(QStringLiteral("alice"));
    m_context = std::make_unique<AppContext>(std::move(db), std::move(settings));
    // The supervisor only: a sweeper would clean up the stuck task the shots show.
    RuntimeHost::Options runtime;
    runtime.sweeper = false;
    runtime.scheduler = false;
    runtime.outputDir = m_tdb.tempPath() + QStringLiteral("/output");
    m_runtime = std::make_unique<RuntimeHost>(m_context->database(), runtime);
    m_window = std::make_unique<MainWindow>(*m_context, m_runtime.get());
    m_runtime->start();
    m_window->resize(1680, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_context->background().waitForIdle();
}

void TestScreenshots::cleanupTestCase()
{
    if (m_runtime) {
        QSignalSpy stopped(m_runtime.get(), &RuntimeHost::processesStopped);
        m_runtime->stopProcesses();
        QVERIFY(stopped.wait(20000));
    }
    m_window.reset();
    m_runtime.reset();
    m_context.reset();
}

QString TestScreenshots::save(const QPixmap &pixmap, const QString &name)
{
    const QString path = QDir(m_dir).filePath(name + QStringLiteral(".png"));
    if (pixmap.isNull() || !pixmap.save(path))
        return {};
    return path;
}

void TestScreenshots::eachViewRendersToAFile_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QString>("name");
    QTest::newRow("the tasks view with a running task's details")
        << int(MainWindow::Tasks) << false << QStringLiteral("tasks");
    QTest::newRow("the stuck jobs view with its preview")
        << int(MainWindow::Stuck) << false << QStringLiteral("stuck");
    QTest::newRow("the stats view with a few hours of work")
        << int(MainWindow::Stats) << false << QStringLiteral("stats");
    QTest::newRow("the audit log") << int(MainWindow::Audit) << false << QStringLiteral("audit");
    QTest::newRow("the alerts view")
        << int(MainWindow::Alerts) << false << QStringLiteral("alerts");
    QTest::newRow("the processes view")
        << int(MainWindow::Processes) << false << QStringLiteral("processes");
    QTest::newRow("the schedules view")
        << int(MainWindow::Schedules) << false << QStringLiteral("schedules");
    QTest::newRow("the tasks view in a dark palette")
        << int(MainWindow::Tasks) << true << QStringLiteral("tasks-dark");
}

void TestScreenshots::eachViewRendersToAFile()
{
    QFETCH(int, page);
    QFETCH(bool, dark);
    QFETCH(QString, name);
    if (dark != m_dark)
        open(dark);
    m_window->showPage(MainWindow::Page(page));
    if (page == MainWindow::Tasks) {
        // The running task with items, so that the detail pane shows them and its log.
        selectTheRunningTaskWithItems();
        if (QTest::currentTestFailed())
            return;
    }
    if (page == MainWindow::Stuck)
        m_window->stuckView()->refresh();
    if (page == MainWindow::Processes) {
        ProcessStore processes(m_tdb.db(), QStringLiteral("alice"));
        QVERIFY(processes.setDesired(QStringLiteral("demo-worker"), DesiredState::Running).ok());
        QVERIFY(
            processes.setDesired(QStringLiteral("report-exporter"), DesiredState::Running).ok());
        ProcessesView *view = m_window->processesView();
        auto stateOf = [view](const QString &process) {
            view->refresh();
            const int row = view->model()->rowOf(process);
            return row < 0 ? ProcessState::Stopped : view->model()->processAt(row)->runtime.state;
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            stateOf(QStringLiteral("demo-worker")), ProcessState::Running, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            stateOf(QStringLiteral("report-exporter")), ProcessState::Fatal, 20000);
        QVERIFY(view->selectProcess(QStringLiteral("demo-worker")));
        QTRY_VERIFY_WITH_TIMEOUT(
            (view->refresh(), view->outputText().count(QLatin1Char('\n')) > 8), 20000);
    }
    if (page == MainWindow::Stats) {
        QSignalSpy refreshed(m_window->statsView(), &StatsView::refreshed);
        m_window->statsView()->refresh();
        QVERIFY(refreshed.wait(10000));
    }
    if (page == MainWindow::Alerts) {
        // The runtime's alert engine has looked at the demo data: what fires shows.
        AlertsView *view = m_window->alertsView();
        QTRY_VERIFY_WITH_TIMEOUT((view->refresh(), m_context->background().waitForIdle(),
                                     view->alerts()->rowCount() > 2),
            20000);
    }
    m_context->background().waitForIdle();
    QTest::qWait(50);
    const QString path = save(m_window->grab(), name);
    QVERIFY2(!path.isEmpty(), qPrintable(name));
    qInfo("wrote %s", qPrintable(path));
}

void TestScreenshots::theStuckViewRendersAtTheSmallestSize()
{
    if (m_dark)
        open(false);
    m_window->resize(800, 500);
    m_window->showPage(MainWindow::Stuck);
    m_window->stuckView()->refresh();
    m_context->background().waitForIdle();
    QTest::qWait(50);
    const QString path = save(m_window->grab(), QStringLiteral("stuck-800x500"));
    m_window->resize(1680, 1000);
    QVERIFY(!path.isEmpty());
    qInfo("wrote %s", qPrintable(path));
}

// The Tasks page at the window's default size, at 1600×1000 and at its
// smallest, 800×500, with nothing selected: the table takes the room.
void TestScreenshots::theTasksPageRendersAtEachSize()
{
    if (m_dark)
        open(false);
    m_window->showPage(MainWindow::Tasks);
    m_window->tasksView()->table()->clearSelection();
    m_window->tasksView()->table()->setCurrentIndex({});
    const QSize defaultSize = MainWindow::defaultSize(*m_window);
    const QList<std::pair<QSize, QString>> sizes{{defaultSize, QStringLiteral("tasks-default")},
        {QSize(1600, 1000), QStringLiteral("tasks-1600x1000")},
        {QSize(800, 500), QStringLiteral("tasks-800x500")}};
    for (const auto &[size, name] : sizes) {
        m_window->resize(size);
        m_window->tasksView()->refresh();
        m_context->background().waitForIdle();
        QTest::qWait(50);
        const QString path = save(m_window->grab(), name);
        QVERIFY(!path.isEmpty());
        qInfo("wrote %s", qPrintable(path));
        QCOMPARE(m_window->size(), size);
    }
    m_window->resize(1680, 1000);
}

void TestScreenshots::eachOwnPageRendersAtTheDefaultAndSmallestSize_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("name");
    QTest::newRow("tasks with a task chosen") << int(MainWindow::Tasks) << QStringLiteral("tasks");
    QTest::newRow("processes") << int(MainWindow::Processes) << QStringLiteral("processes");
    QTest::newRow("schedules") << int(MainWindow::Schedules) << QStringLiteral("schedules");
    QTest::newRow("stats") << int(MainWindow::Stats) << QStringLiteral("stats");
    QTest::newRow("alerts") << int(MainWindow::Alerts) << QStringLiteral("alerts");
}

// Each page at the window's default size and at 800×500, to look at: words
// whole, numbers readable.
void TestScreenshots::eachOwnPageRendersAtTheDefaultAndSmallestSize()
{
    QFETCH(int, page);
    QFETCH(QString, name);
    if (m_dark)
        open(false);
    m_window->showPage(MainWindow::Page(page));
    if (page == MainWindow::Tasks) {
        TaskTableModel *model = m_window->tasksView()->model();
        qint64 id = 0;
        for (int row = 0; row < model->rowCount() && id == 0; ++row) {
            const std::optional<Task> t = model->taskAtRow(row);
            if (t && t->name == QLatin1String("Warm-up accounts (EU)"))
                id = t->id;
        }
        QVERIFY(id > 0);
        QVERIFY(m_window->tasksView()->selectTask(id));
        QTRY_COMPARE(m_window->tasksView()->detail()->taskId(), id);
    }
    for (const QSize &size : {MainWindow::defaultSize(*m_window), QSize(800, 500)}) {
        m_window->resize(size);
        if (page == MainWindow::Stats) {
            QSignalSpy refreshed(m_window->statsView(), &StatsView::refreshed);
            m_window->statsView()->refresh();
            QVERIFY(refreshed.wait(10000));
        }
        m_context->background().waitForIdle();
        QTest::qWait(100);
        const QString path = save(m_window->grab(),
            QStringLiteral("%1-%2x%3").arg(name).arg(size.width()).arg(size.height()));
        QVERIFY(!path.isEmpty());
        qInfo("wrote %s", qPrintable(path));
    }
    m_window->resize(1680, 1000);
}

// The Alerts page's tabs (what fired, the deliveries, the rules, the
// channels) at the default size and at 800×500: every editor and its words
// in view, nothing scrolled sideways.
void TestScreenshots::theAlertsTabsRenderAtTheDefaultAndSmallestSize()
{
    if (m_dark)
        open(false);
    m_window->showPage(MainWindow::Alerts);
    AlertsView *view = m_window->alertsView();
    QTRY_VERIFY(view->editorFor(QStringLiteral("alerts.stuck_tasks"))->isEnabled());
    const QStringList tabs{QStringLiteral("alerts"), QStringLiteral("deliveries"),
        QStringLiteral("rules"), QStringLiteral("channels")};
    for (const QSize &size : {MainWindow::defaultSize(*m_window), QSize(800, 500)}) {
        m_window->resize(size);
        for (int tab = 0; tab < tabs.size(); ++tab) {
            view->tabs()->setCurrentIndex(tab);
            m_context->background().waitForIdle();
            QTest::qWait(50);
            const QString path = save(m_window->grab(),
                QStringLiteral("alerts-%1-%2x%3")
                    .arg(tabs.at(tab))
                    .arg(size.width())
                    .arg(size.height()));
            QVERIFY(!path.isEmpty());
        }
    }
    view->tabs()->setCurrentIndex(0);
    m_window->resize(1680, 1000);
}

// The page of an attached source, its running row chosen, at the default
// size and at 800×500.
void TestScreenshots::theSourcePageRendersAtTheDefaultAndSmallestSize()
{
    if (m_dark)
        open(false);
    m_context->background().waitForIdle();
    SourceView *view = m_window->sourceView(QStringLiteral("warmup"));
    QVERIFY(view);
    QVERIFY2(view->isOpen(), qPrintable(view->errorText()));
    m_window->showSource(QStringLiteral("warmup"));
    view->refresh();
    m_context->background().waitForIdle();
    QVERIFY(view->selectKey(1));
    m_context->background().waitForIdle();
    QTest::qWait(100);
    const QString readme = save(m_window->grab(), QStringLiteral("source"));
    QVERIFY(!readme.isEmpty());
    for (const QSize &size : {MainWindow::defaultSize(*m_window), QSize(800, 500)}) {
        m_window->resize(size);
        m_context->background().waitForIdle();
        QTest::qWait(100);
        const QString path = save(
            m_window->grab(), QStringLiteral("source-%1x%2").arg(size.width()).arg(size.height()));
        QVERIFY(!path.isEmpty());
        qInfo("wrote %s", qPrintable(path));
    }
    m_window->showPage(MainWindow::Tasks);
    m_window->resize(1680, 1000);
}

// The Stuck page with an attached source's stuck rows below the own tasks, at
// the default size and at 800×500.
void TestScreenshots::theStuckPageWithASourceRendersAtTheDefaultAndSmallestSize()
{
    if (m_dark)
        open(false);
    m_window->showPage(MainWindow::Stuck);
    for (const QSize &size : {MainWindow::defaultSize(*m_window), QSize(800, 500)}) {
        m_window->resize(size);
        m_window->stuckView()->refresh();
        m_context->background().waitForIdle();
        QTest::qWait(100);
        QVERIFY(!m_window->stuckView()->sourcesPanel()->isEmpty());
        const QString path = save(m_window->grab(),
            QStringLiteral("stuck-sources-%1x%2").arg(size.width()).arg(size.height()));
        QVERIFY(!path.isEmpty());
        qInfo("wrote %s", qPrintable(path));
    }
    m_window->showPage(MainWindow::Tasks);
    m_window->resize(1680, 1000);
}

// The wizard's mapping page, as suggested for a Django table.
void TestScreenshots::theSourceWizardsMappingRendersToAFile()
{
    if (m_dark)
        open(false);
    SourceWizard *wizard = m_window->showAttachWizard();
    QVERIFY(wizard);
    wizard->nameField()->setText(QStringLiteral("warmup2"));
    wizard->locationField()->setText(m_tdb.tempPath() + QStringLiteral("/warmup.sqlite3"));
    wizard->next();
    m_context->background().waitForIdle();
    QCOMPARE(wizard->currentId(), int(SourceWizard::TablePage));
    const QList<QListWidgetItem *> found
        = wizard->tableList()->findItems(QStringLiteral("warmup_warmuptask"), Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    wizard->tableList()->setCurrentItem(found.first());
    wizard->next();
    m_context->background().waitForIdle();
    QCOMPARE(wizard->currentId(), int(SourceWizard::PreviewPage));
    QTest::qWait(100);
    QVERIFY(!save(wizard->grab(), QStringLiteral("source-wizard-preview")).isEmpty());
    wizard->next();
    QTest::qWait(100);
    QVERIFY(!save(wizard->grab(), QStringLiteral("source-wizard-mapping")).isEmpty());
    wizard->next();
    m_context->background().waitForIdle();
    QCOMPARE(wizard->currentId(), int(SourceWizard::TestPage));
    QTest::qWait(100);
    QVERIFY(!save(wizard->grab(), QStringLiteral("source-wizard-test")).isEmpty());
    wizard->reject();
}

void TestScreenshots::theForceStopQuestionRendersToAFile()
{
    if (m_dark)
        open(false);
    Confirmation q;
    q.title = QStringLiteral("Force Stop");
    q.question = QStringLiteral("Force stop this task?");
    q.details
        = QStringLiteral("Task: \"Nightly report\" (#412)\n\nThis will mark the task as FAILED "
                         "and stop all running items. Use this if the task is stuck or not "
                         "actually running.");
    q.acceptLabel = QStringLiteral("Force Stop");
    std::unique_ptr<QMessageBox> box = Confirm::dialog(m_window.get(), q);
    box->show();
    QVERIFY(QTest::qWaitForWindowExposed(box.get()));
    const QString path = save(box->grab(), QStringLiteral("confirm-force-stop"));
    QVERIFY(!path.isEmpty());
    qInfo("wrote %s", qPrintable(path));
}

void TestScreenshots::selectTheRunningTaskWithItems()
{
    TaskTableModel *model = m_window->tasksView()->model();
    qint64 id = 0;
    for (int row = 0; row < model->rowCount() && id == 0; ++row) {
        const std::optional<Task> t = model->taskAtRow(row);
        if (t && t->name == QLatin1String("Warm-up accounts (EU)"))
            id = t->id;
    }
    QVERIFY(id > 0);
    QVERIFY(m_window->tasksView()->selectTask(id));
    QTRY_COMPARE(m_window->tasksView()->detail()->taskId(), id);
    m_window->tasksView()->table()->scrollToTop();
}

void TestScreenshots::eachLanguageRendersItsPagesAndTheForceStopQuestion_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("Russian") << QStringLiteral("ru");
    QTest::newRow("Ukrainian") << QStringLiteral("uk");
}

// The window in Russian and in Ukrainian, whose words run longer than the
// English ones: the task table and the Force Stop question for the README
// (tasks-ru.png, confirm-force-stop-ru.png…), and every page and the settings
// at the default size and at 800×500, to check that no word is cut.
void TestScreenshots::eachLanguageRendersItsPagesAndTheForceStopQuestion()
{
    QFETCH(QString, language);
    installTranslations(*QCoreApplication::instance(), QLocale(language));
    open(false); // widgets take their words when they are built
    auto shoot = [this](QWidget *widget, const QString &name) {
        m_context->background().waitForIdle();
        QTest::qWait(100);
        const QString path = save(widget->grab(), name);
        QVERIFY2(!path.isEmpty(), qPrintable(name));
        qInfo("wrote %s", qPrintable(path));
    };
    m_window->showPage(MainWindow::Tasks);
    selectTheRunningTaskWithItems();
    shoot(m_window.get(), QStringLiteral("tasks-") + language);

    // The question that the real action asks, declined, then shown.
    Confirm::answerNext(false);
    m_window->tasksView()->actions()->forceStopAction()->trigger();
    QTRY_VERIFY(Confirm::lastQuestion().has_value());
    {
        std::unique_ptr<QMessageBox> box
            = Confirm::dialog(m_window.get(), *Confirm::lastQuestion());
        box->show();
        QVERIFY(QTest::qWaitForWindowExposed(box.get()));
        shoot(box.get(), QStringLiteral("confirm-force-stop-") + language);
    }
    {
        SettingsDialog settings(*m_context, m_window.get());
        settings.adjustSize();
        settings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&settings));
        shoot(&settings, QStringLiteral("settings-") + language);
    }

    const QList<std::pair<MainWindow::Page, QString>> pages{
        {MainWindow::Tasks, QStringLiteral("tasks")},
        {MainWindow::Processes, QStringLiteral("processes")},
        {MainWindow::Stuck, QStringLiteral("stuck")},
        {MainWindow::Schedules, QStringLiteral("schedules")},
        {MainWindow::Stats, QStringLiteral("stats")}, {MainWindow::Audit, QStringLiteral("audit")}};
    for (const QSize &size : {MainWindow::defaultSize(*m_window), QSize(800, 500)}) {
        m_window->resize(size);
        for (const auto &[page, name] : pages) {
            m_window->showPage(page);
            if (page == MainWindow::Stuck)
                m_window->stuckView()->refresh();
            if (page == MainWindow::Stats) {
                QSignalSpy refreshed(m_window->statsView(), &StatsView::refreshed);
                m_window->statsView()->refresh();
                QVERIFY(refreshed.wait(10000));
            }
            shoot(m_window.get(),
                QStringLiteral("%1-%2-%3x%4")
                    .arg(name, language)
                    .arg(size.width())
                    .arg(size.height()));
        }
        // The page of an attached source, its running row chosen.
        m_window->showSource(QStringLiteral("warmup"));
        SourceView *source = m_window->sourceView(QStringLiteral("warmup"));
        QVERIFY(source);
        source->refresh();
        m_context->background().waitForIdle();
        QVERIFY(source->selectKey(1));
        shoot(m_window.get(),
            QStringLiteral("source-%1-%2x%3").arg(language).arg(size.width()).arg(size.height()));
    }
    m_window->resize(1680, 1000);
    installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    open(false);
}

TASKDESK_GUI_TEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
