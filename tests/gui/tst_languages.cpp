// The desktop in each of its languages: the real window's words, the Force
// Stop question, Qt's own buttons, a core message, numbers, and the plural
// forms that Russian and Ukrainian have three of (1 задача, 2 задачи, 5 задач,
// 21 задача).

#include "core/alerts/alertengine.h"
#include "core/alerts/alertsettings.h"
#include "core/auditlog.h"
#include "core/database.h"
#include "core/demodata.h"
#include "core/scheduling/schedule.h"
#include "core/settings.h"
#include "core/sources/attachedsource.h"
#include "core/sources/sourcecatalog.h"
#include "core/sources/sourcedefinition.h"
#include "core/sources/sourceregistry.h"
#include "core/supervisor/processdefinition.h"
#include "core/supervisor/processstore.h"
#include "guitest.h"
#include "sourcefixture.h"
#include "ui/alerts/alertsview.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/mainwindow.h"
#include "ui/audit/audittablemodel.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/confirm.h"
#include "ui/common/coretext.h"
#include "ui/common/storedtext.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/processes/processesview.h"
#include "ui/processes/processtablemodel.h"
#include "ui/sources/sourceview.h"
#include "ui/stats/throughputchart.h"
#include "ui/tasks/taskactions.h"
#include "ui/tasks/taskdetailpane.h"
#include "ui/tasks/tasksview.h"
#include "ui/tasks/tasktablemodel.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStatusBar>

#include <algorithm>
#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;

namespace {

struct Window
{
    std::unique_ptr<AppContext> context;
    std::unique_ptr<RuntimeHost> runtime;
    std::unique_ptr<MainWindow> window;

    ~Window()
    {
        if (runtime && runtime->hasSupervisor()) {
            QSignalSpy stopped(runtime.get(), &RuntimeHost::processesStopped);
            runtime->stopProcesses();
            stopped.wait(30000);
        }
        window.reset();
        runtime.reset();
        context.reset();
    }
    TasksView *tasks() const { return window->tasksView(); }
    void refresh() const
    {
        tasks()->refresh();
        context->background().waitForIdle();
        QCoreApplication::processEvents();
    }
};

// A window made after the language is installed: widgets take their words
// when they are built.
// With `supervisor`, the window supervises this host's processes, as the app does.
// `db`: the window's own database (default: a second one on the test's data).
std::unique_ptr<Window> openWindow(TestDatabase &tdb, bool supervisor = false,
    QSize size = QSize(1200, 800), std::unique_ptr<Database> db = nullptr)
{
    auto w = std::make_unique<Window>();
    if (!db)
        db = tdb.open();
    if (db->open())
        return nullptr;
    auto settings = std::make_unique<AppSettings>(tdb.tempPath() + QStringLiteral("/taskdesk.ini"));
    settings->setRefreshIntervalMs(AppSettings::kMaxRefreshMs);
    settings->setOperatorName(QStringLiteral("alice"));
    w->context = std::make_unique<AppContext>(std::move(db), std::move(settings));
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
    w->window->resize(size);
    w->window->show();
    if (!QTest::qWaitForWindowExposed(w->window.get()))
        return nullptr;
    w->context->background().waitForIdle();
    QCoreApplication::processEvents();
    return w;
}

void useLanguage(const QString &language)
{
    installTranslations(*QCoreApplication::instance(), QLocale(language));
}

// "5 задач · сортировка: …": the count, before the sort order.
QString countOf(const Window &w)
{
    return w.tasks()->summaryText().section(QStringLiteral(" · "), 0, 0);
}

} // namespace

class TestLanguages final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { Confirm::resetForTests(); }
    void cleanupTestCase() { useLanguage(QStringLiteral("en")); }

    void theTaskCountHasTheRightPluralForm_data();
    void theTaskCountHasTheRightPluralForm();
    void theWindowSpeaksTheLanguage_data();
    void theWindowSpeaksTheLanguage();
    void numbersFollowTheLanguage();
    void aCoreMessageIsTranslatedInTheWindowOnly();
    void settingsOfferEachLanguageForTheNextStart();
    void supervisorMessagesSpeakTheLanguage();
    void aStoredCountHasTheRightPluralForm_data();
    void aStoredCountHasTheRightPluralForm();
    void everyStoredSentenceIsWordedByItsOwnTranslation();
    void cronAndProcessProblemsAreWordedPartByPart();
    void databaseErrorsSpeakTheLanguage();
    void sourceErrorsSpeakTheLanguage();
    void theTaskLogSpeaksTheLanguage();
    void alertsSpeakTheLanguage();
    void theAuditSaysProcessStatesInTheProcessesWords();
    void theChartTimesFollowTheLocale();
    void theStatusBarGivesWayInTheMiddleOfThePath_data();
    void theStatusBarGivesWayInTheMiddleOfThePath();
    void everyPageFitsTheSmallestWindow_data();
    void everyPageFitsTheSmallestWindow();
};

void TestLanguages::theTaskCountHasTheRightPluralForm_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("expected"); // for 1, 2, 5, 11, 21 and 22 tasks
    QTest::addColumn<QStringList>("deleted");
    QTest::newRow("English: one, other")
        << QStringLiteral("en")
        << QStringList{QStringLiteral("1 task"), QStringLiteral("2 tasks"),
               QStringLiteral("5 tasks"), QStringLiteral("11 tasks"), QStringLiteral("21 tasks"),
               QStringLiteral("22 tasks")}
        << QStringList{QStringLiteral("21 tasks deleted."), QStringLiteral("2 tasks deleted.")};
    QTest::newRow("Russian: one, few, many")
        << QStringLiteral("ru")
        << QStringList{QStringLiteral("1 задача"), QStringLiteral("2 задачи"),
               QStringLiteral("5 задач"), QStringLiteral("11 задач"), QStringLiteral("21 задача"),
               QStringLiteral("22 задачи")}
        << QStringList{QStringLiteral("21 задача удалена."), QStringLiteral("2 задачи удалены.")};
    QTest::newRow("Ukrainian: one, few, many")
        << QStringLiteral("uk")
        << QStringList{QStringLiteral("1 задача"), QStringLiteral("2 задачі"),
               QStringLiteral("5 задач"), QStringLiteral("11 задач"), QStringLiteral("21 задача"),
               QStringLiteral("22 задачі")}
        << QStringList{QStringLiteral("21 задачу видалено."), QStringLiteral("2 задачі видалено.")};
}

