#include "stuckview.h"

#include "core/database.h"
#include "ui/app/appcontext.h"
#include "ui/audit/audittablemodel.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/badgepainter.h"
#include "ui/common/columnwidths.h"
#include "ui/common/confirm.h"
#include "ui/common/coretext.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/common/timeformat.h"
#include "ui/stuck/sourcestuckpanel.h"
#include "ui/stuck/stucktablemodel.h"
#include "ui/tasks/taskactions.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace taskdesk::ui {

namespace {

// The Stuck page lists at most this many tasks of each kind; its counts are whole.
constexpr int kListLimit = 1000;

QTableView *makeTable(QWidget *parent, int rowHeight)
{
    auto *table = new QTableView(parent);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(rowHeight);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return table;
}

} // namespace

StuckView::StuckView(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new StuckTableModel(this))
    , m_decisions(new AuditTableModel(this))
    , m_queueMinutes(new QSpinBox(this))
    , m_heartbeatSeconds(new QSpinBox(this))
    , m_action(new QComboBox(this))
    , m_preview(new QPushButton(
          QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh Preview"), this))
    , m_cleanUp(
          new QPushButton(QIcon(QStringLiteral(":/icons/cleanup.svg")), tr("Clean Up Now…"), this))
    , m_summary(new QLabel(this))
    , m_busyText(new QLabel(this))
    , m_busyBar(new QProgressBar(this))
    , m_rowActions(new TaskActions(context, this, this))
    , m_sources(new SourceStuckPanel(context, this))
{
    setObjectName(QStringLiteral("stuckView"));
    QHBoxLayout *rules = buildRules();
    buildSummary();
    buildTables();
    QHBoxLayout *rowBar = buildRowBar();
    layOut(rules, rowBar);
    connectSignals();
    refresh();
}

// The thresholds, the clean-up action and the buttons above the lists.
QHBoxLayout *StuckView::buildRules()
{
    const int gap = fontMetrics().height() / 2;
    const StuckThresholds defaults = m_context.stuckThresholds();
    m_queueMinutes->setObjectName(QStringLiteral("queueThreshold"));
    m_queueMinutes->setRange(1, 43200);
    m_queueMinutes->setSuffix(tr(" min"));
    m_queueMinutes->setValue(int(std::max<qint64>(1, defaults.queueThresholdMs / 60000)));
    m_heartbeatSeconds->setObjectName(QStringLiteral("heartbeatTimeout"));
    m_heartbeatSeconds->setRange(1, 604800);
    m_heartbeatSeconds->setSuffix(tr(" s"));
    m_heartbeatSeconds->setValue(int(std::max<qint64>(1, defaults.heartbeatTimeoutMs / 1000)));
    m_action->setObjectName(QStringLiteral("cleanupAction"));
    m_action->addItem(tr("Mark them failed"), int(CleanupAction::MarkFailed));
    m_action->addItem(tr("Retry: re-queue running ones now"), int(CleanupAction::Retry));
    m_cleanUp->setObjectName(QStringLiteral("cleanUpNow"));

    auto *form = new QFormLayout;
    form->addRow(tr("Waiting in the queue longer than"), m_queueMinutes);
    form->addRow(tr("Running without a heartbeat for"), m_heartbeatSeconds);
    form->addRow(tr("Clean-up action"), m_action);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_preview);
    buttons->addWidget(m_cleanUp);
    buttons->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addLayout(form);
    top->addSpacing(gap * 2);
    top->addLayout(buttons);
    top->addStretch(1);
    return top;
}

void StuckView::buildSummary()
{
    const int em = fontMetrics().averageCharWidth();
    m_summary->setObjectName(QStringLiteral("stuckSummary"));
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);

    m_busyText->setObjectName(QStringLiteral("stuckBusy"));
    m_busyText->setWordWrap(true);
    m_busyText->hide();
    m_busyBar->setRange(0, 0); // busy: the database answers when it is done
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(em * 24);
    m_busyBar->hide();
}

