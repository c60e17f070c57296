#pragma once

#include <QLatin1String>

namespace taskdesk::AlertSettingKey {

// The keys of the alert rules and channels in the shared `settings` table
// (Settings::specs() holds their defaults and allowed values). A channel's
// secret is stored as a reference ("env:NAME" or "file:/path", see
// SecretSource), never as the secret.

// Rules
inline constexpr QLatin1String TaskFailed{"alerts.task_failed"}; // on/off
inline constexpr QLatin1String TaskFailedKinds{"alerts.task_failed.kinds"}; // "a,b"; empty: all
inline constexpr QLatin1String StuckTasks{"alerts.stuck_tasks"};
inline constexpr QLatin1String StuckTasksCount{"alerts.stuck_tasks.count"}; // more than N
inline constexpr QLatin1String StuckTasksForS{"alerts.stuck_tasks.for_s"}; // for longer than
inline constexpr QLatin1String ProcessFatal{"alerts.process_fatal"};
inline constexpr QLatin1String ProcessRestarts{"alerts.process_restarts"};
inline constexpr QLatin1String ProcessRestartsCount{"alerts.process_restarts.count"};
inline constexpr QLatin1String ProcessRestartsWindowS{"alerts.process_restarts.window_s"};
inline constexpr QLatin1String QueueAge{"alerts.queue_age"};
inline constexpr QLatin1String QueueAgeS{"alerts.queue_age.threshold_s"};
inline constexpr QLatin1String QueueStalled{"alerts.queue_stalled"};
inline constexpr QLatin1String QueueStalledS{"alerts.queue_stalled.for_s"};
inline constexpr QLatin1String WorkerLost{"alerts.worker_lost"};

// Delivery
inline constexpr QLatin1String IntervalS{"alerts.interval_s"}; // how often rules are checked
inline constexpr QLatin1String GroupS{"alerts.group_s"}; // one message per window
inline constexpr QLatin1String QuietHours{"alerts.quiet_hours"}; // "22:00-07:00"; empty: none
inline constexpr QLatin1String QuietZone{"alerts.quiet_hours.zone"}; // IANA zone; default UTC
inline constexpr QLatin1String RetryBaseS{"alerts.retry_base_s"};
inline constexpr QLatin1String RetryCapS{"alerts.retry_cap_s"};
inline constexpr QLatin1String GiveUpS{"alerts.give_up_s"}; // a delivery failed for good after

// Channels
inline constexpr QLatin1String Telegram{"alerts.telegram"}; // on/off
inline constexpr QLatin1String TelegramToken{"alerts.telegram.token"}; // secret reference
inline constexpr QLatin1String TelegramChatId{"alerts.telegram.chat_id"};
inline constexpr QLatin1String TelegramApiUrl{
    "alerts.telegram.api_url"}; // https://api.telegram.org
inline constexpr QLatin1String Slack{"alerts.slack"};
inline constexpr QLatin1String SlackUrl{"alerts.slack.url"}; // secret reference
inline constexpr QLatin1String Webhook{"alerts.webhook"};
inline constexpr QLatin1String WebhookUrl{"alerts.webhook.url"}; // secret reference
inline constexpr QLatin1String WebhookHmacKey{
    "alerts.webhook.hmac_key"}; // secret reference; optional
inline constexpr QLatin1String Tray{"alerts.tray"}; // the desktop's tray, while it runs

} // namespace taskdesk::AlertSettingKey
