#include "sourcecommands.h"

#include "core/englishcount.h"
#include "core/sources/attachedsource.h"
#include "core/sources/sourcecatalog.h"
#include "core/sources/sourceregistry.h"
#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/jsonformat.h"
#include "ctl/runtimesupport.h"
#include "ctl/tableprinter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace taskdesk::ctl {

namespace {

const QStringList kSubcommands{QStringLiteral("show"), QStringLiteral("add"),
    QStringLiteral("edit"), QStringLiteral("remove"), QStringLiteral("test")};

QString rowStatusText(const SourceRow &r)
{
    QString text = r.rawStatus.isEmpty() ? QStringLiteral("(none)") : r.rawStatus;
    if (!r.status)
        text += QStringLiteral(" (unmapped)");
    else if (statusName(*r.status) != r.rawStatus)
        text += QStringLiteral(" (%1)").arg(statusName(*r.status));
    if (r.stuck)
        text += QStringLiteral(" (stuck)");
    return text;
}

QJsonObject rowJson(const SourceRow &r)
{
    return {{QStringLiteral("key"), r.key}, {QStringLiteral("title"), r.title},
        {QStringLiteral("kind"), textOrNull(r.kind)},
        {QStringLiteral("queue"), textOrNull(r.queue)},
        {QStringLiteral("status_value"), r.rawStatus},
        {QStringLiteral("status"), r.status ? QJsonValue(statusName(*r.status)) : QJsonValue()},
        {QStringLiteral("stuck"), r.stuck}, {QStringLiteral("created_at"), timeJson(r.createdAt)},
        {QStringLiteral("started_at"), timeJson(r.startedAt)},
        {QStringLiteral("finished_at"), timeJson(r.finishedAt)},
        {QStringLiteral("heartbeat_at"), timeJson(r.heartbeatAt)},
        {QStringLiteral("error"), textOrNull(r.error)},
        {QStringLiteral("progress_done"), r.progressDone},
        {QStringLiteral("progress_total"), r.progressTotal}, {QStringLiteral("fence"), r.fence},
        {QStringLiteral("database_now"), r.dbNow}};
}

QJsonObject reportJson(const SourceActionReport &r)
{
    return {{QStringLiteral("key"), r.key}, {QStringLiteral("action"), sourceActionName(r.action)},
        {QStringLiteral("done"), r.done}, {QStringLiteral("dry_run"), r.dryRun},
        {QStringLiteral("before"), r.before},
        {QStringLiteral("after"), r.done ? QJsonValue(r.after) : QJsonValue()},
        {QStringLiteral("items_changed"), r.itemsChanged},
        {QStringLiteral("message"), textOrNull(r.refusal)}};
}

QString reportText(const SourceActionReport &r)
{
    if (!r.done)
        return r.refusal;
    QString items;
    if (r.itemsChanged > 0)
        items = QStringLiteral("; %1 %2")
                    .arg(r.itemsChanged)
                    .arg(r.itemsChanged == 1 ? QStringLiteral("item too")
                                             : QStringLiteral("items too"));
    const QString what = r.action == TaskAction::Delete
        ? QStringLiteral("deleted")
        : QStringLiteral("%1 → %2").arg(r.before, r.after);
    return QStringLiteral("%1row %2 \"%3\": %4 (%5)%6")
        .arg(r.dryRun ? QStringLiteral("Dry run, rolled back: ") : QString())
        .arg(r.key)
        .arg(r.title, what, sourceActionWord(r.action), items);
}

QString timeText(const TimeColumn &t)
{
    if (!t.isSet())
        return QStringLiteral("-");
    QString text = QStringLiteral("%1 (%2").arg(t.column, timeTypeName(t.type));
    if (t.type == TimeType::Timestamp)
        text += QStringLiteral(" in ") + t.zone;
    return text + QLatin1Char(')');
}

QString statusMappingText(const StatusMapping &s)
{
    if (s.boolean)
        return QStringLiteral("%1 (true = RUNNING, false = COMPLETED)").arg(s.column);
    QStringList pairs;
    for (auto it = s.values.begin(); it != s.values.end(); ++it)
        pairs << QStringLiteral("%1 = %2").arg(it.key(), statusName(it.value()));
    QString text = QStringLiteral("%1: %2").arg(s.column, pairs.join(QStringLiteral(", ")));
    if (!s.failedValue.isEmpty())
        text += QStringLiteral("; fails with %1").arg(s.failedValue);
    if (!s.pendingValue.isEmpty())
        text += QStringLiteral("; retries with %1").arg(s.pendingValue);
    return text;
}

QStringList definitionLines(const SourceDefinition &d)
{
    const SourceMapping &m = d.mapping;
    QString location = d.location;
    if (Result<DatabaseLocation> loc = d.parsedLocation(); loc.ok())
        location = loc->display();
    QVector<QPair<QString, QString>> rows{
        {QStringLiteral("connection"),
            location + (d.readOnly ? QStringLiteral(" (read-only)") : QString())},
        {QStringLiteral("table"), m.table},
        {QStringLiteral("key"), m.key},
        {QStringLiteral("title"), m.title.join(QStringLiteral(" + "))},
        {QStringLiteral("kind, queue"), QStringLiteral("%1, %2").arg(dash(m.kind), dash(m.queue))},
        {QStringLiteral("status"), statusMappingText(m.status)},
        {QStringLiteral("created"), timeText(m.created)},
        {QStringLiteral("started"), timeText(m.started)},
        {QStringLiteral("finished"), timeText(m.finished)},
        {QStringLiteral("heartbeat"), timeText(m.heartbeat)},
        {QStringLiteral("error, log"), QStringLiteral("%1, %2").arg(dash(m.error), dash(m.log))},
        {QStringLiteral("progress"),
            m.progressDone.isEmpty()
                ? QStringLiteral("-")
                : QStringLiteral("%1 of %2").arg(m.progressDone, m.progressTotal)},
        {QStringLiteral("fence"),
            m.fence + (m.fenceIsVersion ? QStringLiteral(" (version)") : QString())},
        {QStringLiteral("delete"),
            m.allowDelete ? QStringLiteral("allowed") : QStringLiteral("not allowed")},
        {QStringLiteral("stuck"),
            QStringLiteral("pending over %1 min, running over %2 min without a change; sweep %3")
                .arg(d.stuck.queuedMinutes)
                .arg(d.stuck.runningMinutes)
                .arg(d.stuck.sweep ? QStringLiteral("every %1 s, %2")
                                         .arg(d.stuck.sweepIntervalS)
                                         .arg(d.stuck.action == SourceStuckRules::Action::Retry
                                                 ? QStringLiteral("retry")
                                                 : QStringLiteral("mark_failed"))
                                   : QStringLiteral("off"))},
    };
    if (m.items.isSet())
        rows.append({QStringLiteral("items"),
            QStringLiteral("%1 by %2; %3")
                .arg(m.items.table, m.items.foreignKey, statusMappingText(m.items.status))});
    QStringList lines{QStringLiteral("Source %1").arg(d.name)};
    for (const auto &[label, value] : rows)
        lines << QStringLiteral("  %1 %2").arg(label + QLatin1Char(':'), -12).arg(value);
    return lines;
}

Result<std::unique_ptr<AttachedSource>> openSource(CtlContext &context, const QString &name)
{
    return AttachedSource::open(context.database(), name, context.actor());
}

// --------------------------------------------------------- mapping options

QList<QCommandLineOption> mappingOptions()
{
    return {
        {QStringLiteral("connection"),
            QStringLiteral("The source's database: a SQLite file, postgresql://user@host/db or "
                           "mysql://user@host/db (no password: PGPASSWORD, ~/.pgpass, ~/.my.cnf)."),
            QStringLiteral("URL")},
        {QStringLiteral("table"), QStringLiteral("The job table."), QStringLiteral("TABLE")},
        {QStringLiteral("definition"),
            QStringLiteral("The whole definition as JSON, from FILE ('-': standard input)."),
            QStringLiteral("FILE")},
        {QStringLiteral("key"), QStringLiteral("The integer primary key column."),
            QStringLiteral("COL")},
        {QStringLiteral("title"), QStringLiteral("The title: a column, or several joined (a,b)."),
            QStringLiteral("COLS")},
        {QStringLiteral("status-column"), QStringLiteral("The status column."),
            QStringLiteral("COL")},
        {QStringLiteral("boolean-status"),
            QStringLiteral("The status column is true/false (true = RUNNING).")},
        {QStringLiteral("map"),
            QStringLiteral("Map a stored status value: VALUE=PENDING|RUNNING|COMPLETED|FAILED; "
                           "repeat for several."),
            QStringLiteral("VALUE=STATUS")},
        {QStringLiteral("unmap"), QStringLiteral("Forget a value's mapping."),
            QStringLiteral("VALUE")},
        {QStringLiteral("failed-value"),
            QStringLiteral("The value Force Stop, Cancel and clean-ups write."),
            QStringLiteral("VALUE")},
        {QStringLiteral("pending-value"), QStringLiteral("The value Retry writes."),
            QStringLiteral("VALUE")},
        {QStringLiteral("time"),
            QStringLiteral(
                "A time column: created|started|finished|heartbeat=COLUMN:TYPE, TYPE one "
                "of timestamptz, timestamp, iso, epoch_s, epoch_ms; '=' alone unmaps it."),
            QStringLiteral("WHICH=COL:TYPE")},
        {QStringLiteral("error-column"), QStringLiteral("The error message column."),
            QStringLiteral("COL")},
        {QStringLiteral("log-column"), QStringLiteral("The text log column (appended to)."),
            QStringLiteral("COL")},
        {QStringLiteral("fence"),
            QStringLiteral(
                "The column an action checks is unchanged: a mapped time column or, with "
                "--fence-version, an integer version column."),
            QStringLiteral("COL")},
        {QStringLiteral("fence-version"), QStringLiteral("The fence column is a version number.")},
        {QStringLiteral("read-only"), QStringLiteral("Attach read-only: no action changes it.")},
        {QStringLiteral("read-write"), QStringLiteral("Attach for reading and writing.")},
        {QStringLiteral("allow-delete"), QStringLiteral("Allow Delete on its rows.")},
        {QStringLiteral("no-delete"), QStringLiteral("Do not allow Delete (the default).")},
        {QStringLiteral("queued-minutes"),
            QStringLiteral("Pending longer than N minutes is stuck (1 … 43200)."),
            QStringLiteral("N")},
        {QStringLiteral("running-minutes"),
            QStringLiteral("Running with no change for N minutes is stuck (1 … 43200)."),
            QStringLiteral("N")},
        {QStringLiteral("sweep"), QStringLiteral("A periodic clean-up by the sweeper: on or off."),
            QStringLiteral("on|off")},
        {QStringLiteral("sweep-action"), QStringLiteral("What a sweep does: mark_failed or retry."),
            QStringLiteral("ACTION")},
        {QStringLiteral("sweep-interval"), QStringLiteral("Seconds between sweeps (10 … 86400)."),
            QStringLiteral("S")},
    };
}

// The mapping options as given, kept from parse() to run().
class GivenOptions
{
public:
    GivenOptions() = default;
    GivenOptions(const QCommandLineParser &parser, const QList<QCommandLineOption> &options)
    {
        for (const QCommandLineOption &o : options) {
            const QString name = o.names().constFirst();
            if (parser.isSet(name))
                m_values.insert(name, parser.values(name));
        }
    }
    bool isSet(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name) const
    {
        const QStringList v = m_values.value(name);
        return v.isEmpty() ? QString() : v.constLast();
    }
    QStringList values(const QString &name) const { return m_values.value(name); }

private:
    QHash<QString, QStringList> m_values;
};

// The mapping options given, applied to `d` (the suggested or stored mapping).
Error applyMappingOptions(const GivenOptions &p, SourceDefinition &d)
{
    SourceMapping &m = d.mapping;
    auto value = [&](const char *name) {
        return p.value(QLatin1String(name));
    };
    auto isSet = [&](const char *name) {
        return p.isSet(QLatin1String(name));
    };
    if (isSet("connection"))
        d.location = value("connection");
    if (isSet("table"))
        m.table = value("table");
    if (isSet("key"))
        m.key = value("key");
    if (isSet("title"))
        m.title = value("title").split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (isSet("status-column")) {
        m.status.column = value("status-column");
        m.status.boolean = false;
    }
    if (isSet("boolean-status")) {
        m.status.boolean = true;
        m.status.values.clear();
        m.status.failedValue.clear();
        m.status.pendingValue.clear();
    }
    for (const QString &pair : p.values(QStringLiteral("map"))) {
        const qsizetype eq = pair.lastIndexOf(QLatin1Char('='));
        const std::optional<TaskStatus> st = eq > 0 ? parseStatus(pair.mid(eq + 1)) : std::nullopt;
        if (!st)
            return Error::invalid(QStringLiteral("--map %1: expected VALUE=PENDING, RUNNING, "
                                                 "COMPLETED or FAILED")
                                      .arg(pair));
        m.status.values.insert(pair.left(eq), *st);
    }
    for (const QString &v : p.values(QStringLiteral("unmap")))
        m.status.values.remove(v);
    if (isSet("failed-value"))
        m.status.failedValue = value("failed-value");
    if (isSet("pending-value"))
        m.status.pendingValue = value("pending-value");
    for (const QString &spec : p.values(QStringLiteral("time"))) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        const QString which = spec.left(eq);
        TimeColumn *target = which == QLatin1String("created") ? &m.created
            : which == QLatin1String("started")                ? &m.started
            : which == QLatin1String("finished")               ? &m.finished
            : which == QLatin1String("heartbeat")              ? &m.heartbeat
                                                               : nullptr;
        if (eq < 0 || !target)
            return Error::invalid(QStringLiteral("--time %1: expected created, started, finished "
                                                 "or heartbeat=COLUMN:TYPE")
                                      .arg(spec));
        const QString rest = spec.mid(eq + 1);
        if (rest.isEmpty()) {
            *target = TimeColumn();
            continue;
        }
        const QStringList parts = rest.split(QLatin1Char(':'));
        const std::optional<TimeType> type
            = parts.size() == 2 ? parseTimeType(parts.at(1)) : std::nullopt;
        if (!type)
            return Error::invalid(QStringLiteral("--time %1: expected COLUMN:TYPE, TYPE one of "
                                                 "timestamptz, timestamp, iso, epoch_s, epoch_ms")
                                      .arg(spec));
        target->column = parts.at(0);
        target->type = *type;
    }
    if (isSet("error-column"))
        m.error = value("error-column");
    if (isSet("log-column"))
        m.log = value("log-column");
    if (isSet("fence")) {
        m.fence = value("fence");
        m.fenceIsVersion = isSet("fence-version");
    }
    if (isSet("read-only") && isSet("read-write"))
        return Error::invalid(QStringLiteral("--read-only and --read-write: give one"));
    if (isSet("read-only") || isSet("read-write"))
        d.readOnly = isSet("read-only");
    if (isSet("allow-delete") && isSet("no-delete"))
        return Error::invalid(QStringLiteral("--allow-delete and --no-delete: give one"));
    if (isSet("allow-delete") || isSet("no-delete"))
        m.allowDelete = isSet("allow-delete");
    if (isSet("queued-minutes")) {
        Result<qint64> n
            = parseInteger(value("queued-minutes"), QStringLiteral("--queued-minutes"), 1, 43200);
        if (!n.ok())
            return n.error();
        d.stuck.queuedMinutes = int(*n);
    }
    if (isSet("running-minutes")) {
        Result<qint64> n
            = parseInteger(value("running-minutes"), QStringLiteral("--running-minutes"), 1, 43200);
        if (!n.ok())
            return n.error();
        d.stuck.runningMinutes = int(*n);
    }
    if (isSet("sweep")) {
        const QString v = value("sweep");
        if (v != QLatin1String("on") && v != QLatin1String("off"))
            return Error::invalid(QStringLiteral("--sweep %1: expected on or off").arg(v));
        d.stuck.sweep = v == QLatin1String("on");
    }
    if (isSet("sweep-action")) {
        const QString v = value("sweep-action");
        if (v != QLatin1String("mark_failed") && v != QLatin1String("retry"))
            return Error::invalid(
                QStringLiteral("--sweep-action %1: expected mark_failed or retry").arg(v));
        d.stuck.action = v == QLatin1String("retry") ? SourceStuckRules::Action::Retry
                                                     : SourceStuckRules::Action::MarkFailed;
    }
    if (isSet("sweep-interval")) {
        Result<qint64> n
            = parseInteger(value("sweep-interval"), QStringLiteral("--sweep-interval"), 10, 86400);
        if (!n.ok())
            return n.error();
        d.stuck.sweepIntervalS = int(*n);
    }
    return {};
}

