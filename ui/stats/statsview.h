#pragma once

#include "core/tasks/taskreader.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;

namespace taskdesk::ui {

class AppContext;
class ThroughputChart;

// Counts by status, what finished in the window (completed, failed, failure
// rate, average duration) and the per-minute chart of completions and failures.
class StatsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsView)

public:
    explicit StatsView(AppContext &context, QWidget *parent = nullptr);

    int hours() const;
    const Stats &stats() const { return m_stats; }
    // The text of one count card ("Running", "Completed in window", …), for tests.
    QString cardText(const QString &key) const;
    // The parts of the stuck count, as the Stuck page names them.
    QString stuckPartsText() const;

public Q_SLOTS:
    void refresh(); // reads the stats in the background

Q_SIGNALS:
    void refreshed();

private:
    void show(const Stats &stats);
    QLabel *addCard(QGridLayout *grid, int row, int column, const QString &key,
        const QString &title, QWidget *badge = nullptr);

    AppContext &m_context;
    QComboBox *m_hours;
    ThroughputChart *m_chart;
    QMap<QString, QLabel *> m_cards;
    QLabel *m_stuckParts = nullptr; // "N queued · M running" under the stuck count
    Stats m_stats;
    bool m_pending = false;
};

} // namespace taskdesk::ui
