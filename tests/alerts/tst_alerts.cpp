// The alert engine on a real database (SQLite, PostgreSQL) with a real HTTP
// receiver on loopback: rules, grouping, quiet hours, retries, give-up, and
// two engines that deliver each alert exactly once.
#include "core/alerts/alertengine.h"
#include "core/alerts/alertsettings.h"
#include "core/alerts/alertstore.h"
#include "core/alerts/channelfactory.h"
#include "core/alerts/testalert.h"
#include "core/auditlog.h"
#include "core/settings.h"
#include "loopback.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QThread>

using namespace taskdesk;
using taskdesk::test::Receiver;
using taskdesk::test::TestDatabase;

namespace K = AlertSettingKey;

namespace {

const QByteArray kSecret = "hook-secret-4711";

// The real channels (core/notify), the webhook's URL pointing at `receiver`
// with the secret in its path, as a Slack or webhook URL holds its key.
ChannelFactory channelsTo(const Receiver &receiver)
{
    qputenv("TASKDESK_TEST_HOOK",
        "http://127.0.0.1:" + QByteArray::number(receiver.port()) + "/hook/" + kSecret);
    return defaultChannelFactory();
}

qint64 count(TestDatabase &tdb, const QString &sql)
{
    return tdb.scalar(sql).toLongLong();
}

// Deliveries in `status` (sent, failed, pending, sending).
qint64 deliveries(TestDatabase &tdb, const char *status)
{
    return tdb
        .scalar(QStringLiteral("SELECT count(*) FROM alert_deliveries WHERE status = ?"),
            {QString::fromLatin1(status)})
        .toLongLong();
}

// A supervised program of host web1 that is FATAL, as a supervisor records it.
bool insertFatal(TestDatabase &tdb, const QString &name = QStringLiteral("worker-1"))
{
    return tdb.exec(QStringLiteral("INSERT INTO processes (name, host, program, state) VALUES "
                                   "(?, 'web1', '/bin/true', 'FATAL')"),
        {name});
}

// Every rule off but `rule`, the webhook on, no grouping delay, 1 s retries.
void configure(TestDatabase &tdb, const QStringList &rulesOn, QMap<QString, QString> extra = {})
{
    QMap<QString, QString> values{{QString(K::Webhook), QStringLiteral("on")},
        {QString(K::WebhookUrl), QStringLiteral("env:TASKDESK_TEST_HOOK")},
        {QString(K::GroupS), QStringLiteral("0")}, {QString(K::IntervalS), QStringLiteral("1")},
        {QString(K::RetryBaseS), QStringLiteral("1")}};
    for (const QString &rule : AlertStore::ruleNames())
        values.insert(QStringLiteral("alerts.") + rule,
            rulesOn.contains(rule) ? QStringLiteral("on") : QStringLiteral("off"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        values.insert(it.key(), it.value());
    const Error e = Settings(tdb.db()).set(values);
    QVERIFY2(!e, qPrintable(e.message()));
}

// Passes until `done` or the time-out (deliveries finish on the event loop).
bool passUntil(AlertEngine &engine, const std::function<bool()> &done, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        Result<AlertPass> pass = engine.passNow();
        if (!pass.ok())
            qWarning("pass: %s", qPrintable(pass.error().message()));
        QTest::qWait(100);
        if (engine.inFlight() == 0 && done())
            return true;
    }
    return false;
}

QStringList fingerprints(const Receiver::Request &r, const QString &status)
{
    QStringList out;
    for (const QJsonValue &v : r.body.value(QStringLiteral("alerts")).toArray()) {
        const QJsonObject a = v.toObject();
        if (status.isEmpty() || a.value(QStringLiteral("status")).toString() == status)
            out << a.value(QStringLiteral("fingerprint")).toString();
    }
    return out;
}

// An engine in a thread of its own, on a connection of its own, under a holder
// shared with the other engine: both act at once, so that only the
// conditional writes keep each alert single.
class ThreadedEngine final
{
public:
    explicit ThreadedEngine(const TestDatabase &tdb)
        : m_db(tdb.open())
    {
        m_engine = new AlertEngine(*m_db, defaultChannelFactory());
        m_engine->setHolderId(QStringLiteral("shared-holder"));
        m_engine->setIntervalMs(150);
        m_engine->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(m_engine, &AlertEngine::start, Qt::BlockingQueuedConnection);
    }
    ~ThreadedEngine()
    {
        AlertEngine *engine = m_engine;
        QMetaObject::invokeMethod(
            engine,
            [engine, db = m_db.get()] {
                engine->halt();
                delete engine;
                db->closeThreadConnection();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    ThreadedEngine(const ThreadedEngine &) = delete;
    ThreadedEngine &operator=(const ThreadedEngine &) = delete;

private:
    std::unique_ptr<Database> m_db;
    QThread m_thread;
    AlertEngine *m_engine = nullptr;
};

} // namespace

class TestAlerts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:

    void absurdSettingsAreRefused_data();
    void absurdSettingsAreRefused();
    void sensibleSettingsAreTaken();
    void eachRuleFiresOnceAndResolvesOnce_data();
    void eachRuleFiresOnceAndResolvesOnce();
    void rulesOffSendNothing();
    void failuresInAMinuteGoOutAsOneMessage();
    void quietHoursHoldAndRelease();
    void retriesAfterServerError();
    void retriesAfterTooManyRequestsWhenAsked();
    void givesUpAfterGiveUpTime();
    void nonRetryableErrorFailsAtOnce();
    void resolvedNeverOvertakesItsFiring();
    void garbledChannelSwitchKeepsTheChannel();
    void staleFailuresDoNotFireAsNew();
    void channelTurnedOnLaterHearsWhatFires();
    void twoEnginesDeliverEachAlertOnce();
    void testAlertIsSentRecordedAndAudited();
    void auditNeverHoldsTheSecret();
};

void TestAlerts::absurdSettingsAreRefused_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("a negative count of stuck tasks")
        << QString(K::StuckTasksCount) << QStringLiteral("-1");
    QTest::newRow("a queue age of zero") << QString(K::QueueAgeS) << QStringLiteral("0");
    QTest::newRow("a group window of a day") << QString(K::GroupS) << QStringLiteral("86400");
    QTest::newRow("a restart window of ten years")
        << QString(K::ProcessRestartsWindowS) << QStringLiteral("315360000");
    QTest::newRow("a rule that is neither on nor off")
        << QString(K::QueueStalled) << QStringLiteral("maybe");
    QTest::newRow("quiet hours past midnight's hour")
        << QString(K::QuietHours) << QStringLiteral("25:00-07:00");
    QTest::newRow("quiet hours that start when they end")
        << QString(K::QuietHours) << QStringLiteral("07:00-07:00");
    QTest::newRow("a zone that does not exist")
        << QString(K::QuietZone) << QStringLiteral("Mars/Olympus");
    QTest::newRow("a token typed in instead of named")
        << QString(K::TelegramToken) << QStringLiteral("123456:AAHsecretvalue");
    QTest::newRow("a webhook URL typed in instead of named")
        << QString(K::WebhookUrl) << QStringLiteral("https://hooks.example/abc");
    QTest::newRow("an API URL that is not http")
        << QString(K::TelegramApiUrl) << QStringLiteral("ftp://api.telegram.org");
    QTest::newRow("a chat id with blanks") << QString(K::TelegramChatId) << QStringLiteral("1 2");
    QTest::newRow("a kind list with a blank kind")
        << QString(K::TaskFailedKinds) << QStringLiteral("import,,export");
    QTest::newRow("a retry base above the cap") << QString(K::RetryBaseS) << QStringLiteral("3600");
}

void TestAlerts::absurdSettingsAreRefused()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db());
    const Error e = settings.set(key, value);
    QCOMPARE(e.kind(), ErrorKind::Invalid);
    QVERIFY2(e.message().contains(key), qPrintable(e.message()));
    QVERIFY2(!e.message().contains(QLatin1String("secretvalue"))
            && !e.message().contains(QLatin1String("hooks.example")),
        qPrintable(e.message()));
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM settings")), 0);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM audit_log")), 0);
}

