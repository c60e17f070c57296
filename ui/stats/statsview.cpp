#include "statsview.h"

#include "ui/app/appcontext.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/coretext.h"
#include "ui/common/timeformat.h"
#include "ui/stats/throughputchart.h"
#include "ui/widgets/badgelabel.h"

#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace taskdesk::ui {

StatsView::StatsView(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_hours(new QComboBox(this))
    , m_chart(new ThroughputChart(this))
{
    setObjectName(QStringLiteral("statsView"));
    const int gap = fontMetrics().height() / 2;
    for (int h : {1, 3, 6, 12, 24, 72})
        m_hours->addItem(tr("Last %n hour(s)", "", h), h);
    m_hours->setCurrentIndex(2);
    m_hours->setObjectName(QStringLiteral("statsHours"));

    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("Throughput and failures"), this);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    title->setFont(bold);
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(m_hours);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(gap * 2);
    grid->setVerticalSpacing(gap);
    int column = 0;
    for (TaskStatus s :
        {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed}) {
        auto *badge = new BadgeLabel(this);
        badge->setStatus(s);
        addCard(grid, 0, column++, statusName(s), QString(), badge);
    }
    auto *stuckBadge = new BadgeLabel(this);
    stuckBadge->setBadge(tr("Stuck"), BadgeTone::Orange);
    QLabel *stuckValue = addCard(grid, 0, column++, QStringLiteral("STUCK"), QString(), stuckBadge);
    m_stuckParts = new QLabel(stuckValue->parentWidget());
    m_stuckParts->setObjectName(QStringLiteral("stuckParts"));
    m_stuckParts->setForegroundRole(QPalette::PlaceholderText);
    // At 800 px the tiles are narrow: words wrap whole instead of being cut.
    m_stuckParts->setWordWrap(true);
    stuckValue->parentWidget()->layout()->addWidget(m_stuckParts);
    addCard(grid, 0, column++, QStringLiteral("TOTAL"), tr("All tasks"));
    column = 0;
    addCard(grid, 1, column++, QStringLiteral("completed"), tr("Completed in window"));
    addCard(grid, 1, column++, QStringLiteral("failed"), tr("Failed in window"));
    addCard(grid, 1, column++, QStringLiteral("failure_rate"), tr("Failure rate"));
    addCard(grid, 1, column++, QStringLiteral("throughput"), tr("Finished per hour"));
    addCard(grid, 1, column++, QStringLiteral("duration"), tr("Average duration"));
    for (int c = 0; c < 6; ++c)
        grid->setColumnStretch(c, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(gap * 2, gap, gap * 2, gap * 2);
    layout->setSpacing(gap);
    layout->addLayout(top);
    layout->addLayout(grid);
    layout->addWidget(m_chart, 1);
    connect(m_hours, &QComboBox::currentIndexChanged, this, &StatsView::refresh);
}

QLabel *StatsView::addCard(QGridLayout *grid, int row, int column, const QString &key,
    const QString &title, QWidget *badge)
{
    auto *card = new QFrame(this);
    card->setFrameShape(QFrame::StyledPanel);
    card->setObjectName(QStringLiteral("card_") + key);
    auto *cl = new QVBoxLayout(card);
    if (badge) {
        badge->setParent(card);
        cl->addWidget(badge, 0, Qt::AlignLeft);
    } else {
        auto *caption = new QLabel(title, card);
        caption->setForegroundRole(QPalette::PlaceholderText);
        caption->setWordWrap(true);
        cl->addWidget(caption);
    }
    auto *value = new QLabel(QStringLiteral("–"), card);
    QFont f = value->font();
    f.setPointSizeF(f.pointSizeF() * 1.7);
    f.setBold(true);
    value->setFont(f);
    cl->addWidget(value);
    grid->addWidget(card, row, column);
    m_cards.insert(key, value);
    return value;
}

int StatsView::hours() const
{
    return m_hours->currentData().toInt();
}

QString StatsView::stuckPartsText() const
{
    return m_stuckParts->text();
}

QString StatsView::cardText(const QString &key) const
{
    const QLabel *label = m_cards.value(key);
    return label ? label->text() : QString();
}

void StatsView::refresh()
{
    if (m_pending)
        return;
    m_pending = true;
    TaskStore *store = &m_context.tasks();
    const int h = hours();
    m_context.background().run(
        this,
        [store, h, stuck = m_context.stuckThresholds()]() {
            return store->reader().stats(h, stuck);
        },
        [this](const Result<Stats> &stats) {
            m_pending = false;
            if (!stats.ok()) {
                m_context.reportFailure(coreText(stats.error()));
                return;
            }
            show(stats.value());
        });
}

void StatsView::show(const Stats &s)
{
    m_stats = s;
    const QLocale locale;
    for (TaskStatus status :
        {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed})
        m_cards.value(statusName(status))
            ->setText(locale.toString(s.counts.byStatus.value(status)));
    m_cards.value(QStringLiteral("STUCK"))->setText(locale.toString(s.counts.stuck));
    m_stuckParts->setText(
        tr("%1 queued · %2 running")
            .arg(locale.toString(s.counts.stuckQueued), locale.toString(s.counts.stuckRunning)));
    m_cards.value(QStringLiteral("TOTAL"))->setText(locale.toString(s.counts.total()));
    m_cards.value(QStringLiteral("completed"))->setText(locale.toString(s.completedInWindow));
    m_cards.value(QStringLiteral("failed"))->setText(locale.toString(s.failedInWindow));
    const qint64 finished = s.completedInWindow + s.failedInWindow;
    m_cards.value(QStringLiteral("failure_rate"))
        ->setText(finished > 0
                ? locale.toString(100.0 * double(s.failedInWindow) / double(finished), 'f', 1)
                    + QStringLiteral(" %")
                : QStringLiteral("–"));
    m_cards.value(QStringLiteral("throughput"))
        ->setText(locale.toString(double(finished) / std::max(1, s.hours), 'f', 1));
    m_cards.value(QStringLiteral("duration"))
        ->setText(s.averageDurationMs > 0 ? TimeFormat::duration(qint64(s.averageDurationMs))
                                          : QStringLiteral("–"));
    m_chart->setSeries(s.from, s.to, s.perMinute);
    Q_EMIT refreshed();
}

} // namespace taskdesk::ui
