#include "report.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace taskdesk::bench {

namespace {

std::optional<double> at(const QJsonObject &report, const QString &path)
{
    QJsonValue v = report;
    for (const QString &key : path.split(QLatin1Char('/'))) {
        if (!v.isObject())
            return std::nullopt;
        v = v.toObject().value(key);
    }
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

QString number(double v)
{
    if (v >= 1000)
        return QString::number(v, 'f', 0);
    if (v >= 100)
        return QString::number(v, 'f', 1);
    if (v >= 1)
        return QString::number(v, 'f', 2);
    return QString::number(v, 'g', 3);
}

QString withUnit(double v, const QString &unit)
{
    if (unit == QLatin1String("×"))
        return number(v) + unit;
    return number(v) + QLatin1Char(' ') + unit;
}

struct Target
{
    QString id;
    QString what;
    QString unit;
    double goal = 0;
    bool higherIsBetter = false;
    std::optional<double> measured;
    QString note;
};

std::optional<double> ratio(std::optional<double> a, std::optional<double> b)
{
    if (!a || !b || *b <= 0)
        return std::nullopt;
    return *a / *b;
}

QVector<Target> targetsOf(const QJsonObject &r)
{
    QVector<Target> t;
    t.append({QStringLiteral("model.first_screen"),
        QStringLiteral("task table: first screen of rows (median)"), QStringLiteral("ms"), 100,
        false, at(r, QStringLiteral("model/first_screen_ms")), {}});
    t.append(
        {QStringLiteral("model.jump_p99"), QStringLiteral("task table: jump to a random row, p99"),
            QStringLiteral("ms"), 16, false, at(r, QStringLiteral("model/jump/p99_ms")), {}});
    t.append({QStringLiteral("model.filter_change"),
        QStringLiteral("task table: status filter change (median)"), QStringLiteral("ms"), 150,
        false, at(r, QStringLiteral("model/filter_change/p50_ms")), {}});
    t.append({QStringLiteral("model.refresh_unchanged"),
        QStringLiteral("task table: refresh, nothing changed (median)"), QStringLiteral("ms"), 2,
        false, at(r, QStringLiteral("model/refresh_unchanged/p50_ms")), {}});
    t.append({QStringLiteral("model.refresh_100"),
        QStringLiteral("task table: refresh, 100 rows changed (median)"), QStringLiteral("ms"), 10,
        false, at(r, QStringLiteral("model/refresh_100_changed/p50_ms")), {}});
    t.append({QStringLiteral("model.peak_rss"), QStringLiteral("task table process: peak RSS"),
        QStringLiteral("MB"), 150, false, at(r, QStringLiteral("model/peak_rss_mb")), {}});
    t.append({QStringLiteral("gui.bulk_action.max_stall"),
        QStringLiteral("window stall: Force Stop, 1,000 selected"), QStringLiteral("ms"), 50, false,
        at(r, QStringLiteral("gui/bulk_action/max_stall_ms")), {}});
    t.append({QStringLiteral("gui.bulk_action.total"),
        QStringLiteral("window: Force Stop, 1,000 / database alone"), QStringLiteral("×"), 2, false,
        ratio(at(r, QStringLiteral("gui/bulk_action/total_ms")),
            at(r, QStringLiteral("gui/bulk_action/db_only_ms"))),
        {}});
    t.append({QStringLiteral("gui.sweep_refresh.max_stall"),
        QStringLiteral("window stall: refresh, 10,000 changed"), QStringLiteral("ms"), 50, false,
        at(r, QStringLiteral("gui/sweep_refresh/max_stall_ms")), {}});
    t.append({QStringLiteral("baseline.first_screen"),
        QStringLiteral("first screen: QSqlTableModel (fetched to the end) / ours"),
        QStringLiteral("×"), 10, true,
        ratio(at(r, QStringLiteral("baseline/first_screen_ms")),
            at(r, QStringLiteral("model/first_screen_ms"))),
        {}});
    t.append({QStringLiteral("baseline.memory"),
        QStringLiteral("peak RSS: QSqlTableModel (fetched to the end) / ours"), QStringLiteral("×"),
        5, true,
        ratio(at(r, QStringLiteral("baseline/peak_rss_mb")),
            at(r, QStringLiteral("model/peak_rss_mb"))),
        {}});
    t.append(
        {QStringLiteral("sweeper.pass"), QStringLiteral("Sweeper pass, 1,000 stale tasks (median)"),
            QStringLiteral("ms"), 50, false, at(r, QStringLiteral("sweeper/pass_ms")), {}});
    // Claims and finishes as a worker makes them: its free slots claimed in one
    // transaction, the successes of one pass of its event loop written in one.
    // One task a transaction is among the other figures (--batch 1 makes it the
    // measured figure).
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        const std::optional<double> batch
            = at(r, QStringLiteral("queue/%1/batched/batch").arg(backend));
        t.append({QStringLiteral("queue.") + backend,
            QStringLiteral("claim + finish, %1, 4 conn., %2 a txn")
                .arg(backend,
                    batch ? QStringLiteral("%1 tasks").arg(*batch) : QStringLiteral("1 task")),
            QStringLiteral("tasks/s"), 5000, true,
            at(r,
                batch ? QStringLiteral("queue/%1/batched/4/per_second").arg(backend)
                      : QStringLiteral("queue/%1/4/per_second").arg(backend)),
            {}});
    }
    t.append({QStringLiteral("worker.e2e"), QStringLiteral("worker end to end / xargs -P rate"),
        QStringLiteral("×"), 0.7, true, at(r, QStringLiteral("worker_e2e/ratio")), {}});
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        t.append({QStringLiteral("latency.cancel.") + backend,
            QStringLiteral("Cancel to process group gone, %1 (median)").arg(backend),
            QStringLiteral("ms"), backend == QLatin1String("sqlite") ? 1000.0 : 250.0, false,
            at(r, QStringLiteral("latency/%1/cancel_to_dead/p50_ms").arg(backend)), {}});
        const std::optional<double> bound
            = at(r, QStringLiteral("latency/%1/loss_bound_ms").arg(backend));
        // A bound holds for every run, not only for the median one.
        t.append({QStringLiteral("latency.loss.") + backend,
            QStringLiteral("worker SIGKILL to task re-queued, %1 (worst run)").arg(backend),
            QStringLiteral("ms"), bound.value_or(0), false,
            bound ? at(r, QStringLiteral("latency/%1/loss_to_requeue/max_ms").arg(backend))
                  : std::nullopt,
            QStringLiteral("timeout + interval + 10 %")});
    }
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        const QString base = QStringLiteral("source/") + backend;
        t.append({QStringLiteral("source.first_screen.") + backend,
            QStringLiteral("attached table, %1: first screen (median)").arg(backend),
            QStringLiteral("ms"), 50, false,
            at(r, base + QStringLiteral("/first_screen_ms/p50_ms")), {}});
        t.append({QStringLiteral("source.jump_p99.") + backend,
            QStringLiteral("attached table, %1: jump, p99").arg(backend), QStringLiteral("ms"), 16,
            false, at(r, base + QStringLiteral("/jump_ms/p99_ms")), {}});
        t.append({QStringLiteral("source.filter_change.") + backend,
            QStringLiteral("attached table, %1: slowest filter change (median)").arg(backend),
            QStringLiteral("ms"), 150, false, at(r, base + QStringLiteral("/filter_worst_p50_ms")),
            QStringLiteral("only the primary key indexed")});
    }
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        const QString base = QStringLiteral("metrics/") + backend;
        t.append({QStringLiteral("metrics.collect.") + backend,
            QStringLiteral("/metrics, %1: collect() (median)").arg(backend), QStringLiteral("ms"),
            50, false, at(r, base + QStringLiteral("/collect/p50_ms")), {}});
        t.append({QStringLiteral("metrics.collect_p99.") + backend,
            QStringLiteral("/metrics, %1: collect(), p99").arg(backend), QStringLiteral("ms"), 50,
            false, at(r, base + QStringLiteral("/collect/p99_ms")), {}});
    }
    return t;
}

} // namespace

