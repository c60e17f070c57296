#include "changenotifier.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>

#include <algorithm>

namespace taskdesk {

Q_LOGGING_CATEGORY(lcNotify, "taskdesk.notify")

ChangeNotifier::ChangeNotifier(const DatabaseLocation &location, QObject *parent)
    : QObject(parent)
    , m_location(location)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ChangeNotifier::connectAndListen);
    // QPSQL says nothing when the server goes away; a cheap query notices.
    m_health.setInterval(2000);
    connect(&m_health, &QTimer::timeout, this, &ChangeNotifier::checkConnection);
}

ChangeNotifier::~ChangeNotifier()
{
    if (m_db) {
        if (Result<QSqlDatabase> db = m_db->connection(); db.ok())
            db.value().driver()->unsubscribeFromNotification(kChannel);
    }
}

bool ChangeNotifier::isPushAvailable() const
{
    return m_location.backend == DatabaseLocation::Backend::Postgres;
}

void ChangeNotifier::start()
{
    if (!isPushAvailable())
        return;
    connectAndListen();
    m_health.start();
}

void ChangeNotifier::connectAndListen()
{
    m_db = std::make_unique<Database>(m_location);
    Result<QSqlDatabase> db = m_db->connection();
    if (db.ok() && db.value().driver()->subscribeToNotification(kChannel)) {
        connect(db.value().driver(), &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                if (name == kChannel)
                    Q_EMIT changed(payload.toString());
            });
        if (m_failures > 0)
            qCInfo(lcNotify) << "listening again for changes";
        m_failures = 0;
        m_listening = true;
        // Whatever happened while we were deaf: readers resync on any change signal.
        Q_EMIT changed(QString());
        return;
    }
    m_listening = false;
    m_db.reset();
    ++m_failures;
    const int delay = std::min(30000, 250 << std::min(m_failures, 7));
    qCWarning(lcNotify) << "cannot listen for changes; retrying in" << delay << "ms";
    m_retry.start(delay);
}

void ChangeNotifier::checkConnection()
{
    if (!m_listening || m_retry.isActive())
        return;
    Result<QSqlQuery> q = m_db->prepare(QStringLiteral("SELECT 1"));
    if (q.ok() && !m_db->exec(q.value()))
        return;
    qCWarning(lcNotify) << "lost the notification connection";
    m_listening = false;
    m_db.reset();
    m_retry.start(250);
}

} // namespace taskdesk
