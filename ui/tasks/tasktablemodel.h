#pragma once

#include "core/tasks/taskstore.h"
#include "ui/common/itemroles.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

#include <optional>

namespace taskdesk::ui {

class BackgroundRunner;

// The task table, fluid at a million rows. It never holds all rows: rowCount is
// the count of the filter, and rows are read in pages of kPageSize around what
// the view asks for (keyset pages from a cached neighbour or from sparse
// anchors, an offset only near the top), with the least recently used pages
// dropped. Filters and sorting run in SQL.
//
// refresh() reads only the rows changed since the last one (the updated_at
// index) and the delete rows of the audit log, and signals exactly: dataChanged
// for the cached rows that changed, beginInsertRows for new tasks at the end the
// sort puts them, beginRemoveRows for each block of cached rows that went away
// (one layout change when they are scattered), with no page read. What it cannot
// place exactly (a task leaving the filter out of the cache, a changed sort
// key) is settled by a fresh count and a layout change.
class TaskTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskTableModel)

public:
    enum Column {
        Id,
        Name,
        Kind,
        Queue,
        Status,
        Progress,
        Worker,
        Started,
        Heartbeat,
        Duration,
        Attempts,
        ColumnCount
    };
    enum Role {
        RawValueRole = ui::RawValueRole,
        StatusRole = ui::StatusRole,
        StuckRole = ui::StuckRole,
        TaskIdRole = ui::TaskIdRole,
    };

    static constexpr int kPageSize = 200;
    static constexpr int kMaxPages = 40; // 8,000 rows cached at most
    static constexpr int kAnchorStride = 50;
    static constexpr qint64 kOverlapMs = 5000; // late commits with an older updated_at
    static constexpr int kMaxChanges = 2000; // more: one resync instead
    static constexpr int kMaxRemovalBlocks = 16; // more: one layout change instead

    // Without a runner, counts run inline (deterministic, for tests); with one,
    // the counts that may scan many rows run on its thread.
    explicit TaskTableModel(
        TaskStore &store, BackgroundRunner *runner = nullptr, QObject *parent = nullptr);
    ~TaskTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // ORDER BY in SQL; a layout change that keeps the selection where it can.
    // Columns that are not sortable are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // The columns with an index for their order (migration 6); sorting by the
    // others would sort every row for every page.
    static bool isSortable(int column);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const
    {
        return m_filter.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    }

    // The conditions of `filter` (its sort, limit and paging are the model's own);
    // replaces the row set (a reset).
    void setFilter(const TaskFilter &filter);
    const TaskFilter &filter() const { return m_filter; }
    // A RUNNING task without a heartbeat for this long is stuck.
    void setStuckHeartbeatMs(qint64 ms);
    // How long a PENDING task waits before it counts as stuck.
    void setStuckQueueMs(qint64 ms);
    qint64 stuckHeartbeatMs() const { return m_stuckMs; }

    // The task of a row as last read; nullopt if the row is not loaded (or the
    // database did not answer).
    std::optional<Task> taskAtRow(int row) const;
    // The same without reading anything: nullopt if the row is not cached.
    std::optional<Task> loadedTaskAtRow(int row) const;
    qint64 taskIdAt(int row) const;
    // The row of a task, if it is loaded; -1 otherwise.
    int rowOfTask(qint64 taskId) const;
    static TaskFilter::Sort sortFor(Column column);
    // The database clock as this model last saw it, moved on by the local clock.
    qint64 dbNow() const;
    bool isStuck(const Task &task) const;

    // False while the count of the current filter is still being read (rowCount
    // is then the rows known so far).
    bool isCountExact() const { return !m_countPending; }
    qint64 totalCount() const { return m_count; }
    bool lastRefreshFailed() const { return m_failed; }
    // The positions served by cached keyset anchors (for tests and benchmarks).
    int anchorCount() const { return int(m_anchors.size()); }
    // The reads of rows from the database so far (for tests and benchmarks).
    quint64 pageReads() const { return m_pageReads; }

public Q_SLOTS:
    // Reads what changed since the last refresh and signals exactly that.
    void refresh();
    // Counts again and reloads the rows in view (F5): a layout change.
    void reload();

Q_SIGNALS:
    void errorOccurred(const QString &message);
    // A refresh or load that reached the database.
    void databaseAnswered();
    void countChanged(qint64 count);

