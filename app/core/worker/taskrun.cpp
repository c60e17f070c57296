#include "taskrun.h"

#include "core/processgroup.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/localprocess.h"
#include "core/worker/workerlog.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <algorithm>
#include <csignal>

namespace taskdesk {

namespace {

constexpr int kStderrTailLines = 5;
constexpr int kStderrTailLineChars = 200;
constexpr int kFlushLines = 500; // flush early rather than hold a big batch
constexpr int kResultRetryMs = 1000;

QString signalName(int signalNumber)
{
    switch (signalNumber) {
    case SIGHUP:
        return QStringLiteral("SIGHUP");
    case SIGINT:
        return QStringLiteral("SIGINT");
    case SIGQUIT:
        return QStringLiteral("SIGQUIT");
    case SIGILL:
        return QStringLiteral("SIGILL");
    case SIGABRT:
        return QStringLiteral("SIGABRT");
    case SIGBUS:
        return QStringLiteral("SIGBUS");
    case SIGFPE:
        return QStringLiteral("SIGFPE");
    case SIGKILL:
        return QStringLiteral("SIGKILL");
    case SIGSEGV:
        return QStringLiteral("SIGSEGV");
    case SIGPIPE:
        return QStringLiteral("SIGPIPE");
    case SIGALRM:
        return QStringLiteral("SIGALRM");
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGUSR1:
        return QStringLiteral("SIGUSR1");
    case SIGUSR2:
        return QStringLiteral("SIGUSR2");
    default:
        return QStringLiteral("signal %1").arg(signalNumber);
    }
}

const QRegularExpression &progressPattern()
{
    static const QRegularExpression re(
        QStringLiteral("^taskdesk:progress\\s+(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*$"));
    return re;
}

} // namespace

TaskRun::TaskRun(
    TaskStore &store, Claim claim, KindCommand command, RunSettings settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_claim(std::move(claim))
    , m_command(std::move(command))
    , m_settings(std::move(settings))
    , m_stdout(m_settings.maxLineBytes)
    , m_stderr(m_settings.maxLineBytes)
{
    m_flushTimer.setInterval(m_settings.flushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &TaskRun::flushLog);
    m_timeLimitTimer.setSingleShot(true);
    m_timeLimitTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_timeLimitTimer, &QTimer::timeout, this, &TaskRun::armTimeLimit);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcWorker).noquote() << label() << "still running after the grace time: SIGKILL";
        signalGroup(SIGKILL);
    });
    m_resultRetryTimer.setSingleShot(true);
    connect(&m_resultRetryTimer, &QTimer::timeout, this, &TaskRun::tryRecordResult);
}

TaskRun::~TaskRun()
{
    if (!m_process)
        return;
    // QProcess's destructor waits for a live child (up to 30 s) and may emit
    // finished() into this half-destroyed object: disconnect, and make sure the
    // child is on its way out first.
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning)
        signalGroup(SIGKILL);
    delete m_process;
}

QString TaskRun::label() const
{
    return QStringLiteral("task %1 (%2)").arg(m_claim.taskId).arg(m_claim.kind);
}

const TaskItem *TaskRun::currentItem() const
{
    if (m_itemIndex < 0 || m_itemIndex >= m_claim.items.size())
        return nullptr;
    return &m_claim.items.at(m_itemIndex);
}

void TaskRun::start()
{
    m_elapsed.start();
    m_flushTimer.start();
    qCInfo(lcWorker).noquote()
        << label()
        << QStringLiteral("attempt %1/%2 started").arg(m_claim.attempt).arg(m_claim.maxAttempts);
    if (m_claim.items.isEmpty())
        startProcess();
    else
        runNextItem();
}

void TaskRun::runNextItem()
{
    // A retry runs again only what did not complete on an earlier attempt.
    do {
        ++m_itemIndex;
    } while (m_itemIndex < m_claim.items.size()
        && m_claim.items.at(m_itemIndex).status == TaskStatus::Completed);
    const TaskItem *item = currentItem();
    if (!item) {
        recordSuccess();
        return;
    }
    Result<bool> started = m_store.queue().startItem(m_claim.taskId, m_claim.lease, item->id);
    if (!started.ok()) {
        failAttempt(QStringLiteral("Item '%1' could not be started: %2")
                        .arg(item->label, started.error().message()));
        return;
    }
    if (!*started) {
        loseLease(QStringLiteral("item %1 could not be started").arg(item->id));
        return;
    }
    startProcess();
}

