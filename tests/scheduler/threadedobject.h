#pragma once

#include "testdatabase.h"

#include <QThread>

#include <memory>

namespace taskdesk::test {

// A Scheduler or a Sweeper in a thread of its own, on a Database connection of
// its own: another "process" for the race tests.
template<typename T> class ThreadedObject
{
public:
    ThreadedObject(const TestDatabase &tdb, const QString &holder)
        : m_db(tdb.open())
    {
        m_object = new T(*m_db);
        m_object->setHolderId(holder);
        m_object->moveToThread(&m_thread);
        m_thread.start();
    }
    ~ThreadedObject()
    {
        T *object = m_object;
        QMetaObject::invokeMethod(
            object, [object]() { delete object; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    ThreadedObject(const ThreadedObject &) = delete;
    ThreadedObject &operator=(const ThreadedObject &) = delete;

    T *object() const { return m_object; }
    // Runs `f(object)` in the object's thread and waits for it.
    template<typename F> void run(F f)
    {
        T *object = m_object;
        QMetaObject::invokeMethod(
            object, [object, f]() { f(object); }, Qt::BlockingQueuedConnection);
    }

private:
    std::unique_ptr<Database> m_db;
    QThread m_thread;
    T *m_object = nullptr;
};

} // namespace taskdesk::test
