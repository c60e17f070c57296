#pragma once

#include "core/database.h"
#include "core/sources/sourcedefinition.h"

#include <QString>
#include <QVariant>

namespace taskdesk {

// The SQL that differs between the three databases a source may live in:
// quoting, text casts, time columns read as UTC milliseconds, and values
// written (or compared) in a time column's own type.
class SourceDialect final
{
public:
    enum class Kind { Sqlite, Postgres, Mysql };

    explicit SourceDialect(Kind kind)
        : m_kind(kind)
    { }
    static SourceDialect of(const Database &db);

    Kind kind() const { return m_kind; }
    // A quoted identifier ("name", or `name` on MySQL); names are checked plain
    // by SourceDefinition::validate() before they get here.
    QString id(const QString &name) const;
    // An expression as text (the fence and status values are compared as text).
    QString asText(const QString &expr) const;
    // A status column as the text its mapping names: a boolean reads "true" or
    // "false" on every database.
    QString statusText(const StatusMapping &status, const QString &qualifier = {}) const;
    // The SQL literal that writes `value` into a status column.
    QString statusLiteralParam(const StatusMapping &status, const QString &param) const;
    // A time column as UTC milliseconds since 1970 (NULL stays NULL).
    QString millis(const TimeColumn &time, const QString &qualifier = {}) const;
    // A placeholder that takes timeValue() and gives the column's own type.
    QString timeParam(const TimeColumn &time, const QString &param) const;
    // UTC milliseconds as the column keeps them, for timeParam().
    QVariant timeValue(const TimeColumn &time, qint64 utcMs) const;
    // `column` with `line` appended (a new line between, none before the first),
    // rewriting nothing that is there; `param` takes `line`, `param + "n"` takes
    // "\n" + line.
    QString appended(const QString &column, const QString &param) const;
    // A case-insensitive LIKE of Database::likePattern() (its backslash escape),
    // with %1 where the pattern's placeholder goes.
    QString like() const;

private:
    Kind m_kind;
};

} // namespace taskdesk
