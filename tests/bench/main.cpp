// taskdesk-bench: the figures of BENCHMARKS.md. Fills a database with N
// realistic tasks and measures the task table model against a QSqlTableModel,
// the sweeper, claims, the worker end to end, and the Cancel and worker-loss
// latencies; prints one JSON object and a table with each target of issue 6.

#include "benchsupport.h"
#include "metricsbench.h"
#include "modelbench.h"
#include "queuebench.h"
#include "report.h"
#include "sourcebench.h"
#include "workerbench.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>

using namespace taskdesk;
using namespace taskdesk::bench;

namespace {

enum ExitCode { ExitOk = 0, ExitFailedCheck = 1, ExitUsage = 2 };

void progress(const QString &text)
{
    std::fprintf(stderr, "taskdesk-bench: %s\n", qPrintable(text));
    std::fflush(stderr);
}

bool parseOptions(const QStringList &arguments, Options &o, QString &error)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Fills a Taskdesk database with N realistic tasks and measures the task table, the "
        "sweeper, claims, the worker and the Cancel and worker-loss latencies against the "
        "targets of BENCHMARKS.md. Prints one JSON object (stdout, or --json FILE) and a table "
        "(stderr, or stdout with --table)."));
    p.addHelpOption();
    const QCommandLineOption tasks(QStringLiteral("tasks"),
        QStringLiteral("How many tasks (default 1000000)."), QStringLiteral("N"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral("The database to measure (filled up to N tasks; it is changed). Default: a "
                       "temporary SQLite file."),
        QStringLiteral("URL"));
    const QCommandLineOption postgres(QStringLiteral("postgres"),
        QStringLiteral("A PostgreSQL server for the PostgreSQL halves of parts 4 and 6; a database "
                       "of our own is created there and dropped. Default: TASKDESK_TEST_PG."),
        QStringLiteral("URL"));
    const QCommandLineOption noPostgres(
        QStringLiteral("no-postgres"), QStringLiteral("Skip the PostgreSQL halves."));
    const QCommandLineOption parts(QStringLiteral("parts"),
        QStringLiteral("Which parts, e.g. 1,2,3 (default 1,2,3,4,5,6,7,8,9): 1 task table model, 2 "
                       "QSqlTableModel baseline, 3 sweeper, 4 claim + finish, 5 worker end to "
                       "end, 6 latencies, 7 the window's event loop during a bulk action and a "
                       "sweep, 8 an attached job table of another program, 9 /metrics."),
        QStringLiteral("LIST"));
    const QCommandLineOption json(QStringLiteral("json"),
        QStringLiteral("Write the JSON object to FILE instead of stdout."), QStringLiteral("FILE"));
    const QCommandLineOption table(
        QStringLiteral("table"), QStringLiteral("Print the table on stdout (default: stderr)."));
    const QCommandLineOption jumps(QStringLiteral("jumps"),
        QStringLiteral("Random jumps in the task table (default 200)."), QStringLiteral("N"));
    const QCommandLineOption sweepRuns(QStringLiteral("sweep-runs"),
        QStringLiteral("Sweeps with 1,000 stale tasks (default 3)."), QStringLiteral("N"));
    const QCommandLineOption queueSeconds(QStringLiteral("queue-seconds"),
        QStringLiteral("Seconds per claim + finish run (default 3)."), QStringLiteral("S"));
    const QCommandLineOption connections(QStringLiteral("connections"),
        QStringLiteral("Connections of the claim + finish runs (default 1,2,4)."),
        QStringLiteral("LIST"));
    const QCommandLineOption batch(QStringLiteral("batch"),
        QStringLiteral("Tasks per transaction of the batched claim + finish runs (default 16; "
                       "1: none)."),
        QStringLiteral("N"));
    const QCommandLineOption e2eTasks(QStringLiteral("e2e-tasks"),
        QStringLiteral("/bin/true tasks for the worker and for xargs (default 2000)."),
        QStringLiteral("N"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
        QStringLiteral("The worker's concurrency and xargs -P (default 4)."), QStringLiteral("P"));
    const QCommandLineOption latencyRuns(QStringLiteral("latency-runs"),
        QStringLiteral("Cancels and worker kills per backend (default 5)."), QStringLiteral("N"));
    const QCommandLineOption worker(QStringLiteral("worker"),
        QStringLiteral("The taskdesk-worker binary (default: the one built with this)."),
        QStringLiteral("FILE"));
    const QCommandLineOption baselineLimit(QStringLiteral("baseline-limit-mb"),
        QStringLiteral("The baseline stops fetching rows beyond this RSS (default 8000)."),
        QStringLiteral("MB"));
    const QCommandLineOption keep(
        QStringLiteral("keep"), QStringLiteral("Keep the PostgreSQL database afterwards."));
    QCommandLineOption child(QStringLiteral("child"),
        QStringLiteral("Internal: measure one model in this process."), QStringLiteral("KIND"));
    child.setFlags(QCommandLineOption::HiddenFromHelp);
    p.addOptions({tasks, db, postgres, noPostgres, parts, json, table, jumps, sweepRuns,
        queueSeconds, connections, batch, e2eTasks, concurrency, latencyRuns, worker, baselineLimit,
        keep, child});
    if (!p.parse(arguments)) {
        error = p.errorText();
        return false;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(p.helpText()), stdout);
        std::exit(ExitOk);
    }
    auto number = [&](const QCommandLineOption &option, auto &target, double min, double max) {
        if (!p.isSet(option))
            return true;
        bool ok = false;
        const double v = p.value(option).toDouble(&ok);
        if (!ok || v < min || v > max) {
            error = QStringLiteral("--%1 must be between %2 and %3")
                        .arg(option.names().constFirst())
                        .arg(min)
                        .arg(max);
            return false;
        }
        target = static_cast<std::decay_t<decltype(target)>>(v);
        return true;
    };
    if (!number(tasks, o.tasks, 0, 100'000'000) || !number(jumps, o.jumps, 1, 100000)
        || !number(sweepRuns, o.sweepRuns, 1, 100)
        || !number(queueSeconds, o.queueSeconds, 0.1, 600)
        || !number(e2eTasks, o.e2eTasks, 1, 1'000'000)
        || !number(concurrency, o.concurrency, 1, 256)
        || !number(latencyRuns, o.latencyRuns, 1, 1000) || !number(batch, o.batch, 1, 500)
        || !number(baselineLimit, o.baselineLimitMb, 100, 1'000'000))
        return false;
    o.db = p.value(db);
    o.postgres = p.isSet(noPostgres)
        ? QString()
        : (p.isSet(postgres) ? p.value(postgres) : qEnvironmentVariable("TASKDESK_TEST_PG"));
    if (p.isSet(parts)) {
        o.parts.clear();
        for (const QString &part : p.value(parts).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int n = part.trimmed().toInt(&ok);
            if (!ok || n < 1 || n > 9) {
                error = QStringLiteral("--parts takes numbers from 1 to 9, e.g. 1,3");
                return false;
            }
            o.parts.insert(n);
        }
    }
    if (p.isSet(connections)) {
        o.connections.clear();
        for (const QString &n : p.value(connections).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int c = n.trimmed().toInt(&ok);
            if (!ok || c < 1 || c > 64) {
                error = QStringLiteral("--connections takes numbers from 1 to 64, e.g. 1,4");
                return false;
            }
            o.connections.append(c);
        }
    }
    o.jsonFile = p.value(json);
    o.table = p.isSet(table);
    o.keep = p.isSet(keep);
    o.child = p.value(child);
    o.workerBinary = p.isSet(worker) ? p.value(worker) : QStringLiteral(TASKDESK_WORKER_BINARY);
    QStringList shown = arguments;
    shown.first() = QStringLiteral("taskdesk-bench");
    o.command = shown.join(QLatin1Char(' '));
    return true;
}

