#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QPair>
#include <QTcpSocket>

namespace taskdesk::test {

// What came back on one HTTP connection, read until the server closed it.
struct HttpReply
{
    bool connected = false;
    bool closedByServer = false; // else the time ran out
    QByteArray raw;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;
    qint64 elapsedMs = 0; // from connect to the end

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first == name)
                return h.second;
        }
        return {};
    }
    QByteArray describe() const
    {
        return "status " + QByteArray::number(status) + (closedByServer ? " closed" : " open")
            + " after " + QByteArray::number(elapsedMs) + " ms\n" + raw.left(2000);
    }

    void parse()
    {
        const qsizetype end = raw.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = raw.left(end).split('\n');
        const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
        if (statusLine.size() >= 2 && statusLine.constFirst().startsWith("HTTP/1."))
            status = statusLine.at(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                headers.append({lines.at(i).left(colon).trimmed().toLower(),
                    lines.at(i).mid(colon + 1).trimmed()});
        }
        body = raw.mid(end + 4);
    }
};

// Connects to 127.0.0.1:port, sends `request` at once, reads until the server
// closes the connection or `timeoutMs` passes. Blocking: the server under
// test runs in a thread or a process of its own.
inline HttpReply httpExchange(quint16 port, const QByteArray &request, int timeoutMs = 10000)
{
    HttpReply reply;
    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs))
        return reply;
    reply.connected = true;
    socket.write(request);
    socket.waitForBytesWritten(timeoutMs);
    while (timer.elapsed() < timeoutMs) {
        if (socket.state() != QAbstractSocket::ConnectedState) {
            reply.closedByServer = true;
            break;
        }
        if (!socket.waitForReadyRead(int(qMax<qint64>(1, timeoutMs - timer.elapsed())))) {
            if (socket.state() != QAbstractSocket::ConnectedState)
                reply.closedByServer = true;
            reply.raw += socket.readAll();
            break;
        }
        reply.raw += socket.readAll();
    }
    reply.raw += socket.readAll();
    reply.elapsedMs = timer.elapsed();
    reply.parse();
    return reply;
}

inline HttpReply httpGet(quint16 port, const QByteArray &path, const QByteArray &method = "GET")
{
    return httpExchange(port, method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

} // namespace taskdesk::test
