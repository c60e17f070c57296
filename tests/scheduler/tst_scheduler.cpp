#include "core/scheduling/cronexpression.h"
#include "core/scheduling/scheduler.h"
#include "core/scheduling/schedulestore.h"
#include "core/settings.h"
#include "core/tasks/taskstore.h"
#include "testdatabase.h"
#include "threadedobject.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>

using namespace taskdesk;
using taskdesk::test::TestDatabase;
using ThreadedScheduler = taskdesk::test::ThreadedObject<Scheduler>;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

qint64 utc(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toMSecsSinceEpoch();
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

Schedule everySeconds(const QString &name, qint64 seconds)
{
    Schedule s;
    s.name = name;
    s.kind = QStringLiteral("report");
    s.everyS = seconds;
    return s;
}

Schedule onCron(const QString &name, const QString &cron)
{
    Schedule s;
    s.name = name;
    s.kind = QStringLiteral("report");
    s.cron = cron;
    return s;
}

qint64 count(TestDatabase &tdb, const QString &sql, const QVariantList &values = {})
{
    return tdb.scalar(sql, values).toLongLong();
}

// "M * * * *" for the minute that was `agoMs` before now: its latest slot lies
// that far back and its next one an hour later, far from any boundary a test
// could cross while it runs.
QString hourlyCronAt(qint64 slotMs)
{
    return QStringLiteral("%1 * * * *").arg(slotMs / kMinute % 60);
}

} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase() { m_shared.reset(); }
    void cronNext_data();
    void cronNext();
    void cronLast_data();
    void cronLast();
    void cronAgreesWithAMinuteByMinuteSearch_data();
    void cronAgreesWithAMinuteByMinuteSearch();
    void cronRefusesBadExpressions_data();
    void cronRefusesBadExpressions();
    void scheduleValidation_data();
    void scheduleValidation();
    void addListUpdateEnableDisableRemove();
    void intervalSlotIsEnqueuedOnce();
    void cronSlotIsEnqueuedOnce();
    void missedSlotsAfterDowntimeMakeOneRun_data();
    void missedSlotsAfterDowntimeMakeOneRun();
    void disabledScheduleDoesNothing();
    void reenabledCronScheduleDoesNotCatchUp();
    void intervalChangeKeepsTheCadence();
    void slotRaceFromTwoConnectionsEnqueuesEachSlotOnce();
    void twoSchedulersRacingEnqueueEachSlotOnce();
    void onlyTheLeaseHolderSchedules();
    void timerDrivesTheScheduler();

private:
    // One database for the rows of a data-driven test, emptied for each row:
    // creating a PostgreSQL database per row would take most of the run.
    TestDatabase &shared(const QStringList &emptyFirst);
    std::unique_ptr<TestDatabase> m_shared;
};

TestDatabase &TestScheduler::shared(const QStringList &emptyFirst)
{
    if (!m_shared)
        m_shared = std::make_unique<TestDatabase>();
    if (m_shared->isValid()) {
        for (const QString &sql : emptyFirst)
            m_shared->exec(sql);
    }
    return *m_shared;
}

// ---------------------------------------------------------------- cron

void TestScheduler::cronNext_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected");

    // clang-format off
    QTest::newRow("every minute fires at the next minute")
        << "* * * * *" << "2024-01-01T00:00:30Z" << "2024-01-01T00:01:00Z";
    QTest::newRow("the next slot is strictly after the given time")
        << "* * * * *" << "2024-01-01T00:01:00Z" << "2024-01-01T00:02:00Z";
    QTest::newRow("every fifteen minutes lands on the quarter")
        << "*/15 * * * *" << "2024-01-01T00:14:59Z" << "2024-01-01T00:15:00Z";
    QTest::newRow("office hours skip the weekend")
        << "0 9-17 * * mon-fri" << "2024-01-05T17:30:00Z" << "2024-01-08T09:00:00Z";
    QTest::newRow("month names pick January and July")
        << "30 4 1 jan,jul *" << "2024-02-01T00:00:00Z" << "2024-07-01T04:30:00Z";
    QTest::newRow("the leap day comes four years later")
        << "0 0 29 2 *" << "2024-03-01T00:00:00Z" << "2028-02-29T00:00:00Z";
    QTest::newRow("day of month or day of week when both are restricted")
        << "0 12 13 * fri" << "2024-01-01T00:00:00Z" << "2024-01-05T12:00:00Z";
    QTest::newRow("day of week 7 is Sunday")
        << "0 0 * * 7" << "2024-01-01T00:00:00Z" << "2024-01-07T00:00:00Z";
    QTest::newRow("New Year's Eve rolls over the year")
        << "59 23 31 12 *" << "2024-12-31T23:59:00Z" << "2025-12-31T23:59:00Z";
    QTest::newRow("a stepped range runs to its end")
        << "10-40/10 * * * *" << "2024-01-01T00:35:00Z" << "2024-01-01T00:40:00Z";
    QTest::newRow("a start with a step runs to the end of the field")
        << "5/20 * * * *" << "2024-01-01T00:26:00Z" << "2024-01-01T00:45:00Z";
    QTest::newRow("the daily shorthand is midnight")
        << "@daily" << "2024-01-01T00:00:00Z" << "2024-01-02T00:00:00Z";
    QTest::newRow("a stepped day of month with a weekday needs both, like Vixie cron")
        << "0 0 */10 * mon" << "2024-01-01T00:00:00Z" << "2024-03-11T00:00:00Z";
    QTest::newRow("names are case-insensitive and mix with numbers")
        << "0 6 * JAN-Mar,9 SUN" << "2024-03-31T06:00:00Z" << "2024-09-01T06:00:00Z";
    QTest::newRow("the last day of a 31-day month skips short months")
        << "0 0 31 * *" << "2024-01-31T00:00:00Z" << "2024-03-31T00:00:00Z";
    QTest::newRow("a time with seconds is rounded to its minute")
        << "*/5 * * * *" << "2024-01-01T00:04:59.999Z" << "2024-01-01T00:05:00Z";
    // clang-format on
}

