// taskdeskctl end to end: every test runs the real binary with QProcess on a
// real database and checks its exit code, its output and the rows it left.
#include "core/auditlog.h"
#include "core/database.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/taskstore.h"
#include "ctl/jsonformat.h"
#include "ctltestsupport.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

#include <unistd.h>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

QVector<qint64> idsOf(const QJsonArray &array, const QString &key = QStringLiteral("id"))
{
    QVector<qint64> ids;
    for (const QJsonValue &v : array)
        ids << (v.isObject() ? v.toObject().value(key).toInteger() : v.toInteger());
    return ids;
}

// The keys of a JSON object, and of the objects inside it, as "a.b" paths.
QStringList keyPaths(const QJsonObject &object, const QString &prefix = {})
{
    QStringList paths;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString path = prefix + it.key();
        paths << path;
        if (it.value().isObject())
            paths << keyPaths(it.value().toObject(), path + QLatin1Char('.'));
        if (it.value().isArray() && !it.value().toArray().isEmpty()
            && it.value().toArray().first().isObject())
            paths << keyPaths(
                it.value().toArray().first().toObject(), path + QStringLiteral("[]."));
    }
    paths.sort();
    return paths;
}

// The first control character a terminal would act on (C0 but tab and line
// feed, DEL, C1), or -1.
qsizetype firstControl(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if ((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7f && u <= 0x9f))
            return i;
    }
    return -1;
}

QString statusOf(TestDatabase &tdb, qint64 id)
{
    return tdb.scalar(QStringLiteral("SELECT status FROM tasks WHERE id = ?"), {id}).toString();
}

} // namespace

class TestCtl final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void initCreatesAndUpgradesTheDatabase();
    void forgetHostShowsThenClosesWhatItNamed();
    void databaseLocationFallsBackToEnvironmentThenDataFolder();
    void enqueueStoresWhatWasAsked();
    void listFilters_data();
    void listFilters();
    void listHumanOutputIsATable();
    void showPrintsTaskItemsAndLog();
    void progressCountsItemsInsertedByAnotherProgram();
    void aCancelledTaskCountsOnlyItemsDoneWell();
    void checkListsDamageAndWritesNothing();
    void operatorActions_data();
    void operatorActions();
    void actionsOnSeveralIdsReportEachOne();
    void defaultOperatorIsTheOsUser();
    void stuckReportsBackdatedRows();
    void cleanupDryRunChangesNothing_data();
    void cleanupDryRunChangesNothing();
    void cleanupActsOnStuckTasks_data();
    void cleanupActsOnStuckTasks();
    void cleanupTextAgreesWithItsCounts();
    void stuckTotalsAreTrueCountsAndListsSayWhenCut();
    void cleanupOfANamedScopeChangesExactlyThatSet();
    void statsCountsByStatus();
    void auditShowsWhoDidWhat();
    void logsPrintsTheLastLines();
    void controlCharactersAreShownEscaped();
    void logsFollowSeesNewLinesAndEndsWithTheTask_data();
    void logsFollowSeesNewLinesAndEndsWithTheTask();
    void logsFollowEndsCleanlyOnSigterm();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void commandsNeverCreateAMissingDatabase_data();
    void commandsNeverCreateAMissingDatabase();
    void mistypedDatabaseUrlsCreateNothing_data();
    void mistypedDatabaseUrlsCreateNothing();
    void aSearchUpToItsLimitWorks();
    void aReadOnlyFolderIsNamedAsTheCause();
    void emptyDatabaseIsLeftToInit();
    void unusableSqliteFilesAreRefusedUntouched_data();
    void unusableSqliteFilesAreRefusedUntouched();
    void newerDatabaseIsRefused();
    void helpOnEveryCommand_data();
    void helpOnEveryCommand();
    void globalOptionsWorkAfterTheCommand();
    void versionNamesTheSchema();

private:
    QStringList withDb(const TestDatabase &tdb, const QStringList &arguments) const
    {
        return QStringList{QStringLiteral("--db"), tdb.url()} + arguments;
    }
    // Stuck fixtures: a queued task waiting 10 min, a running one without a
    // heartbeat for 5 min, and a fresh one of each.
    struct StuckSet
    {
        qint64 queuedStuck = 0;
        qint64 runningStuck = 0;
        qint64 queuedFresh = 0;
        qint64 runningFresh = 0;
    };
    StuckSet makeStuckSet(TestDatabase &tdb, TaskStore &store);

    // One database shared by the bad-input rows: none of them may change it.
    std::unique_ptr<TestDatabase> m_shared;
    QString m_sharedDump;
};

void TestCtl::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(TASKDESK_CTL_PATH)).isExecutable(), TASKDESK_CTL_PATH);
    m_shared = std::make_unique<TestDatabase>();
    TASKDESK_REQUIRE_DB(*m_shared);
    TaskStore store(m_shared->db(), QStringLiteral("fixture"));
    makeTask(store, QStringLiteral("PENDING"), QStringLiteral("first"), {QStringLiteral("a")});
    makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("second"));
    makeTask(store, QStringLiteral("COMPLETED"), QStringLiteral("third"));
    m_sharedDump = dump(*m_shared);
    QVERIFY(m_sharedDump.contains(QLatin1String("first")));
}

void TestCtl::cleanupTestCase()
{
    m_shared.reset();
}

void TestCtl::initCreatesAndUpgradesTheDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nested/folder/tasks.db"));
    CtlRun run = runCtl({QStringLiteral("--db"), path, QStringLiteral("init")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(QFileInfo::exists(path));
    QVERIFY2(run.out.contains(path), qPrintable(run.out));
    QCOMPARE(run.err, QString());

    // Again: a current database is left as it is.
    run = runCtl({QStringLiteral("--db"), QStringLiteral("sqlite://") + path,
        QStringLiteral("--json"), QStringLiteral("init")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.json().object().value(QStringLiteral("schema_version")).toInt(),
        Database::schemaVersion());

    // An older database is upgraded.
    const QString oldPath = dir.filePath(QStringLiteral("old.db"));
    {
        Database old(*DatabaseLocation::parse(oldPath));
        QVERIFY(!old.open(Database::OpenMode::Migrate, 1));
        QCOMPARE(old.currentVersion(), 1);
    }
    run = runCtl({QStringLiteral("--db"), oldPath, QStringLiteral("init")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    {
        Database upgraded(*DatabaseLocation::parse(oldPath));
        QVERIFY(!upgraded.open(Database::OpenMode::NoMigrate));
        QCOMPARE(upgraded.currentVersion(), Database::schemaVersion());
    }

    // The test backend's own database (PostgreSQL in the postgres run).
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    run = runCtl(withDb(tdb, {QStringLiteral("init")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
}

void TestCtl::databaseLocationFallsBackToEnvironmentThenDataFolder()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QProcessEnvironment env = ctlEnvironment();
    env.insert(QStringLiteral("TASKDESK_DB"), tdb.url());
    CtlRun run = runCtl({QStringLiteral("enqueue"), QStringLiteral("from-env")}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(
        tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE kind = 'from-env'")).toInt(),
        1);

    // --db beats TASKDESK_DB.
    QTemporaryDir dir;
    const QString other = dir.filePath(QStringLiteral("other.db"));
    run = runCtl({QStringLiteral("--db"), other, QStringLiteral("init")}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(QFileInfo::exists(other));

    // Neither: the user's data folder.
    QProcessEnvironment bare = ctlEnvironment();
    bare.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    bare.insert(QStringLiteral("HOME"), dir.path());
    run = runCtl({QStringLiteral("init")}, bare);
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("data/taskdesk/taskdesk.db"))));
}

void TestCtl::enqueueStoresWhatWasAsked()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("enqueue"),
            QStringLiteral("warmup"), QStringLiteral("--name"), QStringLiteral("Warm up EU"),
            QStringLiteral("--queue"), QStringLiteral("eu"), QStringLiteral("--priority"),
            QStringLiteral("-7"), QStringLiteral("--args"), QStringLiteral("{\"fast\": true}"),
            QStringLiteral("--item"), QStringLiteral("acc-1"), QStringLiteral("--item"),
            QStringLiteral("acc 2"), QStringLiteral("--max-attempts"), QStringLiteral("5"),
            QStringLiteral("--time-limit"), QStringLiteral("90"), QStringLiteral("--delay"),
            QStringLiteral("3600")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    // Only the id, so that scripts can take it as it is.
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\n$")).match(run.out).hasMatch(),
        qPrintable(run.out));
    const qint64 id = run.out.trimmed().toLongLong();

    TaskStore store(tdb.db());
    Result<Task> task = store.reader().task(id);
    QVERIFY(task.ok());
    QCOMPARE(task->name, QStringLiteral("Warm up EU"));
    QCOMPARE(task->kind, QStringLiteral("warmup"));
    QCOMPARE(task->queue, QStringLiteral("eu"));
    QCOMPARE(task->priority, -7);
    QCOMPARE(QJsonDocument::fromJson(task->args.toUtf8()).object(),
        QJsonObject({{QStringLiteral("fast"), true}}));
    QCOMPARE(task->maxAttempts, 5);
    QCOMPARE(task->timeLimitS, 90);
    QCOMPARE(task->status, TaskStatus::Pending);
    QVERIFY2(task->runAfter - task->createdAt >= 3599000, "the delay was not applied");
    Result<QVector<TaskItem>> items = store.reader().items(id);
    QVERIFY(items.ok());
    QCOMPARE(items->size(), 2);
    QCOMPARE(items->at(0).label, QStringLiteral("acc-1"));
    QCOMPARE(items->at(1).label, QStringLiteral("acc 2"));
    QCOMPARE(tdb.scalar(QStringLiteral(
                            "SELECT actor FROM audit_log WHERE action = 'enqueue' AND task_id = ?"),
                    {id})
                 .toString(),
        QStringLiteral("alice"));

    run = runCtl(
        withDb(tdb, {QStringLiteral("--json"), QStringLiteral("enqueue"), QStringLiteral("x")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.json().object().value(QStringLiteral("id")).toInteger(), id + 1);
}

void TestCtl::listFilters_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected"); // task names, in order

    // Fixture (made in listFilters): alpha PENDING q-alpha prio 5, beta RUNNING,
    // gamma COMPLETED, delta FAILED, epsilon PENDING prio -3, zeta RUNNING stale.
    QTest::newRow("no filter lists every task, newest first")
        << QStringList{} << L({"zeta", "epsilon", "delta", "gamma", "beta", "alpha"});
    QTest::newRow("a status lists only that status")
        << L({"--status", "pending"}) << L({"epsilon", "alpha"});
    QTest::newRow("statuses separated by commas are all listed")
        << L({"--status", "COMPLETED,failed"}) << L({"delta", "gamma"});
    QTest::newRow("a repeated status option adds statuses")
        << L({"--status", "running", "--status", "completed"}) << L({"zeta", "gamma", "beta"});
    QTest::newRow("a queue lists only that queue") << L({"--queue", "q-gamma"}) << L({"gamma"});
    QTest::newRow("a kind lists only that kind") << L({"--kind", "kind-delta"}) << L({"delta"});
    QTest::newRow("a search matches part of a name") << L({"--search", "psil"}) << L({"epsilon"});
    QTest::newRow("a search matches the error text") << L({"--search", "boom"}) << L({"delta"});
    QTest::newRow("stuck lists only running tasks with an old heartbeat")
        << L({"--stuck"}) << L({"zeta"});
    QTest::newRow("a longer heartbeat timeout makes nothing stuck")
        << L({"--stuck", "--heartbeat-seconds", "3600"}) << QStringList{};
    QTest::newRow("sorting by priority ascending puts the lowest first")
        << L({"--status", "pending", "--sort", "priority", "--asc"}) << L({"epsilon", "alpha"});
    QTest::newRow("sorting by name descending")
        << L({"--sort", "name"}) << L({"zeta", "gamma", "epsilon", "delta", "beta", "alpha"});
    QTest::newRow("a limit keeps the first rows") << L({"--limit", "2"}) << L({"zeta", "epsilon"});
    QTest::newRow("filters combine")
        << L({"--status", "pending", "--search", "alpha"}) << L({"alpha"});
}

void TestCtl::listFilters()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    makeTask(store, QStringLiteral("PENDING"), QStringLiteral("alpha"), {}, 5);
    makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("beta"));
    makeTask(store, QStringLiteral("COMPLETED"), QStringLiteral("gamma"));
    makeTask(store, QStringLiteral("FAILED"), QStringLiteral("delta"));
    makeTask(store, QStringLiteral("PENDING"), QStringLiteral("epsilon"), {}, -3);
    const MadeTask zeta = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("zeta"));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {zeta.id}));

    const CtlRun run = runCtl(
        withDb(tdb, QStringList{QStringLiteral("--json"), QStringLiteral("list")} + arguments));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.json().isArray());
    QStringList names;
    for (const QJsonValue &v : run.json().array()) {
        const QJsonObject task = v.toObject();
        names << task.value(QStringLiteral("name")).toString();
        // Times are integers (UTC ms), never text.
        QVERIFY(task.value(QStringLiteral("created_at")).isDouble());
        QVERIFY(task.value(QStringLiteral("updated_at")).toInteger() > 1600000000000LL);
    }
    QCOMPARE(names, expected);
}

