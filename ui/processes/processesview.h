#pragma once

#include "core/supervisor/processstore.h"
#include "ui/widgets/messagebar.h"

#include <QHash>
#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QTableView;
class QToolBar;

namespace taskdesk::ui {

class AppContext;
class ProcessTableModel;

// The Processes page: every process definition with its state badge, pid,
// uptime, restarts, consecutive failures and last exit; Start, Stop and
// Restart for one and for all (stopping asks first: running tasks of a worker
// that stops are marked failed); add, edit and remove definitions; and the
// recent output of the selected process. Like every front end it only changes
// the desired state: the supervisor holding the host's lease does the rest.
class ProcessesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessesView)

public:
    explicit ProcessesView(AppContext &context, QWidget *parent = nullptr);

    ProcessTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    QAction *restartAction() const { return m_restart; }
    QAction *stopAllAction() const { return m_stopAll; }
    QAction *addAction() const { return m_add; }
    QAction *editAction() const { return m_edit; }
    QAction *removeAction() const { return m_remove; }
    QString outputText() const;
    // "Workers: all 2 running · Scheduler: FATAL" for the status bar.
    QString summary() const { return m_summary; }
    bool selectProcess(const QString &name);
    QString selectedName() const;
    // The scheduler of this app, which the status bar names instead of the
    // scheduler processes while it runs.
    enum class InAppScheduler { None, Active, Standby };
    void setInAppScheduler(InAppScheduler state);

public Q_SLOTS:
    void refresh();
    void startSelected();
    void stopSelected();
    void restartSelected();
    void startAll();
    void stopAll();
    void addProcess();
    void editSelected();
    void removeSelected();

Q_SIGNALS:
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);
    void summaryChanged(const QString &summary);
    void processWentFatal(const QString &name, const QString &message);

private:
    void updateActions();
    void showOutput();
    void report(const Result<DesiredChange> &change, const QString &done);
    QString describeRoles(const QVector<ProcessInfo> &processes) const;
    void updateSummary(const QVector<ProcessInfo> &processes);
    // "Starting X." is followed by what became of it, so that the message bar
    // never goes on saying "Starting" about a process that runs.
    void awaitOutcome(const QString &name, DesiredState wanted);
    void reportOutcomes(const QVector<ProcessInfo> &processes);

    AppContext &m_context;
    ProcessTableModel *m_model;
    QTableView *m_table;
    QPlainTextEdit *m_output;
    QLabel *m_outputTitle;
    QToolBar *m_toolBar;
    QAction *m_start;
    QAction *m_stop;
    QAction *m_restart;
    QAction *m_startAll;
    QAction *m_stopAll;
    QAction *m_add;
    QAction *m_edit;
    QAction *m_remove;
    QHash<QString, ProcessState> m_lastStates;
    QString m_outputFor;
    qint64 m_lastOutputId = 0;
    QString m_summary;
    QVector<ProcessInfo> m_lastList;
    InAppScheduler m_inAppScheduler = InAppScheduler::None;
    struct Awaited
    {
        DesiredState wanted;
        qint64 startedAtBefore;
    };
    QHash<QString, Awaited> m_awaited;
};

} // namespace taskdesk::ui
