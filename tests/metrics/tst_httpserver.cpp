// The HTTP server of `taskdeskctl supervise --listen` over real sockets on
// loopback: its routes, /readyz against a real supervised program that goes
// FATAL and a database that stops answering, and what it does with clients
// that misbehave (slow, huge, binary, too many), after which it still serves.

#include "core/database.h"
#include "core/metrics/httpserver.h"
#include "core/metrics/listenaddress.h"
#include "core/metrics/metricsserver.h"
#include "core/settings.h"
#include "core/supervisor/processstore.h"
#include "core/supervisor/supervisor.h"
#include "testdatabase.h"
#include "testhttpclient.h"
#include "testpostgresserver.h"
#include "waituntil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

const QString kHost = QStringLiteral("metricshost");

const QByteArray kMetricsText = "# HELP taskdesk_up Up.\n# TYPE taskdesk_up gauge\ntaskdesk_up 1\n";

MetricsServerOptions loopback(const HttpLimits &limits = {})
{
    MetricsServerOptions o;
    o.listen.address = QHostAddress(QHostAddress::LocalHost);
    o.listen.port = 0;
    o.host = kHost;
    o.limits = limits;
    return o;
}

// A started server on a free loopback port; fails the test if it cannot bind.
std::unique_ptr<MetricsServer> startServer(
    Database &db, const MetricsServerOptions &options,
    MetricsServer::Provider provider = [] { return Result<QByteArray>(kMetricsText); })
{
    auto server = std::make_unique<MetricsServer>(db, options, std::move(provider));
    if (Error e = server->start()) {
        qWarning("cannot start: %s", qPrintable(e.message()));
        return nullptr;
    }
    return server;
}

} // namespace

class HttpServerTest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void livezAnswers();
    void metricsIsThePrometheusText();
    void metricsThatCannotBeReadIs500();
    void headSendsTheHeadersOnly_data();
    void headSendsTheHeadersOnly();
    void otherPathsAre404_data();
    void otherPathsAre404();
    void otherMethodsAre405_data();
    void otherMethodsAre405();
    void readyzGoesUnreadyWhenAProcessOfTheHostIsFatal();
    void readyzGoesUnreadyWhenTheDatabaseStops();
    void aDatabaseThatHangsHoldsUpNoAnswer();
    void aHandlerThatNeverAnswersGets503();
    void slowClientIsCutWhileAnotherIsServed();
    void hugeHeadIs431();
    void garbageIs400_data();
    void garbageIs400();
    void connectionsAreCapped();
    void listenAddresses_data();
    void listenAddresses();
    void portInUseIsRefused();
    void listenSettingIsValidated_data();
    void listenSettingIsValidated();

private:
    // One server for the table-driven tests: a database per row would cost
    // a PostgreSQL database each.
    std::unique_ptr<TestDatabase> m_shared;
    std::unique_ptr<MetricsServer> m_sharedServer;
    quint16 m_port = 0;

    // The server still answers: checked after each abuse.
    static bool stillServes(quint16 port)
    {
        const HttpReply r = httpGet(port, "/livez");
        return r.status == 200 && r.body == "ok\n";
    }
};

void HttpServerTest::initTestCase()
{
    m_shared = std::make_unique<TestDatabase>();
    TASKDESK_REQUIRE_DB(*m_shared);
    HttpLimits limits;
    limits.headTimeoutMs = 3000;
    m_sharedServer = startServer(m_shared->db(), loopback(limits));
    QVERIFY(m_sharedServer);
    m_port = m_sharedServer->boundAddress().port;
}

void HttpServerTest::cleanupTestCase()
{
    m_sharedServer.reset();
    m_shared.reset();
}

