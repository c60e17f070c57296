#pragma once

#include <QByteArray>
#include <QVector>

#include <optional>

namespace taskdesk {

// Cuts a byte stream into lines, carrying the partial last line over to the
// next chunk. A line longer than the maximum is cut there and the rest of it,
// up to its newline, is skipped, so memory stays bounded whatever a program
// prints.
class LineSplitter final
{
public:
    struct Line
    {
        QByteArray bytes; // without the newline (and without a trailing \r)
        bool truncated = false;
    };

    explicit LineSplitter(int maxLineBytes = 16384);

    // Appends the lines that `data` completes to `out`.
    void feed(const QByteArray &data, QVector<Line> &out);
    // Counts the lines that `data` completes without keeping them (once a log
    // cap is reached, only the count matters).
    qint64 skip(const QByteArray &data);
    // The unterminated last line at the end of the stream, if there is one.
    std::optional<Line> finish();

    int maxLineBytes() const { return m_max; }

private:
    void append(const char *data, qsizetype size);
    Line take();

    QByteArray m_carry;
    bool m_truncated = false;
    bool m_partial = false; // a line has started and not ended
    int m_max;
};

} // namespace taskdesk