Result<SourceDefinition> readDefinitionFile(const QString &path)
{
    QFile file;
    const bool opened = path == QLatin1String("-")
        ? file.open(stdin, QIODevice::ReadOnly)
        : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return Error::invalid(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray data = file.read(1024 * 1024 + 1);
    if (data.size() > 1024 * 1024)
        return Error::invalid(
            QStringLiteral("%1 is larger than 1 MiB: not a definition").arg(path));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (!doc.isObject())
        return Error::invalid(
            QStringLiteral("%1 is not a JSON object: %2").arg(path, error.errorString()));
    return SourceDefinition::fromJson(doc.object());
}

// What the operator should know of a mapping as the table is now: values
// nobody mapped, and the indexes that sorts and filters need.
void printNotes(CtlContext &context, AttachedSource &source)
{
    SourceCatalog catalog(source.database());
    const SourceDefinition &d = source.definition();
    if (!d.mapping.status.boolean) {
        Result<QVector<StatusValueCount>> values
            = catalog.statusValues(d.mapping.table, d.mapping.status);
        if (values.ok()) {
            for (const StatusValueCount &v : *values) {
                if (!d.mapping.status.statusOf(v.value))
                    context.console().print(
                        QStringLiteral("Note: the status value '%1' (%2) is not mapped: those "
                                       "rows are shown as they are and never touched (--map "
                                       "'%1=FAILED' maps it).")
                            .arg(v.value, counted(v.rows, QStringLiteral("row"))));
            }
        }
    }
    Result<QStringList> advice = catalog.indexAdvice(d);
    if (advice.ok()) {
        for (const QString &line : *advice)
            context.console().print(QStringLiteral("Note: ") + line);
    }
}

// ------------------------------------------------------------------ sources [list]

class SourcesListCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sources"); }
    QString summary() const override
    {
        return QStringLiteral("List the attached job tables of other programs (sources).");
    }
    QVector<Argument> arguments() const override
    {
        return {
            {QStringLiteral("list"), QStringLiteral("Optional; the same as without it."), true}};
    }
    Error parse(const QCommandLineParser &, const QStringList &arguments) override
    {
        return checkListWord(QStringLiteral("sources"), arguments, kSubcommands);
    }
    Access access() const override { return Access::Read; }
    int run(CtlContext &context) override
    {
        Result<QVector<SourceDefinition>> list
            = SourceRegistry(context.database(), context.actor()).list();
        if (!list.ok())
            return context.fail(list.error());
        if (context.json()) {
            QJsonArray array;
            for (const SourceDefinition &d : std::as_const(*list))
                array.append(d.toJson());
            context.console().printJson(array);
            return ExitOk;
        }
        if (list->isEmpty()) {
            context.console().print(
                QStringLiteral("No sources. 'taskdeskctl sources add' attaches one."));
            return ExitOk;
        }
        TablePrinter table({{QStringLiteral("NAME"), TablePrinter::Align::Left, 32},
            {QStringLiteral("TABLE"), TablePrinter::Align::Left, 32},
            {QStringLiteral("CONNECTION"), TablePrinter::Align::Left, 60}, {QStringLiteral("MODE")},
            {QStringLiteral("SWEEP")}});
        for (const SourceDefinition &d : std::as_const(*list)) {
            Result<DatabaseLocation> loc = d.parsedLocation();
            table.addRow({d.name, d.mapping.table, loc.ok() ? loc->display() : d.location,
                d.readOnly ? QStringLiteral("read-only") : QStringLiteral("read-write"),
                d.stuck.sweep ? QStringLiteral("every %1 s").arg(d.stuck.sweepIntervalS)
                              : QStringLiteral("off")});
        }
        context.console().print(table.lines());
        return ExitOk;
    }
};

