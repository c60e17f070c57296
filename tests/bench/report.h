#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace taskdesk::bench {

// The targets of issue 6 against what a run measured: one entry per target
// with the goal, the value, pass or miss, and by how much. Targets whose part
// did not run are left out.
QJsonArray evaluateTargets(const QJsonObject &report);

// The report as a readable table: the targets, then the other figures.
QString formatTable(const QJsonObject &report);

} // namespace taskdesk::bench
