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

// Part 7: the window's event loop while the task table follows a bulk action
// (Force Stop on up to 1,000 selected tasks of the RUNNING filter, on a writer
// thread as the window runs it, then the table's refresh) and a sweep (up to
// 10,000 rows changed at once): the longest time the GUI thread stays away
// from its event loop, against the database work alone (--child gui).
QJsonObject runGuiChild(const Options &options);

} // namespace taskdesk::bench