void TestScheduler::cronNext()
{
    QFETCH(QString, expression);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    Result<CronExpression> cron = CronExpression::parse(expression);
    QVERIFY2(cron.ok(), qPrintable(cron.error().message()));
    const std::optional<qint64> next = cron->next(utc(after));
    QVERIFY(next.has_value());
    QCOMPARE(iso(*next), iso(utc(expected)));
    QVERIFY(cron->matches(*next));
    const QDateTime viaDateTime = cron->next(QDateTime::fromMSecsSinceEpoch(utc(after), Qt::UTC));
    QCOMPARE(viaDateTime.toMSecsSinceEpoch(), *next);
}

void TestScheduler::cronLast_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("notAfter");
    QTest::addColumn<QString>("expected");

    // clang-format off
    QTest::newRow("a matching minute is its own last slot")
        << "*/5 * * * *" << "2024-01-01T00:05:00Z" << "2024-01-01T00:05:00Z";
    QTest::newRow("the seconds of a matching minute still count")
        << "*/5 * * * *" << "2024-01-01T00:05:59Z" << "2024-01-01T00:05:00Z";
    QTest::newRow("office hours reach back to Friday afternoon")
        << "0 9-17 * * mon-fri" << "2024-01-08T08:59:00Z" << "2024-01-05T17:00:00Z";
    QTest::newRow("the last leap day is four years back")
        << "0 0 29 2 *" << "2028-02-28T00:00:00Z" << "2024-02-29T00:00:00Z";
    QTest::newRow("New Year's Eve reaches into the previous year")
        << "59 23 31 12 *" << "2025-06-01T00:00:00Z" << "2024-12-31T23:59:00Z";
    QTest::newRow("a monthly slot crosses a short month backwards")
        << "0 0 31 * *" << "2024-03-30T00:00:00Z" << "2024-01-31T00:00:00Z";
    // clang-format on
}

void TestScheduler::cronLast()
{
    QFETCH(QString, expression);
    QFETCH(QString, notAfter);
    QFETCH(QString, expected);
    Result<CronExpression> cron = CronExpression::parse(expression);
    QVERIFY2(cron.ok(), qPrintable(cron.error().message()));
    const std::optional<qint64> last = cron->last(utc(notAfter));
    QVERIFY(last.has_value());
    QCOMPARE(iso(*last), iso(utc(expected)));
}

void TestScheduler::cronAgreesWithAMinuteByMinuteSearch_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("from");

    const char *expressions[] = {
        "*/7 * * * *",
        "0 9-17 * * mon-fri",
        "15,45 */3 1-10 * *",
        "0 0 13 * fri",
        "30 2 * * 0,7",
        "0 0 */10 * mon",
        "5/20 8-10 * jan-mar,sep *",
        "@hourly",
        "0 0 29 2 *",
        "59 23 28-31 * *",
    };
    for (const char *e : expressions) {
        QTest::addRow("'%s' around a leap day", e)
            << QString::fromLatin1(e) << "2024-02-10T00:00:00Z";
        QTest::addRow("'%s' around New Year", e)
            << QString::fromLatin1(e) << "2023-12-10T00:00:00Z";
    }
}

// next() and last() skip whole months, days and hours; matches() looks at one
// minute. Over forty days they must agree on every slot.
void TestScheduler::cronAgreesWithAMinuteByMinuteSearch()
{
    QFETCH(QString, expression);
    QFETCH(QString, from);
    Result<CronExpression> cron = CronExpression::parse(expression);
    QVERIFY2(cron.ok(), qPrintable(cron.error().message()));
    const qint64 start = utc(from);
    const qint64 end = start + 40 * kDay;
    QVector<qint64> slotTimes;
    for (qint64 t = start; t <= end; t += kMinute) {
        if (cron->matches(t))
            slotTimes.append(t);
    }
    QRandomGenerator random(42);
    for (qint64 t = start; t < end; t += 37 * kMinute + random.bounded(60000)) {
        const auto after = std::upper_bound(slotTimes.cbegin(), slotTimes.cend(), t);
        const std::optional<qint64> next = cron->next(t);
        QVERIFY(next.has_value());
        if (after != slotTimes.cend())
            QCOMPARE(iso(*next), iso(*after));
        else
            QVERIFY(*next > end);

        const std::optional<qint64> last = cron->last(t);
        QVERIFY(last.has_value());
        auto atOrBefore = std::upper_bound(slotTimes.cbegin(), slotTimes.cend(), t);
        if (atOrBefore != slotTimes.cbegin())
            QCOMPARE(iso(*last), iso(*std::prev(atOrBefore)));
        else
            QVERIFY(*last < start);
    }
}

