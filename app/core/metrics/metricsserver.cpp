#include "metricsserver.h"

#include "core/database.h"
#include "core/metrics/readiness.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <utility>

namespace taskdesk {

namespace {

const QByteArray kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";
constexpr int kStopWaitMs = 5000;

enum class Read { Ready, Metrics };

QByteArray seconds(int ms)
{
    return QByteArray::number(ms / 1000.0) + " s";
}

// What the database thread reads. Shared with the jobs posted to that thread,
// so that a job left behind by stop() still has what it uses.
struct Reader
{
    Reader(Database &database, const QString &host, MetricsServer::Provider p)
        : db(database)
        , readiness(database, host)
        , provider(std::move(p))
    { }

    HttpResponse answer(Read read)
    {
        if (read == Read::Ready) {
            const QString reason = readiness.notReadyReason();
            if (reason.isEmpty())
                return HttpResponse::text(200, "ok");
            return HttpResponse::text(503, "not ready: " + reason.toUtf8());
        }
        if (!provider)
            return HttpResponse::text(500, "no metrics");
        Result<QByteArray> text = provider();
        if (!text.ok()) {
            QString why = text.error().message();
            why.replace(QLatin1Char('\n'), QLatin1Char(' '));
            return HttpResponse::text(500, "metrics unavailable: " + why.toUtf8());
        }
        HttpResponse r;
        r.contentType = kPrometheusType;
        r.body = std::move(text).value();
        return r;
    }

    Database &db;
    Readiness readiness;
    MetricsServer::Provider provider;
};

// Where the database thread posts its answers: the routes until they go.
struct Mailbox
{
    QMutex mutex;
    MetricsServer::Routes *routes = nullptr;
};

} // namespace

// The routes, on the sockets' thread. /readyz and /metrics wait for a read on
// the database thread, each with its time limit.
class MetricsServer::Routes final : public QObject
{
public:
    Routes(Database &db, const MetricsServerOptions &options, Provider provider)
        : m_options(options)
        , m_reader(std::make_shared<Reader>(db, options.host, std::move(provider)))
        , m_mailbox(std::make_shared<Mailbox>())
        , m_thread(std::make_unique<QThread>())
        , m_readerContext(new QObject)
    {
        m_mailbox->routes = this;
        m_thread->setObjectName(QStringLiteral("metrics-db"));
        m_readerContext->moveToThread(m_thread.get());
        QObject::connect(
            m_thread.get(), &QThread::finished, m_readerContext, &QObject::deleteLater);
        m_thread->start();
    }

    ~Routes() override
    {
        {
            QMutexLocker lock(&m_mailbox->mutex);
            m_mailbox->routes = nullptr;
        }
        // Behind any read in flight: its connection closed, then its loop ended.
        QMetaObject::invokeMethod(
            m_readerContext,
            [reader = m_reader] {
                reader->db.closeThreadConnection();
                QThread::currentThread()->quit();
            },
            Qt::QueuedConnection);
        if (!m_thread->wait(kStopWaitMs)) {
            // A read that hangs in the database driver: the process is on its
            // way out, and waiting for it would hang the way out too. The
            // thread ends on its own if the read ever returns.
            qWarning("taskdesk: a /metrics or /readyz read of the database did not return in "
                     "%d s; its thread is left behind",
                kStopWaitMs / 1000);
            (void)m_thread.release();
        }
    }

    void handle(const HttpRequest &request, const HttpResponder &responder)
    {
        const QByteArray &path = request.path;
        const bool known
            = path == "/metrics" || path == "/livez" || path == "/readyz" || path == "/healthz";
        if (!known) {
            responder.send(
                HttpResponse::text(404, "not found: /metrics, /livez, /readyz, /healthz"));
            return;
        }
        if (request.method != "GET" && request.method != "HEAD") {
            HttpResponse r = HttpResponse::text(405, "method not allowed: GET or HEAD");
            r.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET, HEAD")));
            responder.send(r);
            return;
        }
        if (path == "/livez") {
            responder.send(HttpResponse::text(200, "ok"));
            return;
        }
        wait(path == "/metrics" ? Read::Metrics : Read::Ready, responder);
    }

private:
    struct Flight
    {
        bool reading = false;
        QHash<quint64, HttpResponder> waiting;
    };

