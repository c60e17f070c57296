#include "taskcommands.h"

#include "core/tasks/taskrules.h"
#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/jsonformat.h"
#include "ctl/sourcecommands.h"
#include "ctl/stopsignal.h"
#include "ctl/tableprinter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace taskdesk::ctl {

namespace {

const QString kSortNames = QStringLiteral("id, name, kind, queue, status, priority, progress, "
                                          "worker, created, started, heartbeat, completed, "
                                          "updated, attempt");

bool isFinished(TaskStatus status)
{
    return status == TaskStatus::Completed || status == TaskStatus::Failed;
}

// "RUNNING", "FAILED (cancelled)", "RUNNING (stuck)": the status word always shows.
QString statusText(const Task &task, qint64 stuckHeartbeatMs)
{
    QString text = statusName(task.status);
    if (!task.outcome.isEmpty() && task.status == TaskStatus::Failed)
        text += QStringLiteral(" (") + task.outcome + QLatin1Char(')');
    if (taskrules::isRunningStuck(task, task.dbNow, stuckHeartbeatMs))
        text += QStringLiteral(" (stuck)");
    return text;
}

// Every log line of a task after `afterId`, keeping only the last `keep` (0: all).
Result<QVector<LogLine>> readLog(TaskStore &store, qint64 taskId, qint64 afterId, int keep)
{
    constexpr int page = 1000;
    QVector<LogLine> lines;
    for (;;) {
        Result<QVector<LogLine>> batch = store.reader().log(taskId, afterId, page);
        if (!batch.ok())
            return batch.error();
        lines += batch.value();
        if (keep > 0 && lines.size() > keep)
            lines.remove(0, lines.size() - keep);
        if (batch->size() < page)
            return lines;
        afterId = batch->constLast().id;
    }
}

QString logLineText(const LogLine &line, const QHash<qint64, QString> &itemLabels)
{
    QString text = localTime(line.at) + QStringLiteral("  ") + line.level.leftJustified(7);
    if (line.itemId > 0)
        text += QStringLiteral("  [")
            + itemLabels.value(line.itemId, QStringLiteral("item %1").arg(line.itemId))
            + QLatin1Char(']');
    return text + QStringLiteral("  ") + line.message;
}

QHash<qint64, QString> itemLabels(const QVector<TaskItem> &items)
{
    QHash<qint64, QString> labels;
    for (const TaskItem &item : items)
        labels.insert(item.id, item.label);
    return labels;
}

// ------------------------------------------------------------------ enqueue

class EnqueueCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("enqueue"); }
    QString summary() const override
    {
        return QStringLiteral("Add a PENDING task and print its id.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "A worker that knows KIND runs it. The database is created if it does not exist.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("KIND"),
            QStringLiteral("What to run: 1 to 100 letters, digits and _ . : -")}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("name"), QStringLiteral("A name for people (default: KIND)."),
                QStringLiteral("N")},
            {QStringLiteral("queue"), QStringLiteral("The queue (default: default)."),
                QStringLiteral("Q")},
            {QStringLiteral("priority"),
                QStringLiteral("-1000 … 1000, higher runs first (default 0)."),
                QStringLiteral("P")},
            {QStringLiteral("args"),
                QStringLiteral("The task's arguments, a JSON object or array (default {})."),
                QStringLiteral("JSON")},
            {QStringLiteral("item"),
                QStringLiteral("An item of the task, in order; repeat for more items."),
                QStringLiteral("LABEL")},
            {QStringLiteral("max-attempts"),
                QStringLiteral("Attempts before the task fails, 1 … 100 (default 3)."),
                QStringLiteral("N")},
            {QStringLiteral("time-limit"),
                QStringLiteral("Seconds an attempt may run, 0 for none (default 0)."),
                QStringLiteral("SECONDS")},
            {QStringLiteral("delay"),
                QStringLiteral("Run no earlier than SECONDS from now (default 0)."),
                QStringLiteral("SECONDS")},
        };
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl enqueue warmup --name 'Warm up EU' --item acc-1 "
                               "--item acc-2 --args '{\"fast\": true}'"),
            QStringLiteral("id=$(taskdeskctl enqueue report --queue nightly --delay 3600)")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        // The store checks all of this again; checking here first keeps a bad
        // command from creating a database it then does not use.
        static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_.:-]{1,100}$"));
        m_task.kind = arguments.constFirst();
        if (!namePattern.match(m_task.kind).hasMatch())
            return Error::invalid(QStringLiteral("invalid task kind '%1': use 1 to 100 letters, "
                                                 "digits and _ . : -")
                                      .arg(m_task.kind));
        m_task.name = parser.value(QStringLiteral("name"));
        if (m_task.name.size() > 500)
            return Error::invalid(QStringLiteral("--name is longer than 500 characters"));
        if (parser.isSet(QStringLiteral("queue"))) {
            m_task.queue = parser.value(QStringLiteral("queue"));
            if (!namePattern.match(m_task.queue).hasMatch())
                return Error::invalid(QStringLiteral("invalid queue name '%1': use 1 to 100 "
                                                     "letters, digits and _ . : -")
                                          .arg(m_task.queue));
        }
        if (parser.isSet(QStringLiteral("priority"))) {
            Result<qint64> v = parseInteger(parser.value(QStringLiteral("priority")),
                QStringLiteral("--priority"), -1000, 1000);
            if (!v.ok())
                return v.error();
            m_task.priority = int(*v);
        }
        if (Error e
            = parseCount(parser, QStringLiteral("max-attempts"), 1, 100, m_task.maxAttempts))
            return e;
        if (parser.isSet(QStringLiteral("time-limit"))) {
            Result<qint64> v = parseInteger(parser.value(QStringLiteral("time-limit")),
                QStringLiteral("--time-limit"), 0, 7 * 24 * 3600);
            if (!v.ok())
                return v.error();
            m_task.timeLimitS = int(*v);
        }
        if (parser.isSet(QStringLiteral("delay"))) {
            Result<double> v = parseNumber(parser.value(QStringLiteral("delay")),
                QStringLiteral("--delay"), 0, 366.0 * 24 * 3600);
            if (!v.ok())
                return v.error();
            m_task.delayMs = qint64(std::llround(*v * 1000.0));
        }
        if (parser.isSet(QStringLiteral("args"))) {
            const QString args = parser.value(QStringLiteral("args"));
            // Qt's parser takes only an object or an array at the top, which is
            // what a task's args must be anyway.
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(args.toUtf8(), &error);
            if (error.error != QJsonParseError::NoError || (!doc.isObject() && !doc.isArray()))
                return Error::invalid(
                    QStringLiteral("--args is not a JSON object {…} or array […]: %1 at offset %2")
                        .arg(error.errorString())
                        .arg(error.offset));
            m_task.args = args;
        }
        m_task.items = parser.values(QStringLiteral("item"));
        for (const QString &label : std::as_const(m_task.items)) {
            if (label.trimmed().isEmpty())
                return Error::invalid(QStringLiteral("--item needs a label"));
        }
        if (m_task.items.size() > 100000)
            return Error::invalid(QStringLiteral("a task takes at most 100000 items"));
        return {};
    }
    Access access() const override { return Access::Create; }

    int run(CtlContext &context) override
    {
        Result<qint64> id = context.store().queue().enqueue(m_task);
        if (!id.ok())
            return context.fail(id.error());
        if (context.json())
            context.console().printJson(QJsonObject{{QStringLiteral("id"), *id}});
        else
            context.console().print(QString::number(*id));
        return ExitOk;
    }

