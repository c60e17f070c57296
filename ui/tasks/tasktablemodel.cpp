#include "tasktablemodel.h"

#include "ui/common/plaintext.h"

#include "core/tasks/taskrules.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/badgepainter.h"
#include "ui/common/coretext.h"
#include "ui/common/timeformat.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <limits>

namespace taskdesk::ui {

namespace {

constexpr qint64 kVerifyEveryMs = 30000;
constexpr qint64 kAnchorMinRows = 20 * TaskTableModel::kPageSize;
constexpr int kMaxMembership = 200000;

qint64 floorDiv(qint64 value, qint64 divisor)
{
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

qint64 localNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

TaskTableModel::TaskTableModel(TaskStore &store, BackgroundRunner *runner, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_runner(runner)
{ }

TaskTableModel::~TaskTableModel() = default;

// ---------------------------------------------------------------- the cache

TaskTableModel::Location TaskTableModel::locate(qint64 row) const
{
    const qint64 position = row - m_base;
    const qint64 page = floorDiv(position, kPageSize);
    return {page, position - page * kPageSize};
}

const Task *TaskTableModel::cachedTask(qint64 row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const Location at = locate(row);
    auto it = m_pages.find(at.page);
    if (it == m_pages.end())
        return nullptr;
    const qint64 i = at.offset - it->first;
    if (i < 0 || i >= it->rows.size())
        return nullptr;
    it->lastUse = ++m_useTick;
    return &it->rows.at(i);
}

const Task *TaskTableModel::task(qint64 row) const
{
    if (const Task *t = cachedTask(row))
        return t;
    if (row < 0 || row >= m_count || m_fetchBlocked)
        return nullptr;
    if (!fetchPage(locate(row).page))
        return nullptr;
    return cachedTask(row);
}

Task *TaskTableModel::mutableCachedTask(qint64 taskId, qint64 *row)
{
    const auto pos = m_positions.constFind(taskId);
    if (pos == m_positions.constEnd())
        return nullptr;
    const qint64 page = floorDiv(*pos, kPageSize);
    auto it = m_pages.find(page);
    if (it == m_pages.end())
        return nullptr;
    const qint64 i = *pos - page * kPageSize - it->first;
    if (i < 0 || i >= it->rows.size() || it->rows.at(i).id != taskId)
        return nullptr;
    *row = *pos + m_base;
    if (*row < 0 || *row >= m_count)
        return nullptr;
    return &it->rows[i];
}

TaskFilter TaskTableModel::baseFilter() const
{
    TaskFilter f = m_filter;
    f.stuckHeartbeatMs = m_stuckMs;
    f.stuckQueueMs = m_stuckQueueMs;
    f.limit = kPageSize;
    f.offset = 0;
    f.after.reset();
    f.before.reset();
    return f;
}

bool TaskTableModel::isTrivialFilter() const
{
    return m_filter.statuses.isEmpty() && !m_filter.stuckOnly && m_filter.queue.isEmpty()
        && m_filter.kind.isEmpty() && m_filter.search.isEmpty();
}

Result<QVector<Task>> TaskTableModel::readRows(qint64 from, qint64 n) const
{
    TaskFilter f = baseFilter();
    f.limit = int(n);
    qint64 skip = 0;
    // Near the top an offset is cheap; deeper, a sparse anchor is a keyset start
    // at most kAnchorStride rows before the page.
    const qint64 at = from - (m_base - m_anchorBase);
    bool anchored = false;
    if (!m_anchors.isEmpty() && at >= 2 * kAnchorStride) {
        qint64 i = at / kAnchorStride - 1; // anchor i is the row at (i + 1) · stride − 1
        i = std::min<qint64>(i, m_anchors.size() - 1);
        skip = at - (i + 1) * kAnchorStride;
        if (skip <= 2 * kAnchorStride) {
            f.after = m_anchors.at(i);
            f.limit = int(skip + n);
            anchored = true;
        }
    }
    if (!anchored) {
        skip = 0;
        f.offset = from;
    }
    ++m_pageReads;
    Result<QVector<Task>> rows = m_store.reader().list(f);
    if (rows.ok() && skip > 0)
        rows.value().remove(0, std::min<qint64>(skip, rows.value().size()));
    return rows;
}

bool TaskTableModel::fetchPage(qint64 pageIndex) const
{
    const qint64 start = pageIndex * kPageSize + m_base; // the row at offset 0
    const qint64 from = std::max<qint64>(start, 0);
    const qint64 to = std::min<qint64>(start + kPageSize, m_count);
    if (from >= to)
        return false;
    const qint64 n = to - from;

    const auto prev = m_pages.constFind(pageIndex - 1);
    const auto next = m_pages.constFind(pageIndex + 1);
    TaskFilter f = baseFilter();
    f.limit = int(n);
    bool alignEnd = false;
    Result<QVector<Task>> rows = QVector<Task>();
    if (prev != m_pages.constEnd() && !prev->rows.isEmpty()
        && prev->first + prev->rows.size() == kPageSize) {
        // Scrolling down: the rows after the last one of the page above.
        f.after = m_filter.keyOf(prev->rows.constLast());
        ++m_pageReads;
        rows = m_store.reader().list(f);
    } else if (next != m_pages.constEnd() && next->first == 0 && !next->rows.isEmpty()
        && to == start + kPageSize) {
        // Scrolling up: the rows before the first one of the page below.
        f.before = m_filter.keyOf(next->rows.constFirst());
        ++m_pageReads;
        rows = m_store.reader().list(f);
        alignEnd = true;
    } else {
        rows = readRows(from, n);
    }
    if (!rows.ok()) {
        m_fetchBlocked = true;
        fail(rows.error());
        return false;
    }
    Page page;
    // A short read (rows went away meanwhile) stays next to the page it follows.
    page.first = alignEnd ? (to - start) - rows.value().size() : from - start;
    page.rows = std::move(rows.value());
    insertPage(pageIndex, std::move(page));
    return true;
}

void TaskTableModel::insertPage(qint64 pageIndex, Page page) const
{
    dropPage(pageIndex);
    page.lastUse = ++m_useTick;
    for (int i = 0; i < page.rows.size(); ++i)
        m_positions.insert(page.rows.at(i).id, pageIndex * kPageSize + page.first + i);
    m_pages.insert(pageIndex, std::move(page));
    while (m_pages.size() > kMaxPages) {
        qint64 oldest = pageIndex;
        quint64 oldestUse = std::numeric_limits<quint64>::max();
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (it.key() != pageIndex && it->lastUse < oldestUse) {
                oldest = it.key();
                oldestUse = it->lastUse;
            }
        }
        if (oldest == pageIndex)
            break;
        dropPage(oldest);
    }
}

void TaskTableModel::dropPage(qint64 pageIndex) const
{
    const auto it = m_pages.constFind(pageIndex);
    if (it == m_pages.constEnd())
        return;
    for (int i = 0; i < it->rows.size(); ++i) {
        const qint64 id = it->rows.at(i).id;
        const auto pos = m_positions.constFind(id);
        if (pos != m_positions.constEnd() && *pos == pageIndex * kPageSize + it->first + i)
            m_positions.erase(pos);
    }
    m_pages.erase(it);
}

void TaskTableModel::dropPagesFrom(qint64 row) const
{
    const qint64 position = row - m_base;
    QVector<qint64> doomed;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        const qint64 last = it.key() * kPageSize + it->first + it->rows.size() - 1;
        if (last >= position)
            doomed.append(it.key());
    }
    for (qint64 page : std::as_const(doomed))
        dropPage(page);
}

void TaskTableModel::clearCache() const
{
    m_pages.clear();
    m_positions.clear();
}

// ---------------------------------------------------------------- Qt model API

int TaskTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_count);
}

int TaskTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags TaskTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant TaskTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (section) {
    case Id:
        return tr("ID");
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Queue:
        return tr("Queue");
    case Status:
        return tr("Status");
    case Progress:
        return tr("Progress");
    case Worker:
        return tr("Worker");
    case Started:
        return tr("Started");
    case Heartbeat:
        return role == Qt::ToolTipRole ? tr("Time since the last heartbeat of a running task")
                                       : tr("Heartbeat");
    case Duration:
        return tr("Duration");
    case Attempts:
        return tr("Attempts");
    default:
        return {};
    }
}

qint64 TaskTableModel::dbNow() const
{
    return localNow() + m_clockOffset;
}

bool TaskTableModel::isStuck(const Task &task) const
{
    return taskrules::isRunningStuck(task, dbNow(), m_stuckMs);
}

QVariant TaskTableModel::displayData(const Task &t, int column) const
{
    switch (column) {
    case Id:
        return t.id;
    case Name:
        return t.name;
    case Kind:
        return t.kind;
    case Queue:
        return t.queue;
    case Status:
        return BadgePainter::wordFor(t.status);
    case Progress:
        if (isPreviousAttempt(t, column))
            return QString();
        if (t.progressTotal > 0)
            return tr("%1 / %2").arg(
                QLocale().toString(t.progressDone), QLocale().toString(t.progressTotal));
        return t.status == TaskStatus::Completed ? tr("done") : QString();
    case Worker:
        return isPreviousAttempt(t, column) ? QString() : t.workerId;
    case Started:
        return isPreviousAttempt(t, column) ? QString() : TimeFormat::shortTime(t.startedAt);
    case Heartbeat:
        if (t.status == TaskStatus::Running && t.heartbeatAt > 0)
            return TimeFormat::age(dbNow() - t.heartbeatAt);
        return QString();
    case Duration:
        if (t.startedAt <= 0 || isPreviousAttempt(t, column))
            return QString();
        if (t.status == TaskStatus::Running)
            return TimeFormat::duration(dbNow() - t.startedAt);
        if (t.completedAt > 0 && t.completedAt >= t.startedAt)
            return TimeFormat::duration(t.completedAt - t.startedAt);
        return QString();
    case Attempts:
        return tr("%1 / %2").arg(t.attempt).arg(t.maxAttempts);
    default:
        return {};
    }
}

