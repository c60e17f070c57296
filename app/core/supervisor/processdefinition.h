#pragma once

#include "core/error.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace taskdesk {

enum class ProcessRole { Worker, Scheduler, Other };
enum class RestartPolicy { Always, OnFailure, Never };
enum class DesiredState { Running, Stopped };

// The words stored in the database and accepted on the command line.
QString roleName(ProcessRole role); // "worker"
Result<ProcessRole> parseRole(const QString &text);
QString restartPolicyName(RestartPolicy policy); // "on-failure"
Result<RestartPolicy> parseRestartPolicy(const QString &text);
QString desiredStateName(DesiredState desired); // "running"
Result<DesiredState> parseDesiredState(const QString &text);

// A named program that a supervisor keeps in its desired state. Programs are
// absolute paths run without a shell; arguments and environment are stored as
// JSON. Times are milliseconds.
struct ProcessDefinition
{
    qint64 id = 0;
    QString name;
    // The host whose supervisor runs it. Empty: the first supervisor that sees
    // the definition claims it for its own host, and it stays there.
    QString host;
    QString program;
    QStringList args;
    QString workdir; // empty: the supervisor's working folder
    QMap<QString, QString> env; // added to the supervisor's environment
    ProcessRole role = ProcessRole::Other;
    bool autostart = false; // desired running whenever a supervisor takes over the host
    RestartPolicy restartPolicy = RestartPolicy::Always;
    int stopGraceMs = 10000; // SIGTERM to the group, SIGKILL after this
    int maxFailures = 5; // consecutive failed runs before FATAL
    int backoffBaseMs = 1000; // first restart delay, doubled per failure
    int backoffCapMs = 60000;
    int healthyAfterMs = 30000; // uptime that resets the failure count
    int startupMs = 1000; // STARTING until up this long; an exit before is a failed start

    // Every problem of the definition in one message, or no error.
    Error validate() const;
    static bool isValidName(const QString &name);
};

} // namespace taskdesk
