#include "alerttablemodel.h"

#include "ui/common/plaintext.h"

#include "ui/common/badgepainter.h"
#include "ui/common/itemroles.h"
#include "ui/common/storedtext.h"
#include "ui/common/timeformat.h"

namespace taskdesk::ui {

AlertTableModel::AlertTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AlertTableModel::setAlerts(const QVector<AlertRecord> &alerts)
{
    if (alerts.size() == m_alerts.size()) {
        bool same = true;
        for (int i = 0; same && i < alerts.size(); ++i) {
            const AlertRecord &a = alerts.at(i);
            const AlertRecord &b = m_alerts.at(i);
            same = a.id == b.id && a.alert.endsAt == b.alert.endsAt
                && a.alert.count == b.alert.count && a.alert.summary == b.alert.summary;
        }
        if (same)
            return;
    }
    beginResetModel();
    m_alerts = alerts;
    endResetModel();
}

QString AlertTableModel::ruleText(const QString &rule)
{
    if (rule == QLatin1String("task_failed"))
        return tr("Task failed");
    if (rule == QLatin1String("stuck_tasks"))
        return tr("Stuck tasks");
    if (rule == QLatin1String("process_fatal"))
        return tr("Process FATAL");
    if (rule == QLatin1String("process_restarts"))
        return tr("Process restarts");
    if (rule == QLatin1String("queue_age"))
        return tr("Old queued task");
    if (rule == QLatin1String("queue_stalled"))
        return tr("Stalled queue");
    if (rule == QLatin1String("worker_lost"))
        return tr("Worker lost");
    if (rule == QLatin1String("test"))
        return tr("Test");
    return rule;
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant AlertTableModel::roleData(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_alerts.size())
        return {};
    const Alert &a = m_alerts.at(index.row()).alert;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case State:
            return a.resolved() ? tr("Resolved") : tr("Firing");
        case Rule:
            return ruleText(a.rule);
        case Summary:
            return storedText(a.summary);
        case Started:
            return TimeFormat::shortTime(a.startsAt);
        case Resolved:
            return a.resolved() ? TimeFormat::shortTime(a.endsAt) : QString();
        case Count:
            return QLocale().toString(a.count);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Summary) {
            const QString description = storedText(a.description);
            return description.isEmpty() ? storedText(a.summary)
                                         : storedText(a.summary) + QLatin1Char('\n') + description;
        }
        if (index.column() == Started || index.column() == Resolved) {
            const qint64 at = index.column() == Started ? a.startsAt : a.endsAt;
            return at > 0 ? TimeFormat::dateTime(at) : QVariant();
        }
        return {};
    }
    if (role == BadgeToneRole && index.column() == State)
        return int(a.resolved()                           ? BadgeTone::Green
                : a.severity == QLatin1String("critical") ? BadgeTone::Red
                                                          : BadgeTone::Orange);
    if (role == RawValueRole) {
        switch (index.column()) {
        case Started:
            return a.startsAt;
        case Resolved:
            return a.endsAt;
        case Count:
            return a.count;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Count)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case State:
        return tr("State");
    case Rule:
        return tr("Rule");
    case Summary:
        return tr("Summary");
    case Started:
        return tr("Started");
    case Resolved:
        return tr("Resolved");
    case Count:
        return tr("Events");
    default:
        return {};
    }
}

} // namespace taskdesk::ui
