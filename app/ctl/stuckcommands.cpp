#include "stuckcommands.h"

#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/jsonformat.h"
#include "ctl/sourcecommands.h"
#include "ctl/tableprinter.h"

namespace taskdesk::ctl {

namespace {

const QString kThresholdMinutes = QStringLiteral("threshold-minutes");
const QString kHeartbeatSeconds = QStringLiteral("heartbeat-seconds");

QList<QCommandLineOption> thresholdOptions()
{
    return {
        {kThresholdMinutes,
            QStringLiteral("PENDING and due for longer than M minutes is queued-stuck; 1/60 … "
                           "43200 (default 5)."),
            QStringLiteral("M")},
        {kHeartbeatSeconds,
            QStringLiteral("RUNNING without a heartbeat for longer than S seconds is "
                           "running-stuck; 1 … 604800 (default 60)."),
            QStringLiteral("S")},
    };
}

Result<StuckThresholds> thresholdsFrom(const QCommandLineParser &parser)
{
    return parseThresholds(
        parser.isSet(kThresholdMinutes) ? parser.value(kThresholdMinutes) : QString(),
        parser.isSet(kHeartbeatSeconds) ? parser.value(kHeartbeatSeconds) : QString());
}

QString thresholdText(const StuckThresholds &t)
{
    return QStringLiteral("thresholds: queued over %1, no heartbeat for over %2")
        .arg(duration(t.queueThresholdMs), duration(t.heartbeatTimeoutMs));
}

// "3000", or "showing 1000 of 3000" when the list is cut.
QString shownOf(qint64 shown, qint64 total)
{
    return shown < total ? QStringLiteral("showing %1 of %2").arg(shown).arg(total)
                         : QString::number(total);
}

// At most kIdsShown ids on a line, and how many there are.
constexpr int kIdsShown = 20;
QString idList(const QVector<qint64> &ids, qint64 total)
{
    QStringList texts;
    for (int i = 0; i < ids.size() && i < kIdsShown; ++i)
        texts << QString::number(ids.at(i));
    QString text = texts.join(QStringLiteral(", "));
    if (total > texts.size())
        text += QStringLiteral(", … (ids of %1 of %2 shown; --json lists more)")
                    .arg(texts.size())
                    .arg(total);
    return text;
}

QStringList stuckTables(const StuckReport &report)
{
    QStringList lines;
    const qint64 now = report.monitoredAt;
    if (!report.queued.isEmpty()) {
        lines << QString()
              << QStringLiteral("Queued longer than %1 (%2):")
                     .arg(duration(report.thresholds.queueThresholdMs))
                     .arg(shownOf(report.queued.size(), report.queuedTotal));
        TablePrinter table({{QStringLiteral("  ID"), TablePrinter::Align::Right},
            {QStringLiteral("NAME"), TablePrinter::Align::Left, 40},
            {QStringLiteral("KIND"), TablePrinter::Align::Left, 24}, {QStringLiteral("QUEUE")},
            {QStringLiteral("WAITING")}, {QStringLiteral("CREATED")}});
        for (const StuckTask &s : report.queued)
            table.addRow({QString::number(s.task.id), s.task.name, s.task.kind, s.task.queue,
                duration(s.ageMs), timeWithAge(s.task.createdAt, now)});
        lines << table.lines();
    }
    if (!report.running.isEmpty()) {
        lines << QString()
              << QStringLiteral("Running without a heartbeat for %1 (%2):")
                     .arg(duration(report.thresholds.heartbeatTimeoutMs))
                     .arg(shownOf(report.running.size(), report.runningTotal));
        TablePrinter table({{QStringLiteral("  ID"), TablePrinter::Align::Right},
            {QStringLiteral("NAME"), TablePrinter::Align::Left, 40},
            {QStringLiteral("KIND"), TablePrinter::Align::Left, 24}, {QStringLiteral("WORKER")},
            {QStringLiteral("ATTEMPT"), TablePrinter::Align::Right},
            {QStringLiteral("LAST HEARTBEAT")}, {QStringLiteral("STARTED")}});
        for (const StuckTask &s : report.running)
            table.addRow(
                {QString::number(s.task.id), s.task.name, s.task.kind, dash(s.task.workerId),
                    QStringLiteral("%1/%2").arg(s.task.attempt).arg(s.task.maxAttempts),
                    age(s.task.heartbeatAt, now), timeWithAge(s.task.startedAt, now)});
        lines << table.lines();
    }
    return lines;
}

// ------------------------------------------------------------------ stuck

class StuckCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("stuck"); }
    QString summary() const override
    {
        return QStringLiteral("Report stuck tasks: queued too long, or running without heartbeat.");
    }
    QString description() const override
    {
        return QStringLiteral("Changes nothing; 'taskdeskctl cleanup' acts on the same report. "
                              "With --json, the report has the shape of the README.");
    }
    QList<QCommandLineOption> options() const override
    {
        return thresholdOptions() << QCommandLineOption(QStringLiteral("limit"),
                   QStringLiteral("At most N tasks of each kind, 1 … 100000 (default 1000)."),
                   QStringLiteral("N"))
                                  << sourceOption();
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl stuck"),
            QStringLiteral("taskdeskctl --json stuck --threshold-minutes 30 --heartbeat-seconds "
                           "120 | jq .stuck_jobs.total")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        Result<StuckThresholds> thresholds = thresholdsFrom(parser);
        if (!thresholds.ok())
            return thresholds.error();
        m_thresholds = *thresholds;
        if (Error e = parseCount(parser, QStringLiteral("limit"), 1, 100000, m_limit))
            return e;
        return parseSourceOption(parser, m_source);
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        // A source's own rules (sources edit --queued-minutes, --running-minutes).
        if (!m_source.isEmpty())
            return showSourceStuck(context, m_source, m_limit);
        Result<StuckReport> report = context.store().stuck().stuckReport(m_thresholds, m_limit);
        if (!report.ok())
            return context.fail(report.error());
        if (context.json()) {
            context.console().printJson(stuckReportJson(*report));
            return ExitOk;
        }
        const StuckReport &r = *report;
        context.console().print(QStringLiteral("%1 at %2: %3 queued, %4 running (%5)")
                                    .arg(counted(r.total(), QStringLiteral("stuck task")))
                                    .arg(localTime(r.monitoredAt))
                                    .arg(r.queuedTotal)
                                    .arg(r.runningTotal)
                                    .arg(thresholdText(r.thresholds)));
        if (r.truncated())
            context.console().print(
                QStringLiteral("The lists show at most %1 of each kind (--limit).")
                    .arg(counted(m_limit, QStringLiteral("task"))));
        context.console().print(stuckTables(r));
        if (r.total() > 0) {
            context.console().print();
            context.console().print(
                QStringLiteral("Consider 'taskdeskctl cleanup' (add --dry-run to preview)."));
        }
        return ExitOk;
    }

private:
    StuckThresholds m_thresholds;
    int m_limit = 1000;
    QString m_source;
};

