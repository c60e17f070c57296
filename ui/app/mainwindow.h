#pragma once

#include "core/tasks/taskreader.h"
#include "ui/widgets/messagebar.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;
class QTimer;

namespace taskdesk::ui {

class AppContext;
class AlertsView;
class AuditView;
class ElidedLabel;
class ProcessesView;
class RuntimeHost;
class SchedulesView;
class SettingsDialog;
class SourceView;
class SourceWizard;
class StatsView;
class StuckView;
class TasksView;
class TrayNotifier;

// The main window: a sidebar of pages (Tasks, Processes, Stuck, Schedules,
// Stats, Alerts, Audit, then one per attached source), a banner when the database does not answer
// or the app is read-only, a message bar that says what the last action did, and a status bar with
// the overall state.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { Tasks, Processes, Stuck, Schedules, Stats, Alerts, Audit, PageCount };

    // `runtime`: this app's supervisor, sweeper and scheduler, if it runs them.
    explicit MainWindow(
        AppContext &context, RuntimeHost *runtime = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The size of a first start, in font units of `window`.
    static QSize defaultSize(const QWidget &window);

    TasksView *tasksView() const { return m_tasks; }
    StuckView *stuckView() const { return m_stuck; }
    StatsView *statsView() const { return m_stats; }
    AlertsView *alertsView() const { return m_alerts; }
    AuditView *auditView() const { return m_audit; }
    ProcessesView *processesView() const { return m_processes; }
    SchedulesView *schedulesView() const { return m_schedules; }
    TrayNotifier *tray() const { return m_tray; }
    QWidget *page(Page page) const;
    // The pages of the attached sources, after the fixed pages, by name.
    SourceView *sourceView(const QString &name) const;
    QStringList sourceNames() const;
    void showSource(const QString &name);
    void showPage(Page page);
    Page currentPage() const;

    MessageBar *messageBar() const { return m_messages; }
    MessageBar *banner() const { return m_banner; }
    // What the message bar says now (empty when it is closed).
    QString lastMessage() const;

public Q_SLOTS:
    void showMessage(const QString &text, taskdesk::ui::MessageBar::Type type);
    // Opens the settings dialog (window-modal); what it saves applies at once.
    void showSettings();
    void showAbout();
    // Offers the demo on an empty database (once), or loads it when asked to.
    void offerDemo();
    void loadDemo();
    // Lists the sources (on the background thread) and adds a page for each new one.
    void loadSources();
    // "Attach a Table…": the wizard (window-modal, not a nested loop); a source
    // it adds gets its page and is shown.
    SourceWizard *showAttachWizard();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildPages();
    void buildCentralWidget();
    void buildStatusBar();
    void buildMenus();
    void connectPages();
    void connectRefreshes();
    void connectRuntime();
    void updateBanner();
    void updateRoles();
    void applySettings(const SettingsDialog &dialog);
    void tick();
    void onCountsChanged(const StatusCounts &counts);
    void addSourcePage(const QString &name);

    AppContext &m_context;
    RuntimeHost *m_runtime;
    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    MessageBar *m_banner;
    MessageBar *m_messages;
    TasksView *m_tasks;
    StuckView *m_stuck;
    StatsView *m_stats;
    AlertsView *m_alerts;
    AuditView *m_audit;
    ProcessesView *m_processes;
    SchedulesView *m_schedules;
    QVector<SourceView *> m_sourceViews;
    ElidedLabel *m_databaseLabel;
    QLabel *m_rolesLabel;
    QLabel *m_stateLabel;
    QLabel *m_operatorLabel;
    QTimer *m_pageTimer;
    TrayNotifier *m_tray;
    bool m_closing = false; // processes were asked to stop; close when they have
};

} // namespace taskdesk::ui
