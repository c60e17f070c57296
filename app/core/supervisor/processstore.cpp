#include "processstore.h"

#include "core/database.h"
#include "core/scheduling/singletonlease.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace taskdesk {

namespace {

const QString kColumns = QStringLiteral(
    "id, name, host, program, args, workdir, env, role, autostart, desired, restart_policy, "
    "stop_grace_ms, max_failures, backoff_base_ms, backoff_cap_ms, healthy_after_ms, startup_ms, "
    "start_generation, restart_generation, state, pid, started_at, exited_at, last_exit, starts, "
    "restarts, consecutive_failures, message, worker_id, supervised_by, updated_at, {NOW}");

// A null QString binds as SQL NULL; the text columns are NOT NULL.
QString text(const QString &s)
{
    return Database::text(s);
}

QString toJsonText(const QJsonDocument &doc)
{
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QString argsJson(const QStringList &args)
{
    return toJsonText(QJsonDocument(QJsonArray::fromStringList(args)));
}

QString envJson(const QMap<QString, QString> &env)
{
    QJsonObject o;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        o.insert(it.key(), it.value());
    return toJsonText(QJsonDocument(o));
}

// The value that stands for a secret that the reader may not see.
const QString kHidden = QStringLiteral("***");

// Environment values are often secrets: the audit log keeps their names only.
QJsonObject definitionJson(const ProcessDefinition &d)
{
    ProcessInfo info;
    info.definition = d;
    for (auto it = info.definition.env.begin(); it != info.definition.env.end(); ++it)
        it.value() = kHidden;
    QJsonObject o = info.toJson();
    // Only the definition: the runtime fields of a blank ProcessInfo mean nothing here.
    for (const char *key : {"desired", "state", "pid", "started_at", "exited_at", "uptime_ms",
             "last_exit", "starts", "restarts", "consecutive_failures", "message", "worker_id",
             "supervised_by", "updated_at"})
        o.remove(QString::fromLatin1(key));
    return o;
}

ProcessInfo infoFromRow(const QSqlQuery &q)
{
    ProcessInfo info;
    ProcessDefinition &d = info.definition;
    d.id = q.value(0).toLongLong();
    d.name = q.value(1).toString();
    d.host = q.value(2).toString();
    d.program = q.value(3).toString();
    const QJsonArray args = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array();
    for (const QJsonValue &v : args)
        d.args << v.toString();
    d.workdir = q.value(5).toString();
    const QJsonObject env = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    for (auto it = env.begin(); it != env.end(); ++it)
        d.env.insert(it.key(), it.value().toString());
    // The table's CHECK constraints keep these words valid; the fallbacks are for safety only.
    const Result<ProcessRole> role = parseRole(q.value(7).toString());
    d.role = role.ok() ? *role : ProcessRole::Other;
    d.autostart = q.value(8).toInt() != 0;
    const Result<DesiredState> desired = parseDesiredState(q.value(9).toString());
    info.desired = desired.ok() ? *desired : DesiredState::Stopped;
    const Result<RestartPolicy> policy = parseRestartPolicy(q.value(10).toString());
    d.restartPolicy = policy.ok() ? *policy : RestartPolicy::Always;
    d.stopGraceMs = q.value(11).toInt();
    d.maxFailures = q.value(12).toInt();
    d.backoffBaseMs = q.value(13).toInt();
    d.backoffCapMs = q.value(14).toInt();
    d.healthyAfterMs = q.value(15).toInt();
    d.startupMs = q.value(16).toInt();
    info.startGeneration = q.value(17).toLongLong();
    info.restartGeneration = q.value(18).toLongLong();
    ProcessRuntime &r = info.runtime;
    r.state = parseProcessState(q.value(19).toString()).value_or(ProcessState::Stopped);
    r.pid = q.value(20).toLongLong();
    r.startedAt = q.value(21).toLongLong();
    r.exitedAt = q.value(22).toLongLong();
    r.lastExit = q.value(23).toString();
    r.starts = q.value(24).toInt();
    r.restarts = q.value(25).toInt();
    r.consecutiveFailures = q.value(26).toInt();
    r.message = q.value(27).toString();
    r.workerId = q.value(28).toString();
    r.supervisedBy = q.value(29).toString();
    info.updatedAt = q.value(30).toLongLong();
    info.dbNow = q.value(31).toLongLong();
    return info;
}

void bindDefinition(QSqlQuery &q, const ProcessDefinition &d)
{
    q.bindValue(QStringLiteral(":name"), text(d.name));
    q.bindValue(QStringLiteral(":host"), text(d.host));
    q.bindValue(QStringLiteral(":program"), text(d.program));
    q.bindValue(QStringLiteral(":args"), argsJson(d.args));
    q.bindValue(QStringLiteral(":workdir"), text(d.workdir));
    q.bindValue(QStringLiteral(":env"), envJson(d.env));
    q.bindValue(QStringLiteral(":role"), roleName(d.role));
    q.bindValue(QStringLiteral(":autostart"), d.autostart ? 1 : 0);
    q.bindValue(QStringLiteral(":policy"), restartPolicyName(d.restartPolicy));
    q.bindValue(QStringLiteral(":grace"), d.stopGraceMs);
    q.bindValue(QStringLiteral(":failures"), d.maxFailures);
    q.bindValue(QStringLiteral(":base"), d.backoffBaseMs);
    q.bindValue(QStringLiteral(":cap"), d.backoffCapMs);
    q.bindValue(QStringLiteral(":healthy"), d.healthyAfterMs);
    q.bindValue(QStringLiteral(":startup"), d.startupMs);
}

QVariant timeOrNull(qint64 ms)
{
    return ms > 0 ? QVariant(ms) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

ProcessStore::ProcessStore(Database &db, QString actor)
    : m_db(db)
    , m_audit(db)
    , m_actor(std::move(actor))
{ }

QString ProcessStore::leaseName(const QString &host)
{
    return QStringLiteral("supervisor:") + host;
}

// ---------------------------------------------------------------- definitions

Error ProcessStore::checkAdmin()
{
    Result<bool> admin = m_db.canEditDefinitions();
    if (!admin.ok())
        return admin.error();
    if (!*admin)
        return m_db.isPostgres()
            ? Error::translatable(ErrorKind::PermissionDenied,
                QT_TRANSLATE_NOOP("taskdesk::Error",
                    "permission denied: only an admin (the taskdesk_admin role) may add, edit "
                    "or remove process definitions; operators start, stop and restart them"))
            : Error::translatable(ErrorKind::PermissionDenied,
                QT_TRANSLATE_NOOP("taskdesk::Error", "permission denied: %1 is read-only"),
                {m_db.location().path});
    return {};
}

Result<QString> ProcessStore::readColumns()
{
    if (!m_secretsReadable.has_value()) {
        Result<bool> readable = m_db.canReadSecrets();
        if (!readable.ok())
            return readable.error();
        m_secretsReadable = *readable;
    }
    if (*m_secretsReadable)
        return kColumns;
    QString columns = kColumns;
    columns.replace(QLatin1String(" workdir, env, "),
        QStringLiteral(" workdir, taskdesk_masked_env(id) AS env, "));
    return columns;
}

Result<qint64> ProcessStore::add(const ProcessDefinition &definition)
{
    if (Error e = checkAdmin())
        return e;
    if (Error e = definition.validate())
        return e;
    qint64 id = 0;
    Error e = m_db.write([&]() -> Error {
        Result<QSqlQuery> exists
            = m_db.prepare(QStringLiteral("SELECT count(*) FROM processes WHERE name = :name"));
        if (!exists.ok())
            return exists.error();
        exists.value().bindValue(QStringLiteral(":name"), definition.name);
        if (Error err = m_db.exec(exists.value(), QStringLiteral("add process")))
            return err;
        exists.value().next();
        if (exists.value().value(0).toInt() > 0)
            return Error::translatable(ErrorKind::Invalid,
                QT_TRANSLATE_NOOP("taskdesk::Error", "a process named '%1' already exists"),
                {definition.name});
        exists.value().finish();
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "INSERT INTO processes (name, host, program, args, workdir, env, role, autostart, "
            "desired, restart_policy, stop_grace_ms, max_failures, backoff_base_ms, "
            "backoff_cap_ms, healthy_after_ms, startup_ms) VALUES (:name, :host, :program, :args, "
            ":workdir, :env, :role, :autostart, 'stopped', :policy, :grace, :failures, :base, "
            ":cap, :healthy, :startup) RETURNING id"));
        if (!q.ok())
            return q.error();
        bindDefinition(q.value(), definition);
        if (Error err = m_db.exec(q.value(), QStringLiteral("add process")))
            return err;
        if (!q.value().next())
            return Error::database(QStringLiteral("add process: no id returned"));
        id = q.value().value(0).toLongLong();
        q.value().finish();
        return m_audit.record(m_actor, QStringLiteral("process_add"), 0, QString(), {}, {},
            {{QStringLiteral("process"), definition.name},
                {QStringLiteral("definition"), definitionJson(definition)}});
    });
    if (e)
        return e;
    return id;
}

Error ProcessStore::update(const ProcessDefinition &definition)
{
    if (Error e = checkAdmin())
        return e;
    if (Error e = definition.validate())
        return e;
    return m_db.write([&]() -> Error {
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE processes SET host = :host, program = :program, args = :args, workdir = "
            ":workdir, env = :env, role = :role, autostart = :autostart, restart_policy = "
            ":policy, stop_grace_ms = :grace, max_failures = :failures, backoff_base_ms = :base, "
            "backoff_cap_ms = :cap, healthy_after_ms = :healthy, startup_ms = :startup, "
            "updated_at = {NOW} WHERE name = :name"));
        if (!q.ok())
            return q.error();
        bindDefinition(q.value(), definition);
        if (Error err = m_db.exec(q.value(), QStringLiteral("update process")))
            return err;
        if (q.value().numRowsAffected() != 1)
            return Error::translatable(ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("taskdesk::Error", "no process named '%1'"), {definition.name});
        return m_audit.record(m_actor, QStringLiteral("process_update"), 0, QString(), {}, {},
            {{QStringLiteral("process"), definition.name},
                {QStringLiteral("definition"), definitionJson(definition)}});
    });
}

