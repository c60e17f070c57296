// Sources: another program's job tables, made by the test as Django, FastAPI
// and a Celery app make them (testjobdatabase.h), attached by a mapping and
// read and acted on through it. Each action is one UPDATE fenced by the status
// value and the fence column the operator saw: both outcomes are tested, on
// SQLite, PostgreSQL and MySQL (MariaDB).

#include "core/auditlog.h"
#include "core/scheduling/sweeper.h"
#include "core/sources/attachedsource.h"
#include "core/sources/sourcecatalog.h"
#include "core/sources/sourceregistry.h"
#include "testdatabase.h"
#include "testjobdatabase.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QObject>
#include <QTest>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

constexpr qint64 kMinute = 60 * 1000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The mapping Taskdesk suggests for `table` of `jdb`, as the wizard and
// `sources add` start from.
Result<SourceDefinition> suggested(TestJobDatabase &jdb, const QString &table, const QString &name)
{
    Result<DatabaseLocation> loc = DatabaseLocation::parse(jdb.url());
    if (!loc.ok())
        return loc.error();
    Database db(*loc, Database::Role::AttachedReadOnly);
    if (Error e = db.open())
        return e;
    Result<SourceDefinition> d = SourceCatalog(db).suggest(table);
    if (!d.ok())
        return d.error();
    d->name = name;
    d->location = jdb.url();
    return d;
}

std::unique_ptr<AttachedSource> attach(TestDatabase &tdb, const SourceDefinition &d)
{
    Result<std::unique_ptr<AttachedSource>> s
        = AttachedSource::open(tdb.db(), d, QStringLiteral("alice"));
    if (!s.ok()) {
        qWarning("%s", qPrintable(s.error().message()));
        return nullptr;
    }
    return std::move(s).value();
}

} // namespace

