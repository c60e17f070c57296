// The desktop app's start-up, settings and status texts: the real MainWindow
// (and its runtime) driven by QTest on the offscreen platform, on SQLite and
// on PostgreSQL.
#include "core/database.h"
#include "core/settings.h"
#include "core/supervisor/processstore.h"
#include "guitest.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/demosetup.h"
#include "ui/app/launcher.h"
#include "ui/app/mainwindow.h"
#include "ui/app/runtimehost.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/confirm.h"
#include "ui/dialogs/missingdatabasedialog.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/processes/processesview.h"
#include "ui/stuck/stucktablemodel.h"
#include "ui/stuck/stuckview.h"
#include "ui/tasks/taskactions.h"
#include "ui/tasks/tasksview.h"
#include "ui/tasks/tasktablemodel.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;

namespace {

// The real window with the runtime that Launcher::run() gives it.
struct Window : TestWindow
{
    QString rolesText() const
    {
        auto *label = window->findChild<QLabel *>(QStringLiteral("rolesLabel"));
        return label ? label->text() : QString();
    }
};

struct Runtime
{
    bool supervisor = false;
    bool sweeper = false;
    bool scheduler = false;
    qint64 sweepIntervalMs = 100;
};

std::unique_ptr<Window> openWindow(
    TestDatabase &tdb, const Runtime &r, const QString &operatorName = QStringLiteral("alice"))
{
    auto w = std::make_unique<Window>();
    std::unique_ptr<Database> db = tdb.open();
    if (db->open())
        return nullptr;
    std::unique_ptr<AppSettings> settings = windowSettings(tdb, operatorName);
    settings->setRunSweeper(r.sweeper);
    settings->setRunScheduler(r.scheduler);
    w->context = std::make_unique<AppContext>(std::move(db), std::move(settings));
    RuntimeHost::Options options;
    options.supervisor = r.supervisor;
    options.sweeper = r.sweeper;
    options.scheduler = r.scheduler;
    options.sweepIntervalMs = r.sweepIntervalMs;
    options.outputDir = tdb.tempPath() + QStringLiteral("/output");
    w->runtime = std::make_unique<RuntimeHost>(w->context->database(), options);
    w->window = std::make_unique<MainWindow>(*w->context, w->runtime.get());
    w->runtime->start();
    if (!w->show(QSize(1500, 900)))
        return nullptr;
    return w;
}

QString statusOf(TestDatabase &tdb, qint64 id)
{
    return tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {id}).toString();
}

// A RUNNING task whose worker went silent ten minutes ago.
qint64 lostWorkerTask(TestDatabase &tdb, TaskSeeder &seed, const QString &name)
{
    const qint64 id = seed.running(name);
    if (id == 0
        || !tdb.exec(
            QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
            {id}))
        return 0;
    return id;
}

// Short sweeper rules, so that a test sees whole watches in seconds.
bool shortHeartbeatTimeout(TestDatabase &tdb, qint64 ms)
{
    Settings settings(tdb.db(), QStringLiteral("setup"));
    Result<SweeperRules> rules = settings.sweeperRules();
    if (!rules.ok())
        return false;
    SweeperRules r = *rules;
    r.heartbeatTimeoutMs = ms;
    r.retryBaseMs = 3600 * 1000; // a re-queued task is not claimed again during the test
    return !settings.setSweeperRules(r);
}

// Opens the settings dialog the way the menu does, and returns it.
SettingsDialog *openSettings(Window &w)
{
    w.window->showSettings();
    return w.window->findChild<SettingsDialog *>();
}

QString accountOfThisProcess()
{
    QProcess id;
    id.start(QStringLiteral("/usr/bin/id"), {QStringLiteral("-un")});
    if (!id.waitForFinished(10000))
        return {};
    return QString::fromLocal8Bit(id.readAllStandardOutput()).trimmed();
}