Error ProcessStore::remove(const QString &name, bool force)
{
    if (Error e = checkAdmin())
        return e;
    return m_db.write([&]() -> Error {
        // The read names the state for the refusal and the audit snapshot; the
        // DELETE is conditional on it and its row count decides.
        Result<QSqlQuery> read = m_db.prepare(QStringLiteral("SELECT ") + kColumns
            + QStringLiteral(" FROM processes WHERE name = :n"));
        if (!read.ok())
            return read.error();
        read.value().bindValue(QStringLiteral(":n"), name);
        if (Error err = m_db.exec(read.value(), QStringLiteral("remove process")))
            return err;
        if (!read.value().next())
            return Error::translatable(ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("taskdesk::Error", "no process named '%1'"), {name});
        const ProcessInfo info = infoFromRow(read.value());
        read.value().finish();

        QString sql = QStringLiteral("DELETE FROM processes WHERE name = :n");
        if (!force)
            sql += QStringLiteral(
                " AND desired = 'stopped' AND state IN ('STOPPED', 'EXITED', 'FATAL')");
        Result<QSqlQuery> q = m_db.prepare(sql);
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":n"), name);
        if (Error err = m_db.exec(q.value(), QStringLiteral("remove process")))
            return err;
        if (q.value().numRowsAffected() != 1)
            return Error::translatable(ErrorKind::Refused,
                QT_TRANSLATE_NOOP("taskdesk::Error",
                    "process '%1' is %2 (desired %3); stop it before removing it"),
                {name, processStateName(info.runtime.state), desiredStateName(info.desired)});
        return m_audit.record(m_actor, QStringLiteral("process_remove"), 0, QString(),
            processStateName(info.runtime.state), {},
            {{QStringLiteral("process"), name},
                {QStringLiteral("definition"), definitionJson(info.definition)},
                {QStringLiteral("forced"), force}});
    });
}

