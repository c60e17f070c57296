#pragma once

#include "core/scheduling/schedule.h"
#include "ui/common/itemroles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace taskdesk::ui {

// The schedules: what each enqueues, when, whether it is on, when it runs
// next, and how its last run went.
class ScheduleTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleTableModel)

public:
    enum Column { Name, Kind, Queue, Timing, Enabled, Next, Last, LastStatus, ColumnCount };

    explicit ScheduleTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSchedules(const QVector<Schedule> &schedules);
    const Schedule *scheduleAt(int row) const;

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    QVector<Schedule> m_schedules;
};

} // namespace taskdesk::ui