void TestAlerts::sensibleSettingsAreTaken()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db());
    const Error e = settings.set(
        QMap<QString, QString>{{QString(K::QuietHours), QStringLiteral("22:00-07:00")},
            {QString(K::QuietZone), QStringLiteral("Europe/Berlin")},
            {QString(K::TelegramToken), QStringLiteral("file:/etc/taskdesk/telegram-token")},
            {QString(K::TelegramChatId), QStringLiteral("-1001234567")},
            {QString(K::TelegramApiUrl), QStringLiteral("http://127.0.0.1:8081")},
            {QString(K::TaskFailedKinds), QStringLiteral("import, export")},
            {QString(K::StuckTasksCount), QStringLiteral("10")}});
    QVERIFY2(!e, qPrintable(e.message()));
    Result<AlertRules> rules = AlertStore(tdb.db()).rules();
    QVERIFY(rules.ok());
    QCOMPARE(
        rules->taskFailedKinds, (QStringList{QStringLiteral("import"), QStringLiteral("export")}));
    QCOMPARE(rules->stuckTasksCount, 10);
    QVERIFY(rules->watchesKind(QStringLiteral("export")));
    QVERIFY(!rules->watchesKind(QStringLiteral("report")));
    Result<QVector<AlertChannelConfig>> channels = AlertStore(tdb.db()).channels();
    QVERIFY(channels.ok());
    QCOMPARE(channels->at(0).name, QStringLiteral("telegram"));
    QVERIFY(!channels->at(0).enabled);
    QCOMPARE(channels->at(0).chatId, QStringLiteral("-1001234567"));
    QVERIFY(channels->at(0).missing().isEmpty());
    // Every key of alertsettings.h is known, with a default that passes its own check.
    for (const SettingSpec &spec : Settings::specs()) {
        if (spec.key.startsWith(QLatin1String("alerts.")))
            QVERIFY2(!Settings::validate(spec.key, spec.defaultValue), qPrintable(spec.key));
    }
    QVERIFY(Settings::spec(QString(K::WebhookHmacKey)).has_value());
    QVERIFY(Settings::spec(QString(K::Tray)).has_value());
}

