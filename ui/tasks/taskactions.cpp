#include "taskactions.h"

#include "core/database.h"
#include "core/tasks/operatoractions.h"
#include "ui/app/appcontext.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/badgepainter.h"
#include "ui/common/confirm.h"
#include "ui/common/coretext.h"

#include <QAction>
#include <QIcon>
#include <QLocale>
#include <QWidget>

namespace taskdesk::ui {

// One operator action as the window shows it: its QAction, its confirmation
// (the label is also the title and, for one task, the button), what it says
// while it runs on many tasks and when it is done or refused. Texts are
// translated where they are shown; "Many" and "%Ln" texts take the count.
namespace {

struct Spec
{
    TaskAction kind;
    const char *objectName;
    const char *icon;
    QKeySequence (*shortcut)();
    const char *label;
    const char *toolTip; // %1: the shortcut
    const char *questionOne;
    const char *questionMany;
    const char *questionFirstOf; // %1: how many are selected
    const char *detailsOne;
    const char *detailsMany;
    const char *acceptMany;
    const char *reject;
    const char *progress;
    const char *doneMany;
    const char *doneOne; // %1: the task's name; with %Ln (itemsInDone): the items it changed
    const char *doneOneWithItems; // when items changed and it says so; null: doneOne
    bool itemsInDone;
    const char *refusal; // %1: the task's id, %2: the status it is in
};

// The four actions, in the order of the toolbar. A new action is a row here
// and its rule in taskrules.
const Spec kSpecs[] = {
    {TaskAction::ForceStop, "actionForceStop", ":/icons/force-stop.svg",
        [] { return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period); },
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Force Stop"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions",
            "Mark the selected running tasks FAILED and stop their running items (%1)"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Force stop this task?"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Force stop %Ln tasks?"),
        QT_TRANSLATE_N_NOOP(
            "taskdesk::ui::TaskActions", "Force stop the first %Ln of the %1 selected tasks?"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions",
            "This will mark the task as FAILED and stop all running items. Use this if the "
            "task is stuck or not actually running."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions",
            "This will mark the %Ln tasks as FAILED and stop all their running items. Use "
            "this if the tasks are stuck or not actually running."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Force Stop %Ln tasks"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Keep Running"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Force stopping %Ln tasks…"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "%Ln task(s) force stopped."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions",
            "Task \"%1\" has been force stopped. %Ln running item(s) were also stopped."),
        nullptr, true,
        QT_TRANSLATE_NOOP(
            "taskdesk::ui::TaskActions", "Task %1 is not running (current status: %2)")},
    {TaskAction::Cancel, "actionCancel", ":/icons/cancel.svg",
        [] { return QKeySequence(Qt::CTRL | Qt::Key_Period); },
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Cancel Task"),
        QT_TRANSLATE_NOOP(
            "taskdesk::ui::TaskActions", "Cancel the selected pending or running tasks (%1)"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Cancel this task?"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Cancel %Ln tasks?"),
        QT_TRANSLATE_N_NOOP(
            "taskdesk::ui::TaskActions", "Cancel the first %Ln of the %1 selected tasks?"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions",
            "The task will be marked as FAILED (cancelled) and its running items stopped; a "
            "worker running it is told to stop."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions",
            "The %Ln tasks will be marked as FAILED (cancelled) and their running items "
            "stopped; workers running them are told to stop."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Cancel %Ln tasks"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Keep Task"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Cancelling %Ln tasks…"),
        QT_TRANSLATE_N_NOOP(
            "taskdesk::ui::TaskActions", "%Ln task(s) cancelled and marked as failed."),
        QT_TRANSLATE_NOOP(
            "taskdesk::ui::TaskActions", "Task \"%1\" has been cancelled and marked as failed."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions",
            "Task \"%1\" has been cancelled and marked as failed. %Ln running item(s) were "
            "also stopped."),
        false,
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions",
            "Task %1 cannot be cancelled: it is not pending or running (current status: "
            "%2)")},
    {TaskAction::Restart, "actionRestart", ":/icons/restart.svg",
        [] { return QKeySequence(Qt::CTRL | Qt::Key_R); },
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Restart"),
        QT_TRANSLATE_NOOP(
            "taskdesk::ui::TaskActions", "Run the selected completed or failed tasks again (%1)"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Restart this task?"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Restart %Ln tasks?"),
        QT_TRANSLATE_N_NOOP(
            "taskdesk::ui::TaskActions", "Restart the first %Ln of the %1 selected tasks?"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions",
            "The task goes back to PENDING with a fresh attempt budget, and all its items "
            "will run again."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions",
            "The %Ln tasks go back to PENDING with a fresh attempt budget, and all their "
            "items will run again."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Restart %Ln tasks"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Leave As Is"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Restarting %Ln tasks…"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "%Ln task(s) restarted and pending."),
        QT_TRANSLATE_NOOP(
            "taskdesk::ui::TaskActions", "Task \"%1\" has been restarted and is pending."),
        nullptr, false,
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions",
            "Task %1 cannot be restarted: only completed or failed tasks can (current "
            "status: %2)")},
    {TaskAction::Delete, "actionDelete", ":/icons/delete.svg",
        [] { return QKeySequence(QKeySequence::Delete); },
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Delete"),
        QT_TRANSLATE_NOOP(
            "taskdesk::ui::TaskActions", "Delete the selected tasks that are not running (%1)"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Delete this task?"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Delete %Ln tasks?"),
        QT_TRANSLATE_N_NOOP(
            "taskdesk::ui::TaskActions", "Delete the first %Ln of the %1 selected tasks?"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions",
            "The task, its items and its log lines are removed for good. The audit log "
            "keeps a record of it."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions",
            "The %Ln tasks, their items and their log lines are removed for good. The "
            "audit log keeps a record of them."),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Delete %Ln tasks"),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Keep Task"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "Deleting %Ln tasks…"),
        QT_TRANSLATE_N_NOOP("taskdesk::ui::TaskActions", "%Ln task(s) deleted."),
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions", "Task \"%1\" has been deleted."), nullptr,
        false,
        QT_TRANSLATE_NOOP("taskdesk::ui::TaskActions",
            "Task %1 is running and cannot be deleted; force stop or cancel it first "
            "(current status: %2)")},
};

