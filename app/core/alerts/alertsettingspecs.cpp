#include "alertsettingspecs.h"

#include "core/alerts/alertsettings.h"
#include "core/notify/secret.h"
#include "core/settings.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

namespace taskdesk {

namespace {

constexpr qint64 kHourS = 3600;
constexpr qint64 kDayS = 24 * kHourS;

const QStringList &onOff()
{
    static const QStringList words{QStringLiteral("on"), QStringLiteral("off")};
    return words;
}

Error checkSecret(const QString &text)
{
    if (text.isEmpty())
        return {};
    return SecretSource::parse(text).error();
}

Error checkKinds(const QString &text)
{
    static const QRegularExpression kind(QStringLiteral("^[A-Za-z0-9_.:-]{1,100}$"));
    if (text.isEmpty())
        return {};
    for (const QString &each : text.split(QLatin1Char(','))) {
        if (!kind.match(each.trimmed()).hasMatch())
            return Error::invalid(QStringLiteral(
                "a comma-separated list of task kinds (letters, digits, _ . : -), or empty for "
                "all kinds; got '%1'")
                                      .arg(text));
    }
    return {};
}

Error checkQuietHours(const QString &text)
{
    return QuietHours::parse(text).error();
}

Error checkZone(const QString &text)
{
    if (text.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(text.toUtf8()))
        return Error::invalid(
            QStringLiteral("a time zone such as UTC or Europe/Berlin is needed; got '%1'")
                .arg(text));
    return {};
}

Error checkChatId(const QString &text)
{
    static const QRegularExpression chat(QStringLiteral("^(-?[0-9]{1,20}|@[A-Za-z0-9_]{1,64})?$"));
    if (!chat.match(text).hasMatch())
        return Error::invalid(
            QStringLiteral("a chat id is a number (-100… for a group) or @channelname; got '%1'")
                .arg(text));
    return {};
}

Error checkApiUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return Error::invalid(QStringLiteral(
            "an http:// or https:// URL without a user, query or fragment is needed, such as "
            "https://api.telegram.org; got '%1'")
                                  .arg(text));
    return {};
}

SettingSpec onOffSpec(QLatin1String key, const char *description, bool on)
{
    SettingSpec spec;
    spec.key = QString(key);
    spec.description = QString::fromUtf8(description);
    spec.defaultValue = on ? QStringLiteral("on") : QStringLiteral("off");
    spec.choices = onOff();
    return spec;
}

SettingSpec numberSpec(QLatin1String key, const char *description, qint64 defaultValue,
    qint64 minimum, qint64 maximum, bool seconds)
{
    SettingSpec spec;
    spec.key = QString(key);
    spec.description = QString::fromUtf8(description);
    spec.defaultValue = QString::number(defaultValue);
    spec.unit = seconds ? QStringLiteral("s") : QString();
    spec.minimum = minimum;
    spec.maximum = maximum;
    return spec;
}

SettingSpec textSpec(QLatin1String key, const char *description, const QString &defaultValue,
    const char *allowed, Error (*check)(const QString &))
{
    SettingSpec spec;
    spec.key = QString(key);
    spec.description = QString::fromUtf8(description);
    spec.defaultValue = defaultValue;
    spec.allowed = QString::fromUtf8(allowed);
    spec.check = check;
    return spec;
}

qint64 numberOf(const QMap<QString, QString> &values, QLatin1String key)
{
    return values.value(QString(key)).trimmed().toLongLong();
}

} // namespace

