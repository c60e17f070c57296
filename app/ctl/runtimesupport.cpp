#include "runtimesupport.h"

#include <QRegularExpression>

namespace taskdesk::ctl {

Error checkListWord(
    const QString &group, const QStringList &arguments, const QStringList &subcommands)
{
    if (arguments.isEmpty() || arguments.constFirst() == QLatin1String("list"))
        return {};
    return Error::invalid(
        QStringLiteral("unknown %1 command '%2' (expected %3)")
            .arg(group, arguments.constFirst(),
                (QStringList{QStringLiteral("list")} + subcommands).join(QStringLiteral(", "))));
}

QString commandLineText(const QString &program, const QStringList &arguments)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    QStringList words;
    for (const QString &word : QStringList{program} + arguments) {
        if (plain.match(word).hasMatch())
            words << word;
        else
            words << QLatin1Char('\'')
                    + QString(word).replace(QLatin1Char('\''), QStringLiteral("'\\''"))
                    + QLatin1Char('\'');
    }
    return words.join(QLatin1Char(' '));
}

QString idListText(const QVector<qint64> &ids)
{
    QStringList texts;
    for (const qint64 id : ids)
        texts << QString::number(id);
    return texts.join(QStringLiteral(", "));
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString noSupervisorMessage(const QString &host)
{
    if (host.isEmpty())
        return QStringLiteral("no supervisor is running on any host; start 'taskdeskctl "
                              "supervise' or the Taskdesk app where the process should run");
    return QStringLiteral("no supervisor is running for host %1; start 'taskdeskctl supervise' "
                          "or the Taskdesk app there")
        .arg(host);
}

} // namespace taskdesk::ctl
