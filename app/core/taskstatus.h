#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace taskdesk {

enum class TaskStatus { Pending, Running, Completed, Failed };

// Why a task ended, kept apart from its status.
namespace Outcome {
inline const QString Succeeded = QStringLiteral("succeeded");
inline const QString ErrorExit = QStringLiteral("error");
inline const QString TimedOut = QStringLiteral("timed_out");
inline const QString Cancelled = QStringLiteral("cancelled");
inline const QString ForceStopped = QStringLiteral("force_stopped");
inline const QString WorkerLost = QStringLiteral("worker_lost");
inline const QString WorkerStopped = QStringLiteral("worker_stopped");
inline const QString StuckSwept = QStringLiteral("stuck_swept");
QStringList all();
// As an SQL string literal ("'worker_lost'"), so that statements name an
// outcome through these constants too.
inline QString sql(const QString &outcome)
{
    return QLatin1Char('\'') + outcome + QLatin1Char('\'');
}
} // namespace Outcome

QString statusName(TaskStatus status); // "PENDING", the word stored in the database
std::optional<TaskStatus> parseStatus(const QString &text); // case-insensitive
QStringList allStatusNames();

} // namespace taskdesk
