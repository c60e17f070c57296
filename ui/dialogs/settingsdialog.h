#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace taskdesk::ui {

class AppContext;

// This desktop's preferences (database location, operator name, refresh
// interval, language, whether this app runs the sweeper and scheduler) and the sweeper's
// rules, which live in the database and apply to every host at once.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(AppContext &context, QWidget *parent = nullptr);

    // What was saved, for the message bar.
    QString resultMessage() const { return m_result; }
    QLineEdit *operatorField() const { return m_operator; }
    QLabel *databaseInUseLabel() const { return m_inUse; }
    QLineEdit *databaseField() const { return m_database; }
    QCheckBox *runSweeperField() const { return m_runSweeper; }
    QCheckBox *runSchedulerField() const { return m_runScheduler; }
    QSpinBox *refreshField() const { return m_refresh; }
    QComboBox *languageField() const { return m_language; }
    QSpinBox *heartbeatField() const { return m_heartbeat; }
    QSpinBox *retryBaseField() const { return m_retryBase; }
    QSpinBox *retryCapField() const { return m_retryCap; }

    void accept() override;

private:
    QGroupBox *buildLocalBox();
    QGroupBox *buildSharedBox();
    void loadSharedRules(QGroupBox &sharedBox);
    void browse();

    AppContext &m_context;
    QLabel *m_inUse;
    QLineEdit *m_database;
    QLineEdit *m_operator;
    QSpinBox *m_refresh;
    QComboBox *m_language;
    QCheckBox *m_runSweeper;
    QCheckBox *m_runScheduler;
    QSpinBox *m_sweepInterval;
    QSpinBox *m_heartbeat;
    QSpinBox *m_queueThreshold;
    QComboBox *m_queuePolicy;
    QSpinBox *m_poison;
    QSpinBox *m_retryBase;
    QSpinBox *m_retryCap;
    QLabel *m_sharedNote;
    QDialogButtonBox *m_buttons;
    bool m_sharedLoaded = false;
    QString m_result;
};

} // namespace taskdesk::ui
