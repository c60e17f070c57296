#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QString>

namespace taskdesk {

// Where a secret (a bot token, a webhook URL with its key, an HMAC key) is
// read from: "env:NAME" (an environment variable of the process that sends)
// or "file:/absolute/path" (a file of its own, read whole, a final line end
// dropped). The settings keep only this reference, never the secret, so the
// database, the audit log and every message stay free of it: an error names
// the variable or the file, never what they hold.
class SecretSource final
{
public:
    enum class Kind { Environment, File };

    SecretSource() = default; // an empty reference: read() fails

    // Refuses anything else with one message that says what is allowed; a
    // value that looks like a secret itself is refused without echoing it.
    static Result<SecretSource> parse(const QString &reference);

    Kind kind() const { return m_kind; }
    const QString &name() const { return m_name; } // the variable, or the file's path
    QString reference() const; // "env:NAME" or "file:/path", as stored

    // The secret now (a rotated file or a changed variable is read again at
    // each delivery). Empty, missing, unreadable, larger than 64 KiB or not a
    // regular file: an error naming where, not what.
    Result<QByteArray> read() const;

    static constexpr qint64 kMaxBytes = 64 * 1024;

private:
    SecretSource(Kind kind, QString name)
        : m_kind(kind)
        , m_name(std::move(name))
    { }

    Kind m_kind = Kind::Environment;
    QString m_name;
};

} // namespace taskdesk