void TestCtl::listHumanOutputIsATable()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    makeTask(store, QStringLiteral("PENDING"), QStringLiteral("waiting-one"));
    const MadeTask stale = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("stale-one"));
    makeTask(store, QStringLiteral("FAILED"), QStringLiteral("failed-one"));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 600000 WHERE id = ?"),
        {stale.id}));

    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("list")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QStringList lines = run.outLines();
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("ID  STATUS")), qPrintable(lines.at(0)));
    // Columns line up: every row has its status where the header has STATUS.
    const int statusColumn = int(lines.at(0).indexOf(QLatin1String("STATUS")));
    QVERIFY(lines.at(1).mid(statusColumn).startsWith(QLatin1String("FAILED (error)")));
    QVERIFY(lines.at(2).mid(statusColumn).startsWith(QLatin1String("RUNNING (stuck)")));
    QVERIFY(lines.at(3).mid(statusColumn).startsWith(QLatin1String("PENDING")));
    // The stale heartbeat as an age, the creation as a local date-time.
    QVERIFY2(lines.at(2).contains(QLatin1String("10 min ago")), qPrintable(lines.at(2)));
    QVERIFY(QRegularExpression(QStringLiteral("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"))
                .match(lines.at(3))
                .hasMatch());

    run = runCtl(
        withDb(tdb, {QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QLatin1String("1 of 3 tasks shown")), qPrintable(run.out));

    run = runCtl(withDb(
        tdb, {QStringLiteral("list"), QStringLiteral("--queue"), QStringLiteral("nowhere")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QStringLiteral("No tasks.\n"));
}

// Items inserted with plain SQL into the public task_items table: the list
// showed "-", JSON 0 of 4, and `show` 4 items.
void TestCtl::progressCountsItemsInsertedByAnotherProgram()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO tasks (name, kind, args) VALUES ('nightly "
                                    "import', 'import', '{}')")));
    const qint64 id = tdb.scalar(QStringLiteral("SELECT max(id) FROM tasks")).toLongLong();
    for (int i = 0; i < 4; ++i)
        QVERIFY(tdb.exec(QStringLiteral("INSERT INTO task_items (task_id, position, label, status) "
                                        "VALUES (?, ?, ?, ?)"),
            {id, i, QStringLiteral("file-%1.csv").arg(i),
                i == 0 ? QStringLiteral("COMPLETED") : QStringLiteral("PENDING")}));

    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("list")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonArray listed = run.json().array();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).toObject().value(QStringLiteral("progress_done")).toInt(), 1);
    QCOMPARE(listed.at(0).toObject().value(QStringLiteral("progress_total")).toInt(), 4);

    run = runCtl(withDb(tdb, {QStringLiteral("list")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QStringLiteral(" 1/4 ")), qPrintable(run.out));

    run = runCtl(
        withDb(tdb, {QStringLiteral("--json"), QStringLiteral("show"), QString::number(id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject shown = run.json().object().value(QStringLiteral("task")).toObject();
    QCOMPARE(shown.value(QStringLiteral("progress_done")).toInt(), 1);
    QCOMPARE(shown.value(QStringLiteral("progress_total")).toInt(), 4);
    QCOMPARE(shown.value(QStringLiteral("items_done")).toInt(), 1);
    QCOMPARE(shown.value(QStringLiteral("items_total")).toInt(), 4);
    run = runCtl(withDb(tdb, {QStringLiteral("show"), QString::number(id)}));
    QVERIFY2(run.out.contains(QStringLiteral("1/4")), qPrintable(run.out));
}

// Two items done, the third running, then Cancel: the third failed. `list`
// and `show` said "3/5" (done counted the failed item); done is 2, and `show`
// names the failed one.
void TestCtl::aCancelledTaskCountsOnlyItemsDoneWell()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const MadeTask t = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("warmup"),
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
            QStringLiteral("e")});
    const QVector<TaskItem> items = store.reader().items(t.id).value();
    QCOMPARE(items.size(), 5);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(store.queue().startItem(t.id, t.lease, items.at(i).id).value());
        QVERIFY(store.queue().finishItem(t.id, t.lease, items.at(i).id, true, {}).value());
    }
    QVERIFY(store.queue().startItem(t.id, t.lease, items.at(2).id).value());
    QVERIFY(store.actions().cancel(t.id).ok());

    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("list")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QStringLiteral(" 2/5 ")), qPrintable(run.out));
    run = runCtl(withDb(tdb, {QStringLiteral("show"), QString::number(t.id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QStringLiteral("2/5 done, 1 failed")), qPrintable(run.out));
    run = runCtl(
        withDb(tdb, {QStringLiteral("--json"), QStringLiteral("show"), QString::number(t.id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject shown = run.json().object().value(QStringLiteral("task")).toObject();
    QCOMPARE(shown.value(QStringLiteral("progress_done")).toInt(), 2);
    QCOMPARE(shown.value(QStringLiteral("progress_total")).toInt(), 5);
    QCOMPARE(shown.value(QStringLiteral("items_done")).toInt(), 2);
    QCOMPARE(shown.value(QStringLiteral("items_failed")).toInt(), 1);
    QCOMPARE(shown.value(QStringLiteral("items_total")).toInt(), 5);
}

// `check` reads every page on a connection of its own, lists what is wrong and
// changes nothing; opening the same file is refused.
void TestCtl::checkListsDamageAndWritesNothing()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    if (TestDatabase::postgres()) {
        const CtlRun run = runCtl(withDb(tdb, {QStringLiteral("check")}));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(run.out.startsWith(QStringLiteral("No damage found in ")));
        return;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("data.db"));
    {
        Database db(*DatabaseLocation::parse(path));
        QVERIFY(!db.open());
        TaskStore store(db);
        for (int i = 0; i < 200; ++i)
            makeTask(store, QStringLiteral("PENDING"), QStringLiteral("t%1").arg(i));
    }
    CtlRun run = runCtl({QStringLiteral("--db"), path, QStringLiteral("check")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QStringLiteral("No damage found in %1 (").arg(path)),
        qPrintable(run.out));

    {
        // Page 2's first byte (its page type) flipped.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const QByteArray header = file.read(100);
        const int pageSize = (quint8(header.at(16)) << 8) | quint8(header.at(17));
        QVERIFY(file.seek(pageSize));
        const char first = file.read(1).at(0);
        QVERIFY(file.seek(pageSize));
        file.write(QByteArray(1, char(~first)));
    }
    const QByteArray hash = fileHash(path);
    run = runCtl({QStringLiteral("--db"), path, QStringLiteral("--json"), QStringLiteral("check")});
    QCOMPARE(run.exitCode, 3);
    const QJsonObject checked = run.json().object();
    QCOMPARE(checked.value(QStringLiteral("damaged")).toBool(), true);
    QVERIFY(!checked.value(QStringLiteral("problems")).toArray().isEmpty());
    QVERIFY2(run.err.contains(QStringLiteral("is damaged")), qPrintable(describe(run)));
    run = runCtl({QStringLiteral("--db"), path, QStringLiteral("list")});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains(QStringLiteral("is damaged")), qPrintable(describe(run)));
    QCOMPARE(fileHash(path), hash);
    for (const char *suffix : {"-wal", "-shm", "-journal"})
        QVERIFY(!QFileInfo::exists(path + QLatin1String(suffix)));
}

void TestCtl::showPrintsTaskItemsAndLog()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("carol"));
    const MadeTask task = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("import"),
        {QStringLiteral("file-a.csv"), QStringLiteral("file-b.csv")});
    Result<QVector<TaskItem>> items = store.reader().items(task.id);
    QVERIFY(items.ok());
    QVERIFY(store.queue().startItem(task.id, task.lease, items->at(0).id).value());
    QVERIFY(store.queue()
                .appendWorkerLog(task.id, task.lease,
                    {{0, task.id, items->at(0).id, 0, QStringLiteral("output"),
                        QStringLiteral("reading rows")}})
                .value());

    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("show"), QString::number(task.id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.out.startsWith(QStringLiteral("Task %1: import\n").arg(task.id)));
    for (const char *expected : {"RUNNING", "worker-1", "file-a.csv", "file-b.csv",
             "Task created by carol", "[file-a.csv]  reading rows", "Items (2)", "0/2"})
        QVERIFY2(run.out.contains(QLatin1String(expected)), expected);

    run = runCtl(
        withDb(tdb, {QStringLiteral("--json"), QStringLiteral("show"), QString::number(task.id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject shown = run.json().object();
    QCOMPARE(shown.value(QStringLiteral("task")).toObject().value(QStringLiteral("id")).toInteger(),
        task.id);
    QCOMPARE(
        shown.value(QStringLiteral("task")).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("RUNNING"));
    QVERIFY(shown.value(QStringLiteral("task"))
                .toObject()
                .value(QStringLiteral("heartbeat_at"))
                .isDouble());
    QCOMPARE(shown.value(QStringLiteral("items")).toArray().size(), 2);
    QCOMPARE(shown.value(QStringLiteral("items"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("RUNNING"));
    const QJsonArray log = shown.value(QStringLiteral("log")).toArray();
    QVERIFY(!log.isEmpty());
    QCOMPARE(log.last().toObject().value(QStringLiteral("message")).toString(),
        QStringLiteral("reading rows"));

    run = runCtl(withDb(tdb, {QStringLiteral("show"), QStringLiteral("999")}));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.errLines(), QStringList{QStringLiteral("taskdeskctl: Task 999 not found")});
}

void TestCtl::operatorActions_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message"); // on stdout when done, on stderr when refused
    QTest::addColumn<QString>("statusAfter"); // empty: the task is gone
    QTest::addColumn<QString>("outcomeAfter");
    QTest::addColumn<QString>("auditAction"); // empty: no audit row

    QTest::newRow("cancel fails a pending task")
        << "cancel"
        << "PENDING" << 0 << "Task \"T\" has been cancelled and marked as failed."
        << "FAILED"
        << "cancelled"
        << "cancel";
    QTest::newRow("cancel fails a running task and its running item")
        << "cancel"
        << "RUNNING" << 0
        << "Task \"T\" has been cancelled and marked as failed. 1 running item(s) were also "
           "stopped."
        << "FAILED"
        << "cancelled"
        << "cancel";
    QTest::newRow("cancel refuses a completed task")
        << "cancel"
        << "COMPLETED" << 1
        << "taskdeskctl: Task ID cannot be cancelled: it is not pending or running (current "
           "status: COMPLETED)"
        << "COMPLETED"
        << "succeeded"
        << "";
    QTest::newRow("force-stop stops a running task and its running items")
        << "force-stop"
        << "RUNNING" << 0
        << "Task \"T\" has been force stopped. 1 running item(s) were also stopped. You can now "
           "delete or restart the task."
        << "FAILED"
        << "force_stopped"
        << "force_stop";
    QTest::newRow("force-stop refuses a pending task")
        << "force-stop"
        << "PENDING" << 1 << "taskdeskctl: Task ID is not running (current status: PENDING)"
        << "PENDING"
        << ""
        << "";
    QTest::newRow("restart makes a failed task pending again")
        << "restart"
        << "FAILED" << 0 << "Task \"T\" has been restarted and is pending."
        << "PENDING"
        << ""
        << "restart";
    QTest::newRow("restart makes a completed task pending again")
        << "restart"
        << "COMPLETED" << 0 << "Task \"T\" has been restarted and is pending."
        << "PENDING"
        << ""
        << "restart";
    QTest::newRow("restart refuses a running task")
        << "restart"
        << "RUNNING" << 1
        << "taskdeskctl: Task ID cannot be restarted: only completed or failed tasks can "
           "(current status: RUNNING)"
        << "RUNNING"
        << ""
        << "";
    QTest::newRow("delete removes a completed task")
        << "delete"
        << "COMPLETED" << 0 << "Task \"T\" has been deleted."
        << ""
        << ""
        << "delete";
    QTest::newRow("delete removes a pending task")
        << "delete"
        << "PENDING" << 0 << "Task \"T\" has been deleted."
        << ""
        << ""
        << "delete";
    QTest::newRow("delete refuses a running task")
        << "delete"
        << "RUNNING" << 1
        << "taskdeskctl: Task ID is running and cannot be deleted; force stop or cancel it "
           "first (current status: RUNNING)"
        << "RUNNING"
        << ""
        << "";
    QTest::newRow("an unknown task is not found")
        << "cancel"
        << "MISSING" << 1 << "taskdeskctl: Task ID not found"
        << ""
        << ""
        << "";
}

void TestCtl::operatorActions()
{
    QFETCH(QString, action);
    QFETCH(QString, state);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QFETCH(QString, statusAfter);
    QFETCH(QString, outcomeAfter);
    QFETCH(QString, auditAction);

    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("fixture"));
    qint64 id = 4242;
    if (state != QLatin1String("MISSING")) {
        const MadeTask task = makeTask(
            store, state, QStringLiteral("T"), {QStringLiteral("one"), QStringLiteral("two")});
        id = task.id;
        if (state == QLatin1String("RUNNING")) {
            Result<QVector<TaskItem>> items = store.reader().items(id);
            QVERIFY(store.queue().startItem(id, task.lease, items->at(0).id).value());
        }
    }
    message.replace(QLatin1String("ID"), QString::number(id));
    const QString logBefore
        = tdb.scalar(QStringLiteral("SELECT count(*) FROM task_log")).toString();

    const CtlRun run = runCtl(withDb(
        tdb, {QStringLiteral("--as"), QStringLiteral("alice-ops"), action, QString::number(id)}));
    QVERIFY2(run.exitCode == exitCode, qPrintable(describe(run)));
    if (exitCode == 0) {
        QCOMPARE(run.outLines(), QStringList{message});
        QCOMPARE(run.err, QString());
    } else {
        QCOMPARE(run.errLines(), QStringList{message});
        QCOMPARE(run.out, QString());
        QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM task_log")).toString(), logBefore);
    }

    if (statusAfter.isEmpty()) {
        QCOMPARE(
            tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE id = ?"), {id}).toInt(), 0);
        QCOMPARE(
            tdb.scalar(QStringLiteral("SELECT count(*) FROM task_items WHERE task_id = ?"), {id})
                .toInt(),
            0);
    } else {
        QCOMPARE(statusOf(tdb, id), statusAfter);
        QCOMPARE(
            tdb.scalar(QStringLiteral("SELECT COALESCE(outcome, '') FROM tasks WHERE id = ?"), {id})
                .toString(),
            outcomeAfter);
    }
    if (action == QLatin1String("force-stop") && exitCode == 0) {
        QCOMPARE(tdb.scalar(QStringLiteral("SELECT error_message FROM task_items WHERE task_id = "
                                           "? AND status = 'FAILED'"),
                        {id})
                     .toString(),
            QStringLiteral("⚠️ Force stopped by alice-ops"));
        QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM task_log WHERE task_id = ? AND "
                                           "message = ?"),
                        {id, QStringLiteral("⚠️ Task force stopped by alice-ops")})
                     .toInt(),
            1);
    }

    // The audit row names the operator of --as, and survives a delete.
    const int auditRows
        = tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE task_id = ? AND actor = "
                                    "'alice-ops'"),
                 {id})
              .toInt();
    if (auditAction.isEmpty()) {
        QCOMPARE(auditRows, 0);
    } else {
        QCOMPARE(auditRows, 1);
        QCOMPARE(tdb.scalar(QStringLiteral("SELECT action FROM audit_log WHERE task_id = ? AND "
                                           "actor = 'alice-ops'"),
                        {id})
                     .toString(),
            auditAction);
        QCOMPARE(tdb.scalar(QStringLiteral("SELECT before_status FROM audit_log WHERE task_id = ? "
                                           "AND actor = 'alice-ops'"),
                        {id})
                     .toString(),
            state);
    }
}

