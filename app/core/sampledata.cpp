#include "sampledata.h"

#include "core/database.h"

#include <QSqlQuery>

namespace taskdesk {

Error SampleData::fillBulk(Database &db, qint64 count)
{
    if (count < 0 || count > 100'000'000)
        return Error::invalid(QStringLiteral("count must be between 0 and 100000000"));
    Result<qint64> now = db.now();
    if (!now.ok())
        return now.error();
    const qint64 span = 30LL * 24 * 3600 * 1000;
    const qint64 chunk = 50'000;

    // Ids continue after what is there, so fills can be repeated.
    Result<QSqlQuery> maxId = db.prepare(QStringLiteral("SELECT COALESCE(max(id), 0) FROM tasks"));
    if (!maxId.ok())
        return maxId.error();
    if (Error e = db.exec(maxId.value()))
        return e;
    maxId.value().next();
    const qint64 base = maxId.value().value(0).toLongLong();
    maxId.value().finish();

    for (qint64 from = 1; from <= count; from += chunk) {
        const qint64 to = std::min(count, from + chunk - 1);
        Error e = db.write([&]() -> Error {
            // r = position in the mix; t = creation time of task i.
            Result<QSqlQuery> q = db.prepare(QStringLiteral(R"(
                WITH RECURSIVE n(i) AS (SELECT CAST(:from AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < :to)
                INSERT INTO tasks (id, name, kind, queue, priority, args, status, outcome,
                    error_message, attempt, max_attempts, run_after, created_at, started_at,
                    heartbeat_at, completed_at, updated_at, worker_id, progress_done, progress_total)
                SELECT CAST(:base1 AS BIGINT) + i,
                    CASE i % 4 WHEN 0 THEN 'Warm-up accounts #' WHEN 1 THEN 'Import orders #'
                        WHEN 2 THEN 'Check payments #' ELSE 'Clean up sessions #' END
                        || CAST(i AS TEXT),
                    CASE i % 4 WHEN 0 THEN 'warmup' WHEN 1 THEN 'import' WHEN 2 THEN 'payments'
                        ELSE 'cleanup' END,
                    CASE i % 3 WHEN 0 THEN 'default' WHEN 1 THEN 'imports' ELSE 'maintenance' END,
                    i % 5, '{}',
                    CASE WHEN i % 1000 < 900 THEN 'COMPLETED' WHEN i % 1000 < 979 THEN 'FAILED'
                        WHEN i % 1000 < 999 THEN 'PENDING' ELSE 'RUNNING' END,
                    CASE WHEN i % 1000 < 900 THEN 'succeeded'
                        WHEN i % 1000 < 979 THEN CASE i % 5 WHEN 0 THEN 'error'
                            WHEN 1 THEN 'timed_out' WHEN 2 THEN 'cancelled'
                            WHEN 3 THEN 'worker_lost' ELSE 'force_stopped' END
                        ELSE NULL END,
                    CASE WHEN i % 1000 >= 900 AND i % 1000 < 979
                        THEN 'exit code 1: connection refused' ELSE NULL END,
                    CASE WHEN i % 1000 < 999 AND i % 1000 >= 979 THEN 0 ELSE 1 + i % 2 END,
                    3,
                    CAST(:t1 AS BIGINT) + i * CAST(:step1 AS BIGINT),
                    CAST(:t2 AS BIGINT) + i * CAST(:step2 AS BIGINT),
                    CASE WHEN i % 1000 < 979 THEN CAST(:t3 AS BIGINT) + i * CAST(:step3 AS BIGINT) + 1000
                        WHEN i % 1000 = 999 THEN CAST(:now7 AS BIGINT) - 1000 * (i % 600) ELSE NULL END,
                    CASE WHEN i % 1000 < 979 THEN CAST(:t4 AS BIGINT) + i * CAST(:step4 AS BIGINT) + 5000
                        WHEN i % 1000 = 999 THEN CAST(:now8 AS BIGINT) - 1000 * (i % 20) ELSE NULL END,
                    CASE WHEN i % 1000 < 979
                        THEN CAST(:t5 AS BIGINT) + i * CAST(:step5 AS BIGINT) + 5000 + i % 60000 ELSE NULL END,
                    CASE WHEN i % 1000 = 999 THEN CAST(:now9 AS BIGINT)
                        ELSE CAST(:t6 AS BIGINT) + i * CAST(:step6 AS BIGINT) + 5000 + i % 60000 END,
                    CASE WHEN i % 1000 < 979 OR i % 1000 = 999
                        THEN 'worker-' || CAST(i % 4 AS TEXT) || '@bench' ELSE NULL END,
                    0, 0
                FROM n)"));
            if (!q.ok())
                return q.error();
            QSqlQuery &query = q.value();
            const qint64 step = count > 0 ? span / count : 0;
            query.bindValue(QStringLiteral(":from"), from);
            query.bindValue(QStringLiteral(":to"), to);
            query.bindValue(QStringLiteral(":base1"), base);
            for (int k = 7; k <= 9; ++k)
                query.bindValue(QStringLiteral(":now%1").arg(k), *now);
            for (int k = 1; k <= 6; ++k) {
                query.bindValue(QStringLiteral(":t%1").arg(k), *now - span);
                query.bindValue(QStringLiteral(":step%1").arg(k), step);
            }
            if (Error err = db.exec(query, QStringLiteral("fill tasks")))
                return err;

            Result<QSqlQuery> items = db.prepare(QStringLiteral(R"(
                WITH RECURSIVE p(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM p WHERE k < 2)
                INSERT INTO task_items (task_id, position, label, status, started_at, completed_at)
                SELECT t.id, p.k, 'account-' || CAST(p.k AS TEXT),
                    CASE t.status WHEN 'COMPLETED' THEN 'COMPLETED' WHEN 'FAILED' THEN 'FAILED'
                        ELSE 'PENDING' END,
                    t.started_at, t.completed_at
                FROM tasks t CROSS JOIN p
                WHERE t.id BETWEEN :a AND :b AND (t.id - :base2) % 20 = 0)"));
            if (!items.ok())
                return items.error();
            items.value().bindValue(QStringLiteral(":a"), base + from);
            items.value().bindValue(QStringLiteral(":b"), base + to);
            items.value().bindValue(QStringLiteral(":base2"), base);
            if (Error err = db.exec(items.value(), QStringLiteral("fill items")))
                return err;

            Result<QSqlQuery> log = db.prepare(QStringLiteral(R"(
                WITH RECURSIVE p(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM p WHERE k < 1)
                INSERT INTO task_log (task_id, at, level, message)
                SELECT t.id, t.created_at + p.k, CASE p.k WHEN 0 THEN 'info' ELSE 'output' END,
                    CASE p.k WHEN 0 THEN 'Task created by bench' ELSE 'processed 20 records' END
                FROM tasks t CROSS JOIN p
                WHERE t.id BETWEEN :a AND :b AND t.id % 10 = 0)"));
            if (!log.ok())
                return log.error();
            log.value().bindValue(QStringLiteral(":a"), base + from);
            log.value().bindValue(QStringLiteral(":b"), base + to);
            return db.exec(log.value(), QStringLiteral("fill log"));
        });
        if (e)
            return e;
    }
    // PostgreSQL: identity columns do not see explicit ids; move the sequence on.
    if (db.isPostgres()) {
        Result<QSqlQuery> q = db.prepare(QStringLiteral(
            "SELECT setval(pg_get_serial_sequence('tasks', 'id'), (SELECT max(id) FROM tasks))"));
        if (!q.ok())
            return q.error();
        if (Error e = db.exec(q.value(), QStringLiteral("fill sequence")))
            return e;
    }
    // Fresh statistics for the planner. The tasks are in and committed either
    // way: a failed ANALYZE leaves only slower plans until the next one, so it
    // does not fail the fill.
    Result<QSqlQuery> analyze = db.prepare(QStringLiteral("ANALYZE"));
    if (analyze.ok())
        (void)db.exec(analyze.value());
    return {};
}

} // namespace taskdesk
