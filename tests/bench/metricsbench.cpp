#include "metricsbench.h"

#include "core/metrics/metricscollector.h"
#include "core/tasks/taskstore.h"

#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>

namespace taskdesk::bench {

namespace {

const QString kQueue = QStringLiteral("bench-metrics");
constexpr int kRuns = 50;

// The sum of every taskdesk_tasks sample of the text.
qint64 tasksInText(const QByteArray &text)
{
    qint64 sum = 0;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.startsWith("taskdesk_tasks{"))
            continue;
        sum += line.mid(line.lastIndexOf(' ') + 1).toLongLong();
    }
    return sum;
}

// Claims and finishes tasks of kQueue one at a time for `seconds` on a thread
// of its own (its own connection), the latency of each claim in `claims`.
Error claimLoop(Database &db, double seconds, Samples &claims)
{
    Error failed;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        TaskStore store(db, QStringLiteral("bench"));
        QElapsedTimer total;
        total.start();
        while (double(total.elapsed()) < seconds * 1000) {
            Stopwatch timer;
            Result<std::optional<Claim>> c
                = store.queue().claim(QStringLiteral("bench-metrics@bench:1"), {kQueue});
            claims.add(timer.wallMs());
            if (!c.ok()) {
                failed = c.error();
                break;
            }
            if (!c->has_value()) {
                failed = Error::database(QStringLiteral("the claim queue ran dry"));
                break;
            }
            Result<FinishResult> f = store.queue().finishSuccess((*c)->taskId, (*c)->lease);
            if (!f.ok()) {
                failed = f.error();
                break;
            }
        }
        db.closeThreadConnection();
    }));
    thread->start();
    thread->wait();
    return failed;
}

} // namespace

QJsonObject runMetricsBench(const QString &url, const Options &o)
{
    QJsonObject out;
    Failures fail(out);
    Result<DatabaseLocation> loc = locationOf(url);
    if (!loc.ok())
        return fail(loc.error().message());
    Database db(*loc);
    if (Error e = db.open())
        return fail(e.message());

    // collect() alone, on this thread's connection.
    MetricsCollector collector(db);
    Result<QByteArray> first = collector.collect();
    if (!first.ok())
        return fail(first.error().message());
    Result<QVariant> count = scalar(db, QStringLiteral("SELECT count(*) FROM tasks"));
    if (!count.ok())
        return fail(count.error().message());
    if (tasksInText(*first) != count->toLongLong())
        fail(QStringLiteral("taskdesk_tasks adds up to %1, the table holds %2")
                 .arg(tasksInText(*first))
                 .arg(count->toLongLong()));
    out.insert(QStringLiteral("tasks"), count->toLongLong());
    out.insert(QStringLiteral("bytes"), first->size());
    Samples wall;
    Samples cpu;
    for (int run = 0; run < kRuns; ++run) {
        Stopwatch timer;
        Result<QByteArray> text = collector.collect();
        wall.add(timer.wallMs());
        cpu.add(timer.cpuMs());
        if (!text.ok())
            return fail(text.error().message());
    }
    out.insert(QStringLiteral("collect"), wall.toJson());
    out.insert(QStringLiteral("collect_cpu"), cpu.toJson());

    // A worker's claims, alone and while collect() runs in a loop elsewhere.
    const double seconds = std::max(0.5, o.queueSeconds);
    if (Error e = addTasks(db, 200000, kQueue, QStringLiteral("bench"), 0))
        return fail(e.message());
    Samples alone;
    if (Error e = claimLoop(db, seconds, alone))
        return fail(e.message());
    std::atomic<bool> stop{false};
    Samples scrapes;
    Error collectFailed;
    std::unique_ptr<QThread> scraper(QThread::create([&] {
        MetricsCollector c(db);
        while (!stop.load()) {
            Stopwatch timer;
            Result<QByteArray> text = c.collect();
            scrapes.add(timer.wallMs());
            if (!text.ok()) {
                collectFailed = text.error();
                break;
            }
        }
        db.closeThreadConnection();
    }));
    scraper->start();
    Samples during;
    Error claimFailed = claimLoop(db, seconds, during);
    stop.store(true);
    scraper->wait();
    if (claimFailed)
        return fail(claimFailed.message());
    if (collectFailed)
        return fail(collectFailed.message());
    out.insert(QStringLiteral("claim_alone"), alone.toJson());
    out.insert(QStringLiteral("claim_during_collect"), during.toJson());
    out.insert(QStringLiteral("collect_during_claims"), scrapes.toJson());
    if (Error e = removeFixtureTasks(db, kQueue))
        fail(e.message());
    return out;
}

} // namespace taskdesk::bench
