#include "tasksview.h"

#include "appcontext.h"
#include "appsettings.h"
#include "backgroundrunner.h"
#include "badgepainter.h"
#include "columnwidths.h"
#include "progressdelegate.h"
#include "statusbadgedelegate.h"
#include "taskactions.h"
#include "taskdetailpane.h"
#include "tasktablemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace taskdesk::ui {

TasksView::TasksView(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new TaskTableModel(context.tasks(), &context.background(), this))
    , m_actions(new TaskActions(context, this, this))
    , m_table(new QTableView(this))
    , m_progress(new ProgressDelegate(this))
    , m_detail(new TaskDetailPane(context, *m_actions, this))
    , m_chips(new FilterChips(this))
    , m_search(new QLineEdit(this))
    , m_queue(new QComboBox(this))
    , m_toolBar(new QToolBar(this))
    , m_summary(new QLabel(this))
    , m_selectionNote(new QLabel(this))
    , m_emptyState(new QWidget(this))
    , m_emptyText(new QLabel(m_emptyState))
    , m_clearFilter(new QPushButton(tr("Clear Filter"), m_emptyState))
    , m_timer(new QTimer(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("tasksView"));
    QHBoxLayout *filterBar = buildFilterBar();
    m_chips->setObjectName(QStringLiteral("filterChips"));
    buildTable();
    buildColumns();
    QHBoxLayout *footer = buildFooter();
    buildEmptyState();
    layOut(filterBar, footer);
    connectSignals();

    m_model->setStuckHeartbeatMs(m_context.stuckHeartbeatMs());
    m_model->setStuckQueueMs(m_context.stuckThresholds().queueThresholdMs);
    connect(m_timer, &QTimer::timeout, this, &TasksView::refresh);
    setRefreshInterval(m_context.settings().refreshIntervalMs());
    updateCanAct();
    applyFilter();
    refreshCounts();
    refreshQueues();
}

QHBoxLayout *TasksView::buildFilterBar()
{
    const int em = fontMetrics().averageCharWidth();
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()));
    m_toolBar->addActions(m_actions->taskActions());
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_actions->refreshAction());
    m_toolBar->addAction(m_actions->stopAction());
    addActions(m_actions->taskActions());
    addAction(m_actions->refreshAction());
    addAction(m_actions->findAction());

    m_search->setObjectName(QStringLiteral("taskSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
        tr("Search name, kind, worker, error or ID (%1)")
            .arg(m_actions->findAction()->shortcut().toString(QKeySequence::NativeText)));
    m_search->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    // Room for the placeholder where there is room; at 800 px it shrinks.
    m_search->setMinimumWidth(em * 22);
    m_search->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_search->setMaxLength(kMaxSearchLength); // what the store takes
    m_queue->setObjectName(QStringLiteral("queueFilter"));
    m_queue->addItem(tr("All queues"), QString());
    m_queue->setMinimumWidth(em * 14);
    m_queue->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_queue->setMinimumContentsLength(14);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    // The toolbar gives way first (its overflow menu holds what does not fit).
    m_toolBar->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_toolBar->setMinimumWidth(em * 16);
    top->addWidget(m_toolBar, 3);
    // Where the words beside the icons do not fit (Russian and Ukrainian run
    // longer), the buttons show their icons only, their words in the tool
    // tips, rather than hiding actions in the overflow menu.
    m_toolBarTextWidth = m_toolBar->sizeHint().width();
    m_toolBar->installEventFilter(this);
    top->addWidget(m_queue);
    top->addWidget(m_search, 2);
    return top;
}

void TasksView::buildTable()
{
    m_table->setObjectName(QStringLiteral("taskTable"));
    // Before the view and its selection model hear of it: while rows move, the
    // selection signals that follow are the model's, not the user's.
    auto restructuring = [this]() {
        m_restructuring = true;
    };
    connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this, restructuring);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, restructuring);
    connect(m_model, &QAbstractItemModel::layoutAboutToBeChanged, this, restructuring);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, restructuring);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setMouseTracking(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // A million rows: every row the same height, no measuring of contents.
    QHeaderView *rows = m_table->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() * 17 / 10);
}

