#include "processdefinition.h"

#include <QDir>
#include <QRegularExpression>

namespace taskdesk {

namespace {

template<typename Enum> struct Word
{
    Enum value;
    const char *word;
};

const Word<ProcessRole> kRoles[] = {
    {ProcessRole::Worker, "worker"},
    {ProcessRole::Scheduler, "scheduler"},
    {ProcessRole::Other, "other"},
};
const Word<RestartPolicy> kPolicies[] = {
    {RestartPolicy::Always, "always"},
    {RestartPolicy::OnFailure, "on-failure"},
    {RestartPolicy::Never, "never"},
};
const Word<DesiredState> kDesired[] = {
    {DesiredState::Running, "running"},
    {DesiredState::Stopped, "stopped"},
};

template<typename Enum, size_t N> QString nameOf(const Word<Enum> (&words)[N], Enum value)
{
    for (const auto &w : words) {
        if (w.value == value)
            return QString::fromLatin1(w.word);
    }
    return {};
}

template<typename Enum, size_t N>
Result<Enum> parseWord(const Word<Enum> (&words)[N], const QString &text, const char *what)
{
    const QString lower = text.trimmed().toLower();
    QStringList known;
    for (const auto &w : words) {
        if (lower == QLatin1String(w.word))
            return w.value;
        known << QString::fromLatin1(w.word);
    }
    return Error::invalid(
        QStringLiteral("unknown %1 '%2' (expected %3)")
            .arg(QString::fromLatin1(what), text, known.join(QStringLiteral(", "))));
}

QString rangeError(const char *what, qint64 value, qint64 min, qint64 max)
{
    if (value >= min && value <= max)
        return {};
    return QStringLiteral("%1 must be between %2 and %3 ms (got %4)")
        .arg(QString::fromLatin1(what))
        .arg(min)
        .arg(max)
        .arg(value);
}

} // namespace

QString roleName(ProcessRole role)
{
    return nameOf(kRoles, role);
}

Result<ProcessRole> parseRole(const QString &text)
{
    return parseWord(kRoles, text, "role");
}

QString restartPolicyName(RestartPolicy policy)
{
    return nameOf(kPolicies, policy);
}

Result<RestartPolicy> parseRestartPolicy(const QString &text)
{
    return parseWord(kPolicies, text, "restart policy");
}

QString desiredStateName(DesiredState desired)
{
    return nameOf(kDesired, desired);
}

Result<DesiredState> parseDesiredState(const QString &text)
{
    return parseWord(kDesired, text, "desired state");
}

bool ProcessDefinition::isValidName(const QString &name)
{
    // The name appears in worker ids ("NAME@HOST#N") and on command lines.
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

Error ProcessDefinition::validate() const
{
    QStringList problems;
    if (name.trimmed().isEmpty())
        problems << QStringLiteral("the process name is empty");
    else if (!isValidName(name))
        problems << QStringLiteral("the process name '%1' may hold only letters, digits, '.', '_' "
                                   "and '-' (at most 64, starting with a letter or digit)")
                        .arg(name);
    if (host != host.trimmed() || host.contains(QLatin1Char(' ')))
        problems << QStringLiteral("the host '%1' contains spaces").arg(host);
    if (program.isEmpty())
        problems << QStringLiteral("the program is empty");
    else if (!QDir::isAbsolutePath(program))
        problems << QStringLiteral("the program '%1' is not an absolute path (for example "
                                   "/usr/bin/%1); it is run without a shell")
                        .arg(program);
    if (!workdir.isEmpty() && !QDir::isAbsolutePath(workdir))
        problems << QStringLiteral("the working folder '%1' is not an absolute path").arg(workdir);
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (auto it = env.cbegin(); it != env.cend(); ++it) {
        if (!envName.match(it.key()).hasMatch())
            problems
                << QStringLiteral("'%1' is not a valid environment variable name").arg(it.key());
    }
    for (const QString &problem : {
             rangeError("the stop grace time", stopGraceMs, 0, 3600 * 1000),
             rangeError("the base backoff", backoffBaseMs, 1, 3600 * 1000),
             rangeError("the backoff cap", backoffCapMs, backoffBaseMs, 24 * 3600 * 1000),
             rangeError("the healthy uptime", healthyAfterMs, 0, 24 * 3600 * 1000),
             rangeError("the startup time", startupMs, 0, 3600 * 1000),
         }) {
        if (!problem.isEmpty())
            problems << problem;
    }
    if (maxFailures < 1 || maxFailures > 1000)
        problems << QStringLiteral("the maximum of consecutive failures must be between 1 and 1000 "
                                   "(got %1)")
                        .arg(maxFailures);
    if (problems.isEmpty())
        return {};
    return Error::invalid(problems.join(QStringLiteral("; ")));
}

} // namespace taskdesk
