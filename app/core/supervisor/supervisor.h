#pragma once

#include "core/supervisor/orphans.h"
#include "core/supervisor/processinfo.h"
#include "core/supervisor/processstore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QTimer>

#include <map>
#include <memory>

namespace taskdesk {

class Database;

struct SupervisorOptions
{
    QString host; // empty: this machine's host name
    QString holder; // who holds the lease; empty: "taskdesk@HOST:PID:RANDOM"
    int pollIntervalMs = 500; // how often the definitions are read
    int leaseTtlMs = 15000; // renewed every third of it
    QString outputDir; // empty: ~/.cache/taskdesk/processes/<database>
    int outputLinesKept = 500; // per process, in process_output
    QString actor = QStringLiteral("supervisor"); // in the audit log
    // A file of the programs this host allows (AllowList); empty: any program
    // of a definition. A definition it does not allow goes FATAL, never runs.
    QString allowList;
};

// Runs the process definitions of one host with QProcess and keeps them in
// their desired state, like supervisord; see DESIGN.md "Processes".
//
// - It acts only while it holds the host's lease ("supervisor:HOST" in
//   `leases`), so of two supervisors on a host (the GUI and `taskdeskctl
//   supervise`) one acts and the other waits. Definitions without a host are
//   claimed for its host by the first supervisor that sees them.
// - It polls the definitions table: front ends change the desired state only
//   (ProcessStore::setDesired), and it writes the actual state back, fenced by
//   the lease.
// - Each child leads its own process group: a stop is SIGTERM to the group,
//   SIGKILL after the stop grace time, and the group is signalled again once
//   the leader has exited. An operator's stop is never counted as a crash.
// - A child's stdout and stderr go to files that the supervisor follows,
//   not to pipes: a child left running (detach(), or a supervisor that died)
//   would get SIGPIPE on its next write to a pipe whose reader is gone. The
//   next supervisor of the host adopts such a child (same pid, program in its
//   command line) and follows its files again.
// - Children get a clean environment (cleanEnvironment()) and the
//   definition's variables; workers and schedulers also get TASKDESK_DB (this
//   supervisor's database, unless the definition sets it), and workers
//   TASKDESK_WORKER_ID, "NAME@HOST#START", unique per start. Once a worker that the supervisor
//   stopped has exited, its tasks still RUNNING are FAILED/worker_stopped; a
//   worker that dies unasked (a crash, SIGKILL, the OOM killer) gets the
//   sweeper's lost-worker rule at once (StuckTasks::sweepDeadWorker), not
//   after the heartbeat timeout.
// - It is a child subreaper (Linux): the orphans of its processes, such as
//   what a dead worker's executions left behind, are re-parented to it and
//   reaped by it. When a process exits, the groups it leaves behind (its own,
//   and for a worker the groups of its executions) get SIGTERM, SIGKILL after
//   the stop grace time, and are followed until they are gone; only then are
//   the worker's tasks handed on, and only then does stopAll() finish. A group
//   whose leader's pid was reused (another start time) is never signalled.
// - Event-loop driven: it never blocks on a process. It lives in one thread
//   with an event loop (move it there before start()). Its database work is a
//   few small statements per round; on PostgreSQL a ChangeNotifier's
//   changed("processes") may call poll() for a quicker reaction.
class Supervisor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Supervisor)

public:
    explicit Supervisor(
        Database &db, const SupervisorOptions &options = {}, QObject *parent = nullptr);
    // Destroying a supervisor that still runs processes leaves them running
    // (see detach()) with a warning: call stopAll() and wait for allStopped().
    ~Supervisor() override;

    // Begins polling: takes the host's lease when free and acts while it holds it.
    void start();
    // Stops every process (as an operator's stop: not a crash; desired states
    // stay, so the next supervisor starts them again), releases the lease and
    // emits allStopped() once the last one has exited.
    void stopAll();
    // Leaves every process running, no longer supervised (the rows say so),
    // and releases the lease. Nothing restarts them until a supervisor takes
    // the host again and adopts them.
    void detach();

    const QString &host() const { return m_options.host; }
    const QString &holder() const { return m_options.holder; }
    QString outputDir() const { return m_options.outputDir; }
    bool holdsLease() const { return m_holding; }
    // Started, and not yet stopped or detached.
    bool isActive() const { return m_phase == Phase::Active; }

    // The local view of the processes this supervisor runs.
    QStringList processNames() const;
    ProcessState state(const QString &name) const; // STOPPED if unknown
    qint64 pid(const QString &name) const; // 0 if none
    int aliveCount() const;

