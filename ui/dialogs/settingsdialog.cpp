#include "settingsdialog.h"

#include "core/auditlog.h"
#include "core/database.h"
#include "core/settings.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/common/coretext.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace taskdesk::ui {

SettingsDialog::SettingsDialog(AppContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_inUse(new QLabel(this))
    , m_database(new QLineEdit(this))
    , m_operator(new QLineEdit(this))
    , m_refresh(new QSpinBox(this))
    , m_language(new QComboBox(this))
    , m_runSweeper(new QCheckBox(tr("Run the sweeper in this app"), this))
    , m_runScheduler(new QCheckBox(tr("Run the scheduler in this app"), this))
    , m_sweepInterval(new QSpinBox(this))
    , m_heartbeat(new QSpinBox(this))
    , m_queueThreshold(new QSpinBox(this))
    , m_queuePolicy(new QComboBox(this))
    , m_poison(new QSpinBox(this))
    , m_retryBase(new QSpinBox(this))
    , m_retryCap(new QSpinBox(this))
    , m_sharedNote(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    QGroupBox *localBox = buildLocalBox();
    QGroupBox *sharedBox = buildSharedBox();
    loadSharedRules(*sharedBox);

    // Wide enough for the notes to wrap in two lines: a word-wrapped label in a
    // form layout gets too little height when squeezed, and its last line is cut.
    setMinimumWidth(fontMetrics().averageCharWidth() * 110);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(localBox);
    layout->addWidget(sharedBox);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

// This desktop's preferences (AppSettings).
QGroupBox *SettingsDialog::buildLocalBox()
{
    AppSettings &local = m_context.settings();

    // What this window has open now, and apart from it the preference for
    // the next start (an empty one: TASKDESK_DB, else the default file).
    m_inUse->setText(m_context.database().location().display());
    m_inUse->setObjectName(QStringLiteral("databaseInUse"));
    m_inUse->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_inUse->setWordWrap(true);
    m_database->setText(local.databaseLocation());
    m_database->setPlaceholderText(DatabaseLocation::resolve({}));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *dbRow = new QHBoxLayout;
    dbRow->addWidget(m_database, 1);
    dbRow->addWidget(browse);
    m_operator->setText(m_context.operatorName());
    m_operator->setPlaceholderText(AuditLog::osUser());
    m_refresh->setRange(AppSettings::kMinRefreshMs, AppSettings::kMaxRefreshMs);
    m_refresh->setSingleStep(100);
    m_refresh->setSuffix(tr(" ms"));
    m_refresh->setValue(local.refreshIntervalMs());
    // Each language by its own name, so that it is found whatever the
    // window speaks now.
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Русский"), QStringLiteral("ru"));
    m_language->addItem(QStringLiteral("Українська"), QStringLiteral("uk"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(local.language())));
    auto *languageNote = new QLabel(tr("Applies at the next start."), this);
    languageNote->setWordWrap(true);
    languageNote->setForegroundRole(QPalette::PlaceholderText);
    m_runSweeper->setChecked(local.runSweeper());
    m_runScheduler->setChecked(local.runScheduler());

    auto *localBox = new QGroupBox(tr("This desktop"), this);
    auto *lf = new QFormLayout(localBox);
    lf->addRow(tr("Database in use"), m_inUse);
    lf->addRow(tr("Database at the next start"), dbRow);
    auto *dbNote = new QLabel(tr("A file path, sqlite:///path or postgresql://user@host/db; "
                                 "empty: TASKDESK_DB, else the default file. --db comes first."),
        localBox);
    dbNote->setWordWrap(true);
    // Two whole lines: a form layout gives a wrapped label the height of a
    // narrower guess, and the longer Russian and Ukrainian notes were cut.
    dbNote->setMinimumHeight(fontMetrics().lineSpacing() * 2 + 2);
    dbNote->setForegroundRole(QPalette::PlaceholderText);
    lf->addRow(QString(), dbNote);
    lf->addRow(tr("Operator name"), m_operator);
    lf->addRow(tr("Refresh every"), m_refresh);
    lf->addRow(tr("Language"), m_language);
    lf->addRow(QString(), languageNote);
    lf->addRow(QString(), m_runSweeper);
    lf->addRow(QString(), m_runScheduler);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::browse);
    return localBox;
}

// The sweeper's rules, shared by every host.
QGroupBox *SettingsDialog::buildSharedBox()
{
    m_sweepInterval->setRange(1, 3600);
    m_sweepInterval->setSuffix(tr(" s"));
    m_heartbeat->setRange(1, 604800);
    m_heartbeat->setSuffix(tr(" s"));
    m_queueThreshold->setRange(1, 43200);
    m_queueThreshold->setSuffix(tr(" min"));
    m_queuePolicy->addItem(tr("Report them only"), QStringLiteral("report"));
    m_queuePolicy->addItem(tr("Mark them failed"), QStringLiteral("mark_failed"));
    m_poison->setRange(0, 100);
    m_poison->setSpecialValueText(tr("never re-queue"));
    m_retryBase->setRange(1, 86400);
    m_retryBase->setSuffix(tr(" s"));
    m_retryCap->setRange(1, 604800);
    m_retryCap->setSuffix(tr(" s"));

    auto *sharedBox = new QGroupBox(tr("Sweeper rules (shared by every host)"), this);
    auto *sf = new QFormLayout(sharedBox);
    sf->addRow(tr("Sweep every"), m_sweepInterval);
    sf->addRow(tr("Running task is stuck after no heartbeat for"), m_heartbeat);
    sf->addRow(tr("Pending task is stuck after waiting"), m_queueThreshold);
    sf->addRow(tr("Tasks stuck in the queue"), m_queuePolicy);
    sf->addRow(tr("Fail a task lost this many times in a row"), m_poison);
    sf->addRow(tr("Re-queue a lost task to run after"), m_retryBase);
    sf->addRow(tr("Doubled at each attempt, at most"), m_retryCap);
    m_sharedNote->setWordWrap(true);
    m_sharedNote->setMinimumHeight(fontMetrics().lineSpacing() * 2 + 2);
    m_sharedNote->setForegroundRole(QPalette::PlaceholderText);
    sf->addRow(m_sharedNote);
    return sharedBox;
}

// Reads the rules into the shared box, which is enabled only when they could be
// read and this operator may change them.
void SettingsDialog::loadSharedRules(QGroupBox &sharedBox)
{
    Settings shared(m_context.database(), m_context.operatorName());
    Result<SweeperRules> rules = shared.sweeperRules();
    if (rules.ok()) {
        m_sharedLoaded = true;
        m_sweepInterval->setValue(int(rules->intervalMs / 1000));
        m_heartbeat->setValue(int(rules->heartbeatTimeoutMs / 1000));
        m_queueThreshold->setValue(int(rules->queueThresholdMs / 60000));
        m_queuePolicy->setCurrentIndex(rules->queuePolicy == QueuePolicy::MarkFailed ? 1 : 0);
        m_poison->setValue(rules->poisonRescues);
        m_retryBase->setValue(int(rules->retryBaseMs / 1000));
        m_retryCap->setValue(int(rules->retryCapMs / 1000));
    } else {
        m_sharedNote->setText(tr("The rules could not be read: %1").arg(coreText(rules.error())));
    }
    const bool canChangeShared = m_sharedLoaded && m_context.canAct();
    sharedBox.setEnabled(canChangeShared);
    if (m_sharedLoaded)
        m_sharedNote->setText(m_context.canAct()
                ? tr("Changes apply to every sweeper at its next pass, and are audited.")
                : tr("Read-only: the rules are shown, not changed."));
}

void SettingsDialog::browse()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Taskdesk Database"),
        m_database->text().isEmpty() ? DatabaseLocation::defaultSqlitePath() : m_database->text(),
        tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
        QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty())
        m_database->setText(file);
}