void TestScheduler::cronRefusesBadExpressions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");

    // clang-format off
    QTest::newRow("an empty expression has no fields")
        << "" << "expected five fields (minute hour day-of-month month day-of-week), got 0";
    QTest::newRow("four fields are one short")
        << "* * * *" << "expected five fields";
    QTest::newRow("six fields (with seconds) are one too many")
        << "0 * * * * *" << "got 6";
    QTest::newRow("minute 60 is out of range")
        << "60 * * * *" << "minute field: '60' is out of range 0-59";
    QTest::newRow("hour 24 is out of range")
        << "0 24 * * *" << "hour field: '24' is out of range 0-23";
    QTest::newRow("day of month 0 is out of range")
        << "0 0 0 * *" << "day-of-month field: '0' is out of range 1-31";
    QTest::newRow("month 13 is out of range")
        << "0 0 1 13 *" << "month field: '13' is out of range 1-12";
    QTest::newRow("day of week 8 is out of range")
        << "0 0 * * 8" << "day-of-week field: '8' is out of range 0-7";
    QTest::newRow("a backwards range is refused")
        << "0 17-9 * * *" << "hour field: range '17-9' runs backwards";
    QTest::newRow("a step of zero is refused")
        << "*/0 * * * *" << "minute field: step '0' in '*/0' must be a number from 1 to 60";
    QTest::newRow("a step longer than the field is refused")
        << "0 */25 * * *" << "hour field: step '25' in '*/25' must be a number from 1 to 24";
    QTest::newRow("an unknown month name is refused")
        << "0 0 1 foo *" << "month field: 'foo' is not a number or a month name (jan-dec)";
    QTest::newRow("an unknown day name is refused")
        << "0 0 * * funday" << "day-of-week field: 'funday' is not a number or a day name";
    QTest::newRow("a month name in the minute field is refused")
        << "jan * * * *" << "minute field: 'jan' is not a number";
    QTest::newRow("an empty list element is refused")
        << "1,,2 * * * *" << "minute field: empty element in '1,,2'";
    QTest::newRow("a range without an end is refused")
        << "5- * * * *" << "minute field: range '5-' is missing an end";
    QTest::newRow("a negative number is refused")
        << "0 0 -1 * *" << "day-of-month field: '-1' is not a number";
    QTest::newRow("February 30 never comes")
        << "0 0 30 2 *" << "matches no date";
    QTest::newRow("an unknown shorthand is refused")
        << "@fortnightly" << "unknown shorthand";
    QTest::newRow("@reboot means nothing to a scheduler")
        << "@reboot" << "unknown shorthand";
    // clang-format on
}

void TestScheduler::cronRefusesBadExpressions()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    Result<CronExpression> cron = CronExpression::parse(expression);
    QVERIFY(!cron.ok());
    QCOMPARE(cron.error().kind(), ErrorKind::Invalid);
    QVERIFY2(cron.error().message().contains(message), qPrintable(cron.error().message()));
    QVERIFY2(cron.error().message().startsWith(QStringLiteral("invalid cron expression")),
        qPrintable(cron.error().message()));
}

// ---------------------------------------------------------------- schedules

void TestScheduler::scheduleValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("queue");
    QTest::addColumn<int>("priority");
    QTest::addColumn<qint64>("everyS");
    QTest::addColumn<QString>("cron");
    QTest::addColumn<QString>("error"); // empty: accepted

    // clang-format off
    QTest::newRow("an hourly interval schedule is accepted")
        << "hourly" << "report" << "{}" << "default" << 0 << qint64(3600) << "" << "";
    QTest::newRow("a cron schedule with args and priority is accepted")
        << "nightly.warmup" << "warmup" << R"({"accounts": [1, 2]})" << "slow" << 10
        << qint64(0) << "30 2 * * *" << "";
    QTest::newRow("an interval of one second is accepted")
        << "tick" << "ping" << "[]" << "default" << 0 << qint64(1) << "" << "";
    QTest::newRow("an empty name is refused")
        << "" << "report" << "{}" << "default" << 0 << qint64(60) << ""
        << "invalid schedule name";
    QTest::newRow("a name with a space is refused")
        << "my job" << "report" << "{}" << "default" << 0 << qint64(60) << ""
        << "invalid schedule name 'my job'";
    QTest::newRow("a kind with a slash is refused")
        << "x" << "../bin/sh" << "{}" << "default" << 0 << qint64(60) << ""
        << "invalid task kind";
    QTest::newRow("an empty queue is refused")
        << "x" << "report" << "{}" << "" << 0 << qint64(60) << "" << "invalid queue name";
    QTest::newRow("a priority of 5000 is refused")
        << "x" << "report" << "{}" << "default" << 5000 << qint64(60) << ""
        << "priority must be between";
    QTest::newRow("args that are not JSON are refused")
        << "x" << "report" << "{oops" << "default" << 0 << qint64(60) << ""
        << "args are not valid JSON";
    QTest::newRow("args that are a bare number are refused")
        << "x" << "report" << "42" << "default" << 0 << qint64(60) << ""
        << "args must be a JSON object or array";
    QTest::newRow("neither an interval nor a cron expression is refused")
        << "x" << "report" << "{}" << "default" << 0 << qint64(0) << ""
        << "needs an interval (every N seconds) or a cron expression";
    QTest::newRow("both an interval and a cron expression are refused")
        << "x" << "report" << "{}" << "default" << 0 << qint64(60) << "* * * * *"
        << "not both";
    QTest::newRow("a negative interval is refused")
        << "x" << "report" << "{}" << "default" << 0 << qint64(-5) << ""
        << "between 1 and 31622400 seconds";
    QTest::newRow("an interval over a year is refused")
        << "x" << "report" << "{}" << "default" << 0 << qint64(400LL * 24 * 3600) << ""
        << "between 1 and 31622400 seconds";
    QTest::newRow("a bad cron expression names its field")
        << "x" << "report" << "{}" << "default" << 0 << qint64(0) << "0 25 * * *"
        << "hour field: '25' is out of range 0-23";
    // clang-format on
}

