#include "processcommands.h"

#include "core/supervisor/processstore.h"
#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/runtimesupport.h"
#include "ctl/stopsignal.h"
#include "ctl/tableprinter.h"

#include <QHash>
#include <QJsonArray>

#include <cmath>

namespace taskdesk::ctl {

namespace {

const QStringList kSubcommands{QStringLiteral("add"), QStringLiteral("remove"),
    QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("restart"),
    QStringLiteral("output")};

// The live supervisor of each host (empty: none), asked once per host.
class SupervisorLookup final
{
public:
    explicit SupervisorLookup(ProcessStore &store)
        : m_store(store)
    { }

    Result<QString> of(const QString &host)
    {
        if (m_known.contains(host))
            return m_known.value(host);
        Result<QString> holder = m_store.supervisorOf(host);
        if (holder.ok())
            m_known.insert(host, *holder);
        return holder;
    }

private:
    ProcessStore &m_store;
    QHash<QString, QString> m_known;
};

QJsonObject processJson(const ProcessInfo &info, const QString &supervisor)
{
    QJsonObject o = info.toJson();
    o.insert(QStringLiteral("supervisor"), textOrNull(supervisor));
    o.insert(QStringLiteral("database_now"), info.dbNow);
    return o;
}

QString stateText(const ProcessInfo &info)
{
    QString text = processStateName(info.runtime.state);
    if (info.runtime.state == ProcessState::Backoff && info.runtime.consecutiveFailures > 0)
        text += QStringLiteral(" (%1 failures)").arg(info.runtime.consecutiveFailures);
    return text;
}

// ------------------------------------------------------------------ processes [list]

class ProcessListCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("processes"); }
    QString summary() const override
    {
        return QStringLiteral("List the process definitions with their desired and actual "
                              "state.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "The state (STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL) is what "
            "the supervisor of the process's host last wrote; the desired state is what "
            "operators asked for. Hosts without a running supervisor are named below the "
            "table: nothing acts on their processes until one starts.");
    }
    QVector<Argument> arguments() const override
    {
        return {
            {QStringLiteral("list"), QStringLiteral("Optional; the same as without it."), true}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("host"), QStringLiteral("Only the processes of host H."),
            QStringLiteral("H")}};
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl processes"),
            QStringLiteral("taskdeskctl --json processes list | jq '.[] | {name, state, pid}'")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        if (Error e = checkListWord(QStringLiteral("processes"), arguments, kSubcommands))
            return e;
        m_host = parser.value(QStringLiteral("host"));
        return {};
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        ProcessStore store(context.database(), context.actor());
        Result<QVector<ProcessInfo>> list = store.list(m_host);
        if (!list.ok())
            return context.fail(list.error());
        SupervisorLookup supervisors(store);
        QStringList unsupervised;
        QJsonArray array;
        for (const ProcessInfo &info : std::as_const(list.value())) {
            Result<QString> supervisor = supervisors.of(info.definition.host);
            if (!supervisor.ok())
                return context.fail(supervisor.error());
            if (supervisor->isEmpty() && !unsupervised.contains(info.definition.host))
                unsupervised << info.definition.host;
            array.append(processJson(info, *supervisor));
        }
        if (context.json()) {
            context.console().printJson(array);
            return ExitOk;
        }
        Console &console = context.console();
        if (list->isEmpty()) {
            console.print(QStringLiteral("No processes. Add one with 'taskdeskctl processes add "
                                         "NAME -- PROGRAM ARGS…'."));
            return ExitOk;
        }
        TablePrinter table({{QStringLiteral("NAME"), TablePrinter::Align::Left, 32},
            {QStringLiteral("STATE")}, {QStringLiteral("DESIRED")},
            {QStringLiteral("HOST"), TablePrinter::Align::Left, 24}, {QStringLiteral("ROLE")},
            {QStringLiteral("PID"), TablePrinter::Align::Right}, {QStringLiteral("UPTIME")},
            {QStringLiteral("RESTARTS"), TablePrinter::Align::Right},
            {QStringLiteral("LAST EXIT"), TablePrinter::Align::Left, 32},
            {QStringLiteral("PROGRAM"), TablePrinter::Align::Left, 48},
            {QStringLiteral("MESSAGE"), TablePrinter::Align::Left, 60}});
        for (const ProcessInfo &info : std::as_const(list.value())) {
            const ProcessDefinition &d = info.definition;
            const qint64 uptime = info.uptimeMs();
            table.addRow({d.name, stateText(info), desiredStateName(info.desired), dash(d.host),
                roleName(d.role),
                info.runtime.pid > 0 ? QString::number(info.runtime.pid) : QStringLiteral("-"),
                uptime > 0 ? duration(uptime) : QStringLiteral("-"),
                QString::number(info.runtime.restarts), dash(info.runtime.lastExit),
                commandLineText(d.program, d.args), dash(info.runtime.message)});
        }
        console.print(table.lines());
        if (!unsupervised.isEmpty()) {
            console.print();
            for (const QString &host : std::as_const(unsupervised)) {
                QString text = noSupervisorMessage(host);
                text[0] = text.at(0).toUpper();
                console.print(text + QLatin1Char('.'));
            }
        }
        return ExitOk;
    }

