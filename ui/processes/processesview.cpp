#include "processesview.h"

#include "core/supervisor/processstore.h"
#include "ui/app/appcontext.h"
#include "ui/common/columnwidths.h"
#include "ui/common/confirm.h"
#include "ui/common/coretext.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/common/storedtext.h"
#include "ui/processes/processdialog.h"
#include "ui/processes/processtablemodel.h"

#include <QAction>
#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace taskdesk::ui {

ProcessesView::ProcessesView(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new ProcessTableModel(this))
    , m_table(new QTableView(this))
    , m_output(new QPlainTextEdit(this))
    , m_outputTitle(new QLabel(this))
    , m_toolBar(new QToolBar(this))
{
    setObjectName(QStringLiteral("processesView"));
    const int gap = fontMetrics().height() / 2;
    auto icon = [](const char *name) {
        return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
    };
    m_start = m_toolBar->addAction(icon("start"), tr("Start"), this, &ProcessesView::startSelected);
    m_stop = m_toolBar->addAction(icon("stop"), tr("Stop"), this, &ProcessesView::stopSelected);
    m_restart = m_toolBar->addAction(
        icon("restart"), tr("Restart"), this, &ProcessesView::restartSelected);
    m_toolBar->addSeparator();
    m_startAll
        = m_toolBar->addAction(icon("start"), tr("Start All"), this, &ProcessesView::startAll);
    m_stopAll = m_toolBar->addAction(icon("stop"), tr("Stop All"), this, &ProcessesView::stopAll);
    m_toolBar->addSeparator();
    m_add = m_toolBar->addAction(icon("add"), tr("Add…"), this, &ProcessesView::addProcess);
    m_edit = m_toolBar->addAction(icon("edit"), tr("Edit…"), this, &ProcessesView::editSelected);
    m_remove
        = m_toolBar->addAction(icon("delete"), tr("Remove"), this, &ProcessesView::removeSelected);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()));
    m_start->setObjectName(QStringLiteral("actionStartProcess"));
    m_stop->setObjectName(QStringLiteral("actionStopProcess"));
    m_stopAll->setObjectName(QStringLiteral("actionStopAllProcesses"));

    m_table->setObjectName(QStringLiteral("processTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 17 / 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setItemDelegateForColumn(ProcessTableModel::State, new StatusBadgeDelegate(this));
    const QList<std::pair<int, int>> widths{{ProcessTableModel::Name, 20},
        {ProcessTableModel::Role, 11}, {ProcessTableModel::State, 13},
        {ProcessTableModel::Desired, 9}, {ProcessTableModel::Pid, 9},
        {ProcessTableModel::Uptime, 13}, {ProcessTableModel::Restarts, 9},
        {ProcessTableModel::Failures, 9}, {ProcessTableModel::LastExit, 24},
        {ProcessTableModel::Host, 16}, {ProcessTableModel::Message, 44}};
    setColumnWidths(*m_table, widths);
    QStringList states;
    for (ProcessState state : {ProcessState::Stopped, ProcessState::Starting, ProcessState::Running,
             ProcessState::Backoff, ProcessState::Stopping, ProcessState::Exited,
             ProcessState::Fatal})
        states << ProcessTableModel::stateWord(state);
    m_table->setColumnWidth(ProcessTableModel::State,
        std::max(m_table->columnWidth(ProcessTableModel::State),
            StatusBadgeDelegate::widthFor(m_table->fontMetrics(), states, false)));
    fitWords(*m_table, ProcessTableModel::Desired,
        {ProcessTableModel::tr("running"), ProcessTableModel::tr("stopped")});
    // Why a process is where it is ("the program is not allowed on this host")
    // is read with its state, not after a sideways scroll.
    QHeaderView *columns = m_table->horizontalHeader();
    columns->moveSection(columns->visualIndex(ProcessTableModel::Message),
        columns->visualIndex(ProcessTableModel::State) + 1);

    m_output->setObjectName(QStringLiteral("processOutput"));
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(2000);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QFont bold = m_outputTitle->font();
    bold.setBold(true);
    m_outputTitle->setFont(bold);
    m_outputTitle->setText(tr("Output"));

    auto *lower = new QWidget(this);
    auto *ll = new QVBoxLayout(lower);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(m_outputTitle);
    ll->addWidget(m_output, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(gap, gap / 2, gap, gap);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this]() {
        showOutput();
        updateActions();
    });
    connect(&m_context, &AppContext::canActChanged, this, &ProcessesView::updateActions);
    refresh();
}

QString ProcessesView::outputText() const
{
    return m_output->toPlainText();
}

QString ProcessesView::selectedName() const
{
    const ProcessInfo *p = m_model->processAt(m_table->currentIndex().row());
    return p ? p->definition.name : QString();
}

