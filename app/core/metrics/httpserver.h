#pragma once

#include "core/error.h"
#include "core/metrics/listenaddress.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSet>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace taskdesk {

// One HTTP/1.x request head: what a route needs, nothing more.
struct HttpRequest
{
    QByteArray method; // "GET"
    QByteArray target; // "/metrics?x=1", as sent
    QByteArray path; // "/metrics": the target without its query
    QByteArray version; // "HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers; // names in lower case

    bool isHead() const { return method == "HEAD"; }
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // more headers ("Allow")

    static HttpResponse text(int status, const QByteArray &line);
    // The bytes on the wire: status line, headers, and the body unless `head`.
    QByteArray serialize(bool head) const;
};

// What a client may cost the server.
struct HttpLimits
{
    int maxHeadBytes = 8 * 1024; // request line and headers; more: 431
    int headTimeoutMs = 5000; // from accept to the end of the head; later: 408
    int maxConnections = 64; // open at once; more get 503 and are closed
    int lingerMs = 2000; // after an answer, for the client to read it and close
    // From the end of the head to the answer: a handler that has not answered
    // by then gets 503 sent for it, so that no connection waits for ever.
    int answerTimeoutMs = 60000;
};

// The request head parser, incremental: fed the bytes received so far.
struct HttpHeadParse
{
    enum class State { Incomplete, Complete, Bad, TooLarge, BadVersion };
    State state = State::Incomplete;
    HttpRequest request;

    static HttpHeadParse parse(const QByteArray &received, int maxHeadBytes);
};

// Sends the one answer of one request. Copyable; used on the server's thread
// only. The first send() answers; later ones, and any once the client has
// gone, do nothing.
class HttpResponder final
{
public:
    HttpResponder() = default;
    void send(const HttpResponse &response) const;

private:
    friend class HttpServer;
    QPointer<QObject> m_connection; // an HttpServer::Connection
    bool m_head = false;
};

// A minimal HTTP/1.x server for a few fixed routes: one request per
// connection, answered with Connection: close. Request heads are bounded in
// size and in time, connections in number; whatever a client sends (garbage,
// binary, a head dripped byte by byte) costs at most those limits and gets a
// 4xx answer, never a crash. Event driven: a slow client never holds up
// another one. The handler runs in the server's thread, the thread it lives in,
// and answers through its responder then or later (work done elsewhere); a
// request waiting for its answer still counts against maxConnections.
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    using Handler = std::function<void(const HttpRequest &, const HttpResponder &)>;
    // A handler that answers at once.
    static Handler immediate(std::function<HttpResponse(const HttpRequest &)> answer);

    HttpServer(Handler handler, const HttpLimits &limits, QObject *parent = nullptr);
    ~HttpServer() override;

    // Binds; Error::invalid that names the address and why not.
    Error listen(const ListenAddress &address);
    // The address bound, with the port chosen for port 0.
    ListenAddress boundAddress() const;
    int openConnections() const { return m_open; }

private:
    class Connection;
    friend class HttpResponder;
    void acceptPending();
    void release(Connection *connection);

    Handler m_handler;
    HttpLimits m_limits;
    QTcpServer *m_server = nullptr;
    QSet<Connection *> m_connections;
    int m_open = 0; // counted against maxConnections
    int m_refused = 0; // over the cap, being told so
};

} // namespace taskdesk