// ---------------------------------------------------------------- desired state

Result<DesiredChange> ProcessStore::setDesired(const QString &name, DesiredState desired)
{
    return changeDesired(name, desired, false);
}

Result<DesiredChange> ProcessStore::restart(const QString &name)
{
    return changeDesired(name, DesiredState::Running, true);
}

Result<DesiredChange> ProcessStore::changeDesired(
    const QString &name, DesiredState desired, bool restartRequest)
{
    DesiredChange change;
    change.name = name;
    change.after = desired;
    Error e = m_db.write([&]() -> Error {
        Result<QSqlQuery> read = m_db.prepare(
            QStringLiteral("SELECT desired, state, host FROM processes WHERE name = :n"));
        if (!read.ok())
            return read.error();
        read.value().bindValue(QStringLiteral(":n"), name);
        if (Error err = m_db.exec(read.value(), QStringLiteral("process request")))
            return err;
        if (!read.value().next())
            return Error::translatable(ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("taskdesk::Error", "no process named '%1'"), {name});
        const Result<DesiredState> before = parseDesiredState(read.value().value(0).toString());
        change.before = before.ok() ? *before : DesiredState::Stopped;
        change.state
            = parseProcessState(read.value().value(1).toString()).value_or(ProcessState::Stopped);
        change.host = read.value().value(2).toString();
        read.value().finish();

        // The generations tell a supervisor that an operator asked again: a
        // start request revives a FATAL process even though "running" was
        // already the desired state.
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE processes SET desired = :d, start_generation = start_generation + :sg, "
            "restart_generation = restart_generation + :rg, updated_at = {NOW} WHERE name = :n"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":d"), desiredStateName(desired));
        q.value().bindValue(QStringLiteral(":sg"), desired == DesiredState::Running ? 1 : 0);
        q.value().bindValue(QStringLiteral(":rg"), restartRequest ? 1 : 0);
        q.value().bindValue(QStringLiteral(":n"), name);
        if (Error err = m_db.exec(q.value(), QStringLiteral("process request")))
            return err;
        if (q.value().numRowsAffected() != 1)
            return Error::translatable(ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("taskdesk::Error", "no process named '%1'"), {name});

        Result<QString> supervisor = supervisorOf(change.host);
        if (!supervisor.ok())
            return supervisor.error();
        change.supervisor = *supervisor;

        const QString action = restartRequest  ? QStringLiteral("process_restart_requested")
            : desired == DesiredState::Running ? QStringLiteral("process_start_requested")
                                               : QStringLiteral("process_stop_requested");
        return m_audit.record(m_actor, action, 0, QString(), desiredStateName(change.before),
            desiredStateName(desired),
            {{QStringLiteral("process"), name}, {QStringLiteral("host"), change.host},
                {QStringLiteral("state"), processStateName(change.state)},
                {QStringLiteral("supervisor"), change.supervisor}});
    });
    if (e)
        return e;
    return change;
}

