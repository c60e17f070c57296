#include "workercommands.h"

#include "core/settings.h"
#include "core/tasks/executionstore.h"
#include "core/worker/workerregistry.h"
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

namespace taskdesk::ctl {

namespace {

QJsonObject workerJson(const WorkerInfo &w)
{
    return {
        {QStringLiteral("id"), w.id},
        {QStringLiteral("name"), w.name},
        {QStringLiteral("host"), w.host},
        {QStringLiteral("pid"), w.pid},
        {QStringLiteral("queues"), QJsonArray::fromStringList(w.queues)},
        {QStringLiteral("concurrency"), w.concurrency},
        {QStringLiteral("status"), w.status},
        {QStringLiteral("started_at"), timeJson(w.startedAt)},
        {QStringLiteral("heartbeat_at"), timeJson(w.heartbeatAt)},
        {QStringLiteral("stopped_at"), timeJson(w.stoppedAt)},
        {QStringLiteral("version"), textOrNull(w.version)},
        {QStringLiteral("heartbeat_age_ms"),
            w.heartbeatAt > 0 ? QJsonValue(w.dbNow - w.heartbeatAt) : QJsonValue()},
        {QStringLiteral("database_now"), w.dbNow},
    };
}

class WorkersCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("workers"); }
    QString summary() const override
    {
        return QStringLiteral("List the workers: host, pid, queues, status and heartbeat age.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "Running workers first, then lost and stopped ones, the most recent heartbeat "
            "first. A running worker whose heartbeat is older than the sweeper's heartbeat "
            "timeout is shown as 'running (no heartbeat)': the sweeper will mark it lost. Ages "
            "are measured on the database clock.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("limit"),
            QStringLiteral("At most N workers, 1 … 100000 (default 100)."), QStringLiteral("N")}};
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl workers"),
            QStringLiteral(
                "taskdeskctl --json workers | jq '.[] | select(.status == \"running\")'")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        if (Error e = parseCount(parser, QStringLiteral("limit"), 1, 100000, m_limit))
            return e;
        return {};
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        WorkerRegistry registry(context.database());
        Result<QVector<WorkerInfo>> workers = registry.list(m_limit);
        if (!workers.ok())
            return context.fail(workers.error());
        if (context.json()) {
            QJsonArray array;
            for (const WorkerInfo &w : std::as_const(workers.value()))
                array.append(workerJson(w));
            context.console().printJson(array);
            return ExitOk;
        }
        Console &console = context.console();
        if (workers->isEmpty()) {
            console.print(QStringLiteral("No workers have registered."));
            return ExitOk;
        }
        // Stale by the rule the sweeper applies; its default if the setting is unreadable.
        qint64 timeoutMs = SweeperRules().heartbeatTimeoutMs;
        Settings settings(context.database(), context.actor());
        if (Result<SweeperRules> rules = settings.sweeperRules(); rules.ok())
            timeoutMs = rules->heartbeatTimeoutMs;

        TablePrinter table({{QStringLiteral("ID"), TablePrinter::Align::Left, 40},
            {QStringLiteral("NAME"), TablePrinter::Align::Left, 24},
            {QStringLiteral("HOST"), TablePrinter::Align::Left, 24},
            {QStringLiteral("PID"), TablePrinter::Align::Right},
            {QStringLiteral("QUEUES"), TablePrinter::Align::Left, 32},
            {QStringLiteral("SLOTS"), TablePrinter::Align::Right}, {QStringLiteral("STATUS")},
            {QStringLiteral("HEARTBEAT")}, {QStringLiteral("STARTED")}});
        for (const WorkerInfo &w : std::as_const(workers.value())) {
            QString status = w.status;
            if (w.status == QLatin1String("running") && w.heartbeatAt > 0
                && w.dbNow - w.heartbeatAt > timeoutMs)
                status += QStringLiteral(" (no heartbeat)");
            table.addRow({w.id, w.name, w.host, QString::number(w.pid),
                w.queues.isEmpty() ? QStringLiteral("(all)") : w.queues.join(QLatin1Char(',')),
                QString::number(w.concurrency), status, age(w.heartbeatAt, w.dbNow),
                timeWithAge(w.startedAt, w.dbNow)});
        }
        console.print(table.lines());
        if (workers->size() == m_limit)
            console.print(QStringLiteral("(the first %1; --limit shows more)").arg(m_limit));
        return ExitOk;
    }

