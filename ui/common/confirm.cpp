#include "confirm.h"

#include "core/visibletext.h"
#include "ui/common/plaintext.h"

#include <QLabel>

#include <QMessageBox>
#include <QPushButton>
#include <QQueue>

namespace taskdesk::ui {

namespace {

struct ConfirmState
{
    QQueue<bool> answers;
    std::function<bool(const Confirmation &)> hook;
    std::optional<Confirmation> last;
    int count = 0;
};

ConfirmState &state()
{
    static ConfirmState s;
    return s;
}

// What the question shows: the names in it (tasks', rows', programs') as the
// characters they are (plaintext.h), so that it names what the action changes.
Confirmation shown(const Confirmation &c)
{
    return {plainShown(c.title), visibleText(c.question), visibleText(c.details),
        plainShown(c.acceptLabel), plainShown(c.rejectLabel)};
}

} // namespace

bool Confirm::ask(QWidget *parent, const Confirmation &asked)
{
    const Confirmation confirmation = shown(asked);
    ConfirmState &s = state();
    s.last = confirmation;
    ++s.count;
    if (!s.answers.isEmpty())
        return s.answers.dequeue();
    if (s.hook)
        return s.hook(confirmation);

    std::unique_ptr<QMessageBox> box = dialog(parent, confirmation);
    const QAbstractButton *accept = nullptr;
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            accept = button;
    }
    box->exec();
    return accept && box->clickedButton() == accept;
}

std::unique_ptr<QMessageBox> Confirm::dialog(QWidget *parent, const Confirmation &asked)
{
    const Confirmation confirmation = shown(asked);
    auto box = std::make_unique<QMessageBox>(parent);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(confirmation.title);
    box->setTextFormat(Qt::PlainText);
    box->setText(confirmation.question);
    box->setInformativeText(confirmation.details);
    // Its own label, which QMessageBox would read as rich text when it looks like it.
    for (QLabel *label : box->findChildren<QLabel *>()) {
        if (label->objectName() == QLatin1String("qt_msgbox_informativelabel"))
            label->setTextFormat(Qt::PlainText);
    }
    QPushButton *accept = box->addButton(confirmation.acceptLabel, QMessageBox::DestructiveRole);
    QPushButton *cancel = confirmation.rejectLabel.isEmpty()
        ? box->addButton(QMessageBox::Cancel)
        : box->addButton(confirmation.rejectLabel, QMessageBox::RejectRole);
    // Enter and Escape both decline: the action takes a deliberate click.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    accept->setAutoDefault(false);
    return box;
}

void Confirm::answerNext(bool accept)
{
    state().answers.enqueue(accept);
}

void Confirm::setHook(std::function<bool(const Confirmation &)> hook)
{
    state().hook = std::move(hook);
}

std::optional<Confirmation> Confirm::lastQuestion()
{
    return state().last;
}

int Confirm::questionCount()
{
    return state().count;
}

void Confirm::resetForTests()
{
    state() = ConfirmState{};
}

} // namespace taskdesk::ui