// The Tasks page's count under the table, with that many real tasks.
void TestLanguages::theTaskCountHasTheRightPluralForm()
{
    QFETCH(QString, language);
    QFETCH(QStringList, expected);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    useLanguage(language);
    std::unique_ptr<Window> w = openWindow(tdb);
    QVERIFY(w);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const QList<int> counts{1, 2, 5, 11, 21, 22};
    int have = 0;
    for (int i = 0; i < counts.size(); ++i) {
        for (; have < counts.at(i); ++have)
            QVERIFY(seed.pending(QStringLiteral("task %1").arg(have)) > 0);
        w->refresh();
        QTRY_COMPARE(countOf(*w), expected.at(i));
    }
    // The forms in a sentence, where the count's case follows the verb
    // (Ukrainian: "21 задачу видалено").
    QFETCH(QStringList, deleted); // for 21 and 2 tasks
    const char *source = "%Ln task(s) deleted.";
    QCOMPARE(QCoreApplication::translate("taskdesk::ui::TaskActions", source, nullptr, 21),
        deleted.at(0));
    QCOMPARE(QCoreApplication::translate("taskdesk::ui::TaskActions", source, nullptr, 2),
        deleted.at(1));
}

void TestLanguages::theWindowSpeaksTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("forceStop");
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("statusHeader");
    QTest::addColumn<QString>("tasksPage");
    QTest::addColumn<QString>("qtCancel"); // from Qt's own translations
    QTest::newRow("English") << QStringLiteral("en") << QStringLiteral("Force Stop")
                             << QStringLiteral("Force stop this task?") << QStringLiteral("Status")
                             << QStringLiteral("Tasks") << QStringLiteral("Cancel");
    QTest::newRow("Russian") << QStringLiteral("ru") << QStringLiteral("Принудительно остановить")
                             << QStringLiteral("Принудительно остановить эту задачу?")
                             << QStringLiteral("Статус") << QStringLiteral("Задачи")
                             << QStringLiteral("Отмена");
    QTest::newRow("Ukrainian") << QStringLiteral("uk") << QStringLiteral("Примусово зупинити")
                               << QStringLiteral("Примусово зупинити цю задачу?")
                               << QStringLiteral("Статус") << QStringLiteral("Задачі")
                               << QStringLiteral("Скасувати");
}

void TestLanguages::theWindowSpeaksTheLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, forceStop);
    QFETCH(QString, question);
    QFETCH(QString, statusHeader);
    QFETCH(QString, tasksPage);
    QFETCH(QString, qtCancel);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    useLanguage(language);
    QCOMPARE(installedLanguage(), language);
    std::unique_ptr<Window> w = openWindow(tdb);
    QVERIFY(w);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    const qint64 running = seed.running(QStringLiteral("Nightly report"));
    QVERIFY(running > 0);
    w->refresh();

    TaskActions *actions = w->tasks()->actions();
    QCOMPARE(actions->forceStopAction()->text(), forceStop);
    QCOMPARE(w->tasks()->model()->headerData(TaskTableModel::Status, Qt::Horizontal).toString(),
        statusHeader);
    QVERIFY2(w->window->windowTitle().contains(QLatin1String("Taskdesk")),
        qPrintable(w->window->windowTitle()));
    QCOMPARE(QCoreApplication::translate("taskdesk::ui::MainWindow", "Tasks"), tasksPage);

    // The Force Stop question, as the operator reads it; declined.
    QVERIFY(w->tasks()->selectTask(running));
    QTRY_VERIFY(actions->forceStopAction()->isEnabled());
    Confirm::answerNext(false);
    actions->forceStopAction()->trigger();
    QTRY_VERIFY(Confirm::lastQuestion().has_value());
    QCOMPARE(Confirm::lastQuestion()->question, question);
    QCOMPARE(Confirm::lastQuestion()->acceptLabel, forceStop);

    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')), qtCancel);
}

void TestLanguages::numbersFollowTheLanguage()
{
    useLanguage(QStringLiteral("ru"));
    QCOMPARE(QLocale().language(), QLocale::Russian);
    QCOMPARE(QLocale().toString(12345), QStringLiteral("12\u00a0345"));
    useLanguage(QStringLiteral("uk"));
    QCOMPARE(QLocale().language(), QLocale::Ukrainian);
    useLanguage(QStringLiteral("en"));
    QCOMPARE(QLocale().toString(12345), QStringLiteral("12,345"));
}

// Core marks its message; the window translates it; the message itself, what
// taskdeskctl prints, stays English.
void TestLanguages::aCoreMessageIsTranslatedInTheWindowOnly()
{
    Schedule s;
    s.name = QStringLiteral("nightly");
    s.kind = QStringLiteral("report");
    s.everyS = 60;
    s.priority = 5000;
    const Error e = s.validate();
    QCOMPARE(e.kind(), ErrorKind::Invalid);
    useLanguage(QStringLiteral("ru"));
    QCOMPARE(e.message(), QStringLiteral("priority must be between -1000 and 1000"));
    QCOMPARE(coreText(e), QStringLiteral("приоритет должен быть от -1000 до 1000"));
    useLanguage(QStringLiteral("uk"));
    QCOMPARE(coreText(e), QStringLiteral("пріоритет має бути від -1000 до 1000"));
    s.priority = 0;
    s.name = QStringLiteral("bad name %2");
    const Error named = s.validate();
    QVERIFY2(
        coreText(named).startsWith(QStringLiteral("неприпустима назва розкладу «bad name %2»")),
        qPrintable(coreText(named)));
    useLanguage(QStringLiteral("en"));
    QCOMPARE(coreText(e), e.message());
}