// Runs `answer` on the missing-database question as soon as it shows.
void answerMissingDatabase(std::function<void(MissingDatabaseDialog *)> answer)
{
    auto *poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer]() {
        auto *dialog = qobject_cast<MissingDatabaseDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll->stop();
        poll->deleteLater();
        answer(dialog);
    });
    poll->start(20);
}

} // namespace

class TestStartup final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void theDemosStuckTaskOutlivesASweeperThatWasAlreadyWatching();
    void theDemoSaysHowManyTasksItReallyLoaded();
    void aDemoStepThatFailsIsReportedNotSwallowed();
    void uncheckingTheSweeperStopsItAtOnceAndCheckingStartsIt();
    void uncheckingTheSchedulerStopsItAtOnceAndTheStatusBarFollows();
    void theSettingsShowTheDatabaseInUse();
    void withoutUserAndLognameTheOperatorIsTheAccountOfTheUid();
    void startingAProcessSaysSoOnceItRuns();
    void aMissingDatabaseFileIsAskedAboutNeverCreatedUnasked_data();
    void aMissingDatabaseFileIsAskedAboutNeverCreatedUnasked();
    void anExistingDatabaseFileIsOpenedWithoutAQuestion();
    void aDeletedDatabaseFileIsSaidAndNeverMadeAgain();
    void theFirstActionOnADeletedDatabaseFileMakesNoNewOne();
    void theChangedWindowsRenderToFiles();
};

void TestStartup::init()
{
    refuseUnexpectedQuestions();
}

void TestStartup::theDemosStuckTaskOutlivesASweeperThatWasAlreadyWatching()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(shortHeartbeatTimeout(tdb, 3000));
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 before = lostWorkerTask(tdb, seed, QStringLiteral("Lost before the demo"));
    QVERIFY(before > 0);
    auto w = openWindow(tdb, {false, true, false, 100});
    QVERIFY(w);
    // The sweeper has watched for a whole timeout: it rescues a lost task at its next pass.
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(tdb, before), QStringLiteral("PENDING"), 20000);

    w->window->loadDemo();
    QVERIFY2(w->window->lastMessage().startsWith(QStringLiteral("Demo loaded")),
        qPrintable(w->window->lastMessage()));
    const qint64 stuck = tdb.scalar(QStringLiteral("SELECT id FROM tasks WHERE name = 'Nightly "
                                                   "report' AND kind = 'demo.hang'"))
                             .toLongLong();
    QVERIFY(stuck > 0);
    QVERIFY(w->window->lastMessage().contains(QStringLiteral("#%1 is stuck").arg(stuck)));
    // Several passes of a sweeper that already watched long enough.
    QTest::qWait(1000);
    w->refresh();
    QCOMPARE(statusOf(tdb, stuck), QStringLiteral("RUNNING"));
    // The first screen: the Stuck chip counts it and the table shows it.
    QTRY_VERIFY([&w] {
        w->refresh();
        return w->window->tasksView()->lastCounts().stuckRunning >= 1;
    }());
    QCOMPARE(statusOf(tdb, stuck), QStringLiteral("RUNNING"));
    QVERIFY(w->window->tasksView()->selectTask(stuck));
    w->window->showPage(MainWindow::Stuck);
    w->window->stuckView()->refresh();
    w->context->background().waitForIdle();
    QTRY_VERIFY([&] {
        for (const StuckTask &t : w->window->stuckView()->model()->report().running) {
            if (t.task.id == stuck)
                return true;
        }
        return false;
    }());
    QCOMPARE(statusOf(tdb, stuck), QStringLiteral("RUNNING"));
    // The sweeper is not hidden: after a whole timeout of watching it takes the task.
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(tdb, stuck), QStringLiteral("PENDING"), 20000);
}

