#include "schedulestore.h"

#include "core/database.h"
#include "core/task.h"
#include "core/tasks/taskstore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>

namespace taskdesk {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT s.id, s.name, s.kind, s.args, s.queue, s.priority, s.every_s, s.cron, s.enabled, "
    "s.anchor_at, s.last_slot_at, s.created_at, s.updated_at, r.task_id, t.status, {NOW} "
    "FROM schedules s "
    "LEFT JOIN schedule_runs r ON r.schedule_id = s.id AND r.slot_at = s.last_slot_at "
    "LEFT JOIN tasks t ON t.id = r.task_id ");

Schedule scheduleFromRow(const QSqlQuery &q)
{
    Schedule s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString();
    s.kind = q.value(2).toString();
    s.args = q.value(3).toString();
    s.queue = q.value(4).toString();
    s.priority = q.value(5).toInt();
    s.everyS = q.value(6).toLongLong();
    s.cron = q.value(7).toString();
    s.enabled = q.value(8).toInt() != 0;
    s.anchorAt = q.value(9).toLongLong();
    s.lastSlotAt = q.value(10).toLongLong();
    s.createdAt = q.value(11).toLongLong();
    s.updatedAt = q.value(12).toLongLong();
    s.lastTaskId = q.value(13).toLongLong();
    s.lastTaskStatus = q.value(14).toString();
    s.dbNow = q.value(15).toLongLong();
    return s;
}

QString compactArgs(const QString &args)
{
    return QString::fromUtf8(QJsonDocument::fromJson(args.toUtf8()).toJson(QJsonDocument::Compact));
}

QJsonObject definition(const Schedule &s)
{
    QJsonObject o{
        {QStringLiteral("schedule"), s.name},
        {QStringLiteral("schedule_id"), s.id},
        {QStringLiteral("kind"), s.kind},
        {QStringLiteral("queue"), s.queue},
        {QStringLiteral("priority"), s.priority},
        {QStringLiteral("args"), compactArgs(s.args)},
        {QStringLiteral("enabled"), s.enabled},
    };
    if (s.cron.trimmed().isEmpty())
        o.insert(QStringLiteral("every_seconds"), s.everyS);
    else
        o.insert(QStringLiteral("cron"), s.cron.simplified());
    return o;
}

