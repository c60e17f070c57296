#pragma once

#include "task.h"

#include <QString>

// How taskdeskctl shows values to people: local date-times, ages measured on
// the database clock (so that a skewed desktop clock does not lie), durations.
namespace taskdesk::ctl {

QString singleLine(const QString &text); // line breaks and tabs become spaces
QString localTime(qint64 utcMs); // "2026-11-03 13:00:00", "-" for 0
QString age(qint64 utcMs, qint64 nowMs); // "3 min ago", "in 20 s", "-" for 0
QString timeWithAge(qint64 utcMs, qint64 nowMs); // "2026-11-03 13:00:00 (3 min ago)"
QString duration(qint64 ms); // "850 ms", "12 s", "3 min 4 s", "2 h 5 min", "3 d 2 h"
QString progressText(const Task &task); // "2/5", "-" when unknown
QString dash(const QString &text); // "-" for an empty value

} // namespace taskdesk::ctl
