#pragma once

#include "core/error.h"

#include <QString>
#include <QStringList>

namespace taskdesk {

class Database;

// What the demo needs from its surroundings: the programs of the worker and
// scheduler process definitions (none are made when empty).
struct DemoSpec
{
    QString actor = QStringLiteral("demo");
    QString workerProgram; // taskdesk-worker
    QStringList workerArguments; // --config FILE …
    QString schedulerProgram; // taskdeskctl
    QStringList schedulerArguments;
};

struct DemoSummary
{
    int tasks = 0; // made now, all of them; 0 when the demo was loaded before
    int historyTasks = 0; // of those, the finished ones of the last hours
    qint64 stuckTaskId = 0; // the RUNNING task whose worker is gone, for Force Stop
    int processes = 0;
    int schedules = 0;
};

// Fills a database with a demo that shows every feature at once: a few hours
// of finished tasks (for the stats), tasks in every status with items, log
// lines and audit rows, one RUNNING task whose heartbeat is long gone (stuck),
// one task stuck in the queue, a worker and a scheduler process definition
// and two schedules. The sweeper's watch begins anew, so that the stuck task
// stays for a whole heartbeat timeout even under a sweeper that has been
// running for a while. The demo kinds are "demo.progress", "demo.fail",
// "demo.hang" and "demo.items". Loading twice adds nothing the second time.
namespace DemoData {

inline const QStringList kKinds{QStringLiteral("demo.progress"), QStringLiteral("demo.fail"),
    QStringLiteral("demo.hang"), QStringLiteral("demo.items")};

Result<DemoSummary> load(Database &db, const DemoSpec &spec = {});

} // namespace DemoData

} // namespace taskdesk