// A task waiting again after a failed attempt still holds that attempt's
// worker, start and progress: the row is about the attempt to come, so they
// are not shown as its own (the detail pane's log tells the attempt before).
bool TaskTableModel::isPreviousAttempt(const Task &task, int column)
{
    if (task.status != TaskStatus::Pending || task.attempt <= 0)
        return false;
    return column == Progress || column == Worker || column == Started || column == Duration;
}

QVariant TaskTableModel::rawData(const Task &t, int column) const
{
    switch (column) {
    case Id:
        return t.id;
    case Name:
        return t.name;
    case Kind:
        return t.kind;
    case Queue:
        return t.queue;
    case Status:
        return statusName(t.status);
    case Progress:
        if (isPreviousAttempt(t, column))
            return QVariant();
        if (t.progressTotal > 0)
            return double(t.progressDone) / double(t.progressTotal);
        return t.status == TaskStatus::Completed ? 1.0 : -1.0;
    case Worker:
        return t.workerId;
    case Started:
        return t.startedAt;
    case Heartbeat:
        return t.heartbeatAt;
    case Duration:
        if (t.startedAt <= 0)
            return qint64(0);
        if (t.status == TaskStatus::Running)
            return dbNow() - t.startedAt;
        return t.completedAt > 0 ? t.completedAt - t.startedAt : qint64(0);
    case Attempts:
        return t.attempt;
    default:
        return {};
    }
}

