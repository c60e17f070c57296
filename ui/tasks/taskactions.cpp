#include "taskactions.h"

#include "appcontext.h"
#include "backgroundrunner.h"
#include "confirm.h"
#include "database.h"
#include "tasks/operatoractions.h"

#include <QAction>
#include <QIcon>
#include <QLocale>
#include <QWidget>

namespace taskdesk::ui {

TaskActions::TaskActions(AppContext &context, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_dialogParent(dialogParent)
    , m_forceStop(
          new QAction(QIcon(QStringLiteral(":/icons/force-stop.svg")), tr("Force Stop"), this))
    , m_cancel(new QAction(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel Task"), this))
    , m_restart(new QAction(QIcon(QStringLiteral(":/icons/restart.svg")), tr("Restart"), this))
    , m_delete(new QAction(QIcon(QStringLiteral(":/icons/delete.svg")), tr("Delete"), this))
    , m_refresh(new QAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh"), this))
    , m_find(new QAction(QIcon(QStringLiteral(":/icons/search.svg")), tr("Find"), this))
    , m_stop(new QAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("Stop Action"), this))
{
    m_forceStop->setObjectName(QStringLiteral("actionForceStop"));
    m_cancel->setObjectName(QStringLiteral("actionCancel"));
    m_restart->setObjectName(QStringLiteral("actionRestart"));
    m_delete->setObjectName(QStringLiteral("actionDelete"));
    m_refresh->setObjectName(QStringLiteral("actionRefresh"));
    m_find->setObjectName(QStringLiteral("actionFind"));
    m_stop->setObjectName(QStringLiteral("actionStopBulk"));
    m_stop->setToolTip(tr("Stop the action in progress after the task in hand; the tasks it has "
                          "not reached stay as they are"));
    m_stop->setVisible(false);

    m_forceStop->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period));
    m_cancel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_restart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_delete->setShortcut(QKeySequence::Delete);
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_find->setShortcut(QKeySequence::Find);

    m_forceStop->setToolTip(
        tr("Mark the selected running tasks FAILED and stop their running items (%1)")
            .arg(m_forceStop->shortcut().toString(QKeySequence::NativeText)));
    m_cancel->setToolTip(tr("Cancel the selected pending or running tasks (%1)")
                             .arg(m_cancel->shortcut().toString(QKeySequence::NativeText)));
    m_restart->setToolTip(tr("Run the selected completed or failed tasks again (%1)")
                              .arg(m_restart->shortcut().toString(QKeySequence::NativeText)));
    m_delete->setToolTip(tr("Delete the selected tasks that are not running (%1)")
                             .arg(m_delete->shortcut().toString(QKeySequence::NativeText)));
    m_refresh->setToolTip(tr("Read everything again (F5)"));
    m_find->setToolTip(
        tr("Search the tasks (%1)").arg(m_find->shortcut().toString(QKeySequence::NativeText)));

    // Within the tasks page only: Delete in another page's table must not delete tasks.
    for (QAction *a : {m_forceStop, m_cancel, m_restart, m_delete, m_refresh, m_find})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    connect(m_forceStop, &QAction::triggered, this, [this]() { runOnSelection(Kind::ForceStop); });
    connect(m_cancel, &QAction::triggered, this, [this]() { runOnSelection(Kind::Cancel); });
    connect(m_restart, &QAction::triggered, this, [this]() { runOnSelection(Kind::Restart); });
    connect(m_delete, &QAction::triggered, this, [this]() { runOnSelection(Kind::Delete); });
    connect(m_stop, &QAction::triggered, this, [this]() {
        if (!m_stopRequested || m_stopRequested->exchange(true))
            return;
        m_stop->setEnabled(false);
        Q_EMIT message(tr("Stopping after the task in hand…"), MessageBar::Type::Information);
    });
    connect(&m_context, &AppContext::canActChanged, this, &TaskActions::updateEnabled);
    updateEnabled();
}

QAction *TaskActions::action(Kind kind) const
{
    switch (kind) {
    case Kind::ForceStop:
        return m_forceStop;
    case Kind::Cancel:
        return m_cancel;
    case Kind::Restart:
        return m_restart;
    case Kind::Delete:
        return m_delete;
    }
    return nullptr;
}

QList<QAction *> TaskActions::taskActions() const
{
    return {m_forceStop, m_cancel, m_restart, m_delete};
}

bool TaskActions::allows(Kind kind, TaskStatus status)
{
    switch (kind) {
    case Kind::ForceStop:
        return status == TaskStatus::Running;
    case Kind::Cancel:
        return status == TaskStatus::Pending || status == TaskStatus::Running;
    case Kind::Restart:
        return status == TaskStatus::Completed || status == TaskStatus::Failed;
    case Kind::Delete:
        return status != TaskStatus::Running;
    }
    return false;
}

void TaskActions::setSelection(const QVector<Task> &tasks, qint64 selectedCount)
{
    m_selection = tasks;
    m_selectedCount = std::max<qint64>(selectedCount, tasks.size());
    updateEnabled();
}

void TaskActions::updateEnabled()
{
    const bool canAct = m_context.canAct() && !m_busy;
    for (Kind kind : {Kind::ForceStop, Kind::Cancel, Kind::Restart, Kind::Delete}) {
        bool any = false;
        for (const Task &t : std::as_const(m_selection))
            any = any || allows(kind, t.status);
        action(kind)->setEnabled(canAct && any);
    }
}

void TaskActions::runOnSelection(Kind kind)
{
    run(kind, m_selection, m_selectedCount);
}

void TaskActions::run(Kind kind, const QVector<Task> &tasks)
{
    run(kind, tasks, tasks.size());
}

void TaskActions::run(Kind kind, const QVector<Task> &tasks, qint64 selectedCount)
{
    if (!m_context.canAct() || m_busy)
        return;
    QVector<Task> targets;
    for (const Task &t : tasks) {
        if (allows(kind, t.status))
            targets.append(t);
    }
    if (targets.isEmpty())
        return;
    const int n = int(targets.size());
    const int skipped = int(tasks.size()) - n;

    Confirmation q;
    switch (kind) {
    case Kind::ForceStop:
        q.title = tr("Force Stop");
        q.question = n == 1 ? tr("Force stop this task?") : tr("Force stop %Ln tasks?", nullptr, n);
        q.details = n == 1 ? tr("This will mark the task as FAILED and stop all running items. "
                                "Use this if the task is stuck or not actually running.")
                           : tr("This will mark the %Ln tasks as FAILED and stop all their running "
                                "items. Use this if the tasks are stuck or not actually running.",
                               nullptr, n);
        q.acceptLabel = n == 1 ? tr("Force Stop") : tr("Force Stop %Ln tasks", nullptr, n);
        q.rejectLabel = tr("Keep Running");
        break;
    case Kind::Cancel:
        q.title = tr("Cancel Task");
        q.question = n == 1 ? tr("Cancel this task?") : tr("Cancel %Ln tasks?", nullptr, n);
        q.details = n == 1 ? tr("The task will be marked as FAILED (cancelled) and its running "
                                "items stopped; a worker running it is told to stop.")
                           : tr("The %Ln tasks will be marked as FAILED (cancelled) and their "
                                "running items stopped; workers running them are told to stop.",
                               nullptr, n);
        q.acceptLabel = n == 1 ? tr("Cancel Task") : tr("Cancel %Ln tasks", nullptr, n);
        q.rejectLabel = tr("Keep Task");
        break;
    case Kind::Restart:
        q.title = tr("Restart");
        q.question = n == 1 ? tr("Restart this task?") : tr("Restart %Ln tasks?", nullptr, n);
        q.details = n == 1 ? tr("The task goes back to PENDING with a fresh attempt budget, and "
                                "all its items will run again.")
                           : tr("The %Ln tasks go back to PENDING with a fresh attempt budget, and "
                                "all their items will run again.",
                               nullptr, n);
        q.acceptLabel = n == 1 ? tr("Restart") : tr("Restart %Ln tasks", nullptr, n);
        q.rejectLabel = tr("Leave As Is");
        break;
    case Kind::Delete:
        q.title = tr("Delete");
        q.question = n == 1 ? tr("Delete this task?") : tr("Delete %Ln tasks?", nullptr, n);
        q.details = n == 1 ? tr("The task, its items and its log lines are removed for good. The "
                                "audit log keeps a record of it.")
                           : tr("The %Ln tasks, their items and their log lines are removed for "
                                "good. The audit log keeps a record of them.",
                               nullptr, n);
        q.acceptLabel = n == 1 ? tr("Delete") : tr("Delete %Ln tasks", nullptr, n);
        q.rejectLabel = tr("Keep Task");
        break;
    }
    if (n == 1)
        q.details = tr("Task: \"%1\" (#%2)").arg(targets.first().name).arg(targets.first().id)
            + QStringLiteral("\n\n") + q.details;
    // More were selected than an action takes: it takes the first of them in
    // the table's order, and the question names both numbers and the range.
    const qint64 left = selectedCount - qint64(tasks.size());
    if (left > 0) {
        const QString total = QLocale().toString(selectedCount);
        switch (kind) {
        case Kind::ForceStop:
            q.question
                = tr("Force stop the first %Ln of the %1 selected tasks?", nullptr, n).arg(total);
            break;
        case Kind::Cancel:
            q.question
                = tr("Cancel the first %Ln of the %1 selected tasks?", nullptr, n).arg(total);
            break;
        case Kind::Restart:
            q.question
                = tr("Restart the first %Ln of the %1 selected tasks?", nullptr, n).arg(total);
            break;
        case Kind::Delete:
            q.question
                = tr("Delete the first %Ln of the %1 selected tasks?", nullptr, n).arg(total);
            break;
        }
        q.details = tr("An action takes at most %1 tasks at a time: these are the first in the "
                       "table's order, #%2 to #%3.")
                        .arg(QLocale().toString(tasks.size()))
                        .arg(targets.first().id)
                        .arg(targets.last().id)
            + QStringLiteral("\n\n") + q.details + QStringLiteral("\n\n")
            + tr("The other %Ln selected tasks stay as they are.", nullptr, int(left));
    }
    if (skipped > 0)
        q.details += QStringLiteral("\n\n")
            + tr("%Ln other selected task(s) cannot take this action and stay as they are.",
                nullptr, skipped);
    if (!Confirm::ask(m_dialogParent, q))
        return;

    QVector<qint64> ids;
    ids.reserve(n);
    for (const Task &t : std::as_const(targets))
        ids.append(t.id);
    setBusy(true);
    m_stopRequested = std::make_shared<std::atomic_bool>(false);
    if (n > 1) {
        Q_EMIT message(progressText(kind, n), MessageBar::Type::Information);
        m_stop->setEnabled(true);
        m_stop->setVisible(true);
    }
    Database *db = &m_context.database();
    const QString actor = m_context.operatorName();
    auto work = [db, actor, kind, ids, stop = m_stopRequested]() {
        OperatorActions actions(*db, actor);
        Outcome out;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            if (stop->load()) {
                out.notReached = int(ids.size() - i);
                break;
            }
            const qint64 id = ids.at(i);
            Result<ActionReport> r = Error();
            switch (kind) {
            case Kind::ForceStop:
                r = actions.forceStop(id);
                break;
            case Kind::Cancel:
                r = actions.cancel(id);
                break;
            case Kind::Restart:
                r = actions.restart(id);
                break;
            case Kind::Delete:
                r = actions.remove(id);
                break;
            }
            if (r.ok()) {
                if (out.messages.isEmpty() && out.errors.isEmpty())
                    out.first = r.value();
                out.messages.append(r->message);
            } else {
                out.errors.append(r.error().message());
                out.unreachable = out.unreachable || r.error().kind() == ErrorKind::Database;
            }
        }
        return out;
    };
    m_context.writer().run(this, std::move(work), [this, kind, n](const Outcome &outcome) {
        m_stop->setVisible(false);
        m_stopRequested.reset();
        setBusy(false);
        report(kind, n, outcome);
    });
}

QString TaskActions::progressText(Kind kind, int n)
{
    switch (kind) {
    case Kind::ForceStop:
        return tr("Force stopping %Ln tasks…", nullptr, n);
    case Kind::Cancel:
        return tr("Cancelling %Ln tasks…", nullptr, n);
    case Kind::Restart:
        return tr("Restarting %Ln tasks…", nullptr, n);
    case Kind::Delete:
        return tr("Deleting %Ln tasks…", nullptr, n);
    }
    return {};
}

void TaskActions::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    updateEnabled();
    Q_EMIT busyChanged(busy);
}

