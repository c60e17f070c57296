#include "sourcedefinition.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace taskdesk {

namespace {

struct TimeTypeName
{
    TimeType type;
    const char *name;
};
constexpr TimeTypeName kTimeTypes[] = {
    {TimeType::TimestampTz, "timestamptz"},
    {TimeType::Timestamp, "timestamp"},
    {TimeType::IsoText, "iso"},
    {TimeType::EpochSeconds, "epoch_s"},
    {TimeType::EpochMillis, "epoch_ms"},
};

constexpr int kMaxMinutes = 30 * 24 * 60; // a threshold of more than 30 days is a typo

// Reads a definition's JSON strictly: every problem is collected, an unknown key
// is one (a misspelt "failed_vlaue" must not silently mean "no value").
class JsonReader
{
public:
    QStringList problems;

    void only(const QJsonObject &o, const QString &where, std::initializer_list<const char *> keys)
    {
        QSet<QString> known;
        for (const char *k : keys)
            known.insert(QString::fromLatin1(k));
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                problems << QStringLiteral("%1: unknown key '%2'").arg(where, it.key());
        }
    }
    QString text(const QJsonObject &o, const char *key, const QString &where)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString()) {
            problems << QStringLiteral("%1.%2 must be text").arg(where, QLatin1String(key));
            return {};
        }
        return v.toString();
    }
    bool flag(const QJsonObject &o, const char *key, const QString &where, bool fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool()) {
            problems
                << QStringLiteral("%1.%2 must be true or false").arg(where, QLatin1String(key));
            return fallback;
        }
        return v.toBool();
    }
    int number(const QJsonObject &o, const char *key, const QString &where, int fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return fallback;
        const double d = v.toDouble(-1e18);
        if (!v.isDouble() || d != double(qint64(d)) || d < -1e9 || d > 1e9) {
            problems
                << QStringLiteral("%1.%2 must be a whole number").arg(where, QLatin1String(key));
            return fallback;
        }
        return int(d);
    }
    QJsonObject object(const QJsonObject &o, const char *key, const QString &where)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject())
            problems << QStringLiteral("%1.%2 must be an object").arg(where, QLatin1String(key));
        return v.toObject();
    }

    TimeColumn time(const QJsonObject &times, const char *key, const QString &where)
    {
        TimeColumn t;
        const QJsonObject o = object(times, key, where);
        const QString at = where + QLatin1Char('.') + QLatin1String(key);
        only(o, at, {"column", "type", "iso_sample", "zone"});
        t.column = text(o, "column", at);
        t.isoSample = text(o, "iso_sample", at);
        if (const QString zone = text(o, "zone", at); !zone.isEmpty())
            t.zone = zone;
        const QString type = text(o, "type", at);
        if (t.column.isEmpty())
            return t;
        if (const std::optional<TimeType> parsed = parseTimeType(type))
            t.type = *parsed;
        else
            problems << QStringLiteral("%1: unknown time type '%2' (timestamptz, timestamp, iso, "
                                       "epoch_s or epoch_ms)")
                            .arg(at, type);
        return t;
    }

    StatusMapping status(const QJsonObject &o, const QString &where)
    {
        StatusMapping s;
        only(o, where, {"column", "boolean", "values", "failed_value", "pending_value"});
        s.column = text(o, "column", where);
        s.boolean = flag(o, "boolean", where, false);
        s.failedValue = text(o, "failed_value", where);
        s.pendingValue = text(o, "pending_value", where);
        const QJsonObject values = object(o, "values", where);
        for (auto it = values.begin(); it != values.end(); ++it) {
            const std::optional<TaskStatus> st = parseStatus(it.value().toString());
            if (!st)
                problems << QStringLiteral("%1.values: '%2' is mapped to '%3', not to PENDING, "
                                           "RUNNING, COMPLETED or FAILED")
                                .arg(where, it.key(), it.value().toString());
            else
                s.values.insert(it.key(), *st);
        }
        return s;
    }
};

