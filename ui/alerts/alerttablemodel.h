#pragma once

#include "core/alerts/alertstore.h"

#include <QAbstractTableModel>
#include <QVector>

namespace taskdesk::ui {

// The last alerts, firing or resolved, the newest change first: what fired,
// about what, since when, and when it cleared.
class AlertTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertTableModel)

public:
    enum Column { State, Rule, Summary, Started, Resolved, Count, ColumnCount };

    explicit AlertTableModel(QObject *parent = nullptr);

    void setAlerts(const QVector<AlertRecord> &alerts);
    const AlertRecord &alertAt(int row) const { return m_alerts.at(row); }

    // A rule's name in the operator's language ("task_failed": "Task failed").
    static QString ruleText(const QString &rule);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    QVector<AlertRecord> m_alerts;
};

} // namespace taskdesk::ui