private:
    QString m_host;
};

// ------------------------------------------------------------------ processes add

class ProcessAddCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("processes add"); }
    QString summary() const override
    {
        return QStringLiteral("Define a process for a supervisor to run (a worker, a "
                              "scheduler, …).");
    }
    QString description() const override
    {
        return QStringLiteral(
            "Put '--' before PROGRAM so that the program's own options are not taken for "
            "taskdeskctl's. PROGRAM is an absolute path, run without a shell. The process "
            "belongs to a host (default: this one), whose supervisor ('taskdeskctl supervise' "
            "or the Taskdesk app) runs it; it is added stopped, unless --autostart asks for it "
            "to run now and whenever a supervisor takes the host over. A name in use is "
            "refused.");
    }
    QVector<Argument> arguments() const override
    {
        return {
            {QStringLiteral("NAME"), QStringLiteral("1 to 64 letters, digits, '.', '_' and '-'.")},
            {QStringLiteral("PROGRAM"), QStringLiteral("The program, an absolute path.")},
            {QStringLiteral("ARG"), QStringLiteral("Its arguments."), true, true}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("role"),
                QStringLiteral("worker, scheduler or other (default other). A worker's "
                               "RUNNING tasks are failed (worker_stopped) once it has stopped."),
                QStringLiteral("R")},
            {QStringLiteral("autostart"),
                QStringLiteral("Run it now, and whenever a supervisor takes the host over.")},
            {QStringLiteral("host"),
                QStringLiteral("The host whose supervisor runs it (default: this host, %1).")
                    .arg(AuditLog::localHost()),
                QStringLiteral("H")},
            {QStringLiteral("workdir"),
                QStringLiteral("Its working folder, an absolute path (default: the "
                               "supervisor's)."),
                QStringLiteral("D")},
            {QStringLiteral("env"),
                QStringLiteral("An environment variable added to the supervisor's; repeat for "
                               "more."),
                QStringLiteral("K=V")},
            {QStringLiteral("stop-grace"),
                QStringLiteral("Seconds between SIGTERM and SIGKILL on a stop, 0 … 3600 "
                               "(default 10)."),
                QStringLiteral("S")},
            {QStringLiteral("max-failures"),
                QStringLiteral("Failed starts in a row before FATAL, 1 … 1000 (default 5)."),
                QStringLiteral("N")},
            {QStringLiteral("restart"),
                QStringLiteral("When an exited process is started again: always (default), "
                               "on-failure or never."),
                QStringLiteral("POLICY")},
        };
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl processes add worker-1 --role worker --autostart -- "
                               "/usr/bin/taskdesk-worker --config /etc/taskdesk/worker.ini"),
            QStringLiteral("taskdeskctl processes add sync --host db2 --env TZ=UTC --restart "
                           "on-failure -- /opt/app/sync --all")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        ProcessDefinition &d = m_definition;
        d.name = arguments.at(0);
        d.program = arguments.at(1);
        d.args = arguments.mid(2);
        d.host = AuditLog::localHost();
        if (parser.isSet(QStringLiteral("host"))) {
            d.host = parser.value(QStringLiteral("host")).trimmed();
            if (d.host.isEmpty())
                return Error::invalid(QStringLiteral("--host needs a host name"));
        }
        if (parser.isSet(QStringLiteral("role"))) {
            Result<ProcessRole> role = parseRole(parser.value(QStringLiteral("role")));
            if (!role.ok())
                return role.error();
            d.role = *role;
        }
        if (parser.isSet(QStringLiteral("restart"))) {
            Result<RestartPolicy> policy
                = parseRestartPolicy(parser.value(QStringLiteral("restart")));
            if (!policy.ok())
                return policy.error();
            d.restartPolicy = *policy;
        }
        d.autostart = parser.isSet(QStringLiteral("autostart"));
        d.workdir = parser.value(QStringLiteral("workdir"));
        for (const QString &pair : parser.values(QStringLiteral("env"))) {
            const qsizetype equals = pair.indexOf(QLatin1Char('='));
            if (equals <= 0)
                return Error::invalid(QStringLiteral("--env takes NAME=VALUE, got '%1'").arg(pair));
            const QString key = pair.left(equals);
            if (d.env.contains(key))
                return Error::invalid(QStringLiteral("--env %1 is given twice").arg(key));
            d.env.insert(key, pair.mid(equals + 1));
        }
        if (parser.isSet(QStringLiteral("stop-grace"))) {
            Result<double> s = parseNumber(parser.value(QStringLiteral("stop-grace")),
                QStringLiteral("--stop-grace"), 0, 3600);
            if (!s.ok())
                return s.error();
            d.stopGraceMs = int(std::lround(*s * 1000.0));
        }
        if (parser.isSet(QStringLiteral("max-failures"))) {
            Result<qint64> n = parseInteger(parser.value(QStringLiteral("max-failures")),
                QStringLiteral("--max-failures"), 1, 1000);
            if (!n.ok())
                return n.error();
            d.maxFailures = int(*n);
        }
        return d.validate();
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        ProcessStore store(context.database(), context.actor());
        Result<qint64> id = store.add(m_definition);
        if (!id.ok())
            return context.fail(id.error());
        std::optional<DesiredChange> change;
        if (m_definition.autostart) {
            Result<DesiredChange> c = store.setDesired(m_definition.name, DesiredState::Running);
            if (!c.ok())
                return context.fail(c.error());
            change = *c;
        }
        Result<ProcessInfo> info = store.process(m_definition.name);
        if (!info.ok())
            return context.fail(info.error());
        Result<QString> supervisor = store.supervisorOf(m_definition.host);
        if (!supervisor.ok())
            return context.fail(supervisor.error());

        if (context.json()) {
            context.console().printJson(processJson(*info, *supervisor));
        } else {
            const ProcessDefinition &d = m_definition;
            context.console().print(QStringLiteral("Added process %1 (id %2) for host %3: %4")
                                        .arg(d.name)
                                        .arg(*id)
                                        .arg(d.host, commandLineText(d.program, d.args)));
            if (!change)
                context.console().print(
                    QStringLiteral("It is stopped; 'taskdeskctl processes start %1' starts it.")
                        .arg(d.name));
            else if (!supervisor->isEmpty())
                context.console().print(
                    QStringLiteral("Start requested; the supervisor %1 starts it.")
                        .arg(*supervisor));
            else
                context.console().print(QStringLiteral("Start requested."));
        }
        if (change && supervisor->isEmpty())
            context.console().error(noSupervisorMessage(m_definition.host));
        return ExitOk;
    }

