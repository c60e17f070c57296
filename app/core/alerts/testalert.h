#pragma once

#include "core/alerts/alertoutbox.h"
#include "core/alerts/channelfactory.h"
#include "core/error.h"

#include <QObject>
#include <QString>
#include <QVector>

#include <map>
#include <memory>

namespace taskdesk {

class Database;

// How a test alert went on one channel.
struct TestAlertResult
{
    QString channel;
    qint64 deliveryId = 0;
    bool ok = false;
    QString error; // one line, never a secret
};

// "Send Test Alert": a test group to one channel, or to every enabled one, now,
// without the alert engine (no supervisor needs to run). Each is recorded as a
// delivery (test) and audited ("alert_test"); a failure is final (no retry),
// so that the operator sees at once what is wrong.
class TestAlert final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestAlert)

public:
    TestAlert(Database &db, ChannelFactory factory, QString actor, QObject *parent = nullptr);
    ~TestAlert() override;

    // `channel` empty: every enabled channel. Refused at once (nothing is
    // recorded) for an unknown channel, or when none is enabled; finished()
    // follows on the event loop otherwise.
    Error start(const QString &channel = {});

    // Blocking, with a local event loop (taskdeskctl).
    static Result<QVector<TestAlertResult>> send(Database &db, const ChannelFactory &factory,
        const QString &actor, const QString &channel = {});

Q_SIGNALS:
    void finished(const QVector<taskdesk::TestAlertResult> &results);

private:
    void deliverNext();
    void done(const TestAlertResult &result);

    Database &m_db;
    ChannelFactory m_factory;
    QString m_actor;
    AlertOutbox m_outbox;
    QVector<AlertChannelConfig> m_todo;
    QVector<TestAlertResult> m_results;
    std::unique_ptr<AlertChannel> m_channel;
};

} // namespace taskdesk
