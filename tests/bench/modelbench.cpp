#include "modelbench.h"

#include "core/tasks/taskstore.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/itemroles.h"
#include "ui/tasks/tasktablemodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlTableModel>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <limits>
#include <memory>

namespace taskdesk::bench {

namespace {

constexpr int kScreenRows = 50;
constexpr quint32 kSeed = 20240611; // the same random rows for the model and the baseline

// What a QTableView asks of every visible cell (QStyledItemDelegate's
// initStyleOption), plus what Taskdesk's badge and progress delegates ask.
const QVector<int> &screenRoles()
{
    static const QVector<int> roles{Qt::DisplayRole, Qt::DecorationRole, Qt::FontRole,
        Qt::TextAlignmentRole, Qt::ForegroundRole, Qt::BackgroundRole, Qt::CheckStateRole,
        ui::StatusRole, ui::BadgeToneRole, ui::RawValueRole};
    return roles;
}

// Reads a screen of rows from `first` the way a view paints it; returns how many
// rows had a value in their first column.
int readScreen(const QAbstractItemModel &model, int first, const QVector<int> &columns)
{
    const int end = std::min(model.rowCount(), first + kScreenRows);
    int valid = 0;
    for (int row = first; row < end; ++row) {
        for (int column : columns) {
            const QModelIndex index = model.index(row, column);
            for (int role : screenRoles()) {
                const QVariant v = model.data(index, role);
                if (column == columns.constFirst() && role == Qt::DisplayRole && v.isValid())
                    ++valid;
            }
        }
    }
    return valid;
}

int expectedScreen(const QAbstractItemModel &model, int first)
{
    return std::max(0, std::min(model.rowCount(), first + kScreenRows) - first);
}

// The first screen again, its rows already read: what a view's questions about
// every cell cost without the database, the part of a first screen that no
// way of reading rows changes.
QJsonObject screenOfReadRows(const QAbstractItemModel &model, const QVector<int> &columns)
{
    readScreen(model, 0, columns);
    Samples samples;
    for (int run = 0; run < 20; ++run) {
        Stopwatch timer;
        readScreen(model, 0, columns);
        samples.add(timer.wallMs());
    }
    return samples.toJson();
}

QVector<int> jumpRows(qint64 total, int jumps)
{
    QRandomGenerator random(kSeed);
    QVector<int> rows;
    const auto range = quint32(std::max<qint64>(1, total - kScreenRows));
    for (int i = 0; i < jumps; ++i)
        rows.append(int(random.bounded(range)));
    return rows;
}

// Processes events (the background reader's answers) for `ms`.
void settle(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1);
    }
}

// The statuses a filter chip selects, one filter change after the other.
const QVector<QVector<TaskStatus>> &filterSequence()
{
    static const QVector<QVector<TaskStatus>> sequence{{TaskStatus::Failed}, {TaskStatus::Pending},
        {TaskStatus::Running}, {TaskStatus::Completed}, {}};
    return sequence;
}

qint64 countOf(const StatusCounts &counts, const QVector<TaskStatus> &statuses)
{
    if (statuses.isEmpty())
        return counts.total();
    qint64 n = 0;
    for (TaskStatus s : statuses)
        n += counts.byStatus.value(s);
    return n;
}

struct SignalCounter
{
    int dataChangedRows = 0;
    int structural = 0; // inserts, removes, layout changes, resets

    void attach(QAbstractItemModel &model, QObject *context)
    {
        QObject::connect(&model, &QAbstractItemModel::dataChanged, context,
            [this](const QModelIndex &from, const QModelIndex &to) {
                dataChangedRows += to.row() - from.row() + 1;
            });
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            QObject::connect(&model, signal, context, [this] { ++structural; });
        QObject::connect(
            &model, &QAbstractItemModel::layoutChanged, context, [this] { ++structural; });
        QObject::connect(
            &model, &QAbstractItemModel::modelReset, context, [this] { ++structural; });
    }
    void clear() { *this = {}; }
};

} // namespace

// ---------------------------------------------------------------- part 1

