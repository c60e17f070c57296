#include "cronexpression.h"

#include <QMap>
#include <QRegularExpression>
#include <QStringList>

namespace taskdesk {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr qint64 kJulianDayOfEpoch = 2440588; // 1970-01-01
// Every valid expression fires within this many years (February 29 on a given
// weekday is the rarest); beyond it the expression is taken to match nothing.
constexpr int kSearchYears = 50;

struct FieldSpec
{
    const char *name;
    int min;
    int max;
    QStringList names; // names[i] is the value min + i
    const char *namesHint;
};

const FieldSpec &fieldSpec(int index)
{
    static const FieldSpec specs[] = {
        {QT_TRANSLATE_NOOP("taskdesk::Error", "minute"), 0, 59, {}, nullptr},
        {QT_TRANSLATE_NOOP("taskdesk::Error", "hour"), 0, 23, {}, nullptr},
        {QT_TRANSLATE_NOOP("taskdesk::Error", "day-of-month"), 1, 31, {}, nullptr},
        {QT_TRANSLATE_NOOP("taskdesk::Error", "month"), 1, 12,
            {QStringLiteral("jan"), QStringLiteral("feb"), QStringLiteral("mar"),
                QStringLiteral("apr"), QStringLiteral("may"), QStringLiteral("jun"),
                QStringLiteral("jul"), QStringLiteral("aug"), QStringLiteral("sep"),
                QStringLiteral("oct"), QStringLiteral("nov"), QStringLiteral("dec")},
            QT_TRANSLATE_NOOP("taskdesk::Error", "a month name (jan-dec)")},
        // 7 is Sunday as well as 0.
        {QT_TRANSLATE_NOOP("taskdesk::Error", "day-of-week"), 0, 7,
            {QStringLiteral("sun"), QStringLiteral("mon"), QStringLiteral("tue"),
                QStringLiteral("wed"), QStringLiteral("thu"), QStringLiteral("fri"),
                QStringLiteral("sat")},
            QT_TRANSLATE_NOOP("taskdesk::Error", "a day name (sun-sat)")},
    };
    return specs[index];
}

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0))
        --q;
    return q;
}

void split(qint64 ms, QDate &date, int &hour, int &minute)
{
    const qint64 day = floorDiv(ms, kDayMs);
    const qint64 rest = ms - day * kDayMs;
    date = QDate::fromJulianDay(day + kJulianDayOfEpoch);
    hour = int(rest / kHourMs);
    minute = int((rest % kHourMs) / kMinuteMs);
}

qint64 compose(const QDate &date, int hour, int minute)
{
    return (date.toJulianDay() - kJulianDayOfEpoch) * kDayMs + hour * kHourMs + minute * kMinuteMs;
}

template<size_t N> int firstFrom(const std::bitset<N> &bits, int from)
{
    for (int i = from; i < int(N); ++i) {
        if (bits[size_t(i)])
            return i;
    }
    return -1;
}

template<size_t N> int lastUpTo(const std::bitset<N> &bits, int upTo)
{
    for (int i = upTo; i >= 0; --i) {
        if (bits[size_t(i)])
            return i;
    }
    return -1;
}

// The field's name and what is wrong with it, each worded in the window.
Error fieldError(const FieldSpec &spec, Error detail)
{
    return Error::composed(ErrorKind::Invalid, QT_TRANSLATE_NOOP("taskdesk::Error", "%1 field: %2"),
        {Error::text(spec.name), std::move(detail)});
}

Error fieldError(const FieldSpec &spec, const char *detail, QStringList args)
{
    return fieldError(spec, Error::text(detail, std::move(args)));
}

// One value of a field: a number, or a name where the field has names.
Result<int> parseValue(const FieldSpec &spec, const QString &text)
{
    const QString lower = text.toLower();
    const int named = int(spec.names.indexOf(lower));
    if (named >= 0)
        return spec.min + named;
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,9}$"));
    if (!digits.match(text).hasMatch()) {
        if (spec.namesHint)
            return fieldError(spec,
                Error::composed(ErrorKind::None,
                    QT_TRANSLATE_NOOP("taskdesk::Error", "'%1' is not a number or %2"),
                    {Error::plain(text), Error::text(spec.namesHint)}));
        return fieldError(
            spec, QT_TRANSLATE_NOOP("taskdesk::Error", "'%1' is not a number"), {text});
    }
    const int value = text.toInt();
    if (value < spec.min || value > spec.max)
        return fieldError(spec, QT_TRANSLATE_NOOP("taskdesk::Error", "'%1' is out of range %2-%3"),
            {text, QString::number(spec.min), QString::number(spec.max)});
    return value;
}

