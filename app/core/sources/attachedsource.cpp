#include "attachedsource.h"

#include "core/sources/sourcecatalog.h"
#include "core/sources/sourceregistry.h"

namespace taskdesk {

qint64 SourceCleanupReport::changed() const
{
    return std::count_if(
        decisions.begin(), decisions.end(), [](const SourceActionReport &r) { return r.done; });
}

AttachedSource::AttachedSource(std::unique_ptr<Database> db, SourceDefinition definition,
    Database &taskdesk, const QString &actor)
    : m_db(std::move(db))
    , m_def(std::move(definition))
    , m_reader(*m_db, m_def)
    , m_actions(*m_db, m_def, taskdesk, actor)
{ }

Result<std::unique_ptr<AttachedSource>> AttachedSource::open(
    Database &taskdesk, const QString &name, const QString &actor)
{
    Result<SourceDefinition> d = SourceRegistry(taskdesk, actor).get(name);
    if (!d.ok())
        return d.error();
    return open(taskdesk, *d, actor);
}

Result<std::unique_ptr<AttachedSource>> AttachedSource::open(
    Database &taskdesk, const SourceDefinition &definition, const QString &actor)
{
    Result<DatabaseLocation> location = definition.parsedLocation();
    if (!location.ok())
        return location.error();
    auto db = std::make_unique<Database>(*location, definition.role());
    if (Error e = db->open())
        return Error(e.kind(), QStringLiteral("source %1: %2").arg(definition.name, e.message()));
    if (Error e = SourceCatalog(*db).check(definition))
        return e.message().startsWith(QStringLiteral("source "))
            ? e
            : Error(e.kind(), QStringLiteral("source %1: %2").arg(definition.name, e.message()));
    return std::unique_ptr<AttachedSource>(
        new AttachedSource(std::move(db), definition, taskdesk, actor));
}

Result<SourceCleanupReport> AttachedSource::cleanup(
    SourceStuckRules::Action action, bool dryRun, int limit, const QSet<qint64> &only)
{
    Result<QVector<SourceRow>> stuck = m_reader.stuck(only.isEmpty() ? limit : 100000);
    if (!stuck.ok())
        return stuck.error();
    if (!only.isEmpty())
        stuck->erase(std::remove_if(stuck->begin(), stuck->end(),
                         [&](const SourceRow &r) { return !only.contains(r.key); }),
            stuck->end());
    SourceCleanupReport report;
    report.action = action;
    report.dryRun = dryRun;
    report.found = stuck->size();
    const SourceMapping &m = m_def.mapping;
    const QString running = QStringLiteral("stuck: running with no change of %1 for over %2 min")
                                .arg(m.heartbeat.isSet() ? m.heartbeat.column : m.started.column)
                                .arg(m_def.stuck.runningMinutes);
    const QString queued = QStringLiteral("stuck: pending with no change of %1 for over %2 min")
                               .arg(m.heartbeat.isSet() ? m.heartbeat.column : m.created.column)
                               .arg(m_def.stuck.queuedMinutes);
    for (const SourceRow &row : std::as_const(*stuck)) {
        const QString rule = row.status == TaskStatus::Running ? running : queued;
        // A stuck RUNNING row is failed with Force Stop, a stuck PENDING one
        // with Cancel; a retry makes either pending again.
        TaskAction act
            = row.status == TaskStatus::Running ? TaskAction::ForceStop : TaskAction::Cancel;
        SourceRow seen = row;
        if (action == SourceStuckRules::Action::Retry && row.status == TaskStatus::Running) {
            // Retry is taken from FAILED: fail it first, then retry what was failed.
            Result<SourceActionReport> failed
                = m_actions.apply(TaskAction::ForceStop, row, dryRun, rule);
            if (!failed.ok())
                return failed.error();
            if (!failed->done || dryRun) {
                report.decisions << *failed;
                continue;
            }
            Result<SourceRow> now = m_reader.row(row.key);
            if (!now.ok())
                return now.error();
            seen = *now;
            act = TaskAction::Restart;
        } else if (action == SourceStuckRules::Action::Retry) {
            report.decisions << SourceActionReport{TaskAction::Restart, row.key, row.title, false,
                dryRun, row.rawStatus, QString(), 0,
                QStringLiteral("row %1 waits in the queue: a retry would not change that")
                    .arg(row.key)};
            continue;
        }
        Result<SourceActionReport> r = m_actions.apply(act, seen, dryRun, rule);
        if (!r.ok())
            return r.error();
        report.decisions << *r;
    }
    return report;
}

} // namespace taskdesk
