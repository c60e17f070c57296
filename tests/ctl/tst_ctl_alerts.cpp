// taskdeskctl alerts, alerts test, alerts history on the real binary: what
// they show, a test alert through the real webhook channel to a loopback
// receiver, and bad input refused with exit 2 and nothing written.
#include "ctltestsupport.h"
#include "testhttpreceiver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

QStringList withDb(const TestDatabase &tdb, const QStringList &arguments)
{
    return QStringList{QStringLiteral("--db"), tdb.url()} + arguments;
}

qint64 count(TestDatabase &tdb, const QString &sql)
{
    return tdb.scalar(sql).toLongLong();
}

// Runs taskdeskctl while this thread's event loop keeps serving the receiver.
CtlRun runServing(const QStringList &arguments, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(TASKDESK_CTL_PATH), arguments);
    CtlRun run;
    if (!finished.wait(60000)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("taskdeskctl did not finish");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestCtlAlerts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listShowsRulesChannelsAndNoSecret();
    void listCountsEveryFiringAlertBeyondTheListed();
    void listJsonNeverShowsASecretStoredByHand();
    void badInputIsRefusedAndWritesNothing_data();
    void badInputIsRefusedAndWritesNothing();
    void testSendsThroughTheWebhookAndHistoryShowsIt();
};

void TestCtlAlerts::listShowsRulesChannelsAndNoSecret()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QProcessEnvironment env = ctlEnvironment();
    env.insert(QStringLiteral("TASKDESK_TEST_TOKEN"), QStringLiteral("123:very-secret"));
    CtlRun run = runCtl(withDb(tdb,
                            {QStringLiteral("settings"), QStringLiteral("set"),
                                QStringLiteral("alerts.telegram.token"),
                                QStringLiteral("env:TASKDESK_TEST_TOKEN")}),
        env);
    QCOMPARE(run.exitCode, 0);
    run = runCtl(withDb(tdb,
        {QStringLiteral("settings"), QStringLiteral("set"),
            QStringLiteral("alerts.queue_age.threshold_s"), QStringLiteral("120")}));
    QCOMPARE(run.exitCode, 0);
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO processes (name, host, program, state) VALUES "
                                    "('worker-1', 'web1', '/bin/true', 'FATAL')")));
    QVERIFY(tdb.exec(QStringLiteral(
        "INSERT INTO alerts (fingerprint, rule, severity, summary) VALUES "
        "('process_fatal:web1/worker-1', 'process_fatal', 'critical', 'Process worker-1 on web1 "
        "is FATAL')")));

    run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("alerts")}), env);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("rules")).toArray().size(), 7);
    QJsonObject queueAge;
    for (const QJsonValue &v : o.value(QStringLiteral("rules")).toArray()) {
        if (v.toObject().value(QStringLiteral("rule")).toString() == QLatin1String("queue_age"))
            queueAge = v.toObject();
    }
    QCOMPARE(queueAge.value(QStringLiteral("threshold_s")).toInt(), 120);
    QCOMPARE(queueAge.value(QStringLiteral("on")).toBool(), true);
    const QJsonObject telegram = o.value(QStringLiteral("channels")).toArray().at(0).toObject();
    QCOMPARE(telegram.value(QStringLiteral("channel")).toString(), QStringLiteral("telegram"));
    QCOMPARE(telegram.value(QStringLiteral("enabled")).toBool(), false);
    QCOMPARE(telegram.value(QStringLiteral("secret_from")).toString(),
        QStringLiteral("env:TASKDESK_TEST_TOKEN"));
    QCOMPARE(o.value(QStringLiteral("firing")).toArray().size(), 1);

    run = runCtl(withDb(tdb, {QStringLiteral("alerts"), QStringLiteral("list")}), env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("env:TASKDESK_TEST_TOKEN")), qPrintable(run.out));
    QVERIFY2(
        run.out.contains(QLatin1String("Process worker-1 on web1 is FATAL")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("Firing: 1 alert:")), qPrintable(run.out));
    QVERIFY(!run.out.contains(QLatin1String("very-secret")));
}

// The list stops at 1,000 alerts; the count it gives is of all that fire.
void TestCtlAlerts::listCountsEveryFiringAlertBeyondTheListed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(tdb.exec(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1003) "
        "INSERT INTO alerts (fingerprint, rule, severity, summary) "
        "SELECT 'worker_lost:host-' || i, 'worker_lost', 'critical', 'Worker lost' FROM n")));
    QVERIFY(tdb.exec(QStringLiteral(
        "INSERT INTO alerts (fingerprint, rule, severity, summary, resolved_at) VALUES "
        "('process_fatal:web1/worker-1', 'process_fatal', 'critical', 'FATAL', 1)")));

    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("alerts")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("firing")).toArray().size(), 1000);
    QCOMPARE(o.value(QStringLiteral("firing_count")).toInteger(), 1003);

    run = runCtl(withDb(tdb, {QStringLiteral("alerts")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QLatin1String("Firing: 1003 alerts, the oldest 1000 shown:")),
        qPrintable(run.out));
}