void TaskRun::startProcess()
{
    const TaskItem *item = currentItem();
    m_stdout = LineSplitter(m_settings.maxLineBytes);
    m_stderr = LineSplitter(m_settings.maxLineBytes);
    m_stderrTail.clear();

    // A failed start() leaks a file descriptor on Qt 6.4: check first.
    const QFileInfo program(m_command.program);
    if (!program.isFile() || !program.isExecutable()) {
        executionEnded(false,
            QStringLiteral("Could not start %1: it is missing or not executable")
                .arg(m_command.program));
        return;
    }

    QProcessEnvironment env = m_settings.environment;
    env.insert(QStringLiteral("TASKDESK_TASK_ID"), QString::number(m_claim.taskId));
    env.insert(QStringLiteral("TASKDESK_TASK_NAME"), m_claim.name);
    env.insert(QStringLiteral("TASKDESK_KIND"), m_claim.kind);
    env.insert(QStringLiteral("TASKDESK_QUEUE"), m_claim.queue);
    env.insert(QStringLiteral("TASKDESK_ATTEMPT"), QString::number(m_claim.attempt));
    env.insert(QStringLiteral("TASKDESK_MAX_ATTEMPTS"), QString::number(m_claim.maxAttempts));
    env.insert(QStringLiteral("TASKDESK_LEASE"), m_claim.lease);
    env.insert(QStringLiteral("TASKDESK_WORKER_ID"), m_settings.workerId);
    if (item) {
        env.insert(QStringLiteral("TASKDESK_ITEM"), item->label);
        env.insert(QStringLiteral("TASKDESK_ITEM_ID"), QString::number(item->id));
        env.insert(QStringLiteral("TASKDESK_ITEM_POSITION"), QString::number(item->position));
    } else {
        env.remove(QStringLiteral("TASKDESK_ITEM"));
        env.remove(QStringLiteral("TASKDESK_ITEM_ID"));
        env.remove(QStringLiteral("TASKDESK_ITEM_POSITION"));
    }

    m_process = new QProcess(this);
    m_process->setProgram(m_command.program);
    m_process->setArguments(m_command.arguments);
    m_process->setProcessEnvironment(env);
    // Its own group (a stop reaches the whole tree), and dead with the worker:
    // after a SIGKILL of the worker the sweeper may give the task to another.
    ProcessGroup::makeLeader(*m_process, true);
    connect(m_process, &QProcess::started, this, &TaskRun::onStarted);
    connect(m_process, &QProcess::readyReadStandardOutput, this,
        [this] { readChannel(QProcess::StandardOutput); });
    connect(m_process, &QProcess::readyReadStandardError, this,
        [this] { readChannel(QProcess::StandardError); });
    connect(m_process, &QProcess::finished, this, &TaskRun::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &TaskRun::onErrorOccurred);
    m_process->start();
}

// The limit counts from the start of the attempt's first program, is measured
// on a monotonic clock, and fires never before it: a timer (int milliseconds)
// is armed for at most a day at a time and re-armed for what remains.
void TaskRun::armTimeLimit()
{
    if (m_claim.timeLimitS <= 0)
        return;
    if (!m_limitClock.isValid())
        m_limitClock.start();
    const qint64 remainingNs
        = qint64(m_claim.timeLimitS) * 1000000000 - m_limitClock.nsecsElapsed();
    if (remainingNs > 0) {
        constexpr qint64 dayMs = 24 * 3600 * 1000;
        m_timeLimitTimer.start(int(std::min(dayMs, (remainingNs + 999999) / 1000000)));
        return;
    }
    qCInfo(lcWorker).noquote() << label() << "reached its time limit of" << m_claim.timeLimitS
                               << "s: stopping its process group";
    requestStop(Stop::TimeLimit);
}

bool TaskRun::groupsAlive() const
{
    return std::any_of(m_groups.cbegin(), m_groups.cend(),
        [](qint64 pgid) { return ProcessGroup::groupAlive(pgid); });
}

