#pragma once

// Helpers shared by the store suites: bring a task into a given status through
// TaskStore itself (never by writing the status column), and compare rows.

#include "core/auditlog.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/taskstore.h"
#include "testdatabase.h"

#include <QAtomicInt>
#include <QTest>

namespace taskdesk::test {

// A task brought to a status, with the lease of its last claim (if any).
struct MadeTask
{
    qint64 id = 0;
    QString lease;
    QString queue;
    QVector<TaskItem> items;
};

inline QString uniqueQueue()
{
    static QAtomicInt counter;
    return QStringLiteral("q%1").arg(counter.fetchAndAddRelaxed(1));
}

// What a lost worker's host reports once its execution of the task is gone
// (its worker, or a worker or supervisor of the host): the task may be
// claimed again (DESIGN.md rule 7). Whether an open execution was closed.
inline bool executionEnded(Database &db, qint64 taskId)
{
    ExecutionStore executions(db);
    Result<std::optional<Execution>> open = executions.openOfTask(taskId);
    if (!open.ok() || !open->has_value())
        return false;
    Result<QVector<qint64>> closed = executions.closeByIds({(*open)->id}, ExecutionEnd::Reaped);
    return closed.ok() && closed->size() == 1;
}

// Each task gets its own queue, so that claim() picks exactly this task
// whatever else is PENDING in the database.
inline MadeTask makeTask(TaskStore &store, const QString &status, const QStringList &items = {},
    int maxAttempts = 3, const QString &workerId = QStringLiteral("worker-a"))
{
    MadeTask made;
    NewTask n;
    n.kind = QStringLiteral("test.job");
    made.queue = uniqueQueue();
    n.name = QStringLiteral("job in ") + made.queue;
    n.queue = made.queue;
    n.items = items;
    n.maxAttempts = maxAttempts;
    n.args = QStringLiteral(R"({"n": 1})");
    Result<qint64> id = store.queue().enqueue(n);
    if (!id.ok()) {
        qWarning("enqueue: %s", qPrintable(id.error().message()));
        return made;
    }
    made.id = *id;
    if (status == QLatin1String("PENDING"))
        return made;
    Result<std::optional<Claim>> c = store.queue().claim(workerId, {made.queue});
    if (!c.ok() || !c->has_value() || (*c)->taskId != made.id) {
        qWarning("claim did not return task %lld", made.id);
        made.id = 0;
        return made;
    }
    made.lease = (*c)->lease;
    made.items = (*c)->items;
    if (status == QLatin1String("RUNNING"))
        return made;
    if (status == QLatin1String("COMPLETED")) {
        Result<FinishResult> r = store.queue().finishSuccess(made.id, made.lease);
        if (!r.ok() || !r->accepted)
            made.id = 0;
        return made;
    }
    if (status == QLatin1String("FAILED")) {
        Result<FinishResult> r = store.queue().finishError(
            made.id, made.lease, 1, QStringLiteral("exit code 1"), Outcome::ErrorExit, false);
        if (!r.ok() || !r->accepted)
            made.id = 0;
        return made;
    }
    qWarning("makeTask: unknown status %s", qPrintable(status));
    made.id = 0;
    return made;
}

// Everything a transition could change in a task, its items and its log, as
// one text: two snapshots compare equal only if nothing was written.
inline QString snapshot(TaskStore &store, qint64 taskId)
{
    Result<Task> t = store.reader().task(taskId);
    if (!t.ok())
        return QStringLiteral("<%1>").arg(t.error().message());
    QString s = QStringLiteral("%1|%2|%3|%4|%5|attempt %6/%7|run_after %8|started %9|hb %10|"
                               "completed %11|updated %12|worker %13|lease %14|progress %15/%16|"
                               "rescues %17")
                    .arg(statusName(t->status), t->outcome, t->errorMessage, t->queue, t->args)
                    .arg(t->attempt)
                    .arg(t->maxAttempts)
                    .arg(t->runAfter)
                    .arg(t->startedAt)
                    .arg(t->heartbeatAt)
                    .arg(t->completedAt)
                    .arg(t->updatedAt)
                    .arg(t->workerId, t->lease)
                    .arg(t->progressDone)
                    .arg(t->progressTotal)
                    .arg(t->rescues);
    Result<QVector<TaskItem>> items = store.reader().items(taskId);
    if (items.ok()) {
        for (const TaskItem &i : *items)
            s += QStringLiteral("|item %1 %2 %3 %4 %5")
                     .arg(i.label, statusName(i.status))
                     .arg(i.startedAt)
                     .arg(i.completedAt)
                     .arg(i.errorMessage);
    }
    Result<QVector<LogLine>> log = store.reader().log(taskId);
    if (log.ok())
        s += QStringLiteral("|log lines %1").arg(log->size());
    return s;
}

inline QVector<AuditEntry> auditOf(Database &db, qint64 taskId)
{
    AuditLog audit(db);
    AuditFilter f;
    f.taskId = taskId;
    f.limit = 1000;
    Result<QVector<AuditEntry>> entries = audit.list(f);
    return entries.ok() ? *entries : QVector<AuditEntry>{};
}

inline QStringList logMessages(TaskStore &store, qint64 taskId)
{
    QStringList lines;
    Result<QVector<LogLine>> log = store.reader().log(taskId);
    if (log.ok()) {
        for (const LogLine &l : *log)
            lines << l.message;
    }
    return lines;
}

inline qint64 dbNow(Database &db)
{
    Result<qint64> n = db.now();
    return n.ok() ? *n : -1;
}

} // namespace taskdesk::test