void TestAlerts::eachRuleFiresOnceAndResolvesOnce_data()
{
    QTest::addColumn<QString>("rule");
    for (const QString &rule : AlertStore::ruleNames())
        QTest::newRow(qPrintable(rule + QStringLiteral(" fires once and resolves once"))) << rule;
}

void TestAlerts::eachRuleFiresOnceAndResolvesOnce()
{
    QFETCH(QString, rule);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {rule},
        {{QString(K::StuckTasksForS), QStringLiteral("0")},
            {QString(K::ProcessRestartsCount), QStringLiteral("1")},
            {QString(K::ProcessRestartsWindowS), QStringLiteral("60")},
            {QString(K::QueueAgeS), QStringLiteral("1")},
            {QString(K::QueueStalledS), QStringLiteral("2")}});
    Receiver receiver;
    AlertEngine engine(tdb.db(), channelsTo(receiver));

    // The condition, made of real rows.
    if (rule == QLatin1String("task_failed")) {
        QVERIFY(tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind) VALUES ('a', 'import')")));
        QVERIFY(tdb.exec(QStringLiteral(
            "UPDATE tasks SET status = 'FAILED', outcome = 'error', completed_at = {NOW}")));
    } else if (rule == QLatin1String("stuck_tasks")) {
        QVERIFY(tdb.exec(QStringLiteral(
            "INSERT INTO tasks (name, kind, status, attempt, started_at, heartbeat_at, worker_id, "
            "lease) VALUES ('a', 'k', 'RUNNING', 1, {NOW} - 600000, {NOW} - 600000, 'w', 'l')")));
    } else if (rule == QLatin1String("process_fatal")) {
        QVERIFY(tdb.exec(QStringLiteral("INSERT INTO processes (name, host, program, state) "
                                        "VALUES ('worker-1', 'web1', '/bin/true', 'FATAL')")));
    } else if (rule == QLatin1String("process_restarts")) {
        AuditLog audit(tdb.db());
        const Error e = tdb.db().write([&]() -> Error {
            for (int i = 0; i < 2; ++i) {
                if (Error err = audit.record(QStringLiteral("supervisor"),
                        QStringLiteral("process_restart"), 0, {}, QStringLiteral("BACKOFF"), {},
                        {{QStringLiteral("process"), QStringLiteral("worker-1")},
                            {QStringLiteral("host"), QStringLiteral("web1")}}))
                    return err;
            }
            return {};
        });
        QVERIFY2(!e, qPrintable(e.message()));
    } else if (rule == QLatin1String("queue_age") || rule == QLatin1String("queue_stalled")) {
        QVERIFY(tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind, queue, run_after) VALUES "
                                        "('a', 'k', 'emails', {NOW} - 5000)")));
    } else if (rule == QLatin1String("worker_lost")) {
        QVERIFY(tdb.exec(QStringLiteral(
            "INSERT INTO workers (id, name, host, status, heartbeat_at) VALUES ('w1', "
            "'worker-1', 'web1', 'lost', {NOW} - 120000)")));
    }

    QVERIFY(passUntil(engine, [&] { return receiver.count() >= 1; }));
    QVERIFY(passUntil(
                engine, [] { return false; }, 600)
        == false);
    QCOMPARE(receiver.count(), 1);
    const Receiver::Request fired = receiver.requests().at(0);
    QCOMPARE(fired.body.value(QStringLiteral("status")).toString(), QStringLiteral("firing"));
    const QStringList firing = fingerprints(fired, QStringLiteral("firing"));
    QCOMPARE(firing.size(), 1);
    QVERIFY2(firing.at(0).startsWith(rule), qPrintable(firing.at(0)));
    QCOMPARE(
        count(tdb, QStringLiteral("SELECT count(*) FROM alerts WHERE resolved_at IS NULL")), 1);

    // The condition clears.
    if (rule == QLatin1String("task_failed")) {
        // No more failures of the kind for a pass interval.
    } else if (rule == QLatin1String("stuck_tasks") || rule == QLatin1String("queue_age")) {
        QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET status = 'COMPLETED', outcome = "
                                        "'succeeded', completed_at = {NOW}")));
    } else if (rule == QLatin1String("process_fatal")) {
        QVERIFY(tdb.exec(QStringLiteral("UPDATE processes SET state = 'STOPPED'")));
    } else if (rule == QLatin1String("process_restarts")) {
        QVERIFY(!Settings(tdb.db()).set(QString(K::ProcessRestartsCount), QStringLiteral("5")));
    } else if (rule == QLatin1String("queue_stalled")) {
        QVERIFY(tdb.exec(QStringLiteral(
            "INSERT INTO tasks (name, kind, queue, status, outcome, completed_at) VALUES ('b', "
            "'k', 'emails', 'COMPLETED', 'succeeded', {NOW})")));
    } else if (rule == QLatin1String("worker_lost")) {
        QVERIFY(tdb.exec(QStringLiteral(
            "INSERT INTO workers (id, name, host, status, heartbeat_at) VALUES ('w2', "
            "'worker-1', 'web1', 'running', {NOW})")));
    }

    QVERIFY(passUntil(engine, [&] { return receiver.count() >= 2; }));
    QVERIFY(passUntil(
                engine, [] { return false; }, 600)
        == false);
    QCOMPARE(receiver.count(), 2);
    const Receiver::Request resolved = receiver.requests().at(1);
    QCOMPARE(resolved.body.value(QStringLiteral("status")).toString(), QStringLiteral("resolved"));
    QCOMPARE(fingerprints(resolved, QStringLiteral("resolved")), firing);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alerts")), 1);
    QCOMPARE(deliveries(tdb, "sent"), 2);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'alert_sent'")),
        2);
}

