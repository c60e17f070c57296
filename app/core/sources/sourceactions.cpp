#include "sourceactions.h"

#include "core/auditlog.h"

#include <QDateTime>
#include <QJsonObject>

namespace taskdesk {

namespace {

// Rolls a transaction back after its statements ran: Database::write() rolls
// back on an error, and this one is not reported as one.
const QString kRollBack = QStringLiteral("rolled back on purpose");

QString stamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

struct Statement
{
    QStringList sets;
    QStringList where;
    QVector<QPair<QString, QVariant>> values;
    void bind(const QString &name, const QVariant &value) { values.append({name, value}); }
};

} // namespace

QString sourceActionWord(TaskAction action)
{
    switch (action) {
    case TaskAction::ForceStop:
        return QStringLiteral("Force Stop");
    case TaskAction::Cancel:
        return QStringLiteral("Cancel");
    case TaskAction::Restart:
        return QStringLiteral("Retry");
    case TaskAction::Delete:
        return QStringLiteral("Delete");
    }
    return {};
}

QString sourceActionName(TaskAction action)
{
    return action == TaskAction::Restart ? QStringLiteral("retry") : taskrules::auditName(action);
}

SourceActions::SourceActions(
    Database &source, SourceDefinition definition, Database &taskdesk, QString actor)
    : m_source(source)
    , m_def(std::move(definition))
    , m_taskdesk(taskdesk)
    , m_actor(std::move(actor))
    , m_dialect(SourceDialect::of(source))
{ }

QVector<TaskStatus> SourceActions::allowedFrom(TaskAction action)
{
    if (action == TaskAction::Restart)
        return {TaskStatus::Failed};
    return taskrules::allowedFrom(action);
}

Result<SourceActionReport> SourceActions::applyToKey(TaskAction action, qint64 key, bool dryRun)
{
    Result<SourceRow> row = SourceReader(m_source, m_def).row(key);
    if (!row.ok())
        return row.error();
    return apply(action, *row, dryRun);
}

Result<SourceActionReport> SourceActions::apply(
    TaskAction action, const SourceRow &seen, bool dryRun, const QString &rule)
{
    m_rule = rule;
    const StatusMapping &status = m_def.mapping.status;
    if (m_def.readOnly)
        return Error(ErrorKind::PermissionDenied,
            QStringLiteral("source %1 is attached read-only: %2 changes nothing there")
                .arg(m_def.name, sourceActionWord(action)));
    if (action == TaskAction::Delete && !m_def.mapping.allowDelete)
        return Error::refused(QStringLiteral("the mapping of source %1 does not allow Delete "
                                             "(allow_delete)")
                                  .arg(m_def.name));
    if ((action == TaskAction::ForceStop || action == TaskAction::Cancel) && !status.boolean
        && status.failedValue.isEmpty())
        return Error::invalid(QStringLiteral("the mapping of source %1 names no failed value for "
                                             "%2 to write")
                                  .arg(m_def.name, sourceActionWord(action)));
    if (action == TaskAction::Restart && (status.boolean || status.pendingValue.isEmpty()))
        return Error::invalid(QStringLiteral("the mapping of source %1 names no pending value for "
                                             "Retry to write")
                                  .arg(m_def.name));
    Result<qint64> now = m_source.now();
    if (!now.ok())
        return now.error();
    SourceActionReport initial;
    initial.action = action;
    initial.key = seen.key;
    initial.title = seen.title;
    initial.dryRun = dryRun;
    // A dry run's statements run and are rolled back (Database::write rolls back
    // on an error); so is a delete whose row changed after its items went.
    SourceActionReport kept;
    Result<SourceActionReport> report
        = m_source.writeResult<SourceActionReport>(initial, [&](SourceActionReport &r) -> Error {
              if (Error e = transition(action, seen, *now, r))
                  return e;
              if (!r.done && action == TaskAction::Delete)
                  return Error::refused(kRollBack);
              if (r.done && dryRun) {
                  kept = r;
                  return Error::refused(kRollBack);
              }
              return {};
          });
    if (!report.ok()) {
        if (report.error().message() != kRollBack)
            return report.error();
        if (kept.done)
            return kept;
        SourceActionReport refused = initial;
        refused.before = seen.rawStatus;
        refused.refusal = refusalOf(action, seen);
        return refused;
    }
    if (report->done && !dryRun) {
        if (Error e = audit(*report, seen))
            return Error::database(QStringLiteral("%1 of row %2 of source %3 was done, but its "
                                                  "audit row could not be written: %4")
                                       .arg(sourceActionWord(action))
                                       .arg(seen.key)
                                       .arg(m_def.name, e.message()));
    }
    return report;
}

Error SourceActions::transition(
    TaskAction action, const SourceRow &seen, qint64 now, SourceActionReport &r)
{
    const SourceMapping &m = m_def.mapping;
    const SourceDialect &d = m_dialect;
    const StatusMapping &status = m.status;
    Statement s;
    s.where << QStringLiteral("%1 = :key").arg(d.id(m.key))
            << QStringLiteral("%1 = :seen").arg(d.statusText(status))
            << QStringLiteral("COALESCE(%1, '') = :fence").arg(d.asText(d.id(m.fence)));
    s.bind(QStringLiteral(":key"), seen.key);
    s.bind(QStringLiteral(":seen"), seen.rawStatus);
    s.bind(QStringLiteral(":fence"), seen.fence);
    QStringList allowed;
    for (TaskStatus st : allowedFrom(action)) {
        for (const QString &v : status.valuesOf(st)) {
            allowed << QStringLiteral(":a%1").arg(allowed.size());
            s.bind(allowed.last(), v);
        }
    }
    s.where << (allowed.isEmpty()
            ? QStringLiteral("1 = 0")
            : QStringLiteral("%1 IN (%2)")
                  .arg(d.statusText(status), allowed.join(QStringLiteral(", "))));
    r.before = seen.rawStatus;
    QString sql;
    if (action == TaskAction::Delete) {
        r.after = QStringLiteral("DELETED");
        if (m.items.isSet()) {
            // The items first (a foreign key may refuse the row before them),
            // only if the row is still as seen; a row that changed between the
            // two statements fails the second, and the transaction is rolled back.
            Result<QSqlQuery> items = m_source.runWith(
                QStringLiteral(
                    "DELETE FROM %1 WHERE %2 = :key AND EXISTS (SELECT 1 FROM %3 WHERE %4)")
                    .arg(d.id(m.items.table), d.id(m.items.foreignKey), d.id(m.table),
                        s.where.join(QStringLiteral(" AND "))),
                QStringLiteral("deleting the items of row %1").arg(seen.key), [&](QSqlQuery &q) {
                    for (const auto &[name, value] : s.values)
                        q.bindValue(name, value);
                });
            if (!items.ok())
                return items.error();
            r.itemsChanged = items->numRowsAffected();
        }
        sql = QStringLiteral("DELETE FROM %1 WHERE %2")
                  .arg(d.id(m.table), s.where.join(QStringLiteral(" AND ")));
    } else {
        const bool retry = action == TaskAction::Restart;
        r.after = retry ? status.pendingValue
                        : (status.boolean ? QStringLiteral("false") : status.failedValue);
        s.sets << QStringLiteral("%1 = %2").arg(
            d.id(status.column), d.statusLiteralParam(status, QStringLiteral(":to")));
        s.bind(QStringLiteral(":to"), r.after);
        if (m.finished.isSet() && !retry) {
            s.sets << QStringLiteral("%1 = %2").arg(
                d.id(m.finished.column), d.timeParam(m.finished, QStringLiteral(":fin")));
            s.bind(QStringLiteral(":fin"), d.timeValue(m.finished, now));
        }
        if (m.heartbeat.isSet() && m.heartbeat.column != m.finished.column) {
            s.sets << QStringLiteral("%1 = %2").arg(
                d.id(m.heartbeat.column), d.timeParam(m.heartbeat, QStringLiteral(":hb")));
            s.bind(QStringLiteral(":hb"), d.timeValue(m.heartbeat, now));
        }
        if (m.fenceIsVersion)
            s.sets << QStringLiteral("%1 = %1 + 1").arg(d.id(m.fence));
        const QString line = action == TaskAction::ForceStop
            ? QStringLiteral("⚠️ Task force stopped by %1").arg(m_actor)
            : action == TaskAction::Cancel
            ? QStringLiteral("Task cancelled manually by %1").arg(m_actor)
            : QStringLiteral("↻ Task retried by %1").arg(m_actor);
        if (!m.log.isEmpty()) {
            const QString stamped = QStringLiteral("[%1] %2").arg(stamp(now), line)
                + (m_rule.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_rule));
            s.sets << QStringLiteral("%1 = %2").arg(
                d.id(m.log), d.appended(m.log, QStringLiteral(":line")));
            s.bind(QStringLiteral(":line"), Database::text(stamped));
            s.bind(QStringLiteral(":linen"), Database::text(QLatin1Char('\n') + stamped));
        }
        if (!m.error.isEmpty() && action == TaskAction::Cancel) {
            s.sets << QStringLiteral("%1 = :err").arg(d.id(m.error));
            s.bind(QStringLiteral(":err"), Database::text(line));
        }
        sql = QStringLiteral("UPDATE %1 SET %2 WHERE %3")
                  .arg(d.id(m.table), s.sets.join(QStringLiteral(", ")),
                      s.where.join(QStringLiteral(" AND ")));
    }
    Result<QSqlQuery> q = m_source.runWith(sql,
        QStringLiteral("%1 of row %2 of source %3")
            .arg(sourceActionWord(action))
            .arg(seen.key)
            .arg(m_def.name),
        [&](QSqlQuery &query) {
            for (const auto &[name, value] : s.values)
                query.bindValue(name, value);
        });
    if (!q.ok())
        return q.error();
    const int changed = q->numRowsAffected();
    if (changed > 1)
        return Error::database(QStringLiteral("the key %1 of source %2 named %3 rows; nothing was "
                                              "changed")
                                   .arg(m.key, m_def.name)
                                   .arg(changed));
    if (changed == 0) {
        r.itemsChanged = 0;
        if (action != TaskAction::Delete)
            r.refusal = refusalOf(action, seen);
        return {};
    }
    r.done = true;
    if (action != TaskAction::Delete)
        return changeItems(action, seen.key, now, r);
    return {};
}

