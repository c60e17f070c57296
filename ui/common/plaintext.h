#pragma once

#include <QString>
#include <QVariant>

class QLabel;

namespace taskdesk::ui {

// Text the window did not write (a task's name, error and worker, another
// program's row, a log line) shown as the characters it is: never read as rich
// text (a QLabel and a tool tip take "<b>…" as markup by default), and with
// the characters that reorder text made visible (visibleText: "\u202e"), so
// that a name cannot restyle the window, hide itself, or pass for another
// task's in a table or a confirmation.
QString plainShown(const QString &text); // one line
QString plainToolTip(const QString &text); // rich text that shows `text` as it is
// A model's value for `role` as a view shows it: a DisplayRole string through
// plainShown(), a ToolTipRole string through plainToolTip(); the rest as it is.
QVariant plainRole(const QVariant &value, int role);
// The label shows `text` as plain text, on one line unless `multiLine`.
void setPlainText(QLabel *label, const QString &text, bool multiLine = false);

} // namespace taskdesk::ui
