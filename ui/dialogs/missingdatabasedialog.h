#pragma once

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;

namespace taskdesk::ui {

// Asked at the start when the SQLite file that --db, TASKDESK_DB or the
// settings name does not exist: create it there, choose another file, or
// quit. Nothing is created before the operator says so (a mistyped path must
// not turn into folders and an empty database), as taskdeskctl refuses a
// missing database too. Quit is the default button.
class MissingDatabaseDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MissingDatabaseDialog)

public:
    enum class Choice { Quit, Create, ChooseAnother };
    // Asks for an existing database file (default: a file dialog); empty: none chosen.
    using Chooser = std::function<QString(QWidget *parent, const QString &startFolder)>;

    explicit MissingDatabaseDialog(const QString &path, QWidget *parent = nullptr);

    void setChooser(Chooser chooser) { m_chooser = std::move(chooser); }
    Choice choice() const { return m_choice; }
    // With ChooseAnother: the file chosen.
    QString chosenPath() const { return m_chosen; }

    QPushButton *createButton() const { return m_create; }
    QPushButton *chooseButton() const { return m_choose; }
    QPushButton *quitButton() const { return m_quit; }
    QString text() const;

private:
    void chooseAnother();

    QString m_path;
    QLabel *m_text;
    QPushButton *m_create;
    QPushButton *m_choose;
    QPushButton *m_quit;
    Chooser m_chooser;
    Choice m_choice = Choice::Quit;
    QString m_chosen;
};

} // namespace taskdesk::ui