QVariant TaskTableModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant TaskTableModel::roleData(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_count || index.column() >= ColumnCount)
        return {};
    const Task *t = task(index.row());
    if (!t)
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*t, column);
    case RawValueRole:
        return rawData(*t, column);
    case StatusRole:
        return int(t->status);
    case StuckRole:
        return isStuck(*t);
    case TaskIdRole:
        return t->id;
    case BadgeToneRole:
        if (column == Status)
            return int(BadgePainter::toneFor(t->status));
        return {};
    case Qt::TextAlignmentRole:
        if (column == Id || column == Attempts || column == Duration)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (column == Heartbeat && isStuck(*t))
            return BadgePainter::warningColor(QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case Name:
        case Status: {
            QString tip = t->name + QLatin1Char('\n') + BadgePainter::wordFor(t->status);
            if (!t->outcome.isEmpty())
                tip += QStringLiteral(" (") + t->outcome + QLatin1Char(')');
            if (!t->errorMessage.isEmpty())
                tip += QLatin1Char('\n') + t->errorMessage;
            return tip;
        }
        case Started:
            return TimeFormat::dateTime(t->startedAt);
        case Heartbeat:
            return t->heartbeatAt > 0
                ? tr("Last heartbeat: %1").arg(TimeFormat::dateTime(t->heartbeatAt))
                : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

TaskFilter::Sort TaskTableModel::sortFor(Column column)
{
    switch (column) {
    case Id:
        return TaskFilter::Sort::Id;
    case Name:
        return TaskFilter::Sort::Name;
    case Kind:
        return TaskFilter::Sort::Kind;
    case Queue:
        return TaskFilter::Sort::Queue;
    case Status:
        return TaskFilter::Sort::Status;
    case Progress:
        return TaskFilter::Sort::Progress;
    case Worker:
        return TaskFilter::Sort::Worker;
    case Started:
        return TaskFilter::Sort::StartedAt;
    case Duration: // not sortable (no such column in SQL); the start is the nearest
        return TaskFilter::Sort::StartedAt;
    case Heartbeat:
        return TaskFilter::Sort::HeartbeatAt;
    case Attempts:
        return TaskFilter::Sort::Attempt;
    case ColumnCount:
        break;
    }
    return TaskFilter::Sort::Id;
}

bool TaskTableModel::isSortable(int column)
{
    switch (column) {
    case Id:
    case Name:
    case Kind:
    case Queue:
    case Status:
    case Worker:
    case Started:
        return true;
    default:
        return false;
    }
}

void TaskTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    const TaskFilter::Sort sort = sortFor(Column(column));
    const bool descending = order == Qt::DescendingOrder;
    m_sortColumn = column;
    if (sort == m_filter.sort && descending == m_filter.descending)
        return;
    m_filter.sort = sort;
    m_filter.descending = descending;
    if (m_generation == 0) // nothing loaded yet
        return;
    // In a new order only the page in view matters; each page read before the
    // anchors arrive walks the new order from the top (70 ms for three deep
    // pages at a million rows).
    relayout(1);
    requestAnchors();
}

// ---------------------------------------------------------------- typed access

std::optional<Task> TaskTableModel::taskAtRow(int row) const
{
    if (const Task *t = task(row))
        return *t;
    return std::nullopt;
}

std::optional<Task> TaskTableModel::loadedTaskAtRow(int row) const
{
    if (const Task *t = cachedTask(row))
        return *t;
    return std::nullopt;
}

qint64 TaskTableModel::taskIdAt(int row) const
{
    const Task *t = task(row);
    return t ? t->id : 0;
}

int TaskTableModel::rowOfTask(qint64 taskId) const
{
    qint64 row = -1;
    if (!const_cast<TaskTableModel *>(this)->mutableCachedTask(taskId, &row))
        return -1;
    return int(row);
}

void TaskTableModel::setStuckHeartbeatMs(qint64 ms)
{
    if (ms < 1000 || ms == m_stuckMs)
        return;
    m_stuckMs = ms;
    if (m_filter.stuckOnly && m_generation > 0)
        setFilter(m_filter);
}

void TaskTableModel::setStuckQueueMs(qint64 ms)
{
    if (ms < 1000 || ms == m_stuckQueueMs)
        return;
    m_stuckQueueMs = ms;
    if (m_filter.stuckOnly && m_generation > 0)
        setFilter(m_filter);
}

// ---------------------------------------------------------------- loading

void TaskTableModel::noteClock(qint64 dbNow)
{
    if (dbNow > 0)
        m_clockOffset = dbNow - localNow();
}

void TaskTableModel::fail(const Error &error) const
{
    m_failed = true;
    // data() may fail in the middle of painting: tell the world afterwards.
    auto *self = const_cast<TaskTableModel *>(this);
    QMetaObject::invokeMethod(
        self, [self, message = coreText(error)]() { Q_EMIT self->errorOccurred(message); },
        Qt::QueuedConnection);
}

void TaskTableModel::succeed()
{
    m_failed = false;
    m_fetchBlocked = false;
    Q_EMIT databaseAnswered();
}

