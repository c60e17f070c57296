#include "stucktablemodel.h"

#include "ui/common/plaintext.h"

#include "ui/common/badgepainter.h"
#include "ui/common/timeformat.h"

namespace taskdesk::ui {

StuckTableModel::StuckTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int StuckTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.queued.size() + m_report.running.size());
}

int StuckTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const StuckTask &StuckTableModel::at(int row) const
{
    return isRunningRow(row) ? m_report.running.at(row - m_report.queued.size())
                             : m_report.queued.at(row);
}

QString StuckTableModel::plannedAction(int row) const
{
    if (!isRunningRow(row))
        return m_action == CleanupAction::MarkFailed ? tr("mark FAILED") : tr("leave waiting");
    return m_action == CleanupAction::MarkFailed ? tr("mark FAILED") : tr("re-queue now");
}

QVariant StuckTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Problem:
        return tr("Problem");
    case Id:
        return tr("ID");
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Queue:
        return tr("Queue");
    case Status:
        return tr("Status");
    case Age:
        return tr("For");
    case Worker:
        return tr("Worker");
    case Attempts:
        return tr("Attempts");
    case Cleanup:
        return tr("Clean-up would");
    default:
        return {};
    }
}

QVariant StuckTableModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant StuckTableModel::roleData(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const StuckTask &s = at(index.row());
    const Task &t = s.task;
    const bool running = isRunningRow(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Problem:
            return running ? tr("No heartbeat") : tr("Waiting in queue");
        case Id:
            return t.id;
        case Name:
            return t.name;
        case Kind:
            return t.kind;
        case Queue:
            return t.queue;
        case Status:
            return BadgePainter::wordFor(t.status);
        case Age:
            return TimeFormat::duration(s.ageMs);
        case Worker:
            return t.workerId;
        case Attempts:
            return tr("%1 / %2").arg(t.attempt).arg(t.maxAttempts);
        case Cleanup:
            return plannedAction(index.row());
        default:
            return {};
        }
    case RawValueRole:
        return index.column() == Age ? QVariant(s.ageMs) : data(index, Qt::DisplayRole);
    case StatusRole:
        return int(t.status);
    case StuckRole:
        return running && index.column() == Status;
    case TaskIdRole:
        return t.id;
    case BadgeToneRole:
        if (index.column() == Status)
            return int(BadgePainter::toneFor(t.status));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == Age)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

void StuckTableModel::setReport(const StuckReport &report, CleanupAction action)
{
    // Each preview is a new snapshot of what is stuck: the row set is replaced.
    beginResetModel();
    m_report = report;
    m_action = action;
    endResetModel();
}

void StuckTableModel::setAction(CleanupAction action)
{
    if (action == m_action)
        return;
    m_action = action;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Cleanup), index(rowCount() - 1, Cleanup));
}

} // namespace taskdesk::ui
