#pragma once

#include "core/alerts/alertchannel.h"
#include "core/error.h"
#include "core/notify/secret.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace taskdesk {

// What one delivery sends: the request (its URL may hold a secret), the body,
// and every secret that must never come out in an error line.
struct HttpDelivery
{
    QNetworkRequest request;
    QByteArray body;
    QList<QByteArray> secrets;
};

// The HTTP half every channel shares: one POST at a time with a time-out and a
// cap on the answer, no redirect followed (a POST with a token in it goes to
// the address configured, nowhere else), and the answer classified: 2xx
// delivered; 429, 408, 5xx and network errors worth another attempt; any other
// status not.
//
// The error line is built here from facts (the status, the receiver's own
// short description, the name of Qt's error code), never from
// QNetworkReply::errorString(), which holds the URL and with it a bot token or
// a webhook's key. As a last guard every secret of the delivery is scrubbed
// from the line.
//
// `done` is called exactly once per deliver(), always from the event loop
// (never inside deliver()). A channel destroyed during a delivery aborts it
// without calling `done`. Delete a channel from inside `done` with
// deleteLater() only.
class HttpAlertChannel : public AlertChannel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpAlertChannel)

public:
    static constexpr int kDefaultTimeoutMs = 15 * 1000;
    static constexpr qint64 kMaxAnswerBytes = 64 * 1024;
    static constexpr qint64 kMaxRetryAfterMs = 24 * 3600 * 1000LL;

    explicit HttpAlertChannel(QObject *parent = nullptr);
    ~HttpAlertChannel() override;

    // The whole attempt, connection included, ends after this long.
    void setTimeoutMs(int ms) { m_timeoutMs = ms > 0 ? ms : kDefaultTimeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }

    void deliver(const AlertGroup &group, Done done) final;

    // `text` with every secret (as is and percent-encoded) replaced by "***",
    // made one line of at most 300 characters.
    static QString scrub(const QString &text, const QList<QByteArray> &secrets);
    // A Retry-After header (seconds or an HTTP date) in ms; 0 when absent or
    // unreadable; never more than kMaxRetryAfterMs.
    static qint64 retryAfterMs(const QByteArray &header, qint64 nowMs);
    // The first line of an answer, printable characters only, for an error line.
    static QString answerSnippet(const QByteArray &body, int maxChars = 200);

protected:
    // How the receiver is named in an error line: "Telegram", "Slack", "the webhook".
    virtual QString receiverName() const = 0;
    // The request of one delivery; an error (a secret that cannot be read, a
    // setting missing) ends it without a request, not worth another attempt.
    virtual Result<HttpDelivery> prepare(const AlertGroup &group) = 0;
    // Completes `result` (status, ok, retryable, retryAfterMs and a first
    // error line already set from the status) from the answer's body. The
    // default adds the body's first line to an error.
    virtual void readAnswer(DeliveryResult &result, const QByteArray &body) const;

private:
    void collectAnswer();
    void finishReply();
    void timeOut();
    void finish(DeliveryResult result);

    QNetworkAccessManager *m_manager = nullptr; // made in the thread that delivers
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    Done m_done;
    QList<QByteArray> m_secrets;
    QByteArray m_answer;
    int m_timeoutMs = kDefaultTimeoutMs;
    bool m_busy = false;
    bool m_timedOut = false;
    bool m_tooLarge = false;
};

// The secret URL of a webhook read and checked: http or https with a host.
// The error names `setting` and the reference, never the URL.
Result<QUrl> readSecretUrl(const SecretSource &source, const QString &setting);
// What a URL gives away in an error line if echoed: itself, its path and its
// query (where webhooks keep their keys), as scrubbable bytes.
QList<QByteArray> urlSecrets(const QUrl &url);

} // namespace taskdesk