// ------------------------------------------------------------------ sources show

class SourcesShowCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sources show"); }
    QString summary() const override
    {
        return QStringLiteral("Show a source's mapping and its rows' counts now.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("The source.")}};
    }
    Error parse(const QCommandLineParser &, const QStringList &arguments) override
    {
        m_name = arguments.value(0);
        return checkSourceName(m_name);
    }
    Access access() const override { return Access::Read; }
    int run(CtlContext &context) override
    {
        Result<SourceDefinition> d
            = SourceRegistry(context.database(), context.actor()).get(m_name);
        if (!d.ok())
            return context.fail(d.error());
        Result<std::unique_ptr<AttachedSource>> source
            = AttachedSource::open(context.database(), *d, context.actor());
        Result<SourceCounts> counts
            = source.ok() ? (*source)->reader().counts() : Result<SourceCounts>(source.error());
        if (context.json()) {
            QJsonObject o{{QStringLiteral("definition"), d->toJson()}};
            if (counts.ok()) {
                QJsonObject by;
                for (auto it = counts->byStatus.begin(); it != counts->byStatus.end(); ++it)
                    by.insert(statusName(it.key()), it.value());
                QJsonObject unmapped;
                for (auto it = counts->unmapped.begin(); it != counts->unmapped.end(); ++it)
                    unmapped.insert(it.key(), it.value());
                o.insert(QStringLiteral("counts"),
                    QJsonObject{{QStringLiteral("by_status"), by},
                        {QStringLiteral("unmapped"), unmapped},
                        {QStringLiteral("stuck_queued"), counts->stuckQueued},
                        {QStringLiteral("stuck_running"), counts->stuckRunning},
                        {QStringLiteral("total"), counts->total()}});
            } else {
                o.insert(QStringLiteral("error"), counts.error().message());
            }
            context.console().printJson(o);
            return counts.ok() ? ExitOk : exitCodeFor(counts.error().kind());
        }
        context.console().print(definitionLines(*d));
        if (!counts.ok())
            return context.fail(counts.error());
        QStringList parts;
        for (auto it = counts->byStatus.begin(); it != counts->byStatus.end(); ++it)
            parts << QStringLiteral("%1 %2").arg(statusName(it.key())).arg(it.value());
        for (auto it = counts->unmapped.begin(); it != counts->unmapped.end(); ++it)
            parts << QStringLiteral("'%1' (unmapped) %2").arg(it.key()).arg(it.value());
        context.console().print(QStringLiteral("  %1 %2: %3; stuck: %4 pending, %5 running")
                                    .arg(QStringLiteral("rows:"), -12)
                                    .arg(counted(counts->total(), QStringLiteral("row")))
                                    .arg(parts.join(QStringLiteral(", ")))
                                    .arg(counts->stuckQueued)
                                    .arg(counts->stuckRunning));
        printNotes(context, **source);
        return ExitOk;
    }

private:
    QString m_name;
};

