#include "benchsupport.h"

#include "core/sampledata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <numeric>
#include <sys/resource.h>
#include <unistd.h>

namespace taskdesk::bench {

namespace {

QString procField(const QString &file, const QString &key)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromLatin1(f.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed();
    }
    return {};
}

qint64 kbField(const QString &key)
{
    const QString value = procField(QStringLiteral("/proc/self/status"), key);
    return value.section(QLatin1Char(' '), 0, 0).toLongLong();
}

} // namespace

double threadCpuMs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

double childrenCpuMs()
{
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    auto ms = [](const timeval &t) {
        return double(t.tv_sec) * 1000.0 + double(t.tv_usec) / 1e3;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

double machineBusyCpuMs()
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    // cpu  user nice system idle iowait irq softirq steal ...
    const QList<QByteArray> fields = file.readLine().simplified().split(' ');
    if (fields.size() < 8 || fields.constFirst() != "cpu")
        return -1;
    qint64 busy = 0;
    for (int i : {1, 2, 3, 6, 7})
        busy += fields.at(i).toLongLong();
    const long ticks = ::sysconf(_SC_CLK_TCK);
    return ticks > 0 ? double(busy) * 1000.0 / double(ticks) : -1;
}

double Samples::percentile(double p) const
{
    if (m_values.isEmpty())
        return 0;
    QVector<double> sorted = m_values;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = qint64(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(std::clamp<qint64>(rank - 1, 0, sorted.size() - 1));
}

double Samples::max() const
{
    return m_values.isEmpty() ? 0 : *std::max_element(m_values.cbegin(), m_values.cend());
}

double Samples::sum() const
{
    return std::accumulate(m_values.cbegin(), m_values.cend(), 0.0);
}

QJsonObject Samples::toJson() const
{
    return {
        {QStringLiteral("n"), size()},
        {QStringLiteral("p50_ms"), median()},
        {QStringLiteral("p99_ms"), percentile(99)},
        {QStringLiteral("max_ms"), max()},
        {QStringLiteral("mean_ms"), m_values.isEmpty() ? 0.0 : sum() / double(size())},
    };
}

qint64 peakRssKb()
{
    return kbField(QStringLiteral("VmHWM:"));
}

qint64 currentRssKb()
{
    return kbField(QStringLiteral("VmRSS:"));
}

QJsonArray loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    QJsonArray a;
    if (!f.open(QIODevice::ReadOnly))
        return a;
    const QStringList parts = QString::fromLatin1(f.readAll()).split(QLatin1Char(' '));
    for (int i = 0; i < 3 && i < parts.size(); ++i)
        a.append(parts.at(i).toDouble());
    return a;
}

QJsonObject machineInfo()
{
    const qint64 memKb = procField(QStringLiteral("/proc/meminfo"), QStringLiteral("MemTotal:"))
                             .section(QLatin1Char(' '), 0, 0)
                             .toLongLong();
    QString sqliteVersion;
    {
        const QString name = QStringLiteral("taskdesk-bench-version");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(QStringLiteral(":memory:"));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next())
                    sqliteVersion = q.value(0).toString();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    return {
        {QStringLiteral("nproc"), QThread::idealThreadCount()},
        {QStringLiteral("cpu"),
            procField(QStringLiteral("/proc/cpuinfo"), QStringLiteral("model name"))
                .remove(QRegularExpression(QStringLiteral("^:\\s*")))},
        {QStringLiteral("memory_mb"), memKb / 1024},
        {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
        {QStringLiteral("os"), QSysInfo::prettyProductName()},
        {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("sqlite"), sqliteVersion},
    };
}

Error execSql(Database &db, const QString &statement, const QVariantList &values)
{
    Result<QSqlQuery> q = db.prepare(statement);
    if (!q.ok())
        return q.error();
    for (const QVariant &v : values)
        q.value().addBindValue(v);
    Error e = db.exec(q.value(), QStringLiteral("bench fixture"));
    q.value().finish();
    return e;
}

Result<QVariant> scalar(Database &db, const QString &statement, const QVariantList &values)
{
    Result<QSqlQuery> q = db.prepare(statement);
    if (!q.ok())
        return q.error();
    for (const QVariant &v : values)
        q.value().addBindValue(v);
    if (Error e = db.exec(q.value(), QStringLiteral("bench fixture")))
        return e;
    if (!q.value().next())
        return Error::database(QStringLiteral("no row: ") + statement);
    const QVariant v = q.value().value(0);
    q.value().finish();
    return v;
}

Error addTasks(Database &db, qint64 count, const QString &queue, const QString &kind, int priority,
    qint64 delayMs)
{
    // The public contract: a row with name, kind and args is a valid PENDING
    // task; the queue, the priority and the due time pick who claims it when.
    for (qint64 done = 0; done < count;) {
        const qint64 n = std::min<qint64>(50'000, count - done);
        Error e = db.write([&]() {
            return execSql(db,
                QStringLiteral(
                    "WITH RECURSIVE n(i) AS (SELECT CAST(? AS BIGINT) UNION ALL "
                    "SELECT i + 1 FROM n WHERE i < ?) "
                    "INSERT INTO tasks (name, kind, queue, priority, args, run_after) "
                    "SELECT CAST(? AS TEXT) || CAST(i AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), "
                    "CAST(? AS INTEGER), '{}', {NOW} + CAST(? AS BIGINT) FROM n"),
                QVariantList{done + 1, done + n, QString(queue + QStringLiteral(" #")), kind, queue,
                    priority, delayMs});
        });
        if (e)
            return e;
        done += n;
    }
    return {};
}

Error removeFixtureTasks(Database &db, const QString &queue)
{
    // Tasks that the bench made for itself and nobody else saw: no audit trail
    // to keep. Their items and log lines go with them (ON DELETE CASCADE).
    return db.write([&]() {
        return execSql(db,
            QStringLiteral("DELETE FROM tasks WHERE queue = ? AND status <> 'RUNNING'"), {queue});
    });
}

Result<DatabaseLocation> locationOf(const QString &url)
{
    return DatabaseLocation::parse(url);
}

Result<double> ensureTasks(Database &db, qint64 tasks)
{
    Result<QVariant> n = scalar(db, QStringLiteral("SELECT count(*) FROM tasks"));
    if (!n.ok())
        return n.error();
    const qint64 missing = tasks - n->toLongLong();
    if (missing <= 0)
        return 0.0;
    QElapsedTimer timer;
    timer.start();
    if (Error e = SampleData::fillBulk(db, missing))
        return e;
    return msSince(timer);
}

// ---------------------------------------------------------------- PostgreSQL

PostgresScratch::PostgresScratch(const QString &serverUrl)
    : m_serverUrl(serverUrl)
{
    m_name = QStringLiteral("taskdesk_bench_%1").arg(QCoreApplication::applicationPid());
    admin(QStringLiteral("DROP DATABASE IF EXISTS ") + m_name + QStringLiteral(" WITH (FORCE)"));
    m_error = admin(QStringLiteral("CREATE DATABASE ") + m_name);
    if (!m_error.isEmpty()) {
        m_error = QStringLiteral("cannot create %1 on %2: %3").arg(m_name, serverUrl, m_error);
        m_name.clear();
        return;
    }
    QUrl url(serverUrl);
    url.setPath(QLatin1Char('/') + m_name);
    m_url = url.toString();
}

PostgresScratch::~PostgresScratch()
{
    if (!m_name.isEmpty())
        admin(
            QStringLiteral("DROP DATABASE IF EXISTS ") + m_name + QStringLiteral(" WITH (FORCE)"));
}

QString PostgresScratch::admin(const QString &statement)
{
    // A database name cannot be a bound value: m_name is ours, made of digits.
    Result<DatabaseLocation> loc = DatabaseLocation::parse(m_serverUrl);
    if (!loc.ok())
        return loc.error().message();
    if (loc->backend != DatabaseLocation::Backend::Postgres)
        return QStringLiteral("not a postgresql:// URL");
    return loc->execAlone(statement).message();
}

} // namespace taskdesk::bench
