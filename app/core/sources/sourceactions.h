#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/sources/sourcedefinition.h"
#include "core/sources/sourcedialect.h"
#include "core/sources/sourcereader.h"
#include "core/tasks/taskrules.h"

#include <QString>

namespace taskdesk {

// What an action on a source's row did, as facts.
struct SourceActionReport
{
    TaskAction action = TaskAction::Cancel;
    qint64 key = 0;
    QString title;
    bool done = false;
    bool dryRun = false; // done in a transaction that was rolled back
    QString before; // the stored status value the row was taken from
    QString after; // the value written ("DELETED" for a delete)
    int itemsChanged = 0;
    // Refused: why, in one sentence (the row changed since it was read, its
    // status does not allow the action, it is gone).
    QString refusal;
};

// The operator's actions on a source's rows: Force Stop (RUNNING → the failed
// value), Cancel (PENDING or RUNNING → the failed value), Retry (FAILED → the
// pending value; Restart in taskrules' terms) and Delete (only where the
// mapping allows it). Each is one conditional UPDATE (or DELETE) fenced by the
// status value the operator saw, the statuses the action is allowed from, and
// the fence column's value the operator saw: a row another program changed
// since then is left as it is and the report says so. Its items, its log line
// (appended, never rewritten) go in the same transaction; the audit row goes to
// Taskdesk's own database right after the commit.
class SourceActions final
{
public:
    SourceActions(Database &source, SourceDefinition definition, Database &taskdesk, QString actor);

    // The statuses a source action is taken from: taskrules', except that Retry
    // is taken from FAILED only (a COMPLETED row of another program is done).
    static QVector<TaskStatus> allowedFrom(TaskAction action);

    // Acts on the row as the operator saw it (its status value and fence).
    // A dry run does the same inside a transaction that is rolled back, and
    // writes no audit row.
    // `rule`: why a clean-up or a sweep took the action (the rule that found the
    // row stuck), added to its log line and its audit row.
    Result<SourceActionReport> apply(
        TaskAction action, const SourceRow &seen, bool dryRun = false, const QString &rule = {});
    // Reads the row, then applies: for a command given only a key.
    Result<SourceActionReport> applyToKey(TaskAction action, qint64 key, bool dryRun = false);

private:
    Error transition(TaskAction action, const SourceRow &seen, qint64 now, SourceActionReport &r);
    Error changeItems(TaskAction action, qint64 key, qint64 now, SourceActionReport &r);
    Error audit(const SourceActionReport &r, const SourceRow &seen);
    QString refusalOf(TaskAction action, const SourceRow &seen);

    Database &m_source;
    SourceDefinition m_def;
    Database &m_taskdesk;
    QString m_actor;
    SourceDialect m_dialect;
    QString m_rule; // of the apply() under way
};

QString sourceActionName(TaskAction action); // "force_stop", "cancel", "retry", "delete"
QString sourceActionWord(TaskAction action); // "Force Stop", "Cancel", "Retry", "Delete"

} // namespace taskdesk
