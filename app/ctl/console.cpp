#include "console.h"

#include "ctl/formatting.h"

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
    // Every line people read passes here: what a task, its log or a program
    // wrote cannot reach the terminal as a control sequence.
    m_out << visible(line) << '\n';
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
    // QJsonDocument escapes C0 controls but writes DEL and C1 (U+0080–U+009F)
    // as they are; a terminal may act on those, so they get \u escapes too.
    QString json = QString::fromUtf8(text.trimmed());
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char16_t u = json.at(i).unicode();
        if (u >= 0x7f && u <= 0x9f) {
            const QString escape = QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
            json.replace(i, 1, escape);
            i += escape.size() - 1;
        }
    }
    m_out << json << '\n';
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
