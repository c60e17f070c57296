#include "testhttpreceiver.h"

#include "core/alerts/alertsettings.h"
#include "core/notify/alertchannels.h"
#include "core/notify/alertmessage.h"
#include "core/notify/httpalertchannel.h"
#include "core/notify/webhookchannel.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace taskdesk;
namespace Key = taskdesk::AlertSettingKey;

namespace {

const QByteArray kToken = "123456789:AAHsecretTokenValue_abc-XYZ";

struct Outcome
{
    int calls = 0;
    DeliveryResult result;
};

// Delivers and runs the event loop until `done` came (and `settleMs` more, to
// see a second call that must not come).
std::shared_ptr<Outcome> deliverNow(
    AlertChannel &channel, const AlertGroup &group, int settleMs = 0, int timeoutMs = 20000)
{
    auto outcome = std::make_shared<Outcome>();
    channel.deliver(group, [outcome](const DeliveryResult &result) {
        ++outcome->calls;
        outcome->result = result;
    });
    QDeadlineTimer deadline(timeoutMs);
    while (outcome->calls == 0 && !deadline.hasExpired())
        QTest::qWait(5);
    if (settleMs > 0)
        QTest::qWait(settleMs);
    return outcome;
}

Alert firing(const QString &summary, const QString &rule = QStringLiteral("task_failed"))
{
    Alert alert;
    alert.rule = rule;
    alert.fingerprint = rule + QStringLiteral(":import");
    alert.severity = QStringLiteral("critical");
    alert.summary = summary;
    alert.description = QStringLiteral("The last run ended with exit code 2.");
    alert.labels
        = {{QStringLiteral("alertname"), rule}, {QStringLiteral("kind"), QStringLiteral("import")}};
    alert.startsAt = 1'796'000'000'123;
    return alert;
}

QJsonObject json(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString();
    return document.object();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

} // namespace

class TestChannels : public QObject
{
    Q_OBJECT

private:
    // A Telegram channel made from settings, its token in a file of `m_dir`.
    std::unique_ptr<AlertChannel> telegram(const QUrl &api, const QByteArray &token = kToken)
    {
        const QString path = m_dir.filePath(QStringLiteral("telegram-token"));
        if (!writeFile(path, token + '\n'))
            return nullptr;
        QMap<QString, QString> values{{Key::Telegram, QStringLiteral("on")},
            {Key::TelegramToken, QStringLiteral("file:") + path},
            {Key::TelegramChatId, QStringLiteral("-1001234567890")},
            {Key::TelegramApiUrl, api.toString()}};
        AlertChannels made = AlertChannels::fromSettings(values);
        if (made.channels.size() != 1)
            return nullptr;
        return std::move(made.channels.front());
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void telegramSendsEscapedHtml()
    {
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.enqueue({200, R"({"ok":true,"result":{"message_id":1}})"});
        auto channel = telegram(receiver.url(QStringLiteral("/tg/")));
        QVERIFY(channel);
        QCOMPARE(channel->name(), QStringLiteral("telegram"));

        AlertGroup group;
        group.alerts << firing(
            QStringLiteral("Task <script>alert(\"x\")</script> & 'co' failed 500 times"));
        group.alerts.first().description = QStringLiteral("a < b && c > d");
        group.alerts.first().labels.insert(QStringLiteral("host"), QStringLiteral("<web1>"));
        auto outcome = deliverNow(*channel, group);
        QCOMPARE(outcome->calls, 1);
        QVERIFY2(outcome->result.ok, qPrintable(outcome->result.error));
        QCOMPARE(outcome->result.httpStatus, 200);

        QCOMPARE(receiver.requests().size(), 1);
        const TestHttpReceiver::Request &request = receiver.requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/tg/bot" + kToken + "/sendMessage"));
        QVERIFY(request.header("content-type").startsWith("application/json"));
        const QJsonObject body = json(request.body);
        QCOMPARE(body.value(QStringLiteral("chat_id")).toInteger(), -1001234567890LL);
        QCOMPARE(body.value(QStringLiteral("parse_mode")).toString(), QStringLiteral("HTML"));
        QCOMPARE(body.value(QStringLiteral("disable_web_page_preview")).toBool(), true);
        const QString text = body.value(QStringLiteral("text")).toString();
        QVERIFY2(text.contains(QStringLiteral(
                     "Task &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'co' failed 500 times")),
            qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("a &lt; b &amp;&amp; c &gt; d")));
        QVERIFY(text.contains(QStringLiteral("host=&lt;web1&gt;")));
        // The only tags are our own bold ones; every & starts an entity.
        static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
        for (auto it = tag.globalMatch(text); it.hasNext();) {
            const QString found = it.next().captured();
            QVERIFY2(
                found == QLatin1String("<b>") || found == QLatin1String("</b>"), qPrintable(found));
        }
        static const QRegularExpression bareAmp(QStringLiteral("&(?!amp;|lt;|gt;)"));
        QVERIFY(!bareAmp.match(text).hasMatch());
    }

