#include "core/metrics/metricfamily.h"

#include <QHash>

#include <cmath>

namespace taskdesk {

QString MetricFamily::typeName(Type type)
{
    switch (type) {
    case Type::Counter:
        return QStringLiteral("counter");
    case Type::Gauge:
        return QStringLiteral("gauge");
    case Type::Histogram:
        return QStringLiteral("histogram");
    }
    return QStringLiteral("untyped");
}

bool MetricFamily::validName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool letter = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_')
            || c == QLatin1Char(':');
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

QString MetricFamily::escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else if (c == QLatin1Char('"'))
            out += QLatin1String("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else
            out += c;
    }
    return out;
}

QString MetricFamily::escapeHelp(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else
            out += c;
    }
    return out;
}

QString MetricFamily::formatValue(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    // Counts stay integers; seconds keep their milliseconds.
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 15);
}

namespace {

bool validLabelName(const QString &name)
{
    return MetricFamily::validName(name) && !name.contains(QLatin1Char(':'))
        && !name.startsWith(QLatin1String("__"));
}

} // namespace

Result<QByteArray> metricsText(const QVector<MetricFamily> &families)
{
    QVector<MetricFamily> merged;
    QHash<QString, qsizetype> index;
    for (const MetricFamily &family : families) {
        if (!MetricFamily::validName(family.name))
            return Error::invalid(QStringLiteral("not a metric name: '%1'").arg(family.name));
        const auto it = index.constFind(family.name);
        if (it == index.cend()) {
            index.insert(family.name, merged.size());
            merged.append(family);
            continue;
        }
        MetricFamily &into = merged[*it];
        if (into.type != family.type)
            return Error::invalid(
                QStringLiteral("metric %1 is given with two types").arg(family.name));
        into.samples += family.samples;
    }

    QString text;
    for (const MetricFamily &family : std::as_const(merged)) {
        text += QLatin1String("# HELP ") + family.name + QLatin1Char(' ')
            + MetricFamily::escapeHelp(family.help) + QLatin1Char('\n');
        text += QLatin1String("# TYPE ") + family.name + QLatin1Char(' ')
            + MetricFamily::typeName(family.type) + QLatin1Char('\n');
        for (const MetricSample &sample : family.samples) {
            text += family.name + sample.suffix;
            if (!sample.labels.isEmpty()) {
                text += QLatin1Char('{');
                bool first = true;
                for (const auto &[name, value] : sample.labels) {
                    if (!validLabelName(name))
                        return Error::invalid(QStringLiteral("metric %1: not a label name: '%2'")
                                                  .arg(family.name, name));
                    if (!first)
                        text += QLatin1Char(',');
                    first = false;
                    text += name + QLatin1String("=\"") + MetricFamily::escapeLabelValue(value)
                        + QLatin1Char('"');
                }
                text += QLatin1Char('}');
            }
            text += QLatin1Char(' ') + MetricFamily::formatValue(sample.value) + QLatin1Char('\n');
        }
    }
    return text.toUtf8();
}

} // namespace taskdesk
