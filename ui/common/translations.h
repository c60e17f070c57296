#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace taskdesk::ui {

// The languages Taskdesk speaks, as the Settings dialog offers them and the
// desktop's preferences keep them: "en", "ru", "uk". An empty one follows the
// system's locale.
QStringList availableLanguages();

// The locale a language preference stands for: the system's for an empty one
// (or one Taskdesk does not know), else that language's.
QLocale localeForLanguage(const QString &language);

// Puts the texts for people in the locale's language on the application and
// makes that locale the default one, so that numbers, dates and times read
// the same way as the words. A second call replaces what the first installed.
//
// English comes first, always: its file holds only plural forms, so that
// "%n task(s)" reads "1 task" and "2 tasks". Then Qt's own texts (the buttons
// of its dialogs) and Taskdesk's, in the first language of the locale that
// Taskdesk is translated into, if any, are consulted before it.
void installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

// The language whose texts installTranslations put on, "en" when none.
QString installedLanguage();

} // namespace taskdesk::ui