void TestScheduler::scheduleValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, kind);
    QFETCH(QString, args);
    QFETCH(QString, queue);
    QFETCH(int, priority);
    QFETCH(qint64, everyS);
    QFETCH(QString, cron);
    QFETCH(QString, error);

    TestDatabase &tdb = shared(
        {QStringLiteral("DELETE FROM schedules"), QStringLiteral("DELETE FROM audit_log")});
    TASKDESK_REQUIRE_DB(tdb);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    Schedule s;
    s.name = name;
    s.kind = kind;
    s.args = args;
    s.queue = queue;
    s.priority = priority;
    s.everyS = everyS;
    s.cron = cron;
    Result<qint64> id = store.add(s);
    if (error.isEmpty()) {
        QVERIFY2(id.ok(), qPrintable(id.error().message()));
        Result<Schedule> stored = store.find(name);
        QVERIFY(stored.ok());
        QCOMPARE(stored->kind, kind);
        QCOMPARE(stored->queue, queue);
        QCOMPARE(stored->priority, priority);
        QCOMPARE(
            QJsonDocument::fromJson(stored->args.toUtf8()), QJsonDocument::fromJson(args.toUtf8()));
        QCOMPARE(count(tdb,
                     QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                    "'schedule_add' AND actor = 'tester'")),
            1);
    } else {
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind(), ErrorKind::Invalid);
        QVERIFY2(id.error().message().contains(error), qPrintable(id.error().message()));
        QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM schedules")), 0);
        QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM audit_log")), 0);
    }
}

void TestScheduler::addListUpdateEnableDisableRemove()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    QVERIFY(store.add(everySeconds(QStringLiteral("b-minutely"), 60)).ok());
    QVERIFY(store.add(onCron(QStringLiteral("a-nightly"), QStringLiteral("0  3 * * *"))).ok());

    Result<qint64> duplicate = store.add(everySeconds(QStringLiteral("a-nightly"), 5));
    QVERIFY(!duplicate.ok());
    QCOMPARE(
        duplicate.error().message(), QStringLiteral("a schedule named 'a-nightly' already exists"));

    Result<QVector<Schedule>> all = store.list();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).name, QStringLiteral("a-nightly"));
    QCOMPARE(all->at(0).cron, QStringLiteral("0 3 * * *")); // stored tidied
    QCOMPARE(all->at(0).timing(), QStringLiteral("cron 0 3 * * *"));
    QCOMPARE(all->at(1).timing(), QStringLiteral("every 60 s"));
    QVERIFY(all->at(0).dbNow > 0);
    // A nightly slot is at 03:00 UTC within a day.
    const std::optional<qint64> next = all->at(0).nextSlot(all->at(0).dbNow);
    QVERIFY(next.has_value());
    QVERIFY(*next > all->at(0).dbNow && *next <= all->at(0).dbNow + kDay);
    QCOMPARE(*next % kDay, 3 * kHour);
    const QJsonObject json = all->at(0).toJson();
    QCOMPARE(json.value(QStringLiteral("cron")).toString(), QStringLiteral("0 3 * * *"));
    QVERIFY(json.value(QStringLiteral("args")).isObject());
    QVERIFY(json.value(QStringLiteral("next_slot_at"))
                .toString()
                .endsWith(QStringLiteral("T03:00:00Z")));

    QVERIFY(!store.setEnabled(QStringLiteral("a-nightly"), false));
    QCOMPARE(store.list(true)->size(), 1);
    QVERIFY(!store.find(QStringLiteral("a-nightly"))->nextSlot(all->at(0).dbNow));
    // Disabling twice changes nothing and audits once.
    QVERIFY(!store.setEnabled(QStringLiteral("a-nightly"), false));
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'schedule_disable'")),
        1);
    QVERIFY(!store.setEnabled(QStringLiteral("a-nightly"), true));
    QCOMPARE(store.list(true)->size(), 2);

    Error missing = store.setEnabled(QStringLiteral("nope"), true);
    QCOMPARE(missing.kind(), ErrorKind::NotFound);
    QCOMPARE(missing.message(), QStringLiteral("no schedule named 'nope'"));

    Schedule changed = *store.find(QStringLiteral("b-minutely"));
    changed.name = QStringLiteral("c-every-five");
    changed.everyS = 300;
    changed.queue = QStringLiteral("reports");
    QVERIFY(!store.update(changed));
    Result<Schedule> updated = store.find(QStringLiteral("c-every-five"));
    QVERIFY(updated.ok());
    QCOMPARE(updated->everyS, qint64(300));
    QCOMPARE(updated->queue, QStringLiteral("reports"));
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'schedule_update' AND details {LIKE} ?"),
                 {QStringLiteral("%every_seconds%")}),
        1);

    changed.name = QStringLiteral("a-nightly");
    Error clash = store.update(changed);
    QCOMPARE(clash.message(), QStringLiteral("a schedule named 'a-nightly' already exists"));
    changed.everyS = 0;
    QVERIFY(store.update(changed).message().contains(QStringLiteral("needs an interval")));

    QVERIFY(!store.remove(QStringLiteral("a-nightly")));
    QCOMPARE(store.remove(QStringLiteral("a-nightly")).kind(), ErrorKind::NotFound);
    QCOMPARE(store.list()->size(), 1);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'schedule_remove'")),
        1);
}

void TestScheduler::intervalSlotIsEnqueuedOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    Schedule s = everySeconds(QStringLiteral("hourly-report"), 3600);
    s.args = QStringLiteral(R"({"format": "pdf"})");
    s.queue = QStringLiteral("reports");
    s.priority = 7;
    Result<qint64> id = store.add(s);
    QVERIFY(id.ok());

    Scheduler scheduler(tdb.db());
    QSignalSpy enqueued(&scheduler, &Scheduler::enqueued);
    // A new interval schedule runs at once, then an hour later.
    QCOMPARE(scheduler.runDue().value(), 1);
    QCOMPARE(scheduler.runDue().value(), 0);
    QCOMPARE(scheduler.runDue().value(), 0);
    QCOMPARE(enqueued.size(), 1);
    QVERIFY(scheduler.isActive());

    const qint64 taskId = enqueued.at(0).at(1).toLongLong();
    const qint64 slot = enqueued.at(0).at(2).toLongLong();
    TaskStore tasks(tdb.db());
    Result<Task> task = tasks.reader().task(taskId);
    QVERIFY(task.ok());
    QCOMPARE(task->scheduleId, *id);
    QCOMPARE(task->name, QStringLiteral("hourly-report"));
    QCOMPARE(task->kind, QStringLiteral("report"));
    QCOMPARE(task->queue, QStringLiteral("reports"));
    QCOMPARE(task->priority, 7);
    QCOMPARE(QJsonDocument::fromJson(task->args.toUtf8()).object().value(QStringLiteral("format")),
        QJsonValue(QStringLiteral("pdf")));
    QCOMPARE(task->status, TaskStatus::Pending);

    Result<Schedule> after = store.find(QStringLiteral("hourly-report"));
    QCOMPARE(after->lastSlotAt, slot);
    QCOMPARE(after->anchorAt, slot);
    QCOMPARE(after->lastTaskId, taskId);
    QCOMPARE(after->lastTaskStatus, QStringLiteral("PENDING"));
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM schedule_runs")), 1);
    QCOMPARE(count(tdb, QStringLiteral("SELECT task_id FROM schedule_runs")), taskId);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'schedule_enqueue' AND actor = 'scheduler' AND task_id = ?"),
                 {taskId}),
        1);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM task_log WHERE task_id = ? AND "
                                "message {LIKE} ?"),
                 {taskId, QStringLiteral("%schedule 'hourly-report'%")}),
        1);

    // An hour passes (everything moves an hour into the past): one more run.
    for (const char *sql : {"UPDATE schedules SET anchor_at = anchor_at - ?, last_slot_at = "
                            "last_slot_at - ?",
             "UPDATE schedule_runs SET slot_at = slot_at - ?, created_at = created_at - ?"})
        QVERIFY(tdb.exec(QString::fromLatin1(sql), {kHour, kHour}));
    QCOMPARE(scheduler.runDue().value(), 1);
    QCOMPARE(scheduler.runDue().value(), 0);
    QCOMPARE(enqueued.size(), 2);
    QCOMPARE(enqueued.at(1).at(2).toLongLong(), slot); // anchor (now an hour back) + one hour
    QCOMPARE(
        count(tdb, QStringLiteral("SELECT count(*) FROM tasks WHERE schedule_id = ?"), {*id}), 2);
}

void TestScheduler::cronSlotIsEnqueuedOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const qint64 now = tdb.db().now().value();
    const qint64 slot = (now - 30 * kMinute) / kMinute * kMinute;
    const QString cron
        = QStringLiteral("%1 %2 * * *").arg(slot / kMinute % 60).arg(slot / kHour % 24);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    Result<qint64> id = store.add(onCron(QStringLiteral("daily"), cron));
    QVERIFY(id.ok());

    Scheduler scheduler(tdb.db());
    // Created after today's slot: nothing is due until tomorrow.
    QCOMPARE(scheduler.runDue().value(), 0);
    QCOMPARE(store.find(QStringLiteral("daily"))->nextSlot(now).value(), slot + kDay);

    // Created two hours ago instead: today's slot is due, once.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE schedules SET anchor_at = ?"), {now - 2 * kHour}));
    QSignalSpy enqueued(&scheduler, &Scheduler::enqueued);
    QCOMPARE(scheduler.runDue().value(), 1);
    QCOMPARE(scheduler.runDue().value(), 0);
    QCOMPARE(enqueued.size(), 1);
    QCOMPARE(iso(enqueued.at(0).at(2).toLongLong()), iso(slot));
    QCOMPARE(
        count(tdb, QStringLiteral("SELECT count(*) FROM tasks WHERE schedule_id = ?"), {*id}), 1);
    QCOMPARE(count(tdb, QStringLiteral("SELECT slot_at FROM schedule_runs")), slot);
    QCOMPARE(store.find(QStringLiteral("daily"))->nextSlot(now).value(), slot + kDay);
}

