#include "backgroundrunner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace taskdesk::ui {

BackgroundRunner::BackgroundRunner(const QString &threadName, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(threadName);
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

BackgroundRunner::~BackgroundRunner()
{
    m_thread.quit();
    m_thread.wait();
}

void BackgroundRunner::finishJob()
{
    if (!m_pending.deref())
        Q_EMIT idle();
}

bool BackgroundRunner::waitForIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (pending() > 0 && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (pending() > 0)
            QThread::msleep(2);
    }
    return pending() == 0;
}

} // namespace taskdesk::ui
