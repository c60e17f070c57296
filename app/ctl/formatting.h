#pragma once

#include "core/task.h"
#include "core/tasks/operatoractions.h"

#include "core/englishcount.h"
#include <QJsonObject>
#include <QPair>

#include <QString>
#include <QStringList>
#include <QVector>

// How taskdeskctl shows values to people: local date-times, ages measured on
// the database clock (so that a skewed desktop clock does not lie), durations.
namespace taskdesk::ctl {

// visibleText(): control characters that a terminal would act on and the
// characters that reorder text shown as text ("\e", "\x07", "\u202e"). Text
// from tasks, logs, audit rows and programs cannot move the cursor, clear the
// screen, retitle the terminal or disguise itself for the operator reading it.
QString visible(const QString &text);
// One line: line breaks and tabs become spaces, the rest as visible().
QString singleLine(const QString &text);
QString localTime(qint64 utcMs); // "2026-11-03 13:00:00", "-" for 0
QString age(qint64 utcMs, qint64 nowMs); // "3 min ago", "in 20 s", "-" for 0
QString timeWithAge(qint64 utcMs, qint64 nowMs); // "2026-11-03 13:00:00 (3 min ago)"
QString duration(qint64 ms); // "850 ms", "12 s", "3 min 4 s", "2 h 5 min", "3 d 2 h"
QString progressText(const Task &task); // "2/5", "-" when unknown
QString dash(const QString &text); // "-" for an empty value
// An audit row's details in words: "marked failed, stuck for 10 min, threshold
// 5 min", never the stored keys ("age_ms=600000"); "-" when they say nothing.
QString auditDetailsText(const QJsonObject &details);
// What an operator action did, in a sentence: "Task "Import" has been
// deleted." (a refusal is OperatorActions::refusalText).
QString actionText(const ActionReport &report);

// Help text: words wrapped at `width` columns; and two columns (a name, its
// description) with the descriptions aligned and wrapped under themselves.
QStringList wrapText(const QString &text, int width = 80, const QString &indent = {});
QStringList helpColumns(const QVector<QPair<QString, QString>> &rows, int width = 80);

} // namespace taskdesk::ctl