void TestScheduler::missedSlotsAfterDowntimeMakeOneRun_data()
{
    QTest::addColumn<bool>("useCron");
    QTest::addColumn<qint64>("downtimeMs");
    QTest::newRow("an hourly interval schedule after ten hours down") << false << 10 * kHour;
    QTest::newRow("an hourly cron schedule after a day down") << true << kDay;
    QTest::newRow("an hourly interval schedule after a month down") << false << 30 * kDay;
}

void TestScheduler::missedSlotsAfterDowntimeMakeOneRun()
{
    QFETCH(bool, useCron);
    QFETCH(qint64, downtimeMs);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const qint64 now = tdb.db().now().value();
    // The latest slot lies half an hour back, the next one half an hour ahead.
    const qint64 latest = (now - 30 * kMinute) / kMinute * kMinute;
    const qint64 lastRun = latest - downtimeMs;
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    Result<qint64> id = store.add(useCron ? onCron(QStringLiteral("s"), hourlyCronAt(latest))
                                          : everySeconds(QStringLiteral("s"), 3600));
    QVERIFY(id.ok());
    // The last run was `downtime` before the latest slot, then nobody scheduled.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE schedules SET anchor_at = ?, last_slot_at = ?"),
        {lastRun, lastRun}));

    Scheduler scheduler(tdb.db());
    QSignalSpy enqueued(&scheduler, &Scheduler::enqueued);
    QCOMPARE(scheduler.runDue().value(), 1);
    QCOMPARE(scheduler.runDue().value(), 0);
    QCOMPARE(enqueued.size(), 1);
    QCOMPARE(iso(enqueued.at(0).at(2).toLongLong()), iso(latest));
    QCOMPARE(
        count(tdb, QStringLiteral("SELECT count(*) FROM tasks WHERE schedule_id = ?"), {*id}), 1);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM schedule_runs")), 1);
    QCOMPARE(store.find(QStringLiteral("s"))->lastSlotAt, latest);
    const QString details = tdb.scalar(QStringLiteral("SELECT details FROM audit_log WHERE action "
                                                      "= 'schedule_enqueue'"))
                                .toString();
    QCOMPARE(QJsonDocument::fromJson(details.toUtf8())
                 .object()
                 .value(QStringLiteral("previous_slot_at"))
                 .toString(),
        iso(lastRun));
}

void TestScheduler::disabledScheduleDoesNothing()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    Schedule s = everySeconds(QStringLiteral("off"), 60);
    s.enabled = false;
    QVERIFY(store.add(s).ok());
    QVERIFY(store.add(onCron(QStringLiteral("off-cron"), QStringLiteral("* * * * *"))).ok());
    QVERIFY(!store.setEnabled(QStringLiteral("off-cron"), false));
    // Long overdue, but off.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE schedules SET anchor_at = anchor_at - ?"), {kDay}));

    Scheduler scheduler(tdb.db());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(scheduler.runDue().value(), 0);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM tasks")), 0);
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM schedule_runs")), 0);

    // A slot computed before the schedule was disabled is refused as well.
    Schedule stale = *store.find(QStringLiteral("off"));
    TaskStore tasks(tdb.db(), QStringLiteral("scheduler"));
    Result<std::optional<qint64>> late
        = store.enqueueSlot(stale, tdb.db().now().value() - kMinute, tasks);
    QVERIFY(late.ok());
    QVERIFY(!late->has_value());

    QVERIFY(!store.setEnabled(QStringLiteral("off"), true));
    QCOMPARE(scheduler.runDue().value(), 1); // an interval schedule runs once it is on
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM tasks")), 1);
}

void TestScheduler::reenabledCronScheduleDoesNotCatchUp()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const qint64 now = tdb.db().now().value();
    const qint64 latest = (now - 30 * kMinute) / kMinute * kMinute;
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    QVERIFY(store.add(onCron(QStringLiteral("hourly"), hourlyCronAt(latest))).ok());
    QVERIFY(tdb.exec(QStringLiteral("UPDATE schedules SET anchor_at = ?"), {now - kDay}));
    QVERIFY(!store.setEnabled(QStringLiteral("hourly"), false));
    QVERIFY(!store.setEnabled(QStringLiteral("hourly"), true));

    Scheduler scheduler(tdb.db());
    QCOMPARE(scheduler.runDue().value(), 0);
    Result<Schedule> s = store.find(QStringLiteral("hourly"));
    QCOMPARE(iso(s->nextSlot(s->dbNow).value()), iso(latest + kHour));
}

void TestScheduler::intervalChangeKeepsTheCadence()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    QVERIFY(store.add(everySeconds(QStringLiteral("s"), 3600)).ok());
    Scheduler scheduler(tdb.db());
    QCOMPARE(scheduler.runDue().value(), 1);
    const qint64 lastSlot = store.find(QStringLiteral("s"))->lastSlotAt;

    // Every two hours from now on: counted from the last run, not run again now.
    Schedule s = *store.find(QStringLiteral("s"));
    s.everyS = 7200;
    QVERIFY(!store.update(s));
    QCOMPARE(scheduler.runDue().value(), 0);
    Result<Schedule> after = store.find(QStringLiteral("s"));
    QCOMPARE(after->anchorAt, lastSlot);
    QCOMPARE(after->nextSlot(after->dbNow).value(), lastSlot + 2 * kHour);

    // Changing only the args keeps the anchor.
    s = *after;
    s.args = QStringLiteral(R"({"v": 2})");
    QVERIFY(!store.update(s));
    QCOMPARE(store.find(QStringLiteral("s"))->anchorAt, lastSlot);
}

