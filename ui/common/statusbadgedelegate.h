#pragma once

#include "ui/common/badgepainter.h"

#include <QHash>
#include <QStyledItemDelegate>

namespace taskdesk::ui {

// Paints a status column as a rounded pill with the status word (the model's
// display text) in the colour of its BadgeToneRole, and "⚠ stuck" beside it for
// a task whose StuckRole is true. The item's base panel is painted first, so
// selection and focus stay native; pens and brushes are made once per palette.
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadgeDelegate)

public:
    explicit StatusBadgeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QString stuckText();
    // The width that shows the widest of `words` whole, with "⚠ stuck" beside
    // it when `stuck`: the column's width in any language.
    static int widthFor(const QFontMetrics &metrics, const QStringList &words, bool stuck);

private:
    const BadgeStyle &styleFor(BadgeTone tone, const QPalette &palette) const;

    mutable QHash<int, BadgeStyle> m_styles;
    mutable qint64 m_paletteKey = -1;
    mutable QPen m_warningPen;
};

} // namespace taskdesk::ui