const Spec &spec(TaskAction kind)
{
    for (const Spec &s : kSpecs) {
        if (s.kind == kind)
            return s;
    }
    Q_UNREACHABLE();
}

} // namespace

TaskActions::TaskActions(AppContext &context, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_dialogParent(dialogParent)
    , m_refresh(new QAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh"), this))
    , m_find(new QAction(QIcon(QStringLiteral(":/icons/search.svg")), tr("Find"), this))
    , m_stop(new QAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("Stop Action"), this))
{
    for (const Spec &s : kSpecs) {
        auto *a = new QAction(QIcon(QString::fromLatin1(s.icon)), tr(s.label), this);
        a->setObjectName(QString::fromLatin1(s.objectName));
        a->setShortcut(s.shortcut());
        a->setToolTip(tr(s.toolTip).arg(a->shortcut().toString(QKeySequence::NativeText)));
        const Kind kind = s.kind;
        connect(a, &QAction::triggered, this, [this, kind]() { runOnSelection(kind); });
        m_taskActions.insert(kind, a);
    }
    m_refresh->setObjectName(QStringLiteral("actionRefresh"));
    m_find->setObjectName(QStringLiteral("actionFind"));
    m_stop->setObjectName(QStringLiteral("actionStopBulk"));
    m_stop->setToolTip(tr("Stop the action in progress after the task in hand; the tasks it has "
                          "not reached stay as they are"));
    m_stop->setVisible(false);

    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_find->setShortcut(QKeySequence::Find);
    m_refresh->setToolTip(tr("Read everything again (F5)"));
    m_find->setToolTip(
        tr("Search the tasks (%1)").arg(m_find->shortcut().toString(QKeySequence::NativeText)));

    // Within the tasks page only: Delete in another page's table must not delete tasks.
    QList<QAction *> scoped = taskActions();
    scoped << m_refresh << m_find;
    for (QAction *a : std::as_const(scoped))
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);

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
    return m_taskActions.value(kind);
}

