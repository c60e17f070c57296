#pragma once

#include <QString>

namespace taskdesk {
class Error;
}

namespace taskdesk::ui {

// An error's message in the operator's language: the core marks the messages
// that reach the window (QT_TRANSLATE_NOOP in the "taskdesk::Error" context)
// and keeps them English for taskdeskctl; the window translates them here.
// A message the core did not mark (a database driver's text) stays as it is.
QString coreText(const Error &error);

} // namespace taskdesk::ui
