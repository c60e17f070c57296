#pragma once

#include <QCoreApplication>
#include <QString>

namespace taskdesk::ui {

// How times read in the tables and panes: short, local, and in words an
// operator scans quickly ("4 s ago", "3 min 05 s").
class TimeFormat final
{
    Q_DECLARE_TR_FUNCTIONS(TimeFormat)

public:
    TimeFormat() = delete;

    // "just now", "12 s ago", "3 min ago", "2 h ago", "5 d ago".
    static QString age(qint64 ms);
    // "850 ms", "12 s", "3 min 05 s", "2 h 14 min", "3 d 4 h".
    static QString duration(qint64 ms);
    // Local time in the default locale's way: the time with seconds today
    // ("14:03:22"), else the short date and time ("01.05.2024 14:03").
    static QString shortTime(qint64 epochMs);
    // Local time in full, in the default locale's way: "01.05.2024 14:03:22".
    static QString dateTime(qint64 epochMs);
};

} // namespace taskdesk::ui