QJsonObject runModelChild(const Options &o)
{
    QJsonObject out;
    Failures fail(out);
    Result<DatabaseLocation> loc = locationOf(o.db);
    if (!loc.ok())
        return fail(loc.error().message());
    Database db(*loc);
    Stopwatch timer;
    if (Error e = db.open(Database::OpenMode::NoMigrate))
        return fail(e.message());
    out.insert(QStringLiteral("db_open_ms"), timer.wallMs());
    TaskStore store(db, QStringLiteral("bench"));
    Result<StatusCounts> counts = store.reader().counts();
    if (!counts.ok())
        return fail(counts.error().message());
    const qint64 total = counts->total();
    out.insert(QStringLiteral("tasks"), total);
    QVector<int> columns;
    for (int c = 0; c < ui::TaskTableModel::ColumnCount; ++c)
        columns.append(c);

    ui::BackgroundRunner runner;
    std::unique_ptr<ui::TaskTableModel> model;

    // Time to the first screen: as the task table does it, a model and its
    // filter, then the rows a view paints first. The count and the anchors for
    // deep jumps come afterwards from the background reader.
    Samples firstScreen;
    Samples firstScreenCpu;
    Samples ready;
    for (int run = 0; run < 5; ++run) {
        model.reset();
        runner.waitForIdle(600000);
        timer.restart();
        model = std::make_unique<ui::TaskTableModel>(store, &runner);
        model->setFilter(TaskFilter());
        const int valid = readScreen(*model, 0, columns);
        const double ms = timer.wallMs();
        firstScreen.add(ms);
        firstScreenCpu.add(timer.cpuMs());
        if (run == 0)
            out.insert(QStringLiteral("first_screen_cold_ms"), ms);
        if (valid != expectedScreen(*model, 0) || (total > 0 && valid == 0))
            fail(QStringLiteral("first screen: %1 of %2 rows had data")
                     .arg(valid)
                     .arg(expectedScreen(*model, 0)));
        if (!runner.waitForIdle(600000))
            return fail(QStringLiteral("the count did not arrive within 10 minutes"));
        ready.add(timer.wallMs());
        if (model->rowCount() != total || !model->isCountExact())
            fail(QStringLiteral("rowCount %1, expected %2").arg(model->rowCount()).arg(total));
    }
    out.insert(QStringLiteral("first_screen"), firstScreen.toJson());
    out.insert(QStringLiteral("first_screen_cpu"), firstScreenCpu.toJson());
    out.insert(QStringLiteral("first_screen_ms"), firstScreen.median());
    out.insert(QStringLiteral("screen_of_read_rows"), screenOfReadRows(*model, columns));
    out.insert(QStringLiteral("count_and_anchors_ready"), ready.toJson());
    out.insert(QStringLiteral("anchors"), model->anchorCount());
    if (total >= 20 * ui::TaskTableModel::kPageSize && model->anchorCount() == 0)
        fail(QStringLiteral("no keyset anchors after the count"));

    // Jumps: a screen at a random row, as a drag of the scroll bar asks for it.
    Samples jumps;
    Samples jumpsCpu;
    int jumpMisses = 0;
    for (int row : jumpRows(total, o.jumps)) {
        timer.restart();
        const int valid = readScreen(*model, row, columns);
        jumps.add(timer.wallMs());
        jumpsCpu.add(timer.cpuMs());
        if (valid != expectedScreen(*model, row))
            ++jumpMisses;
        QCoreApplication::processEvents();
    }
    out.insert(QStringLiteral("jump"), jumps.toJson());
    out.insert(QStringLiteral("jump_cpu"), jumpsCpu.toJson());
    if (jumpMisses > 0)
        fail(QStringLiteral("%1 jumps found rows without data").arg(jumpMisses));

    // Filter changes: a status chip after the other, then all again.
    Samples filterChange;
    Samples filterChangeCpu;
    Samples filterReady;
    for (int run = 0; run < o.filterRuns; ++run) {
        for (const QVector<TaskStatus> &statuses : filterSequence()) {
            TaskFilter filter;
            filter.statuses = statuses;
            timer.restart();
            model->setFilter(filter);
            const int valid = readScreen(*model, 0, columns);
            filterChange.add(timer.wallMs());
            filterChangeCpu.add(timer.cpuMs());
            runner.waitForIdle(600000);
            filterReady.add(timer.wallMs());
            const qint64 expected = countOf(*counts, statuses);
            if (model->rowCount() != expected)
                fail(QStringLiteral("filter %1: %2 rows, expected %3")
                         .arg(statuses.isEmpty() ? QStringLiteral("all")
                                                 : statusName(statuses.constFirst()))
                         .arg(model->rowCount())
                         .arg(expected));
            if (valid != expectedScreen(*model, 0))
                fail(QStringLiteral("filter: first screen incomplete"));
        }
    }
    out.insert(QStringLiteral("filter_change"), filterChange.toJson());
    out.insert(QStringLiteral("filter_change_cpu"), filterChangeCpu.toJson());
    out.insert(QStringLiteral("filter_change_count_ready"), filterReady.toJson());

    // Sort changes: the first screen in a column's order (one index range per
    // status, merged), the anchors for deep jumps after it, and jumps in that
    // order; then the same in a status filter; then back to the newest first.
    {
        struct SortRun
        {
            const char *name;
            int column;
            Qt::SortOrder order;
            QVector<TaskStatus> statuses;
        };
        const SortRun runs[] = {
            {"sort_by_name", ui::TaskTableModel::Name, Qt::AscendingOrder, {}},
            {"sort_by_started", ui::TaskTableModel::Started, Qt::DescendingOrder, {}},
            {"sort_by_worker", ui::TaskTableModel::Worker, Qt::AscendingOrder, {}},
            {"sort_by_name_failed", ui::TaskTableModel::Name, Qt::DescendingOrder,
                {TaskStatus::Failed}},
            {"sort_by_started_running", ui::TaskTableModel::Started, Qt::AscendingOrder,
                {TaskStatus::Running}},
        };
        Samples sortChange;
        Samples sortedJumps;
        for (const SortRun &run : runs) {
            const QString name = QString::fromLatin1(run.name);
            TaskFilter filter;
            filter.statuses = run.statuses;
            if (model->filter().statuses != run.statuses) {
                model->setFilter(filter);
                runner.waitForIdle(600000);
            }
            timer.restart();
            model->sort(run.column, run.order);
            const int valid = readScreen(*model, 0, columns);
            const double ms = timer.wallMs();
            sortChange.add(ms);
            out.insert(name + QStringLiteral("_ms"), ms);
            if (valid != expectedScreen(*model, 0))
                fail(name + QStringLiteral(": first screen incomplete"));
            runner.waitForIdle(600000);
            out.insert(name + QStringLiteral("_ready_ms"), timer.wallMs());
            Samples jumpsHere;
            int misses = 0;
            for (int row : jumpRows(model->rowCount(), std::min(o.jumps, 100))) {
                timer.restart();
                if (readScreen(*model, row, columns) != expectedScreen(*model, row))
                    ++misses;
                jumpsHere.add(timer.wallMs());
                sortedJumps.add(timer.wallMs());
                QCoreApplication::processEvents();
            }
            out.insert(name + QStringLiteral("_jump"), jumpsHere.toJson());
            if (misses > 0)
                fail(name + QStringLiteral(": %1 jumps found rows without data").arg(misses));
        }
        out.insert(QStringLiteral("sort_change"), sortChange.toJson());
        out.insert(QStringLiteral("sorted_jump"), sortedJumps.toJson());
        model->setFilter(TaskFilter());
        runner.waitForIdle(600000);
        timer.restart();
        model->sort(ui::TaskTableModel::Id, Qt::DescendingOrder);
        readScreen(*model, 0, columns);
        out.insert(QStringLiteral("sort_back_by_id_ms"), timer.wallMs());
        runner.waitForIdle(600000);
    }

    // Refresh with nothing changed. Rows changed within the model's overlap
    // window are read again by design (late commits); "nothing changed" means
    // nothing in that window either, so wait until it has passed.
    {
        QElapsedTimer waited;
        waited.start();
        for (;;) {
            Result<QVariant> age = scalar(
                db, QStringLiteral("SELECT {NOW} - COALESCE(max(updated_at), 0) FROM tasks"));
            if (!age.ok())
                return fail(age.error().message());
            if (age->toLongLong() > ui::TaskTableModel::kOverlapMs + 250
                || waited.elapsed() > 60000)
                break;
            settle(100);
        }
    }
    SignalCounter signals_;
    QObject context;
    signals_.attach(*model, &context);
    Samples refreshIdle;
    Samples refreshIdleCpu;
    for (int run = 0; run < o.refreshRuns; ++run) {
        timer.restart();
        model->refresh();
        refreshIdle.add(timer.wallMs());
        refreshIdleCpu.add(timer.cpuMs());
        runner.waitForIdle(600000);
    }
    out.insert(QStringLiteral("refresh_unchanged"), refreshIdle.toJson());
    out.insert(QStringLiteral("refresh_unchanged_cpu"), refreshIdleCpu.toJson());
    if (signals_.dataChangedRows > 0 || signals_.structural > 0)
        fail(QStringLiteral("a refresh with nothing changed signalled %1 changed rows and %2 "
                            "structural changes")
                 .arg(signals_.dataChangedRows)
                 .arg(signals_.structural));

    // Refresh after 100 tasks changed through another connection: half of them
    // on the screen at the top, half anywhere.
    Database other(*loc);
    if (Error e = other.open(Database::OpenMode::NoMigrate))
        return fail(e.message());
    TaskStore operatorStore(other, QStringLiteral("bench-operator"));
    QVector<qint64> ids;
    for (int row = 0; row < std::min<qint64>(50, total); ++row)
        ids.append(model->taskIdAt(row));
    {
        QRandomGenerator random(kSeed + 1);
        while (ids.size() < std::min<qint64>(100, total)) {
            const qint64 id = model->taskIdAt(int(random.bounded(quint32(total))));
            if (id > 0 && !ids.contains(id))
                ids.append(id);
        }
    }
    Samples refreshChanged;
    Samples refreshChangedCpu;
    QJsonArray signalledRows;
    for (int run = 0; run < std::max(1, o.refreshRuns / 4); ++run) {
        // The screen is what the user looks at: its rows are in the cache, as
        // they were before the changes (the random rows above may have pushed
        // them out of it).
        readScreen(*model, 0, columns);
        runner.waitForIdle(600000);
        int changed = 0;
        for (qint64 id : std::as_const(ids)) {
            Result<Task> t = operatorStore.reader().task(id);
            if (!t.ok())
                continue;
            Result<ActionReport> r = Error::invalid(QString());
            switch (t->status) {
            case TaskStatus::Completed:
            case TaskStatus::Failed:
                r = operatorStore.actions().restart(id);
                break;
            case TaskStatus::Pending:
                r = operatorStore.actions().cancel(id);
                break;
            case TaskStatus::Running:
                r = operatorStore.actions().forceStop(id);
                break;
            }
            if (r.ok())
                ++changed;
        }
        if (changed != ids.size())
            fail(QStringLiteral("only %1 of %2 tasks changed").arg(changed).arg(ids.size()));
        signals_.clear();
        timer.restart();
        model->refresh();
        refreshChanged.add(timer.wallMs());
        refreshChangedCpu.add(timer.cpuMs());
        signalledRows.append(signals_.dataChangedRows);
        const int onScreen = int(std::min<qint64>(50, total));
        if (signals_.dataChangedRows < onScreen)
            fail(QStringLiteral("a refresh after %1 changes signalled only %2 changed rows (%3 "
                                "were on the screen)")
                     .arg(changed)
                     .arg(signals_.dataChangedRows)
                     .arg(onScreen));
        runner.waitForIdle(600000);
    }
    out.insert(QStringLiteral("refresh_100_changed"), refreshChanged.toJson());
    out.insert(QStringLiteral("refresh_100_changed_cpu"), refreshChangedCpu.toJson());
    out.insert(QStringLiteral("refresh_100_changed_signalled_rows"), signalledRows);

    out.insert(QStringLiteral("peak_rss_mb"), double(peakRssKb()) / 1024.0);
    out.insert(QStringLiteral("rss_mb"), double(currentRssKb()) / 1024.0);

    // The same model in a real (offscreen) table view: the first paint, and a
    // drag of the scroll bar to random rows followed by a paint. Not part of the
    // model's peak RSS above: a view of a million rows keeps its own header sections.
    {
        QTableView view;
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.verticalHeader()->setDefaultSectionSize(24);
        view.setSortingEnabled(false);
        view.resize(1280, 900);
        timer.restart();
        view.setModel(model.get());
        view.show();
        view.viewport()->grab();
        out.insert(QStringLiteral("view_first_paint_ms"), timer.wallMs());
        Samples scroll;
        for (int row : jumpRows(total, std::min(o.jumps, 100))) {
            timer.restart();
            view.verticalScrollBar()->setValue(row);
            view.viewport()->grab();
            scroll.add(timer.wallMs());
            QCoreApplication::processEvents();
        }
        out.insert(QStringLiteral("view_scroll"), scroll.toJson());
        out.insert(QStringLiteral("view_peak_rss_mb"), double(peakRssKb()) / 1024.0);
    }
    model.reset();
    runner.waitForIdle(600000);
    return out;
}

