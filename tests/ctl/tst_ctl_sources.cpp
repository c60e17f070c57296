// taskdeskctl on sources: attaching a Django job table by its catalog, the
// task commands with --source, and bad input (one clear message, nothing
// written), with the real binary on real databases.

#include "ctltestsupport.h"
#include "testjobdatabase.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTest>

using namespace taskdesk;
using namespace taskdesk::test;

class TestCtlSources : public QObject
{
    Q_OBJECT

private:
    // The Django tables with a task of each status; the RUNNING one (id
    // returned) stuck for three hours with two running items.
    qint64 django(TestJobDatabase &jdb)
    {
        if (!jdb.createDjangoTables())
            return -1;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 old = now - 3 * 3600 * 1000;
        jdb.addDjangoTask(QStringLiteral("PENDING"), now, 0, now, {}, QStringLiteral("Warmup new"));
        jdb.addDjangoTask(
            QStringLiteral("COMPLETED"), old, old, old, {}, QStringLiteral("Warmup done"));
        jdb.addDjangoTask(
            QStringLiteral("FAILED"), old, old, old, {}, QStringLiteral("Warmup failed"));
        return jdb.addDjangoTask(QStringLiteral("RUNNING"), old, old, old,
            {QStringLiteral("running"), QStringLiteral("done"), QStringLiteral("running")},
            QStringLiteral("Warmup 2025-10-05 15:46"));
    }

    QStringList db(TestDatabase &tdb)
    {
        return {QStringLiteral("--db"), tdb.url(), QStringLiteral("--as"), QStringLiteral("alice")};
    }

private slots:
    void attachesADjangoTableAndActsOnItsRows()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        const qint64 stuck = django(jdb);
        QVERIFY(stuck > 0);
        CtlRun add = runCtl(db(tdb) + L({"sources", "add", "warmup", "--connection"})
            + QStringList{jdb.url()} + L({"--table", "warmup_warmuptask"}));
        QVERIFY2(add.exitCode == 0, qPrintable(describe(add)));
        QVERIFY2(add.out.contains(QStringLiteral("items:       warmup_warmupaccount by task_id")),
            qPrintable(add.out));
        QVERIFY2(add.out.contains(QStringLiteral("needs an index on status")), qPrintable(add.out));

