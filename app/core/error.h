#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <utility>
#include <vector>

namespace taskdesk {

// Why an operation did not happen. The kinds map one to one onto the exit codes
// of taskdeskctl, so that scripts can tell "refused" from "broken".
enum class ErrorKind {
    None,
    Refused, // the state machine said no: the task is not in a status that allows it
    NotFound,
    Invalid, // bad input: a value out of range, malformed JSON, an unknown name
    PermissionDenied, // a read-only role or a read-only front end
    Database, // the database could not be reached, is locked, corrupt or too new
};

class [[nodiscard]] Error
{
public:
    Error() = default;
    Error(ErrorKind kind, QString message)
        : m_kind(kind)
        , m_message(std::move(message))
    { }

    static Error refused(const QString &message) { return {ErrorKind::Refused, message}; }
    static Error notFound(const QString &message) { return {ErrorKind::NotFound, message}; }
    static Error invalid(const QString &message) { return {ErrorKind::Invalid, message}; }
    static Error database(const QString &message) { return {ErrorKind::Database, message}; }

    // A message that the desktop shows in the operator's language. `source`
    // is English, marked where it is written with
    // QT_TRANSLATE_NOOP("taskdesk::Error", "…"); `args` fill its %1, %2…
    // message() stays English: taskdeskctl, its --json and the logs read it.
    static Error translatable(ErrorKind kind, const char *source, QStringList args = {})
    {
        Error e(kind, fill(QString::fromUtf8(source), args));
        e.m_source = source;
        e.m_args = std::move(args);
        return e;
    }
    // A message made of messages: `source`'s %1, %2… are `parts`, each worded
    // in the window on its own ("%1 field: %2" holding "minute" and "'x' is
    // not a number"). message() is the English of the whole.
    static Error composed(ErrorKind kind, const char *source, std::vector<Error> parts)
    {
        QStringList args;
        for (const Error &part : parts)
            args << part.message();
        Error e = translatable(kind, source, std::move(args));
        e.m_parts = std::move(parts);
        return e;
    }
    // A part of a composed message: a marked text with its arguments, or a
    // plain one (a name, a value the operator typed) that stays as it is.
    static Error text(const char *source, QStringList args = {})
    {
        return translatable(ErrorKind::None, source, std::move(args));
    }
    static Error plain(const QString &text) { return {ErrorKind::None, text}; }
    // The same message as an error of `kind` (a part become the error itself).
    Error as(ErrorKind kind) const
    {
        Error e = *this;
        e.m_kind = kind;
        return e;
    }

    // %1, %2… of `text` replaced by `args` in one pass, so that an argument
    // that holds "%2" itself stays as it is.
    static QString fill(const QString &text, const QStringList &args)
    {
        QString out;
        out.reserve(text.size());
        for (qsizetype i = 0; i < text.size(); ++i) {
            const qsizetype n = i + 1 < text.size() ? text.at(i + 1).digitValue() : -1;
            if (text.at(i) == QLatin1Char('%') && n >= 1 && n <= args.size()) {
                out += args.at(n - 1);
                ++i;
            } else {
                out += text.at(i);
            }
        }
        return out;
    }

    ErrorKind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const char *source() const { return m_source; } // nullptr: not translatable
    const QStringList &args() const { return m_args; }
    const std::vector<Error> &parts() const { return m_parts; } // empty: args are plain
    bool isError() const { return m_kind != ErrorKind::None; }
    explicit operator bool() const { return isError(); }

private:
    ErrorKind m_kind = ErrorKind::None;
    QString m_message;
    const char *m_source = nullptr;
    QStringList m_args;
    std::vector<Error> m_parts;
};

// How many rows a caller may ask for at once: nothing when 1 <= limit <= max,
// else the one message every store gives.
inline Error checkLimit(qint64 limit, qint64 max = 100000)
{
    if (limit >= 1 && limit <= max)
        return {};
    return Error::invalid(QStringLiteral("limit must be between 1 and %1").arg(max));
}

// The longest search text (characters) a store takes. Longer is not something
// a person typed, and SQLite refuses LIKE patterns over 50,000 bytes with a
// database error: the caller gets this one message instead.
constexpr int kMaxSearchLength = 1000;
inline Error checkSearch(const QString &text)
{
    if (text.size() <= kMaxSearchLength)
        return {};
    return Error::translatable(ErrorKind::Invalid,
        QT_TRANSLATE_NOOP("taskdesk::Error", "the search text is longer than %1 characters (%2)"),
        {QString::number(kMaxSearchLength), QString::number(text.size())});
}

// A value or the error that prevented it.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(Error error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.isError(); }
    const Error &error() const { return m_error; }
    const T &value() const & { return m_value; }
    T &value() & { return m_value; }
    // On a temporary, the value is moved out: `for (x : *store.items(id))`
    // then iterates a value that lives as long as the loop, not a dangling one.
    T value() && { return std::move(m_value); }
    const T &operator*() const & { return m_value; }
    T operator*() && { return std::move(m_value); }
    const T *operator->() const { return &m_value; }
    T *operator->() { return &m_value; }

private:
    T m_value{};
    Error m_error;
};

} // namespace taskdesk
