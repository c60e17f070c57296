#pragma once

#include "core/tasks/taskstore.h"
#include "ui/tasks/filterchips.h"
#include "ui/widgets/messagebar.h"

#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
class QToolBar;

namespace taskdesk::ui {

class AppContext;
class ProgressDelegate;
class TaskActions;
class TaskDetailPane;
class TaskTableModel;

// The Tasks page: status chips with live counts, a search field and a queue
// filter above the task table, the detail pane of the current task below it,
// and the task actions in a toolbar, a context menu and shortcuts.
class TasksView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TasksView)

public:
    // At most this many selected tasks take part in one action.
    static constexpr int kMaxSelection = 1000;

    explicit TasksView(AppContext &context, QWidget *parent = nullptr);
    ~TasksView() override;

    TaskTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    TaskActions *actions() const { return m_actions; }
    TaskDetailPane *detail() const { return m_detail; }
    FilterChips *chips() const { return m_chips; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *queueFilter() const { return m_queue; }
    ProgressDelegate *progressDelegate() const { return m_progress; }
    QToolBar *toolBar() const { return m_toolBar; }

    void setRefreshInterval(int ms);
    // Selects the row of a task if it is loaded; false otherwise.
    bool selectTask(qint64 taskId, bool add = false);
    QVector<Task> selectedTasks() const;
    // The counts by status as last read (the chips).
    const StatusCounts &lastCounts() const { return m_counts; }
    void saveState();
    // How many tasks are selected, and which take part in an action (empty
    // when none is selected).
    QString selectionNote() const;
    // How many tasks the filter lists (of how many), and the sort in force.
    QString summaryText() const;

public Q_SLOTS:
    // One tick: what changed in the table, the detail pane, the counts.
    void refresh();
    // Everything again (F5).
    void reload();
    void focusSearch();

Q_SIGNALS:
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);
    void countsChanged(const taskdesk::StatusCounts &counts);

private:
    // The constructor's parts, in the order it calls them.
    QHBoxLayout *buildFilterBar(); // the toolbar, the queue filter and the search field
    void buildTable();
    void buildColumns();
    QHBoxLayout *buildFooter(); // what the table lists, and what is selected
    void buildEmptyState();
    void layOut(QHBoxLayout *filterBar, QHBoxLayout *footer);
    void connectSignals();

    void applyFilter();
    // The user's selection and current row, by task id.
    void readSelection();
    void readCurrent(const QModelIndex &current);
    // After the model changed: once, not for each row. The selected tasks
    // still listed stay selected, the current one stays current if listed,
    // and the detail pane follows. Reads nothing but what the model holds.
    void scheduleSettle();
    bool settle();
    void updateCanAct();
    void refreshCounts();
    void refreshQueues();
    void showContextMenu(const QPoint &pos);
    void cancelFromButton(qint64 taskId);
    void showDetail(qint64 taskId);
    void updateSummary();
    void updateSelectionNote();
    void updateEmptyState();
    void clearFilter();
    void placeEmptyState();
    bool eventFilter(QObject *watched, QEvent *event) override;

    AppContext &m_context;
    TaskTableModel *m_model;
    TaskActions *m_actions;
    QTableView *m_table;
    ProgressDelegate *m_progress;
    TaskDetailPane *m_detail;
    FilterChips *m_chips;
    QLineEdit *m_search;
    QComboBox *m_queue;
    QToolBar *m_toolBar;
    QLabel *m_summary;
    int m_toolBarTextWidth = 0; // the toolbar's width with words beside its icons
    QLabel *m_selectionNote;
    QWidget *m_emptyState;
    QLabel *m_emptyText;
    QPushButton *m_clearFilter;
    QTimer *m_timer;
    QTimer *m_searchDelay;
    StatusCounts m_counts;
    QVector<qint64> m_selectedIds;
    qint64 m_currentId = 0;
    bool m_restructuring = false; // rows move: the selection signals are not the user's
    bool m_restructured = false; // rows moved since the last settle()
    bool m_settlePending = false;
    bool m_restoring = false;
    qint64 m_selectedRows = 0; // rows selected, of which at most kMaxSelection take part
    bool m_countsPending = false;
    bool m_haveCounts = false;
    bool m_queuesPending = false;
    int m_ticks = 0;
};

} // namespace taskdesk::ui