void HttpServerTest::livezAnswers()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto server = startServer(tdb.db(), loopback());
    QVERIFY(server);
    const quint16 port = server->boundAddress().port;
    QVERIFY(port != 0);
    QCOMPARE(server->boundAddress().address, QHostAddress(QHostAddress::LocalHost));

    const HttpReply r = httpGet(port, "/livez");
    QVERIFY2(r.status == 200, r.describe().constData());
    QCOMPARE(r.body, QByteArray("ok\n"));
    QCOMPARE(r.header("content-length"), QByteArray("3"));
    QCOMPARE(r.header("connection"), QByteArray("close"));
    QVERIFY(r.closedByServer);
    // HTTP/1.0 and a query string too.
    const HttpReply old = httpExchange(port, "GET /livez?verbose=1 HTTP/1.0\r\n\r\n");
    QVERIFY2(old.status == 200, old.describe().constData());
}

void HttpServerTest::metricsIsThePrometheusText()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto server = startServer(tdb.db(), loopback());
    QVERIFY(server);
    const HttpReply r = httpGet(server->boundAddress().port, "/metrics");
    QVERIFY2(r.status == 200, r.describe().constData());
    QCOMPARE(r.header("content-type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    QCOMPARE(r.body, kMetricsText);
}

void HttpServerTest::metricsThatCannotBeReadIs500()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto server = startServer(tdb.db(), loopback(),
        [] { return Result<QByteArray>(Error::database(QStringLiteral("no\nconnection"))); });
    QVERIFY(server);
    const HttpReply r = httpGet(server->boundAddress().port, "/metrics");
    QVERIFY2(r.status == 500, r.describe().constData());
    QCOMPARE(r.body, QByteArray("metrics unavailable: no connection\n"));
}

void HttpServerTest::headSendsTheHeadersOnly_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("livez") << QByteArray("/livez");
    QTest::newRow("readyz") << QByteArray("/readyz");
    QTest::newRow("healthz") << QByteArray("/healthz");
    QTest::newRow("metrics") << QByteArray("/metrics");
}

void HttpServerTest::headSendsTheHeadersOnly()
{
    QFETCH(QByteArray, path);
    const quint16 port = m_port;
    const HttpReply get = httpGet(port, path);
    const HttpReply head = httpGet(port, path, "HEAD");
    QVERIFY2(get.status == 200, get.describe().constData());
    QVERIFY2(head.status == 200, head.describe().constData());
    QVERIFY(!get.body.isEmpty());
    QCOMPARE(head.body, QByteArray());
    QCOMPARE(head.header("content-length"), QByteArray::number(get.body.size()));
    QCOMPARE(head.header("content-type"), get.header("content-type"));
}

void HttpServerTest::otherPathsAre404_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("the root") << QByteArray("GET / HTTP/1.1\r\n\r\n");
    QTest::newRow("a trailing slash") << QByteArray("GET /metrics/ HTTP/1.1\r\n\r\n");
    QTest::newRow("another name") << QByteArray("GET /status HTTP/1.1\r\n\r\n");
    QTest::newRow("a path that climbs") << QByteArray("GET /../etc/passwd HTTP/1.1\r\n\r\n");
    QTest::newRow("a post elsewhere") << QByteArray("POST /admin HTTP/1.1\r\n\r\n");
}

void HttpServerTest::otherPathsAre404()
{
    QFETCH(QByteArray, request);
    const HttpReply r = httpExchange(m_port, request);
    QVERIFY2(r.status == 404, r.describe().constData());
    QVERIFY(r.closedByServer);
}

void HttpServerTest::otherMethodsAre405_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("POST /metrics")
        << QByteArray("POST /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
    QTest::newRow("DELETE /readyz") << QByteArray("DELETE /readyz HTTP/1.1\r\n\r\n");
    QTest::newRow("PUT /livez") << QByteArray("PUT /livez HTTP/1.1\r\n\r\n");
    QTest::newRow("OPTIONS /healthz") << QByteArray("OPTIONS /healthz HTTP/1.1\r\n\r\n");
}

void HttpServerTest::otherMethodsAre405()
{
    QFETCH(QByteArray, request);
    const HttpReply r = httpExchange(m_port, request);
    QVERIFY2(r.status == 405, r.describe().constData());
    QCOMPARE(r.header("allow"), QByteArray("GET, HEAD"));
    QVERIFY(stillServes(m_port));
}