void TestCtl::actionsOnSeveralIdsReportEachOne()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const MadeTask a = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("a"));
    const MadeTask b = makeTask(store, QStringLiteral("COMPLETED"), QStringLiteral("b"));
    const MadeTask c = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("c"));

    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("cancel"), QString::number(a.id), QString::number(b.id),
            QString::number(c.id)}));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.outLines(),
        (QStringList{QStringLiteral("Task \"a\" has been cancelled and marked as failed."),
            QStringLiteral("Task \"c\" has been cancelled and marked as failed.")}));
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY(run.errLines().constFirst().contains(QLatin1String("current status: COMPLETED")));
    QCOMPARE(statusOf(tdb, a.id), QStringLiteral("FAILED"));
    QCOMPARE(statusOf(tdb, b.id), QStringLiteral("COMPLETED"));
    QCOMPARE(statusOf(tdb, c.id), QStringLiteral("FAILED"));

    run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("restart"), QString::number(a.id),
            QStringLiteral("9999"), QString::number(b.id)}));
    QCOMPARE(run.exitCode, 1);
    const QJsonArray results = run.json().array();
    QCOMPARE(results.size(), 3);
    QCOMPARE(idsOf(results), (QVector<qint64>{a.id, 9999, b.id}));
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("done")).toBool(), true);
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("after_status")).toString(),
        QStringLiteral("PENDING"));
    QCOMPARE(results.at(1).toObject().value(QStringLiteral("done")).toBool(), false);
    QCOMPARE(results.at(1).toObject().value(QStringLiteral("error")).toString(),
        QStringLiteral("not_found"));
    QCOMPARE(results.at(2).toObject().value(QStringLiteral("done")).toBool(), true);

    // All done: exit 0.
    run = runCtl(
        withDb(tdb, {QStringLiteral("delete"), QString::number(a.id), QString::number(b.id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.outLines().size(), 2);
}

void TestCtl::defaultOperatorIsTheOsUser()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const MadeTask task = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("t"));
    const CtlRun run = runCtl(withDb(tdb, {QStringLiteral("cancel"), QString::number(task.id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = 'cancel'"))
                 .toString(),
        kOsUser);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT error_message FROM tasks WHERE id = ?"), {task.id})
                 .toString(),
        QStringLiteral("Task cancelled manually by ") + kOsUser);
}

TestCtl::StuckSet TestCtl::makeStuckSet(TestDatabase &tdb, TaskStore &store)
{
    StuckSet set;
    set.queuedStuck = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("queued-stuck")).id;
    set.runningStuck
        = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("running-stuck")).id;
    set.queuedFresh = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("queued-fresh")).id;
    set.runningFresh
        = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("running-fresh")).id;
    // Backdated, not slept: 10 minutes in the queue, 5 minutes without a heartbeat.
    tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 600000, created_at = "
                            "created_at - 600000 WHERE id = ?"),
        {set.queuedStuck});
    tdb.exec(QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 300000 WHERE id = ?"),
        {set.runningStuck});
    return set;
}

