#pragma once

#include "core/database.h"

#include <QThread>

#include <memory>

namespace taskdesk::test {

class RelayWorker;

// A TCP port on 127.0.0.1 that relays to the test's PostgreSQL server, and
// that a test can cut: cut() drops every relayed connection, then accepts new
// ones and never answers them, as a server host gone from the network does (a
// connect waits for its timeout). restore() relays again. The relay runs on a
// thread of its own, so that a test thread blocked in libpq does not stop it.
class PostgresRelay final
{
public:
    explicit PostgresRelay(const DatabaseLocation &server);
    ~PostgresRelay();
    PostgresRelay(const PostgresRelay &) = delete;
    PostgresRelay &operator=(const PostgresRelay &) = delete;

    // Listens; false if it cannot.
    bool start();
    // The server's location with the relay's host and port instead, and `options`.
    DatabaseLocation location(const QString &options = {}) const;
    void cut();
    void restore();
    // Connections accepted while cut, answered by nothing.
    int silentConnections() const;

private:
    DatabaseLocation m_server;
    QThread m_thread;
    RelayWorker *m_worker = nullptr; // lives in m_thread
    quint16 m_port = 0;
};

} // namespace taskdesk::test
