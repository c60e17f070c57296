#pragma once

#include "messagebar.h"
#include "task.h"

#include <QObject>
#include <QVector>

class QAction;
class QWidget;

namespace taskdesk::ui {

class AppContext;

// The operator's actions on tasks as QActions with shortcuts, shared by the
// toolbar, the context menu, the detail pane and the ✕ buttons. Each is enabled
// from the statuses of the selected tasks, applies to the selected tasks whose
// status allows it, asks first through Confirm (naming the count), and says
// what happened in the store's words.
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
    QAction *action(Kind kind) const;
    QList<QAction *> taskActions() const;

    // The selected tasks, as the table last read them.
    void setSelection(const QVector<Task> &tasks);
    const QVector<Task> &selection() const { return m_selection; }
    static bool allows(Kind kind, TaskStatus status);

    // The same actions on given tasks (the ✕ button of a row).
    void run(Kind kind, const QVector<Task> &tasks);

Q_SIGNALS:
    void tasksChanged();
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);

private:
    void updateEnabled();
    void runOnSelection(Kind kind);

    AppContext &m_context;
    QWidget *m_dialogParent;
    QVector<Task> m_selection;
    QAction *m_forceStop;
    QAction *m_cancel;
    QAction *m_restart;
    QAction *m_delete;
    QAction *m_refresh;
    QAction *m_find;
};

} // namespace taskdesk::ui
