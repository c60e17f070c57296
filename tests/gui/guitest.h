#pragma once

#include "core/tasks/taskstore.h"
#include "testdatabase.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/mainwindow.h"
#include "ui/app/runtimehost.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/confirm.h"
#include "ui/common/translations.h"
#include "ui/tasks/tasksview.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace taskdesk::test {

// Puts tasks into each status through the store's own transitions, the way a
// worker would, so that the GUI tests meet real rows.
class TaskSeeder final
{
public:
    explicit TaskSeeder(TaskStore &store)
        : m_store(store)
    { }

    qint64 pending(const QString &name, const QStringList &items = {}, const QString &queue = {})
    {
        NewTask t;
        t.kind = QStringLiteral("demo");
        t.name = name;
        t.items = items;
        if (!queue.isEmpty())
            t.queue = queue;
        Result<qint64> id = m_store.queue().enqueue(t);
        return id.ok() ? id.value() : 0;
    }
    // Claimed by `worker`: the new task has the highest priority, so it is the one claimed.
    qint64 running(const QString &name, const QStringList &items = {},
        const QString &worker = QStringLiteral("worker-1"))
    {
        NewTask t;
        t.kind = QStringLiteral("demo");
        t.name = name;
        t.items = items;
        t.priority = 1000;
        Result<qint64> id = m_store.queue().enqueue(t);
        if (!id.ok())
            return 0;
        Result<std::optional<Claim>> claim = m_store.queue().claim(worker, {});
        if (!claim.ok() || !claim.value() || claim.value()->taskId != id.value())
            return 0;
        m_leases.insert(id.value(), claim.value()->lease);
        m_claims.insert(id.value(), *claim.value());
        return id.value();
    }
    qint64 completed(const QString &name)
    {
        const qint64 id = running(name);
        if (id > 0 && !m_store.queue().finishSuccess(id, m_leases.value(id)).ok())
            return 0;
        return id;
    }
    qint64 failed(const QString &name)
    {
        const qint64 id = running(name);
        if (id > 0
            && !m_store.queue()
                    .finishError(id, m_leases.value(id), 1, QStringLiteral("exit code 1"),
                        QStringLiteral("error"), false)
                    .ok())
            return 0;
        return id;
    }
    qint64 inStatus(TaskStatus status, const QString &name)
    {
        switch (status) {
        case TaskStatus::Pending:
            return pending(name);
        case TaskStatus::Running:
            return running(name);
        case TaskStatus::Completed:
            return completed(name);
        case TaskStatus::Failed:
            return failed(name);
        }
        return 0;
    }
    QString lease(qint64 id) const { return m_leases.value(id); }
    Claim claim(qint64 id) const { return m_claims.value(id); }

private:
    TaskStore &m_store;
    QHash<qint64, QString> m_leases;
    QHash<qint64, Claim> m_claims;
};

// The real main window on its own connection to the test database, with the
// runtime a test gives it; the tests refresh. Its processes never outlive the test.
struct TestWindow
{
    std::unique_ptr<ui::AppContext> context;
    std::unique_ptr<ui::RuntimeHost> runtime;
    std::unique_ptr<ui::MainWindow> window;

    TestWindow() = default;
    TestWindow(const TestWindow &) = delete;
    TestWindow &operator=(const TestWindow &) = delete;
    ~TestWindow()
    {
        if (runtime && runtime->hasSupervisor()) {
            QSignalSpy stopped(runtime.get(), &ui::RuntimeHost::processesStopped);
            runtime->stopProcesses();
            stopped.wait(30000);
        }
        window.reset();
        runtime.reset();
        context.reset();
    }

    ui::TasksView *tasks() const { return window->tasksView(); }
    ui::TaskActions *actions() const { return tasks()->actions(); }
    ui::TaskTableModel *model() const { return tasks()->model(); }
    void refresh() const
    {
        tasks()->refresh();
        context->background().waitForIdle();
    }
    // The actions run on the writer thread: until their answer is back.
    bool actionsDone() const { return context->writer().waitForIdle(30000); }

    // Shows the window at `size`, once it is on screen and its first reads are in.
    bool show(QSize size)
    {
        window->resize(size);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        context->background().waitForIdle();
        return true;
    }
};

// A test window's settings in the test's folder: a refresh timer too slow to
// interfere (the tests refresh), and the operator's name.
inline std::unique_ptr<ui::AppSettings> windowSettings(const TestDatabase &tdb,
    const QString &operatorName = QStringLiteral("alice"),
    const QString &ini = QStringLiteral("taskdesk.ini"))
{
    auto settings = std::make_unique<ui::AppSettings>(tdb.tempPath() + QLatin1Char('/') + ini);
    settings->setRefreshIntervalMs(ui::AppSettings::kMaxRefreshMs);
    settings->setOperatorName(operatorName);
    return settings;
}

// Before each GUI test: no answers queued, and a question without a queued
// answer fails the test (a warning, then "no") instead of blocking it.
inline void refuseUnexpectedQuestions()
{
    ui::Confirm::resetForTests();
    ui::Confirm::setHook([](const ui::Confirmation &q) {
        qWarning("unexpected question: %s", qPrintable(q.question));
        return false;
    });
}

} // namespace taskdesk::test

// TASKDESK_TEST_MAIN with a QApplication: the widgets tests need one. The
// texts are those an English-speaking operator reads ("1 task", "2 tasks").
#define TASKDESK_GUI_TEST_MAIN(TestObject)                                                         \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        QApplication app(argc, argv);                                                              \
        taskdesk::ui::installTranslations(app, QLocale(QLocale::English));                         \
        if (taskdesk::test::TestDatabase::postgres()                                               \
            && qEnvironmentVariableIsEmpty("TASKDESK_TEST_PG")) {                                  \
            qInfo("skipped: no PostgreSQL test server (run packaging/dev.sh test)");               \
            return 77;                                                                             \
        }                                                                                          \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }
