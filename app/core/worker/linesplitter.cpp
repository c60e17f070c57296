#include "linesplitter.h"

#include <algorithm>
#include <cstring>

namespace taskdesk {

LineSplitter::LineSplitter(int maxLineBytes)
    : m_max(std::max(16, maxLineBytes))
{ }

void LineSplitter::append(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    m_partial = true;
    const qsizetype room = m_max - m_carry.size();
    if (size > room) {
        m_truncated = true;
        size = std::max<qsizetype>(room, 0);
    }
    m_carry.append(data, size);
}

LineSplitter::Line LineSplitter::take()
{
    Line line{m_carry, m_truncated};
    if (line.bytes.endsWith('\r'))
        line.bytes.chop(1);
    m_carry.clear();
    m_truncated = false;
    m_partial = false;
    return line;
}

void LineSplitter::feed(const QByteArray &data, QVector<Line> &out)
{
    const char *begin = data.constData();
    const char *end = begin + data.size();
    const char *p = begin;
    while (p < end) {
        const auto *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!newline) {
            append(p, end - p);
            return;
        }
        append(p, newline - p);
        m_partial = true; // an empty line is a line too
        out.append(take());
        p = newline + 1;
    }
}

qint64 LineSplitter::skip(const QByteArray &data)
{
    const qint64 count = data.count('\n');
    if (count == 0) {
        if (!data.isEmpty())
            m_partial = true;
        return 0;
    }
    m_carry.clear();
    m_truncated = false;
    m_partial = !data.endsWith('\n');
    return count;
}

std::optional<LineSplitter::Line> LineSplitter::finish()
{
    if (!m_partial)
        return std::nullopt;
    return take();
}

} // namespace taskdesk