private:
    ProcessDefinition m_definition;
};

// ------------------------------------------------------------------ processes remove

class ProcessRemoveCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("processes remove"); }
    QString summary() const override
    {
        return QStringLiteral("Remove a stopped process definition and its stored output.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "Refused (exit 1) while the process is wanted running or still alive: stop it "
            "first. --force removes it anyway, for a row left behind by a supervisor that is "
            "gone; a process that still runs is then no longer supervised.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("The process.")}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("force"),
            QStringLiteral("Remove it even if it is wanted running or alive.")}};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        m_name = arguments.constFirst();
        m_force = parser.isSet(QStringLiteral("force"));
        return {};
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        ProcessStore store(context.database(), context.actor());
        if (Error e = store.remove(m_name, m_force))
            return context.fail(e);
        if (context.json())
            context.console().printJson(
                QJsonObject{{QStringLiteral("name"), m_name}, {QStringLiteral("removed"), true}});
        else
            context.console().print(QStringLiteral("Removed process %1.").arg(m_name));
        return ExitOk;
    }

private:
    QString m_name;
    bool m_force = false;
};

// ------------------------------------------------------------------ processes start|stop|restart

class ProcessRequestCommand final : public Command
{
public:
    enum class Kind { Start, Stop, Restart };

    explicit ProcessRequestCommand(Kind kind)
        : m_kind(kind)
    { }

