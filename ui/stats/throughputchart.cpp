#include "throughputchart.h"

#include "ui/common/badgepainter.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace taskdesk::ui {

namespace {

constexpr int kBucketChoices[] = {1, 2, 5, 10, 15, 30, 60, 120, 240};

// 1, 2, 5 × 10^n: a step for the count axis that gives about `ticks` lines.
qint64 niceStep(qint64 maximum, int ticks)
{
    const double raw = std::max(1.0, double(maximum) / ticks);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0, 10.0}) {
        if (f * magnitude >= raw)
            return std::max<qint64>(1, qint64(f * magnitude));
    }
    return qint64(10 * magnitude);
}

} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("throughputChart"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize ThroughputChart::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 18};
}

QSize ThroughputChart::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 40, fontMetrics().height() * 10};
}

void ThroughputChart::setSeries(
    qint64 fromMs, qint64 toMs, const QMap<qint64, QPair<qint64, qint64>> &perMinute)
{
    m_from = fromMs;
    m_to = toMs;
    m_perMinute = perMinute;
    update();
}

QRect ThroughputChart::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const int left = fm.horizontalAdvance(QStringLiteral("00000")) + fm.height();
    const int top = fm.height() * 2;
    const int bottom = fm.height() * 2;
    const int right = fm.height();
    return rect().adjusted(left, top, -right, -bottom);
}

int ThroughputChart::bucketMinutes() const
{
    const qint64 minutes = std::max<qint64>(1, (m_to - m_from) / 60000);
    // At least 8 px per bar: thinner bars read as a barcode, not a trend.
    const int maxBars = std::max(10, plotRect().width() / 8);
    for (int choice : kBucketChoices) {
        if (minutes / choice <= maxBars)
            return choice;
    }
    return kBucketChoices[std::size(kBucketChoices) - 1];
}

QVector<ThroughputChart::Bucket> ThroughputChart::buckets() const
{
    const int size = bucketMinutes();
    const qint64 firstMinute = m_from / 60000 / size * size;
    const qint64 lastMinute = m_to / 60000;
    QVector<Bucket> out;
    for (qint64 m = firstMinute; m <= lastMinute; m += size)
        out.append({m, 0, 0});
    for (auto it = m_perMinute.constBegin(); it != m_perMinute.constEnd(); ++it) {
        const qint64 i = (it.key() - firstMinute) / size;
        if (i < 0 || i >= out.size())
            continue;
        out[i].completed += it.value().first;
        out[i].failed += it.value().second;
    }
    return out;
}

QString ThroughputChart::timeText(qint64 minute)
{
    // The operator's own clock: "15:05" in Russian, "3:05 PM" in the US.
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(minute * 60000).toLocalTime();
    return QLocale().toString(t.time(), QLocale::ShortFormat);
}

QVector<QPair<int, QString>> ThroughputChart::timeTicks() const
{
    // Labels on round times (every 5, 10, 15, 30 … minutes), about 10 em apart.
    const QFontMetrics fm = fontMetrics();
    const QRect plot = plotRect();
    const QVector<Bucket> bars = buckets();
    QVector<QPair<int, QString>> ticks;
    if (bars.isEmpty() || plot.width() < 20 || plot.height() < 20)
        return ticks;
    const int size = bucketMinutes();
    const double width = double(plot.width()) / std::max<qsizetype>(1, bars.size());
    const double pxPerMinute = width / size;
    int labelMinutes = 360;
    for (int choice : {1, 2, 5, 10, 15, 30, 60, 120, 180, 360}) {
        if (choice * pxPerMinute >= fm.averageCharWidth() * 10) {
            labelMinutes = choice;
            break;
        }
    }
    const qint64 first = bars.first().startMinute;
    const qint64 offset = QDateTime::currentDateTime().offsetFromUtc() / 60; // local round times
    for (qint64 m = (first + offset + labelMinutes - 1) / labelMinutes * labelMinutes - offset;
         m <= bars.last().startMinute + size; m += labelMinutes) {
        const int x = plot.left() + int(double(m - first) * pxPerMinute);
        if (x > plot.right())
            break;
        ticks.append({x, timeText(m)});
    }
    return ticks;
}

