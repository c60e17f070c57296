#include "sourcetablemodel.h"

#include "ui/common/plaintext.h"

#include "ui/common/badgepainter.h"
#include "ui/common/timeformat.h"

#include <QLocale>

namespace taskdesk::ui {

SourceTableModel::SourceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int SourceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SourceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SourceTableModel::statusWord(const SourceRow &row)
{
    return row.status ? BadgePainter::wordFor(*row.status) : row.rawStatus;
}

QVariant SourceTableModel::displayData(const SourceRow &r, int column) const
{
    auto time = [](qint64 ms) {
        return ms > 0 ? TimeFormat::shortTime(ms) : QString();
    };
    switch (column) {
    case Key:
        return QString::number(r.key);
    case Status:
        return statusWord(r);
    case Title:
        return r.title;
    case Kind:
        return r.kind;
    case Queue:
        return r.queue;
    case Progress:
        return r.progressTotal > 0 ? QStringLiteral("%1 / %2").arg(
                   QLocale().toString(r.progressDone), QLocale().toString(r.progressTotal))
                                   : QString();
    case Created:
        return time(r.createdAt);
    case Started:
        return time(r.startedAt);
    case Finished:
        return time(r.finishedAt);
    case Changed:
        return time(r.heartbeatAt);
    default:
        return {};
    }
}

QVariant SourceTableModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant SourceTableModel::roleData(const QModelIndex &index, int role) const
{
    const SourceRow *r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*r, column);
    case Qt::ToolTipRole:
        if (column == Status)
            return r->status ? tr("%1 (stored as %2)").arg(statusWord(*r), r->rawStatus)
                             : tr("%1: a value the mapping does not map; shown as stored, and "
                                  "no action changes it")
                                   .arg(r->rawStatus);
        if (column == Title && !r->error.isEmpty())
            return r->error;
        if (column >= Created) {
            const qint64 ms = column == Created ? r->createdAt
                : column == Started             ? r->startedAt
                : column == Finished            ? r->finishedAt
                                                : r->heartbeatAt;
            return ms > 0 ? TimeFormat::dateTime(ms) : QVariant();
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == Key || column == Progress)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case BadgeToneRole:
        if (column != Status)
            return {};
        return int(r->status ? BadgePainter::toneFor(*r->status) : BadgeTone::Neutral);
    case StuckRole:
        return column == Status && r->stuck;
    case StatusRole:
        return r->status ? QVariant(int(*r->status)) : QVariant();
    case TaskIdRole:
        return r->key;
    case RawValueRole:
        return column == Status ? QVariant(r->rawStatus) : displayData(*r, column);
    default:
        return {};
    }
}

QVariant SourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Key:
        return tr("Key");
    case Status:
        return tr("Status");
    case Title:
        return tr("Title");
    case Kind:
        return tr("Kind");
    case Queue:
        return tr("Queue");
    case Progress:
        return tr("Progress");
    case Created:
        return tr("Created");
    case Started:
        return tr("Started");
    case Finished:
        return tr("Finished");
    case Changed:
        return tr("Changed");
    default:
        return {};
    }
}

TaskFilter::Sort SourceTableModel::sortFor(Column column)
{
    switch (column) {
    case Title:
        return TaskFilter::Sort::Name;
    case Kind:
        return TaskFilter::Sort::Kind;
    case Queue:
        return TaskFilter::Sort::Queue;
    case Status:
        return TaskFilter::Sort::Status;
    case Created:
        return TaskFilter::Sort::CreatedAt;
    case Started:
        return TaskFilter::Sort::StartedAt;
    case Finished:
        return TaskFilter::Sort::CompletedAt;
    case Changed:
        return TaskFilter::Sort::HeartbeatAt;
    default:
        return TaskFilter::Sort::Id;
    }
}

bool SourceTableModel::isSortable(int column) const
{
    const SourceMapping &m = m_def.mapping;
    switch (column) {
    case Key:
        return true;
    case Title:
        return !m.title.isEmpty();
    case Kind:
        return !m.kind.isEmpty();
    case Queue:
        return !m.queue.isEmpty();
    case Status:
        return !m.status.column.isEmpty();
    case Created:
        return m.created.isSet();
    case Started:
        return m.started.isSet();
    case Finished:
        return m.finished.isSet();
    case Changed:
        return m.heartbeat.isSet();
    default:
        return false;
    }
}

void SourceTableModel::sort(int column, Qt::SortOrder order)
{
    if (isSortable(column))
        Q_EMIT sortRequested(column, order);
}

void SourceTableModel::setDefinition(const SourceDefinition &definition)
{
    m_def = definition;
}

void SourceTableModel::setRows(const QVector<SourceRow> &rows)
{
    bool sameKeys = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameKeys && i < rows.size(); ++i)
        sameKeys = rows.at(i).key == m_rows.at(i).key;
    if (!sameKeys) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

const SourceRow *SourceTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int SourceTableModel::rowOfKey(qint64 key) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key)
            return int(i);
    }
    return -1;
}

} // namespace taskdesk::ui