private:
    NewTask m_task;
};

// ------------------------------------------------------------------ list

class ListCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("list"); }
    QString summary() const override { return QStringLiteral("List tasks, newest first."); }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("status"),
                QStringLiteral("Only this status (PENDING, RUNNING, COMPLETED, FAILED); repeat "
                               "or separate with commas for several."),
                QStringLiteral("S")},
            {QStringLiteral("queue"), QStringLiteral("Only this queue."), QStringLiteral("Q")},
            {QStringLiteral("kind"), QStringLiteral("Only this kind."), QStringLiteral("K")},
            {QStringLiteral("search"),
                QStringLiteral("Name, kind, worker or error text containing TEXT, or the id TEXT "
                               "(at most 1000 characters)."),
                QStringLiteral("TEXT")},
            {QStringLiteral("stuck"),
                QStringLiteral("Only RUNNING tasks whose heartbeat is older than the heartbeat "
                               "timeout.")},
            {QStringLiteral("heartbeat-seconds"),
                QStringLiteral("The heartbeat timeout that makes a task stuck (default 60)."),
                QStringLiteral("S")},
            {QStringLiteral("sort"), QStringLiteral("Sort by: ") + kSortNames + QLatin1Char('.'),
                QStringLiteral("COLUMN")},
            {QStringLiteral("asc"), QStringLiteral("Ascending order (default descending).")},
            {QStringLiteral("limit"), QStringLiteral("At most N tasks, 1 … 1000000 (default 100)."),
                QStringLiteral("N")},
            sourceOption(),
        };
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl list --status running --stuck"),
            QStringLiteral("taskdeskctl list --status pending,failed --queue nightly --sort "
                           "created --asc"),
            QStringLiteral("taskdeskctl --json list --search backup | jq '.[].id'")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        Result<QVector<TaskStatus>> statuses
            = parseStatuses(parser.values(QStringLiteral("status")));
        if (!statuses.ok())
            return statuses.error();
        m_filter.statuses = *statuses;
        m_filter.queue = parser.value(QStringLiteral("queue"));
        m_filter.kind = parser.value(QStringLiteral("kind"));
        m_filter.search = parser.value(QStringLiteral("search"));
        m_filter.stuckOnly = parser.isSet(QStringLiteral("stuck"));
        if (parser.isSet(QStringLiteral("heartbeat-seconds"))) {
            Result<StuckThresholds> t
                = parseThresholds({}, parser.value(QStringLiteral("heartbeat-seconds")));
            if (!t.ok())
                return t.error();
            m_filter.stuckHeartbeatMs = t->heartbeatTimeoutMs;
        }
        if (parser.isSet(QStringLiteral("sort"))) {
            const QString sort = parser.value(QStringLiteral("sort"));
            const std::optional<TaskFilter::Sort> column = TaskFilter::parseSort(sort);
            if (!column)
                return Error::invalid(
                    QStringLiteral("unknown sort column '%1' (expected one of: %2)")
                        .arg(sort, kSortNames));
            m_filter.sort = *column;
        }
        m_filter.descending = !parser.isSet(QStringLiteral("asc"));
        if (Error e = parseCount(parser, QStringLiteral("limit"), 1, 1000000, m_filter.limit))
            return e;
        return parseSourceOption(parser, m_source);
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        if (!m_source.isEmpty())
            return listSourceRows(context, m_source, m_filter);
        Result<QVector<Task>> tasks = context.store().reader().list(m_filter);
        if (!tasks.ok())
            return context.fail(tasks.error());
        if (context.json()) {
            QJsonArray array;
            for (const Task &task : std::as_const(tasks.value()))
                array.append(taskJson(task, m_filter.stuckHeartbeatMs));
            context.console().printJson(array);
            return ExitOk;
        }
        if (tasks->isEmpty()) {
            context.console().print(QStringLiteral("No tasks."));
            return ExitOk;
        }
        TablePrinter table({{QStringLiteral("ID"), TablePrinter::Align::Right},
            {QStringLiteral("STATUS")}, {QStringLiteral("NAME"), TablePrinter::Align::Left, 40},
            {QStringLiteral("KIND"), TablePrinter::Align::Left, 24},
            {QStringLiteral("QUEUE"), TablePrinter::Align::Left, 16},
            {QStringLiteral("PRI"), TablePrinter::Align::Right},
            {QStringLiteral("PROGRESS"), TablePrinter::Align::Right},
            {QStringLiteral("ATTEMPT"), TablePrinter::Align::Right},
            {QStringLiteral("WORKER"), TablePrinter::Align::Left, 24},
            {QStringLiteral("HEARTBEAT")}, {QStringLiteral("CREATED")},
            {QStringLiteral("UPDATED")}});
        for (const Task &t : std::as_const(tasks.value())) {
            table.addRow({QString::number(t.id), statusText(t, m_filter.stuckHeartbeatMs), t.name,
                t.kind, t.queue, QString::number(t.priority), progressText(t),
                QStringLiteral("%1/%2").arg(t.attempt).arg(t.maxAttempts), dash(t.workerId),
                t.status == TaskStatus::Running ? age(t.heartbeatAt, t.dbNow) : QStringLiteral("-"),
                localTime(t.createdAt), age(t.updatedAt, t.dbNow)});
        }
        context.console().print(table.lines());
        if (tasks->size() == m_filter.limit) {
            Result<qint64> total = context.store().reader().count(m_filter);
            if (total.ok() && *total > tasks->size())
                context.console().print(
                    QStringLiteral("(%1 of %2 tasks shown; use --limit to see more)")
                        .arg(tasks->size())
                        .arg(*total));
        }
        return ExitOk;
    }