// ------------------------------------------------------------------ sources add / edit

class SourcesSaveCommand final : public Command
{
public:
    explicit SourcesSaveCommand(bool add)
        : m_add(add)
    { }
    QString name() const override
    {
        return m_add ? QStringLiteral("sources add") : QStringLiteral("sources edit");
    }
    QString summary() const override
    {
        return m_add ? QStringLiteral("Attach another program's job table as a source.")
                     : QStringLiteral("Change a source's connection or mapping.");
    }
    QString description() const override
    {
        return m_add
            ? QStringLiteral("Without --definition, the mapping is read from the table: its "
                             "integer primary key, a status column and the values it holds now "
                             "(GROUP BY), time columns with their types, log, error, progress "
                             "and an items table whose foreign key names it. The options change "
                             "what was found. The mapping is checked against the table before it "
                             "is saved; nothing is written to the source's database.")
            : QStringLiteral("The options change the stored mapping; the result is checked against "
                             "the table before it is saved.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("The source's name.")}};
    }
    QList<QCommandLineOption> options() const override
    {
        QList<QCommandLineOption> list = mappingOptions();
        if (!m_add)
            list.append(
                {QStringLiteral("rename"), QStringLiteral("A new name."), QStringLiteral("NAME")});
        return list;
    }
    QStringList examples() const override
    {
        if (!m_add)
            return {QStringLiteral("taskdeskctl sources edit warmup --map CANCELLED=FAILED"),
                QStringLiteral("taskdeskctl sources edit warmup --sweep on --running-minutes 45")};
        return {QStringLiteral("taskdeskctl sources add warmup --connection ~/app/db.sqlite3 "
                               "--table warmup_warmuptask"),
            QStringLiteral("taskdeskctl sources add jobs --connection "
                           "postgresql://app@db/app --table jobs --read-only")};
    }
    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        m_name = arguments.value(0);
        if (Error e = checkSourceName(m_name))
            return e;
        if (parser.isSet(QStringLiteral("definition"))) {
            Result<SourceDefinition> d
                = readDefinitionFile(parser.value(QStringLiteral("definition")));
            if (!d.ok())
                return d.error();
            m_given = *d;
        } else if (m_add
            && (!parser.isSet(QStringLiteral("connection"))
                || !parser.isSet(QStringLiteral("table")))) {
            return Error::invalid(
                QStringLiteral("give --connection and --table (or --definition FILE)"));
        }
        // The options are applied in run(), to what the table suggests or the
        // stored mapping; here they are only checked.
        m_options = GivenOptions(parser, mappingOptions());
        SourceDefinition probe;
        if (Error e = applyMappingOptions(m_options, probe))
            return e;
        if (!m_add && parser.isSet(QStringLiteral("rename"))) {
            m_rename = parser.value(QStringLiteral("rename"));
            if (Error e = checkSourceName(m_rename))
                return e;
        }
        return {};
    }
    Access access() const override { return Access::Write; }
    int run(CtlContext &context) override
    {
        SourceRegistry registry(context.database(), context.actor());
        SourceDefinition d;
        if (m_given) {
            d = *m_given;
        } else if (!m_add) {
            Result<SourceDefinition> stored = registry.get(m_name);
            if (!stored.ok())
                return context.fail(stored.error());
            d = *stored;
        } else {
            Result<SourceDefinition> suggested = suggest(context);
            if (!suggested.ok())
                return context.fail(suggested.error());
            d = *suggested;
        }
        d.name = m_name;
        if (Error e = applyMappingOptions(m_options, d))
            return context.fail(e);
        if (!m_rename.isEmpty())
            d.name = m_rename;
        if (Error e = d.validate())
            return context.fail(e);
        Result<std::unique_ptr<AttachedSource>> source
            = AttachedSource::open(context.database(), d, context.actor());
        if (!source.ok())
            return context.fail(source.error());
        if (Error e = m_add ? registry.add(d) : registry.update(m_name, d))
            return context.fail(e);
        if (context.json()) {
            context.console().printJson(d.toJson());
            return ExitOk;
        }
        context.console().print(definitionLines(d));
        printNotes(context, **source);
        context.console().print(m_add ? QStringLiteral("Source %1 attached; 'taskdeskctl sources "
                                                       "test %1' tries each action on one row "
                                                       "(rolled back).")
                                            .arg(d.name)
                                      : QStringLiteral("Source %1 changed.").arg(d.name));
        return ExitOk;
    }

private:
    Result<SourceDefinition> suggest(CtlContext &)
    {
        SourceDefinition d;
        d.name = m_name;
        d.location = m_options.value(QStringLiteral("connection"));
        Result<DatabaseLocation> loc = d.parsedLocation();
        if (!loc.ok())
            return loc.error();
        Database db(*loc, Database::Role::AttachedReadOnly);
        if (Error e = db.open())
            return e;
        Result<SourceDefinition> s
            = SourceCatalog(db).suggest(m_options.value(QStringLiteral("table")));
        if (!s.ok())
            return s.error();
        s->name = d.name;
        s->location = d.location;
        return s;
    }

