#include "outputtail.h"

#include <QFile>
#include <QFileInfo>

namespace taskdesk {

namespace {

QString decode(QByteArray bytes)
{
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    // PostgreSQL text cannot hold NUL; invalid UTF-8 becomes U+FFFD.
    bytes.replace('\0', "\\0");
    return QString::fromUtf8(bytes);
}

} // namespace

OutputTail::OutputTail(QString path)
    : m_path(std::move(path))
{ }

bool OutputTail::reset()
{
    m_offset = 0;
    m_carry.clear();
    QFile file(m_path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate);
}

void OutputTail::skipToEnd()
{
    m_carry.clear();
    m_offset = QFileInfo(m_path).size();
}

QStringList OutputTail::readLines(bool final)
{
    QStringList out;
    if (m_path.isEmpty())
        return out;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    qint64 size = file.size();
    if (size < m_offset) // emptied by someone else (another supervisor, an operator)
        m_offset = 0;
    if (size - m_offset > kMaxReadBytes) {
        // A flood: keep the newest slice, say how much was skipped.
        const qint64 skipped = size - kMaxReadBytes - m_offset;
        out << QStringLiteral("[… %1 bytes of output skipped …]").arg(skipped + m_carry.size());
        m_carry.clear();
        m_offset = size - kMaxReadBytes;
        file.seek(m_offset);
        const QByteArray head = file.read(kMaxLineBytes);
        const int newline = head.indexOf('\n');
        m_offset += newline >= 0 ? newline + 1 : 0; // start at a line boundary
    }
    if (file.seek(m_offset)) {
        const QByteArray chunk = file.read(size - m_offset);
        m_offset += chunk.size();
        m_carry += chunk;
    }
    takeLines(out, final);
    file.close();

    // Empties the file when it has grown: once read to the end normally, unread
    // beyond the hard limit (a flood outruns us). The child writes with
    // O_APPEND, so it goes on at offset 0; what it writes between our size check
    // and the truncation (microseconds) is lost, the price of a bounded file.
    if ((m_offset >= kRotateBytes && QFileInfo(m_path).size() == m_offset)
        || QFileInfo(m_path).size() > kHardLimitBytes) {
        if (QFile::resize(m_path, 0))
            m_offset = 0;
    }
    return out;
}

void OutputTail::takeLines(QStringList &out, bool final)
{
    qsizetype start = 0;
    while (true) {
        const qsizetype newline = m_carry.indexOf('\n', start);
        if (newline < 0)
            break;
        QByteArray line = m_carry.mid(start, newline - start);
        while (line.size() > kMaxLineBytes) {
            out << decode(line.left(kMaxLineBytes));
            line.remove(0, kMaxLineBytes);
        }
        out << decode(line);
        start = newline + 1;
    }
    m_carry.remove(0, start);
    while (m_carry.size() > kMaxLineBytes) {
        out << decode(m_carry.left(kMaxLineBytes));
        m_carry.remove(0, kMaxLineBytes);
    }
    if (final && !m_carry.isEmpty()) {
        out << decode(m_carry);
        m_carry.clear();
    }
}

} // namespace taskdesk