Result<QVector<DesiredChange>> ProcessStore::setDesiredForAll(
    DesiredState desired, const QString &host)
{
    Result<QVector<ProcessInfo>> all = list(host);
    if (!all.ok())
        return all.error();
    QVector<DesiredChange> changes;
    for (const ProcessInfo &info : *all) {
        Result<DesiredChange> c = setDesired(info.definition.name, desired);
        if (!c.ok()) {
            if (c.error().kind() == ErrorKind::NotFound)
                continue; // removed meanwhile
            return c.error();
        }
        changes.append(*c);
    }
    return changes;
}

// ---------------------------------------------------------------- reading

Result<QVector<ProcessInfo>> ProcessStore::list(const QString &host)
{
    Result<QString> columns = readColumns();
    if (!columns.ok())
        return columns.error();
    QString sql = QStringLiteral("SELECT ") + *columns + QStringLiteral(" FROM processes");
    if (!host.isEmpty())
        sql += QStringLiteral(" WHERE host = :host");
    sql += QStringLiteral(" ORDER BY name");
    Result<QSqlQuery> q = m_db.prepare(sql);
    if (!q.ok())
        return q.error();
    if (!host.isEmpty())
        q.value().bindValue(QStringLiteral(":host"), host);
    if (Error e = m_db.exec(q.value(), QStringLiteral("list processes")))
        return e;
    QVector<ProcessInfo> out;
    while (q.value().next())
        out.append(infoFromRow(q.value()));
    return out;
}

Result<ProcessInfo> ProcessStore::process(const QString &name)
{
    Result<QString> columns = readColumns();
    if (!columns.ok())
        return columns.error();
    Result<QSqlQuery> q = m_db.prepare(
        QStringLiteral("SELECT ") + *columns + QStringLiteral(" FROM processes WHERE name = :n"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":n"), name);
    if (Error e = m_db.exec(q.value(), QStringLiteral("read process")))
        return e;
    if (!q.value().next())
        return Error::translatable(ErrorKind::NotFound,
            QT_TRANSLATE_NOOP("taskdesk::Error", "no process named '%1'"), {name});
    return infoFromRow(q.value());
}