    bool m_add;
    QString m_name;
    QString m_rename;
    std::optional<SourceDefinition> m_given;
    GivenOptions m_options;
};

// ------------------------------------------------------------------ sources remove

class SourcesRemoveCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sources remove"); }
    QString summary() const override
    {
        return QStringLiteral("Detach a source (its table and rows are not touched).");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("The source.")}};
    }
    Error parse(const QCommandLineParser &, const QStringList &arguments) override
    {
        m_name = arguments.value(0);
        return checkSourceName(m_name);
    }
    Access access() const override { return Access::Write; }
    int run(CtlContext &context) override
    {
        if (Error e = SourceRegistry(context.database(), context.actor()).remove(m_name))
            return context.fail(e);
        if (context.json())
            context.console().printJson(QJsonObject{{QStringLiteral("removed"), m_name}});
        else
            context.console().print(
                QStringLiteral("Source %1 detached; its table was not touched.").arg(m_name));
        return ExitOk;
    }

private:
    QString m_name;
};

// ------------------------------------------------------------------ sources test

class SourcesTestCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sources test"); }
    QString summary() const override
    {
        return QStringLiteral(
            "Check a source's mapping and try each action on one row, rolled back.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("The source.")}};
    }
    Error parse(const QCommandLineParser &, const QStringList &arguments) override
    {
        m_name = arguments.value(0);
        return checkSourceName(m_name);
    }
    Access access() const override { return Access::Read; }
    int run(CtlContext &context) override
    {
        Result<std::unique_ptr<AttachedSource>> source = openSource(context, m_name);
        if (!source.ok())
            return context.fail(source.error());
        AttachedSource &s = **source;
        QJsonArray tries;
        QStringList lines{
            QStringLiteral("Source %1: connected; the mapping matches the table.").arg(m_name)};
        int exitCode = ExitOk;
        for (TaskAction action : taskrules::actions()) {
            const QString word = sourceActionWord(action);
            if (s.definition().readOnly) {
                lines << QStringLiteral("%1: not tried (read-only)").arg(word);
                continue;
            }
            if (action == TaskAction::Delete && !s.definition().mapping.allowDelete) {
                lines << QStringLiteral("%1: not allowed by the mapping").arg(word);
                continue;
            }
            TaskFilter filter;
            filter.statuses = SourceActions::allowedFrom(action);
            filter.limit = 1;
            Result<QVector<SourceRow>> rows = s.reader().list(filter);
            if (!rows.ok())
                return context.fail(rows.error());
            if (rows->isEmpty()) {
                lines << QStringLiteral("%1: no row to try it on").arg(word);
                continue;
            }
            Result<SourceActionReport> r = s.actions().apply(action, rows->constFirst(), true);
            if (!r.ok()) {
                lines << QStringLiteral("%1: failed: %2").arg(word, r.error().message());
                exitCode = std::max(exitCode, exitCodeFor(r.error().kind()));
                continue;
            }
            tries.append(reportJson(*r));
            lines << QStringLiteral("%1: %2").arg(word, reportText(*r));
        }
        if (context.json())
            context.console().printJson(QJsonObject{{QStringLiteral("source"), m_name},
                {QStringLiteral("ok"), exitCode == ExitOk}, {QStringLiteral("tries"), tries}});
        else {
            context.console().print(lines);
            printNotes(context, s);
        }
        return exitCode;
    }

private:
    QString m_name;
};

} // namespace