// Parses one field into a mask of the values from spec.min to spec.max.
Result<quint64> parseField(const FieldSpec &spec, const QString &field)
{
    quint64 mask = 0;
    const QStringList elements = field.split(QLatin1Char(','));
    for (const QString &element : elements) {
        if (element.isEmpty())
            return fieldError(
                spec, QT_TRANSLATE_NOOP("taskdesk::Error", "empty element in '%1'"), {field});
        QString base = element;
        int step = 1;
        const qsizetype slash = element.indexOf(QLatin1Char('/'));
        if (slash >= 0) {
            base = element.left(slash);
            const QString stepText = element.mid(slash + 1);
            bool ok = false;
            step = stepText.toInt(&ok);
            const int span = spec.max - spec.min + 1;
            if (!ok || step < 1 || step > span || stepText.contains(QLatin1Char('+')))
                return fieldError(spec,
                    QT_TRANSLATE_NOOP(
                        "taskdesk::Error", "step '%1' in '%2' must be a number from 1 to %3"),
                    {stepText, element, QString::number(span)});
        }
        int from = spec.min;
        int to = spec.max;
        if (base == QLatin1String("*")) {
            // the whole range
        } else if (base.isEmpty()) {
            return fieldError(spec,
                QT_TRANSLATE_NOOP("taskdesk::Error", "'%1' has no value before the step"),
                {element});
        } else {
            // From 1: a leading '-' is a negative number, refused as not a number.
            const qsizetype dash = base.indexOf(QLatin1Char('-'), 1);
            if (dash >= 0) {
                if (dash == base.size() - 1)
                    return fieldError(spec,
                        QT_TRANSLATE_NOOP("taskdesk::Error", "range '%1' is missing an end"),
                        {base});
                Result<int> a = parseValue(spec, base.left(dash));
                if (!a.ok())
                    return a.error();
                Result<int> b = parseValue(spec, base.mid(dash + 1));
                if (!b.ok())
                    return b.error();
                if (*a > *b)
                    return fieldError(spec,
                        QT_TRANSLATE_NOOP("taskdesk::Error", "range '%1' runs backwards"), {base});
                from = *a;
                to = *b;
            } else {
                Result<int> a = parseValue(spec, base);
                if (!a.ok())
                    return a.error();
                from = *a;
                // "5/20" runs from 5 to the end of the range; a bare "5" is just 5.
                to = slash >= 0 ? spec.max : *a;
            }
        }
        for (int v = from; v <= to; v += step)
            mask |= quint64(1) << (v - spec.min);
    }
    return mask;
}

} // namespace

Result<CronExpression> CronExpression::parse(const QString &input)
{
    const QString text = input.simplified();
    auto refuse = [&](Error why) {
        return Error::composed(ErrorKind::Invalid,
            QT_TRANSLATE_NOOP("taskdesk::Error", "invalid cron expression '%1': %2"),
            {Error::plain(text), std::move(why)});
    };
    QString expanded = text;
    if (text.startsWith(QLatin1Char('@'))) {
        static const QMap<QString, QString> shorthands{
            {QStringLiteral("@yearly"), QStringLiteral("0 0 1 1 *")},
            {QStringLiteral("@annually"), QStringLiteral("0 0 1 1 *")},
            {QStringLiteral("@monthly"), QStringLiteral("0 0 1 * *")},
            {QStringLiteral("@weekly"), QStringLiteral("0 0 * * 0")},
            {QStringLiteral("@daily"), QStringLiteral("0 0 * * *")},
            {QStringLiteral("@midnight"), QStringLiteral("0 0 * * *")},
            {QStringLiteral("@hourly"), QStringLiteral("0 * * * *")},
        };
        expanded = shorthands.value(text.toLower());
        if (expanded.isEmpty())
            return refuse(Error::text(QT_TRANSLATE_NOOP("taskdesk::Error",
                                          "unknown shorthand '%1' (use @yearly, @monthly, "
                                          "@weekly, @daily or @hourly)"),
                {text}));
    }
    const QStringList fields = expanded.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.size() != 5)
        return refuse(Error::text(QT_TRANSLATE_NOOP("taskdesk::Error",
                                      "expected five fields (minute hour day-of-month month "
                                      "day-of-week), got %1"),
            {QString::number(fields.size())}));

    CronExpression cron;
    quint64 masks[5] = {};
    for (int i = 0; i < 5; ++i) {
        Result<quint64> mask = parseField(fieldSpec(i), fields.at(i));
        if (!mask.ok())
            return refuse(mask.error());
        masks[i] = *mask;
    }
    cron.m_minutes = std::bitset<60>(masks[0]);
    cron.m_hours = std::bitset<24>(masks[1]);
    cron.m_days = std::bitset<32>(masks[2] << 1);
    cron.m_months = std::bitset<13>(masks[3] << 1);
    // Sunday is both 0 and 7.
    cron.m_weekdays = std::bitset<7>(masks[4] & 0x7f);
    if (masks[4] & (quint64(1) << 7))
        cron.m_weekdays.set(0);
    // Vixie cron's rule: a field that starts with '*' does not restrict the day.
    cron.m_dayStar = fields.at(2).startsWith(QLatin1Char('*'));
    cron.m_weekdayStar = fields.at(4).startsWith(QLatin1Char('*'));
    cron.m_text = text;

    // 2000-01-01: any expression that can fire does so within kSearchYears of it.
    if (!cron.next(qint64(946684800000)))
        return refuse(Error::text(QT_TRANSLATE_NOOP("taskdesk::Error",
            "it matches no date at all (is the day of month past the end of every month "
            "chosen?)")));
    return cron;
}