Result<QVector<ProcessOutputLine>> ProcessStore::output(
    const QString &name, qint64 afterId, int limit)
{
    if (Error e = checkLimit(limit))
        return e;
    const QString columns
        = QStringLiteral("o.id, o.process_id, o.at, o.stream, o.line FROM process_output o JOIN "
                         "processes p ON p.id = o.process_id WHERE p.name = :n");
    const QString sql = afterId > 0 ? QStringLiteral("SELECT ") + columns
            + QStringLiteral(" AND o.id > :after ORDER BY o.id LIMIT :limit")
                                    : QStringLiteral("SELECT * FROM (SELECT ") + columns
            + QStringLiteral(" ORDER BY o.id DESC LIMIT :limit) last_lines ORDER BY id");
    Result<QSqlQuery> q = m_db.prepare(sql);
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":n"), name);
    if (afterId > 0)
        q.value().bindValue(QStringLiteral(":after"), afterId);
    q.value().bindValue(QStringLiteral(":limit"), limit);
    if (Error e = m_db.exec(q.value(), QStringLiteral("process output")))
        return e;
    QVector<ProcessOutputLine> lines;
    while (q.value().next()) {
        ProcessOutputLine l;
        l.id = q.value().value(0).toLongLong();
        l.processId = q.value().value(1).toLongLong();
        l.at = q.value().value(2).toLongLong();
        l.stream = q.value().value(3).toString();
        l.line = q.value().value(4).toString();
        lines.append(l);
    }
    return lines;
}

Result<QString> ProcessStore::supervisorOf(const QString &host)
{
    const QString sql = host.isEmpty()
        ? QStringLiteral("SELECT holder FROM leases WHERE name LIKE 'supervisor:%' AND "
                         "expires_at >= {NOW} ORDER BY acquired_at LIMIT 1")
        : QStringLiteral("SELECT holder FROM leases WHERE name = :n AND expires_at >= {NOW}");
    Result<QSqlQuery> q = m_db.prepare(sql);
    if (!q.ok())
        return q.error();
    if (!host.isEmpty())
        q.value().bindValue(QStringLiteral(":n"), leaseName(host));
    if (Error e = m_db.exec(q.value(), QStringLiteral("supervisor lease")))
        return e;
    QString holder;
    if (q.value().next())
        holder = q.value().value(0).toString();
    q.value().finish();
    return holder;
}

// ---------------------------------------------------------------- the supervisor

// The host lease is an ordinary singleton lease named after the host.
Result<bool> ProcessStore::acquireLease(const QString &host, const QString &holder, int ttlMs)
{
    SingletonLease lease(m_db, leaseName(host), holder, ttlMs);
    return lease.tryAcquire();
}

Result<bool> ProcessStore::leaseAvailable(const QString &host, const QString &holder)
{
    Result<std::optional<LeaseInfo>> info = SingletonLease::current(m_db, leaseName(host));
    if (!info.ok())
        return info.error();
    return !info.value() || info.value()->holder == holder || info.value()->expired();
}

Error ProcessStore::releaseLease(const QString &host, const QString &holder)
{
    return SingletonLease(m_db, leaseName(host), holder).release();
}

Result<QVector<ProcessInfo>> ProcessStore::definitionsFor(const QString &host)
{
    Result<QSqlQuery> q = m_db.prepare(QStringLiteral("SELECT ") + kColumns
        + QStringLiteral(" FROM processes WHERE host = :host OR host = '' ORDER BY id"));
    if (!q.ok())
        return q.error();
    q.value().bindValue(QStringLiteral(":host"), host);
    if (Error e = m_db.exec(q.value(), QStringLiteral("read process definitions")))
        return e;
    QVector<ProcessInfo> out;
    while (q.value().next())
        out.append(infoFromRow(q.value()));
    return out;
}

Result<bool> ProcessStore::claimForHost(qint64 id, const QString &host)
{
    bool claimed = false;
    Error e = m_db.write([&]() -> Error {
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE processes SET host = :host, updated_at = {NOW} WHERE id = :id AND host = ''"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":host"), host);
        q.value().bindValue(QStringLiteral(":id"), id);
        if (Error err = m_db.exec(q.value(), QStringLiteral("claim process")))
            return err;
        claimed = q.value().numRowsAffected() == 1;
        return {};
    });
    if (e)
        return e;
    return claimed;
}

