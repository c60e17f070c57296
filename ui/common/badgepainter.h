#pragma once

#include "core/taskstatus.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QPen>
#include <QString>

class QFontMetrics;
class QPainter;
class QPalette;
class QRect;
class QSize;

namespace taskdesk::ui {

// The colour families of badges. Each reads in a light and in a dark palette.
enum class BadgeTone { Neutral, Yellow, Green, Red, Blue, Orange };

struct BadgeStyle
{
    QBrush fill;
    QPen text;
    QPen border;
};

// Paints the rounded pills that say a status in a word and a colour: the task
// table, the items table, the detail pane and the stats cards all use it, so a
// status looks the same everywhere.
class BadgePainter final
{
    Q_DECLARE_TR_FUNCTIONS(BadgePainter)

public:
    BadgePainter() = delete;

    static BadgeTone toneFor(TaskStatus status);
    static QString wordFor(TaskStatus status); // "Running"
    // The warning colour of the "⚠ stuck" mark.
    static QColor warningColor(const QPalette &palette);
    static bool isDark(const QPalette &palette);
    static BadgeStyle style(BadgeTone tone, const QPalette &palette);

    static QSize size(const QFontMetrics &metrics, const QString &word);
    // Paints the pill with its top-left at `topLeft`; `selected` outlines it in
    // the selection's text colour so that it stands out on the highlight.
    static void paint(QPainter *painter, const QPoint &topLeft, const QFontMetrics &metrics,
        const QString &word, const BadgeStyle &style, const QPen *selectionOutline = nullptr);
};

} // namespace taskdesk::ui
