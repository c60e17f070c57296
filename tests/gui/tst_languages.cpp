// The desktop in each of its languages: the real window's words, the Force
// Stop question, Qt's own buttons, a core message, numbers, and the plural
// forms that Russian and Ukrainian have three of (1 задача, 2 задачи, 5 задач,
// 21 задача).

#include "core/database.h"
#include "core/scheduling/schedule.h"
#include "guitest.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/mainwindow.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/confirm.h"
#include "ui/common/coretext.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/tasks/taskactions.h"
#include "ui/tasks/tasksview.h"
#include "ui/tasks/tasktablemodel.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;

namespace {

struct Window
{
    std::unique_ptr<AppContext> context;
    std::unique_ptr<MainWindow> window;

    ~Window()
    {
        window.reset();
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
std::unique_ptr<Window> openWindow(TestDatabase &tdb)
{
    auto w = std::make_unique<Window>();
    std::unique_ptr<Database> db = tdb.open();
    if (db->open())
        return nullptr;
    auto settings = std::make_unique<AppSettings>(tdb.tempPath() + QStringLiteral("/taskdesk.ini"));
    settings->setRefreshIntervalMs(AppSettings::kMaxRefreshMs);
    settings->setOperatorName(QStringLiteral("alice"));
    w->context = std::make_unique<AppContext>(std::move(db), std::move(settings));
    w->window = std::make_unique<MainWindow>(*w->context);
    w->window->resize(1200, 800);
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

TASKDESK_GUI_TEST_MAIN(TestLanguages)
#include "tst_languages.moc"
