#pragma once

#include "core/task.h"
#include "core/tasks/taskstore.h"
#include "core/worker/linesplitter.h"
#include "core/worker/workerconfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

#include <functional>

namespace taskdesk {

// How a worker runs its tasks; taken from the worker's configuration.
struct RunSettings
{
    QString workerId;
    // What each program starts from (cleanEnvironment() and the configuration's
    // variables); the TASKDESK_* variables of the task are added to it.
    QProcessEnvironment environment;
    int stopGraceMs = 10000;
    int logCapLines = 10000; // per execution (one claim of a task, all its items)
    qint64 logCapBytes = 1024 * 1024;
    int maxLineBytes = 16384;
    int flushMs = 250;
};

// One execution of a claimed task: its program once (or once per item, in
// order), each run in a process group of its own, the output batched into the
// task's log, the time limit, and the result handed to the TaskStore under the
// claim's lease. The Worker drives heartbeats and tells it when the lease is
// gone or the worker stops; done() says the slot is free again.
class TaskRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskRun)

public:
    TaskRun(TaskStore &store, Claim claim, KindCommand command, RunSettings settings,
        QObject *parent = nullptr);
    ~TaskRun() override;

    const Claim &claim() const { return m_claim; }
    qint64 taskId() const { return m_claim.taskId; }
    const QString &lease() const { return m_claim.lease; }
    qint64 pid() const { return m_pid; } // of the running process group leader, 0 if none
    // The groups of every program this execution started (one per item run).
    const QVector<qint64> &groups() const { return m_groups; }
    // Whether a member of any of them is still alive.
    bool groupsAlive() const;
    // Whether the execution's record was closed with its result (its groups were gone).
    bool executionClosed() const { return m_executionClosed; }
    void noteExecutionClosed() { m_executionClosed = true; }

    void start();
    // Heartbeats the task (with progress); a refused heartbeat means the lease is gone.
    void heartbeat();
    // The store says the task is no longer ours (Cancel, Force Stop, a sweep):
    // kill the execution at once and record nothing.
    void loseLease(const QString &why);
    // The worker stops: SIGTERM now, SIGKILL after the grace time, then the task
    // ends FAILED/worker_stopped.
    void stopForShutdown();
    // SIGKILL to the running execution, now.
    void killNow();
    // The worker will not wait any longer: kill, record worker_stopped once, be done.
    void abandon();

    // Successes are handed to `enlist` instead of being written one by one: the
    // worker writes those of one pass of its event loop in a single transaction
    // and gives each its outcome through successWritten(). A success that such
    // a write could not record is retried alone, every second.
    void setSuccessBatch(std::function<void(TaskRun *)> enlist) { m_enlist = std::move(enlist); }
    void successWritten(const Result<FinishResult> &result);

signals:
    void done(qint64 taskId);
    // The leader of `pid`'s group has exited but the group may live on (a
    // grandchild): it got SIGTERM and needs a SIGKILL after the grace time.
    void groupOutlivedLeader(qint64 pid);

private:
    enum class Stop { None, TimeLimit, Shutdown };

    const TaskItem *currentItem() const;
    void runNextItem();
    void startProcess();
    void onStarted();
    void armTimeLimit();
    void recordGroup();
    void readChannel(QProcess::ProcessChannel channel);
    void acceptLine(const LineSplitter::Line &line, bool isStderr);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void executionEnded(bool succeeded, const QString &failure);
    void failAttempt(const QString &message);
    void requestStop(Stop reason);
    void signalGroup(int signalNumber);
    void flushLog();
    void noteDroppedLines();
    void recordResult(const QString &what, const std::function<Result<FinishResult>()> &write,
        bool once, bool success = false);
    void recordSuccess();
    void tryRecordResult();
    void resultWritten(const Result<FinishResult> &result);
    void complete();
    QString describeExit(int exitCode, QProcess::ExitStatus status) const;
    QString label() const; // "task 12 (kind)" for the worker's own log

    TaskStore &m_store;
    Claim m_claim;
    KindCommand m_command;
    RunSettings m_settings;

    QProcess *m_process = nullptr;
    qint64 m_pid = 0;
    QVector<qint64> m_groups;
    qint64 m_leaderStart = 0;
    bool m_groupRecorded = true; // the execution's record names the running group
    bool m_executionOver = false; // for the result being written: no group lives on
    bool m_executionClosed = false;
    int m_itemIndex = -1;
    Stop m_stop = Stop::None;
    bool m_leaseGone = false;
    bool m_completed = false;

    LineSplitter m_stdout;
    LineSplitter m_stderr;
    QStringList m_stderrTail;
    QVector<LogLine> m_pending;
    qint64 m_storedLines = 0;
    qint64 m_storedBytes = 0;
    qint64 m_droppedLines = 0; // since the last "[… N lines dropped …]" line
    bool m_capReached = false;
    int m_progressDone = -1;
    int m_progressTotal = -1;
    bool m_progressDirty = false;
    // Failed tries in a row (warned once when they start, told when they end).
    int m_logTrouble = 0;
    int m_heartbeatTrouble = 0;

    std::function<Result<FinishResult>()> m_writeResult;
    QString m_resultWhat;
    bool m_resultOnce = false;
    bool m_resultIsSuccess = false;
    bool m_enlisted = false; // the success waits in the worker's batch
    std::function<void(TaskRun *)> m_enlist;
    int m_resultFailures = 0; // failed tries to record the result (warned once)

    QTimer m_flushTimer;
    QTimer m_timeLimitTimer;
    QTimer m_killTimer;
    QTimer m_resultRetryTimer;
    QElapsedTimer m_elapsed;
    QElapsedTimer m_limitClock; // since the attempt's first program started
};

} // namespace taskdesk
