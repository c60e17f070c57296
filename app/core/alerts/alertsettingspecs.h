#pragma once

#include "core/error.h"

#include <QMap>
#include <QString>
#include <QTime>
#include <QVector>

#include <optional>

namespace taskdesk {

struct SettingSpec;

// The keys of alertsettings.h as Settings::specs() lists them: defaults,
// allowed ranges, and the checks of their text values (secret references,
// kinds, quiet hours, a time zone, a URL).
QVector<SettingSpec> alertSettingSpecs();

// The alert settings that only make sense together (retry base and cap).
Error checkAlertSettingsTogether(const QMap<QString, QString> &values);
bool isAlertSettingTogether(const QString &key);

// "22:00-07:00": from, to (to may be earlier: the hours span midnight).
// Empty text: no quiet hours (nullopt without an error).
struct QuietHours
{
    QTime from;
    QTime to;

    static Result<std::optional<QuietHours>> parse(const QString &text);
    // Whether `utcMs` falls inside them, read in `zone` (an IANA id).
    bool contains(qint64 utcMs, const QString &zone) const;
};

} // namespace taskdesk