QJsonArray evaluateTargets(const QJsonObject &report)
{
    QJsonArray out;
    for (const Target &t : targetsOf(report)) {
        if (!t.measured)
            continue;
        const double m = *t.measured;
        const bool pass = t.higherIsBetter ? m >= t.goal : m <= t.goal;
        QString margin;
        if (t.higherIsBetter) {
            margin = pass
                ? QStringLiteral("%1% above the goal").arg(number((m / t.goal - 1) * 100))
                : QStringLiteral("%1% short of the goal").arg(number((1 - m / t.goal) * 100));
        } else {
            margin = pass ? QStringLiteral("%1% under the goal").arg(number((1 - m / t.goal) * 100))
                          : QStringLiteral("%1% over the goal (%2× it)")
                                .arg(number((m / t.goal - 1) * 100), number(m / t.goal));
        }
        QJsonObject o{
            {QStringLiteral("id"), t.id},
            {QStringLiteral("what"), t.what},
            {QStringLiteral("goal"), t.goal},
            {QStringLiteral("comparison"),
                t.higherIsBetter ? QStringLiteral(">=") : QStringLiteral("<=")},
            {QStringLiteral("unit"), t.unit},
            {QStringLiteral("measured"), m},
            {QStringLiteral("pass"), pass},
            {QStringLiteral("margin"), margin},
        };
        if (!t.note.isEmpty())
            o.insert(QStringLiteral("note"), t.note);
        out.append(o);
    }
    return out;
}

