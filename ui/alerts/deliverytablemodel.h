#pragma once

#include "core/alerts/alertstore.h"

#include <QAbstractTableModel>
#include <QVector>

namespace taskdesk::ui {

// The last deliveries, the newest first: one message to one channel, whether
// it went, how many attempts it took and why the last one failed.
class DeliveryTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryTableModel)

public:
    enum Column { Status, Channel, Message, Attempts, Created, Sent, Error, ColumnCount };

    explicit DeliveryTableModel(QObject *parent = nullptr);

    void setDeliveries(const QVector<DeliveryRecord> &deliveries);
    const DeliveryRecord &deliveryAt(int row) const { return m_deliveries.at(row); }

    // "Telegram", "Slack", "Webhook", "Tray".
    static QString channelText(const QString &channel);
    static QString statusText(const QString &status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    QVector<DeliveryRecord> m_deliveries;
};

} // namespace taskdesk::ui
