#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/sources/sourcedefinition.h"
#include "core/sources/sourcedialect.h"

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace taskdesk {

struct CatalogColumn
{
    QString name;
    QString type; // as the catalog names it: "timestamp with time zone", "varchar(20)", "INTEGER"
    bool nullable = true;
    bool primaryKey = false;
    bool indexed = false; // the first column of an index (a sort or filter on it is served)
    QString references; // the table a foreign key of this column names
};

struct CatalogTable
{
    QString name;
    QVector<CatalogColumn> columns;
    const CatalogColumn *column(const QString &columnName) const;
};

// A value of a status column and how many rows hold it.
struct StatusValueCount
{
    QString value;
    qint64 rows = 0;
};

// What a source's database says about its tables: their columns, keys and
// indexes, the values a status column holds, the type of a time column. The
// wizard reads it to suggest a mapping, and check() compares a mapping with it
// before a source is saved or used.
class SourceCatalog final
{
public:
    explicit SourceCatalog(Database &db);

    Result<QStringList> tables();
    // With `indexes`, each column says whether an index starts with it.
    Result<CatalogTable> table(const QString &name, bool indexes = true);
    // The values the status column holds now, most rows first (GROUP BY).
    Result<QVector<StatusValueCount>> statusValues(
        const QString &table, const StatusMapping &status, int limit = 50);
    // One value of a column that is not NULL, as text; empty when all are NULL.
    Result<QString> sample(const QString &table, const QString &column);
    // The time type of a column from its catalog type and a sample value, or
    // nothing when it keeps no time this source understands.
    std::optional<TimeType> timeTypeOf(const CatalogColumn &column, const QString &sample) const;
    // A first mapping of `table`: its key, status column and values, times,
    // log, error, progress and items table, from their names, types and values.
    Result<SourceDefinition> suggest(const QString &table);
    // The mapping against the tables as they are now: every column there, the
    // key an integer primary key (or unique), the status and time columns of a
    // type their mapping says. One message that names every problem.
    Error check(const SourceDefinition &definition);
    // The indexes a sort or filter of this source would need at size: one line
    // each, naming the statement that makes it; empty when all are served.
    Result<QStringList> indexAdvice(const SourceDefinition &definition);

private:
    Result<QVector<CatalogColumn>> columns(const QString &table);
    Result<QStringList> indexedColumns(const QString &table);
    Result<QVector<QPair<QString, QString>>> foreignKeysTo(const QString &table);
    // `what`: the column's role, marked for the window ("created").
    Error checkTime(const CatalogTable &table, const TimeColumn &time, const char *what,
        std::vector<Error> &problems);

    Database &m_db;
    SourceDialect m_dialect;
};

} // namespace taskdesk