// ------------------------------------------------------------------ cleanup

class CleanupCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("cleanup"); }
    QString summary() const override
    {
        return QStringLiteral("Fail or re-queue the stuck tasks (--dry-run to preview).");
    }
    QString description() const override
    {
        return QStringLiteral(
            "mark_failed: queued-stuck tasks become FAILED/stuck_swept and running-stuck tasks "
            "FAILED/worker_lost. retry: running-stuck tasks are re-queued now (one more attempt "
            "is granted where none is left); queued-stuck tasks keep waiting. Each change writes "
            "a log line and an audit row naming the operator.");
    }
    QList<QCommandLineOption> options() const override
    {
        return thresholdOptions() << QCommandLineOption(QStringLiteral("action"),
                   QStringLiteral("mark_failed (default) or retry."), QStringLiteral("A"))
                                  << QCommandLineOption(QStringLiteral("dry-run"),
                                         QStringLiteral(
                                             "Show what would be cleaned up; change nothing."))
                                  << QCommandLineOption(QStringLiteral("limit"),
                                         QStringLiteral("A dry run lists at most N tasks of each "
                                                        "kind, 1 … 100000 (default 1000); its "
                                                        "counts are always whole."),
                                         QStringLiteral("N"))
                                  << sourceOption();
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl cleanup --dry-run"),
            QStringLiteral(
                "taskdeskctl --as alice cleanup --action retry --heartbeat-seconds 300")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        Result<StuckThresholds> thresholds = thresholdsFrom(parser);
        if (!thresholds.ok())
            return thresholds.error();
        m_thresholds = *thresholds;
        if (parser.isSet(QStringLiteral("action"))) {
            const QString text = parser.value(QStringLiteral("action"));
            const std::optional<CleanupAction> action = parseCleanupAction(text);
            if (!action)
                return Error::invalid(
                    QStringLiteral("unknown action '%1' (expected mark_failed or retry)")
                        .arg(text));
            m_action = *action;
        }
        m_dryRun = parser.isSet(QStringLiteral("dry-run"));
        if (Error e = parseCount(parser, QStringLiteral("limit"), 1, 100000, m_limit))
            return e;
        return parseSourceOption(parser, m_source);
    }
    Access access() const override { return m_dryRun ? Access::Read : Access::Write; }

    int run(CtlContext &context) override
    {
        if (!m_source.isEmpty())
            return cleanUpSource(context, m_source,
                m_action == CleanupAction::Retry ? SourceStuckRules::Action::Retry
                                                 : SourceStuckRules::Action::MarkFailed,
                m_dryRun, m_limit);
        std::optional<StuckReport> stuck;
        CleanupReport report;
        if (m_dryRun) {
            // What cleanup() would select now: the same thresholds, the same rules.
            Result<StuckReport> r = context.store().stuck().stuckReport(m_thresholds, m_limit);
            if (!r.ok())
                return context.fail(r.error());
            stuck = *r;
            report.action = m_action;
            report.thresholds = m_thresholds;
            report.cleanedAt = r->monitoredAt;
            report.dryRun = true;
            report.queuedCount = m_action == CleanupAction::MarkFailed ? r->queuedTotal : 0;
            report.runningCount = r->runningTotal;
            for (const StuckTask &s : r->running)
                (m_action == CleanupAction::Retry ? report.runningRequeued : report.runningFailed)
                    .append(s.task.id);
            if (m_action == CleanupAction::MarkFailed) {
                for (const StuckTask &s : r->queued)
                    report.queuedFailed.append(s.task.id);
            }
        } else {
            Result<CleanupReport> r = context.store().stuck().cleanup(m_thresholds, m_action);
            if (!r.ok())
                return context.fail(r.error());
            report = *r;
        }
        if (context.json()) {
            context.console().printJson(report.toJson());
            return ExitOk;
        }
        printHuman(context.console(), report, stuck);
        return ExitOk;
    }

