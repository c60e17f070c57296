#pragma once

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>

namespace taskdesk::test {

// An HTTP receiver on 127.0.0.1: records each POST with the time it came and
// answers from a script (status, body) in order, then 200.
class Receiver final : public QObject
{
public:
    struct Request
    {
        QByteArray path;
        QJsonObject body;
        qint64 at = 0; // ms since epoch, when it was read
    };

    Receiver()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto *buffer = new QByteArray;
                connect(socket, &QTcpSocket::readyRead, this,
                    [this, socket, buffer] { read(socket, *buffer); });
                connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
                    delete buffer;
                    socket->deleteLater();
                });
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    void script(int status, const QByteArray &body, int times = 1)
    {
        for (int i = 0; i < times; ++i)
            m_script.append({status, body});
    }
    QVector<Request> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    int count() const { return int(requests().size()); }

private:
    void read(QTcpSocket *socket, QByteArray &buffer)
    {
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        Request r;
        r.path = lines.value(0).split(' ').value(1);
        r.body = QJsonDocument::fromJson(buffer.mid(end + 4, length)).object();
        r.at = QDateTime::currentMSecsSinceEpoch();
        {
            QMutexLocker lock(&m_mutex);
            m_requests.append(r);
        }
        buffer.clear();
        const QPair<int, QByteArray> answer = m_script.isEmpty()
            ? qMakePair(200, QByteArray("{\"ok\":true}"))
            : m_script.takeFirst();
        socket->write("HTTP/1.1 " + QByteArray::number(answer.first)
            + " X\r\nContent-Type: "
              "application/json\r\nContent-Length: "
            + QByteArray::number(answer.second.size()) + "\r\nConnection: close\r\n\r\n"
            + answer.second);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<QPair<int, QByteArray>> m_script;
    mutable QMutex m_mutex;
    QVector<Request> m_requests;
};

} // namespace taskdesk::test
