#pragma once

#include <QLocale>

class QCoreApplication;

namespace taskdesk::ui {

// Puts the texts for people in the user's language on the application.
// English comes first, always: its file holds only plural forms, so that
// "%n task(s)" reads "1 task" and "2 tasks". Then the first language of the
// locale that Taskdesk is translated into, if any, is consulted before it.
void installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace taskdesk::ui
