#pragma once

#include <QString>

namespace taskdesk::ui {

// A sentence the core stored as English text, in the operator's language: a
// task's log line ("Task created by alice"), a process's message ("exited (exit
// code 3); restarting in 1000 ms (failure 1 of 5)"), a database's error. The
// stored text stays English for taskdeskctl and for rows written before; the
// window words the sentences it knows at display, their parts too ("exit code
// 3" inside a process's message). A text it does not know stays as stored.
QString storedText(const QString &english);

// Another program's log column: the lines Taskdesk appended to it when an
// operator acted on the row ("[…] ⚠️ Task force stopped by alice") worded as
// above, the program's own lines left as it wrote them.
QString sourceLogText(const QString &text);

// The English patterns of the known sentences (%1… a part, %n a count), for a
// test that each has a translation.
QStringList storedTextPatterns();

} // namespace taskdesk::ui