// NOT NULL columns: a null QString would bind as NULL.
QString tidyCron(const QString &cron)
{
    const QString tidy = cron.simplified();
    return tidy.isNull() ? QStringLiteral("") : tidy;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

ScheduleStore::ScheduleStore(Database &db, QString actor)
    : m_db(db)
    , m_audit(db)
    , m_actor(std::move(actor))
{ }

Result<QVector<Schedule>> ScheduleStore::select(const QString &where, const QVariant &value)
{
    // Bounded: QPSQL reads a whole result at once (QT64-NOTES).
    Result<QSqlQuery> q
        = m_db.prepare(kSelect + where + QStringLiteral(" ORDER BY s.name LIMIT 10000"));
    if (!q.ok())
        return q.error();
    if (value.isValid())
        q.value().bindValue(QStringLiteral(":v"), value);
    if (Error e = m_db.exec(q.value(), QStringLiteral("schedules")))
        return e;
    QVector<Schedule> list;
    while (q.value().next())
        list.append(scheduleFromRow(q.value()));
    return list;
}

Result<QVector<Schedule>> ScheduleStore::list(bool enabledOnly)
{
    return select(enabledOnly ? QStringLiteral("WHERE s.enabled = 1") : QString(), {});
}

Result<Schedule> ScheduleStore::find(const QString &name)
{
    Result<QVector<Schedule>> found = select(QStringLiteral("WHERE s.name = :v"), name);
    if (!found.ok())
        return found.error();
    if (found->isEmpty())
        return Error::translatable(ErrorKind::NotFound,
            QT_TRANSLATE_NOOP("taskdesk::Error", "no schedule named '%1'"), {name});
    return found->first();
}

Result<Schedule> ScheduleStore::schedule(qint64 id)
{
    Result<QVector<Schedule>> found = select(QStringLiteral("WHERE s.id = :v"), id);
    if (!found.ok())
        return found.error();
    if (found->isEmpty())
        return Error::translatable(ErrorKind::NotFound,
            QT_TRANSLATE_NOOP("taskdesk::Error", "no schedule with id %1"), {QString::number(id)});
    return found->first();
}

Result<qint64> ScheduleStore::add(const Schedule &schedule)
{
    if (Error e = schedule.validate())
        return e;
    qint64 id = 0;
    Error e = m_db.write([&]() -> Error {
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "INSERT INTO schedules (name, kind, args, queue, priority, every_s, cron, enabled, "
            "anchor_at) VALUES (:name, :kind, :args, :queue, :priority, :every, :cron, :enabled, "
            "{NOW}) ON CONFLICT (name) DO NOTHING RETURNING id"));
        if (!q.ok())
            return q.error();
        QSqlQuery &query = q.value();
        query.bindValue(QStringLiteral(":name"), Database::text(schedule.name));
        query.bindValue(QStringLiteral(":kind"), Database::text(schedule.kind));
        query.bindValue(QStringLiteral(":args"), Database::text(compactArgs(schedule.args)));
        query.bindValue(QStringLiteral(":queue"), Database::text(schedule.queue));
        query.bindValue(QStringLiteral(":priority"), schedule.priority);
        query.bindValue(QStringLiteral(":every"), schedule.everyS);
        query.bindValue(QStringLiteral(":cron"), tidyCron(schedule.cron));
        query.bindValue(QStringLiteral(":enabled"), schedule.enabled ? 1 : 0);
        if (Error err = m_db.exec(query, QStringLiteral("add schedule")))
            return err;
        if (!query.next())
            return Error::translatable(ErrorKind::Invalid,
                QT_TRANSLATE_NOOP("taskdesk::Error", "a schedule named '%1' already exists"),
                {schedule.name});
        id = query.value(0).toLongLong();
        query.finish();
        Schedule added = schedule;
        added.id = id;
        return m_audit.record(
            m_actor, QStringLiteral("schedule_add"), 0, {}, {}, {}, definition(added));
    });
    if (e)
        return e;
    return id;
}