        CtlRun list = runCtl(db(tdb) + L({"--json", "sources"}));
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.json().array().size(), 1);
        QCOMPARE(list.json().array().at(0).toObject().value(QStringLiteral("table")).toString(),
            QStringLiteral("warmup_warmuptask"));

        CtlRun rows
            = runCtl(db(tdb) + L({"--json", "list", "--source", "warmup", "--status", "running"}));
        QVERIFY2(rows.exitCode == 0, qPrintable(describe(rows)));
        QCOMPARE(rows.json().array().size(), 1);
        const QJsonObject row = rows.json().array().at(0).toObject();
        QCOMPARE(row.value(QStringLiteral("key")).toInteger(), stuck);
        QVERIFY(row.value(QStringLiteral("stuck")).toBool());

        CtlRun test = runCtl(db(tdb) + L({"sources", "test", "warmup"}));
        QVERIFY2(test.exitCode == 0, qPrintable(describe(test)));
        QVERIFY2(test.out.contains(QStringLiteral("Force Stop: Dry run, rolled back")),
            qPrintable(test.out));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {stuck})
                .toString(),
            QStringLiteral("RUNNING"));

        CtlRun stuckRows = runCtl(db(tdb) + L({"--json", "stuck", "--source", "warmup"}));
        QVERIFY2(stuckRows.exitCode == 0, qPrintable(describe(stuckRows)));
        QCOMPARE(stuckRows.json().object().value(QStringLiteral("stuck_running")).toInt(), 1);

        CtlRun stop = runCtl(db(tdb) + L({"force-stop", "--source", "warmup"})
            + QStringList{QString::number(stuck)});
        QVERIFY2(stop.exitCode == 0, qPrintable(describe(stop)));
        QVERIFY2(stop.out.contains(QStringLiteral("RUNNING → FAILED (Force Stop); 2 items too")),
            qPrintable(stop.out));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {stuck})
                .toString(),
            QStringLiteral("FAILED"));
        // Again: refused, exit 1, the reason on stderr.
        CtlRun again = runCtl(db(tdb) + L({"force-stop", "--source", "warmup"})
            + QStringList{QString::number(stuck)});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(
                     QStringLiteral("is FAILED: Force Stop is not taken from that status")),
            qPrintable(again.err));

        CtlRun logs = runCtl(
            db(tdb) + L({"logs", "--source", "warmup"}) + QStringList{QString::number(stuck)});
        QCOMPARE(logs.exitCode, 0);
        QVERIFY2(logs.out.contains(QStringLiteral("⚠️ Task force stopped by alice")),
            qPrintable(logs.out));

        CtlRun audit = runCtl(db(tdb) + L({"--json", "audit"}));
        QCOMPARE(audit.exitCode, 0);
        QCOMPARE(audit.json().array().at(0).toObject().value(QStringLiteral("action")).toString(),
            QStringLiteral("source_force_stop"));

        // Retry the failed one; then a dry run of a cancel changes nothing.
        CtlRun retry = runCtl(
            db(tdb) + L({"restart", "--source", "warmup"}) + QStringList{QString::number(stuck)});
        QVERIFY2(retry.exitCode == 0, qPrintable(describe(retry)));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {stuck})
                .toString(),
            QStringLiteral("PENDING"));
        CtlRun dry = runCtl(db(tdb) + L({"cancel", "--dry-run", "--source", "warmup"})
            + QStringList{QString::number(stuck)});
        QVERIFY2(dry.exitCode == 0, qPrintable(describe(dry)));
        QCOMPARE(
            jdb.scalar(QStringLiteral("SELECT status FROM warmup_warmuptask WHERE id = ?"), {stuck})
                .toString(),
            QStringLiteral("PENDING"));

        CtlRun stats = runCtl(db(tdb) + L({"--json", "stats", "--source", "warmup"}));
        QCOMPARE(stats.exitCode, 0);
        QCOMPARE(stats.json().object().value(QStringLiteral("total")).toInt(), 4);

        CtlRun edit = runCtl(
            db(tdb) + L({"sources", "edit", "warmup", "--running-minutes", "45", "--sweep", "on"}));
        QVERIFY2(edit.exitCode == 0, qPrintable(describe(edit)));
        CtlRun show = runCtl(db(tdb) + L({"--json", "sources", "show", "warmup"}));
        QCOMPARE(show.exitCode, 0);
        const QJsonObject rules = show.json()
                                      .object()
                                      .value(QStringLiteral("definition"))
                                      .toObject()
                                      .value(QStringLiteral("stuck"))
                                      .toObject();
        QCOMPARE(rules.value(QStringLiteral("running_minutes")).toInt(), 45);
        QVERIFY(rules.value(QStringLiteral("sweep")).toBool());

        CtlRun remove = runCtl(db(tdb) + L({"sources", "remove", "warmup"}));
        QCOMPARE(remove.exitCode, 0);
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT COUNT(*) FROM warmup_warmuptask")).toInt(), 4);
    }

    void badInputIsOneClearMessageAndChangesNothing()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(django(jdb) > 0);
        const QString before = dump(tdb, L({"audit_log", "sources"}));
        verifyOneClearMessage(runCtl(db(tdb) + L({"sources", "add", "warmup", "--table", "x"})),
            QStringLiteral("give --connection and --table"));
        verifyOneClearMessage(
            runCtl(
                db(tdb) + L({"sources", "add", "bad name", "--connection", "/x", "--table", "x"})),
            QStringLiteral("not a valid source name"));
        verifyOneClearMessage(runCtl(db(tdb)
                                  + L({"sources", "add", "w", "--connection", "/x", "--table", "x",
                                      "--map", "done=FINISHED"})),
            QStringLiteral("--map done=FINISHED"));
        verifyOneClearMessage(runCtl(db(tdb)
                                  + L({"sources", "add", "w", "--connection", "/x", "--table", "x",
                                      "--running-minutes", "0"})),
            QStringLiteral("--running-minutes"));
        verifyOneClearMessage(
            runCtl(db(tdb) + L({"cancel", "--dry-run", "1"})), QStringLiteral("give --source"));
        verifyOneClearMessage(runCtl(db(tdb) + L({"list", "--source", "no such"})),
            QStringLiteral("not a valid source name"));
        // A table of another name: its name in the message, nothing saved.
        CtlRun missing = runCtl(db(tdb) + L({"sources", "add", "w", "--connection"})
            + QStringList{jdb.url()} + L({"--table", "warmup_renamed"}));
        QVERIFY(missing.exitCode != 0);
        QVERIFY2(missing.err.contains(QStringLiteral("there is no table 'warmup_renamed'")),
            qPrintable(missing.err));
        // A password in the connection is never accepted, nor echoed.
        CtlRun secret = runCtl(db(tdb)
            + L({"sources", "add", "w", "--connection", "postgresql://bob:hunter2@db/app",
                "--table", "jobs"}));
        QVERIFY(secret.exitCode != 0);
        QVERIFY2(secret.err.contains(QStringLiteral("password")), qPrintable(secret.err));
        QVERIFY2(!secret.err.contains(QStringLiteral("hunter2")), qPrintable(secret.err));
        CtlRun unknown = runCtl(db(tdb) + L({"list", "--source", "nosuch"}));
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("there is no source 'nosuch'")),
            qPrintable(unknown.err));
        QCOMPARE(dump(tdb, L({"audit_log", "sources"})), before);
    }
};

TASKDESK_TEST_MAIN(TestCtlSources)
#include "tst_ctl_sources.moc"
