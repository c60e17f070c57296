#include "badgepainter.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace taskdesk::ui {

BadgeTone BadgePainter::toneFor(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return BadgeTone::Neutral;
    case TaskStatus::Running:
        return BadgeTone::Yellow;
    case TaskStatus::Completed:
        return BadgeTone::Green;
    case TaskStatus::Failed:
        return BadgeTone::Red;
    }
    return BadgeTone::Neutral;
}

QString BadgePainter::wordFor(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return tr("Pending");
    case TaskStatus::Running:
        return tr("Running");
    case TaskStatus::Completed:
        return tr("Completed");
    case TaskStatus::Failed:
        return tr("Failed");
    }
    return {};
}

bool BadgePainter::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor BadgePainter::warningColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xf0, 0x88, 0x3e) : QColor(0xbc, 0x4c, 0x00);
}

BadgeStyle BadgePainter::style(BadgeTone tone, const QPalette &palette)
{
    // Text on fill keeps a contrast of at least 4.5:1 in both palettes.
    const bool dark = isDark(palette);
    QColor fill;
    QColor text = Qt::white;
    switch (tone) {
    case BadgeTone::Neutral:
        fill = dark ? QColor(0x57, 0x60, 0x6a) : QColor(0xd0, 0xd4, 0xda);
        text = dark ? QColor(0xf0, 0xf3, 0xf6) : QColor(0x24, 0x29, 0x2f);
        break;
    case BadgeTone::Yellow:
        fill = dark ? QColor(0xd4, 0xa7, 0x2c) : QColor(0xf2, 0xc9, 0x4c);
        text = dark ? QColor(0x1c, 0x15, 0x00) : QColor(0x3b, 0x2e, 0x00);
        break;
    case BadgeTone::Green:
        fill = dark ? QColor(0x23, 0x86, 0x36) : QColor(0x1f, 0x88, 0x3d);
        break;
    case BadgeTone::Red:
        fill = dark ? QColor(0xda, 0x36, 0x33) : QColor(0xcf, 0x22, 0x2e);
        break;
    case BadgeTone::Blue:
        fill = dark ? QColor(0x1f, 0x6f, 0xeb) : QColor(0x09, 0x69, 0xda);
        break;
    case BadgeTone::Orange:
        fill = dark ? QColor(0xbd, 0x56, 0x1d) : QColor(0xbc, 0x4c, 0x00);
        break;
    }
    BadgeStyle s;
    s.fill = QBrush(fill);
    s.text = QPen(text);
    s.border = QPen(fill.darker(dark ? 80 : 115), 1);
    return s;
}

QSize BadgePainter::size(const QFontMetrics &metrics, const QString &word)
{
    const int padding = metrics.height() / 2 + 2;
    return {metrics.horizontalAdvance(word) + 2 * padding, metrics.height() + 4};
}

void BadgePainter::paint(QPainter *painter, const QPoint &topLeft, const QFontMetrics &metrics,
    const QString &word, const BadgeStyle &style, const QPen *selectionOutline)
{
    const QSize s = size(metrics, word);
    const QRectF pill(QPointF(topLeft) + QPointF(0.5, 0.5), QSizeF(s) - QSizeF(1, 1));
    const qreal radius = pill.height() / 2;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setBrush(style.fill);
    painter->setPen(selectionOutline ? *selectionOutline : style.border);
    painter->drawRoundedRect(pill, radius, radius);
    painter->setPen(style.text);
    painter->drawText(QRect(topLeft, s), Qt::AlignCenter, word);
    painter->restore();
}

} // namespace taskdesk::ui