Result<bool> ProcessStore::writeRuntime(qint64 id, const ProcessRuntime &r, const QString &host,
    const QString &holder, const QVector<ProcessAuditNote> &audits)
{
    bool written = false;
    Error e = m_db.write([&]() -> Error {
        // Fenced by the lease: a supervisor that lost its host to another one
        // changes nothing, so two supervisors never fight over a row.
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE processes SET state = :state, pid = :pid, started_at = :started, exited_at = "
            ":exited, last_exit = :last_exit, starts = :starts, restarts = :restarts, "
            "consecutive_failures = :failures, message = :message, worker_id = :worker, "
            "supervised_by = :by, updated_at = {NOW} WHERE id = :id AND host = :host AND EXISTS "
            "(SELECT 1 FROM leases WHERE name = :lease AND holder = :holder)"));
        if (!q.ok())
            return q.error();
        QSqlQuery &u = q.value();
        u.bindValue(QStringLiteral(":state"), processStateName(r.state));
        u.bindValue(QStringLiteral(":pid"), r.pid);
        u.bindValue(QStringLiteral(":started"), timeOrNull(r.startedAt));
        u.bindValue(QStringLiteral(":exited"), timeOrNull(r.exitedAt));
        u.bindValue(QStringLiteral(":last_exit"), text(r.lastExit));
        u.bindValue(QStringLiteral(":starts"), r.starts);
        u.bindValue(QStringLiteral(":restarts"), r.restarts);
        u.bindValue(QStringLiteral(":failures"), r.consecutiveFailures);
        u.bindValue(QStringLiteral(":message"), text(r.message));
        u.bindValue(QStringLiteral(":worker"),
            r.workerId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(r.workerId));
        u.bindValue(QStringLiteral(":by"), text(r.supervisedBy));
        u.bindValue(QStringLiteral(":id"), id);
        u.bindValue(QStringLiteral(":host"), host);
        u.bindValue(QStringLiteral(":lease"), leaseName(host));
        u.bindValue(QStringLiteral(":holder"), holder);
        if (Error err = m_db.exec(u, QStringLiteral("write process state")))
            return err;
        written = u.numRowsAffected() == 1;
        if (!written)
            return {};
        for (const ProcessAuditNote &note : audits) {
            QJsonObject details = note.details;
            details.insert(QStringLiteral("supervisor"), holder);
            if (Error err = m_audit.record(
                    m_actor, note.action, 0, QString(), note.before, note.after, details))
                return err;
        }
        return {};
    });
    if (e)
        return e;
    return written;
}

Error ProcessStore::appendOutput(const QVector<ProcessOutputLine> &lines, int keepPerProcess)
{
    if (lines.isEmpty())
        return {};
    if (keepPerProcess < 1)
        return Error::invalid(QStringLiteral("at least one output line must be kept"));
    return m_db.write([&]() -> Error {
        // A line of a process removed meanwhile is dropped, not a foreign-key error.
        Result<QSqlQuery> insert = m_db.prepare(
            QStringLiteral("INSERT INTO process_output (process_id, stream, line) SELECT id, "
                           ":stream, :line FROM processes WHERE id = :id"));
        if (!insert.ok())
            return insert.error();
        QSet<qint64> touched;
        for (const ProcessOutputLine &l : lines) {
            insert.value().bindValue(QStringLiteral(":stream"), text(l.stream));
            insert.value().bindValue(QStringLiteral(":line"), text(l.line));
            insert.value().bindValue(QStringLiteral(":id"), l.processId);
            if (Error err = m_db.exec(insert.value(), QStringLiteral("process output")))
                return err;
            touched.insert(l.processId);
        }
        Result<QSqlQuery> trim = m_db.prepare(QStringLiteral(
            "DELETE FROM process_output WHERE process_id = :id AND id <= (SELECT id FROM "
            "process_output WHERE process_id = :id2 ORDER BY id DESC LIMIT 1 OFFSET :keep)"));
        if (!trim.ok())
            return trim.error();
        for (qint64 id : std::as_const(touched)) {
            trim.value().bindValue(QStringLiteral(":id"), id);
            trim.value().bindValue(QStringLiteral(":id2"), id);
            trim.value().bindValue(QStringLiteral(":keep"), keepPerProcess);
            if (Error err = m_db.exec(trim.value(), QStringLiteral("trim process output")))
                return err;
        }
        return {};
    });
}

} // namespace taskdesk
