#include "taskitemsmodel.h"

#include "ui/common/plaintext.h"

#include "ui/common/badgepainter.h"
#include "ui/common/storedtext.h"
#include "ui/common/timeformat.h"

namespace taskdesk::ui {

namespace {

bool sameItem(const TaskItem &a, const TaskItem &b)
{
    return a.status == b.status && a.startedAt == b.startedAt && a.completedAt == b.completedAt
        && a.errorMessage == b.errorMessage && a.label == b.label && a.position == b.position;
}

} // namespace

TaskItemsModel::TaskItemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int TaskItemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int TaskItemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags TaskItemsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant TaskItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Position:
        return tr("#");
    case Label:
        return tr("Item");
    case Status:
        return tr("Status");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    case Error:
        return tr("Error");
    default:
        return {};
    }
}

QVariant TaskItemsModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant TaskItemsModel::roleData(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size() || index.column() >= ColumnCount)
        return {};
    const TaskItem &item = m_items.at(index.row());
    const int column = index.column();
    qint64 duration = -1;
    if (item.startedAt > 0)
        duration = (item.completedAt > 0 ? item.completedAt : m_dbNow) - item.startedAt;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Position:
            return item.position + 1;
        case Label:
            return item.label;
        case Status:
            return BadgePainter::wordFor(item.status);
        case Started:
            return TimeFormat::shortTime(item.startedAt);
        case Duration:
            return duration >= 0 ? TimeFormat::duration(duration) : QString();
        case Error:
            return storedText(item.errorMessage);
        default:
            return {};
        }
    case RawValueRole:
        switch (column) {
        case Position:
            return item.position;
        case Label:
            return item.label;
        case Status:
            return statusName(item.status);
        case Started:
            return item.startedAt;
        case Duration:
            return duration;
        case Error:
            return item.errorMessage;
        default:
            return {};
        }
    case StatusRole:
        return int(item.status);
    case BadgeToneRole:
        if (column == Status)
            return int(BadgePainter::toneFor(item.status));
        return {};
    case TaskIdRole:
        return item.taskId;
    case Qt::ToolTipRole:
        if (column == Error || column == Label)
            return item.errorMessage.isEmpty()
                ? item.label
                : item.label + QLatin1Char('\n') + storedText(item.errorMessage);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Position || column == Duration)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

void TaskItemsModel::setItems(const QVector<TaskItem> &items, qint64 dbNow)
{
    m_dbNow = dbNow;
    bool sameRows = items.size() == m_items.size();
    for (int i = 0; sameRows && i < items.size(); ++i)
        sameRows = items.at(i).id == m_items.at(i).id;
    if (!sameRows) {
        beginResetModel();
        m_items = items;
        endResetModel();
        return;
    }
    for (int i = 0; i < items.size(); ++i) {
        const bool running = items.at(i).status == TaskStatus::Running;
        if (!sameItem(items.at(i), m_items.at(i)) || running) {
            // A running item's duration grows: its row changes with the clock.
            m_items[i] = items.at(i);
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
}

} // namespace taskdesk::ui