QCommandLineOption sourceOption()
{
    return {QStringLiteral("source"),
        QStringLiteral("On the rows of this source (an attached job table), not Taskdesk's tasks."),
        QStringLiteral("NAME")};
}

Error parseSourceOption(const QCommandLineParser &parser, QString &name)
{
    name.clear();
    if (!parser.isSet(QStringLiteral("source")))
        return {};
    name = parser.value(QStringLiteral("source"));
    return checkSourceName(name);
}

int listSourceRows(CtlContext &context, const QString &name, const TaskFilter &filter)
{
    Result<std::unique_ptr<AttachedSource>> source = openSource(context, name);
    if (!source.ok())
        return context.fail(source.error());
    Result<QVector<SourceRow>> rows = (*source)->reader().list(filter);
    if (!rows.ok())
        return context.fail(rows.error());
    if (context.json()) {
        QJsonArray array;
        for (const SourceRow &r : std::as_const(*rows))
            array.append(rowJson(r));
        context.console().printJson(array);
        return ExitOk;
    }
    if (rows->isEmpty()) {
        context.console().print(QStringLiteral("No rows."));
        return ExitOk;
    }
    TablePrinter table({{QStringLiteral("KEY"), TablePrinter::Align::Right},
        {QStringLiteral("STATUS")}, {QStringLiteral("TITLE"), TablePrinter::Align::Left, 40},
        {QStringLiteral("KIND"), TablePrinter::Align::Left, 24},
        {QStringLiteral("QUEUE"), TablePrinter::Align::Left, 16},
        {QStringLiteral("PROGRESS"), TablePrinter::Align::Right}, {QStringLiteral("CREATED")},
        {QStringLiteral("STARTED")}, {QStringLiteral("CHANGED")}});
    for (const SourceRow &r : std::as_const(*rows)) {
        table.addRow({QString::number(r.key), rowStatusText(r), r.title, dash(r.kind),
            dash(r.queue),
            r.progressTotal > 0 ? QStringLiteral("%1/%2").arg(r.progressDone).arg(r.progressTotal)
                                : QStringLiteral("-"),
            localTime(r.createdAt), localTime(r.startedAt), age(r.heartbeatAt, r.dbNow)});
    }
    context.console().print(table.lines());
    if (rows->size() == filter.limit) {
        Result<qint64> total = (*source)->reader().count(filter);
        if (total.ok() && *total > rows->size())
            context.console().print(QStringLiteral("(%1 of %2 rows shown; use --limit to see more)")
                                        .arg(rows->size())
                                        .arg(*total));
    }
    return ExitOk;
}

