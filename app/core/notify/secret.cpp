#include "secret.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace taskdesk {

Result<SecretSource> SecretSource::parse(const QString &reference)
{
    const QString text = reference.trimmed();
    if (text.startsWith(QLatin1String("env:"))) {
        const QString name = text.mid(4);
        static const QRegularExpression variable(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
        if (!variable.match(name).hasMatch())
            return Error::invalid(QStringLiteral(
                "env: needs the name of an environment variable (letters, digits and _)"));
        return SecretSource(Kind::Environment, name);
    }
    if (text.startsWith(QLatin1String("file:"))) {
        const QString path = text.mid(5);
        if (!path.startsWith(QLatin1Char('/')) || path.contains(QChar(0)) || path.size() > 4096)
            return Error::invalid(QStringLiteral("file: needs an absolute path"));
        return SecretSource(Kind::File, path);
    }
    // Not echoed: what was typed here may be the secret itself.
    return Error::invalid(QStringLiteral("a secret is named, never stored: write env:VARIABLE or "
                                         "file:/path/to/file (the value given was not shown)"));
}

QString SecretSource::reference() const
{
    return (m_kind == Kind::Environment ? QStringLiteral("env:") : QStringLiteral("file:"))
        + m_name;
}

Result<QByteArray> SecretSource::read() const
{
    QByteArray value;
    if (m_kind == Kind::Environment) {
        if (!qEnvironmentVariableIsSet(m_name.toLocal8Bit().constData()))
            return Error::invalid(
                QStringLiteral("the environment variable %1 is not set").arg(m_name));
        value = qgetenv(m_name.toLocal8Bit().constData());
    } else {
        const QFileInfo info(m_name);
        if (!info.exists())
            return Error::invalid(QStringLiteral("the secret file %1 does not exist").arg(m_name));
        if (!info.isFile())
            return Error::invalid(
                QStringLiteral("the secret file %1 is not a regular file").arg(m_name));
        if (info.size() > kMaxBytes)
            return Error::invalid(QStringLiteral("the secret file %1 is larger than %2 KiB")
                                      .arg(m_name)
                                      .arg(kMaxBytes / 1024));
        QFile file(m_name);
        if (!file.open(QIODevice::ReadOnly))
            return Error::invalid(QStringLiteral("the secret file %1 cannot be read: %2")
                                      .arg(m_name, file.errorString()));
        value = file.read(kMaxBytes + 1);
        if (value.size() > kMaxBytes)
            return Error::invalid(QStringLiteral("the secret file %1 is larger than %2 KiB")
                                      .arg(m_name)
                                      .arg(kMaxBytes / 1024));
    }
    while (value.endsWith('\n') || value.endsWith('\r'))
        value.chop(1);
    if (value.trimmed().isEmpty())
        return Error::invalid(m_kind == Kind::Environment
                ? QStringLiteral("the environment variable %1 is empty").arg(m_name)
                : QStringLiteral("the secret file %1 is empty").arg(m_name));
    return value;
}

} // namespace taskdesk