    Flight &flight(Read read) { return read == Read::Ready ? m_ready : m_metrics; }

    int timeoutMs(Read read) const
    {
        return read == Read::Ready ? m_options.readyTimeoutMs : m_options.metricsTimeoutMs;
    }

    void wait(Read read, const HttpResponder &responder)
    {
        Flight &f = flight(read);
        const quint64 id = ++m_lastWaiter;
        f.waiting.insert(id, responder);
        QTimer::singleShot(timeoutMs(read), this, [this, read, id] { timedOut(read, id); });
        if (f.reading)
            return; // the read in flight answers this one too
        f.reading = true;
        QMetaObject::invokeMethod(
            m_readerContext,
            [reader = m_reader, mailbox = m_mailbox, read] {
                HttpResponse response = reader->answer(read);
                QMutexLocker lock(&mailbox->mutex);
                if (Routes *routes = mailbox->routes)
                    QMetaObject::invokeMethod(
                        routes, [routes, read, response] { routes->answered(read, response); },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    void answered(Read read, const HttpResponse &response)
    {
        Flight &f = flight(read);
        f.reading = false;
        const QHash<quint64, HttpResponder> waiting = std::exchange(f.waiting, {});
        for (const HttpResponder &responder : waiting)
            responder.send(response);
    }

    void timedOut(Read read, quint64 id)
    {
        Flight &f = flight(read);
        const auto it = f.waiting.constFind(id);
        if (it == f.waiting.cend())
            return; // answered in time
        const HttpResponder responder = *it;
        f.waiting.erase(it);
        const QByteArray limit = seconds(timeoutMs(read));
        responder.send(read == Read::Ready
                ? HttpResponse::text(503, "not ready: database: no answer within " + limit)
                : HttpResponse::text(
                    503, "metrics unavailable: the database did not answer within " + limit));
    }

    MetricsServerOptions m_options;
    std::shared_ptr<Reader> m_reader;
    std::shared_ptr<Mailbox> m_mailbox;
    std::unique_ptr<QThread> m_thread;
    QObject *m_readerContext; // lives in m_thread, deleted when it finishes
    Flight m_ready;
    Flight m_metrics;
    quint64 m_lastWaiter = 0;
};

MetricsServer::MetricsServer(Database &db, MetricsServerOptions options, Provider provider)
    : m_db(db)
    , m_options(std::move(options))
    , m_provider(std::move(provider))
{ }

MetricsServer::~MetricsServer()
{
    stop();
}

Error MetricsServer::start()
{
    if (m_thread)
        return {};
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("metrics-http"));
    m_context = std::make_unique<QObject>();
    m_context->moveToThread(m_thread.get());
    m_thread->start();
    Error error;
    QMetaObject::invokeMethod(
        m_context.get(),
        [this, &error] {
            m_routes = new Routes(m_db, m_options, m_provider);
            Routes *routes = m_routes;
            m_server = new HttpServer(
                [routes](const HttpRequest &request, const HttpResponder &responder) {
                    routes->handle(request, responder);
                },
                m_options.limits);
            error = m_server->listen(m_options.listen);
            if (!error)
                m_bound = m_server->boundAddress();
        },
        Qt::BlockingQueuedConnection);
    if (error)
        stop();
    return error;
}

void MetricsServer::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_context.get(),
        [this] {
            delete m_server;
            m_server = nullptr;
            delete m_routes; // ends the database thread
            m_routes = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_context.reset();
    m_thread.reset();
}

} // namespace taskdesk