void TestStartup::theDemoSaysHowManyTasksItReallyLoaded()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb, {});
    QVERIFY(w);
    w->window->loadDemo();
    const int total = tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks")).toInt();
    QVERIFY(total > 100);
    const QString text = w->window->lastMessage();
    // "%n task(s)": the English plural file makes it "tasks".
    QVERIFY2(text.startsWith(QStringLiteral("Demo loaded: %1 task").arg(total)), qPrintable(text));
    // The history's tasks are numbered ("Import orders #1042"), the others are not.
    const int history
        = tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE name LIKE '%#%'")).toInt();
    QVERIFY(history > 0 && history < total);
    QVERIFY2(text.contains(QStringLiteral("(%1 of them").arg(history)), qPrintable(text));
    w->refresh();
    QCOMPARE(w->window->tasksView()->lastCounts().total(), qint64(total));
    // Loaded again: nothing more, and it says so.
    w->window->loadDemo();
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks")).toInt(), total);
    QVERIFY2(w->window->lastMessage().contains(QStringLiteral("nothing was added")),
        qPrintable(w->window->lastMessage()));
}

void TestStartup::aDemoStepThatFailsIsReportedNotSwallowed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    // The database refuses one log line of the showcase, deep inside it: the
    // tasks before it are written, the steps after it never are.
    const QStringList refuse = TestDatabase::postgres()
        ? QStringList{QStringLiteral("CREATE FUNCTION refuse_demo_log() RETURNS trigger LANGUAGE "
                                     "plpgsql AS $$ BEGIN RAISE EXCEPTION 'log refused'; END $$"),
            QStringLiteral("CREATE TRIGGER refuse_demo_log BEFORE INSERT ON task_log FOR EACH ROW "
                           "WHEN (NEW.message = 'rotating 12 keys') EXECUTE FUNCTION "
                           "refuse_demo_log()")}
        : QStringList{QStringLiteral("CREATE TRIGGER refuse_demo_log BEFORE INSERT ON task_log "
                                     "WHEN NEW.message = 'rotating 12 keys' BEGIN "
                                     "SELECT RAISE(ABORT, 'log refused'); END")};
    {
        // Sent as they are: PostgreSQL does not prepare DDL.
        Result<QSqlDatabase> c = tdb.db().connection();
        QVERIFY(c.ok());
        for (const QString &statement : refuse) {
            QSqlQuery q(*c);
            QVERIFY2(q.exec(statement), qPrintable(q.lastError().text()));
        }
    }
    auto w = openWindow(tdb, {});
    QVERIFY(w);
    w->window->loadDemo();
    const QString text = w->window->lastMessage();
    QVERIFY2(text.startsWith(QStringLiteral("The demo was not loaded")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("log refused")), qPrintable(text));
    // No step after the refused one ran: the showcase's stuck task was never made.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE name = 'Nightly report' "
                                       "AND kind = 'demo.hang'"))
                 .toInt(),
        0);
}

void TestStartup::uncheckingTheSweeperStopsItAtOnceAndCheckingStartsIt()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(shortHeartbeatTimeout(tdb, 2000));
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 first = lostWorkerTask(tdb, seed, QStringLiteral("First"));
    QVERIFY(first > 0);
    auto w = openWindow(tdb, {false, true, false, 100});
    QVERIFY(w);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(tdb, first), QStringLiteral("PENDING"), 20000);

    SettingsDialog *dialog = openSettings(*w);
    QVERIFY(dialog);
    QVERIFY(dialog->runSweeperField()->isChecked());
    dialog->runSweeperField()->setChecked(false);
    dialog->accept();
    QVERIFY2(w->window->lastMessage().contains(QStringLiteral("sweeper of this app stopped")),
        qPrintable(w->window->lastMessage()));
    QVERIFY(!w->runtime->hasSweeper());
    // It gave its lease back, and a task lost now stays as it is.
    QTRY_COMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM leases WHERE name = 'sweeper'")).toInt(),
        0);
    const qint64 second = lostWorkerTask(tdb, seed, QStringLiteral("Second"));
    QVERIFY(second > 0);
    QTest::qWait(3000); // more than a whole timeout, many intervals
    QCOMPARE(statusOf(tdb, second), QStringLiteral("RUNNING"));

    dialog = openSettings(*w);
    QVERIFY(dialog);
    QVERIFY(!dialog->runSweeperField()->isChecked());
    dialog->runSweeperField()->setChecked(true);
    dialog->accept();
    QVERIFY2(w->window->lastMessage().contains(QStringLiteral("sweeper of this app started")),
        qPrintable(w->window->lastMessage()));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(tdb, second), QStringLiteral("PENDING"), 20000);
}

