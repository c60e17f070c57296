#pragma once

#include "core/auditlog.h"
#include "core/database.h"
#include "core/tasks/operatoractions.h"
#include "core/tasks/stucktasks.h"
#include "core/tasks/taskqueue.h"
#include "core/tasks/taskreader.h"

#include <QString>

namespace taskdesk {

// Taskdesk's own tasks, in its own tables: the four sides of them over one
// Database, sharing who acts (the audit rows' actor) and the retry backoff.
// Each side is a class of its own; a caller that needs one side takes that one.
class TaskStore final
{
public:
    explicit TaskStore(Database &db, QString actor = AuditLog::osUser())
        : m_db(db)
        , m_actor(std::move(actor))
        , m_queue(db, m_actor)
        , m_actions(db, m_actor)
        , m_reader(db)
        , m_stuck(db, m_actor)
    { }

    const QString &actor() const { return m_actor; }
    void setActor(const QString &actor)
    {
        m_actor = actor;
        m_queue.setActor(actor);
        m_actions.setActor(actor);
        m_stuck.setActor(actor);
    }
    void setRetryPolicy(const RetryPolicy &policy)
    {
        m_queue.setRetryPolicy(policy);
        m_stuck.setRetryPolicy(policy);
    }
    Database &database() { return m_db; }

    // Producers and workers: enqueue, claim, heartbeat, finish, items, output.
    TaskQueue &queue() { return m_queue; }
    // Operators: Cancel, Force Stop, Restart, Delete.
    OperatorActions &actions() { return m_actions; }
    // Views and commands: a filter to rows, changes, counts, statistics.
    TaskReader &reader() { return m_reader; }
    // Stuck tasks: reports, clean-ups, the sweeper's rules.
    StuckTasks &stuck() { return m_stuck; }

private:
    Database &m_db;
    QString m_actor;
    TaskQueue m_queue;
    OperatorActions m_actions;
    TaskReader m_reader;
    StuckTasks m_stuck;
};

} // namespace taskdesk