// ---------------------------------------------------------------- part 7

namespace {

// The longest gap between two returns of the GUI thread to its event loop, as
// a timer that wants to fire every millisecond sees it.
class StallProbe final
{
public:
    StallProbe()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this]() { tick(); });
    }
    void start()
    {
        m_max = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    // Counts the gap up to now too: the last stretch may not have ended in a tick.
    double stop()
    {
        tick();
        m_timer.stop();
        return double(m_max) / 1e6;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_max = std::max(m_max, now - m_last);
        m_last = now;
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
};

// Makes `n` tasks of the queue RUNNING, as claims leave them (a fixture).
Error runningFixture(Database &db, const QString &queue, int n)
{
    if (Error e = removeFixtureTasks(db, queue))
        return e;
    if (Error e = execSql(db,
            QStringLiteral("UPDATE tasks SET status = 'FAILED', outcome = 'error' WHERE queue = ? "
                           "AND status = 'RUNNING'"),
            {queue}))
        return e;
    if (Error e = removeFixtureTasks(db, queue))
        return e;
    if (Error e = addTasks(db, n, queue, QStringLiteral("bench-gui")))
        return e;
    return execSql(db,
        QStringLiteral("UPDATE tasks SET status = 'RUNNING', attempt = 1, worker_id = 'bench-gui', "
                       "lease = 'bench-gui-' || id, started_at = {NOW}, heartbeat_at = {NOW}, "
                       "updated_at = {NOW} WHERE queue = ? AND status = 'PENDING'"),
        {queue});
}

QVector<qint64> idsOfQueue(Database &db, const QString &queue, const QString &status)
{
    QVector<qint64> ids;
    Result<QSqlQuery> q = db.prepare(
        QStringLiteral("SELECT id FROM tasks WHERE queue = ? AND status = ? ORDER BY id DESC"));
    if (!q.ok())
        return ids;
    q.value().addBindValue(queue);
    q.value().addBindValue(status);
    if (db.exec(q.value()))
        return ids;
    while (q.value().next())
        ids.append(q.value().value(0).toLongLong());
    q.value().finish();
    return ids;
}

int forceStopAll(Database &db, const QVector<qint64> &ids)
{
    TaskStore store(db, QStringLiteral("bench-operator"));
    int done = 0;
    for (qint64 id : ids)
        done += store.actions().forceStop(id).ok() ? 1 : 0;
    return done;
}

} // namespace

