#include "visibletext.h"

#include <algorithm>

namespace taskdesk {

namespace {

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

bool isReordering(char16_t c)
{
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

bool isLineBreak(char16_t c)
{
    return c == u'\n' || c == u'\t';
}

bool needsChange(char16_t c, LineBreaks breaks)
{
    if (isLineBreak(c))
        return breaks == LineBreaks::AsSpaces;
    return isControl(c) || isReordering(c);
}

QString hex(char16_t c, int digits)
{
    return QString::number(c, 16).rightJustified(digits, QLatin1Char('0'));
}

} // namespace

QString visibleText(const QString &text, LineBreaks breaks)
{
    const auto first = std::find_if(
        text.cbegin(), text.cend(), [breaks](QChar c) { return needsChange(c.unicode(), breaks); });
    if (first == text.cend())
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!needsChange(u, breaks))
            out += c;
        else if (breaks == LineBreaks::AsSpaces && (isLineBreak(u) || u == u'\r'))
            out += QLatin1Char(' ');
        else if (u == 0x1b)
            out += QStringLiteral("\\e");
        else if (u == u'\r')
            out += QStringLiteral("\\r");
        else if (isReordering(u))
            out += QStringLiteral("\\u") + hex(u, 4);
        else
            out += QStringLiteral("\\x") + hex(u, 2);
    }
    return out;
}

} // namespace taskdesk
