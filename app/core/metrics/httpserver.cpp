#include "httpserver.h"

#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <cctype>

#include <sys/socket.h>

namespace taskdesk {

namespace {

constexpr int kMaxMethod = 16;
constexpr int kMaxHeaders = 100;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// A byte that has no place in a request head: a control character but for
// the tab (CR and LF are taken apart before this is asked).
bool isControl(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
}

using State = HttpHeadParse::State;

// The request line, complete or (`complete` false) as much of it as arrived:
// a prefix that can still become a valid line is Incomplete.
State requestLine(const QByteArray &line, bool complete, HttpRequest &request)
{
    const qsizetype sp1 = line.indexOf(' ');
    const QByteArray method = sp1 < 0 ? line : line.left(sp1);
    if (method.size() > kMaxMethod || (sp1 == 0))
        return State::Bad;
    for (char c : method) {
        if (c < 'A' || c > 'Z')
            return State::Bad;
    }
    if (sp1 < 0)
        return complete ? State::Bad : State::Incomplete;
    const QByteArray rest = line.mid(sp1 + 1);
    const qsizetype sp2 = rest.indexOf(' ');
    const QByteArray target = sp2 < 0 ? rest : rest.left(sp2);
    if (!target.isEmpty() && target.at(0) != '/')
        return State::Bad;
    for (char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return State::Bad;
    }
    if (sp2 < 0)
        return complete ? State::Bad : State::Incomplete;
    if (target.isEmpty())
        return State::Bad;
    const QByteArray version = rest.mid(sp2 + 1);
    static const QByteArray prefix("HTTP/");
    if (!complete) {
        if (version.size() > 8)
            return State::Bad;
        if (!prefix.startsWith(version.left(prefix.size())))
            return State::Bad;
        for (qsizetype i = prefix.size(); i < version.size(); ++i) {
            const char c = version.at(i);
            if (!(c >= '0' && c <= '9') && c != '.')
                return State::Bad;
        }
        return State::Incomplete;
    }
    if (version.size() != 8 || !version.startsWith(prefix) || version.at(6) != '.'
        || !std::isdigit(static_cast<unsigned char>(version.at(5)))
        || !std::isdigit(static_cast<unsigned char>(version.at(7))))
        return State::Bad;
    if (version != "HTTP/1.0" && version != "HTTP/1.1")
        return State::BadVersion;
    request.method = method;
    request.target = target;
    const qsizetype query = target.indexOf('?');
    request.path = query < 0 ? target : target.left(query);
    request.version = version;
    return State::Complete;
}

State headerLine(const QByteArray &line, HttpRequest &request)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return State::Bad; // no name, or a folded line (obsolete, refused)
    const QByteArray name = line.left(colon);
    for (char c : name) {
        if (!isTokenChar(c))
            return State::Bad;
    }
    if (request.headers.size() >= kMaxHeaders)
        return State::TooLarge;
    request.headers.append({name.toLower(), line.mid(colon + 1).trimmed()});
    return State::Incomplete;
}

} // namespace

HttpHeadParse HttpHeadParse::parse(const QByteArray &received, int maxHeadBytes)
{
    HttpHeadParse out;
    qsizetype pos = 0;
    bool first = true;
    while (true) {
        const qsizetype newline = received.indexOf('\n', pos);
        const bool complete = newline >= 0;
        if (complete && newline + 1 > maxHeadBytes) {
            out.state = State::TooLarge;
            return out;
        }
        QByteArray line = received.mid(pos, complete ? newline - pos : -1);
        if (complete && line.endsWith('\r'))
            line.chop(1);
        // A CR alone may only end a line that has not fully arrived yet.
        const qsizetype cr = line.indexOf('\r');
        if (cr >= 0 && (complete || cr + 1 < line.size())) {
            out.state = State::Bad;
            return out;
        }
        for (char c : line) {
            if (c != '\r' && isControl(c)) {
                out.state = State::Bad;
                return out;
            }
        }
        if (first) {
            if (line.endsWith('\r'))
                line.chop(1);
            out.state = requestLine(line, complete, out.request);
            if (out.state != State::Complete && out.state != State::Incomplete)
                return out;
            out.state = State::Incomplete;
        } else if (complete && line.isEmpty()) {
            out.state = State::Complete;
            return out;
        } else if (complete) {
            out.state = headerLine(line, out.request);
            if (out.state != State::Incomplete)
                return out;
        }
        if (!complete) {
            out.state = received.size() > maxHeadBytes ? State::TooLarge : State::Incomplete;
            return out;
        }
        first = false;
        pos = newline + 1;
    }
}

HttpResponse HttpResponse::text(int status, const QByteArray &line)
{
    HttpResponse r;
    r.status = status;
    r.body = line + '\n';
    return r;
}

QByteArray HttpResponse::serialize(bool head) const
{
    QByteArray out;
    out.reserve(256 + (head ? 0 : body.size()));
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    out += "Connection: close\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!head)
        out += body;
    return out;
}

