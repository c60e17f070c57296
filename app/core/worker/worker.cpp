#include "worker.h"

#include "core/changenotifier.h"

#include "core/auditlog.h"
#include "core/cleanenvironment.h"
#include "core/database.h"
#include "core/processgroup.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/leftoverreaper.h"
#include "core/worker/taskrun.h"
#include "core/worker/workerlog.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <csignal>

namespace taskdesk {

Q_LOGGING_CATEGORY(lcWorker, "taskdesk.worker", QtInfoMsg)

namespace {

// Leases are checked at least this often, whatever the heartbeat interval, so
// that a Cancel or Force Stop reaches the process group well within a second.
constexpr int kLeaseCheckMs = 250;
// How often a worker looks for what dead workers of its host left running.
constexpr int kLeftoverCheckMs = 1000;

} // namespace

Worker::Worker(Database &db, WorkerConfig config, const QString &name, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_store(db)
    , m_registry(db)
    , m_config(std::move(config))
    , m_name(name.isEmpty() ? (m_config.name.isEmpty() ? QStringLiteral("worker") : m_config.name)
                            : name)
    , m_id(makeId(m_name))
{
    m_store.setActor(m_id);
    // Tasks never see the worker's own environment (its database location,
    // PG* variables, a service's secrets): only the clean base and what the
    // configuration names.
    const QProcessEnvironment own = QProcessEnvironment::systemEnvironment();
    m_environment = cleanEnvironment(own);
    passEnvironment(m_environment, m_config.passEnvironment, own);
    for (auto it = m_config.environment.cbegin(); it != m_config.environment.cend(); ++it)
        m_environment.insert(it.key(), it.value());
    RetryPolicy retry;
    retry.baseMs = m_config.retryBaseMs;
    retry.capMs = m_config.retryCapMs;
    m_store.setRetryPolicy(retry);

    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &Worker::claimWork);
    m_successTimer.setSingleShot(true);
    connect(&m_successTimer, &QTimer::timeout, this, &Worker::writeSuccesses);
    m_tickTimer.setInterval(std::min(m_config.heartbeatMs, kLeaseCheckMs));
    connect(&m_tickTimer, &QTimer::timeout, this, &Worker::tick);
    m_shutdownTimer.setSingleShot(true);
    connect(&m_shutdownTimer, &QTimer::timeout, this, &Worker::onShutdownDeadline);
    m_stragglerTimer.setInterval(100);
    connect(&m_stragglerTimer, &QTimer::timeout, this, &Worker::checkStragglers);
    // A burst of notifications (every heartbeat of every worker is one) is
    // folded into one claim attempt and one lease check.
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(10);
    connect(&m_notifyTimer, &QTimer::timeout, this, &Worker::onDatabaseChanged);
    m_reaper = std::make_unique<LeftoverReaper>(db);
    m_reaper->setGraceMs(m_config.stopGraceMs);
    connect(m_reaper.get(), &LeftoverReaper::closed, this, [this] {
        if (!m_stopping && m_runs.size() < m_config.concurrency)
            m_pollTimer.start(0);
    });
    if (db.isPostgres()) {
        m_notifier = std::make_unique<ChangeNotifier>(db.location());
        connect(m_notifier.get(), &ChangeNotifier::changed, this, [this](const QString &table) {
            // A closed execution may make a waiting task claimable.
            if (table.isEmpty() || table == QLatin1String("tasks")
                || table == QLatin1String("executions"))
                m_notifyTimer.start();
        });
    }
}

Worker::~Worker() = default;

QString Worker::makeId(const QString &name)
{
    const QString fromEnv = qEnvironmentVariable("TASKDESK_WORKER_ID").trimmed();
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStringLiteral("%1@%2:%3")
        .arg(name, AuditLog::localHost())
        .arg(QCoreApplication::applicationPid());
}

Error Worker::start()
{
    if (m_started)
        return {};
    WorkerInfo info;
    info.id = m_id;
    info.name = m_name;
    info.host = AuditLog::localHost();
    info.pid = QCoreApplication::applicationPid();
    info.queues = m_config.queues;
    info.concurrency = m_config.concurrency;
    info.version = QStringLiteral(TASKDESK_VERSION);
    if (Error e = m_registry.registerWorker(info))
        return e;
    m_started = true;
    // Before the first claim: what dead workers of this host left running gets
    // SIGTERM (SIGKILL after the grace), and their executions close once it
    // is gone; until then their tasks are not claimed by anyone.
    if (Result<int> reaped = m_reaper->pass(); !reaped.ok())
        noteDatabase(reaped.error(), QStringLiteral("leftover check"));
    m_reaper->start(kLeftoverCheckMs);
    const QString queues = m_config.queues.isEmpty() ? QStringLiteral("(all)")
                                                     : m_config.queues.join(QLatin1Char(','));
    qCInfo(lcWorker).noquote() << QStringLiteral("worker %1 started: queues %2, concurrency %3, "
                                                 "kinds %4")
                                      .arg(m_id, queues)
                                      .arg(m_config.concurrency)
                                      .arg(m_config.kinds.keys().join(QLatin1Char(',')));
    m_sinceHeartbeat.start();
    m_tickTimer.start();
    m_pollTimer.start(0);
    if (m_notifier)
        m_notifier->start();
    return {};
}

void Worker::onDatabaseChanged()
{
    if (!m_started || m_stopped)
        return;
    checkLeases();
    if (!m_stopping && m_runs.size() < m_config.concurrency)
        m_pollTimer.start(0);
}

void Worker::noteDatabase(const Error &error, const QString &what)
{
    // One line when an operation starts failing and one, with the count, when it
    // works again: not one per poll. Kept per operation: on a full disk the
    // reads work between two failed writes, and that is not the end of it.
    if (error) {
        if (m_failing[what]++ == 0)
            qCWarning(lcWorker).noquote()
                << QStringLiteral("database error (%1): %2; retrying").arg(what, error.message());
        return;
    }
    const auto failing = m_failing.constFind(what);
    if (failing == m_failing.constEnd())
        return;
    qCInfo(lcWorker).noquote()
        << QStringLiteral("%1 works again after %2 failed tries").arg(what).arg(*failing);
    m_failing.erase(failing);
}

void Worker::claimWork()
{
    if (!m_started || m_stopping)
        return;
    bool drained = false;
    while (m_runs.size() < m_config.concurrency) {
        // Every free slot in one transaction: one commit for all of them.
        Result<QVector<Claim>> claims = m_store.queue().claimMany(
            m_id, m_config.queues, m_config.concurrency - int(m_runs.size()));
        noteDatabase(claims.error(), QStringLiteral("claim"));
        if (!claims.ok())
            break;
        if (claims->isEmpty()) {
            drained = true;
            break;
        }
        for (const Claim &claim : *claims)
            startRun(claim);
    }
    if (m_once && drained && m_runs.isEmpty()) {
        qCInfo(lcWorker) << "nothing is due (--once): stopping";
        stop();
        return;
    }
    if (m_runs.size() < m_config.concurrency)
        m_pollTimer.start(m_config.pollMs);
}

void Worker::startRun(const Claim &claim)
{
    const auto command = m_config.kinds.constFind(claim.kind);
    if (command == m_config.kinds.constEnd()) {
        // Never run what the configuration does not name; the task fails for good.
        const QString message
            = QStringLiteral("unknown task kind '%1' on worker %2").arg(claim.kind, m_id);
        qCWarning(lcWorker).noquote() << QStringLiteral("task %1:").arg(claim.taskId) << message;
        Result<FinishResult> r = m_store.queue().finishError(
            claim.taskId, claim.lease, claim.attempt, message, Outcome::ErrorExit, false);
        noteDatabase(r.error(), QStringLiteral("finish"));
        return;
    }
    RunSettings settings;
    settings.workerId = m_id;
    settings.environment = m_environment;
    settings.stopGraceMs = m_config.stopGraceMs;
    settings.logCapLines = m_config.logCapLines;
    settings.logCapBytes = m_config.logCapBytes;
    auto *run = new TaskRun(m_store, claim, *command, settings, this);
    // By the run, not its task id: a run's done() is queued, and the same task
    // may be claimed again meanwhile (cancelled and restarted while its success
    // was being written); that new run must stay.
    connect(run, &TaskRun::done, this, [this, run](qint64) { onRunDone(run); });
    run->setSuccessBatch([this](TaskRun *r) { enlistSuccess(r); });
    connect(run, &TaskRun::groupOutlivedLeader, this, &Worker::trackStraggler);
    m_runs.insert(claim.taskId, run);
    run->start();
}

void Worker::onRunDone(TaskRun *run)
{
    if (m_runs.value(run->taskId()) == run)
        m_runs.remove(run->taskId());
    if (!run->executionClosed()) {
        m_unclosed.insert(run->lease(), run->groups());
        closeExecutions();
    }
    run->deleteLater();
    if (m_stopping)
        maybeFinishStop();
    else
        m_pollTimer.start(0);
}

void Worker::closeExecutions()
{
    // A task runs again only when its previous execution is known to be over:
    // its record closes when no member of any of its groups is left.
    QStringList over;
    for (auto it = m_unclosed.cbegin(); it != m_unclosed.cend(); ++it) {
        if (std::none_of(it->cbegin(), it->cend(),
                [](qint64 pgid) { return ProcessGroup::groupAlive(pgid); }))
            over << it.key();
    }
    if (over.isEmpty())
        return;
    Result<int> closed = ExecutionStore(m_store.database()).close(over);
    noteDatabase(closed.error(), QStringLiteral("close executions"));
    if (!closed.ok())
        return;
    for (const QString &lease : std::as_const(over))
        m_unclosed.remove(lease);
    if (!m_stopping && m_runs.size() < m_config.concurrency)
        m_pollTimer.start(0);
}

void Worker::enlistSuccess(TaskRun *run)
{
    m_successes.append(run);
    if (!m_successTimer.isActive())
        m_successTimer.start(0);
}

void Worker::writeSuccesses()
{
    QVector<TaskRun *> runs;
    QVector<std::pair<qint64, QString>> leases;
    QStringList stillRunning; // their executions stay open: a group lives on
    for (const QPointer<TaskRun> &run : std::as_const(m_successes)) {
        // Gone meanwhile (its lease was lost): nothing to write.
        if (run && m_runs.value(run->taskId()) == run) {
            runs.append(run);
            leases.append({run->taskId(), run->lease()});
            if (run->groupsAlive())
                stillRunning << run->lease();
        }
    }
    m_successes.clear();
    QVector<Claim> claims;
    for (qsizetype from = 0; from < runs.size(); from += TaskQueue::kMaxBatch) {
        const qsizetype n = std::min<qsizetype>(TaskQueue::kMaxBatch, runs.size() - from);
        // The slots these successes free are claimed again in the same commit:
        // one transaction per freed slot instead of two.
        const int free = m_started && !m_stopping
            ? std::clamp(m_config.concurrency - int(m_runs.size()) - int(claims.size()) + int(n), 0,
                TaskQueue::kMaxBatch)
            : 0;
        Result<TaskQueue::FinishedAndClaimed> written = m_store.queue().finishSuccessManyAndClaim(
            leases.mid(from, n), m_id, m_config.queues, free, stillRunning);
        if (!written.ok() && free > 0) {
            // A claim that failed took the results back with it: the results
            // alone, at once; the next poll claims the slots.
            noteDatabase(written.error(), QStringLiteral("finish and claim"));
            written = m_store.queue().finishSuccessManyAndClaim(
                leases.mid(from, n), m_id, {}, 0, stillRunning);
        }
        noteDatabase(written.error(), QStringLiteral("finish"));
        QSet<qint64> accepted;
        if (written.ok()) {
            accepted = QSet<qint64>(written->accepted.cbegin(), written->accepted.cend());
            claims += written->claims;
        }
        for (qsizetype i = from; i < from + n; ++i) {
            TaskRun *run = runs.at(i);
            if (!written.ok()) {
                run->successWritten(written.error());
                continue;
            }
            if (!stillRunning.contains(run->lease()))
                run->noteExecutionClosed();
            FinishResult result;
            result.accepted = accepted.contains(run->taskId());
            if (result.accepted)
                result.status = TaskStatus::Completed;
            run->successWritten(result);
        }
    }
    // The finished runs leave m_runs with their queued done(), after these start.
    for (const Claim &claim : std::as_const(claims))
        startRun(claim);
}

void Worker::tick()
{
    // A database file deleted or replaced under the worker: its writes would go
    // to a file nobody reads (or make a new one). Said once, then a stop; the
    // results of running tasks cannot be stored any more.
    if (Error e = m_db.checkFile(); e && m_failure.isEmpty() && !m_stopped) {
        m_failure = e.message();
        qCCritical(lcWorker).noquote() << QStringLiteral("%1: stopping").arg(m_failure);
        m_pollTimer.stop();
        stop();
        return;
    }
    if (!m_unclosed.isEmpty()) {
        closeExecutions();
        maybeFinishStop();
    }
    if (m_sinceHeartbeat.elapsed() + m_tickTimer.interval() / 2 >= m_config.heartbeatMs) {
        m_sinceHeartbeat.restart();
        heartbeatAll(); // a refused heartbeat is a lost lease, too
        return;
    }
    checkLeases();
}

void Worker::checkLeases()
{
    if (m_runs.isEmpty())
        return;
    Result<QHash<qint64, QString>> leases = m_registry.runningLeases(m_id);
    noteDatabase(leases.error(), QStringLiteral("lease check"));
    if (!leases.ok())
        return;
    // Copy: a lost lease may end a run (its done() is queued, but stay safe).
    const QList<TaskRun *> runs = m_runs.values();
    for (TaskRun *run : runs) {
        if (leases->value(run->taskId()) != run->lease())
            run->loseLease(QStringLiteral("its lease is gone"));
    }
}

void Worker::heartbeatAll()
{
    noteDatabase(m_registry.heartbeat(m_id), QStringLiteral("worker heartbeat"));
    const QList<TaskRun *> runs = m_runs.values();
    for (TaskRun *run : runs)
        run->heartbeat();
}

void Worker::trackStraggler(qint64 pid)
{
    if (!ProcessGroup::groupAlive(pid))
        return;
    if (m_hurry) {
        ProcessGroup::signalGroup(pid, SIGKILL);
        return;
    }
    m_stragglers.insert(pid, QDeadlineTimer(m_config.stopGraceMs));
    if (!m_stragglerTimer.isActive())
        m_stragglerTimer.start();
}

void Worker::checkStragglers()
{
    for (auto it = m_stragglers.begin(); it != m_stragglers.end();) {
        if (!ProcessGroup::groupAlive(it.key())) {
            it = m_stragglers.erase(it);
        } else if (it.value().hasExpired()) {
            qCInfo(lcWorker) << "process group" << it.key()
                             << "outlived its leader by the grace time: SIGKILL";
            ProcessGroup::signalGroup(it.key(), SIGKILL);
            it = m_stragglers.erase(it);
        } else {
            ++it;
        }
    }
    if (m_stragglers.isEmpty())
        m_stragglerTimer.stop();
    maybeFinishStop();
}

void Worker::killStragglers()
{
    for (auto it = m_stragglers.cbegin(); it != m_stragglers.cend(); ++it)
        ProcessGroup::signalGroup(it.key(), SIGKILL);
    m_stragglers.clear();
    m_stragglerTimer.stop();
}

void Worker::stop()
{
    if (m_stopped)
        return;
    if (m_stopping) {
        qCInfo(lcWorker) << "second stop request: killing every execution now";
        m_hurry = true;
        for (TaskRun *run : std::as_const(m_runs))
            run->killNow();
        killStragglers();
        maybeFinishStop();
        return;
    }
    m_stopping = true;
    m_pollTimer.stop();
    if (m_runs.isEmpty()) {
        qCInfo(lcWorker).noquote() << QStringLiteral("worker %1 stopping").arg(m_id);
    } else {
        qCInfo(lcWorker).noquote()
            << QStringLiteral("worker %1 stopping: SIGTERM to %2 running task(s), SIGKILL after "
                              "%3 s")
                   .arg(m_id)
                   .arg(m_runs.size())
                   .arg(double(m_config.stopGraceMs) / 1000.0);
    }
    const QList<TaskRun *> runs = m_runs.values();
    for (TaskRun *run : runs)
        run->stopForShutdown();
    // The executions get SIGKILL at the grace time; this deadline only covers a
    // process that does not even die of that, or a result the database refuses.
    m_shutdownTimer.start(m_config.stopGraceMs + 2000);
    QMetaObject::invokeMethod(this, &Worker::maybeFinishStop, Qt::QueuedConnection);
}

void Worker::onShutdownDeadline()
{
    const QList<TaskRun *> runs = m_runs.values();
    if (!runs.isEmpty())
        qCWarning(lcWorker) << runs.size() << "task(s) still held at the stop deadline: giving up";
    m_hurry = true;
    for (TaskRun *run : runs)
        run->abandon();
    killStragglers();
    maybeFinishStop();
}

void Worker::maybeFinishStop()
{
    if (!m_stopping || m_stopped || !m_runs.isEmpty() || !m_stragglers.isEmpty())
        return;
    closeExecutions();
    // Past the deadline an execution left open is closed by the next worker or
    // supervisor of this host, once its group is gone.
    if (!m_unclosed.isEmpty() && !m_hurry)
        return;
    m_stopped = true;
    m_reaper->stop();
    m_tickTimer.stop();
    m_shutdownTimer.stop();
    if (m_started) {
        if (Error e = m_registry.markStopped(m_id))
            qCWarning(lcWorker).noquote() << "could not mark the worker stopped:" << e.message();
    }
    qCInfo(lcWorker).noquote() << QStringLiteral("worker %1 stopped").arg(m_id);
    emit stopped();
}

} // namespace taskdesk