Error ScheduleStore::update(const Schedule &schedule)
{
    if (Error e = schedule.validate())
        return e;
    return m_db.write([&]() -> Error {
        Result<Schedule> before = this->schedule(schedule.id);
        if (!before.ok())
            return before.error();
        if (before->name != schedule.name) {
            Result<QSqlQuery> taken
                = m_db.prepare(QStringLiteral("SELECT count(*) FROM schedules WHERE name = :n"));
            if (!taken.ok())
                return taken.error();
            taken.value().bindValue(QStringLiteral(":n"), schedule.name);
            if (Error err = m_db.exec(taken.value(), QStringLiteral("update schedule")))
                return err;
            if (taken.value().next() && taken.value().value(0).toInt() > 0)
                return Error::translatable(ErrorKind::Invalid,
                    QT_TRANSLATE_NOOP("taskdesk::Error", "a schedule named '%1' already exists"),
                    {schedule.name});
        }
        // A re-enabled schedule counts its slots from now, so that the time it
        // was off is not caught up; a new interval keeps the cadence of the last
        // slot; a new cron expression starts from now.
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "UPDATE schedules SET name = :name, kind = :kind, args = :args, queue = :queue, "
            "priority = :priority, every_s = :every, cron = :cron, enabled = :enabled, "
            "anchor_at = CASE WHEN enabled = 0 AND :en2 = 1 THEN {NOW} "
            "WHEN every_s <> :every2 OR cron <> :cron2 THEN (CASE WHEN :every3 > 0 AND "
            "last_slot_at IS NOT NULL THEN last_slot_at ELSE {NOW} END) ELSE anchor_at END, "
            "updated_at = {NOW} WHERE id = :id"));
        if (!q.ok())
            return q.error();
        QSqlQuery &query = q.value();
        const QString cron = tidyCron(schedule.cron);
        query.bindValue(QStringLiteral(":name"), Database::text(schedule.name));
        query.bindValue(QStringLiteral(":kind"), Database::text(schedule.kind));
        query.bindValue(QStringLiteral(":args"), Database::text(compactArgs(schedule.args)));
        query.bindValue(QStringLiteral(":queue"), Database::text(schedule.queue));
        query.bindValue(QStringLiteral(":priority"), schedule.priority);
        query.bindValue(QStringLiteral(":every"), schedule.everyS);
        query.bindValue(QStringLiteral(":cron"), cron);
        query.bindValue(QStringLiteral(":enabled"), schedule.enabled ? 1 : 0);
        query.bindValue(QStringLiteral(":en2"), schedule.enabled ? 1 : 0);
        query.bindValue(QStringLiteral(":every2"), schedule.everyS);
        query.bindValue(QStringLiteral(":cron2"), cron);
        query.bindValue(QStringLiteral(":every3"), schedule.everyS);
        query.bindValue(QStringLiteral(":id"), schedule.id);
        if (Error err = m_db.exec(query, QStringLiteral("update schedule")))
            return err;
        Schedule after = schedule;
        QJsonObject details = definition(after);
        QJsonObject changed;
        const QJsonObject old = definition(*before);
        for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
            if (old.value(it.key()) != it.value())
                changed.insert(it.key(),
                    QJsonObject{{QStringLiteral("from"), old.value(it.key())},
                        {QStringLiteral("to"), it.value()}});
        }
        details.insert(QStringLiteral("changed"), changed);
        return m_audit.record(m_actor, QStringLiteral("schedule_update"), 0, {}, {}, {}, details);
    });
}

Error ScheduleStore::setEnabled(const QString &name, bool enabled)
{
    return m_db.write([&]() -> Error {
        Result<QSqlQuery> q = m_db.prepare(
            QStringLiteral("UPDATE schedules SET enabled = :enabled, updated_at = {NOW}, "
                           "anchor_at = CASE WHEN :en2 = 1 THEN {NOW} ELSE anchor_at END "
                           "WHERE name = :name AND enabled <> :en3 RETURNING id"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":enabled"), enabled ? 1 : 0);
        q.value().bindValue(QStringLiteral(":en2"), enabled ? 1 : 0);
        q.value().bindValue(QStringLiteral(":en3"), enabled ? 1 : 0);
        q.value().bindValue(QStringLiteral(":name"), name);
        if (Error err = m_db.exec(q.value(), QStringLiteral("enable schedule")))
            return err;
        if (!q.value().next()) {
            q.value().finish();
            // Already in that state, or not there at all.
            Result<Schedule> existing = find(name);
            return existing.ok() ? Error() : existing.error();
        }
        const qint64 id = q.value().value(0).toLongLong();
        q.value().finish();
        return m_audit.record(m_actor,
            enabled ? QStringLiteral("schedule_enable") : QStringLiteral("schedule_disable"), 0, {},
            {}, {}, {{QStringLiteral("schedule"), name}, {QStringLiteral("schedule_id"), id}});
    });
}

Error ScheduleStore::remove(const QString &name)
{
    return m_db.write([&]() -> Error {
        Result<Schedule> existing = find(name);
        if (!existing.ok())
            return existing.error();
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral("DELETE FROM schedules WHERE id = :id"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":id"), existing->id);
        if (Error err = m_db.exec(q.value(), QStringLiteral("remove schedule")))
            return err;
        return m_audit.record(
            m_actor, QStringLiteral("schedule_remove"), 0, {}, {}, {}, definition(*existing));
    });
}