int showSourceRow(CtlContext &context, const QString &name, qint64 key)
{
    Result<std::unique_ptr<AttachedSource>> source = openSource(context, name);
    if (!source.ok())
        return context.fail(source.error());
    AttachedSource &s = **source;
    Result<SourceRow> row = s.reader().row(key);
    if (!row.ok())
        return context.fail(row.error());
    Result<QVector<SourceItem>> items = s.reader().items(key);
    if (!items.ok())
        return context.fail(items.error());
    if (context.json()) {
        QJsonObject o = rowJson(*row);
        QJsonArray array;
        for (const SourceItem &i : std::as_const(*items))
            array.append(QJsonObject{{QStringLiteral("key"), i.key},
                {QStringLiteral("label"), i.label}, {QStringLiteral("status_value"), i.rawStatus},
                {QStringLiteral("status"),
                    i.status ? QJsonValue(statusName(*i.status)) : QJsonValue()},
                {QStringLiteral("started_at"), timeJson(i.startedAt)},
                {QStringLiteral("finished_at"), timeJson(i.finishedAt)}});
        o.insert(QStringLiteral("items"), array);
        context.console().printJson(o);
        return ExitOk;
    }
    const SourceRow &r = *row;
    QStringList lines{QStringLiteral("Row %1 of %2: %3").arg(r.key).arg(name, r.title),
        QStringLiteral("  Status:   %1").arg(rowStatusText(r))};
    if (!r.kind.isEmpty() || !r.queue.isEmpty())
        lines << QStringLiteral("  Kind:     %1, queue %2").arg(dash(r.kind), dash(r.queue));
    lines << QStringLiteral("  Created:  %1").arg(timeWithAge(r.createdAt, r.dbNow))
          << QStringLiteral("  Started:  %1").arg(timeWithAge(r.startedAt, r.dbNow))
          << QStringLiteral("  Finished: %1").arg(timeWithAge(r.finishedAt, r.dbNow))
          << QStringLiteral("  Changed:  %1").arg(timeWithAge(r.heartbeatAt, r.dbNow));
    if (r.progressTotal > 0)
        lines << QStringLiteral("  Progress: %1/%2").arg(r.progressDone).arg(r.progressTotal);
    if (!r.error.isEmpty())
        lines << QStringLiteral("  Error:    %1").arg(singleLine(r.error));
    if (!items->isEmpty()) {
        lines << QStringLiteral("  Items:");
        for (const SourceItem &i : std::as_const(*items))
            lines << QStringLiteral("    %1 %2 %3")
                         .arg(i.key, 6)
                         .arg(i.rawStatus, -10)
                         .arg(visible(i.label));
    }
    context.console().print(lines);
    return ExitOk;
}

int showSourceLog(CtlContext &context, const QString &name, qint64 key, int tail)
{
    Result<std::unique_ptr<AttachedSource>> source = openSource(context, name);
    if (!source.ok())
        return context.fail(source.error());
    Result<QString> log = (*source)->reader().log(key);
    if (!log.ok())
        return context.fail(log.error());
    QStringList lines = log->split(QLatin1Char('\n'));
    if (tail > 0 && lines.size() > tail)
        lines = lines.mid(lines.size() - tail);
    if (context.json()) {
        context.console().printJson(QJsonObject{{QStringLiteral("key"), key},
            {QStringLiteral("lines"), QJsonArray::fromStringList(lines)}});
        return ExitOk;
    }
    for (const QString &line : std::as_const(lines))
        context.console().print(visible(line));
    return ExitOk;
}

int actOnSourceRows(CtlContext &context, const QString &name, TaskAction action,
    const QVector<qint64> &keys, bool dryRun)
{
    Result<std::unique_ptr<AttachedSource>> source = openSource(context, name);
    if (!source.ok())
        return context.fail(source.error());
    int exitCode = ExitOk;
    QJsonArray results;
    for (const qint64 key : keys) {
        Result<SourceActionReport> r = (*source)->actions().applyToKey(action, key, dryRun);
        if (!r.ok()) {
            const int code = exitCodeFor(r.error().kind());
            exitCode = std::max(exitCode, code);
            results.append(QJsonObject{{QStringLiteral("key"), key},
                {QStringLiteral("done"), false}, {QStringLiteral("message"), r.error().message()}});
            context.console().error(r.error().message());
            if (code == ExitDatabase)
                break;
            continue;
        }
        results.append(reportJson(*r));
        if (!r->done) {
            exitCode = std::max<int>(exitCode, ExitRefused);
            if (!context.json())
                context.console().error(r->refusal);
        } else if (!context.json()) {
            context.console().print(reportText(*r));
        }
    }
    if (context.json())
        context.console().printJson(results);
    return exitCode;
}