QJsonObject runGuiChild(const Options &o)
{
    QJsonObject out;
    Failures fail(out);
    Result<DatabaseLocation> loc = locationOf(o.db);
    if (!loc.ok())
        return fail(loc.error().message());
    Database db(*loc);
    if (Error e = db.open(Database::OpenMode::NoMigrate))
        return fail(e.message());
    TaskStore store(db, QStringLiteral("bench"));
    const QString queue = QStringLiteral("bench-gui");
    // 1,000 selected tasks from 20,000 tasks on; fewer in a small (smoke) run.
    const int selected = int(std::clamp<qint64>(o.tasks / 20, 20, 1000));
    const int swept = int(std::clamp<qint64>(o.tasks / 2, 100, 10000));
    out.insert(QStringLiteral("selected"), selected);
    out.insert(QStringLiteral("swept"), swept);

    // The database work alone: the same store calls on fresh running tasks.
    if (Error e = runningFixture(db, queue, selected))
        return fail(e.message());
    {
        const QVector<qint64> ids = idsOfQueue(db, queue, QStringLiteral("RUNNING"));
        Stopwatch timer;
        const int done = forceStopAll(db, ids);
        out.insert(QStringLiteral("db_only_ms"), timer.wallMs());
        if (done != selected)
            fail(QStringLiteral("database alone: %1 of %2 force stopped").arg(done).arg(selected));
    }

    // The window: a table of the RUNNING filter, newest first, the fixture's
    // tasks selected at its top.
    if (Error e = runningFixture(db, queue, selected))
        return fail(e.message());
    const QVector<qint64> ids = idsOfQueue(db, queue, QStringLiteral("RUNNING"));
    ui::BackgroundRunner reader;
    ui::BackgroundRunner writer;
    ui::TaskTableModel model(store, &reader);
    model.sort(ui::TaskTableModel::Id, Qt::DescendingOrder);
    TaskFilter running;
    running.statuses = {TaskStatus::Running};
    model.setFilter(running);
    reader.waitForIdle(600000);
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(24);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setSelectionMode(QAbstractItemView::ExtendedSelection);
    view.resize(1280, 900);
    view.setModel(&model);
    view.show();
    view.viewport()->grab();
    const qint64 rowsBefore = model.rowCount();
    for (int row = 0; row < selected; ++row) {
        if (model.taskIdAt(row) != ids.value(row))
            return fail(QStringLiteral("the fixture's tasks are not at the top of the table"));
    }
    view.selectionModel()->select(QItemSelection(model.index(0, 0), model.index(selected - 1, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view.selectionModel()->setCurrentIndex(model.index(0, 0), QItemSelectionModel::NoUpdate);
    settle(50);

    StallProbe probe;
    Stopwatch timer;
    probe.start();
    bool finished = false;
    int done = 0;
    double refreshMs = 0;
    Database *dbp = &db;
    writer.run(
        &view, [dbp, ids]() { return forceStopAll(*dbp, ids); },
        [&](const int &n) {
            done = n;
            Stopwatch refreshTimer;
            model.refresh();
            refreshMs = refreshTimer.wallMs();
            view.viewport()->update();
            finished = true;
        });
    while (!finished || !reader.waitForIdle(0)) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1);
    }
    view.viewport()->grab();
    QCoreApplication::processEvents();
    QJsonObject bulk;
    bulk.insert(QStringLiteral("total_ms"), timer.wallMs());
    bulk.insert(QStringLiteral("max_stall_ms"), probe.stop());
    bulk.insert(QStringLiteral("db_only_ms"), out.value(QStringLiteral("db_only_ms")));
    bulk.insert(QStringLiteral("tasks"), selected);
    bulk.insert(QStringLiteral("refresh_ms"), refreshMs);
    bulk.insert(QStringLiteral("page_reads"), double(model.pageReads()));
    bulk.insert(QStringLiteral("load_average"), loadAverage());
    out.insert(QStringLiteral("bulk_action"), bulk);
    if (done != selected)
        fail(QStringLiteral("window: %1 of %2 force stopped").arg(done).arg(selected));
    if (model.rowCount() != rowsBefore - selected)
        fail(QStringLiteral("after the bulk action the table has %1 rows, expected %2")
                 .arg(model.rowCount())
                 .arg(rowsBefore - selected));

    // A sweep: many rows shown in the table change at once (the newest first,
    // all tasks listed), and the next refresh follows them.
    {
        if (Error e = runningFixture(db, queue, swept))
            return fail(e.message());
        model.setFilter(TaskFilter());
        reader.waitForIdle(600000);
        view.viewport()->grab();
        settle(50);
        if (Error e = execSql(db,
                QStringLiteral("UPDATE tasks SET status = 'FAILED', outcome = 'stuck_swept', "
                               "error_message = 'bench sweep', completed_at = {NOW}, updated_at = "
                               "{NOW} WHERE queue = ? AND status = 'RUNNING'"),
                {queue}))
            return fail(e.message());
        StallProbe sweepProbe;
        Stopwatch sweepTimer;
        sweepProbe.start();
        model.refresh();
        const double sweepRefreshMs = sweepTimer.wallMs();
        view.viewport()->update();
        while (!reader.waitForIdle(0)) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            QThread::msleep(1);
        }
        view.viewport()->grab();
        QCoreApplication::processEvents();
        QJsonObject sweep;
        sweep.insert(QStringLiteral("total_ms"), sweepTimer.wallMs());
        sweep.insert(QStringLiteral("max_stall_ms"), sweepProbe.stop());
        sweep.insert(QStringLiteral("rows_changed"), swept);
        sweep.insert(QStringLiteral("refresh_ms"), sweepRefreshMs);
        out.insert(QStringLiteral("sweep_refresh"), sweep);
    }
    if (Error e = removeFixtureTasks(db, queue))
        fail(e.message());
    return out;
}