void TestLanguages::settingsOfferEachLanguageForTheNextStart()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    useLanguage(QStringLiteral("ru"));
    std::unique_ptr<Window> w = openWindow(tdb);
    QVERIFY(w);
    QCOMPARE(w->context->settings().language(), QString());
    SettingsDialog dialog(*w->context, w->window.get());
    QComboBox *language = dialog.languageField();
    QStringList offered;
    for (int i = 0; i < language->count(); ++i)
        offered << language->itemText(i);
    QCOMPARE(offered,
        (QStringList{QStringLiteral("Как в системе"), QStringLiteral("English"),
            QStringLiteral("Русский"), QStringLiteral("Українська")}));
    language->setCurrentIndex(language->findData(QStringLiteral("uk")));
    dialog.accept();
    QCOMPARE(w->context->settings().language(), QStringLiteral("uk"));
    QVERIFY2(dialog.resultMessage().contains(
                 QStringLiteral("Новый язык будет использоваться со следующего запуска.")),
        qPrintable(dialog.resultMessage()));
    QCOMPARE(localeForLanguage(QStringLiteral("uk")).language(), QLocale::Ukrainian);
    QCOMPARE(localeForLanguage(QString()), QLocale::system());
}

// The supervisor stores its messages in English (taskdeskctl prints them as
// stored); the Processes page words them, with their parts and counts.
void TestLanguages::supervisorMessagesSpeakTheLanguage()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore processes(tdb.db(), QStringLiteral("setup"));
    ProcessDefinition missing;
    missing.name = QStringLiteral("missing");
    missing.program = QStringLiteral("/nonexistent/exporter");
    QVERIFY(processes.add(missing).ok());
    ProcessDefinition crasher;
    crasher.name = QStringLiteral("crasher");
    crasher.program = QStringLiteral("/bin/sh");
    crasher.args = {QStringLiteral("-c"), QStringLiteral("exit 3")};
    crasher.maxFailures = 2;
    crasher.backoffBaseMs = 20;
    crasher.backoffCapMs = 40;
    crasher.healthyAfterMs = 10000;
    QVERIFY(processes.add(crasher).ok());
    useLanguage(QStringLiteral("ru"));
    std::unique_ptr<Window> w = openWindow(tdb, true);
    QVERIFY(w);
    QVERIFY(processes.setDesired(QStringLiteral("missing"), DesiredState::Running).ok());
    QVERIFY(processes.setDesired(QStringLiteral("crasher"), DesiredState::Running).ok());
    w->window->showPage(MainWindow::Processes);
    ProcessesView *view = w->window->processesView();
    auto cell = [view](const QString &name, int column) {
        view->refresh();
        const int row = view->model()->rowOf(name);
        return row < 0 ? QString() : view->model()->index(row, column).data().toString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("missing"), ProcessTableModel::Message),
        QStringLiteral("программа /nonexistent/exporter не существует"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("crasher"), ProcessTableModel::Message),
        QStringLiteral("завершился 2 раза подряд, не проработав и 10000 мс (последний выход: код "
                       "выхода 3); запустите его снова, когда причина будет устранена"),
        30000);
    QCOMPARE(cell(QStringLiteral("crasher"), ProcessTableModel::LastExit),
        QStringLiteral("код выхода 3"));
    // The supervisor's notes among its output, as it went.
    QVERIFY(view->selectProcess(QStringLiteral("crasher")));
    const auto output = [view]() {
        view->refresh();
        return view->outputText();
    };
    QTRY_VERIFY_WITH_TIMEOUT(output().contains(QStringLiteral("[event] Сбой: ")), 10000);
    QVERIFY2(view->outputText().contains(QStringLiteral("[event] запущен (pid ")),
        qPrintable(view->outputText()));
    QVERIFY2(view->outputText().contains(QStringLiteral("[event] завершился: код выхода 3")),
        qPrintable(view->outputText()));
    // As stored, for taskdeskctl and its --json.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT message FROM processes WHERE name = 'missing'"))
                 .toString(),
        QStringLiteral("the program /nonexistent/exporter does not exist"));
    // The messages of the states between, worded the same way.
    QCOMPARE(storedText(QStringLiteral("exited (exit code 3); restarting in 1200 ms (failure 1 "
                                       "of 5)")),
        QStringLiteral("завершился (код выхода 3); перезапуск через 1200 мс (сбой 1 из 5)"));
    QCOMPARE(storedText(QStringLiteral("stopped by an operator")),
        QStringLiteral("остановлен оператором"));
    useLanguage(QStringLiteral("uk"));
    QCOMPARE(cell(QStringLiteral("missing"), ProcessTableModel::Message),
        QStringLiteral("програми /nonexistent/exporter не існує"));
    useLanguage(QStringLiteral("en"));
    QCOMPARE(cell(QStringLiteral("missing"), ProcessTableModel::Message),
        QStringLiteral("the program /nonexistent/exporter does not exist"));
}

void TestLanguages::aStoredCountHasTheRightPluralForm_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("expected"); // for 1, 2, 5, 11, 21 and 22
    QTest::newRow("English") << QStringLiteral("en")
                             << QStringList{QStringLiteral("restarting after 1 failure"),
                                    QStringLiteral("restarting after 2 failures"),
                                    QStringLiteral("restarting after 5 failures"),
                                    QStringLiteral("restarting after 11 failures"),
                                    QStringLiteral("restarting after 21 failures"),
                                    QStringLiteral("restarting after 22 failures")};
    QTest::newRow("Russian") << QStringLiteral("ru")
                             << QStringList{QStringLiteral("перезапуск после 1 сбоя"),
                                    QStringLiteral("перезапуск после 2 сбоев"),
                                    QStringLiteral("перезапуск после 5 сбоев"),
                                    QStringLiteral("перезапуск после 11 сбоев"),
                                    QStringLiteral("перезапуск после 21 сбоя"),
                                    QStringLiteral("перезапуск после 22 сбоев")};
    QTest::newRow("Ukrainian") << QStringLiteral("uk")
                               << QStringList{QStringLiteral("перезапуск після 1 збою"),
                                      QStringLiteral("перезапуск після 2 збоїв"),
                                      QStringLiteral("перезапуск після 5 збоїв"),
                                      QStringLiteral("перезапуск після 11 збоїв"),
                                      QStringLiteral("перезапуск після 21 збою"),
                                      QStringLiteral("перезапуск після 22 збоїв")};
}

