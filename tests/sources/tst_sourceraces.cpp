// Another program writes the rows an operator acts on, at the same time: a
// Python script with the standard sqlite3 module, psql, or the mariadb client,
// each row in its own transaction. The operator acts on every row as it saw it
// before that program wrote it: 1,000 of 1,000 actions must be fenced (the
// status or the fence column moved), and every row must keep what the other
// program wrote. Then both write the same rows at once: every line either
// appended is there at the end, and no action lands on a row it did not see.

#include "core/sources/attachedsource.h"
#include "core/sources/sourcecatalog.h"
#include "testdatabase.h"
#include "testjobdatabase.h"

#include <QDateTime>
#include <QObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace taskdesk;
using namespace taskdesk::test;

namespace {

constexpr int kRows = 1000;

// The other program: reads statements on standard input, one transaction each,
// and prints "done ID" after each commit.
class OtherProgram
{
public:
    explicit OtherProgram(TestJobDatabase &jdb)
        : m_backend(jdb.backend())
    {
        const DatabaseLocation loc = *DatabaseLocation::parse(jdb.url());
        switch (m_backend) {
        case JobBackend::Sqlite:
            m_process.start(QStringLiteral("python3"),
                {QStringLiteral("-u"), QStringLiteral("-c"),
                    QStringLiteral(
                        "import sqlite3, sys\n"
                        "con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)\n"
                        "for line in sys.stdin:\n"
                        "    key, sql = line.rstrip('\\n').split(' ', 1)\n"
                        "    con.execute('BEGIN IMMEDIATE')\n"
                        "    con.execute(sql.replace('\\\\n', '\\n'))\n"
                        "    con.execute('COMMIT')\n"
                        "    print('done', key, flush=True)\n"),
                    loc.path});
            break;
        case JobBackend::Postgres:
            m_process.start(QStringLiteral("psql"),
                {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                    QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), jdb.url()});
            break;
        case JobBackend::Mysql: {
            const QString client
                = QStandardPaths::findExecutable(QStringLiteral("mariadb")).isEmpty()
                ? QStringLiteral("mysql")
                : QStringLiteral("mariadb");
            m_process.start(client,
                {QStringLiteral("--batch"), QStringLiteral("--skip-column-names"),
                    QStringLiteral("--unbuffered"), QStringLiteral("--socket=") + loc.socket,
                    QStringLiteral("--user=") + loc.user, loc.databaseName});
            break;
        }
        }
    }
    ~OtherProgram()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }
    bool started() { return m_process.waitForStarted(10000); }
    QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }

    // Moves the fence of row `key` (a worker's heartbeat, with a log line), or
    // finishes it (COMPLETED) when `finish`.
    void write(qint64 key, bool finish)
    {
        QString sql;
        const QString status = finish ? QStringLiteral("status = 'COMPLETED', ") : QString();
        switch (m_backend) {
        case JobBackend::Sqlite:
            sql = QStringLiteral("UPDATE warmup_warmuptask SET %1updated_at = strftime('%Y-%m-%d "
                                 "%H:%M:%f', 'now', '+1 seconds') || '000', log = log || "
                                 "'\\nprogram %2' WHERE id = %2")
                      .arg(status)
                      .arg(key);
            m_process.write(QStringLiteral("%1 %2\n").arg(key).arg(sql).toUtf8());
            return;
        case JobBackend::Postgres:
            sql = QStringLiteral("UPDATE warmup_warmuptask SET %1updated_at = clock_timestamp() + "
                                 "interval '1 second', log = log || E'\\nprogram %2' WHERE id = "
                                 "%2;\n\\echo done %2\n")
                      .arg(status)
                      .arg(key);
            break;
        case JobBackend::Mysql:
            sql = QStringLiteral("UPDATE warmup_warmuptask SET %1updated_at = UTC_TIMESTAMP(6) + "
                                 "INTERVAL 1 SECOND, log = CONCAT(log, '\\nprogram %2') WHERE id "
                                 "= %2; SELECT 'done %2';\n")
                      .arg(status)
                      .arg(key);
            break;
        }
        m_process.write(sql.toUtf8());
    }

    // The next key the program says it committed; -1 after `timeoutMs`.
    qint64 nextDone(int timeoutMs = 30000)
    {
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(timeoutMs))
                return -1;
        }
        const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
        if (!line.startsWith(QLatin1String("done ")))
            return nextDone(timeoutMs);
        return line.mid(5).toLongLong();
    }

private:
    JobBackend m_backend;
    QProcess m_process;
};

} // namespace

class TestSourceRaces : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AttachedSource> attach(TestDatabase &tdb, TestJobDatabase &jdb)
    {
        Result<DatabaseLocation> loc = DatabaseLocation::parse(jdb.url());
        Database db(*loc, Database::Role::AttachedReadOnly);
        if (Error e = db.open())
            return nullptr;
        Result<SourceDefinition> d = SourceCatalog(db).suggest(QStringLiteral("warmup_warmuptask"));
        if (!d.ok())
            return nullptr;
        d->name = QStringLiteral("warmup");
        d->location = jdb.url();
        Result<std::unique_ptr<AttachedSource>> s
            = AttachedSource::open(tdb.db(), *d, QStringLiteral("alice"));
        return s.ok() ? std::move(s).value() : nullptr;
    }

    QHash<qint64, SourceRow> readAll(AttachedSource &s)
    {
        TaskFilter all;
        all.limit = kRows * 2;
        QHash<qint64, SourceRow> seen;
        for (const SourceRow &r : *s.reader().list(all))
            seen.insert(r.key, r);
        return seen;
    }

