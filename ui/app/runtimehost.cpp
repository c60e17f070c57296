#include "runtimehost.h"

#include "scheduling/scheduler.h"
#include "scheduling/sweeper.h"
#include "supervisor/supervisor.h"

namespace taskdesk::ui {

RuntimeHost::RuntimeHost(Database &database, const Options &options, QObject *parent)
    : QObject(parent)
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
    if (options.sweeper) {
        m_sweeper = new Sweeper(database);
        m_sweeper->moveToThread(&m_thread);
        connect(m_sweeper, &Sweeper::newStuckTasks, this, &RuntimeHost::newStuckTasks);
    }
    if (options.scheduler) {
        m_scheduler = new Scheduler(database);
        m_scheduler->moveToThread(&m_thread);
    }
    m_thread.start();
}

RuntimeHost::~RuntimeHost()
{
    // Each object stops and goes in the thread that owns it.
    Supervisor *supervisor = m_supervisor;
    Sweeper *sweeper = m_sweeper;
    Scheduler *scheduler = m_scheduler;
    const bool detached = m_detached;
    QMetaObject::invokeMethod(
        m_janitor,
        [supervisor, sweeper, scheduler, detached]() {
            if (sweeper)
                sweeper->stop();
            if (scheduler)
                scheduler->stop();
            if (supervisor && supervisor->isActive() && !detached)
                supervisor->detach();
            delete sweeper;
            delete scheduler;
            delete supervisor;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void RuntimeHost::start()
{
    if (m_supervisor)
        QMetaObject::invokeMethod(m_supervisor, &Supervisor::start, Qt::QueuedConnection);
    if (m_sweeper)
        QMetaObject::invokeMethod(m_sweeper, &Sweeper::start, Qt::QueuedConnection);
    if (m_scheduler)
        QMetaObject::invokeMethod(m_scheduler, &Scheduler::start, Qt::QueuedConnection);
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