// A count in a stored sentence chooses the plural form of the language.
void TestLanguages::aStoredCountHasTheRightPluralForm()
{
    QFETCH(QString, language);
    QFETCH(QStringList, expected);
    useLanguage(language);
    const QList<int> counts{1, 2, 5, 11, 21, 22};
    for (int i = 0; i < counts.size(); ++i)
        QCOMPARE(storedText(QStringLiteral("restarting after %1 failure(s)").arg(counts.at(i))),
            expected.at(i));
    if (language == QLatin1String("ru")) {
        QCOMPARE(storedText(QStringLiteral("[… 1 lines dropped …]")),
            QStringLiteral("[… пропущена 1 строка …]"));
        QCOMPARE(storedText(QStringLiteral("[… 22 lines dropped …]")),
            QStringLiteral("[… пропущено 22 строки …]"));
        QCOMPARE(storedText(QStringLiteral("[… 5 lines dropped …]")),
            QStringLiteral("[… пропущено 5 строк …]"));
    }
    useLanguage(QStringLiteral("en"));
}

// Each known sentence, as the core fills it, is found and worded by its own
// translation: none is shadowed by another that matches first.
void TestLanguages::everyStoredSentenceIsWordedByItsOwnTranslation()
{
    for (const QString &language : {QStringLiteral("ru"), QStringLiteral("uk")}) {
        useLanguage(language);
        for (const QString &pattern : storedTextPatterns()) {
            QStringList args;
            for (int i = 1; i <= 9; ++i)
                args << QStringLiteral("<%1>").arg(i);
            QString english = Error::fill(pattern, args);
            english.replace(QLatin1String("%n"), QLatin1String("7"));
            const QByteArray source = pattern.toUtf8();
            const QString expected = Error::fill(
                QCoreApplication::translate("taskdesk::StoredText", source.constData(), nullptr,
                    pattern.contains(QLatin1String("%n")) ? 7 : -1),
                args);
            QCOMPARE(storedText(english), expected);
            QVERIFY2(expected != english, qPrintable(language + QLatin1String(": ") + english));
        }
    }
    useLanguage(QStringLiteral("en"));
}

// A cron expression's error and a process definition's problems are made of
// parts: the window words each one, the whole stays English for taskdeskctl.
void TestLanguages::cronAndProcessProblemsAreWordedPartByPart()
{
    Schedule s;
    s.name = QStringLiteral("nightly");
    s.kind = QStringLiteral("report");
    s.cron = QStringLiteral("61 * * * *");
    const Error cron = s.validate();
    QCOMPARE(cron.kind(), ErrorKind::Invalid);
    QCOMPARE(cron.message(),
        QStringLiteral("invalid cron expression '61 * * * *': minute field: '61' is out of range "
                       "0-59"));
    s.cron = QStringLiteral("* * * jun-foo *");
    const Error named = s.validate();
    s.cron = QStringLiteral("* *");
    const Error fields = s.validate();

    ProcessDefinition d;
    d.name = QStringLiteral("exporter");
    d.stopGraceMs = -1;
    const Error one = [&d] {
        ProcessDefinition single = d;
        single.program = QStringLiteral("/bin/true");
        return single.validate();
    }();
    const Error problems = d.validate();
    QCOMPARE(problems.kind(), ErrorKind::Invalid);
    QCOMPARE(problems.message(),
        QStringLiteral("the program is empty; the stop grace time must be between 0 and 3600000 "
                       "ms (got -1)"));

    useLanguage(QStringLiteral("ru"));
    QCOMPARE(coreText(cron),
        QStringLiteral("неверное выражение cron «61 * * * *»: поле «минута»: «61» вне диапазона "
                       "0–59"));
    QCOMPARE(coreText(named),
        QStringLiteral("неверное выражение cron «* * * jun-foo *»: поле «месяц»: «foo» — не число "
                       "и не название месяца (jan–dec)"));
    QCOMPARE(coreText(fields),
        QStringLiteral("неверное выражение cron «* *»: нужно пять полей (minute hour day-of-month "
                       "month day-of-week), указано 2"));
    QCOMPARE(coreText(problems),
        QStringLiteral("программа не указана; время на остановку должно быть от 0 до 3600000 мс "
                       "(указано -1)"));
    QCOMPARE(one.kind(), ErrorKind::Invalid);
    QCOMPARE(coreText(one),
        QStringLiteral("время на остановку должно быть от 0 до 3600000 мс (указано -1)"));
    useLanguage(QStringLiteral("uk"));
    QCOMPARE(coreText(cron),
        QStringLiteral("неправильний вираз cron «61 * * * *»: поле «хвилина»: «61» поза "
                       "діапазоном 0–59"));
    useLanguage(QStringLiteral("en"));
    QCOMPARE(coreText(cron), cron.message());
    QCOMPARE(coreText(problems), problems.message());
}

// What the database says when it cannot be opened, or is lost while the
// window runs (the banner), in the operator's language.
void TestLanguages::databaseErrorsSpeakTheLanguage()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    useLanguage(QStringLiteral("ru"));
    const QString folder = tdb.tempPath() + QStringLiteral("/folder.db");
    QVERIFY(QDir().mkpath(folder));
    Database onFolder(*DatabaseLocation::parse(folder));
    const Error e = onFolder.open();
    QVERIFY(e.isError());
    QCOMPARE(coreText(e), QStringLiteral("%1 — это папка, а не файл базы данных").arg(folder));
    const Result<DatabaseLocation> url
        = DatabaseLocation::parse(QStringLiteral("oracle://db/taskdesk"));
    QVERIFY(!url.ok());
    QVERIFY2(coreText(url.error()).startsWith(QStringLiteral("неизвестный адрес базы данных")),
        qPrintable(coreText(url.error())));

    if (!TestDatabase::postgres()) {
        std::unique_ptr<Window> w = openWindow(tdb);
        QVERIFY(w);
        const QString path = w->context->database().location().path;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        w->context->checkNow();
        QTRY_VERIFY(w->context->isFileLost());
        const QString reason = QStringLiteral("файл базы данных %1 удалён во время работы; больше "
                                              "ничего не записывается, и он не будет создан заново")
                                   .arg(path);
        QCOMPARE(w->context->unavailableReason(), reason);
        QVERIFY2(
            w->window->banner()->text().contains(reason), qPrintable(w->window->banner()->text()));
    }
    useLanguage(QStringLiteral("en"));
}