// Their widths, delegates, order and sort; the saved state of the header.
void TasksView::buildColumns()
{
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionsMovable(true);
    columns->setHighlightSections(false);
    columns->setStretchLastSection(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QList<std::pair<int, int>> widths{{TaskTableModel::Id, 8}, {TaskTableModel::Name, 32},
        {TaskTableModel::Kind, 15}, {TaskTableModel::Queue, 13}, {TaskTableModel::Status, 21},
        {TaskTableModel::Progress, 20}, {TaskTableModel::Worker, 26}, {TaskTableModel::Started, 13},
        {TaskTableModel::Heartbeat, 12}, {TaskTableModel::Duration, 13},
        {TaskTableModel::Attempts, 9}};
    setColumnWidths(*m_table, widths);
    QStringList statusWords;
    for (TaskStatus status :
        {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed})
        statusWords << BadgePainter::wordFor(status);
    m_table->setColumnWidth(TaskTableModel::Status,
        std::max(m_table->columnWidth(TaskTableModel::Status),
            StatusBadgeDelegate::widthFor(m_table->fontMetrics(), statusWords, true)));
    // The name takes the room that is left; every other column keeps its width.
    columns->setSectionResizeMode(TaskTableModel::Name, QHeaderView::Stretch);
    m_table->setItemDelegateForColumn(TaskTableModel::Status, new StatusBadgeDelegate(this));
    m_table->setItemDelegateForColumn(TaskTableModel::Progress, m_progress);
    m_table->sortByColumn(TaskTableModel::Id, Qt::DescendingOrder);
    // What an operator looks for first comes first: which task, in which state,
    // how far. A narrow window then still shows them without scrolling.
    columns->moveSection(columns->visualIndex(TaskTableModel::Status), 2);
    columns->moveSection(columns->visualIndex(TaskTableModel::Progress), 3);
    const QByteArray header = m_context.settings().tableHeaderState();
    if (!header.isEmpty())
        columns->restoreState(header);
    // A click on a column that has no index for its order (TaskTableModel::isSortable)
    // leaves the order as it was, and so does a saved state from before.
    connect(columns, &QHeaderView::sortIndicatorChanged, this,
        [this, columns](int column, Qt::SortOrder) {
            if (!TaskTableModel::isSortable(column))
                columns->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        });
    if (!TaskTableModel::isSortable(columns->sortIndicatorSection()))
        m_table->sortByColumn(TaskTableModel::Id, Qt::DescendingOrder);
    // The column the table is sorted by is always there to show its arrow.
    columns->setSortIndicatorShown(true);
    columns->showSection(columns->sortIndicatorSection());
    connect(columns, &QHeaderView::sortIndicatorChanged, this, &TasksView::updateSummary);
    connect(m_model, &TaskTableModel::countChanged, this, &TasksView::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TasksView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TasksView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TasksView::updateSummary);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &TasksView::updateSummary);
}

QHBoxLayout *TasksView::buildFooter()
{
    const int gap = fontMetrics().height() / 2;
    // What the table lists and how it is sorted, and what is selected: always
    // there (one line), so that it never moves the rows when it changes.
    m_summary->setObjectName(QStringLiteral("taskSummary"));
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_selectionNote->setObjectName(QStringLiteral("selectionNote"));
    m_selectionNote->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_selectionNote->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    auto *footer = new QHBoxLayout;
    footer->setContentsMargins(gap / 2, 0, gap / 2, 0);
    footer->addWidget(m_summary, 3);
    footer->addWidget(m_selectionNote, 2);
    return footer;
}