private:
    TaskFilter m_filter;
    QString m_source;
};

// ------------------------------------------------------------------ show

class ShowCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("show"); }
    QString summary() const override
    {
        return QStringLiteral("Show one task: its fields, items and last log lines.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("ID"), QStringLiteral("The task's id.")}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("log-lines"),
                QStringLiteral("How many of the last log lines to show, 0 … 10000 (default 20)."),
                QStringLiteral("N")},
            sourceOption()};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        Result<qint64> id = parseTaskId(arguments.constFirst());
        if (!id.ok())
            return id.error();
        m_id = *id;
        if (Error e = parseCount(parser, QStringLiteral("log-lines"), 0, 10000, m_logLines))
            return e;
        return parseSourceOption(parser, m_source);
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        if (!m_source.isEmpty())
            return showSourceRow(context, m_source, m_id);
        TaskStore &store = context.store();
        Result<Task> task = store.reader().task(m_id);
        if (!task.ok())
            return context.fail(task.error());
        Result<QVector<TaskItem>> items = store.reader().items(m_id);
        if (!items.ok())
            return context.fail(items.error());
        QVector<LogLine> log;
        if (m_logLines > 0) {
            Result<QVector<LogLine>> lines = readLog(store, m_id, 0, m_logLines);
            if (!lines.ok())
                return context.fail(lines.error());
            log = *lines;
        }
        if (context.json()) {
            QJsonArray itemArray;
            for (const TaskItem &item : std::as_const(items.value()))
                itemArray.append(itemJson(item));
            QJsonArray logArray;
            for (const LogLine &line : std::as_const(log))
                logArray.append(logLineJson(line));
            context.console().printJson(QJsonObject{{QStringLiteral("task"), taskJson(*task)},
                {QStringLiteral("items"), itemArray}, {QStringLiteral("log"), logArray}});
            return ExitOk;
        }
        printHuman(context.console(), *task, *items, log);
        return ExitOk;
    }

