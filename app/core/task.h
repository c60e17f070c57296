#pragma once

#include "core/taskstatus.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace taskdesk {

// One row of `tasks`. Times are UTC milliseconds since 1970; 0 means "not set".
struct Task
{
    qint64 id = 0;
    QString name;
    QString kind;
    QString queue;
    int priority = 0;
    QString args; // JSON text
    TaskStatus status = TaskStatus::Pending;
    QString outcome;
    QString errorMessage;
    int attempt = 0;
    int maxAttempts = 0;
    qint64 runAfter = 0;
    int timeLimitS = 0;
    qint64 createdAt = 0;
    qint64 startedAt = 0;
    qint64 heartbeatAt = 0;
    qint64 completedAt = 0;
    qint64 updatedAt = 0;
    QString workerId;
    QString lease;
    int progressDone = 0;
    int progressTotal = 0;
    int rescues = 0;
    qint64 scheduleId = 0;
    qint64 dbNow = 0; // the database clock when the row was read, for ages
    int itemsTotal = 0;
    int itemsDone = 0; // COMPLETED: done well, as progressDone counts them
    int itemsFailed = 0;

    qint64 heartbeatAgeMs() const { return heartbeatAt > 0 ? dbNow - heartbeatAt : -1; }
};

struct TaskItem
{
    qint64 id = 0;
    qint64 taskId = 0;
    int position = 0;
    QString label;
    TaskStatus status = TaskStatus::Pending;
    qint64 startedAt = 0;
    qint64 completedAt = 0;
    QString errorMessage;
};

struct LogLine
{
    qint64 id = 0;
    qint64 taskId = 0;
    qint64 itemId = 0;
    qint64 at = 0;
    QString level; // info, warning, error, output, stderr
    QString message;
};

// What an enqueue asks for; everything but `kind` has a default.
struct NewTask
{
    QString kind;
    QString name;
    QString queue = QStringLiteral("default");
    int priority = 0;
    QString args = QStringLiteral("{}");
    QStringList items;
    int maxAttempts = 3;
    int timeLimitS = 0;
    qint64 delayMs = 0;
    qint64 scheduleId = 0;
};

// What a worker gets when it claims a task: the lease is its fencing token.
struct Claim
{
    qint64 taskId = 0;
    QString name;
    QString kind;
    QString queue;
    QString args;
    QString lease;
    int attempt = 0;
    int maxAttempts = 0;
    int timeLimitS = 0;
    QVector<TaskItem> items;
};

} // namespace taskdesk

// Plain values and implicitly shared Qt types only: a QVector of them grows by
// moving its bytes, not by copying each row (a sweep reads 10,000 at a time).
Q_DECLARE_TYPEINFO(taskdesk::Task, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(taskdesk::TaskItem, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(taskdesk::LogLine, Q_RELOCATABLE_TYPE);
