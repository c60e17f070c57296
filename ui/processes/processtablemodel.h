#pragma once

#include "core/supervisor/processinfo.h"
#include "ui/common/itemroles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace taskdesk::ui {

// The process definitions with their desired and actual state, as the
// supervisors wrote them back: state badge, pid, uptime, restarts,
// consecutive failures, last exit.
class ProcessTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessTableModel)

public:
    enum Column {
        Name,
        Role,
        State,
        Desired,
        Pid,
        Uptime,
        Restarts,
        Failures,
        LastExit,
        Host,
        Message,
        ColumnCount
    };

    explicit ProcessTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The processes as read now: the same ones signal the rows that changed;
    // a definition added or removed replaces the rows.
    void setProcesses(const QVector<ProcessInfo> &processes);
    const QVector<ProcessInfo> &processes() const { return m_processes; }
    const ProcessInfo *processAt(int row) const;
    int rowOf(const QString &name) const;

    static QString stateWord(ProcessState state);
    static int toneOf(ProcessState state);

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    QVector<ProcessInfo> m_processes;
};

} // namespace taskdesk::ui
