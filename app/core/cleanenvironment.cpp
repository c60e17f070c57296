#include "cleanenvironment.h"

#include <QRegularExpression>

namespace taskdesk {

QProcessEnvironment cleanEnvironment(const QProcessEnvironment &from)
{
    static const QStringList base{QStringLiteral("PATH"), QStringLiteral("HOME"),
        QStringLiteral("USER"), QStringLiteral("LOGNAME"), QStringLiteral("SHELL"),
        QStringLiteral("LANG"), QStringLiteral("LANGUAGE"), QStringLiteral("TZ"),
        QStringLiteral("TMPDIR")};
    QProcessEnvironment env;
    passEnvironment(env, base, from);
    const QStringList keys = from.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("LC_")))
            env.insert(key, from.value(key));
    }
    if (!env.contains(QStringLiteral("PATH")))
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
    return env;
}

void passEnvironment(
    QProcessEnvironment &to, const QStringList &names, const QProcessEnvironment &from)
{
    for (const QString &name : names) {
        if (from.contains(name))
            to.insert(name, from.value(name));
    }
}

bool isValidEnvironmentName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
    return re.match(name).hasMatch();
}

} // namespace taskdesk
