#include "httpalertchannel.h"

#include <QDateTime>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <utility>

namespace taskdesk {

namespace {

QString errorCodeName(QNetworkReply::NetworkError code)
{
    const char *key = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(code);
    return key ? QString::fromLatin1(key) : QString::number(int(code));
}

bool networkErrorRetryable(QNetworkReply::NetworkError code)
{
    switch (code) {
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        return false;
    default:
        return true;
    }
}

} // namespace

HttpAlertChannel::HttpAlertChannel(QObject *parent)
    : AlertChannel(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpAlertChannel::timeOut);
}

HttpAlertChannel::~HttpAlertChannel()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void HttpAlertChannel::deliver(const AlertGroup &group, Done done)
{
    if (m_busy) {
        // One delivery at a time: a second one is refused, from the event loop
        // as every answer comes.
        DeliveryResult busy;
        busy.retryable = true;
        busy.error
            = QStringLiteral("the %1 channel is still delivering the previous message").arg(name());
        QTimer::singleShot(0, this, [done = std::move(done), busy] { done(busy); });
        return;
    }
    m_busy = true;
    m_done = std::move(done);
    m_timedOut = false;
    m_tooLarge = false;
    m_answer.clear();

    Result<HttpDelivery> prepared = prepare(group);
    if (!prepared.ok()) {
        DeliveryResult failed;
        failed.error = prepared.error().message();
        m_secrets.clear();
        QTimer::singleShot(0, this, [this, failed] { finish(failed); });
        return;
    }
    m_secrets = prepared->secrets;

    QNetworkRequest request = prepared->request;
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    if (!request.header(QNetworkRequest::ContentTypeHeader).isValid())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Taskdesk"));

    if (!m_manager)
        m_manager = new QNetworkAccessManager(this);
    m_reply = m_manager->post(request, prepared->body);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpAlertChannel::collectAnswer);
    connect(m_reply, &QNetworkReply::finished, this, &HttpAlertChannel::finishReply);
    m_timer.start(m_timeoutMs);
}

void HttpAlertChannel::collectAnswer()
{
    if (!m_reply || m_tooLarge || !m_reply->isOpen())
        return;
    m_answer += m_reply->read(kMaxAnswerBytes + 1 - m_answer.size());
    if (m_answer.size() > kMaxAnswerBytes) {
        m_tooLarge = true;
        m_reply->abort();
    }
}

void HttpAlertChannel::timeOut()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // finished() follows, and finishReply() answers
}

void HttpAlertChannel::finishReply()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    collectAnswer();
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    m_timer.stop();

    DeliveryResult result;
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    result.httpStatus = status;
    const QString receiver = receiverName();

    const bool cancelled = reply->error() == QNetworkReply::OperationCanceledError
        || reply->error() == QNetworkReply::TimeoutError;
    if (m_tooLarge) {
        result.error = QStringLiteral("%1 answered with more than %2 KiB")
                           .arg(receiver)
                           .arg(kMaxAnswerBytes / 1024);
    } else if (m_timedOut || (cancelled && status == 0)) {
        // Qt's own transfer time-out (the same length, counted from the last
        // byte) ends the same way.
        result.retryable = true;
        result.error = QStringLiteral("%1 did not answer within %2 s")
                           .arg(receiver)
                           .arg(double(m_timeoutMs) / 1000.0);
    } else if (status > 0) {
        result.ok = status >= 200 && status < 300;
        result.retryable = status == 408 || status == 429 || status >= 500;
        if (status == 429 || status == 503)
            result.retryAfterMs = retryAfterMs(
                reply->rawHeader("Retry-After"), QDateTime::currentMSecsSinceEpoch());
        if (status >= 300 && status < 400)
            result.error = QStringLiteral("%1 answered with a redirect (HTTP %2), which is not "
                                          "followed: check the address")
                               .arg(receiver)
                               .arg(status);
        else if (!result.ok)
            result.error = QStringLiteral("%1 answered HTTP %2").arg(receiver).arg(status);
        readAnswer(result, m_answer);
    } else {
        result.retryable = networkErrorRetryable(reply->error());
        result.error = QStringLiteral("%1 could not be reached (%2)")
                           .arg(receiver, errorCodeName(reply->error()));
    }
    m_answer.clear();
    finish(result);
}

