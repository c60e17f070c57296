#pragma once

#include "core/auditlog.h"
#include "core/tasks/taskstore.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>

namespace taskdesk {
class Database;
}

namespace taskdesk::ui {

class AppSettings;
class BackgroundRunner;

// What every view of one window shares: the database and its stores, the
// background reader, the local settings, who the operator is, and whether
// actions are allowed now (not in read-only mode, and the database answers).
class AppContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppContext)

public:
    AppContext(std::unique_ptr<Database> database, std::unique_ptr<AppSettings> settings,
        QObject *parent = nullptr);
    ~AppContext() override;

    Database &database() { return *m_database; }
    TaskStore &tasks() { return m_tasks; }
    AuditLog &audit() { return m_audit; }
    AppSettings &settings() { return *m_settings; }
    BackgroundRunner &background() { return *m_runner; }
    // The operator's actions on tasks: a thread of their own, so that a
    // thousand of them neither freeze the window nor wait behind a count.
    BackgroundRunner &writer() { return *m_writer; }

    QString operatorName() const { return m_tasks.actor(); }
    void setOperatorName(const QString &name);

    // --read-only, or a database that refuses writes: everything shows, nothing changes.
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const { return m_readOnlyReason; }
    void setReadOnly(bool readOnly, const QString &reason = {});

    // False from the first failed read until one succeeds again.
    bool isAvailable() const { return m_available; }
    QString unavailableReason() const { return m_unavailableReason; }
    bool canAct() const { return !m_readOnly && m_available; }
    // Process definitions are an admin's (Database::canEditDefinitions(), asked
    // once at the start): an operator starts and stops them but cannot add,
    // edit or remove one.
    bool canEditDefinitions() const { return canAct() && m_definitionsEditable; }
    // SQLite: the file was deleted or replaced under the window (or found
    // damaged); nothing is read from or written to it any more.
    bool isFileLost() const { return m_fileLost; }

    // The sweeper's heartbeat timeout (the settings table): what "stuck" means.
    qint64 stuckHeartbeatMs() const { return m_stuckHeartbeatMs; }
    StuckThresholds stuckThresholds() const { return m_thresholds; }
    void reloadSharedSettings();
    // PostgreSQL: listens for the tables' change notifications on a thread of
    // its own (a reconnect may wait for the server) and says what changed, so
    // that views refresh at once instead of at their next tick. A hint only:
    // the views keep polling.
    void startChangeNotifications();

public Q_SLOTS:
    // Looks at once whether the SQLite file is still the one opened (F5 asks,
    // so that a refresh never shows rows of a deleted file as "Connected").
    void checkNow() { probe(); }
    void reportFailure(const QString &message);
    void reportSuccess();

Q_SIGNALS:
    void availabilityChanged(bool available);
    void readOnlyChanged(bool readOnly);
    void canActChanged(bool canAct);
    void operatorChanged(const QString &name);
    void sharedSettingsChanged();
    void databaseChanged(const QString &table);
    // The server answers again after it did not: time to read everything again.
    void reconnected();

private:
    // Reconnects on the reader thread while the server does not answer.
    void probe();
    void noticeRecovery();

    std::unique_ptr<Database> m_database;
    std::unique_ptr<AppSettings> m_settings;
    TaskStore m_tasks;
    AuditLog m_audit;
    BackgroundRunner *m_runner;
    BackgroundRunner *m_writer;
    bool m_readOnly = false;
    bool m_definitionsEditable = true;
    QString m_readOnlyReason;
    bool m_available = true;
    QString m_unavailableReason;
    qint64 m_stuckHeartbeatMs = 60000;
    StuckThresholds m_thresholds;
    QThread m_notifyThread;
    static constexpr int kProbeIntervalMs = 1000;
    QTimer m_probeTimer;
    bool m_probing = false;
    bool m_fileLost = false;
    int m_recoveries = 0; // Database::recoveries() when last seen
};

} // namespace taskdesk::ui