void TaskTableModel::setFilter(const TaskFilter &filter)
{
    beginResetModel();
    const TaskFilter::Sort sort = m_filter.sort;
    const bool descending = m_filter.descending;
    m_filter = filter;
    m_filter.sort = sort;
    m_filter.descending = descending;
    ++m_generation;
    ++m_structure;
    clearCache();
    m_base = 0;
    m_count = 0;
    m_anchors.clear();
    m_membership.clear();
    m_layoutDirty = false;
    m_countPending = false;
    m_provisional = false;
    m_fetchBlocked = false;

    Result<TaskHorizon> horizon = m_store.reader().horizon(baseFilter(), false);
    if (!horizon.ok()) {
        endResetModel();
        m_generation = 0; // the next refresh loads again
        fail(horizon.error());
        return;
    }
    m_maxId = horizon->maxTaskId;
    m_lastAuditId = horizon->maxAuditId;
    m_floor = horizon->dbNow;
    m_since = horizon->dbNow - kOverlapMs;
    m_lastVerify = localNow();
    noteClock(horizon->dbNow);

    // The first page now, the count after: at a million rows the count may take
    // longer than a frame, the first screen does not.
    Result<QVector<Task>> rows = readRows(0, kPageSize);
    if (!rows.ok()) {
        endResetModel();
        m_generation = 0;
        fail(rows.error());
        return;
    }
    Page page;
    page.rows = std::move(rows.value());
    m_count = page.rows.size();
    if (!page.rows.isEmpty())
        insertPage(0, std::move(page));
    endResetModel();
    succeed();
    Q_EMIT countChanged(m_count);
    if (m_count == kPageSize) {
        m_provisional = true;
        requestHorizon(false);
    }
}

void TaskTableModel::reload()
{
    if (m_generation == 0) {
        setFilter(m_filter);
        return;
    }
    m_layoutDirty = true;
    m_fetchBlocked = false;
    requestHorizon(false);
}

void TaskTableModel::requestHorizon(bool verifyOnly)
{
    if (m_countPending)
        return;
    if (!verifyOnly)
        m_countPending = true;
    m_lastVerify = localNow();
    const quint64 generation = m_generation;
    const quint64 structure = m_structure;
    const TaskFilter filter = baseFilter();
    TaskStore *store = &m_store;
    auto work = [store, filter]() {
        return store->reader().horizon(filter);
    };
    auto done = [this, generation, structure, verifyOnly](const Result<TaskHorizon> &r) {
        if (generation != m_generation)
            return;
        if (!r.ok()) {
            if (!verifyOnly)
                m_countPending = false;
            fail(r.error());
            return;
        }
        applyHorizon(r.value(), generation, structure, verifyOnly);
    };
    if (m_runner)
        m_runner->run(this, std::move(work), std::move(done));
    else
        done(work());
}

void TaskTableModel::applyHorizon(
    const TaskHorizon &h, quint64 generation, quint64 structure, bool verifyOnly)
{
    if (generation != m_generation)
        return;
    if (verifyOnly) {
        // Only a count that disagrees with what the changes said is news.
        if (m_countPending || structure != m_structure || h.count == m_count)
            return;
    }
    m_countPending = false;
    const qint64 delta = h.count - m_count;
    // Rows that were never loaded differ only in number: they come and go at the
    // end; which rows they are is settled by the layout change below.
    if (delta > 0) {
        beginInsertRows({}, int(m_count), int(h.count - 1));
        m_count = h.count;
        endInsertRows();
    } else if (delta < 0) {
        beginRemoveRows({}, int(h.count), int(m_count - 1));
        dropPagesFrom(h.count);
        m_count = h.count;
        endRemoveRows();
    }
    m_maxId = h.maxTaskId;
    m_lastAuditId = h.maxAuditId;
    m_floor = h.dbNow;
    m_since = h.dbNow - kOverlapMs;
    noteClock(h.dbNow);
    // A first count after a filter change only adds rows after the first page.
    const bool provisional = m_provisional && !verifyOnly && structure == m_structure && delta >= 0;
    m_provisional = false;
    if (m_layoutDirty || !provisional)
        relayout();
    if (delta != 0)
        Q_EMIT countChanged(m_count);
    requestAnchors();
}