void HttpServerTest::readyzGoesUnreadyWhenAProcessOfTheHostIsFatal()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ProcessStore store(tdb.db(), QStringLiteral("alice"));
    ProcessDefinition d;
    d.name = QStringLiteral("crasher");
    d.host = kHost;
    d.program = QStringLiteral("/bin/sh");
    d.args = {QStringLiteral("-c"), QStringLiteral("exit 3")};
    d.backoffBaseMs = 50;
    d.backoffCapMs = 200;
    d.startupMs = 1000;
    d.healthyAfterMs = 2000;
    d.maxFailures = 3;
    QVERIFY(store.add(d).ok());
    // The same program FATAL on another host says nothing about this one.
    ProcessDefinition elsewhere = d;
    elsewhere.name = QStringLiteral("crasher-elsewhere");
    elsewhere.host = QStringLiteral("otherhost");
    QVERIFY(store.add(elsewhere).ok());

    auto server = startServer(tdb.db(), loopback());
    QVERIFY(server);
    const quint16 port = server->boundAddress().port;
    HttpReply r = httpGet(port, "/readyz");
    QVERIFY2(r.status == 200, r.describe().constData());
    QCOMPARE(r.body, QByteArray("ok\n"));

    SupervisorOptions so;
    so.pollIntervalMs = 50;
    so.leaseTtlMs = 3000;
    so.outputDir = tdb.tempPath() + QStringLiteral("/output");
    so.host = QStringLiteral("otherhost");
    so.holder = QStringLiteral("sup-other");
    Supervisor other(tdb.db(), so);
    so.host = kHost;
    so.holder = QStringLiteral("sup-this");
    Supervisor supervisor(tdb.db(), so);
    auto stopBoth = qScopeGuard([&] {
        for (Supervisor *s : {&supervisor, &other}) {
            if (!s->isActive())
                continue;
            QSignalSpy done(s, &Supervisor::allStopped);
            s->stopAll();
            done.wait(15000);
        }
    });
    other.start();
    QVERIFY(store.setDesired(elsewhere.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(other.state(elsewhere.name), ProcessState::Fatal, 20000);
    r = httpGet(port, "/readyz");
    QVERIFY2(r.status == 200, r.describe().constData());

    supervisor.start();
    QVERIFY(store.setDesired(d.name, DesiredState::Running).ok());
    QTRY_COMPARE_WITH_TIMEOUT(supervisor.state(d.name), ProcessState::Fatal, 20000);
    // The row is written with the state; /readyz reads the row.
    QVERIFY(waitUntil([&] { return httpGet(port, "/readyz").status == 503; }, 10000));
    r = httpGet(port, "/readyz");
    QVERIFY2(r.status == 503, r.describe().constData());
    QVERIFY2(r.body.startsWith("not ready: process crasher of host metricshost is FATAL: "),
        r.body.constData());
    QVERIFY(r.body.endsWith('\n'));
    QCOMPARE(r.body.count('\n'), 1);
    const HttpReply health = httpGet(port, "/healthz");
    QCOMPARE(health.status, 503);
    QCOMPARE(health.body, r.body);
    // Alive all the same.
    QCOMPARE(httpGet(port, "/livez").status, 200);

    // An operator's stop takes it out of FATAL: ready again.
    QVERIFY(store.setDesired(d.name, DesiredState::Stopped).ok());
    QVERIFY(waitUntil([&] { return httpGet(port, "/readyz").status == 200; }, 10000));
}

void HttpServerTest::readyzGoesUnreadyWhenTheDatabaseStops()
{
    std::unique_ptr<TestPostgresServer> pg;
    QTemporaryDir dir;
    QString url;
    if (TestDatabase::postgres()) {
        pg = std::make_unique<TestPostgresServer>();
        if (!pg->init())
            QFAIL(qPrintable(pg->errorString()));
        QVERIFY2(pg->createDatabase(QStringLiteral("ready")), qPrintable(pg->errorString()));
        url = pg->url(QStringLiteral("ready"));
    } else {
        url = dir.filePath(QStringLiteral("ready.db"));
    }
    Result<DatabaseLocation> location = DatabaseLocation::parse(url);
    QVERIFY2(location.ok(), qPrintable(url));
    Database db(*location);
    if (Error e = db.open())
        QFAIL(qPrintable(e.message()));
    auto server = startServer(db, loopback());
    QVERIFY(server);
    const quint16 port = server->boundAddress().port;
    HttpReply r = httpGet(port, "/readyz");
    QVERIFY2(r.status == 200, r.describe().constData());

    if (pg)
        QVERIFY2(pg->stop(), qPrintable(pg->errorString()));
    else
        QVERIFY(QFile::remove(url));

    QElapsedTimer timer;
    timer.start();
    r = httpGet(port, "/readyz");
    QVERIFY2(r.status == 503, r.describe().constData());
    QVERIFY2(r.body.startsWith("not ready: database: "), r.body.constData());
    QCOMPARE(r.body.count('\n'), 1);
    QVERIFY2(timer.elapsed() < 5000, r.describe().constData());
    QCOMPARE(httpGet(port, "/healthz").status, 503);
    QVERIFY(stillServes(port));

    if (pg) {
        // Back: ready again, on a new connection of the server's thread.
        QVERIFY2(pg->start(), qPrintable(pg->errorString()));
        QVERIFY(waitUntil([&] { return httpGet(port, "/readyz").status == 200; }, 15000));
    }
    server->stop();
}

// A database that takes no answer back (here a lock on the table of supervised
// programs that every read waits behind, as a hung server would): /livez still
// answers at once, /readyz and /metrics with a 503 at their time limits, however
// many ask, and all is well again once the database answers.
void HttpServerTest::aDatabaseThatHangsHoldsUpNoAnswer()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    if (!tdb.db().isPostgres())
        QSKIP("a SQLite writer does not hold up readers (WAL): nothing hangs there");
    MetricsServerOptions options = loopback();
    options.readyTimeoutMs = 1000;
    options.metricsTimeoutMs = 1500;
    Database &db = tdb.db();
    auto server = startServer(db, options, [&db]() -> Result<QByteArray> {
        Result<QSqlQuery> q
            = db.run(QStringLiteral("SELECT count(*) FROM processes"), QStringLiteral("count"));
        if (!q.ok())
            return q.error();
        q->next();
        return QByteArray(QByteArray("taskdesk_processes ") + q->value(0).toByteArray() + '\n');
    });
    QVERIFY(server);
    const quint16 port = server->boundAddress().port;
    QCOMPARE(httpGet(port, "/readyz").status, 200);
    QCOMPARE(httpGet(port, "/metrics").body, QByteArray("taskdesk_processes 0\n"));

    const DatabaseLocation &location = db.location();
    QSqlDatabase locker = QSqlDatabase::addDatabase(location.driverName(), QStringLiteral("lock"));
    auto dropLocker = qScopeGuard([&locker] {
        locker.close();
        locker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("lock"));
    });
    location.configure(locker);
    QVERIFY2(locker.open(), qPrintable(locker.lastError().text()));
    QSqlQuery lock(locker);
    QVERIFY(lock.exec(QStringLiteral("BEGIN")));
    QVERIFY(lock.exec(QStringLiteral("LOCK TABLE processes IN ACCESS EXCLUSIVE MODE")));

    // Five probes at once: each answered at the limit, none queued behind another.
    std::vector<std::unique_ptr<QTcpSocket>> probes;
    QElapsedTimer since;
    since.start();
    for (int i = 0; i < 5; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(socket->waitForConnected(5000));
        socket->write("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(socket->waitForBytesWritten(5000));
        probes.push_back(std::move(socket));
    }
    const HttpReply live = httpGet(port, "/livez");
    QVERIFY2(live.status == 200, live.describe().constData());
    QVERIFY2(live.elapsedMs < options.readyTimeoutMs, live.describe().constData());
    for (auto &socket : probes) {
        QByteArray reply;
        while (socket->state() == QAbstractSocket::ConnectedState && since.elapsed() < 10000) {
            socket->waitForReadyRead(100);
            reply += socket->readAll();
        }
        reply += socket->readAll();
        QVERIFY2(reply.startsWith("HTTP/1.1 503 "), reply.constData());
        QVERIFY2(reply.endsWith("\r\n\r\nnot ready: database: no answer within 1 s\n"),
            reply.constData());
    }
    QVERIFY2(since.elapsed() < 5000, QByteArray::number(since.elapsed()).constData());
    const HttpReply metrics = httpGet(port, "/metrics");
    QVERIFY2(metrics.status == 503, metrics.describe().constData());
    QCOMPARE(metrics.body,
        QByteArray("metrics unavailable: the database did not answer within 1.5 s\n"));
    QVERIFY2(metrics.elapsedMs < 5000, metrics.describe().constData());
    QVERIFY(stillServes(port));

    // The database answers again: so does every route.
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));
    QVERIFY(waitUntil([&] { return httpGet(port, "/readyz").status == 200; }, 10000));
    QCOMPARE(httpGet(port, "/metrics").body, QByteArray("taskdesk_processes 0\n"));

    // A stop does not wait for a read that never returns: the supervisor's way
    // out would hang with it.
    QVERIFY(lock.exec(QStringLiteral("BEGIN")));
    QVERIFY(lock.exec(QStringLiteral("LOCK TABLE processes IN ACCESS EXCLUSIVE MODE")));
    QCOMPARE(httpGet(port, "/readyz").status, 503);
    QElapsedTimer stopping;
    stopping.start();
    server->stop();
    QVERIFY2(stopping.elapsed() < 8000, QByteArray::number(stopping.elapsed()).constData());
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));
}

