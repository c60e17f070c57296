#include "runtimehost.h"

#include "core/alerts/alertengine.h"
#include "core/scheduling/scheduler.h"
#include "core/scheduling/sweeper.h"
#include "core/supervisor/supervisor.h"

namespace taskdesk::ui {

RuntimeHost::RuntimeHost(Database &database, const Options &options, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_sweepIntervalMs(options.sweepIntervalMs)
    , m_runSweeper(options.sweeper)
    , m_runScheduler(options.scheduler)
{
    m_thread.setObjectName(QStringLiteral("taskdesk-runtime"));
    m_janitor = new QObject;
    m_janitor->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_janitor, &QObject::deleteLater);
    if (options.supervisor) {
        SupervisorOptions supervisorOptions;
        supervisorOptions.outputDir = options.outputDir;
        m_supervisor = new Supervisor(database, supervisorOptions);
        m_supervisor->moveToThread(&m_thread);
        connect(m_supervisor, &Supervisor::processChanged, this, &RuntimeHost::processChanged);
        connect(m_supervisor, &Supervisor::processFatal, this, &RuntimeHost::processFatal);
        connect(m_supervisor, &Supervisor::allStopped, this, &RuntimeHost::processesStopped);
    }
    if (options.sweeper)
        makeSweeper();
    if (options.scheduler)
        makeScheduler();
    if (options.alerts) {
        m_alerts = new AlertEngine(database);
        m_alerts->moveToThread(&m_thread);
    }
    m_thread.start();
}

void RuntimeHost::makeSweeper()
{
    m_sweeper = new Sweeper(m_database);
    if (m_sweepIntervalMs > 0)
        m_sweeper->setIntervalMs(m_sweepIntervalMs);
    m_sweeper->moveToThread(&m_thread);
    connect(m_sweeper, &Sweeper::newStuckTasks, this, &RuntimeHost::newStuckTasks);
}

void RuntimeHost::makeScheduler()
{
    m_scheduler = new Scheduler(m_database);
    m_scheduler->moveToThread(&m_thread);
    const int generation = ++m_schedulerGeneration;
    connect(m_scheduler, &Scheduler::activeChanged, this, [this, generation](bool active) {
        // Queued from the runtime thread: a late word of a scheduler that was stopped since
        // does not count.
        if (generation != m_schedulerGeneration || active == m_schedulerActive)
            return;
        m_schedulerActive = active;
        Q_EMIT rolesChanged();
    });
}

void RuntimeHost::dispose(QObject *object)
{
    QMetaObject::invokeMethod(
        m_janitor,
        [object]() {
            if (auto *sweeper = qobject_cast<Sweeper *>(object))
                sweeper->stop();
            else if (auto *scheduler = qobject_cast<Scheduler *>(object))
                scheduler->stop();
            delete object;
        },
        Qt::QueuedConnection);
}

void RuntimeHost::setSweeperRunning(bool run)
{
    if (run == m_runSweeper)
        return;
    m_runSweeper = run;
    if (run) {
        makeSweeper();
        if (m_started)
            QMetaObject::invokeMethod(m_sweeper, &Sweeper::start, Qt::QueuedConnection);
    } else if (m_sweeper) {
        dispose(m_sweeper);
        m_sweeper = nullptr;
    }
    Q_EMIT rolesChanged();
}

void RuntimeHost::setSchedulerRunning(bool run)
{
    if (run == m_runScheduler)
        return;
    m_runScheduler = run;
    if (run) {
        makeScheduler();
        if (m_started)
            QMetaObject::invokeMethod(m_scheduler, &Scheduler::start, Qt::QueuedConnection);
    } else if (m_scheduler) {
        dispose(m_scheduler);
        m_scheduler = nullptr;
        ++m_schedulerGeneration;
        m_schedulerActive = false;
    }
    Q_EMIT rolesChanged();
}

RuntimeHost::~RuntimeHost()
{
    // Each object stops and goes in the thread that owns it.
    Supervisor *supervisor = m_supervisor;
    Sweeper *sweeper = m_sweeper;
    Scheduler *scheduler = m_scheduler;
    AlertEngine *alerts = m_alerts;
    const bool detached = m_detached;
    QMetaObject::invokeMethod(
        m_janitor,
        [supervisor, sweeper, scheduler, alerts, detached]() {
            if (sweeper)
                sweeper->stop();
            if (scheduler)
                scheduler->stop();
            if (alerts)
                alerts->stop();
            if (supervisor && supervisor->isActive() && !detached)
                supervisor->detach();
            delete sweeper;
            delete scheduler;
            delete alerts;
            delete supervisor;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void RuntimeHost::start()
{
    m_started = true;
    if (m_supervisor)
        QMetaObject::invokeMethod(m_supervisor, &Supervisor::start, Qt::QueuedConnection);
    if (m_sweeper)
        QMetaObject::invokeMethod(m_sweeper, &Sweeper::start, Qt::QueuedConnection);
    if (m_scheduler)
        QMetaObject::invokeMethod(m_scheduler, &Scheduler::start, Qt::QueuedConnection);
    if (m_alerts)
        QMetaObject::invokeMethod(m_alerts, &AlertEngine::start, Qt::QueuedConnection);
}

void RuntimeHost::stopProcesses()
{
    if (!m_supervisor) {
        Q_EMIT processesStopped();
        return;
    }
    QMetaObject::invokeMethod(m_supervisor, &Supervisor::stopAll, Qt::QueuedConnection);
}

void RuntimeHost::leaveProcessesRunning()
{
    if (!m_supervisor)
        return;
    m_detached = true;
    QMetaObject::invokeMethod(m_supervisor, &Supervisor::detach, Qt::BlockingQueuedConnection);
}

} // namespace taskdesk::ui
