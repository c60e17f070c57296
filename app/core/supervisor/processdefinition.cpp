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

// `sentence` says which value, its bounds and the value given: %1, %2, %3.
Error rangeError(const char *sentence, qint64 value, qint64 min, qint64 max)
{
    if (value >= min && value <= max)
        return {};
    return Error::text(
        sentence, {QString::number(min), QString::number(max), QString::number(value)});
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
    // Each problem a sentence of its own, so that the window words each one.
    std::vector<Error> problems;
    if (name.trimmed().isEmpty())
        problems.push_back(
            Error::text(QT_TRANSLATE_NOOP("taskdesk::Error", "the process name is empty")));
    else if (!isValidName(name))
        problems.push_back(Error::text(QT_TRANSLATE_NOOP("taskdesk::Error",
                                           "the process name '%1' may hold only letters, digits, "
                                           "'.', '_' and '-' (at most 64, starting with a letter "
                                           "or digit)"),
            {name}));
    if (host != host.trimmed() || host.contains(QLatin1Char(' ')))
        problems.push_back(Error::text(
            QT_TRANSLATE_NOOP("taskdesk::Error", "the host '%1' contains spaces"), {host}));
    if (program.isEmpty())
        problems.push_back(
            Error::text(QT_TRANSLATE_NOOP("taskdesk::Error", "the program is empty")));
    else if (!QDir::isAbsolutePath(program))
        problems.push_back(Error::text(QT_TRANSLATE_NOOP("taskdesk::Error",
                                           "the program '%1' is not an absolute path (for "
                                           "example /usr/bin/%1); it is run without a shell"),
            {program}));
    if (!workdir.isEmpty() && !QDir::isAbsolutePath(workdir))
        problems.push_back(Error::text(
            QT_TRANSLATE_NOOP("taskdesk::Error", "the working folder '%1' is not an absolute path"),
            {workdir}));
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (auto it = env.cbegin(); it != env.cend(); ++it) {
        if (!envName.match(it.key()).hasMatch())
            problems.push_back(Error::text(QT_TRANSLATE_NOOP("taskdesk::Error",
                                               "'%1' is not a valid environment variable name"),
                {it.key()}));
    }
    for (Error &problem : std::vector<Error>{
             rangeError(QT_TRANSLATE_NOOP("taskdesk::Error",
                            "the stop grace time must be between %1 and %2 ms (got %3)"),
                 stopGraceMs, 0, 3600 * 1000),
             rangeError(QT_TRANSLATE_NOOP("taskdesk::Error",
                            "the base backoff must be between %1 and %2 ms (got %3)"),
                 backoffBaseMs, 1, 3600 * 1000),
             rangeError(QT_TRANSLATE_NOOP("taskdesk::Error",
                            "the backoff cap must be between %1 and %2 ms (got %3)"),
                 backoffCapMs, backoffBaseMs, 24 * 3600 * 1000),
             rangeError(QT_TRANSLATE_NOOP("taskdesk::Error",
                            "the healthy uptime must be between %1 and %2 ms (got %3)"),
                 healthyAfterMs, 0, 24 * 3600 * 1000),
             rangeError(QT_TRANSLATE_NOOP("taskdesk::Error",
                            "the startup time must be between %1 and %2 ms (got %3)"),
                 startupMs, 0, 3600 * 1000),
         }) {
        if (problem.source())
            problems.push_back(std::move(problem));
    }
    if (maxFailures < 1 || maxFailures > 1000)
        problems.push_back(Error::text(QT_TRANSLATE_NOOP("taskdesk::Error",
                                           "the maximum of consecutive failures must be between "
                                           "1 and 1000 (got %1)"),
            {QString::number(maxFailures)}));
    if (problems.empty())
        return {};
    // "a; b; c", joined two at a time: each problem stays a part of its own.
    Error joined = std::move(problems.front());
    for (size_t i = 1; i < problems.size(); ++i)
        joined = Error::composed(ErrorKind::None, QT_TRANSLATE_NOOP("taskdesk::Error", "%1; %2"),
            {std::move(joined), std::move(problems[i])});
    return joined.as(ErrorKind::Invalid);
}

} // namespace taskdesk
