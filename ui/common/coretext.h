#pragma once

#include <QString>

namespace taskdesk {
class Error;
}

namespace taskdesk::ui {

// An error's message in the operator's language: the core marks the messages
// that reach the window (QT_TRANSLATE_NOOP in the "taskdesk::Error" context)
// and keeps them English for taskdeskctl; the window translates them here.
// The parts of a composed message are worded each on its own. A message the
// core did not mark is worded when it is one of the core's known sentences
// (storedText: the database's errors), else it stays as it is (a database
// driver's text).
QString coreText(const Error &error);

} // namespace taskdesk::ui