QJsonObject timeJson(const TimeColumn &t)
{
    QJsonObject o{
        {QStringLiteral("column"), t.column}, {QStringLiteral("type"), timeTypeName(t.type)}};
    if (!t.isoSample.isEmpty())
        o.insert(QStringLiteral("iso_sample"), t.isoSample);
    if (t.type == TimeType::Timestamp && t.zone != QLatin1String("UTC"))
        o.insert(QStringLiteral("zone"), t.zone);
    return o;
}

QJsonObject statusJson(const StatusMapping &s)
{
    QJsonObject values;
    for (auto it = s.values.begin(); it != s.values.end(); ++it)
        values.insert(it.key(), statusName(it.value()));
    QJsonObject o{{QStringLiteral("column"), s.column}, {QStringLiteral("values"), values}};
    if (s.boolean)
        o.insert(QStringLiteral("boolean"), true);
    if (!s.failedValue.isEmpty())
        o.insert(QStringLiteral("failed_value"), s.failedValue);
    if (!s.pendingValue.isEmpty())
        o.insert(QStringLiteral("pending_value"), s.pendingValue);
    return o;
}

void insertIf(QJsonObject &o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

void insertTime(QJsonObject &times, const char *key, const TimeColumn &t)
{
    if (t.isSet())
        times.insert(QLatin1String(key), timeJson(t));
}

bool isIdentifier(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return plain.match(name).hasMatch();
}

void checkColumn(QStringList &problems, const QString &what, const QString &column)
{
    if (!column.isEmpty() && !isIdentifier(column))
        problems << QStringLiteral("%1 '%2' is not a plain column name (letters, digits, '_')")
                        .arg(what, column);
}

void checkStatus(QStringList &problems, const QString &what, const StatusMapping &s)
{
    if (s.column.isEmpty()) {
        problems << QStringLiteral("%1: no status column").arg(what);
        return;
    }
    checkColumn(problems, what + QStringLiteral(" status column"), s.column);
    if (s.boolean)
        return;
    if (s.values.isEmpty())
        problems << QStringLiteral("%1: no status value is mapped").arg(what);
    if (!s.failedValue.isEmpty() && s.statusOf(s.failedValue) != TaskStatus::Failed)
        problems << QStringLiteral("%1: the failed value '%2' is not a value mapped to FAILED")
                        .arg(what, s.failedValue);
    if (!s.pendingValue.isEmpty() && s.statusOf(s.pendingValue) != TaskStatus::Pending)
        problems << QStringLiteral("%1: the pending value '%2' is not a value mapped to PENDING")
                        .arg(what, s.pendingValue);
}

} // namespace

QString timeTypeName(TimeType type)
{
    for (const TimeTypeName &t : kTimeTypes) {
        if (t.type == type)
            return QString::fromLatin1(t.name);
    }
    return {};
}

std::optional<TimeType> parseTimeType(const QString &name)
{
    for (const TimeTypeName &t : kTimeTypes) {
        if (name == QLatin1String(t.name))
            return t.type;
    }
    return std::nullopt;
}

QStringList StatusMapping::valuesOf(TaskStatus status) const
{
    if (boolean) {
        if (status == TaskStatus::Running)
            return {QStringLiteral("true")};
        if (status == TaskStatus::Completed)
            return {QStringLiteral("false")};
        return {};
    }
    QStringList out;
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (it.value() == status)
            out << it.key();
    }
    return out;
}

std::optional<TaskStatus> StatusMapping::statusOf(const QString &stored) const
{
    if (boolean) {
        if (stored == QLatin1String("true"))
            return TaskStatus::Running;
        if (stored == QLatin1String("false"))
            return TaskStatus::Completed;
        return std::nullopt;
    }
    const auto it = values.find(stored);
    if (it == values.end())
        return std::nullopt;
    return it.value();
}

Error checkSourceName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,63}$"));
    if (valid.match(name).hasMatch())
        return {};
    return Error::invalid(QStringLiteral("'%1' is not a valid source name (1 to 64 letters, "
                                         "digits, '.', '_' or '-', not starting with '-')")
                              .arg(name.left(80)));
}

