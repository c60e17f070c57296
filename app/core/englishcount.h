#pragma once

#include <QString>

namespace taskdesk {

// A count with its noun in English, for the texts of taskdeskctl, the JSON
// messages and the rows core writes: "1 task", "2 tasks", "0 tasks". `many`
// defaults to `one` + "s" ("1 entry", "3 entries" needs it). The desktop
// builds its own texts with tr() and %n instead.
inline QString counted(qint64 n, const QString &one, const QString &many = {})
{
    const QString noun = n == 1 ? one : many.isEmpty() ? one + QLatin1Char('s') : many;
    return QString::number(n) + QLatin1Char(' ') + noun;
}

// The verb that agrees with a count: "was" for 1, "were" otherwise.
inline QString wasWere(qint64 n)
{
    return n == 1 ? QStringLiteral("was") : QStringLiteral("were");
}

} // namespace taskdesk
