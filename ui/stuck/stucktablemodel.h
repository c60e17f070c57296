#pragma once

#include "core/tasks/stucktasks.h"
#include "ui/common/itemroles.h"

#include <QAbstractTableModel>

namespace taskdesk::ui {

// What the sweeper sees now (the stuck report), one row per stuck task, with
// what a clean-up with the chosen action would do to it: the dry-run preview.
class StuckTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StuckTableModel)

public:
    enum Column {
        Problem,
        Id,
        Name,
        Kind,
        Queue,
        Status,
        Age,
        Worker,
        Attempts,
        Cleanup,
        ColumnCount
    };

    explicit StuckTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setReport(const StuckReport &report, CleanupAction action);
    void setAction(CleanupAction action);
    const StuckReport &report() const { return m_report; }
    // What the clean-up would do to a row ("mark FAILED", "re-queue", "leave waiting").
    QString plannedAction(int row) const;
    bool isRunningRow(int row) const { return row >= m_report.queued.size(); }
    // The task of a row, as the report read it.
    Task taskAt(int row) const { return at(row).task; }

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    const StuckTask &at(int row) const;

    StuckReport m_report;
    CleanupAction m_action = CleanupAction::MarkFailed;
};

} // namespace taskdesk::ui
