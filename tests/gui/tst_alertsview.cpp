#include "core/alerts/alertengine.h"
#include "core/alerts/alertsettings.h"
#include "core/database.h"
#include "core/settings.h"
#include "core/tasks/taskstore.h"
#include "guitest.h"
#include "testhttpreceiver.h"
#include "ui/alerts/alertsview.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/alerts/deliverytablemodel.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/mainwindow.h"
#include "ui/app/traynotifier.h"
#include "ui/common/backgroundrunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

using namespace taskdesk;
using namespace taskdesk::test;
using namespace taskdesk::ui;
namespace K = taskdesk::AlertSettingKey;

namespace {

std::unique_ptr<TestWindow> openWindow(TestDatabase &tdb, bool readOnly = false)
{
    auto w = std::make_unique<TestWindow>();
    std::unique_ptr<Database> db = tdb.open();
    if (db->open())
        return nullptr;
    w->context = std::make_unique<AppContext>(std::move(db), windowSettings(tdb));
    if (readOnly)
        w->context->setReadOnly(true, QStringLiteral("started with --read-only"));
    w->window = std::make_unique<MainWindow>(*w->context);
    if (!w->show(QSize(1200, 800)))
        return nullptr;
    w->window->showPage(MainWindow::Alerts);
    return w;
}

QString stored(TestDatabase &tdb, const QString &key)
{
    return tdb.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key}).toString();
}

template<typename T> T *editor(AlertsView *view, const QString &key)
{
    return qobject_cast<T *>(view->editorFor(key));
}

} // namespace

// The Alerts page: what the engine recorded, the rules and channels as the
// shared settings hold them, and a test alert over real HTTP.
class TestAlertsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { refuseUnexpectedQuestions(); }
    void thePageShowsWhatTheEngineRecorded();
    void theFiringCountIsTrueBeyondTheAlertsListed();
    void savingWritesOnlyWhatWasEditedAndIsAudited();
    void aSecretTypedIntoTheFormIsRefusedAndNotStored();
    void aSecretStoredByHandIsNotShown();
    void sendTestAlertGoesToTelegramOverHttp();
    void aFailingChannelSaysWhyWithoutItsSecret();
    void theTrayShowsANewAlertWhileItIsAChannel();
    void readOnlyShowsTheSettingsAndChangesNothing();
};

void TestAlertsView::thePageShowsWhatTheEngineRecorded()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    for (int i = 0; i < 3; ++i)
        QVERIFY(seed.failed(QStringLiteral("import %1").arg(i)) > 0);
    AlertEngine engine(tdb.db());
    Result<AlertPass> pass = engine.passNow();
    QVERIFY2(pass.ok(), qPrintable(pass.error().message()));

    auto w = openWindow(tdb);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    view->refresh();
    QTRY_VERIFY(view->alerts()->rowCount() >= 1);
    // The three failures of one kind are one alert that counts them.
    int row = -1;
    for (int r = 0; r < view->alerts()->rowCount(); ++r) {
        if (view->alerts()->alertAt(r).alert.rule == QLatin1String("task_failed"))
            row = r;
    }
    QVERIFY(row >= 0);
    QCOMPARE(view->alerts()->alertAt(row).alert.count, 3);
    QCOMPARE(view->alerts()->index(row, AlertTableModel::Rule).data().toString(),
        QStringLiteral("Task failed"));
    QCOMPARE(view->alerts()->index(row, AlertTableModel::State).data().toString(),
        QStringLiteral("Firing"));
    QCOMPARE(
        view->alerts()->index(row, AlertTableModel::Count).data().toString(), QStringLiteral("3"));
    const int firing = tdb.scalar(QStringLiteral("SELECT count(*) FROM alerts WHERE resolved_at IS "
                                                 "NULL OR resolved_at = 0"))
                           .toInt();
    QVERIFY(firing >= 1);
    QCOMPARE(view->summary(),
        firing == 1 ? QStringLiteral("1 alert firing.")
                    : QStringLiteral("%1 alerts firing.").arg(firing));
}

