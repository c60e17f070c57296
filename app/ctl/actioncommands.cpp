#include "actioncommands.h"

#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/jsonformat.h"
#include "ctl/sourcecommands.h"

#include <QJsonArray>

#include <algorithm>

namespace taskdesk::ctl {

namespace {

// One of the OperatorActions applied to each id in turn. Each id gets
// one line: what was done on stdout (actionText), a refusal on stderr.
class TaskActionCommand final : public Command
{
public:
    using Action = Result<ActionReport> (OperatorActions::*)(qint64);

    TaskActionCommand(
        QString name, QString summary, QString description, Action action, TaskAction kind)
        : m_name(std::move(name))
        , m_summary(std::move(summary))
        , m_description(std::move(description))
        , m_action(action)
        , m_kind(kind)
    { }

    QString name() const override { return m_name; }
    QString summary() const override { return m_summary; }
    QString description() const override
    {
        return m_description
            + QStringLiteral(
                " One line per task; the exit code is 1 if any task was refused or not found.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("ID"), QStringLiteral("The ids of the tasks."), false, true}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {sourceOption(),
            {QStringLiteral("dry-run"),
                QStringLiteral("With --source: do it in a transaction that is rolled back, and "
                               "say what it would change.")}};
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl --as alice %1 42").arg(m_name),
            QStringLiteral("taskdeskctl %1 42 43 44").arg(m_name)};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        Result<QVector<qint64>> ids = parseTaskIds(arguments);
        if (!ids.ok())
            return ids.error();
        m_ids = *ids;
        m_dryRun = parser.isSet(QStringLiteral("dry-run"));
        if (Error e = parseSourceOption(parser, m_source))
            return e;
        if (m_dryRun && m_source.isEmpty())
            return Error::invalid(
                QStringLiteral("--dry-run is for a source's rows: give --source"));
        return {};
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        if (!m_source.isEmpty())
            return actOnSourceRows(context, m_source, m_kind, m_ids, m_dryRun);
        int exitCode = ExitOk;
        QJsonArray results;
        for (const qint64 id : std::as_const(m_ids)) {
            const Result<ActionReport> result = (context.store().actions().*m_action)(id);
            results.append(actionJson(id, result));
            if (result.ok()) {
                if (!context.json())
                    context.console().print(actionText(*result));
                continue;
            }
            const int code = exitCodeFor(result.error().kind());
            exitCode = std::max(exitCode, code);
            if (!context.json() || code == ExitDatabase)
                context.console().error(result.error().message());
            // A database that fails for one task fails for the next: stop here.
            if (code == ExitDatabase)
                break;
        }
        if (context.json())
            context.console().printJson(results);
        return exitCode;
    }

private:
    QString m_name;
    QString m_summary;
    QString m_description;
    Action m_action;
    TaskAction m_kind;
    QVector<qint64> m_ids;
    QString m_source;
    bool m_dryRun = false;
};

} // namespace

void addActionCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<TaskActionCommand>(QStringLiteral("cancel"),
        QStringLiteral("Cancel PENDING or RUNNING tasks (they become FAILED/cancelled)."),
        QStringLiteral("Marks each task FAILED with outcome 'cancelled' and the log line "
                       "\"Task cancelled manually by NAME\"; its running items fail too, and "
                       "its worker stops the execution."),
        &OperatorActions::cancel, TaskAction::Cancel));
    registry.add(std::make_unique<TaskActionCommand>(QStringLiteral("force-stop"),
        QStringLiteral("Force stop RUNNING tasks, with or without a live worker."),
        QStringLiteral("Marks each RUNNING task FAILED with outcome 'force_stopped' and each of "
                       "its running items FAILED, whether or not any worker is alive; a worker "
                       "that reports later changes nothing."),
        &OperatorActions::forceStop, TaskAction::ForceStop));
    registry.add(std::make_unique<TaskActionCommand>(QStringLiteral("restart"),
        QStringLiteral("Restart COMPLETED or FAILED tasks (PENDING again, fresh attempts)."),
        QStringLiteral("Puts each finished task back to PENDING with a fresh attempt budget and "
                       "its items PENDING."),
        &OperatorActions::restart, TaskAction::Restart));
    registry.add(std::make_unique<TaskActionCommand>(QStringLiteral("delete"),
        QStringLiteral("Delete tasks that are not RUNNING (the audit log keeps them)."),
        QStringLiteral("Removes each task with its items and log lines; the audit log keeps a "
                       "snapshot. A RUNNING task is refused: force stop or cancel it first."),
        &OperatorActions::remove, TaskAction::Delete));
}

} // namespace taskdesk::ctl