// The server's own backstop: a handler that drops its responder without an
// answer still has one sent for it, and the connection does not wait for ever.
void HttpServerTest::aHandlerThatNeverAnswersGets503()
{
    HttpLimits limits;
    limits.answerTimeoutMs = 500;
    QThread thread;
    auto *context = new QObject;
    context->moveToThread(&thread);
    connect(&thread, &QThread::finished, context, &QObject::deleteLater);
    thread.start();
    HttpServer *server = nullptr;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        context,
        [&] {
            server = new HttpServer([](const HttpRequest &, const HttpResponder &) {}, limits);
            ListenAddress address;
            address.address = QHostAddress(QHostAddress::LocalHost);
            if (!server->listen(address))
                port = server->boundAddress().port;
        },
        Qt::BlockingQueuedConnection);
    auto stop = qScopeGuard([&] {
        QMetaObject::invokeMethod(
            context, [&] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    });
    QVERIFY(port != 0);
    const HttpReply r = httpGet(port, "/livez");
    QVERIFY2(r.status == 503, r.describe().constData());
    QCOMPARE(r.body, QByteArray("no answer in time\n"));
    QVERIFY2(r.elapsedMs >= 400, r.describe().constData());
}

void HttpServerTest::slowClientIsCutWhileAnotherIsServed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    HttpLimits limits;
    limits.headTimeoutMs = 2000;
    auto server = startServer(tdb.db(), loopback(limits));
    QVERIFY(server);
    const quint16 port = server->boundAddress().port;

    // One that stalls half way, one that drips a byte every 100 ms: neither
    // gets more time for it.
    QTcpSocket stalled;
    stalled.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(stalled.waitForConnected(5000));
    stalled.write("GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    QVERIFY(stalled.waitForBytesWritten(5000));
    QTcpSocket dripping;
    dripping.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(dripping.waitForConnected(5000));
    QElapsedTimer since;
    since.start();

    // Meanwhile another client is served, while both are still held.
    const HttpReply other = httpGet(port, "/livez");
    QVERIFY2(other.status == 200, other.describe().constData());
    stalled.waitForReadyRead(0);
    QCOMPARE(stalled.bytesAvailable(), 0);
    QCOMPARE(stalled.state(), QAbstractSocket::ConnectedState);
    QVERIFY2(since.elapsed() < limits.headTimeoutMs, other.describe().constData());

    const QByteArray drip
        = "GET /livez HTTP/1.1\r\nX-Drip: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    QByteArray stalledReply;
    QByteArray drippingReply;
    qsizetype sent = 0;
    while (since.elapsed() < 10000
        && (stalled.state() == QAbstractSocket::ConnectedState
            || dripping.state() == QAbstractSocket::ConnectedState)) {
        if (dripping.state() == QAbstractSocket::ConnectedState && sent < drip.size()) {
            dripping.write(drip.mid(sent++, 1));
            dripping.waitForBytesWritten(100);
        }
        QTest::qWait(100);
        stalled.waitForReadyRead(1);
        dripping.waitForReadyRead(1);
        stalledReply += stalled.readAll();
        drippingReply += dripping.readAll();
    }
    const qint64 cutAfter = since.elapsed();
    stalledReply += stalled.readAll();
    drippingReply += dripping.readAll();
    QVERIFY2(stalled.state() != QAbstractSocket::ConnectedState, stalledReply.constData());
    QVERIFY2(dripping.state() != QAbstractSocket::ConnectedState, drippingReply.constData());
    QVERIFY2(stalledReply.startsWith("HTTP/1.1 408 "), stalledReply.constData());
    QVERIFY2(drippingReply.startsWith("HTTP/1.1 408 "), drippingReply.constData());
    // Cut at the limit, counted from the connect: the drip did not extend it.
    QVERIFY2(cutAfter < limits.headTimeoutMs + 2500, qPrintable(QString::number(cutAfter)));
    QVERIFY(stillServes(port));
}