void TestCtl::stuckReportsBackdatedRows()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const StuckSet set = makeStuckSet(tdb, store);

    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("stuck")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject report = run.json().object();
    // Exactly the shape of stuckReportJson().
    Result<StuckReport> expected = store.stuck().stuckReport(StuckThresholds());
    QVERIFY(expected.ok());
    QCOMPARE(keyPaths(report), keyPaths(ctl::stuckReportJson(*expected)));
    const QJsonObject counts = report.value(QStringLiteral("stuck_jobs")).toObject();
    QCOMPARE(counts.value(QStringLiteral("total")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("queued_stuck")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("running_stuck")).toInt(), 1);
    QCOMPARE(idsOf(report.value(QStringLiteral("queued_jobs")).toArray()),
        QVector<qint64>{set.queuedStuck});
    QCOMPARE(idsOf(report.value(QStringLiteral("running_jobs")).toArray()),
        QVector<qint64>{set.runningStuck});
    QCOMPARE(report.value(QStringLiteral("threshold_minutes")).toDouble(), 5.0);
    QCOMPARE(report.value(QStringLiteral("recommendations"))
                 .toObject()
                 .value(QStringLiteral("cleanup_needed"))
                 .toBool(),
        true);
    QCOMPARE(report.value(QStringLiteral("running_jobs"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("heartbeat_age_seconds"))
                 .toInteger()
            / 60,
        5);

    // Thresholds above the backdated ages: nothing is stuck.
    run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("stuck"), QStringLiteral("--threshold-minutes"),
            QStringLiteral("20"), QStringLiteral("--heartbeat-seconds"), QStringLiteral("600")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.json()
                 .object()
                 .value(QStringLiteral("stuck_jobs"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
        0);
    QCOMPARE(run.json().object().value(QStringLiteral("threshold_minutes")).toDouble(), 20.0);

    run = runCtl(withDb(tdb, {QStringLiteral("stuck")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QLatin1String("2 stuck tasks")), qPrintable(run.out));
    QVERIFY(run.out.contains(QLatin1String("queued-stuck")));
    QVERIFY(run.out.contains(QLatin1String("running-stuck")));
    QVERIFY(!run.out.contains(QLatin1String("fresh")));
    QVERIFY(run.out.contains(QLatin1String("5 min ago")));
}

void TestCtl::cleanupDryRunChangesNothing_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("queuedCounted");
    QTest::newRow("a mark_failed dry run counts both kinds") << "mark_failed" << true;
    QTest::newRow("a retry dry run counts only running tasks") << "retry" << false;
}

void TestCtl::cleanupDryRunChangesNothing()
{
    QFETCH(QString, action);
    QFETCH(bool, queuedCounted);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const StuckSet set = makeStuckSet(tdb, store);
    const QString before = dump(tdb);

    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("cleanup"), QStringLiteral("--dry-run"),
            QStringLiteral("--action"), action}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(dump(tdb), before);
    const QJsonObject report = run.json().object();
    QCOMPARE(keyPaths(report), keyPaths(CleanupReport().toJson()));
    QCOMPARE(report.value(QStringLiteral("dry_run")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("action")).toString(), action);
    const QJsonObject cleaned = report.value(QStringLiteral("cleaned_jobs")).toObject();
    QCOMPARE(cleaned.value(QStringLiteral("queued")).toInt(), queuedCounted ? 1 : 0);
    QCOMPARE(cleaned.value(QStringLiteral("running")).toInt(), 1);
    QCOMPARE(cleaned.value(QStringLiteral("total")).toInt(), queuedCounted ? 2 : 1);
    if (queuedCounted) {
        QCOMPARE(idsOf(report.value(QStringLiteral("failed_ids")).toArray()),
            (QVector<qint64>{set.queuedStuck, set.runningStuck}));
    } else {
        QCOMPARE(idsOf(report.value(QStringLiteral("requeued_ids")).toArray()),
            QVector<qint64>{set.runningStuck});
    }

    run = runCtl(withDb(tdb,
        {QStringLiteral("cleanup"), QStringLiteral("--dry-run"), QStringLiteral("--action"),
            action}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QLatin1String("nothing was changed")), qPrintable(run.out));
    QVERIFY(run.out.contains(QLatin1String("running-stuck")));
    QCOMPARE(dump(tdb), before);
}

void TestCtl::cleanupActsOnStuckTasks_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("queuedAfter");
    QTest::addColumn<QString>("runningAfter");
    QTest::addColumn<QString>("runningOutcome");
    QTest::newRow("mark_failed fails the queued and the running stuck task") << "mark_failed"
                                                                             << "FAILED"
                                                                             << "FAILED"
                                                                             << "worker_lost";
    QTest::newRow("retry re-queues the running stuck task and leaves the queued one") << "retry"
                                                                                      << "PENDING"
                                                                                      << "PENDING"
                                                                                      << "";
}

void TestCtl::cleanupActsOnStuckTasks()
{
    QFETCH(QString, action);
    QFETCH(QString, queuedAfter);
    QFETCH(QString, runningAfter);
    QFETCH(QString, runningOutcome);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const StuckSet set = makeStuckSet(tdb, store);

    const CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("--as"), QStringLiteral("night-ops"), QStringLiteral("--json"),
            QStringLiteral("cleanup"), QStringLiteral("--action"), action}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject report = run.json().object();
    QCOMPARE(keyPaths(report), keyPaths(CleanupReport().toJson()));
    QCOMPARE(report.value(QStringLiteral("dry_run")).toBool(), false);

    QCOMPARE(statusOf(tdb, set.queuedStuck), queuedAfter);
    QCOMPARE(statusOf(tdb, set.runningStuck), runningAfter);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT COALESCE(outcome, '') FROM tasks WHERE id = ?"),
                    {set.runningStuck})
                 .toString(),
        runningOutcome);
    QCOMPARE(statusOf(tdb, set.queuedFresh), QStringLiteral("PENDING"));
    QCOMPARE(statusOf(tdb, set.runningFresh), QStringLiteral("RUNNING"));
    const int changed = (queuedAfter == QLatin1String("FAILED") ? 1 : 0) + 1;
    QCOMPARE(report.value(QStringLiteral("cleaned_jobs"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
        changed);
    // Every change is audited under the operator's name.
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'night-ops'"))
                 .toInt(),
        changed);
}

// The clean-up's text counts in words that agree with the numbers: one task
// "was", two tasks "were", never "task(s)".
void TestCtl::cleanupTextAgreesWithItsCounts()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    makeStuckSet(tdb, store);

    const CtlRun run = runCtl(withDb(tdb, {QStringLiteral("cleanup")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QLatin1String("Cleaned up 2 stuck tasks (")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("  1 queued task was marked FAILED (stuck_swept): ")),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("  1 running task was marked FAILED (worker_lost): ")),
        qPrintable(run.out));
    QVERIFY2(!run.out.contains(QLatin1String("(s)")), qPrintable(run.out));
}

// `n` PENDING tasks named bulk-1 … bulk-n in one statement, due an hour ago.
void addQueuedStuck(TestDatabase &tdb, int n)
{
    QVERIFY(tdb.exec(QStringLiteral(
        "INSERT INTO tasks (name, kind, args) WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL "
        "SELECT i + 1 FROM seq WHERE i < %1) SELECT 'bulk-' || CAST(i AS TEXT), 'demo', '{}' "
        "FROM seq")
                         .arg(n)));
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000 WHERE name "
                                    "LIKE 'bulk-%'")));
}