Result<std::optional<qint64>> ScheduleStore::enqueueSlot(
    const Schedule &schedule, qint64 slotAt, TaskStore &tasks)
{
    std::optional<qint64> taskId;
    Error e = m_db.write([&]() -> Error {
        taskId.reset();
        // The primary key (schedule_id, slot_at) lets one insert through; the
        // conditions refuse a slot older than one already run (a scheduler that
        // woke up late) and a schedule disabled or removed meanwhile.
        Result<QSqlQuery> q = m_db.prepare(QStringLiteral(
            "INSERT INTO schedule_runs (schedule_id, slot_at) "
            "SELECT id, CAST(:slot AS BIGINT) FROM schedules WHERE id = :id AND enabled = 1 "
            "AND (last_slot_at IS NULL OR last_slot_at < :slot2) "
            "ON CONFLICT (schedule_id, slot_at) DO NOTHING"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":slot"), slotAt);
        q.value().bindValue(QStringLiteral(":id"), schedule.id);
        q.value().bindValue(QStringLiteral(":slot2"), slotAt);
        if (Error err = m_db.exec(q.value(), QStringLiteral("schedule slot")))
            return err;
        if (q.value().numRowsAffected() != 1)
            return {};

        NewTask task;
        task.kind = schedule.kind;
        task.name = schedule.name;
        task.queue = schedule.queue;
        task.priority = schedule.priority;
        task.args = schedule.args;
        task.scheduleId = schedule.id;
        Result<qint64> id = tasks.queue().enqueueInTransaction(task);
        if (!id.ok())
            return id.error();

        Result<QSqlQuery> run
            = m_db.prepare(QStringLiteral("UPDATE schedule_runs SET task_id = :task WHERE "
                                          "schedule_id = :id AND slot_at = :slot"));
        if (!run.ok())
            return run.error();
        run.value().bindValue(QStringLiteral(":task"), *id);
        run.value().bindValue(QStringLiteral(":id"), schedule.id);
        run.value().bindValue(QStringLiteral(":slot"), slotAt);
        if (Error err = m_db.exec(run.value(), QStringLiteral("schedule slot")))
            return err;

        Result<QSqlQuery> last = m_db.prepare(
            QStringLiteral("UPDATE schedules SET last_slot_at = :slot WHERE id = :id"));
        if (!last.ok())
            return last.error();
        last.value().bindValue(QStringLiteral(":slot"), slotAt);
        last.value().bindValue(QStringLiteral(":id"), schedule.id);
        if (Error err = m_db.exec(last.value(), QStringLiteral("schedule slot")))
            return err;

        Result<QSqlQuery> log = m_db.prepare(QStringLiteral(
            "INSERT INTO task_log (task_id, level, message) VALUES (:task, 'info', :message)"));
        if (!log.ok())
            return log.error();
        log.value().bindValue(QStringLiteral(":task"), *id);
        log.value().bindValue(QStringLiteral(":message"),
            Database::text(QStringLiteral("Enqueued by schedule '%1' (%2) for the slot of %3")
                               .arg(schedule.name, schedule.timing(), isoTime(slotAt))));
        if (Error err = m_db.exec(log.value(), QStringLiteral("schedule slot")))
            return err;

        QJsonObject details{
            {QStringLiteral("schedule"), schedule.name},
            {QStringLiteral("schedule_id"), schedule.id},
            {QStringLiteral("timing"), schedule.timing()},
            {QStringLiteral("slot_at"), isoTime(slotAt)},
            {QStringLiteral("slot_at_ms"), slotAt},
        };
        if (schedule.lastSlotAt > 0)
            details.insert(QStringLiteral("previous_slot_at"), isoTime(schedule.lastSlotAt));
        if (Error err = m_audit.record(m_actor, QStringLiteral("schedule_enqueue"), *id,
                schedule.name, {}, QStringLiteral("PENDING"), details))
            return err;
        taskId = *id;
        return {};
    });
    if (e)
        return e;
    return taskId;
}

} // namespace taskdesk