void TasksView::buildEmptyState()
{
    // An empty table says why and what to do, over the table's viewport.
    m_emptyState->setObjectName(QStringLiteral("emptyStateBox"));
    m_emptyText->setObjectName(QStringLiteral("emptyState"));
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_emptyText->setTextFormat(Qt::PlainText);
    m_emptyText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clearFilter->setObjectName(QStringLiteral("clearFilter"));
    auto *emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addWidget(m_clearFilter, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(1);
    m_emptyState->setParent(m_table->viewport());
    m_emptyState->hide();
    m_table->viewport()->installEventFilter(this);
    connect(m_clearFilter, &QPushButton::clicked, this, &TasksView::clearFilter);
}

void TasksView::layOut(QHBoxLayout *filterBar, QHBoxLayout *footer)
{
    const int gap = fontMetrics().height() / 2;
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("tasksSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(gap, gap / 2, gap, gap / 2);
    layout->setSpacing(gap / 2);
    layout->addLayout(filterBar);
    layout->addWidget(m_chips);
    layout->addWidget(splitter, 1);
    layout->addLayout(footer);
    // Nothing to show until a task is chosen: the table takes the room.
    m_detail->hide();
}

void TasksView::connectSignals()
{
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &TasksView::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this]() {
        m_searchDelay->stop();
        applyFilter();
    });
    connect(m_queue, &QComboBox::activated, this, &TasksView::applyFilter);
    connect(m_chips, &FilterChips::chipSelected, this, &TasksView::applyFilter);
    connect(m_actions->findAction(), &QAction::triggered, this, &TasksView::focusSearch);
    connect(m_actions->refreshAction(), &QAction::triggered, this, &TasksView::reload);
    connect(m_actions, &TaskActions::tasksChanged, this, &TasksView::refresh);
    connect(m_actions, &TaskActions::message, this, &TasksView::message);
    connect(m_progress, &ProgressDelegate::cancelRequested, this, &TasksView::cancelFromButton);
    connect(m_table, &QTableView::customContextMenuRequested, this, &TasksView::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &TasksView::readSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &TasksView::readCurrent);
    // Rows change under the selection when the table refreshes: the statuses
    // that enable the actions are taken again from the rows, once.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TasksView::scheduleSettle);
    // After the view and its selection model: the rows have moved.
    auto restructured = [this]() {
        m_restructuring = false;
        m_restructured = true;
        scheduleSettle();
    };
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, restructured);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, restructured);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, restructured);
    connect(m_model, &QAbstractItemModel::modelReset, this, restructured);
    connect(m_model, &TaskTableModel::errorOccurred, &m_context, &AppContext::reportFailure);
    connect(m_model, &TaskTableModel::databaseAnswered, &m_context, &AppContext::reportSuccess);
    connect(&m_context, &AppContext::canActChanged, this, &TasksView::updateCanAct);
    connect(m_actions, &TaskActions::busyChanged, this, &TasksView::updateCanAct);
    connect(&m_context, &AppContext::sharedSettingsChanged, this, [this]() {
        m_model->setStuckHeartbeatMs(m_context.stuckHeartbeatMs());
        m_model->setStuckQueueMs(m_context.stuckThresholds().queueThresholdMs);
    });
}

TasksView::~TasksView() = default;

void TasksView::saveState()
{
    m_context.settings().setTableHeaderState(m_table->horizontalHeader()->saveState());
}

QString TasksView::selectionNote() const
{
    return m_selectionNote->text();
}

QString TasksView::summaryText() const
{
    return m_summary->text();
}

void TasksView::updateSummary()
{
    const QLocale locale;
    const qint64 listed = m_model->totalCount();
    const qint64 total = m_counts.total();
    const TaskFilter &filter = m_model->filter();
    const bool filtered = !filter.search.isEmpty() || !filter.queue.isEmpty()
        || !filter.statuses.isEmpty() || filter.stuckOnly;
    QString text;
    if (!m_model->isCountExact())
        text = tr("Counting the tasks…");
    else if (filtered && m_haveCounts)
        text = tr("%1 of %Ln tasks match", nullptr, int(std::min<qint64>(total, INT_MAX)))
                   .arg(locale.toString(listed));
    else
        text = tr("%Ln tasks", nullptr, int(std::min<qint64>(listed, INT_MAX)));
    const int column = m_model->sortColumn();
    const QString name = m_model->headerData(column, Qt::Horizontal).toString();
    const bool descending = m_model->sortOrder() == Qt::DescendingOrder;
    QString order;
    switch (column) {
    case TaskTableModel::Id:
    case TaskTableModel::Started:
    case TaskTableModel::Heartbeat:
        order = descending ? tr("newest first") : tr("oldest first");
        break;
    case TaskTableModel::Name:
    case TaskTableModel::Kind:
    case TaskTableModel::Queue:
    case TaskTableModel::Worker:
        order = descending ? tr("Z to A") : tr("A to Z");
        break;
    default:
        order = descending ? tr("highest first") : tr("lowest first");
        break;
    }
    text += QStringLiteral(" · ") + tr("sorted by %1, %2").arg(name, order);
    m_summary->setText(text);
    m_summary->setToolTip(text);
    updateEmptyState();
}