Error SourceActions::changeItems(TaskAction action, qint64 key, qint64 now, SourceActionReport &r)
{
    const ItemsMapping &it = m_def.mapping.items;
    if (!it.isSet())
        return {};
    const SourceDialect &d = m_dialect;
    QVector<TaskStatus> from;
    QString to;
    QString line;
    switch (action) {
    case TaskAction::ForceStop:
        from = {TaskStatus::Running};
        to = it.status.failedValue;
        line = QStringLiteral("⚠️ Force stopped by %1").arg(m_actor);
        break;
    case TaskAction::Cancel:
        from = {TaskStatus::Running, TaskStatus::Pending};
        to = it.status.failedValue;
        line = QStringLiteral("Cancelled manually by %1").arg(m_actor);
        break;
    case TaskAction::Restart:
        from = {TaskStatus::Failed};
        to = it.status.pendingValue;
        line = QStringLiteral("↻ Retried by %1").arg(m_actor);
        break;
    case TaskAction::Delete:
        return {};
    }
    if (to.isEmpty())
        return {}; // the items mapping writes nothing for this action
    Statement s;
    s.sets << QStringLiteral("%1 = %2").arg(
        d.id(it.status.column), d.statusLiteralParam(it.status, QStringLiteral(":to")));
    s.bind(QStringLiteral(":to"), to);
    s.bind(QStringLiteral(":key"), key);
    if (it.finished.isSet() && action != TaskAction::Restart) {
        s.sets << QStringLiteral("%1 = %2").arg(
            d.id(it.finished.column), d.timeParam(it.finished, QStringLiteral(":fin")));
        s.bind(QStringLiteral(":fin"), d.timeValue(it.finished, now));
    }
    if (!it.log.isEmpty()) {
        const QString stamped = QStringLiteral("[%1] %2").arg(stamp(now), line);
        s.sets << QStringLiteral("%1 = %2").arg(
            d.id(it.log), d.appended(it.log, QStringLiteral(":line")));
        s.bind(QStringLiteral(":line"), Database::text(stamped));
        s.bind(QStringLiteral(":linen"), Database::text(QLatin1Char('\n') + stamped));
    }
    QStringList names;
    for (TaskStatus st : from) {
        for (const QString &v : it.status.valuesOf(st)) {
            names << QStringLiteral(":i%1").arg(names.size());
            s.bind(names.last(), v);
        }
    }
    if (names.isEmpty())
        return {};
    const QString sql
        = QStringLiteral("UPDATE %1 SET %2 WHERE %3 = :key AND %4 IN (%5)")
              .arg(d.id(it.table), s.sets.join(QStringLiteral(", ")), d.id(it.foreignKey),
                  d.statusText(it.status), names.join(QStringLiteral(", ")));
    Result<QSqlQuery> q = m_source.runWith(
        sql, QStringLiteral("the items of row %1").arg(key), [&](QSqlQuery &query) {
            for (const auto &[name, value] : s.values)
                query.bindValue(name, value);
        });
    if (!q.ok())
        return q.error();
    r.itemsChanged = q->numRowsAffected();
    return {};
}

