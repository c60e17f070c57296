// The rules of a task in one place (taskrules): which status allows which
// operator action, checked against the state table written out below; that
// the statements of OperatorActions refuse exactly what the rules refuse; and
// that "stuck" in C++ and in SQL are one definition. On a real SQLite file or
// a real PostgreSQL database.

#include "core/tasks/operatoractions.h"
#include "core/tasks/taskrules.h"
#include "core/tasks/taskstore.h"
#include "storetest.h"
#include "testdatabase.h"

#include <QObject>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

// DESIGN.md's state table, written out: the statuses each action is taken from.
// Any other pair is refused.
bool expectedAllowed(TaskAction action, TaskStatus status)
{
    static const QSet<QPair<int, int>> allowed = {
        {int(TaskAction::ForceStop), int(TaskStatus::Running)},
        {int(TaskAction::Cancel), int(TaskStatus::Pending)},
        {int(TaskAction::Cancel), int(TaskStatus::Running)},
        {int(TaskAction::Restart), int(TaskStatus::Completed)},
        {int(TaskAction::Restart), int(TaskStatus::Failed)},
        {int(TaskAction::Delete), int(TaskStatus::Pending)},
        {int(TaskAction::Delete), int(TaskStatus::Completed)},
        {int(TaskAction::Delete), int(TaskStatus::Failed)},
    };
    return allowed.contains({int(action), int(status)});
}

// The status a done action leaves.
QString expectedAfter(TaskAction action)
{
    switch (action) {
    case TaskAction::ForceStop:
    case TaskAction::Cancel:
        return QStringLiteral("FAILED");
    case TaskAction::Restart:
        return QStringLiteral("PENDING");
    case TaskAction::Delete:
        return QStringLiteral("DELETED");
    }
    return {};
}

const QVector<TaskAction> kActions
    = {TaskAction::ForceStop, TaskAction::Cancel, TaskAction::Restart, TaskAction::Delete};
const QVector<TaskStatus> kStatuses
    = {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed};

void addEveryPair()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("allowed");
    for (TaskAction a : kActions) {
        for (TaskStatus s : kStatuses) {
            const bool allowed = expectedAllowed(a, s);
            QTest::addRow("%s of a %s task is %s", qPrintable(taskrules::auditName(a)),
                qPrintable(statusName(s).toLower()), allowed ? "allowed" : "refused")
                << int(a) << int(s) << allowed;
        }
    }
}

} // namespace

class TaskRulesTest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void everyActionAndStatusIsListed();
    void allowsFollowsTheStateTable_data() { addEveryPair(); }
    void allowsFollowsTheStateTable();
    void auditNamesAreStable();
    void theFenceSelectsExactlyTheAllowedStatuses();
    void theStatementRefusesWhatTheRulesRefuse_data() { addEveryPair(); }
    void theStatementRefusesWhatTheRulesRefuse();
    void stuckInCppIsStuckInSql_data();
    void stuckInCppIsStuckInSql();

private:
    std::unique_ptr<TestDatabase> m_tdb;
};

void TaskRulesTest::initTestCase()
{
    m_tdb = std::make_unique<TestDatabase>();
    TASKDESK_REQUIRE_DB(*m_tdb);
    qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
}

void TaskRulesTest::cleanupTestCase()
{
    m_tdb.reset();
}

void TaskRulesTest::everyActionAndStatusIsListed()
{
    QVERIFY(taskrules::actions() == kActions);
    QVERIFY(taskrules::statuses() == kStatuses);
}

void TaskRulesTest::allowsFollowsTheStateTable()
{
    QFETCH(int, action);
    QFETCH(int, status);
    QFETCH(bool, allowed);
    const auto a = TaskAction(action);
    const auto s = TaskStatus(status);
    QCOMPARE(taskrules::allows(a, s), allowed);
    QCOMPARE(taskrules::allows(a, statusName(s)), allowed);
    QCOMPARE(taskrules::allowedFrom(a).contains(s), allowed);
    // Only the word stored in the database counts.
    QVERIFY(!taskrules::allows(a, statusName(s).toLower()));
    QVERIFY(!taskrules::allows(a, QString()));
}