void TasksView::updateEmptyState()
{
    const bool empty
        = m_model->isCountExact() && m_model->rowCount() == 0 && !m_model->lastRefreshFailed();
    if (!empty) {
        m_emptyState->hide();
        return;
    }
    const TaskFilter &filter = m_model->filter();
    const bool filtered = !filter.search.isEmpty() || !filter.queue.isEmpty()
        || !filter.statuses.isEmpty() || filter.stuckOnly;
    if (filtered) {
        m_emptyText->setText(tr("No task matches this filter."));
        m_clearFilter->show();
    } else {
        m_emptyText->setText(tr("No tasks yet.\n\nA program enqueues tasks into the database, "
                                "or from a shell:\ntaskdeskctl enqueue KIND --name NAME"));
        m_clearFilter->hide();
    }
    placeEmptyState();
    m_emptyState->show();
}

void TasksView::placeEmptyState()
{
    m_emptyState->setGeometry(m_table->viewport()->rect());
}

bool TasksView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        placeEmptyState();
    if (watched == m_toolBar && event->type() == QEvent::Resize)
        m_toolBar->setToolButtonStyle(m_toolBar->width() >= m_toolBarTextWidth
                ? Qt::ToolButtonTextBesideIcon
                : Qt::ToolButtonIconOnly);
    return QWidget::eventFilter(watched, event);
}

void TasksView::clearFilter()
{
    m_search->clear();
    m_searchDelay->stop();
    m_queue->setCurrentIndex(0);
    m_chips->setCurrent(FilterChips::All);
    applyFilter();
}

void TasksView::showDetail(qint64 taskId)
{
    m_detail->showTask(taskId);
    m_detail->setVisible(taskId > 0);
}

void TasksView::setRefreshInterval(int ms)
{
    m_timer->start(ms);
}

void TasksView::applyFilter()
{
    TaskFilter filter;
    FilterChips::apply(m_chips->current(), filter);
    filter.search = m_search->text().trimmed();
    filter.queue = m_queue->currentData().toString();
    m_model->setFilter(filter);
}

void TasksView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void TasksView::refresh()
{
    ++m_ticks;
    m_model->refresh();
    // At once: what follows (the detail pane, an action's message) sees the
    // selection as it is now.
    const bool shown = settle();
    if (!shown && (m_detail->isVisible() || m_detail->hasTask()))
        m_detail->reload();
    // Ages and durations move with the clock: repaint what is on screen only.
    m_table->viewport()->update();
    refreshCounts();
    if (m_ticks % 30 == 0)
        refreshQueues();
}

void TasksView::reload()
{
    m_model->reload();
    m_detail->reload();
    refreshCounts();
    refreshQueues();
}

void TasksView::refreshCounts()
{
    if (m_countsPending)
        return;
    m_countsPending = true;
    TaskStore *store = &m_context.tasks();
    const StuckThresholds stuck = m_context.stuckThresholds();
    m_context.background().run(
        this, [store, stuck]() { return store->reader().counts(stuck); },
        [this](const Result<StatusCounts> &counts) {
            m_countsPending = false;
            if (!counts.ok())
                return;
            m_counts = counts.value();
            m_haveCounts = true;
            m_chips->setCounts(counts.value());
            updateSummary();
            Q_EMIT countsChanged(counts.value());
        });
}

