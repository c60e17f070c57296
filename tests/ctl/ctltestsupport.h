#pragma once

// What the taskdeskctl suites share: running the real binary (TASKDESK_CTL_PATH,
// set by tests/ctl/CMakeLists.txt) and dumping the rows a command could change.
#include "core/database.h"
#include "core/tasks/taskstore.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QTest>

#include <initializer_list>

namespace taskdesk::test {

// The OS user that taskdeskctl sees in its child environment: the default operator.
inline const QString kOsUser = QStringLiteral("os-operator");

// A list of words for the data tables, which the no-cast-from-ASCII policy
// would otherwise spell out word by word.
inline QStringList L(std::initializer_list<const char *> words)
{
    QStringList list;
    for (const char *word : words)
        list << QString::fromUtf8(word);
    return list;
}

struct CtlRun
{
    int exitCode = -1;
    QString out;
    QString err;

    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QStringList outLines() const { return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
};

inline QProcessEnvironment ctlEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TASKDESK_DB"));
    env.insert(QStringLiteral("USER"), kOsUser);
    env.insert(QStringLiteral("LOGNAME"), kOsUser);
    return env;
}

inline CtlRun runCtl(const QStringList &arguments,
    const QProcessEnvironment &env = ctlEnvironment(), const QString &workingDirectory = {})
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(TASKDESK_CTL_PATH), arguments);
    CtlRun run;
    if (!process.waitForStarted(30000) || !process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("taskdeskctl did not finish: ") + process.errorString();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

inline QString describe(const CtlRun &run)
{
    return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3")
        .arg(run.exitCode)
        .arg(run.out, run.err);
}

// Bad input: exit 2, nothing on stdout, one line on stderr that names the
// program and says `message`. Check QTest::currentTestFailed() after it.
inline void verifyOneClearMessage(const CtlRun &run, const QString &message)
{
    QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
    QCOMPARE(run.out, QString());
    QCOMPARE(run.errLines().size(), 1);
    QVERIFY2(run.errLines().constFirst().startsWith(QLatin1String("taskdeskctl: ")),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

// Everything in `tables` (default: what the task commands could change), in a
// stable order.
inline QString dump(TestDatabase &tdb,
    const QStringList &tables
    = L({"tasks", "task_items", "task_log", "audit_log", "schema_migrations", "settings"}))
{
    QStringList out;
    for (const QString &table : tables) {
        Result<QSqlQuery> q
            = tdb.db().prepare(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(table));
        if (!q.ok() || tdb.db().exec(q.value()))
            return QStringLiteral("cannot read %1").arg(table);
        out << table;
        while (q.value().next()) {
            QStringList row;
            for (int i = 0; i < q.value().record().count(); ++i)
                row << q.value().value(i).toString();
            out << row.join(QLatin1Char('|'));
        }
    }
    return out.join(QLatin1Char('\n'));
}

struct MadeTask
{
    qint64 id = 0;
    QString lease;
};

// A task in the given state, made through the store as a worker would: each
// running task gets its own queue so that the claim takes exactly this one.
inline MadeTask makeTask(TaskStore &store, const QString &state, const QString &name,
    const QStringList &items = {}, int priority = 0)
{
    NewTask n;
    n.kind = QStringLiteral("kind-") + name;
    n.name = name;
    n.queue = QStringLiteral("q-") + name;
    n.items = items;
    n.priority = priority;
    MadeTask made;
    Result<qint64> id = store.queue().enqueue(n);
    if (!id.ok())
        qFatal("enqueue failed: %s", qPrintable(id.error().message()));
    made.id = *id;
    if (state == QLatin1String("PENDING"))
        return made;
    Result<std::optional<Claim>> claim = store.queue().claim(QStringLiteral("worker-1"), {n.queue});
    if (!claim.ok() || !claim.value() || claim.value()->taskId != made.id)
        qFatal("claim failed for %s", qPrintable(name));
    made.lease = claim.value()->lease;
    if (state == QLatin1String("RUNNING"))
        return made;
    const Result<FinishResult> finished = state == QLatin1String("COMPLETED")
        ? store.queue().finishSuccess(made.id, made.lease)
        : store.queue().finishError(
            made.id, made.lease, 1, QStringLiteral("boom"), QStringLiteral("error"), false);
    if (!finished.ok() || !finished->accepted)
        qFatal("finishing failed for %s", qPrintable(name));
    made.lease.clear();
    return made;
}

// Reads a running process's output until `text` appears or the time runs out.
inline bool waitForOutput(QProcess &process, QString &output, const QString &text, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!output.contains(text) && timer.elapsed() < timeoutMs) {
        process.waitForReadyRead(200);
        output += QString::fromUtf8(process.readAllStandardOutput());
        if (process.state() == QProcess::NotRunning) {
            output += QString::fromUtf8(process.readAllStandardOutput());
            break;
        }
    }
    return output.contains(text);
}

// A taskdeskctl that runs in the background (supervise, --follow), stopped
// with SIGTERM and waited for even when a test fails half way.
class Background final
{
public:
    Background() = default;
    Background(const Background &) = delete;
    Background &operator=(const Background &) = delete;
    ~Background() { stop(); }

    bool start(const QStringList &arguments, const QProcessEnvironment &env)
    {
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(TASKDESK_CTL_PATH), arguments);
        return m_process.waitForStarted(30000);
    }
    QProcess &process() { return m_process; }
    QString readErr()
    {
        m_err += QString::fromUtf8(m_process.readAllStandardError());
        return m_err;
    }
    // SIGTERM, then the exit code (-1: killed, or did not end in time).
    int stop(int timeoutMs = 60000)
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        m_process.terminate();
        if (!m_process.waitForFinished(timeoutMs)) {
            m_process.kill();
            m_process.waitForFinished(5000);
            return -1;
        }
        readErr();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

private:
    QProcess m_process;
    QString m_err;
};

} // namespace taskdesk::test
