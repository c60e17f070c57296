#include "migrations.h"

namespace taskdesk {

namespace {

// PostgreSQL's count triggers (migrations 14 and 17): the rows a statement
// inserted, deleted or changed, counted by status, queue and kind.
enum class CountedRows { Inserted, Deleted, Updated };

QString pgStateCounts(CountedRows rows)
{
    switch (rows) {
    case CountedRows::Inserted:
        return QStringLiteral(R"(
                    INSERT INTO task_state_counts (status, queue, kind, shard, n)
                    SELECT status, queue, kind, pg_backend_pid() % 16, count(*) FROM new_rows
                    GROUP BY status, queue, kind
                    ON CONFLICT (status, queue, kind, shard)
                        DO UPDATE SET n = task_state_counts.n + EXCLUDED.n;
)");
    case CountedRows::Deleted:
        return QStringLiteral(R"(
                    INSERT INTO task_state_counts (status, queue, kind, shard, n)
                    SELECT status, queue, kind, pg_backend_pid() % 16, -count(*) FROM old_rows
                    GROUP BY status, queue, kind
                    ON CONFLICT (status, queue, kind, shard)
                        DO UPDATE SET n = task_state_counts.n + EXCLUDED.n;
)");
    case CountedRows::Updated:
        break;
    }
    return QStringLiteral(R"(
                    INSERT INTO task_state_counts (status, queue, kind, shard, n)
                    SELECT status, queue, kind, pg_backend_pid() % 16, sum(d) FROM (
                        SELECT status, queue, kind, 1 AS d FROM new_rows
                        UNION ALL SELECT status, queue, kind, -1 AS d FROM old_rows) x
                    GROUP BY status, queue, kind HAVING sum(d) <> 0
                    ON CONFLICT (status, queue, kind, shard)
                        DO UPDATE SET n = task_state_counts.n + EXCLUDED.n;
)");
}

// PostgreSQL's count triggers of migrations 7 and 14: the rows a statement
// inserted, deleted or changed, counted by status in task_counts.
QString pgTaskCounts(CountedRows rows)
{
    switch (rows) {
    case CountedRows::Inserted:
        return QStringLiteral(R"(
                    INSERT INTO task_counts (status, shard, n)
                    SELECT status, pg_backend_pid() % 16, count(*) FROM new_rows GROUP BY status
                    ON CONFLICT (status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n;
)");
    case CountedRows::Deleted:
        return QStringLiteral(R"(
                    INSERT INTO task_counts (status, shard, n)
                    SELECT status, pg_backend_pid() % 16, -count(*) FROM old_rows GROUP BY status
                    ON CONFLICT (status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n;
)");
    case CountedRows::Updated:
        break;
    }
    return QStringLiteral(R"(
                    INSERT INTO task_counts (status, shard, n)
                    SELECT status, pg_backend_pid() % 16, sum(d) FROM (
                        SELECT status, 1 AS d FROM new_rows
                        UNION ALL SELECT status, -1 AS d FROM old_rows) x
                    GROUP BY status HAVING sum(d) <> 0
                    ON CONFLICT (status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n;
)");
}

// PostgreSQL's count triggers (migrations 14 and 17): each row of a statement
// that moved into COMPLETED or FAILED counted in task_finishes by queue, kind
// and outcome, with its run's duration in the histogram's buckets.
QString pgFinishCounts()
{
    return QStringLiteral(R"(
                    INSERT INTO task_finishes (queue, kind, outcome, shard, n, runs, run_ms, le_1,
                        le_5, le_15, le_60, le_300, le_900, le_3600)
                    SELECT queue, kind, outcome, pg_backend_pid() % 16, count(*), count(d),
                        COALESCE(sum(d), 0), count(*) FILTER (WHERE d <= 1000),
                        count(*) FILTER (WHERE d <= 5000), count(*) FILTER (WHERE d <= 15000),
                        count(*) FILTER (WHERE d <= 60000), count(*) FILTER (WHERE d <= 300000),
                        count(*) FILTER (WHERE d <= 900000), count(*) FILTER (WHERE d <= 3600000)
                    FROM (SELECT n.queue, n.kind, COALESCE(n.outcome, 'unknown') AS outcome,
                        CASE WHEN o.status = 'RUNNING' AND n.started_at IS NOT NULL
                            THEN GREATEST(0, COALESCE(n.completed_at, {NOW}) - n.started_at)
                        END AS d
                        FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE n.status IN ('COMPLETED', 'FAILED')
                            AND o.status NOT IN ('COMPLETED', 'FAILED')) f
                    GROUP BY queue, kind, outcome
                    ON CONFLICT (queue, kind, outcome, shard) DO UPDATE SET
                        n = task_finishes.n + EXCLUDED.n, runs = task_finishes.runs + EXCLUDED.runs,
                        run_ms = task_finishes.run_ms + EXCLUDED.run_ms,
                        le_1 = task_finishes.le_1 + EXCLUDED.le_1,
                        le_5 = task_finishes.le_5 + EXCLUDED.le_5,
                        le_15 = task_finishes.le_15 + EXCLUDED.le_15,
                        le_60 = task_finishes.le_60 + EXCLUDED.le_60,
                        le_300 = task_finishes.le_300 + EXCLUDED.le_300,
                        le_900 = task_finishes.le_900 + EXCLUDED.le_900,
                        le_3600 = task_finishes.le_3600 + EXCLUDED.le_3600;
)");
}

// A function of PostgreSQL's for a statement-level trigger, that runs `body`.
QString pgTriggerFunction(const QString &name, const QString &body)
{
    return QStringLiteral("CREATE OR REPLACE FUNCTION ") + name
        + QStringLiteral("() RETURNS trigger AS $fn$\n                BEGIN") + body
        + QStringLiteral("                    RETURN NULL;\n                END\n                "
                         "$fn$ LANGUAGE plpgsql");
}

QVector<Migration> buildMigrations()
{
    QVector<Migration> list;

    // 1: tasks, their items and log lines, the audit log, settings and the
    // singleton leases. The public contract of DESIGN.md: every column but
    // name, kind and args has a default, and times come from the database clock.
    list.append({1, QStringLiteral("tasks, items, log, audit, settings, leases"),
        {
            QStringLiteral(R"(CREATE TABLE tasks (
                id {ID},
                name TEXT NOT NULL DEFAULT '',
                kind TEXT NOT NULL,
                queue TEXT NOT NULL DEFAULT 'default',
                priority INTEGER NOT NULL DEFAULT 0,
                args TEXT NOT NULL DEFAULT '{}',
                status TEXT NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
                outcome TEXT,
                error_message TEXT,
                attempt INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL DEFAULT 3,
                run_after BIGINT NOT NULL DEFAULT {NOW},
                time_limit_s INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL DEFAULT {NOW},
                started_at BIGINT,
                heartbeat_at BIGINT,
                completed_at BIGINT,
                updated_at BIGINT NOT NULL DEFAULT {NOW},
                worker_id TEXT,
                lease TEXT,
                progress_done INTEGER NOT NULL DEFAULT 0,
                progress_total INTEGER NOT NULL DEFAULT 0,
                rescues INTEGER NOT NULL DEFAULT 0,
                schedule_id BIGINT
            ))"),
            // Claims: due PENDING tasks in priority order.
            QStringLiteral("CREATE INDEX tasks_pending_idx ON tasks (priority DESC, id) "
                           "WHERE status = 'PENDING'"),
            // The stuck report and the sweeper: old heartbeats, long waits.
            QStringLiteral("CREATE INDEX tasks_running_heartbeat_idx ON tasks (heartbeat_at) "
                           "WHERE status = 'RUNNING'"),
            QStringLiteral("CREATE INDEX tasks_pending_due_idx ON tasks (run_after) "
                           "WHERE status = 'PENDING'"),
            // "What changed since T" for the refresh of the task table.
            QStringLiteral("CREATE INDEX tasks_updated_idx ON tasks (updated_at)"),
            QStringLiteral("CREATE INDEX tasks_status_idx ON tasks (status, id)"),
            QStringLiteral("CREATE INDEX tasks_queue_idx ON tasks (queue, id)"),
            QStringLiteral("CREATE INDEX tasks_completed_idx ON tasks (completed_at)"),
            QStringLiteral(R"(CREATE TABLE task_items (
                id {ID},
                task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                position INTEGER NOT NULL DEFAULT 0,
                label TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
                started_at BIGINT,
                completed_at BIGINT,
                error_message TEXT
            ))"),
            QStringLiteral("CREATE INDEX task_items_task_idx ON task_items (task_id, position)"),
            QStringLiteral(R"(CREATE TABLE task_log (
                id {ID},
                task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                item_id BIGINT,
                at BIGINT NOT NULL DEFAULT {NOW},
                level TEXT NOT NULL DEFAULT 'info',
                message TEXT NOT NULL DEFAULT ''
            ))"),
            QStringLiteral("CREATE INDEX task_log_task_idx ON task_log (task_id, id)"),
            // Audit rows name the task but do not reference it: they outlive it.
            QStringLiteral(R"(CREATE TABLE audit_log (
                id {ID},
                at BIGINT NOT NULL DEFAULT {NOW},
                actor TEXT NOT NULL,
                host TEXT NOT NULL DEFAULT '',
                action TEXT NOT NULL,
                task_id BIGINT,
                task_name TEXT,
                before_status TEXT,
                after_status TEXT,
                details TEXT NOT NULL DEFAULT '{}'
            ))"),
            QStringLiteral("CREATE INDEX audit_log_at_idx ON audit_log (at)"),
            QStringLiteral("CREATE INDEX audit_log_task_idx ON audit_log (task_id)"),
            QStringLiteral(R"(CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at BIGINT NOT NULL DEFAULT {NOW}
            ))"),
            QStringLiteral(R"(CREATE TABLE leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                acquired_at BIGINT NOT NULL DEFAULT {NOW},
                expires_at BIGINT NOT NULL
            ))"),
        },
        {QStringLiteral("PRAGMA application_id = 1414744900")}, {}});

    // 2: the runtime: workers, supervised processes and their output, schedules.
    list.append({2, QStringLiteral("workers, processes, schedules"),
        {
            QStringLiteral(R"(CREATE TABLE workers (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                host TEXT NOT NULL,
                pid BIGINT NOT NULL DEFAULT 0,
                queues TEXT NOT NULL DEFAULT '',
                concurrency INTEGER NOT NULL DEFAULT 1,
                status TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'stopped', 'lost')),
                started_at BIGINT NOT NULL DEFAULT {NOW},
                heartbeat_at BIGINT NOT NULL DEFAULT {NOW},
                stopped_at BIGINT,
                version TEXT NOT NULL DEFAULT ''
            ))"),
            QStringLiteral(R"(CREATE TABLE processes (
                id {ID},
                name TEXT NOT NULL UNIQUE,
                host TEXT NOT NULL DEFAULT '',
                program TEXT NOT NULL,
                args TEXT NOT NULL DEFAULT '[]',
                workdir TEXT NOT NULL DEFAULT '',
                env TEXT NOT NULL DEFAULT '{}',
                role TEXT NOT NULL DEFAULT 'other'
                    CHECK (role IN ('worker', 'scheduler', 'other')),
                autostart INTEGER NOT NULL DEFAULT 0,
                desired TEXT NOT NULL DEFAULT 'stopped'
                    CHECK (desired IN ('running', 'stopped')),
                restart_policy TEXT NOT NULL DEFAULT 'always'
                    CHECK (restart_policy IN ('always', 'on-failure', 'never')),
                stop_grace_ms INTEGER NOT NULL DEFAULT 10000,
                max_failures INTEGER NOT NULL DEFAULT 5,
                backoff_base_ms INTEGER NOT NULL DEFAULT 1000,
                backoff_cap_ms INTEGER NOT NULL DEFAULT 60000,
                healthy_after_ms INTEGER NOT NULL DEFAULT 30000,
                startup_ms INTEGER NOT NULL DEFAULT 1000,
                start_generation INTEGER NOT NULL DEFAULT 0,
                restart_generation INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL DEFAULT 'STOPPED'
                    CHECK (state IN ('STOPPED', 'STARTING', 'RUNNING', 'BACKOFF', 'STOPPING',
                                     'EXITED', 'FATAL')),
                pid BIGINT NOT NULL DEFAULT 0,
                started_at BIGINT,
                exited_at BIGINT,
                last_exit TEXT NOT NULL DEFAULT '',
                starts INTEGER NOT NULL DEFAULT 0,
                restarts INTEGER NOT NULL DEFAULT 0,
                consecutive_failures INTEGER NOT NULL DEFAULT 0,
                message TEXT NOT NULL DEFAULT '',
                worker_id TEXT,
                supervised_by TEXT NOT NULL DEFAULT '',
                updated_at BIGINT NOT NULL DEFAULT {NOW}
            ))"),
            QStringLiteral(R"(CREATE TABLE process_output (
                id {ID},
                process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
                at BIGINT NOT NULL DEFAULT {NOW},
                stream TEXT NOT NULL DEFAULT 'stdout',
                line TEXT NOT NULL
            ))"),
            QStringLiteral("CREATE INDEX process_output_idx ON process_output (process_id, id)"),
            QStringLiteral(R"(CREATE TABLE schedules (
                id {ID},
                name TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                args TEXT NOT NULL DEFAULT '{}',
                queue TEXT NOT NULL DEFAULT 'default',
                priority INTEGER NOT NULL DEFAULT 0,
                every_s INTEGER NOT NULL DEFAULT 0,
                cron TEXT NOT NULL DEFAULT '',
                enabled INTEGER NOT NULL DEFAULT 1,
                anchor_at BIGINT NOT NULL DEFAULT {NOW},
                last_slot_at BIGINT,
                created_at BIGINT NOT NULL DEFAULT {NOW},
                updated_at BIGINT NOT NULL DEFAULT {NOW}
            ))"),
            // A slot is enqueued at most once, whoever races for it.
            QStringLiteral(R"(CREATE TABLE schedule_runs (
                schedule_id BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
                slot_at BIGINT NOT NULL,
                task_id BIGINT,
                created_at BIGINT NOT NULL DEFAULT {NOW},
                PRIMARY KEY (schedule_id, slot_at)
            ))"),
            QStringLiteral("CREATE INDEX tasks_schedule_idx ON tasks (schedule_id)"),
        },
        {}, {}});

    // 3: PostgreSQL pushes changes: one NOTIFY per statement (folded per
    // transaction by the server), the table name as payload. SQLite polls.
    list.append({3, QStringLiteral("change notifications"), {}, {},
        {
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION taskdesk_notify() RETURNS trigger AS $fn$
                BEGIN
                    PERFORM pg_notify('taskdesk_changes', TG_TABLE_NAME);
                    RETURN NULL;
                END
                $fn$ LANGUAGE plpgsql)"),
            QStringLiteral("CREATE TRIGGER tasks_notify AFTER INSERT OR UPDATE OR DELETE ON tasks "
                           "FOR EACH STATEMENT EXECUTE FUNCTION taskdesk_notify()"),
            QStringLiteral("CREATE TRIGGER processes_notify AFTER INSERT OR UPDATE OR DELETE ON "
                           "processes FOR EACH STATEMENT EXECUTE FUNCTION taskdesk_notify()"),
            QStringLiteral("CREATE TRIGGER schedules_notify AFTER INSERT OR UPDATE OR DELETE ON "
                           "schedules FOR EACH STATEMENT EXECUTE FUNCTION taskdesk_notify()"),
        }});

    // 4: counts by status kept by triggers, so that the live counts of the
    // filter chips cost microseconds instead of a scan of a million rows.
    // PostgreSQL spreads each status over 16 rows by backend, so that workers
    // changing states at the same time rarely queue on one counter row.
    list.append({4, QStringLiteral("task counts by status"),
        {
            QStringLiteral(R"(CREATE TABLE task_counts (
                status TEXT NOT NULL,
                shard INTEGER NOT NULL,
                n BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (status, shard)
            ))"),
            QStringLiteral("INSERT INTO task_counts (status, shard, n) SELECT status, 0, count(*) "
                           "FROM tasks GROUP BY status"),
        },
        {
            QStringLiteral(R"(CREATE TRIGGER tasks_count_insert AFTER INSERT ON tasks BEGIN
                INSERT INTO task_counts (status, shard, n) VALUES (NEW.status, 0, 1)
                    ON CONFLICT (status, shard) DO UPDATE SET n = n + 1;
            END)"),
            QStringLiteral(R"(CREATE TRIGGER tasks_count_update AFTER UPDATE OF status ON tasks
                WHEN OLD.status <> NEW.status BEGIN
                UPDATE task_counts SET n = n - 1 WHERE status = OLD.status AND shard = 0;
                INSERT INTO task_counts (status, shard, n) VALUES (NEW.status, 0, 1)
                    ON CONFLICT (status, shard) DO UPDATE SET n = n + 1;
            END)"),
            QStringLiteral(R"(CREATE TRIGGER tasks_count_delete AFTER DELETE ON tasks BEGIN
                UPDATE task_counts SET n = n - 1 WHERE status = OLD.status AND shard = 0;
            END)"),
        },
        {
            // Statement-level with transition tables: one upsert per status and
            // statement. (A row-level trigger would update one counter row a million
            // times in one bulk transaction, and PostgreSQL's version chain makes
            // that quadratic.)
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION taskdesk_count_apply(delta_status TEXT[],
                    delta_n BIGINT[]) RETURNS void AS $fn$
                INSERT INTO task_counts (status, shard, n)
                SELECT d.status, pg_backend_pid() % 16, d.n
                FROM unnest(delta_status, delta_n) AS d(status, n) WHERE d.n <> 0
                ON CONFLICT (status, shard) DO UPDATE SET n = task_counts.n + EXCLUDED.n
                $fn$ LANGUAGE sql)"),
            QStringLiteral(
                R"(CREATE OR REPLACE FUNCTION taskdesk_count_insert() RETURNS trigger AS $fn$
                BEGIN
                    PERFORM taskdesk_count_apply(array_agg(status), array_agg(n))
                    FROM (SELECT status, count(*) AS n FROM new_rows GROUP BY status) c;
                    RETURN NULL;
                END
                $fn$ LANGUAGE plpgsql)"),
            QStringLiteral(
                R"(CREATE OR REPLACE FUNCTION taskdesk_count_delete() RETURNS trigger AS $fn$
                BEGIN
                    PERFORM taskdesk_count_apply(array_agg(status), array_agg(-n))
                    FROM (SELECT status, count(*) AS n FROM old_rows GROUP BY status) c;
                    RETURN NULL;
                END
                $fn$ LANGUAGE plpgsql)"),
            QStringLiteral(
                R"(CREATE OR REPLACE FUNCTION taskdesk_count_update() RETURNS trigger AS $fn$
                BEGIN
                    PERFORM taskdesk_count_apply(array_agg(status), array_agg(n))
                    FROM (SELECT status, sum(d) AS n FROM (
                        SELECT status, 1 AS d FROM new_rows
                        UNION ALL SELECT status, -1 AS d FROM old_rows) x GROUP BY status) c;
                    RETURN NULL;
                END
                $fn$ LANGUAGE plpgsql)"),
            QStringLiteral("CREATE TRIGGER tasks_count_insert AFTER INSERT ON tasks REFERENCING "
                           "NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
                           "taskdesk_count_insert()"),
            QStringLiteral("CREATE TRIGGER tasks_count_delete AFTER DELETE ON tasks REFERENCING "
                           "OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
                           "taskdesk_count_delete()"),
            QStringLiteral("CREATE TRIGGER tasks_count_update AFTER UPDATE ON tasks REFERENCING "
                           "OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
                           "EXECUTE FUNCTION taskdesk_count_update()"),
        }});

    // 5: claims read the next due task in (priority, due time) order from an
    // index that holds that order, overall and per queue. In (priority, id)
    // order a claim stepped over every task not due yet (delayed, or backing off)
    // and, for a worker of one queue, over the other queues' backlog: 15 ms of
    // CPU per claim on SQLite behind 25,000 such tasks, and PostgreSQL, with
    // statistics older than a burst of new tasks, sorted the whole queue for
    // each claim (80 ms).
    list.append({5, QStringLiteral("claim indexes by queue and due time"),
        {
            QStringLiteral("DROP INDEX tasks_pending_idx"),
            QStringLiteral("CREATE INDEX tasks_pending_idx ON tasks (priority DESC, run_after, id) "
                           "WHERE status = 'PENDING'"),
            QStringLiteral("CREATE INDEX tasks_queue_pending_idx ON tasks (queue, priority DESC, "
                           "run_after, id) WHERE status = 'PENDING'"),
        },
        {}, {}});

    // 6: the task table sorts by name, kind, queue (tasks_queue_idx), worker and
    // start time: without an index in each order a page sorted a million rows
    // (200 ms). The expressions are those of the ORDER BY (NULL read as '' or 0).
    // SQLite keeps the row id in every index entry, PostgreSQL needs it spelled
    // out. Not prefixed by status: name, kind and queue never change, worker and
    // start time once per claim. Claim + finish on SQLite, CPU per task in
    // taskdesk-bench part 4: 0.45 ms without these, 0.58 ms with them, 1.16 ms
    // with (status, column) indexes, which every claim and finish rewrites. A
    // status filter picks its index by the counts instead (TaskReader::list). The
    // table offers no sort whose index would be written on every heartbeat or
    // finish (progress, heartbeat, duration, attempts).
    list.append({6, QStringLiteral("indexes for the sort orders of the task table"), {},
        {
            QStringLiteral("CREATE INDEX tasks_name_idx ON tasks (name)"),
            QStringLiteral("CREATE INDEX tasks_kind_idx ON tasks (kind)"),
            QStringLiteral("CREATE INDEX tasks_worker_idx ON tasks (COALESCE(worker_id, ''))"),
            QStringLiteral("CREATE INDEX tasks_started_idx ON tasks (COALESCE(started_at, 0))"),
        },
        {
            QStringLiteral("CREATE INDEX tasks_name_idx ON tasks (name, id)"),
            QStringLiteral("CREATE INDEX tasks_kind_idx ON tasks (kind, id)"),
            QStringLiteral(
                "CREATE INDEX tasks_worker_idx ON tasks ((COALESCE(worker_id, '')), id)"),
            QStringLiteral(
                "CREATE INDEX tasks_started_idx ON tasks ((COALESCE(started_at, 0)), id)"),
        }});

    // 7: the PostgreSQL count triggers sum their rows in one INSERT … ON
    // CONFLICT of their own, and an UPDATE that changes no status (a heartbeat,
    // a progress line) writes nothing. Through a function of arrays they cost
    // 0.15–0.2 ms of server time per statement, a heartbeat included; now
    // 0.03 ms without a status change and 0.07 ms with one.
    list.append({7, QStringLiteral("cheaper PostgreSQL count triggers"), {}, {},
        {
            pgTriggerFunction(
                QStringLiteral("taskdesk_count_insert"), pgTaskCounts(CountedRows::Inserted)),
            pgTriggerFunction(
                QStringLiteral("taskdesk_count_delete"), pgTaskCounts(CountedRows::Deleted)),
            pgTriggerFunction(
                QStringLiteral("taskdesk_count_update"), pgTaskCounts(CountedRows::Updated)),
        }});

    // 8: what a claim and a finish write. Most tasks have no schedule, and no
    // claimed or waiting task has an end: those rows stay out of the two
    // indexes (a lookup names a schedule, or ends after a time), and
    // PostgreSQL, which writes every index on a change of status, writes 19
    // index entries per task run instead of 21. On PostgreSQL autovacuum visits
    // the task table after 1 % of it changed instead of 20 %: every claim leaves
    // a dead entry at the front of the claim indexes, which each later claim
    // steps over until the table is vacuumed (a run at 1,000 claims a second
    // leaves 200,000 of them before the default threshold at a million tasks).
    list.append({8, QStringLiteral("smaller schedule and end indexes, vacuum of the task table"),
        {
            QStringLiteral("DROP INDEX tasks_schedule_idx"),
            QStringLiteral("CREATE INDEX tasks_schedule_idx ON tasks (schedule_id) "
                           "WHERE schedule_id IS NOT NULL"),
            QStringLiteral("DROP INDEX tasks_completed_idx"),
            QStringLiteral("CREATE INDEX tasks_completed_idx ON tasks (completed_at) "
                           "WHERE completed_at IS NOT NULL"),
        },
        {},
        {
            QStringLiteral("ALTER TABLE tasks SET (autovacuum_vacuum_scale_factor = 0.01, "
                           "autovacuum_analyze_scale_factor = 0.02)"),
        }});

    // 9: executions (DESIGN.md rule 7). A claim opens one per task in its own
    // transaction, and a task with an open one is not claimed again: the
    // unique index makes the database refuse a second. An execution closes
    // when its process group is known gone (its worker, or a worker or
    // supervisor of its host, saw it), when its host booted again, or when an
    // operator declared its host dead. `watches` keeps where a singleton's
    // continuous observation began (the sweeper: a worker is lost only after a
    // whole heartbeat timeout in which the database and the sweeper answered),
    // beside the lease, so that the next holder sees it too. Nothing changes
    // for programs that only insert tasks.
    list.append({9, QStringLiteral("executions, watches"),
        {
            QStringLiteral(R"(CREATE TABLE executions (
                id {ID},
                task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
                attempt INTEGER NOT NULL DEFAULT 0,
                lease TEXT NOT NULL,
                worker_id TEXT NOT NULL DEFAULT '',
                host TEXT NOT NULL DEFAULT '',
                boot_id TEXT NOT NULL DEFAULT '',
                worker_pid BIGINT NOT NULL DEFAULT 0,
                worker_start BIGINT NOT NULL DEFAULT 0,
                pgid BIGINT NOT NULL DEFAULT 0,
                leader_start BIGINT NOT NULL DEFAULT 0,
                started_at BIGINT NOT NULL DEFAULT {NOW},
                group_at BIGINT,
                ended_at BIGINT,
                end_reason TEXT
            ))"),
            QStringLiteral("CREATE UNIQUE INDEX executions_open_task_idx ON executions (task_id) "
                           "WHERE ended_at IS NULL"),
            QStringLiteral("CREATE INDEX executions_open_lease_idx ON executions (lease) "
                           "WHERE ended_at IS NULL"),
            QStringLiteral("CREATE INDEX executions_open_host_idx ON executions (host, id) "
                           "WHERE ended_at IS NULL"),
            QStringLiteral("CREATE INDEX executions_open_worker_idx ON executions (worker_id, id) "
                           "WHERE ended_at IS NULL"),
            // A task's history, and the cascade of a deleted task.
            QStringLiteral("CREATE INDEX executions_task_idx ON executions (task_id, id)"),
            QStringLiteral(R"(CREATE TABLE watches (
                name TEXT PRIMARY KEY,
                observed_since BIGINT NOT NULL,
                last_pass_at BIGINT NOT NULL
            ))"),
        },
        {},
        {
            // A closed execution may make a waiting task claimable: wake the workers.
            QStringLiteral("CREATE TRIGGER executions_notify AFTER UPDATE OF ended_at ON "
                           "executions FOR EACH STATEMENT EXECUTE FUNCTION taskdesk_notify()"),
        }});

    // 10: a task's progress counts its items whoever writes them: rows that
    // another program inserts into the public task_items table (or whose status
    // it changes) count too. Kept by triggers by steps of one row, not by
    // counting the items again: a task takes up to 100,000 items. A step never
    // leaves 0..progress_total, so a store statement that sets progress itself
    // (a restart sets 0 before its items go back to PENDING) stays true. The
    // files of earlier versions are counted once here.
    list.append({10, QStringLiteral("progress of tasks kept from their items"),
        {
            QStringLiteral(R"(UPDATE tasks SET
                progress_total = (SELECT count(*) FROM task_items i WHERE i.task_id = tasks.id),
                progress_done = (SELECT count(*) FROM task_items i WHERE i.task_id = tasks.id
                    AND i.status IN ('COMPLETED', 'FAILED'))
                WHERE id IN (SELECT task_id FROM task_items))"),
        },
        {
            // Files of versions that did not set it get it now: a file is known
            // as Taskdesk's before anything is written to it.
            QStringLiteral("PRAGMA application_id = 1414744900"),
            QStringLiteral(R"(CREATE TRIGGER task_items_progress_insert AFTER INSERT ON task_items
                BEGIN
                UPDATE tasks SET progress_total = progress_total + 1,
                    progress_done = min(progress_total + 1, progress_done
                        + (NEW.status IN ('COMPLETED', 'FAILED'))),
                    updated_at = {NOW}
                WHERE id = NEW.task_id;
            END)"),
            QStringLiteral(R"(CREATE TRIGGER task_items_progress_delete AFTER DELETE ON task_items
                BEGIN
                UPDATE tasks SET progress_total = max(0, progress_total - 1),
                    progress_done = max(0, min(progress_total - 1, progress_done
                        - (OLD.status IN ('COMPLETED', 'FAILED')))),
                    updated_at = {NOW}
                WHERE id = OLD.task_id;
            END)"),
            QStringLiteral(R"(CREATE TRIGGER task_items_progress_update AFTER UPDATE OF status,
                task_id ON task_items
                WHEN OLD.task_id <> NEW.task_id OR (OLD.status IN ('COMPLETED', 'FAILED'))
                    <> (NEW.status IN ('COMPLETED', 'FAILED'))
                BEGIN
                UPDATE tasks SET progress_total = max(0, progress_total - 1),
                    progress_done = max(0, min(progress_total - 1, progress_done
                        - (OLD.status IN ('COMPLETED', 'FAILED')))),
                    updated_at = {NOW}
                WHERE id = OLD.task_id;
                UPDATE tasks SET progress_total = progress_total + 1,
                    progress_done = min(progress_total + 1, progress_done
                        + (NEW.status IN ('COMPLETED', 'FAILED'))),
                    updated_at = {NOW}
                WHERE id = NEW.task_id;
            END)"),
        },
        {
            // Statement-level, with the rows of the statement: one UPDATE per task
            // and statement (a restart or cancel moves all items of a task at once).
            // (The rows of the other side are named only in the branch of their
            // operation: a DELETE trigger has no new_rows to plan against.)
            QStringLiteral(
                R"(CREATE OR REPLACE FUNCTION taskdesk_items_progress_apply(delta_task BIGINT[],
                    delta_total BIGINT[], delta_done BIGINT[]) RETURNS void AS $fn$
                UPDATE tasks t SET progress_total = GREATEST(0, t.progress_total + d.total),
                    progress_done = GREATEST(0, LEAST(t.progress_total + d.total,
                        t.progress_done + d.done)),
                    updated_at = {NOW}
                FROM (SELECT task_id, sum(total) AS total, sum(done) AS done
                    FROM unnest(delta_task, delta_total, delta_done) AS x(task_id, total, done)
                    GROUP BY task_id HAVING sum(total) <> 0 OR sum(done) <> 0) d
                WHERE t.id = d.task_id
                $fn$ LANGUAGE sql)"),
            QStringLiteral(
                R"(CREATE OR REPLACE FUNCTION taskdesk_items_progress() RETURNS trigger AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM taskdesk_items_progress_apply(array_agg(task_id),
                            array_agg(1::BIGINT), array_agg(CASE WHEN status IN ('COMPLETED',
                            'FAILED') THEN 1::BIGINT ELSE 0 END)) FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM taskdesk_items_progress_apply(array_agg(task_id),
                            array_agg(-1::BIGINT), array_agg(CASE WHEN status IN ('COMPLETED',
                            'FAILED') THEN -1::BIGINT ELSE 0 END)) FROM old_rows;
                    ELSE
                        PERFORM taskdesk_items_progress_apply(array_agg(task_id),
                            array_agg(total), array_agg(done)) FROM (
                            SELECT task_id, 1::BIGINT AS total, CASE WHEN status IN
                                ('COMPLETED', 'FAILED') THEN 1::BIGINT ELSE 0 END AS done
                                FROM new_rows
                            UNION ALL
                            SELECT task_id, -1::BIGINT, CASE WHEN status IN
                                ('COMPLETED', 'FAILED') THEN -1::BIGINT ELSE 0 END
                                FROM old_rows) x;
                    END IF;
                    RETURN NULL;
                END
                $fn$ LANGUAGE plpgsql)"),
            QStringLiteral("CREATE TRIGGER task_items_progress_insert AFTER INSERT ON task_items "
                           "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
                           "FUNCTION taskdesk_items_progress()"),
            QStringLiteral("CREATE TRIGGER task_items_progress_delete AFTER DELETE ON task_items "
                           "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE "
                           "FUNCTION taskdesk_items_progress()"),
            QStringLiteral("CREATE TRIGGER task_items_progress_update AFTER UPDATE ON task_items "
                           "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
                           "STATEMENT EXECUTE FUNCTION taskdesk_items_progress()"),
        }});

    // 11: a tamper-evident audit log and who may write process definitions.
    // Each audit row gets prev_id (the row before it in the chain), hash
    // (AuditChain::hash) and, on PostgreSQL, db_role: the session's login
    // role, which no client can choose. The database fills them as a row is
    // inserted, serialized on the one-row audit_chain, which records where the
    // chain began (rows before it stay unchained) and its head. Cost: one more
    // UPDATE of audit_chain per audited row, and on PostgreSQL audited
    // transactions commit one at a time. Measured per enqueue (one task, one
    // audit row, one transaction) on a busy 2-core machine: SQLite 0.45 → 0.5 ms
    // of CPU; PostgreSQL 0.9–1.3 → 1.3–1.4 ms.
    // PostgreSQL roles (taskdeskctl init --create-roles): taskdesk_apply_grants()
    // is the one home of the narrower grants; it runs here for roles that exist
    // already, and after every later creation of the roles. It reads the
    // columns from the catalog, so rerun it after a migration that adds a
    // column to `processes`.
    list.append({11, QStringLiteral("audit hash chain, admin-only process definitions"),
        {
            QStringLiteral("ALTER TABLE audit_log ADD COLUMN prev_id BIGINT"),
            QStringLiteral("ALTER TABLE audit_log ADD COLUMN hash TEXT"),
            QStringLiteral("ALTER TABLE audit_log ADD COLUMN db_role TEXT"),
            QStringLiteral(R"(CREATE TABLE audit_chain (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                start_id BIGINT NOT NULL,
                last_id BIGINT NOT NULL,
                last_hash TEXT NOT NULL
            ))"),
            QStringLiteral("INSERT INTO audit_chain (id, start_id, last_id, last_hash) SELECT 1, "
                           "COALESCE(max(id), 0), COALESCE(max(id), 0), '' FROM audit_log"),
        },
        {
            // AUTOINCREMENT ids grow in commit order (one writer at a time), so
            // the chain runs in id order.
            QStringLiteral(R"(CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log BEGIN
                UPDATE audit_log SET prev_id = (SELECT last_id FROM audit_chain WHERE id = 1),
                    hash = taskdesk_audit_hash((SELECT last_hash FROM audit_chain WHERE id = 1),
                        NEW.id, (SELECT last_id FROM audit_chain WHERE id = 1), NEW.at,
                        NEW.actor, NEW.db_role, NEW.host, NEW.action, NEW.task_id,
                        NEW.task_name, NEW.before_status, NEW.after_status, NEW.details)
                    WHERE id = NEW.id;
                UPDATE audit_chain SET last_id = NEW.id,
                    last_hash = (SELECT hash FROM audit_log WHERE id = NEW.id) WHERE id = 1;
            END)"),
        },
        {
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION taskdesk_audit_field(TEXT) RETURNS TEXT
                LANGUAGE sql IMMUTABLE AS $fn$
                SELECT CASE WHEN $1 IS NULL THEN '~;'
                    ELSE octet_length(convert_to($1, 'UTF8'))::text || ':' || $1 || ';' END
                $fn$)"),
            // PL/pgSQL keeps its plan for the session; as a SQL function it was
            // planned again for every row (measured: 0.6 ms more per audited
            // enqueue, against 0.2–0.4 ms now).
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION taskdesk_audit_hash(TEXT, BIGINT, BIGINT,
                    BIGINT, TEXT, TEXT, TEXT, TEXT, BIGINT, TEXT, TEXT, TEXT, TEXT) RETURNS TEXT
                LANGUAGE plpgsql IMMUTABLE AS $fn$
                BEGIN
                RETURN encode(sha256(convert_to(taskdesk_audit_field($1)
                    || taskdesk_audit_field($2::text) || taskdesk_audit_field($3::text)
                    || taskdesk_audit_field($4::text) || taskdesk_audit_field($5)
                    || taskdesk_audit_field($6) || taskdesk_audit_field($7)
                    || taskdesk_audit_field($8) || taskdesk_audit_field($9::text)
                    || taskdesk_audit_field($10) || taskdesk_audit_field($11)
                    || taskdesk_audit_field($12) || taskdesk_audit_field($13), 'UTF8')), 'hex');
                END
                $fn$)"),
            // The trigger numbers the rows: an id taken before the chain's lock
            // (the identity default) would not follow the chain when writers race.
            QStringLiteral("ALTER TABLE audit_log ALTER COLUMN id DROP IDENTITY"),
            QStringLiteral("CREATE SEQUENCE audit_log_chain_seq OWNED BY audit_log.id"),
            QStringLiteral("SELECT setval('audit_log_chain_seq', COALESCE((SELECT max(id) FROM "
                           "audit_log), 0) + 1, false)"),
            // SECURITY DEFINER: operators append through it without any right on
            // audit_chain or the sequence.
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION taskdesk_audit_chain() RETURNS trigger
                LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
                DECLARE
                    head audit_chain%ROWTYPE;
                BEGIN
                    SELECT * INTO head FROM audit_chain WHERE id = 1 FOR UPDATE;
                    NEW.id := nextval('audit_log_chain_seq');
                    NEW.prev_id := head.last_id;
                    NEW.db_role := session_user;
                    NEW.hash := taskdesk_audit_hash(head.last_hash, NEW.id, NEW.prev_id, NEW.at,
                        NEW.actor, NEW.db_role, NEW.host, NEW.action, NEW.task_id, NEW.task_name,
                        NEW.before_status, NEW.after_status, NEW.details);
                    UPDATE audit_chain SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1;
                    RETURN NEW;
                END
                $fn$)"),
            QStringLiteral("CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW "
                           "EXECUTE FUNCTION taskdesk_audit_chain()"),
            // A viewer reads the names of a definition's variables, not their values.
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION taskdesk_masked_env(BIGINT) RETURNS TEXT
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
                SELECT COALESCE((SELECT jsonb_object_agg(e.k, '***'::text)::text
                    FROM processes, jsonb_object_keys(env::jsonb) AS e(k) WHERE id = $1), '{}')
                $fn$)"),
            // An operator's supervisor gives a definition without a host to its
            // own host; moving a definition from one host to another is an
            // admin's change of the definition.
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION taskdesk_host_guard() RETURNS trigger
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF NOT has_table_privilege(current_user, 'processes', 'INSERT') THEN
                        RAISE EXCEPTION 'only an admin may move process % to another host',
                            OLD.name USING ERRCODE = '42501';
                    END IF;
                    RETURN NEW;
                END
                $fn$)"),
            QStringLiteral("CREATE TRIGGER processes_host_guard BEFORE UPDATE OF host ON processes "
                           "FOR EACH ROW WHEN (OLD.host <> '' AND NEW.host IS DISTINCT FROM "
                           "OLD.host) EXECUTE FUNCTION taskdesk_host_guard()"),
            // Operators: the audit log is append-only; process definitions are
            // read only, but for the desired state, the actual state that a
            // supervisor writes, and the host (a supervisor's claim).
            // Viewers: every column of `processes` but `env`. Admins
            // (taskdesk_admin, a member of taskdesk_operator): definitions too.
            QStringLiteral(R"(CREATE OR REPLACE FUNCTION taskdesk_apply_grants() RETURNS void
                LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
                DECLARE
                    runtime TEXT;
                    visible TEXT;
                BEGIN
                    SELECT string_agg(quote_ident(column_name), ', ') INTO runtime
                    FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'processes'
                        AND column_name NOT IN ('id', 'name', 'program', 'args', 'workdir', 'env',
                            'role', 'autostart', 'restart_policy', 'stop_grace_ms',
                            'max_failures', 'backoff_base_ms', 'backoff_cap_ms',
                            'healthy_after_ms', 'startup_ms');
                    SELECT string_agg(quote_ident(column_name), ', ') INTO visible
                    FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'processes'
                        AND column_name <> 'env';
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'taskdesk_operator') THEN
                        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM taskdesk_operator;
                        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain
                            FROM taskdesk_operator;
                        GRANT SELECT ON audit_chain TO taskdesk_operator;
                        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON processes FROM taskdesk_operator;
                        EXECUTE format('GRANT UPDATE (%s) ON processes TO taskdesk_operator',
                            runtime);
                    END IF;
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'taskdesk_viewer') THEN
                        REVOKE SELECT ON processes FROM taskdesk_viewer;
                        EXECUTE format('GRANT SELECT (%s) ON processes TO taskdesk_viewer',
                            visible);
                    END IF;
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'taskdesk_admin') THEN
                        GRANT SELECT, INSERT, UPDATE, DELETE ON processes TO taskdesk_admin;
                        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM taskdesk_admin;
                        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain
                            FROM taskdesk_admin;
                    END IF;
                END
                $fn$)"),
            QStringLiteral("SELECT taskdesk_apply_grants()"),
        }});

    // 12: "done" is what finished well. A task's progress_done counts its
    // COMPLETED items only (10 counted FAILED ones too, so a cancelled task
    // read "3 of 5 done" with one of the three failed); the failed ones are
    // told apart where they are shown. Counted again once here.
    list.append({12, QStringLiteral("progress of tasks counts the items done well"),
        {
            QStringLiteral(R"(UPDATE tasks SET progress_done = (SELECT count(*) FROM task_items i
                WHERE i.task_id = tasks.id AND i.status = 'COMPLETED')
                WHERE id IN (SELECT task_id FROM task_items))"),
        },
        {
            QStringLiteral("DROP TRIGGER task_items_progress_insert"),
            QStringLiteral("DROP TRIGGER task_items_progress_delete"),
            QStringLiteral("DROP TRIGGER task_items_progress_update"),
            QStringLiteral(R"(CREATE TRIGGER task_items_progress_insert AFTER INSERT ON task_items
                BEGIN
                UPDATE tasks SET progress_total = progress_total + 1,
                    progress_done = min(progress_total + 1, progress_done
                        + (NEW.status = 'COMPLETED')),
                    updated_at = {NOW}
                WHERE id = NEW.task_id;
            END)"),
            QStringLiteral(R"(CREATE TRIGGER task_items_progress_delete AFTER DELETE ON task_items
                BEGIN
                UPDATE tasks SET progress_total = max(0, progress_total - 1),
                    progress_done = max(0, min(progress_total - 1, progress_done
                        - (OLD.status = 'COMPLETED'))),
                    updated_at = {NOW}
                WHERE id = OLD.task_id;
            END)"),
            QStringLiteral(R"(CREATE TRIGGER task_items_progress_update AFTER UPDATE OF status,
                task_id ON task_items
                WHEN OLD.task_id <> NEW.task_id OR (OLD.status = 'COMPLETED')
                    <> (NEW.status = 'COMPLETED')
                BEGIN
                UPDATE tasks SET progress_total = max(0, progress_total - 1),
                    progress_done = max(0, min(progress_total - 1, progress_done
                        - (OLD.status = 'COMPLETED'))),
                    updated_at = {NOW}
                WHERE id = OLD.task_id;
                UPDATE tasks SET progress_total = progress_total + 1,
                    progress_done = min(progress_total + 1, progress_done
                        + (NEW.status = 'COMPLETED')),
                    updated_at = {NOW}
                WHERE id = NEW.task_id;
            END)"),
        },
        {
            QStringLiteral(
                R"(CREATE OR REPLACE FUNCTION taskdesk_items_progress() RETURNS trigger AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM taskdesk_items_progress_apply(array_agg(task_id),
                            array_agg(1::BIGINT), array_agg(CASE WHEN status = 'COMPLETED'
                            THEN 1::BIGINT ELSE 0 END)) FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM taskdesk_items_progress_apply(array_agg(task_id),
                            array_agg(-1::BIGINT), array_agg(CASE WHEN status = 'COMPLETED'
                            THEN -1::BIGINT ELSE 0 END)) FROM old_rows;
                    ELSE
                        PERFORM taskdesk_items_progress_apply(array_agg(task_id),
                            array_agg(total), array_agg(done)) FROM (
                            SELECT task_id, 1::BIGINT AS total, CASE WHEN status = 'COMPLETED'
                                THEN 1::BIGINT ELSE 0 END AS done
                                FROM new_rows
                            UNION ALL
                            SELECT task_id, -1::BIGINT, CASE WHEN status = 'COMPLETED'
                                THEN -1::BIGINT ELSE 0 END
                                FROM old_rows) x;
                    END IF;
                    RETURN NULL;
                END
                $fn$ LANGUAGE plpgsql)"),
        }});

    // 13: sources, other programs' job tables attached by a mapping (a JSON
    // definition that names a connection and never holds its password).
    list.append({13, QStringLiteral("sources"),
        {
            QStringLiteral(R"(CREATE TABLE sources (
                id {ID},
                name TEXT NOT NULL UNIQUE,
                definition TEXT NOT NULL,
                created_at BIGINT NOT NULL DEFAULT {NOW},
                updated_at BIGINT NOT NULL DEFAULT {NOW},
                created_by TEXT NOT NULL DEFAULT ''
            ))"),
        },
        {}, {}});

    // 14: what /metrics serves without a scan of the task table. Tasks by
    // status, queue and kind, kept by triggers as task_counts is (4, 7); and
    // every transition into COMPLETED or FAILED counted by queue, kind and
    // outcome, with the run's duration in the buckets of a histogram (a
    // duration only for a run that ended: RUNNING before), in the same
    // transaction as the change, so that the counts never go down when tasks
    // are deleted. Existing finished tasks are counted once here. The oldest
    // due task of each queue comes from tasks_queue_due_idx (one index seek
    // per queue instead of a walk over the queue's backlog).
    list.append({14, QStringLiteral("counts for metrics: tasks by queue and kind, finishes"),
        {
            QStringLiteral(R"(CREATE TABLE task_state_counts (
                status TEXT NOT NULL,
                queue TEXT NOT NULL,
                kind TEXT NOT NULL,
                shard INTEGER NOT NULL,
                n BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (status, queue, kind, shard)
            ))"),
            QStringLiteral("INSERT INTO task_state_counts (status, queue, kind, shard, n) "
                           "SELECT status, queue, kind, 0, count(*) FROM tasks "
                           "GROUP BY status, queue, kind"),
            // le_N: runs of at most N seconds (cumulative, as Prometheus has them).
            QStringLiteral(R"(CREATE TABLE task_finishes (
                queue TEXT NOT NULL,
                kind TEXT NOT NULL,
                outcome TEXT NOT NULL,
                shard INTEGER NOT NULL,
                n BIGINT NOT NULL DEFAULT 0,
                runs BIGINT NOT NULL DEFAULT 0,
                run_ms BIGINT NOT NULL DEFAULT 0,
                le_1 BIGINT NOT NULL DEFAULT 0,
                le_5 BIGINT NOT NULL DEFAULT 0,
                le_15 BIGINT NOT NULL DEFAULT 0,
                le_60 BIGINT NOT NULL DEFAULT 0,
                le_300 BIGINT NOT NULL DEFAULT 0,
                le_900 BIGINT NOT NULL DEFAULT 0,
                le_3600 BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (queue, kind, outcome, shard)
            ))"),
            QStringLiteral(R"(INSERT INTO task_finishes (queue, kind, outcome, shard, n, runs,
                    run_ms, le_1, le_5, le_15, le_60, le_300, le_900, le_3600)
                SELECT queue, kind, outcome, 0, count(*), count(d), COALESCE(sum(d), 0),
                    sum(CASE WHEN d <= 1000 THEN 1 ELSE 0 END),
                    sum(CASE WHEN d <= 5000 THEN 1 ELSE 0 END),
                    sum(CASE WHEN d <= 15000 THEN 1 ELSE 0 END),
                    sum(CASE WHEN d <= 60000 THEN 1 ELSE 0 END),
                    sum(CASE WHEN d <= 300000 THEN 1 ELSE 0 END),
                    sum(CASE WHEN d <= 900000 THEN 1 ELSE 0 END),
                    sum(CASE WHEN d <= 3600000 THEN 1 ELSE 0 END)
                FROM (SELECT queue, kind, COALESCE(outcome, 'unknown') AS outcome,
                    CASE WHEN started_at IS NOT NULL AND completed_at >= started_at
                        THEN completed_at - started_at END AS d
                    FROM tasks WHERE status IN ('COMPLETED', 'FAILED')) f
                GROUP BY queue, kind, outcome)"),
            QStringLiteral("CREATE INDEX tasks_queue_due_idx ON tasks (queue, run_after) "
                           "WHERE status = 'PENDING'"),
        },
        {
            QStringLiteral(R"(CREATE TRIGGER tasks_state_count_insert AFTER INSERT ON tasks BEGIN
                INSERT INTO task_state_counts (status, queue, kind, shard, n)
                    VALUES (NEW.status, NEW.queue, NEW.kind, 0, 1)
                    ON CONFLICT (status, queue, kind, shard) DO UPDATE SET n = n + 1;
            END)"),
            QStringLiteral(R"(CREATE TRIGGER tasks_state_count_update AFTER UPDATE OF status, queue,
                kind ON tasks WHEN OLD.status <> NEW.status OR OLD.queue <> NEW.queue
                    OR OLD.kind <> NEW.kind BEGIN
                UPDATE task_state_counts SET n = n - 1 WHERE status = OLD.status
                    AND queue = OLD.queue AND kind = OLD.kind AND shard = 0;
                INSERT INTO task_state_counts (status, queue, kind, shard, n)
                    VALUES (NEW.status, NEW.queue, NEW.kind, 0, 1)
                    ON CONFLICT (status, queue, kind, shard) DO UPDATE SET n = n + 1;
            END)"),
            QStringLiteral(R"(CREATE TRIGGER tasks_state_count_delete AFTER DELETE ON tasks BEGIN
                UPDATE task_state_counts SET n = n - 1 WHERE status = OLD.status
                    AND queue = OLD.queue AND kind = OLD.kind AND shard = 0;
            END)"),
            // (WHERE true: SQLite's parser needs it before an upsert's ON CONFLICT.)
            QStringLiteral(R"(CREATE TRIGGER tasks_finish_count AFTER UPDATE OF status ON tasks
                WHEN NEW.status IN ('COMPLETED', 'FAILED')
                    AND OLD.status NOT IN ('COMPLETED', 'FAILED') BEGIN
                INSERT INTO task_finishes (queue, kind, outcome, shard, n, runs, run_ms, le_1,
                    le_5, le_15, le_60, le_300, le_900, le_3600)
                SELECT NEW.queue, NEW.kind, COALESCE(NEW.outcome, 'unknown'), 0, 1,
                    d IS NOT NULL, COALESCE(d, 0), COALESCE(d <= 1000, 0),
                    COALESCE(d <= 5000, 0), COALESCE(d <= 15000, 0), COALESCE(d <= 60000, 0),
                    COALESCE(d <= 300000, 0), COALESCE(d <= 900000, 0),
                    COALESCE(d <= 3600000, 0)
                FROM (SELECT CASE WHEN OLD.status = 'RUNNING' AND NEW.started_at IS NOT NULL
                    THEN max(0, COALESCE(NEW.completed_at, {NOW}) - NEW.started_at) END AS d)
                WHERE true
                ON CONFLICT (queue, kind, outcome, shard) DO UPDATE SET n = n + excluded.n,
                    runs = runs + excluded.runs, run_ms = run_ms + excluded.run_ms,
                    le_1 = le_1 + excluded.le_1, le_5 = le_5 + excluded.le_5,
                    le_15 = le_15 + excluded.le_15, le_60 = le_60 + excluded.le_60,
                    le_300 = le_300 + excluded.le_300, le_900 = le_900 + excluded.le_900,
                    le_3600 = le_3600 + excluded.le_3600;
            END)"),
        },
        {
            // The statement-level functions of 7 keep these too: one trigger call
            // per statement as before, one more upsert per group of rows.
            pgTriggerFunction(QStringLiteral("taskdesk_count_insert"),
                pgTaskCounts(CountedRows::Inserted) + pgStateCounts(CountedRows::Inserted)),
            pgTriggerFunction(QStringLiteral("taskdesk_count_delete"),
                pgTaskCounts(CountedRows::Deleted) + pgStateCounts(CountedRows::Deleted)),
            pgTriggerFunction(QStringLiteral("taskdesk_count_update"),
                pgTaskCounts(CountedRows::Updated) + pgStateCounts(CountedRows::Updated)
                    + pgFinishCounts()),
        }});

    // 15: alerts. A trigger records each task's move to FAILED in an event
    // table that the alert engine consumes with DELETE … RETURNING, so that no
    // failure is missed (a cursor on a time or an id skips a transaction that
    // commits late) and none is counted twice (each row is deleted once). One
    // firing alert per fingerprint (a unique partial index); deliveries are an
    // outbox that a sender claims with a conditional UPDATE.
    list.append({15, QStringLiteral("alerts"),
        {
            QStringLiteral(R"(CREATE TABLE alert_task_failures (
                id {ID},
                task_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                queue TEXT NOT NULL,
                outcome TEXT,
                at BIGINT NOT NULL DEFAULT {NOW}
            ))"),
            QStringLiteral(R"(CREATE TABLE alerts (
                id {ID},
                fingerprint TEXT NOT NULL,
                rule TEXT NOT NULL,
                severity TEXT NOT NULL,
                summary TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                labels TEXT NOT NULL DEFAULT '{}',
                count BIGINT NOT NULL DEFAULT 1,
                started_at BIGINT NOT NULL DEFAULT {NOW},
                last_seen_at BIGINT NOT NULL DEFAULT {NOW},
                resolved_at BIGINT,
                firing_sent_at BIGINT,
                resolved_sent_at BIGINT
            ))"),
            QStringLiteral("CREATE UNIQUE INDEX alerts_firing_idx ON alerts (fingerprint) "
                           "WHERE resolved_at IS NULL"),
            QStringLiteral("CREATE INDEX alerts_unsent_idx ON alerts (id) WHERE firing_sent_at "
                           "IS NULL OR (resolved_at IS NOT NULL AND resolved_sent_at IS NULL)"),
            QStringLiteral(R"(CREATE TABLE alert_deliveries (
                id {ID},
                channel TEXT NOT NULL,
                group_json TEXT NOT NULL,
                alert_count INTEGER NOT NULL DEFAULT 0,
                test INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL DEFAULT {NOW},
                claimed_by TEXT,
                claimed_until BIGINT,
                last_error TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL DEFAULT {NOW},
                sent_at BIGINT,
                updated_at BIGINT NOT NULL DEFAULT {NOW}
            ))"),
            QStringLiteral("CREATE INDEX alert_deliveries_due_idx ON alert_deliveries (channel, "
                           "next_attempt_at) WHERE status IN ('pending', 'sending')"),
        },
        {
            QStringLiteral(R"(CREATE TRIGGER tasks_alert_failed_insert AFTER INSERT ON tasks
                WHEN NEW.status = 'FAILED' BEGIN
                INSERT INTO alert_task_failures (task_id, kind, queue, outcome)
                    VALUES (NEW.id, NEW.kind, NEW.queue, NEW.outcome);
            END)"),
            QStringLiteral(
                R"(CREATE TRIGGER tasks_alert_failed_update AFTER UPDATE OF status ON tasks
                WHEN NEW.status = 'FAILED' AND OLD.status <> 'FAILED' BEGIN
                INSERT INTO alert_task_failures (task_id, kind, queue, outcome)
                    VALUES (NEW.id, NEW.kind, NEW.queue, NEW.outcome);
            END)"),
        },
        {
            QStringLiteral(
                R"(CREATE OR REPLACE FUNCTION taskdesk_alert_task_failed() RETURNS trigger AS $fn$
                BEGIN
                    INSERT INTO alert_task_failures (task_id, kind, queue, outcome)
                        VALUES (NEW.id, NEW.kind, NEW.queue, NEW.outcome);
                    RETURN NULL;
                END
                $fn$ LANGUAGE plpgsql)"),
            QStringLiteral(
                "CREATE TRIGGER tasks_alert_failed_insert AFTER INSERT ON tasks FOR EACH "
                "ROW WHEN (NEW.status = 'FAILED') EXECUTE FUNCTION "
                "taskdesk_alert_task_failed()"),
            QStringLiteral("CREATE TRIGGER tasks_alert_failed_update AFTER UPDATE OF status ON "
                           "tasks FOR EACH ROW WHEN (NEW.status = 'FAILED' AND OLD.status <> "
                           "'FAILED') EXECUTE FUNCTION taskdesk_alert_task_failed()"),
        }});

    // 16: the stuck counts from the index alone on PostgreSQL. A stuck count is
    // fenced by the highest id of its moment (StuckScope), and PostgreSQL's
    // entries of the stuck indexes held no id: each of the 20,000 stuck queued
    // tasks of a million was fetched from the table for it (60–355 ms of a
    // /metrics scrape, the Stuck page and `taskdeskctl stuck`). With the id
    // included the count is an index-only scan (5 ms). SQLite's entries end in
    // the rowid, which is the id.
    list.append({16, QStringLiteral("stuck indexes carry the task id"), {}, {},
        {
            QStringLiteral("DROP INDEX tasks_pending_due_idx"),
            QStringLiteral("CREATE INDEX tasks_pending_due_idx ON tasks (run_after) INCLUDE (id) "
                           "WHERE status = 'PENDING'"),
            QStringLiteral("DROP INDEX tasks_running_heartbeat_idx"),
            QStringLiteral("CREATE INDEX tasks_running_heartbeat_idx ON tasks (heartbeat_at) "
                           "INCLUDE (id) WHERE status = 'RUNNING'"),
        }});

    // 17: one table of counts instead of two. task_counts (4, 7) kept the
    // totals by status that task_state_counts (14) keeps by status, queue and
    // kind: the same numbers written twice at each change of status, one more
    // page in each commit on SQLite and one more upsert (and row lock) in each
    // statement on PostgreSQL. The totals are now a sum over
    // task_state_counts, a few hundred rows at most.
    list.append({17, QStringLiteral("task counts kept once, by status, queue and kind"), {},
        {
            QStringLiteral("DROP TRIGGER tasks_count_insert"),
            QStringLiteral("DROP TRIGGER tasks_count_update"),
            QStringLiteral("DROP TRIGGER tasks_count_delete"),
            QStringLiteral("DROP TABLE task_counts"),
        },
        {
            pgTriggerFunction(
                QStringLiteral("taskdesk_count_insert"), pgStateCounts(CountedRows::Inserted)),
            pgTriggerFunction(
                QStringLiteral("taskdesk_count_delete"), pgStateCounts(CountedRows::Deleted)),
            pgTriggerFunction(QStringLiteral("taskdesk_count_update"),
                pgStateCounts(CountedRows::Updated) + pgFinishCounts()),
            QStringLiteral("DROP FUNCTION IF EXISTS taskdesk_count_apply(TEXT[], BIGINT[])"),
            QStringLiteral("DROP TABLE task_counts"),
        }});

    return list;
}

} // namespace

const QVector<Migration> &migrations()
{
    static const QVector<Migration> list = buildMigrations();
    return list;
}

} // namespace taskdesk