QStringList ThroughputChart::timeAxisLabels() const
{
    QStringList labels;
    for (const auto &tick : timeTicks())
        labels << tick.second;
    return labels;
}

void ThroughputChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const QRect plot = plotRect();
    p.fillRect(rect(), pal.color(QPalette::Base));
    if (plot.width() < 20 || plot.height() < 20)
        return;

    const QVector<Bucket> bars = buckets();
    const int size = bucketMinutes();
    qint64 maximum = 0;
    for (const Bucket &b : bars)
        maximum = std::max(maximum, b.completed + b.failed);
    const qint64 step = niceStep(std::max<qint64>(maximum, 4), 4);
    const qint64 top = std::max<qint64>(step, (maximum + step - 1) / step * step);

    // Grid and count axis.
    QColor grid = pal.color(QPalette::Text);
    grid.setAlphaF(0.12f);
    QColor axisText = pal.color(QPalette::PlaceholderText);
    for (qint64 v = 0; v <= top; v += step) {
        const int y = plot.bottom() - int(double(v) / double(top) * plot.height());
        p.setPen(grid);
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(axisText);
        p.drawText(QRect(0, y - fm.height() / 2, plot.left() - fm.height() / 2, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(v));
    }

    // Bars.
    const QColor completed = BadgePainter::style(BadgeTone::Green, pal).fill.color();
    const QColor failed = BadgePainter::style(BadgeTone::Red, pal).fill.color();
    const double width = double(plot.width()) / std::max<qsizetype>(1, bars.size());
    const int gap = width >= 4 ? 1 : 0;
    for (int i = 0; i < bars.size(); ++i) {
        const Bucket &b = bars.at(i);
        const int x = plot.left() + int(i * width);
        const int w = std::max(1, int((i + 1) * width) - int(i * width) - gap);
        const int hc = int(double(b.completed) / double(top) * plot.height());
        const int hf = int(double(b.failed) / double(top) * plot.height());
        if (hc > 0)
            p.fillRect(x, plot.bottom() - hc, w, hc, completed);
        if (hf > 0)
            p.fillRect(x, plot.bottom() - hc - hf, w, hf, failed);
    }

    // Time axis.
    p.setPen(pal.color(QPalette::Text));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.setPen(axisText);
    for (const auto &[x, text] : timeTicks()) {
        p.drawLine(x, plot.bottom(), x, plot.bottom() + fm.height() / 4);
        p.drawText(QRect(x - 50, plot.bottom() + fm.height() / 4, 100, fm.height()),
            Qt::AlignHCenter | Qt::AlignTop, text);
    }

    // Legend and title.
    p.setPen(pal.color(QPalette::Text));
    const QString title = size == 1 ? tr("Tasks finished per minute")
                                    : tr("Tasks finished per %1 minutes").arg(size);
    p.drawText(QRect(plot.left(), 0, plot.width(), fm.height() * 3 / 2),
        Qt::AlignLeft | Qt::AlignVCenter, title);
    int x = plot.right();
    for (const auto &[label, colour] :
        {std::pair{tr("Failed"), failed}, std::pair{tr("Completed"), completed}}) {
        const int w = fm.horizontalAdvance(label);
        x -= w;
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(x, 0, w, fm.height() * 3 / 2), Qt::AlignVCenter, label);
        x -= fm.height();
        p.fillRect(
            x, fm.height() / 4 + fm.height() / 6, fm.height() * 2 / 3, fm.height() * 2 / 3, colour);
        x -= fm.height();
    }
    if (maximum == 0) {
        p.setPen(axisText);
        p.drawText(plot, Qt::AlignCenter, tr("No task finished in this period."));
    }
}

bool ThroughputChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QRect plot = plotRect();
        const QVector<Bucket> bars = buckets();
        if (plot.contains(help->pos()) && !bars.isEmpty()) {
            const double width = double(plot.width()) / bars.size();
            const int i
                = std::clamp(int((help->pos().x() - plot.left()) / width), 0, int(bars.size()) - 1);
            const Bucket &b = bars.at(i);
            QToolTip::showText(help->globalPos(),
                tr("%1: %2 completed, %3 failed")
                    .arg(timeText(b.startMinute))
                    .arg(b.completed)
                    .arg(b.failed),
                this);
            return true;
        }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace taskdesk::ui
