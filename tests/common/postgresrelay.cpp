#include "postgresrelay.h"

#include <QHostAddress>
#include <QLocalSocket>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

namespace taskdesk::test {

class RelayWorker final : public QObject
{
public:
    explicit RelayWorker(DatabaseLocation server)
        : m_server(std::move(server))
    { }

    quint16 listen()
    {
        m_listener = new QTcpServer(this);
        if (!m_listener->listen(QHostAddress::LocalHost))
            return 0;
        connect(m_listener, &QTcpServer::newConnection, this, &RelayWorker::accept);
        return m_listener->serverPort();
    }

    void setCut(bool cut)
    {
        m_cut = cut;
        // Cut: the relayed connections end now. Restored: the unanswered ones too.
        const QList<QPointer<QIODevice>> ends = cut ? m_relayed : m_silent;
        for (const QPointer<QIODevice> &end : ends)
            close(end);
        (cut ? m_relayed : m_silent).clear();
    }

    int silentCount() const
    {
        return int(std::count_if(m_silent.cbegin(), m_silent.cend(),
            [](const QPointer<QIODevice> &end) { return !end.isNull(); }));
    }

private:
    static void close(QIODevice *end)
    {
        if (auto *tcp = qobject_cast<QTcpSocket *>(end))
            tcp->abort();
        else if (auto *local = qobject_cast<QLocalSocket *>(end))
            local->abort();
        if (end)
            end->deleteLater();
    }

    // The test server's end of a relayed connection, connected; null if it cannot be.
    QIODevice *connectToServer()
    {
        const int port = m_server.port > 0 ? m_server.port : 5432;
        if (m_server.host.startsWith(QLatin1Char('/'))) {
            auto *local = new QLocalSocket(this);
            local->connectToServer(
                m_server.host + QStringLiteral("/.s.PGSQL.") + QString::number(port));
            if (local->waitForConnected(5000))
                return local;
            delete local;
            return nullptr;
        }
        auto *tcp = new QTcpSocket(this);
        tcp->connectToHost(
            m_server.host.isEmpty() ? QStringLiteral("localhost") : m_server.host, quint16(port));
        if (tcp->waitForConnected(5000))
            return tcp;
        delete tcp;
        return nullptr;
    }

    void accept()
    {
        while (QTcpSocket *client = m_listener->nextPendingConnection()) {
            if (m_cut) {
                // Read and never answer.
                connect(client, &QIODevice::readyRead, client, [client]() { client->readAll(); });
                m_silent.append(client);
                continue;
            }
            QIODevice *server = connectToServer();
            if (!server) {
                client->abort();
                client->deleteLater();
                continue;
            }
            // Either side's end ends the other.
            connect(server, &QIODevice::readChannelFinished, client, &QTcpSocket::abort);
            connect(client, &QTcpSocket::disconnected, server, [server]() { close(server); });
            connect(client, &QIODevice::readyRead, server,
                [client, server]() { server->write(client->readAll()); });
            connect(server, &QIODevice::readyRead, client,
                [client, server]() { client->write(server->readAll()); });
            m_relayed << client << server;
        }
    }

    DatabaseLocation m_server;
    QTcpServer *m_listener = nullptr;
    bool m_cut = false;
    QList<QPointer<QIODevice>> m_relayed;
    QList<QPointer<QIODevice>> m_silent;
};

PostgresRelay::PostgresRelay(const DatabaseLocation &server)
    : m_server(server)
{
    m_thread.setObjectName(QStringLiteral("postgres-relay"));
}

PostgresRelay::~PostgresRelay()
{
    m_thread.quit();
    m_thread.wait();
}

bool PostgresRelay::start()
{
    m_worker = new RelayWorker(m_server);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [this]() { m_port = m_worker->listen(); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

DatabaseLocation PostgresRelay::location(const QString &options) const
{
    DatabaseLocation relayed = m_server;
    relayed.host = QStringLiteral("127.0.0.1");
    relayed.port = m_port;
    relayed.options = options;
    return relayed;
}

void PostgresRelay::cut()
{
    QMetaObject::invokeMethod(
        m_worker, [this]() { m_worker->setCut(true); }, Qt::BlockingQueuedConnection);
}

void PostgresRelay::restore()
{
    QMetaObject::invokeMethod(
        m_worker, [this]() { m_worker->setCut(false); }, Qt::BlockingQueuedConnection);
}

int PostgresRelay::silentConnections() const
{
    int n = 0;
    QMetaObject::invokeMethod(
        m_worker, [this, &n]() { n = m_worker->silentCount(); }, Qt::BlockingQueuedConnection);
    return n;
}

} // namespace taskdesk::test