void SettingsDialog::accept()
{
    if (!m_database->text().trimmed().isEmpty()) {
        Result<DatabaseLocation> location = DatabaseLocation::parse(m_database->text());
        if (!location.ok()) {
            QMessageBox::warning(this, tr("Settings"), coreText(location.error()));
            return;
        }
    }
    QStringList saved;
    if (m_sharedLoaded && m_context.canAct()) {
        SweeperRules rules;
        Settings shared(m_context.database(),
            m_operator->text().trimmed().isEmpty() ? AuditLog::osUser()
                                                   : m_operator->text().trimmed());
        Result<SweeperRules> current = shared.sweeperRules();
        if (current.ok())
            rules = current.value();
        const SweeperRules before = rules;
        rules.intervalMs = qint64(m_sweepInterval->value()) * 1000;
        rules.heartbeatTimeoutMs = qint64(m_heartbeat->value()) * 1000;
        rules.queueThresholdMs = qint64(m_queueThreshold->value()) * 60000;
        rules.queuePolicy = Settings::parseQueuePolicy(m_queuePolicy->currentData().toString())
                                .value_or(QueuePolicy::Report);
        rules.poisonRescues = m_poison->value();
        rules.retryBaseMs = qint64(m_retryBase->value()) * 1000;
        rules.retryCapMs = qint64(m_retryCap->value()) * 1000;
        const bool changed = rules.intervalMs != before.intervalMs
            || rules.heartbeatTimeoutMs != before.heartbeatTimeoutMs
            || rules.queueThresholdMs != before.queueThresholdMs
            || rules.queuePolicy != before.queuePolicy
            || rules.poisonRescues != before.poisonRescues
            || rules.retryBaseMs != before.retryBaseMs || rules.retryCapMs != before.retryCapMs;
        if (changed) {
            if (Error e = shared.setSweeperRules(rules)) {
                QMessageBox::warning(this, tr("Settings"),
                    tr("The sweeper rules were not saved: %1").arg(coreText(e)));
                return;
            }
            saved << tr("the sweeper rules");
        }
    }
    AppSettings &local = m_context.settings();
    const bool databaseChanged = m_database->text().trimmed() != local.databaseLocation();
    const QString language = m_language->currentData().toString();
    const bool languageChanged = language != local.language();
    local.setLanguage(language);
    local.setDatabaseLocation(m_database->text());
    local.setOperatorName(m_operator->text());
    local.setRefreshIntervalMs(m_refresh->value());
    local.setRunSweeper(m_runSweeper->isChecked());
    local.setRunScheduler(m_runScheduler->isChecked());
    local.sync();
    m_context.setOperatorName(local.operatorName());
    m_context.reloadSharedSettings();
    saved.prepend(tr("your preferences"));
    m_result = tr("Saved %1.").arg(saved.join(tr(" and ")));
    if (databaseChanged)
        m_result += QLatin1Char(' ') + tr("The new database is used from the next start.");
    if (languageChanged)
        m_result += QLatin1Char(' ') + tr("The new language is used from the next start.");
    QDialog::accept();
}

} // namespace taskdesk::ui