// The stuck tasks, and the sweeper's decisions below them.
void StuckView::buildTables()
{
    const int rowHeight = fontMetrics().height() * 17 / 10;
    m_table = makeTable(this, rowHeight);
    m_table->setObjectName(QStringLiteral("stuckTable"));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(StuckTableModel::Status, new StatusBadgeDelegate(this));
    const QList<std::pair<int, int>> widths{{StuckTableModel::Problem, 17},
        {StuckTableModel::Id, 8}, {StuckTableModel::Name, 30}, {StuckTableModel::Kind, 15},
        {StuckTableModel::Queue, 13}, {StuckTableModel::Status, 21}, {StuckTableModel::Age, 13},
        {StuckTableModel::Worker, 24}, {StuckTableModel::Attempts, 9}};
    setColumnWidths(*m_table, widths);
    QStringList statusWords;
    for (TaskStatus status :
        {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed})
        statusWords << BadgePainter::wordFor(status);
    m_table->setColumnWidth(StuckTableModel::Status,
        std::max(m_table->columnWidth(StuckTableModel::Status),
            StatusBadgeDelegate::widthFor(m_table->fontMetrics(), statusWords, true)));

    m_decisionView = makeTable(this, rowHeight);
    m_decisionView->setObjectName(QStringLiteral("sweeperDecisions"));
    m_decisionView->setModel(m_decisions);
    AuditTableModel::sizeColumns(*m_decisionView);
}

QHBoxLayout *StuckView::buildRowBar()
{
    const int em = fontMetrics().averageCharWidth();
    const int gap = fontMetrics().height() / 2;
    // The actions of one stuck row: the Tasks page's, on that task alone.
    auto *rowBar = new QHBoxLayout;
    rowBar->setSpacing(gap / 2);
    auto *rowLabel = new QLabel(tr("Selected task:"), this);
    rowBar->addWidget(rowLabel);
    // A toolbar, so that in a narrow window (or with the longer Russian and
    // Ukrainian words) what does not fit goes to its overflow menu instead of
    // making the page wider than the window.
    auto *rowTools = new QToolBar(this);
    rowTools->setObjectName(QStringLiteral("stuckRowActions"));
    rowTools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    rowTools->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()));
    rowTools->addActions(m_rowActions->taskActions());
    rowTools->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    rowTools->setMinimumWidth(em * 16);
    rowBar->addWidget(rowTools, 1);
    // Their shortcuts (Delete, Ctrl+.) act on the stuck row while its table has
    // the focus, not from the decisions table below.
    m_table->addActions(m_rowActions->taskActions());
    return rowBar;
}

void StuckView::layOut(QHBoxLayout *rules, QHBoxLayout *rowBar)
{
    const int gap = fontMetrics().height() / 2;
    auto *busyRow = new QHBoxLayout;
    busyRow->addWidget(m_busyBar);
    busyRow->addWidget(m_busyText, 1);

    auto *upper = new QWidget(this);
    auto *ul = new QVBoxLayout(upper);
    ul->setContentsMargins(0, 0, 0, 0);
    ul->addWidget(m_summary);
    ul->addLayout(busyRow);
    ul->addLayout(rowBar);
    ul->addWidget(m_table, 1);
    auto *lower = new QWidget(this);
    auto *ll = new QVBoxLayout(lower);
    ll->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("The sweeper's decisions"), lower);
    title->setFont(m_summary->font()); // bold
    ll->addWidget(title);
    ll->addWidget(m_decisionView, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_splitter = splitter;
    splitter->setChildrenCollapsible(false);
    // The attached sources' stuck rows: shown while some source has any (or
    // cannot be read).
    m_sourcesPane = new QWidget(this);
    m_sourcesPane->setObjectName(QStringLiteral("stuckSourcesPane"));
    auto *sl = new QVBoxLayout(m_sourcesPane);
    sl->setContentsMargins(0, 0, 0, 0);
    auto *sourcesTitle = new QLabel(tr("Attached sources, by their own rules"), m_sourcesPane);
    sourcesTitle->setFont(m_summary->font()); // bold
    sl->addWidget(sourcesTitle);
    auto *scroll = new QScrollArea(m_sourcesPane);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_sources);
    sl->addWidget(scroll, 1);
    m_sourcesPane->hide();
    splitter->addWidget(upper);
    splitter->addWidget(m_sourcesPane);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(gap, gap, gap, gap);
    layout->addLayout(rules);
    layout->addWidget(splitter, 1);
}