void TestAlerts::rulesOffSendNothing()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {},
        {{QString(K::StuckTasksForS), QStringLiteral("0")},
            {QString(K::QueueAgeS), QStringLiteral("1")},
            {QString(K::QueueStalledS), QStringLiteral("1")}});
    Receiver receiver;
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind, status, outcome) VALUES ('a', "
                                    "'import', 'FAILED', 'error')")));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind, queue, run_after) VALUES "
                                    "('b', 'k', 'emails', {NOW} - 600000)")));
    QVERIFY(insertFatal(tdb));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO workers (id, name, host, status, heartbeat_at) "
                                    "VALUES ('w1', 'worker-1', 'web1', 'lost', {NOW})")));
    QVERIFY(!passUntil(
        engine, [&] { return receiver.count() > 0; }, 1500));
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alerts")), 0);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alert_deliveries")), 0);
    // The failure was taken and dropped, not kept for later.
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alert_task_failures")), 0);
}

void TestAlerts::failuresInAMinuteGoOutAsOneMessage()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {QStringLiteral("task_failed")}, {{QString(K::GroupS), QStringLiteral("4")}});
    Receiver receiver;
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(tdb.exec(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT "
        "INTO tasks (name, kind) SELECT 'g', CASE WHEN i <= 300 THEN 'import' ELSE 'export' END "
        "FROM n")));
    // 500 failures in five batches, a pass after each, within the group window.
    for (int batch = 0; batch < 5; ++batch) {
        QVERIFY(tdb.exec(QStringLiteral(
            "UPDATE tasks SET status = 'FAILED', outcome = 'error', completed_at = {NOW} WHERE id "
            "IN (SELECT id FROM tasks WHERE status = 'PENDING' ORDER BY id LIMIT 100)")));
        QVERIFY(engine.passNow().ok());
    }
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alert_deliveries")), 0);
    QVERIFY(passUntil(engine, [&] { return receiver.count() >= 1; }));
    QVERIFY(!passUntil(
        engine, [&] { return receiver.count() > 1; }, 1000));
    QCOMPARE(receiver.count(), 1);
    const QJsonArray alerts
        = receiver.requests().at(0).body.value(QStringLiteral("alerts")).toArray();
    QCOMPARE(alerts.size(), 2);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count FROM alerts WHERE fingerprint = "
                                "'task_failed:import'")),
        300);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count FROM alerts WHERE fingerprint = "
                                "'task_failed:export'")),
        200);
    QCOMPARE(count(tdb, QStringLiteral("SELECT sum(count) FROM alerts")), 500);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alert_deliveries")), 1);
}