void TestCtlAlerts::listJsonNeverShowsASecretStoredByHand()
{
    // The settings refuse a secret typed where its reference belongs, but one
    // written into the database by hand must not come out of --json either.
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(tdb.exec(QStringLiteral(
        "INSERT INTO settings (key, value) VALUES ('alerts.telegram.token', "
        "'123456:very-secret-token'), ('alerts.webhook.hmac_key', 'very-secret-key'), "
        "('alerts.webhook.url', 'https://hooks.example.com/very-secret-path')")));
    const CtlRun run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("alerts")}));
    QVERIFY(!run.out.contains(QLatin1String("very-secret")));
    QVERIFY(!run.err.contains(QLatin1String("very-secret")));
    const CtlRun human = runCtl(withDb(tdb, {QStringLiteral("alerts"), QStringLiteral("list")}));
    QVERIFY(!human.out.contains(QLatin1String("very-secret")));
    QVERIFY(!human.err.contains(QLatin1String("very-secret")));
}

void TestCtlAlerts::badInputIsRefusedAndWritesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("a test to a channel that does not exist") << L(
        {"alerts", "test", "--channel", "pager"}) << QStringLiteral("--channel must be one of");
    QTest::newRow("a history of no rows")
        << L({"alerts", "history", "--limit", "0"}) << QStringLiteral("--limit");
    QTest::newRow("a word after alerts that is no command")
        << L({"alerts", "send"}) << QStringLiteral("send");
    QTest::newRow("a token typed in instead of named")
        << L({"settings", "set", "alerts.telegram.token", "123456:AAHsecretvalue"})
        << QStringLiteral("the value given was not shown");
    QTest::newRow("quiet hours that are no hours")
        << L({"settings", "set", "alerts.quiet_hours", "late"})
        << QStringLiteral("alerts.quiet_hours");
    QTest::newRow("a restart count of zero")
        << L({"settings", "set", "alerts.process_restarts.count", "0"})
        << QStringLiteral("alerts.process_restarts.count must be between 1 and 10000");
}

void TestCtlAlerts::badInputIsRefusedAndWritesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const QString before = dump(tdb, L({"settings", "alerts", "alert_deliveries", "audit_log"}));
    const CtlRun run = runCtl(withDb(tdb, arguments));
    verifyOneClearMessage(run, message);
    QVERIFY(!run.err.contains(QLatin1String("secretvalue")));
    QCOMPARE(dump(tdb, L({"settings", "alerts", "alert_deliveries", "audit_log"})), before);
}

void TestCtlAlerts::testSendsThroughTheWebhookAndHistoryShowsIt()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TestHttpReceiver receiver;
    QVERIFY(receiver.listen());
    QProcessEnvironment env = ctlEnvironment();
    env.insert(QStringLiteral("TASKDESK_TEST_HOOK"),
        receiver.url(QStringLiteral("/hook/hook-secret-4711")).toString());
    for (const QStringList &setting :
        {L({"alerts.webhook.url", "env:TASKDESK_TEST_HOOK"}), L({"alerts.webhook", "on"})}) {
        const CtlRun set = runCtl(
            withDb(tdb, QStringList{QStringLiteral("settings"), QStringLiteral("set")} + setting));
        QVERIFY2(set.exitCode == 0, qPrintable(describe(set)));
    }

    CtlRun run = runServing(withDb(tdb, {QStringLiteral("alerts"), QStringLiteral("test")}), env);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QLatin1String("webhook: test alert sent")), qPrintable(run.out));
    QCOMPARE(receiver.requests().size(), 1);
    QCOMPARE(receiver.requests().at(0).path, QByteArray("/hook/hook-secret-4711"));

    // The receiver refuses: exit 1 and the channel's one line.
    receiver.enqueue({400, QByteArray("{}")});
    run = runServing(
        withDb(tdb,
            {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("alerts"),
                QStringLiteral("test"), QStringLiteral("--channel"), QStringLiteral("webhook")}),
        env);
    QVERIFY2(run.exitCode == 1, qPrintable(describe(run)));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.err.contains(QLatin1String("webhook: The webhook answered HTTP 400")),
        qPrintable(run.err));

    run = runCtl(withDb(
        tdb, {QStringLiteral("--json"), QStringLiteral("alerts"), QStringLiteral("history")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonArray deliveries = o.value(QStringLiteral("deliveries")).toArray();
    QCOMPARE(deliveries.size(), 2);
    QCOMPARE(deliveries.at(0).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("failed"));
    QCOMPARE(deliveries.at(1).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("sent"));
    const QJsonObject counts = o.value(QStringLiteral("counts")).toArray().at(0).toObject();
    QCOMPARE(counts.value(QStringLiteral("sent")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("failed")).toInt(), 1);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'alert_test' AND actor = 'alice'")),
        1);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE details LIKE "
                                "'%hook-secret%'")),
        0);
}

TASKDESK_TEST_MAIN(TestCtlAlerts)

#include "tst_ctl_alerts.moc"