QJsonObject SourceDefinition::toJson() const
{
    const SourceMapping &m = mapping;
    QJsonObject o{{QStringLiteral("name"), name}, {QStringLiteral("location"), location},
        {QStringLiteral("table"), m.table}, {QStringLiteral("key"), m.key},
        {QStringLiteral("title"), QJsonArray::fromStringList(m.title)},
        {QStringLiteral("status"), statusJson(m.status)}};
    if (readOnly)
        o.insert(QStringLiteral("read_only"), true);
    insertIf(o, "kind", m.kind);
    insertIf(o, "queue", m.queue);
    QJsonObject times;
    insertTime(times, "created", m.created);
    insertTime(times, "started", m.started);
    insertTime(times, "finished", m.finished);
    insertTime(times, "heartbeat", m.heartbeat);
    o.insert(QStringLiteral("times"), times);
    insertIf(o, "error", m.error);
    insertIf(o, "log", m.log);
    if (!m.progressDone.isEmpty() || !m.progressTotal.isEmpty())
        o.insert(QStringLiteral("progress"),
            QJsonObject{{QStringLiteral("done"), m.progressDone},
                {QStringLiteral("total"), m.progressTotal}});
    if (m.items.isSet()) {
        QJsonObject items{{QStringLiteral("table"), m.items.table},
            {QStringLiteral("key"), m.items.key},
            {QStringLiteral("foreign_key"), m.items.foreignKey},
            {QStringLiteral("status"), statusJson(m.items.status)}};
        insertIf(items, "label", m.items.label);
        insertIf(items, "log", m.items.log);
        QJsonObject itemTimes;
        insertTime(itemTimes, "started", m.items.started);
        insertTime(itemTimes, "finished", m.items.finished);
        items.insert(QStringLiteral("times"), itemTimes);
        o.insert(QStringLiteral("items"), items);
    }
    o.insert(QStringLiteral("fence"),
        QJsonObject{
            {QStringLiteral("column"), m.fence}, {QStringLiteral("version"), m.fenceIsVersion}});
    if (m.allowDelete)
        o.insert(QStringLiteral("allow_delete"), true);
    o.insert(QStringLiteral("stuck"),
        QJsonObject{{QStringLiteral("queued_minutes"), stuck.queuedMinutes},
            {QStringLiteral("running_minutes"), stuck.runningMinutes},
            {QStringLiteral("sweep"), stuck.sweep},
            {QStringLiteral("action"),
                stuck.action == SourceStuckRules::Action::Retry ? QStringLiteral("retry")
                                                                : QStringLiteral("mark_failed")},
            {QStringLiteral("interval_s"), stuck.sweepIntervalS}});
    return o;
}

