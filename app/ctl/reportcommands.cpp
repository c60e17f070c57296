#include "reportcommands.h"

#include "core/auditchain.h"
#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/jsonformat.h"
#include "ctl/sourcecommands.h"
#include "ctl/tableprinter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace taskdesk::ctl {

namespace {

// ------------------------------------------------------------------ stats

class StatsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("stats"); }
    QString summary() const override
    {
        return QStringLiteral("Counts by status, throughput and failures over the last hours.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("hours"), QStringLiteral("The window, 1 … 8784 hours (default 24)."),
                QStringLiteral("H")},
            sourceOption()};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        if (parser.isSet(QStringLiteral("hours"))) {
            Result<qint64> h = parseInteger(
                parser.value(QStringLiteral("hours")), QStringLiteral("--hours"), 1, 24 * 366);
            if (!h.ok())
                return h.error();
            m_hours = int(*h);
        }
        return parseSourceOption(parser, m_source);
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        // A source's counts now (its table keeps no history of throughput).
        if (!m_source.isEmpty())
            return showSourceStats(context, m_source);
        Result<Stats> stats = context.store().reader().stats(m_hours);
        if (!stats.ok())
            return context.fail(stats.error());
        if (context.json()) {
            context.console().printJson(statsJson(*stats));
            return ExitOk;
        }
        const Stats &s = *stats;
        Console &console = context.console();
        console.print(QStringLiteral("Tasks by status"));
        TablePrinter counts({{}, {{}, TablePrinter::Align::Right}, {}});
        for (const QString &status : allStatusNames()) {
            const qint64 n = s.counts.byStatus.value(*parseStatus(status));
            counts.addRow({QStringLiteral("  ") + status, QString::number(n), QString()});
        }
        counts.addRow({QStringLiteral("  stuck"), QString::number(s.counts.stuck),
            QStringLiteral("(%1 queued, %2 running)")
                .arg(s.counts.stuckQueued)
                .arg(s.counts.stuckRunning)});
        counts.addRow({QStringLiteral("  total"), QString::number(s.counts.total())});
        console.print(counts.lines().mid(1));
        console.print();
        console.print(QStringLiteral("Last %1 h (%2 to %3)")
                          .arg(s.hours)
                          .arg(localTime(s.from), localTime(s.to)));
        const qint64 finished = s.completedInWindow + s.failedInWindow;
        TablePrinter window({{}, {}});
        window.addRow({QStringLiteral("  completed"), QString::number(s.completedInWindow)});
        window.addRow({QStringLiteral("  failed"), QString::number(s.failedInWindow)});
        window.addRow({QStringLiteral("  throughput"),
            QStringLiteral("%1 per hour").arg(double(finished) / s.hours, 0, 'f', 1)});
        window.addRow({QStringLiteral("  failure rate"),
            finished > 0 ? QStringLiteral("%1 %").arg(
                100.0 * double(s.failedInWindow) / double(finished), 0, 'f', 1)
                         : QStringLiteral("-")});
        window.addRow({QStringLiteral("  average duration"),
            s.averageDurationMs > 0 ? duration(qint64(s.averageDurationMs)) : QStringLiteral("-")});
        QStringList outcomes;
        for (auto it = s.outcomes.constBegin(); it != s.outcomes.constEnd(); ++it)
            outcomes << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
        window.addRow({QStringLiteral("  outcomes"),
            outcomes.isEmpty() ? QStringLiteral("-") : outcomes.join(QStringLiteral(", "))});
        console.print(window.lines().mid(1));
        return ExitOk;
    }

private:
    int m_hours = 24;
    QString m_source;
};

// ------------------------------------------------------------------ audit

class AuditCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("audit"); }
    QString summary() const override
    {
        return QStringLiteral("The audit log, newest first: who did what to which task.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("limit"),
                QStringLiteral("At most N entries, 1 … 100000 (default 100)."),
                QStringLiteral("N")},
            {QStringLiteral("search"),
                QStringLiteral("Entries whose operator, database role, action, task name or "
                               "details contain TEXT (at most 1000 characters)."),
                QStringLiteral("TEXT")},
            {QStringLiteral("task"), QStringLiteral("Only the entries of task ID."),
                QStringLiteral("ID")},
            {QStringLiteral("action"),
                QStringLiteral("Only this action (enqueue, cancel, force_stop, restart, delete, "
                               "sweep, cleanup, …)."),
                QStringLiteral("A")},
            {QStringLiteral("verify"),
                QStringLiteral("Check the hash chain of the whole log instead: prints OK and the "
                               "number of rows checked, or each row where the chain breaks (an "
                               "edited row, removed rows) and exits 1.")},
        };
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl audit --task 42"),
            QStringLiteral("taskdeskctl audit --search alice --limit 20"),
            QStringLiteral("taskdeskctl audit --verify")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        if (Error e = parseCount(parser, QStringLiteral("limit"), 1, 100000, m_filter.limit))
            return e;
        if (parser.isSet(QStringLiteral("task"))) {
            Result<qint64> id = parseTaskId(parser.value(QStringLiteral("task")));
            if (!id.ok())
                return id.error();
            m_filter.taskId = *id;
        }
        m_filter.search = parser.value(QStringLiteral("search"));
        m_filter.action = parser.value(QStringLiteral("action"));
        m_verify = parser.isSet(QStringLiteral("verify"));
        return {};
    }
    Access access() const override { return Access::Read; }

    int verify(CtlContext &context)
    {
        Result<AuditVerification> result = AuditChain::verify(context.database());
        if (!result.ok())
            return context.fail(result.error());
        const AuditVerification &v = *result;
        if (context.json()) {
            QJsonArray breaks;
            for (const AuditChainBreak &b : v.breaks)
                breaks.append(
                    QJsonObject{{QStringLiteral("id"), b.id > 0 ? QJsonValue(b.id) : QJsonValue()},
                        {QStringLiteral("reason"), b.reason}});
            context.console().printJson(QJsonObject{{QStringLiteral("ok"), v.ok()},
                {QStringLiteral("checked"), v.checked}, {QStringLiteral("unchained"), v.unchained},
                {QStringLiteral("last_id"), v.lastId}, {QStringLiteral("breaks"), breaks}});
        } else if (v.ok()) {
            QString line
                = QStringLiteral("OK: the audit chain holds (%1 rows checked").arg(v.checked);
            if (v.unchained > 0)
                line += QStringLiteral("; %1 older rows from before the chain began are not "
                                       "covered")
                            .arg(v.unchained);
            context.console().print(line + QStringLiteral(")."));
        } else {
            for (const AuditChainBreak &b : v.breaks)
                context.console().print(QStringLiteral("BROKEN: ") + b.reason);
            context.console().print(
                QStringLiteral("%1 rows checked; the audit log was changed outside Taskdesk.")
                    .arg(v.checked));
        }
        return v.ok() ? ExitOk : ExitRefused;
    }

    int run(CtlContext &context) override
    {
        if (m_verify)
            return verify(context);
        AuditLog audit(context.database());
        Result<QVector<AuditEntry>> entries = audit.list(m_filter);
        if (!entries.ok())
            return context.fail(entries.error());
        if (context.json()) {
            QJsonArray array;
            for (const AuditEntry &e : std::as_const(entries.value()))
                array.append(auditJson(e));
            context.console().printJson(array);
            return ExitOk;
        }
        if (entries->isEmpty()) {
            context.console().print(QStringLiteral("No audit entries."));
            return ExitOk;
        }
        Result<qint64> now = context.database().now();
        if (!now.ok())
            return context.fail(now.error());
        TablePrinter table({{QStringLiteral("ID"), TablePrinter::Align::Right},
            {QStringLiteral("TIME")}, {QStringLiteral("AGE")},
            {QStringLiteral("OPERATOR"), TablePrinter::Align::Left, 24},
            {QStringLiteral("DB ROLE"), TablePrinter::Align::Left, 24},
            {QStringLiteral("HOST"), TablePrinter::Align::Left, 24}, {QStringLiteral("ACTION")},
            {QStringLiteral("TASK"), TablePrinter::Align::Right},
            {QStringLiteral("NAME"), TablePrinter::Align::Left, 32}, {QStringLiteral("CHANGE")},
            {QStringLiteral("DETAILS"), TablePrinter::Align::Left, 100}});
        for (const AuditEntry &e : std::as_const(entries.value())) {
            QString change;
            if (!e.beforeStatus.isEmpty() || !e.afterStatus.isEmpty())
                change = dash(e.beforeStatus) + QStringLiteral(" -> ") + dash(e.afterStatus);
            table.addRow({QString::number(e.id), localTime(e.at), age(e.at, *now), e.actor,
                dash(e.dbRole), dash(e.host), e.action,
                e.taskId > 0 ? QString::number(e.taskId) : QStringLiteral("-"), dash(e.taskName),
                dash(change), auditDetailsText(e.details)});
        }
        context.console().print(table.lines());
        return ExitOk;
    }

private:
    AuditFilter m_filter;
    bool m_verify = false;
};

} // namespace

void addReportCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<StatsCommand>());
    registry.add(std::make_unique<AuditCommand>());
}

} // namespace taskdesk::ctl
