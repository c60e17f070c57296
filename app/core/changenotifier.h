#pragma once

#include "core/database.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace taskdesk {

// Pushes "something changed" from the database to whoever listens: on
// PostgreSQL a LISTEN on the channel that the tables' triggers NOTIFY; on SQLite
// nothing (polling stays). A notification is a wake-up hint only: they can be
// lost (a dropped connection, a server restart), so readers keep polling.
// Needs the event loop of the thread it lives in.
class ChangeNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeNotifier)

public:
    static inline const QString kChannel = QStringLiteral("taskdesk_changes");

    explicit ChangeNotifier(const DatabaseLocation &location, QObject *parent = nullptr);
    ~ChangeNotifier() override;

    // False on SQLite: no push, poll only.
    bool isPushAvailable() const;
    void start();

Q_SIGNALS:
    void changed(const QString &table); // "tasks", "processes", "schedules", …

private:
    void connectAndListen();
    void checkConnection();

    DatabaseLocation m_location;
    std::unique_ptr<Database> m_db;
    QTimer m_retry;
    QTimer m_health;
    int m_failures = 0;
    bool m_listening = false;
};

} // namespace taskdesk
