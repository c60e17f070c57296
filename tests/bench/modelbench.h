#pragma once

#include "benchsupport.h"

#include <QJsonObject>

namespace taskdesk::bench {

// Part 1: Taskdesk's TaskTableModel, as the task table uses it (with the
// background reader). Runs in a child process of its own (--child model), so
// that its peak RSS is its own. Needs a QApplication.
QJsonObject runModelChild(const Options &options);

// Part 2: what a Qt developer reaches for first, a QSqlTableModel on the same
// table, fetched as far as each jump needs (--child baseline).
QJsonObject runBaselineChild(const Options &options);

} // namespace taskdesk::bench
