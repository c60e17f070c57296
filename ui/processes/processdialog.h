#pragma once

#include "core/supervisor/processdefinition.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace taskdesk::ui {

// Adds or edits a process definition: program and arguments (split like a
// shell would, but never run through one), folder, environment, role,
// autostart, restart policy and stop grace. OK is refused with the
// definition's own message while something is wrong.
class ProcessDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessDialog)

public:
    explicit ProcessDialog(
        const ProcessDefinition &definition, bool editing, QWidget *parent = nullptr);

    ProcessDefinition definition() const;
    // The definition, or the first problem with what was entered.
    Result<ProcessDefinition> read() const;
    void accept() override;

private:
    void browse();

    ProcessDefinition m_original;
    QLineEdit *m_name;
    QComboBox *m_role;
    QLineEdit *m_program;
    QLineEdit *m_arguments;
    QLineEdit *m_workdir;
    QPlainTextEdit *m_environment;
    QLineEdit *m_host;
    QCheckBox *m_autostart;
    QComboBox *m_policy;
    QSpinBox *m_grace;
    QSpinBox *m_maxFailures;
    ProcessDefinition m_result;
};

} // namespace taskdesk::ui
