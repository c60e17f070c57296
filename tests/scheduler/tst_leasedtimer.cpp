#include "core/scheduling/leasedtimer.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace taskdesk;
using taskdesk::test::TestDatabase;

// The timer and lease that the Scheduler and the Sweeper share (LeasedTimer): one instance
// acts at a time across connections (other "processes"), a stop hands the
// lease over at once, a halt only once the lease has expired.
class TestLeasedTimer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leaseIsTakenOnceBetweenTwo();
    void stopHandsTheLeaseOverAtOnce();
    void haltHandsItOverOnlyWhenItExpires();
    void timersTakeTurnsWhenTheHolderHalts();
    void intervalAndLeaseLifeFollowTheSetting();
    void noPassAfterStop();
};

namespace {

// The smallest singleton: its pass takes the lease and counts.
class Unit final : public LeasedTimer
{
public:
    explicit Unit(Database &db)
        : LeasedTimer(db, QStringLiteral("unit"), 1000, 10000, nullptr)
    { }

    Error acquire() { return LeasedTimer::acquire(); }
    void setSettingIntervalMs(qint64 ms) { LeasedTimer::setSettingIntervalMs(ms); }

    int passes = 0;
    bool sawBothActive = false;
    const Unit *other = nullptr;

private:
    void tick() override
    {
        ++passes;
        const Error e = acquire();
        if (e && e.kind() != ErrorKind::Refused)
            qWarning("acquire: %s", qPrintable(e.message()));
        sawBothActive = sawBothActive || (isActive() && other && other->isActive());
    }
};

// Two units of one name on two connections (two "processes"), held as
// unit-a and unit-b, so that a refusal names the holder.
struct TwoHolders
{
    explicit TwoHolders(TestDatabase &tdb)
        : second(tdb.open())
        , a(tdb.db())
        , b(*second)
    {
        a.setHolderId(QStringLiteral("unit-a"));
        b.setHolderId(QStringLiteral("unit-b"));
    }

    std::unique_ptr<Database> second;
    Unit a;
    Unit b;
};

qint64 leaseRows(TestDatabase &tdb)
{
    return tdb.scalar(QStringLiteral("SELECT count(*) FROM leases WHERE name = 'unit'"))
        .toLongLong();
}

} // namespace

void TestLeasedTimer::leaseIsTakenOnceBetweenTwo()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TwoHolders units(tdb);
    Unit &a = units.a;
    Unit &b = units.b;
    QSignalSpy aActive(&a, &LeasedTimer::activeChanged);

    QVERIFY(!a.acquire());
    QVERIFY(a.isActive());
    QCOMPARE(aActive.size(), 1);
    const Error refused = b.acquire();
    QCOMPARE(refused.kind(), ErrorKind::Refused);
    QCOMPARE(refused.message(), QStringLiteral("another unit is active (unit-a)"));
    QVERIFY(!b.isActive());
    // Renewing is not taking it again.
    QVERIFY(!a.acquire());
    QCOMPARE(aActive.size(), 1);
    QCOMPARE(leaseRows(tdb), 1);
}

void TestLeasedTimer::stopHandsTheLeaseOverAtOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TwoHolders units(tdb);
    Unit &a = units.a;
    Unit &b = units.b;
    a.start();
    QVERIFY(!a.acquire());
    QCOMPARE(b.acquire().kind(), ErrorKind::Refused);

    a.stop();
    QVERIFY(!a.isRunning());
    QVERIFY(!a.isActive());
    QCOMPARE(leaseRows(tdb), 0);
    QVERIFY(!b.acquire());
    QVERIFY(b.isActive());
    QCOMPARE(a.acquire().message(), QStringLiteral("another unit is active (unit-b)"));
}

void TestLeasedTimer::haltHandsItOverOnlyWhenItExpires()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TwoHolders units(tdb);
    Unit &a = units.a;
    Unit &b = units.b;
    a.start();
    QVERIFY(!a.acquire());

    a.halt();
    QVERIFY(!a.isRunning());
    QVERIFY(!a.isActive());
    QCOMPARE(leaseRows(tdb), 1); // as a crash leaves it
    QCOMPARE(b.acquire().kind(), ErrorKind::Refused);

    QVERIFY(tdb.exec(QStringLiteral("UPDATE leases SET expires_at = {NOW} - 1")));
    QVERIFY(!b.acquire());
    QVERIFY(b.isActive());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT holder FROM leases WHERE name = 'unit'")),
        QVariant(QStringLiteral("unit-b")));
}

// Two running timers whose owners try the lease at every pass, as the
// Scheduler and the Sweeper do: only one is ever active; when it halts, the
// other takes over once the lease has run out.
void TestLeasedTimer::timersTakeTurnsWhenTheHolderHalts()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    std::unique_ptr<Database> second = tdb.open();
    Unit a(tdb.db());
    Unit b(*second);
    a.other = &b;
    b.other = &a;
    for (Unit *t : {&a, &b}) {
        t->setIntervalMs(50);
        t->setLeaseTtlMs(1500);
    }
    QCOMPARE(a.leaseTtlMs(), 1500);
    a.start();
    QTRY_VERIFY(a.isActive());
    b.start();
    QTest::qWait(300);
    QVERIFY(a.isActive());
    QVERIFY(!b.isActive());

    a.halt();
    QTRY_VERIFY_WITH_TIMEOUT(b.isActive(), 10000);
    QVERIFY(!a.isActive());
    QVERIFY(b.passes > 5);
    QVERIFY(!a.sawBothActive);
    QVERIFY(!b.sawBothActive);
    b.stop();
    QCOMPARE(leaseRows(tdb), 0);
}

void TestLeasedTimer::intervalAndLeaseLifeFollowTheSetting()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Unit t(tdb.db());
    QCOMPARE(t.intervalMs(), 1000);
    QCOMPARE(t.leaseTtlMs(), 10000); // four intervals, but at least the minimum
    t.setSettingIntervalMs(5000);
    QCOMPARE(t.intervalMs(), 5000);
    QCOMPARE(t.leaseTtlMs(), 20000);
    t.setIntervalMs(100);
    QCOMPARE(t.intervalMs(), 100);
    t.setSettingIntervalMs(7000); // an override wins over the setting
    QCOMPARE(t.intervalMs(), 100);
    t.setLeaseTtlMs(700);
    QCOMPARE(t.leaseTtlMs(), 700);
    t.setIntervalMs(0);
    t.setLeaseTtlMs(0);
    QCOMPARE(t.intervalMs(), 7000);
    QCOMPARE(t.leaseTtlMs(), 28000);
}

void TestLeasedTimer::noPassAfterStop()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    Unit t(tdb.db());
    t.setIntervalMs(20);
    // The first pass comes at once, not one interval later, but not after a
    // stop that came before it.
    t.start();
    t.stop();
    QTest::qWait(200);
    QCOMPARE(t.passes, 0);
    t.start();
    QTRY_VERIFY(t.passes >= 3);
    t.halt();
    const int seen = t.passes;
    QTest::qWait(200);
    QCOMPARE(t.passes, seen);
}

TASKDESK_TEST_MAIN(TestLeasedTimer)
#include "tst_leasedtimer.moc"
