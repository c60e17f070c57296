#include "progressdelegate.h"

#include "ui/common/badgepainter.h"
#include "ui/common/itemroles.h"
#include "ui/tasks/tasktablemodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace taskdesk::ui {

ProgressDelegate::ProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void ProgressDelegate::setCancelEnabled(bool enabled)
{
    m_cancelEnabled = enabled;
}

bool ProgressDelegate::hasButton(const QModelIndex &index) const
{
    return m_cancelEnabled && index.data(StatusRole).toInt() == int(TaskStatus::Running)
        && index.data(TaskIdRole).toLongLong() > 0;
}

QRect ProgressDelegate::buttonRect(const QRect &cell, const QFontMetrics &metrics)
{
    const int side = std::min(cell.height() - 4, metrics.height() + 2);
    return {cell.right() - side - 3, cell.top() + (cell.height() - side) / 2, side, side};
}

QRect ProgressDelegate::cancelButtonRect(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!hasButton(index))
        return {};
    return buttonRect(option.rect, option.fontMetrics);
}

void ProgressDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const int margin = opt.fontMetrics.height() / 4;
    QRect barRect = opt.rect.adjusted(margin, margin, -margin, -margin);
    const QRect button = cancelButtonRect(opt, index);
    if (!button.isNull())
        barRect.setRight(button.left() - margin);

    const double fraction = index.data(RawValueRole).toDouble();
    if (index.data(RawValueRole).isValid() && fraction >= 0 && barRect.width() > 10) {
        QStyleOptionProgressBar bar;
        bar.initFrom(widget ? widget : qApp->activeWindow());
        // Qt 6 reads the orientation from State_Horizontal: without it the bar is vertical.
        bar.state = (opt.state & ~QStyle::State_HasFocus) | QStyle::State_Horizontal;
        bar.rect = barRect;
        bar.fontMetrics = opt.fontMetrics;
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = int(std::clamp(fraction, 0.0, 1.0) * 1000);
        bar.textVisible = false;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
        // The text in two colors: over the fill in the fill's own text color,
        // over the rest in the text color, so that no digit is half hidden
        // where the fill ends (a style's own label left "37 / 100" unreadable).
        if (!text.isEmpty()) {
            const QRect textRect = barRect.adjusted(1, 0, -1, 0);
            const QString shown
                = opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width());
            const int fillEnd
                = barRect.left() + int(barRect.width() * std::clamp(fraction, 0.0, 1.0));
            const QRect filled(
                barRect.left(), barRect.top(), fillEnd - barRect.left(), barRect.height());
            const QRect empty(
                fillEnd, barRect.top(), barRect.right() - fillEnd + 1, barRect.height());
            painter->save();
            painter->setFont(opt.font);
            painter->setClipRect(filled);
            painter->setPen(opt.palette.color(QPalette::HighlightedText));
            painter->drawText(textRect, Qt::AlignCenter, shown);
            painter->setClipRect(empty);
            painter->setPen(opt.palette.color(QPalette::Text));
            painter->drawText(textRect, Qt::AlignCenter, shown);
            painter->restore();
        }
    }

    if (button.isNull())
        return;
    // The ✕: drawn with lines, so that it does not depend on a font having the glyph.
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QColor red = BadgePainter::style(BadgeTone::Red, opt.palette).fill.color();
    bool hovered = false;
    if (widget) {
        const QPoint cursor = widget->mapFromGlobal(QCursor::pos());
        hovered = opt.state.testFlag(QStyle::State_MouseOver) && button.contains(cursor);
    }
    const bool pressed = m_pressed.isValid() && m_pressed == index;
    QColor face = opt.palette.color(QPalette::Button);
    if (hovered || pressed)
        face = red;
    painter->setBrush(face);
    painter->setPen(QPen(red, 1));
    painter->drawRoundedRect(QRectF(button).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    const qreal inset = button.width() * 0.3;
    const QRectF cross = QRectF(button).adjusted(inset, inset, -inset, -inset);
    painter->setPen(QPen(hovered || pressed ? QColor(Qt::white) : red,
        std::max(1.5, button.width() / 9.0), Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(cross.topLeft(), cross.bottomRight());
    painter->drawLine(cross.topRight(), cross.bottomLeft());
    painter->restore();
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics &fm = option.fontMetrics;
    return {fm.horizontalAdvance(QStringLiteral("0000 / 0000")) + fm.height() * 3,
        fm.height() + fm.height() * 2 / 3};
}

bool ProgressDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::MouseButtonPress && event->type() != QEvent::MouseButtonRelease
        && event->type() != QEvent::MouseButtonDblClick)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    auto *mouse = static_cast<QMouseEvent *>(event);
    const QRect button = cancelButtonRect(option, index);
    const bool inside = !button.isNull() && button.contains(mouse->position().toPoint())
        && mouse->button() == Qt::LeftButton;
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick) {
        if (!inside)
            return false;
        m_pressed = index;
        return true; // the click on the button does not select the row
    }
    const bool wasPressed = m_pressed.isValid() && m_pressed == index;
    m_pressed = QPersistentModelIndex();
    if (inside && wasPressed) {
        Q_EMIT cancelRequested(index.data(TaskIdRole).toLongLong());
        return true;
    }
    return wasPressed;
}

bool ProgressDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const QRect button = cancelButtonRect(option, index);
    if (event && !button.isNull() && button.contains(event->pos())) {
        QToolTip::showText(event->globalPos(), tr("Cancel this task"), view, button);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace taskdesk::ui