int showSourceStuck(CtlContext &context, const QString &name, int limit)
{
    Result<std::unique_ptr<AttachedSource>> source = openSource(context, name);
    if (!source.ok())
        return context.fail(source.error());
    Result<QVector<SourceRow>> rows = (*source)->reader().stuck(limit);
    if (!rows.ok())
        return context.fail(rows.error());
    Result<SourceCounts> counts = (*source)->reader().counts();
    if (!counts.ok())
        return context.fail(counts.error());
    if (context.json()) {
        QJsonArray array;
        for (const SourceRow &r : std::as_const(*rows))
            array.append(rowJson(r));
        context.console().printJson(QJsonObject{{QStringLiteral("source"), name},
            {QStringLiteral("stuck_queued"), counts->stuckQueued},
            {QStringLiteral("stuck_running"), counts->stuckRunning},
            {QStringLiteral("rows"), array},
            {QStringLiteral("truncated"),
                rows->size() < counts->stuckQueued + counts->stuckRunning}});
        return ExitOk;
    }
    const SourceDefinition &d = (*source)->definition();
    context.console().print(
        QStringLiteral("Stuck in %1: %2 running with no change for over %3 min, "
                       "%4 pending for over %5 min.")
            .arg(name)
            .arg(counts->stuckRunning)
            .arg(d.stuck.runningMinutes)
            .arg(counts->stuckQueued)
            .arg(d.stuck.queuedMinutes));
    if (!rows->isEmpty())
        return listSourceRows(context, name, [&] {
            TaskFilter f;
            f.stuckOnly = true;
            f.limit = limit;
            return f;
        }());
    return ExitOk;
}

int cleanUpSource(CtlContext &context, const QString &name, SourceStuckRules::Action action,
    bool dryRun, int limit)
{
    Result<std::unique_ptr<AttachedSource>> source = openSource(context, name);
    if (!source.ok())
        return context.fail(source.error());
    Result<SourceCleanupReport> report = (*source)->cleanup(action, dryRun, limit);
    if (!report.ok())
        return context.fail(report.error());
    if (context.json()) {
        QJsonArray decisions;
        for (const SourceActionReport &r : std::as_const(report->decisions))
            decisions.append(reportJson(r));
        context.console().printJson(QJsonObject{{QStringLiteral("source"), name},
            {QStringLiteral("action"),
                action == SourceStuckRules::Action::Retry ? QStringLiteral("retry")
                                                          : QStringLiteral("mark_failed")},
            {QStringLiteral("dry_run"), dryRun}, {QStringLiteral("found"), report->found},
            {QStringLiteral("changed"), report->changed()},
            {QStringLiteral("decisions"), decisions}});
        return ExitOk;
    }
    for (const SourceActionReport &r : std::as_const(report->decisions))
        context.console().print(reportText(r));
    context.console().print(
        QStringLiteral("%1 stuck %2 found; %3 %4.")
            .arg(report->found)
            .arg(report->found == 1 ? QStringLiteral("row") : QStringLiteral("rows"))
            .arg(report->changed())
            .arg(dryRun ? QStringLiteral("would be changed (dry run, rolled back)")
                        : QStringLiteral("changed")));
    return ExitOk;
}

int showSourceStats(CtlContext &context, const QString &name)
{
    Result<std::unique_ptr<AttachedSource>> source = openSource(context, name);
    if (!source.ok())
        return context.fail(source.error());
    Result<SourceCounts> counts = (*source)->reader().counts();
    if (!counts.ok())
        return context.fail(counts.error());
    QJsonObject by;
    for (TaskStatus s : taskrules::statuses())
        by.insert(statusName(s), counts->byStatus.value(s));
    QJsonObject unmapped;
    for (auto it = counts->unmapped.begin(); it != counts->unmapped.end(); ++it)
        unmapped.insert(it.key(), it.value());
    if (context.json()) {
        context.console().printJson(QJsonObject{{QStringLiteral("source"), name},
            {QStringLiteral("by_status"), by}, {QStringLiteral("unmapped"), unmapped},
            {QStringLiteral("stuck_queued"), counts->stuckQueued},
            {QStringLiteral("stuck_running"), counts->stuckRunning},
            {QStringLiteral("total"), counts->total()}});
        return ExitOk;
    }
    QStringList lines{
        QStringLiteral("Source %1: %2").arg(name, counted(counts->total(), QStringLiteral("row")))};
    for (TaskStatus s : taskrules::statuses())
        lines << QStringLiteral("  %1 %2").arg(statusName(s), -10).arg(counts->byStatus.value(s));
    for (auto it = counts->unmapped.begin(); it != counts->unmapped.end(); ++it)
        lines << QStringLiteral("  '%1' (unmapped) %2").arg(it.key()).arg(it.value());
    lines << QStringLiteral("  Stuck: %1 running, %2 pending")
                 .arg(counts->stuckRunning)
                 .arg(counts->stuckQueued);
    context.console().print(lines);
    return ExitOk;
}

void addSourceCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<SourcesListCommand>());
    registry.add(std::make_unique<SourcesShowCommand>());
    registry.add(std::make_unique<SourcesSaveCommand>(true));
    registry.add(std::make_unique<SourcesSaveCommand>(false));
    registry.add(std::make_unique<SourcesRemoveCommand>());
    registry.add(std::make_unique<SourcesTestCommand>());
}

} // namespace taskdesk::ctl