    void telegramCutsABigGroupAt4096()
    {
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.enqueue({200, R"({"ok":true})"});
        auto channel = telegram(receiver.url());
        QVERIFY(channel);

        AlertGroup group;
        for (int i = 0; i < 200; ++i) {
            Alert alert = firing(QStringLiteral("Task import-%1 failed & <stopped>").arg(i));
            alert.fingerprint = QStringLiteral("task_failed:import-%1").arg(i);
            alert.description = QString(400, QLatin1Char('&'));
            group.alerts << alert;
        }
        auto outcome = deliverNow(*channel, group);
        QVERIFY2(outcome->result.ok, qPrintable(outcome->result.error));
        QVERIFY(receiver.waitForRequests(1));
        const QString text
            = json(receiver.requests().first().body).value(QStringLiteral("text")).toString();
        QVERIFY2(text.size() <= 4096, qPrintable(QString::number(text.size())));
        QVERIFY(text.size() > 3000); // filled, not cut to a few
        static const QRegularExpression more(QStringLiteral("\u2026 and (\\d+) more$"));
        const QRegularExpressionMatch match = more.match(text);
        QVERIFY2(match.hasMatch(), qPrintable(text.right(100)));
        const int shown = int(text.count(QStringLiteral("[critical]")));
        QVERIFY(shown >= 1);
        QCOMPARE(shown + match.captured(1).toInt(), 200);
        static const QRegularExpression bareAmp(QStringLiteral("&(?!amp;|lt;|gt;)"));
        QVERIFY(!bareAmp.match(text).hasMatch());
    }

    void cutNeverSplitsAnEntity()
    {
        const QString escaped = AlertMessage::escape(QStringLiteral("ab&cd"));
        QCOMPARE(escaped, QStringLiteral("ab&amp;cd"));
        QCOMPARE(AlertMessage::cutEscaped(escaped, 5), QStringLiteral("ab\u2026"));
        QCOMPARE(AlertMessage::cutEscaped(escaped, 8), QStringLiteral("ab&amp;\u2026"));
        QCOMPARE(AlertMessage::cutEscaped(escaped, 9), escaped);
    }

    void telegramAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<qint64>("retryAfterMs");
        QTest::addColumn<QString>("errorHas");

