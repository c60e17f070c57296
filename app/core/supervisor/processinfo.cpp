#include "processinfo.h"

#include <QJsonArray>

namespace taskdesk {

QString processStateName(ProcessState state)
{
    switch (state) {
    case ProcessState::Stopped:
        return QStringLiteral("STOPPED");
    case ProcessState::Starting:
        return QStringLiteral("STARTING");
    case ProcessState::Running:
        return QStringLiteral("RUNNING");
    case ProcessState::Backoff:
        return QStringLiteral("BACKOFF");
    case ProcessState::Stopping:
        return QStringLiteral("STOPPING");
    case ProcessState::Exited:
        return QStringLiteral("EXITED");
    case ProcessState::Fatal:
        return QStringLiteral("FATAL");
    }
    return {};
}

std::optional<ProcessState> parseProcessState(const QString &text)
{
    const QString upper = text.trimmed().toUpper();
    for (ProcessState s : {ProcessState::Stopped, ProcessState::Starting, ProcessState::Running,
             ProcessState::Backoff, ProcessState::Stopping, ProcessState::Exited,
             ProcessState::Fatal}) {
        if (processStateName(s) == upper)
            return s;
    }
    return std::nullopt;
}

bool isAlive(ProcessState state)
{
    return state == ProcessState::Starting || state == ProcessState::Running
        || state == ProcessState::Stopping;
}

QJsonObject ProcessInfo::toJson() const
{
    const ProcessDefinition &d = definition;
    QJsonObject env;
    for (auto it = d.env.cbegin(); it != d.env.cend(); ++it)
        env.insert(it.key(), it.value());
    const auto orNull = [](qint64 v) {
        return v > 0 ? QJsonValue(v) : QJsonValue();
    };
    return {
        {QStringLiteral("id"), d.id},
        {QStringLiteral("name"), d.name},
        {QStringLiteral("host"), d.host},
        {QStringLiteral("program"), d.program},
        {QStringLiteral("args"), QJsonArray::fromStringList(d.args)},
        {QStringLiteral("workdir"), d.workdir},
        {QStringLiteral("env"), env},
        {QStringLiteral("role"), roleName(d.role)},
        {QStringLiteral("autostart"), d.autostart},
        {QStringLiteral("restart_policy"), restartPolicyName(d.restartPolicy)},
        {QStringLiteral("stop_grace_ms"), d.stopGraceMs},
        {QStringLiteral("max_failures"), d.maxFailures},
        {QStringLiteral("backoff_base_ms"), d.backoffBaseMs},
        {QStringLiteral("backoff_cap_ms"), d.backoffCapMs},
        {QStringLiteral("healthy_after_ms"), d.healthyAfterMs},
        {QStringLiteral("startup_ms"), d.startupMs},
        {QStringLiteral("desired"), desiredStateName(desired)},
        {QStringLiteral("state"), processStateName(runtime.state)},
        {QStringLiteral("pid"), runtime.pid > 0 ? QJsonValue(runtime.pid) : QJsonValue()},
        {QStringLiteral("started_at"), orNull(runtime.startedAt)},
        {QStringLiteral("exited_at"), orNull(runtime.exitedAt)},
        {QStringLiteral("uptime_ms"), uptimeMs()},
        {QStringLiteral("last_exit"), runtime.lastExit},
        {QStringLiteral("starts"), runtime.starts},
        {QStringLiteral("restarts"), runtime.restarts},
        {QStringLiteral("consecutive_failures"), runtime.consecutiveFailures},
        {QStringLiteral("message"), runtime.message},
        {QStringLiteral("worker_id"), runtime.workerId},
        {QStringLiteral("supervised_by"), runtime.supervisedBy},
        {QStringLiteral("updated_at"), updatedAt},
    };
}

} // namespace taskdesk
