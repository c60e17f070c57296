#pragma once

#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QMessageBox;
class QWidget;

namespace taskdesk::ui {

// One question before a destructive action.
struct Confirmation
{
    QString title; // the window title: the action ("Force Stop")
    QString question; // "Force stop this task?"
    QString details; // what will happen
    QString acceptLabel; // the button that does it: "Force Stop", "Delete 3 tasks"
    // The button that declines, saying what it keeps ("Keep Task"); Cancel if empty.
    QString rejectLabel;
};

// Every destructive action asks through here: a question naming what will
// happen, a button naming the action, and Cancel as the default (Enter and
// Escape both decline). Tests answer the next question through a hook, so that
// they never block on a modal dialog.
class Confirm final
{
public:
    Confirm() = delete;

    // True if the operator chose the action. The texts are shown as plain text,
    // with the characters that reorder text made visible (plaintext.h).
    static bool ask(QWidget *parent, const Confirmation &confirmation);
    // The dialog that ask() shows (for screenshots): the action is its DestructiveRole button.
    static std::unique_ptr<QMessageBox> dialog(QWidget *parent, const Confirmation &confirmation);

    // Tests: the next question is answered with `accept` without a dialog.
    static void answerNext(bool accept);
    // Tests: every question without a queued answer goes to `hook` (no dialog).
    static void setHook(std::function<bool(const Confirmation &)> hook);
    // What was asked last, and how many questions so far.
    static std::optional<Confirmation> lastQuestion();
    static int questionCount();
    static void resetForTests();
};

} // namespace taskdesk::ui