void HttpAlertChannel::finish(DeliveryResult result)
{
    if (!result.ok)
        result.error = scrub(result.error, m_secrets);
    else
        result.error.clear();
    m_secrets.clear();
    m_busy = false;
    Done done = std::exchange(m_done, nullptr);
    if (done)
        done(result); // last: `done` may delete this channel (with deleteLater)
}

void HttpAlertChannel::readAnswer(DeliveryResult &result, const QByteArray &body) const
{
    if (result.ok)
        return;
    const QString snippet = answerSnippet(body);
    if (!snippet.isEmpty())
        result.error += QStringLiteral(": ") + snippet;
}

QString HttpAlertChannel::scrub(const QString &text, const QList<QByteArray> &secrets)
{
    QString out = text;
    for (const QByteArray &secret : secrets) {
        if (secret.isEmpty())
            continue;
        const QString plain = QString::fromUtf8(secret);
        out.replace(plain, QStringLiteral("***"), Qt::CaseInsensitive);
        out.replace(QString::fromLatin1(secret.toPercentEncoding()), QStringLiteral("***"),
            Qt::CaseInsensitive);
    }
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    out = out.simplified();
    if (out.size() > 300)
        out = out.left(299) + QChar(0x2026);
    return out;
}

qint64 HttpAlertChannel::retryAfterMs(const QByteArray &header, qint64 nowMs)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return 0;
    bool isNumber = false;
    const qint64 seconds = value.toLongLong(&isNumber);
    qint64 ms = 0;
    if (isNumber) {
        ms = seconds > 0 ? seconds * 1000 : 0;
        if (seconds > kMaxRetryAfterMs / 1000)
            ms = kMaxRetryAfterMs;
    } else {
        // An HTTP date ("Sun, 06 Dec 2026 20:01:00 GMT"): Qt's RFC 2822 reader
        // wants the zone as an offset.
        QString date = QString::fromLatin1(value);
        if (date.endsWith(QLatin1String(" GMT")))
            date = date.chopped(4) + QStringLiteral(" +0000");
        const QDateTime at = QDateTime::fromString(date, Qt::RFC2822Date);
        if (at.isValid())
            ms = qMax<qint64>(0, at.toMSecsSinceEpoch() - nowMs);
    }
    return qMin(ms, kMaxRetryAfterMs);
}

QString HttpAlertChannel::answerSnippet(const QByteArray &body, int maxChars)
{
    QString text = QString::fromUtf8(body.left(4 * maxChars)).trimmed();
    const qsizetype end = text.indexOf(QLatin1Char('\n'));
    if (end >= 0)
        text.truncate(end);
    text = text.trimmed();
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

Result<QUrl> readSecretUrl(const SecretSource &source, const QString &setting)
{
    Result<QByteArray> text = source.read();
    if (!text.ok())
        return Error::invalid(setting + QStringLiteral(": ") + text.error().message());
    const QUrl url(QString::fromUtf8(text->trimmed()), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return Error::invalid(setting
            + QStringLiteral(": what %1 holds is not an http(s) URL (not shown)")
                  .arg(source.reference()));
    return url;
}

QList<QByteArray> urlSecrets(const QUrl &url)
{
    QList<QByteArray> secrets{url.toEncoded(), url.toString().toUtf8()};
    // A path or query of a few characters ("/", "/hook") is no key and would
    // blank out ordinary words of an error line.
    for (const QString &part : {url.path(), url.query(), url.password()}) {
        if (part.size() >= 8)
            secrets << part.toUtf8();
    }
    return secrets;
}

} // namespace taskdesk
