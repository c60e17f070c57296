#include "testhttpreceiver.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

TestHttpReceiver::TestHttpReceiver(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TestHttpReceiver::accept);
}

TestHttpReceiver::~TestHttpReceiver()
{
    m_server.close();
}

bool TestHttpReceiver::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl TestHttpReceiver::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
}

bool TestHttpReceiver::waitForRequests(int count, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (m_requests.size() < count && !deadline.hasExpired()) {
        QEventLoop loop;
        connect(this, &TestHttpReceiver::requestReceived, &loop, &QEventLoop::quit);
        QTimer::singleShot(
            qMax<qint64>(1, qMin<qint64>(50, deadline.remainingTime())), &loop, &QEventLoop::quit);
        loop.exec();
    }
    return m_requests.size() >= count;
}

void TestHttpReceiver::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void TestHttpReceiver::readFrom(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.target = first.value(1);
    request.path = request.target.left(request.target.indexOf('?'));
    if (request.target.indexOf('?') < 0)
        request.path = request.target;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.insert(
                lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
    }
    const qsizetype length = request.header("content-length").toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return; // the rest of the body is still coming
    request.body = buffer.mid(headEnd + 4, length);
    buffer.clear();

    Response response;
    if (m_handler)
        response = m_handler(request);
    else if (!m_script.isEmpty())
        response = m_script.dequeue();
    else
        response = m_default;
    m_requests << request;
    emit requestReceived(int(m_requests.size() - 1));
    if (response.hang)
        return;

    QByteArray answer = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reason(response.status) + "\r\n";
    bool typed = false;
    for (const auto &[name, value] : response.headers) {
        answer += name + ": " + value + "\r\n";
        typed = typed || name.toLower() == "content-type";
    }
    if (!typed)
        answer += "Content-Type: application/json\r\n";
    answer += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    answer += "Connection: close\r\n\r\n";
    answer += response.body;
    socket->write(answer);
    socket->disconnectFromHost();
}
