#pragma once

#include "core/task.h"
#include "ui/common/itemroles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace taskdesk::ui {

// The items of one task (the accounts of a warm-up, the files of an import),
// each with its own status badge, times and error.
class TaskItemsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskItemsModel)

public:
    enum Column { Position, Label, Status, Started, Duration, Error, ColumnCount };

    explicit TaskItemsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The items of a task as read now. The same items again signal only the rows
    // that changed; other items (another task) replace the rows.
    void setItems(const QVector<TaskItem> &items, qint64 dbNow);
    const QVector<TaskItem> &items() const { return m_items; }

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    QVector<TaskItem> m_items;
    qint64 m_dbNow = 0;
};

} // namespace taskdesk::ui
