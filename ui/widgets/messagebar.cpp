#include "messagebar.h"

#include "ui/common/badgepainter.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace taskdesk::ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    auto *layout = new QHBoxLayout(this);
    const int m = fontMetrics().height() / 3;
    layout->setContentsMargins(m * 2, m, m, m);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, [this]() {
        hide();
        Q_EMIT closed();
    });
    hide();
}

void MessageBar::showMessage(const QString &text, Type type)
{
    m_type = type;
    m_text->setText(text);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    if (type == Type::Warning)
        icon = QStyle::SP_MessageBoxWarning;
    else if (type == Type::Error)
        icon = QStyle::SP_MessageBoxCritical;
    const int size = fontMetrics().height();
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    applyColors();
    show();
}

void MessageBar::setClosable(bool closable)
{
    m_close->setVisible(closable);
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_text->text().isEmpty())
        applyColors();
}

void MessageBar::applyColors()
{
    // A light wash of the tone over the window colour keeps the palette's text
    // colour readable in light and dark themes.
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    BadgeTone tone = BadgeTone::Blue;
    if (m_type == Type::Positive)
        tone = BadgeTone::Green;
    else if (m_type == Type::Warning)
        tone = BadgeTone::Orange;
    else if (m_type == Type::Error)
        tone = BadgeTone::Red;
    const QColor accent = BadgePainter::style(tone, base).fill.color();
    const QColor window = base.color(QPalette::Window);
    auto mix = [](const QColor &a, const QColor &b, double t) {
        return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
            float(a.greenF() * (1 - t) + b.greenF() * t),
            float(a.blueF() * (1 - t) + b.blueF() * t));
    };
    QPalette p = base;
    p.setColor(QPalette::Window, mix(window, accent, 0.18));
    p.setColor(QPalette::WindowText, base.color(QPalette::WindowText));
    p.setColor(QPalette::Light, accent);
    p.setColor(QPalette::Dark, accent);
    p.setColor(QPalette::Mid, accent);
    setPalette(p);
}

} // namespace taskdesk::ui