public Q_SLOTS:
    // One round now: the lease, the definitions, the output (also on a timer).
    void poll();

Q_SIGNALS:
    void processChanged(const QString &name);
    void outputAppended(const QString &name);
    void processFatal(const QString &name, const QString &message);
    void allStopped();

private:
    struct Entry;
    enum class Phase { Idle, Active, ShuttingDown, Finished };
    enum class StartKind { Operator, Automatic };
    enum class AfterStop { Nothing, Start, Forget };

    void renewLease();
    void beginSession();
    void handOver();
    void reconcile();
    Entry *createEntry(const ProcessInfo &row);
    void apply(Entry &e, const ProcessInfo &row);
    void startProcess(Entry &e, StartKind kind);
    void requestStop(Entry &e, AfterStop then, const QString &reason);
    void onStarted(qint64 id, QProcess *process);
    void onStartupElapsed(qint64 id);
    void onHealthyElapsed(qint64 id);
    void onFinished(qint64 id, QProcess *process, int exitCode, QProcess::ExitStatus status);
    void onFailedToStart(qint64 id, QProcess *process);
    void handleExit(Entry &e, const QString &exitText, bool cleanExit, qint64 uptimeMs);
    void onBackoffElapsed(qint64 id);
    void onKillTimer(qint64 id);
    void stopLeftovers(const Entry &e, qint64 leaderPid);
    bool settleLeftovers();
    struct DeadWorker;
    void finishDeadWorker(const DeadWorker &w);
    QSet<qint64> ownChildren() const;
    void checkAdopted();
    void goFatal(Entry &e, const QString &message);
    void setState(Entry &e, ProcessState state, const QString &message);
    void audit(Entry &e, const QString &action, ProcessState before, QJsonObject details = {});
    void note(Entry &e, const QString &line); // an "event" line in the output
    void failWorkerTasks(const QString &workerId);
    void releaseProcess(Entry &e);
    void dropEntry(qint64 id, bool removeOutputFiles);
    void readOutput(Entry &e, bool final);
    void readAllOutput();
    void flush();
    bool flushEntry(Entry &e);
    void flushOutput();
    void checkShutdownDone();
    void finish();
    Entry *entry(qint64 id) const;
    Entry *entryByName(const QString &name) const;
    qint64 dbNow() const;
    qint64 backoffDelay(const Entry &e) const;
    QString databaseUrl() const;
    void warnOnce(const QString &what, const Error &error);

    Database &m_db;
    ProcessStore m_store;
    SupervisorOptions m_options;
    Phase m_phase = Phase::Idle;
    bool m_holding = false;
    bool m_sessionFresh = false;
    QTimer m_tick;
    QElapsedTimer m_sinceRenew;
    QElapsedTimer m_clock;
    qint64 m_dbClockBase = 0; // the database clock at m_clockBase of m_clock
    qint64 m_clockBase = 0;
    std::map<qint64, std::unique_ptr<Entry>> m_entries; // by definition id
    QVector<ProcessOutputLine> m_pendingOutput;
    QSet<QString> m_warned; // what warnOnce() said since the database last answered

    // A process group left behind by a process that exited: SIGTERM was sent,
    // SIGKILL follows at killAtMs (on m_clock); dropped once it is gone.
    struct Leftover
    {
        Orphans::Group group;
        QString process;
        QString workerId; // the worker whose execution it was, if any
        qint64 killAtMs = 0;
        bool killed = false;
    };
    // A worker that exited: its tasks are handed on once its leftovers are gone.
    struct DeadWorker
    {
        QString workerId;
        bool stopped = false; // stopped by us: worker_stopped; else the lost-worker rule
        QString how; // "its process died (…)", for the tasks' log
        qint64 diedAtMs = 0;
    };
    QVector<Leftover> m_leftovers;
    QVector<DeadWorker> m_deadWorkers;
    QTimer m_leftoverTimer;
};

} // namespace taskdesk