void TestStartup::uncheckingTheSchedulerStopsItAtOnceAndTheStatusBarFollows()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    // A scheduler process, stopped, as the demo defines one.
    ProcessDefinition d;
    d.name = QStringLiteral("some-scheduler");
    d.program = QStringLiteral("/bin/sleep");
    d.args = {QStringLiteral("300")};
    d.role = ProcessRole::Scheduler;
    QVERIFY(ProcessStore(tdb.db(), QStringLiteral("setup")).add(d).ok());
    auto w = openWindow(tdb, {false, false, true, 100});
    QVERIFY(w);
    w->window->processesView()->refresh();
    QTRY_VERIFY(w->runtime->isSchedulerActive());
    QTRY_VERIFY2(w->rolesText().contains(QStringLiteral("Scheduler: running in this app")),
        qPrintable(w->rolesText()));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM leases WHERE name = 'scheduler'")).toInt(),
        1);

    SettingsDialog *dialog = openSettings(*w);
    QVERIFY(dialog);
    dialog->runSchedulerField()->setChecked(false);
    dialog->accept();
    QVERIFY2(w->window->lastMessage().contains(QStringLiteral("scheduler of this app stopped")),
        qPrintable(w->window->lastMessage()));
    QTRY_COMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM leases WHERE name = 'scheduler'")).toInt(),
        0);
    QTRY_VERIFY2(
        w->rolesText().contains(QStringLiteral("Scheduler: stopped")), qPrintable(w->rolesText()));

    dialog = openSettings(*w);
    QVERIFY(dialog);
    dialog->runSchedulerField()->setChecked(true);
    dialog->accept();
    QTRY_COMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM leases WHERE name = 'scheduler'")).toInt(),
        1);
    QTRY_VERIFY2(w->rolesText().contains(QStringLiteral("Scheduler: running in this app")),
        qPrintable(w->rolesText()));
}

void TestStartup::theSettingsShowTheDatabaseInUse()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb, {});
    QVERIFY(w);
    SettingsDialog *dialog = openSettings(*w);
    QVERIFY(dialog);
    const QString inUse = w->context->database().location().display();
    QCOMPARE(dialog->databaseInUseLabel()->text(), inUse);
    QVERIFY(inUse != DatabaseLocation::resolve({}));
    // The preference for the next start is a field of its own, empty until set.
    QCOMPARE(dialog->databaseField()->text(), QString());
    dialog->reject();
}

void TestStartup::withoutUserAndLognameTheOperatorIsTheAccountOfTheUid()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString account = accountOfThisProcess();
    QVERIFY(!account.isEmpty());
    const QByteArray user = qgetenv("USER");
    const QByteArray logname = qgetenv("LOGNAME");
    qunsetenv("USER");
    qunsetenv("LOGNAME");
    const auto restore = qScopeGuard([&] {
        if (!user.isNull())
            qputenv("USER", user);
        if (!logname.isNull())
            qputenv("LOGNAME", logname);
    });
    QCOMPARE(AuditLog::osUser(), account);

    // The window: no operator name in the settings.
    auto w = openWindow(tdb, {}, QString());
    QVERIFY(w);
    QCOMPARE(w->context->operatorName(), account);
    auto *label = w->window->findChild<QLabel *>(QStringLiteral("operatorLabel"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("Operator: %1").arg(account));

    // taskdeskctl, in an environment without them either.
    QProcess ctl;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("USER"));
    env.remove(QStringLiteral("LOGNAME"));
    ctl.setProcessEnvironment(env);
    ctl.start(QStringLiteral(TASKDESK_CTL_PATH),
        {QStringLiteral("--db"), tdb.url(), QStringLiteral("enqueue"), QStringLiteral("demo")});
    QVERIFY(ctl.waitForFinished(30000));
    QCOMPARE(ctl.exitCode(), 0);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = 'enqueue'"))
                 .toString(),
        account);
}