void TaskRun::recordGroup()
{
    // The execution's record names the group, so that whoever finds this
    // worker dead can end what it started (DESIGN.md rule 7).
    Result<bool> recorded
        = ExecutionStore(m_store.database()).setGroup(m_claim.lease, m_pid, m_leaderStart);
    m_groupRecorded = recorded.ok();
    if (!recorded.ok())
        qCWarning(lcWorker).noquote() << label() << "could not record its process group, will "
                                      << "retry:" << recorded.error().message();
}

void TaskRun::onStarted()
{
    if (!m_limitClock.isValid())
        armTimeLimit();
    m_pid = m_process->processId();
    m_groups.append(m_pid);
    m_leaderStart = std::max<qint64>(LocalProcess::startTime(m_pid), 0);
    recordGroup();
    const TaskItem *item = currentItem();
    qCInfo(lcWorker).noquote() << label()
            + (item ? QStringLiteral(" item '%1'").arg(item->label) : QString())
            + QStringLiteral(" running as process group %1").arg(m_pid);
    // The args reach the program on stdin, never through a shell.
    m_process->write(m_claim.args.toUtf8());
    m_process->write("\n");
    m_process->closeWriteChannel();
    if (m_stop != Stop::None || m_leaseGone) // asked to stop while it was starting
        signalGroup(SIGTERM);
}

void TaskRun::readChannel(QProcess::ProcessChannel channel)
{
    if (!m_process)
        return;
    const bool isStderr = channel == QProcess::StandardError;
    const QByteArray data
        = isStderr ? m_process->readAllStandardError() : m_process->readAllStandardOutput();
    if (data.isEmpty())
        return;
    LineSplitter &splitter = isStderr ? m_stderr : m_stdout;
    // Past the cap only counts matter, except for the stderr tail (the error
    // message) and progress lines: count the lines without building them.
    if (m_capReached && !isStderr && !data.contains("taskdesk:progress")) {
        m_droppedLines += splitter.skip(data);
        return;
    }
    QVector<LineSplitter::Line> lines;
    splitter.feed(data, lines);
    for (const LineSplitter::Line &line : std::as_const(lines))
        acceptLine(line, isStderr);
}

void TaskRun::acceptLine(const LineSplitter::Line &line, bool isStderr)
{
    // Invalid UTF-8 becomes U+FFFD here; an empty line, a NUL and the rest are
    // made storable where the text is bound (Database::text()).
    QString text = QString::fromUtf8(line.bytes);
    if (line.truncated)
        text += QStringLiteral(" … [line cut at %1 bytes]").arg(m_settings.maxLineBytes);

    if (isStderr) {
        m_stderrTail.append(text.left(kStderrTailLineChars));
        if (m_stderrTail.size() > kStderrTailLines)
            m_stderrTail.removeFirst();
    } else if (text.startsWith(QLatin1String("taskdesk:progress"))) {
        const QRegularExpressionMatch match = progressPattern().match(text);
        if (match.hasMatch()) {
            // Items count their own progress; a task without items reports it.
            if (m_claim.items.isEmpty()) {
                m_progressDone = match.captured(1).toInt();
                m_progressTotal = match.captured(2).toInt();
                m_progressDirty = true;
            }
            return;
        }
    }

    if (m_capReached) {
        ++m_droppedLines;
        return;
    }
    const qint64 bytes = line.bytes.size();
    if (m_storedLines + 1 > m_settings.logCapLines
        || m_storedBytes + bytes > m_settings.logCapBytes) {
        m_capReached = true;
        ++m_droppedLines;
        return;
    }
    ++m_storedLines;
    m_storedBytes += bytes;
    LogLine log;
    const TaskItem *item = currentItem();
    log.itemId = item ? item->id : 0;
    log.level = isStderr ? QStringLiteral("stderr") : QStringLiteral("output");
    log.message = text;
    m_pending.append(log);
    if (m_pending.size() >= kFlushLines)
        flushLog();
}

