#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace taskdesk {

// Follows a file that a child process appends to (its stdout or stderr
// redirected there), line by line with a carry-over for the partial last
// line. Bounded: it reads at most a slice per call, skips what a flood left
// behind, and empties the file when it grows large; the child opened it with
// O_APPEND, so its next write lands at the new end.
class OutputTail final
{
public:
    static constexpr qint64 kMaxReadBytes = 256 * 1024; // per call
    static constexpr int kMaxLineBytes = 4096; // longer lines are split
    static constexpr qint64 kRotateBytes = 1024 * 1024; // emptied once read up to here
    static constexpr qint64 kHardLimitBytes = 8 * 1024 * 1024; // emptied unread beyond this

    OutputTail() = default;
    explicit OutputTail(QString path);

    const QString &path() const { return m_path; }
    // Empties the file (creating it) before a new run; false if it cannot be written.
    bool reset();
    // Follows from the current end on (a process adopted while running).
    void skipToEnd();
    // The complete lines written since the last call. `final`: the process has
    // exited, so a last line without a newline is complete too.
    QStringList readLines(bool final = false);

private:
    void takeLines(QStringList &out, bool final);

    QString m_path;
    qint64 m_offset = 0;
    QByteArray m_carry;
};

} // namespace taskdesk