class TestSources : public QObject
{
    Q_OBJECT

private:
    // The Django source of `jdb` (its tables made), attached.
    std::unique_ptr<AttachedSource> django(TestDatabase &tdb, TestJobDatabase &jdb)
    {
        if (!jdb.createDjangoTables())
            return nullptr;
        // One row of each value, as a table in use has them.
        const qint64 t = nowMs() - 10 * kMinute;
        for (const char *status : {"PENDING", "RUNNING", "COMPLETED", "FAILED"})
            jdb.addDjangoTask(QString::fromLatin1(status), t, t, t,
                {QStringLiteral("running"), QStringLiteral("done")});
        Result<SourceDefinition> d
            = suggested(jdb, QStringLiteral("warmup_warmuptask"), QStringLiteral("warmup"));
        if (!d.ok()) {
            qWarning("%s", qPrintable(d.error().message()));
            return nullptr;
        }
        d->mapping.allowDelete = true;
        return attach(tdb, *d);
    }

private slots:
    void suggestsTheDjangoMappingFromTheCatalog()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(jdb.createDjangoTables());
        const qint64 t = nowMs() - kMinute;
        jdb.addDjangoTask(QStringLiteral("RUNNING"), t, t, t,
            {QStringLiteral("running"), QStringLiteral("done")});
        Result<SourceDefinition> d
            = suggested(jdb, QStringLiteral("warmup_warmuptask"), QStringLiteral("warmup"));
        QVERIFY2(d.ok(), qPrintable(d.error().message()));
        const SourceMapping &m = d->mapping;
        QCOMPARE(m.key, QStringLiteral("id"));
        QCOMPARE(m.title, QStringList{QStringLiteral("name")});
        QCOMPARE(m.status.column, QStringLiteral("status"));
        QCOMPARE(m.status.statusOf(QStringLiteral("RUNNING")), TaskStatus::Running);
        // A status no row holds yet is its plain word in the table's case: a
        // row that starts after the table was attached is known.
        QCOMPARE(m.status.statusOf(QStringLiteral("COMPLETED")), TaskStatus::Completed);
        QVERIFY(!m.status.statusOf(QStringLiteral("completed")).has_value());
        // Values no row holds yet, in the table's own case, so that actions can write one.
        QCOMPARE(m.status.failedValue, QStringLiteral("FAILED"));
        QCOMPARE(m.status.pendingValue, QStringLiteral("PENDING"));
        const TimeType expected = jdb.backend() == JobBackend::Sqlite ? TimeType::IsoText
            : jdb.backend() == JobBackend::Postgres                   ? TimeType::TimestampTz
                                                                      : TimeType::Timestamp;
        QCOMPARE(m.created.column, QStringLiteral("created_at"));
        QCOMPARE(m.created.type, expected);
        QCOMPARE(m.started.column, QStringLiteral("started_at"));
        QCOMPARE(m.finished.column, QStringLiteral("completed_at"));
        QCOMPARE(m.heartbeat.column, QStringLiteral("updated_at"));
        QCOMPARE(m.fence, QStringLiteral("updated_at"));
        QCOMPARE(m.log, QStringLiteral("log"));
        QCOMPARE(m.error, QStringLiteral("error_message"));
        QCOMPARE(m.items.table, QStringLiteral("warmup_warmupaccount"));
        QCOMPARE(m.items.foreignKey, QStringLiteral("task_id"));
        QCOMPARE(m.items.status.statusOf(QStringLiteral("done")), TaskStatus::Completed);
        QCOMPARE(m.items.status.failedValue, QStringLiteral("failed"));
        // It round-trips through its JSON and is accepted by the table as it is.
        Result<SourceDefinition> back = SourceDefinition::fromJson(d->toJson());
        QVERIFY2(back.ok(), qPrintable(back.error().message()));
        QCOMPARE(QJsonDocument(back->toJson()).toJson(), QJsonDocument(d->toJson()).toJson());
        QVERIFY(attach(tdb, *d) != nullptr);
    }

    void readsEachTimeInItsOwnType()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(jdb.createJobsTable());
        // Whole seconds: epoch seconds (SQLite) and MySQL datetime keep no more.
        const qint64 created = (nowMs() / 1000 - 3600) * 1000;
        const qint64 started = created + 60000;
        const qint64 updated = created + 120000;
        const qint64 id = jdb.addJob(QStringLiteral("running"), created, started, updated);
        jdb.addJob(QStringLiteral("queued"), created, 0, created);
        Result<SourceDefinition> d = suggested(jdb, QStringLiteral("jobs"), QStringLiteral("jobs"));
        QVERIFY2(d.ok(), qPrintable(d.error().message()));
        QCOMPARE(d->mapping.status.statusOf(QStringLiteral("queued")), TaskStatus::Pending);
        QCOMPARE(d->mapping.status.pendingValue, QStringLiteral("queued"));
        QCOMPARE(d->mapping.status.failedValue, QStringLiteral("failed"));
        if (jdb.backend() == JobBackend::Sqlite) {
            QCOMPARE(d->mapping.created.type, TimeType::EpochSeconds);
            QCOMPARE(d->mapping.heartbeat.type, TimeType::EpochMillis);
        }
        std::unique_ptr<AttachedSource> s = attach(tdb, *d);
        QVERIFY(s);
        Result<SourceRow> row = s->reader().row(id);
        QVERIFY2(row.ok(), qPrintable(row.error().message()));
        QCOMPARE(row->createdAt, created);
        QCOMPARE(row->startedAt, started);
        QCOMPARE(row->heartbeatAt, updated);
        QCOMPARE(row->finishedAt, qint64(0));
        QCOMPARE(row->status, TaskStatus::Running);
        QCOMPARE(row->rawStatus, QStringLiteral("running"));
        // Its database clock is the one the ages are counted from.
        QVERIFY(qAbs(row->dbNow - nowMs()) < 5000);
        QVERIFY(row->stuck); // no change for 58 minutes, the rule says 30
    }

    void forceStopFailsTheRowAndItsRunningItemsAndAppendsToTheLog()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        const qint64 t = nowMs() - 3 * 3600 * 1000;
        const qint64 id = jdb.addDjangoTask(QStringLiteral("RUNNING"), t, t, t,
            {QStringLiteral("running"), QStringLiteral("done"), QStringLiteral("running")},
            QStringLiteral("Warmup 2025-10-05 15:46"));
        QVERIFY(jdb.exec(QStringLiteral("UPDATE warmup_warmuptask SET log = ? WHERE id = ?"),
            {QStringLiteral("[12:00] started"), id}));
        Result<SourceRow> seen = s->reader().row(id);
        QVERIFY(seen.ok());
        Result<SourceActionReport> r = s->actions().apply(TaskAction::ForceStop, *seen);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QVERIFY2(r->done, qPrintable(r->refusal));
        QCOMPARE(r->itemsChanged, 2);
        QCOMPARE(r->before, QStringLiteral("RUNNING"));
        QCOMPARE(r->after, QStringLiteral("FAILED"));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {id})
                .toString(),
            QStringLiteral("FAILED"));
        // The finish time is now, written in the column's own type.
        const qint64 finished = jdb.readTime(TestJobDatabase::TimeColumn::Django,
            QStringLiteral("warmup_warmuptask"), QStringLiteral("completed_at"), id);
        QVERIFY2(qAbs(finished - nowMs()) < 5000, qPrintable(QString::number(finished - nowMs())));
        // Appended to, never rewritten.
        const QString log
            = jdb.scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = ?"), {id})
                  .toString();
        QVERIFY2(log.startsWith(QStringLiteral("[12:00] started\n[")), qPrintable(log));
        QVERIFY2(
            log.endsWith(QStringLiteral("] ⚠️ Task force stopped by alice")), qPrintable(log));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT COUNT(*) FROM warmup_warmupaccount WHERE task_id = ? "
                                      "AND status = 'failed'"),
                   {id})
                .toInt(),
            2);
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT COUNT(*) FROM warmup_warmupaccount WHERE task_id = ? "
                                      "AND status = 'done'"),
                   {id})
                .toInt(),
            1);
        const QString itemLog
            = jdb.scalar(QStringLiteral("SELECT log FROM warmup_warmupaccount WHERE "
                                        "task_id = ? AND status = 'failed' ORDER BY id"),
                     {id})
                  .toString();
        QVERIFY2(
            itemLog.endsWith(QStringLiteral("⚠️ Force stopped by alice")), qPrintable(itemLog));
        // Audited in Taskdesk's own database: the source, the key, before and after.
        AuditFilter filter;
        filter.action = QStringLiteral("source_force_stop");
        Result<QVector<AuditEntry>> audit = AuditLog(tdb.db()).list(filter);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 1);
        const AuditEntry &a = audit->constFirst();
        QCOMPARE(a.actor, QStringLiteral("alice"));
        QCOMPARE(a.beforeStatus, QStringLiteral("RUNNING"));
        QCOMPARE(a.afterStatus, QStringLiteral("FAILED"));
        QCOMPARE(a.details.value(QStringLiteral("source")).toString(), QStringLiteral("warmup"));
        QCOMPARE(a.details.value(QStringLiteral("key")).toInteger(), id);
        QCOMPARE(a.details.value(QStringLiteral("items")).toInt(), 2);
    }

    void eachActionIsFencedByTheStatusAndTheFence_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::newRow("force stop") << int(TaskAction::ForceStop) << "RUNNING"
                                    << "FAILED";
        QTest::newRow("cancel pending") << int(TaskAction::Cancel) << "PENDING"
                                        << "FAILED";
        QTest::newRow("cancel running") << int(TaskAction::Cancel) << "RUNNING"
                                        << "FAILED";
        QTest::newRow("retry") << int(TaskAction::Restart) << "FAILED"
                               << "PENDING";
        QTest::newRow("delete") << int(TaskAction::Delete) << "FAILED"
                                << "DELETED";
    }

    // Three rows as the operator saw them: one left alone (done), one whose
    // fence column another program moved since (refused, left as that program
    // wrote it), one whose status it changed (refused).
    void eachActionIsFencedByTheStatusAndTheFence()
    {
        QFETCH(int, action);
        QFETCH(QString, from);
        QFETCH(QString, to);
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        const qint64 t = nowMs() - 3600 * 1000;
        const qint64 untouched = jdb.addDjangoTask(from, t, t, t);
        const qint64 moved = jdb.addDjangoTask(from, t, t, t);
        const qint64 changed = jdb.addDjangoTask(from, t, t, t);
        QHash<qint64, SourceRow> seen;
        for (qint64 id : {untouched, moved, changed}) {
            Result<SourceRow> r = s->reader().row(id);
            QVERIFY(r.ok());
            seen.insert(id, *r);
        }
        const QVariant later = jdb.timeValue(TestJobDatabase::TimeColumn::Django, t + 1000);
        QVERIFY(
            jdb.exec(QStringLiteral(
                         "UPDATE warmup_warmuptask SET updated_at = ?, log = 'mine' WHERE id = ?"),
                {later, moved}));
        QVERIFY(jdb.exec(
            QStringLiteral(
                "UPDATE warmup_warmuptask SET status = 'COMPLETED', log = 'mine' WHERE id = ?"),
            {changed}));
        const TaskAction a = TaskAction(action);
        Result<SourceActionReport> done = s->actions().apply(a, seen.value(untouched));
        QVERIFY2(done.ok(), qPrintable(done.error().message()));
        QVERIFY2(done->done, qPrintable(done->refusal));
        QCOMPARE(done->after, to);
        const QVariant after = jdb.scalar(
            QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {untouched});
        if (a == TaskAction::Delete)
            QVERIFY2(after.isNull(), qPrintable(after.toString())); // no row
        else
            QCOMPARE(after.toString(), to);

        Result<SourceActionReport> fenced = s->actions().apply(a, seen.value(moved));
        QVERIFY(fenced.ok());
        QVERIFY(!fenced->done);
        QVERIFY2(fenced->refusal.contains(QStringLiteral("changed since you looked")),
            qPrintable(fenced->refusal));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {moved})
                .toString(),
            from);
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = ?"), {moved})
                .toString(),
            QStringLiteral("mine"));

        Result<SourceActionReport> refused = s->actions().apply(a, seen.value(changed));
        QVERIFY(refused.ok());
        QVERIFY(!refused->done);
        QVERIFY2(refused->refusal.contains(QStringLiteral("is COMPLETED now")),
            qPrintable(refused->refusal));
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"),
                        {changed})
                     .toString(),
            QStringLiteral("COMPLETED"));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = ?"), {changed})
                .toString(),
            QStringLiteral("mine"));
        // Only the action that was done is audited.
        AuditFilter filter;
        filter.action = QStringLiteral("source_") + sourceActionName(a);
        QCOMPARE(AuditLog(tdb.db()).list(filter)->size(), 1);
    }

    void aStatusTheActionIsNotTakenFromIsRefused()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        const qint64 t = nowMs();
        const qint64 completed = jdb.addDjangoTask(QStringLiteral("COMPLETED"), t, t, t);
        Result<SourceRow> seen = s->reader().row(completed);
        QVERIFY(seen.ok());
        for (TaskAction a : {TaskAction::ForceStop, TaskAction::Cancel, TaskAction::Restart}) {
            Result<SourceActionReport> r = s->actions().apply(a, *seen);
            QVERIFY(r.ok());
            QVERIFY(!r->done);
            QVERIFY2(r->refusal.contains(QStringLiteral("is not taken from that status")),
                qPrintable(r->refusal));
        }
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"),
                        {completed})
                     .toString(),
            QStringLiteral("COMPLETED"));
    }

    void anUnmappedValueIsShownAndNeverTouched()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        const qint64 old = nowMs() - 24 * 3600 * 1000;
        const qint64 paused = jdb.addDjangoTask(QStringLiteral("RUNNING"), old, old, old);
        QVERIFY(
            jdb.exec(QStringLiteral("UPDATE warmup_warmuptask SET status = 'PAUSED' WHERE id = ?"),
                {paused}));
        Result<SourceRow> row = s->reader().row(paused);
        QVERIFY(row.ok());
        QCOMPARE(row->rawStatus, QStringLiteral("PAUSED"));
        QVERIFY(!row->status.has_value());
        QVERIFY(!row->stuck);
        Result<SourceCounts> counts = s->reader().counts();
        QVERIFY(counts.ok());
        QCOMPARE(counts->unmapped.value(QStringLiteral("PAUSED")), qint64(1));
        QCOMPARE(counts->total(), qint64(5));
        for (TaskAction a : taskrules::actions()) {
            Result<SourceActionReport> r = s->actions().apply(a, *row);
            QVERIFY(r.ok());
            QVERIFY(!r->done);
        }
        Result<SourceCleanupReport> clean = s->cleanup(SourceStuckRules::Action::MarkFailed, false);
        QVERIFY(clean.ok());
        QCOMPARE(clean->found, qint64(0));
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"),
                        {paused})
                     .toString(),
            QStringLiteral("PAUSED"));
    }

    void aBooleanSessionIsForceStopped()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(jdb.createSessionsTable());
        const qint64 t = nowMs() - 2 * 3600 * 1000;
        const qint64 active = jdb.addSession(true, t, t);
        const qint64 ended = jdb.addSession(false, t, t);
        Result<SourceDefinition> d
            = suggested(jdb, QStringLiteral("reading_sessions"), QStringLiteral("reading"));
        QVERIFY2(d.ok(), qPrintable(d.error().message()));
        QVERIFY(d->mapping.status.boolean);
        QCOMPARE(d->mapping.status.column, QStringLiteral("is_active"));
        QCOMPARE(d->mapping.heartbeat.column, QStringLiteral("last_seen_at"));
        QCOMPARE(d->mapping.finished.column, QStringLiteral("ended_at"));
        std::unique_ptr<AttachedSource> s = attach(tdb, *d);
        QVERIFY(s);
        Result<SourceCounts> counts = s->reader().counts();
        QVERIFY(counts.ok());
        QCOMPARE(counts->byStatus.value(TaskStatus::Running), qint64(1));
        QCOMPARE(counts->byStatus.value(TaskStatus::Completed), qint64(1));
        QCOMPARE(counts->stuckRunning, qint64(1));
        TaskFilter running;
        running.statuses = {TaskStatus::Running};
        Result<QVector<SourceRow>> rows = s->reader().list(running);
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        QCOMPARE(rows->constFirst().key, active);
        Result<SourceActionReport> r
            = s->actions().apply(TaskAction::ForceStop, rows->constFirst());
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QVERIFY2(r->done, qPrintable(r->refusal));
        QVERIFY(!jdb.scalar(QStringLiteral("SELECT is_active FROM reading_sessions WHERE id = ?"),
                        {active})
                     .toBool());
        const qint64 endedAt = jdb.readTime(TestJobDatabase::TimeColumn::Session,
            QStringLiteral("reading_sessions"), QStringLiteral("ended_at"), active);
        QVERIFY(qAbs(endedAt - nowMs()) < 5000);
        Result<SourceRow> other = s->reader().row(ended);
        QVERIFY(other.ok());
        QCOMPARE(other->status, TaskStatus::Completed);
    }

    void filtersSearchesSortsAndPages()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(jdb.createDjangoTables());
        QVERIFY(jdb.fillDjangoTasks(250,
            {QStringLiteral("PENDING"), QStringLiteral("RUNNING"), QStringLiteral("COMPLETED"),
                QStringLiteral("FAILED"), QStringLiteral("COMPLETED")},
            nowMs() - 3600 * 1000));
        Result<SourceDefinition> d
            = suggested(jdb, QStringLiteral("warmup_warmuptask"), QStringLiteral("warmup"));
        QVERIFY2(d.ok(), qPrintable(d.error().message()));
        std::unique_ptr<AttachedSource> s = attach(tdb, *d);
        QVERIFY(s);
        Result<SourceCounts> counts = s->reader().counts();
        QVERIFY(counts.ok());
        QCOMPARE(counts->total(), qint64(250));
        QCOMPARE(counts->byStatus.value(TaskStatus::Completed), qint64(100));
        TaskFilter f;
        f.statuses = {TaskStatus::Completed};
        QCOMPARE(*s->reader().count(f), qint64(100));
        // Pages by the key, each strictly after the last one.
        f.limit = 30;
        QVector<qint64> keys;
        std::optional<TaskKey> after;
        for (;;) {
            f.after = after;
            Result<QVector<SourceRow>> page = s->reader().list(f);
            QVERIFY(page.ok());
            for (const SourceRow &r : *page) {
                QCOMPARE(r.status, TaskStatus::Completed);
                keys << r.key;
            }
            if (page->size() < f.limit)
                break;
            after = TaskKey{QVariant(), page->constLast().key};
        }
        QCOMPARE(keys.size(), 100);
        QVERIFY(std::is_sorted(keys.rbegin(), keys.rend()));
        // A title search and an exact key.
        Result<QVector<SourceRow>> row = s->reader().list([&] {
            TaskFilter k;
            k.search = QString::number(keys.at(5));
            return k;
        }());
        QVERIFY(row.ok());
        QVERIFY(std::any_of(
            row->begin(), row->end(), [&](const SourceRow &r) { return r.key == keys.at(5); }));
        // Sorted by another column, ascending.
        TaskFilter byCreated;
        byCreated.sort = TaskFilter::Sort::CreatedAt;
        byCreated.descending = false;
        byCreated.limit = 10;
        Result<QVector<SourceRow>> oldest = s->reader().list(byCreated);
        QVERIFY(oldest.ok());
        for (qsizetype i = 1; i < oldest->size(); ++i)
            QVERIFY(oldest->at(i - 1).createdAt <= oldest->at(i).createdAt);
    }

    void stuckRowsAreCleanedUpWithTheRuleInTheLogAndTheAudit()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        const qint64 old = nowMs() - 2 * 3600 * 1000;
        const qint64 fresh = nowMs();
        const qint64 stuckRunning = jdb.addDjangoTask(
            QStringLiteral("RUNNING"), old, old, old, {QStringLiteral("running")});
        const qint64 stuckPending = jdb.addDjangoTask(QStringLiteral("PENDING"), old, 0, old);
        const qint64 alive = jdb.addDjangoTask(QStringLiteral("RUNNING"), old, old, fresh);
        Result<SourceCounts> counts = s->reader().counts();
        QVERIFY(counts.ok());
        QCOMPARE(counts->stuckRunning, qint64(1));
        QCOMPARE(counts->stuckQueued, qint64(1));
        // The dry run changes nothing and says what it would.
        Result<SourceCleanupReport> dry = s->cleanup(SourceStuckRules::Action::MarkFailed, true);
        QVERIFY2(dry.ok(), qPrintable(dry.error().message()));
        QCOMPARE(dry->found, qint64(2));
        QCOMPARE(dry->changed(), qint64(2));
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"),
                        {stuckRunning})
                     .toString(),
            QStringLiteral("RUNNING"));
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"),
                        {stuckPending})
                     .toString(),
            QStringLiteral("PENDING"));
        QCOMPARE(AuditLog(tdb.db()).list({})->size(), 0);
        // A clean-up of the rows a confirmation named leaves the others alone.
        Result<SourceCleanupReport> named
            = s->cleanup(SourceStuckRules::Action::MarkFailed, false, 1000, {stuckRunning});
        QVERIFY2(named.ok(), qPrintable(named.error().message()));
        QCOMPARE(named->changed(), qint64(1));
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"),
                        {stuckPending})
                     .toString(),
            QStringLiteral("PENDING"));
        Result<SourceCleanupReport> clean = s->cleanup(SourceStuckRules::Action::MarkFailed, false);
        QVERIFY2(clean.ok(), qPrintable(clean.error().message()));
        QCOMPARE(clean->changed(), qint64(1));
        for (qint64 id : {stuckRunning, stuckPending})
            QCOMPARE(jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"),
                            {id})
                         .toString(),
                QStringLiteral("FAILED"));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {alive})
                .toString(),
            QStringLiteral("RUNNING"));
        const QString log
            = jdb.scalar(QStringLiteral("SELECT log FROM warmup_warmuptask WHERE id = ?"),
                     {stuckRunning})
                  .toString();
        QVERIFY2(log.contains(QStringLiteral("no change of updated_at for over 30 min")),
            qPrintable(log));
        Result<QVector<AuditEntry>> audit = AuditLog(tdb.db()).list({});
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 2);
        QVERIFY(audit->constFirst()
                    .details.value(QStringLiteral("rule"))
                    .toString()
                    .startsWith(QStringLiteral("stuck: ")));
        // Retry: the failed ones are made pending again, and not stuck any more.
        const qint64 again = jdb.addDjangoTask(QStringLiteral("RUNNING"), old, old, old);
        Result<SourceCleanupReport> retry = s->cleanup(SourceStuckRules::Action::Retry, false);
        QVERIFY2(retry.ok(), qPrintable(retry.error().message()));
        QCOMPARE(retry->changed(), qint64(1));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {again})
                .toString(),
            QStringLiteral("PENDING"));
        QCOMPARE(s->reader().counts()->stuckQueued, qint64(0));
    }

    // The sweeper cleans up a source whose sweep an operator turned on, by its
    // own rules, and leaves one whose sweep is off alone.
    void theSweeperSweepsOnlySourcesWhoseSweepIsOn()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        QVERIFY(jdb.createJobsTable());
        const qint64 old = nowMs() - 2 * 3600 * 1000;
        const qint64 stuck = jdb.addDjangoTask(QStringLiteral("RUNNING"), old, old, old);
        const qint64 job = jdb.addJob(QStringLiteral("running"), old, old, old);
        SourceDefinition on = s->definition();
        on.stuck.sweep = true;
        on.stuck.sweepIntervalS = 10;
        Result<SourceDefinition> off
            = suggested(jdb, QStringLiteral("jobs"), QStringLiteral("jobs"));
        QVERIFY(off.ok());
        SourceRegistry registry(tdb.db(), QStringLiteral("alice"));
        QVERIFY(registry.add(on).message().isEmpty());
        QVERIFY(registry.add(*off).message().isEmpty());
        s.reset();
        Sweeper sweeper(tdb.db());
        sweeper.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {stuck})
                .toString(),
            QStringLiteral("FAILED"), 15000);
        sweeper.stop();
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM jobs WHERE id = ?"), {job}).toString(),
            QStringLiteral("running"));
        AuditFilter filter;
        filter.action = QStringLiteral("source_force_stop");
        Result<QVector<AuditEntry>> audit = AuditLog(tdb.db()).list(filter);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 1);
        QCOMPARE(audit->constFirst().actor, QStringLiteral("sweeper"));
    }

    void aDryRunChangesNothing()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        const qint64 t = nowMs();
        const qint64 id
            = jdb.addDjangoTask(QStringLiteral("RUNNING"), t, t, t, {QStringLiteral("running")});
        Result<SourceActionReport> r = s->actions().applyToKey(TaskAction::ForceStop, id, true);
        QVERIFY2(r.ok(), qPrintable(r.error().message()));
        QVERIFY(r->done);
        QVERIFY(r->dryRun);
        QCOMPARE(r->itemsChanged, 1);
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {id})
                .toString(),
            QStringLiteral("RUNNING"));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmupaccount WHERE task_id = ?"),
                   {id})
                .toString(),
            QStringLiteral("running"));
        QCOMPARE(AuditLog(tdb.db()).list({})->size(), 0);
    }

    void aReadOnlySourceRefusesEveryAction()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(jdb.createDjangoTables());
        const qint64 t = nowMs();
        const qint64 id = jdb.addDjangoTask(QStringLiteral("RUNNING"), t, t, t);
        Result<SourceDefinition> d
            = suggested(jdb, QStringLiteral("warmup_warmuptask"), QStringLiteral("warmup"));
        QVERIFY(d.ok());
        d->readOnly = true;
        std::unique_ptr<AttachedSource> s = attach(tdb, *d);
        QVERIFY(s);
        Result<SourceActionReport> r = s->actions().applyToKey(TaskAction::ForceStop, id);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), ErrorKind::PermissionDenied);
        QVERIFY(r.error().message().contains(QStringLiteral("read-only")));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {id})
                .toString(),
            QStringLiteral("RUNNING"));
    }

    // Bad input: one clear message, nothing written.
    void aTableWithoutAUsableKeyIsRefused()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(jdb.exec(
            QStringLiteral("CREATE TABLE loose_jobs (name varchar(50), status varchar(20), "
                           "updated_at varchar(40))")));
        QVERIFY(jdb.exec(QStringLiteral(
            "INSERT INTO loose_jobs VALUES ('a', 'running', '2026-12-06 10:00:00')")));
        Result<SourceDefinition> d
            = suggested(jdb, QStringLiteral("loose_jobs"), QStringLiteral("loose"));
        QVERIFY(d.ok());
        d->mapping.key = QStringLiteral("name");
        Result<std::unique_ptr<AttachedSource>> s
            = AttachedSource::open(tdb.db(), *d, QStringLiteral("alice"));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message().contains(QStringLiteral("is not an integer primary key")),
            qPrintable(s.error().message()));
    }

    void aRenamedColumnIsNamedAndNothingIsWritten()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        const SourceDefinition d = s->definition();
        QVERIFY(SourceRegistry(tdb.db(), QStringLiteral("alice")).add(d).message().isEmpty());
        s.reset();
        QVERIFY(jdb.exec(
            QStringLiteral("ALTER TABLE warmup_warmuptask RENAME COLUMN completed_at TO done_at")));
        Result<std::unique_ptr<AttachedSource>> again
            = AttachedSource::open(tdb.db(), QStringLiteral("warmup"), QStringLiteral("alice"));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message().contains(
                     QStringLiteral("'completed_at' is not in 'warmup_warmuptask' (renamed?)")),
            qPrintable(again.error().message()));
    }

    void aTimeColumnOfAnUnknownTypeIsRefused()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        SourceDefinition d = s->definition();
        // The title is text that holds no time.
        d.mapping.started.column = QStringLiteral("name");
        d.mapping.started.type = TimeType::IsoText;
        Result<std::unique_ptr<AttachedSource>> bad
            = AttachedSource::open(tdb.db(), d, QStringLiteral("alice"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message().contains(QStringLiteral("keeps no time Taskdesk can read")),
            qPrintable(bad.error().message()));
        // A type the column does not have.
        d = s->definition();
        d.mapping.created.type = TimeType::EpochMillis;
        bad = AttachedSource::open(tdb.db(), d, QStringLiteral("alice"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message().contains(QStringLiteral("not epoch_ms as mapped")),
            qPrintable(bad.error().message()));
    }

    void aLostConnectionIsOneMessage()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        SourceDefinition d;
        d.name = QStringLiteral("gone");
        d.location = tdb.tempPath() + QStringLiteral("/no-such-app.sqlite3");
        d.mapping.table = QStringLiteral("jobs");
        d.mapping.key = QStringLiteral("id");
        d.mapping.status.column = QStringLiteral("status");
        d.mapping.status.values.insert(QStringLiteral("running"), TaskStatus::Running);
        d.mapping.fence = QStringLiteral("updated_at");
        d.mapping.heartbeat
            = {QStringLiteral("updated_at"), TimeType::EpochMillis, {}, QStringLiteral("UTC")};
        QVERIFY2(d.validate().message().isEmpty(), qPrintable(d.validate().message()));
        Result<std::unique_ptr<AttachedSource>> s
            = AttachedSource::open(tdb.db(), d, QStringLiteral("alice"));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message().contains(QStringLiteral("nothing was created")),
            qPrintable(s.error().message()));
        QVERIFY(!QFile::exists(d.location));
    }

    void aDefinitionWithBadValuesIsRefusedWhole()
    {
        QJsonObject o{{QStringLiteral("name"), QStringLiteral("x y")},
            {QStringLiteral("location"), QStringLiteral("postgresql://bob:secret@db/app")},
            {QStringLiteral("table"), QStringLiteral("jobs; DROP TABLE jobs")},
            {QStringLiteral("key"), QStringLiteral("id")},
            {QStringLiteral("status"),
                QJsonObject{{QStringLiteral("column"), QStringLiteral("status")},
                    {QStringLiteral("values"),
                        QJsonObject{{QStringLiteral("done"), QStringLiteral("FINISHED")}}}}},
            {QStringLiteral("stuck"), QJsonObject{{QStringLiteral("running_minutes"), 999999}}},
            {QStringLiteral("fence"),
                QJsonObject{{QStringLiteral("column"), QStringLiteral("updated_at")}}},
            {QStringLiteral("colour"), QStringLiteral("red")}};
        Result<SourceDefinition> d = SourceDefinition::fromJson(o);
        QVERIFY(!d.ok());
        QCOMPARE(d.error().kind(), ErrorKind::Invalid);
        const QString m = d.error().message();
        QVERIFY2(m.contains(QStringLiteral("unknown key 'colour'")), qPrintable(m));
        QVERIFY2(m.contains(QStringLiteral("'done' is mapped to 'FINISHED'")), qPrintable(m));
        // Fixed, the next problems are named all at once.
        o.remove(QStringLiteral("colour"));
        o.insert(QStringLiteral("status"),
            QJsonObject{{QStringLiteral("column"), QStringLiteral("status")},
                {QStringLiteral("values"),
                    QJsonObject{{QStringLiteral("done"), QStringLiteral("COMPLETED")}}}});
        const QString all = SourceDefinition::fromJson(o).error().message();
        QVERIFY2(all.contains(QStringLiteral("not a valid source name")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("password")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("secret")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("not a plain column name")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("give 1 to 43200 minutes")), qPrintable(all));
    }

    void theRegistryKeepsAndAuditsSources()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        std::unique_ptr<AttachedSource> s = django(tdb, jdb);
        QVERIFY(s);
        SourceRegistry registry(tdb.db(), QStringLiteral("alice"));
        QVERIFY(registry.add(s->definition()).message().isEmpty());
        QCOMPARE(registry.add(s->definition()).kind(), ErrorKind::Invalid);
        SourceDefinition changed = s->definition();
        changed.stuck.runningMinutes = 45;
        QVERIFY(registry.update(QStringLiteral("warmup"), changed).message().isEmpty());
        QCOMPARE(registry.get(QStringLiteral("warmup"))->stuck.runningMinutes, 45);
        QCOMPARE(registry.list()->size(), 1);
        QVERIFY(registry.remove(QStringLiteral("warmup")).message().isEmpty());
        QCOMPARE(registry.get(QStringLiteral("warmup")).error().kind(), ErrorKind::NotFound);
        QStringList actions;
        for (const AuditEntry &e : *AuditLog(tdb.db()).list({}))
            actions << e.action;
        QCOMPARE(actions,
            (QStringList{QStringLiteral("source_remove"), QStringLiteral("source_edit"),
                QStringLiteral("source_add")}));
    }
};

TASKDESK_TEST_MAIN(TestSources)
#include "tst_sources.moc"
