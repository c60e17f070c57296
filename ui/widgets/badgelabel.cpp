#include "badgelabel.h"

#include <QPainter>

namespace taskdesk::ui {

BadgeLabel::BadgeLabel(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void BadgeLabel::setBadge(const QString &word, BadgeTone tone)
{
    m_word = word;
    m_tone = tone;
    updateGeometry();
    update();
}

void BadgeLabel::setStatus(TaskStatus status)
{
    setBadge(BadgePainter::wordFor(status), BadgePainter::toneFor(status));
}

QSize BadgeLabel::sizeHint() const
{
    if (m_word.isEmpty())
        return {0, fontMetrics().height() + 4};
    return BadgePainter::size(fontMetrics(), m_word);
}

void BadgeLabel::paintEvent(QPaintEvent *)
{
    if (m_word.isEmpty())
        return;
    QPainter painter(this);
    const QSize s = BadgePainter::size(fontMetrics(), m_word);
    BadgePainter::paint(&painter, QPoint(0, (height() - s.height()) / 2), fontMetrics(), m_word,
        BadgePainter::style(m_tone, palette()));
}

} // namespace taskdesk::ui
