#include "taskdetailpane.h"

#include "core/visibletext.h"

#include "core/tasks/taskrules.h"
#include "ui/app/appcontext.h"
#include "ui/common/badgepainter.h"
#include "ui/common/plaintext.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/common/storedtext.h"
#include "ui/common/timeformat.h"
#include "ui/tasks/taskitemsmodel.h"
#include "ui/widgets/badgelabel.h"
#include "ui/widgets/flowlayout.h"

#include <QAction>
#include <QDateTime>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace taskdesk::ui {

namespace {

constexpr int kLogBatch = 500;
constexpr int kMaxLogLines = 5000;
constexpr int kItemsEveryTime = 2000; // bigger item lists are read every 10th reload

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

// Scrolls its contents up and down only: it is as wide as they need at the
// least, so a narrow pane stacks the fields instead of cutting them.
class VerticalScrollArea final : public QScrollArea
{
public:
    explicit VerticalScrollArea(QWidget *contents, QWidget *parent)
        : QScrollArea(parent)
    {
        setFrameShape(QFrame::NoFrame);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setWidgetResizable(true);
        setWidget(contents);
    }
    QSize minimumSizeHint() const override
    {
        return QSize(widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width()
                + 2 * frameWidth(),
            QScrollArea::minimumSizeHint().height());
    }
};

} // namespace

