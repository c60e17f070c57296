#include "overlaystack.h"

#include <QEvent>
#include <QVBoxLayout>

namespace taskdesk::ui {

OverlayStack::OverlayStack(QWidget *covered, QWidget *parent)
    : QWidget(parent)
    , m_covered(covered)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_covered->installEventFilter(this);
    hide();
}

void OverlayStack::addWidget(QWidget *widget)
{
    m_widgets.append(widget);
    m_layout->addWidget(widget);
    widget->installEventFilter(this);
    place();
}

bool OverlayStack::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Resize:
    case QEvent::Move:
    case QEvent::Show:
    case QEvent::Hide:
    case QEvent::ShowToParent:
    case QEvent::HideToParent:
        if (watched == m_covered || m_widgets.contains(static_cast<QWidget *>(watched)))
            place();
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

bool OverlayStack::event(QEvent *event)
{
    if (event->type() == QEvent::LayoutRequest)
        place();
    return QWidget::event(event);
}

void OverlayStack::place()
{
    if (m_placing)
        return;
    m_placing = true;
    bool any = false;
    for (QWidget *w : std::as_const(m_widgets))
        any = any || !w->isHidden();
    if (any) {
        const QRect area(m_covered->mapTo(parentWidget(), QPoint(0, 0)), m_covered->size());
        const int height = m_layout->hasHeightForWidth()
            ? m_layout->totalHeightForWidth(area.width())
            : m_layout->totalSizeHint().height();
        setGeometry(area.left(), area.bottom() + 1 - std::min(height, area.height()), area.width(),
            std::min(height, area.height()));
        show();
        raise();
    } else {
        hide();
    }
    m_placing = false;
}

} // namespace taskdesk::ui