private slots:
    void everyActionOnARowAnotherProgramWroteSinceIsFenced()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(jdb.createDjangoTables());
        QVERIFY(jdb.fillDjangoTasks(kRows, {QStringLiteral("RUNNING")},
            QDateTime::currentMSecsSinceEpoch() - 3600 * 1000, 10));
        std::unique_ptr<AttachedSource> s = attach(tdb, jdb);
        QVERIFY(s);
        const QHash<qint64, SourceRow> seen = readAll(*s);
        QCOMPARE(seen.size(), kRows);

        OtherProgram program(jdb);
        QVERIFY2(program.started(), "the other program did not start");
        QList<qint64> keys = seen.keys();
        std::sort(keys.begin(), keys.end());
        // The program writes every row, half of them to COMPLETED; the operator
        // acts on each as soon as the program says it committed it, while the
        // program goes on writing the next ones.
        for (qint64 key : keys)
            program.write(key, key % 2 == 0);
        int fenced = 0;
        int done = 0;
        for (int i = 0; i < kRows; ++i) {
            const qint64 key = program.nextDone();
            QVERIFY2(key > 0, qPrintable(program.errors()));
            const TaskAction action = key % 3 == 0 ? TaskAction::Cancel : TaskAction::ForceStop;
            Result<SourceActionReport> r = s->actions().apply(action, seen.value(key));
            QVERIFY2(r.ok(), qPrintable(r.error().message()));
            (r->done ? done : fenced)++;
        }
        QCOMPARE(done, 0);
        QCOMPARE(fenced, kRows);
        // Every row as the program left it: no operator's status, no operator's line.
        QCOMPARE(jdb.scalar(QStringLiteral(
                                "SELECT COUNT(*) FROM warmup_warmuptask WHERE status = 'FAILED'"))
                     .toInt(),
            0);
        QCOMPARE(
            jdb.scalar(QStringLiteral(
                           "SELECT COUNT(*) FROM warmup_warmuptask WHERE status = 'COMPLETED'"))
                .toInt(),
            kRows / 2);
        QCOMPARE(
            jdb.scalar(QStringLiteral(
                           "SELECT COUNT(*) FROM warmup_warmuptask WHERE log LIKE '%program%'"))
                .toInt(),
            kRows);
        QCOMPARE(jdb.scalar(QStringLiteral(
                                "SELECT COUNT(*) FROM warmup_warmuptask WHERE log LIKE '%alice%'"))
                     .toInt(),
            0);
    }

    // Both write at once, each on rows as it last read them: an operator's
    // action is done only where the row was still as seen, and nothing either
    // appended is lost.
    void concurrentWritesLoseNothing()
    {
        TestDatabase tdb;
        TASKDESK_REQUIRE_DB(tdb);
        TestJobDatabase jdb;
        TASKDESK_REQUIRE_JOB_DB(jdb);
        QVERIFY(jdb.createDjangoTables());
        const int rows = 300;
        QVERIFY(jdb.fillDjangoTasks(rows, {QStringLiteral("RUNNING")},
            QDateTime::currentMSecsSinceEpoch() - 3600 * 1000, 10));
        std::unique_ptr<AttachedSource> s = attach(tdb, jdb);
        QVERIFY(s);
        QHash<qint64, SourceRow> seen = readAll(*s);
        QList<qint64> keys = seen.keys();
        std::sort(keys.begin(), keys.end());
        OtherProgram program(jdb);
        QVERIFY(program.started());
        for (qint64 key : keys)
            program.write(key, false); // heartbeats: the rows stay RUNNING
        int done = 0;
        for (qint64 key : keys) {
            // A fresh read: the program may write the row between it and the action.
            Result<SourceRow> now = s->reader().row(key);
            QVERIFY(now.ok());
            Result<SourceActionReport> r = s->actions().apply(TaskAction::ForceStop, *now);
            QVERIFY2(r.ok(), qPrintable(r.error().message()));
            if (r->done)
                ++done;
        }
        for (int i = 0; i < rows; ++i)
            QVERIFY2(program.nextDone() > 0, qPrintable(program.errors()));
        // Every program line is there, and every action that was done too.
        QCOMPARE(
            jdb.scalar(QStringLiteral(
                           "SELECT COUNT(*) FROM warmup_warmuptask WHERE log LIKE '%program%'"))
                .toInt(),
            rows);
        QCOMPARE(jdb.scalar(QStringLiteral("SELECT COUNT(*) FROM warmup_warmuptask WHERE log LIKE "
                                           "'%force stopped by alice%'"))
                     .toInt(),
            done);
        QCOMPARE(jdb.scalar(QStringLiteral(
                                "SELECT COUNT(*) FROM warmup_warmuptask WHERE status = 'FAILED'"))
                     .toInt(),
            done);
        qInfo("%d of %d actions done, %d fenced", done, rows, rows - done);
    }
};

TASKDESK_TEST_MAIN(TestSourceRaces)
#include "tst_sourceraces.moc"