namespace {

QString pad(const QString &text, int width)
{
    return text.leftJustified(width, QLatin1Char(' '));
}

void line(QStringList &lines, const QString &label, const QString &value)
{
    lines << QStringLiteral("  ") + pad(label, 58) + value;
}

QString dist(const QJsonObject &r, const QString &path)
{
    const std::optional<double> p50 = at(r, path + QStringLiteral("/p50_ms"));
    const std::optional<double> p99 = at(r, path + QStringLiteral("/p99_ms"));
    const std::optional<double> max = at(r, path + QStringLiteral("/max_ms"));
    if (!p50)
        return QStringLiteral("-");
    return QStringLiteral("p50 %1 ms, p99 %2 ms, max %3 ms")
        .arg(number(*p50), number(p99.value_or(0)), number(max.value_or(0)));
}

QString ms(const QJsonObject &r, const QString &path)
{
    const std::optional<double> v = at(r, path);
    return v ? number(*v) + QStringLiteral(" ms") : QStringLiteral("-");
}

} // namespace

QString formatTable(const QJsonObject &r)
{
    QStringList lines;
    const QJsonObject machine = r.value(QStringLiteral("machine")).toObject();
    lines << QStringLiteral("taskdesk-bench  %1 tasks  %2  %3 × %4, %5 MB, load %6")
                 .arg(r.value(QStringLiteral("tasks")).toInteger())
                 .arg(r.value(QStringLiteral("date")).toString())
                 .arg(machine.value(QStringLiteral("nproc")).toInt())
                 .arg(machine.value(QStringLiteral("cpu")).toString())
                 .arg(machine.value(QStringLiteral("memory_mb")).toInteger())
                 .arg(QString::fromUtf8(
                     QJsonDocument(r.value(QStringLiteral("load_average_start")).toArray())
                         .toJson(QJsonDocument::Compact)));
    lines << QString();
    lines << QStringLiteral("  ") + pad(QStringLiteral("target"), 58)
            + pad(QStringLiteral("goal"), 14) + pad(QStringLiteral("measured"), 14)
            + QStringLiteral("result");
    for (const QJsonValue &v : r.value(QStringLiteral("targets")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString unit = t.value(QStringLiteral("unit")).toString();
        const QString goal
            = (t.value(QStringLiteral("comparison")).toString() == QLatin1String(">=")
                      ? QStringLiteral("≥ ")
                      : QStringLiteral("≤ "))
            + withUnit(t.value(QStringLiteral("goal")).toDouble(), unit);
        lines << QStringLiteral("  ") + pad(t.value(QStringLiteral("what")).toString(), 58)
                + pad(goal, 14)
                + pad(withUnit(t.value(QStringLiteral("measured")).toDouble(), unit), 14)
                + (t.value(QStringLiteral("pass")).toBool() ? QStringLiteral("pass, ")
                                                            : QStringLiteral("MISS, "))
                + t.value(QStringLiteral("margin")).toString();
    }
    lines << QString() << QStringLiteral("Other figures");
    line(lines, QStringLiteral("fill (SampleData::fillBulk)"), ms(r, QStringLiteral("fill_ms")));
    if (r.contains(QStringLiteral("model"))) {
        line(lines, QStringLiteral("model: first screen, cold (first creation)"),
            ms(r, QStringLiteral("model/first_screen_cold_ms")));
        line(lines, QStringLiteral("model: the first screen again, rows already read"),
            dist(r, QStringLiteral("model/screen_of_read_rows")));
        line(lines, QStringLiteral("model: count and anchors ready"),
            dist(r, QStringLiteral("model/count_and_anchors_ready")));
        line(lines, QStringLiteral("model: jump"), dist(r, QStringLiteral("model/jump")));
        line(lines, QStringLiteral("model: filter change"),
            dist(r, QStringLiteral("model/filter_change")));
        line(lines, QStringLiteral("model: filter change, count ready"),
            dist(r, QStringLiteral("model/filter_change_count_ready")));
        for (const char *sort : {"name", "started", "worker", "name_failed", "started_running"})
            line(lines, QStringLiteral("model: sort by %1, first screen").arg(QLatin1String(sort)),
                ms(r, QStringLiteral("model/sort_by_%1_ms").arg(QLatin1String(sort))));
        line(lines, QStringLiteral("model: jump after a sort change"),
            dist(r, QStringLiteral("model/sorted_jump")));
        line(lines, QStringLiteral("model: refresh, nothing changed"),
            dist(r, QStringLiteral("model/refresh_unchanged")));
        line(lines, QStringLiteral("model: refresh, 100 changed"),
            dist(r, QStringLiteral("model/refresh_100_changed")));
        line(lines, QStringLiteral("view: first paint of a QTableView"),
            ms(r, QStringLiteral("model/view_first_paint_ms")));
        line(lines, QStringLiteral("view: scroll bar to a random row + paint"),
            dist(r, QStringLiteral("model/view_scroll")));
        line(lines, QStringLiteral("view: peak RSS with the view"),
            number(at(r, QStringLiteral("model/view_peak_rss_mb")).value_or(0))
                + QStringLiteral(" MB"));
    }
    if (r.contains(QStringLiteral("baseline"))) {
        line(lines, QStringLiteral("QSqlTableModel: first screen, every row fetched"),
            dist(r, QStringLiteral("baseline/first_screen")));
        line(lines, QStringLiteral("QSqlTableModel: the first screen again, rows already read"),
            dist(r, QStringLiteral("baseline/screen_of_read_rows")));
        line(lines, QStringLiteral("QSqlTableModel: jump, every row fetched"),
            dist(r, QStringLiteral("baseline/jump")));
        line(lines, QStringLiteral("QSqlTableModel: filter change, fetched to the end"),
            dist(r, QStringLiteral("baseline/filter_change")));
        line(lines, QStringLiteral("QSqlTableModel: refresh, fetched to the end"),
            dist(r, QStringLiteral("baseline/refresh")));
        line(lines, QStringLiteral("QSqlTableModel: peak RSS, every row fetched"),
            number(at(r, QStringLiteral("baseline/peak_rss_mb")).value_or(0))
                + QStringLiteral(" MB"));
        line(lines, QStringLiteral("QSqlTableModel, lazy: first screen (256 rows known)"),
            dist(r, QStringLiteral("baseline/lazy_first_screen")));
        line(lines, QStringLiteral("QSqlTableModel, lazy: jump (fetchMore as needed)"),
            dist(r, QStringLiteral("baseline/lazy_jump")));
        auto ratioLine
            = [&](const QString &label, const QString &theirsKey, const QString &oursKey) {
                  const std::optional<double> q = ratio(at(r, theirsKey), at(r, oursKey));
                  if (q)
                      line(lines, label, number(*q) + QStringLiteral("×"));
              };
        ratioLine(QStringLiteral("first screen: lazy QSqlTableModel / ours"),
            QStringLiteral("baseline/lazy_first_screen/p50_ms"),
            QStringLiteral("model/first_screen_ms"));
        ratioLine(QStringLiteral("jump p99: QSqlTableModel, every row fetched / ours"),
            QStringLiteral("baseline/jump/p99_ms"), QStringLiteral("model/jump/p99_ms"));
        ratioLine(QStringLiteral("jump p99: lazy QSqlTableModel / ours"),
            QStringLiteral("baseline/lazy_jump/p99_ms"), QStringLiteral("model/jump/p99_ms"));
        if (const std::optional<double> least
            = at(r, QStringLiteral("baseline/first_screen_at_least_ms")))
            line(lines, QStringLiteral("QSqlTableModel: gave up fetching at the RSS limit after"),
                number(*least) + QStringLiteral(" ms"));
    }
    if (r.contains(QStringLiteral("sweeper"))) {
        line(lines, QStringLiteral("StuckTasks::sweepLostWorkers, 1,000 stale"),
            dist(r, QStringLiteral("sweeper/store_pass_1000_stale")));
        line(lines, QStringLiteral("Sweeper pass, 1,000 stale"),
            dist(r, QStringLiteral("sweeper/sweeper_pass_1000_stale")));
        line(lines, QStringLiteral("Sweeper pass, nothing stale"),
            dist(r, QStringLiteral("sweeper/sweeper_pass_idle")));
    }
    // Every core's busy time per task: with PostgreSQL, the server's as well.
    auto machineCpu = [&r](const QString &base) {
        const std::optional<double> ms = at(r, base + QStringLiteral("/machine_cpu_ms_per_task"));
        return ms ? QStringLiteral(", %1 ms/task machine-wide").arg(number(*ms)) : QString();
    };
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        for (const QString &kind : {QString(), QStringLiteral("batched/")}) {
            for (const QString &n :
                {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("4")}) {
                const QString base = QStringLiteral("queue/%1/%2%3").arg(backend, kind, n);
                const std::optional<double> rate = at(r, base + QStringLiteral("/per_second"));
                if (!rate)
                    continue;
                line(lines,
                    QStringLiteral("claim + finish, %1, %2 conn.%3")
                        .arg(backend, n, kind.isEmpty() ? QString() : QStringLiteral(", batched")),
                    number(*rate) + QStringLiteral(" tasks/s, CPU ")
                        + number(
                            at(r, base + QStringLiteral("/client_cpu_ms_per_task")).value_or(0))
                        + QStringLiteral(" ms/task here")
                        + machineCpu(base)
                        // One task: a claim and a finish; batched: one
                        // transaction with the last results and the next claim.
                        + (kind.isEmpty() ? QStringLiteral("; a txn pair ")
                                          : QStringLiteral("; a transaction "))
                        + dist(r, base + QStringLiteral("/claim_and_finish")));
            }
        }
        const QString backlog = QStringLiteral("queue/%1/one_queue_behind_backlog").arg(backend);
        if (const std::optional<double> rate = at(r, backlog + QStringLiteral("/per_second")))
            line(lines,
                QStringLiteral("claim + finish, %1, one queue behind %2 others")
                    .arg(backend)
                    .arg(at(r, backlog + QStringLiteral("/pending_of_other_queues_or_not_due"))
                             .value_or(0)),
                number(*rate) + QStringLiteral(" tasks/s"));
    }
    if (r.contains(QStringLiteral("worker_e2e"))) {
        line(lines, QStringLiteral("worker end to end (wall clock, with start-up)"),
            number(at(r, QStringLiteral("worker_e2e/worker_per_second")).value_or(0))
                + QStringLiteral(" tasks/s"));
        line(lines, QStringLiteral("worker end to end (first start to last finish)"),
            number(at(r, QStringLiteral("worker_e2e/worker_in_db_per_second")).value_or(0))
                + QStringLiteral(" tasks/s"));
        line(lines, QStringLiteral("xargs -P"),
            number(at(r, QStringLiteral("worker_e2e/xargs_per_second")).value_or(0))
                + QStringLiteral(" /bin/true per s"));
        line(lines, QStringLiteral("CPU per task, /bin/true included: worker / xargs"),
            number(at(r, QStringLiteral("worker_e2e/worker_cpu_ms_per_task")).value_or(0))
                + QStringLiteral(" / ")
                + number(at(r, QStringLiteral("worker_e2e/xargs_cpu_ms_per_task")).value_or(0))
                + QStringLiteral(" ms"));
    }
    for (const QString &backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
        const QString base = QStringLiteral("latency/") + backend;
        if (!at(r, base + QStringLiteral("/loss_bound_ms"))
            && !at(r, base + QStringLiteral("/cancel_to_dead/p50_ms")))
            continue;
        line(lines, QStringLiteral("Cancel to group gone, %1").arg(backend),
            dist(r, base + QStringLiteral("/cancel_to_dead")));
        line(lines, QStringLiteral("worker SIGKILL to re-queue, %1").arg(backend),
            dist(r, base + QStringLiteral("/loss_to_requeue")));
        line(lines,
            QStringLiteral("worker SIGKILL to its execution's leader gone, %1").arg(backend),
            dist(r, base + QStringLiteral("/loss_execution_leader_gone")));
        line(lines,
            QStringLiteral("executions whose children outlived the worker, %1").arg(backend),
            QStringLiteral("%1 of %2")
                .arg(r.value(QStringLiteral("latency"))
                         .toObject()
                         .value(backend)
                         .toObject()
                         .value(QStringLiteral("loss_groups_outliving_worker"))
                         .toInt())
                .arg(at(r, base + QStringLiteral("/loss_to_requeue/n")).value_or(0)));
    }
    const QJsonArray failures = r.value(QStringLiteral("failures")).toArray();
    if (!failures.isEmpty()) {
        lines << QString() << QStringLiteral("FAILED CHECKS");
        for (const QJsonValue &f : failures)
            lines << QStringLiteral("  ") + f.toString();
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace taskdesk::bench
