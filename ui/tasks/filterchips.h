#pragma once

#include "core/tasks/taskreader.h"

#include <QMap>
#include <QWidget>

class QButtonGroup;
class QToolButton;

namespace taskdesk::ui {

// The status chips above the task table, each with its live count: All,
// Pending, Running, Completed, Failed, Stuck. Exactly one is on.
class FilterChips final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterChips)

public:
    enum Chip { All, Pending, Running, Completed, Failed, Stuck };

    explicit FilterChips(QWidget *parent = nullptr);

    Chip current() const { return m_current; }
    void setCurrent(Chip chip);
    void setCounts(const StatusCounts &counts);
    QToolButton *button(Chip chip) const;
    // The filter conditions of a chip.
    static void apply(Chip chip, TaskFilter &filter);

Q_SIGNALS:
    void chipSelected(taskdesk::ui::FilterChips::Chip chip);

protected:
    void changeEvent(QEvent *event) override;

private:
    QString label(Chip chip) const;
    void updateIcons();

    QButtonGroup *m_group;
    QMap<Chip, QToolButton *> m_buttons;
    QMap<Chip, qint64> m_counts;
    Chip m_current = All;
    bool m_haveCounts = false;
};

} // namespace taskdesk::ui
