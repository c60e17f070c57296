#pragma once

#include <QAtomicInt>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>
#include <utility>

namespace taskdesk::ui {

// Runs database work that may take longer than a frame (counts over a large
// table, stats, the stuck report, an action on a thousand tasks) on one worker
// thread, which opens its own connection, and hands each result back on the
// GUI thread. Jobs run one after another, in the order they were given.
class BackgroundRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundRunner)

public:
    explicit BackgroundRunner(QObject *parent = nullptr)
        : BackgroundRunner(QStringLiteral("taskdesk-reader"), parent)
    { }
    // `threadName` names the thread in a debugger and in `top -H`.
    BackgroundRunner(const QString &threadName, QObject *parent);
    // Waits for the job that is running; queued jobs are dropped.
    ~BackgroundRunner() override;

    // Runs `work` on the worker thread, then `done(result)` on this object's
    // thread, unless `context` is gone by then.
    template<typename Work, typename Done> void run(QObject *context, Work work, Done done)
    {
        using R = std::invoke_result_t<Work>;
        m_pending.ref();
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            m_worker,
            [this, guard, work = std::move(work), done = std::move(done)]() mutable {
                auto result = std::make_shared<R>(work());
                QMetaObject::invokeMethod(
                    this,
                    [this, guard, result, done = std::move(done)]() mutable {
                        if (guard)
                            done(std::move(*result));
                        finishJob();
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    // Jobs given and not yet handed back.
    int pending() const { return m_pending.loadRelaxed(); }
    // Tests: processes events until every job is handed back, or the time is up.
    bool waitForIdle(int timeoutMs = 10000);

Q_SIGNALS:
    void idle();

private:
    void finishJob();

    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread
    QAtomicInt m_pending;
};

} // namespace taskdesk::ui
