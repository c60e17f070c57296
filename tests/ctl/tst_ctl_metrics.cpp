// `taskdeskctl supervise --listen` end to end: the real binary serves
// /livez, /readyz and /metrics on loopback (from --listen or from the
// metrics.listen setting), and a bad address or a port in use is one clear
// message and exit 2 before anything starts.
#include "core/auditlog.h"
#include "core/database.h"
#include "core/supervisor/processstore.h"
#include "ctltestsupport.h"
#include "testdatabase.h"
#include "testhttpclient.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

// `supervise` in the background with a cache folder of its own.
bool startSupervise(Background &supervise, const QStringList &arguments, const QString &cacheDir)
{
    QProcessEnvironment env = ctlEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheDir);
    return supervise.start(arguments, env);
}

// The port of its "serving … on http://127.0.0.1:PORT" line; 0 if it did not
// come in time.
quint16 waitForPort(Background &supervise)
{
    static const QRegularExpression line(
        QStringLiteral("serving /metrics, /livez, /readyz and /healthz on "
                       "http://127\\.0\\.0\\.1:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000 && supervise.process().state() == QProcess::Running) {
        supervise.process().waitForReadyRead(200);
        const QRegularExpressionMatch m = line.match(supervise.readErr());
        if (m.hasMatch())
            return quint16(m.captured(1).toUInt());
    }
    return 0;
}

QStringList withDb(const TestDatabase &tdb, const QStringList &arguments)
{
    return QStringList{QStringLiteral("--db"), tdb.url()} + arguments;
}

const QStringList kQuiet = L({"supervise", "--no-sweeper", "--no-scheduler"});

} // namespace

class TestCtlMetrics final : public QObject
{
    Q_OBJECT

private slots:
    void superviseServesLivezReadyzAndMetrics();
    void theSettingSaysWhereToListen();
    void badListenValuesAreRefused_data();
    void badListenValuesAreRefused();
    void aPortInUseIsRefusedBeforeAnythingStarts();
    void aBadStoredSettingIsRefused();

private:
    QTemporaryDir m_cache;
};

void TestCtlMetrics::superviseServesLivezReadyzAndMetrics()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Background supervise;
    QVERIFY(startSupervise(
        supervise, withDb(tdb, kQuiet + L({"--listen", "127.0.0.1:0"})), m_cache.path()));
    const quint16 port = waitForPort(supervise);
    QVERIFY2(port != 0, qPrintable(supervise.readErr()));

    HttpReply r = httpGet(port, "/livez");
    QVERIFY2(r.status == 200, r.describe().constData());
    QCOMPARE(r.body, QByteArray("ok\n"));
    r = httpGet(port, "/readyz");
    QVERIFY2(r.status == 200, r.describe().constData());
    r = httpGet(port, "/metrics");
    QVERIFY2(r.status == 200, r.describe().constData());
    QCOMPARE(r.header("content-type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    // The collector's families, the alerts' among them.
    QVERIFY2(r.body.contains("\ntaskdesk_build_info{version=\"" TASKDESK_VERSION "\"} 1\n"),
        r.body.constData());
    QVERIFY2(
        r.body.contains("\n# TYPE taskdesk_tasks_finished_total counter\n"), r.body.constData());
    QVERIFY2(r.body.contains("\ntaskdesk_alerts_sent_total{channel=\"telegram\"} 0\n"),
        r.body.constData());
    r = httpGet(port, "/nothing");
    QCOMPARE(r.status, 404);

    QCOMPARE(supervise.stop(), 0);
    // Closed with the rest.
    QTcpSocket after;
    after.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(!after.waitForConnected(2000));
}

void TestCtlMetrics::theSettingSaysWhereToListen()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    CtlRun run = runCtl(withDb(tdb, L({"settings", "set", "metrics.listen", "127.0.0.1:0"})));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    {
        Background supervise;
        QVERIFY(startSupervise(supervise, withDb(tdb, kQuiet), m_cache.path()));
        const quint16 port = waitForPort(supervise);
        QVERIFY2(port != 0, qPrintable(supervise.readErr()));
        QCOMPARE(httpGet(port, "/livez").status, 200);
        QCOMPARE(supervise.stop(), 0);
    }
    // --listen "" turns it off for this run: no server, the rest as usual.
    Background supervise;
    QVERIFY(startSupervise(supervise, withDb(tdb, kQuiet + L({"--listen", ""})), m_cache.path()));
    ProcessStore store(tdb.db());
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        Result<QString> holder = store.supervisorOf(AuditLog::localHost());
        if (holder.ok() && !holder->isEmpty())
            break;
        QTest::qWait(100);
    }
    QCOMPARE(supervise.stop(), 0);
    QVERIFY2(!supervise.readErr().contains(QLatin1String("serving /metrics")),
        qPrintable(supervise.readErr()));
}

void TestCtlMetrics::badListenValuesAreRefused_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("a word") << QStringLiteral("metrics");
    QTest::newRow("a port too large") << QStringLiteral("127.0.0.1:65536");
    QTest::newRow("a host name") << QStringLiteral("example.com:9464");
    QTest::newRow("IPv6 without brackets") << QStringLiteral("::1:9464");
    QTest::newRow("a short IPv4") << QStringLiteral("1.2.3:9464");
}

void TestCtlMetrics::badListenValuesAreRefused()
{
    QFETCH(QString, value);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const CtlRun run = runCtl(withDb(tdb, kQuiet + QStringList{QStringLiteral("--listen"), value}));
    verifyOneClearMessage(
        run, QStringLiteral("--listen: '%1' is not an address to listen on").arg(value));
}

void TestCtlMetrics::aPortInUseIsRefusedBeforeAnythingStarts()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress(QHostAddress::LocalHost), 0));
    const QString address = QStringLiteral("127.0.0.1:%1").arg(taken.serverPort());
    const CtlRun run
        = runCtl(withDb(tdb, kQuiet + QStringList{QStringLiteral("--listen"), address}));
    verifyOneClearMessage(
        run, QStringLiteral("cannot listen on %1: the port is in use").arg(address));
    // It never took the host.
    ProcessStore store(tdb.db());
    Result<QString> holder = store.supervisorOf(AuditLog::localHost());
    QVERIFY(holder.ok());
    QCOMPARE(*holder, QString());
}

void TestCtlMetrics::aBadStoredSettingIsRefused()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    // Written by hand, past the checks of `settings set`.
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO settings (key, value, updated_at) "
                                    "VALUES ('metrics.listen', 'somewhere:1', 0)")));
    const CtlRun run = runCtl(withDb(tdb, kQuiet));
    verifyOneClearMessage(run,
        QStringLiteral("the stored setting is not valid: metrics.listen: 'somewhere:1' is not an "
                       "address to listen on"));
}

TASKDESK_TEST_MAIN(TestCtlMetrics)

#include "tst_ctl_metrics.moc"
