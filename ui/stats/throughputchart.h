#pragma once

#include <QMap>
#include <QPair>
#include <QWidget>

namespace taskdesk::ui {

// Tasks finished per minute over a time window, as stacked bars: completed
// (green) below, failed (red) on top, with a time axis, a count axis and a
// legend. Painted with QPainter (QtCharts is not available); minutes are
// grouped into wider bars when the window has more minutes than pixels allow.
class ThroughputChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputChart)

public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    // `perMinute`: epoch minute → (completed, failed), within [fromMs, toMs].
    void setSeries(
        qint64 fromMs, qint64 toMs, const QMap<qint64, QPair<qint64, qint64>> &perMinute);
    // Minutes per bar for the current size.
    int bucketMinutes() const;
    // The times written under the bars, in the locale's short time format.
    QStringList timeAxisLabels() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Bucket
    {
        qint64 startMinute = 0;
        qint64 completed = 0;
        qint64 failed = 0;
    };
    QVector<Bucket> buckets() const;
    QVector<QPair<int, QString>> timeTicks() const; // x, label
    static QString timeText(qint64 minute);
    QRect plotRect() const;

    qint64 m_from = 0;
    qint64 m_to = 0;
    QMap<qint64, QPair<qint64, qint64>> m_perMinute;
};

} // namespace taskdesk::ui
