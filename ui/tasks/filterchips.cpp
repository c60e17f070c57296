#include "filterchips.h"

#include "ui/common/badgepainter.h"
#include "ui/widgets/flowlayout.h"

#include <QButtonGroup>
#include <QEvent>
#include <QLocale>
#include <QPainter>
#include <QToolButton>

namespace taskdesk::ui {

namespace {

const FilterChips::Chip kChips[] = {FilterChips::All, FilterChips::Pending, FilterChips::Running,
    FilterChips::Completed, FilterChips::Failed, FilterChips::Stuck};

} // namespace

FilterChips::FilterChips(QWidget *parent)
    : QWidget(parent)
    , m_group(new QButtonGroup(this))
{
    // A second line when the window is too narrow for all of them.
    auto *layout = new FlowLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(fontMetrics().height() / 3);
    layout->setVerticalSpacing(fontMetrics().height() / 4);
    m_group->setExclusive(true);
    for (Chip chip : kChips) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setObjectName(QStringLiteral("chip%1").arg(int(chip)));
        button->setFocusPolicy(Qt::TabFocus);
        m_group->addButton(button, int(chip));
        m_buttons.insert(chip, button);
        layout->addWidget(button);
        button->setText(label(chip));
    }
    m_buttons.value(All)->setChecked(true);
    // Chips, not push buttons: rounded, and the checked one filled.
    setStyleSheet(QStringLiteral(
        "QToolButton { border: 1px solid palette(mid); border-radius: 11px; padding: 2px 5px; "
        "background: palette(base); }"
        "QToolButton:hover { border-color: palette(highlight); }"
        "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); "
        "border-color: palette(highlight); }"));
    updateIcons();
    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) {
        m_current = Chip(id);
        Q_EMIT chipSelected(m_current);
    });
}

QString FilterChips::label(Chip chip) const
{
    QString name;
    switch (chip) {
    case All:
        name = tr("All");
        break;
    case Pending:
        name = BadgePainter::wordFor(TaskStatus::Pending);
        break;
    case Running:
        name = BadgePainter::wordFor(TaskStatus::Running);
        break;
    case Completed:
        name = BadgePainter::wordFor(TaskStatus::Completed);
        break;
    case Failed:
        name = BadgePainter::wordFor(TaskStatus::Failed);
        break;
    case Stuck:
        name = tr("Stuck");
        break;
    }
    if (!m_haveCounts)
        return name;
    return tr("%1  %2").arg(name, QLocale().toString(m_counts.value(chip)));
}

void FilterChips::setCurrent(Chip chip)
{
    m_current = chip;
    m_buttons.value(chip)->setChecked(true);
}

QToolButton *FilterChips::button(Chip chip) const
{
    return m_buttons.value(chip);
}

void FilterChips::setCounts(const StatusCounts &counts)
{
    m_haveCounts = true;
    m_counts[All] = counts.total();
    m_counts[Pending] = counts.byStatus.value(TaskStatus::Pending);
    m_counts[Running] = counts.byStatus.value(TaskStatus::Running);
    m_counts[Completed] = counts.byStatus.value(TaskStatus::Completed);
    m_counts[Failed] = counts.byStatus.value(TaskStatus::Failed);
    m_counts[Stuck] = counts.stuck;
    m_buttons.value(Stuck)->setToolTip(
        tr("Stuck: %1 waiting in the queue too long, %2 running without a heartbeat")
            .arg(QLocale().toString(counts.stuckQueued), QLocale().toString(counts.stuckRunning)));
    for (Chip chip : kChips)
        m_buttons.value(chip)->setText(label(chip));
}

void FilterChips::apply(Chip chip, TaskFilter &filter)
{
    filter.statuses.clear();
    filter.stuckOnly = false;
    switch (chip) {
    case All:
        break;
    case Pending:
        filter.statuses = {TaskStatus::Pending};
        break;
    case Running:
        filter.statuses = {TaskStatus::Running};
        break;
    case Completed:
        filter.statuses = {TaskStatus::Completed};
        break;
    case Failed:
        filter.statuses = {TaskStatus::Failed};
        break;
    case Stuck:
        filter.stuckOnly = true;
        break;
    }
}

void FilterChips::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
}

void FilterChips::updateIcons()
{
    // A dot in the status colour ties each chip to its badges.
    const int size = fontMetrics().height() * 2 / 3;
    for (Chip chip : kChips) {
        BadgeTone tone = BadgeTone::Neutral;
        switch (chip) {
        case All:
            m_buttons.value(chip)->setIcon({});
            continue;
        case Pending:
            tone = BadgeTone::Neutral;
            break;
        case Running:
            tone = BadgeTone::Yellow;
            break;
        case Completed:
            tone = BadgeTone::Green;
            break;
        case Failed:
            tone = BadgeTone::Red;
            break;
        case Stuck:
            tone = BadgeTone::Orange;
            break;
        }
        QPixmap dot(size * 2, size * 2);
        dot.setDevicePixelRatio(2);
        dot.fill(Qt::transparent);
        QPainter painter(&dot);
        painter.setRenderHint(QPainter::Antialiasing);
        const BadgeStyle style = BadgePainter::style(tone, palette());
        painter.setBrush(style.fill);
        painter.setPen(style.border);
        painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
        painter.end();
        m_buttons.value(chip)->setIcon(QIcon(dot));
        m_buttons.value(chip)->setIconSize(QSize(size, size));
    }
}

} // namespace taskdesk::ui