private:
    void printHuman(Console &console, const Task &t, const QVector<TaskItem> &items,
        const QVector<LogLine> &log) const
    {
        const qint64 now = t.dbNow;
        console.print(QStringLiteral("Task %1: %2").arg(t.id).arg(t.name));
        TablePrinter fields({{}, {}});
        QString status = statusText(t, 60000);
        if (t.status == TaskStatus::Running && t.heartbeatAt > 0)
            status += QStringLiteral(", last heartbeat ") + age(t.heartbeatAt, now);
        fields.addRow({QStringLiteral("  Status"), status});
        fields.addRow({QStringLiteral("  Outcome"), dash(t.outcome)});
        fields.addRow({QStringLiteral("  Kind"), t.kind});
        fields.addRow({QStringLiteral("  Queue"), t.queue});
        fields.addRow({QStringLiteral("  Priority"), QString::number(t.priority)});
        fields.addRow({QStringLiteral("  Attempt"),
            QStringLiteral("%1 of %2").arg(t.attempt).arg(t.maxAttempts)});
        // Done counts the items done well; the failed ones are named beside.
        QString progress = progressText(t);
        if (t.itemsTotal > 0)
            progress += t.itemsFailed > 0 ? QStringLiteral(" done, %1 failed").arg(t.itemsFailed)
                                          : QStringLiteral(" done");
        fields.addRow({QStringLiteral("  Progress"), progress});
        fields.addRow({QStringLiteral("  Worker"), dash(t.workerId)});
        fields.addRow({QStringLiteral("  Time limit"),
            t.timeLimitS > 0 ? duration(qint64(t.timeLimitS) * 1000) : QStringLiteral("none")});
        fields.addRow({QStringLiteral("  Created"), timeWithAge(t.createdAt, now)});
        fields.addRow({QStringLiteral("  Run after"), timeWithAge(t.runAfter, now)});
        fields.addRow({QStringLiteral("  Started"), timeWithAge(t.startedAt, now)});
        fields.addRow({QStringLiteral("  Heartbeat"), timeWithAge(t.heartbeatAt, now)});
        fields.addRow({QStringLiteral("  Completed"), timeWithAge(t.completedAt, now)});
        fields.addRow({QStringLiteral("  Updated"), timeWithAge(t.updatedAt, now)});
        fields.addRow({QStringLiteral("  Args"), t.args});
        if (!t.errorMessage.isEmpty())
            fields.addRow({QStringLiteral("  Error"), t.errorMessage});
        console.print(fields.lines().mid(1));

        if (!items.isEmpty()) {
            console.print();
            console.print(QStringLiteral("Items (%1)").arg(items.size()));
            TablePrinter table(
                {{QStringLiteral("  #"), TablePrinter::Align::Right}, {QStringLiteral("STATUS")},
                    {QStringLiteral("LABEL"), TablePrinter::Align::Left, 40},
                    {QStringLiteral("STARTED")}, {QStringLiteral("COMPLETED")},
                    {QStringLiteral("ERROR")}});
            for (const TaskItem &item : items)
                table.addRow(
                    {QString::number(item.position + 1), statusName(item.status), item.label,
                        localTime(item.startedAt), localTime(item.completedAt), item.errorMessage});
            console.print(table.lines());
        }
        if (m_logLines > 0) {
            console.print();
            if (log.isEmpty())
                console.print(QStringLiteral("Log: no lines"));
            else if (log.size() < m_logLines)
                console.print(
                    QStringLiteral("Log (%1)").arg(counted(log.size(), QStringLiteral("line"))));
            else
                console.print(QStringLiteral("Log (last %1 lines; 'taskdeskctl logs %2' has all)")
                                  .arg(log.size())
                                  .arg(t.id));
            const QHash<qint64, QString> labels = itemLabels(items);
            for (const LogLine &line : log)
                console.print(QStringLiteral("  ") + logLineText(line, labels));
        }
    }

    qint64 m_id = 0;
    int m_logLines = 20;
    QString m_source;
};

