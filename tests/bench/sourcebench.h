#pragma once

#include "benchsupport.h"

#include <QJsonObject>

namespace taskdesk::bench {

// Part 8: an attached job table of another program (Django-shaped, only its
// primary key indexed) of `tasks` rows, read through its source: the first
// screen, jumps deep into it, and filter changes. On SQLite the table is a
// file of its own beside the main database; on PostgreSQL a table in the
// database of `url`.
QJsonObject runSourceBench(const QString &url, const Options &options);

} // namespace taskdesk::bench