// One client: its head is read until complete, too large, malformed or late;
// then one answer, the write side shut, and what the client still sends read
// and dropped until it closes or the linger time is over (closing with unread
// bytes would reset the connection and could lose the answer on its way).
class HttpServer::Connection final : public QObject
{
public:
    Connection(HttpServer &server, QTcpSocket *socket, bool counted)
        : QObject(&server)
        , m_server(server)
        , m_socket(socket)
        , m_counted(counted)
    {
        m_socket->setParent(this);
        m_socket->setReadBufferSize(server.m_limits.maxHeadBytes + 1);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { onTimeout(); });
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { shutWriteWhenFlushed(); });
        connect(m_socket, &QTcpSocket::disconnected, this, [this] { deleteLater(); });
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this] { deleteLater(); });
        m_timer.start(server.m_limits.headTimeoutMs);
    }
    ~Connection() override { m_server.release(this); }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool counted() const { return m_counted; }

    void answer(const HttpResponse &response, bool head = false)
    {
        if (m_answered)
            return;
        m_answered = true;
        m_received.clear();
        m_socket->write(response.serialize(head));
        m_socket->flush();
        m_timer.start(m_server.m_limits.lingerMs);
        shutWriteWhenFlushed();
    }

private:
    void onReadyRead()
    {
        if (m_answered || m_handling) {
            m_socket->readAll(); // dropped: see the class comment
            return;
        }
        m_received += m_socket->readAll();
        const HttpHeadParse parsed
            = HttpHeadParse::parse(m_received, m_server.m_limits.maxHeadBytes);
        switch (parsed.state) {
        case State::Incomplete:
            return;
        case State::Bad:
            answer(HttpResponse::text(400, "bad request"));
            return;
        case State::TooLarge:
            answer(HttpResponse::text(431, "request head too large"));
            return;
        case State::BadVersion:
            answer(HttpResponse::text(505, "HTTP/1.0 or HTTP/1.1 only"));
            return;
        case State::Complete: {
            // The head is in: its time limit is over. The route answers within
            // its own; this one is the backstop.
            m_timer.start(m_server.m_limits.answerTimeoutMs);
            m_received.clear();
            m_handling = true;
            HttpResponder responder;
            responder.m_connection = this;
            responder.m_head = parsed.request.isHead();
            m_server.m_handler(parsed.request, responder);
            return;
        }
        }
    }

    void onTimeout()
    {
        if (m_answered) {
            m_socket->abort();
            deleteLater();
            return;
        }
        answer(m_handling ? HttpResponse::text(503, "no answer in time")
                          : HttpResponse::text(408, "request head not received in time"));
    }

    void shutWriteWhenFlushed()
    {
        if (!m_answered || m_shut || m_socket->bytesToWrite() > 0)
            return;
        m_shut = true;
        const qintptr fd = m_socket->socketDescriptor();
        if (fd >= 0)
            ::shutdown(int(fd), SHUT_WR);
    }

    HttpServer &m_server;
    QTcpSocket *m_socket;
    QTimer m_timer;
    QByteArray m_received;
    bool m_counted;
    bool m_answered = false;
    bool m_handling = false; // the head is complete and with the handler
    bool m_shut = false;
};

void HttpResponder::send(const HttpResponse &response) const
{
    if (auto *c = static_cast<HttpServer::Connection *>(m_connection.data()))
        c->answer(response, m_head);
}

HttpServer::Handler HttpServer::immediate(std::function<HttpResponse(const HttpRequest &)> answer)
{
    return
        [answer = std::move(answer)](const HttpRequest &request, const HttpResponder &responder) {
            responder.send(answer(request));
        };
}

HttpServer::HttpServer(Handler handler, const HttpLimits &limits, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_limits(limits)
    , m_server(new QTcpServer(this))
{
    // The cap is ours: the listen backlog only holds what is not accepted yet.
    m_server->setMaxPendingConnections(limits.maxConnections);
    connect(m_server, &QTcpServer::newConnection, this, [this] { acceptPending(); });
}

HttpServer::~HttpServer()
{
    m_server->close();
    const QSet<Connection *> left = m_connections;
    m_connections.clear();
    qDeleteAll(left);
}

Error HttpServer::listen(const ListenAddress &address)
{
    if (m_server->listen(address.address, address.port))
        return {};
    QString why = m_server->errorString();
    if (m_server->serverError() == QAbstractSocket::AddressInUseError)
        why = QStringLiteral("the port is in use");
    else if (m_server->serverError() == QAbstractSocket::SocketAccessError)
        why = QStringLiteral("permission denied");
    else if (m_server->serverError() == QAbstractSocket::SocketAddressNotAvailableError)
        why = QStringLiteral("the address is not one of this host");
    return Error::invalid(QStringLiteral("cannot listen on %1: %2").arg(address.display(), why));
}

ListenAddress HttpServer::boundAddress() const
{
    ListenAddress a;
    a.address = m_server->serverAddress();
    a.port = m_server->serverPort();
    return a;
}

void HttpServer::acceptPending()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        const bool counted = m_open < m_limits.maxConnections;
        if (!counted && m_refused >= m_limits.maxConnections) {
            // A flood: not even an answer for these.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *c = new Connection(*this, socket, counted);
        m_connections.insert(c);
        if (counted) {
            ++m_open;
        } else {
            ++m_refused;
            c->answer(HttpResponse::text(503, "too many connections"));
        }
    }
}

void HttpServer::release(Connection *connection)
{
    if (!m_connections.remove(connection))
        return;
    if (connection->counted())
        --m_open;
    else
        --m_refused;
}

} // namespace taskdesk
