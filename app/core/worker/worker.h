#pragma once

#include "core/error.h"
#include "core/tasks/taskstore.h"
#include "core/worker/workerconfig.h"
#include "core/worker/workerregistry.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QTimer>

#include <memory>

namespace taskdesk {

class ChangeNotifier;
class LeftoverReaper;
class Database;
class TaskRun;
struct Claim;

// A taskdesk-worker: registers in `workers`, claims due tasks by priority up to
// its concurrency, runs each (TaskRun), heartbeats them and notices within a
// fraction of a second when a lease is taken away. stop() is the SIGTERM path:
// no more claims, SIGTERM to every execution, SIGKILL after the grace time,
// FAILED/worker_stopped for what it still held, the row marked stopped, then
// stopped(). Everything is driven by the event loop; nothing waits on a process.
class Worker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Worker)

public:
    Worker(Database &db, WorkerConfig config, const QString &name, QObject *parent = nullptr);
    ~Worker() override;

    // TASKDESK_WORKER_ID when set (a Supervisor names its workers), else NAME@HOST:PID.
    static QString makeId(const QString &name);

    const QString &id() const { return m_id; }
    const QString &name() const { return m_name; }
    const WorkerConfig &config() const { return m_config; }
    // Why the worker stopped by itself (its database file was deleted, replaced
    // or found damaged); empty after an ordinary stop.
    const QString &failure() const { return m_failure; }

    // Stop by itself once nothing is due and nothing runs (`--once`).
    void setRunOnce(bool once) { m_once = once; }

    // Registers the worker and starts claiming.
    Error start();
    // Graceful stop (see above); called again while stopping, it kills at once.
    void stop();

signals:
    // The worker has stopped and marked its row; the process may exit now.
    void stopped();

private:
    void claimWork();
    void startRun(const Claim &claim);
    void onRunDone(TaskRun *run);
    void enlistSuccess(TaskRun *run);
    void writeSuccesses();
    void tick();
    void checkLeases();
    void heartbeatAll();
    void trackStraggler(qint64 pid);
    void checkStragglers();
    void killStragglers();
    void onShutdownDeadline();
    void maybeFinishStop();
    void closeExecutions();
    void noteDatabase(const Error &error, const QString &what);
    void onDatabaseChanged();

    Database &m_db;
    TaskStore m_store;
    WorkerRegistry m_registry;
    WorkerConfig m_config;
    QProcessEnvironment m_environment; // what every task's program starts from
    QString m_name;
    QString m_id;
    QHash<qint64, TaskRun *> m_runs;
    // Runs whose success waits for writeSuccesses(): one transaction for all
    // that ended in the same pass of the event loop.
    QVector<QPointer<TaskRun>> m_successes; // enlisted, to be written together
    QTimer m_successTimer;
    // Groups whose leader exited while something of them lives on: SIGKILL at the deadline.
    QHash<qint64, QDeadlineTimer> m_stragglers;
    // Executions that ended without their record being closed (a lost lease, a
    // group that outlived its leader, a database that did not answer), by
    // lease, with their groups: closed once every group is gone.
    QHash<QString, QVector<qint64>> m_unclosed;
    // Ends what dead workers of this host left running (DESIGN.md rule 7).
    std::unique_ptr<LeftoverReaper> m_reaper;
    QTimer m_stragglerTimer;
    QTimer m_pollTimer;
    QTimer m_tickTimer;
    QTimer m_shutdownTimer;
    // PostgreSQL: a NOTIFY wakes an idle worker and checks leases at once (a
    // Cancel reaches the execution in milliseconds); polling stays underneath.
    std::unique_ptr<ChangeNotifier> m_notifier;
    QTimer m_notifyTimer;
    QElapsedTimer m_sinceHeartbeat;
    bool m_once = false;
    bool m_started = false;
    bool m_stopping = false;
    bool m_hurry = false; // a second stop request: no more grace
    bool m_stopped = false;
    // Database operations that fail now ("claim", "worker heartbeat" …), with
    // how many times in a row.
    QHash<QString, int> m_failing;
    QString m_failure;
};

} // namespace taskdesk
