#include "schedulecommands.h"

#include "core/scheduling/schedulestore.h"
#include "core/scheduling/singletonlease.h"
#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/jsonformat.h"
#include "ctl/runtimesupport.h"
#include "ctl/tableprinter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace taskdesk::ctl {

namespace {

const QStringList kSubcommands{QStringLiteral("add"), QStringLiteral("enable"),
    QStringLiteral("disable"), QStringLiteral("remove")};

QJsonObject scheduleJson(const Schedule &s)
{
    QJsonParseError parseError{};
    const QJsonDocument args = QJsonDocument::fromJson(s.args.toUtf8(), &parseError);
    QJsonValue argsValue(s.args);
    if (parseError.error == QJsonParseError::NoError)
        argsValue = args.isArray() ? QJsonValue(args.array()) : QJsonValue(args.object());
    const std::optional<qint64> next = s.dbNow > 0 ? s.nextSlot(s.dbNow) : std::nullopt;
    const bool cron = !s.cron.trimmed().isEmpty();
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("kind"), s.kind},
        {QStringLiteral("args"), argsValue},
        {QStringLiteral("queue"), s.queue},
        {QStringLiteral("priority"), s.priority},
        {QStringLiteral("every_seconds"), cron ? QJsonValue() : QJsonValue(s.everyS)},
        {QStringLiteral("cron"), cron ? QJsonValue(s.cron.simplified()) : QJsonValue()},
        {QStringLiteral("timing"), s.timing()},
        {QStringLiteral("enabled"), s.enabled},
        {QStringLiteral("anchor_at"), timeJson(s.anchorAt)},
        {QStringLiteral("last_slot_at"), timeJson(s.lastSlotAt)},
        {QStringLiteral("last_task_id"),
            s.lastTaskId > 0 ? QJsonValue(s.lastTaskId) : QJsonValue()},
        {QStringLiteral("last_task_status"), textOrNull(s.lastTaskStatus)},
        {QStringLiteral("next_slot_at"), next ? QJsonValue(*next) : QJsonValue()},
        {QStringLiteral("created_at"), timeJson(s.createdAt)},
        {QStringLiteral("updated_at"), timeJson(s.updatedAt)},
        {QStringLiteral("database_now"), s.dbNow},
    };
}

QString nextRunText(const Schedule &s)
{
    if (!s.enabled)
        return QStringLiteral("-");
    const std::optional<qint64> next = s.nextSlot(s.dbNow);
    if (!next)
        return QStringLiteral("never");
    if (*next <= s.dbNow)
        return QStringLiteral("due now");
    return timeWithAge(*next, s.dbNow);
}

// A schedule is only as good as the scheduler that runs it: say when none does.
void warnIfNoScheduler(CtlContext &context)
{
    Result<std::optional<LeaseInfo>> lease
        = SingletonLease::current(context.database(), QStringLiteral("scheduler"));
    if (lease.ok() && (!lease.value() || lease.value()->expired()))
        context.console().error(
            QStringLiteral("no scheduler is running; 'taskdeskctl supervise' or the Taskdesk "
                           "app runs one"));
}

// ------------------------------------------------------------------ schedules [list]

class ScheduleListCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("schedules"); }
    QString summary() const override
    {
        return QStringLiteral("List the schedules: timing, last run, its task, next run.");
    }
    QString description() const override
    {
        return QStringLiteral("Cron expressions are evaluated in UTC; the times shown are local "
                              "times, as everywhere in taskdeskctl.");
    }
    QVector<Argument> arguments() const override
    {
        return {
            {QStringLiteral("list"), QStringLiteral("Optional; the same as without it."), true}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("enabled"), QStringLiteral("Only the enabled schedules.")}};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        if (Error e = checkListWord(QStringLiteral("schedules"), arguments, kSubcommands))
            return e;
        m_enabledOnly = parser.isSet(QStringLiteral("enabled"));
        return {};
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        ScheduleStore store(context.database(), context.actor());
        Result<QVector<Schedule>> list = store.list(m_enabledOnly);
        if (!list.ok())
            return context.fail(list.error());
        if (context.json()) {
            QJsonArray array;
            for (const Schedule &s : std::as_const(list.value()))
                array.append(scheduleJson(s));
            context.console().printJson(array);
            return ExitOk;
        }
        if (list->isEmpty()) {
            context.console().print(QStringLiteral("No schedules."));
            return ExitOk;
        }
        TablePrinter table({{QStringLiteral("NAME"), TablePrinter::Align::Left, 32},
            {QStringLiteral("ENABLED")}, {QStringLiteral("TIMING"), TablePrinter::Align::Left, 32},
            {QStringLiteral("KIND"), TablePrinter::Align::Left, 24},
            {QStringLiteral("QUEUE"), TablePrinter::Align::Left, 16},
            {QStringLiteral("PRI"), TablePrinter::Align::Right}, {QStringLiteral("LAST RUN")},
            {QStringLiteral("LAST TASK")}, {QStringLiteral("NEXT RUN")}});
        for (const Schedule &s : std::as_const(list.value())) {
            table.addRow({s.name, s.enabled ? QStringLiteral("yes") : QStringLiteral("no"),
                s.timing(), s.kind, s.queue, QString::number(s.priority),
                timeWithAge(s.lastSlotAt, s.dbNow),
                s.lastTaskId > 0
                    ? QStringLiteral("%1 (%2)").arg(s.lastTaskId).arg(dash(s.lastTaskStatus))
                    : QStringLiteral("-"),
                nextRunText(s)});
        }
        context.console().print(table.lines());
        return ExitOk;
    }

private:
    bool m_enabledOnly = false;
};

// ------------------------------------------------------------------ schedules add

class ScheduleAddCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("schedules add"); }
    QString summary() const override
    {
        return QStringLiteral("Enqueue a task of KIND every N seconds, or on a cron "
                              "expression.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "Exactly one of --every and --cron. An interval schedule runs at once and then "
            "every SECONDS; a cron schedule runs at its next matching minute (five fields: "
            "minute hour day-of-month month day-of-week, in UTC; lists, ranges, steps, names "
            "and @daily-style shorthands as in cron). Each slot is enqueued once, even with "
            "several schedulers; slots missed while no scheduler ran produce one run, not a "
            "burst. A name in use is refused.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("1 to 100 letters, digits and _ . : -")},
            {QStringLiteral("KIND"), QStringLiteral("The kind of task to enqueue.")}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("every"), QStringLiteral("Every SECONDS, 1 … 31622400 (366 days)."),
                QStringLiteral("SECONDS")},
            {QStringLiteral("cron"), QStringLiteral("A five-field cron expression, in UTC."),
                QStringLiteral("EXPR")},
            {QStringLiteral("args"),
                QStringLiteral("The tasks' arguments, a JSON object or array (default {})."),
                QStringLiteral("JSON")},
            {QStringLiteral("queue"), QStringLiteral("The tasks' queue (default: default)."),
                QStringLiteral("Q")},
            {QStringLiteral("priority"),
                QStringLiteral("-1000 … 1000, higher runs first (default 0)."),
                QStringLiteral("P")},
            {QStringLiteral("disabled"),
                QStringLiteral("Add it disabled ('schedules enable' starts it).")},
        };
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl schedules add heartbeat ping --every 60"),
            QStringLiteral("taskdeskctl schedules add nightly-report report --cron '30 2 * * *' "
                           "--queue nightly --args '{\"format\": \"pdf\"}'")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        Schedule &s = m_schedule;
        s.name = arguments.at(0);
        s.kind = arguments.at(1);
        const bool every = parser.isSet(QStringLiteral("every"));
        const bool cron = parser.isSet(QStringLiteral("cron"));
        if (every == cron)
            return Error::invalid(every ? QStringLiteral("give --every or --cron, not both")
                                        : QStringLiteral("give --every SECONDS or --cron EXPR"));
        if (every) {
            Result<qint64> seconds = parseInteger(parser.value(QStringLiteral("every")),
                QStringLiteral("--every"), 1, Schedule::kMaxEveryS);
            if (!seconds.ok())
                return seconds.error();
            s.everyS = *seconds;
        } else {
            s.cron = parser.value(QStringLiteral("cron"));
            if (s.cron.trimmed().isEmpty())
                return Error::invalid(QStringLiteral("--cron needs an expression"));
        }
        if (parser.isSet(QStringLiteral("args")))
            s.args = parser.value(QStringLiteral("args"));
        if (parser.isSet(QStringLiteral("queue")))
            s.queue = parser.value(QStringLiteral("queue"));
        if (parser.isSet(QStringLiteral("priority"))) {
            Result<qint64> p = parseInteger(parser.value(QStringLiteral("priority")),
                QStringLiteral("--priority"), -1000, 1000);
            if (!p.ok())
                return p.error();
            s.priority = int(*p);
        }
        s.enabled = !parser.isSet(QStringLiteral("disabled"));
        // Everything the store checks, the cron parser's message included.
        return s.validate();
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        ScheduleStore store(context.database(), context.actor());
        Result<qint64> id = store.add(m_schedule);
        if (!id.ok())
            return context.fail(id.error());
        Result<Schedule> added = store.schedule(*id);
        if (!added.ok())
            return context.fail(added.error());
        const Schedule &s = *added;
        if (context.json())
            context.console().printJson(scheduleJson(s));
        else
            context.console().print(
                QStringLiteral("Added schedule %1 (id %2): %3 %4, queue %5%6; next run %7.")
                    .arg(s.name)
                    .arg(s.id)
                    .arg(s.kind, s.timing(), s.queue,
                        s.enabled ? QString() : QStringLiteral(", disabled"), nextRunText(s)));
        if (s.enabled)
            warnIfNoScheduler(context);
        return ExitOk;
    }

