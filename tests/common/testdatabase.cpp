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
        const QString err = adminExec(QStringLiteral("CREATE DATABASE ") + m_pgName);
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
