#include "testdatabase.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

namespace taskdesk::test {

namespace {

QAtomicInt s_counter;

// Runs one statement on the server's maintenance database; the error's text, if any.
QString adminExec(const QString &statement)
{
    Result<DatabaseLocation> loc
        = DatabaseLocation::parse(qEnvironmentVariable("TASKDESK_TEST_PG"));
    if (!loc.ok())
        return loc.error().message();
    return loc->execAlone(statement).message();
}

// A database migrated once per test process, copied by CREATE DATABASE … TEMPLATE for
// each test: the same schema as migrating every new database, without running the
// migrations again per test (on a loaded machine about half of each test's time).
// Dropped when the application ends. The clause of CREATE DATABASE that copies it, or
// empty and the error in *error. FILE_COPY (PostgreSQL 15+) copies the files of a
// small template in half the time of WAL_LOG, its default, which writes every page
// of the copy to the WAL.
QString fromMigratedTemplate(QString *error)
{
    static QString name;
    static QString clause;
    static QString failure;
    static bool tried = false;
    if (!tried) {
        tried = true;
        const QString candidate
            = QStringLiteral("tdtemplate_%1").arg(QCoreApplication::applicationPid());
        failure = adminExec(QStringLiteral("CREATE DATABASE ") + candidate);
        if (failure.isEmpty()) {
            QUrl url(qEnvironmentVariable("TASKDESK_TEST_PG"));
            url.setPath(QLatin1Char('/') + candidate);
            Result<DatabaseLocation> loc = DatabaseLocation::parse(url.toString());
            if (!loc.ok()) {
                failure = loc.error().message();
            } else {
                // Closed before any copy: a template must have no other connection.
                Database db(*loc);
                if (Error e = db.open())
                    failure = e.message();
                Result<QSqlQuery> q = db.prepare(QStringLiteral("SHOW server_version_num"));
                if (failure.isEmpty() && q.ok() && !db.exec(q.value()) && q.value().next()
                    && q.value().value(0).toInt() >= 150000)
                    clause = QStringLiteral(" STRATEGY FILE_COPY");
            }
            if (failure.isEmpty()) {
                name = candidate;
                clause.prepend(QStringLiteral(" TEMPLATE ") + name);
                qAddPostRoutine([] {
                    adminExec(QStringLiteral("DROP DATABASE IF EXISTS ") + name
                        + QStringLiteral(" WITH (FORCE)"));
                });
            } else {
                failure = QStringLiteral("cannot migrate the template database: ") + failure;
                adminExec(QStringLiteral("DROP DATABASE IF EXISTS ") + candidate
                    + QStringLiteral(" WITH (FORCE)"));
            }
        }
    }
    *error = failure;
    return clause;
}

} // namespace

bool TestDatabase::postgres()
{
    return qEnvironmentVariable("TASKDESK_TEST_BACKEND") == QLatin1String("postgres");
}

QString TestDatabase::backendName()
{
    return postgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite");
}

TestDatabase::TestDatabase()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder");
        return;
    }
    if (postgres()) {
        const QString base = qEnvironmentVariable("TASKDESK_TEST_PG");
        if (base.isEmpty()) {
            m_error
                = QStringLiteral("TASKDESK_TEST_BACKEND=postgres but TASKDESK_TEST_PG is not set");
            return;
        }
        m_pgName = QStringLiteral("tdtest_%1_%2")
                       .arg(QCoreApplication::applicationPid())
                       .arg(s_counter.fetchAndAddRelaxed(1));
        QString err;
        const QString copy = fromMigratedTemplate(&err);
        if (err.isEmpty())
            err = adminExec(QStringLiteral("CREATE DATABASE ") + m_pgName + copy);
        if (!err.isEmpty()) {
            m_error = QStringLiteral("cannot create test database: ") + err;
            m_pgName.clear();
            return;
        }
        QUrl url(base);
        url.setPath(QLatin1Char('/') + m_pgName);
        m_url = url.toString();
    } else {
        m_url = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("taskdesk.db"));
    }
    Result<DatabaseLocation> loc = DatabaseLocation::parse(m_url);
    if (!loc.ok()) {
        m_error = loc.error().message();
        return;
    }
    m_db = std::make_unique<Database>(*loc);
    if (Error e = m_db->open()) {
        m_error = e.message();
        return;
    }
    m_valid = true;
}

TestDatabase::~TestDatabase()
{
    m_db.reset();
    if (!m_pgName.isEmpty())
        adminExec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgName
            + QStringLiteral(" WITH (FORCE)"));
}

std::unique_ptr<Database> TestDatabase::open() const
{
    Result<DatabaseLocation> loc = DatabaseLocation::parse(m_url);
    auto db = std::make_unique<Database>(*loc);
    // The test that uses it meets the same error at its first statement.
    if (Error e = db->open())
        qWarning("cannot open the test database: %s", qPrintable(e.message()));
    return db;
}

bool TestDatabase::exec(const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery> q = m_db->prepare(sql);
    if (!q.ok()) {
        qWarning("prepare failed: %s", qPrintable(q.error().message()));
        return false;
    }
    for (const QVariant &v : values)
        q.value().addBindValue(v);
    if (Error e = m_db->exec(q.value())) {
        qWarning("exec failed: %s", qPrintable(e.message()));
        return false;
    }
    return true;
}

QVariant TestDatabase::scalar(const QString &sql, const QVariantList &values)
{
    Result<QSqlQuery> q = m_db->prepare(sql);
    if (!q.ok())
        return {};
    for (const QVariant &v : values)
        q.value().addBindValue(v);
    if (m_db->exec(q.value()) || !q.value().next())
        return {};
    return q.value().value(0);
}

} // namespace taskdesk::test