// What the core says about another program's job table (its definition, its
// table as the database has it, a refused action, a MySQL URL), made by the
// real core and worded in the window; problems joined with "; " each on its own.
void TestLanguages::sourceErrorsSpeakTheLanguage()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString path = tdb.tempPath() + QStringLiteral("/django.sqlite3");
    DjangoFile django(path);
    QVERIFY(django.create());
    QVERIFY(attach(tdb, path));
    Result<SourceDefinition> def
        = SourceRegistry(tdb.db(), QStringLiteral("alice")).get(QStringLiteral("warmup"));
    QVERIFY(def.ok());
    Result<std::unique_ptr<AttachedSource>> source
        = AttachedSource::open(tdb.db(), *def, QStringLiteral("alice"));
    QVERIFY2(source.ok(), qPrintable(source.error().message()));
    AttachedSource &s = **source;

    // A row changed between reading it and acting on it.
    Result<SourceRow> seen = s.reader().row(1);
    QVERIFY(seen.ok());
    QVERIFY(django.exec(
        QStringLiteral("UPDATE warmup_warmuptask SET updated_at = '2031-01-01 00:00:00.000000' "
                       "WHERE id = 1")));
    Result<SourceRow> now = s.reader().row(1);
    QVERIFY(now.ok());
    Result<SourceActionReport> fenced = s.actions().apply(TaskAction::ForceStop, *seen);
    QVERIFY(fenced.ok());
    QVERIFY(!fenced->done);
    QCOMPARE(fenced->refusal,
        QStringLiteral("row 1 changed since you looked (updated_at was '%1', is '%2'); nothing "
                       "was changed")
            .arg(seen->fence, now->fence));

    // An action not taken from the row's status names the action.
    Result<SourceRow> completed = s.reader().row(3);
    QVERIFY(completed.ok());
    Result<SourceActionReport> notFrom = s.actions().apply(TaskAction::ForceStop, *completed);
    QVERIFY(notFrom.ok());
    QCOMPARE(notFrom->refusal,
        QStringLiteral("row 3 is COMPLETED: Force Stop is not taken from that status; nothing was "
                       "changed"));

    // The table as its database has it.
    SourceCatalog catalog(s.database());
    Result<CatalogTable> missing = catalog.table(QStringLiteral("warmup_old"));
    QVERIFY(!missing.ok());
    SourceDefinition renamed = *def;
    renamed.mapping.error = QStringLiteral("error_msg");
    renamed.mapping.log = QStringLiteral("journal");
    renamed.mapping.created.column = QStringLiteral("made_at");
    const Error check = catalog.check(renamed);
    // English and the same for taskdeskctl and its --json.
    QCOMPARE(check.message(),
        QStringLiteral("source 'warmup': the error column 'error_msg' is not in "
                       "'warmup_warmuptask' (renamed?); the log column 'journal' is not in "
                       "'warmup_warmuptask' (renamed?); the created column 'made_at' is not in "
                       "'warmup_warmuptask' (renamed?)"));

    // What an action appends to the row's log column stays English in the
    // table, for the program that owns it; the window words it.
    Result<SourceRow> current = s.reader().row(1);
    QVERIFY(current.ok());
    Result<SourceActionReport> stopped = s.actions().apply(TaskAction::ForceStop, *current);
    QVERIFY(stopped.ok());
    QVERIFY(stopped->done);
    const QString storedLog
        = django.scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = 1"))
              .toString();
    QVERIFY2(storedLog.contains(QStringLiteral("] ⚠️ Task force stopped by alice")),
        qPrintable(storedLog));

    // A definition: what its JSON holds wrongly, then what its values are.
    const Error json = SourceDefinition::fromJson(
        QJsonObject{{QStringLiteral("name"), QStringLiteral("warmup")},
            {QStringLiteral("colour"), QStringLiteral("red")},
            {QStringLiteral("stuck"),
                QJsonObject{{QStringLiteral("action"), QStringLiteral("nuke")}}}})
                           .error();
    QCOMPARE(json.message(),
        QStringLiteral("source: unknown key 'colour'; source.stuck.action must be mark_failed or "
                       "retry, not 'nuke'"));
    const Error values = SourceDefinition::fromJson(
        QJsonObject{{QStringLiteral("name"), QStringLiteral("x y")},
            {QStringLiteral("location"), QStringLiteral("mysql://bob:secret@db/app")}})
                             .error();
    QCOMPARE(values.kind(), ErrorKind::Invalid);
    const Result<DatabaseLocation> mysql
        = DatabaseLocation::parse(QStringLiteral("mysql://bob:secret@db/app"));
    QVERIFY(!mysql.ok());
    SourceDefinition gone = *def;
    gone.location = tdb.tempPath() + QStringLiteral("/gone.sqlite3");
    const Result<std::unique_ptr<AttachedSource>> lost
        = AttachedSource::open(tdb.db(), gone, QStringLiteral("alice"));
    QVERIFY(!lost.ok());
    QCOMPARE(lost.error().message(),
        QStringLiteral("source warmup: cannot open %1: there is no such file (nothing was created)")
            .arg(gone.location));

    useLanguage(QStringLiteral("ru"));
    QCOMPARE(coreText(Error::refused(fenced->refusal)),
        QStringLiteral("строка 1 изменилась, пока вы смотрели (updated_at было «%1», стало «%2»); "
                       "ничего не изменено")
            .arg(seen->fence, now->fence));
    QCOMPARE(coreText(Error::refused(notFrom->refusal)),
        QStringLiteral("строка 3 в статусе COMPLETED: из этого статуса действие «Принудительно "
                       "остановить» не выполняется; ничего не изменено"));
    QCOMPARE(coreText(missing.error()),
        QStringLiteral("в %1 нет таблицы «warmup_old» (переименована или удалена?)")
            .arg(s.database().location().display()));
    QCOMPARE(coreText(check),
        QStringLiteral("источник «warmup»: столбца ошибки «error_msg» нет в «warmup_warmuptask» "
                       "(переименован?); столбца журнала «journal» нет в «warmup_warmuptask» "
                       "(переименован?); столбца времени создания «made_at» нет в "
                       "«warmup_warmuptask» (переименован?)"));
    {
        const QString log = sourceLogText(storedLog);
        QVERIFY2(log.startsWith(QStringLiteral("started\n")), qPrintable(log)); // its own line
        QVERIFY2(log.contains(QStringLiteral(
                     "] ⚠️ Задача принудительно остановлена "
                     "пользователем alice")),
            qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("force stopped")), qPrintable(log));
    }
    QCOMPARE(sourceLogText(QStringLiteral("[2026-03-01 10:00:00] ↻ Task retried by bob")),
        QStringLiteral("[2026-03-01 10:00:00] ↻ Задача повторно запущена пользователем bob"));
    // A line the program wrote itself stays as written.
    QCOMPARE(sourceLogText(QStringLiteral("[10:00] Task completed")),
        QStringLiteral("[10:00] Task completed"));
    QCOMPARE(coreText(json),
        QStringLiteral("source: неизвестный ключ «colour»; source.stuck.action должно быть "
                       "mark_failed или retry, а не «nuke»"));
    // One of its problems holds a "; " itself.
    QCOMPARE(coreText(values),
        QStringLiteral("«x y» — недопустимое имя источника (от 1 до 64 букв, цифр, «.», «_» или "
                       "«-», но не с «-» в начале); пароль в адресе базы данных не принимается; "
                       "укажите его в группе [client] файла параметров MySQL (~/.my.cnf, права "
                       "0600); не указана таблица; не указан столбец ключа; таблица: не указан "
                       "столбец статуса; не указан контрольный столбец: выберите столбец, "
                       "неизменность которого действие проверяет (updated_at, started_at или "
                       "столбец версии)"));
    QCOMPARE(coreText(mysql.error()),
        QStringLiteral("пароль в адресе базы данных не принимается; укажите его в группе [client] "
                       "файла параметров MySQL (~/.my.cnf, права 0600)"));
    QCOMPARE(coreText(lost.error()),
        QStringLiteral("источник warmup: не удаётся открыть %1: такого файла нет (ничего не "
                       "создано)")
            .arg(gone.location));
    QCOMPARE(coreText(Error::plain(QStringLiteral("row 7 is COMPLETED now (it was RUNNING when "
                                                  "you looked); nothing was changed"))),
        QStringLiteral("строка 7 теперь в статусе COMPLETED (когда вы смотрели, был RUNNING); "
                       "ничего не изменено"));

    useLanguage(QStringLiteral("uk"));
    QCOMPARE(coreText(Error::refused(fenced->refusal)),
        QStringLiteral("рядок 1 змінився, поки ви дивилися (updated_at було «%1», стало «%2»); "
                       "нічого не змінено")
            .arg(seen->fence, now->fence));
    QCOMPARE(coreText(json),
        QStringLiteral("source: невідомий ключ «colour»; source.stuck.action має бути "
                       "mark_failed або retry, а не «nuke»"));
    QCOMPARE(coreText(check),
        QStringLiteral("джерело «warmup»: стовпця помилки «error_msg» немає в «warmup_warmuptask» "
                       "(перейменовано?); стовпця журналу «journal» немає в «warmup_warmuptask» "
                       "(перейменовано?); стовпця часу створення «made_at» немає в "
                       "«warmup_warmuptask» (перейменовано?)"));
    QVERIFY2(
        sourceLogText(storedLog).contains(QStringLiteral(
            "] ⚠️ Задачу примусово зупинив користувач alice")),
        qPrintable(sourceLogText(storedLog)));
    QCOMPARE(coreText(mysql.error()),
        QStringLiteral("пароль в адресі бази даних не приймається; вкажіть його в групі [client] "
                       "файлу параметрів MySQL (~/.my.cnf, права 0600)"));

    useLanguage(QStringLiteral("en"));
    QCOMPARE(coreText(values), values.message());
    QCOMPARE(coreText(check), check.message());
}