// The page lists the last 100 alerts; its "N alerts firing" counts them all.
void TestAlertsView::theFiringCountIsTrueBeyondTheAlertsListed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    for (int i = 0; i < 150; ++i)
        QVERIFY(tdb.exec(QStringLiteral("INSERT INTO alerts (fingerprint, rule, severity, summary) "
                                        "VALUES (?, 'worker_lost', 'critical', ?)"),
            {QStringLiteral("worker_lost:host-%1").arg(i),
                QStringLiteral("Worker host-%1 lost").arg(i)}));
    for (int i = 0; i < 30; ++i)
        QVERIFY(tdb.exec(QStringLiteral("INSERT INTO alerts (fingerprint, rule, severity, summary, "
                                        "resolved_at) VALUES (?, 'process_fatal', 'critical', ?, "
                                        "{NOW})"),
            {QStringLiteral("process_fatal:p%1").arg(i),
                QStringLiteral("Process p%1 is FATAL").arg(i)}));
    auto w = openWindow(tdb);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    view->refresh();
    QTRY_COMPARE(view->alerts()->rowCount(), 100);
    QTRY_COMPARE(view->summary(), QStringLiteral("150 alerts firing."));
}

void TestAlertsView::savingWritesOnlyWhatWasEditedAndIsAudited()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    // 90 s is not a whole number of minutes: the form shows 1 min and must
    // leave it alone unless that field is edited.
    QVERIFY(!Settings(tdb.db()).set(QString(K::QueueAgeS), QStringLiteral("90")));
    auto w = openWindow(tdb);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    QTRY_VERIFY(view->saveButton()->isEnabled());

    editor<QSpinBox>(view, K::StuckTasksCount)->setValue(7);
    editor<QSpinBox>(view, K::StuckTasksForS)->setValue(12);
    editor<QCheckBox>(view, K::WorkerLost)->setChecked(false);
    editor<QLineEdit>(view, K::TelegramToken)->setText(QStringLiteral("env:TASKDESK_TG_TOKEN"));
    const qint64 auditBefore
        = tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong();
    QTest::mouseClick(view->saveButton(), Qt::LeftButton);
    QVERIFY(w->actionsDone());

    QCOMPARE(stored(tdb, K::StuckTasksCount), QStringLiteral("7"));
    QCOMPARE(stored(tdb, K::StuckTasksForS), QStringLiteral("720"));
    QCOMPARE(stored(tdb, K::WorkerLost), QStringLiteral("off"));
    QCOMPARE(stored(tdb, K::TelegramToken), QStringLiteral("env:TASKDESK_TG_TOKEN"));
    QCOMPARE(stored(tdb, K::QueueAgeS), QStringLiteral("90"));
    QVERIFY(tdb.scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key = ?"),
                   {QString(K::ProcessFatal)})
                .toInt()
        == 0);
    QVERIFY(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log")).toLongLong() > auditBefore);

    // Revert reads them back as stored.
    editor<QSpinBox>(view, K::StuckTasksCount)->setValue(99);
    QTest::mouseClick(view->tabs(), Qt::LeftButton);
    view->revertSettings();
    QTRY_COMPARE(editor<QSpinBox>(view, K::StuckTasksCount)->value(), 7);
}

