#include "dispatcher.h"

#include "ctl/command.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace taskdesk::ctl {

namespace {

const QString kDb = QStringLiteral("db");
const QString kAs = QStringLiteral("as");
const QString kJson = QStringLiteral("json");
const QString kHelp = QStringLiteral("help");
const QString kVersion = QStringLiteral("version");

QList<QCommandLineOption> globalOptions()
{
    return {
        {kDb,
            QStringLiteral("The database: a file path, sqlite:///path or postgresql://…; "
                           "default $TASKDESK_DB, then the user's data folder."),
            QStringLiteral("LOCATION")},
        {kAs,
            QStringLiteral("The operator named in the audit log and in log lines; default the "
                           "OS user."),
            QStringLiteral("NAME")},
        {kJson, QStringLiteral("Machine output: JSON, times as UTC milliseconds.")},
    };
}

const QCommandLineOption &helpOption()
{
    static const QCommandLineOption option({QStringLiteral("h"), kHelp}, QStringLiteral("Help."));
    return option;
}

// "Unknown option 'x'." → "unknown option 'x'"
QString parserMessage(QString text)
{
    text = text.trimmed();
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (!text.isEmpty())
        text[0] = text.at(0).toLower();
    return text;
}

// A command line has no room for a name that breaks the one-line audit view.
Error checkActor(const QString &actor)
{
    if (actor.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("--as needs a name"));
    if (actor.size() > 100)
        return Error::invalid(QStringLiteral("--as takes at most 100 characters"));
    for (const QChar c : actor) {
        if (c.category() == QChar::Other_Control)
            return Error::invalid(QStringLiteral("--as must not contain control characters"));
    }
    return {};
}

} // namespace

Dispatcher::Dispatcher(const CommandRegistry &registry, Console &console)
    : m_registry(registry)
    , m_console(console)
{ }

int Dispatcher::usageError(const QString &message)
{
    m_console.error(message);
    return ExitBadInput;
}

QString Dispatcher::helpText() const
{
    QStringList lines{
        QStringLiteral("Usage: taskdeskctl [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]"),
        QString(),
    };
    lines << wrapText(
        QStringLiteral("Operate Taskdesk's tasks from a shell: enqueue, list, cancel, "
                       "force stop, restart, delete, find and clean up stuck tasks, "
                       "read the audit log; run and supervise worker processes, schedules and "
                       "the sweeper."));
    QVector<QPair<QString, QString>> commands;
    for (const Command *command : m_registry.commands())
        commands.append({QStringLiteral("  ") + command->name(), command->summary()});
    lines << QString() << QStringLiteral("Commands:") << helpColumns(commands);

    QVector<QPair<QString, QString>> options;
    for (const QCommandLineOption &option : globalOptions())
        options.append({QStringLiteral("  --") + option.names().constFirst()
                + (option.valueName().isEmpty() ? QString()
                                                : QLatin1Char(' ') + option.valueName()),
            option.description()});
    options.append({QStringLiteral("  -h, --help"), QStringLiteral("Show this help.")});
    options.append({QStringLiteral("  --version"), QStringLiteral("Show the version.")});
    lines << QString() << QStringLiteral("Global options (before or after the command):")
          << helpColumns(options);
    lines << QString() << QStringLiteral("Exit codes:")
          << helpColumns({{QStringLiteral("  0"), QStringLiteral("done")},
                 {QStringLiteral("  1"),
                     QStringLiteral("refused by the state machine, no such task or process, "
                                    "or permission denied (a read-only role)")},
                 {QStringLiteral("  2"),
                     QStringLiteral("bad usage or bad input; nothing was changed")},
                 {QStringLiteral("  3"),
                     QStringLiteral("database error: missing, damaged, newer, foreign or "
                                    "unreachable")}})
          << QString()
          << wrapText(QStringLiteral("'taskdeskctl COMMAND --help' or 'taskdeskctl help COMMAND' "
                                     "describes a command."));
    return lines.join(QLatin1Char('\n'));
}