void TestStartup::startingAProcessSaysSoOnceItRuns()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessDefinition d;
    d.name = QStringLiteral("sleeper");
    d.program = QStringLiteral("/bin/sleep");
    d.args = {QStringLiteral("300")};
    QVERIFY(ProcessStore(tdb.db(), QStringLiteral("setup")).add(d).ok());
    auto w = openWindow(tdb, {true, false, false, 100});
    QVERIFY(w);
    w->window->showPage(MainWindow::Processes);
    ProcessesView *view = w->window->processesView();
    view->refresh();
    QVERIFY(view->selectProcess(QStringLiteral("sleeper")));
    view->startSelected();
    QVERIFY2(w->window->lastMessage().startsWith(QStringLiteral("Starting sleeper.")),
        qPrintable(w->window->lastMessage()));
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&] {
            view->refresh();
            return w->window->lastMessage().startsWith(QStringLiteral("sleeper is running"));
        }(),
        qPrintable(w->window->lastMessage()), 20000);
    QVERIFY(!w->window->statusBar()->currentMessage().startsWith(QStringLiteral("Starting")));
}

void TestStartup::aMissingDatabaseFileIsAskedAboutNeverCreatedUnasked_data()
{
    QTest::addColumn<QString>("answer");
    QTest::newRow("quit is the answer of Return") << QStringLiteral("return");
    QTest::newRow("quit is the answer of Escape") << QStringLiteral("escape");
    QTest::newRow("quit, clicked") << QStringLiteral("quit");
    QTest::newRow("create it, clicked") << QStringLiteral("create");
    QTest::newRow("choose another, an existing file") << QStringLiteral("another");
    QTest::newRow("choose another, then none: the question stays")
        << QStringLiteral("another-none");
}

