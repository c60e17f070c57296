#include "deliverytablemodel.h"

#include "ui/common/plaintext.h"

#include "ui/common/badgepainter.h"
#include "ui/common/itemroles.h"
#include "ui/common/storedtext.h"
#include "ui/common/timeformat.h"

namespace taskdesk::ui {

DeliveryTableModel::DeliveryTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DeliveryTableModel::setDeliveries(const QVector<DeliveryRecord> &deliveries)
{
    if (deliveries.size() == m_deliveries.size()) {
        bool same = true;
        for (int i = 0; same && i < deliveries.size(); ++i)
            same = deliveries.at(i).id == m_deliveries.at(i).id
                && deliveries.at(i).updatedAt == m_deliveries.at(i).updatedAt
                && deliveries.at(i).status == m_deliveries.at(i).status;
        if (same)
            return;
    }
    beginResetModel();
    m_deliveries = deliveries;
    endResetModel();
}

QString DeliveryTableModel::channelText(const QString &channel)
{
    if (channel == QLatin1String("telegram"))
        return tr("Telegram");
    if (channel == QLatin1String("slack"))
        return tr("Slack");
    if (channel == QLatin1String("webhook"))
        return tr("Webhook");
    if (channel == QLatin1String("tray"))
        return tr("Tray");
    return channel;
}

QString DeliveryTableModel::statusText(const QString &status)
{
    if (status == QLatin1String("sent"))
        return tr("Sent");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("sending"))
        return tr("Sending");
    if (status == QLatin1String("pending"))
        return tr("Waiting");
    return status;
}

int DeliveryTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_deliveries.size());
}

int DeliveryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeliveryTableModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant DeliveryTableModel::roleData(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_deliveries.size())
        return {};
    const DeliveryRecord &d = m_deliveries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Status:
            return statusText(d.status);
        case Channel:
            return channelText(d.channel);
        case Message:
            if (d.test)
                return tr("Test alert");
            return d.groupStatus == QLatin1String("resolved")
                ? tr("%n resolved", nullptr, d.alertCount)
                : tr("%n firing", nullptr, d.alertCount);
        case Attempts:
            return QLocale().toString(d.attempts);
        case Created:
            return TimeFormat::shortTime(d.createdAt);
        case Sent:
            if (d.sentAt > 0)
                return TimeFormat::shortTime(d.sentAt);
            if (d.status == QLatin1String("pending") && d.nextAttemptAt > 0)
                return tr("next at %1").arg(TimeFormat::shortTime(d.nextAttemptAt));
            return QString();
        case Error:
            return storedText(d.lastError);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Error && !d.lastError.isEmpty())
        return storedText(d.lastError);
    if (role == BadgeToneRole && index.column() == Status)
        return int(d.status == QLatin1String("sent")  ? BadgeTone::Green
                : d.status == QLatin1String("failed") ? BadgeTone::Red
                                                      : BadgeTone::Yellow);
    if (role == RawValueRole) {
        switch (index.column()) {
        case Attempts:
            return d.attempts;
        case Created:
            return d.createdAt;
        case Sent:
            return d.sentAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Attempts)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant DeliveryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Status:
        return tr("Status");
    case Channel:
        return tr("Channel");
    case Message:
        return tr("Message");
    case Attempts:
        return tr("Attempts");
    case Created:
        return tr("Created");
    case Sent:
        return tr("Sent");
    case Error:
        return tr("Last Error");
    default:
        return {};
    }
}

} // namespace taskdesk::ui
