#pragma once

#include "core/error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace taskdesk {

// One row of `schedules`: what to enqueue (kind, args, queue, priority) and
// when, either every `everyS` seconds or on a cron expression (UTC).
//
// Slots are a pure function of the row, so that every scheduler agrees on
// them: an interval's slots are anchorAt + k × everyS; a cron expression's are
// its matching minutes at or after anchorAt. The anchor is set when the
// schedule is created or enabled, and when its timing changes (an interval
// then keeps its cadence from the last slot). A new or re-enabled interval
// schedule therefore runs at once; a cron schedule waits for its next minute.
struct Schedule
{
    qint64 id = 0;
    QString name;
    QString kind;
    QString args = QStringLiteral("{}");
    QString queue = QStringLiteral("default");
    int priority = 0;
    qint64 everyS = 0; // an interval in seconds, or
    QString cron; // a five-field cron expression
    bool enabled = true;
    qint64 anchorAt = 0;
    qint64 lastSlotAt = 0; // the last slot enqueued; 0: none yet
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 lastTaskId = 0; // the task of the last slot, if it still exists
    QString lastTaskStatus;
    qint64 dbNow = 0; // the database clock when the row was read

    static constexpr qint64 kMaxEveryS = 366LL * 24 * 3600;

    // Name, kind, queue, priority, args and timing, with a message that says
    // what is wrong (a cron error names the field).
    Error validate() const;

    // The slot to enqueue at `now`: the latest slot at or before now that is
    // newer than the last one enqueued. Slots missed during a downtime fold
    // into this one: one run, not a burst. nullopt: nothing due (or disabled).
    std::optional<qint64> dueSlot(qint64 now) const;
    // The next slot after `now` (the due one if a slot is due); nullopt when
    // disabled or never.
    std::optional<qint64> nextSlot(qint64 now) const;

    QString timing() const; // "every 60 s" or "cron */5 * * * *"
    QJsonObject toJson() const;
};

} // namespace taskdesk
