#pragma once

#include "confirm.h"
#include "tasks/taskstore.h"
#include "testdatabase.h"
#include "translations.h"

#include <QApplication>
#include <QTest>

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