void TasksView::refreshQueues()
{
    if (m_queuesPending)
        return;
    m_queuesPending = true;
    TaskStore *store = &m_context.tasks();
    m_context.background().run(
        this, [store]() { return store->reader().queues(); },
        [this](const Result<QStringList> &queues) {
            m_queuesPending = false;
            if (!queues.ok())
                return;
            const QString current = m_queue->currentData().toString();
            QStringList names = queues.value();
            if (!current.isEmpty() && !names.contains(current))
                names.append(current);
            QStringList shown;
            for (int i = 1; i < m_queue->count(); ++i)
                shown.append(m_queue->itemData(i).toString());
            if (shown == names)
                return;
            m_queue->clear();
            m_queue->addItem(tr("All queues"), QString());
            for (const QString &name : std::as_const(names))
                m_queue->addItem(name, name);
            m_queue->setCurrentIndex(std::max(0, m_queue->findData(current)));
        });
}

namespace {

// The selected rows as sorted, disjoint [top, bottom] spans: as many as the
// selection has ranges, never one entry per row (a select-all at a million).
QVector<std::pair<int, int>> selectedSpans(const QItemSelection &selection)
{
    QVector<std::pair<int, int>> ranges;
    for (const QItemSelectionRange &range : selection)
        ranges.append({range.top(), range.bottom()});
    std::sort(ranges.begin(), ranges.end());
    QVector<std::pair<int, int>> spans;
    for (const auto &[top, bottom] : std::as_const(ranges)) {
        if (!spans.isEmpty() && top <= spans.last().second + 1)
            spans.last().second = std::max(spans.last().second, bottom);
        else
            spans.append({top, bottom});
    }
    return spans;
}

} // namespace

QVector<Task> TasksView::selectedTasks() const
{
    // In the table's order: the first kMaxSelection selected rows from the top.
    QVector<Task> tasks;
    for (const auto &[top, bottom] : selectedSpans(m_table->selectionModel()->selection())) {
        for (int row = top; row <= bottom; ++row) {
            if (tasks.size() >= kMaxSelection)
                return tasks;
            if (const std::optional<Task> t = m_model->taskAtRow(row))
                tasks.append(*t);
        }
    }
    return tasks;
}

void TasksView::readSelection()
{
    if (m_restructuring || m_restoring)
        return; // settle() decides
    qint64 selected = 0;
    for (const auto &[top, bottom] : selectedSpans(m_table->selectionModel()->selection()))
        selected += bottom - top + 1;
    m_selectedRows = selected;
    // The user's choice: rows not loaded yet are read, a page at a time.
    const QVector<Task> tasks = selectedTasks();
    m_selectedIds.clear();
    for (const Task &t : tasks)
        m_selectedIds.append(t.id);
    m_actions->setSelection(tasks, m_selectedRows);
    updateSelectionNote();
}

void TasksView::updateSelectionNote()
{
    const QLocale locale;
    QString text;
    if (m_selectedRows > kMaxSelection)
        text = tr("%1 selected: actions take the first %2")
                   .arg(locale.toString(m_selectedRows), locale.toString(kMaxSelection));
    else if (m_selectedRows > 0)
        text = tr("%1 selected").arg(locale.toString(m_selectedRows));
    m_selectionNote->setText(text);
    m_selectionNote->setToolTip(text);
}

void TasksView::readCurrent(const QModelIndex &current)
{
    if (m_restructuring || m_restoring)
        return; // settle() decides
    const qint64 id = current.isValid() ? m_model->taskIdAt(current.row()) : 0;
    m_currentId = id;
    if (id > 0 && id != m_detail->taskId())
        showDetail(id);
}

void TasksView::scheduleSettle()
{
    if (m_settlePending)
        return;
    m_settlePending = true;
    QMetaObject::invokeMethod(this, &TasksView::settle, Qt::QueuedConnection);
}