TaskDetailPane::TaskDetailPane(AppContext &context, TaskActions &actions, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_actions(actions)
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_items(new TaskItemsModel(this))
{
    setObjectName(QStringLiteral("taskDetailPane"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    m_stack->addWidget(m_empty);

    auto *page = new QWidget(this);
    m_stack->addWidget(page);
    auto *pageLayout = new QHBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Horizontal, page);
    splitter->setChildrenCollapsible(false);
    pageLayout->addWidget(splitter);

    buildSummary(splitter);
    buildItems(splitter);
    buildLog(splitter);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 4);
    showEmpty(tr("Select a task to see its details."));
}

// The name, the badge, the buttons and the fields.
void TaskDetailPane::buildSummary(QWidget *parent)
{
    const int gap = fontMetrics().height() / 2;
    auto *summary = new QWidget;
    m_summary = new VerticalScrollArea(summary, parent);
    auto *sl = new QVBoxLayout(summary);
    sl->setContentsMargins(gap, gap, gap, gap);
    auto *header = new QHBoxLayout;
    m_name = new QLabel(summary);
    m_name->setObjectName(QStringLiteral("detailName"));
    QFont big = m_name->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_name->setFont(big);
    m_name->setTextFormat(Qt::PlainText);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name->setMinimumWidth(fontMetrics().averageCharWidth() * 12);
    m_badge = new BadgeLabel(summary);
    m_badge->setObjectName(QStringLiteral("detailBadge"));
    header->addWidget(m_name);
    header->addWidget(m_badge);
    header->addStretch(1);
    sl->addLayout(header);

    m_stuck = new QLabel(summary);
    m_stuck->setObjectName(QStringLiteral("detailStuck"));
    m_stuck->setWordWrap(true);
    m_stuck->hide();
    sl->addWidget(m_stuck);

    // The buttons take a second line in a narrow pane ("Принудительно остановить").
    auto *buttons = new FlowLayout;
    for (TaskAction kind : taskrules::actions()) {
        auto *button = new QToolButton(summary);
        button->setDefaultAction(m_actions.action(kind));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setObjectName(QStringLiteral("detail") + m_actions.action(kind)->objectName());
        m_buttons.insert(kind, button);
        buttons->addWidget(button);
    }
    sl->addLayout(buttons);
    addFields(sl);
    sl->addStretch(1);
}

void TaskDetailPane::addFields(QVBoxLayout *layout)
{
    const int gap = fontMetrics().height() / 2;
    // Two blocks of fields side by side, the times under the others when the
    // pane is narrow.
    auto *blocks = new FlowLayout;
    blocks->setHorizontalSpacing(gap * 3);
    blocks->setVerticalSpacing(gap / 2);
    auto block = [this, gap, blocks]() {
        auto *widget = new QWidget(this);
        auto *grid = new QGridLayout(widget);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setHorizontalSpacing(gap * 2);
        grid->setVerticalSpacing(gap / 2);
        blocks->addWidget(widget);
        return grid;
    };
    QGridLayout *what = block();
    m_id = addField(what, 0, 0, tr("ID"));
    m_kind = addField(what, 1, 0, tr("Kind"));
    m_queue = addField(what, 2, 0, tr("Queue"));
    m_attempts = addField(what, 3, 0, tr("Attempts"));
    m_worker = addField(what, 4, 0, tr("Worker"));
    m_heartbeat = addField(what, 5, 0, tr("Heartbeat"));
    QGridLayout *when = block();
    m_created = addField(when, 0, 0, tr("Created"));
    m_started = addField(when, 1, 0, tr("Started"));
    m_finished = addField(when, 2, 0, tr("Finished"));
    m_duration = addField(when, 3, 0, tr("Duration"));
    m_outcome = addField(when, 4, 0, tr("Outcome"));
    layout->addLayout(blocks);
    m_error = new QLabel(layout->parentWidget());
    m_error->setObjectName(QStringLiteral("detailError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_error);
}

void TaskDetailPane::buildItems(QWidget *parent)
{
    const int gap = fontMetrics().height() / 2;
    auto *itemsBox = new QWidget(parent);
    auto *il = new QVBoxLayout(itemsBox);
    il->setContentsMargins(gap, gap, gap / 2, gap);
    m_itemsTitle = sectionTitle(tr("Items"), itemsBox);
    il->addWidget(m_itemsTitle);
    m_itemsView = new QTableView(itemsBox);
    m_itemsView->setObjectName(QStringLiteral("itemsView"));
    m_itemsView->setModel(m_items);
    m_itemsView->setItemDelegateForColumn(TaskItemsModel::Status, new StatusBadgeDelegate(this));
    m_itemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_itemsView->verticalHeader()->hide();
    m_itemsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_itemsView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 5 / 3);
    m_itemsView->horizontalHeader()->setStretchLastSection(true);
    m_itemsView->setWordWrap(false);
    m_itemsView->setShowGrid(false);
    m_itemsView->setAlternatingRowColors(true);
    const int em = fontMetrics().averageCharWidth();
    m_itemsView->setColumnWidth(TaskItemsModel::Position, em * 5);
    m_itemsView->setColumnWidth(TaskItemsModel::Label, em * 22);
    // As wide as the badge of the longest status word ("Completed" needed
    // 91 px in a column of 90), as the badge delegate measures it.
    {
        const QFontMetrics metrics(m_itemsView->font());
        int widest = 0;
        for (TaskStatus s :
            {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed})
            widest
                = std::max(widest, BadgePainter::size(metrics, BadgePainter::wordFor(s)).width());
        m_itemsView->setColumnWidth(
            TaskItemsModel::Status, widest + 2 * (metrics.height() / 3) + em);
    }
    m_itemsView->setColumnWidth(TaskItemsModel::Started, em * 10);
    m_itemsView->setColumnWidth(TaskItemsModel::Duration, em * 11);
    // The status right after the number: in a narrow pane the label gives way
    // (elided), never the badge's word ("Complet" was seen cut at the edge).
    m_itemsView->horizontalHeader()->moveSection(
        m_itemsView->horizontalHeader()->visualIndex(TaskItemsModel::Status), 1);
    il->addWidget(m_itemsView);
}

void TaskDetailPane::buildLog(QWidget *parent)
{
    const int gap = fontMetrics().height() / 2;
    auto *logBox = new QWidget(parent);
    auto *ll = new QVBoxLayout(logBox);
    ll->setContentsMargins(gap / 2, gap, gap, gap);
    ll->addWidget(sectionTitle(tr("Log"), logBox));
    m_log = new QPlainTextEdit(logBox);
    m_log->setObjectName(QStringLiteral("taskLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kMaxLogLines);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_log->setFont(mono);
    ll->addWidget(m_log);
}

QLabel *TaskDetailPane::addField(QGridLayout *grid, int row, int column, const QString &name)
{
    QWidget *block = grid->parentWidget();
    auto *label = new QLabel(name, block);
    label->setForegroundRole(QPalette::PlaceholderText);
    auto *value = new QLabel(block);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(label, row, column, Qt::AlignLeft | Qt::AlignTop);
    grid->addWidget(value, row, column + 1, Qt::AlignLeft | Qt::AlignTop);
    return value;
}

void TaskDetailPane::showEmpty(const QString &text)
{
    m_loaded = false;
    m_empty->setText(text);
    m_stack->setCurrentWidget(m_empty);
}

void TaskDetailPane::showTask(qint64 taskId)
{
    if (taskId == m_taskId && m_loaded)
        return;
    m_taskId = taskId;
    m_loaded = false;
    m_lastLogId = 0;
    m_reloads = 0;
    m_log->clear();
    m_items->setItems({}, 0);
    if (taskId <= 0) {
        showEmpty(tr("Select a task to see its details."));
        return;
    }
    reload();
}

void TaskDetailPane::reload()
{
    if (m_taskId <= 0)
        return;
    TaskStore &store = m_context.tasks();
    Result<Task> t = store.reader().task(m_taskId);
    if (!t.ok()) {
        if (t.error().kind() == ErrorKind::NotFound)
            showEmpty(tr("Task #%1 no longer exists: it was deleted.").arg(m_taskId));
        // An unreachable database: the last data stays; the banner says why.
        return;
    }
    ++m_reloads;
    fill(t.value());
    if (t->itemsTotal > 0 && (t->itemsTotal <= kItemsEveryTime || m_reloads % 10 == 1)) {
        Result<QVector<TaskItem>> items = store.reader().items(m_taskId);
        if (items.ok())
            m_items->setItems(items.value(), t->dbNow);
    } else if (t->itemsTotal == 0 && m_items->rowCount() > 0) {
        m_items->setItems({}, t->dbNow);
    }
    for (int batch = 0; batch < 10; ++batch) {
        Result<QVector<LogLine>> lines = store.reader().log(m_taskId, m_lastLogId, kLogBatch);
        if (!lines.ok() || lines->isEmpty())
            break;
        appendLog(lines.value());
        if (lines->size() < kLogBatch)
            break;
    }
}

void TaskDetailPane::fill(const Task &t)
{
    m_task = t;
    m_loaded = true;
    m_stack->setCurrentIndex(1);
    m_name->setText(plainShown(t.name));
    m_name->setToolTip(plainToolTip(t.name));
    m_badge->setStatus(t.status);
    m_id->setText(QString::number(t.id));
    m_kind->setText(plainShown(t.kind));
    m_queue->setText(plainShown(
        t.priority != 0 ? tr("%1 (priority %2)").arg(t.queue).arg(t.priority) : t.queue));
    m_attempts->setText(tr("%1 of %2").arg(t.attempt).arg(t.maxAttempts));
    m_worker->setText(t.workerId.isEmpty() ? tr("none") : plainShown(t.workerId));
    const qint64 age = t.heartbeatAgeMs();
    m_heartbeat->setText(t.heartbeatAt > 0 ? TimeFormat::age(age) : tr("never"));
    m_created->setText(TimeFormat::dateTime(t.createdAt));
    m_started->setText(t.startedAt > 0 ? TimeFormat::dateTime(t.startedAt) : tr("not yet"));
    m_finished->setText(t.completedAt > 0 ? TimeFormat::dateTime(t.completedAt) : QString());
    qint64 duration = -1;
    if (t.startedAt > 0)
        duration = (t.status == TaskStatus::Running ? t.dbNow : t.completedAt) - t.startedAt;
    m_duration->setText(duration >= 0 ? TimeFormat::duration(duration) : QString());
    m_outcome->setText(plainShown(t.outcome));
    // Only a failed task's error is its own: a task waiting again or running
    // again still holds the error of the attempt before, which says so.
    const bool ownError = t.status == TaskStatus::Failed;
    const QString error = visibleText(storedText(t.errorMessage));
    m_error->setText(ownError || error.isEmpty() ? error : tr("Previous attempt: %1").arg(error));
    m_error->setVisible(!t.errorMessage.isEmpty());
    m_error->setStyleSheet(ownError
            ? QStringLiteral("color: %1")
                  .arg(BadgePainter::style(BadgeTone::Red, palette()).fill.color().name())
            : QString());
    m_error->setForegroundRole(ownError ? QPalette::WindowText : QPalette::PlaceholderText);
    m_summary->updateGeometry(); // its least width follows the values'

    const qint64 timeout = m_context.stuckHeartbeatMs();
    const bool stuck = taskrules::isRunningStuck(t, t.dbNow, timeout);
    m_stuck->setVisible(stuck);
    if (stuck) {
        m_stuck->setText(tr("⚠ Stuck: no heartbeat for %1 (the timeout is %2). The worker may be "
                            "gone; Force Stop marks the task FAILED whether or not it is alive.")
                             .arg(TimeFormat::duration(age), TimeFormat::duration(timeout)));
        m_stuck->setStyleSheet(
            QStringLiteral("color: %1").arg(BadgePainter::warningColor(palette()).name()));
    }
    // Done is done well (the row's progress counts the same); failed items are named.
    const QLocale locale;
    if (t.itemsTotal <= 0)
        m_itemsTitle->setText(tr("Items (none)"));
    else if (t.itemsFailed > 0)
        m_itemsTitle->setText(tr("Items (%1 of %2 done, %3 failed)")
                                  .arg(locale.toString(t.itemsDone), locale.toString(t.itemsTotal),
                                      locale.toString(t.itemsFailed)));
    else
        m_itemsTitle->setText(
            tr("Items (%1 of %2 done)")
                .arg(locale.toString(t.itemsDone), locale.toString(t.itemsTotal)));

    // Only the actions the status allows; their enabled state is the actions' own.
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it)
        it.value()->setVisible(TaskActions::allows(it.key(), t.status));
}

void TaskDetailPane::appendLog(const QVector<LogLine> &lines)
{
    QScrollBar *bar = m_log->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    const QPalette p = palette();
    QTextCharFormat normal;
    normal.setForeground(p.color(QPalette::Text));
    QTextCharFormat warning;
    warning.setForeground(BadgePainter::warningColor(p));
    QTextCharFormat error;
    error.setForeground(BadgePainter::style(BadgeTone::Red, p).fill.color());
    QTextCharFormat time;
    time.setForeground(p.color(QPalette::PlaceholderText));
    QTextCursor cursor(m_log->document());
    cursor.movePosition(QTextCursor::End);
    for (const LogLine &line : lines) {
        m_lastLogId = std::max(m_lastLogId, line.id);
        if (!m_log->document()->isEmpty())
            cursor.insertBlock();
        cursor.insertText(QDateTime::fromMSecsSinceEpoch(line.at).toLocalTime().toString(
                              QStringLiteral("HH:mm:ss ")),
            time);
        const QTextCharFormat &f
            = line.level == QLatin1String("error") || line.level == QLatin1String("stderr") ? error
            : line.level == QLatin1String("warning") ? warning
                                                     : normal;
        // The store's, the worker's and the sweeper's own sentences in the
        // operator's language; what the task printed stays as printed.
        const bool printed
            = line.level == QLatin1String("output") || line.level == QLatin1String("stderr");
        cursor.insertText(visibleText(printed ? line.message : storedText(line.message)), f);
    }
    if (atEnd)
        bar->setValue(bar->maximum());
}

QString TaskDetailPane::itemsTitle() const
{
    return m_itemsTitle->text();
}

QString TaskDetailPane::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString TaskDetailPane::logText() const
{
    return m_log->toPlainText();
}

} // namespace taskdesk::ui
