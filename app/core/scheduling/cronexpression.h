#pragma once

#include "core/error.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <bitset>
#include <optional>

namespace taskdesk {

// A five-field cron expression (minute hour day-of-month month day-of-week),
// evaluated in UTC, with the syntax of Vixie cron: `*`, lists `1,15`, ranges
// `9-17`, steps `*/5` `10-40/10` `5/20` (from 5 to the end), month names
// jan…dec, day names sun…sat (0 and 7 are Sunday), and the shorthands
// @yearly @monthly @weekly @daily @hourly. As in Vixie cron, when both the
// day of month and the day of week are restricted (neither field starts with
// `*`), a day matches if either matches.
class CronExpression
{
public:
    CronExpression() = default;

    // A clear message that names the field on a bad expression; an expression
    // that can never fire (February 30) is refused too.
    static Result<CronExpression> parse(const QString &text);

    const QString &text() const { return m_text; }
    bool isValid() const { return !m_text.isEmpty(); }

    // The first matching minute strictly after `afterMs` (UTC ms since 1970).
    std::optional<qint64> next(qint64 afterMs) const;
    // The latest matching minute at or before `notAfterMs`.
    std::optional<qint64> last(qint64 notAfterMs) const;
    QDateTime next(const QDateTime &after) const; // invalid if none
    bool matches(qint64 ms) const; // whether the minute that holds `ms` matches

private:
    bool dayMatches(const QDate &date) const;

    QString m_text;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days; // 1…31
    std::bitset<13> m_months; // 1…12
    std::bitset<7> m_weekdays; // 0 = Sunday
    bool m_dayStar = true;
    bool m_weekdayStar = true;
};

} // namespace taskdesk