void TaskRulesTest::auditNamesAreStable()
{
    // What scripts filter the audit log by (`taskdeskctl audit --action`).
    const QVector<QPair<TaskAction, QString>> names = {
        {TaskAction::ForceStop, QStringLiteral("force_stop")},
        {TaskAction::Cancel, QStringLiteral("cancel")},
        {TaskAction::Restart, QStringLiteral("restart")},
        {TaskAction::Delete, QStringLiteral("delete")},
    };
    for (const auto &[action, name] : names) {
        QCOMPARE(taskrules::auditName(action), name);
        QVERIFY(taskrules::parseAction(name) == std::optional<TaskAction>(action));
    }
    QVERIFY(!taskrules::parseAction(QStringLiteral("force-stop")).has_value());
}

// The SQL form of each action's fence, run on the database, selects the tasks
// of exactly the statuses allows() says yes to.
void TaskRulesTest::theFenceSelectsExactlyTheAllowedStatuses()
{
    TaskStore store(m_tdb->db(), QStringLiteral("alice"));
    QHash<qint64, TaskStatus> made;
    QStringList ids;
    for (TaskStatus s : kStatuses) {
        const MadeTask t = makeTask(store, statusName(s));
        QVERIFY(t.id > 0);
        made.insert(t.id, s);
        ids << QString::number(t.id);
    }
    for (TaskAction a : kActions) {
        Result<QSqlQuery> q = m_tdb->db().run(QStringLiteral("SELECT id FROM tasks WHERE id IN (")
                + ids.join(QStringLiteral(", ")) + QStringLiteral(") AND ")
                + taskrules::fenceSql(a),
            QStringLiteral("fence"), {});
        QVERIFY2(q.ok(), qPrintable(q.error().message()));
        QSet<int> selected;
        while (q->next())
            selected.insert(int(made.value(q->value(0).toLongLong())));
        for (TaskStatus s : kStatuses)
            QVERIFY2(selected.contains(int(s)) == expectedAllowed(a, s),
                qPrintable(taskrules::auditName(a) + QLatin1Char(' ') + statusName(s)));
    }
}

// OperatorActions has no check of its own before its statement: the
// conditional UPDATE (or DELETE), fenced by taskrules, decides. A refused pair
// changes nothing, writes no audit row, and reports the status that refused it.
void TaskRulesTest::theStatementRefusesWhatTheRulesRefuse()
{
    QFETCH(int, action);
    QFETCH(int, status);
    QFETCH(bool, allowed);
    const auto a = TaskAction(action);
    const QString word = statusName(TaskStatus(status));

    TaskStore store(m_tdb->db(), QStringLiteral("alice"));
    const MadeTask t = makeTask(store, word, {QStringLiteral("one"), QStringLiteral("two")});
    QVERIFY(t.id > 0);
    const QString before = snapshot(store, t.id);
    const qsizetype auditBefore = auditOf(m_tdb->db(), t.id).size();

    Result<ActionReport> r = store.actions().apply(a, t.id);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r->action, a);
    QCOMPARE(r->taskId, t.id);
    QCOMPARE(r->before, word);
    QVERIFY(!r->taskName.isEmpty());
    QCOMPARE(r->done, allowed);
    QCOMPARE(r->refused(), !allowed);
    if (!allowed) {
        QVERIFY(!r->changing);
        QCOMPARE(snapshot(store, t.id), before);
        QCOMPARE(auditOf(m_tdb->db(), t.id).size(), auditBefore);
        // The same refusal as an Error, for scripts.
        Result<ActionReport> strict = a == TaskAction::ForceStop ? store.actions().forceStop(t.id)
            : a == TaskAction::Cancel                            ? store.actions().cancel(t.id)
            : a == TaskAction::Restart                           ? store.actions().restart(t.id)
                                                                 : store.actions().remove(t.id);
        QVERIFY(!strict.ok());
        QCOMPARE(int(strict.error().kind()), int(ErrorKind::Refused));
        QVERIFY2(
            strict.error().message().contains(QStringLiteral("(current status: %1)").arg(word)),
            qPrintable(strict.error().message()));
        return;
    }
    QCOMPARE(r->after, expectedAfter(a));
    const QVector<AuditEntry> audit = auditOf(m_tdb->db(), t.id);
    QCOMPARE(audit.size(), auditBefore + 1);
    qsizetype named = 0;
    for (const AuditEntry &e : audit)
        named += e.action == taskrules::auditName(a) ? 1 : 0;
    QCOMPARE(named, qsizetype(1));
    if (a == TaskAction::Delete) {
        QCOMPARE(m_tdb->scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE id = ?"), {t.id})
                     .toLongLong(),
            0);
        return;
    }
    Result<Task> after = store.reader().task(t.id);
    QVERIFY2(after.ok(), qPrintable(after.error().message()));
    QCOMPARE(statusName(after->status), expectedAfter(a));
}