void TestCtl::stuckTotalsAreTrueCountsAndListsSayWhenCut()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    makeStuckSet(tdb, store); // one queued, one running stuck
    addQueuedStuck(tdb, 3000);
    if (QTest::currentTestFailed())
        return;

    // The JSON operators script against: true totals, the lists cut at 1000 and saying so.
    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("stuck")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QJsonObject report = run.json().object();
    QJsonObject counts = report.value(QStringLiteral("stuck_jobs")).toObject();
    QCOMPARE(counts.value(QStringLiteral("total")).toInteger(), 3002);
    QCOMPARE(counts.value(QStringLiteral("queued_stuck")).toInteger(), 3001);
    QCOMPARE(counts.value(QStringLiteral("running_stuck")).toInteger(), 1);
    QCOMPARE(counts.value(QStringLiteral("queued_shown")).toInteger(), 1000);
    QCOMPARE(counts.value(QStringLiteral("running_shown")).toInteger(), 1);
    QCOMPARE(counts.value(QStringLiteral("truncated")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("queued_jobs")).toArray().size(), 1000);

    run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("stuck"), QStringLiteral("--limit"),
            QStringLiteral("5000")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    counts = run.json().object().value(QStringLiteral("stuck_jobs")).toObject();
    QCOMPARE(counts.value(QStringLiteral("total")).toInteger(), 3002);
    QCOMPARE(counts.value(QStringLiteral("queued_shown")).toInteger(), 3001);
    QCOMPARE(counts.value(QStringLiteral("truncated")).toBool(), false);

    run = runCtl(withDb(tdb, {QStringLiteral("stuck")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QLatin1String("3002 stuck tasks")), qPrintable(run.out.left(300)));
    QVERIFY2(
        run.out.contains(QLatin1String("3001 queued, 1 running")), qPrintable(run.out.left(300)));
    QVERIFY2(
        run.out.contains(QLatin1String("(showing 1000 of 3001)")), qPrintable(run.out.left(300)));

    // The dry run: a true count and a cut list, in JSON and in text.
    const QString before = dump(tdb);
    run = runCtl(withDb(
        tdb, {QStringLiteral("--json"), QStringLiteral("cleanup"), QStringLiteral("--dry-run")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    report = run.json().object();
    QCOMPARE(keyPaths(report), keyPaths(CleanupReport().toJson()));
    const QJsonObject cleaned = report.value(QStringLiteral("cleaned_jobs")).toObject();
    QCOMPARE(cleaned.value(QStringLiteral("total")).toInteger(), 3002);
    QCOMPARE(cleaned.value(QStringLiteral("queued")).toInteger(), 3001);
    QCOMPARE(cleaned.value(QStringLiteral("running")).toInteger(), 1);
    QCOMPARE(cleaned.value(QStringLiteral("shown")).toInteger(), 1001);
    QCOMPARE(cleaned.value(QStringLiteral("truncated")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("failed_ids")).toArray().size(), 1001);

    run = runCtl(withDb(tdb, {QStringLiteral("cleanup"), QStringLiteral("--dry-run")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.contains(QLatin1String("3002 stuck tasks would be cleaned up")),
        qPrintable(run.out.left(500)));
    QVERIFY2(run.out.contains(QLatin1String("3001 queued tasks would be marked FAILED")),
        qPrintable(run.out.left(500)));
    QVERIFY2(
        run.out.contains(QLatin1String("ids of 20 of 3001 shown")), qPrintable(run.out.left(500)));
    for (const QString &line : run.outLines())
        QVERIFY2(line.size() < 400, qPrintable(line.left(200)));
    QCOMPARE(dump(tdb), before);

    // The clean-up changes what the dry run counted, and says so.
    run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("cleanup")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.json()
                 .object()
                 .value(QStringLiteral("cleaned_jobs"))
                 .toObject()
                 .value(QStringLiteral("total"))
                 .toInteger(),
        3002);
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE status = 'FAILED'"))
                 .toLongLong(),
        3002);
}

void TestCtl::cleanupOfANamedScopeChangesExactlyThatSet()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("alice"));
    const StuckSet set = makeStuckSet(tdb, store);
    addQueuedStuck(tdb, 3000);
    if (QTest::currentTestFailed())
        return;
    // Stuck one second after the scope is taken: due 4 min 59 s ago, and a
    // heartbeat 59 s old.
    const qint64 soonQueued
        = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("soon-queued")).id;
    QVERIFY(tdb.exec(QStringLiteral("UPDATE tasks SET run_after = run_after - 299000 WHERE id = ?"),
        {soonQueued}));
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET heartbeat_at = heartbeat_at - 59000 WHERE id = ?"),
        {set.runningFresh}));

    // What a confirmation names.
    Result<StuckReport> named = store.stuck().stuckScope(StuckThresholds());
    QVERIFY2(named.ok(), qPrintable(named.error().message()));
    QCOMPARE(named->queuedTotal, 3001);
    QCOMPARE(named->runningTotal, 1);
    QVERIFY(named->queued.isEmpty());

    // Meanwhile: a task of the set is cancelled, a new one is stuck at once
    // (enqueued backdated), and the two above age past the thresholds.
    QVERIFY(store.actions().cancel(set.queuedStuck).ok());
    const qint64 late = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("late")).id;
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET run_after = run_after - 3600000 WHERE id = ?"), {late}));
    QTest::qWait(1500);
    Result<StuckReport> now = store.stuck().stuckScope(StuckThresholds());
    QVERIFY(now.ok());
    QCOMPARE(now->total(), 3002 - 1 + 3); // the cancelled one out, the three late ones in

    Result<CleanupReport> done = store.stuck().cleanup(*named, CleanupAction::MarkFailed);
    QVERIFY2(done.ok(), qPrintable(done.error().message()));
    QCOMPARE(done->named, 3002);
    QCOMPARE(done->total(), 3001);
    QCOMPARE(done->leftAlone(), 1);
    QCOMPARE(done->toJson()
                 .value(QStringLiteral("cleaned_jobs"))
                 .toObject()
                 .value(QStringLiteral("left_alone"))
                 .toInteger(),
        1);
    QCOMPARE(statusOf(tdb, soonQueued), QStringLiteral("PENDING"));
    QCOMPARE(statusOf(tdb, late), QStringLiteral("PENDING"));
    QCOMPARE(statusOf(tdb, set.runningFresh), QStringLiteral("RUNNING"));
    QCOMPARE(statusOf(tdb, set.runningStuck), QStringLiteral("FAILED"));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT count(*) FROM tasks WHERE outcome IN "
                                       "('stuck_swept', 'worker_lost')"))
                 .toLongLong(),
        3001);
    // They wait for the next pass.
    Result<StuckReport> after = store.stuck().stuckScope(StuckThresholds());
    QVERIFY(after.ok());
    QCOMPARE(after->total(), 3);
}

void TestCtl::statsCountsByStatus()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    makeTask(store, QStringLiteral("PENDING"), QStringLiteral("p"));
    makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("r"));
    makeTask(store, QStringLiteral("COMPLETED"), QStringLiteral("c1"));
    makeTask(store, QStringLiteral("COMPLETED"), QStringLiteral("c2"));
    makeTask(store, QStringLiteral("FAILED"), QStringLiteral("f"));

    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("stats"), QStringLiteral("--hours"),
            QStringLiteral("2")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonObject stats = run.json().object();
    const QJsonObject counts = stats.value(QStringLiteral("counts")).toObject();
    QCOMPARE(counts.value(QStringLiteral("PENDING")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("RUNNING")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("COMPLETED")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("FAILED")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("TOTAL")).toInt(), 5);
    QCOMPARE(stats.value(QStringLiteral("hours")).toInt(), 2);
    QCOMPARE(stats.value(QStringLiteral("completed")).toInt(), 2);
    QCOMPARE(stats.value(QStringLiteral("failed")).toInt(), 1);
    QVERIFY(stats.value(QStringLiteral("from")).isDouble());
    QCOMPARE(stats.value(QStringLiteral("to")).toInteger()
            - stats.value(QStringLiteral("from")).toInteger(),
        2 * 3600 * 1000LL);
    const QJsonArray perMinute = stats.value(QStringLiteral("per_minute")).toArray();
    QVERIFY(!perMinute.isEmpty());
    QCOMPARE(perMinute.at(0).toObject().value(QStringLiteral("minute")).toInteger() % 60000, 0);

    run = runCtl(withDb(tdb, {QStringLiteral("stats")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(QRegularExpression(QStringLiteral("COMPLETED\\s+2")).match(run.out).hasMatch());
    QVERIFY(QRegularExpression(QStringLiteral("total\\s+5")).match(run.out).hasMatch());
    QVERIFY(run.out.contains(QLatin1String("failure rate")));
}

void TestCtl::auditShowsWhoDidWhat()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("bob"));
    const MadeTask a = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("audited"));
    const MadeTask b = makeTask(store, QStringLiteral("PENDING"), QStringLiteral("other"));
    QVERIFY2(runCtl(withDb(tdb,
                        {QStringLiteral("--as"), QStringLiteral("alice"),
                            QStringLiteral("force-stop"), QString::number(a.id)}))
                 .exitCode
            == 0,
        "force-stop");
    QVERIFY2(runCtl(withDb(tdb,
                        {QStringLiteral("--as"), QStringLiteral("alice"), QStringLiteral("delete"),
                            QString::number(a.id)}))
                 .exitCode
            == 0,
        "delete");

    CtlRun run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("--task"),
            QString::number(a.id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QJsonArray entries = run.json().array();
    QCOMPARE(entries.size(), 3); // enqueue by bob, force stop and delete by alice
    QCOMPARE(entries.at(0).toObject().value(QStringLiteral("action")).toString(),
        QStringLiteral("delete"));
    QCOMPARE(entries.at(0).toObject().value(QStringLiteral("actor")).toString(),
        QStringLiteral("alice"));
    QVERIFY(entries.at(0).toObject().value(QStringLiteral("at")).isDouble());
    QVERIFY(entries.at(0)
                .toObject()
                .value(QStringLiteral("details"))
                .toObject()
                .contains(QStringLiteral("snapshot")));
    QCOMPARE(entries.at(1).toObject().value(QStringLiteral("action")).toString(),
        QStringLiteral("force_stop"));
    QCOMPARE(entries.at(1).toObject().value(QStringLiteral("before_status")).toString(),
        QStringLiteral("RUNNING"));
    QCOMPARE(
        entries.at(2).toObject().value(QStringLiteral("actor")).toString(), QStringLiteral("bob"));

    run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("--search"),
            QStringLiteral("alice")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.json().array().size(), 2);

    run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("--limit"),
            QStringLiteral("1")}));
    QCOMPARE(run.json().array().size(), 1);

    run = runCtl(withDb(tdb, {QStringLiteral("audit")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QStringList lines = run.outLines();
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines.at(0).contains(QLatin1String("OPERATOR")));
    QVERIFY(lines.at(1).contains(QLatin1String("alice")));
    QVERIFY(lines.at(1).contains(QLatin1String("delete")));
    QVERIFY(lines.at(2).contains(QLatin1String("RUNNING -> FAILED")));
    QVERIFY(lines.at(3).contains(QLatin1String("other")));
    Q_UNUSED(b)

    // The details in words: no stored keys, durations as durations.
    QVERIFY(tdb.exec(
        QStringLiteral("UPDATE tasks SET run_after = run_after - 610000 WHERE id = ?"), {b.id}));
    QCOMPARE(runCtl(withDb(tdb, {QStringLiteral("cleanup")})).exitCode, 0);
    run = runCtl(withDb(tdb, {QStringLiteral("audit")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QString text = run.outLines().join(QLatin1Char('\n'));
    QVERIFY2(text.contains(QLatin1String("marked failed, stuck for 10 min 1")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("rule: operator's clean-up, threshold 5 min")),
        qPrintable(text));
    for (const char *raw : {"age_ms", "threshold_ms", "items_changed", "=", "{"})
        QVERIFY2(!text.contains(QLatin1String(raw)), qPrintable(text));
}

void TestCtl::logsPrintsTheLastLines()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("dave"));
    const MadeTask task = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("chatty"));
    QVector<LogLine> lines;
    for (int i = 1; i <= 1500; ++i) // more than one page of the store
        lines.append(
            {0, task.id, 0, 0, QStringLiteral("output"), QStringLiteral("line %1").arg(i)});
    QVERIFY(store.queue().appendWorkerLog(task.id, task.lease, lines).value());

    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("logs"), QString::number(task.id)}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QStringList out = run.outLines();
    QCOMPARE(out.size(), 1502); // created, attempt started, 1500 lines
    QVERIFY(out.at(0).endsWith(QLatin1String("Task created by dave")));
    QVERIFY(out.last().endsWith(QLatin1String("  line 1500")));

    run = runCtl(withDb(tdb,
        {QStringLiteral("logs"), QString::number(task.id), QStringLiteral("--limit"),
            QStringLiteral("3")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    out = run.outLines();
    QCOMPARE(out.size(), 3);
    QVERIFY(out.at(0).endsWith(QLatin1String("  line 1498")));
    QVERIFY(out.at(2).endsWith(QLatin1String("  line 1500")));

    run = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("logs"), QString::number(task.id),
            QStringLiteral("--limit"), QStringLiteral("2")}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    const QJsonArray json = run.json().array();
    QCOMPARE(json.size(), 2);
    QCOMPARE(json.at(1).toObject().value(QStringLiteral("message")).toString(),
        QStringLiteral("line 1500"));
    QVERIFY(json.at(1).toObject().value(QStringLiteral("at")).isDouble());

    run = runCtl(withDb(tdb, {QStringLiteral("logs"), QStringLiteral("777")}));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.errLines(), QStringList{QStringLiteral("taskdeskctl: Task 777 not found")});
}

void TestCtl::controlCharactersAreShownEscaped()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("eve\x1b[2J"));
    // A name that would retitle the terminal and clear the screen, an item, a
    // log line and an error with a bell, a carriage return, DEL and a C1 CSI.
    const QString name = QStringLiteral("evil\x1b]0;owned\x07\x1b[2Jname");
    NewTask n;
    n.kind = QStringLiteral("escapes");
    n.name = name;
    n.items = {QStringLiteral("item\x1b[31m-red")};
    Result<qint64> id = store.queue().enqueue(n);
    QVERIFY(id.ok());
    Result<std::optional<Claim>> claim = store.queue().claim(QStringLiteral("worker\x07-1"), {});
    QVERIFY(claim.ok() && claim.value() && claim.value()->taskId == *id);
    const QString lease = claim.value()->lease;
    Result<QVector<TaskItem>> items = store.reader().items(*id);
    QVERIFY(items.ok() && items->size() == 1);
    QVERIFY(store.queue()
                .appendWorkerLog(*id, lease,
                    {{0, *id, 0, 0, QStringLiteral("output"),
                         QStringLiteral("progress 50%\rfake line\x1b[1A\x7f\u009b2J")},
                        {0, *id, items->at(0).id, 0, QStringLiteral("output"),
                            QStringLiteral("bell\x07 and tab\there")}})
                .value());
    const QString idText = QString::number(*id);
    QVERIFY(runCtl(withDb(tdb, {QStringLiteral("cancel"), idText})).exitCode == 0);

    const QList<QStringList> commands{{QStringLiteral("list")}, {QStringLiteral("show"), idText},
        {QStringLiteral("logs"), idText}, {QStringLiteral("audit")},
        {QStringLiteral("audit"), QStringLiteral("--task"), idText}, {QStringLiteral("workers")}};
    for (const QStringList &command : commands) {
        const CtlRun run = runCtl(withDb(tdb, command));
        QVERIFY2(run.exitCode == 0, qPrintable(command.join(u' ') + describe(run)));
        QVERIFY2(firstControl(run.out) < 0,
            qPrintable(command.join(u' ')
                + QStringLiteral(": a raw control character at %1 in\n").arg(firstControl(run.out))
                + run.out));
        QVERIFY2(firstControl(run.err) < 0, qPrintable(run.err));
    }
    CtlRun run = runCtl(withDb(tdb, {QStringLiteral("show"), idText}));
    // Shown, not dropped: \e for ESC, \r for CR, \xHH for the others.
    for (const char *shown : {"evil\\e]0;owned\\x07\\e[2Jname", "item\\e[31m-red",
             "progress 50%\\rfake line\\e[1A\\x7f\\x9b2J", "bell\\x07 and tab\there"})
        QVERIFY2(run.out.contains(QString::fromUtf8(shown)),
            qPrintable(QString::fromUtf8(shown) + run.out));
    run = runCtl(withDb(tdb, {QStringLiteral("list")}));
    QVERIFY2(
        run.out.contains(QLatin1String("evil\\e]0;owned\\x07\\e[2Jname")), qPrintable(run.out));

    // So are the characters that reorder text: a name cannot pass for another.
    NewTask reordered;
    reordered.kind = QStringLiteral("escapes");
    reordered.name
        = QStringLiteral("report") + QChar(0x202e) + QStringLiteral("fdp.exe") + QChar(0x2066);
    Result<qint64> reorderedId = store.queue().enqueue(reordered);
    QVERIFY(reorderedId.ok());
    for (const QStringList &command : {QStringList{QStringLiteral("list")},
             QStringList{QStringLiteral("show"), QString::number(*reorderedId)}}) {
        run = runCtl(withDb(tdb, command));
        QVERIFY2(
            run.out.contains(QLatin1String("report\\u202efdp.exe\\u2066")), qPrintable(run.out));
        QVERIFY2(!run.out.contains(QChar(0x202e)) && !run.out.contains(QChar(0x2066)),
            qPrintable(run.out));
    }

    // JSON stays JSON: every control character escaped, the text unchanged.
    for (const QStringList &command : {QStringList{QStringLiteral("show"), idText},
             QStringList{QStringLiteral("list")}, QStringList{QStringLiteral("logs"), idText}}) {
        run = runCtl(withDb(tdb, QStringList{QStringLiteral("--json")} + command));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(firstControl(run.out) < 0, qPrintable(run.out));
        QVERIFY2(!run.json().isNull(), qPrintable(run.out));
    }
    run = runCtl(withDb(tdb, {QStringLiteral("--json"), QStringLiteral("show"), idText}));
    QCOMPARE(run.json()
                 .object()
                 .value(QStringLiteral("task"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
        name);
    const QJsonArray log = run.json().object().value(QStringLiteral("log")).toArray();
    QVERIFY(std::any_of(log.cbegin(), log.cend(), [](const QJsonValue &v) {
        return v.toObject().value(QStringLiteral("message")).toString()
            == QStringLiteral("progress 50%\rfake line\x1b[1A\x7f\u009b2J");
    }));
}

void TestCtl::logsFollowSeesNewLinesAndEndsWithTheTask_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("as text") << false;
    QTest::newRow("as JSON lines") << true;
}

