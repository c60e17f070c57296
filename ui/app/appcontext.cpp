#include "appcontext.h"

#include "core/changenotifier.h"
#include "core/database.h"
#include "core/settings.h"
#include "ui/app/appsettings.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/coretext.h"

namespace taskdesk::ui {

AppContext::AppContext(
    std::unique_ptr<Database> database, std::unique_ptr<AppSettings> settings, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_settings(std::move(settings))
    , m_tasks(*m_database, m_settings->operatorName())
    , m_audit(*m_database)
    , m_runner(new BackgroundRunner(this))
    , m_writer(new BackgroundRunner(QStringLiteral("taskdesk-writer"), this))
{
    // The window's thread never waits for a connect to a server that does not
    // answer: the reader thread tries, once a second at most, until one
    // succeeds, and the views' next refresh finds the server again.
    if (m_database->isPostgres())
        m_database->setInteractiveThread(thread());
    // SQLite: the same tick looks whether the file is still the one opened.
    m_probeTimer.setInterval(kProbeIntervalMs);
    connect(&m_probeTimer, &QTimer::timeout, this, &AppContext::probe);
    m_probeTimer.start();
    reloadSharedSettings();
    Result<bool> admin = m_database->canEditDefinitions();
    m_definitionsEditable = admin.ok() && *admin;
}

void AppContext::probe()
{
    if (!m_database->isPostgres()) {
        if (m_fileLost)
            return;
        if (const Error e = m_database->checkFile()) {
            // Announced even when a read failed first with the same error.
            m_fileLost = true;
            m_unavailableReason = coreText(e);
            const bool could = canAct();
            m_available = false;
            Q_EMIT availabilityChanged(false);
            if (could != canAct())
                Q_EMIT canActChanged(canAct());
        }
        return;
    }
    noticeRecovery();
    if (m_probing || !m_database->isUnreachable())
        return;
    m_probing = true;
    Database *db = m_database.get();
    m_runner->run(
        this, [db]() { return db->probe(); },
        [this](const Error &) {
            m_probing = false;
            noticeRecovery();
        });
}

void AppContext::noticeRecovery()
{
    // Any thread's connect may be the one that found the server again.
    if (m_database->recoveries() == m_recoveries)
        return;
    m_recoveries = m_database->recoveries();
    Q_EMIT reconnected();
}

AppContext::~AppContext()
{
    // The reader and writer threads use the database: they stop before it goes
    // (an action in progress finishes first).
    delete m_writer;
    m_writer = nullptr;
    delete m_runner;
    m_runner = nullptr;
    m_notifyThread.quit();
    m_notifyThread.wait();
}

void AppContext::startChangeNotifications()
{
    if (!m_database->isPostgres() || m_notifyThread.isRunning())
        return;
    m_notifyThread.setObjectName(QStringLiteral("taskdesk-notify"));
    // The notifier's timers must belong to its thread: it is made there.
    auto *home = new QObject;
    home->moveToThread(&m_notifyThread);
    connect(&m_notifyThread, &QThread::finished, home, &QObject::deleteLater);
    m_notifyThread.start();
    const DatabaseLocation location = m_database->location();
    QMetaObject::invokeMethod(home, [this, home, location]() {
        auto *notifier = new ChangeNotifier(location, home);
        connect(notifier, &ChangeNotifier::changed, this, &AppContext::databaseChanged,
            Qt::QueuedConnection);
        notifier->start();
    });
}

void AppContext::setOperatorName(const QString &name)
{
    const QString trimmed = name.trimmed().isEmpty() ? AuditLog::osUser() : name.trimmed();
    if (trimmed == m_tasks.actor())
        return;
    m_tasks.setActor(trimmed);
    Q_EMIT operatorChanged(trimmed);
}

void AppContext::setReadOnly(bool readOnly, const QString &reason)
{
    m_readOnlyReason = reason;
    if (readOnly == m_readOnly)
        return;
    const bool could = canAct();
    m_readOnly = readOnly;
    Q_EMIT readOnlyChanged(readOnly);
    if (could != canAct())
        Q_EMIT canActChanged(canAct());
}

void AppContext::reportFailure(const QString &message)
{
    m_unavailableReason = message;
    if (!m_available)
        return;
    const bool could = canAct();
    m_available = false;
    Q_EMIT availabilityChanged(false);
    if (could != canAct())
        Q_EMIT canActChanged(canAct());
}

void AppContext::reportSuccess()
{
    // A read that began before the file went away does not bring it back:
    // only a new start opens the file now at that path.
    if (m_available || m_fileLost)
        return;
    const bool could = canAct();
    m_available = true;
    m_unavailableReason.clear();
    Q_EMIT availabilityChanged(true);
    if (could != canAct())
        Q_EMIT canActChanged(canAct());
}

void AppContext::reloadSharedSettings()
{
    Settings shared(*m_database, operatorName());
    Result<SweeperRules> rules = shared.sweeperRules();
    if (!rules.ok())
        return; // defaults stay; the views report an unreachable database themselves
    const bool changed = rules->heartbeatTimeoutMs != m_stuckHeartbeatMs
        || rules->queueThresholdMs != m_thresholds.queueThresholdMs;
    m_stuckHeartbeatMs = rules->heartbeatTimeoutMs;
    m_thresholds = rules->thresholds();
    if (changed)
        Q_EMIT sharedSettingsChanged();
}

} // namespace taskdesk::ui
