#include "testalert.h"

#include "core/database.h"
#include "core/scheduling/singletonlease.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

namespace taskdesk {

TestAlert::TestAlert(Database &db, ChannelFactory factory, QString actor, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_factory(std::move(factory))
    , m_actor(std::move(actor))
    , m_outbox(db, SingletonLease::defaultHolderId(), m_actor)
{ }

TestAlert::~TestAlert()
{
    // A channel's reply may still come: it must not find us.
    if (m_channel)
        m_channel.release()->deleteLater();
}

Error TestAlert::start(const QString &channel)
{
    Result<QVector<AlertChannelConfig>> configs = AlertStore(m_db).channels();
    if (!configs.ok())
        return configs.error();
    m_todo.clear();
    m_results.clear();
    QStringList remote;
    for (const AlertChannelConfig &c : std::as_const(*configs)) {
        if (!c.isRemote())
            continue;
        remote << c.name;
        if (channel.isEmpty() ? c.enabled : c.name == channel)
            m_todo.append(c);
    }
    if (!channel.isEmpty() && m_todo.isEmpty())
        return Error::invalid(QStringLiteral("unknown channel '%1' (channels: %2)")
                                  .arg(channel, remote.join(QStringLiteral(", "))));
    if (m_todo.isEmpty())
        return Error::refused(QStringLiteral(
            "no alert channel is on: turn one on (alerts.telegram, alerts.slack, alerts.webhook) "
            "or name one"));
    QTimer::singleShot(0, this, &TestAlert::deliverNext);
    return {};
}

void TestAlert::deliverNext()
{
    if (m_todo.isEmpty()) {
        Q_EMIT finished(m_results);
        return;
    }
    const AlertChannelConfig config = m_todo.takeFirst();
    TestAlertResult result;
    result.channel = config.name;

    Result<qint64> now = m_db.now();
    AlertGroup group;
    group.test = true;
    group.groupKey = QStringLiteral("{}:{alertname=\"test\"}");
    Alert a;
    a.rule = QStringLiteral("test");
    a.fingerprint = QStringLiteral("test");
    a.severity = QStringLiteral("warning");
    a.summary = QStringLiteral("Test alert from Taskdesk on %1").arg(AuditLog::localHost());
    a.description = QStringLiteral("Sent by %1 to check the %2 channel").arg(m_actor, config.name);
    a.labels
        = {{QStringLiteral("alertname"), a.rule}, {QStringLiteral("host"), AuditLog::localHost()}};
    a.startsAt = now.ok() ? *now : 0;
    group.alerts.append(a);

    Result<qint64> id = m_db.writeResult<qint64>(0, [&](qint64 &out) -> Error {
        Result<qint64> inserted = m_outbox.enqueue(config.name, group, true);
        if (!inserted.ok())
            return inserted.error();
        out = *inserted;
        return {};
    });
    if (!id.ok()) {
        result.error = id.error().message();
        done(result);
        return;
    }
    result.deliveryId = *id;
    Result<ClaimedDelivery> claimed = m_outbox.claimed(*id);
    if (!claimed.ok()) {
        result.error = claimed.error().message();
        done(result);
        return;
    }
    const ClaimedDelivery d = *claimed;
    auto finish = [this, d, result](const DeliveryResult &r) mutable {
        Result<QString> status = m_outbox.finish(d, r, AlertRules(), false);
        result.ok = r.ok;
        result.error = r.ok ? QString() : (r.error.isEmpty() ? QStringLiteral("failed") : r.error);
        if (!status.ok() && result.ok) {
            result.ok = false;
            result.error = status.error().message();
        }
        done(result);
    };

    QString problem;
    if (const QString missing = config.missing(); !missing.isEmpty())
        problem = QStringLiteral("%1 lacks %2").arg(config.name, missing);
    if (problem.isEmpty()) {
        Result<std::unique_ptr<AlertChannel>> built = m_factory(config);
        if (built.ok()) {
            if (m_channel)
                m_channel.release()->deleteLater();
            m_channel = std::move(built).value();
            QPointer<TestAlert> self(this);
            m_channel->deliver(d.group, [self, finish](const DeliveryResult &r) mutable {
                if (self)
                    finish(r);
            });
            return;
        }
        problem = built.error().message();
    }
    DeliveryResult failed;
    failed.error = problem;
    finish(failed);
}

void TestAlert::done(const TestAlertResult &result)
{
    m_results.append(result);
    QTimer::singleShot(0, this, &TestAlert::deliverNext);
}

Result<QVector<TestAlertResult>> TestAlert::send(
    Database &db, const ChannelFactory &factory, const QString &actor, const QString &channel)
{
    TestAlert test(db, factory, actor);
    QVector<TestAlertResult> results;
    QEventLoop loop;
    QObject::connect(&test, &TestAlert::finished, &loop, [&](const QVector<TestAlertResult> &r) {
        results = r;
        loop.quit();
    });
    if (Error e = test.start(channel))
        return e;
    loop.exec();
    return results;
}

} // namespace taskdesk
