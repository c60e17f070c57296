#pragma once

#include "core/auditlog.h"

#include <QAbstractTableModel>

class QTableView;

namespace taskdesk::ui {

// Audit rows, newest first: who did what to which task, when, and the status
// before and after. New rows are inserted on top, older pages appended below.
class AuditTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditTableModel)

public:
    enum Column { When, Actor, Host, Action, Task, Change, Details, ColumnCount };

    explicit AuditTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEntries(const QVector<AuditEntry> &entries); // a new search: replaces the rows
    void prependNewer(const QVector<AuditEntry> &entries); // newest first, all newer than ours
    void appendOlder(const QVector<AuditEntry> &entries);
    const QVector<AuditEntry> &entries() const { return m_entries; }
    qint64 newestId() const { return m_entries.isEmpty() ? 0 : m_entries.first().id; }
    qint64 oldestId() const { return m_entries.isEmpty() ? 0 : m_entries.last().id; }

    static QString actionText(const QString &action);
    // A status of the change column in the words of the badges ("Running"),
    // or for a process's action, its state in the Processes page's words.
    static QString statusText(const QString &action, const QString &status);
    // The details in words ("marked failed, stuck for 10 min, threshold 1 min"),
    // never the stored keys ("age_ms=600000").
    static QString detailsText(const QJsonObject &details);
    // One detail in words; empty when it says nothing (no item changed).
    static QString detailText(const QString &key, const QJsonValue &value);

    // The widths of a table showing audit rows (the Audit page, the Stuck
    // page's decisions): every status change whole ("Running → Pending").
    static void sizeColumns(QTableView &table);

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    QVector<AuditEntry> m_entries;
};

} // namespace taskdesk::ui