void HttpServerTest::hugeHeadIs431()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    auto server = startServer(tdb.db(), loopback());
    QVERIFY(server);
    const quint16 port = server->boundAddress().port;

    // Just under 8 KiB: served.
    QByteArray fits = "GET /livez HTTP/1.1\r\nX-Fill: ";
    fits += QByteArray(8 * 1024 - fits.size() - 4, 'a') + "\r\n\r\n";
    QCOMPARE(fits.size(), 8 * 1024);
    HttpReply r = httpExchange(port, fits);
    QVERIFY2(r.status == 200, r.describe().constData());

    // One byte more, and a megabyte of headers: 431, and the connection closed.
    QByteArray over = fits;
    over.insert(over.indexOf("X-Fill: ") + 8, 'a');
    r = httpExchange(port, over);
    QVERIFY2(r.status == 431, r.describe().constData());
    QVERIFY(r.closedByServer);

    QByteArray huge = "GET /livez HTTP/1.1\r\n";
    for (int i = 0; i < 16 * 1024; ++i)
        huge += "X-Header-" + QByteArray::number(i) + ": " + QByteArray(50, 'b') + "\r\n";
    huge += "\r\n";
    r = httpExchange(port, huge);
    QVERIFY2(r.status == 431, r.describe().constData());
    QVERIFY(r.closedByServer);
    // A request line alone that never ends.
    r = httpExchange(port, "GET /" + QByteArray(64 * 1024, 'x'));
    QVERIFY2(r.status == 431, r.describe().constData());
    QVERIFY(stillServes(port));
}

