// taskdesk-worker: claims tasks, runs them, heartbeats. The work is done by
// Worker in taskdesk_core; this file only reads the command line and wires it up.

#include "core/database.h"
#include "core/worker/unixsignalwatcher.h"
#include "core/worker/worker.h"
#include "core/worker/workerconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <cstdio>

using namespace taskdesk;

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 2, ExitDatabase = 3 };

int fail(int code, const QString &message)
{
    std::fprintf(stderr, "taskdesk-worker: %s\n", qPrintable(message));
    return code;
}

// A PostgreSQL server that cannot be reached (restarting, not up yet at boot)
// is waited for with backoff rather than exiting: whoever runs the worker would
// only start it again and again, and the Supervisor counts each such exit
// toward FATAL. False: a stop signal came first.
bool waitForServer(Database &db, UnixSignalWatcher &unixSignals)
{
    QElapsedTimer sinceWarning;
    int delayMs = 250;
    for (;;) {
        const Result<QSqlDatabase> connection = db.connection();
        if (connection.ok()) {
            if (sinceWarning.isValid())
                qInfo("the database is reachable");
            return true;
        }
        if (!sinceWarning.isValid() || sinceWarning.hasExpired(60000)) {
            qWarning("%s; waiting for it (SIGTERM stops the worker)",
                qPrintable(connection.error().message()));
            sinceWarning.start();
        }
        QEventLoop wait;
        bool stop = false;
        QTimer::singleShot(delayMs, &wait, &QEventLoop::quit);
        QObject::connect(&unixSignals, &UnixSignalWatcher::signalReceived, &wait,
            [&wait, &stop](int signalNumber) {
                if (signalNumber == SIGPIPE)
                    return;
                stop = true;
                wait.quit();
            });
        wait.exec();
        if (stop)
            return false;
        delayMs = std::min(delayMs * 2, 10000);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("taskdesk-worker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TASKDESK_VERSION));
    // QT_MESSAGE_PATTERN, when set, still wins.
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd HH:mm:ss.zzz} taskdesk-worker[%{pid}] "
                                      "%{if-warning}warning: %{endif}%{if-critical}error: "
                                      "%{endif}%{message}"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Claims due Taskdesk tasks, runs the program that its configuration names for each "
        "task kind, and heartbeats them. SIGTERM or SIGINT stops it gracefully. The "
        "configuration file is described in docs/worker.md."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral("The database: a path, sqlite:///path or postgresql://… (default: "
                       "TASKDESK_DB, else the user's data folder)."),
        QStringLiteral("URL"));
    const QCommandLineOption configOption(QStringLiteral("config"),
        QStringLiteral("The worker's configuration file (INI)."), QStringLiteral("FILE"));
    const QCommandLineOption nameOption(QStringLiteral("name"),
        QStringLiteral("The worker's name (default: [worker] name, else \"worker\")."),
        QStringLiteral("NAME"));
    const QCommandLineOption onceOption(QStringLiteral("once"),
        QStringLiteral("Run what is due, then exit when nothing is left to claim."));
    parser.addOptions({dbOption, configOption, nameOption, onceOption});
    if (!parser.parse(QCoreApplication::arguments()))
        return fail(ExitUsage, parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(ExitOk);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return fail(ExitUsage,
            QStringLiteral("unexpected argument '%1' (see --help)")
                .arg(parser.positionalArguments().constFirst()));
    if (!parser.isSet(configOption))
        return fail(ExitUsage, QStringLiteral("--config FILE is required (see --help)"));

    Result<WorkerConfig> config = WorkerConfig::load(parser.value(configOption));
    if (!config.ok())
        return fail(ExitUsage, config.error().message());
    Result<DatabaseLocation> location
        = DatabaseLocation::parse(DatabaseLocation::resolve(parser.value(dbOption)));
    if (!location.ok())
        return fail(ExitUsage, location.error().message());
    Database db(*location);
    // SIGPIPE is caught (and ignored) rather than set to SIG_IGN: a caught signal
    // is reset for the programs we start, an ignored one would be inherited.
    UnixSignalWatcher unixSignals({SIGTERM, SIGINT, SIGPIPE});
    // --once is for scripts and cron jobs: they get the error at once.
    if (db.isPostgres() && !parser.isSet(onceOption) && !waitForServer(db, unixSignals))
        return ExitOk;
    // Only `taskdeskctl init` makes a database: a mistyped path is refused, as
    // taskdeskctl refuses it, instead of becoming a new empty file to wait on.
    if (!db.isPostgres()) {
        const QFileInfo file(location->path);
        if (!file.exists() || (file.isFile() && file.size() == 0))
            return fail(ExitDatabase,
                QStringLiteral("no database at %1; run 'taskdeskctl init'").arg(location->path));
    }
    if (db.isPostgres()) {
        Result<QSqlDatabase> connection = db.connection();
        if (!connection.ok())
            return fail(ExitDatabase, connection.error().message());
        if (db.currentVersion() <= 0)
            return fail(ExitDatabase,
                QStringLiteral("no Taskdesk schema in %1; run 'taskdeskctl init'")
                    .arg(location->display()));
    }
    if (Error e = db.open())
        return fail(ExitDatabase, e.message());

    Worker worker(db, *config, parser.value(nameOption));
    worker.setRunOnce(parser.isSet(onceOption));
    QObject::connect(
        &unixSignals, &UnixSignalWatcher::signalReceived, &worker, [&worker](int signalNumber) {
            if (signalNumber == SIGPIPE)
                return;
            qInfo("received %s", signalNumber == SIGINT ? "SIGINT" : "SIGTERM");
            worker.stop();
        });
    QObject::connect(&worker, &Worker::stopped, &app,
        [&worker] { QCoreApplication::exit(worker.failure().isEmpty() ? ExitOk : ExitDatabase); });
    if (Error e = worker.start())
        return fail(ExitDatabase, QStringLiteral("cannot register the worker: ") + e.message());
    return QCoreApplication::exec();
}