QString SourceActions::refusalOf(TaskAction action, const SourceRow &seen)
{
    Result<SourceRow> now = SourceReader(m_source, m_def).row(seen.key);
    if (!now.ok())
        return now.error().kind() == ErrorKind::NotFound
            ? QStringLiteral("row %1 is gone (deleted by someone else); nothing was changed")
                  .arg(seen.key)
            : now.error().message();
    if (now->rawStatus != seen.rawStatus)
        return QStringLiteral("row %1 is %2 now (it was %3 when you looked); nothing was changed")
            .arg(seen.key)
            .arg(now->rawStatus, seen.rawStatus);
    if (!now->status || !allowedFrom(action).contains(*now->status))
        return QStringLiteral("row %1 is %2: %3 is not taken from that status; nothing was changed")
            .arg(seen.key)
            .arg(now->rawStatus, sourceActionWord(action));
    return QStringLiteral(
        "row %1 changed since you looked (%2 was '%3', is '%4'); nothing was changed")
        .arg(seen.key)
        .arg(m_def.mapping.fence, seen.fence, now->fence);
}

Error SourceActions::audit(const SourceActionReport &r, const SourceRow &seen)
{
    QJsonObject details{{QStringLiteral("source"), m_def.name},
        {QStringLiteral("table"), m_def.mapping.table}, {QStringLiteral("key"), r.key},
        {QStringLiteral("before"),
            QJsonObject{{QStringLiteral("status"), r.before}, {m_def.mapping.fence, seen.fence}}},
        {QStringLiteral("after"), QJsonObject{{QStringLiteral("status"), r.after}}},
        {QStringLiteral("items"), r.itemsChanged}};
    if (!m_rule.isEmpty())
        details.insert(QStringLiteral("rule"), m_rule);

    return m_taskdesk.write([&]() -> Error {
        return AuditLog(m_taskdesk)
            .record(m_actor, QStringLiteral("source_") + sourceActionName(r.action), 0,
                QStringLiteral("%1 #%2 %3").arg(m_def.name).arg(r.key).arg(r.title).trimmed(),
                r.before, r.after, details);
    });
}

} // namespace taskdesk