    QString name() const override
    {
        switch (m_kind) {
        case Kind::Start:
            return QStringLiteral("processes start");
        case Kind::Stop:
            return QStringLiteral("processes stop");
        case Kind::Restart:
            return QStringLiteral("processes restart");
        }
        return {};
    }
    QString summary() const override
    {
        switch (m_kind) {
        case Kind::Start:
            return QStringLiteral("Ask the supervisor of its host to start a process (or all).");
        case Kind::Stop:
            return QStringLiteral("Ask the supervisor of its host to stop a process (or all).");
        case Kind::Restart:
            return QStringLiteral("Ask the supervisor of its host to restart a process (or all).");
        }
        return {};
    }
    QString description() const override
    {
        QString text = QStringLiteral(
            "Records the desired state and returns at once; the supervisor that holds the "
            "process's host ('taskdeskctl supervise' or the Taskdesk app) acts on it within a "
            "second. With no supervisor running for that host, the request is recorded all the "
            "same (exit 0) and a line on standard error says so; the first supervisor to start "
            "there carries it out. Audited under the operator's name.");
        if (m_kind == Kind::Start)
            text += QStringLiteral(" Starting a FATAL or EXITED process tries it again.");
        if (m_kind == Kind::Restart)
            text += QStringLiteral(" A process that is not running is started.");
        return text;
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("The process; or --all."), true}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("all"), QStringLiteral("Every process (of --host, if given).")},
            {QStringLiteral("host"), QStringLiteral("With --all: only the processes of host H."),
                QStringLiteral("H")}};
    }
    QStringList examples() const override
    {
        const QString verb = name().section(QLatin1Char(' '), 1);
        return {QStringLiteral("taskdeskctl --as alice processes %1 worker-1").arg(verb),
            QStringLiteral("taskdeskctl processes %1 --all --host db2").arg(verb)};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        m_all = parser.isSet(QStringLiteral("all"));
        m_name = arguments.value(0);
        m_host = parser.value(QStringLiteral("host"));
        if (m_all && !m_name.isEmpty())
            return Error::invalid(
                QStringLiteral("give a process NAME or --all, not both (got '%1' and --all)")
                    .arg(m_name));
        if (!m_all && m_name.isEmpty())
            return Error::invalid(QStringLiteral("give a process NAME, or --all for every one"));
        if (!m_all && parser.isSet(QStringLiteral("host")))
            return Error::invalid(QStringLiteral("--host goes with --all; a NAME names one "
                                                 "process already"));
        return {};
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        ProcessStore store(context.database(), context.actor());
        QVector<DesiredChange> changes;
        if (!m_all) {
            Result<DesiredChange> c = request(store, m_name);
            if (!c.ok())
                return context.fail(c.error());
            changes.append(*c);
        } else if (m_kind == Kind::Restart) {
            Result<QVector<ProcessInfo>> list = store.list(m_host);
            if (!list.ok())
                return context.fail(list.error());
            for (const ProcessInfo &info : std::as_const(list.value())) {
                Result<DesiredChange> c = request(store, info.definition.name);
                if (!c.ok() && c.error().kind() == ErrorKind::NotFound)
                    continue; // removed meanwhile
                if (!c.ok())
                    return context.fail(c.error());
                changes.append(*c);
            }
        } else {
            Result<QVector<DesiredChange>> all = store.setDesiredForAll(
                m_kind == Kind::Start ? DesiredState::Running : DesiredState::Stopped, m_host);
            if (!all.ok())
                return context.fail(all.error());
            changes = *all;
        }

        Console &console = context.console();
        QJsonArray array;
        for (const DesiredChange &c : std::as_const(changes))
            array.append(changeJson(c));
        if (context.json())
            console.printJson(m_all ? QJsonValue(array) : QJsonValue(array.first()));
        else if (changes.isEmpty())
            console.print(QStringLiteral("No processes."));
        else
            for (const DesiredChange &c : std::as_const(changes))
                console.print(changeText(c));

        QStringList unsupervised;
        for (const DesiredChange &c : std::as_const(changes)) {
            if (c.supervisor.isEmpty() && !unsupervised.contains(c.host))
                unsupervised << c.host;
        }
        for (const QString &host : std::as_const(unsupervised))
            console.error(noSupervisorMessage(host));
        return ExitOk;
    }

