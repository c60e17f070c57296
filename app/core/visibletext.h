#pragma once

#include <QString>

namespace taskdesk {

// Text that tasks, programs, other databases or operators wrote, made safe to
// show to a person, in a terminal or in a window:
// - control characters a terminal would act on (C0 but tab and line feed,
//   DEL, C1) become text: ESC as \e, CR as \r, the others as \xHH ("\x07");
// - the characters that reorder what follows them on screen (the bidi
//   embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069) become
//   \uHHHH ("\u202e"), so that a name cannot show itself reversed, or as
//   another task's, in a confirmation, a table or a log line.
// Text without them comes back as it is (no copy).
enum class LineBreaks {
    Keep, // line feeds and tabs stay
    AsSpaces, // one line: line feeds, carriage returns and tabs become spaces
};
QString visibleText(const QString &text, LineBreaks breaks = LineBreaks::Keep);

} // namespace taskdesk