private:
    Schedule m_schedule;
};

// ------------------------------------------------------------------ schedules
// enable|disable|remove

class ScheduleChangeCommand final : public Command
{
public:
    enum class Kind { Enable, Disable, Remove };

    explicit ScheduleChangeCommand(Kind kind)
        : m_kind(kind)
    { }

    QString name() const override
    {
        switch (m_kind) {
        case Kind::Enable:
            return QStringLiteral("schedules enable");
        case Kind::Disable:
            return QStringLiteral("schedules disable");
        case Kind::Remove:
            return QStringLiteral("schedules remove");
        }
        return {};
    }
    QString summary() const override
    {
        switch (m_kind) {
        case Kind::Enable:
            return QStringLiteral("Enable a schedule; it counts its slots from now.");
        case Kind::Disable:
            return QStringLiteral("Disable a schedule; it enqueues nothing until enabled.");
        case Kind::Remove:
            return QStringLiteral("Remove a schedule; the tasks it made stay.");
        }
        return {};
    }
    QString description() const override
    {
        if (m_kind == Kind::Enable)
            return QStringLiteral("The time it was disabled is not caught up: an interval "
                                  "schedule runs at once, a cron schedule at its next minute.");
        return {};
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("The schedule.")}};
    }

    Error parse(const QCommandLineParser &, const QStringList &arguments) override
    {
        m_name = arguments.constFirst();
        return {};
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        ScheduleStore store(context.database(), context.actor());
        if (m_kind == Kind::Remove) {
            if (Error e = store.remove(m_name))
                return context.fail(e);
            if (context.json())
                context.console().printJson(QJsonObject{
                    {QStringLiteral("name"), m_name}, {QStringLiteral("removed"), true}});
            else
                context.console().print(
                    QStringLiteral("Removed schedule %1; the tasks it made stay.").arg(m_name));
            return ExitOk;
        }
        const bool enable = m_kind == Kind::Enable;
        if (Error e = store.setEnabled(m_name, enable))
            return context.fail(e);
        Result<Schedule> s = store.find(m_name);
        if (!s.ok())
            return context.fail(s.error());
        if (context.json())
            context.console().printJson(scheduleJson(*s));
        else if (enable)
            context.console().print(QStringLiteral("Schedule %1 is enabled; next run %2.")
                                        .arg(m_name, nextRunText(*s)));
        else
            context.console().print(QStringLiteral("Schedule %1 is disabled.").arg(m_name));
        if (enable)
            warnIfNoScheduler(context);
        return ExitOk;
    }

private:
    Kind m_kind;
    QString m_name;
};

} // namespace

void addScheduleCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<ScheduleListCommand>());
    registry.add(std::make_unique<ScheduleAddCommand>());
    registry.add(std::make_unique<ScheduleChangeCommand>(ScheduleChangeCommand::Kind::Enable));
    registry.add(std::make_unique<ScheduleChangeCommand>(ScheduleChangeCommand::Kind::Disable));
    registry.add(std::make_unique<ScheduleChangeCommand>(ScheduleChangeCommand::Kind::Remove));
}

} // namespace taskdesk::ctl