void TestAlerts::quietHoursHoldAndRelease()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto hhmm = [](const QDateTime &t) {
        return t.toString(QStringLiteral("HH:mm"));
    };
    configure(tdb, {QStringLiteral("process_fatal")},
        {{QString(K::QuietHours),
             hhmm(now.addSecs(-3600)) + QLatin1Char('-') + hhmm(now.addSecs(3600))},
            {QString(K::QuietZone), QStringLiteral("UTC")}});
    Receiver receiver;
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(insertFatal(tdb));
    Result<AlertPass> pass = engine.passNow();
    QVERIFY(pass.ok());
    QVERIFY(pass->quiet);
    QVERIFY(insertFatal(tdb, QStringLiteral("worker-2")));
    QVERIFY(!passUntil(
        engine, [&] { return receiver.count() > 0; }, 1000));
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alerts")), 2);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alert_deliveries")), 0);

    // The quiet hours end: what was held goes out as one message.
    QVERIFY(!Settings(tdb.db()).set(QString(K::QuietHours),
        hhmm(now.addSecs(2 * 3600)) + QLatin1Char('-') + hhmm(now.addSecs(3 * 3600))));
    QVERIFY(passUntil(engine, [&] { return receiver.count() >= 1; }));
    QVERIFY(!passUntil(
        engine, [&] { return receiver.count() > 1; }, 600));
    QCOMPARE(fingerprints(receiver.requests().at(0), QStringLiteral("firing")).size(), 2);
}

void TestAlerts::retriesAfterServerError()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {QStringLiteral("process_fatal")});
    Receiver receiver;
    receiver.script(500, "{\"error\":\"down\"}");
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(insertFatal(tdb));
    QVERIFY(passUntil(engine, [&] { return deliveries(tdb, "sent") == 1; }));
    QCOMPARE(receiver.count(), 2);
    QCOMPARE(count(tdb, QStringLiteral("SELECT attempts FROM alert_deliveries")), 2);
    const QVector<Receiver::Request> r = receiver.requests();
    QVERIFY2(r.at(1).at - r.at(0).at >= 900, qPrintable(QString::number(r.at(1).at - r.at(0).at)));
}

