#pragma once

#include "core/alerts/alert.h"
#include "core/alerts/alertstore.h"
#include "core/error.h"
#include "core/settings.h"

#include <QVector>

namespace taskdesk {

class Database;

// The rules that watch a state (all but task_failed, which counts events):
// what fires now, read from the tasks, processes, workers and the audit log.
// An alert of a rule that is off never comes out; one that is on but whose
// condition no longer holds is missing, which resolves it.
class AlertConditions final
{
public:
    explicit AlertConditions(Database &db);

    Result<QVector<Alert>> evaluate(const AlertRules &rules, const SweeperRules &sweeper);

private:
    Error stuckTasks(const AlertRules &rules, const SweeperRules &sweeper, QVector<Alert> &out);
    Error processFatal(QVector<Alert> &out);
    Error processRestarts(const AlertRules &rules, QVector<Alert> &out);
    Error queues(const AlertRules &rules, QVector<Alert> &out);
    Error workersLost(QVector<Alert> &out);

    Database &m_db;
};

} // namespace taskdesk
