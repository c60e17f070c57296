#include "sourcedialect.h"

#include <QDateTime>
#include <QTimeZone>

namespace taskdesk {

namespace {

// An ISO text written the way `sample` is: its separator (' ' or 'T'), the
// digits of its fraction, and what follows (nothing, 'Z', "+00:00").
QString isoText(qint64 utcMs, const QString &sample)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC);
    QChar separator = QLatin1Char(' ');
    int digits = 6; // Django's
    QString suffix;
    if (sample.size() >= 19) {
        separator = sample.at(10);
        int i = 19;
        digits = 0;
        if (i < sample.size() && sample.at(i) == QLatin1Char('.')) {
            ++i;
            while (i < sample.size() && sample.at(i).isDigit()) {
                ++digits;
                ++i;
            }
        }
        suffix = sample.mid(i);
    }
    QString out = t.toString(QStringLiteral("yyyy-MM-dd")) + separator
        + t.toString(QStringLiteral("HH:mm:ss"));
    if (digits > 0) {
        const QString ms = t.toString(QStringLiteral("zzz"));
        out += QLatin1Char('.')
            + (digits <= 3 ? ms.left(digits) : ms + QString(digits - 3, QLatin1Char('0')));
    }
    return out + suffix;
}

// A zone as an offset in seconds, for "UTC" and "+03:00"; 0 otherwise.
bool fixedOffset(const QString &zone, int *seconds)
{
    if (zone == QLatin1String("UTC")) {
        *seconds = 0;
        return true;
    }
    if (zone.size() == 6 && (zone.at(0) == QLatin1Char('+') || zone.at(0) == QLatin1Char('-'))) {
        const int s = (zone.mid(1, 2).toInt() * 60 + zone.mid(4, 2).toInt()) * 60;
        *seconds = zone.at(0) == QLatin1Char('-') ? -s : s;
        return true;
    }
    return false;
}

} // namespace

SourceDialect SourceDialect::of(const Database &db)
{
    switch (db.location().backend) {
    case DatabaseLocation::Backend::Postgres:
        return SourceDialect(Kind::Postgres);
    case DatabaseLocation::Backend::Mysql:
        return SourceDialect(Kind::Mysql);
    case DatabaseLocation::Backend::Sqlite:
        break;
    }
    return SourceDialect(Kind::Sqlite);
}

QString SourceDialect::id(const QString &name) const
{
    if (m_kind == Kind::Mysql)
        return QLatin1Char('`') + name + QLatin1Char('`');
    return QLatin1Char('"') + name + QLatin1Char('"');
}

QString SourceDialect::asText(const QString &expr) const
{
    return m_kind == Kind::Mysql ? QStringLiteral("CAST(%1 AS CHAR)").arg(expr)
                                 : QStringLiteral("CAST(%1 AS TEXT)").arg(expr);
}

QString SourceDialect::statusText(const StatusMapping &status, const QString &qualifier) const
{
    const QString column = qualifier + id(status.column);
    if (!status.boolean)
        return column; // a text column (checked against the catalog), its index usable
    if (m_kind == Kind::Postgres)
        return QStringLiteral("CASE WHEN %1 THEN 'true' WHEN NOT %1 THEN 'false' END").arg(column);
    return QStringLiteral("CASE WHEN %1 <> 0 THEN 'true' WHEN %1 = 0 THEN 'false' END").arg(column);
}

QString SourceDialect::statusLiteralParam(const StatusMapping &status, const QString &param) const
{
    if (!status.boolean)
        return param;
    // The bound text is "true" or "false"; each database reads it as its boolean.
    if (m_kind == Kind::Postgres)
        return QStringLiteral("CAST(%1 AS BOOLEAN)").arg(param);
    return QStringLiteral("(CASE WHEN %1 = 'true' THEN 1 ELSE 0 END)").arg(param);
}

