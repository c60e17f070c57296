#pragma once

#include "core/supervisor/processdefinition.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace taskdesk {

// The states of a supervised process, as supervisord names them:
// STOPPED → STARTING → RUNNING; an exit before it was healthy → BACKOFF →
// STARTING …; too many failures → FATAL; an exit that is not restarted →
// EXITED; an operator's stop → STOPPING → STOPPED.
enum class ProcessState { Stopped, Starting, Running, Backoff, Stopping, Exited, Fatal };

QString processStateName(ProcessState state); // "RUNNING", the word stored in the database
std::optional<ProcessState> parseProcessState(const QString &text);
// STARTING, RUNNING, STOPPING: a process exists.
bool isAlive(ProcessState state);

// What the supervisor wrote back about a process: its actual state.
struct ProcessRuntime
{
    ProcessState state = ProcessState::Stopped;
    qint64 pid = 0; // 0 while no process exists
    qint64 startedAt = 0; // database clock, ms; 0 if never
    qint64 exitedAt = 0;
    QString lastExit; // "exit code 3", "killed by signal 9 (SIGKILL)"
    int starts = 0; // every start ever (it numbers the worker ids)
    int restarts = 0; // automatic restarts after an exit
    int consecutiveFailures = 0;
    QString message; // why it is in this state, for the operator
    QString workerId; // TASKDESK_WORKER_ID of the current or last run (role worker)
    QString supervisedBy; // the supervisor holding the host's lease; empty: none
};

// A process definition, its desired state and its actual state, as stored.
struct ProcessInfo
{
    ProcessDefinition definition;
    DesiredState desired = DesiredState::Stopped;
    qint64 startGeneration = 0; // bumped by every start request of an operator
    qint64 restartGeneration = 0; // bumped by every restart request
    ProcessRuntime runtime;
    qint64 updatedAt = 0;
    qint64 dbNow = 0; // the database clock when the row was read, for uptimes

    qint64 uptimeMs() const
    {
        return isAlive(runtime.state) && runtime.startedAt > 0 ? dbNow - runtime.startedAt : 0;
    }
    QJsonObject toJson() const;
};

// One line of a process's output (stream "stdout", "stderr", or "event" for
// the supervisor's own notes: started, exited, dropped lines).
struct ProcessOutputLine
{
    qint64 id = 0;
    qint64 processId = 0;
    qint64 at = 0;
    QString stream;
    QString line;
};

} // namespace taskdesk
