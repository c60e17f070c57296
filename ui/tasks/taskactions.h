#pragma once

#include "core/task.h"
#include "core/tasks/operatoractions.h"
#include "core/tasks/taskrules.h"
#include "ui/common/confirm.h"
#include "ui/widgets/messagebar.h"

#include <QMap>
#include <QObject>
#include <QPair>
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
// what happened in its own words from the store's facts. One row per action in
// taskactions.cpp holds its icon, shortcut and texts; which status allows which
// action is taskrules'. The actions run on the context's writer
// thread: while they do, the window stays live, the actions are disabled, and an
// action on several tasks can be stopped between two of them.
class TaskActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskActions)

public:
    using Kind = TaskAction;

    TaskActions(AppContext &context, QWidget *dialogParent, QObject *parent = nullptr);

    // By name, for tests that drive one action.
    QAction *forceStopAction() const { return action(Kind::ForceStop); }
    QAction *cancelAction() const { return action(Kind::Cancel); }
    QAction *restartAction() const { return action(Kind::Restart); }
    QAction *deleteAction() const { return action(Kind::Delete); }
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
    static bool allows(Kind kind, TaskStatus status) { return taskrules::allows(kind, status); }

    // The same actions on given tasks (the ✕ button of a row).
    void run(Kind kind, const QVector<Task> &tasks);
    // Between the confirmation and the last task's answer.
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void tasksChanged();
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);

private:
    // What the writer thread hands back: the store's facts for each task.
    struct Outcome
    {
        QVector<ActionReport> done;
        QVector<ActionReport> refused; // each with the status that refused it
        QVector<QPair<qint64, Error>> errors; // not found, or the database failed
        int notReached = 0; // left out after a stop
    };

    void updateEnabled();
    void runOnSelection(Kind kind);
    void run(Kind kind, const QVector<Task> &tasks, qint64 selectedCount);
    void setBusy(bool busy);
    Confirmation confirmation(
        Kind kind, const QVector<Task> &targets, qint64 taken, qint64 selectedCount) const;
    void report(Kind kind, int count, const Outcome &outcome);
    QString doneText(const ActionReport &done) const;
    static QString refusalText(const ActionReport &refused);

    AppContext &m_context;
    QWidget *m_dialogParent;
    QVector<Task> m_selection;
    qint64 m_selectedCount = 0;
    QMap<Kind, QAction *> m_taskActions;
    QAction *m_refresh;
    QAction *m_find;
    QAction *m_stop;
    bool m_busy = false;
    // Set by the stop action, read by the writer thread between two tasks.
    std::shared_ptr<std::atomic_bool> m_stopRequested;
};

} // namespace taskdesk::ui
