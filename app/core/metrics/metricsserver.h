#pragma once

#include "core/error.h"
#include "core/metrics/httpserver.h"
#include "core/metrics/listenaddress.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

class QObject;
class QThread;

namespace taskdesk {

class Database;

struct MetricsServerOptions
{
    ListenAddress listen;
    QString host; // whose supervised programs /readyz looks at
    HttpLimits limits;
    // How long an answer may wait for the database; then /readyz is 503
    // ("database: no answer within 2 s") and /metrics 503. A probe's or a
    // scrape's own time limit is usually 1–10 s.
    int readyTimeoutMs = 2000;
    int metricsTimeoutMs = 10000;
};

// The HTTP side of `taskdeskctl supervise --listen`, on threads of its own,
// so that a scrape never holds up the supervisor, the sweeper or the
// scheduler, and they never hold up a scrape:
//   GET /metrics  the Prometheus text exposition (format 0.0.4)
//   GET /livez    200 while the process serves at all
//   GET /readyz   200, or 503 with one line saying why (Readiness)
//   GET /healthz  the same as /readyz
// HEAD works on each; another method is 405, another path 404.
//
// Sockets are served by one thread and the database is read by another, with
// its own connection, so that a database that hangs (a lock, a server that
// stopped answering) never holds up /livez nor the answer of any request:
// /readyz and /metrics answer 503 at their time limit. One read of each kind
// is in flight at a time; requests that come meanwhile take its answer, so
// that clients piling up on a hung database queue nothing more on it.
class MetricsServer final
{
public:
    // The whole text exposition, or why not (a 500). Called on the server's
    // database thread: what it reads goes through that thread's connection
    // (Database gives each thread its own).
    using Provider = std::function<Result<QByteArray>()>;

    MetricsServer(Database &db, MetricsServerOptions options, Provider provider);
    ~MetricsServer(); // stop()
    MetricsServer(const MetricsServer &) = delete;
    MetricsServer &operator=(const MetricsServer &) = delete;

    // Starts the thread and binds; returns once the port is open, or with
    // Error::invalid naming the address and why it cannot be bound (then no
    // thread is left running).
    Error start();
    // Closes the port and ends the threads (their database connections closed
    // first). A database read that does not return within 5 s is left behind
    // with its thread rather than wait for it.
    void stop();
    bool isRunning() const { return m_thread != nullptr; }
    // The address bound, with the port chosen for port 0.
    ListenAddress boundAddress() const { return m_bound; }

    // The routes alone, without a socket (what the server's thread calls).
    class Routes;

private:
    Database &m_db;
    MetricsServerOptions m_options;
    Provider m_provider;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<QObject> m_context; // lives in m_thread
    // Owned by the server's thread, made and deleted there.
    HttpServer *m_server = nullptr;
    Routes *m_routes = nullptr;
    ListenAddress m_bound;
};

} // namespace taskdesk
