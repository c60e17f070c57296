#include "statusbadgedelegate.h"

#include "ui/common/itemroles.h"

#include <algorithm>

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>

namespace taskdesk::ui {

StatusBadgeDelegate::StatusBadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QString StatusBadgeDelegate::stuckText()
{
    return tr("⚠ stuck");
}

const BadgeStyle &StatusBadgeDelegate::styleFor(BadgeTone tone, const QPalette &palette) const
{
    if (palette.cacheKey() != m_paletteKey) {
        m_styles.clear();
        m_paletteKey = palette.cacheKey();
        m_warningPen = QPen(BadgePainter::warningColor(palette));
    }
    auto it = m_styles.find(int(tone));
    if (it == m_styles.end())
        it = m_styles.insert(int(tone), BadgePainter::style(tone, palette));
    return it.value();
}

void StatusBadgeDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString word = opt.text;
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QVariant tone = index.data(BadgeToneRole);
    if (!tone.isValid() || word.isEmpty())
        return;
    const QFontMetrics metrics(opt.font);
    const QSize badge = BadgePainter::size(metrics, word);
    const int margin = metrics.height() / 3;
    const QRect cell = opt.rect;
    const QPoint topLeft(cell.left() + margin, cell.top() + (cell.height() - badge.height()) / 2);
    const bool selected = opt.state.testFlag(QStyle::State_Selected);
    const QPen outline(opt.palette.color(QPalette::HighlightedText), 1);
    painter->save();
    painter->setFont(opt.font);
    BadgePainter::paint(painter, topLeft, metrics, word,
        styleFor(BadgeTone(tone.toInt()), opt.palette), selected ? &outline : nullptr);
    if (index.data(StuckRole).toBool()) {
        styleFor(BadgeTone::Neutral, opt.palette); // refreshes the warning pen if needed
        painter->setPen(selected ? outline : m_warningPen);
        const QRect text(topLeft.x() + badge.width() + margin, cell.top(),
            cell.right() - topLeft.x() - badge.width() - margin, cell.height());
        painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft, stuckText());
    }
    painter->restore();
}

int StatusBadgeDelegate::widthFor(const QFontMetrics &metrics, const QStringList &words, bool stuck)
{
    const int margin = metrics.height() / 3;
    int widest = 0;
    for (const QString &word : words)
        widest = std::max(widest, BadgePainter::size(metrics, word).width());
    if (stuck)
        widest += margin + metrics.horizontalAdvance(stuckText());
    return widest + 2 * margin;
}

QSize StatusBadgeDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    const int margin = metrics.height() / 3;
    int width = BadgePainter::size(metrics, index.data(Qt::DisplayRole).toString()).width();
    if (index.data(StuckRole).toBool())
        width += margin + metrics.horizontalAdvance(stuckText());
    return {width + 2 * margin, metrics.height() + metrics.height() * 2 / 3};
}

} // namespace taskdesk::ui
