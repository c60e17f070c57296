#include "sweepcommands.h"

#include "core/scheduling/sweeper.h"
#include "core/settings.h"
#include "ctl/arguments.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/runtimesupport.h"
#include "ctl/tableprinter.h"

#include <QJsonArray>

#include <algorithm>

namespace taskdesk::ctl {

namespace {

QString rulesText(const SweeperRules &r)
{
    return QStringLiteral("heartbeat timeout %1, queue threshold %2, queue policy %3, a task "
                          "fails after %4 lost workers in a row, a re-queued one waits %5 "
                          "doubled each attempt up to %6")
        .arg(duration(r.heartbeatTimeoutMs), duration(r.queueThresholdMs),
            Settings::queuePolicyName(r.queuePolicy))
        .arg(r.poisonRescues)
        .arg(duration(r.retryBaseMs), duration(r.retryCapMs));
}

// ------------------------------------------------------------------ sweep

class SweepCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sweep"); }
    QString summary() const override
    {
        return QStringLiteral("Run one sweeper pass now with the stored rules (--dry-run to "
                              "preview).");
    }
    QString description() const override
    {
        return QStringLiteral(
            "The sweeper's rules come from the settings ('taskdeskctl settings'): a RUNNING "
            "task whose heartbeat is older than the heartbeat timeout is re-queued with backoff "
            "while attempts remain, else FAILED (worker_lost), and FAILED after the set number "
            "of lost workers in a row; a task PENDING past the queue threshold is reported, or "
            "FAILED (stuck_swept) with the mark_failed policy; a worker without a heartbeat is "
            "marked lost. Each decision writes a task log line and an audit row by 'sweeper'. "
            "Refused (exit 1) while another sweeper is active, as in a running 'taskdeskctl "
            "supervise' or Taskdesk app: that one sweeps already. --dry-run changes nothing.");
    }
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("dry-run"),
                    QStringLiteral("Show what a pass would do now; change nothing.")},
            {QStringLiteral("limit"),
                QStringLiteral("A dry run lists at most N tasks of each kind, 1 … 100000 "
                               "(default 1000); its counts are always whole."),
                QStringLiteral("N")}};
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl sweep --dry-run"),
            QStringLiteral("taskdeskctl --json sweep | jq .requeued_ids")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        m_dryRun = parser.isSet(QStringLiteral("dry-run"));
        if (Error e = parseCount(parser, QStringLiteral("limit"), 1, 100000, m_limit))
            return e;
        return {};
    }
    Access access() const override { return m_dryRun ? Access::Read : Access::Write; }

    int run(CtlContext &context) override
    {
        Sweeper sweeper(context.database());
        Result<SweepReport> report = m_dryRun ? sweeper.dryRun(m_limit) : sweeper.sweepNow();
        if (!report.ok())
            return context.fail(report.error());
        if (context.json()) {
            context.console().printJson(report->toJson());
            return ExitOk;
        }
        printHuman(context.console(), *report);
        return ExitOk;
    }