QList<QAction *> TaskActions::taskActions() const
{
    QList<QAction *> list;
    for (const Spec &s : kSpecs)
        list << action(s.kind);
    return list;
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
    for (const Spec &s : kSpecs) {
        bool any = false;
        for (const Task &t : std::as_const(m_selection))
            any = any || allows(s.kind, t.status);
        action(s.kind)->setEnabled(canAct && any);
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

Confirmation TaskActions::confirmation(
    Kind kind, const QVector<Task> &targets, qint64 taken, qint64 selectedCount) const
{
    const Spec &s = spec(kind);
    const int n = int(targets.size());
    const int skipped = int(taken) - n;
    Confirmation q;
    q.title = tr(s.label);
    q.question = n == 1 ? tr(s.questionOne) : tr(s.questionMany, nullptr, n);
    q.details = n == 1 ? tr(s.detailsOne) : tr(s.detailsMany, nullptr, n);
    q.acceptLabel = n == 1 ? tr(s.label) : tr(s.acceptMany, nullptr, n);
    q.rejectLabel = tr(s.reject);
    if (n == 1)
        q.details = tr("Task: \"%1\" (#%2)").arg(targets.first().name).arg(targets.first().id)
            + QStringLiteral("\n\n") + q.details;
    // More were selected than an action takes: it takes the first of them in
    // the table's order, and the question names both numbers and the range.
    const qint64 left = selectedCount - taken;
    if (left > 0) {
        q.question = tr(s.questionFirstOf, nullptr, n).arg(QLocale().toString(selectedCount));
        q.details = tr("An action takes at most %1 tasks at a time: these are the first in the "
                       "table's order, #%2 to #%3.")
                        .arg(QLocale().toString(taken))
                        .arg(targets.first().id)
                        .arg(targets.last().id)
            + QStringLiteral("\n\n") + q.details + QStringLiteral("\n\n")
            + tr("The other %Ln selected tasks stay as they are.", nullptr, int(left));
    }
    if (skipped > 0)
        q.details += QStringLiteral("\n\n")
            + tr("%Ln other selected task(s) cannot take this action and stay as they are.",
                nullptr, skipped);
    return q;
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
    if (!Confirm::ask(m_dialogParent, confirmation(kind, targets, tasks.size(), selectedCount)))
        return;

    QVector<qint64> ids;
    ids.reserve(n);
    for (const Task &t : std::as_const(targets))
        ids.append(t.id);
    setBusy(true);
    m_stopRequested = std::make_shared<std::atomic_bool>(false);
    if (n > 1) {
        Q_EMIT message(tr(spec(kind).progress, nullptr, n), MessageBar::Type::Information);
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
            const Result<ActionReport> r = actions.apply(kind, id);
            if (!r.ok())
                out.errors.append({id, r.error()});
            else if (r->done)
                out.done.append(*r);
            else
                out.refused.append(*r);
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

void TaskActions::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    updateEnabled();
    Q_EMIT busyChanged(busy);
}

QString TaskActions::doneText(const ActionReport &r) const
{
    const Spec &s = spec(r.action);
    if (s.doneOneWithItems && r.itemsChanged > 0)
        return tr(s.doneOneWithItems, nullptr, r.itemsChanged).arg(r.taskName);
    QString text = s.itemsInDone ? tr(s.doneOne, nullptr, r.itemsChanged).arg(r.taskName)
                                 : tr(s.doneOne).arg(r.taskName);
    if (r.action == Kind::ForceStop) {
        // The next steps are named only where the window offers them: the
        // table refreshed above, and a task the filter no longer lists
        // cannot be restarted or deleted from here.
        bool selected = false;
        for (const Task &t : std::as_const(m_selection))
            selected = selected || t.id == r.taskId;
        if (selected && action(Kind::Restart)->isEnabled() && action(Kind::Delete)->isEnabled())
            text += QLatin1Char(' ') + tr("You can now delete or restart the task.");
    }
    return text;
}

QString TaskActions::refusalText(const ActionReport &r)
{
    // The status in the badges' words ("Running"), as the table shows it.
    const std::optional<TaskStatus> current = parseStatus(r.before);
    const QString word = current ? BadgePainter::wordFor(*current) : r.before;
    const QString status = r.changing ? tr("%1, changing").arg(word) : word;
    return tr(spec(r.action).refusal).arg(r.taskId).arg(status);
}

void TaskActions::report(Kind kind, int n, const Outcome &outcome)
{
    Q_EMIT tasksChanged();
    // Why a task could not be changed: the first refusal in our words, else
    // the first error in the operator's language; the others are counted.
    const int failed = int(outcome.refused.size() + outcome.errors.size());
    QString firstFailure;
    if (!outcome.refused.isEmpty()) {
        firstFailure = refusalText(outcome.refused.first());
    } else if (!outcome.errors.isEmpty()) {
        const auto &[id, error] = outcome.errors.first();
        firstFailure = error.kind() == ErrorKind::NotFound ? tr("Task %1 not found").arg(id)
                                                           : coreText(error);
    }
    QString text;
    if (n == 1) {
        text = outcome.done.isEmpty() ? firstFailure : doneText(outcome.done.first());
    } else {
        text = tr(spec(kind).doneMany, nullptr, int(outcome.done.size()));
        if (failed > 0)
            text += QLatin1Char(' ')
                + tr("%Ln could not be changed: %1", nullptr, failed).arg(firstFailure);
        if (outcome.notReached > 0)
            text = tr("Stopped: %1 %2")
                       .arg(text,
                           tr("%Ln task(s) not reached stay as they were.", nullptr,
                               outcome.notReached));
    }
    // Failures decide the colour; a stop without them is news, not success.
    MessageBar::Type type = MessageBar::Type::Positive;
    if (failed > 0)
        type = outcome.done.isEmpty() ? MessageBar::Type::Error : MessageBar::Type::Warning;
    else if (outcome.notReached > 0)
        type = MessageBar::Type::Information;
    Q_EMIT message(text, type);
    for (const auto &[id, error] : outcome.errors) {
        if (error.kind() == ErrorKind::Database) {
            m_context.reportFailure(coreText(error));
            break;
        }
    }
}

} // namespace taskdesk::ui