void TaskRun::flushLog()
{
    if (m_leaseGone) {
        m_pending.clear();
        return;
    }
    if (!m_pending.isEmpty()) {
        Result<bool> held
            = m_store.queue().appendWorkerLog(m_claim.taskId, m_claim.lease, m_pending);
        if (!held.ok()) {
            // Kept for the next flush; the cap bounds what can pile up. One
            // warning per outage, not one per flush.
            if (m_logTrouble++ == 0)
                qCWarning(lcWorker).noquote() << label() << "could not store its output,"
                                              << "will retry:" << held.error().message();
            return;
        }
        if (m_logTrouble > 0)
            qCInfo(lcWorker).noquote()
                << label() << "stored its output again after" << m_logTrouble << "failed tries";
        m_logTrouble = 0;
        if (!*held) {
            loseLease(QStringLiteral("its log was refused"));
            return;
        }
        m_pending.clear();
    }
    if (m_progressDirty)
        heartbeat();
}

void TaskRun::noteDroppedLines()
{
    if (m_droppedLines <= 0)
        return;
    LogLine log;
    const TaskItem *item = currentItem();
    log.itemId = item ? item->id : 0;
    log.level = QStringLiteral("warning");
    log.message = QStringLiteral("[… %1 lines dropped …]").arg(m_droppedLines);
    m_pending.append(log);
    m_droppedLines = 0;
}

void TaskRun::heartbeat()
{
    if (m_leaseGone || m_completed)
        return;
    if (!m_groupRecorded && m_pid > 0)
        recordGroup();
    const bool progress = m_progressDirty;
    Result<bool> held = m_store.queue().heartbeat(m_claim.taskId, m_claim.lease,
        progress ? m_progressDone : -1, progress ? m_progressTotal : -1);
    if (!held.ok()) {
        // One warning per outage, not one per heartbeat: the worker goes on
        // heartbeating and the sweeper judges staleness by the database clock.
        if (m_heartbeatTrouble++ == 0)
            qCWarning(lcWorker).noquote()
                << label() << "heartbeat failed, will retry:" << held.error().message();
        return;
    }
    if (m_heartbeatTrouble > 0)
        qCInfo(lcWorker).noquote()
            << label() << "heartbeat works again after" << m_heartbeatTrouble << "failed tries";
    m_heartbeatTrouble = 0;
    if (!*held) {
        loseLease(QStringLiteral("its heartbeat was refused"));
        return;
    }
    if (progress)
        m_progressDirty = false;
}

void TaskRun::loseLease(const QString &why)
{
    if (m_leaseGone || m_completed)
        return;
    m_leaseGone = true;
    m_pending.clear();
    m_resultRetryTimer.stop();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        qCInfo(lcWorker).noquote()
            << label()
            << QStringLiteral("is no longer this worker's (%1): cancelled, force "
                              "stopped or swept; killing its process group")
                   .arg(why);
        signalGroup(SIGTERM);
        if (!m_killTimer.isActive())
            m_killTimer.start(m_settings.stopGraceMs);
        return;
    }
    qCInfo(lcWorker).noquote() << label()
                               << QStringLiteral("is no longer this worker's (%1)").arg(why);
    complete();
}

void TaskRun::requestStop(Stop reason)
{
    if (m_stop == Stop::None)
        m_stop = reason;
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    signalGroup(SIGTERM);
    if (!m_killTimer.isActive())
        m_killTimer.start(m_settings.stopGraceMs);
}

void TaskRun::stopForShutdown()
{
    requestStop(Stop::Shutdown);
}

void TaskRun::killNow()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        signalGroup(SIGKILL);
}

void TaskRun::abandon()
{
    if (m_completed)
        return;
    if (m_stop == Stop::None)
        m_stop = Stop::Shutdown;
    killNow();
    if (m_leaseGone) {
        complete();
        return;
    }
    if (m_writeResult) { // a result that the database did not take yet: one last try
        m_resultOnce = true;
        m_resultRetryTimer.stop();
        tryRecordResult();
        return;
    }
    flushLog();
    noteDroppedLines();
    flushLog();
    const QString message
        = QStringLiteral("Worker %1 stopped while the task was running").arg(m_settings.workerId);
    recordResult(
        QStringLiteral("FAILED/worker_stopped"),
        [this, message] {
            return m_store.queue().finishError(m_claim.taskId, m_claim.lease, m_claim.attempt,
                message, Outcome::WorkerStopped, false, m_executionOver);
        },
        true);
}