// The slot's unique key, without the lease: two connections insist on the
// same slots at the same time, in two threads.
void TestScheduler::slotRaceFromTwoConnectionsEnqueuesEachSlotOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    QVERIFY(store.add(everySeconds(QStringLiteral("raced"), 1)).ok());
    const Schedule schedule = *store.find(QStringLiteral("raced"));
    const qint64 base = schedule.dbNow - kHour;
    constexpr int kSlots = 150;

    std::atomic<int> won[2] = {0, 0};
    std::atomic<int> failures{0};
    QString firstFailure;
    std::atomic<int> ready{0};
    auto racer = [&](int index) {
        std::unique_ptr<Database> db = tdb.open();
        ScheduleStore mine(*db, QStringLiteral("scheduler"));
        TaskStore tasks(*db, QStringLiteral("scheduler"));
        // Both connections open before either starts.
        ++ready;
        while (ready.load() < 2)
            QThread::yieldCurrentThread();
        for (int i = 0; i < kSlots; ++i) {
            // Each side sometimes runs a slot twice, like a scheduler that retries.
            for (int repeat = 0; repeat < (i % 5 == index ? 2 : 1); ++repeat) {
                Result<std::optional<qint64>> r
                    = mine.enqueueSlot(schedule, base + i * 1000, tasks);
                if (!r.ok()) {
                    if (failures++ == 0)
                        firstFailure = r.error().message();
                } else if (r->has_value()) {
                    ++won[index];
                }
            }
        }
    };
    QThread *a = QThread::create(racer, 0);
    QThread *b = QThread::create(racer, 1);
    a->start();
    b->start();
    QVERIFY(a->wait(120000));
    QVERIFY(b->wait(120000));
    delete a;
    delete b;
    QVERIFY2(failures == 0, qPrintable(firstFailure));

    const qint64 tasks = count(tdb, QStringLiteral("SELECT count(*) FROM tasks"));
    const qint64 runs = count(tdb, QStringLiteral("SELECT count(*) FROM schedule_runs"));
    qInfo("%d and %d of %d slots enqueued by each side", won[0].load(), won[1].load(), kSlots);
    QCOMPARE(tasks, qint64(won[0] + won[1]));
    QCOMPARE(runs, tasks);
    QVERIFY(tasks >= 1 && tasks <= kSlots);
    // Every run points to its own task, every task to its run.
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(DISTINCT task_id) FROM schedule_runs")), runs);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM schedule_runs r JOIN tasks t ON "
                                "t.id = r.task_id AND t.schedule_id = r.schedule_id")),
        runs);
    QCOMPARE(count(tdb,
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                "'schedule_enqueue'")),
        runs);
    QCOMPARE(store.find(QStringLiteral("raced"))->lastSlotAt,
        count(tdb, QStringLiteral("SELECT max(slot_at) FROM schedule_runs")));
    // The last slot is always run: nobody can be past it.
    QCOMPARE(count(tdb, QStringLiteral("SELECT max(slot_at) FROM schedule_runs")),
        base + (kSlots - 1) * 1000);
}