void HttpServerTest::garbageIs400_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QByteArray binary(4096, '\0');
    QRandomGenerator rng(17);
    for (char &c : binary)
        c = char(rng.bounded(256));
    binary[0] = '\x16'; // a TLS handshake's first byte
    QTest::newRow("binary bytes") << binary << 400;
    QTest::newRow("a TLS hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)
                                 << 400;
    QTest::newRow("a NUL in the request line")
        << QByteArray("GET /livez\0 HTTP/1.1\r\n\r\n", 25) << 400;
    QTest::newRow("a lower-case method") << QByteArray("get /livez HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("a target without a slash") << QByteArray("GET livez HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /livez\r\n\r\n") << 400;
    QTest::newRow("a header without a colon")
        << QByteArray("GET /livez HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n") << 400;
    QTest::newRow("a folded header")
        << QByteArray("GET /livez HTTP/1.1\r\nX-A: 1\r\n  continued\r\n\r\n") << 400;
    QTest::newRow("a control byte in a header")
        << QByteArray("GET /livez HTTP/1.1\r\nX-A: \x01\r\n\r\n") << 400;
    QTest::newRow("a bare CR") << QByteArray("GET /livez HTTP/1.1\rX-A: 1\r\n\r\n") << 400;
    QTest::newRow("an empty line first") << QByteArray("\r\nGET /livez HTTP/1.1\r\n\r\n") << 400;
    // Refused from what arrived, without waiting for an end of line.
    QTest::newRow("words without an end of line")
        << QByteArray("hello, this is not a request") << 400;
    QTest::newRow("high bytes without an end of line") << QByteArray(300, '\xff') << 400;
    QTest::newRow("a method too long") << QByteArray("GETGETGETGETGETGETGET") << 400;
    QTest::newRow("a text protocol") << QByteArray("HELLO WORLD\r\n\r\n") << 400;
    QTest::newRow("HTTP/2") << QByteArray("GET /livez HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("the HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 400;
}

void HttpServerTest::garbageIs400()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    const HttpReply r = httpExchange(m_port, request);
    QVERIFY2(r.status == status, r.describe().constData());
    // At once, not after the time limit.
    QVERIFY2(r.elapsedMs < 2000, r.describe().constData());
    QVERIFY(r.closedByServer);
    QVERIFY(stillServes(m_port));
}

void HttpServerTest::connectionsAreCapped()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    HttpLimits limits;
    limits.maxConnections = 8;
    limits.headTimeoutMs = 4000;
    auto server = startServer(tdb.db(), loopback(limits));
    QVERIFY(server);
    const quint16 port = server->boundAddress().port;

    // Eight idle connections hold every place.
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < limits.maxConnections; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(idle.back()->waitForConnected(5000));
    }
    QTest::qWait(300); // accepted by the server's thread
    // Many more at once: each is told at once, and none waits for a place.
    std::vector<std::unique_ptr<QTcpSocket>> more;
    for (int i = 0; i < 50; ++i) {
        more.push_back(std::make_unique<QTcpSocket>());
        more.back()->connectToHost(QStringLiteral("127.0.0.1"), port);
    }
    int refused = 0;
    for (auto &s : more) {
        QByteArray reply;
        QElapsedTimer t;
        t.start();
        while (s->state() != QAbstractSocket::UnconnectedState && t.elapsed() < 3000) {
            s->waitForReadyRead(100);
            reply += s->readAll();
        }
        reply += s->readAll();
        if (reply.startsWith("HTTP/1.1 503 ") || reply.isEmpty())
            ++refused;
    }
    QCOMPARE(refused, 50);
    // Once the flood's connections are gone from the server too (it counts a
    // connection until its thread has let it go, a moment after the client
    // saw it close), one more is told why, not cut off.
    HttpReply over;
    QVERIFY(waitUntil(
        [&] {
            over = httpGet(port, "/livez");
            return over.status != 0;
        },
        5000));
    QVERIFY2(over.status == 503, over.describe().constData());
    QCOMPARE(over.body, QByteArray("too many connections\n"));

    // Once they go, the places are free again.
    idle.clear();
    QVERIFY(waitUntil([port] { return stillServes(port); }, 5000));
}