Result<SourceDefinition> SourceDefinition::fromJson(const QJsonObject &json)
{
    JsonReader r;
    const QString top = QStringLiteral("source");
    r.only(json, top,
        {"name", "location", "read_only", "table", "key", "title", "kind", "queue", "status",
            "times", "error", "log", "progress", "items", "fence", "allow_delete", "stuck"});
    SourceDefinition d;
    SourceMapping &m = d.mapping;
    d.name = r.text(json, "name", top);
    d.location = r.text(json, "location", top);
    d.readOnly = r.flag(json, "read_only", top, false);
    m.table = r.text(json, "table", top);
    m.key = r.text(json, "key", top);
    const QJsonValue title = json.value(QStringLiteral("title"));
    if (title.isString())
        m.title = QStringList{title.toString()};
    else if (title.isArray()) {
        for (const QJsonValue &v : title.toArray())
            m.title << v.toString();
    } else if (!title.isUndefined() && !title.isNull())
        r.problems << QStringLiteral("source.title must be a column or a list of columns");
    m.kind = r.text(json, "kind", top);
    m.queue = r.text(json, "queue", top);
    m.status = r.status(r.object(json, "status", top), QStringLiteral("source.status"));
    const QJsonObject times = r.object(json, "times", top);
    r.only(times, QStringLiteral("source.times"), {"created", "started", "finished", "heartbeat"});
    m.created = r.time(times, "created", QStringLiteral("source.times"));
    m.started = r.time(times, "started", QStringLiteral("source.times"));
    m.finished = r.time(times, "finished", QStringLiteral("source.times"));
    m.heartbeat = r.time(times, "heartbeat", QStringLiteral("source.times"));
    m.error = r.text(json, "error", top);
    m.log = r.text(json, "log", top);
    const QJsonObject progress = r.object(json, "progress", top);
    r.only(progress, QStringLiteral("source.progress"), {"done", "total"});
    m.progressDone = r.text(progress, "done", QStringLiteral("source.progress"));
    m.progressTotal = r.text(progress, "total", QStringLiteral("source.progress"));
    const QJsonObject items = r.object(json, "items", top);
    const QString it = QStringLiteral("source.items");
    r.only(items, it, {"table", "key", "foreign_key", "label", "status", "times", "log"});
    m.items.table = r.text(items, "table", it);
    m.items.key = r.text(items, "key", it);
    m.items.foreignKey = r.text(items, "foreign_key", it);
    m.items.label = r.text(items, "label", it);
    m.items.log = r.text(items, "log", it);
    if (items.contains(QStringLiteral("status")))
        m.items.status = r.status(r.object(items, "status", it), it + QStringLiteral(".status"));
    const QJsonObject itemTimes = r.object(items, "times", it);
    r.only(itemTimes, it + QStringLiteral(".times"), {"started", "finished"});
    m.items.started = r.time(itemTimes, "started", it + QStringLiteral(".times"));
    m.items.finished = r.time(itemTimes, "finished", it + QStringLiteral(".times"));
    const QJsonObject fence = r.object(json, "fence", top);
    r.only(fence, QStringLiteral("source.fence"), {"column", "version"});
    m.fence = r.text(fence, "column", QStringLiteral("source.fence"));
    m.fenceIsVersion = r.flag(fence, "version", QStringLiteral("source.fence"), false);
    m.allowDelete = r.flag(json, "allow_delete", top, false);
    const QJsonObject stuck = r.object(json, "stuck", top);
    const QString st = QStringLiteral("source.stuck");
    r.only(stuck, st, {"queued_minutes", "running_minutes", "sweep", "action", "interval_s"});
    d.stuck.queuedMinutes = r.number(stuck, "queued_minutes", st, d.stuck.queuedMinutes);
    d.stuck.runningMinutes = r.number(stuck, "running_minutes", st, d.stuck.runningMinutes);
    d.stuck.sweep = r.flag(stuck, "sweep", st, false);
    d.stuck.sweepIntervalS = r.number(stuck, "interval_s", st, d.stuck.sweepIntervalS);
    const QString action = r.text(stuck, "action", st);
    if (action == QLatin1String("retry"))
        d.stuck.action = SourceStuckRules::Action::Retry;
    else if (!action.isEmpty() && action != QLatin1String("mark_failed"))
        r.problems << QStringLiteral("source.stuck.action must be mark_failed or retry, not '%1'")
                          .arg(action);
    if (!r.problems.isEmpty())
        return Error::invalid(r.problems.join(QStringLiteral("; ")));
    if (Error e = d.validate())
        return e;
    return d;
}

Result<DatabaseLocation> SourceDefinition::parsedLocation() const
{
    return DatabaseLocation::parse(location);
}

