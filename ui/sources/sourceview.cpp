#include "sourceview.h"

#include "core/sources/attachedsource.h"
#include "core/sources/sourceactions.h"
#include "ui/app/appcontext.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/badgepainter.h"
#include "ui/common/columnwidths.h"
#include "ui/common/confirm.h"
#include "ui/common/coretext.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/sources/sourcedetailpane.h"
#include "ui/sources/sourcetablemodel.h"
#include "ui/widgets/elidedlabel.h"
#include "ui/widgets/flowlayout.h"

#include <QAction>
#include <QButtonGroup>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace taskdesk::ui {

// The source as opened on the background thread; only jobs touch it.
struct SourceView::Session
{
    std::unique_ptr<AttachedSource> source;
};

// What one read brings back: a page, the counts and the current row's detail.
struct SourceView::Snapshot
{
    QString error;
    QVector<SourceRow> rows;
    bool haveCounts = false;
    qint64 countsMs = 0;
    qint64 matches = 0;
    SourceCounts counts;
    qint64 detailKey = 0;
    bool detailFound = false;
    SourceRow detailRow;
    QVector<SourceItem> items;
    QString log;
    qint64 logFrom = 0;
    bool logRestart = false;
};

// What an action did to the rows it was given, as facts to word.
struct SourceView::Outcome
{
    enum class Reason { Gone, StatusChanged, NotAllowed, Changed, Other };
    struct Refusal
    {
        qint64 key = 0;
        Reason reason = Reason::Other;
        QString now, was, text;
    };
    int done = 0;
    int items = 0;
    QVector<Refusal> refused;
    QStringList errors;
};

namespace {

// The detail of row `key` into `s`, its log from character `from`.
template<typename Snapshot>
void readDetail(SourceReader &reader, qint64 key, qint64 from, bool sameRow, Snapshot &s)
{
    s.detailKey = key;
    if (key == 0)
        return;
    Result<SourceRow> row = reader.row(key);
    if (!row.ok())
        return;
    s.detailFound = true;
    s.detailRow = *row;
    Result<QVector<SourceItem>> items = reader.items(key);
    if (items.ok())
        s.items = *items;
    Result<QString> log = reader.log(key, from);
    if (log.ok())
        s.log = *log;
    s.logFrom = from;
    s.logRestart = !sameRow;
}

} // namespace