void TestStartup::aMissingDatabaseFileIsAskedAboutNeverCreatedUnasked()
{
    if (TestDatabase::postgres())
        QSKIP("SQLite files only; the SQLite run covers it");
    QFETCH(QString, answer);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString typo = dir.filePath(QStringLiteral("taskdsk/taskdesk.db")); // a mistyped folder
    const QString existing = dir.filePath(QStringLiteral("real.db"));
    {
        Database real(*DatabaseLocation::parse(existing));
        QVERIFY(!real.open());
    }
    Result<DatabaseLocation> location = DatabaseLocation::parse(typo);
    QVERIFY(location.ok());

    bool asked = false;
    QString buttons;
    answerMissingDatabase([&](MissingDatabaseDialog *dialog) {
        asked = true;
        for (QPushButton *b : dialog->findChildren<QPushButton *>())
            buttons += b->text()
                + (b->isDefault() ? QStringLiteral("(default) ") : QStringLiteral(" "));
        QVERIFY(dialog->text().contains(typo));
        QVERIFY(dialog->text().contains(QStringLiteral("does not exist either")));
        if (answer == QLatin1String("return")) {
            QTest::keyClick(dialog, Qt::Key_Return);
        } else if (answer == QLatin1String("escape")) {
            QTest::keyClick(dialog, Qt::Key_Escape);
        } else if (answer == QLatin1String("quit")) {
            QTest::mouseClick(dialog->quitButton(), Qt::LeftButton);
        } else if (answer == QLatin1String("create")) {
            QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        } else if (answer == QLatin1String("another")) {
            dialog->setChooser([&](QWidget *, const QString &) { return existing; });
            QTest::mouseClick(dialog->chooseButton(), Qt::LeftButton);
        } else {
            dialog->setChooser([](QWidget *, const QString &) { return QString(); });
            QTest::mouseClick(dialog->chooseButton(), Qt::LeftButton);
            QVERIFY(dialog->isVisible()); // still asked
            QTest::mouseClick(dialog->quitButton(), Qt::LeftButton);
        }
    });
    const std::optional<DatabaseLocation> chosen = Launcher::confirmLocation(*location);
    QVERIFY(asked);
    QVERIFY2(buttons.contains(QStringLiteral("Quit(default)")), qPrintable(buttons));
    QVERIFY2(!buttons.contains(QStringLiteral("Demo")), qPrintable(buttons));
    QVERIFY2(!buttons.contains(QStringLiteral("Create It(default)")), qPrintable(buttons));
    // Whatever the answer, the question itself made nothing.
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("taskdsk"))));
    if (answer == QLatin1String("create")) {
        QVERIFY(chosen);
        QCOMPARE(chosen->path, typo);
        Database created(*chosen);
        QVERIFY(!created.open()); // made now, as asked
        QVERIFY(QFileInfo::exists(typo));
    } else if (answer == QLatin1String("another")) {
        QVERIFY(chosen);
        QCOMPARE(chosen->path, existing);
    } else {
        QVERIFY(!chosen);
    }
}

void TestStartup::anExistingDatabaseFileIsOpenedWithoutAQuestion()
{
    if (TestDatabase::postgres())
        QSKIP("SQLite files only; the SQLite run covers it");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("taskdesk.db"));
    {
        Database db(*DatabaseLocation::parse(path));
        QVERIFY(!db.open());
    }
    bool asked = false;
    answerMissingDatabase([&asked](MissingDatabaseDialog *dialog) {
        asked = true;
        dialog->reject();
    });
    const std::optional<DatabaseLocation> chosen
        = Launcher::confirmLocation(*DatabaseLocation::parse(path));
    QVERIFY(chosen);
    QCOMPARE(chosen->path, path);
    QCoreApplication::processEvents();
    QVERIFY(!asked);
}

void TestStartup::aDeletedDatabaseFileIsSaidAndNeverMadeAgain()
{
    if (TestDatabase::postgres())
        QSKIP("a file deleted under the window is SQLite's; the PostgreSQL run of tst_mainwindow "
              "drops the server's connections instead");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 waiting = seed.pending(QStringLiteral("Waiting"));
    auto w = openWindow(tdb, {});
    QVERIFY(w);
    w->refresh();
    QCOMPARE(w->window->tasksView()->model()->rowCount(), 1);
    auto *state = w->window->findChild<QLabel *>(QStringLiteral("stateLabel"));
    QVERIFY(state);
    QCOMPARE(state->text(), QStringLiteral("Connected"));
    QVERIFY(w->window->tasksView()->selectTask(waiting));

    const QString path = w->context->database().location().path;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    QVERIFY(!QFileInfo::exists(path));

    // F5 at once, before the window's once-a-second look: never "Connected"
    // with the old rows, which the open connection still reads.
    w->window->tasksView()->actions()->refreshAction()->trigger();
    QVERIFY2(state->text() != QStringLiteral("Connected"), qPrintable(state->text()));
    QVERIFY(w->context->isFileLost());
    QVERIFY2(w->window->banner()->text().contains(QStringLiteral("deleted or replaced")),
        qPrintable(w->window->banner()->text()));
    QVERIFY(!w->window->tasksView()->actions()->cancelAction()->isEnabled());
    w->context->background().waitForIdle();
    QTest::qWait(1500); // a probe tick, and the refresh's answer
    w->refresh();
    QVERIFY2(state->text() != QStringLiteral("Connected"), qPrintable(state->text()));
    QVERIFY(w->window->banner()->isVisible());
    QVERIFY(!QFileInfo::exists(path));
}