Error SourceDefinition::validate() const
{
    QStringList problems;
    if (Error e = checkSourceName(name))
        problems << e.message();
    if (location.trimmed().isEmpty())
        problems << QStringLiteral("no connection: give a SQLite file, a postgresql:// or a "
                                   "mysql:// URL");
    else if (Result<DatabaseLocation> loc = parsedLocation(); !loc.ok())
        problems << loc.error().message();
    const SourceMapping &m = mapping;
    if (m.table.isEmpty())
        problems << QStringLiteral("no table");
    checkColumn(problems, QStringLiteral("the table"), m.table);
    if (m.key.isEmpty())
        problems << QStringLiteral("no key column");
    checkColumn(problems, QStringLiteral("the key column"), m.key);
    for (const QString &t : m.title)
        checkColumn(problems, QStringLiteral("the title column"), t);
    checkColumn(problems, QStringLiteral("the kind column"), m.kind);
    checkColumn(problems, QStringLiteral("the queue column"), m.queue);
    checkStatus(problems, QStringLiteral("the table"), m.status);
    static const QRegularExpression zonePattern(
        QStringLiteral("^(UTC|[+-][0-9]{2}:[0-9]{2}|[A-Za-z][A-Za-z0-9_/+-]{0,39})$"));
    for (const TimeColumn *t :
        {&m.created, &m.started, &m.finished, &m.heartbeat, &m.items.started, &m.items.finished}) {
        checkColumn(problems, QStringLiteral("the time column"), t->column);
        if (t->isSet() && t->type == TimeType::None)
            problems << QStringLiteral("the time column '%1' has no type").arg(t->column);
        if (t->isSet() && !zonePattern.match(t->zone).hasMatch())
            problems << QStringLiteral("the time column '%1': '%2' is not a time zone")
                            .arg(t->column, t->zone.left(80));
    }
    checkColumn(problems, QStringLiteral("the error column"), m.error);
    checkColumn(problems, QStringLiteral("the log column"), m.log);
    checkColumn(problems, QStringLiteral("the progress column"), m.progressDone);
    checkColumn(problems, QStringLiteral("the progress column"), m.progressTotal);
    if (m.progressDone.isEmpty() != m.progressTotal.isEmpty())
        problems << QStringLiteral("progress needs both its columns, done and total");
    if (m.items.isSet()) {
        checkColumn(problems, QStringLiteral("the items table"), m.items.table);
        if (m.items.key.isEmpty() || m.items.foreignKey.isEmpty())
            problems << QStringLiteral("the items table needs its key and the column that names "
                                       "the row (foreign key)");
        checkColumn(problems, QStringLiteral("the items key"), m.items.key);
        checkColumn(problems, QStringLiteral("the items foreign key"), m.items.foreignKey);
        checkColumn(problems, QStringLiteral("the items label"), m.items.label);
        checkColumn(problems, QStringLiteral("the items log"), m.items.log);
        checkStatus(problems, QStringLiteral("the items"), m.items.status);
    }
    if (m.fence.isEmpty())
        problems << QStringLiteral("no fence column: choose the column an action checks is "
                                   "unchanged (updated_at, started_at or a version column)");
    checkColumn(problems, QStringLiteral("the fence column"), m.fence);
    if (!m.fence.isEmpty() && !m.fenceIsVersion && m.fence != m.heartbeat.column
        && m.fence != m.started.column && m.fence != m.finished.column
        && m.fence != m.created.column)
        problems << QStringLiteral("the fence column '%1' is neither a mapped time column nor a "
                                   "version column")
                        .arg(m.fence);
    if (stuck.queuedMinutes < 1 || stuck.queuedMinutes > kMaxMinutes)
        problems << QStringLiteral("queued longer than %1 minutes: give 1 to %2 minutes")
                        .arg(stuck.queuedMinutes)
                        .arg(kMaxMinutes);
    if (stuck.runningMinutes < 1 || stuck.runningMinutes > kMaxMinutes)
        problems << QStringLiteral("running without a change for %1 minutes: give 1 to %2 minutes")
                        .arg(stuck.runningMinutes)
                        .arg(kMaxMinutes);
    if (stuck.sweepIntervalS < 10 || stuck.sweepIntervalS > 86400)
        problems << QStringLiteral("a sweep every %1 s: give 10 to 86400 seconds")
                        .arg(stuck.sweepIntervalS);
    if (stuck.sweep && stuck.action == SourceStuckRules::Action::Retry
        && m.status.pendingValue.isEmpty())
        problems << QStringLiteral("a sweep that retries needs the pending value it writes");
    if (stuck.sweep && readOnly)
        problems << QStringLiteral("a read-only source cannot be swept");
    if (problems.isEmpty())
        return {};
    return Error::invalid(problems.join(QStringLiteral("; ")));
}

} // namespace taskdesk
