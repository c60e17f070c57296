#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/taskstatus.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace taskdesk {

// How a time column keeps its time. Reads and writes both use the column's own
// type: a value is written as the column keeps it, and a threshold is compared
// in it (so that an index on the column serves).
enum class TimeType {
    None,
    TimestampTz, // PostgreSQL timestamp with time zone
    Timestamp, // a timestamp without zone (PostgreSQL, MySQL DATETIME/TIMESTAMP) in `zone`
    IsoText, // text like Django's on SQLite: 2026-12-06 16:00:00.123456 (UTC unless it says)
    EpochSeconds,
    EpochMillis,
};
QString timeTypeName(TimeType type); // "timestamptz", "timestamp", "iso", "epoch_s", "epoch_ms"
std::optional<TimeType> parseTimeType(const QString &name);

struct TimeColumn
{
    QString column; // empty: not mapped
    TimeType type = TimeType::None;
    // IsoText: how values are written (a sample of the column's own values):
    // the separator, the digits of the fraction, and the zone suffix.
    QString isoSample;
    // Timestamp: the zone its values are in, "UTC" or an offset like "+03:00"
    // (PostgreSQL also takes a zone name, "Europe/Kyiv").
    QString zone = QStringLiteral("UTC");
    bool isSet() const { return !column.isEmpty(); }
};

// A status column and what its values mean. A text column maps each value the
// table holds onto one of Taskdesk's four statuses; a value nobody mapped is
// shown as it is and never touched. A boolean column (is_active) reads true as
// RUNNING and false as COMPLETED.
struct StatusMapping
{
    QString column;
    bool boolean = false;
    QMap<QString, TaskStatus> values; // a stored value (as text) → its status
    // What the actions write.
    QString failedValue; // Force Stop, Cancel, a clean-up's mark_failed
    QString pendingValue; // Retry
    QStringList valuesOf(TaskStatus status) const;
    std::optional<TaskStatus> statusOf(const QString &stored) const;
};

// A table of the source's rows' parts (Django's WarmupAccount to its WarmupTask).
struct ItemsMapping
{
    QString table; // empty: none
    QString key;
    QString foreignKey; // the column naming the row's key
    QString label;
    StatusMapping status;
    TimeColumn started, finished;
    QString log;
    bool isSet() const { return !table.isEmpty(); }
};

struct SourceMapping
{
    QString table;
    QString key; // an integer key
    QStringList title; // columns joined with " · "
    QString kind, queue;
    StatusMapping status;
    TimeColumn created, started, finished, heartbeat;
    QString error, log, progressDone, progressTotal;
    ItemsMapping items;
    // The column an action is fenced by besides the status: a time column of the
    // mapping (updated_at, started_at) or a version column, which an action
    // moves on (now, or + 1) so that what it did fences others in turn.
    QString fence;
    bool fenceIsVersion = false;
    bool allowDelete = false;
};

// The sweeper's rules on a source: queued longer than queuedMinutes, running
// with no change of its heartbeat column for runningMinutes. A periodic sweep
// is off until an operator turns it on.
struct SourceStuckRules
{
    int queuedMinutes = 30;
    int runningMinutes = 30;
    bool sweep = false;
    enum class Action { MarkFailed, Retry };
    Action action = Action::MarkFailed;
    int sweepIntervalS = 300;
};

struct SourceDefinition
{
    QString name;
    QString location; // a path, postgresql://…, mysql://… (never a password)
    bool readOnly = false;
    SourceMapping mapping;
    SourceStuckRules stuck;

    QJsonObject toJson() const;
    // Every problem of a stored or given definition, in one message.
    static Result<SourceDefinition> fromJson(const QJsonObject &json);
    // The definition's own checks (names, values, thresholds); the table itself
    // is checked against the catalog by SourceCatalog::check().
    Error validate() const;
    Result<DatabaseLocation> parsedLocation() const;
    Database::Role role() const
    {
        return readOnly ? Database::Role::AttachedReadOnly : Database::Role::Attached;
    }
};

// A source's name: letters, digits, '-', '_', '.', 1 to 64, not starting with '-'.
Error checkSourceName(const QString &name);

} // namespace taskdesk