void TestAlerts::retriesAfterTooManyRequestsWhenAsked()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Receiver receiver;
    // Telegram's Bot API, answered by the receiver: 429 with its retry_after.
    qputenv("TASKDESK_TEST_TOKEN", "123456:telegram-token");
    configure(tdb, {QStringLiteral("process_fatal")},
        {{QString(K::Webhook), QStringLiteral("off")}, {QString(K::Telegram), QStringLiteral("on")},
            {QString(K::TelegramToken), QStringLiteral("env:TASKDESK_TEST_TOKEN")},
            {QString(K::TelegramChatId), QStringLiteral("-100123")},
            {QString(K::TelegramApiUrl),
                QStringLiteral("http://127.0.0.1:%1").arg(receiver.port())}});
    receiver.script(429,
        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
        "3\",\"parameters\":{\"retry_after\":3}}");
    AlertEngine engine(tdb.db(), defaultChannelFactory());
    QVERIFY(insertFatal(tdb));
    QVERIFY(passUntil(engine, [&] { return deliveries(tdb, "sent") == 1; }));
    const QVector<Receiver::Request> r = receiver.requests();
    QCOMPARE(r.size(), 2);
    QVERIFY(r.at(0).path.endsWith("/sendMessage"));
    // Three seconds as asked, not the one-second backoff.
    QVERIFY2(r.at(1).at - r.at(0).at >= 2900, qPrintable(QString::number(r.at(1).at - r.at(0).at)));
}

void TestAlerts::givesUpAfterGiveUpTime()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {QStringLiteral("process_fatal")}, {{QString(K::GiveUpS), QStringLiteral("2")}});
    Receiver receiver;
    receiver.script(503, "{}", 50);
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(insertFatal(tdb));
    QVERIFY(passUntil(engine, [&] { return deliveries(tdb, "failed") == 1; }));
    QVERIFY(count(tdb, QStringLiteral("SELECT attempts FROM alert_deliveries")) >= 2);
    const QString error
        = tdb.scalar(QStringLiteral("SELECT last_error FROM alert_deliveries")).toString();
    QVERIFY2(error.contains(QLatin1String("HTTP 503")), qPrintable(error));
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'alert_failed'")),
        1);
    const int sent = receiver.count();
    QVERIFY(!passUntil(
        engine, [&] { return receiver.count() > sent; }, 1500));
}

void TestAlerts::nonRetryableErrorFailsAtOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {QStringLiteral("process_fatal")});
    Receiver receiver;
    receiver.script(400, "{\"ok\":false,\"description\":\"Bad Request: chat not found\"}");
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(insertFatal(tdb));
    QVERIFY(passUntil(engine, [&] { return deliveries(tdb, "failed") == 1; }));
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(count(tdb, QStringLiteral("SELECT attempts FROM alert_deliveries")), 1);
}

void TestAlerts::resolvedNeverOvertakesItsFiring()
{
    // The firing message waits for its retry when the alert resolves: the
    // resolved one must not reach the team first, followed by a "firing" for
    // something already over.
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(
        tdb, {QStringLiteral("process_fatal")}, {{QString(K::RetryBaseS), QStringLiteral("3")}});
    Receiver receiver;
    receiver.script(500, "{\"error\":\"down\"}");
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(insertFatal(tdb));
    QVERIFY(passUntil(engine, [&] { return receiver.count() >= 1; }));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE processes SET state = 'STOPPED'")));
    QVERIFY(passUntil(engine, [&] { return deliveries(tdb, "sent") == 2; }));
    const QVector<Receiver::Request> r = receiver.requests();
    QCOMPARE(r.size(), 3);
    QCOMPARE(r.at(1).body.value(QStringLiteral("status")).toString(), QStringLiteral("firing"));
    QCOMPARE(r.at(2).body.value(QStringLiteral("status")).toString(), QStringLiteral("resolved"));
}

