#include "testpostgresserver.h"

#include <algorithm>

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

#include <pwd.h>
#include <unistd.h>

namespace taskdesk::test {

namespace {

// Socket paths are limited to about 100 bytes: a short folder under /tmp
// rather than a TMPDIR that may be long.
QString tempTemplate()
{
    return QStringLiteral("/tmp/taskdesk-pg-XXXXXX");
}

} // namespace

TestPostgresServer::TestPostgresServer()
    : m_dir(tempTemplate())
{ }

TestPostgresServer::~TestPostgresServer()
{
    // Also when a start timed out: the postmaster may be up all the same, and
    // nothing of a test may outlive it.
    if (m_initialized)
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"),
                QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")},
            60000);
}

QString TestPostgresServer::findBinDir()
{
    const QString fromEnv = qEnvironmentVariable("TASKDESK_TEST_PG_BIN");
    if (!fromEnv.isEmpty())
        return QFileInfo(fromEnv + QStringLiteral("/initdb")).isExecutable() ? fromEnv : QString();
    // The newest major version wins: /usr/lib/postgresql/15/bin over 13/bin.
    QStringList versions
        = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(),
        [&numeric](const QString &a, const QString &b) { return numeric.compare(a, b) > 0; });
    for (const QString &version : std::as_const(versions)) {
        const QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(version);
        if (QFileInfo(bin + QStringLiteral("/initdb")).isExecutable()
            && QFileInfo(bin + QStringLiteral("/pg_ctl")).isExecutable())
            return bin;
    }
    return {};
}

bool TestPostgresServer::run(const QString &binary, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path()); // `nobody` may not enter our working folder
    p.setProcessChannelMode(QProcess::MergedChannels);
    const QString program = m_bin + QLatin1Char('/') + binary;
    if (m_asNobody) {
        QString runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"));
        if (runuser.isEmpty())
            runuser = QStandardPaths::findExecutable(
                QStringLiteral("runuser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
        p.setProgram(runuser);
        p.setArguments(QStringList{QStringLiteral("-u"), QStringLiteral("nobody"),
                           QStringLiteral("--"), program}
            + args);
    } else {
        p.setProgram(program);
        p.setArguments(args);
    }
    p.start();
    if (!p.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot run %1: %2").arg(p.program(), p.errorString());
        return false;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        m_error = QStringLiteral("%1 did not finish within %2 s").arg(binary).arg(timeoutMs / 1000);
        return false;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed (exit %2): %3")
                      .arg(binary)
                      .arg(p.exitCode())
                      .arg(QString::fromLocal8Bit(p.readAll()).trimmed());
        return false;
    }
    return true;
}

bool TestPostgresServer::init()
{
    if (m_initialized)
        return true;
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    m_bin = findBinDir();
    if (m_bin.isEmpty()) {
        m_error = QStringLiteral("no PostgreSQL server binaries (initdb, pg_ctl): install "
                                 "postgresql or set TASKDESK_TEST_PG_BIN");
        return false;
    }
    if (::geteuid() == 0) {
        const passwd *nobody = ::getpwnam("nobody");
        if (!nobody) {
            m_error = QStringLiteral("running as root, but there is no user 'nobody' to run "
                                     "PostgreSQL as");
            return false;
        }
        if (::chown(QFile::encodeName(m_dir.path()).constData(), nobody->pw_uid, nobody->pw_gid)
            != 0) {
            m_error = QStringLiteral("cannot give %1 to nobody").arg(m_dir.path());
            return false;
        }
        m_asNobody = true;
    }
    if (!run(QStringLiteral("initdb"),
            {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-U"),
                QStringLiteral("postgres"), QStringLiteral("--auth=trust"),
                QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C"),
                QStringLiteral("--no-sync")},
            120000))
        return false;
    m_initialized = true;
    return start();
}

bool TestPostgresServer::start()
{
    if (!m_initialized) {
        m_error = QStringLiteral("the server was not initialized (call init())");
        return false;
    }
    if (m_running)
        return true;
    // pg_ctl hands -o to a shell: the folder is ours and has no blanks.
    const QString options
        = QStringLiteral("-c listen_addresses='' -k %1 -p %2 -c fsync=off -c "
                         "synchronous_commit=off -c full_page_writes=off -c max_connections=100")
              .arg(m_dir.path())
              .arg(kPort);
    if (!run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-l"),
                m_dir.filePath(QStringLiteral("log")), QStringLiteral("-w"), QStringLiteral("-t"),
                QStringLiteral("120"), QStringLiteral("-o"), options, QStringLiteral("start")},
            150000)) {
        m_error += QStringLiteral("\n--- server log ---\n") + logText();
        return false;
    }
    m_running = true;
    return true;
}

bool TestPostgresServer::stop()
{
    if (!m_running)
        return true;
    if (!run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"),
                QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("-t"),
                QStringLiteral("120"), QStringLiteral("stop")},
            150000))
        return false;
    m_running = false;
    return true;
}

bool TestPostgresServer::createDatabase(const QString &name)
{
    // createdb connects as the superuser through the socket (trust): no need
    // to be `nobody` for that, but it does no harm either.
    return run(QStringLiteral("createdb"),
        {QStringLiteral("-h"), m_dir.path(), QStringLiteral("-p"), QString::number(kPort),
            QStringLiteral("-U"), QStringLiteral("postgres"), name},
        60000);
}

QString TestPostgresServer::url(const QString &database) const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(QStringLiteral("postgres"));
    url.setHost(QString());
    url.setPath(QLatin1Char('/') + database);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("host"), m_dir.path());
    query.addQueryItem(QStringLiteral("port"), QString::number(kPort));
    url.setQuery(query);
    return url.toString();
}

QString TestPostgresServer::logText() const
{
    QFile log(m_dir.filePath(QStringLiteral("log")));
    if (!log.open(QIODevice::ReadOnly))
        return QStringLiteral("(no server log)");
    return QString::fromLocal8Bit(log.readAll().right(4000));
}

} // namespace taskdesk::test
