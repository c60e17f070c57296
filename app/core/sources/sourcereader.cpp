#include "sourcereader.h"

namespace taskdesk {

namespace {

constexpr int kErrorChars = 500; // of an error message in a list; row() reads it whole

qint64 msOrZero(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

void bindAll(QSqlQuery &q, const QVector<QPair<QString, QVariant>> &values)
{
    for (const auto &[name, value] : values)
        q.bindValue(name, value);
}

} // namespace

Task SourceRow::asTask() const
{
    Task t;
    t.id = key;
    t.name = title;
    t.kind = kind;
    t.queue = queue;
    t.status = status.value_or(TaskStatus::Pending);
    t.errorMessage = error;
    t.createdAt = createdAt;
    t.startedAt = startedAt;
    t.completedAt = finishedAt;
    t.heartbeatAt = heartbeatAt > 0 ? heartbeatAt : startedAt;
    t.updatedAt = heartbeatAt;
    t.progressDone = progressDone;
    t.progressTotal = progressTotal;
    t.dbNow = dbNow;
    return t;
}

qint64 SourceCounts::total() const
{
    qint64 sum = 0;
    for (qint64 n : byStatus)
        sum += n;
    for (qint64 n : unmapped)
        sum += n;
    return sum;
}

SourceReader::SourceReader(Database &source, SourceDefinition definition)
    : m_db(source)
    , m_def(std::move(definition))
    , m_dialect(SourceDialect::of(source))
{ }

QString SourceReader::selectList(bool wholeError) const
{
    const SourceMapping &m = m_def.mapping;
    const SourceDialect &d = m_dialect;
    auto columnOrNull = [&](const QString &c) {
        return c.isEmpty() ? QStringLiteral("NULL") : d.id(c);
    };
    QStringList parts{d.id(m.key)};
    for (const QString &t : m.title)
        parts << d.asText(d.id(t));
    parts << columnOrNull(m.kind) << columnOrNull(m.queue) << d.statusText(m.status)
          << d.millis(m.created) << d.millis(m.started) << d.millis(m.finished)
          << d.millis(m.heartbeat)
          << (m.error.isEmpty() ? QStringLiteral("NULL")
                     : wholeError
                     ? d.id(m.error)
                     : QStringLiteral("SUBSTR(%1, 1, %2)").arg(d.id(m.error)).arg(kErrorChars))
          << columnOrNull(m.progressDone) << columnOrNull(m.progressTotal)
          << QStringLiteral("COALESCE(%1, '')").arg(d.asText(d.id(m.fence)));
    return parts.join(QStringLiteral(", "));
}

SourceRow SourceReader::readRow(const QSqlQuery &q, qint64 dbNow) const
{
    const SourceMapping &m = m_def.mapping;
    SourceRow r;
    int i = 0;
    r.key = q.value(i++).toLongLong();
    QStringList title;
    for (qsizetype t = 0; t < m.title.size(); ++t) {
        const QString part = q.value(i++).toString();
        if (!part.isEmpty())
            title << part;
    }
    r.title = title.join(QStringLiteral(" · "));
    r.kind = q.value(i++).toString();
    r.queue = q.value(i++).toString();
    const QVariant status = q.value(i++);
    r.rawStatus = status.isNull() ? QString() : status.toString();
    r.status = m.status.statusOf(r.rawStatus);
    r.createdAt = msOrZero(q.value(i++));
    r.startedAt = msOrZero(q.value(i++));
    r.finishedAt = msOrZero(q.value(i++));
    r.heartbeatAt = msOrZero(q.value(i++));
    r.error = q.value(i++).toString();
    r.progressDone = q.value(i++).toInt();
    r.progressTotal = q.value(i++).toInt();
    r.fence = q.value(i++).toString();
    r.dbNow = dbNow;
    const qint64 runningBefore = dbNow - qint64(m_def.stuck.runningMinutes) * 60000;
    const qint64 queuedBefore = dbNow - qint64(m_def.stuck.queuedMinutes) * 60000;
    if (r.status == TaskStatus::Running) {
        r.stuck = m.heartbeat.isSet() && r.heartbeatAt > 0
            ? r.heartbeatAt < runningBefore
            : r.startedAt > 0 && r.startedAt < runningBefore;
    } else if (r.status == TaskStatus::Pending) {
        const qint64 since = m.heartbeat.isSet() ? r.heartbeatAt : r.createdAt;
        r.stuck = since > 0 && since < queuedBefore;
    }
    return r;
}

SourceReader::Condition SourceReader::stuckCondition(qint64 nowMs, bool queued, bool running) const
{
    const SourceMapping &m = m_def.mapping;
    const SourceDialect &d = m_dialect;
    Condition c;
    QStringList any;
    auto statusIn = [&](TaskStatus status, const QString &prefix) {
        QStringList names;
        const QStringList values = m.status.valuesOf(status);
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QString name = QStringLiteral(":%1%2").arg(prefix).arg(i);
            names << name;
            c.values.append({name, values.at(i)});
        }
        if (names.isEmpty())
            return QStringLiteral("1 = 0");
        return QStringLiteral("%1 IN (%2)")
            .arg(d.statusText(m.status), names.join(QStringLiteral(", ")));
    };
    // Queued since its last change (a retried row was changed when it was
    // retried), or, without a heartbeat column, since it was created.
    const TimeColumn &waiting = m.heartbeat.isSet() ? m.heartbeat : m.created;
    if (queued && waiting.isSet()) {
        c.values.append({QStringLiteral(":stq"),
            d.timeValue(waiting, nowMs - qint64(m_def.stuck.queuedMinutes) * 60000)});
        any << QStringLiteral("(%1 AND %2 < %3)")
                   .arg(statusIn(TaskStatus::Pending, QStringLiteral("sqv")), d.id(waiting.column),
                       d.timeParam(waiting, QStringLiteral(":stq")));
    }
    if (running && (m.heartbeat.isSet() || m.started.isSet())) {
        const qint64 before = nowMs - qint64(m_def.stuck.runningMinutes) * 60000;
        QStringList old;
        if (m.heartbeat.isSet()) {
            c.values.append({QStringLiteral(":sth"), d.timeValue(m.heartbeat, before)});
            old << QStringLiteral("%1 < %2").arg(
                d.id(m.heartbeat.column), d.timeParam(m.heartbeat, QStringLiteral(":sth")));
        }
        if (m.started.isSet()) {
            c.values.append({QStringLiteral(":sts"), d.timeValue(m.started, before)});
            old << (m.heartbeat.isSet() ? QStringLiteral("(%1 IS NULL AND %2 < %3)")
                                              .arg(d.id(m.heartbeat.column), d.id(m.started.column),
                                                  d.timeParam(m.started, QStringLiteral(":sts")))
                                        : QStringLiteral("%1 < %2").arg(d.id(m.started.column),
                                            d.timeParam(m.started, QStringLiteral(":sts"))));
        }
        any << QStringLiteral("(%1 AND (%2))")
                   .arg(statusIn(TaskStatus::Running, QStringLiteral("srv")),
                       old.join(QStringLiteral(" OR ")));
    }
    c.sql = any.isEmpty() ? QStringLiteral("1 = 0")
                          : QStringLiteral("(%1)").arg(any.join(QStringLiteral(" OR ")));
    return c;
}

Result<SourceReader::Condition> SourceReader::filterCondition(
    const TaskFilter &f, const QStringList &rawStatuses)
{
    if (Error e = checkSearch(f.search))
        return e;
    const SourceMapping &m = m_def.mapping;
    const SourceDialect &d = m_dialect;
    Condition c;
    QStringList parts;
    if (!f.statuses.isEmpty()) {
        QStringList names;
        for (TaskStatus s : f.statuses) {
            for (const QString &v : m.status.valuesOf(s)) {
                const QString name = QStringLiteral(":fs%1").arg(names.size());
                names << name;
                c.values.append({name, v});
            }
        }
        parts << (names.isEmpty()
                ? QStringLiteral("1 = 0")
                : QStringLiteral("%1 IN (%2)")
                      .arg(d.statusText(m.status), names.join(QStringLiteral(", "))));
    }
    if (!rawStatuses.isEmpty()) {
        QStringList names;
        for (const QString &v : rawStatuses) {
            names << QStringLiteral(":fr%1").arg(names.size());
            c.values.append({names.last(), v});
        }
        parts << QStringLiteral("%1 IN (%2)")
                     .arg(d.statusText(m.status), names.join(QStringLiteral(", ")));
    }
    if (f.stuckOnly) {
        Result<qint64> now = m_db.now();
        if (!now.ok())
            return now.error();
        Condition stuck = stuckCondition(*now, true, true);
        parts << stuck.sql;
        c.values += stuck.values;
    }
    if (!f.kind.isEmpty() && !m.kind.isEmpty()) {
        parts << QStringLiteral("%1 = :fk").arg(d.id(m.kind));
        c.values.append({QStringLiteral(":fk"), f.kind});
    }
    if (!f.queue.isEmpty() && !m.queue.isEmpty()) {
        parts << QStringLiteral("%1 = :fq").arg(d.id(m.queue));
        c.values.append({QStringLiteral(":fq"), f.queue});
    }
    const QString search = f.search.trimmed();
    if (!search.isEmpty()) {
        QStringList any;
        bool number = false;
        const qint64 key = search.toLongLong(&number);
        if (number) {
            any << QStringLiteral("%1 = :sk").arg(d.id(m.key));
            c.values.append({QStringLiteral(":sk"), key});
        }
        QStringList searched = m.title;
        for (const QString &col : {m.kind, m.queue, m.error}) {
            if (!col.isEmpty() && !searched.contains(col))
                searched << col;
        }
        for (qsizetype i = 0; i < searched.size(); ++i) {
            const QString name = QStringLiteral(":sl%1").arg(i);
            any << QStringLiteral("%1 ").arg(d.asText(d.id(searched.at(i)))) + d.like().arg(name);
            c.values.append({name, Database::likePattern(search)});
        }
        parts << QStringLiteral("(%1)").arg(any.join(QStringLiteral(" OR ")));
    }
    c.sql = parts.join(QStringLiteral(" AND "));
    return c;
}

Result<QVector<SourceRow>> SourceReader::list(const TaskFilter &f)
{
    return list(f, {});
}

Result<QVector<SourceRow>> SourceReader::list(const TaskFilter &f, const QStringList &rawStatuses)
{
    if (Error e = checkLimit(f.limit))
        return e;
    Result<Condition> where = filterCondition(f, rawStatuses);
    if (!where.ok())
        return where.error();
    const SourceMapping &m = m_def.mapping;
    const SourceDialect &d = m_dialect;
    QString sortColumn;
    switch (f.sort) {
    case TaskFilter::Sort::Name:
        sortColumn = m.title.value(0);
        break;
    case TaskFilter::Sort::Kind:
        sortColumn = m.kind;
        break;
    case TaskFilter::Sort::Queue:
        sortColumn = m.queue;
        break;
    case TaskFilter::Sort::Status:
        sortColumn = m.status.column;
        break;
    case TaskFilter::Sort::CreatedAt:
        sortColumn = m.created.column;
        break;
    case TaskFilter::Sort::StartedAt:
        sortColumn = m.started.column;
        break;
    case TaskFilter::Sort::HeartbeatAt:
    case TaskFilter::Sort::UpdatedAt:
        sortColumn = m.heartbeat.column;
        break;
    case TaskFilter::Sort::CompletedAt:
        sortColumn = m.finished.column;
        break;
    default:
        break;
    }
    const bool byKey = sortColumn.isEmpty() || sortColumn == m.key;
    const QString direction = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QString condition = where->sql;
    QVector<QPair<QString, QVariant>> values = where->values;
    // Keyset paging on the key (a jump deep into a big table reads a page, not
    // every row before it); other sorts page by offset.
    const std::optional<TaskKey> &anchor = f.after ? f.after : f.before;
    bool reversed = false;
    if (byKey && anchor) {
        const bool after = f.after.has_value();
        reversed = !after;
        const bool less = f.descending == after;
        condition += (condition.isEmpty() ? QString() : QStringLiteral(" AND "))
            + QStringLiteral("%1 %2 :anchor")
                  .arg(d.id(m.key), less ? QStringLiteral("<") : QStringLiteral(">"));
        values.append({QStringLiteral(":anchor"), anchor->id});
    }
    const QString order
        = reversed ? (f.descending ? QStringLiteral("ASC") : QStringLiteral("DESC")) : direction;
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(selectList(), d.id(m.table));
    if (!condition.isEmpty())
        sql += QStringLiteral(" WHERE ") + condition;
    sql += byKey
        ? QStringLiteral(" ORDER BY %1 %2").arg(d.id(m.key), order)
        : QStringLiteral(" ORDER BY %1 %2, %3 %2").arg(d.id(sortColumn), order, d.id(m.key));
    sql += QStringLiteral(" LIMIT %1").arg(f.limit);
    if (!(byKey && anchor) && f.offset > 0)
        sql += QStringLiteral(" OFFSET %1").arg(f.offset);
    Result<qint64> now = m_db.now();
    if (!now.ok())
        return now.error();
    Result<QSqlQuery> q = m_db.runWith(sql, QStringLiteral("reading source %1").arg(m_def.name),
        [&](QSqlQuery &query) { bindAll(query, values); });
    if (!q.ok())
        return q.error();
    QVector<SourceRow> rows;
    while (q->next())
        rows << readRow(*q, *now);
    if (reversed)
        std::reverse(rows.begin(), rows.end());
    return rows;
}

Result<qint64> SourceReader::count(const TaskFilter &f)
{
    return count(f, {});
}

Result<qint64> SourceReader::count(const TaskFilter &f, const QStringList &rawStatuses)
{
    Result<Condition> where = filterCondition(f, rawStatuses);
    if (!where.ok())
        return where.error();
    QString sql = QStringLiteral("SELECT COUNT(*) FROM %1").arg(m_dialect.id(m_def.mapping.table));
    if (!where->sql.isEmpty())
        sql += QStringLiteral(" WHERE ") + where->sql;
    Result<QSqlQuery> q = m_db.runWith(sql, QStringLiteral("counting source %1").arg(m_def.name),
        [&](QSqlQuery &query) { bindAll(query, where->values); });
    if (!q.ok())
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<SourceCounts> SourceReader::counts()
{
    const SourceMapping &m = m_def.mapping;
    Result<qint64> now = m_db.now();
    if (!now.ok())
        return now.error();
    const Condition queued = stuckCondition(*now, true, false);
    const Condition running = stuckCondition(*now, false, true);
    // One statement, one snapshot: the chips and the stuck numbers agree.
    const QString sql
        = QStringLiteral("SELECT %1, COUNT(*), SUM(CASE WHEN %2 THEN 1 ELSE 0 END), "
                         "SUM(CASE WHEN %3 THEN 1 ELSE 0 END) FROM %4 GROUP BY %1")
              .arg(m_dialect.statusText(m.status), queued.sql, running.sql, m_dialect.id(m.table));
    Result<QSqlQuery> q = m_db.runWith(
        sql, QStringLiteral("counting source %1").arg(m_def.name), [&](QSqlQuery &query) {
            bindAll(query, queued.values);
            bindAll(query, running.values);
        });
    if (!q.ok())
        return q.error();
    SourceCounts counts;
    while (q->next()) {
        const QString value = q->value(0).isNull() ? QString() : q->value(0).toString();
        const qint64 rows = q->value(1).toLongLong();
        if (const std::optional<TaskStatus> s = m.status.statusOf(value))
            counts.byStatus[*s] += rows;
        else
            counts.unmapped[value] += rows;
        counts.stuckQueued += q->value(2).toLongLong();
        counts.stuckRunning += q->value(3).toLongLong();
    }
    return counts;
}

Result<SourceRow> SourceReader::row(qint64 key)
{
    Result<qint64> now = m_db.now();
    if (!now.ok())
        return now.error();
    const SourceMapping &m = m_def.mapping;
    Result<QSqlQuery> q = m_db.run(
        QStringLiteral("SELECT %1 FROM %2 WHERE %3 = :key")
            .arg(selectList(true), m_dialect.id(m.table), m_dialect.id(m.key)),
        QStringLiteral("reading row %1 of source %2").arg(key).arg(m_def.name), {{":key", key}});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::notFound(
            QStringLiteral("source %1 has no row %2 (deleted?)").arg(m_def.name).arg(key));
    SourceRow r = readRow(*q, *now);
    q->finish();
    return r;
}

Result<QVector<SourceItem>> SourceReader::items(qint64 key, int limit)
{
    const ItemsMapping &it = m_def.mapping.items;
    if (!it.isSet())
        return QVector<SourceItem>();
    if (Error e = checkLimit(limit))
        return e;
    const SourceDialect &d = m_dialect;
    const QString sql
        = QStringLiteral("SELECT %1, %2, %3, %4, %5 FROM %6 WHERE %7 = :key ORDER BY %1 LIMIT %8")
              .arg(d.id(it.key),
                  it.label.isEmpty() ? QStringLiteral("NULL") : d.asText(d.id(it.label)),
                  d.statusText(it.status), d.millis(it.started), d.millis(it.finished),
                  d.id(it.table), d.id(it.foreignKey))
              .arg(limit);
    Result<QSqlQuery> q = m_db.run(sql,
        QStringLiteral("reading the items of row %1 of source %2").arg(key).arg(m_def.name),
        {{":key", key}});
    if (!q.ok())
        return q.error();
    QVector<SourceItem> out;
    while (q->next()) {
        SourceItem item;
        item.key = q->value(0).toLongLong();
        item.label = q->value(1).toString();
        item.rawStatus = q->value(2).toString();
        item.status = it.status.statusOf(item.rawStatus);
        item.startedAt = msOrZero(q->value(3));
        item.finishedAt = msOrZero(q->value(4));
        out << item;
    }
    return out;
}

Result<QString> SourceReader::log(qint64 key, qint64 from)
{
    const SourceMapping &m = m_def.mapping;
    if (m.log.isEmpty())
        return QString();
    Result<QSqlQuery> q
        = m_db.run(QStringLiteral("SELECT SUBSTR(%1, :from) FROM %2 WHERE %3 = :key")
                       .arg(m_dialect.id(m.log), m_dialect.id(m.table), m_dialect.id(m.key)),
            QStringLiteral("reading the log of row %1 of source %2").arg(key).arg(m_def.name),
            {{":from", std::max<qint64>(0, from) + 1}, {":key", key}});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::notFound(
            QStringLiteral("source %1 has no row %2 (deleted?)").arg(m_def.name).arg(key));
    return q->value(0).toString();
}

Result<QVector<SourceRow>> SourceReader::stuck(int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    Result<qint64> now = m_db.now();
    if (!now.ok())
        return now.error();
    const Condition c = stuckCondition(*now, true, true);
    const SourceMapping &m = m_def.mapping;
    Result<QSqlQuery> q
        = m_db.runWith(QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4 LIMIT %5")
                           .arg(selectList(), m_dialect.id(m.table), c.sql, m_dialect.id(m.key))
                           .arg(limit),
            QStringLiteral("reading the stuck rows of source %1").arg(m_def.name),
            [&](QSqlQuery &query) { bindAll(query, c.values); });
    if (!q.ok())
        return q.error();
    QVector<SourceRow> rows;
    while (q->next())
        rows << readRow(*q, *now);
    return rows;
}

} // namespace taskdesk