// Runs one model in a child process of its own: its peak RSS is its own.
QJsonObject runChild(const QString &kind, const QString &url, const Options &o)
{
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({QStringLiteral("--child"), kind, QStringLiteral("--db"), url,
        QStringLiteral("--jumps"), QString::number(o.jumps), QStringLiteral("--baseline-limit-mb"),
        QString::number(o.baselineLimitMb), QStringLiteral("--tasks"), QString::number(o.tasks)});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start();
    QJsonObject out;
    if (!child.waitForFinished(4 * 3600 * 1000) || child.exitStatus() != QProcess::NormalExit) {
        child.kill();
        child.waitForFinished();
        out.insert(QStringLiteral("failures"),
            QJsonArray{QStringLiteral("the %1 child crashed or hung").arg(kind)});
        return out;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(child.readAllStandardOutput(), &error);
    if (!doc.isObject()) {
        out.insert(QStringLiteral("failures"),
            QJsonArray{
                QStringLiteral("the %1 child wrote no JSON: %2").arg(kind, error.errorString())});
        return out;
    }
    return doc.object();
}

int runChildProcess(int argc, char **argv, const Options &o)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QJsonObject out = o.child == QLatin1String("model") ? runModelChild(o)
        : o.child == QLatin1String("gui")                     ? runGuiChild(o)
        : o.child == QLatin1String("baseline")
        ? runBaselineChild(o)
        : QJsonObject{{QStringLiteral("failures"), QJsonArray{QStringLiteral("unknown child")}}};
    const QByteArray json = QJsonDocument(out).toJson(QJsonDocument::Compact);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    return ExitOk;
}

