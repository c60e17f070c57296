#include "scheduletablemodel.h"

#include "ui/common/plaintext.h"

#include "ui/common/badgepainter.h"
#include "ui/common/timeformat.h"

#include <QGuiApplication>
#include <QPalette>

namespace taskdesk::ui {

ScheduleTableModel::ScheduleTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int ScheduleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_schedules.size());
}

int ScheduleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Schedule *ScheduleTableModel::scheduleAt(int row) const
{
    return row >= 0 && row < m_schedules.size() ? &m_schedules.at(row) : nullptr;
}

QVariant ScheduleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Queue:
        return tr("Queue");
    case Timing:
        return tr("When");
    case Enabled:
        return tr("On");
    case Next:
        return tr("Next run");
    case Last:
        return tr("Last run");
    case LastStatus:
        return tr("Last task");
    default:
        return {};
    }
}

QVariant ScheduleTableModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant ScheduleTableModel::roleData(const QModelIndex &index, int role) const
{
    const Schedule *s = index.isValid() ? scheduleAt(index.row()) : nullptr;
    if (!s)
        return {};
    const std::optional<TaskStatus> last = parseStatus(s->lastTaskStatus);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return s->name;
        case Kind:
            return s->kind;
        case Queue:
            return s->queue;
        case Timing:
            return s->timing();
        case Enabled:
            return s->enabled ? tr("yes") : tr("no");
        case Next: {
            const std::optional<qint64> next = s->nextSlot(s->dbNow);
            return next ? TimeFormat::shortTime(*next) : QString();
        }
        case Last:
            return TimeFormat::shortTime(s->lastSlotAt);
        case LastStatus:
            return last ? BadgePainter::wordFor(*last) : QString();
        default:
            return {};
        }
    case BadgeToneRole:
        if (index.column() == LastStatus && last)
            return int(BadgePainter::toneFor(*last));
        return {};
    case StatusRole:
        return last ? QVariant(int(*last)) : QVariant();
    case TaskIdRole:
        return s->lastTaskId;
    case Qt::ForegroundRole:
        if (!s->enabled)
            return QVariant::fromValue(QGuiApplication::palette().color(QPalette::PlaceholderText));
        return {};
    default:
        return {};
    }
}

void ScheduleTableModel::setSchedules(const QVector<Schedule> &schedules)
{
    bool sameRows = schedules.size() == m_schedules.size();
    for (int i = 0; sameRows && i < schedules.size(); ++i)
        sameRows = schedules.at(i).id == m_schedules.at(i).id;
    if (!sameRows) {
        beginResetModel();
        m_schedules = schedules;
        endResetModel();
        return;
    }
    // The next run moves with the clock: every row may read differently.
    m_schedules = schedules;
    if (!schedules.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(schedules.size()) - 1, ColumnCount - 1));
}

} // namespace taskdesk::ui