QString SourceDialect::millis(const TimeColumn &time, const QString &qualifier) const
{
    const QString c = qualifier + id(time.column);
    const QString bigint
        = m_kind == Kind::Mysql ? QStringLiteral("SIGNED") : QStringLiteral("BIGINT");
    switch (time.type) {
    case TimeType::None:
        return QStringLiteral("NULL");
    case TimeType::EpochMillis:
        return QStringLiteral("CAST(%1 AS %2)").arg(c, bigint);
    case TimeType::EpochSeconds:
        return QStringLiteral("CAST(ROUND(%1 * 1000) AS %2)").arg(c, bigint);
    case TimeType::TimestampTz:
        if (m_kind == Kind::Postgres)
            return QStringLiteral("CAST(ROUND(EXTRACT(EPOCH FROM %1) * 1000) AS BIGINT)").arg(c);
        break;
    case TimeType::Timestamp:
        if (m_kind == Kind::Postgres)
            return QStringLiteral("CAST(ROUND(EXTRACT(EPOCH FROM %1 AT TIME ZONE '%2') * 1000) "
                                  "AS BIGINT)")
                .arg(c, time.zone);
        if (m_kind == Kind::Mysql)
            return time.zone == QLatin1String("UTC")
                ? QStringLiteral("CAST(ROUND(UNIX_TIMESTAMP(%1) * 1000) AS SIGNED)").arg(c)
                : QStringLiteral("CAST(ROUND(UNIX_TIMESTAMP(CONVERT_TZ(%1, '%2', '+00:00')) * "
                                 "1000) AS SIGNED)")
                      .arg(c, time.zone);
        break;
    case TimeType::IsoText:
        if (m_kind == Kind::Postgres)
            return QStringLiteral("CAST(ROUND(EXTRACT(EPOCH FROM CAST(%1 AS TIMESTAMPTZ)) * 1000) "
                                  "AS BIGINT)")
                .arg(c);
        if (m_kind == Kind::Mysql)
            return QStringLiteral("CAST(ROUND(UNIX_TIMESTAMP(CAST(%1 AS DATETIME(6))) * 1000) AS "
                                  "SIGNED)")
                .arg(c);
        return QStringLiteral("CAST(ROUND((julianday(%1) - 2440587.5) * 86400000) AS INTEGER)")
            .arg(c);
    }
    // A type this database does not have (checked against the catalog before).
    return QStringLiteral("NULL");
}

QString SourceDialect::timeParam(const TimeColumn &time, const QString &param) const
{
    if (m_kind == Kind::Postgres && time.type == TimeType::TimestampTz)
        return QStringLiteral("CAST(%1 AS TIMESTAMPTZ)").arg(param);
    if (m_kind == Kind::Postgres && time.type == TimeType::Timestamp)
        return QStringLiteral("CAST(%1 AS TIMESTAMP)").arg(param);
    if (m_kind == Kind::Mysql && time.type == TimeType::Timestamp)
        return QStringLiteral("CAST(%1 AS DATETIME(6))").arg(param);
    return param;
}

QVariant SourceDialect::timeValue(const TimeColumn &time, qint64 utcMs) const
{
    switch (time.type) {
    case TimeType::EpochMillis:
        return utcMs;
    case TimeType::EpochSeconds:
        return utcMs / 1000;
    case TimeType::IsoText:
        return isoText(utcMs, time.isoSample);
    case TimeType::TimestampTz:
        return QString(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC)
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
            + QStringLiteral("+00"));
    case TimeType::Timestamp: {
        int offset = 0;
        QDateTime t;
        if (fixedOffset(time.zone, &offset))
            t = QDateTime::fromMSecsSinceEpoch(utcMs + qint64(offset) * 1000, Qt::UTC);
        else
            t = QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone(time.zone.toUtf8()));
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    }
    case TimeType::None:
        break;
    }
    return QVariant();
}

QString SourceDialect::appended(const QString &column, const QString &param) const
{
    const QString c = id(column);
    if (m_kind == Kind::Mysql)
        return QStringLiteral("CASE WHEN COALESCE(%1, '') = '' THEN %2 ELSE CONCAT(%1, %2n) END")
            .arg(c, param);
    return QStringLiteral("CASE WHEN COALESCE(%1, '') = '' THEN %2 ELSE %1 || %2n END")
        .arg(c, param);
}

QString SourceDialect::like() const
{
    // MySQL reads a backslash in a literal as an escape: its ESCAPE names one.
    if (m_kind == Kind::Mysql)
        return QStringLiteral("LIKE %1 ESCAPE '\\\\'");
    if (m_kind == Kind::Postgres)
        return QStringLiteral("ILIKE %1 ESCAPE '\\'");
    return QStringLiteral("LIKE %1 ESCAPE '\\'");
}

} // namespace taskdesk