QVector<SettingSpec> alertSettingSpecs()
{
    namespace K = AlertSettingKey;
    const char *secret = "env:NAME or file:/path";
    return {
        onOffSpec(K::TaskFailed, "Alert when a task fails after its last attempt", true),
        textSpec(K::TaskFailedKinds,
            "The task kinds whose failures alert, comma-separated (empty: every kind)", {},
            "kind,kind… or empty", checkKinds),
        onOffSpec(K::StuckTasks, "Alert when too many tasks are stuck for too long", true),
        numberSpec(K::StuckTasksCount,
            "Alert when more than this many tasks are stuck (as the sweeper's thresholds say)", 0,
            0, 1000000, false),
        numberSpec(K::StuckTasksForS, "… and each of them has been stuck for longer than this", 300,
            0, 30 * kDayS, true),
        onOffSpec(K::ProcessFatal, "Alert when a supervised process is FATAL", true),
        onOffSpec(K::ProcessRestarts, "Alert when a process restarts too often", true),
        numberSpec(K::ProcessRestartsCount,
            "Alert when a process restarts more than this many times in the window", 5, 1, 10000,
            false),
        numberSpec(K::ProcessRestartsWindowS, "The window the restarts are counted in", 600, 10,
            kDayS, true),
        onOffSpec(K::QueueAge, "Alert when the oldest due task of a queue waits too long", true),
        numberSpec(K::QueueAgeS, "How long the oldest due task of a queue may wait", 900, 1,
            30 * kDayS, true),
        onOffSpec(K::QueueStalled,
            "Alert when no task of a queue finished for a while although tasks wait in it", true),
        numberSpec(K::QueueStalledS,
            "How long a queue with waiting tasks may go without a finished task", 900, 1,
            30 * kDayS, true),
        onOffSpec(K::WorkerLost, "Alert when a worker stops sending heartbeats", true),
        numberSpec(K::IntervalS, "How often the alert rules are checked", 15, 1, kHourS, true),
        numberSpec(K::GroupS,
            "Alerts that fire or resolve within this window go out as one message (0: at once)", 60,
            0, kHourS, true),
        textSpec(K::QuietHours,
            "Nothing is sent between these times; what is held goes out as one message after "
            "them (empty: no quiet hours)",
            {}, "HH:MM-HH:MM or empty", checkQuietHours),
        textSpec(K::QuietZone, "The time zone of the quiet hours", QStringLiteral("UTC"),
            "an IANA time zone", checkZone),
        numberSpec(K::RetryBaseS,
            "A delivery that failed is tried again after this long, doubled each attempt", 10, 1,
            kHourS, true),
        numberSpec(K::RetryCapS, "The longest wait between two attempts of a delivery", 600, 1,
            kDayS, true),
        numberSpec(K::GiveUpS, "A delivery still failing after this long has failed for good",
            kDayS, 1, 7 * kDayS, true),
        onOffSpec(K::Telegram, "Send alerts to a Telegram chat", false),
        textSpec(
            K::TelegramToken, "Where the Telegram bot token is read from", {}, secret, checkSecret),
        textSpec(K::TelegramChatId, "The Telegram chat that alerts go to", {},
            "a chat id or @channel", checkChatId),
        textSpec(K::TelegramApiUrl, "The Telegram Bot API server",
            QStringLiteral("https://api.telegram.org"), "an http(s) URL", checkApiUrl),
        onOffSpec(K::Slack, "Send alerts to a Slack incoming webhook", false),
        textSpec(K::SlackUrl, "Where the Slack webhook URL is read from", {}, secret, checkSecret),
        onOffSpec(K::Webhook, "Send alerts to a webhook (Alertmanager's JSON)", false),
        textSpec(K::WebhookUrl, "Where the webhook URL is read from", {}, secret, checkSecret),
        textSpec(K::WebhookHmacKey,
            "Where the key that signs webhook requests is read from (empty: unsigned)", {}, secret,
            checkSecret),
        onOffSpec(K::Tray, "Show alerts in the desktop's tray while it runs", false),
    };
}

bool isAlertSettingTogether(const QString &key)
{
    return key == QString(AlertSettingKey::RetryBaseS)
        || key == QString(AlertSettingKey::RetryCapS);
}

Error checkAlertSettingsTogether(const QMap<QString, QString> &values)
{
    const qint64 base = numberOf(values, AlertSettingKey::RetryBaseS);
    const qint64 cap = numberOf(values, AlertSettingKey::RetryCapS);
    if (values.contains(QString(AlertSettingKey::RetryBaseS)) && base > cap)
        return Error::invalid(QStringLiteral("%1 (%2 s) must not exceed %3 (%4 s)")
                                  .arg(QString(AlertSettingKey::RetryBaseS))
                                  .arg(base)
                                  .arg(QString(AlertSettingKey::RetryCapS))
                                  .arg(cap));
    return {};
}

Result<std::optional<QuietHours>> QuietHours::parse(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::optional<QuietHours>();
    static const QRegularExpression span(
        QStringLiteral("^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])$"));
    const QRegularExpressionMatch m = span.match(t);
    if (!m.hasMatch())
        return Error::invalid(QStringLiteral(
            "quiet hours are HH:MM-HH:MM in 24-hour time (22:00-07:00), or empty; got '%1'")
                                  .arg(text));
    QuietHours q;
    q.from = QTime(m.captured(1).toInt(), m.captured(2).toInt());
    q.to = QTime(m.captured(3).toInt(), m.captured(4).toInt());
    if (q.from == q.to)
        return Error::invalid(
            QStringLiteral("quiet hours must not start and end at the same time; got '%1'")
                .arg(text));
    return std::optional<QuietHours>(q);
}

bool QuietHours::contains(qint64 utcMs, const QString &zone) const
{
    QTimeZone tz(zone.toUtf8());
    if (!tz.isValid())
        tz = QTimeZone::utc();
    const QTime t = QDateTime::fromMSecsSinceEpoch(utcMs, tz).time();
    if (from < to)
        return t >= from && t < to;
    return t >= from || t < to;
}

} // namespace taskdesk