void TestStartup::theFirstActionOnADeletedDatabaseFileMakesNoNewOne()
{
    if (TestDatabase::postgres())
        QSKIP("a file deleted under the window is SQLite's");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const qint64 waiting = TaskSeeder(store).pending(QStringLiteral("Waiting"));
    auto w = openWindow(tdb, {});
    QVERIFY(w);
    w->refresh();
    QVERIFY(w->window->tasksView()->selectTask(waiting));
    const QString path = w->context->database().location().path;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);

    // Before the window's once-a-second look: the action is refused with what
    // happened, and no new empty file appears (nor "no such table: tasks").
    Confirm::answerNext(true);
    w->window->tasksView()->actions()->cancelAction()->trigger();
    QVERIFY(w->context->writer().waitForIdle(30000));
    QTRY_VERIFY(!w->window->lastMessage().isEmpty());
    const QString message = w->window->lastMessage();
    QVERIFY2(!message.contains(QStringLiteral("no such table")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("deleted")), qPrintable(message));
    QVERIFY(!QFileInfo::exists(path));
    QTRY_VERIFY(w->context->isFileLost());
    QVERIFY(w->window->banner()->text().contains(QStringLiteral("deleted or replaced")));
    QVERIFY(!QFileInfo::exists(path));
}

// The window after the demo (message bar, status bar), the settings dialog and
// the missing-database question, at their default size and at 800×500, as
// PNG files in TASKDESK_SCREENSHOT_DIR (default: the test's temporary folder)
// to be looked at.
void TestStartup::theChangedWindowsRenderToFiles()
{
    if (TestDatabase::postgres())
        QSKIP("the pictures are the same on both databases");
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString folder = qEnvironmentVariableIsEmpty("TASKDESK_SCREENSHOT_DIR")
        ? tdb.tempPath()
        : qEnvironmentVariable("TASKDESK_SCREENSHOT_DIR");
    QVERIFY(QDir().mkpath(folder));
    auto save = [&folder](QWidget *widget, const QString &name) {
        QCoreApplication::processEvents();
        const QPixmap pixmap = widget->grab();
        return !pixmap.isNull()
            && pixmap.save(QDir(folder).filePath(QStringLiteral("startup-%1.png").arg(name)));
    };
    auto w = openWindow(tdb, {false, true, true, 100});
    QVERIFY(w);
    w->window->loadDemo();
    w->window->processesView()->refresh();
    QTRY_VERIFY(w->runtime->isSchedulerActive());
    w->refresh();
    w->window->resize(w->window->sizeHint().expandedTo(QSize(1500, 900)));
    QVERIFY(save(w->window.get(), QStringLiteral("window")));
    w->window->resize(800, 500);
    QVERIFY(save(w->window.get(), QStringLiteral("window-800x500")));

    SettingsDialog *dialog = openSettings(*w);
    QVERIFY(dialog);
    dialog->adjustSize();
    QVERIFY(save(dialog, QStringLiteral("settings")));
    dialog->resize(800, 500);
    QVERIFY(save(dialog, QStringLiteral("settings-800x500")));
    dialog->reject();

    MissingDatabaseDialog question(tdb.tempPath() + QStringLiteral("/taskdsk/taskdesk.db"));
    question.show();
    QVERIFY(QTest::qWaitForWindowExposed(&question));
    QVERIFY(save(&question, QStringLiteral("missing-database")));
    question.resize(800, 500);
    QVERIFY(save(&question, QStringLiteral("missing-database-800x500")));
}

TASKDESK_GUI_TEST_MAIN(TestStartup)
#include "tst_startup.moc"