// Folds a part's failures into the report's list.
void collect(QJsonObject &report, const QString &part, const QJsonObject &result)
{
    QJsonArray failures = report.value(QStringLiteral("failures")).toArray();
    for (const QJsonValue &f : result.value(QStringLiteral("failures")).toArray())
        failures.append(QString(part + QStringLiteral(": ") + f.toString()));
    report.insert(QStringLiteral("failures"), failures);
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    Options o;
    QString error;
    if (!parseOptions(arguments, o, error)) {
        std::fprintf(stderr, "taskdesk-bench: %s (see --help)\n", qPrintable(error));
        return ExitUsage;
    }
    if (!o.child.isEmpty())
        return runChildProcess(argc, argv, o);

    QCoreApplication app(argc, argv);
    QJsonObject report;
    report.insert(QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    report.insert(QStringLiteral("command"), o.command);
    report.insert(QStringLiteral("machine"), machineInfo());
    report.insert(QStringLiteral("tasks"), o.tasks);
    report.insert(QStringLiteral("load_average_start"), loadAverage());
    report.insert(QStringLiteral("failures"), QJsonArray());
    QJsonObject loads;

    // The main database.
    QTemporaryDir tmp;
    QString url = o.db;
    if (url.isEmpty())
        url = QStringLiteral("sqlite://") + tmp.filePath(QStringLiteral("bench.db"));
    Result<DatabaseLocation> loc = locationOf(url);
    if (!loc.ok()) {
        std::fprintf(stderr, "taskdesk-bench: %s\n", qPrintable(loc.error().message()));
        return ExitUsage;
    }
    const QString mainBackend = loc->backend == DatabaseLocation::Backend::Postgres
        ? QStringLiteral("postgres")
        : QStringLiteral("sqlite");
    report.insert(QStringLiteral("backend"), mainBackend);
    Database db(*loc);
    if (Error e = db.open()) {
        std::fprintf(stderr, "taskdesk-bench: %s\n", qPrintable(e.message()));
        return ExitUsage;
    }
    progress(QStringLiteral("filling %1 with %2 tasks").arg(loc->display()).arg(o.tasks));
    Result<double> fill = ensureTasks(db, o.tasks);
    if (!fill.ok()) {
        std::fprintf(stderr, "taskdesk-bench: fill: %s\n", qPrintable(fill.error().message()));
        return ExitFailedCheck;
    }
    report.insert(QStringLiteral("fill_ms"), *fill);

    auto part = [&](int n, const QString &name, const std::function<QJsonObject()> &run) {
        if (!o.wants(n))
            return;
        progress(QStringLiteral("part %1: %2").arg(n).arg(name));
        loads.insert(name, loadAverage());
        const QJsonObject result = run();
        report.insert(name, result);
        collect(report, name, result);
    };
    part(1, QStringLiteral("model"), [&] { return runChild(QStringLiteral("model"), url, o); });
    part(2, QStringLiteral("baseline"),
        [&] { return runChild(QStringLiteral("baseline"), url, o); });
    part(3, QStringLiteral("sweeper"), [&] { return runSweeperBench(db, o); });
    part(7, QStringLiteral("gui"), [&] { return runChild(QStringLiteral("gui"), url, o); });

    // PostgreSQL: a database of our own on the server, filled alike.
    std::unique_ptr<PostgresScratch> pg;
    if (!o.postgres.isEmpty() && (o.wants(4) || o.wants(6) || o.wants(8) || o.wants(9))) {
        pg = std::make_unique<PostgresScratch>(o.postgres);
        if (!pg->isValid()) {
            collect(report, QStringLiteral("postgres"),
                QJsonObject{{QStringLiteral("failures"), QJsonArray{pg->errorString()}}});
            pg.reset();
        } else {
            Result<DatabaseLocation> pgLoc = locationOf(pg->url());
            Database pgdb(*pgLoc);
            Error e = pgdb.open();
            progress(QStringLiteral("filling PostgreSQL with %1 tasks").arg(o.tasks));
            Result<double> pgFill = e ? Result<double>(e) : ensureTasks(pgdb, o.tasks);
            if (!pgFill.ok()) {
                collect(report, QStringLiteral("postgres"),
                    QJsonObject{
                        {QStringLiteral("failures"), QJsonArray{pgFill.error().message()}}});
                pg.reset();
            } else {
                report.insert(QStringLiteral("postgres_fill_ms"), *pgFill);
                // A server in use has long vacuumed and analysed its tables; a
                // fresh million-row fill would otherwise be vacuumed by autovacuum
                // in the middle of the claims.
                progress(QStringLiteral("VACUUM ANALYZE on PostgreSQL"));
                QElapsedTimer vacuum;
                vacuum.start();
                if (Error failed = pgLoc->execAlone(QStringLiteral("VACUUM (ANALYZE)")))
                    collect(report, QStringLiteral("postgres"),
                        QJsonObject{{QStringLiteral("failures"),
                            QJsonArray{QString(
                                QStringLiteral("VACUUM ANALYZE failed: ") + failed.message())}}});
                report.insert(QStringLiteral("postgres_vacuum_ms"), double(vacuum.elapsed()));
            }
        }
    }
    // A part measured on the main database, then on PostgreSQL when a server is
    // there and the main one is SQLite; the failures of both, each named by its
    // backend.
    auto bothBackends = [&](QJsonObject (*measure)(const QString &, const Options &)) {
        QJsonObject out{{mainBackend, measure(url, o)}};
        if (pg && mainBackend != QLatin1String("postgres"))
            out.insert(QStringLiteral("postgres"), measure(pg->url(), o));
        QJsonArray failures;
        for (auto it = out.constBegin(); it != out.constEnd(); ++it)
            for (const QJsonValue &f : it->toObject().value(QStringLiteral("failures")).toArray())
                failures.append(QString(it.key() + QStringLiteral(": ") + f.toString()));
        if (!failures.isEmpty())
            out.insert(QStringLiteral("failures"), failures);
        return out;
    };
    part(4, QStringLiteral("queue"), [&] { return bothBackends(&runQueueBench); });
    part(5, QStringLiteral("worker_e2e"), [&] { return runWorkerE2e(url, o); });
    part(6, QStringLiteral("latency"), [&] { return bothBackends(&runLatencyBench); });
    part(8, QStringLiteral("source"), [&] { return bothBackends(&runSourceBench); });
    part(9, QStringLiteral("metrics"), [&] { return bothBackends(&runMetricsBench); });
    if (pg && o.keep) {
        progress(QStringLiteral("keeping %1").arg(pg->url()));
        pg->keep();
    }
    pg.reset();

    report.insert(QStringLiteral("load_average_per_part"), loads);
    report.insert(QStringLiteral("load_average_end"), loadAverage());
    report.insert(QStringLiteral("targets"), evaluateTargets(report));

    const QByteArray json = QJsonDocument(report).toJson(QJsonDocument::Indented);
    if (o.jsonFile.isEmpty()) {
        std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    } else {
        QFile f(o.jsonFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(json) != json.size()) {
            std::fprintf(stderr, "taskdesk-bench: cannot write %s\n", qPrintable(o.jsonFile));
            return ExitFailedCheck;
        }
    }
    const QByteArray table = formatTable(report).toUtf8();
    std::fwrite(table.constData(), 1, size_t(table.size()), o.table ? stdout : stderr);
    return report.value(QStringLiteral("failures")).toArray().isEmpty() ? ExitOk : ExitFailedCheck;
}