SourceView::SourceView(AppContext &context, const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_name(name)
    , m_session(std::make_shared<Session>())
    , m_stack(new QStackedWidget(this))
    , m_errorText(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
    , m_heading(new QLabel(this))
    , m_where(new ElidedLabel(this))
    , m_toolBar(new QToolBar(this))
    , m_refresh(new QAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh"), this))
    , m_find(new QAction(QIcon(QStringLiteral(":/icons/search.svg")), tr("Find"), this))
    , m_chipGroup(new QButtonGroup(this))
    , m_search(new QLineEdit(this))
    , m_model(new SourceTableModel(this))
    , m_table(new QTableView(this))
    , m_detail(new SourceDetailPane(this))
    , m_previous(new QPushButton(tr("Previous"), this))
    , m_next(new QPushButton(tr("Next"), this))
    , m_pageLabel(new QLabel(this))
    , m_timer(new QTimer(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("source:") + name);
    buildActions();
    m_stack->addWidget(buildErrorPanel());
    m_stack->addWidget(buildContent());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300);
    connect(m_searchDelay, &QTimer::timeout, this, &SourceView::restart);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_timer, &QTimer::timeout, this, [this]() {
        if (isVisible() && m_open)
            refresh();
    });
    m_timer->start(kRefreshMs);
    connect(&m_context, &AppContext::canActChanged, this, &SourceView::updateActions);
    open();
}

SourceView::~SourceView()
{
    // The source's connection belongs to the background thread: it is closed there.
    BackgroundRunner &runner = m_context.background();
    runner.run(
        &runner,
        [session = m_session]() {
            session->source.reset();
            return 0;
        },
        [](int) {});
}

void SourceView::buildActions()
{
    struct Spec
    {
        TaskAction kind;
        const char *objectName;
        QString icon;
        QString label;
        QKeySequence shortcut;
        QString toolTip;
    };
    // The Tasks page's shortcuts, so that the hands need not learn a second set.
    const QVector<Spec> specs{
        {TaskAction::ForceStop, "actionSourceForceStop", QStringLiteral(":/icons/force-stop.svg"),
            tr("Force Stop"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period),
            tr("Mark the selected running rows failed (%1)")},
        {TaskAction::Cancel, "actionSourceCancel", QStringLiteral(":/icons/cancel.svg"),
            tr("Cancel"), QKeySequence(Qt::CTRL | Qt::Key_Period),
            tr("Mark the selected pending or running rows failed (%1)")},
        {TaskAction::Restart, "actionSourceRetry", QStringLiteral(":/icons/restart.svg"),
            tr("Retry"), QKeySequence(Qt::CTRL | Qt::Key_R),
            tr("Make the selected failed rows pending again (%1)")},
        {TaskAction::Delete, "actionSourceDelete", QStringLiteral(":/icons/delete.svg"),
            tr("Delete"), QKeySequence(QKeySequence::Delete),
            tr("Delete the selected rows that are not running (%1)")},
    };
    for (const Spec &s : specs) {
        auto *a = new QAction(QIcon(s.icon), s.label, this);
        a->setObjectName(QString::fromLatin1(s.objectName));
        a->setShortcut(s.shortcut);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(s.toolTip.arg(s.shortcut.toString(QKeySequence::NativeText)));
        const TaskAction kind = s.kind;
        connect(a, &QAction::triggered, this, [this, kind]() { runAction(kind); });
        m_actions.insert(kind, a);
        addAction(a);
    }
    m_refresh->setObjectName(QStringLiteral("actionSourceRefresh"));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh->setToolTip(tr("Read the rows again (F5)"));
    connect(m_refresh, &QAction::triggered, this, [this]() {
        m_countsWanted = true;
        m_open ? refresh() : open();
    });
    addAction(m_refresh);
    m_find->setShortcut(QKeySequence::Find);
    m_find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_find, &QAction::triggered, this, [this]() {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(m_find);
}

QWidget *SourceView::buildErrorPanel()
{
    auto *panel = new QWidget(this);
    m_errorText->setObjectName(QStringLiteral("sourceError"));
    m_errorText->setWordWrap(true);
    m_errorText->setAlignment(Qt::AlignCenter);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("sourceRetry"));
    connect(m_retry, &QPushButton::clicked, this, &SourceView::open);
    auto *layout = new QVBoxLayout(panel);
    layout->addStretch(1);
    layout->addWidget(m_errorText);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_retry);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);
    return panel;
}

