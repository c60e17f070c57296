#include "formatting.h"

#include <QDateTime>

#include <algorithm>

namespace taskdesk::ctl {

namespace {

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

} // namespace

QString visible(const QString &text)
{
    const auto firstControl = std::find_if(text.cbegin(), text.cend(), [](QChar c) {
        return isControl(c.unicode()) && c != QLatin1Char('\n') && c != QLatin1Char('\t');
    });
    if (firstControl == text.cend())
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!isControl(u) || c == QLatin1Char('\n') || c == QLatin1Char('\t'))
            out += c;
        else if (u == 0x1b)
            out += QStringLiteral("\\e");
        else if (u == u'\r')
            out += QStringLiteral("\\r");
        else
            out += QStringLiteral("\\x")
                + QString::number(u, 16).rightJustified(2, QLatin1Char('0'));
    }
    return out;
}

QString singleLine(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    return visible(out);
}

QString localTime(qint64 utcMs)
{
    if (utcMs <= 0)
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::LocalTime)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString duration(qint64 ms)
{
    if (ms < 0)
        ms = -ms;
    constexpr qint64 second = 1000;
    constexpr qint64 minute = 60 * second;
    constexpr qint64 hour = 60 * minute;
    constexpr qint64 day = 24 * hour;
    if (ms < second)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < minute)
        return QStringLiteral("%1 s").arg(ms / second);
    if (ms < hour) {
        const qint64 s = (ms % minute) / second;
        return s == 0 ? QStringLiteral("%1 min").arg(ms / minute)
                      : QStringLiteral("%1 min %2 s").arg(ms / minute).arg(s);
    }
    if (ms < day) {
        const qint64 m = (ms % hour) / minute;
        return m == 0 ? QStringLiteral("%1 h").arg(ms / hour)
                      : QStringLiteral("%1 h %2 min").arg(ms / hour).arg(m);
    }
    const qint64 h = (ms % day) / hour;
    return h == 0 ? QStringLiteral("%1 d").arg(ms / day)
                  : QStringLiteral("%1 d %2 h").arg(ms / day).arg(h);
}

QString age(qint64 utcMs, qint64 nowMs)
{
    if (utcMs <= 0)
        return QStringLiteral("-");
    const qint64 delta = nowMs - utcMs;
    if (delta >= 0 && delta < 1000)
        return QStringLiteral("just now");
    // Ages are coarse on purpose: the first unit is what an operator reads.
    QString text = duration(delta);
    const int cut = text.indexOf(QLatin1Char(' '), text.indexOf(QLatin1Char(' ')) + 1);
    if (cut > 0)
        text.truncate(cut);
    return delta > 0 ? text + QStringLiteral(" ago") : QStringLiteral("in ") + text;
}

QString timeWithAge(qint64 utcMs, qint64 nowMs)
{
    if (utcMs <= 0)
        return QStringLiteral("-");
    return localTime(utcMs) + QStringLiteral(" (") + age(utcMs, nowMs) + QLatin1Char(')');
}

QString progressText(const Task &task)
{
    const int total = task.itemsTotal > 0 ? task.itemsTotal : task.progressTotal;
    const int done = task.itemsTotal > 0 ? task.itemsDone : task.progressDone;
    if (total <= 0)
        return QStringLiteral("-");
    return QStringLiteral("%1/%2").arg(done).arg(total);
}

QString dash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QStringList wrapText(const QString &text, int width, const QString &indent)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && indent.size() + line.size() + 1 + word.size() > width) {
            lines << indent + line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty() || lines.isEmpty())
        lines << indent + line;
    return lines;
}

QStringList helpColumns(const QVector<QPair<QString, QString>> &rows, int width)
{
    qsizetype nameWidth = 0;
    for (const auto &row : rows)
        nameWidth = std::max(nameWidth, row.first.size());
    const QString indent(nameWidth + 2, QLatin1Char(' '));
    QStringList lines;
    for (const auto &[name, description] : rows) {
        QStringList wrapped = wrapText(description, width, indent);
        wrapped[0] = name.leftJustified(nameWidth + 2) + wrapped.at(0).mid(indent.size());
        lines << wrapped;
    }
    return lines;
}

} // namespace taskdesk::ctl
