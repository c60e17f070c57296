#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <utility>

namespace taskdesk {

// One sample of a metric family: its labels in order and its value. `suffix`
// names a histogram's series ("_bucket", "_sum", "_count"); empty otherwise.
struct MetricSample
{
    QVector<std::pair<QString, QString>> labels;
    double value = 0;
    QString suffix;
};

// A family of the Prometheus text format 0.0.4: one name, one HELP, one TYPE.
// A counter's name ends in _total; values are in base units (seconds).
struct MetricFamily
{
    enum class Type { Counter, Gauge, Histogram };

    QString name;
    QString help;
    Type type = Type::Gauge;
    QVector<MetricSample> samples;

    static QString typeName(Type type);
    // A name of [a-zA-Z_:][a-zA-Z0-9_:]*, as the format allows.
    static bool validName(const QString &name);
    // A label value with \, " and newline escaped, as the format wants them.
    static QString escapeLabelValue(const QString &value);
    // HELP text with \ and newline escaped.
    static QString escapeHelp(const QString &text);
    static QString formatValue(double value);
};

// The text exposition of `families`, in their order. Families of one name are
// merged into one (their samples in order); a name that is not valid, or one
// name with two types or a label name that is not valid, is refused.
Result<QByteArray> metricsText(const QVector<MetricFamily> &families);

} // namespace taskdesk

Q_DECLARE_TYPEINFO(taskdesk::MetricSample, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(taskdesk::MetricFamily, Q_RELOCATABLE_TYPE);
