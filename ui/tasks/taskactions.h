#pragma once

#include "messagebar.h"
#include "task.h"

#include <QObject>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>

class QAction;
class QWidget;

namespace taskdesk::ui {

class AppContext;

// The operator's actions on tasks as QActions with shortcuts, shared by the
// toolbar, the context menu, the detail pane and the ✕ buttons. Each is enabled
// from the statuses of the selected tasks, applies to the selected tasks whose
// status allows it, asks first through Confirm (naming the count), and says
// what happened in the store's words. The actions run on the context's writer
// thread: while they do, the window stays live, the actions are disabled, and an
// action on several tasks can be stopped between two of them.
class TaskActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskActions)

public:
    enum class Kind { ForceStop, Cancel, Restart, Delete };

    TaskActions(AppContext &context, QWidget *dialogParent, QObject *parent = nullptr);

    QAction *forceStopAction() const { return m_forceStop; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *restartAction() const { return m_restart; }
    QAction *deleteAction() const { return m_delete; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *findAction() const { return m_find; }
    // Shown while an action on several tasks runs: stops it after the task in
    // hand; the tasks it has not reached stay as they are.
    QAction *stopAction() const { return m_stop; }
    QAction *action(Kind kind) const;
    QList<QAction *> taskActions() const;

    // The selected tasks, as the table last read them. `selectedCount`: how many
    // rows are selected when that is more than `tasks` (the first of them, in
    // the table's order); the confirmation then names both numbers.
    void setSelection(const QVector<Task> &tasks, qint64 selectedCount = 0);
    const QVector<Task> &selection() const { return m_selection; }
    static bool allows(Kind kind, TaskStatus status);

    // The same actions on given tasks (the ✕ button of a row).
    void run(Kind kind, const QVector<Task> &tasks);
    // Between the confirmation and the last task's answer.
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void tasksChanged();
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);

private:
    // What the writer thread hands back: the store's answer for each task.
    struct Outcome
    {
        QStringList messages;
        ActionReport first; // the first task's answer, done or not
        QStringList errors;
        bool unreachable = false;
        int notReached = 0; // left out after a stop
    };

    void updateEnabled();
    void runOnSelection(Kind kind);
    void run(Kind kind, const QVector<Task> &tasks, qint64 selectedCount);
    void setBusy(bool busy);
    static QString progressText(Kind kind, int count);
    void report(Kind kind, int count, const Outcome &outcome);

    AppContext &m_context;
    QWidget *m_dialogParent;
    QVector<Task> m_selection;
    qint64 m_selectedCount = 0;
    QAction *m_forceStop;
    QAction *m_cancel;
    QAction *m_restart;
    QAction *m_delete;
    QAction *m_refresh;
    QAction *m_find;
    QAction *m_stop;
    bool m_busy = false;
    // Set by the stop action, read by the writer thread between two tasks.
    std::shared_ptr<std::atomic_bool> m_stopRequested;
};

} // namespace taskdesk::ui