void TestAlerts::garbledChannelSwitchKeepsTheChannel()
{
    // A channel's on/off changed by hand to a word that means nothing: the
    // engine says so once and keeps the last good settings; it does not take
    // the channel as turned off and fail what waits for it.
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(
        tdb, {QStringLiteral("process_fatal")}, {{QString(K::RetryBaseS), QStringLiteral("2")}});
    Receiver receiver;
    receiver.script(500, "{\"error\":\"down\"}");
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QSignalSpy errors(&engine, &AlertEngine::errorOccurred);
    QVERIFY(insertFatal(tdb));
    QVERIFY(passUntil(engine, [&] { return receiver.count() >= 1; }));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE settings SET value = 'yes' WHERE key = '%1'")
                         .arg(QString(K::Webhook))));
    QVERIFY(passUntil(engine, [&] {
        return count(tdb,
                   QStringLiteral("SELECT count(*) FROM alert_deliveries WHERE status IN "
                                  "('sent', 'failed')"))
            == 1;
    }));
    QCOMPARE(
        count(tdb, QStringLiteral("SELECT count(*) FROM alert_deliveries WHERE status = 'sent'")),
        1);
    QCOMPARE(receiver.count(), 2);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains(QString(K::Webhook)),
        qPrintable(errors.at(0).at(0).toString()));
}

void TestAlerts::staleFailuresDoNotFireAsNew()
{
    // Failures recorded while no engine ran (the desktop closed, no supervise)
    // are taken out when one starts, but those older than alerts.give_up_s are
    // not told as if they failed now: a message about them would have been
    // given up already.
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(
        tdb, {QStringLiteral("task_failed")}, {{QString(K::GiveUpS), QStringLiteral("3600")}});
    Receiver receiver;
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind) VALUES ('a', 'old'), ('b', "
                                    "'new')")));
    QVERIFY(tdb.exec(QStringLiteral(
        "UPDATE tasks SET status = 'FAILED', outcome = 'error', completed_at = {NOW}")));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE alert_task_failures SET at = {NOW} - 2 * 3600000 "
                                    "WHERE kind = 'old'")));
    QVERIFY(passUntil(engine, [&] { return receiver.count() >= 1; }));
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alert_task_failures")), 0);
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(fingerprints(receiver.requests().at(0), QStringLiteral("firing")),
        QStringList{QStringLiteral("task_failed:new")});
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alerts")), 1);
}

void TestAlerts::channelTurnedOnLaterHearsWhatFires()
{
    // An alert that fired while no channel was on is told once one is turned
    // on, as firing; one that fired and cleared meanwhile is over and not told.
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(
        tdb, {QStringLiteral("process_fatal")}, {{QString(K::Webhook), QStringLiteral("off")}});
    Receiver receiver;
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO processes (name, host, program, state) VALUES "
                                    "('worker-1', 'web1', '/bin/true', 'FATAL'), ('worker-2', "
                                    "'web1', '/bin/true', 'FATAL')")));
    QVERIFY(!passUntil(
        engine, [&] { return receiver.count() > 0; }, 600));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE processes SET state = 'STOPPED' WHERE name = "
                                    "'worker-2'")));
    QVERIFY(!passUntil(
        engine, [&] { return receiver.count() > 0; }, 600));
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alert_deliveries")), 0);

    QVERIFY(!Settings(tdb.db()).set(QString(K::Webhook), QStringLiteral("on")));
    QVERIFY(passUntil(
        engine, [&] { return receiver.count() >= 1; }, 5000));
    QVERIFY(!passUntil(
        engine, [&] { return receiver.count() > 1; }, 600));
    const Receiver::Request r = receiver.requests().at(0);
    QCOMPARE(r.body.value(QStringLiteral("status")).toString(), QStringLiteral("firing"));
    QCOMPARE(fingerprints(r, {}), QStringList{QStringLiteral("process_fatal:web1/worker-1")});
}

