#include "timeformat.h"

#include <QDateTime>
#include <QLocale>

namespace taskdesk::ui {

QString TimeFormat::age(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    const qint64 s = ms / 1000;
    if (s < 2)
        return tr("just now");
    if (s < 60)
        return tr("%1 s ago").arg(s);
    if (s < 3600)
        return tr("%1 min ago").arg(s / 60);
    if (s < 48 * 3600)
        return tr("%1 h ago").arg(s / 3600);
    return tr("%1 d ago").arg(s / 86400);
}

QString TimeFormat::duration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return tr("%1 s").arg(s);
    // Whole minutes, hours and days read without a trailing zero ("5 min").
    if (s < 3600)
        return s % 60 == 0 ? tr("%1 min").arg(s / 60)
                           : tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return (s % 3600) / 60 == 0
            ? tr("%1 h").arg(s / 3600)
            : tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return (s % 86400) / 3600 == 0 ? tr("%1 d").arg(s / 86400)
                                   : tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

namespace {

// The locale's time with seconds, without the time zone: every time shown is
// the desktop's local time.
QString timeWithSeconds(const QLocale &locale)
{
    const QString full = locale.timeFormat(QLocale::LongFormat);
    QString format;
    bool quoted = false;
    for (const QChar c : full) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (quoted || c != QLatin1Char('t'))
            format += c;
    }
    return format.trimmed();
}

} // namespace

// Dates and times in the locale's own way (05.12.2026 14:03 in Russian,
// 12/5/26 2:03 PM in American English), as QLocale::setDefault chose it.
QString TimeFormat::shortTime(qint64 epochMs)
{
    if (epochMs <= 0)
        return {};
    const QLocale locale;
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime();
    if (t.date() == QDate::currentDate())
        return locale.toString(t.time(), timeWithSeconds(locale));
    return locale.toString(t,
        locale.dateFormat(QLocale::ShortFormat) + QLatin1Char(' ')
            + locale.timeFormat(QLocale::ShortFormat));
}

QString TimeFormat::dateTime(qint64 epochMs)
{
    if (epochMs <= 0)
        return {};
    const QLocale locale;
    return locale.toString(QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime(),
        locale.dateFormat(QLocale::ShortFormat) + QLatin1Char(' ') + timeWithSeconds(locale));
}

} // namespace taskdesk::ui
