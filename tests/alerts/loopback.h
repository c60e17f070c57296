#pragma once

#include "core/alerts/alertchannel.h"
#include "core/alerts/alertstore.h"
#include "core/alerts/channelfactory.h"
#include "core/notify/secret.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

namespace taskdesk::test {

// An HTTP receiver on 127.0.0.1: records each POST and answers from a script
// (status, body) in order, then 200.
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

// A channel that posts the group as JSON to the receiver, with its secret in
// the path as a Slack webhook URL holds its key; 429 and 5xx are retryable,
// Telegram's parameters.retry_after is honoured.
class LoopbackChannel final : public AlertChannel
{
public:
    LoopbackChannel(QString name, QString base, QByteArray secret)
        : m_name(std::move(name))
        , m_base(std::move(base))
        , m_secret(std::move(secret))
        , m_nam(this)
    { }

    QString name() const override { return m_name; }
    void deliver(const AlertGroup &group, Done done) override
    {
        QNetworkRequest request(QUrl(
            m_base + QLatin1Char('/') + m_name + QLatin1Char('/') + QString::fromUtf8(m_secret)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setTransferTimeout(10000);
        QNetworkReply *reply
            = m_nam.post(request, QJsonDocument(AlertStore::groupToJson(group)).toJson());
        connect(reply, &QNetworkReply::finished, this, [reply, done] {
            DeliveryResult r;
            r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
            r.ok = r.httpStatus >= 200 && r.httpStatus < 300;
            r.retryable = r.httpStatus == 0 || r.httpStatus == 429 || r.httpStatus >= 500;
            r.retryAfterMs = qint64(body.value(QStringLiteral("parameters"))
                                        .toObject()
                                        .value(QStringLiteral("retry_after"))
                                        .toDouble()
                * 1000);
            if (!r.ok)
                r.error = QStringLiteral("HTTP %1").arg(r.httpStatus);
            reply->deleteLater();
            done(r);
        });
    }

private:
    QString m_name;
    QString m_base;
    QByteArray m_secret;
    QNetworkAccessManager m_nam;
};

inline ChannelFactory loopbackFactory(quint16 port)
{
    return [port](const AlertChannelConfig &config) -> Result<std::unique_ptr<AlertChannel>> {
        Result<SecretSource> source = SecretSource::parse(config.secretReference);
        if (!source.ok())
            return source.error();
        Result<QByteArray> secret = source->read();
        if (!secret.ok())
            return secret.error();
        return std::unique_ptr<AlertChannel>(std::make_unique<LoopbackChannel>(
            config.name, QStringLiteral("http://127.0.0.1:%1").arg(port), *secret));
    };
}

} // namespace taskdesk::test
