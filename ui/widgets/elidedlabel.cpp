#include "elidedlabel.h"

#include <QEvent>

namespace taskdesk::ui {

ElidedLabel::ElidedLabel(QWidget *parent, Qt::TextElideMode mode)
    : QLabel(parent)
    , m_mode(mode)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString &text)
{
    m_fullText = text;
    setToolTip(text);
    updateGeometry();
    elide();
}

QSize ElidedLabel::sizeHint() const
{
    const QMargins m = contentsMargins();
    return {fontMetrics().horizontalAdvance(m_fullText) + m.left() + m.right() + 2 * margin(),
        QLabel::sizeHint().height()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    // The minimum width set by the owner, not the whole text's: QLabel's own
    // hint would keep the window from giving the other labels their room.
    return {std::max(minimumWidth(), fontMetrics().averageCharWidth() * 3),
        QLabel::minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        elide();
}

void ElidedLabel::elide()
{
    const int width = contentsRect().width() - 2 * margin();
    // elidedText() measures in fractions of a pixel and may cut a text that
    // horizontalAdvance(), which sizeHint() uses, says fits.
    const QString shown = fontMetrics().horizontalAdvance(m_fullText) <= width
        ? m_fullText
        : fontMetrics().elidedText(m_fullText, m_mode, std::max(0, width));
    if (shown != text())
        QLabel::setText(shown);
}

} // namespace taskdesk::ui
