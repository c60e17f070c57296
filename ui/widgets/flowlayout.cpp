#include "flowlayout.h"

#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace taskdesk::ui {

FlowLayout::FlowLayout(QWidget *parent)
    : QLayout(parent)
{ }

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items.append(item);
}

int FlowLayout::count() const
{
    return int(m_items.size());
}

QLayoutItem *FlowLayout::itemAt(int index) const
{
    return m_items.value(index);
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= m_items.size())
        return nullptr;
    return m_items.takeAt(index);
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return {};
}

// Not height-for-width: a page that is would ask its scroll area for the
// height of its size hint. Its height follows the width it was last given
// instead (see setGeometry).
bool FlowLayout::hasHeightForWidth() const
{
    return false;
}

int FlowLayout::heightForWidth(int width) const
{
    return doLayout(QRect(0, 0, width, 0), true);
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    doLayout(rect, false);
    if (rect.width() == m_width)
        return;
    const int before = height();
    m_width = rect.width();
    // Another number of lines: the layouts around make room for them.
    if (height() != before)
        invalidate();
}

int FlowLayout::height() const
{
    if (m_width <= 0)
        return oneLine().height();
    return doLayout(QRect(0, 0, m_width, 0), true);
}

QSize FlowLayout::sizeHint() const
{
    return QSize(oneLine().width(), height());
}

QSize FlowLayout::oneLine() const
{
    int width = 0;
    int height = 0;
    int shown = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        width += hint.width() + (shown++ > 0 ? horizontalSpacing() : 0);
        height = std::max(height, hint.height());
    }
    const QMargins m = contentsMargins();
    return QSize(width + m.left() + m.right(), height + m.top() + m.bottom());
}

QSize FlowLayout::minimumSize() const
{
    int width = 0;
    for (const QLayoutItem *item : m_items) {
        if (!item->isEmpty())
            width = std::max(width, item->minimumSize().width());
    }
    const QMargins m = contentsMargins();
    return QSize(width + m.left() + m.right(), height());
}

int FlowLayout::horizontalSpacing() const
{
    if (m_hSpacing >= 0)
        return m_hSpacing;
    const QWidget *parent = parentWidget();
    return parent
        ? parent->style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, parent)
        : 6;
}

int FlowLayout::verticalSpacing() const
{
    if (m_vSpacing >= 0)
        return m_vSpacing;
    const QWidget *parent = parentWidget();
    return parent ? parent->style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing, nullptr, parent)
                  : 6;
}

// Places the items line by line in `rect` (unless testOnly) and returns the
// height they take.
int FlowLayout::doLayout(const QRect &rect, bool testOnly) const
{
    const QMargins m = contentsMargins();
    const QRect area = rect.marginsRemoved(m);
    int x = area.x();
    int y = area.y();
    int lineHeight = 0;
    for (QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        const int width = std::min(hint.width(), area.width());
        if (x > area.x() && x + width > area.right() + 1) {
            x = area.x();
            y += lineHeight + verticalSpacing();
            lineHeight = 0;
        }
        if (!testOnly)
            item->setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())));
        x += width + horizontalSpacing();
        lineHeight = std::max(lineHeight, hint.height());
    }
    return y + lineHeight - rect.y() + m.bottom();
}

} // namespace taskdesk::ui
