#pragma once

#include "core/task.h"
#include "ui/tasks/taskactions.h"

#include <QMap>
#include <QWidget>

class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;
class QToolButton;
class QVBoxLayout;

namespace taskdesk::ui {

class AppContext;
class BadgeLabel;
class TaskItemsModel;

// The task under the cursor, read from the store each time (never from the
// table's copy, which may be a second old): name, badge, times, attempts,
// outcome and error, worker and heartbeat age, the stuck warning, the items
// with their badges, and the log tailing live. Its buttons are the shared
// actions, shown only where the status allows them.
class TaskDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskDetailPane)

public:
    TaskDetailPane(AppContext &context, TaskActions &actions, QWidget *parent = nullptr);

    qint64 taskId() const { return m_taskId; }
    // The task as last read, if there is one.
    const Task &task() const { return m_task; }
    bool hasTask() const { return m_loaded; }
    QToolButton *button(TaskActions::Kind kind) const { return m_buttons.value(kind); }
    QString logText() const;
    QString itemsTitle() const;
    QTableView *itemsView() const { return m_itemsView; }
    // The error shown for the task (empty when none is).
    QString errorText() const;

public Q_SLOTS:
    void showTask(qint64 taskId);
    // Reads the task again, its items and the new log lines.
    void reload();

private:
    // The constructor's parts: the three panes side by side.
    void buildSummary(QWidget *parent);
    void addFields(QVBoxLayout *layout);
    void buildItems(QWidget *parent);
    void buildLog(QWidget *parent);

    void fill(const Task &task);
    void appendLog(const QVector<LogLine> &lines);
    void showEmpty(const QString &text);
    QLabel *addField(QGridLayout *grid, int row, int column, const QString &name);

    AppContext &m_context;
    TaskActions &m_actions;
    qint64 m_taskId = 0;
    Task m_task;
    bool m_loaded = false;
    qint64 m_lastLogId = 0;
    int m_reloads = 0;

    QStackedWidget *m_stack;
    QWidget *m_summary = nullptr;
    QLabel *m_empty;
    QLabel *m_name;
    BadgeLabel *m_badge;
    QLabel *m_stuck;
    QLabel *m_id;
    QLabel *m_kind;
    QLabel *m_queue;
    QLabel *m_attempts;
    QLabel *m_worker;
    QLabel *m_heartbeat;
    QLabel *m_created;
    QLabel *m_started;
    QLabel *m_finished;
    QLabel *m_duration;
    QLabel *m_outcome;
    QLabel *m_error;
    QLabel *m_itemsTitle;
    QMap<TaskActions::Kind, QToolButton *> m_buttons;
    TaskItemsModel *m_items;
    QTableView *m_itemsView;
    QPlainTextEdit *m_log;
};

} // namespace taskdesk::ui