void TestAlertsView::aSecretTypedIntoTheFormIsRefusedAndNotStored()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto w = openWindow(tdb);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    QTRY_VERIFY(view->saveButton()->isEnabled());
    QSignalSpy messages(view, &AlertsView::message);
    const QString token = QStringLiteral("123456:AAH-real-bot-token");
    editor<QLineEdit>(view, K::TelegramToken)->setText(token);
    editor<QSpinBox>(view, K::StuckTasksCount)->setValue(3);
    QTest::mouseClick(view->saveButton(), Qt::LeftButton);
    QVERIFY(w->actionsDone());
    QTRY_COMPARE(messages.size(), 1);
    const QString text = messages.at(0).at(0).toString();
    QVERIFY2(text.contains(QStringLiteral("not saved")), qPrintable(text));
    QVERIFY2(!text.contains(token), qPrintable(text));
    QCOMPARE(messages.at(0).at(1).value<MessageBar::Type>(), MessageBar::Type::Error);
    // All or nothing: the valid change beside it is not stored either.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key LIKE 'alerts.%'"))
                 .toInt(),
        0);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE details LIKE ?"),
                    {QStringLiteral("%AAH-real%")})
                 .toInt(),
        0);
}

void TestAlertsView::aSecretStoredByHandIsNotShown()
{
    // The form refuses a secret typed where its reference belongs; one written
    // into the database by hand is not shown either, and saving another
    // change leaves it as it is.
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString token = QStringLiteral("123456:AAH-hand-stored-token");
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"),
        {QString(K::TelegramToken), token}));
    auto w = openWindow(tdb);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    QTRY_VERIFY(view->saveButton()->isEnabled());
    QLineEdit *edit = editor<QLineEdit>(view, K::TelegramToken);
    QVERIFY2(!edit->text().contains(QLatin1String("hand-stored")), qPrintable(edit->text()));
    QVERIFY(edit->text().isEmpty());
    editor<QSpinBox>(view, K::StuckTasksCount)->setValue(3);
    QTest::mouseClick(view->saveButton(), Qt::LeftButton);
    QVERIFY(w->actionsDone());
    QTRY_COMPARE(stored(tdb, K::StuckTasksCount), QStringLiteral("3"));
    QCOMPARE(stored(tdb, K::TelegramToken), token);
}

void TestAlertsView::sendTestAlertGoesToTelegramOverHttp()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TestHttpReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setDefaultResponse({200, R"({"ok":true,"result":{"message_id":1}})"});
    const QByteArray token = "4242:test-token-for-the-window";
    qputenv("TASKDESK_TEST_TG_TOKEN", token);
    QVERIFY(!Settings(tdb.db()).set(QMap<QString, QString>{{K::Telegram, QStringLiteral("on")},
        {K::TelegramToken, QStringLiteral("env:TASKDESK_TEST_TG_TOKEN")},
        {K::TelegramChatId, QStringLiteral("-1001")},
        {K::TelegramApiUrl, receiver.url().toString()}}));

    auto w = openWindow(tdb);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    QTRY_VERIFY(view->testButton()->isEnabled());
    QSignalSpy messages(view, &AlertsView::message);
    QTest::mouseClick(view->testButton(), Qt::LeftButton);
    QVERIFY(receiver.waitForRequests(1, 20000));
    const TestHttpReceiver::Request &request = receiver.requests().at(0);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/bot") + token + "/sendMessage");
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(QStringLiteral("chat_id")).toVariant().toString(), QStringLiteral("-1001"));
    QTRY_VERIFY(!view->isSending());
    QTRY_COMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).at(0).toString(), QStringLiteral("A test alert went to Telegram."));
    // Recorded as a delivery, shown in the Deliveries tab.
    view->refresh();
    QTRY_COMPARE(view->deliveries()->rowCount(), 1);
    QCOMPARE(view->deliveries()->index(0, DeliveryTableModel::Status).data().toString(),
        QStringLiteral("Sent"));
    QCOMPARE(view->deliveries()->index(0, DeliveryTableModel::Message).data().toString(),
        QStringLiteral("Test alert"));
    qunsetenv("TASKDESK_TEST_TG_TOKEN");
}