void TaskRulesTest::stuckInCppIsStuckInSql_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<qint64>("agePastThreshold"); // ms past the threshold; negative: before
    QTest::addColumn<bool>("stuck");
    for (const char *s : {"RUNNING", "PENDING"}) {
        const QString status = QString::fromLatin1(s);
        QTest::addRow("a %s task a minute short of its threshold is not stuck", s)
            << status << qint64(-60000) << false;
        QTest::addRow("a %s task exactly at its threshold is not stuck", s)
            << status << qint64(0) << false;
        QTest::addRow("a %s task a minute past its threshold is stuck", s)
            << status << qint64(60000) << true;
    }
    QTest::newRow("a completed task is never stuck") << "COMPLETED" << qint64(3600000) << false;
    QTest::newRow("a failed task is never stuck") << "FAILED" << qint64(3600000) << false;
}

// The C++ judgement (taskrules::isStuck, what the table's badge, the detail
// pane and taskdeskctl show) and the SQL one (what the counts, the Stuck chip
// and the clean-ups select) agree, at the boundary too.
void TaskRulesTest::stuckInCppIsStuckInSql()
{
    QFETCH(QString, status);
    QFETCH(qint64, agePastThreshold);
    QFETCH(bool, stuck);

    StuckThresholds thresholds;
    thresholds.heartbeatTimeoutMs = 120000;
    thresholds.queueThresholdMs = 600000;
    TaskStore store(m_tdb->db(), QStringLiteral("alice"));
    const MadeTask t = makeTask(store, status);
    QVERIFY(t.id > 0);
    const qint64 now = dbNow(m_tdb->db());
    QVERIFY(now > 0);
    // Both times at the same age: only the one the status reads counts.
    const qint64 heartbeatAt = now - thresholds.heartbeatTimeoutMs - agePastThreshold;
    const qint64 runAfter = now - thresholds.queueThresholdMs - agePastThreshold;
    QVERIFY(m_tdb->exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = ?, run_after = ? WHERE id = ?"),
        {status == QLatin1String("RUNNING") ? QVariant(heartbeatAt) : QVariant(), runAfter, t.id}));

    Result<Task> task = store.reader().task(t.id);
    QVERIFY2(task.ok(), qPrintable(task.error().message()));
    QCOMPARE(taskrules::isStuck(*task, now, thresholds), stuck);

    Result<QSqlQuery> q
        = m_tdb->db().run(QStringLiteral("SELECT count(*) FROM tasks WHERE id = :id "
                                         "AND ((")
                + taskrules::runningStuckSql(QStringLiteral(":rcutoff")) + QStringLiteral(") OR (")
                + taskrules::queuedStuckSql(QStringLiteral(":qcutoff")) + QStringLiteral("))"),
            QStringLiteral("stuck"),
            {{":id", t.id}, {":rcutoff", now - thresholds.heartbeatTimeoutMs},
                {":qcutoff", now - thresholds.queueThresholdMs}});
    QVERIFY2(q.ok(), qPrintable(q.error().message()));
    QVERIFY(q->next());
    QCOMPARE(q->value(0).toLongLong() == 1, stuck);

    // And the stuck report, which the counts and the clean-ups are built on.
    Result<StuckReport> report = store.stuck().stuckScope(thresholds);
    QVERIFY2(report.ok(), qPrintable(report.error().message()));
    const bool reported = report->queuedIds.contains(t.id) || report->runningIds.contains(t.id);
    // The report reads its own clock, a moment later: only "stuck" is sure to stay so.
    if (stuck)
        QVERIFY(reported);
    else if (agePastThreshold < 0 || status == QLatin1String("COMPLETED")
        || status == QLatin1String("FAILED"))
        QVERIFY(!reported);
}

QTEST_GUILESS_MAIN(TaskRulesTest)
#include "tst_taskrules.moc"
