#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QQueue>
#include <QTcpServer>
#include <QUrl>
#include <QVector>

#include <functional>

class QTcpSocket;

// A small HTTP/1.1 server on 127.0.0.1 for tests of what Taskdesk sends out
// (alert channels, webhooks): it records every request and answers each with
// the next scripted response.
//
//   TestHttpReceiver receiver;
//   QVERIFY(receiver.listen());
//   receiver.enqueue({429, R"({"ok":false,"parameters":{"retry_after":7}})"});
//   receiver.enqueue({500});
//   receiver.enqueue({200, R"({"ok":true})"});
//   … point the client at receiver.url("/hook") …
//   QVERIFY(receiver.waitForRequests(3));
//   QCOMPARE(receiver.requests().at(0).header("content-type"), "application/json");
//
// Responses are used in order; when none is left, defaultResponse() answers
// (200 with an empty JSON object unless changed). A handler, when set, answers
// instead of both and may read the request (to echo it, for example).
// Every answer closes its connection. Lives in the thread that made it and
// needs that thread's event loop (QTRY_*, QSignalSpy::wait, waitForRequests).
class TestHttpReceiver : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method; // "POST"
        QByteArray target; // as sent: "/bot123:ABC/sendMessage?x=1"
        QByteArray path; // the target without its query
        QMap<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;

        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    };

    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers; // e.g. {"Retry-After", "30"}
        // Keep the connection open and never answer (a receiver that hangs).
        bool hang = false;

        Response() = default;
        Response(int httpStatus, QByteArray answer = QByteArray(),
            QList<QPair<QByteArray, QByteArray>> answerHeaders = {})
            : status(httpStatus)
            , body(std::move(answer))
            , headers(std::move(answerHeaders))
        { }
        static Response hanging()
        {
            Response r;
            r.hang = true;
            return r;
        }
    };

    using Handler = std::function<Response(const Request &)>;

    explicit TestHttpReceiver(QObject *parent = nullptr);
    ~TestHttpReceiver() override;

    // On 127.0.0.1 and a port the system picks.
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    // http://127.0.0.1:<port><path>
    QUrl url(const QString &path = QString()) const;

    void enqueue(const Response &response) { m_script.enqueue(response); }
    void setDefaultResponse(const Response &response) { m_default = response; }
    Response defaultResponse() const { return m_default; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    const QVector<Request> &requests() const { return m_requests; }
    // Runs the event loop until `count` requests have come, or the time is up.
    bool waitForRequests(int count, int timeoutMs = 10000);
    void clear() { m_requests.clear(); }

signals:
    void requestReceived(int index);

private:
    void accept();
    void readFrom(QTcpSocket *socket);

    QTcpServer m_server;
    QQueue<Response> m_script;
    Response m_default{200, QByteArray("{}")};
    Handler m_handler;
    QVector<Request> m_requests;
    QMap<QTcpSocket *, QByteArray> m_buffers;
};