// The store's own log lines are stored in English; the detail pane words them.
void TestLanguages::theTaskLogSpeaksTheLanguage()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    TaskSeeder seed(store);
    const qint64 id = seed.running(QStringLiteral("Nightly report"), {QStringLiteral("bob")});
    QVERIFY(id > 0);
    QVERIFY(store.actions().forceStop(id).ok());
    QVERIFY(!store.queue().appendLog(
        id, 0, QStringLiteral("output"), QStringLiteral("Task completed")));
    useLanguage(QStringLiteral("ru"));
    std::unique_ptr<Window> w = openWindow(tdb);
    QVERIFY(w);
    w->refresh();
    QVERIFY(w->tasks()->selectTask(id));
    TaskDetailPane *detail = w->tasks()->detail();
    QTRY_VERIFY(detail->logText().contains(QStringLiteral("alice")));
    const QString log = detail->logText();
    QVERIFY2(log.contains(QStringLiteral("Задача создана пользователем alice")), qPrintable(log));
    QVERIFY2(
        log.contains(QStringLiteral("Попытка 1 из 3 начата на воркере worker-1")), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral(
                 "⚠️ Задача принудительно остановлена "
                 "пользователем "
                 "alice")),
        qPrintable(log));
    QVERIFY2(!log.contains(QStringLiteral("Task created by")), qPrintable(log));
    // What the task printed stays as printed.
    QVERIFY2(log.contains(QStringLiteral("Task completed")), qPrintable(log));
    QCOMPARE(detail->errorText(),
        QStringLiteral("Задача принудительно остановлена пользователем alice"));
    // Stored as written, for taskdeskctl.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM task_log WHERE message = 'Task "
                                       "created by alice'"))
                 .toInt(),
        1);
    useLanguage(QStringLiteral("en"));
}