bool CronExpression::dayMatches(const QDate &date) const
{
    const bool day = m_days[size_t(date.day())];
    const bool weekday = m_weekdays[size_t(date.dayOfWeek() % 7)];
    if (m_dayStar || m_weekdayStar)
        return day && weekday;
    return day || weekday;
}

bool CronExpression::matches(qint64 ms) const
{
    if (!isValid())
        return false;
    QDate date;
    int hour = 0;
    int minute = 0;
    split(ms, date, hour, minute);
    return m_months[size_t(date.month())] && dayMatches(date) && m_hours[size_t(hour)]
        && m_minutes[size_t(minute)];
}

std::optional<qint64> CronExpression::next(qint64 afterMs) const
{
    if (m_minutes.none())
        return std::nullopt;
    QDate date;
    int hour = 0;
    int minute = 0;
    split(floorDiv(afterMs, kMinuteMs) * kMinuteMs + kMinuteMs, date, hour, minute);
    const int lastYear = date.year() + kSearchYears;
    // Skip whole months, days and hours that cannot match: a few hundred steps
    // at most, even for February 29.
    while (date.year() <= lastYear) {
        if (!m_months[size_t(date.month())]) {
            date = QDate(date.year(), date.month(), 1).addMonths(1);
            hour = minute = 0;
            continue;
        }
        if (!dayMatches(date)) {
            date = date.addDays(1);
            hour = minute = 0;
            continue;
        }
        const int h = firstFrom(m_hours, hour);
        if (h < 0) {
            date = date.addDays(1);
            hour = minute = 0;
            continue;
        }
        if (h != hour) {
            hour = h;
            minute = 0;
        }
        const int m = firstFrom(m_minutes, minute);
        if (m < 0) {
            minute = 0;
            if (++hour == 24) {
                hour = 0;
                date = date.addDays(1);
            }
            continue;
        }
        return compose(date, hour, m);
    }
    return std::nullopt;
}

std::optional<qint64> CronExpression::last(qint64 notAfterMs) const
{
    if (m_minutes.none())
        return std::nullopt;
    QDate date;
    int hour = 0;
    int minute = 0;
    split(floorDiv(notAfterMs, kMinuteMs) * kMinuteMs, date, hour, minute);
    const int firstYear = date.year() - kSearchYears;
    while (date.year() >= firstYear) {
        if (!m_months[size_t(date.month())]) {
            date = QDate(date.year(), date.month(), 1).addDays(-1);
            hour = 23;
            minute = 59;
            continue;
        }
        if (!dayMatches(date)) {
            date = date.addDays(-1);
            hour = 23;
            minute = 59;
            continue;
        }
        const int h = lastUpTo(m_hours, hour);
        if (h < 0) {
            date = date.addDays(-1);
            hour = 23;
            minute = 59;
            continue;
        }
        if (h != hour) {
            hour = h;
            minute = 59;
        }
        const int m = lastUpTo(m_minutes, minute);
        if (m < 0) {
            minute = 59;
            if (--hour < 0) {
                hour = 23;
                date = date.addDays(-1);
            }
            continue;
        }
        return compose(date, hour, m);
    }
    return std::nullopt;
}

QDateTime CronExpression::next(const QDateTime &after) const
{
    const std::optional<qint64> at = next(after.toMSecsSinceEpoch());
    if (!at)
        return {};
    return QDateTime::fromMSecsSinceEpoch(*at, Qt::UTC);
}

} // namespace taskdesk