// Two whole schedulers on two connections and two threads. The lease is handed
// from one to the other every 70 ms, so that a former holder still acts on its
// last renewal while the new one acts already: only the slot's unique key keeps
// them apart. (Handed, not just expired: an expired lease goes to whichever
// ticks first, and one scheduler could win nearly every time.)
void TestScheduler::twoSchedulersRacingEnqueueEachSlotOnce()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    constexpr int kSchedules = 6;
    for (int i = 0; i < kSchedules; ++i)
        QVERIFY(store.add(everySeconds(QStringLiteral("every-second-%1").arg(i), 1)).ok());

    int enqueuedBy[2] = {0, 0};
    ThreadedScheduler a(tdb, QStringLiteral("scheduler-a"));
    ThreadedScheduler b(tdb, QStringLiteral("scheduler-b"));
    int index = 0;
    for (ThreadedScheduler *t : {&a, &b}) {
        connect(t->object(), &Scheduler::enqueued, this,
            [&enqueuedBy, index](qint64, qint64, qint64) { ++enqueuedBy[index]; });

        // Intervals that drift against each other: either one may come first.
        const qint64 interval = index == 0 ? 20 : 23;
        t->run([interval](Scheduler *s) {
            s->setIntervalMs(interval);
            // A holder renews after a third of this: a lease handed on is
            // noticed within 100 ms.
            s->setLeaseTtlMs(300);
            s->start();
        });
        ++index;
    }
    QElapsedTimer clock;
    clock.start();
    // At least four seconds, and until each one has won a few slots (which of
    // the two enqueues a slot is up to the threads' timing).
    for (int turn = 0; clock.elapsed() < 30000
         && (clock.elapsed() < 4000 || std::min(enqueuedBy[0], enqueuedBy[1]) < 3);
         ++turn) {
        // 70 ms a turn: two turns do not divide the second on which the slots
        // fall, so the slots land in either one's turns.
        QTest::qWait(70);
        QVERIFY(tdb.exec(QStringLiteral("UPDATE leases SET holder = ?, expires_at = {NOW} + 3000 "
                                        "WHERE name = 'scheduler'"),
            {turn % 2 == 0 ? QStringLiteral("scheduler-b") : QStringLiteral("scheduler-a")}));
    }
    for (ThreadedScheduler *t : {&a, &b})
        t->run([](Scheduler *s) { s->stop(); });
    QCoreApplication::processEvents();
    QTest::qWait(50);

    qInfo("scheduler a enqueued %d, scheduler b %d", enqueuedBy[0], enqueuedBy[1]);
    QVERIFY2(enqueuedBy[0] >= 3 && enqueuedBy[1] >= 3, "both schedulers should have acted");
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM tasks")),
        qint64(enqueuedBy[0] + enqueuedBy[1]));
    for (int i = 0; i < kSchedules; ++i) {
        const Schedule s = *store.find(QStringLiteral("every-second-%1").arg(i));
        Result<QSqlQuery> q = tdb.db().prepare(QStringLiteral(
            "SELECT r.slot_at, count(t.id) FROM schedule_runs r LEFT JOIN tasks t ON t.schedule_id "
            "= r.schedule_id AND t.id = r.task_id WHERE r.schedule_id = :s GROUP BY r.slot_at "
            "ORDER BY r.slot_at"));
        QVERIFY(q.ok());
        q.value().bindValue(QStringLiteral(":s"), s.id);
        QVERIFY(!tdb.db().exec(q.value()));
        QVector<qint64> slotTimes;
        while (q.value().next()) {
            QCOMPARE(q.value().value(1).toInt(), 1);
            slotTimes.append(q.value().value(0).toLongLong());
        }
        QVERIFY2(slotTimes.size() >= 3, qPrintable(s.name));
        QCOMPARE(
            count(tdb, QStringLiteral("SELECT count(*) FROM tasks WHERE schedule_id = ?"), {s.id}),
            qint64(slotTimes.size()));
        for (int k = 0; k < slotTimes.size(); ++k) {
            QCOMPARE((slotTimes.at(k) - s.anchorAt) % 1000, qint64(0));
            // A gap means a slot folded into a later one: only when both
            // threads stalled for more than a second, which a busy machine may do.
            if (k > 0 && slotTimes.at(k) - slotTimes.at(k - 1) != 1000)
                qInfo("%s: %lld ms between slots", qPrintable(s.name),
                    slotTimes.at(k) - slotTimes.at(k - 1));
        }
    }
}

void TestScheduler::onlyTheLeaseHolderSchedules()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    std::unique_ptr<Database> second = tdb.open();
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    QVERIFY(store.add(everySeconds(QStringLiteral("s"), 3600)).ok());

    Scheduler a(tdb.db());
    Scheduler b(*second);
    a.setHolderId(QStringLiteral("scheduler-a"));
    b.setHolderId(QStringLiteral("scheduler-b"));
    QCOMPARE(b.runDue().value(), 1);
    Result<int> refused = a.runDue();
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind(), ErrorKind::Refused);
    QCOMPARE(
        refused.error().message(), QStringLiteral("another scheduler is active (scheduler-b)"));
    QVERIFY(!a.isActive());
    QVERIFY(b.isActive());

    // The holder goes quiet; once its lease expires the other one takes over.
    QVERIFY(tdb.exec(QStringLiteral("UPDATE leases SET expires_at = {NOW} - 1")));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE schedules SET anchor_at = anchor_at - ?, last_slot_at "
                                    "= last_slot_at - ?"),
        {kHour, kHour}));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE schedule_runs SET slot_at = slot_at - ?"), {kHour}));
    QCOMPARE(a.runDue().value(), 1);
    QVERIFY(a.isActive());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT holder FROM leases WHERE name = 'scheduler'")),
        QVariant(QStringLiteral("scheduler-a")));
    QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM tasks")), 2);
}

void TestScheduler::timerDrivesTheScheduler()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    ScheduleStore store(tdb.db(), QStringLiteral("tester"));
    QVERIFY(store.add(everySeconds(QStringLiteral("tick"), 1)).ok());
    {
        Scheduler scheduler(tdb.db());
        scheduler.setIntervalMs(50);
        QSignalSpy active(&scheduler, &Scheduler::activeChanged);
        scheduler.start();
        QVERIFY(scheduler.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(
            count(tdb, QStringLiteral("SELECT count(*) FROM tasks")) >= 3, 20000);
        QVERIFY(scheduler.isActive());
        QCOMPARE(active.size(), 1);
        QCOMPARE(
            count(tdb, QStringLiteral("SELECT count(*) FROM leases WHERE name = 'scheduler'")), 1);
        scheduler.stop();
        QVERIFY(!scheduler.isActive());
        // Stopping hands the lease back at once.
        QCOMPARE(
            count(tdb, QStringLiteral("SELECT count(*) FROM leases WHERE name = 'scheduler'")), 0);
        const qint64 made = count(tdb, QStringLiteral("SELECT count(*) FROM tasks"));
        QTest::qWait(1500);
        QCOMPARE(count(tdb, QStringLiteral("SELECT count(*) FROM tasks")), made);
    }
}

TASKDESK_TEST_MAIN(TestScheduler)
#include "tst_scheduler.moc"