private:
    // At most kIdsShown ids on a line, and how many there are.
    static QString idsOf(const QVector<qint64> &ids, qint64 total)
    {
        constexpr int kIdsShown = 20;
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

    static void printHuman(Console &console, const SweepReport &r)
    {
        const CleanupReport &t = r.tasks;
        const auto verb = [&r](qint64 n) {
            return r.dryRun ? QStringLiteral("would be") : wasWere(n);
        };
        const qint64 acted = t.total();
        if (r.dryRun)
            console.print(QStringLiteral("Dry run: %1 would be changed, %2 reported, %3 would be "
                                         "marked lost; nothing was changed.")
                              .arg(counted(acted, QStringLiteral("task")))
                              .arg(r.reportedTotal())
                              .arg(counted(r.workersLost.size(), QStringLiteral("worker"))));
        else if (r.isEmpty())
            console.print(QStringLiteral("Swept: nothing is stuck."));
        else
            console.print(QStringLiteral("Swept: %1 changed, %2 reported, %3 marked lost.")
                              .arg(counted(acted, QStringLiteral("task")))
                              .arg(r.reportedTotal())
                              .arg(counted(r.workersLost.size(), QStringLiteral("worker"))));
        console.print(QStringLiteral("  rules: ") + rulesText(r.rules));
        if (r.stuck && r.stuck->truncated())
            console.print(
                QStringLiteral("  The lists show at most %1 of each kind (--limit); the "
                               "counts are whole.")
                    .arg(counted(std::max(r.stuck->queued.size(), r.stuck->running.size()),
                        QStringLiteral("task"))));
        if (r.requeuedTotal() > 0)
            console.print(
                QStringLiteral("  %1 %2 re-queued (lost worker): %3")
                    .arg(counted(r.requeuedTotal(), QStringLiteral("running task")),
                        verb(r.requeuedTotal()), idsOf(t.runningRequeued, r.requeuedTotal())));
        if (r.runningFailedTotal() > 0)
            console.print(QStringLiteral("  %1 %2 marked FAILED (worker_lost): %3")
                              .arg(counted(r.runningFailedTotal(), QStringLiteral("running task")),
                                  verb(r.runningFailedTotal()),
                                  idsOf(t.runningFailed, r.runningFailedTotal())));
        if (t.queuedTotal() > 0)
            console.print(QStringLiteral("  %1 %2 marked FAILED (stuck_swept): %3")
                              .arg(counted(t.queuedTotal(), QStringLiteral("queued task")),
                                  verb(t.queuedTotal()), idsOf(t.queuedFailed, t.queuedTotal())));
        if (r.reportedTotal() > 0) {
            QVector<qint64> ids;
            for (const StuckTask &s : r.queuedReported)
                ids << s.task.id;
            console.print(
                QStringLiteral("  %1 waiting longer than %2 (reported only; the policy is "
                               "report): %3")
                    .arg(counted(r.reportedTotal(), QStringLiteral("queued task")))
                    .arg(duration(r.rules.queueThresholdMs), idsOf(ids, r.reportedTotal())));
        }
        for (const LostWorker &w : r.workersLost)
            console.print(QStringLiteral("  worker %1 on %2 (pid %3) %4 marked lost: no heartbeat "
                                         "for %5")
                              .arg(w.id, dash(w.host))
                              .arg(w.pid)
                              .arg(verb(1), duration(w.ageMs)));
    }

    bool m_dryRun = false;
    int m_limit = 1000;
};

// ------------------------------------------------------------------ settings [list]

QJsonObject settingJson(const SettingSpec &spec, const QString &value)
{
    QJsonObject o{
        {QStringLiteral("key"), spec.key},
        {QStringLiteral("value"), value},
        {QStringLiteral("default"), spec.defaultValue},
        {QStringLiteral("is_default"), value == spec.defaultValue},
        {QStringLiteral("unit"), textOrNull(spec.unit)},
        {QStringLiteral("description"), spec.description},
    };
    if (spec.isText()) {
        o.insert(QStringLiteral("allowed"), spec.allowed);
    } else if (spec.choices.isEmpty()) {
        o.insert(QStringLiteral("minimum"), spec.minimum);
        o.insert(QStringLiteral("maximum"), spec.maximum);
    } else {
        o.insert(QStringLiteral("choices"), QJsonArray::fromStringList(spec.choices));
    }
    return o;
}

QString allowedText(const SettingSpec &spec)
{
    if (spec.isText())
        return spec.allowed;
    if (!spec.choices.isEmpty())
        return spec.choices.join(QLatin1Char('|'));
    return QStringLiteral("%1 … %2%3")
        .arg(spec.minimum)
        .arg(spec.maximum)
        .arg(spec.unit.isEmpty() ? QString() : QLatin1Char(' ') + spec.unit);
}

class SettingsListCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("settings"); }
    QString summary() const override
    {
        return QStringLiteral("Show the sweeper's and the scheduler's rules.");
    }
    QString description() const override
    {
        return QStringLiteral("The values stored in the database, shared by every host; a "
                              "running sweeper or scheduler applies a change at its next pass.");
    }
    QVector<Argument> arguments() const override
    {
        return {
            {QStringLiteral("list"), QStringLiteral("Optional; the same as without it."), true}};
    }

    Error parse(const QCommandLineParser &, const QStringList &arguments) override
    {
        return checkListWord(QStringLiteral("settings"), arguments,
            {QStringLiteral("set"), QStringLiteral("reset")});
    }
    Access access() const override { return Access::Read; }

    int run(CtlContext &context) override
    {
        Settings settings(context.database(), context.actor());
        Result<QMap<QString, QString>> values = settings.values();
        if (!values.ok())
            return context.fail(values.error());
        if (context.json()) {
            QJsonArray array;
            for (const SettingSpec &spec : Settings::specs())
                array.append(settingJson(spec, values->value(spec.key)));
            context.console().printJson(array);
            return ExitOk;
        }
        TablePrinter table({{QStringLiteral("KEY")}, {QStringLiteral("VALUE")},
            {QStringLiteral("DEFAULT")}, {QStringLiteral("ALLOWED")},
            {QStringLiteral("MEANING"), TablePrinter::Align::Left, 90}});
        for (const SettingSpec &spec : Settings::specs())
            table.addRow({spec.key, values->value(spec.key), spec.defaultValue, allowedText(spec),
                spec.description});
        context.console().print(table.lines());
        return ExitOk;
    }
};

// ------------------------------------------------------------------ settings set|reset

class SettingsChangeCommand final : public Command
{
public:
    explicit SettingsChangeCommand(bool reset)
        : m_reset(reset)
    { }

    QString name() const override
    {
        return m_reset ? QStringLiteral("settings reset") : QStringLiteral("settings set");
    }
    QString summary() const override
    {
        return m_reset ? QStringLiteral("Put a setting back to its default.")
                       : QStringLiteral("Change a setting of the sweeper or the scheduler.");
    }
    QString description() const override
    {
        QStringList keys;
        for (const SettingSpec &spec : Settings::specs())
            keys << QStringLiteral("%1 (%2)").arg(spec.key, allowedText(spec));
        return QStringLiteral("Keys: ") + keys.join(QStringLiteral(", "))
            + QStringLiteral(". An unknown key or a value out of range is refused (exit 2). "
                             "Audited under the operator's name.");
    }
    QVector<Argument> arguments() const override
    {
        QVector<Argument> args{{QStringLiteral("KEY"), QStringLiteral("The setting.")}};
        if (!m_reset)
            args.append({QStringLiteral("VALUE"), QStringLiteral("Its new value.")});
        return args;
    }
    QStringList examples() const override
    {
        if (m_reset)
            return {QStringLiteral("taskdeskctl settings reset sweeper.queue_policy")};
        return {QStringLiteral("taskdeskctl settings set sweeper.heartbeat_timeout_s 120"),
            QStringLiteral("taskdeskctl --as alice settings set sweeper.queue_policy "
                           "mark_failed")};
    }

    Error parse(const QCommandLineParser &, const QStringList &arguments) override
    {
        m_key = arguments.at(0);
        if (m_reset) {
            if (!Settings::spec(m_key))
                return Settings::validate(m_key, {});
            return {};
        }
        m_value = arguments.at(1).trimmed();
        return Settings::validate(m_key, m_value);
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        Settings settings(context.database(), context.actor());
        Result<QString> before = settings.value(m_key);
        if (!before.ok())
            return context.fail(before.error());
        if (Error e = m_reset ? settings.reset(m_key) : settings.set(m_key, m_value))
            return context.fail(e);
        Result<QString> after = settings.value(m_key);
        if (!after.ok())
            return context.fail(after.error());
        if (context.json()) {
            context.console().printJson(QJsonObject{{QStringLiteral("key"), m_key},
                {QStringLiteral("value"), *after}, {QStringLiteral("previous"), *before}});
        } else if (*before == *after) {
            context.console().print(QStringLiteral("%1 = %2 (unchanged)").arg(m_key, *after));
        } else {
            context.console().print(QStringLiteral("%1 = %2 (was %3)").arg(m_key, *after, *before));
        }
        return ExitOk;
    }

private:
    bool m_reset;
    QString m_key;
    QString m_value;
};

} // namespace

void addSweepCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<SweepCommand>());
    registry.add(std::make_unique<SettingsListCommand>());
    registry.add(std::make_unique<SettingsChangeCommand>(false));
    registry.add(std::make_unique<SettingsChangeCommand>(true));
}

} // namespace taskdesk::ctl