        QTest::newRow("200 with ok:true is delivered")
            << 200 << QByteArray(R"({"ok":true})") << true << false << qint64(0) << QString();
        QTest::newRow("200 without ok:true is not")
            << 200 << QByteArray(R"({"ok":false})") << false << false << qint64(0)
            << QStringLiteral("did not confirm");
        QTest::newRow("429 honours parameters.retry_after")
            << 429
            << QByteArray(R"({"ok":false,"error_code":429,"description":"Too Many Requests: )"
                          R"(retry after 7","parameters":{"retry_after":7}})")
            << false << true << qint64(7000) << QStringLiteral("HTTP 429: Too Many Requests");
        QTest::newRow("500 is worth another attempt") << 500 << QByteArray("oops") << false << true
                                                      << qint64(0) << QStringLiteral("HTTP 500");
        QTest::newRow("502 is worth another attempt")
            << 502 << QByteArray() << false << true << qint64(0) << QStringLiteral("HTTP 502");
        QTest::newRow("400 chat not found is not")
            << 400
            << QByteArray(R"({"ok":false,"error_code":400,"description":"Bad Request: chat )"
                          R"(not found"})")
            << false << false << qint64(0)
            << QStringLiteral("HTTP 400: Bad Request: chat not found");
        QTest::newRow("401 is not")
            << 401 << QByteArray(R"({"ok":false,"description":"Unauthorized"})") << false << false
            << qint64(0) << QStringLiteral("HTTP 401: Unauthorized");
        QTest::newRow("403 bot blocked is not")
            << 403 << QByteArray(R"({"ok":false,"description":"Forbidden: bot was blocked"})")
            << false << false << qint64(0) << QStringLiteral("Forbidden: bot was blocked");
        QTest::newRow("404 is not")
            << 404 << QByteArray(R"({"ok":false,"description":"Not Found"})") << false << false
            << qint64(0) << QStringLiteral("HTTP 404");
    }

    void telegramAnswers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        QFETCH(bool, retryable);
        QFETCH(qint64, retryAfterMs);
        QFETCH(QString, errorHas);

        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.enqueue({status, body});
        auto channel = telegram(receiver.url());
        QVERIFY(channel);
        AlertGroup group;
        group.alerts << firing(QStringLiteral("Task import failed"));
        auto outcome = deliverNow(*channel, group);
        QCOMPARE(outcome->calls, 1);
        QCOMPARE(outcome->result.ok, ok);
        QCOMPARE(outcome->result.retryable, retryable);
        QCOMPARE(outcome->result.retryAfterMs, retryAfterMs);
        QCOMPARE(outcome->result.httpStatus, status);
        QVERIFY2(outcome->result.error.contains(errorHas), qPrintable(outcome->result.error));
        QCOMPARE(outcome->result.error.isEmpty(), ok);
    }

    void slackSendsEscapedMrkdwn()
    {
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.enqueue({429, "rate_limited", {{"Retry-After", "30"}}});
        receiver.enqueue({200, "ok", {{"Content-Type", "text/plain"}}});
        const QString path = QStringLiteral("/services/T0001/B0002/abcdefghijklmnopqrstuvwx");
        qputenv("TST_CHANNELS_SLACK_URL", receiver.url(path).toEncoded());
        QMap<QString, QString> values{{Key::Slack, QStringLiteral("on")},
            {Key::SlackUrl, QStringLiteral("env:TST_CHANNELS_SLACK_URL")}};
        AlertChannels made = AlertChannels::fromSettings(values);
        QVERIFY(made.errors.empty());
        QCOMPARE(made.channels.size(), size_t(1));
        AlertChannel &channel = *made.channels.front();
        QCOMPARE(channel.name(), QStringLiteral("slack"));

        AlertGroup group;
        group.alerts << firing(QStringLiteral("Task <script> & \"co\" failed"));
        auto first = deliverNow(channel, group);
        QCOMPARE(first->calls, 1);
        QVERIFY(!first->result.ok);
        QVERIFY(first->result.retryable);
        QCOMPARE(first->result.retryAfterMs, qint64(30000));
        QVERIFY2(first->result.error.contains(QStringLiteral("Slack answered HTTP 429")),
            qPrintable(first->result.error));

        auto second = deliverNow(channel, group);
        QVERIFY2(second->result.ok, qPrintable(second->result.error));
        QCOMPARE(receiver.requests().size(), 2);
        const TestHttpReceiver::Request &request = receiver.requests().at(1);
        QCOMPARE(request.path, path.toUtf8());
        const QJsonObject body = json(request.body);
        QCOMPARE(body.keys(), QStringList{QStringLiteral("text")});
        const QString text = body.value(QStringLiteral("text")).toString();
        QVERIFY2(text.contains(QStringLiteral("Task &lt;script&gt; &amp; \"co\" failed")),
            qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("<script>")));
        QVERIFY(text.contains(QStringLiteral("*[critical] ")));
        qunsetenv("TST_CHANNELS_SLACK_URL");
    }

    void webhookSendsSignedAlertmanagerV4()
    {
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        const QString keyPath = m_dir.filePath(QStringLiteral("webhook-key"));
        const QByteArray key = "hmac-key-0123456789-secret";
        QVERIFY(writeFile(keyPath, key + '\n'));
        const QString urlPath = m_dir.filePath(QStringLiteral("webhook-url"));
        QVERIFY(writeFile(urlPath, receiver.url(QStringLiteral("/hooks/alerts")).toEncoded()));
        QMap<QString, QString> values{{Key::Webhook, QStringLiteral("on")},
            {Key::WebhookUrl, QStringLiteral("file:") + urlPath},
            {Key::WebhookHmacKey, QStringLiteral("file:") + keyPath}};
        AlertChannels made = AlertChannels::fromSettings(values);
        QCOMPARE(made.channels.size(), size_t(1));
        AlertChannel &channel = *made.channels.front();
        QCOMPARE(channel.name(), QStringLiteral("webhook"));

        AlertGroup group;
        group.groupKey = QStringLiteral("{}:{alertname=\"task_failed\"}");
        Alert fire = firing(QStringLiteral("Task import failed"));
        Alert resolved = firing(QStringLiteral("Task export failed"));
        resolved.fingerprint = QStringLiteral("task_failed:export");
        resolved.labels.insert(QStringLiteral("kind"), QStringLiteral("export"));
        resolved.description.clear();
        resolved.severity = QStringLiteral("warning");
        resolved.endsAt = 1'796'000'060'456;
        group.alerts << fire << resolved;

        const qint64 before = QDateTime::currentSecsSinceEpoch();
        auto outcome = deliverNow(channel, group);
        QVERIFY2(outcome->result.ok, qPrintable(outcome->result.error));
        QCOMPARE(receiver.requests().size(), 1);
        const TestHttpReceiver::Request &request = receiver.requests().first();
        QCOMPARE(request.path, QByteArray("/hooks/alerts"));

        // The signature, recomputed over the bytes received.
        const QByteArray timestamp = request.header("x-taskdesk-timestamp");
        QVERIFY(timestamp.toLongLong() >= before);
        QVERIFY(timestamp.toLongLong() <= QDateTime::currentSecsSinceEpoch());
        QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
        mac.addData(timestamp + '.' + request.body);
        QCOMPARE(request.header("x-taskdesk-signature"), "sha256=" + mac.result().toHex());

        const QJsonObject body = json(request.body);
        QCOMPARE(body.value(QStringLiteral("version")).toString(), QStringLiteral("4"));
        QCOMPARE(body.value(QStringLiteral("groupKey")).toString(), group.groupKey);
        QCOMPARE(body.value(QStringLiteral("truncatedAlerts")).toInt(-1), 0);
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("firing"));
        QCOMPARE(body.value(QStringLiteral("receiver")).toString(), QStringLiteral("taskdesk"));
        QVERIFY(body.value(QStringLiteral("externalURL")).isString());
        QCOMPARE(body.value(QStringLiteral("groupLabels")).toObject(),
            QJsonObject({{QStringLiteral("alertname"), QStringLiteral("task_failed")}}));
        QCOMPARE(body.value(QStringLiteral("commonLabels")).toObject(),
            QJsonObject({{QStringLiteral("alertname"), QStringLiteral("task_failed")}}));
        QVERIFY(body.value(QStringLiteral("commonAnnotations")).isObject());
        QVERIFY(body.value(QStringLiteral("commonAnnotations")).toObject().isEmpty());

        const QJsonArray alerts = body.value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 2);
        const QJsonObject a = alerts.at(0).toObject();
        QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("firing"));
        QCOMPARE(a.value(QStringLiteral("labels")).toObject(),
            QJsonObject({{QStringLiteral("alertname"), QStringLiteral("task_failed")},
                {QStringLiteral("kind"), QStringLiteral("import")},
                {QStringLiteral("severity"), QStringLiteral("critical")}}));
        QCOMPARE(a.value(QStringLiteral("annotations")).toObject(),
            QJsonObject({{QStringLiteral("summary"), QStringLiteral("Task import failed")},
                {QStringLiteral("description"),
                    QStringLiteral("The last run ended with exit code 2.")}}));
        QCOMPARE(a.value(QStringLiteral("startsAt")).toString(),
            QStringLiteral("2026-11-30T00:53:20.123Z"));
        QCOMPARE(
            a.value(QStringLiteral("endsAt")).toString(), QStringLiteral("0001-01-01T00:00:00Z"));
        QCOMPARE(a.value(QStringLiteral("fingerprint")).toString(),
            QStringLiteral("task_failed:import"));
        QVERIFY(a.value(QStringLiteral("generatorURL")).isString());
        const QJsonObject b = alerts.at(1).toObject();
        QCOMPARE(b.value(QStringLiteral("status")).toString(), QStringLiteral("resolved"));
        QCOMPARE(b.value(QStringLiteral("endsAt")).toString(),
            QStringLiteral("2026-11-30T00:54:20.456Z"));
        QCOMPARE(b.value(QStringLiteral("labels")).toObject().value(QStringLiteral("kind")),
            QJsonValue(QStringLiteral("export")));

        // All resolved: the group is resolved.
        group.alerts.first().endsAt = 1'796'000'070'000;
        QCOMPARE(json(WebhookChannel::body(group)).value(QStringLiteral("status")).toString(),
            QStringLiteral("resolved"));
    }

    void webhookWithoutKeyIsUnsigned()
    {
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        const QString urlPath = m_dir.filePath(QStringLiteral("webhook-url-unsigned"));
        QVERIFY(writeFile(urlPath, receiver.url(QStringLiteral("/h")).toEncoded()));
        AlertChannels made = AlertChannels::fromSettings({{Key::Webhook, QStringLiteral("on")},
            {Key::WebhookUrl, QStringLiteral("file:") + urlPath}});
        QCOMPARE(made.channels.size(), size_t(1));
        AlertGroup group;
        group.alerts << firing(QStringLiteral("x"));
        auto outcome = deliverNow(*made.channels.front(), group);
        QVERIFY2(outcome->result.ok, qPrintable(outcome->result.error));
        QVERIFY(!receiver.requests().first().headers.contains("x-taskdesk-signature"));
    }

    void aReceiverThatHangsTimesOutOnce()
    {
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setDefaultResponse(TestHttpReceiver::Response::hanging());
        auto channel = telegram(receiver.url());
        QVERIFY(channel);
        auto *http = qobject_cast<HttpAlertChannel *>(channel.get());
        QVERIFY(http);
        http->setTimeoutMs(400);
        AlertGroup group;
        group.alerts << firing(QStringLiteral("x"));
        QElapsedTimer clock;
        clock.start();
        auto outcome = deliverNow(*channel, group, 1500);
        QCOMPARE(outcome->calls, 1);
        QVERIFY(clock.elapsed() >= 400);
        QVERIFY(!outcome->result.ok);
        QVERIFY(outcome->result.retryable);
        QCOMPARE(outcome->result.httpStatus, 0);
        QVERIFY2(outcome->result.error.contains(QStringLiteral("did not answer within 0.4 s")),
            qPrintable(outcome->result.error));
        QCOMPARE(receiver.requests().size(), 1);

        // The channel is free again afterwards.
        receiver.setDefaultResponse({200, R"({"ok":true})"});
        auto again = deliverNow(*channel, group);
        QVERIFY2(again->result.ok, qPrintable(again->result.error));
    }

    void aRefusedConnectionIsRetryable()
    {
        quint16 port = 0;
        {
            TestHttpReceiver closed;
            QVERIFY(closed.listen());
            port = closed.port();
        }
        auto channel = telegram(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QVERIFY(channel);
        AlertGroup group;
        group.alerts << firing(QStringLiteral("x"));
        auto outcome = deliverNow(*channel, group);
        QCOMPARE(outcome->calls, 1);
        QVERIFY(!outcome->result.ok);
        QVERIFY(outcome->result.retryable);
        QVERIFY2(outcome->result.error.contains(QStringLiteral("ConnectionRefusedError")),
            qPrintable(outcome->result.error));
        QVERIFY(!outcome->result.error.contains(QString::fromLatin1(kToken)));
    }

    void secretsNeverComeBackInTheError_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("400 that echoes the URL") << 400;
        QTest::newRow("500 that echoes the URL") << 500;
        QTest::newRow("200 not ok that echoes the URL") << 200;
    }

    void secretsNeverComeBackInTheError()
    {
        QFETCH(int, status);
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setHandler([status](const TestHttpReceiver::Request &request) {
            // What a proxy or a broken receiver may do: the URL, raw and
            // percent-encoded, in the description and in the body.
            const QByteArray echo = "http://127.0.0.1" + request.target + " "
                + QUrl::toPercentEncoding(QString::fromLatin1(request.target));
            QJsonObject answer{{QStringLiteral("ok"), false},
                {QStringLiteral("description"), QString::fromLatin1("Bad: " + echo)}};
            return TestHttpReceiver::Response(
                status, QJsonDocument(answer).toJson(QJsonDocument::Compact));
        });
        auto channel = telegram(receiver.url());
        QVERIFY(channel);
        AlertGroup group;
        group.alerts << firing(QStringLiteral("x"));
        auto outcome = deliverNow(*channel, group);
        QCOMPARE(outcome->calls, 1);
        QVERIFY(!outcome->result.ok);
        QVERIFY(receiver.requests().first().target.contains(kToken)); // it was echoed
        const QString error = outcome->result.error;
        QVERIFY2(error.contains(QStringLiteral("Bad: ")), qPrintable(error));
        QVERIFY2(!error.contains(QString::fromLatin1(kToken)), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("AAHsecretTokenValue")), qPrintable(error));

        // The webhook: neither the URL's key nor the HMAC key.
        TestHttpReceiver hook;
        QVERIFY(hook.listen());
        const QByteArray hmacKey = "the-hmac-key-value";
        hook.setHandler([status, hmacKey](const TestHttpReceiver::Request &request) {
            return TestHttpReceiver::Response(status,
                "error at " + request.target + " signed " + request.header("x-taskdesk-signature")
                    + " key " + hmacKey);
        });
        const QString urlPath = m_dir.filePath(QStringLiteral("hook-url-echo"));
        QVERIFY(writeFile(
            urlPath, hook.url(QStringLiteral("/hook/K3yK3yK3yK3y?token=QQQQQQQQQQ")).toEncoded()));
        qputenv("TST_CHANNELS_HMAC", hmacKey);
        AlertChannels made = AlertChannels::fromSettings({{Key::Webhook, QStringLiteral("on")},
            {Key::WebhookUrl, QStringLiteral("file:") + urlPath},
            {Key::WebhookHmacKey, QStringLiteral("env:TST_CHANNELS_HMAC")}});
        QCOMPARE(made.channels.size(), size_t(1));
        auto hooked = deliverNow(*made.channels.front(), group);
        qunsetenv("TST_CHANNELS_HMAC");
        if (status == 200) {
            QVERIFY(hooked->result.ok); // a webhook's 200 is delivered
            return;
        }
        const QString hookError = hooked->result.error;
        QVERIFY2(hookError.contains(QStringLiteral("error at")), qPrintable(hookError));
        QVERIFY2(!hookError.contains(QStringLiteral("K3yK3yK3yK3y")), qPrintable(hookError));
        QVERIFY2(!hookError.contains(QStringLiteral("QQQQQQQQQQ")), qPrintable(hookError));
        QVERIFY2(!hookError.contains(QString::fromLatin1(hmacKey)), qPrintable(hookError));
    }

    void aRotatedTokenFileIsReadAtTheNextDelivery()
    {
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setDefaultResponse({200, R"({"ok":true})"});
        auto channel = telegram(receiver.url());
        QVERIFY(channel);
        AlertGroup group;
        group.alerts << firing(QStringLiteral("x"));
        QVERIFY(deliverNow(*channel, group)->result.ok);
        const QByteArray rotated = "987654321:BBnewTokenAfterRotation";
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("telegram-token")), rotated + '\n'));
        QVERIFY(deliverNow(*channel, group)->result.ok);
        QCOMPARE(receiver.requests().size(), 2);
        QCOMPARE(receiver.requests().at(0).path, "/bot" + kToken + "/sendMessage");
        QCOMPARE(receiver.requests().at(1).path, "/bot" + rotated + "/sendMessage");
    }

    void aMissingSecretIsOneClearError()
    {
        TestHttpReceiver receiver;
        QVERIFY(receiver.listen());
        qunsetenv("TST_CHANNELS_NO_SUCH_TOKEN");
        QMap<QString, QString> values{{Key::Telegram, QStringLiteral("on")},
            {Key::TelegramToken, QStringLiteral("env:TST_CHANNELS_NO_SUCH_TOKEN")},
            {Key::TelegramChatId, QStringLiteral("@ops")},
            {Key::TelegramApiUrl, receiver.url().toString()}};
        AlertChannels made = AlertChannels::fromSettings(values);
        QCOMPARE(made.channels.size(), size_t(1));
        AlertGroup group;
        group.alerts << firing(QStringLiteral("x"));
        auto outcome = deliverNow(*made.channels.front(), group, 100);
        QCOMPARE(outcome->calls, 1);
        QVERIFY(!outcome->result.ok);
        QVERIFY(!outcome->result.retryable);
        QCOMPARE(outcome->result.error,
            QStringLiteral("alerts.telegram.token: the environment variable "
                           "TST_CHANNELS_NO_SUCH_TOKEN is not set"));
        QCOMPARE(receiver.requests().size(), 0);

        // A token that is not one is not put into a URL, nor shown.
        qputenv("TST_CHANNELS_NO_SUCH_TOKEN", "../../evil?x=secretish");
        auto bad = deliverNow(*made.channels.front(), group, 100);
        QVERIFY(!bad->result.ok);
        QVERIFY2(bad->result.error.contains(QStringLiteral("not a Telegram bot token")),
            qPrintable(bad->result.error));
        QVERIFY(!bad->result.error.contains(QStringLiteral("secretish")));
        QCOMPARE(receiver.requests().size(), 0);
        qunsetenv("TST_CHANNELS_NO_SUCH_TOKEN");
    }

    void settingsThatCannotWorkNameTheSetting()
    {
        // No chat id.
        AlertChannels noChat = AlertChannels::fromSettings({{Key::Telegram, QStringLiteral("on")},
            {Key::TelegramToken, QStringLiteral("env:TG_TOKEN")}});
        QVERIFY(noChat.channels.empty());
        QCOMPARE(noChat.errors.size(), size_t(1));
        QVERIFY2(noChat.errors.front().message().startsWith(
                     QStringLiteral("alerts.telegram.chat_id is not set")),
            qPrintable(noChat.errors.front().message()));

        // No token reference.
        AlertChannels noToken = AlertChannels::fromSettings(
            {{Key::Telegram, QStringLiteral("on")}, {Key::TelegramChatId, QStringLiteral("1")}});
        QCOMPARE(noToken.errors.size(), size_t(1));
        QVERIFY2(noToken.errors.front().message().contains(
                     QStringLiteral("alerts.telegram.token is not set")),
            qPrintable(noToken.errors.front().message()));
        QVERIFY(noToken.errors.front().message().contains(QStringLiteral("env:")));

        // The secret itself typed into the setting: refused, not echoed.
        const QString literal = QStringLiteral("https://hooks.slack.com/services/T1/B2/sEcReT");
        AlertChannels typed = AlertChannels::fromSettings(
            {{Key::Slack, QStringLiteral("on")}, {Key::SlackUrl, literal}});
        QCOMPARE(typed.errors.size(), size_t(1));
        QVERIFY(typed.errors.front().message().startsWith(QStringLiteral("alerts.slack.url: ")));
        QVERIFY(!typed.errors.front().message().contains(QStringLiteral("sEcReT")));

        // Off channels are not made, and their settings not checked.
        AlertChannels off = AlertChannels::fromSettings({{Key::Telegram, QStringLiteral("off")},
            {Key::Slack, QStringLiteral("off")}, {Key::Webhook, QStringLiteral("off")}});
        QVERIFY(off.channels.empty());
        QVERIFY(off.errors.empty());
    }

    void retryAfterHeader()
    {
        const qint64 now = QDateTime(QDate(2026, 12, 6), QTime(20, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(HttpAlertChannel::retryAfterMs("30", now), qint64(30000));
        QCOMPARE(
            HttpAlertChannel::retryAfterMs("Sun, 06 Dec 2026 20:01:00 GMT", now), qint64(60000));
        QCOMPARE(HttpAlertChannel::retryAfterMs("soon", now), qint64(0));
        QCOMPARE(
            HttpAlertChannel::retryAfterMs("99999999999", now), HttpAlertChannel::kMaxRetryAfterMs);
    }
};

QTEST_GUILESS_MAIN(TestChannels)
#include "tst_channels.moc"