private:
    // data() before plainRole(): what the columns hold.
    QVariant roleData(const QModelIndex &index, int role) const;
    struct Page
    {
        qint64 first = 0; // offset in the page of rows[0]
        QVector<Task> rows;
        quint64 lastUse = 0;
    };
    struct Location
    {
        qint64 page = 0;
        qint64 offset = 0;
    };

    Location locate(qint64 row) const;
    const Task *cachedTask(qint64 row) const; // no fetch
    const Task *task(qint64 row) const; // fetches the page if needed
    Task *mutableCachedTask(qint64 taskId, qint64 *row);
    bool fetchPage(qint64 page) const;
    Result<QVector<Task>> readRows(qint64 from, qint64 n) const;
    void insertPage(qint64 pageIndex, Page page) const;
    void dropPage(qint64 pageIndex) const;
    void dropPagesFrom(qint64 row) const;
    void clearCache() const;

    bool isTrivialFilter() const;
    TaskFilter baseFilter() const;
    static bool sameRow(const Task &a, const Task &b);
    bool sameSortKey(const Task &a, const Task &b) const;

    // Removes rows that are cached (ascending, distinct): one removal for each
    // block of neighbours, or one layout change when they are scattered. The
    // rows kept stay cached, moved up; nothing is read.
    void removeRowsExactly(const QVector<qint64> &rows);
    void removeCachedRows(const QVector<qint64> &rows) const;
    void insertNewRows(int n);
    // refresh() in its steps: what the changes and deletions mean for the
    // rows (diff…), the exact signals for them (applyDiff), and the counts
    // that settle what it could not place (scheduleChecks).
    struct RefreshDiff
    {
        QVector<qint64> changedRows;
        QVector<qint64> removedRows;
        int newRows = 0;
        bool unknown = false; // a row moved where only a count can tell
        qint64 maxId = 0;
    };
    void diffChangedTasks(const QVector<ChangedTask> &tasks, bool frozen, RefreshDiff &diff);
    void diffDeletedTasks(const QVector<AuditEntry> &deleted, bool frozen, RefreshDiff &diff);
    void applyDiff(RefreshDiff &diff);
    void scheduleChecks(bool unknown);
    void requestHorizon(bool verifyOnly);
    void applyHorizon(
        const TaskHorizon &horizon, quint64 generation, quint64 structure, bool verifyOnly);
    // Reads again the `keepPages` pages looked at last, in the new order.
    void relayout(int keepPages = 3);
    void requestAnchors();
    void noteClock(qint64 dbNow);
    void fail(const Error &error) const;
    void succeed();
    QVariant displayData(const Task &task, int column) const;
    QVariant rawData(const Task &task, int column) const;
    static bool isPreviousAttempt(const Task &task, int column);

    TaskStore &m_store;
    BackgroundRunner *m_runner;
    TaskFilter m_filter;
    int m_sortColumn = Id;
    qint64 m_stuckMs = 60000;
    qint64 m_stuckQueueMs = 5 * 60 * 1000;

    qint64 m_count = 0;
    qint64 m_base = 0; // row = virtual position + m_base; new rows at the top raise it
    mutable QHash<qint64, Page> m_pages; // by virtual page
    mutable QHash<qint64, qint64> m_positions; // task id → virtual position
    mutable quint64 m_useTick = 0;
    mutable quint64 m_pageReads = 0;

    // Following changes
    qint64 m_since = 0; // updated_at after which changes are read
    qint64 m_floor = 0; // the clock of the last count: older changes are in it
    qint64 m_maxId = 0; // tasks above it were not counted yet
    qint64 m_lastAuditId = 0;
    QHash<qint64, bool> m_membership; // out-of-cache tasks seen changing: in the filter?
    bool m_countPending = false;
    bool m_provisional = false; // the count so far is the first page only
    bool m_layoutDirty = false;
    quint64 m_generation = 0; // bumped when the row set is replaced
    quint64 m_structure = 0; // bumped when rows move other than by new rows at an end
    qint64 m_lastVerify = 0;

    QVector<TaskKey> m_anchors;
    qint64 m_anchorBase = 0;
    bool m_anchorsPending = false;

    qint64 m_clockOffset = 0; // database clock − local clock
    mutable bool m_failed = false;
    mutable bool m_fetchBlocked = false; // a page read failed: no more until a refresh works
};

} // namespace taskdesk::ui