void TestCtl::logsFollowSeesNewLinesAndEndsWithTheTask()
{
    QFETCH(bool, json);
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db(), QStringLiteral("eve"));
    const MadeTask task = makeTask(
        store, QStringLiteral("RUNNING"), QStringLiteral("followed"), {QStringLiteral("item-x")});
    Result<QVector<TaskItem>> items = store.reader().items(task.id);
    QVERIFY(items.ok());

    QProcess process;
    process.setProcessEnvironment(ctlEnvironment());
    QStringList arguments = withDb(tdb,
        {QStringLiteral("logs"), QString::number(task.id), QStringLiteral("--follow"),
            QStringLiteral("--interval"), QStringLiteral("0.1")});
    if (json)
        arguments.prepend(QStringLiteral("--json"));
    process.start(QStringLiteral(TASKDESK_CTL_PATH), arguments);
    QVERIFY(process.waitForStarted(30000));
    QString output;
    QVERIFY2(waitForOutput(process, output, QStringLiteral("Attempt 1 of 3 started"), 30000),
        qPrintable(output));

    // A line that the worker writes while taskdeskctl follows.
    QVERIFY(store.queue().startItem(task.id, task.lease, items->at(0).id).value());
    QVERIFY(store.queue()
                .appendWorkerLog(task.id, task.lease,
                    {{0, task.id, items->at(0).id, 0, QStringLiteral("output"),
                        QStringLiteral("hello from the worker")}})
                .value());
    QVERIFY2(waitForOutput(process, output, QStringLiteral("hello from the worker"), 30000),
        qPrintable(output));
    QCOMPARE(process.state(), QProcess::Running);

    // The task finishes: its last line is printed and the command ends by itself.
    QVERIFY(store.queue().finishItem(task.id, task.lease, items->at(0).id, true, {}).value());
    QVERIFY(store.queue().finishSuccess(task.id, task.lease).value().accepted);
    QVERIFY2(process.waitForFinished(30000), qPrintable(output));
    output += QString::fromUtf8(process.readAllStandardOutput());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
    QVERIFY2(output.contains(QLatin1String("Task completed")), qPrintable(output));
    QCOMPARE(output.count(QLatin1String("hello from the worker")), 1);

    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const int stored
        = tdb.scalar(QStringLiteral("SELECT count(*) FROM task_log WHERE task_id = ?"), {task.id})
              .toInt();
    QCOMPARE(lines.size(), stored); // every line once, none lost
    if (json) {
        for (const QString &line : lines) {
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8());
            QVERIFY2(doc.isObject(), qPrintable(line));
            QCOMPARE(doc.object().value(QStringLiteral("task_id")).toInteger(), task.id);
        }
    } else {
        QVERIFY2(
            output.contains(QLatin1String("[item-x]  hello from the worker")), qPrintable(output));
    }
}

void TestCtl::logsFollowEndsCleanlyOnSigterm()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    const MadeTask task = makeTask(store, QStringLiteral("RUNNING"), QStringLiteral("forever"));

    QProcess process;
    process.setProcessEnvironment(ctlEnvironment());
    process.start(QStringLiteral(TASKDESK_CTL_PATH),
        withDb(tdb,
            {QStringLiteral("logs"), QString::number(task.id), QStringLiteral("-f"),
                QStringLiteral("--interval"), QStringLiteral("0.1")}));
    QVERIFY(process.waitForStarted(30000));
    QString output;
    QVERIFY2(waitForOutput(process, output, QStringLiteral("Attempt 1 of 3 started"), 30000),
        qPrintable(output));
    QCOMPARE(process.state(), QProcess::Running);
    process.terminate(); // SIGTERM, as a service stop or a pipeline's end sends
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
    QCOMPARE(statusOf(tdb, task.id), QStringLiteral("RUNNING"));
}

