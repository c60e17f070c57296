#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace taskdesk::ui {

// A coloured strip above the content that says what just happened or what is
// wrong (KMessageWidget's idea): action results, the read-only note, the
// "database unreachable" banner. Text only, selectable, never a modal dialog.
class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    enum class Type { Information, Positive, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const QString &text, Type type = Type::Information);
    void setClosable(bool closable);
    QString text() const;
    Type type() const { return m_type; }

Q_SIGNALS:
    void closed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    Type m_type = Type::Information;
};

} // namespace taskdesk::ui