void TaskRun::signalGroup(int signalNumber)
{
    qint64 pid = m_pid;
    if (pid <= 0 && m_process)
        pid = m_process->processId();
    if (pid <= 0)
        return;
    if (!ProcessGroup::signalGroup(pid, signalNumber) && m_process
        && m_process->state() != QProcess::NotRunning && pid == m_process->processId()) {
        // Not (yet) a group leader: setsid() has not run. Reach the child at least;
        // onStarted() signals the group again.
        ::kill(pid_t(pid), signalNumber);
    }
}

void TaskRun::onErrorOccurred(QProcess::ProcessError error)
{
    // Crashes arrive through finished(); only a failed start ends here.
    if (error != QProcess::FailedToStart || !m_process)
        return;
    const QString message
        = QStringLiteral("Could not start %1: %2").arg(m_command.program, m_process->errorString());
    m_process->deleteLater();
    m_process = nullptr;
    m_pid = 0;
    executionEnded(false, message);
}

void TaskRun::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_completed) { // abandoned: the result is already recorded
        ProcessGroup::signalGroup(m_pid, SIGKILL);
        m_process->deleteLater();
        m_process = nullptr;
        m_pid = 0;
        return;
    }
    readChannel(QProcess::StandardOutput);
    readChannel(QProcess::StandardError);
    if (std::optional<LineSplitter::Line> last = m_stdout.finish())
        acceptLine(*last, false);
    if (std::optional<LineSplitter::Line> last = m_stderr.finish())
        acceptLine(*last, true);
    m_killTimer.stop();
    const qint64 pid = m_pid;
    // A grandchild may outlive the leader (a `sleep 60 &`): the group gets
    // SIGTERM again now and, if it still lives, SIGKILL after the grace time.
    if (ProcessGroup::signalGroup(pid, SIGTERM) && ProcessGroup::groupAlive(pid))
        emit groupOutlivedLeader(pid);
    m_process->deleteLater();
    m_process = nullptr;
    m_pid = 0;

    const bool succeeded = status == QProcess::NormalExit && exitCode == 0;
    executionEnded(succeeded, succeeded ? QString() : describeExit(exitCode, status));
}

QString TaskRun::describeExit(int exitCode, QProcess::ExitStatus status) const
{
    // QProcess reports a death by signal as CrashExit with the signal number.
    QString text = status == QProcess::CrashExit
        ? QStringLiteral("Killed by %1 (signal %2)").arg(signalName(exitCode)).arg(exitCode)
        : QStringLiteral("Exited with code %1").arg(exitCode);
    if (!m_stderrTail.isEmpty())
        text += QStringLiteral("; last stderr: ") + m_stderrTail.join(QStringLiteral(" | "));
    return text;
}

void TaskRun::executionEnded(bool succeeded, const QString &failure)
{
    const TaskItem *item = currentItem();
    noteDroppedLines();
    flushLog();
    if (m_leaseGone) {
        qCInfo(lcWorker).noquote() << label() << "ended after its lease was gone: result discarded";
        complete();
        return;
    }
    if (m_stop == Stop::Shutdown) {
        const QString message = QStringLiteral("Worker %1 stopped while the task was running")
                                    .arg(m_settings.workerId);
        recordResult(
            QStringLiteral("FAILED/worker_stopped"),
            [this, message] {
                return m_store.queue().finishError(m_claim.taskId, m_claim.lease, m_claim.attempt,
                    message, Outcome::WorkerStopped, false, m_executionOver);
            },
            false);
        return;
    }
    if (m_stop == Stop::TimeLimit) {
        const QString message
            = QStringLiteral("Time limit of %1 s exceeded; the process group was stopped")
                  .arg(m_claim.timeLimitS);
        recordResult(
            QStringLiteral("FAILED/timed_out"),
            [this, message] {
                return m_store.queue().finishError(m_claim.taskId, m_claim.lease, m_claim.attempt,
                    message, Outcome::TimedOut, false, m_executionOver);
            },
            false);
        return;
    }
    if (!succeeded) {
        if (item) {
            Result<bool> finished = m_store.queue().finishItem(
                m_claim.taskId, m_claim.lease, item->id, false, failure);
            if (finished.ok() && !*finished) {
                loseLease(QStringLiteral("item %1 could not be finished").arg(item->id));
                return;
            }
            failAttempt(QStringLiteral("Item '%1' failed: %2").arg(item->label, failure));
            return;
        }
        failAttempt(failure);
        return;
    }
    if (!item) {
        recordSuccess();
        return;
    }
    Result<bool> finished
        = m_store.queue().finishItem(m_claim.taskId, m_claim.lease, item->id, true, {});
    if (!finished.ok()) {
        failAttempt(QStringLiteral("Item '%1' completed but could not be recorded: %2")
                        .arg(item->label, finished.error().message()));
        return;
    }
    if (!*finished) {
        loseLease(QStringLiteral("item %1 could not be finished").arg(item->id));
        return;
    }
    runNextItem();
}