void TestAlerts::twoEnginesDeliverEachAlertOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {QStringLiteral("process_fatal")});
    Receiver receiver;
    constexpr int kProcesses = 20;
    {
        channelsTo(receiver);
        ThreadedEngine one(tdb);
        ThreadedEngine two(tdb);
        for (int i = 0; i < kProcesses; ++i) {
            QVERIFY(tdb.exec(QStringLiteral("INSERT INTO processes (name, host, program, state) "
                                            "VALUES (?, 'web1', '/bin/true', 'FATAL')"),
                {QStringLiteral("p%1").arg(i)}));
            if (i % 5 == 4)
                QTest::qWait(200);
        }
        QTest::qWait(500);
        for (int i = 0; i < kProcesses; ++i) {
            QVERIFY(
                tdb.exec(QStringLiteral("UPDATE processes SET state = 'STOPPED' WHERE name = ?"),
                    {QStringLiteral("p%1").arg(i)}));
            if (i % 5 == 4)
                QTest::qWait(200);
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            count(tdb,
                QStringLiteral("SELECT count(*) FROM alerts WHERE resolved_sent_at IS NOT "
                               "NULL"))
                    == kProcesses
                && count(tdb,
                       QStringLiteral("SELECT count(*) FROM alert_deliveries WHERE status "
                                      "<> 'sent'"))
                    == 0,
            20000);
        QTest::qWait(500);
    }
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alerts")), kProcesses);
    QMap<QString, int> firing;
    QMap<QString, int> resolved;
    for (const Receiver::Request &r : receiver.requests()) {
        for (const QString &f : fingerprints(r, QStringLiteral("firing")))
            ++firing[f];
        for (const QString &f : fingerprints(r, QStringLiteral("resolved")))
            ++resolved[f];
    }
    QCOMPARE(resolved.size(), kProcesses);
    for (auto it = resolved.cbegin(); it != resolved.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
    for (auto it = firing.cbegin(); it != firing.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
    QCOMPARE(
        receiver.count(), int(count(tdb, QStringLiteral("SELECT count(*) FROM alert_deliveries"))));
}

void TestAlerts::testAlertIsSentRecordedAndAudited()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {});
    Receiver receiver;
    Result<QVector<TestAlertResult>> results
        = TestAlert::send(tdb.db(), channelsTo(receiver), QStringLiteral("alice"));
    QVERIFY2(results.ok(), qPrintable(results.error().message()));
    QCOMPARE(results->size(), 1);
    QVERIFY2(results->at(0).ok, qPrintable(results->at(0).error));
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(
        fingerprints(receiver.requests().at(0), QString()), QStringList{QStringLiteral("test")});
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM alert_deliveries WHERE test = 1 AND "
                                "status = 'sent'")),
        1);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'alert_test' AND actor = 'alice'")),
        1);

    // A channel that cannot send says why, once, and is not retried.
    results = TestAlert::send(
        tdb.db(), channelsTo(receiver), QStringLiteral("alice"), QStringLiteral("slack"));
    QVERIFY(results.ok());
    QVERIFY(!results->at(0).ok);
    QVERIFY2(results->at(0).error.contains(QLatin1String("alerts.slack.url")),
        qPrintable(results->at(0).error));
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM alert_deliveries WHERE channel = "
                                "'slack' AND status = 'failed'")),
        1);
    // An unknown channel is refused before anything is recorded.
    results = TestAlert::send(
        tdb.db(), channelsTo(receiver), QStringLiteral("alice"), QStringLiteral("pager"));
    QCOMPARE(results.error().kind(), ErrorKind::Invalid);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM alert_deliveries")), 2);
}

void TestAlerts::auditNeverHoldsTheSecret()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    configure(tdb, {QStringLiteral("process_fatal")});
    Receiver receiver;
    receiver.script(500, "{}");
    AlertEngine engine(tdb.db(), channelsTo(receiver));
    QVERIFY(insertFatal(tdb));
    QVERIFY(passUntil(engine, [&] {
        return count(tdb,
                   QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                  "'alert_sent'"))
            == 1;
    }));
    // The receiver saw the secret (it is in the URL, as with a Slack webhook) …
    QVERIFY(receiver.requests().at(0).path.contains(kSecret));
    // … and nothing that Taskdesk stored holds it.
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE details LIKE "
                                "'%hook-secret%'")),
        0);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM alert_deliveries WHERE group_json "
                                "LIKE '%hook-secret%' OR last_error LIKE '%hook-secret%'")),
        0);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM settings WHERE value LIKE "
                                "'%hook-secret%'")),
        0);
    const QString details
        = tdb.scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = 'alert_sent'"))
              .toString();
    QVERIFY2(details.contains(QLatin1String("\"channel\":\"webhook\"")), qPrintable(details));
}

TASKDESK_TEST_MAIN(TestAlerts)

#include "tst_alerts.moc"