bool ProcessesView::selectProcess(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void ProcessesView::refresh()
{
    ProcessStore store(m_context.database(), m_context.operatorName());
    Result<QVector<ProcessInfo>> list = store.list();
    if (!list.ok()) {
        if (list.error().kind() == ErrorKind::Database)
            m_context.reportFailure(coreText(list.error()));
        return;
    }
    const QString selected = selectedName();
    m_model->setProcesses(list.value());
    if (!selected.isEmpty() && selectedName() != selected)
        selectProcess(selected);
    for (const ProcessInfo &p : list.value()) {
        const auto before = m_lastStates.constFind(p.definition.name);
        if (p.runtime.state == ProcessState::Fatal && before != m_lastStates.constEnd()
            && *before != ProcessState::Fatal)
            Q_EMIT processWentFatal(p.definition.name, storedText(p.runtime.message));
        m_lastStates.insert(p.definition.name, p.runtime.state);
    }
    m_lastList = list.value();
    reportOutcomes(m_lastList);
    updateSummary(m_lastList);
    showOutput();
    updateActions();
}

void ProcessesView::setInAppScheduler(InAppScheduler state)
{
    if (state == m_inAppScheduler)
        return;
    m_inAppScheduler = state;
    updateSummary(m_lastList);
}

void ProcessesView::updateSummary(const QVector<ProcessInfo> &processes)
{
    const QString summary = describeRoles(processes);
    if (summary != m_summary) {
        m_summary = summary;
        Q_EMIT summaryChanged(summary);
    }
}

void ProcessesView::awaitOutcome(const QString &name, DesiredState wanted)
{
    const ProcessInfo *p = nullptr;
    for (const ProcessInfo &info : std::as_const(m_lastList)) {
        if (info.definition.name == name)
            p = &info;
    }
    m_awaited.insert(name, {wanted, p ? p->runtime.startedAt : 0});
}

void ProcessesView::reportOutcomes(const QVector<ProcessInfo> &processes)
{
    for (const ProcessInfo &p : processes) {
        const auto awaited = m_awaited.constFind(p.definition.name);
        if (awaited == m_awaited.constEnd())
            continue;
        const QString name = p.definition.name;
        if (p.runtime.state == ProcessState::Fatal) {
            m_awaited.remove(name); // processWentFatal says so
        } else if (awaited->wanted == DesiredState::Running
            && p.runtime.state == ProcessState::Running
            && p.runtime.startedAt != awaited->startedAtBefore) {
            m_awaited.remove(name);
            Q_EMIT message(tr("%1 is running (pid %2).").arg(name).arg(p.runtime.pid),
                MessageBar::Type::Positive);
        } else if (awaited->wanted == DesiredState::Stopped && !isAlive(p.runtime.state)) {
            m_awaited.remove(name);
            Q_EMIT message(tr("%1 has stopped.").arg(name), MessageBar::Type::Positive);
        }
    }
}

QString ProcessesView::describeRoles(const QVector<ProcessInfo> &processes) const
{
    QStringList parts;
    for (const auto &[role, title] : {std::pair{ProcessRole::Worker, tr("Workers")},
             std::pair{ProcessRole::Scheduler, tr("Scheduler")}}) {
        if (role == ProcessRole::Scheduler && m_inAppScheduler != InAppScheduler::None) {
            // The scheduler of this window schedules, whatever the scheduler processes do.
            parts << (m_inAppScheduler == InAppScheduler::Active
                    ? tr("Scheduler: running in this app")
                    : tr("Scheduler: on standby in this app (another one holds the lease)"));
            continue;
        }
        int total = 0;
        int running = 0;
        QStringList fatal;
        for (const ProcessInfo &p : processes) {
            if (p.definition.role != role)
                continue;
            ++total;
            if (p.runtime.state == ProcessState::Running)
                ++running;
            if (p.runtime.state == ProcessState::Fatal)
                fatal << p.definition.name;
        }
        if (total == 0)
            continue;
        if (!fatal.isEmpty())
            parts << tr("%1: FATAL %2").arg(title, fatal.join(QStringLiteral(", ")));
        else if (running == total)
            parts << (total == 1 ? tr("%1: running").arg(title)
                                 : tr("%1: all %2 running").arg(title).arg(total));
        else if (running == 0)
            parts << tr("%1: stopped").arg(title);
        else
            parts << tr("%1: %2 of %3 stopped").arg(title).arg(total - running).arg(total);
    }
    return parts.isEmpty() ? tr("No processes") : parts.join(QStringLiteral(" · "));
}

void ProcessesView::showOutput()
{
    const QString name = selectedName();
    if (name != m_outputFor) {
        m_outputFor = name;
        m_lastOutputId = 0;
        m_output->clear();
        m_outputTitle->setText(name.isEmpty() ? tr("Output") : tr("Output of %1").arg(name));
    }
    if (name.isEmpty())
        return;
    ProcessStore store(m_context.database(), m_context.operatorName());
    Result<QVector<ProcessOutputLine>> lines = store.output(name, m_lastOutputId, 500);
    if (!lines.ok() || lines->isEmpty())
        return;
    QScrollBar *bar = m_output->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    for (const ProcessOutputLine &line : lines.value()) {
        m_lastOutputId = std::max(m_lastOutputId, line.id);
        const QString time = QDateTime::fromMSecsSinceEpoch(line.at).toLocalTime().toString(
            QStringLiteral("HH:mm:ss"));
        const QString stream = line.stream == QLatin1String("stdout")
            ? QString()
            : QLatin1Char('[') + line.stream + QStringLiteral("] ");
        // The supervisor's own notes in the operator's language; the
        // process's output as it printed it.
        const QString text
            = line.stream == QLatin1String("event") ? storedText(line.line) : line.line;
        m_output->appendPlainText(time + QLatin1Char(' ') + stream + text);
    }
    if (atEnd)
        bar->setValue(bar->maximum());
}

void ProcessesView::updateActions()
{
    const bool canAct = m_context.canAct();
    const ProcessInfo *p = m_model->processAt(m_table->currentIndex().row());
    const bool alive = p && isAlive(p->runtime.state);
    const bool wanted = p && p->desired == DesiredState::Running;
    m_start->setEnabled(canAct && p && (!wanted || !alive));
    m_stop->setEnabled(canAct && p && (wanted || alive));
    m_restart->setEnabled(canAct && p);
    m_startAll->setEnabled(canAct && m_model->rowCount() > 0);
    m_stopAll->setEnabled(canAct && m_model->rowCount() > 0);
    const bool canEdit = m_context.canEditDefinitions();
    m_add->setEnabled(canEdit);
    m_edit->setEnabled(canEdit && p);
    m_remove->setEnabled(canEdit && p);
    const QString adminOnly = canAct && !canEdit
        ? tr("Only an admin (the taskdesk_admin role) may add, edit or remove process definitions")
        : QString();
    for (QAction *action : {m_add, m_edit, m_remove})
        action->setToolTip(adminOnly); // empty: the text, as before
}

void ProcessesView::report(const Result<DesiredChange> &change, const QString &done)
{
    if (!change.ok()) {
        Q_EMIT message(coreText(change.error()), MessageBar::Type::Error);
        if (change.error().kind() == ErrorKind::Database)
            m_context.reportFailure(coreText(change.error()));
        return;
    }
    QString text = done;
    if (change->supervisor.isEmpty())
        text += QLatin1Char(' ')
            + tr("No supervisor runs for its host yet: it happens when one does (a Taskdesk "
                 "window or taskdeskctl supervise).");
    Q_EMIT message(text, MessageBar::Type::Positive);
    refresh();
}

void ProcessesView::startSelected()
{
    const QString name = selectedName();
    if (name.isEmpty() || !m_context.canAct())
        return;
    ProcessStore store(m_context.database(), m_context.operatorName());
    const Result<DesiredChange> change = store.setDesired(name, DesiredState::Running);
    if (change.ok())
        awaitOutcome(name, DesiredState::Running);
    report(change, tr("Starting %1.").arg(name));
}

void ProcessesView::stopSelected()
{
    const ProcessInfo *p = m_model->processAt(m_table->currentIndex().row());
    if (!p || !m_context.canAct())
        return;
    const QString name = p->definition.name;
    Confirmation q;
    q.title = tr("Stop");
    q.question = tr("Stop %1?").arg(name);
    q.details = p->definition.role == ProcessRole::Worker
        ? tr("The worker gets SIGTERM, then SIGKILL after %1 s. Tasks it is still running "
             "are marked FAILED (worker_stopped).")
              .arg(p->definition.stopGraceMs / 1000)
        : tr("The process gets SIGTERM, then SIGKILL after %1 s.")
              .arg(p->definition.stopGraceMs / 1000);
    q.acceptLabel = tr("Stop");
    if (!Confirm::ask(this, q))
        return;
    ProcessStore store(m_context.database(), m_context.operatorName());
    const Result<DesiredChange> change = store.setDesired(name, DesiredState::Stopped);
    if (change.ok())
        awaitOutcome(name, DesiredState::Stopped);
    report(change, tr("Stopping %1.").arg(name));
}

void ProcessesView::restartSelected()
{
    const ProcessInfo *p = m_model->processAt(m_table->currentIndex().row());
    if (!p || !m_context.canAct())
        return;
    const QString name = p->definition.name;
    if (isAlive(p->runtime.state)) {
        Confirmation q;
        q.title = tr("Restart");
        q.question = tr("Restart %1?").arg(name);
        q.details = p->definition.role == ProcessRole::Worker
            ? tr("The worker stops and starts again. Tasks it is still running are marked "
                 "FAILED (worker_stopped).")
            : tr("The process stops and starts again.");
        q.acceptLabel = tr("Restart");
        if (!Confirm::ask(this, q))
            return;
    }
    ProcessStore store(m_context.database(), m_context.operatorName());
    const Result<DesiredChange> change = store.restart(name);
    if (change.ok())
        awaitOutcome(name, DesiredState::Running);
    report(change, tr("Restarting %1.").arg(name));
}

void ProcessesView::startAll()
{
    if (!m_context.canAct())
        return;
    ProcessStore store(m_context.database(), m_context.operatorName());
    Result<QVector<DesiredChange>> changes = store.setDesiredForAll(DesiredState::Running);
    if (!changes.ok()) {
        Q_EMIT message(coreText(changes.error()), MessageBar::Type::Error);
        return;
    }
    Q_EMIT message(
        tr("Starting %n process(es).", "", int(changes->size())), MessageBar::Type::Positive);
    refresh();
}

void ProcessesView::stopAll()
{
    if (!m_context.canAct())
        return;
    int workers = 0;
    for (const ProcessInfo &p : m_model->processes())
        workers += p.definition.role == ProcessRole::Worker && isAlive(p.runtime.state) ? 1 : 0;
    const int n = m_model->rowCount();
    Confirmation q;
    q.title = tr("Stop All");
    q.question = tr("Stop all %n process(es)?", "", n);
    q.details = tr("Each gets SIGTERM, then SIGKILL after its stop grace time.");
    if (workers > 0)
        q.details += QLatin1Char(' ')
            + tr("Tasks still running on the %n worker(s) that stop are marked FAILED "
                 "(worker_stopped).",
                "", workers);
    q.acceptLabel = tr("Stop All");
    if (!Confirm::ask(this, q))
        return;
    ProcessStore store(m_context.database(), m_context.operatorName());
    Result<QVector<DesiredChange>> changes = store.setDesiredForAll(DesiredState::Stopped);
    if (!changes.ok()) {
        Q_EMIT message(coreText(changes.error()), MessageBar::Type::Error);
        return;
    }
    Q_EMIT message(
        tr("Stopping %n process(es).", "", int(changes->size())), MessageBar::Type::Positive);
    refresh();
}

void ProcessesView::addProcess()
{
    if (!m_context.canAct())
        return;
    ProcessDefinition d;
    d.role = ProcessRole::Worker;
    ProcessDialog dialog(d, false, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ProcessStore store(m_context.database(), m_context.operatorName());
    Result<qint64> id = store.add(dialog.definition());
    if (!id.ok()) {
        Q_EMIT message(coreText(id.error()), MessageBar::Type::Error);
        return;
    }
    Q_EMIT message(tr("Added %1; start it when you want it running.").arg(dialog.definition().name),
        MessageBar::Type::Positive);
    refresh();
    selectProcess(dialog.definition().name);
}

void ProcessesView::editSelected()
{
    const ProcessInfo *p = m_model->processAt(m_table->currentIndex().row());
    if (!p || !m_context.canAct())
        return;
    ProcessDialog dialog(p->definition, true, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ProcessStore store(m_context.database(), m_context.operatorName());
    if (Error e = store.update(dialog.definition())) {
        Q_EMIT message(coreText(e), MessageBar::Type::Error);
        return;
    }
    Q_EMIT message(tr("Saved %1; a running process gets the change at its next start.")
                       .arg(dialog.definition().name),
        MessageBar::Type::Positive);
    refresh();
}

void ProcessesView::removeSelected()
{
    const ProcessInfo *p = m_model->processAt(m_table->currentIndex().row());
    if (!p || !m_context.canAct())
        return;
    const QString name = p->definition.name;
    Confirmation q;
    q.title = tr("Remove");
    q.question = tr("Remove the process %1?").arg(name);
    q.details = tr("Its definition and output are deleted. A process that is wanted running or "
                   "still alive must be stopped first.");
    q.acceptLabel = tr("Remove");
    if (!Confirm::ask(this, q))
        return;
    ProcessStore store(m_context.database(), m_context.operatorName());
    if (Error e = store.remove(name)) {
        Q_EMIT message(coreText(e), MessageBar::Type::Error);
        return;
    }
    Q_EMIT message(tr("Removed %1.").arg(name), MessageBar::Type::Positive);
    refresh();
}

} // namespace taskdesk::ui
