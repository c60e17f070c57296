#pragma once

#include "core/auditlog.h"
#include "core/error.h"
#include "core/tasks/stucktasks.h"

#include <QLatin1String>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>

namespace taskdesk {

class Database;

// What the sweeper does with tasks PENDING past the queue threshold.
enum class QueuePolicy {
    Report, // list them (stuck view, notifications), change nothing
    MarkFailed, // FAILED/stuck_swept
};

// The sweeper's rules as stored in `settings` (defaults when unset).
struct SweeperRules
{
    qint64 intervalMs = 15 * 1000;
    qint64 heartbeatTimeoutMs = 60 * 1000; // tasks and workers
    qint64 queueThresholdMs = 5 * 60 * 1000;
    QueuePolicy queuePolicy = QueuePolicy::Report;
    // The Nth loss in a row fails the task; 0 and 1 never re-queue.
    int poisonRescues = StuckTasks::kPoisonRescues;
    // A task re-queued after its worker was lost waits base × 2^(attempt − 1),
    // never longer than the cap.
    qint64 retryBaseMs = RetryPolicy().baseMs;
    qint64 retryCapMs = RetryPolicy().capMs;

    StuckThresholds thresholds() const { return {queueThresholdMs, heartbeatTimeoutMs}; }
    RetryPolicy retry() const { return {retryBaseMs, retryCapMs}; }
};

struct SchedulerRules
{
    qint64 intervalMs = 1000; // how often due slots are looked for
};

// One key of the settings table: its meaning, default and allowed values.
struct SettingSpec
{
    QString key;
    QString description;
    QString defaultValue;
    QString unit; // "s" for seconds, empty for none
    qint64 minimum = 0; // whole numbers: the allowed range
    qint64 maximum = 0;
    QStringList choices; // a choice: the allowed words (then minimum/maximum are unused)
    // A text value (a list of names, a URL, a secret reference): refuses a bad
    // one with its message; then minimum, maximum and choices are unused.
    std::function<Error(const QString &)> check;
    QString allowed; // a text value: what is allowed, in a few words

    bool isText() const { return bool(check); }
};

namespace SettingKey {
inline constexpr QLatin1String SweeperIntervalS{"sweeper.interval_s"};
inline constexpr QLatin1String SweeperHeartbeatTimeoutS{"sweeper.heartbeat_timeout_s"};
inline constexpr QLatin1String SweeperQueueThresholdS{"sweeper.queue_threshold_s"};
inline constexpr QLatin1String SweeperQueuePolicy{"sweeper.queue_policy"};
inline constexpr QLatin1String SweeperPoisonRescues{"sweeper.poison_rescues"};
inline constexpr QLatin1String SweeperRetryBaseS{"sweeper.retry_base_s"};
inline constexpr QLatin1String SweeperRetryCapS{"sweeper.retry_cap_s"};
inline constexpr QLatin1String SchedulerIntervalS{"scheduler.interval_s"};
} // namespace SettingKey

// Typed access to the shared `settings` table: what the settings dialog and
// `taskdeskctl` write, and what the Sweeper and the Scheduler read on every
// pass (a change applies everywhere without a restart). Only known keys with
// sensible values are stored; every change is audited.
class Settings final
{
public:
    explicit Settings(Database &db, QString actor = AuditLog::osUser());

    static const QVector<SettingSpec> &specs();
    static std::optional<SettingSpec> spec(const QString &key);
    // Refuses unknown keys and absurd values with a message that names the key
    // and what is allowed.
    static Error validate(const QString &key, const QString &value);

    // The stored value, or the default.
    Result<QString> value(const QString &key);
    // Every known key with its stored value or its default.
    Result<QMap<QString, QString>> values();
    Error set(const QString &key, const QString &value);
    // All or nothing, in one transaction (a dialog's OK button).
    Error set(const QMap<QString, QString> &values);
    // Back to the default.
    Error reset(const QString &key);

    // The typed rules. A stored value that is no longer valid (written by hand)
    // is an error that names it, so that nobody runs on a silent fallback.
    Result<SweeperRules> sweeperRules();
    Result<SchedulerRules> schedulerRules();
    // Writes every rule at once (validated like set()).
    Error setSweeperRules(const SweeperRules &rules);

    static QString queuePolicyName(QueuePolicy policy);
    static std::optional<QueuePolicy> parseQueuePolicy(const QString &text);

private:
    Result<QMap<QString, QString>> stored();
    // The settings that only make sense together, when `changed` names one of
    // them; inside the write transaction, so that a refusal writes nothing.
    Error checkTogetherAfter(const QStringList &changed);

    Database &m_db;
    AuditLog m_audit;
    QString m_actor;
};

} // namespace taskdesk
