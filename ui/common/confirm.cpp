#include "confirm.h"

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

} // namespace

bool Confirm::ask(QWidget *parent, const Confirmation &confirmation)
{
    ConfirmState &s = state();
    s.last = confirmation;
    ++s.count;
    if (!s.answers.isEmpty())
        return s.answers.dequeue();
    if (s.hook)
        return s.hook(confirmation);

    QMessageBox box(parent);
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(confirmation.title);
    box.setText(confirmation.question);
    box.setInformativeText(confirmation.details);
    QPushButton *accept = box.addButton(confirmation.acceptLabel, QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    accept->setAutoDefault(false);
    box.exec();
    return box.clickedButton() == accept;
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
