#pragma once

#include "core/auditlog.h"
#include "core/task.h"
#include "core/tasks/operatoractions.h"
#include "core/tasks/stucktasks.h"
#include "core/tasks/taskreader.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>

// The --json shapes of taskdeskctl. Keys are the column names of the public
// schema; times are integers (UTC milliseconds since 1970), null when unset.
namespace taskdesk::ctl {

QJsonValue timeJson(qint64 utcMs);
QJsonObject taskJson(const Task &task, qint64 stuckHeartbeatMs = 60000);
QJsonObject itemJson(const TaskItem &item);
QJsonObject logLineJson(const LogLine &line);
QJsonObject auditJson(const AuditEntry &entry);
QJsonObject actionJson(qint64 taskId, const Result<ActionReport> &result);
QJsonObject statusCountsJson(const StatusCounts &counts);
QJsonObject statsJson(const Stats &stats);
// The stuck report, in the shape operators script against.
QJsonObject stuckReportJson(const StuckReport &report);

} // namespace taskdesk::ctl