// What the alert engine writes (English, for taskdeskctl and the channels) is
// worded on the Alerts page: the summaries of the real engine, with their
// spans, in Russian and Ukrainian.
void TestLanguages::alertsSpeakTheLanguage()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    TaskSeeder seed(store);
    QVERIFY(seed.failed(QStringLiteral("payment check")) > 0);
    QVERIFY(seed.running(QStringLiteral("warm-up")) > 0);
    // The running task is stuck at once: no heartbeat for over a second.
    QVERIFY(!Settings(tdb.db()).set(
        QMap<QString, QString>{{QStringLiteral("sweeper.heartbeat_timeout_s"), QStringLiteral("1")},
            {QString(AlertSettingKey::StuckTasksForS), QStringLiteral("0")}}));
    QTest::qWait(1100);
    AlertEngine engine(tdb.db());
    QVERIFY(engine.passNow().ok());
    auto stuckAlerts = [&engine, &tdb]() {
        if (!engine.passNow().ok())
            return -1;
        return tdb.scalar(QStringLiteral("SELECT count(*) FROM alerts WHERE rule = 'stuck_tasks'"))
            .toInt();
    };
    QTRY_COMPARE(stuckAlerts(), 1);

    const QStringList languages{QStringLiteral("ru"), QStringLiteral("uk")};
    const QStringList failed{
        QStringLiteral("Задачи вида demo упали"), QStringLiteral("Завдання виду demo впали")};
    const QStringList stuck{QStringLiteral("Зависших задач: 1 дольше 0 с"),
        QStringLiteral("Завислих завдань: 1 довше ніж 0 с")};
    const QStringList rule{QStringLiteral("Задача упала"), QStringLiteral("Завдання впало")};
    for (int i = 0; i < languages.size(); ++i) {
        useLanguage(languages.at(i));
        std::unique_ptr<Window> w = openWindow(tdb);
        QVERIFY(w);
        w->window->showPage(MainWindow::Alerts);
        AlertsView *view = w->window->alertsView();
        view->refresh();
        QTRY_VERIFY(view->alerts()->rowCount() >= 2);
        QStringList summaries;
        QStringList rules;
        for (int r = 0; r < view->alerts()->rowCount(); ++r) {
            summaries << view->alerts()->index(r, AlertTableModel::Summary).data().toString();
            rules << view->alerts()->index(r, AlertTableModel::Rule).data().toString();
        }
        QVERIFY2(summaries.contains(failed.at(i)), qPrintable(summaries.join(QLatin1Char('|'))));
        QVERIFY2(summaries.contains(stuck.at(i)), qPrintable(summaries.join(QLatin1Char('|'))));
        QVERIFY2(rules.contains(rule.at(i)), qPrintable(rules.join(QLatin1Char('|'))));
    }
    useLanguage(QStringLiteral("en"));
    // Stored as the engine wrote it, for taskdeskctl and the channels.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT summary FROM alerts WHERE rule = 'stuck_tasks'"))
                 .toString(),
        QStringLiteral("Stuck tasks: 1 for longer than 0 s"));
}

// A process's audit rows hold its states ("RUNNING", "STOPPED"), which are
// worded as on the Processes page, not left as stored nor taken for a task's.
void TestLanguages::theAuditSaysProcessStatesInTheProcessesWords()
{
    useLanguage(QStringLiteral("ru"));
    AuditTableModel model;
    AuditEntry stop;
    stop.action = QStringLiteral("process_stop");
    stop.beforeStatus = QStringLiteral("RUNNING");
    stop.afterStatus = QStringLiteral("STOPPED");
    AuditEntry fatal;
    fatal.action = QStringLiteral("process_fatal");
    fatal.beforeStatus = QStringLiteral("BACKOFF");
    fatal.afterStatus = QStringLiteral("FATAL");
    model.setEntries({stop, fatal});
    QCOMPARE(model.index(0, AuditTableModel::Change).data().toString(),
        QStringLiteral("Работает → Остановлен"));
    QCOMPARE(
        model.index(1, AuditTableModel::Change).data().toString(), QStringLiteral("Пауза → Сбой"));
    useLanguage(QStringLiteral("en"));
}

// The time axis reads the operator's clock: 24 hours in Russian, AM/PM in the US.
void TestLanguages::theChartTimesFollowTheLocale()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QMap<qint64, QPair<qint64, qint64>> perMinute;
    perMinute.insert(now / 60000 - 30, {3, 1});
    for (const QString &language : {QStringLiteral("en_US"), QStringLiteral("ru")}) {
        installTranslations(*QCoreApplication::instance(), QLocale(language));
        ThroughputChart chart;
        chart.resize(900, 300);
        chart.setSeries(now - 3 * 3600 * 1000, now, perMinute);
        const QStringList labels = chart.timeAxisLabels();
        QVERIFY(labels.size() >= 2);
        for (const QString &label : labels) {
            const QTime t = QLocale().toTime(label, QLocale::ShortFormat);
            QVERIFY2(t.isValid(), qPrintable(label));
            QCOMPARE(label, QLocale().toString(t, QLocale::ShortFormat));
        }
        const bool twelveHours = std::any_of(labels.cbegin(), labels.cend(), [](const QString &l) {
            return l.contains(QLatin1String("AM")) || l.contains(QLatin1String("PM"));
        });
        QVERIFY2(
            twelveHours == (language == QLatin1String("en_US")), qPrintable(labels.join(u' ')));
    }
    useLanguage(QStringLiteral("en"));
}

void TestLanguages::theStatusBarGivesWayInTheMiddleOfThePath_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("Russian") << QStringLiteral("ru");
    QTest::newRow("Ukrainian") << QStringLiteral("uk");
}