void HttpServerTest::listenAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("display"); // empty: refused
    QTest::newRow("a port alone is loopback")
        << QStringLiteral("9464") << QStringLiteral("127.0.0.1:9464");
    QTest::newRow("loopback written out")
        << QStringLiteral("127.0.0.1:9464") << QStringLiteral("127.0.0.1:9464");
    QTest::newRow("localhost") << QStringLiteral("localhost:9464")
                               << QStringLiteral("127.0.0.1:9464");
    QTest::newRow("every IPv4 address")
        << QStringLiteral("0.0.0.0:9464") << QStringLiteral("0.0.0.0:9464");
    QTest::newRow("every IPv6 address")
        << QStringLiteral("[::]:9464") << QStringLiteral("[::]:9464");
    QTest::newRow("IPv6 loopback") << QStringLiteral("[::1]:80") << QStringLiteral("[::1]:80");
    QTest::newRow("a free port") << QStringLiteral("127.0.0.1:0") << QStringLiteral("127.0.0.1:0");
    QTest::newRow("blanks around") << QStringLiteral(" 9464 ") << QStringLiteral("127.0.0.1:9464");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("a word") << QStringLiteral("metrics") << QString();
    QTest::newRow("a port too large") << QStringLiteral("70000") << QString();
    QTest::newRow("a negative port") << QStringLiteral("-1") << QString();
    QTest::newRow("no port") << QStringLiteral("127.0.0.1:") << QString();
    QTest::newRow("no address before the colon") << QStringLiteral(":9464") << QString();
    QTest::newRow("a host name") << QStringLiteral("example.com:9464") << QString();
    QTest::newRow("a short IPv4") << QStringLiteral("127.1:9464") << QString();
    QTest::newRow("IPv6 without brackets") << QStringLiteral("::1:9464") << QString();
    QTest::newRow("IPv6 without a port") << QStringLiteral("[::1]") << QString();
    QTest::newRow("IPv4 in brackets") << QStringLiteral("[127.0.0.1]:9464") << QString();
    QTest::newRow("a URL") << QStringLiteral("http://127.0.0.1:9464") << QString();
}