// ---------------------------------------------------------------- part 2

QJsonObject runBaselineChild(const Options &o)
{
    QJsonObject out;
    Failures fail(out);
    Result<DatabaseLocation> loc = locationOf(o.db);
    if (!loc.ok())
        return fail(loc.error().message());
    Database db(*loc);
    if (Error e = db.open(Database::OpenMode::NoMigrate))
        return fail(e.message());
    Result<QSqlDatabase> connection = db.connection();
    if (!connection.ok())
        return fail(connection.error().message());
    Result<QVariant> totalValue = scalar(db, QStringLiteral("SELECT count(*) FROM tasks"));
    if (!totalValue.ok())
        return fail(totalValue.error().message());
    const qint64 total = totalValue->toLongLong();
    const qint64 limitKb = o.baselineLimitMb * 1024;
    bool gaveUp = false;

    // The same columns as the task table shows.
    QVector<int> columns;
    auto makeModel = [&]() {
        auto m = std::make_unique<QSqlTableModel>(nullptr, connection.value());
        m->setTable(QStringLiteral("tasks"));
        if (columns.isEmpty()) {
            for (const char *name : {"id", "name", "kind", "queue", "status", "progress_done",
                     "worker_id", "started_at", "heartbeat_at", "completed_at", "attempt"})
                columns.append(m->fieldIndex(QString::fromLatin1(name)));
        }
        m->setSort(m->fieldIndex(QStringLiteral("id")), Qt::DescendingOrder);
        return m;
    };
    // fetchMore() until `rows` rows are there, as a view does when it scrolls.
    auto fetchTo = [&](QSqlTableModel &m, qint64 rows) {
        int step = 0;
        while (m.rowCount() < rows && m.canFetchMore()) {
            m.fetchMore();
            if (++step % 64 == 0 && currentRssKb() > limitKb) {
                gaveUp = true;
                return false;
            }
        }
        return true;
    };

    // The baseline as a Qt developer sets it up to show every task in one
    // table: select(), then fetchMore() until nothing is left, so that the
    // scroll bar spans every row and a drag to the end finds rows there. Until
    // then a QSqlTableModel knows only the rows it has read (256 after
    // select()). Returns false if the RSS limit stopped it.
    auto selectAll = [&](QSqlTableModel &m) {
        if (!m.select()) {
            fail(m.lastError().text());
            return false;
        }
        return fetchTo(m, std::numeric_limits<qint64>::max());
    };
    auto checkAllRows = [&](const QSqlTableModel &m, qint64 expected, const QString &what) {
        if (!gaveUp && m.rowCount() != expected)
            fail(QStringLiteral("baseline, %1: %2 of %3 rows")
                     .arg(what)
                     .arg(m.rowCount())
                     .arg(expected));
    };

    // Time to the first screen of the baseline fetched to the end: creation,
    // every row, then the rows a view paints first. The peak RSS is this
    // model's, the same state.
    Stopwatch timer;
    Samples firstScreen;
    Samples firstScreenCpu;
    std::unique_ptr<QSqlTableModel> fetched;
    for (int run = 0; run < 3 && !gaveUp; ++run) {
        fetched.reset();
        timer.restart();
        fetched = makeModel();
        if (!selectAll(*fetched)) {
            if (gaveUp)
                out.insert(QStringLiteral("first_screen_at_least_ms"), timer.wallMs());
            break;
        }
        const int valid = readScreen(*fetched, 0, columns);
        firstScreen.add(timer.wallMs());
        firstScreenCpu.add(timer.cpuMs());
        if (valid != expectedScreen(*fetched, 0))
            fail(QStringLiteral("baseline first screen: %1 rows").arg(valid));
        checkAllRows(*fetched, total, QStringLiteral("first screen"));
    }
    if (!gaveUp) {
        out.insert(QStringLiteral("first_screen"), firstScreen.toJson());
        out.insert(QStringLiteral("first_screen_cpu"), firstScreenCpu.toJson());
        out.insert(QStringLiteral("first_screen_ms"), firstScreen.median());
        out.insert(QStringLiteral("screen_of_read_rows"), screenOfReadRows(*fetched, columns));
        // Jumps in the fetched model: every row is in memory.
        Samples jumps;
        for (int row : jumpRows(total, o.jumps)) {
            timer.restart();
            readScreen(*fetched, row, columns);
            jumps.add(timer.wallMs());
        }
        out.insert(QStringLiteral("jump"), jumps.toJson());
    }
    out.insert(QStringLiteral("peak_rss_mb"), double(peakRssKb()) / 1024.0);
    fetched.reset();

    // The same model left lazy, as select() leaves it: quick to its first
    // screen, but its scroll bar spans the 256 rows it has read, and a jump
    // fetches as far as its row.
    {
        Samples lazyFirstScreen;
        for (int run = 0; run < 5; ++run) {
            timer.restart();
            std::unique_ptr<QSqlTableModel> m = makeModel();
            if (!m->select())
                return fail(m->lastError().text());
            const int valid = readScreen(*m, 0, columns);
            lazyFirstScreen.add(timer.wallMs());
            if (valid != expectedScreen(*m, 0))
                fail(QStringLiteral("lazy baseline first screen: %1 rows").arg(valid));
            out.insert(QStringLiteral("lazy_rows_known_after_select"), m->rowCount());
        }
        out.insert(QStringLiteral("lazy_first_screen"), lazyFirstScreen.toJson());
        std::unique_ptr<QSqlTableModel> m = makeModel();
        m->select();
        Samples jumps;
        for (int row : jumpRows(total, o.jumps)) {
            timer.restart();
            if (!fetchTo(*m, row + kScreenRows))
                break;
            readScreen(*m, row, columns);
            jumps.add(timer.wallMs());
        }
        out.insert(QStringLiteral("lazy_jump"), jumps.toJson());
    }
    out.insert(QStringLiteral("gave_up"), gaveUp);
    if (gaveUp) {
        out.insert(QStringLiteral("gave_up_at_rss_mb"), double(currentRssKb()) / 1024.0);
        return out;
    }

    // Filter changes and refreshes select again, and fetch every row of the
    // filter again for the scroll bar. Fewer runs than the model's: each reads
    // up to every row.
    {
        std::unique_ptr<QSqlTableModel> m = makeModel();
        if (!selectAll(*m))
            return out;
        Samples filterChange;
        const int runs = std::min(o.filterRuns, 2);
        for (int run = 0; run < runs && !gaveUp; ++run) {
            for (const QVector<TaskStatus> &statuses : filterSequence()) {
                timer.restart();
                m->setFilter(statuses.isEmpty()
                        ? QString()
                        : QStringLiteral("status = '%1'").arg(statusName(statuses.constFirst())));
                if (!fetchTo(*m, std::numeric_limits<qint64>::max()))
                    break;
                readScreen(*m, 0, columns);
                filterChange.add(timer.wallMs());
            }
        }
        out.insert(QStringLiteral("filter_change"), filterChange.toJson());
        Samples refresh;
        for (int run = 0; run < std::min(o.refreshRuns, 3) && !gaveUp; ++run) {
            timer.restart();
            if (!selectAll(*m))
                break;
            readScreen(*m, 0, columns);
            refresh.add(timer.wallMs());
            checkAllRows(*m, total, QStringLiteral("refresh"));
        }
        out.insert(QStringLiteral("refresh"), refresh.toJson());
    }
    out.insert(QStringLiteral("gave_up"), gaveUp);
    return out;
}

} // namespace taskdesk::bench