QWidget *SourceView::buildContent()
{
    auto *content = new QWidget(this);
    const int em = fontMetrics().averageCharWidth();
    m_heading->setObjectName(QStringLiteral("sourceHeading"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_heading->setTextFormat(Qt::PlainText);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_where->setObjectName(QStringLiteral("sourceWhere"));

    m_toolBar->setObjectName(QStringLiteral("sourceToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()));
    for (TaskAction kind :
        {TaskAction::ForceStop, TaskAction::Cancel, TaskAction::Restart, TaskAction::Delete})
        m_toolBar->addAction(m_actions.value(kind));
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_refresh);

    // A second line when the window is too narrow for all of them.
    auto *chips = new FlowLayout;
    chips->setHorizontalSpacing(em / 2);
    chips->setVerticalSpacing(em / 2);
    for (Chip c : {All, Pending, Running, Completed, Failed, Stuck, Unmapped}) {
        auto *b = new QToolButton(content);
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setObjectName(QStringLiteral("sourceChip%1").arg(int(c)));
        m_chipGroup->addButton(b, int(c));
        m_chips.insert(c, b);
        chips->addWidget(b);
    }
    m_chips.value(All)->setChecked(true);
    m_chipGroup->setExclusive(true);
    connect(m_chipGroup, &QButtonGroup::idClicked, this, [this](int id) { setChip(Chip(id)); });
    m_search->setObjectName(QStringLiteral("sourceSearch"));
    m_search->setPlaceholderText(tr("Search title, kind, queue, error or key"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(em * 16);
    m_search->setMaximumWidth(em * 36);
    updateChips();

    m_table->setObjectName(QStringLiteral("sourceTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(SourceTableModel::Key, Qt::DescendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 3 / 2 + 4);
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(SourceTableModel::Status, new StatusBadgeDelegate(m_table));
    // As the Tasks page: wide enough for each header in the language shown,
    // and the status column for each status's badge with the stuck mark.
    setColumnWidths(*m_table,
        {{SourceTableModel::Key, 8}, {SourceTableModel::Status, 22}, {SourceTableModel::Title, 34},
            {SourceTableModel::Kind, 14}, {SourceTableModel::Queue, 12},
            {SourceTableModel::Progress, 10}, {SourceTableModel::Created, 14},
            {SourceTableModel::Started, 14}, {SourceTableModel::Finished, 14}});
    QStringList statusWords;
    for (TaskStatus status :
        {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed})
        statusWords << BadgePainter::wordFor(status);
    m_table->setColumnWidth(SourceTableModel::Status,
        std::max(m_table->columnWidth(SourceTableModel::Status),
            StatusBadgeDelegate::widthFor(m_table->fontMetrics(), statusWords, true)));
    connect(
        m_model, &SourceTableModel::sortRequested, this, [this](int column, Qt::SortOrder order) {
            m_sort = SourceTableModel::sortFor(SourceTableModel::Column(column));
            m_descending = order == Qt::DescendingOrder;
            restart();
        });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this]() { readSelection(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this]() { readSelection(); });
    connect(m_table, &QWidget::customContextMenuRequested, this, &SourceView::showContextMenu);

    m_previous->setObjectName(QStringLiteral("sourcePrevious"));
    m_next->setObjectName(QStringLiteral("sourceNext"));
    m_pageLabel->setObjectName(QStringLiteral("sourcePage"));
    connect(m_previous, &QPushButton::clicked, this, &SourceView::previousPage);
    connect(m_next, &QPushButton::clicked, this, &SourceView::nextPage);
    auto *pager = new QHBoxLayout;
    pager->addWidget(m_pageLabel, 1);
    pager->addWidget(m_previous);
    pager->addWidget(m_next);

    auto *top = new QWidget(content);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(pager);
    auto *split = new QSplitter(Qt::Vertical, content);
    split->addWidget(top);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    // The source's name stays whole; where its table is gives way in a
    // narrow window (elided in its middle, whole in its tool tip); the search
    // and the actions keep their room.
    m_where->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *header = new QHBoxLayout;
    header->addWidget(m_heading);
    header->addWidget(m_where, 1);
    header->addWidget(m_search, 1);
    header->addWidget(m_toolBar);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(em, em / 2, em, em / 2);
    layout->addLayout(header);
    layout->addLayout(chips);
    layout->addWidget(split, 1);
    return content;
}

QString SourceView::errorText() const
{
    return m_stack->currentIndex() == 0 ? m_errorText->text() : QString();
}

QToolButton *SourceView::chip(Chip c) const
{
    return m_chips.value(c);
}

void SourceView::open()
{
    if (m_opening)
        return;
    m_opening = true;
    m_open = false;
    m_errorText->setText(tr("Connecting to the source %1…").arg(m_name));
    m_retry->setEnabled(false);
    m_stack->setCurrentIndex(0);
    updateActions();
    struct Opened
    {
        bool ok = false;
        SourceDefinition definition;
        QString error;
    };
    Database *taskdesk = &m_context.database();
    m_context.background().run(
        this,
        [session = m_session, taskdesk, name = m_name, actor = m_context.operatorName()]() {
            Opened o;
            session->source.reset();
            Result<std::unique_ptr<AttachedSource>> source
                = AttachedSource::open(*taskdesk, name, actor);
            if (!source.ok()) {
                o.error = coreText(source.error());
                return o;
            }
            session->source = std::move(source.value());
            o.definition = session->source->definition();
            o.ok = true;
            return o;
        },
        [this](Opened o) {
            m_opening = false;
            m_retry->setEnabled(true);
            if (!o.ok) {
                showFailure(tr("The source %1 could not be opened: %2").arg(m_name, o.error));
                Q_EMIT opened(false);
                return;
            }
            m_def = o.definition;
            m_open = true;
            m_model->setDefinition(m_def);
            // A column the mapping does not name would stay empty: it is not shown.
            const SourceMapping &m = m_def.mapping;
            const QVector<QPair<int, bool>> shown{{SourceTableModel::Kind, !m.kind.isEmpty()},
                {SourceTableModel::Queue, !m.queue.isEmpty()},
                {SourceTableModel::Progress, !m.progressTotal.isEmpty()},
                {SourceTableModel::Created, m.created.isSet()},
                {SourceTableModel::Started, m.started.isSet()},
                {SourceTableModel::Finished, m.finished.isSet()},
                {SourceTableModel::Changed, m.heartbeat.isSet()}};
            for (const auto &[column, on] : shown)
                m_table->setColumnHidden(column, !on);
            m_heading->setText(m_def.name);
            m_where->setFullText(
                (m_def.readOnly ? tr("· table %1 in %2 · read-only") : tr("· table %1 in %2"))
                    .arg(m_def.mapping.table, m_def.location));
            m_actions.value(TaskAction::Delete)->setVisible(m_def.mapping.allowDelete);
            m_stack->setCurrentIndex(1);
            restart();
            Q_EMIT opened(true);
        });
}

void SourceView::showFailure(const QString &text)
{
    m_open = false;
    m_errorText->setText(
        text + QLatin1Char('\n') + tr("Nothing was changed. Retry connects again."));
    m_stack->setCurrentIndex(0);
    updateActions();
}

TaskFilter SourceView::currentFilter() const
{
    TaskFilter f;
    switch (m_chip) {
    case Pending:
        f.statuses = {TaskStatus::Pending};
        break;
    case Running:
        f.statuses = {TaskStatus::Running};
        break;
    case Completed:
        f.statuses = {TaskStatus::Completed};
        break;
    case Failed:
        f.statuses = {TaskStatus::Failed};
        break;
    case Stuck:
        f.stuckOnly = true;
        break;
    default:
        break;
    }
    f.search = m_search->text().trimmed();
    f.sort = m_sort;
    f.descending = m_descending;
    f.limit = kPageSize;
    if (m_sort == TaskFilter::Sort::Id) {
        if (const std::optional<qint64> &anchor = m_anchors.value(m_page))
            f.after = TaskKey{QVariant(), *anchor};
    } else {
        f.offset = qint64(m_page) * kPageSize;
    }
    return f;
}

void SourceView::restart()
{
    m_countsWanted = true;
    m_page = 0;
    m_anchors = {std::nullopt};
    refresh();
}

void SourceView::nextPage()
{
    const QVector<SourceRow> &rows = m_model->rows();
    if (rows.size() < kPageSize || qint64(m_page + 1) * kPageSize >= m_matches)
        return;
    m_anchors.resize(m_page + 1);
    m_anchors.append(rows.last().key);
    ++m_page;
    refresh();
}

void SourceView::previousPage()
{
    if (m_page == 0)
        return;
    --m_page;
    refresh();
}

void SourceView::refresh()
{
    if (!m_open)
        return;
    if (m_reading) {
        m_rereadWanted = true;
        return;
    }
    m_reading = true;
    m_rereadWanted = false;
    const TaskFilter filter = currentFilter();
    // The chip of the values nobody mapped lists the rows holding them, as last counted.
    const QStringList raw = m_chip == Unmapped ? m_counts.unmapped.keys() : QStringList();
    const qint64 key = m_currentKey;
    const bool sameRow = key != 0 && m_detail->key() == key;
    const qint64 from = sameRow ? m_detail->logChars() : 0;
    const bool withCounts = m_countsWanted || ++m_sinceCounts >= m_countsEvery;
    if (withCounts) {
        m_countsWanted = false;
        m_sinceCounts = 0;
    }
    m_context.background().run(
        this,
        [session = m_session, filter, raw, key, from, sameRow, withCounts]() {
            Snapshot s;
            if (!session->source) {
                s.error = QStringLiteral("not connected");
                return s;
            }
            SourceReader &reader = session->source->reader();
            Result<QVector<SourceRow>> rows = reader.list(filter, raw);
            if (!rows.ok()) {
                s.error = coreText(rows.error());
                return s;
            }
            s.rows = *rows;
            if (withCounts) {
                QElapsedTimer timer;
                timer.start();
                TaskFilter all = filter;
                all.after.reset();
                all.offset = 0;
                Result<qint64> matches = reader.count(all, raw);
                Result<SourceCounts> counts = reader.counts();
                if (!matches.ok() || !counts.ok()) {
                    s.error = coreText(!matches.ok() ? matches.error() : counts.error());
                    return s;
                }
                s.haveCounts = true;
                s.countsMs = timer.elapsed();
                s.matches = *matches;
                s.counts = *counts;
            }
            readDetail(reader, key, from, sameRow, s);
            return s;
        },
        [this](Snapshot s) {
            m_reading = false;
            if (!s.error.isEmpty()) {
                showFailure(tr("The source %1 could not be read: %2").arg(m_name, s.error));
                return;
            }
            applySnapshot(s);
            if (m_rereadWanted)
                refresh();
        });
}

void SourceView::applySnapshot(const Snapshot &s)
{
    if (s.rows.isEmpty() && m_page > 0) {
        // The rows of this page went (deleted, or the filter now lists fewer).
        m_rereadWanted = false;
        restart();
        return;
    }
    m_restoring = true;
    m_model->setRows(s.rows);
    QItemSelectionModel *selection = m_table->selectionModel();
    QItemSelection keep;
    for (qint64 key : std::as_const(m_selectedKeys)) {
        const int row = m_model->rowOfKey(key);
        if (row >= 0)
            keep.select(
                m_model->index(row, 0), m_model->index(row, SourceTableModel::ColumnCount - 1));
    }
    selection->select(keep, QItemSelectionModel::ClearAndSelect);
    const int current = m_model->rowOfKey(m_currentKey);
    if (current >= 0)
        selection->setCurrentIndex(m_model->index(current, 0), QItemSelectionModel::NoUpdate);
    m_restoring = false;

    if (s.haveCounts) {
        m_counts = s.counts;
        m_matches = s.matches;
        m_countsEvery = int(std::clamp<qint64>(1 + s.countsMs / 100, 1, 4));
    }
    if (m_chip == Unmapped && m_counts.unmapped.isEmpty()) {
        // The last of them was mapped or changed: nothing is left to list.
        setChip(All);
        return;
    }
    updateChips();
    const qint64 first = qint64(m_page) * kPageSize + (s.rows.isEmpty() ? 0 : 1);
    const qint64 last = qint64(m_page) * kPageSize + s.rows.size();
    m_pageLabel->setText(s.rows.isEmpty()
            ? tr("No rows match.")
            : tr("Rows %1–%2 of %3")
                  .arg(QLocale().toString(first), QLocale().toString(last),
                      QLocale().toString(m_matches)));
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(s.rows.size() == kPageSize && last < m_matches);

    applyDetail(s);
    updateActions();
}

void SourceView::applyDetail(const Snapshot &s)
{
    if (s.detailKey == 0 || s.detailKey != m_currentKey) {
        if (m_currentKey == 0)
            m_detail->clear();
    } else if (!s.detailFound) {
        m_detail->clear();
    } else {
        m_detail->showRow(s.detailRow, s.items);
        m_detail->appendLog(s.detailKey, s.log, s.logRestart, s.logFrom);
    }
}

void SourceView::refreshDetail()
{
    if (!m_open)
        return;
    const qint64 key = m_currentKey;
    const bool sameRow = key != 0 && m_detail->key() == key;
    const qint64 from = sameRow ? m_detail->logChars() : 0;
    m_context.background().run(
        this,
        [session = m_session, key, from, sameRow]() {
            Snapshot s;
            if (session->source)
                readDetail(session->source->reader(), key, from, sameRow, s);
            return s;
        },
        [this](const Snapshot &s) { applyDetail(s); });
}

void SourceView::readSelection()
{
    if (m_restoring)
        return;
    m_selectedKeys.clear();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows) {
        if (const SourceRow *r = m_model->rowAt(i.row()))
            m_selectedKeys << r->key;
    }
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const SourceRow *r = current.isValid() ? m_model->rowAt(current.row()) : nullptr;
    const qint64 key = r ? r->key : 0;
    updateActions();
    if (key != m_currentKey) {
        m_currentKey = key;
        if (key == 0)
            m_detail->clear();
        else
            refreshDetail();
    }
}

bool SourceView::selectKey(qint64 key, bool add)
{
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index,
        (add ? QItemSelectionModel::Select : QItemSelectionModel::ClearAndSelect)
            | QItemSelectionModel::Rows);
    return true;
}

QVector<SourceRow> SourceView::selectedRows() const
{
    QVector<SourceRow> out;
    for (qint64 key : m_selectedKeys) {
        const int row = m_model->rowOfKey(key);
        if (const SourceRow *r = m_model->rowAt(row))
            out << *r;
    }
    return out;
}

QVector<SourceRow> SourceView::targetsOf(TaskAction kind) const
{
    QVector<SourceRow> out;
    const QVector<TaskStatus> allowed = SourceActions::allowedFrom(kind);
    for (const SourceRow &r : selectedRows()) {
        if (r.status && allowed.contains(*r.status))
            out << r;
    }
    return out;
}

void SourceView::updateActions()
{
    const bool can = m_open && !m_busy && !m_def.readOnly && m_context.canAct();
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        bool enabled = can && !targetsOf(it.key()).isEmpty();
        if (it.key() == TaskAction::Delete)
            enabled = enabled && m_def.mapping.allowDelete;
        it.value()->setEnabled(enabled);
    }
    m_refresh->setEnabled(!m_opening);
}

void SourceView::updateChips()
{
    const auto n = [this](TaskStatus s) {
        return m_counts.byStatus.value(s);
    };
    qint64 unmapped = 0;
    QStringList values;
    for (auto it = m_counts.unmapped.cbegin(); it != m_counts.unmapped.cend(); ++it) {
        unmapped += it.value();
        values << tr("%1: %2").arg(
            it.key().isEmpty() ? tr("(none)") : it.key(), QLocale().toString(it.value()));
    }
    const QLocale locale;
    auto label = [&](const QString &word, qint64 count) {
        return tr("%1 (%2)").arg(word, locale.toString(count));
    };
    m_chips.value(All)->setText(label(tr("All"), m_counts.total()));
    m_chips.value(Pending)->setText(label(tr("Pending"), n(TaskStatus::Pending)));
    m_chips.value(Running)->setText(label(tr("Running"), n(TaskStatus::Running)));
    m_chips.value(Completed)->setText(label(tr("Completed"), n(TaskStatus::Completed)));
    m_chips.value(Failed)->setText(label(tr("Failed"), n(TaskStatus::Failed)));
    m_chips.value(Stuck)->setText(label(tr("Stuck"), m_counts.stuckQueued + m_counts.stuckRunning));
    QToolButton *other = m_chips.value(Unmapped);
    other->setText(label(tr("Not mapped"), unmapped));
    other->setToolTip(tr("Rows whose status value the mapping does not map; they are shown as "
                         "stored and no action changes them.\n%1")
                          .arg(values.join(QLatin1Char('\n'))));
    other->setVisible(unmapped > 0 || m_chip == Unmapped);
}

void SourceView::setChip(Chip c)
{
    if (c == Unmapped && m_counts.unmapped.isEmpty())
        c = All;
    m_chip = c;
    m_chips.value(c)->setChecked(true);
    restart();
}

QString SourceView::pageText() const
{
    return m_pageLabel->text();
}

void SourceView::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    for (TaskAction kind :
        {TaskAction::ForceStop, TaskAction::Cancel, TaskAction::Restart, TaskAction::Delete}) {
        if (m_actions.value(kind)->isVisible())
            menu.addAction(m_actions.value(kind));
    }
    menu.addSeparator();
    menu.addAction(m_refresh);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void SourceView::runAction(TaskAction kind)
{
    const QVector<SourceRow> targets = targetsOf(kind);
    if (targets.isEmpty() || m_busy || !m_open || m_def.readOnly)
        return;
    const int n = int(targets.size());
    const qint64 leftOut = qint64(m_selectedKeys.size()) - n;
    const StatusMapping &status = m_def.mapping.status;
    Confirmation c;
    switch (kind) {
    case TaskAction::ForceStop:
        c.title = tr("Force Stop");
        c.question = tr("Force stop %n row(s) of %1?", "", n).arg(m_name);
        c.details = tr("Each row gets %1 in its column %2, and its running items are stopped.")
                        .arg(status.failedValue, status.column);
        c.acceptLabel = tr("Force Stop %n Row(s)", "", n);
        break;
    case TaskAction::Cancel:
        c.title = tr("Cancel");
        c.question = tr("Cancel %n row(s) of %1?", "", n).arg(m_name);
        c.details = tr("Each row gets %1 in its column %2, and its running items are stopped.")
                        .arg(status.failedValue, status.column);
        c.acceptLabel = tr("Cancel %n Row(s)", "", n);
        break;
    case TaskAction::Restart:
        c.title = tr("Retry");
        c.question = tr("Retry %n row(s) of %1?", "", n).arg(m_name);
        c.details = tr("Each row gets %1 in its column %2, for its program to run it again.")
                        .arg(status.pendingValue, status.column);
        c.acceptLabel = tr("Retry %n Row(s)", "", n);
        break;
    case TaskAction::Delete:
        c.title = tr("Delete");
        c.question = tr("Delete %n row(s) of %1?", "", n).arg(m_name);
        c.details = tr("Each row is deleted from the table %1 for good; the audit log keeps a "
                       "record of it.")
                        .arg(m_def.mapping.table);
        c.acceptLabel = tr("Delete %n Row(s)", "", n);
        break;
    }
    QStringList lines;
    constexpr int kNamed = 10;
    for (int i = 0; i < std::min(n, kNamed); ++i) {
        const SourceRow &r = targets.at(i);
        lines << (r.title.isEmpty() ? tr("Row %1 (%2)").arg(r.key).arg(r.rawStatus)
                                    : tr("Row %1 “%2” (%3)").arg(r.key).arg(r.title, r.rawStatus));
    }
    if (n > kNamed)
        lines << tr("…and %n more.", "", n - kNamed);
    c.details += QLatin1Char(' ') + tr("A row that changed since you looked is left as it is.")
        + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n'));
    if (leftOut > 0)
        c.details += QStringLiteral("\n\n")
            + tr(
                "Left out: %n selected row(s) whose status does not allow this.", "", int(leftOut));
    c.rejectLabel = tr("Keep As Is");
    if (!Confirm::ask(this, c))
        return;

    m_busy = true;
    updateActions();
    m_context.background().run(
        this,
        [session = m_session, kind, targets]() {
            Outcome o;
            if (!session->source) {
                o.errors << QStringLiteral("not connected");
                return o;
            }
            for (const SourceRow &seen : targets) {
                Result<SourceActionReport> r = session->source->actions().apply(kind, seen);
                if (!r.ok()) {
                    o.errors << coreText(r.error());
                    continue;
                }
                if (r->done) {
                    ++o.done;
                    o.items += r->itemsChanged;
                    continue;
                }
                // Why, from the row as it is now, in words the window translates.
                Outcome::Refusal refusal;
                refusal.key = seen.key;
                refusal.was = seen.rawStatus;
                refusal.text = r->refusal;
                Result<SourceRow> now = session->source->reader().row(seen.key);
                if (!now.ok()) {
                    refusal.reason = now.error().kind() == ErrorKind::NotFound
                        ? Outcome::Reason::Gone
                        : Outcome::Reason::Other;
                } else {
                    refusal.now = now->rawStatus;
                    if (now->rawStatus != seen.rawStatus)
                        refusal.reason = Outcome::Reason::StatusChanged;
                    else if (!now->status
                        || !SourceActions::allowedFrom(kind).contains(*now->status))
                        refusal.reason = Outcome::Reason::NotAllowed;
                    else
                        refusal.reason = Outcome::Reason::Changed;
                }
                o.refused << refusal;
            }
            return o;
        },
        [this, kind](Outcome o) {
            m_busy = false;
            m_countsWanted = true;
            report(kind, o);
            refresh();
        });
}

void SourceView::report(TaskAction kind, const Outcome &o)
{
    QStringList parts;
    if (o.done > 0 || (o.refused.isEmpty() && o.errors.isEmpty())) {
        switch (kind) {
        case TaskAction::ForceStop:
            parts << tr("%n row(s) force stopped.", "", o.done);
            break;
        case TaskAction::Cancel:
            parts << tr("%n row(s) cancelled and marked failed.", "", o.done);
            break;
        case TaskAction::Restart:
            parts << tr("%n row(s) pending again.", "", o.done);
            break;
        case TaskAction::Delete:
            parts << tr("%n row(s) deleted.", "", o.done);
            break;
        }
        if (o.items > 0)
            parts << tr("%n item(s) changed with them.", "", o.items);
    }
    constexpr int kWorded = 5;
    for (int i = 0; i < std::min<int>(int(o.refused.size()), kWorded); ++i) {
        const Outcome::Refusal &r = o.refused.at(i);
        switch (r.reason) {
        case Outcome::Reason::Gone:
            parts
                << tr("Row %1 is gone (deleted by someone else); nothing was changed.").arg(r.key);
            break;
        case Outcome::Reason::StatusChanged:
            parts << tr("Row %1 is %2 now (it was %3 when you looked); nothing was changed.")
                         .arg(r.key)
                         .arg(r.now, r.was);
            break;
        case Outcome::Reason::NotAllowed:
            parts << tr("Row %1 is %2, which this action is not taken from; nothing was changed.")
                         .arg(r.key)
                         .arg(r.now);
            break;
        case Outcome::Reason::Changed:
            parts << tr("Row %1 changed since you looked; nothing was changed.").arg(r.key);
            break;
        case Outcome::Reason::Other:
            parts << tr("Row %1 was refused: %2").arg(r.key).arg(r.text);
            break;
        }
    }
    if (o.refused.size() > kWorded)
        parts << tr("%n more row(s) refused.", "", int(o.refused.size()) - kWorded);
    if (!o.errors.isEmpty())
        parts << tr("%n row(s) failed: %1", "", int(o.errors.size())).arg(o.errors.first());
    const MessageBar::Type type = !o.errors.isEmpty() ? MessageBar::Type::Error
        : !o.refused.isEmpty()                        ? MessageBar::Type::Warning
                                                      : MessageBar::Type::Positive;
    Q_EMIT message(parts.join(QLatin1Char(' ')), type);
}

} // namespace taskdesk::ui