void TestCtl::badInputChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message"); // a part of the one stderr line
    QTest::addColumn<bool>("checkedBeforeOpening"); // refused even without a database

    const bool before = true;
    QTest::newRow("an unknown command")
        << L({"frobnicate"}) << "unknown command 'frobnicate'" << before;
    QTest::newRow("no command at all") << QStringList{} << "no command given" << before;
    QTest::newRow("an unknown global option")
        << L({"--frob", "list"}) << "unknown option 'frob'" << before;
    QTest::newRow("an unknown option of a command")
        << L({"list", "--frob"}) << "list: unknown option 'frob'" << before;
    QTest::newRow("an option without its value")
        << L({"list", "--status"}) << "missing value after '--status'" << before;
    QTest::newRow("a command without its task id")
        << L({"cancel"}) << "cancel: missing argument ID" << before;
    QTest::newRow("enqueue without a kind")
        << L({"enqueue"}) << "enqueue: missing argument KIND" << before;
    QTest::newRow("an argument too many")
        << L({"show", "1", "2"}) << "show: unexpected argument '2'" << before;
    QTest::newRow("args that are not JSON")
        << L({"enqueue", "k", "--args", "{nope"}) << "--args is not a JSON object" << before;
    QTest::newRow("args that are a JSON string, not an object")
        << L({"enqueue", "k", "--args", "\"text\""}) << "--args is not a JSON object" << before;
    QTest::newRow("a kind with a space")
        << L({"enqueue", "bad kind"}) << "invalid task kind 'bad kind'" << before;
    QTest::newRow("a priority out of range")
        << L({"enqueue", "k", "--priority", "5000"}) << "--priority must be between -1000 and 1000"
        << before;
    QTest::newRow("zero attempts")
        << L({"enqueue", "k", "--max-attempts", "0"}) << "--max-attempts must be between" << before;
    QTest::newRow("a negative time limit")
        << L({"enqueue", "k", "--time-limit", "-1"}) << "--time-limit must be between" << before;
    QTest::newRow("an empty item label")
        << L({"enqueue", "k", "--item", ""}) << "--item needs a label" << before;
    QTest::newRow("a non-numeric id among good ones changes none of them")
        << L({"cancel", "1", "abc"}) << "'abc' is not a task id" << before;
    QTest::newRow("a non-numeric id for show")
        << L({"show", "one"}) << "'one' is not a task id" << before;
    QTest::newRow("a zero id") << L({"delete", "0"}) << "'0' is not a task id" << before;
    QTest::newRow("an unknown status")
        << L({"list", "--status", "sleeping"}) << "unknown status 'sleeping'" << before;
    QTest::newRow("an unknown status among good ones")
        << L({"list", "--status", "pending,asleep"}) << "unknown status 'asleep'" << before;
    QTest::newRow("an unknown sort column")
        << L({"list", "--sort", "colour"}) << "unknown sort column 'colour'" << before;
    QTest::newRow("a negative limit")
        << L({"list", "--limit", "-5"}) << "--limit must be between 1" << before;
    QTest::newRow("a limit that is not a number")
        << L({"logs", "1", "--limit", "ten"}) << "--limit must be a whole number" << before;
    QTest::newRow("a zero audit limit")
        << L({"audit", "--limit", "0"}) << "--limit must be between 1" << before;
    QTest::newRow("an audit task that is not an id")
        << L({"audit", "--task", "x"}) << "'x' is not a task id" << before;
    QTest::newRow("a negative queue threshold")
        << L({"stuck", "--threshold-minutes", "-1"}) << "--threshold-minutes must be" << before;
    QTest::newRow("an absurd queue threshold")
        << L({"cleanup", "--threshold-minutes", "999999"})
        << "the queue threshold must be between 1 second and 30 days" << before;
    QTest::newRow("a zero heartbeat timeout") << L({"cleanup", "--heartbeat-seconds", "0"})
                                              << "the heartbeat timeout must be between" << before;
    QTest::newRow("a heartbeat timeout that is not a number")
        << L({"stuck", "--heartbeat-seconds", "soon"}) << "--heartbeat-seconds must be a number"
        << before;
    QTest::newRow("an unknown cleanup action")
        << L({"cleanup", "--action", "explode"}) << "unknown action 'explode'" << before;
    QTest::newRow("a stats window of zero hours")
        << L({"stats", "--hours", "0"}) << "--hours must be between 1" << before;
    QTest::newRow("a follow interval of zero") << L({"logs", "1", "--follow", "--interval", "0"})
                                               << "--interval must be between" << before;
    QTest::newRow("an empty operator name")
        << L({"--as", "", "cancel", "1"}) << "--as needs a name" << before;
    QTest::newRow("an empty database location")
        << L({"--db", "", "list"}) << "--db needs a location" << before;
    QTest::newRow("a database URL of an unknown kind")
        << L({"--db", "oracle://host/db", "list"}) << "unknown database URL" << before;
    QTest::newRow("a MySQL database as Taskdesk's own")
        << L({"--db", "mysql://host/db", "list"}) << "can only be attached as another program's"
        << before;
    QTest::newRow("a password in the database URL")
        << L({"--db", "postgresql://u:secret@host/db", "list"})
        << "a password in the database URL is not accepted" << before;
    QTest::newRow("an upper-case scheme, its password never shown")
        << L({"--db", "POSTGRESQL://u:s3cret@host/db", "list"})
        << "unknown database URL 'POSTGRESQL://u:***@host/db'" << before;
    QTest::newRow("a misspelt scheme, its password never shown")
        << L({"--db", "postgressql://u:s3cret@host/db", "list"}) << "unknown database URL"
        << before;
    QTest::newRow("a scheme with one slash, its password never shown")
        << L({"--db", "postgresql:/u:s3cret@host/db", "list"}) << "not a valid PostgreSQL URL"
        << before;
    QTest::newRow("a libpq option smuggled into sslmode with %3B")
        << L({"--db", "postgresql://host/db?sslmode=require%3Bpassword%3Ds3cret", "list"})
        << "is not a valid sslmode" << before;
    QTest::newRow("a libpq option smuggled into application_name with %20")
        << L({"--db", "postgresql://host/db?application_name=x%20password%3Ds3cret", "list"})
        << "is not a valid application_name" << before;
    QTest::newRow("a time limit over seven days")
        << L({"enqueue", "k", "--time-limit", "604801"})
        << "--time-limit must be between 0 and 604800" << before;
    QTest::newRow("a time limit whose milliseconds overflow an int")
        << L({"enqueue", "k", "--time-limit", "4294968"})
        << "--time-limit must be between 0 and 604800" << before;
    QTest::newRow("a search text of 50,001 characters")
        << QStringList{QStringLiteral("list"), QStringLiteral("--search"),
               QString(50001, QLatin1Char('a'))}
        << "the search text is longer than 1000 characters" << false;
    QTest::newRow("an audit search text of 50,001 characters")
        << QStringList{QStringLiteral("audit"), QStringLiteral("--search"),
               QString(50001, QLatin1Char('a'))}
        << "the search text is longer than 1000 characters" << false;
    QTest::newRow("help for an unknown command")
        << L({"help", "nope"}) << "unknown command 'nope'" << before;
}

void TestCtl::badInputChangesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QFETCH(bool, checkedBeforeOpening);

    CtlRun run = runCtl(withDb(*m_shared, arguments));
    verifyOneClearMessage(run, message);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(!run.err.contains(QLatin1String("s3cret")), qPrintable(run.err));
    QCOMPARE(dump(*m_shared), m_sharedDump);

    if (checkedBeforeOpening) {
        // Refused before the database is even looked at: no file appears.
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("sub/none.db"));
        run = runCtl(QStringList{QStringLiteral("--db"), missing} + arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY(!QFileInfo::exists(missing));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("sub"))));
    }
}

void TestCtl::commandsNeverCreateAMissingDatabase_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("list") << L({"list"});
    QTest::newRow("show") << L({"show", "1"});
    QTest::newRow("logs") << L({"logs", "1"});
    QTest::newRow("stuck") << L({"stuck"});
    QTest::newRow("stats") << L({"stats"});
    QTest::newRow("audit") << L({"audit"});
    QTest::newRow("a cleanup dry run") << L({"cleanup", "--dry-run"});
    QTest::newRow("cleanup") << L({"cleanup"});
    QTest::newRow("cancel") << L({"cancel", "1"});
    QTest::newRow("force-stop") << L({"force-stop", "1"});
    QTest::newRow("restart") << L({"restart", "1"});
    QTest::newRow("delete") << L({"delete", "1"});
}

void TestCtl::commandsNeverCreateAMissingDatabase()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("none.db"));
    const CtlRun run = runCtl(QStringList{QStringLiteral("--db"), missing} + arguments);
    QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
    QCOMPARE(run.out, QString());
    QCOMPARE(run.errLines(),
        QStringList{
            QStringLiteral("taskdeskctl: no database at %1; run 'taskdeskctl init'").arg(missing)});
    QVERIFY(!QFileInfo::exists(missing));
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{});
}

void TestCtl::mistypedDatabaseUrlsCreateNothing_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTest::newRow("an upper-case scheme") << "POSTGRESQL://ops:s3cret@db/taskdesk"
                                          << "unknown database URL";
    QTest::newRow("a misspelt scheme") << "postgressql://ops:s3cret@db/taskdesk"
                                       << "unknown database URL";
    QTest::newRow("a scheme with one slash") << "postgresql:/ops:s3cret@db/taskdesk"
                                             << "not a valid PostgreSQL URL";
    QTest::newRow("a scheme without slashes") << "postgresql:ops:s3cret@db/taskdesk"
                                              << "not a valid PostgreSQL URL";
    QTest::newRow("an unknown scheme with a password in the query")
        << "pg://db/taskdesk?password=s3cret"
        << "unknown database URL";
}

void TestCtl::mistypedDatabaseUrlsCreateNothing()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    QTemporaryDir dir;
    for (const QString &command : {QStringLiteral("init"), QStringLiteral("enqueue")}) {
        QStringList arguments{QStringLiteral("--db"), url, command};
        if (command == QLatin1String("enqueue"))
            arguments << QStringLiteral("k");
        const CtlRun run = runCtl(arguments, ctlEnvironment(), dir.path());
        verifyOneClearMessage(run, message);
        QVERIFY2(!run.err.contains(QLatin1String("s3cret")), qPrintable(run.err));
        // Not a file or folder named after the URL, in the working folder.
        QCOMPARE(
            QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{});
    }
}

void TestCtl::aSearchUpToItsLimitWorks()
{
    const QString longest(1000, QLatin1Char('a'));
    CtlRun run
        = runCtl(withDb(*m_shared, {QStringLiteral("list"), QStringLiteral("--search"), longest}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QStringLiteral("No tasks.\n"));
    run = runCtl(withDb(*m_shared, {QStringLiteral("audit"), QStringLiteral("--search"), longest}));
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
}

void TestCtl::aReadOnlyFolderIsNamedAsTheCause()
{
    if (TestDatabase::postgres())
        QSKIP("a folder is where a SQLite file lives");
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = QDir(folder).filePath(QStringLiteral("tasks.db"));
    // Root writes to any folder whatever its mode: a read-only mount then.
    const bool root = ::geteuid() == 0;
    if (root
        && QProcess::execute(QStringLiteral("mount"),
               {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                   QStringLiteral("size=4m"), QStringLiteral("tmpfs"), folder})
            != 0)
        QSKIP("cannot mount a tmpfs here");
    const auto unmount = qScopeGuard([root, &folder] {
        if (root)
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), folder});
        else
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    });
    CtlRun run = runCtl({QStringLiteral("--db"), path, QStringLiteral("init")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    if (root)
        QCOMPARE(QProcess::execute(QStringLiteral("mount"),
                     {QStringLiteral("-o"), QStringLiteral("remount,ro"), folder}),
            0);
    else
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));

    const QString expected
        = QStringLiteral("taskdeskctl: cannot open %1: the folder %2 is read-only")
              .arg(path, folder);
    for (const QString &command : {QStringLiteral("list"), QStringLiteral("stats")}) {
        run = runCtl({QStringLiteral("--db"), path, command});
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY2(run.errLines().constFirst().startsWith(expected), qPrintable(run.err));
    }
    // A new database in that folder: the same cause.
    run = runCtl({QStringLiteral("--db"), QDir(folder).filePath(QStringLiteral("new.db")),
        QStringLiteral("init")});
    QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
    QVERIFY2(run.err.contains(QStringLiteral("the folder %1 is read-only").arg(folder)),
        qPrintable(run.err));
}

