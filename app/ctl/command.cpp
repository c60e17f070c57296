#include "command.h"

#include "ctl/formatting.h"

namespace taskdesk::ctl {

Command::~Command() = default;

QString Command::argumentSyntax() const
{
    QStringList parts;
    for (const Argument &a : arguments()) {
        QString part = a.name;
        if (a.repeatable)
            part += QChar(0x2026);
        if (a.optional)
            part = QLatin1Char('[') + part + QLatin1Char(']');
        parts << part;
    }
    return parts.join(QLatin1Char(' '));
}

int Command::minimumArguments() const
{
    int n = 0;
    for (const Argument &a : arguments()) {
        if (!a.optional)
            ++n;
    }
    return n;
}

int Command::maximumArguments() const
{
    const QVector<Argument> args = arguments();
    if (!args.isEmpty() && args.constLast().repeatable)
        return -1;
    return int(args.size());
}

namespace {

QString optionSyntax(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &n : option.names())
        names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
    QString text = names.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty())
        text += QLatin1Char(' ') + option.valueName();
    return text;
}

} // namespace

QString Command::helpText() const
{
    QStringList lines;
    QString usage = QStringLiteral("Usage: taskdeskctl [GLOBAL OPTIONS] ") + name();
    if (!options().isEmpty())
        usage += QStringLiteral(" [OPTIONS]");
    const QString syntax = argumentSyntax();
    if (!syntax.isEmpty())
        usage += QLatin1Char(' ') + syntax;
    lines << usage << QString() << wrapText(summary());
    if (!description().isEmpty())
        lines << QString() << wrapText(description());

    if (!arguments().isEmpty()) {
        QVector<QPair<QString, QString>> rows;
        for (const Argument &a : arguments())
            rows.append({QStringLiteral("  ") + a.name, a.description});
        lines << QString() << QStringLiteral("Arguments:") << helpColumns(rows);
    }
    QVector<QPair<QString, QString>> rows;
    for (const QCommandLineOption &option : options())
        rows.append({QStringLiteral("  ") + optionSyntax(option), option.description()});
    rows.append({QStringLiteral("  -h, --help"), QStringLiteral("Show this help.")});
    lines << QString() << QStringLiteral("Options:") << helpColumns(rows);
    lines << QString()
          << wrapText(QStringLiteral("Global options (--db, --as, --json) go before or after the "
                                     "command; see 'taskdeskctl --help'."));
    if (!examples().isEmpty()) {
        lines << QString() << QStringLiteral("Examples:");
        for (const QString &example : examples())
            lines << QStringLiteral("  ") + example;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace taskdesk::ctl
