#include "console.h"

#include "formatting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace taskdesk::ctl {

Console::Console()
    : m_out(stdout)
    , m_err(stderr)
{ }

Console::~Console()
{
    flush();
}

void Console::print(const QString &line)
{
    m_out << line << '\n';
}

void Console::print(const QStringList &lines)
{
    for (const QString &line : lines)
        print(line);
}

void Console::printJson(const QJsonValue &value, bool compact)
{
    const QJsonDocument::JsonFormat format
        = compact ? QJsonDocument::Compact : QJsonDocument::Indented;
    QByteArray text;
    if (value.isArray())
        text = QJsonDocument(value.toArray()).toJson(format);
    else
        text = QJsonDocument(value.toObject()).toJson(format);
    m_out << QString::fromUtf8(text.trimmed()) << '\n';
}

void Console::error(const QString &message)
{
    // Keep the order of what a terminal shows when both streams go there.
    m_out.flush();
    m_err << QStringLiteral("taskdeskctl: ") << singleLine(message) << '\n';
    m_err.flush();
}

void Console::flush()
{
    m_out.flush();
    m_err.flush();
}

} // namespace taskdesk::ctl