void HttpServerTest::listenAddresses()
{
    QFETCH(QString, text);
    QFETCH(QString, display);
    const Result<ListenAddress> a = ListenAddress::parse(text);
    if (display.isEmpty()) {
        QVERIFY(!a.ok());
        QCOMPARE(a.error().kind(), ErrorKind::Invalid);
        QVERIFY2(a.error().message().contains(QLatin1String("is not an address to listen on")),
            qPrintable(a.error().message()));
        return;
    }
    QVERIFY2(a.ok(), qPrintable(a.error().message()));
    QCOMPARE(a->display(), display);
}

void HttpServerTest::portInUseIsRefused()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress(QHostAddress::LocalHost), 0));
    MetricsServerOptions options = loopback();
    options.listen.port = taken.serverPort();
    MetricsServer server(tdb.db(), options, [] { return Result<QByteArray>(kMetricsText); });
    const Error e = server.start();
    QCOMPARE(e.kind(), ErrorKind::Invalid);
    QCOMPARE(e.message(),
        QStringLiteral("cannot listen on 127.0.0.1:%1: the port is in use")
            .arg(taken.serverPort()));
    QVERIFY(!server.isRunning());
}

void HttpServerTest::listenSettingIsValidated_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("off") << QString() << true;
    QTest::newRow("a port") << QStringLiteral("9464") << true;
    QTest::newRow("every address") << QStringLiteral("0.0.0.0:9464") << true;
    QTest::newRow("a host name") << QStringLiteral("example.com:9464") << false;
    QTest::newRow("a port too large") << QStringLiteral("127.0.0.1:65536") << false;
}

void HttpServerTest::listenSettingIsValidated()
{
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Settings settings(tdb.db(), QStringLiteral("alice"));
    const QString key(SettingKey::MetricsListen);
    QCOMPARE(settings.value(key).value(), QString()); // off unless set
    const Error e = settings.set(key, value);
    if (accepted) {
        QVERIFY2(!e, qPrintable(e.message()));
        QCOMPARE(settings.value(key).value(), value);
        return;
    }
    QCOMPARE(e.kind(), ErrorKind::Invalid);
    QVERIFY2(e.message().startsWith(QLatin1String("metrics.listen: '")), qPrintable(e.message()));
    QCOMPARE(settings.value(key).value(), QString());
}

TASKDESK_TEST_MAIN(HttpServerTest)

#include "tst_httpserver.moc"
