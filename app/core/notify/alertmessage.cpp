#include "alertmessage.h"

#include <QDateTime>
#include <QStringList>

#include <algorithm>

namespace taskdesk {

namespace {

const QChar kEllipsis(0x2026);

QString bold(const QString &escaped, AlertMessage::Markup markup)
{
    if (markup == AlertMessage::Markup::TelegramHtml)
        return QStringLiteral("<b>") + escaped + QStringLiteral("</b>");
    return QLatin1Char('*') + escaped + QLatin1Char('*');
}

QString utcMinute(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
        + QStringLiteral(" UTC");
}

QString block(const Alert &alert, AlertMessage::Markup markup)
{
    const QString summary = AlertMessage::cutEscaped(
        AlertMessage::escape(alert.summary), AlertMessage::kMaxSummaryChars);
    QString out;
    if (alert.resolved()) {
        out = QStringLiteral("\u2705 ") + bold(QStringLiteral("Resolved: ") + summary, markup);
    } else {
        const QString severity = AlertMessage::escape(alert.severity.left(20));
        out = (alert.severity == QLatin1String("critical") ? QStringLiteral("\U0001F534 ")
                                                           : QStringLiteral("\U0001F7E0 "))
            + bold(QLatin1Char('[') + severity + QStringLiteral("] ") + summary, markup);
    }
    if (alert.count > 1)
        out += QStringLiteral(" (\u00D7") + QString::number(alert.count) + QLatin1Char(')');
    if (!alert.description.trimmed().isEmpty())
        out += QLatin1Char('\n')
            + AlertMessage::cutEscaped(AlertMessage::escape(alert.description.trimmed()),
                AlertMessage::kMaxDescriptionChars);
    QStringList labels;
    for (auto it = alert.labels.cbegin(); it != alert.labels.cend(); ++it) {
        if (it.key() != QLatin1String("alertname"))
            labels << it.key() + QLatin1Char('=') + it.value();
    }
    QString facts = labels.join(QLatin1Char(' '));
    facts = AlertMessage::cutEscaped(AlertMessage::escape(facts), AlertMessage::kMaxLabelsChars);
    if (alert.startsAt > 0) {
        if (!facts.isEmpty())
            facts += QStringLiteral(" \u00B7 ");
        facts += QStringLiteral("since ") + utcMinute(alert.startsAt);
        if (alert.resolved())
            facts += QStringLiteral(", resolved ") + utcMinute(alert.endsAt);
    }
    if (!facts.isEmpty())
        out += QLatin1Char('\n') + facts;
    return out;
}

QString headline(const AlertGroup &group, AlertMessage::Markup markup)
{
    int firing = 0;
    for (const Alert &alert : group.alerts) {
        if (!alert.resolved())
            ++firing;
    }
    const int resolved = int(group.alerts.size()) - firing;
    QString line;
    if (firing > 0) {
        line = QStringLiteral("\U0001F525 FIRING: %1").arg(firing);
        if (resolved > 0)
            line += QStringLiteral(", resolved: %1").arg(resolved);
    } else {
        line = QStringLiteral("\u2705 RESOLVED: %1").arg(resolved);
    }
    line = bold(line, markup) + QStringLiteral(" \u2014 Taskdesk");
    if (group.test)
        line += QStringLiteral("\nThis is a test alert: nothing needs doing.");
    return line;
}

} // namespace

QString AlertMessage::text(const AlertGroup &group, Markup markup, int maxChars)
{
    QVector<const Alert *> order;
    order.reserve(group.alerts.size());
    for (const Alert &alert : group.alerts)
        order << &alert;
    std::stable_sort(order.begin(), order.end(),
        [](const Alert *a, const Alert *b) { return !a->resolved() && b->resolved(); });

    QString out = headline(group, markup);
    const auto more = [](qsizetype n) {
        return n > 0 ? QStringLiteral("\n\n\u2026 and %1 more").arg(n) : QString();
    };
    qsizetype shown = 0;
    for (const Alert *alert : order) {
        const QString next = out + QStringLiteral("\n\n") + block(*alert, markup);
        if (next.size() + more(order.size() - shown - 1).size() > maxChars)
            break;
        out = next;
        ++shown;
    }
    out += more(order.size() - shown);
    return out;
}

QString AlertMessage::escape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('&'))
            out += QStringLiteral("&amp;");
        else if (c == QLatin1Char('<'))
            out += QStringLiteral("&lt;");
        else if (c == QLatin1Char('>'))
            out += QStringLiteral("&gt;");
        else
            out += c;
    }
    return out;
}

QString AlertMessage::cutEscaped(const QString &escaped, int maxChars)
{
    if (escaped.size() <= maxChars)
        return escaped;
    qsizetype end = qMax(0, maxChars - 1); // room for the ellipsis
    const qsizetype amp = end > 0 ? escaped.lastIndexOf(QLatin1Char('&'), end - 1) : -1;
    if (amp >= 0 && escaped.indexOf(QLatin1Char(';'), amp) >= end)
        end = amp; // inside "&amp;": cut before it
    if (end > 0 && escaped.at(end - 1).isHighSurrogate())
        --end;
    return escaped.left(end) + kEllipsis;
}

} // namespace taskdesk