void StuckView::connectSignals()
{
    connect(m_preview, &QPushButton::clicked, this, &StuckView::refresh);
    connect(m_cleanUp, &QPushButton::clicked, this, &StuckView::cleanUpNow);
    connect(m_queueMinutes, &QSpinBox::valueChanged, this, &StuckView::refresh);
    connect(m_heartbeatSeconds, &QSpinBox::valueChanged, this, &StuckView::refresh);
    connect(m_action, &QComboBox::currentIndexChanged, this, [this]() {
        m_model->setAction(action());
        showReport(m_model->report());
    });
    connect(&m_context, &AppContext::canActChanged, this, &StuckView::updateButton);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &StuckView::followSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StuckView::followSelection);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_table->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        menu.addActions(m_rowActions->taskActions());
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_rowActions, &TaskActions::message, this, &StuckView::message);
    connect(m_sources, &SourceStuckPanel::message, this, &StuckView::message);
    connect(m_sources, &SourceStuckPanel::shown, this, [this](bool any) {
        if (any == m_sourcesPane->isVisibleTo(this))
            return;
        m_sourcesPane->setVisible(any);
        if (!any)
            return;
        // Room for the sources without taking the own tasks' rows: 5:4:2.
        QList<int> sizes = m_splitter->sizes();
        int total = 0;
        for (int size : std::as_const(sizes))
            total += size;
        m_splitter->setSizes({total * 5 / 11, total * 4 / 11, total * 2 / 11});
    });
    connect(m_rowActions, &TaskActions::tasksChanged, this, [this]() {
        Q_EMIT tasksChanged();
        refresh();
    });
}

void StuckView::followSelection()
{
    // One row at a time: the task as the report read it; the store's action
    // is conditional on the status it has when it runs.
    QVector<Task> selected;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        selected.append(m_model->taskAt(rows.first().row()));
    m_rowActions->setSelection(selected);
}

QString StuckView::busyText() const
{
    return m_busy ? m_busyText->text() : QString();
}

void StuckView::setBusy(const QString &text)
{
    m_busy = !text.isEmpty();
    m_busyText->setText(text);
    m_busyText->setVisible(m_busy);
    m_busyBar->setVisible(m_busy);
    updateButton();
}

StuckThresholds StuckView::thresholds() const
{
    StuckThresholds t;
    t.queueThresholdMs = qint64(m_queueMinutes->value()) * 60000;
    t.heartbeatTimeoutMs = qint64(m_heartbeatSeconds->value()) * 1000;
    return t;
}

CleanupAction StuckView::action() const
{
    return CleanupAction(m_action->currentData().toInt());
}

QString StuckView::summary() const
{
    return m_summary->text();
}

void StuckView::refresh()
{
    // The sources answer on the background runner, each in its own time.
    m_sources->refresh();
    // The report reads two partial indexes with a limit: bounded, so it runs here
    // and a test or an operator sees the preview at once.
    Result<StuckReport> report = m_context.tasks().stuck().stuckReport(thresholds(), kListLimit);
    if (!report.ok()) {
        if (report.error().kind() == ErrorKind::Database)
            m_context.reportFailure(coreText(report.error()));
        else
            Q_EMIT message(coreText(report.error()), MessageBar::Type::Error);
        return;
    }
    m_model->setReport(report.value(), action());
    showReport(report.value());
    loadDecisions();
}

void StuckView::showReport(const StuckReport &report)
{
    const qint64 n = report.total();
    const StuckThresholds t = thresholds();
    const QLocale locale;
    if (n == 0) {
        m_summary->setText(tr("Nothing is stuck: no task waits in the queue longer than %1 and "
                              "every running task sent a heartbeat within %2.")
                               .arg(TimeFormat::duration(t.queueThresholdMs),
                                   TimeFormat::duration(t.heartbeatTimeoutMs)));
    } else {
        // The true counts, with grouped digits.
        QString text = tr("%Ln stuck task(s): ", "", int(n))
            + tr("%1 waiting in the queue longer than %2")
                  .arg(
                      locale.toString(report.queuedTotal), TimeFormat::duration(t.queueThresholdMs))
            + tr(", %1 running without a heartbeat for %2")
                  .arg(locale.toString(report.runningTotal),
                      TimeFormat::duration(t.heartbeatTimeoutMs))
            + QLatin1Char('.');
        if (report.truncated())
            text += QLatin1Char(' ')
                + tr("The list shows the oldest: showing %1 of %2.")
                      .arg(locale.toString(qint64(report.queued.size() + report.running.size())),
                          locale.toString(n));
        m_summary->setText(text);
    }
    updateButton();
}

void StuckView::updateButton()
{
    m_cleanUp->setEnabled(!m_busy && m_context.canAct() && m_model->report().total() > 0);
}

void StuckView::loadDecisions()
{
    QVector<AuditEntry> all;
    for (const QString &kind : {QStringLiteral("sweep"), QStringLiteral("cleanup")}) {
        AuditFilter filter;
        filter.action = kind;
        filter.limit = 200;
        Result<QVector<AuditEntry>> entries = m_context.audit().list(filter);
        if (entries.ok())
            all += entries.value();
    }
    std::sort(all.begin(), all.end(),
        [](const AuditEntry &a, const AuditEntry &b) { return a.id > b.id; });
    if (all.size() > 200)
        all.resize(200);
    m_decisions->setEntries(all);
}