private:
    int m_limit = 100;
};

// ------------------------------------------------------------------ workers forget-host

class ForgetHostCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("workers forget-host"); }
    QString summary() const override
    {
        return QStringLiteral("Declare a host dead: its open executions end, so that their "
                              "tasks can run elsewhere.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "A task runs again only when its previous execution is known to be over: its "
            "worker, or a worker or supervisor of the same host, saw its process group gone, "
            "or the host booted again. A host that is down for good says neither: its tasks "
            "wait. This command closes every open execution of HOST and marks its running "
            "workers lost, with one audit row. Without --yes it only shows what it would "
            "close and changes nothing (exit 1). Use it only for a host that is really down "
            "(powered off, destroyed): anything still running there is no longer kept from "
            "running beside a new attempt. Refused for the host it runs on.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("HOST"), QStringLiteral("The host name, as 'workers' shows it.")}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("yes"),
            QStringLiteral("Do it: close the open executions that the preview names.")}};
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl workers forget-host web-3"),
            QStringLiteral("taskdeskctl workers forget-host web-3 --yes")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        m_host = arguments.constFirst().trimmed();
        if (m_host.isEmpty())
            return Error::invalid(QStringLiteral("workers forget-host: name the host"));
        m_yes = parser.isSet(QStringLiteral("yes"));
        return {};
    }
    Access access() const override { return m_yes ? Access::Write : Access::Read; }

    int run(CtlContext &context) override
    {
        if (m_host == ExecutionStore::thisHost())
            return context.fail(Error::refused(
                QStringLiteral("%1 is this host: its workers end what dead workers left "
                               "running and close their executions themselves")
                    .arg(m_host)));
        ExecutionStore store(context.database());
        Result<QVector<Execution>> open = store.openOnHost(m_host, 100000);
        if (!open.ok())
            return context.fail(open.error());
        QVector<qint64> ids;
        QVector<qint64> tasks;
        for (const Execution &x : std::as_const(*open)) {
            ids.append(x.id);
            tasks.append(x.taskId);
        }
        if (m_yes) {
            Result<QVector<qint64>> closed = store.forgetHost(m_host, context.actor());
            if (!closed.ok())
                return context.fail(closed.error());
            ids = *closed;
        }
        if (context.json()) {
            QJsonArray idArray;
            for (qint64 id : std::as_const(ids))
                idArray.append(id);
            QJsonArray taskArray;
            for (qint64 id : std::as_const(tasks))
                taskArray.append(id);
            context.console().printJson(QJsonObject{{QStringLiteral("host"), m_host},
                {QStringLiteral("done"), m_yes}, {QStringLiteral("execution_ids"), idArray},
                {QStringLiteral("task_ids"), taskArray}});
        } else if (m_yes) {
            context.console().print(
                QStringLiteral("Host %1 forgotten: %2 closed%3; its running workers are marked "
                               "lost.")
                    .arg(m_host, counted(ids.size(), QStringLiteral("open execution")))
                    .arg(ids.isEmpty()
                            ? QString()
                            : QStringLiteral(" (") + idListText(ids) + QStringLiteral(")")));
        } else {
            context.console().print(
                QStringLiteral("Would close %1 of host %2%3 and mark its running workers lost. "
                               "Nothing was changed; run again with --yes if %2 is really down.")
                    .arg(counted(ids.size(), QStringLiteral("open execution")), m_host)
                    .arg(tasks.isEmpty() ? QString()
                                         : QStringLiteral(" (tasks ") + idListText(tasks)
                                + QStringLiteral(")")));
        }
        return m_yes ? ExitOk : ExitRefused;
    }

private:
    QString m_host;
    bool m_yes = false;
};

} // namespace

void addWorkerCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<WorkersCommand>());
    registry.add(std::make_unique<ForgetHostCommand>());
}

} // namespace taskdesk::ctl
