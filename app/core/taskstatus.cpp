#include "taskstatus.h"

namespace taskdesk {

QStringList Outcome::all()
{
    return {Succeeded, ErrorExit, TimedOut, Cancelled, ForceStopped, WorkerLost, WorkerStopped,
        StuckSwept};
}

QString statusName(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return QStringLiteral("PENDING");
    case TaskStatus::Running:
        return QStringLiteral("RUNNING");
    case TaskStatus::Completed:
        return QStringLiteral("COMPLETED");
    case TaskStatus::Failed:
        return QStringLiteral("FAILED");
    }
    return {};
}

std::optional<TaskStatus> parseStatus(const QString &text)
{
    const QString upper = text.trimmed().toUpper();
    for (TaskStatus s :
        {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed}) {
        if (statusName(s) == upper)
            return s;
    }
    return std::nullopt;
}

QStringList allStatusNames()
{
    return {QStringLiteral("PENDING"), QStringLiteral("RUNNING"), QStringLiteral("COMPLETED"),
        QStringLiteral("FAILED")};
}

} // namespace taskdesk