// ------------------------------------------------------------------ logs

class LogsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("logs"); }
    QString summary() const override
    {
        return QStringLiteral("Print a task's log; --follow keeps printing new lines.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "With --follow, new lines are printed as they arrive until the task is finished "
            "(COMPLETED or FAILED), or until Ctrl-C or SIGTERM; either way the exit code is 0. "
            "With --json, a plain log is one array; a followed log is one JSON object per line.");
    }
    QVector<Argument> arguments() const override
    {
        return {{QStringLiteral("ID"), QStringLiteral("The task's id.")}};
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {{QStringLiteral("f"), QStringLiteral("follow")},
                QStringLiteral("Keep printing new lines until the task is finished.")},
            {QStringLiteral("limit"),
                QStringLiteral("Only the last N lines, 1 … 100000 (default: all)."),
                QStringLiteral("N")},
            {QStringLiteral("interval"),
                QStringLiteral("Seconds between two looks at the database when following, "
                               "0.05 … 60 (default 1)."),
                QStringLiteral("SECONDS")},
            sourceOption(),
        };
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl logs 42 --limit 50"),
            QStringLiteral("taskdeskctl logs 42 --follow")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        Result<qint64> id = parseTaskId(arguments.constFirst());
        if (!id.ok())
            return id.error();
        m_id = *id;
        m_follow = parser.isSet(QStringLiteral("follow"));
        if (Error e = parseCount(parser, QStringLiteral("limit"), 1, 100000, m_limit))
            return e;
        if (Error e = parseSourceOption(parser, m_source))
            return e;
        if (!m_source.isEmpty() && m_follow)
            return Error::invalid(
                QStringLiteral("--follow reads Taskdesk's own log lines; a "
                               "source's log column is read whole (drop --follow)"));
        return parseFollowInterval(parser, m_intervalMs);
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        if (!m_source.isEmpty())
            return showSourceLog(context, m_source, m_id, m_limit);
        TaskStore &store = context.store();
        Result<Task> task = store.reader().task(m_id);
        if (!task.ok())
            return context.fail(task.error());
        Result<QVector<TaskItem>> items = store.reader().items(m_id);
        if (!items.ok())
            return context.fail(items.error());
        m_labels = itemLabels(*items);
        Result<QVector<LogLine>> lines = readLog(store, m_id, 0, m_limit);
        if (!lines.ok())
            return context.fail(lines.error());
        if (!m_follow) {
            if (context.json()) {
                QJsonArray array;
                for (const LogLine &line : std::as_const(lines.value()))
                    array.append(logLineJson(line));
                context.console().printJson(array);
            } else {
                for (const LogLine &line : std::as_const(lines.value()))
                    context.console().print(logLineText(line, m_labels));
            }
            return ExitOk;
        }
        return follow(context, *lines, isFinished(task->status));
    }