private:
    Result<DesiredChange> request(ProcessStore &store, const QString &name) const
    {
        switch (m_kind) {
        case Kind::Start:
            return store.setDesired(name, DesiredState::Running);
        case Kind::Stop:
            return store.setDesired(name, DesiredState::Stopped);
        case Kind::Restart:
            return store.restart(name);
        }
        return Error::invalid(QStringLiteral("unknown request"));
    }

    QString changeText(const DesiredChange &c) const
    {
        const QString what = m_kind == Kind::Start ? QStringLiteral("Start")
            : m_kind == Kind::Stop                 ? QStringLiteral("Stop")
                                                   : QStringLiteral("Restart");
        QString text = QStringLiteral("%1 of %2 requested (it is %3)")
                           .arg(what, c.name, processStateName(c.state));
        if (!c.supervisor.isEmpty())
            text += QStringLiteral("; the supervisor %1 of host %2 acts on it")
                        .arg(c.supervisor, dash(c.host));
        return text + QLatin1Char('.');
    }

    QJsonObject changeJson(const DesiredChange &c) const
    {
        return {
            {QStringLiteral("name"), c.name},
            {QStringLiteral("host"), c.host},
            {QStringLiteral("request"), name().section(QLatin1Char(' '), 1)},
            {QStringLiteral("desired_before"), desiredStateName(c.before)},
            {QStringLiteral("desired"), desiredStateName(c.after)},
            {QStringLiteral("state"), processStateName(c.state)},
            {QStringLiteral("supervisor"), textOrNull(c.supervisor)},
        };
    }

    Kind m_kind;
    bool m_all = false;
    QString m_name;
    QString m_host;
};

// ------------------------------------------------------------------ processes output

QString outputLineText(const ProcessOutputLine &line)
{
    return localTime(line.at) + QStringLiteral("  ") + line.stream.leftJustified(6)
        + QStringLiteral("  ") + line.line;
}

QJsonObject outputLineJson(const ProcessOutputLine &line)
{
    return {
        {QStringLiteral("id"), line.id},
        {QStringLiteral("process_id"), line.processId},
        {QStringLiteral("at"), line.at},
        {QStringLiteral("stream"), line.stream},
        {QStringLiteral("line"), line.line},
    };
}

class ProcessOutputCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("processes output"); }
    QString summary() const override
    {
        return QStringLiteral("Print the last output lines of a process; --follow keeps "
                              "printing.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "The lines the supervisor stored: stdout, stderr, and its own 'event' lines "
            "(started, exited, …); it keeps the last 500 lines of each process. With --follow, "
            "new lines are printed as they arrive until Ctrl-C or SIGTERM (exit 0). With "
            "--json, one array; with --follow --json, one JSON object per line.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("NAME"), QStringLiteral("The process.")}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("lines"), QStringLiteral("The last N lines, 1 … 100000 (default 50)."),
                QStringLiteral("N")},
            {{QStringLiteral("f"), QStringLiteral("follow")},
                QStringLiteral("Keep printing new lines.")},
            {QStringLiteral("interval"),
                QStringLiteral("Seconds between two looks when following, 0.05 … 60 "
                               "(default 1)."),
                QStringLiteral("SECONDS")},
        };
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl processes output worker-1 --lines 200"),
            QStringLiteral("taskdeskctl processes output worker-1 -f")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        m_name = arguments.constFirst();
        m_follow = parser.isSet(QStringLiteral("follow"));
        if (Error e = parseCount(parser, QStringLiteral("lines"), 1, 100000, m_lines))
            return e;
        return parseFollowInterval(parser, m_intervalMs);
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        ProcessStore store(context.database(), context.actor());
        // The output of a name that does not exist is empty: ask for the process first.
        Result<ProcessInfo> info = store.process(m_name);
        if (!info.ok())
            return context.fail(info.error());
        Result<QVector<ProcessOutputLine>> lines = store.output(m_name, 0, m_lines);
        if (!lines.ok())
            return context.fail(lines.error());
        if (!m_follow) {
            if (context.json()) {
                QJsonArray array;
                for (const ProcessOutputLine &line : std::as_const(lines.value()))
                    array.append(outputLineJson(line));
                context.console().printJson(array);
            } else {
                for (const ProcessOutputLine &line : std::as_const(lines.value()))
                    context.console().print(outputLineText(line));
            }
            return ExitOk;
        }

        const StopSignal stop;
        qint64 lastId = lines->isEmpty() ? 0 : lines->constLast().id;
        print(context, *lines);
        while (!stop.requested()) {
            stop.sleep(m_intervalMs);
            if (stop.requested())
                break;
            Result<ProcessInfo> still = store.process(m_name);
            if (!still.ok()) {
                if (still.error().kind() == ErrorKind::NotFound)
                    return context.fail(
                        Error::notFound(QStringLiteral("process '%1' was removed").arg(m_name)));
                return context.fail(still.error());
            }
            // Ids grow, so whatever the supervisor trimmed meanwhile was printed before.
            for (;;) {
                constexpr int page = 1000;
                Result<QVector<ProcessOutputLine>> more = store.output(m_name, lastId, page);
                if (!more.ok())
                    return context.fail(more.error());
                if (!more->isEmpty())
                    lastId = more->constLast().id;
                print(context, *more);
                if (more->size() < page)
                    break;
            }
        }
        return ExitOk;
    }

private:
    static void print(CtlContext &context, const QVector<ProcessOutputLine> &lines)
    {
        for (const ProcessOutputLine &line : lines) {
            if (context.json())
                context.console().printJson(outputLineJson(line), true);
            else
                context.console().print(outputLineText(line));
        }
        context.console().flush();
    }

    QString m_name;
    bool m_follow = false;
    int m_lines = 50;
    int m_intervalMs = 1000;
};

} // namespace

void addProcessCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<ProcessListCommand>());
    registry.add(std::make_unique<ProcessAddCommand>());
    registry.add(std::make_unique<ProcessRemoveCommand>());
    registry.add(std::make_unique<ProcessRequestCommand>(ProcessRequestCommand::Kind::Start));
    registry.add(std::make_unique<ProcessRequestCommand>(ProcessRequestCommand::Kind::Stop));
    registry.add(std::make_unique<ProcessRequestCommand>(ProcessRequestCommand::Kind::Restart));
    registry.add(std::make_unique<ProcessOutputCommand>());
}

} // namespace taskdesk::ctl
