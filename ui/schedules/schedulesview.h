#pragma once

#include "ui/widgets/messagebar.h"

#include <QWidget>

class QAction;
class QTableView;

namespace taskdesk::ui {

class AppContext;
class ScheduleTableModel;

// The Schedules page: each schedule with its timing and its next and last
// run; add, enable, disable and remove (removal asks first).
class SchedulesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulesView)

public:
    explicit SchedulesView(AppContext &context, QWidget *parent = nullptr);

    ScheduleTableModel *model() const { return m_model; }

public Q_SLOTS:
    void refresh();
    void addSchedule();
    void toggleSelected();
    void removeSelected();

Q_SIGNALS:
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);

private:
    void updateActions();
    QString selectedName() const;

    AppContext &m_context;
    ScheduleTableModel *m_model;
    QTableView *m_table;
    QAction *m_add;
    QAction *m_toggle;
    QAction *m_remove;
};

} // namespace taskdesk::ui