void TestCtl::emptyDatabaseIsLeftToInit()
{
    // An empty SQLite file, or a PostgreSQL database without Taskdesk's tables:
    // only init and enqueue create the schema, every other command says so.
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    QString url = tdb.url();
    QString expected;
    QTemporaryDir dir;
    if (TestDatabase::postgres()) {
        const DatabaseLocation loc = *DatabaseLocation::parse(url);
        const Error emptied
            = loc.execAlone(QStringLiteral("DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
        QVERIFY2(!emptied, qPrintable(emptied.message()));
        expected = QStringLiteral("taskdeskctl: no Taskdesk schema in %1; run 'taskdeskctl init'")
                       .arg(loc.display());
    } else {
        url = dir.filePath(QStringLiteral("empty.db"));
        QFile file(url);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        expected
            = QStringLiteral("taskdeskctl: no database at %1; run 'taskdeskctl init'").arg(url);
    }
    for (const QStringList &arguments : {L({"list"}), L({"cancel", "1"}), L({"cleanup"})}) {
        const CtlRun run = runCtl(QStringList{QStringLiteral("--db"), url} + arguments);
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
        QCOMPARE(run.errLines(), QStringList{expected});
    }
    if (!TestDatabase::postgres())
        QCOMPARE(QFileInfo(url).size(), 0);

    CtlRun run = runCtl({QStringLiteral("--db"), url, QStringLiteral("init")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    run = runCtl({QStringLiteral("--db"), url, QStringLiteral("list")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QCOMPARE(run.out, QStringLiteral("No tasks.\n"));
}

void TestCtl::unusableSqliteFilesAreRefusedUntouched_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("a text file") << "text"
                                 << "is not a SQLite database";
    QTest::newRow("a damaged Taskdesk database") << "damaged"
                                                 << "is damaged";
    QTest::newRow("a SQLite database of another program") << "foreign"
                                                          << "another program";
    QTest::newRow("a Taskdesk database of a newer version") << "newer"
                                                            << "newer than this";
}

void TestCtl::unusableSqliteFilesAreRefusedUntouched()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("data.db"));
    if (kind == QLatin1String("text")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("name,amount\nalice,3\n").repeated(200));
    } else if (kind == QLatin1String("foreign")) {
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO invoices (total) VALUES (12.5)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    } else {
        {
            Database db(*DatabaseLocation::parse(path));
            QVERIFY(!db.open());
            TaskStore store(db);
            for (int i = 0; i < 50; ++i)
                makeTask(store, QStringLiteral("PENDING"), QStringLiteral("t%1").arg(i));
            if (kind == QLatin1String("newer")) {
                Result<QSqlQuery> q = db.prepare(QStringLiteral(
                    "INSERT INTO schema_migrations (version, description) VALUES (99, 'future')"));
                QVERIFY(q.ok());
                QVERIFY(!db.exec(q.value()));
            }
        }
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        if (kind == QLatin1String("damaged")) {
            // Garbage over the schema page, after the file header: the header still
            // says SQLite, the contents do not hold together.
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(100));
            file.write(QByteArray(3000, '\xA5'));
        }
    }
    const QByteArray hash = fileHash(path);
    const qint64 size = QFileInfo(path).size();

    for (const QStringList &arguments : {QStringList{QStringLiteral("list")},
             QStringList{QStringLiteral("cancel"), QStringLiteral("1")},
             QStringList{QStringLiteral("enqueue"), QStringLiteral("k")},
             QStringList{QStringLiteral("init")}}) {
        const CtlRun run = runCtl(QStringList{QStringLiteral("--db"), path} + arguments);
        QVERIFY2(run.exitCode == 3, qPrintable(arguments.join(QLatin1Char(' ')) + describe(run)));
        QCOMPARE(run.out, QString());
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(QFileInfo(path).size(), size);
        QCOMPARE(fileHash(path), hash);
    }
}

void TestCtl::newerDatabaseIsRefused()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    makeTask(store, QStringLiteral("PENDING"), QStringLiteral("t"));
    QVERIFY(tdb.exec(QStringLiteral(
        "INSERT INTO schema_migrations (version, description) VALUES (99, 'future')")));
    const QString before = dump(tdb);
    for (const QStringList &arguments : {QStringList{QStringLiteral("list")},
             QStringList{QStringLiteral("cancel"), QStringLiteral("1")},
             QStringList{QStringLiteral("init")}}) {
        const CtlRun run = runCtl(withDb(tdb, arguments));
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY2(run.err.contains(QLatin1String("schema version 99")), qPrintable(run.err));
        QCOMPARE(dump(tdb), before);
    }
}

void TestCtl::helpOnEveryCommand_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("options"); // each must be described
    QTest::newRow("init") << "init" << QStringList{};
    QTest::newRow("version") << "version" << QStringList{};
    QTest::newRow("enqueue") << "enqueue"
                             << L({"--name", "--queue", "--priority", "--args", "--item",
                                    "--max-attempts", "--time-limit", "--delay"});
    QTest::newRow("list") << "list"
                          << L({"--status", "--queue", "--kind", "--search", "--stuck", "--sort",
                                 "--asc", "--limit"});
    QTest::newRow("show") << "show" << QStringList{};
    QTest::newRow("logs") << "logs" << L({"--follow", "--limit"});
    QTest::newRow("cancel") << "cancel" << QStringList{};
    QTest::newRow("force-stop") << "force-stop" << QStringList{};
    QTest::newRow("restart") << "restart" << QStringList{};
    QTest::newRow("delete") << "delete" << QStringList{};
    QTest::newRow("stuck") << "stuck" << L({"--threshold-minutes", "--heartbeat-seconds"});
    QTest::newRow("cleanup") << "cleanup"
                             << L({"--threshold-minutes", "--heartbeat-seconds", "--action",
                                    "--dry-run"});
    QTest::newRow("stats") << "stats" << L({"--hours"});
    QTest::newRow("audit") << "audit" << L({"--limit", "--search", "--task"});
}

void TestCtl::helpOnEveryCommand()
{
    QFETCH(QString, command);
    QFETCH(QStringList, options);
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("none.db"));

    const CtlRun run = runCtl({QStringLiteral("--db"), missing, command, QStringLiteral("--help")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY2(run.out.startsWith(QStringLiteral("Usage: taskdeskctl [GLOBAL OPTIONS] ") + command),
        qPrintable(run.out));
    for (const QString &option : options)
        QVERIFY2(run.out.contains(option), qPrintable(option));
    QVERIFY(!QFileInfo::exists(missing));

    // 'help COMMAND' says the same; the tool's own help lists the command.
    QCOMPARE(runCtl({QStringLiteral("help"), command}).out, run.out);
    const CtlRun top = runCtl({QStringLiteral("--help")});
    QCOMPARE(top.exitCode, 0);
    QVERIFY(QRegularExpression(QStringLiteral("\\n  %1 ").arg(QRegularExpression::escape(command)))
                .match(top.out)
                .hasMatch());
}

void TestCtl::globalOptionsWorkAfterTheCommand()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    const CtlRun run
        = runCtl({QStringLiteral("enqueue"), QStringLiteral("k"), QStringLiteral("--json"),
            QStringLiteral("--db"), tdb.url(), QStringLiteral("--as"), QStringLiteral("late")});
    QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
    QVERIFY(run.json().object().contains(QStringLiteral("id")));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT actor FROM audit_log")).toString(),
        QStringLiteral("late"));
}

void TestCtl::versionNamesTheSchema()
{
    CtlRun run = runCtl({QStringLiteral("version")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith(QStringLiteral("taskdeskctl ") + QStringLiteral(TASKDESK_VERSION)));
    run = runCtl({QStringLiteral("--json"), QStringLiteral("version")});
    QCOMPARE(run.json().object().value(QStringLiteral("schema_version")).toInt(),
        Database::schemaVersion());
    run = runCtl({QStringLiteral("--version")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral(TASKDESK_VERSION)));
}

// Declaring a host dead: without --yes a preview that changes nothing (exit
// 1), with --yes exactly what the preview named, audited; never this host.
void TestCtl::forgetHostShowsThenClosesWhatItNamed()
{
    TestDatabase tdb;
    TASKDESK_REQUIRE_DB(tdb);
    TaskStore store(tdb.db());
    NewTask n;
    n.kind = QStringLiteral("job");
    n.queue = QStringLiteral("forget");
    QVERIFY(store.queue().enqueue(n).ok());
    Result<std::optional<Claim>> claim = store.queue().claim(QStringLiteral("w@web-3"), {n.queue});
    QVERIFY(claim.ok() && claim->has_value());
    const qint64 taskId = (*claim)->taskId;
    QVERIFY(tdb.exec(QStringLiteral("UPDATE executions SET host = 'web-3'")));
    QVERIFY(tdb.exec(QStringLiteral("INSERT INTO workers (id, name, host) VALUES ('w@web-3', "
                                    "'w', 'web-3')")));

    CtlRun preview = runCtl(withDb(tdb,
        {QStringLiteral("--json"), QStringLiteral("workers"), QStringLiteral("forget-host"),
            QStringLiteral("web-3")}));
    QCOMPARE(preview.exitCode, 1);
    QCOMPARE(preview.json().object().value(QStringLiteral("done")).toBool(true), false);
    QCOMPARE(
        preview.json().object().value(QStringLiteral("task_ids")).toArray(), QJsonArray{taskId});
    QVERIFY(ExecutionStore(tdb.db()).openOfTask(taskId)->has_value());

    CtlRun refused = runCtl(withDb(tdb,
        {QStringLiteral("workers"), QStringLiteral("forget-host"), AuditLog::localHost(),
            QStringLiteral("--yes")}));
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("is this host")), qPrintable(describe(refused)));

    CtlRun done = runCtl(withDb(tdb,
        {QStringLiteral("workers"), QStringLiteral("forget-host"), QStringLiteral("web-3"),
            QStringLiteral("--yes")}));
    QCOMPARE(done.exitCode, 0);
    QVERIFY2(
        done.out.contains(QStringLiteral("1 open execution closed")), qPrintable(describe(done)));
    QVERIFY(!ExecutionStore(tdb.db()).openOfTask(taskId)->has_value());
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT status FROM workers WHERE id = 'w@web-3'")),
        QVariant(QStringLiteral("lost")));
    QCOMPARE(tdb.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = "
                                       "'forget_host'")),
        QVariant(kOsUser));
}

TASKDESK_TEST_MAIN(TestCtl)
#include "tst_ctl.moc"
