#pragma once

#include "core/alerts/alertchannel.h"
#include "core/alerts/alertoutbox.h"
#include "core/alerts/alertstore.h"
#include "core/alerts/channelfactory.h"
#include "core/error.h"
#include "core/scheduling/leasedtimer.h"
#include "core/settings.h"

#include <QHash>
#include <QSet>

#include <map>
#include <memory>

namespace taskdesk {

class Database;

// What one pass of the engine did.
struct AlertPass
{
    int fired = 0; // alerts that began firing
    int resolved = 0;
    int failuresCounted = 0; // FAILED tasks taken from the event table
    int grouped = 0; // alerts put into this pass's messages
    int deliveriesQueued = 0; // messages (one per channel)
    bool quiet = false; // quiet hours: nothing was grouped or sent
};

// Decides what fires and resolves, groups it, and sends it (alerts.* settings,
// read on every pass): it acts only while it holds the "alerts" lease, one
// engine at a time across hosts, and every change is a conditional write
// anyway (a unique firing row per fingerprint, FAILED tasks taken from their
// event table with DELETE … RETURNING, group membership and delivery claims by
// conditional UPDATE), so that each alert goes out once.
//
// A pass: the state rules (AlertConditions) and the failed tasks are written
// to `alerts`; when the oldest change not yet sent is a group window old and
// the quiet hours are not on, every such change goes into one message per
// enabled channel (the outbox, AlertOutbox); then each channel sends what is
// due, one message at a time, retrying with backoff.
//
// It works in the thread that owns it (its channels live there too). Destroy
// it before its Database. Its timer and lease: LeasedTimer.
class AlertEngine final : public LeasedTimer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertEngine)

public:
    explicit AlertEngine(
        Database &db, ChannelFactory factory = defaultChannelFactory(), QObject *parent = nullptr);
    ~AlertEngine() override;

    // One pass now (tests, a one-shot run); refused while another engine holds
    // the lease. Deliveries it starts finish later, on this thread's event loop.
    Result<AlertPass> passNow();
    // Deliveries being sent from here now.
    int inFlight() const { return int(m_busy.size()); }
    const AlertRules &rules() const { return m_rules; }

Q_SIGNALS:
    void passed(const taskdesk::AlertPass &pass);
    // A delivery ended one attempt: "sent", "pending" (again later) or "failed".
    void deliveryFinished(qint64 id, const QString &channel, const QString &status);

private:
    void tick() override;
    Result<AlertPass> pass();
    Error reloadRules();
    Error record(AlertPass &pass, const QVector<Alert> &conditions, qint64 now);
    Error group(AlertPass &pass, qint64 now);
    void dispatch();
    void dispatchChannel(const AlertChannelConfig &config);
    AlertChannel *channelFor(const AlertChannelConfig &config, QString &error);
    bool quietNow(qint64 now) const;

    Database &m_db;
    ChannelFactory m_factory;
    Settings m_settings;
    AlertOutbox m_outbox;
    AlertRules m_rules;
    SweeperRules m_sweeper;
    QVector<AlertChannelConfig> m_channels;
    struct Built
    {
        AlertChannelConfig config;
        std::unique_ptr<AlertChannel> channel;
    };
    std::map<QString, Built> m_built;
    QSet<QString> m_busy; // channels with a delivery in flight
};

} // namespace taskdesk
