#pragma once

#include "core/database.h"
#include "core/error.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QVector>

namespace taskdesk::bench {

// What one run of taskdesk-bench measures, and how hard.
struct Options
{
    qint64 tasks = 1'000'000;
    QString db; // the main database (parts 1, 2, 3, 5 and the SQLite half of 4, 6)
    QString postgres; // a PostgreSQL server for the other half; empty: none
    QSet<int> parts{1, 2, 3, 4, 5, 6, 7, 8, 9};
    QString jsonFile; // empty: stdout
    bool table = false; // the table on stdout instead of stderr
    int jumps = 200;
    int filterRuns = 5;
    int refreshRuns = 20;
    int sweepRuns = 3;
    double queueSeconds = 3.0;
    QVector<int> connections{1, 2, 4};
    int batch = 16; // tasks per transaction of the batched claim + finish runs
    int e2eTasks = 2000;
    int concurrency = 4;
    int latencyRuns = 5;
    qint64 baselineLimitMb = 8000; // the baseline gives up fetching beyond this RSS
    QString child; // internal: "model" or "baseline"
    QString workerBinary;
    bool keep = false;
    QString command; // the command line, for the report

    bool wants(int part) const { return parts.contains(part); }
};

// The failures of one part, kept in its report ("failures") as they come:
// `return fail(text)` ends the part with what it has measured so far, and
// `fail(text)` alone goes on.
class Failures final
{
public:
    explicit Failures(QJsonObject &report)
        : m_report(report)
    { }

    QJsonObject operator()(const QString &text)
    {
        m_failures.append(text);
        m_report.insert(QStringLiteral("failures"), m_failures);
        return m_report;
    }

private:
    QJsonObject &m_report;
    QJsonArray m_failures;
};

inline double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// CPU time of the calling thread, in milliseconds. On a loaded machine the wall
// clock of an operation grows with the run queue; its CPU time does not.
double threadCpuMs();

// CPU time every core of the machine spent busy (user, system, interrupts;
// not idle or waiting for I/O), in milliseconds, from /proc/stat; -1 where it
// cannot be read. Over a run against a PostgreSQL server on the same machine,
// this less the client's own CPU time is the server's.
double machineBusyCpuMs();

// CPU time (user and system) of the waited-for children of this process and
// of their own waited-for children, in milliseconds.
double childrenCpuMs();

// Wall clock and CPU time of the calling thread, together.
class Stopwatch
{
public:
    Stopwatch() { restart(); }
    void restart()
    {
        m_cpu = threadCpuMs();
        m_wall.restart();
    }
    double wallMs() const { return msSince(m_wall); }
    double cpuMs() const { return threadCpuMs() - m_cpu; }

private:
    QElapsedTimer m_wall;
    double m_cpu = 0;
};

// Durations of repeated operations, in milliseconds.
class Samples
{
public:
    void add(double ms) { m_values.append(ms); }
    void append(const Samples &other) { m_values += other.m_values; }
    bool isEmpty() const { return m_values.isEmpty(); }
    int size() const { return int(m_values.size()); }
    double median() const { return percentile(50); }
    // Nearest rank: p99 of 200 samples is the second largest.
    double percentile(double p) const;
    double max() const;
    double sum() const;
    QJsonObject toJson() const; // n, p50, p99, max, mean

private:
    QVector<double> m_values;
};

// The peak and current resident set of this process (VmHWM, VmRSS), in KiB.
qint64 peakRssKb();
qint64 currentRssKb();
// /proc/loadavg: the 1, 5 and 15 minute load averages.
QJsonArray loadAverage();
// nproc, the CPU model, the memory, the kernel, the Qt and SQLite versions.
QJsonObject machineInfo();

// Runs one fixture statement (backdating a time, adding tasks in bulk) with
// bound values; transitions of tasks still go through TaskStore.
Error execSql(Database &db, const QString &statement, const QVariantList &values = {});
Result<QVariant> scalar(Database &db, const QString &statement, const QVariantList &values = {});

// Adds `count` PENDING tasks, due in `delayMs`, in one statement per 50,000.
Error addTasks(Database &db, qint64 count, const QString &queue, const QString &kind,
    int priority = 0, qint64 delayMs = 0);
// Deletes the tasks of a queue of the bench's own that are not running: what a
// part leaves behind stays out of the claims of the parts that follow.
Error removeFixtureTasks(Database &db, const QString &queue);

// A database of our own on a PostgreSQL server, dropped again on destruction.
class PostgresScratch final
{
public:
    explicit PostgresScratch(const QString &serverUrl);
    ~PostgresScratch();
    PostgresScratch(const PostgresScratch &) = delete;
    PostgresScratch &operator=(const PostgresScratch &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    const QString &errorString() const { return m_error; }
    const QString &url() const { return m_url; }
    // Leaves the database on the server.
    void keep() { m_name.clear(); }

private:
    QString admin(const QString &statement);

    QString m_serverUrl;
    QString m_name;
    QString m_url;
    QString m_error;
};

// Makes `db` hold at least `tasks` tasks, filling the difference with
// SampleData. Returns how long the fill took (0 if nothing was added).
Result<double> ensureTasks(Database &db, qint64 tasks);

// Opens a database by URL on the calling thread.
Result<DatabaseLocation> locationOf(const QString &url);

} // namespace taskdesk::bench
