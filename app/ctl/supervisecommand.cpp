#include "supervisecommand.h"

#include "core/alerts/alertengine.h"
#include "core/alerts/alertmetrics.h"
#include "core/changenotifier.h"
#include "core/metrics/listenaddress.h"
#include "core/metrics/metricscollector.h"
#include "core/metrics/metricsserver.h"
#include "core/scheduling/scheduler.h"
#include "core/scheduling/sweeper.h"
#include "core/settings.h"
#include "core/supervisor/allowlist.h"
#include "core/supervisor/processstore.h"
#include "core/supervisor/supervisor.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"
#include "ctl/runtimesupport.h"
#include "ctl/stopsignal.h"

#include <QDateTime>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace taskdesk::ctl {

namespace {

Q_LOGGING_CATEGORY(lcSupervise, "taskdesk.supervise")

// Every message, ours and the core's (supervisor, sweeper, scheduler), as one
// line on standard error with a local timestamp: what a journal or a log file
// of a service wants.
void logLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QString line = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
        + QLatin1Char(' ');
    switch (type) {
    case QtDebugMsg:
        line += QStringLiteral("debug: ");
        break;
    case QtInfoMsg:
        break;
    case QtWarningMsg:
        line += QStringLiteral("warning: ");
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        line += QStringLiteral("error: ");
        break;
    }
    QString category = QString::fromLatin1(context.category ? context.category : "default");
    if (category.startsWith(QLatin1String("taskdesk.")))
        category = category.mid(int(qstrlen("taskdesk.")));
    if (category != QLatin1String("default"))
        line += category + QStringLiteral(": ");
    line += singleLine(message) + QLatin1Char('\n');
    std::fputs(line.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

// What the sweeper and the scheduler of this supervisor do, in its log;
// `context` ends the connections (a stop disconnects them from it).
void logSweeper(Sweeper &s, QObject *context)
{
    QObject::connect(&s, &Sweeper::activeChanged, context, [](bool active) {
        qCInfo(lcSupervise).noquote() << (active ? "the sweeper acts from here"
                                                 : "the sweeper stands by: another one is active");
    });
    QObject::connect(&s, &Sweeper::swept, context, [](const SweepReport &report) {
        const CleanupReport &t = report.tasks;
        if (!t.runningRequeued.isEmpty())
            qCInfo(lcSupervise).noquote()
                << "sweeper re-queued tasks of lost workers:" << idListText(t.runningRequeued);
        if (!t.runningFailed.isEmpty())
            qCInfo(lcSupervise).noquote() << "sweeper failed tasks of lost workers (worker_lost):"
                                          << idListText(t.runningFailed);
        if (!t.queuedFailed.isEmpty())
            qCInfo(lcSupervise).noquote()
                << "sweeper failed tasks stuck in the queue (stuck_swept):"
                << idListText(t.queuedFailed);
        for (const LostWorker &w : report.workersLost)
            qCInfo(lcSupervise).noquote()
                << "sweeper marked worker" << w.id << "lost: no heartbeat for" << duration(w.ageMs);
    });
    QObject::connect(&s, &Sweeper::newStuckTasks, context, [](int count) {
        qCInfo(lcSupervise).noquote()
            << "sweeper found" << counted(count, QStringLiteral("new stuck task"));
    });
}

void logScheduler(Scheduler &s, QObject *context)
{
    QObject::connect(&s, &Scheduler::activeChanged, context, [](bool active) {
        qCInfo(lcSupervise).noquote()
            << (active ? "the scheduler acts from here"
                       : "the scheduler stands by: another one is active");
    });
    QObject::connect(
        &s, &Scheduler::enqueued, context, [](qint64 scheduleId, qint64 taskId, qint64 slotAt) {
            qCInfo(lcSupervise).noquote() << "schedule" << scheduleId << "enqueued task" << taskId
                                          << "for its slot" << localTime(slotAt);
        });
}

void logAlerts(AlertEngine &a, QObject *context)
{
    QObject::connect(&a, &AlertEngine::activeChanged, context, [](bool active) {
        qCInfo(lcSupervise).noquote()
            << (active ? "the alert engine acts from here"
                       : "the alert engine stands by: another one is active");
    });
    QObject::connect(&a, &AlertEngine::deliveryFinished, context,
        [](qint64 id, const QString &channel, const QString &status) {
            qCInfo(lcSupervise).noquote() << "alert delivery" << id << "to" << channel << status;
        });
}

// Installs logLine() for as long as it lives.
class ServiceLog final
{
public:
    ServiceLog()
        : m_previous(qInstallMessageHandler(logLine))
    { }
    ~ServiceLog() { qInstallMessageHandler(m_previous); }
    ServiceLog(const ServiceLog &) = delete;
    ServiceLog &operator=(const ServiceLog &) = delete;

private:
    QtMessageHandler m_previous;
};

class SuperviseCommand final : public Command
{
public:
    // Time for the processes to go after their own stop grace has passed and
    // SIGKILL was sent, before supervise gives up waiting.
    static constexpr int kStopMarginMs = 15000;

    QString name() const override { return QStringLiteral("supervise"); }
    QString summary() const override
    {
        return QStringLiteral("Run this host's processes, the sweeper and the scheduler until "
                              "SIGTERM.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "What the Taskdesk app does in the background, for servers and systemd: it keeps "
            "the process definitions of this host in their desired state (one supervisor acts "
            "per host: while another holds the host, this one waits), runs the sweeper, the "
            "scheduler and the alert engine (one of each acts across all hosts; the others stand "
            "by), and logs what "
            "happens on standard error with timestamps. On SIGTERM or SIGINT it stops the "
            "processes it runs (SIGTERM to each process group, SIGKILL to what is left of the "
            "group after its stop grace), leaves their desired state as it is so that the next "
            "supervisor starts them again, and exits 0 once every group is gone; exit 1 if some "
            "would not stop in time (they are then left running).");
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            {QStringLiteral("no-sweeper"), QStringLiteral("Do not run the sweeper here.")},
            {QStringLiteral("no-scheduler"), QStringLiteral("Do not run the scheduler here.")},
            {QStringLiteral("no-alerts"),
                QStringLiteral("Do not check the alert rules nor send alerts from here.")},
            {QStringLiteral("host"),
                QStringLiteral("Act for host H (default: this host, %1).")
                    .arg(AuditLog::localHost()),
                QStringLiteral("H")},
            {QStringLiteral("allow"),
                QStringLiteral("Run only the programs that FILE lists (one absolute path a line, "
                               "optionally with the exact arguments allowed); a definition it "
                               "does not list goes FATAL and never runs. Read at every start."),
                QStringLiteral("FILE")},
            {QStringLiteral("listen"),
                QStringLiteral("Serve /metrics, /livez, /readyz and /healthz over HTTP on "
                               "[ADDRESS:]PORT (a port alone: 127.0.0.1; 0.0.0.0:PORT or "
                               "[::]:PORT only when written). Overrides the metrics.listen "
                               "setting; an empty value turns it off."),
                QStringLiteral("ADDRESS")},
        };
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl --db postgresql://taskdesk@db1/taskdesk supervise"),
            QStringLiteral("taskdeskctl supervise --listen 9464"),
            QStringLiteral("systemctl enable --now taskdesk-supervise")};
    }

    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        m_sweeper = !parser.isSet(QStringLiteral("no-sweeper"));
        m_scheduler = !parser.isSet(QStringLiteral("no-scheduler"));
        m_alerts = !parser.isSet(QStringLiteral("no-alerts"));
        if (parser.isSet(QStringLiteral("host"))) {
            m_host = parser.value(QStringLiteral("host")).trimmed();
            if (m_host.isEmpty() || m_host.contains(QLatin1Char(' ')))
                return Error::invalid(QStringLiteral("--host needs a host name without spaces"));
        }
        if (parser.isSet(QStringLiteral("allow"))) {
            m_allowList = parser.value(QStringLiteral("allow"));
            const Result<AllowList> allowed = AllowList::load(m_allowList);
            if (!allowed.ok())
                return allowed.error();
        }
        if (parser.isSet(QStringLiteral("listen"))) {
            m_listenSet = true;
            m_listen = parser.value(QStringLiteral("listen")).trimmed();
            if (Error e = ListenAddress::check(m_listen))
                return Error::invalid(QStringLiteral("--listen: ") + e.message());
        }
        return {};
    }
    Access access() const override { return Access::Write; }

    int run(CtlContext &context) override
    {
        Database &db = context.database();
        // A bad address or a port in use is said before anything starts.
        std::unique_ptr<MetricsServer> metrics;
        if (Error e = startMetrics(context, metrics))
            return context.fail(e);

        const ServiceLog log;
        const StopSignal stop;

        SupervisorOptions options;
        options.host = m_host;
        options.allowList = m_allowList;
        Supervisor supervisor(db, options);
        std::unique_ptr<Sweeper> sweeper;
        if (m_sweeper)
            sweeper = std::make_unique<Sweeper>(db);
        std::unique_ptr<Scheduler> scheduler;
        if (m_scheduler)
            scheduler = std::make_unique<Scheduler>(db);
        std::unique_ptr<AlertEngine> alerts;
        if (m_alerts)
            alerts = std::make_unique<AlertEngine>(db);
        ChangeNotifier notifier(db.location());
        QEventLoop loop;
        int exitCode = ExitOk;

        qCInfo(lcSupervise).noquote()
            << "supervising host" << supervisor.host() << "on" << db.location().display() << "as"
            << supervisor.holder() << "(sweeper" << (m_sweeper ? "on," : "off,") << "scheduler"
            << (m_scheduler ? "on)" : "off)");
        logMetrics(metrics.get());
        ProcessStore store(db, context.actor());
        if (Result<QString> other = store.supervisorOf(supervisor.host());
            other.ok() && !other->isEmpty())
            qCInfo(lcSupervise).noquote() << "host" << supervisor.host() << "is supervised by"
                                          << *other << "now; this one waits until it stops";

        // A change of a process definition or of a desired state, pushed by
        // PostgreSQL, gets a round at once rather than at the next poll; a burst
        // of notifications (the supervisor's own writes among them) makes one round.
        QTimer pushedPoll;
        pushedPoll.setSingleShot(true);
        pushedPoll.setInterval(50);
        QObject::connect(&pushedPoll, &QTimer::timeout, &supervisor, &Supervisor::poll);
        QObject::connect(
            &notifier, &ChangeNotifier::changed, &pushedPoll, [&pushedPoll](const QString &table) {
                if (table == QLatin1String("processes") && !pushedPoll.isActive())
                    pushedPoll.start();
            });

        if (sweeper)
            logSweeper(*sweeper, &loop);
        if (scheduler)
            logScheduler(*scheduler, &loop);
        if (alerts)
            logAlerts(*alerts, &loop);

        QTimer bound;
        bound.setSingleShot(true);
        QObject::connect(&bound, &QTimer::timeout, &loop, [&supervisor, &loop, &exitCode] {
            qCWarning(lcSupervise).noquote()
                << supervisor.aliveCount()
                << "process(es) did not stop in time; leaving them running";
            supervisor.detach();
            exitCode = ExitRefused;
            loop.quit();
        });
        QObject::connect(&supervisor, &Supervisor::allStopped, &loop, [&loop] { loop.quit(); });

        bool stopping = false;
        QTimer watch;
        watch.setInterval(100);
        QObject::connect(&watch, &QTimer::timeout, &loop,
            [&stopping, &stop, &watch, &pushedPoll, &scheduler, &sweeper, &alerts, &loop, &bound,
                &store, &supervisor] {
                if (stopping || !stop.requested())
                    return;
                stopping = true;
                watch.stop();
                qCInfo(lcSupervise).noquote() << "stop requested: stopping the processes";
                pushedPoll.stop();
                // Their "not active any more" is this stop, not another one taking over.
                if (scheduler) {
                    QObject::disconnect(scheduler.get(), nullptr, &loop, nullptr);
                    scheduler->stop();
                }
                if (sweeper) {
                    QObject::disconnect(sweeper.get(), nullptr, &loop, nullptr);
                    sweeper->stop();
                }
                if (alerts) {
                    QObject::disconnect(alerts.get(), nullptr, &loop, nullptr);
                    alerts->stop();
                }
                bound.start(stopBoundMs(store, supervisor.host()));
                supervisor.stopAll();
            });

        supervisor.start();
        if (sweeper)
            sweeper->start();
        if (scheduler)
            scheduler->start();
        if (alerts)
            alerts->start();
        if (notifier.isPushAvailable())
            notifier.start();
        // After their first passes (queued by start()): one that stands by from
        // the beginning never changes its active state, so it is said here.
        QTimer::singleShot(0, &loop, [&sweeper, &scheduler] {
            if (sweeper && !sweeper->isActive())
                qCInfo(lcSupervise).noquote() << "the sweeper stands by: another one is active";
            if (scheduler && !scheduler->isActive())
                qCInfo(lcSupervise).noquote() << "the scheduler stands by: another one is active";
        });
        watch.start();
        loop.exec();

        if (metrics)
            metrics->stop();
        qCInfo(lcSupervise).noquote() << "supervise ends";
        return exitCode;
    }

