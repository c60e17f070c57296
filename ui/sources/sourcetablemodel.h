#pragma once

#include "core/sources/sourcereader.h"
#include "core/tasks/taskquery.h"
#include "ui/common/itemroles.h"

#include <QAbstractTableModel>
#include <QVector>

namespace taskdesk::ui {

// One page of an attached source's rows, as its reader read them: the key, a
// status badge (a value nobody mapped shown as it is, in a neutral badge), the
// mapped columns and times. It holds a page, never the table; the page and its
// sort are the view's, which reads them on a background thread.
class SourceTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceTableModel)

public:
    enum Column {
        Key,
        Status,
        Title,
        Kind,
        Queue,
        Progress,
        Created,
        Started,
        Finished,
        Changed,
        ColumnCount
    };

    explicit SourceTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Asks the view for the order (sortRequested); the rows come with its next read.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The mapping decides which columns can sort (a column it names).
    void setDefinition(const SourceDefinition &definition);
    // The rows of a fresh read: changed in place when the same keys come in the
    // same order, else a reset (the view selects again by key).
    void setRows(const QVector<SourceRow> &rows);
    const QVector<SourceRow> &rows() const { return m_rows; }
    const SourceRow *rowAt(int row) const;
    int rowOfKey(qint64 key) const;

    static TaskFilter::Sort sortFor(Column column);
    bool isSortable(int column) const;
    static QString statusWord(const SourceRow &row);

Q_SIGNALS:
    void sortRequested(int column, Qt::SortOrder order);

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    QVariant displayData(const SourceRow &row, int column) const;

    SourceDefinition m_def;
    QVector<SourceRow> m_rows;
};

} // namespace taskdesk::ui