void TestAlertsView::aFailingChannelSaysWhyWithoutItsSecret()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TestHttpReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setDefaultResponse({403, R"({"ok":false,"description":"Forbidden: bot was kicked"})"});
    const QByteArray token = "777:kicked-bot-token";
    qputenv("TASKDESK_TEST_TG_TOKEN", token);
    QVERIFY(!Settings(tdb.db()).set(QMap<QString, QString>{{K::Telegram, QStringLiteral("on")},
        {K::TelegramToken, QStringLiteral("env:TASKDESK_TEST_TG_TOKEN")},
        {K::TelegramChatId, QStringLiteral("-1001")},
        {K::TelegramApiUrl, receiver.url().toString()}}));
    auto w = openWindow(tdb);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    QTRY_VERIFY(view->testButton()->isEnabled());
    view->testChannel()->setCurrentIndex(view->testChannel()->findData(QStringLiteral("telegram")));
    QSignalSpy messages(view, &AlertsView::message);
    QTest::mouseClick(view->testButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, 20000);
    const QString text = messages.at(0).at(0).toString();
    QVERIFY2(
        text.startsWith(QStringLiteral("The test alert failed on Telegram")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("403")) || text.contains(QStringLiteral("kicked")),
        qPrintable(text));
    QVERIFY2(!text.contains(QString::fromLatin1(token)), qPrintable(text));
    view->refresh();
    QTRY_COMPARE(view->deliveries()->rowCount(), 1);
    QCOMPARE(view->deliveries()->index(0, DeliveryTableModel::Status).data().toString(),
        QStringLiteral("Failed"));
    QVERIFY(!view->deliveries()
                 ->index(0, DeliveryTableModel::Error)
                 .data()
                 .toString()
                 .contains(QString::fromLatin1(token)));
    qunsetenv("TASKDESK_TEST_TG_TOKEN");
}

void TestAlertsView::theTrayShowsANewAlertWhileItIsAChannel()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(!Settings(tdb.db()).set(QString(K::Tray), QStringLiteral("on")));
    auto w = openWindow(tdb);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    QTRY_VERIFY(view->watchesTray());
    view->refresh();
    w->context->background().waitForIdle();
    const int before = w->window->tray()->notificationCount();

    TaskStore store(tdb.db());
    TaskSeeder seed(store);
    QVERIFY(seed.failed(QStringLiteral("payment check")) > 0);
    AlertEngine engine(tdb.db());
    QVERIFY(engine.passNow().ok());
    view->refresh();
    QTRY_VERIFY(w->window->tray()->notificationCount() > before);
    QCOMPARE(w->window->tray()->lastTitle(), QStringLiteral("Alert: Task failed"));

    // Off: a new alert stays on the page only.
    QVERIFY(!Settings(tdb.db()).set(QString(K::Tray), QStringLiteral("off")));
    view->revertSettings();
    QTRY_VERIFY(!view->watchesTray());
    const int after = w->window->tray()->notificationCount();
    QVERIFY(!Settings(tdb.db()).set(QString(K::ProcessFatal), QStringLiteral("on")));
    QVERIFY(!Settings(tdb.db()).set(QString(K::TaskFailedKinds), QStringLiteral("other")));
    QVERIFY(seed.failed(QStringLiteral("other")) > 0);
    QVERIFY(engine.passNow().ok());
    view->refresh();
    w->context->background().waitForIdle();
    QCOMPARE(w->window->tray()->notificationCount(), after);
}

void TestAlertsView::readOnlyShowsTheSettingsAndChangesNothing()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(!Settings(tdb.db()).set(QString(K::StuckTasksCount), QStringLiteral("4")));
    auto w = openWindow(tdb, true);
    QVERIFY(w);
    AlertsView *view = w->window->alertsView();
    QTRY_COMPARE(editor<QSpinBox>(view, K::StuckTasksCount)->value(), 4);
    QVERIFY(!editor<QSpinBox>(view, K::StuckTasksCount)->isEnabled());
    QVERIFY(!view->saveButton()->isEnabled());
    QVERIFY(!view->testButton()->isEnabled());
}

TASKDESK_GUI_TEST_MAIN(TestAlertsView)
#include "tst_alertsview.moc"