// At 800×500 the database's path gives way in its middle (whole in its tool
// tip); the processes, the connection and the operator stay whole.
void TestLanguages::theStatusBarGivesWayInTheMiddleOfThePath()
{
    QFETCH(QString, language);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    useLanguage(language);
    // A path as long as a home folder's often is.
    const QString folder
        = tdb.tempPath() + QStringLiteral("/home/operator/.local/share/taskdesk/production");
    QVERIFY(QDir().mkpath(folder));
    auto db = std::make_unique<Database>(
        *DatabaseLocation::parse(folder + QStringLiteral("/taskdesk.db")));
    std::unique_ptr<Window> w = openWindow(tdb, false, QSize(800, 500), std::move(db));
    QVERIFY(w);
    QCOMPARE(w->window->size(), QSize(800, 500));
    QCoreApplication::processEvents();
    auto *database = w->window->findChild<QLabel *>(QStringLiteral("databaseLabel"));
    QVERIFY(database);
    const QString whole = QCoreApplication::translate("taskdesk::ui::MainWindow", "Database: %1")
                              .arg(w->context->database().location().display());
    QCOMPARE(database->toolTip(), whole);
    const QString shown = database->text();
    const int room = database->contentsRect().width();
    QVERIFY2(database->fontMetrics().horizontalAdvance(shown) <= room,
        qPrintable(QStringLiteral("'%1' is cut: %2 px in %3 px")
                       .arg(shown)
                       .arg(database->fontMetrics().horizontalAdvance(shown))
                       .arg(room)));
    QVERIFY2(shown.contains(QChar(0x2026)), qPrintable(shown)); // elided: the path is long
    QVERIFY2(shown.startsWith(whole.left(5)), qPrintable(shown));
    QVERIFY2(shown.endsWith(whole.right(3)), qPrintable(shown));
    const QRect bar = w->window->statusBar()->rect();
    for (const char *name : {"rolesLabel", "stateLabel", "operatorLabel", "databaseLabel"}) {
        auto *label = w->window->findChild<QLabel *>(QLatin1String(name));
        QVERIFY(label);
        QVERIFY2(label->isVisible(), name);
        const QRect at(label->mapTo(w->window->statusBar(), QPoint(0, 0)), label->size());
        QVERIFY2(bar.contains(at), name);
        if (label != database)
            QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
    }
    useLanguage(QStringLiteral("en"));
}

void TestLanguages::everyPageFitsTheSmallestWindow_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QStringLiteral("en");
    QTest::newRow("Russian") << QStringLiteral("ru");
    QTest::newRow("Ukrainian") << QStringLiteral("uk");
}

// At 800×500 no page of the sidebar, an attached source's included, needs
// more width than the window gives it: its scroll area never scrolls
// sideways, so no word sits past the right edge. A failure names the widest
// widgets of the page.
void TestLanguages::everyPageFitsTheSmallestWindow()
{
    QFETCH(QString, language);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString path = tdb.tempPath() + QStringLiteral("/django.sqlite3");
    DjangoFile django(path);
    QVERIFY(django.create());
    QVERIFY(attach(tdb, path));
    // Every page with something on it, four-digit counts on the chips.
    DemoSpec spec;
    spec.workerProgram = QStringLiteral("/bin/true");
    spec.schedulerProgram = QStringLiteral("/bin/true");
    QVERIFY(DemoData::load(tdb.db(), spec).ok());
    const qint64 id = tdb.scalar(QStringLiteral("SELECT id FROM tasks WHERE name = 'Warm-up "
                                                "accounts (EU)'"))
                          .toLongLong();
    QVERIFY(id > 0);
    useLanguage(language);
    std::unique_ptr<Window> w = openWindow(tdb, false, QSize(800, 500));
    QVERIFY(w);
    QCOMPARE(w->window->size(), QSize(800, 500));
    auto *sidebar = w->window->findChild<QListWidget *>(QStringLiteral("sidebar"));
    QVERIFY(sidebar);
    QCOMPARE(sidebar->count(), int(MainWindow::PageCount) + 1);
    auto *pages = w->window->findChild<QStackedWidget *>();
    QVERIFY(pages);
    for (int row = 0; row < sidebar->count(); ++row) {
        sidebar->setCurrentRow(row);
        w->context->background().waitForIdle();
        QCoreApplication::processEvents();
        auto *scroll = qobject_cast<QScrollArea *>(pages->currentWidget());
        QVERIFY(scroll);
        // A row chosen, so that its detail pane shows too.
        if (row == MainWindow::Tasks) {
            w->refresh();
            QVERIFY(w->tasks()->selectTask(id));
            QTRY_COMPARE(w->tasks()->detail()->taskId(), id);
        }
        if (row == MainWindow::PageCount) {
            SourceView *source = w->window->sourceView(QStringLiteral("warmup"));
            QVERIFY(source);
            source->refresh();
            w->context->background().waitForIdle();
            QVERIFY(source->selectKey(1));
        }
        w->context->background().waitForIdle();
        QCoreApplication::processEvents();
        if (row == MainWindow::PageCount) {
            // The source's name whole; where its table is may give way.
            auto *heading = w->window->findChild<QLabel *>(QStringLiteral("sourceHeading"));
            QVERIFY(heading);
            QCOMPARE(heading->text(), QStringLiteral("warmup"));
            QVERIFY2(heading->width() >= heading->sizeHint().width(),
                qPrintable(QString::number(heading->width())));
        }
        QCoreApplication::processEvents();
        QTest::qWait(50); // the layouts settle
        QWidget *page = scroll->widget();
        qInfo(
            "page %d: %d of %d", row, page->minimumSizeHint().width(), scroll->viewport()->width());
        const int room = scroll->viewport()->width();
        QString widest;
        if (scroll->horizontalScrollBar()->maximum() > 0) {
            QList<QWidget *> children = page->findChildren<QWidget *>();
            std::sort(children.begin(), children.end(), [](QWidget *a, QWidget *b) {
                return a->minimumSizeHint().width() > b->minimumSizeHint().width();
            });
            for (qsizetype i = 0; i < std::min<qsizetype>(children.size(), 12); ++i) {
                QWidget *c = children.at(i);
                widest += QStringLiteral("\n  %1 '%2': %3 px")
                              .arg(QLatin1String(c->metaObject()->className()), c->objectName())
                              .arg(std::max(c->minimumWidth(), c->minimumSizeHint().width()));
            }
        }
        QVERIFY2(scroll->horizontalScrollBar()->maximum() == 0,
            qPrintable(QStringLiteral("page '%1' needs %2 px, has %3 px:%4")
                           .arg(sidebar->item(row)->text())
                           .arg(page->minimumSizeHint().width())
                           .arg(room)
                           .arg(widest)));
    }
    useLanguage(QStringLiteral("en"));
}

TASKDESK_GUI_TEST_MAIN(TestLanguages)
#include "tst_languages.moc"