void TaskTableModel::relayout(int keepPages)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::NoLayoutChangeHint);
    const QModelIndexList persistent = persistentIndexList();
    QVector<qint64> ids;
    ids.reserve(persistent.size());
    for (const QModelIndex &index : persistent) {
        const Task *t = cachedTask(index.row());
        ids.append(t ? t->id : 0);
    }
    // The rows that were looked at last are read again, in the new order.
    QVector<std::pair<quint64, qint64>> recent;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
        recent.append({it->lastUse, it.key() * kPageSize + m_base});
    std::sort(recent.begin(), recent.end(), std::greater<>());
    clearCache();
    m_base = 0;
    m_anchors.clear();
    ++m_structure;
    m_layoutDirty = false;
    for (int i = 0; i < std::min<int>(keepPages, int(recent.size())); ++i) {
        const qint64 row
            = std::clamp<qint64>(recent.at(i).second, 0, std::max<qint64>(0, m_count - 1));
        if (!cachedTask(row) && !fetchPage(locate(row).page))
            break;
    }
    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (int i = 0; i < persistent.size(); ++i) {
        const int row = ids.at(i) > 0 ? rowOfTask(ids.at(i)) : -1;
        moved.append(row >= 0 ? index(row, persistent.at(i).column()) : QModelIndex());
    }
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::NoLayoutChangeHint);
}

void TaskTableModel::requestAnchors()
{
    if (!m_runner || m_anchorsPending || m_count < kAnchorMinRows || !m_anchors.isEmpty())
        return;
    m_anchorsPending = true;
    const quint64 generation = m_generation;
    const quint64 structure = m_structure;
    const qint64 base = m_base;
    const TaskFilter filter = baseFilter();
    TaskStore *store = &m_store;
    m_runner->run(
        this, [store, filter]() { return store->reader().keysetAnchors(filter, kAnchorStride); },
        [this, generation, structure, base](const Result<QVector<TaskKey>> &r) {
            m_anchorsPending = false;
            if (generation != m_generation || structure != m_structure) {
                requestAnchors();
                return;
            }
            if (!r.ok())
                return; // pages fall back to offsets
            m_anchors = r.value();
            m_anchorBase = base;
        });
}

// ---------------------------------------------------------------- following changes

bool TaskTableModel::sameRow(const Task &a, const Task &b)
{
    return a.updatedAt == b.updatedAt && a.status == b.status && a.heartbeatAt == b.heartbeatAt
        && a.progressDone == b.progressDone && a.progressTotal == b.progressTotal
        && a.attempt == b.attempt && a.workerId == b.workerId && a.name == b.name
        && a.errorMessage == b.errorMessage && a.outcome == b.outcome
        && a.completedAt == b.completedAt && a.startedAt == b.startedAt;
}

bool TaskTableModel::sameSortKey(const Task &a, const Task &b) const
{
    return m_filter.sort == TaskFilter::Sort::Id
        || m_filter.keyOf(a).value == m_filter.keyOf(b).value;
}

void TaskTableModel::removeCachedRows(const QVector<qint64> &rows) const
{
    // Every cached row not removed moves up by the removed rows above it; the
    // pages are cut again along the new positions.
    QVector<qint64> removed; // virtual positions, ascending
    removed.reserve(rows.size());
    for (qint64 row : rows)
        removed.append(row - m_base);
    QVector<qint64> keys = m_pages.keys().toVector();
    std::sort(keys.begin(), keys.end());
    struct Kept
    {
        qint64 position;
        quint64 lastUse;
        Task task;
    };
    QVector<Kept> kept;
    for (qint64 key : std::as_const(keys)) {
        Page &page = m_pages[key];
        for (int i = 0; i < page.rows.size(); ++i) {
            const qint64 position = key * kPageSize + page.first + i;
            const auto at = std::lower_bound(removed.cbegin(), removed.cend(), position);
            if (at != removed.cend() && *at == position)
                continue;
            kept.append(
                {position - (at - removed.cbegin()), page.lastUse, std::move(page.rows[i])});
        }
    }
    m_pages.clear();
    m_positions.clear();
    // A page holds one run of neighbours: where a gap splits a page, the longer
    // run stays.
    for (int i = 0; i < kept.size();) {
        int j = i;
        const qint64 pageIndex = floorDiv(kept.at(i).position, kPageSize);
        while (j + 1 < kept.size() && kept.at(j + 1).position == kept.at(j).position + 1
            && floorDiv(kept.at(j + 1).position, kPageSize) == pageIndex)
            ++j;
        const auto existing = m_pages.constFind(pageIndex);
        if (existing == m_pages.constEnd() || existing->rows.size() < j - i + 1) {
            if (existing != m_pages.constEnd())
                dropPage(pageIndex);
            Page page;
            page.first = kept.at(i).position - pageIndex * kPageSize;
            for (int k = i; k <= j; ++k) {
                page.lastUse = std::max(page.lastUse, kept.at(k).lastUse);
                m_positions.insert(kept.at(k).task.id, kept.at(k).position);
                page.rows.append(std::move(kept[k].task));
            }
            m_pages.insert(pageIndex, std::move(page));
        }
        i = j + 1;
    }
}

