#include "workercommands.h"

#include "arguments.h"
#include "commandregistry.h"
#include "console.h"
#include "ctlcontext.h"
#include "exitcode.h"
#include "formatting.h"
#include "jsonformat.h"
#include "runtimesupport.h"
#include "scheduling/settings.h"
#include "tableprinter.h"
#include "worker/workerregistry.h"

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

} // namespace

void addWorkerCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<WorkersCommand>());
}

} // namespace taskdesk::ctl