void TaskActions::report(Kind kind, int n, const Outcome &outcome)
{
    Q_EMIT tasksChanged();
    const QStringList &messages = outcome.messages;
    const QStringList &errors = outcome.errors;
    QString text;
    if (n == 1) {
        text = messages.isEmpty() ? errors.value(0) : messages.value(0);
        if (kind == Kind::ForceStop && outcome.first.done) {
            // The next steps are named only where the window offers them: the
            // table refreshed above, and a task the filter no longer lists
            // cannot be restarted or deleted from here.
            const ActionReport &r = outcome.first;
            text = tr("Task \"%1\" has been force stopped. %Ln running item(s) were also "
                      "stopped.",
                nullptr, r.itemsChanged)
                       .arg(r.taskName);
            bool selected = false;
            for (const Task &t : std::as_const(m_selection))
                selected = selected || t.id == r.taskId;
            if (selected && m_restart->isEnabled() && m_delete->isEnabled())
                text += QLatin1Char(' ') + tr("You can now delete or restart the task.");
        }
    } else {
        const int done = int(messages.size());
        switch (kind) {
        case Kind::ForceStop:
            text = tr("%Ln task(s) force stopped.", nullptr, done);
            break;
        case Kind::Cancel:
            text = tr("%Ln task(s) cancelled and marked as failed.", nullptr, done);
            break;
        case Kind::Restart:
            text = tr("%Ln task(s) restarted and pending.", nullptr, done);
            break;
        case Kind::Delete:
            text = tr("%Ln task(s) deleted.", nullptr, done);
            break;
        }
        if (!errors.isEmpty())
            text += QLatin1Char(' ')
                + tr("%Ln could not be changed: %1", nullptr, int(errors.size()))
                      .arg(errors.first());
        if (outcome.notReached > 0)
            text = tr("Stopped: %1 %2")
                       .arg(text,
                           tr("%Ln task(s) not reached stay as they were.", nullptr,
                               outcome.notReached));
    }
    // Errors decide the colour; a stop without errors is news, not success.
    MessageBar::Type type = MessageBar::Type::Positive;
    if (!errors.isEmpty())
        type = messages.isEmpty() ? MessageBar::Type::Error : MessageBar::Type::Warning;
    else if (outcome.notReached > 0)
        type = MessageBar::Type::Information;
    Q_EMIT message(text, type);
    if (outcome.unreachable)
        m_context.reportFailure(errors.first());
}

} // namespace taskdesk::ui