void StuckView::cleanUpNow()
{
    if (!m_context.canAct() || m_busy)
        return;
    const StuckThresholds t = thresholds();
    const CleanupAction a = action();
    // The set the confirmation names, fixed now with the ids of its tasks: the
    // clean-up changes only tasks of that set, so the count below is what
    // changes (a task stuck after this waits for the next pass). Reading the
    // ids of a large set takes a moment: on the writer thread.
    setBusy(tr("Reading the stuck tasks…"));
    Database *db = &m_context.database();
    const QString actor = m_context.operatorName();
    m_context.writer().run(
        this, [db, actor, t]() { return StuckTasks(*db, actor).stuckScope(t); },
        [this, a](const Result<StuckReport> &named) { confirmCleanUp(named, a); });
}

void StuckView::confirmCleanUp(const Result<StuckReport> &named, CleanupAction a)
{
    if (!named.ok()) {
        setBusy({});
        Q_EMIT message(tr("The clean-up did not happen: %1").arg(coreText(named.error())),
            MessageBar::Type::Error);
        if (named.error().kind() == ErrorKind::Database)
            m_context.reportFailure(coreText(named.error()));
        return;
    }
    const StuckThresholds &t = named->thresholds;
    const qint64 n = a == CleanupAction::MarkFailed ? named->total() : named->runningTotal;
    if (n == 0) {
        setBusy({});
        Q_EMIT message(a == CleanupAction::Retry
                ? tr("Retry re-queues running tasks only, and none is stuck. Nothing was changed.")
                : tr("Nothing is stuck. Nothing was changed."),
            MessageBar::Type::Information);
        return;
    }
    Confirmation q;
    q.title = tr("Clean Up Stuck Tasks");
    const QLocale locale;
    q.question = tr("Clean up %Ln stuck task(s)?", "", int(n));
    if (a == CleanupAction::MarkFailed)
        q.details = tr("%1 waiting in the queue longer than %2 and %3 running without a "
                       "heartbeat for %4 will be marked FAILED. Workers that are still running "
                       "them lose them. Tasks that become stuck from now on are left for the "
                       "next clean-up.")
                        .arg(locale.toString(named->queuedTotal),
                            TimeFormat::duration(t.queueThresholdMs),
                            locale.toString(named->runningTotal),
                            TimeFormat::duration(t.heartbeatTimeoutMs));
    else
        q.details = tr("%1 running without a heartbeat for %2 go back to PENDING and run "
                       "again; the %3 waiting in the queue are left as they are. Tasks that "
                       "become stuck from now on are left for the next clean-up.")
                        .arg(locale.toString(named->runningTotal),
                            TimeFormat::duration(t.heartbeatTimeoutMs),
                            locale.toString(named->queuedTotal));
    q.acceptLabel = tr("Clean Up %Ln task(s)", "", int(n));
    if (!m_context.canAct() || !Confirm::ask(this, q)) {
        setBusy({});
        return;
    }
    setBusy(tr("Cleaning up %Ln stuck task(s)…", "", int(n)));
    Database *db = &m_context.database();
    const QString actor = m_context.operatorName();
    m_context.writer().run(
        this, [db, actor, set = *named, a]() { return StuckTasks(*db, actor).cleanup(set, a); },
        [this](const Result<CleanupReport> &report) { showCleanUpResult(report); });
}

void StuckView::showCleanUpResult(const Result<CleanupReport> &report)
{
    setBusy({});
    if (!report.ok()) {
        Q_EMIT message(tr("The clean-up did not happen: %1").arg(coreText(report.error())),
            MessageBar::Type::Error);
        if (report.error().kind() == ErrorKind::Database)
            m_context.reportFailure(coreText(report.error()));
        return;
    }
    const QLocale locale;
    const CleanupReport &r = report.value();
    QString text;
    if (r.total() == 0)
        text = tr("Nothing was stuck any more: nothing was changed.");
    else
        text = tr("Cleaned up %Ln stuck task(s): ", "", int(r.total()))
            + tr("%1 marked failed, %2 re-queued.")
                  .arg(locale.toString(qint64(r.queuedFailed.size() + r.runningFailed.size())),
                      locale.toString(qint64(r.runningRequeued.size())));
    if (r.leftAlone() > 0)
        text += QLatin1Char(' ')
            + tr("%Ln of the %1 named had changed meanwhile and were left alone.", "",
                int(r.leftAlone()))
                  .arg(locale.toString(r.named));
    Q_EMIT message(
        text, r.total() > 0 ? MessageBar::Type::Positive : MessageBar::Type::Information);
    Q_EMIT tasksChanged();
    refresh();
}

} // namespace taskdesk::ui
