#include "sourcecatalog.h"

#include <QRegularExpression>

namespace taskdesk {

namespace {

bool typeHas(const CatalogColumn &c, std::initializer_list<const char *> words)
{
    const QString t = c.type.toLower();
    for (const char *w : words) {
        if (t.contains(QLatin1String(w)))
            return true;
    }
    return false;
}

bool isIntegerType(const CatalogColumn &c)
{
    return typeHas(c, {"int", "serial"}) && !typeHas(c, {"point", "interval"});
}

bool isNumberType(const CatalogColumn &c)
{
    return isIntegerType(c) || typeHas(c, {"numeric", "real", "double", "float", "decimal"});
}

bool isTextType(const CatalogColumn &c)
{
    return typeHas(c, {"char", "text", "clob", "enum"}) || c.type.isEmpty();
}

bool isBooleanType(const CatalogColumn &c)
{
    const QString t = c.type.toLower();
    return t.startsWith(QLatin1String("bool")) || t == QLatin1String("tinyint(1)")
        || t == QLatin1String("bit(1)");
}

bool looksIso(const QString &sample)
{
    static const QRegularExpression iso(QStringLiteral(
        "^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}(:?\\d{2})?)?$"));
    return iso.match(sample).hasMatch();
}

// The first column of `table` whose name is one of `names` (in their order).
QString firstNamed(const CatalogTable &table, const std::vector<const char *> &names,
    const std::function<bool(const CatalogColumn &)> &accept = {})
{
    for (const char *n : names) {
        if (const CatalogColumn *c = table.column(QString::fromLatin1(n))) {
            if (!accept || accept(*c))
                return c->name;
        }
    }
    return {};
}

std::optional<TaskStatus> guessStatus(const QString &value)
{
    const QString v = value.trimmed().toLower();
    static const QStringList pending{QStringLiteral("pending"), QStringLiteral("queued"),
        QStringLiteral("waiting"), QStringLiteral("new"), QStringLiteral("scheduled"),
        QStringLiteral("enqueued"), QStringLiteral("created"), QStringLiteral("retry")};
    static const QStringList running{QStringLiteral("running"), QStringLiteral("started"),
        QStringLiteral("in_progress"), QStringLiteral("processing"), QStringLiteral("active"),
        QStringLiteral("executing"), QStringLiteral("busy")};
    static const QStringList completed{QStringLiteral("completed"), QStringLiteral("complete"),
        QStringLiteral("done"), QStringLiteral("success"), QStringLiteral("succeeded"),
        QStringLiteral("finished"), QStringLiteral("ok")};
    static const QStringList failed{QStringLiteral("failed"), QStringLiteral("failure"),
        QStringLiteral("error"), QStringLiteral("errored"), QStringLiteral("cancelled"),
        QStringLiteral("canceled"), QStringLiteral("aborted"), QStringLiteral("timeout"),
        QStringLiteral("timed_out"), QStringLiteral("killed"), QStringLiteral("dead")};
    if (pending.contains(v))
        return TaskStatus::Pending;
    if (running.contains(v))
        return TaskStatus::Running;
    if (completed.contains(v))
        return TaskStatus::Completed;
    if (failed.contains(v))
        return TaskStatus::Failed;
    return std::nullopt;
}

// The value of `status` an action writes: the one that names it plainly
// ("failed", "FAILED"), else any mapped to it.
QString preferredValue(const StatusMapping &s, TaskStatus status, const QStringList &plain)
{
    const QStringList values = s.valuesOf(status);
    for (const QString &p : plain) {
        for (const QString &v : values) {
            if (v.compare(p, Qt::CaseInsensitive) == 0)
                return v;
        }
    }
    return values.value(0);
}

// The values of `status` guessed from those the table holds; a status no
// value means yet gets the plain word in the table's own case (a Django choice
// that no row holds today: a table attached while nothing runs still knows
// RUNNING when a row starts), and Force Stop and Retry a value to write.
void guessValues(StatusMapping &status, const QVector<StatusValueCount> &values)
{
    bool upper = false;
    for (const StatusValueCount &v : values) {
        if (const std::optional<TaskStatus> st = guessStatus(v.value)) {
            status.values.insert(v.value, *st);
            upper = upper || (v.value == v.value.toUpper() && v.value != v.value.toLower());
        }
    }
    const std::pair<TaskStatus, const char *> plain[]
        = {{TaskStatus::Pending, "pending"}, {TaskStatus::Running, "running"},
            {TaskStatus::Completed, "completed"}, {TaskStatus::Failed, "failed"}};
    for (const auto &[st, word] : plain) {
        const QString w = QString::fromLatin1(word);
        if (status.valuesOf(st).isEmpty() && !status.values.contains(upper ? w.toUpper() : w))
            status.values.insert(upper ? w.toUpper() : w, st);
    }
    status.failedValue = preferredValue(status, TaskStatus::Failed,
        {QStringLiteral("failed"), QStringLiteral("failure"), QStringLiteral("error")});
    status.pendingValue = preferredValue(
        status, TaskStatus::Pending, {QStringLiteral("pending"), QStringLiteral("queued")});
}

} // namespace

const CatalogColumn *CatalogTable::column(const QString &columnName) const
{
    for (const CatalogColumn &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

SourceCatalog::SourceCatalog(Database &db)
    : m_db(db)
    , m_dialect(SourceDialect::of(db))
{ }

Result<QStringList> SourceCatalog::tables()
{
    QString sql;
    switch (m_dialect.kind()) {
    case SourceDialect::Kind::Sqlite:
        sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                             "LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
        break;
    case SourceDialect::Kind::Postgres:
        sql = QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                             "table_schema = current_schema() AND table_type IN ('BASE TABLE', "
                             "'VIEW') ORDER BY table_name");
        break;
    case SourceDialect::Kind::Mysql:
        sql = QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                             "TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME");
        break;
    }
    Result<QSqlQuery> q = m_db.run(sql, QStringLiteral("reading the tables"));
    if (!q.ok())
        return q.error();
    QStringList out;
    while (q->next())
        out << q->value(0).toString();
    return out;
}

Result<QVector<CatalogColumn>> SourceCatalog::columns(const QString &table)
{
    QString sql;
    switch (m_dialect.kind()) {
    case SourceDialect::Kind::Sqlite:
        sql = QStringLiteral("SELECT name, type, \"notnull\" = 0, pk > 0 FROM "
                             "pragma_table_info(:t) ORDER BY cid");
        break;
    case SourceDialect::Kind::Postgres:
        // pg_catalog, not information_schema: its views cost about 50 ms a
        // question, and a source is checked each time it is opened.
        sql = QStringLiteral(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, EXISTS "
            "(SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum "
            "= ANY (i.indkey)) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN "
            "pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = :t AND n.nspname = "
            "current_schema() AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
        break;
    case SourceDialect::Kind::Mysql:
        sql = QStringLiteral("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES', COLUMN_KEY "
                             "= 'PRI' FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                             "DATABASE() AND TABLE_NAME = :t ORDER BY ORDINAL_POSITION");
        break;
    }
    Result<QSqlQuery> q
        = m_db.run(sql, QStringLiteral("reading the columns of %1").arg(table), {{":t", table}});
    if (!q.ok())
        return q.error();
    QVector<CatalogColumn> out;
    while (q->next()) {
        CatalogColumn c;
        c.name = q->value(0).toString();
        c.type = q->value(1).toString();
        c.nullable = q->value(2).toBool();
        c.primaryKey = q->value(3).toBool();
        out << c;
    }
    return out;
}

Result<QStringList> SourceCatalog::indexedColumns(const QString &table)
{
    QString sql;
    switch (m_dialect.kind()) {
    case SourceDialect::Kind::Sqlite:
        sql = QStringLiteral("SELECT ii.name FROM pragma_index_list(:t) il, "
                             "pragma_index_info(il.name) ii WHERE ii.seqno = 0");
        break;
    case SourceDialect::Kind::Postgres:
        sql = QStringLiteral("SELECT a.attname FROM pg_index i JOIN pg_class t ON t.oid = "
                             "i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace JOIN "
                             "pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0] "
                             "WHERE t.relname = :t AND n.nspname = current_schema()");
        break;
    case SourceDialect::Kind::Mysql:
        sql = QStringLiteral("SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE "
                             "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :t AND SEQ_IN_INDEX = 1");
        break;
    }
    Result<QSqlQuery> q
        = m_db.run(sql, QStringLiteral("reading the indexes of %1").arg(table), {{":t", table}});
    if (!q.ok())
        return q.error();
    QStringList out;
    while (q->next())
        out << q->value(0).toString();
    return out;
}

Result<QVector<QPair<QString, QString>>> SourceCatalog::foreignKeysTo(const QString &table)
{
    QString sql;
    switch (m_dialect.kind()) {
    case SourceDialect::Kind::Sqlite:
        sql = QStringLiteral("SELECT m.name, f.\"from\" FROM sqlite_master m, "
                             "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND "
                             "f.\"table\" = :t ORDER BY m.name");
        break;
    case SourceDialect::Kind::Postgres:
        sql = QStringLiteral("SELECT cl.relname, a.attname FROM pg_constraint c JOIN pg_class "
                             "cl ON cl.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid "
                             "JOIN pg_namespace n ON n.oid = r.relnamespace JOIN pg_attribute a "
                             "ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE "
                             "c.contype = 'f' AND r.relname = :t AND n.nspname = "
                             "current_schema() ORDER BY cl.relname");
        break;
    case SourceDialect::Kind::Mysql:
        sql = QStringLiteral("SELECT TABLE_NAME, COLUMN_NAME FROM "
                             "information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = "
                             "DATABASE() AND REFERENCED_TABLE_NAME = :t ORDER BY TABLE_NAME");
        break;
    }
    Result<QSqlQuery> q = m_db.run(
        sql, QStringLiteral("reading the tables that refer to %1").arg(table), {{":t", table}});
    if (!q.ok())
        return q.error();
    QVector<QPair<QString, QString>> out;
    while (q->next())
        out.append({q->value(0).toString(), q->value(1).toString()});
    return out;
}

Result<CatalogTable> SourceCatalog::table(const QString &name, bool indexes)
{
    Result<QVector<CatalogColumn>> cols = columns(name);
    if (!cols.ok())
        return cols.error();
    if (cols->isEmpty())
        return Error::notFound(QStringLiteral("there is no table '%1' in %2 (renamed or dropped?)")
                                   .arg(name, m_db.location().display()));
    CatalogTable t;
    t.name = name;
    t.columns = *cols;
    if (!indexes)
        return t;
    Result<QStringList> indexed = indexedColumns(name);
    if (!indexed.ok())
        return indexed.error();
    for (CatalogColumn &c : t.columns) {
        // SQLite's INTEGER PRIMARY KEY is the rowid itself: its own index.
        c.indexed = indexed->contains(c.name)
            || (c.primaryKey
                && (m_dialect.kind() != SourceDialect::Kind::Sqlite
                    || c.type.compare(QLatin1String("integer"), Qt::CaseInsensitive) == 0));
    }
    return t;
}

Result<QVector<StatusValueCount>> SourceCatalog::statusValues(
    const QString &table, const StatusMapping &status, int limit)
{
    const QString value = m_dialect.statusText(status);
    Result<QSqlQuery> q = m_db.run(QStringLiteral("SELECT %1, COUNT(*) FROM %2 GROUP BY %1 "
                                                  "ORDER BY COUNT(*) DESC LIMIT %3")
                                       .arg(value, m_dialect.id(table))
                                       .arg(limit),
        QStringLiteral("reading the values of %1.%2").arg(table, status.column));
    if (!q.ok())
        return q.error();
    QVector<StatusValueCount> out;
    while (q->next())
        out.append(
            {q->value(0).isNull() ? QString() : q->value(0).toString(), q->value(1).toLongLong()});
    return out;
}

Result<QString> SourceCatalog::sample(const QString &table, const QString &column)
{
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT %1 FROM %2 WHERE %3 IS NOT NULL LIMIT 1")
            .arg(m_dialect.asText(m_dialect.id(column)), m_dialect.id(table), m_dialect.id(column)),
        QStringLiteral("reading a value of %1.%2").arg(table, column));
    if (!q.ok())
        return q.error();
    return q->next() ? q->value(0).toString() : QString();
}

std::optional<TimeType> SourceCatalog::timeTypeOf(
    const CatalogColumn &column, const QString &sample) const
{
    const QString t = column.type.toLower();
    if (m_dialect.kind() == SourceDialect::Kind::Postgres
        && t.startsWith(QLatin1String("timestamp"))) {
        // "timestamp(3) with time zone" too
        return t.endsWith(QLatin1String(" with time zone")) ? TimeType::TimestampTz
                                                            : TimeType::Timestamp;
    }
    if (m_dialect.kind() == SourceDialect::Kind::Mysql
        && (t.startsWith(QLatin1String("datetime")) || t.startsWith(QLatin1String("timestamp"))))
        return TimeType::Timestamp;
    bool number = false;
    const double value = sample.toDouble(&number);
    if (isNumberType(column) || (number && m_dialect.kind() == SourceDialect::Kind::Sqlite)) {
        if (!sample.isEmpty() && !number)
            return std::nullopt;
        // Seconds since 1970 pass 10^11 in the year 5138; milliseconds did in 1973.
        return std::abs(value) >= 1e11 ? TimeType::EpochMillis : TimeType::EpochSeconds;
    }
    const bool sqliteTime = m_dialect.kind() == SourceDialect::Kind::Sqlite
        && (t.contains(QLatin1String("date")) || t.contains(QLatin1String("time")));
    if ((isTextType(column) || sqliteTime) && (sample.isEmpty() ? sqliteTime : looksIso(sample)))
        return TimeType::IsoText;
    return std::nullopt;
}

namespace {

// "the status column 'state' is not in 'jobs' (renamed?)": the role (a key of
// the mapping) is a part of its own, so that the window words it too.
Error notIn(const char *what, const QString &column, const QString &table)
{
    return Error::composed(ErrorKind::None,
        QT_TRANSLATE_NOOP("taskdesk::Error", "the %1 column '%2' is not in '%3' (renamed?)"),
        {Error::text(what), Error::plain(column), Error::plain(table)});
}

} // namespace

Error SourceCatalog::checkTime(const CatalogTable &table, const TimeColumn &time, const char *what,
    std::vector<Error> &problems)
{
    if (!time.isSet())
        return {};
    const CatalogColumn *c = table.column(time.column);
    if (!c) {
        problems.push_back(notIn(what, time.column, table.name));
        return {};
    }
    // A value is read only where the catalog's type does not decide (a number
    // of seconds or milliseconds, a text): one question less per column.
    Result<QString> s = timeTypeOf(*c, QString()) == TimeType::TimestampTz
            || (timeTypeOf(*c, QString()) == TimeType::Timestamp
                && m_dialect.kind() != SourceDialect::Kind::Sqlite)
        ? Result<QString>(QString())
        : sample(table.name, c->name);
    if (!s.ok())
        return s.error();
    const std::optional<TimeType> found = timeTypeOf(*c, *s);
    if (!found) {
        problems.push_back(Error::composed(ErrorKind::None,
            QT_TRANSLATE_NOOP("taskdesk::Error",
                "the %1 column '%2' (%3) keeps no time Taskdesk can read (timestamptz, "
                "timestamp, ISO text, epoch seconds or milliseconds)"),
            {Error::text(what), Error::plain(c->name),
                c->type.isEmpty() ? Error::text(QT_TRANSLATE_NOOP("taskdesk::Error", "no type"))
                                  : Error::plain(c->type)}));
        return {};
    }
    // Whether a number counts seconds or milliseconds is the operator's to confirm.
    const bool epochs = (*found == TimeType::EpochSeconds || *found == TimeType::EpochMillis)
        && (time.type == TimeType::EpochSeconds || time.type == TimeType::EpochMillis);
    if (*found != time.type && !epochs)
        problems.push_back(Error::composed(ErrorKind::None,
            QT_TRANSLATE_NOOP("taskdesk::Error", "the %1 column '%2' is %3 (%4), not %5 as mapped"),
            {Error::text(what), Error::plain(c->name), Error::plain(timeTypeName(*found)),
                Error::plain(c->type), Error::plain(timeTypeName(time.type))}));
    return {};
}

Error SourceCatalog::check(const SourceDefinition &d)
{
    const SourceMapping &m = d.mapping;
    Result<CatalogTable> t = table(m.table, false);
    if (!t.ok())
        return t.error();
    std::vector<Error> problems;
    auto need = [&](const CatalogTable &in, const QString &column, const char *what) {
        if (!column.isEmpty() && !in.column(column))
            problems.push_back(notIn(what, column, in.name));
    };
    const CatalogColumn *key = t->column(m.key);
    if (!key)
        need(*t, m.key, QT_TRANSLATE_NOOP("taskdesk::Error", "key"));
    else if (!key->primaryKey || !isIntegerType(*key))
        problems.push_back(
            Error::plain(QStringLiteral("'%1' of '%2' is not an integer primary key (%3): a row "
                                        "must be named by one to be acted on")
                             .arg(m.key, m.table, key->type)));
    for (const QString &title : m.title)
        need(*t, title, QT_TRANSLATE_NOOP("taskdesk::Error", "title"));
    need(*t, m.kind, QT_TRANSLATE_NOOP("taskdesk::Error", "kind"));
    need(*t, m.queue, QT_TRANSLATE_NOOP("taskdesk::Error", "queue"));
    need(*t, m.error, QT_TRANSLATE_NOOP("taskdesk::Error", "error"));
    need(*t, m.log, QT_TRANSLATE_NOOP("taskdesk::Error", "log"));
    need(*t, m.progressDone, QT_TRANSLATE_NOOP("taskdesk::Error", "progress"));
    need(*t, m.progressTotal, QT_TRANSLATE_NOOP("taskdesk::Error", "progress"));
    if (const CatalogColumn *s = t->column(m.status.column)) {
        if (m.status.boolean ? !(isBooleanType(*s) || isIntegerType(*s)) : !isTextType(*s))
            problems.push_back(Error::plain(
                QStringLiteral("the status column '%1' is %2, which a %3 mapping cannot read")
                    .arg(s->name, s->type,
                        m.status.boolean ? QStringLiteral("true/false")
                                         : QStringLiteral("text value"))));
    } else {
        need(*t, m.status.column, QT_TRANSLATE_NOOP("taskdesk::Error", "status"));
    }
    if (m.fenceIsVersion) {
        const CatalogColumn *v = t->column(m.fence);
        if (!v)
            need(*t, m.fence, QT_TRANSLATE_NOOP("taskdesk::Error", "fence"));
        else if (!isIntegerType(*v))
            problems.push_back(
                Error::plain(QStringLiteral("the version column '%1' is %2, not an integer")
                                 .arg(v->name, v->type)));
    }
    const QPair<const TimeColumn *, const char *> times[]
        = {{&m.created, QT_TRANSLATE_NOOP("taskdesk::Error", "created")},
            {&m.started, QT_TRANSLATE_NOOP("taskdesk::Error", "started")},
            {&m.finished, QT_TRANSLATE_NOOP("taskdesk::Error", "finished")},
            {&m.heartbeat, QT_TRANSLATE_NOOP("taskdesk::Error", "heartbeat")}};
    for (const auto &[time, what] : times) {
        if (Error e = checkTime(*t, *time, what, problems))
            return e;
    }
    if (m.items.isSet()) {
        Result<CatalogTable> items = table(m.items.table, false);
        if (!items.ok())
            return items.error();
        need(*items, m.items.key, QT_TRANSLATE_NOOP("taskdesk::Error", "items key"));
        need(*items, m.items.foreignKey, QT_TRANSLATE_NOOP("taskdesk::Error", "items foreign key"));
        need(*items, m.items.label, QT_TRANSLATE_NOOP("taskdesk::Error", "items label"));
        need(*items, m.items.log, QT_TRANSLATE_NOOP("taskdesk::Error", "items log"));
        need(*items, m.items.status.column, QT_TRANSLATE_NOOP("taskdesk::Error", "items status"));
        if (Error e = checkTime(*items, m.items.started,
                QT_TRANSLATE_NOOP("taskdesk::Error", "items started"), problems))
            return e;
        if (Error e = checkTime(*items, m.items.finished,
                QT_TRANSLATE_NOOP("taskdesk::Error", "items finished"), problems))
            return e;
    }
    if (problems.empty())
        return {};
    // "a; b; c", joined two at a time: each problem stays a part of its own.
    Error joined = std::move(problems.front());
    for (size_t i = 1; i < problems.size(); ++i)
        joined = Error::composed(ErrorKind::None, QT_TRANSLATE_NOOP("taskdesk::Error", "%1; %2"),
            {std::move(joined), std::move(problems[i])});
    return Error::composed(ErrorKind::Invalid,
        QT_TRANSLATE_NOOP("taskdesk::Error", "source '%1': %2"),
        {Error::plain(d.name), std::move(joined)});
}

Result<QStringList> SourceCatalog::indexAdvice(const SourceDefinition &d)
{
    const SourceMapping &m = d.mapping;
    Result<CatalogTable> t = table(m.table);
    if (!t.ok())
        return t.error();
    QStringList out;
    auto advise = [&](const QString &column, const QString &why) {
        const CatalogColumn *c = t->column(column);
        if (!c || c->indexed)
            return;
        out << QStringLiteral("%1 needs an index on %2: CREATE INDEX %3_%2_idx ON %3 (%2)")
                   .arg(why, column, m.table);
    };
    advise(m.status.column, QStringLiteral("Filtering by status and the stuck check"));
    advise(m.heartbeat.column, QStringLiteral("Sorting by the heartbeat"));
    advise(m.created.column, QStringLiteral("Sorting by the created time"));
    advise(m.started.column, QStringLiteral("Sorting by the start time"));
    advise(m.finished.column, QStringLiteral("Sorting by the finish time"));
    if (m.items.isSet()) {
        Result<CatalogTable> items = table(m.items.table);
        if (!items.ok())
            return items.error();
        const CatalogColumn *fk = items->column(m.items.foreignKey);
        if (fk && !fk->indexed)
            out << QStringLiteral("Reading a row's items needs an index on %1: CREATE INDEX "
                                  "%2_%1_idx ON %2 (%1)")
                       .arg(fk->name, items->name);
    }
    return out;
}

Result<SourceDefinition> SourceCatalog::suggest(const QString &tableName)
{
    Result<CatalogTable> found = table(tableName);
    if (!found.ok())
        return found.error();
    const CatalogTable &t = *found;
    SourceDefinition d;
    SourceMapping &m = d.mapping;
    m.table = t.name;
    for (const CatalogColumn &c : t.columns) {
        if (c.primaryKey && isIntegerType(c) && m.key.isEmpty())
            m.key = c.name;
    }
    const QString title = firstNamed(t,
        {"name", "title", "label", "account", "book", "task_name", "description", "kind", "type"});
    m.title = QStringList{title.isEmpty() ? m.key : title};
    m.kind = firstNamed(t, {"kind", "task_type", "job_type", "type", "task", "func_name"});
    if (m.kind == title)
        m.kind.clear();
    m.queue = firstNamed(t, {"queue", "queue_name"});
    m.error = firstNamed(t, {"error_message", "error", "last_error", "exception", "traceback"});
    m.log = firstNamed(t, {"log", "logs", "output"}, isTextType);
    m.progressDone
        = firstNamed(t, {"progress_done", "processed", "done_count", "progress"}, isNumberType);
    m.progressTotal = firstNamed(t, {"progress_total", "total", "total_count"}, isNumberType);
    if (m.progressDone.isEmpty() || m.progressTotal.isEmpty())
        m.progressDone.clear(), m.progressTotal.clear();
    m.status.column = firstNamed(t, {"status", "state", "job_status", "task_status"});
    if (m.status.column.isEmpty()) {
        m.status.column = firstNamed(t, {"is_active", "active", "is_running", "running"});
        m.status.boolean = !m.status.column.isEmpty();
    }
    auto time = [&](const std::vector<const char *> &names) -> Result<TimeColumn> {
        TimeColumn tc;
        tc.column = firstNamed(t, names);
        if (tc.column.isEmpty())
            return tc;
        Result<QString> s = sample(t.name, tc.column);
        if (!s.ok())
            return s.error();
        const std::optional<TimeType> type = timeTypeOf(*t.column(tc.column), *s);
        if (!type)
            return TimeColumn();
        tc.type = *type;
        if (tc.type == TimeType::IsoText)
            tc.isoSample = *s;
        return tc;
    };
    const std::pair<TimeColumn *, std::vector<const char *>> times[] = {
        {&m.created, {"created_at", "created", "date_created", "enqueued_at", "created_on"}},
        {&m.started, {"started_at", "start_time", "started", "date_started"}},
        {&m.finished,
            {"completed_at", "finished_at", "ended_at", "done_at", "date_done", "end_time",
                "completed", "finished"}},
        {&m.heartbeat,
            {"heartbeat_at", "last_heartbeat", "last_seen_at", "updated_at", "modified_at",
                "date_modified", "updated"}},
    };
    for (const auto &[target, names] : times) {
        Result<TimeColumn> tc = time(names);
        if (!tc.ok())
            return tc.error();
        *target = *tc;
    }
    const QString version
        = firstNamed(t, {"version", "lock_version", "row_version"}, isIntegerType);
    if (!version.isEmpty()) {
        m.fence = version;
        m.fenceIsVersion = true;
    } else {
        m.fence = m.heartbeat.isSet() ? m.heartbeat.column : m.started.column;
    }
    if (!m.status.column.isEmpty() && !m.status.boolean) {
        Result<QVector<StatusValueCount>> values = statusValues(t.name, m.status);
        if (!values.ok())
            return values.error();
        guessValues(m.status, *values);
    }
    // Its items: the first table whose foreign key names this one.
    Result<QVector<QPair<QString, QString>>> refs = foreignKeysTo(t.name);
    if (!refs.ok())
        return refs.error();
    for (const auto &[itemTable, foreignKey] : *refs) {
        Result<CatalogTable> it = table(itemTable);
        if (!it.ok())
            return it.error();
        const QString itemStatus = firstNamed(*it, {"status", "state"}, isTextType);
        if (itemStatus.isEmpty())
            continue;
        m.items.table = itemTable;
        m.items.foreignKey = foreignKey;
        for (const CatalogColumn &c : it->columns) {
            if (c.primaryKey && m.items.key.isEmpty())
                m.items.key = c.name;
        }
        m.items.label = firstNamed(*it, {"name", "label", "account", "title", "username"});
        m.items.log = firstNamed(*it, {"log", "logs", "output"}, isTextType);
        m.items.status.column = itemStatus;
        Result<QVector<StatusValueCount>> values = statusValues(itemTable, m.items.status);
        if (!values.ok())
            return values.error();
        guessValues(m.items.status, *values);
        for (const auto &[target, names] : {std::pair<TimeColumn *, std::vector<const char *>>{
                                                &m.items.started, {"started_at", "start_time"}},
                 {&m.items.finished, {"finished_at", "completed_at", "ended_at"}}}) {
            target->column = firstNamed(*it, names);
            if (target->column.isEmpty())
                continue;
            Result<QString> s = sample(itemTable, target->column);
            if (!s.ok())
                return s.error();
            const std::optional<TimeType> type = timeTypeOf(*it->column(target->column), *s);
            if (!type) {
                *target = TimeColumn();
                continue;
            }
            target->type = *type;
            if (target->type == TimeType::IsoText)
                target->isoSample = *s;
        }
        break;
    }
    return d;
}

} // namespace taskdesk