bool TasksView::settle()
{
    if (!m_settlePending)
        return false;
    m_settlePending = false;
    const bool restructured = m_restructured;
    m_restructured = false;
    QItemSelectionModel *selection = m_table->selectionModel();

    if (m_selectedRows > kMaxSelection) {
        // The first kMaxSelection of the rows selected now, read again.
        if (restructured)
            readSelection();
        return false;
    }

    // The selected tasks as the model has them now, by id; a task that is not
    // cached keeps its last copy unless rows moved (then it is no longer listed
    // where it was, and a row of another task must not stand in for it).
    QHash<qint64, Task> previous;
    for (const Task &t : m_actions->selection())
        previous.insert(t.id, t);
    QVector<Task> tasks;
    QVector<qint64> ids;
    QVector<int> rows;
    for (qint64 id : std::as_const(m_selectedIds)) {
        const int row = m_model->rowOfTask(id);
        const std::optional<Task> t = row >= 0 ? m_model->loadedTaskAtRow(row) : std::nullopt;
        if (t) {
            tasks.append(*t);
            ids.append(id);
            rows.append(row);
        } else if (!restructured && previous.contains(id)) {
            tasks.append(previous.value(id));
            ids.append(id);
        }
    }
    m_selectedIds = ids;
    m_actions->setSelection(tasks);
    if (restructured) {
        m_selectedRows = ids.size();
        updateSelectionNote();
    }
    if (!restructured)
        return false;

    m_restoring = true;
    std::sort(rows.begin(), rows.end());
    QItemSelection wanted;
    for (int i = 0; i < rows.size();) {
        int j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        wanted.select(m_model->index(rows.at(i), 0),
            m_model->index(rows.at(j), TaskTableModel::ColumnCount - 1));
        i = j + 1;
    }
    QVector<int> selectedRows;
    for (const QItemSelectionRange &range : selection->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            selectedRows.append(row);
    }
    std::sort(selectedRows.begin(), selectedRows.end());
    selectedRows.erase(std::unique(selectedRows.begin(), selectedRows.end()), selectedRows.end());
    if (selectedRows != rows)
        selection->select(wanted, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    // The current task stays current where it is listed; otherwise there is
    // none, and the detail pane says so instead of showing a neighbour.
    const int currentRow = m_currentId > 0 ? m_model->rowOfTask(m_currentId) : -1;
    if (currentRow >= 0) {
        if (selection->currentIndex().row() != currentRow)
            selection->setCurrentIndex(
                m_model->index(currentRow, std::max(0, selection->currentIndex().column())),
                QItemSelectionModel::NoUpdate);
    } else {
        m_currentId = 0;
        if (selection->currentIndex().isValid())
            selection->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    }
    m_restoring = false;
    if (m_detail->taskId() != m_currentId) {
        showDetail(m_currentId);
        return true;
    }
    return false;
}

void TasksView::updateCanAct()
{
    m_progress->setCancelEnabled(m_context.canAct() && !m_actions->isBusy());
    m_table->viewport()->update();
}

bool TasksView::selectTask(qint64 taskId, bool add)
{
    const int row = m_model->rowOfTask(taskId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    QItemSelectionModel::SelectionFlags flags = QItemSelectionModel::Rows;
    flags |= add ? QItemSelectionModel::Select : QItemSelectionModel::ClearAndSelect;
    m_table->selectionModel()->setCurrentIndex(index, flags);
    m_table->scrollTo(index);
    return true;
}

void TasksView::cancelFromButton(qint64 taskId)
{
    const int row = m_model->rowOfTask(taskId);
    const std::optional<Task> task = row >= 0 ? m_model->taskAtRow(row) : std::nullopt;
    if (task)
        m_actions->run(TaskActions::Kind::Cancel, {*task});
}

void TasksView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    if (!m_table->selectionModel()->isRowSelected(index.row(), {}))
        m_table->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QMenu menu(this);
    menu.addActions(m_actions->taskActions());
    menu.addSeparator();
    const qint64 id = m_model->taskIdAt(index.row());
    menu.addAction(tr("Copy Task ID"), this,
        [id]() { QApplication::clipboard()->setText(QString::number(id)); });
    menu.addAction(m_actions->refreshAction());
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace taskdesk::ui