void TaskTableModel::removeRowsExactly(const QVector<qint64> &rows)
{
    if (rows.isEmpty())
        return;
    QVector<std::pair<qint64, qint64>> blocks; // first, last
    for (qint64 row : rows) {
        if (!blocks.isEmpty() && blocks.constLast().second + 1 == row)
            blocks.last().second = row;
        else
            blocks.append({row, row});
    }
    ++m_structure;
    m_anchors.clear();
    if (blocks.size() <= kMaxRemovalBlocks) {
        // From the bottom up, so that the rows of the blocks above stay true.
        for (auto it = blocks.crbegin(); it != blocks.crend(); ++it) {
            beginRemoveRows({}, int(it->first), int(it->second));
            QVector<qint64> block;
            for (qint64 row = it->first; row <= it->second; ++row)
                block.append(row);
            removeCachedRows(block);
            m_count -= it->second - it->first + 1;
            endRemoveRows();
        }
        return;
    }
    // Scattered rows: one layout change, every persistent index moved exactly.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::NoLayoutChangeHint);
    const QModelIndexList persistent = persistentIndexList();
    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (const QModelIndex &index : persistent) {
        const auto at = std::lower_bound(rows.cbegin(), rows.cend(), qint64(index.row()));
        if (at != rows.cend() && *at == index.row())
            moved.append(QModelIndex());
        else
            moved.append(createIndex(int(index.row() - (at - rows.cbegin())), index.column()));
    }
    removeCachedRows(rows);
    m_count -= rows.size();
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::NoLayoutChangeHint);
}

void TaskTableModel::insertNewRows(int n)
{
    if (n <= 0)
        return;
    if (m_filter.descending) {
        // Newest first: the new ids go on top and every known row moves down.
        beginInsertRows({}, 0, n - 1);
        m_base += n;
        m_count += n;
        endInsertRows();
    } else {
        beginInsertRows({}, int(m_count), int(m_count + n - 1));
        m_count += n;
        endInsertRows();
    }
}

void TaskTableModel::refresh()
{
    if (m_generation == 0) {
        setFilter(m_filter);
        return;
    }
    Result<TaskChanges> changes = m_store.reader().changedSince(m_since, baseFilter(), kMaxChanges);
    if (!changes.ok()) {
        fail(changes.error());
        return;
    }
    AuditFilter deletedFilter;
    deletedFilter.action = QStringLiteral("delete");
    deletedFilter.afterId = m_lastAuditId;
    deletedFilter.limit = 1000;
    Result<QVector<AuditEntry>> deleted = AuditLog(m_store.database()).list(deletedFilter);
    if (!deleted.ok()) {
        fail(deleted.error());
        return;
    }
    succeed();
    noteClock(changes->dbNow);
    const qint64 nextSince = changes->dbNow - kOverlapMs;
    if (changes->truncated || deleted->size() >= deletedFilter.limit) {
        m_since = nextSince;
        m_layoutDirty = true;
        requestHorizon(false);
        return;
    }

    // While a count is on its way, rows are not added or removed: the count's
    // snapshot will settle them.
    const bool frozen = m_countPending;
    RefreshDiff diff;
    diff.maxId = m_maxId;
    diffChangedTasks(changes->tasks, frozen, diff);
    diffDeletedTasks(*deleted, frozen, diff);
    m_since = nextSince;
    if (!frozen)
        m_maxId = diff.maxId;
    applyDiff(diff);
    scheduleChecks(diff.unknown);
}

