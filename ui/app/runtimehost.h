#pragma once

#include <QObject>
#include <QThread>

namespace taskdesk {
class AlertEngine;
class Database;
class Scheduler;
class Supervisor;
class Sweeper;
} // namespace taskdesk

namespace taskdesk::ui {

// This app's share of the job runtime, on a thread of its own so that its
// database work and process handling never wait on the GUI (nor the GUI on
// them): the Supervisor of this host's processes and, unless the settings
// switch them off, the Sweeper and the Scheduler; and the AlertEngine. Each acts only while it
// holds its lease, so several desktops and `taskdeskctl supervise` can run side by side.
class RuntimeHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuntimeHost)

public:
    struct Options
    {
        bool supervisor = true;
        bool sweeper = true;
        bool scheduler = true;
        // Sends alerts while it holds the alerts lease (one sender across hosts).
        bool alerts = true;
        QString outputDir; // where the supervisor keeps process output; empty: its default
        qint64 sweepIntervalMs = 0; // 0: the shared setting (tests pass a short one)
    };

    RuntimeHost(Database &database, const Options &options, QObject *parent = nullptr);
    // Stops the sweeper and the scheduler; a supervisor that still runs
    // processes leaves them running (detached), as the close question allows.
    ~RuntimeHost() override;

    void start();
    bool hasSupervisor() const { return m_supervisor != nullptr; }
    // Whether the sweeper and the scheduler run in this app (after start()).
    bool hasSweeper() const { return m_runSweeper; }
    bool hasScheduler() const { return m_runScheduler; }
    // Whether the scheduler of this app holds the scheduler lease now (another
    // host's or `taskdeskctl supervise`'s scheduler may hold it instead).
    bool isSchedulerActive() const { return m_schedulerActive; }
    // Starts or stops them at once (the settings' check boxes); a stopped one
    // gives its lease back, so that another host's takes over.
    void setSweeperRunning(bool run);
    void setSchedulerRunning(bool run);
    // Stops every process of this host; processesStopped() follows.
    void stopProcesses();
    // Leaves them running, unsupervised, until a supervisor takes the host again.
    void leaveProcessesRunning();

Q_SIGNALS:
    void processChanged(const QString &name);
    void processFatal(const QString &name, const QString &message);
    void newStuckTasks(int count);
    void processesStopped();
    // The sweeper or the scheduler of this app started, stopped, or won or lost its lease.
    void rolesChanged();

private:
    void makeSweeper();
    void makeScheduler();
    // Stops and deletes `object` in the runtime thread, without waiting for a
    // pass in progress (the window never waits on the database).
    void dispose(QObject *object);

    QThread m_thread;
    QObject *m_janitor = nullptr; // runs the clean-up in m_thread
    Supervisor *m_supervisor = nullptr; // live in m_thread
    Sweeper *m_sweeper = nullptr;
    Scheduler *m_scheduler = nullptr;
    AlertEngine *m_alerts = nullptr;
    Database &m_database;
    qint64 m_sweepIntervalMs = 0;
    bool m_started = false;
    bool m_runSweeper = false;
    bool m_runScheduler = false;
    bool m_schedulerActive = false;
    int m_schedulerGeneration = 0; // tells the signals of a stopped scheduler from the new one's
    bool m_detached = false;
};

} // namespace taskdesk::ui