private:
    void printStreamed(CtlContext &context, const QVector<LogLine> &lines)
    {
        for (const LogLine &line : lines) {
            if (context.json())
                context.console().printJson(logLineJson(line), true);
            else
                context.console().print(logLineText(line, m_labels));
        }
        context.console().flush();
    }

    int follow(CtlContext &context, const QVector<LogLine> &first, bool finished)
    {
        TaskStore &store = context.store();
        const StopSignal stop;
        // The first read kept the newest lines, so its last id is where to go on.
        qint64 lastId = first.isEmpty() ? 0 : first.constLast().id;
        printStreamed(context, first);
        while (!finished && !stop.requested()) {
            stop.sleep(m_intervalMs);
            if (stop.requested())
                break;
            // The status first: a task that finished has written its last lines
            // in the same transaction, so the read after it sees them all.
            Result<Task> task = store.reader().task(m_id);
            if (!task.ok()) {
                if (task.error().kind() == ErrorKind::NotFound)
                    return context.fail(
                        Error::notFound(QStringLiteral("task %1 was deleted").arg(m_id)));
                return context.fail(task.error());
            }
            finished = isFinished(task->status);
            if (m_labels.isEmpty() && task->itemsTotal > 0) {
                Result<QVector<TaskItem>> items = store.reader().items(m_id);
                if (items.ok())
                    m_labels = itemLabels(*items);
            }
            Result<QVector<LogLine>> lines = readLog(store, m_id, lastId, 0);
            if (!lines.ok())
                return context.fail(lines.error());
            if (!lines->isEmpty())
                lastId = lines->constLast().id;
            printStreamed(context, *lines);
        }
        return ExitOk;
    }

    qint64 m_id = 0;
    bool m_follow = false;
    int m_limit = 0;
    QString m_source;
    int m_intervalMs = 1000;
    QHash<qint64, QString> m_labels;
};

} // namespace

void addTaskCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<EnqueueCommand>());
    registry.add(std::make_unique<ListCommand>());
    registry.add(std::make_unique<ShowCommand>());
    registry.add(std::make_unique<LogsCommand>());
}

} // namespace taskdesk::ctl
