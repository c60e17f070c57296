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
};

// The HTTP side of `taskdeskctl supervise --listen`, on a thread of its own
// with its own event loop and its own database connection, so that a scrape
// never holds up the supervisor, the sweeper or the scheduler, and they never
// hold up a scrape:
//   GET /metrics  the Prometheus text exposition (format 0.0.4)
//   GET /livez    200 while the process serves at all
//   GET /readyz   200, or 503 with one line saying why (Readiness)
//   GET /healthz  the same as /readyz
// HEAD works on each; another method is 405, another path 404.
class MetricsServer final
{
public:
    // The whole text exposition, or why not (a 500). Called on the server's
    // thread: what it reads from the database goes through that thread's
    // connection (Database gives each thread its own).
    using Provider = std::function<Result<QByteArray>()>;

    MetricsServer(Database &db, MetricsServerOptions options, Provider provider);
    ~MetricsServer(); // stop()
    MetricsServer(const MetricsServer &) = delete;
    MetricsServer &operator=(const MetricsServer &) = delete;

    // Starts the thread and binds; returns once the port is open, or with
    // Error::invalid naming the address and why it cannot be bound (then no
    // thread is left running).
    Error start();
    // Closes the port and ends the thread (its database connection closed first).
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
