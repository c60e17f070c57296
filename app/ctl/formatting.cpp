#include "formatting.h"

#include "core/visibletext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace taskdesk::ctl {

QString visible(const QString &text)
{
    return visibleText(text);
}

QString singleLine(const QString &text)
{
    return visibleText(text, LineBreaks::AsSpaces);
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

QString auditDetailsText(const QJsonObject &details)
{
    static const QMap<QString, QString> words{
        {QStringLiteral("mark_failed"), QStringLiteral("marked failed")},
        {QStringLiteral("requeue"), QStringLiteral("re-queued")},
        {QStringLiteral("retry"), QStringLiteral("re-queued by retry")},
        {QStringLiteral("lost_worker"), QStringLiteral("no heartbeat")},
        {QStringLiteral("stuck_in_queue"), QStringLiteral("waiting in the queue too long")},
        {QStringLiteral("cleanup"), QStringLiteral("operator's clean-up")},
        {QStringLiteral("dead_worker"), QStringLiteral("its worker died")},
    };
    auto word = [](const QString &value) {
        return words.value(value, QString(value).replace(QLatin1Char('_'), QLatin1Char(' ')));
    };
    QStringList parts;
    for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
        const QString &key = it.key();
        const QJsonValue v = it.value();
        if (key == QLatin1String("snapshot"))
            continue; // the deleted row: too long for a table, see --json
        if (key == QLatin1String("action") && v.isString()) {
            parts << word(v.toString());
        } else if (key == QLatin1String("rule") && v.isString()) {
            parts << QStringLiteral("rule: ") + word(v.toString());
        } else if (key == QLatin1String("age_ms") && v.isDouble()) {
            parts << QStringLiteral("stuck for ") + duration(v.toInteger());
        } else if (key == QLatin1String("threshold_ms") && v.isDouble()) {
            parts << QStringLiteral("threshold ") + duration(v.toInteger());
        } else if (key == QLatin1String("items_changed") && v.isDouble()) {
            if (v.toInteger() > 0)
                parts << counted(v.toInteger(), QStringLiteral("running item"))
                        + QStringLiteral(" stopped");
        } else if (key == QLatin1String("items") && v.isDouble()) {
            if (v.toInteger() > 0)
                parts << counted(v.toInteger(), QStringLiteral("item"));
        } else {
            QString label = key;
            label.replace(QLatin1Char('_'), QLatin1Char(' '));
            QString text;
            if (key.endsWith(QLatin1String("_ms")) && v.isDouble()) {
                label.chop(3);
                parts << label + QLatin1Char(' ') + duration(v.toInteger());
                continue;
            }
            if (key.endsWith(QLatin1String("_at")) && v.isDouble() && v.toInteger() > 0) {
                parts << label + QLatin1Char(' ') + localTime(v.toInteger());
                continue;
            }
            if (v.isString())
                text = v.toString();
            else if (v.isDouble())
                text = v.toDouble() == double(v.toInteger()) ? QString::number(v.toInteger())
                                                             : QString::number(v.toDouble());
            else if (v.isBool())
                text = v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
            else if (v.isObject())
                text = v.toObject().value(QStringLiteral("program")).toString();
            else if (v.isArray())
                text = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
            if (!text.isEmpty())
                parts << label + QStringLiteral(": ") + singleLine(text);
        }
    }
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral(", "));
}

QString actionText(const ActionReport &r)
{
    switch (r.action) {
    case TaskAction::ForceStop:
        return QStringLiteral("Task \"%1\" has been force stopped. %2 running item(s) were also "
                              "stopped. You can now delete or restart the task.")
            .arg(r.taskName)
            .arg(r.itemsChanged);
    case TaskAction::Cancel: {
        QString text = QStringLiteral("Task \"%1\" has been cancelled and marked as failed.")
                           .arg(r.taskName);
        if (r.itemsChanged > 0)
            text += QStringLiteral(" %1 running item(s) were also stopped.").arg(r.itemsChanged);
        return text;
    }
    case TaskAction::Restart:
        return QStringLiteral("Task \"%1\" has been restarted and is pending.").arg(r.taskName);
    case TaskAction::Delete:
        return QStringLiteral("Task \"%1\" has been deleted.").arg(r.taskName);
    }
    return {};
}

} // namespace taskdesk::ctl