private:
    static void printHuman(
        Console &console, const CleanupReport &report, const std::optional<StuckReport> &stuck)
    {
        const qint64 n = report.total();
        const auto verb = [&report](qint64 count) {
            return report.dryRun ? QStringLiteral("would be") : wasWere(count);
        };
        QString head;
        if (report.dryRun)
            head = QStringLiteral("Dry run (%1): %2 would be cleaned up; nothing was changed.")
                       .arg(cleanupActionName(report.action))
                       .arg(counted(n, QStringLiteral("stuck task")));
        else
            head = n == 0 ? QStringLiteral("No stuck tasks to clean up (%1).")
                                .arg(thresholdText(report.thresholds))
                          : QStringLiteral("Cleaned up %1 (%2).")
                                .arg(counted(n, QStringLiteral("stuck task")))
                                .arg(cleanupActionName(report.action));
        console.print(head);
        if (report.leftAlone() > 0)
            console.print(QStringLiteral("  %1 of the %2 found had changed meanwhile and %3 left "
                                         "alone.")
                              .arg(report.leftAlone())
                              .arg(counted(report.named, QStringLiteral("stuck task")),
                                  wasWere(report.leftAlone())));
        const qint64 running = report.runningTotal();
        if (report.queuedTotal() > 0)
            console.print(QStringLiteral("  %1 %2 marked FAILED (stuck_swept): %3")
                              .arg(counted(report.queuedTotal(), QStringLiteral("queued task")),
                                  verb(report.queuedTotal()),
                                  idList(report.queuedFailed, report.queuedTotal())));
        if (!report.runningFailed.isEmpty())
            console.print(QStringLiteral("  %1 %2 marked FAILED (worker_lost): %3")
                              .arg(counted(report.dryRun ? running : report.runningFailed.size(),
                                       QStringLiteral("running task")),
                                  verb(report.dryRun ? running : report.runningFailed.size()),
                                  idList(report.runningFailed,
                                      report.dryRun ? running : report.runningFailed.size())));
        if (!report.runningRequeued.isEmpty())
            console.print(QStringLiteral("  %1 %2 re-queued: %3")
                              .arg(counted(report.dryRun ? running : report.runningRequeued.size(),
                                       QStringLiteral("running task")),
                                  verb(report.dryRun ? running : report.runningRequeued.size()),
                                  idList(report.runningRequeued,
                                      report.dryRun ? running : report.runningRequeued.size())));
        if (stuck) {
            if (report.action == CleanupAction::Retry && stuck->queuedTotal > 0)
                console.print(QStringLiteral("  %1 would keep waiting (retry leaves queued "
                                             "tasks alone)")
                                  .arg(counted(stuck->queuedTotal, QStringLiteral("queued task"))));
            console.print(stuckTables(*stuck));
        }
    }

    StuckThresholds m_thresholds;
    CleanupAction m_action = CleanupAction::MarkFailed;
    bool m_dryRun = false;
    QString m_source;
    int m_limit = 1000;
};

} // namespace

void addStuckCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<StuckCommand>());
    registry.add(std::make_unique<CleanupCommand>());
}

} // namespace taskdesk::ctl
