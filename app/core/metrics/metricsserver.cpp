#include "metricsserver.h"

#include "core/database.h"
#include "core/metrics/readiness.h"

#include <QObject>
#include <QThread>

namespace taskdesk {

namespace {

const QByteArray kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";

} // namespace

class MetricsServer::Routes final
{
public:
    Routes(Database &db, const QString &host, Provider provider)
        : m_readiness(db, host)
        , m_provider(std::move(provider))
    { }

    HttpResponse handle(const HttpRequest &request)
    {
        const QByteArray &path = request.path;
        const bool known
            = path == "/metrics" || path == "/livez" || path == "/readyz" || path == "/healthz";
        if (!known)
            return HttpResponse::text(404, "not found: /metrics, /livez, /readyz, /healthz");
        if (request.method != "GET" && request.method != "HEAD") {
            HttpResponse r = HttpResponse::text(405, "method not allowed: GET or HEAD");
            r.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET, HEAD")));
            return r;
        }
        if (path == "/livez")
            return HttpResponse::text(200, "ok");
        if (path == "/metrics")
            return metrics();
        const QString reason = m_readiness.notReadyReason();
        if (reason.isEmpty())
            return HttpResponse::text(200, "ok");
        return HttpResponse::text(503, "not ready: " + reason.toUtf8());
    }

private:
    HttpResponse metrics()
    {
        if (!m_provider)
            return HttpResponse::text(500, "no metrics");
        Result<QByteArray> text = m_provider();
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

    Readiness m_readiness;
    Provider m_provider;
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
            m_routes = new Routes(m_db, m_options.host, m_provider);
            Routes *routes = m_routes;
            m_server = new HttpServer(
                [routes](const HttpRequest &request) { return routes->handle(request); },
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
            delete m_routes;
            m_routes = nullptr;
            m_db.closeThreadConnection();
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_context.reset();
    m_thread.reset();
}

} // namespace taskdesk