void TaskTableModel::diffChangedTasks(
    const QVector<ChangedTask> &tasks, bool frozen, RefreshDiff &diff)
{
    const bool trivial = isTrivialFilter();
    const bool byId = m_filter.sort == TaskFilter::Sort::Id;
    for (const ChangedTask &c : tasks) {
        const Task &t = c.task;
        qint64 row = -1;
        if (Task *cached = mutableCachedTask(t.id, &row)) {
            if (!c.matches) {
                if (frozen)
                    m_layoutDirty = true;
                else
                    diff.removedRows.append(row);
                if (!trivial)
                    m_membership.insert(t.id, false);
                continue;
            }
            if (!sameSortKey(*cached, t)) {
                *cached = t;
                diff.unknown = true;
                continue;
            }
            if (!sameRow(*cached, t)) {
                *cached = t;
                diff.changedRows.append(row);
            }
            continue;
        }
        if (t.id > m_maxId) { // created after the last count
            if (c.matches) {
                if (byId && !frozen)
                    ++diff.newRows;
                else
                    diff.unknown = true;
            }
            diff.maxId = std::max(diff.maxId, t.id);
            if (!trivial && !frozen)
                m_membership.insert(t.id, c.matches);
            continue;
        }
        if (trivial)
            continue; // every task passes: one out of the cache changed in place
        const auto known = m_membership.constFind(t.id);
        if (known != m_membership.constEnd() ? *known != c.matches : t.updatedAt >= m_floor)
            diff.unknown = true;
        if (!frozen)
            m_membership.insert(t.id, c.matches);
    }
}

void TaskTableModel::diffDeletedTasks(
    const QVector<AuditEntry> &deleted, bool frozen, RefreshDiff &diff)
{
    const bool trivial = isTrivialFilter();
    for (const AuditEntry &entry : deleted) {
        m_lastAuditId = std::max(m_lastAuditId, entry.id);
        const qint64 id = entry.taskId;
        if (id <= 0 || id > m_maxId)
            continue; // never counted
        qint64 row = -1;
        if (mutableCachedTask(id, &row)) {
            if (frozen)
                m_layoutDirty = true;
            else
                diff.removedRows.append(row);
        } else if (trivial || m_membership.value(id, true)) {
            diff.unknown = true;
        }
        m_membership.remove(id);
    }
}

// Exact signals: changed rows first (their rows are still valid), then the
// removals (a block of rows at a time, or one layout change), then the new
// rows. Nothing here reads a page: the rows kept stay cached.
void TaskTableModel::applyDiff(RefreshDiff &diff)
{
    QVector<qint64> &changedRows = diff.changedRows;
    std::sort(changedRows.begin(), changedRows.end());
    for (int i = 0; i < changedRows.size();) {
        int j = i;
        while (j + 1 < changedRows.size() && changedRows.at(j + 1) <= changedRows.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(
            index(int(changedRows.at(i)), 0), index(int(changedRows.at(j)), ColumnCount - 1));
        i = j + 1;
    }
    QVector<qint64> &removedRows = diff.removedRows;
    std::sort(removedRows.begin(), removedRows.end());
    removedRows.erase(std::unique(removedRows.begin(), removedRows.end()), removedRows.end());
    removeRowsExactly(removedRows);
    insertNewRows(diff.newRows);
    if (!removedRows.isEmpty() || diff.newRows > 0)
        Q_EMIT countChanged(m_count);
}

// What a refresh could not place is settled by a fresh count; else a count
// now and then verifies what the changes said.
void TaskTableModel::scheduleChecks(bool unknown)
{
    if (m_membership.size() > kMaxMembership)
        m_membership.clear();
    if (unknown || m_layoutDirty) {
        m_layoutDirty = true;
        requestHorizon(false);
    } else if (m_filter.stuckOnly || localNow() - m_lastVerify > kVerifyEveryMs) {
        // Stuck is a matter of time, not of a change; and a change that
        // bypassed updated_at is caught by a count now and then.
        requestHorizon(true);
    }
    if (m_anchors.isEmpty())
        requestAnchors();
}

} // namespace taskdesk::ui
