#pragma once

#include "core/sources/sourcedefinition.h"
#include "core/sources/sourcereader.h"
#include "ui/widgets/messagebar.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QVBoxLayout;

namespace taskdesk::ui {

class AppContext;

// The stuck rows of the attached sources, by each source's own rules: one
// compact section per source that has some (its name, its true counts, the
// oldest rows and a Clean Up behind one confirmation that names them), and one
// line for a source that cannot be read. Every read and change runs on the
// context's background runner, which opens the source there: the window stays
// live while another program's database answers or does not.
class SourceStuckPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceStuckPanel)

public:
    // The rows a section lists; its counts are whole.
    static constexpr int kShownRows = 50;
    // The rows a confirmation names, at most (a clean-up of more waits for the next).
    static constexpr int kCleanupLimit = 1000;

    explicit SourceStuckPanel(AppContext &context, QWidget *parent = nullptr);

    // The sources shown, in the order of their sections.
    QStringList sourceNames() const;
    QString countsText(const QString &name) const;
    QString errorText(const QString &name) const;
    QTableWidget *table(const QString &name) const;
    QComboBox *actionBox(const QString &name) const;
    QPushButton *cleanUpButton(const QString &name) const;
    bool isEmpty() const { return m_sections.isEmpty(); }
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    // Reads every source's stuck rows again.
    void refresh();
    void cleanUp(const QString &name);

Q_SIGNALS:
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);
    // After a read: whether any section is shown.
    void shown(bool any);

private:
    struct Read;
    struct Named;
    struct Done;
    struct Section
    {
        QWidget *box = nullptr;
        QLabel *counts = nullptr;
        QLabel *error = nullptr;
        QTableWidget *table = nullptr;
        QComboBox *action = nullptr;
        QPushButton *cleanUp = nullptr;
        SourceDefinition definition;
    };

    void apply(const QVector<Read> &reads);
    Section *makeSection(const QString &name);
    void fill(Section &section, const Read &read);
    void confirm(const QString &name, SourceStuckRules::Action action, const Named &named);
    void report(const QString &name, const Done &done);
    void updateButtons();

    AppContext &m_context;
    QVBoxLayout *m_layout;
    QMap<QString, Section> m_sections;
    QStringList m_order;
    bool m_reading = false;
    bool m_rereadWanted = false;
    bool m_busy = false;
};

} // namespace taskdesk::ui