int Dispatcher::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    // Options after the command belong to the command.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addOptions(globalOptions());
    parser.addOption(helpOption());
    parser.addOption({kVersion, QStringLiteral("Version.")});
    if (!parser.parse(QStringList{QStringLiteral("taskdeskctl")} + arguments))
        return usageError(
            parserMessage(parser.errorText()) + QStringLiteral("; see 'taskdeskctl --help'"));
    if (parser.isSet(kHelp)) {
        m_console.print(helpText());
        return ExitOk;
    }
    if (parser.isSet(kVersion)) {
        m_console.print(QStringLiteral("taskdeskctl ") + QStringLiteral(TASKDESK_VERSION));
        return ExitOk;
    }
    if (parser.isSet(kDb) && parser.value(kDb).trimmed().isEmpty())
        return usageError(QStringLiteral("--db needs a location"));
    const QStringList rest = parser.positionalArguments();
    if (rest.isEmpty())
        return usageError(QStringLiteral("no command given; see 'taskdeskctl --help'"));

    if (rest.constFirst() == kHelp) {
        if (rest.size() == 1) {
            m_console.print(helpText());
            return ExitOk;
        }
        const CommandRegistry::Match match = m_registry.find(rest.mid(1));
        if (!match.command || match.words != rest.size() - 1)
            return usageError(QStringLiteral("unknown command '%1'; see 'taskdeskctl --help'")
                                  .arg(rest.mid(1).join(QLatin1Char(' '))));
        m_console.print(match.command->helpText());
        return ExitOk;
    }

    const CommandRegistry::Match match = m_registry.find(rest);
    if (!match.command)
        return usageError(QStringLiteral("unknown command '%1'; see 'taskdeskctl --help'")
                              .arg(rest.constFirst()));
    return runCommand(*match.command, rest.mid(match.words), parser.value(kDb),
        parser.isSet(kAs) ? parser.value(kAs) : AuditLog::osUser(), parser.isSet(kJson));
}

int Dispatcher::runCommand(
    Command &command, const QStringList &arguments, QString db, QString actor, bool json)
{
    const QString name = command.name();
    const QString seeHelp = QStringLiteral("; see 'taskdeskctl %1 --help'").arg(name);
    QCommandLineParser parser;
    for (const QCommandLineOption &option : command.options()) {
        const bool added = parser.addOption(option);
        Q_ASSERT_X(added, "Dispatcher", "an option name is used twice");
        Q_UNUSED(added)
    }
    parser.addOptions(globalOptions());
    parser.addOption(helpOption());
    if (!parser.parse(QStringList{QStringLiteral("taskdeskctl")} + arguments))
        return usageError(
            name + QStringLiteral(": ") + parserMessage(parser.errorText()) + seeHelp);
    if (parser.isSet(kHelp)) {
        m_console.print(command.helpText());
        return ExitOk;
    }
    if (parser.isSet(kDb)) {
        db = parser.value(kDb);
        if (db.trimmed().isEmpty())
            return usageError(QStringLiteral("--db needs a location"));
    }
    if (parser.isSet(kAs))
        actor = parser.value(kAs);
    json = json || parser.isSet(kJson);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() < command.minimumArguments()) {
        const Command::Argument missing = command.arguments().at(int(positional.size()));
        return usageError(
            QStringLiteral("%1: missing argument %2").arg(name, missing.name) + seeHelp);
    }
    const int maximum = command.maximumArguments();
    if (maximum >= 0 && positional.size() > maximum)
        return usageError(
            QStringLiteral("%1: unexpected argument '%2'").arg(name, positional.at(maximum))
            + seeHelp);
    if (Error e = checkActor(actor))
        return usageError(e.message());

    CtlContext context(m_console);
    context.setDatabaseText(db);
    context.setActor(actor);
    context.setJson(json);
    if (Error e = command.parse(parser, positional))
        return context.fail(e);
    if (Error e = context.openDatabase(command.access()))
        return context.fail(e);
    return command.run(context);
}

} // namespace taskdesk::ctl
