#pragma once

#include <Qt>

namespace taskdesk::ui {

// The roles every Taskdesk model speaks, from Qt::UserRole up, so that one
// badge delegate serves the tasks, their items and the processes.
enum ItemRole : int {
    RawValueRole = Qt::UserRole, // the value behind the text, for sorting and delegates
    StatusRole, // the status as an int (TaskStatus, ProcessState)
    StuckRole, // bool: a RUNNING task whose heartbeat is stale
    TaskIdRole, // qint64
    BadgeToneRole, // int BadgeTone: the column is painted as a badge
};

} // namespace taskdesk::ui