void TaskRun::failAttempt(const QString &message)
{
    recordResult(
        QStringLiteral("failed"),
        [this, message] {
            return m_store.queue().finishError(m_claim.taskId, m_claim.lease, m_claim.attempt,
                message, Outcome::ErrorExit, true, m_executionOver);
        },
        false);
}

void TaskRun::recordResult(const QString &what, const std::function<Result<FinishResult>()> &write,
    bool once, bool success)
{
    m_resultWhat = what;
    m_writeResult = write;
    m_resultOnce = once;
    m_resultIsSuccess = success;
    m_timeLimitTimer.stop();
    tryRecordResult();
}

void TaskRun::recordSuccess()
{
    recordResult(
        QStringLiteral("COMPLETED"),
        [this] {
            return m_store.queue().finishSuccess(m_claim.taskId, m_claim.lease, m_executionOver);
        },
        false, true);
}

void TaskRun::tryRecordResult()
{
    if (m_completed || !m_writeResult || m_enlisted)
        return;
    if (m_leaseGone) {
        complete();
        return;
    }
    flushLog();
    if (m_resultIsSuccess && m_enlist && m_resultFailures == 0 && !m_resultOnce) {
        m_enlisted = true;
        m_enlist(this);
        return;
    }
    // The result closes the execution's record too when nothing of it lives on.
    m_executionOver = !groupsAlive();
    const Result<FinishResult> result = m_writeResult();
    if (result.ok() && m_executionOver)
        m_executionClosed = true;
    resultWritten(result);
}

void TaskRun::successWritten(const Result<FinishResult> &result)
{
    if (!m_enlisted)
        return;
    m_enlisted = false;
    if (m_completed || !m_writeResult)
        return;
    if (m_leaseGone) {
        complete();
        return;
    }
    resultWritten(result);
}

void TaskRun::resultWritten(const Result<FinishResult> &result)
{
    if (!result.ok()) {
        if (m_resultOnce) {
            qCWarning(lcWorker).noquote()
                << label() << "result" << m_resultWhat
                << "could not be recorded, giving up:" << result.error().message();
            complete();
            return;
        }
        // Keep the slot and the lease (heartbeats go on) until the database
        // takes it; one warning, not one per second of an outage.
        if (m_resultFailures++ == 0)
            qCWarning(lcWorker).noquote()
                << label() << "result" << m_resultWhat
                << "could not be recorded, retrying every second:" << result.error().message();
        m_resultRetryTimer.start(kResultRetryMs);
        return;
    }
    if (m_resultFailures > 0)
        qCInfo(lcWorker).noquote() << label() << "result" << m_resultWhat << "recorded after"
                                   << m_resultFailures + 1 << "tries";
    const FinishResult &r = *result;
    if (!r.accepted)
        qCInfo(lcWorker).noquote()
            << label() << "late result discarded: the task is no longer this worker's";
    else if (r.requeued)
        qCInfo(lcWorker).noquote()
            << label() << "failed; retry in" << double(r.retryInMs) / 1000.0 << "s";
    else
        qCInfo(lcWorker).noquote() << label() << "finished:" << statusName(r.status) << "after"
                                   << double(m_elapsed.elapsed()) / 1000.0 << "s";
    complete();
}

void TaskRun::complete()
{
    if (m_completed)
        return;
    m_completed = true;
    m_flushTimer.stop();
    m_timeLimitTimer.stop();
    m_resultRetryTimer.stop();
    m_writeResult = nullptr;
    // Queued: the worker may be iterating over its runs when this happens.
    QMetaObject::invokeMethod(
        this, [this] { emit done(m_claim.taskId); }, Qt::QueuedConnection);
}

} // namespace taskdesk
