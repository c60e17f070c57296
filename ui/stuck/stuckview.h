#pragma once

#include "core/tasks/stucktasks.h"
#include "ui/widgets/messagebar.h"

#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableView;

namespace taskdesk::ui {

class AppContext;
class AuditTableModel;
class SourceStuckPanel;
class StuckTableModel;
class TaskActions;

// The stuck jobs: what the sweeper sees now with the chosen thresholds (the
// stuck report, which is also the dry-run preview of a clean-up, row by row),
// the sweeper's decision log, and "Clean up now" with the threshold and the
// action behind a confirmation. The clean-up (its named set, then the change)
// runs on the context's writer thread: the window stays live while it works.
// Below them, the attached sources' stuck rows by each source's own rules,
// each source with its own clean-up. A single stuck row takes the Tasks page's actions (Force Stop,
// Cancel, …), behind the same confirmations, on that task alone.
class StuckView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StuckView)

public:
    explicit StuckView(AppContext &context, QWidget *parent = nullptr);

    StuckTableModel *model() const { return m_model; }
    QSpinBox *queueThresholdMinutes() const { return m_queueMinutes; }
    QSpinBox *heartbeatTimeoutSeconds() const { return m_heartbeatSeconds; }
    QPushButton *cleanUpButton() const { return m_cleanUp; }
    QTableView *table() const { return m_table; }
    QTableView *decisionTable() const { return m_decisionView; }
    TaskActions *rowActions() const { return m_rowActions; }
    // The attached sources' stuck rows, by their own rules.
    SourceStuckPanel *sourcesPanel() const { return m_sources; }
    // Between the click on Clean Up and its answer.
    bool isCleaningUp() const { return m_busy; }
    QString busyText() const;
    QString summary() const;
    StuckThresholds thresholds() const;
    CleanupAction action() const;

public Q_SLOTS:
    // Reads the stuck report again (the preview) and the decision log.
    void refresh();
    void cleanUpNow();

Q_SIGNALS:
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);
    void tasksChanged();

private:
    // The constructor's parts, in the order it calls them.
    QHBoxLayout *buildRules();
    void buildSummary();
    void buildTables();
    QHBoxLayout *buildRowBar();
    void layOut(QHBoxLayout *rules, QHBoxLayout *rowBar);
    void connectSignals();

    void showReport(const StuckReport &report);
    void updateButton();
    void loadDecisions();
    void setBusy(const QString &text);
    void confirmCleanUp(const Result<StuckReport> &named, CleanupAction action);
    void showCleanUpResult(const Result<CleanupReport> &report);
    void followSelection();

    AppContext &m_context;
    StuckTableModel *m_model;
    AuditTableModel *m_decisions;
    QSpinBox *m_queueMinutes;
    QSpinBox *m_heartbeatSeconds;
    QComboBox *m_action;
    QPushButton *m_preview;
    QPushButton *m_cleanUp;
    QLabel *m_summary;
    QLabel *m_busyText;
    QProgressBar *m_busyBar;
    TaskActions *m_rowActions;
    SourceStuckPanel *m_sources;
    QWidget *m_sourcesPane = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table;
    QTableView *m_decisionView;
    bool m_busy = false;
};

} // namespace taskdesk::ui
