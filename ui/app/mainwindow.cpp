#include "mainwindow.h"

#include "core/database.h"
#include "core/sources/sourceregistry.h"
#include "ui/alerts/alertsview.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/demosetup.h"
#include "ui/app/runtimehost.h"
#include "ui/app/traynotifier.h"
#include "ui/audit/auditview.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/coretext.h"
#include "ui/dialogs/settingsdialog.h"
#include "ui/processes/processesview.h"
#include "ui/processes/processtablemodel.h"
#include "ui/schedules/schedulesview.h"
#include "ui/sources/sourceview.h"
#include "ui/sources/sourcewizard.h"
#include "ui/stats/statsview.h"
#include "ui/stuck/stuckview.h"
#include "ui/tasks/taskactions.h"
#include "ui/tasks/tasksview.h"
#include "ui/widgets/elidedlabel.h"
#include "ui/widgets/overlaystack.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace taskdesk::ui {

MainWindow::MainWindow(AppContext &context, RuntimeHost *runtime, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_runtime(runtime)
    , m_sidebar(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_banner(new MessageBar(this))
    , m_messages(new MessageBar(this))
    , m_tasks(new TasksView(context, this))
    , m_stuck(new StuckView(context, this))
    , m_stats(new StatsView(context, this))
    , m_alerts(new AlertsView(context, this))
    , m_audit(new AuditView(context, this))
    , m_processes(new ProcessesView(context, this))
    , m_schedules(new SchedulesView(context, this))
    , m_databaseLabel(new ElidedLabel(this))
    , m_rolesLabel(new QLabel(this))
    , m_stateLabel(new QLabel(this))
    , m_operatorLabel(new QLabel(this))
    , m_pageTimer(new QTimer(this))
    , m_tray(new TrayNotifier(this, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Taskdesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/taskdesk.svg")));

    buildPages();
    buildCentralWidget();
    buildStatusBar();
    buildMenus();
    connectPages();
    connectRefreshes();

    m_sidebar->setCurrentRow(Tasks);
    loadSources();
    updateBanner();
    const QByteArray geometry = context.settings().windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(defaultSize(*this));
}

// The sidebar lists the pages; each page scrolls in the stack.
void MainWindow::buildPages()
{
    const int em = fontMetrics().averageCharWidth();
    const int line = fontMetrics().height();
    struct Entry
    {
        Page page;
        QString icon;
        QString title;
        QWidget *widget;
    };
    const QList<Entry> entries{
        {Tasks, QStringLiteral("tasks"), tr("Tasks"), m_tasks},
        {Processes, QStringLiteral("processes"), tr("Processes"), m_processes},
        {Stuck, QStringLiteral("stuck"), tr("Stuck"), m_stuck},
        {Schedules, QStringLiteral("schedules"), tr("Schedules"), m_schedules},
        {Stats, QStringLiteral("stats"), tr("Stats"), m_stats},
        {Alerts, QStringLiteral("alerts"), tr("Alerts"), m_alerts},
        {Audit, QStringLiteral("audit"), tr("Audit Log"), m_audit},
    };
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setIconSize(QSize(line * 3 / 2, line * 3 / 2));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    // As wide as the longest page name in the language shown ("Журнал аудита").
    int itemWidth = em * 18;
    for (const Entry &e : entries)
        itemWidth = std::max(itemWidth,
            fontMetrics().horizontalAdvance(e.title) + m_sidebar->iconSize().width() + line);
    m_sidebar->setFixedWidth(itemWidth + em * 2);
    m_sidebar->setSpacing(2);
    m_sidebar->setFocusPolicy(Qt::TabFocus);
    for (const Entry &e : entries) {
        auto *item = new QListWidgetItem(
            QIcon(QStringLiteral(":/icons/%1.svg").arg(e.icon)), e.title, m_sidebar);
        item->setSizeHint(QSize(itemWidth, line * 2 + line / 2));
        // A page that needs more room than an 800×500 window has scrolls,
        // instead of making the whole window wider.
        auto *scroll = new QScrollArea(m_pages);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidgetResizable(true);
        scroll->setWidget(e.widget);
        m_pages->addWidget(scroll);
    }
    m_sidebar->setStyleSheet(QStringLiteral(
        "QListWidget { background: palette(window); } QListWidget::item { padding-left: 6px; "
        "border-radius: 4px; } QListWidget::item:selected { background: palette(highlight); "
        "color: palette(highlighted-text); }"));
}

// The sidebar beside the pages, and the messages over their bottom.
void MainWindow::buildCentralWidget()
{
    m_banner->setObjectName(QStringLiteral("databaseBanner"));
    m_banner->setClosable(false);
    m_messages->setObjectName(QStringLiteral("actionMessages"));

    auto *central = new QWidget(this);
    auto *right = new QVBoxLayout;
    right->setContentsMargins(0, 0, 0, 0);
    right->setSpacing(0);
    right->addWidget(m_pages, 1);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addLayout(right, 1);
    setCentralWidget(central);
    // Over the bottom of the page, not above it: a message appearing or going
    // must not move the rows under the operator's mouse (a misclick was measured).
    auto *notices = new OverlayStack(m_pages, central);
    notices->setObjectName(QStringLiteral("notices"));
    notices->addWidget(m_banner);
    notices->addWidget(m_messages);
}

void MainWindow::buildStatusBar()
{
    const int em = fontMetrics().averageCharWidth();
    // A long path must not push the other labels out of a narrow window: its
    // middle gives way to the width left, the tool tip holds all of it.
    m_databaseLabel->setFullText(tr("Database: %1").arg(m_context.database().location().display()));
    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_operatorLabel->setObjectName(QStringLiteral("operatorLabel"));
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_rolesLabel->setObjectName(QStringLiteral("rolesLabel"));
    m_rolesLabel->setText(m_processes->summary());
    for (QLabel *label :
        {m_rolesLabel, m_stateLabel, m_operatorLabel, static_cast<QLabel *>(m_databaseLabel)})
        label->setContentsMargins(em, 0, em, 0);
    // The path may be long: at 800 px it gives way instead of setting the
    // window's minimum width, and the labels before it stay whole.
    m_databaseLabel->setMinimumWidth(em * 12);
    statusBar()->addPermanentWidget(m_rolesLabel);
    statusBar()->addPermanentWidget(m_stateLabel);
    statusBar()->addPermanentWidget(m_operatorLabel);
    statusBar()->addPermanentWidget(m_databaseLabel);
    m_operatorLabel->setText(tr("Operator: %1").arg(m_context.operatorName()));
}

// What the pages tell the window, and how one page moves another.
void MainWindow::connectPages()
{
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        tick();
    });
    connect(m_tasks, &TasksView::message, this, &MainWindow::showMessage);
    connect(m_stuck, &StuckView::message, this, &MainWindow::showMessage);
    connect(m_processes, &ProcessesView::message, this, &MainWindow::showMessage);
    connect(m_schedules, &SchedulesView::message, this, &MainWindow::showMessage);
    connect(m_alerts, &AlertsView::message, this, &MainWindow::showMessage);
    connect(m_alerts, &AlertsView::alertChanged, m_tray, &TrayNotifier::notify);
    connect(m_processes, &ProcessesView::summaryChanged, m_rolesLabel, &QLabel::setText);
    connect(m_processes, &ProcessesView::processWentFatal, this,
        [this](const QString &name, const QString &message) {
            m_tray->notify(tr("Process %1 is FATAL").arg(name), message);
            showMessage(
                tr("The process %1 went FATAL: %2").arg(name, message), MessageBar::Type::Error);
        });
}

// What makes the pages read again: a change pushed by the database, the
// supervisor of this host, a reconnection, and the page timer.
void MainWindow::connectRefreshes()
{
    // PostgreSQL pushes changes: refresh at once (gathered over a moment, as
    // one statement may notify several times).
    auto *pushed = new QTimer(this);
    pushed->setSingleShot(true);
    pushed->setInterval(150);
    connect(pushed, &QTimer::timeout, m_tasks, &TasksView::refresh);
    connect(&m_context, &AppContext::databaseChanged, this, [this, pushed](const QString &table) {
        if (table == QLatin1String("tasks"))
            pushed->start();
        else if (table == QLatin1String("processes"))
            m_processes->refresh();
        else if (table == QLatin1String("schedules") && currentPage() == Schedules)
            m_schedules->refresh();
    });
    connectRuntime();
    connect(m_tasks->actions()->refreshAction(), &QAction::triggered, &m_context,
        &AppContext::checkNow);
    connect(m_stuck, &StuckView::tasksChanged, m_tasks, &TasksView::refresh);
    connect(&m_context, &AppContext::reconnected, m_tasks, &TasksView::refresh);
    connect(&m_context, &AppContext::reconnected, m_processes, &ProcessesView::refresh);
    connect(m_tasks, &TasksView::countsChanged, this, &MainWindow::onCountsChanged);
    connect(&m_context, &AppContext::availabilityChanged, this, &MainWindow::updateBanner);
    connect(&m_context, &AppContext::readOnlyChanged, this, &MainWindow::updateBanner);
    connect(&m_context, &AppContext::operatorChanged, this,
        [this](const QString &name) { m_operatorLabel->setText(tr("Operator: %1").arg(name)); });
    connect(m_pageTimer, &QTimer::timeout, this, &MainWindow::tick);
    m_pageTimer->start(m_context.settings().refreshIntervalMs());
}

// The supervisor of this host, when the window runs one: its own signals make
// the page react at once; the page timer catches what other hosts do.
void MainWindow::connectRuntime()
{
    if (m_runtime) {
        connect(m_runtime, &RuntimeHost::processChanged, m_processes, &ProcessesView::refresh);
        connect(m_runtime, &RuntimeHost::processesStopped, this, [this]() {
            if (m_closing)
                close();
        });
        connect(m_runtime, &RuntimeHost::rolesChanged, this, &MainWindow::updateRoles);
    }
    updateRoles();
}

MainWindow::~MainWindow() = default;

QSize MainWindow::defaultSize(const QWidget &window)
{
    const QFontMetrics metrics = window.fontMetrics();
    return {metrics.averageCharWidth() * 190, metrics.height() * 52};
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *settings = file->addAction(QIcon(QStringLiteral(":/icons/settings.svg")),
        tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setShortcut(QKeySequence::Preferences);
    settings->setObjectName(QStringLiteral("actionSettings"));
    QAction *attach = file->addAction(QIcon(QStringLiteral(":/icons/add.svg")),
        tr("&Attach a Table…"), this, &MainWindow::showAttachWizard);
    attach->setObjectName(QStringLiteral("actionAttachTable"));
    attach->setEnabled(!m_context.isReadOnly());
    QAction *demo = file->addAction(tr("Load &Demo"), this, &MainWindow::loadDemo);
    demo->setEnabled(!m_context.isReadOnly());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *tasks = menuBar()->addMenu(tr("&Tasks"));
    tasks->addActions(m_tasks->actions()->taskActions());
    tasks->addSeparator();
    tasks->addAction(m_tasks->actions()->refreshAction());
    tasks->addAction(m_tasks->actions()->findAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_sidebar->count(); ++i) {
        QAction *a = view->addAction(m_sidebar->item(i)->icon(), m_sidebar->item(i)->text(), this,
            [this, i]() { showPage(Page(i)); });
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Taskdesk"), this, &MainWindow::showAbout);
}

void MainWindow::loadSources()
{
    Database *db = &m_context.database();
    m_context.background().run(
        this,
        [db, actor = m_context.operatorName()]() {
            Result<QVector<SourceDefinition>> list = SourceRegistry(*db, actor).list();
            QStringList names;
            if (list.ok()) {
                for (const SourceDefinition &d : std::as_const(*list))
                    names << d.name;
            }
            return names;
        },
        [this](const QStringList &names) {
            for (const QString &name : names) {
                if (!sourceView(name))
                    addSourcePage(name);
            }
        });
}

SourceWizard *MainWindow::showAttachWizard()
{
    auto *wizard = new SourceWizard(m_context, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    connect(wizard, &SourceWizard::sourceAdded, this, [this](const QString &name) {
        addSourcePage(name);
        showSource(name);
        showMessage(tr("The source %1 is attached.").arg(name), MessageBar::Type::Positive);
    });
    wizard->open();
    return wizard;
}

void MainWindow::addSourcePage(const QString &name)
{
    if (sourceView(name))
        return;
    const int line = fontMetrics().height();
    auto *view = new SourceView(m_context, name, this);
    m_sourceViews << view;
    auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/tasks.svg")), name, m_sidebar);
    item->setToolTip(tr("The attached table of the source %1").arg(name));
    item->setSizeHint(
        QSize(m_sidebar->width() - fontMetrics().averageCharWidth() * 2, line * 2 + line / 2));
    auto *scroll = new QScrollArea(m_pages);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(view);
    m_pages->addWidget(scroll);
    connect(view, &SourceView::message, this, &MainWindow::showMessage);
}

SourceView *MainWindow::sourceView(const QString &name) const
{
    for (SourceView *v : m_sourceViews) {
        if (v->name() == name)
            return v;
    }
    return nullptr;
}

QStringList MainWindow::sourceNames() const
{
    QStringList names;
    for (SourceView *v : m_sourceViews)
        names << v->name();
    return names;
}

void MainWindow::showSource(const QString &name)
{
    for (qsizetype i = 0; i < m_sourceViews.size(); ++i) {
        if (m_sourceViews.at(i)->name() == name)
            m_sidebar->setCurrentRow(PageCount + int(i));
    }
}

QWidget *MainWindow::page(Page page) const
{
    auto *scroll = qobject_cast<QScrollArea *>(m_pages->widget(page));
    return scroll ? scroll->widget() : nullptr;
}

void MainWindow::showPage(Page page)
{
    m_sidebar->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

QString MainWindow::lastMessage() const
{
    return m_messages->text();
}

void MainWindow::showMessage(const QString &text, MessageBar::Type type)
{
    // Shown once, whole (the bar wraps it): the status bar, which shares its
    // line with the connection and the database, would cut it.
    m_messages->showMessage(text, type);
}

void MainWindow::updateBanner()
{
    if (m_context.isFileLost()) {
        m_banner->showMessage(tr("The database file was deleted or replaced: %1. The last data "
                                 "stays on screen and actions are off; start Taskdesk again to "
                                 "open the file now at that path.")
                                  .arg(m_context.unavailableReason()),
            MessageBar::Type::Error);
    } else if (!m_context.isAvailable()) {
        m_banner->showMessage(tr("The database does not answer: %1. The last data stays on "
                                 "screen and actions are off until it answers again; Taskdesk "
                                 "keeps trying by itself.")
                                  .arg(m_context.unavailableReason()),
            MessageBar::Type::Error);
    } else if (m_context.isReadOnly()) {
        m_banner->showMessage(m_context.readOnlyReason().isEmpty()
                ? tr("Read-only: everything is shown and nothing can be changed.")
                : tr("Read-only: everything is shown and nothing can be changed (%1).")
                      .arg(m_context.readOnlyReason()),
            MessageBar::Type::Information);
    } else {
        m_banner->hide();
    }
    m_stateLabel->setText(m_context.isFileLost() ? tr("Database file lost")
            : m_context.isAvailable() ? (m_context.isReadOnly() ? tr("Read-only") : tr("Connected"))
                                      : tr("Database unreachable"));
}

void MainWindow::tick()
{
    // Every tick: the status bar and the FATAL notifications follow the processes,
    // and the tray the alerts while it is a channel.
    m_processes->refresh();
    if (currentPage() != Alerts && m_alerts->watchesTray())
        m_alerts->refresh();
    switch (currentPage()) {
    case Schedules:
        m_schedules->refresh();
        break;
    case Stuck:
        m_stuck->refresh();
        break;
    case Audit:
        m_audit->refresh();
        break;
    case Alerts:
        m_alerts->refresh();
        break;
    case Stats:
        m_stats->refresh();
        break;
    default:
        break;
    }
}

void MainWindow::onCountsChanged(const StatusCounts &counts)
{
    m_tray->updateStuckCount(counts.stuckQueued, counts.stuckRunning);
}

void MainWindow::updateRoles()
{
    using InApp = ProcessesView::InAppScheduler;
    InApp scheduler = InApp::None;
    if (m_runtime && m_runtime->hasScheduler())
        scheduler = m_runtime->isSchedulerActive() ? InApp::Active : InApp::Standby;
    m_processes->setInAppScheduler(scheduler);
}

void MainWindow::showSettings()
{
    // Window-modal but not a nested event loop: the window goes on refreshing,
    // and a test reaches the dialog as a child of the window.
    auto *dialog = new SettingsDialog(m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() { applySettings(*dialog); });
    dialog->open();
}

void MainWindow::applySettings(const SettingsDialog &dialog)
{
    const int ms = m_context.settings().refreshIntervalMs();
    m_tasks->setRefreshInterval(ms);
    m_pageTimer->start(ms);
    QString text = dialog.resultMessage();
    if (m_runtime) {
        // At once, not from the next start: the check boxes say what runs now.
        const bool sweeper = m_context.settings().runSweeper();
        const bool scheduler = m_context.settings().runScheduler();
        if (sweeper != m_runtime->hasSweeper()) {
            m_runtime->setSweeperRunning(sweeper);
            text += QLatin1Char(' ')
                + (sweeper ? tr("The sweeper of this app started.")
                           : tr("The sweeper of this app stopped."));
        }
        if (scheduler != m_runtime->hasScheduler()) {
            m_runtime->setSchedulerRunning(scheduler);
            text += QLatin1Char(' ')
                + (scheduler ? tr("The scheduler of this app started.")
                             : tr("The scheduler of this app stopped."));
        }
    }
    showMessage(text, MessageBar::Type::Positive);
}

void MainWindow::offerDemo()
{
    if (m_context.isReadOnly() || m_context.settings().demoOffered())
        return;
    const StatusCounts counts = m_tasks->lastCounts();
    if (counts.total() > 0 || m_processes->model()->rowCount() > 0)
        return;
    m_context.settings().setDemoOffered(true);
    QMessageBox box(QMessageBox::Question, tr("Load the Demo?"),
        tr("This database is empty. Load the demo to try every feature at once?"),
        QMessageBox::NoButton, this);
    box.setInformativeText(tr("It adds sample tasks in every status (one of them stuck), a few "
                              "hours of history, a worker and a scheduler process running small "
                              "demo scripts, and two schedules."));
    QPushButton *load = box.addButton(tr("Load Demo"), QMessageBox::AcceptRole);
    // Return keeps the database as it is: demo rows are not what an operator
    // who just made a database for real work wants by accident.
    box.setDefaultButton(box.addButton(tr("Start Empty"), QMessageBox::RejectRole));
    box.exec();
    if (box.clickedButton() == load)
        loadDemo();
}

void MainWindow::loadDemo()
{
    Result<DemoSummary> summary = DemoSetup::load(m_context);
    if (!summary.ok()) {
        showMessage(tr("The demo was not loaded: %1").arg(coreText(summary.error())),
            MessageBar::Type::Error);
        return;
    }
    m_tasks->reload();
    m_processes->refresh();
    m_schedules->refresh();
    const qint64 sweeperAfter
        = m_runtime && m_runtime->hasSweeper() ? m_context.stuckHeartbeatMs() : 0;
    showMessage(DemoSetup::summaryText(summary.value(), sweeperAfter), MessageBar::Type::Positive);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Taskdesk"),
        tr("<h3>Taskdesk %1</h3><p>An operations console for background jobs.</p>"
           "<p>Database: %2</p>")
            .arg(QStringLiteral(TASKDESK_VERSION),
                m_context.database().location().display().toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_runtime && m_runtime->hasSupervisor() && !m_closing) {
        m_processes->refresh();
        QStringList alive;
        for (const ProcessInfo &p : m_processes->model()->processes()) {
            if (isAlive(p.runtime.state) && !p.runtime.supervisedBy.isEmpty())
                alive << p.definition.name;
        }
        if (!alive.isEmpty()) {
            QMessageBox box(QMessageBox::Question, tr("Quit Taskdesk"),
                tr("%n process(es) run under this window: %1.", "", int(alive.size()))
                    .arg(alive.join(QStringLiteral(", "))),
                QMessageBox::NoButton, this);
            box.setInformativeText(tr("Stop them, or leave them running? Processes left running "
                                      "go on unsupervised until a supervisor takes this host "
                                      "again (the next Taskdesk window or taskdeskctl "
                                      "supervise); running tasks of stopped workers are marked "
                                      "failed."));
            QPushButton *stop = box.addButton(tr("Stop Them"), QMessageBox::DestructiveRole);
            QPushButton *leave = box.addButton(tr("Leave Them Running"), QMessageBox::AcceptRole);
            QPushButton *cancel = box.addButton(QMessageBox::Cancel);
            box.setDefaultButton(cancel);
            box.exec();
            if (box.clickedButton() == stop) {
                m_closing = true;
                showMessage(tr("Stopping the processes; Taskdesk closes when they have stopped."),
                    MessageBar::Type::Information);
                m_runtime->stopProcesses();
                event->ignore();
                return;
            }
            if (box.clickedButton() != leave) {
                event->ignore();
                return;
            }
            m_runtime->leaveProcessesRunning();
        }
    }
    m_tasks->saveState();
    m_context.settings().setWindowGeometry(saveGeometry());
    m_context.settings().sync();
    event->accept();
}

} // namespace taskdesk::ui