private:
    // The HTTP server of --listen, or of the metrics.listen setting; none when
    // both are empty.
    Error startMetrics(CtlContext &context, std::unique_ptr<MetricsServer> &server) const
    {
        QString listen = m_listen;
        if (!m_listenSet) {
            Settings settings(context.database(), context.actor());
            Result<QString> stored = settings.value(QString(SettingKey::MetricsListen));
            if (!stored.ok())
                return stored.error();
            if (Error e = Settings::validate(QString(SettingKey::MetricsListen), *stored))
                return Error::invalid(
                    QStringLiteral("the stored setting is not valid: %1").arg(e.message()));
            listen = stored->trimmed();
        }
        if (listen.isEmpty())
            return {};
        Result<ListenAddress> address = ListenAddress::parse(listen);
        if (!address.ok())
            return address.error();
        MetricsServerOptions options;
        options.listen = *address;
        options.host = m_host.isEmpty() ? AuditLog::localHost() : m_host;
        // Called on the server's database thread, with that thread's connection.
        auto collector = std::make_shared<MetricsCollector>(context.database());
        collector->addSource(alertMetrics);
        server = std::make_unique<MetricsServer>(context.database(), options,
            MetricsServer::Provider([collector] { return collector->collect(); }));
        if (Error e = server->start()) {
            server.reset();
            return e;
        }
        return {};
    }

    // Said once the service log is in place.
    static void logMetrics(const MetricsServer *server)
    {
        if (server)
            qCInfo(lcSupervise).noquote()
                << "serving /metrics, /livez, /readyz and /healthz on"
                << QString(QStringLiteral("http://") + server->boundAddress().display());
    }

    // The longest stop grace of this host's processes, and a margin: after
    // that the supervisor has sent SIGKILL to every group long ago.
    static int stopBoundMs(ProcessStore &store, const QString &host)
    {
        int graceMs = 60000; // when the definitions cannot be read
        if (Result<QVector<ProcessInfo>> list = store.list(host); list.ok()) {
            graceMs = 0;
            for (const ProcessInfo &info : std::as_const(list.value()))
                graceMs = std::max(graceMs, info.definition.stopGraceMs);
        }
        return graceMs + kStopMarginMs;
    }

    bool m_sweeper = true;
    bool m_scheduler = true;
    bool m_alerts = true;
    QString m_host;
    QString m_allowList;
    bool m_listenSet = false; // else the metrics.listen setting decides
    QString m_listen;
};

} // namespace

void addSuperviseCommand(CommandRegistry &registry)
{
    registry.add(std::make_unique<SuperviseCommand>());
}

} // namespace taskdesk::ctl
