#pragma once

#include "core/database.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QVariantList>

#include <memory>

namespace taskdesk::test {

// A fresh, empty, migrated Taskdesk database for one test: a SQLite file in a
// temporary folder, or, when TASKDESK_TEST_BACKEND=postgres, a new database on
// the throwaway server named by TASKDESK_TEST_PG (dropped again afterwards),
// copied from a template database migrated once per test process.
class TestDatabase final
{
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    static bool postgres();
    // The backend's name, for QSKIP messages and test output.
    static QString backendName();

    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }
    QString url() const { return m_url; } // for --db of child processes
    Database &db() { return *m_db; }
    // A second, independent Database on the same data (another "process").
    std::unique_ptr<Database> open() const;
    QString tempPath() const { return m_dir.path(); }

    // Runs raw SQL (backdating times, checking rows); fails the test on error.
    bool exec(const QString &sql, const QVariantList &values = {});
    // The first column of the first row of a query.
    QVariant scalar(const QString &sql, const QVariantList &values = {});

private:
    QTemporaryDir m_dir;
    QString m_url;
    QString m_pgName;
    std::unique_ptr<Database> m_db;
    bool m_valid = false;
    QString m_error;
};

} // namespace taskdesk::test

// Use at the top of a test function: skips with the reason if no database.
#define TASKDESK_REQUIRE_DB(tdb)                                                                   \
    do {                                                                                           \
        if (!(tdb).isValid())                                                                      \
            QFAIL(qPrintable((tdb).errorString()));                                                \
    } while (false)

// QTEST_GUILESS_MAIN that exits 77 (ctest's "skipped") when the suite is asked
// to run on PostgreSQL or MySQL but no test server was started. A suite run on
// mysql keeps Taskdesk's own database (TestDatabase) in SQLite: MySQL is only
// another program's (TestJobDatabase).
#define TASKDESK_TEST_MAIN(TestObject)                                                             \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        QCoreApplication app(argc, argv);                                                          \
        if (taskdesk::test::TestDatabase::postgres()                                               \
            && qEnvironmentVariableIsEmpty("TASKDESK_TEST_PG")) {                                  \
            qInfo("skipped: no PostgreSQL test server (run packaging/dev.sh test)");               \
            return 77;                                                                             \
        }                                                                                          \
        if (qEnvironmentVariable("TASKDESK_TEST_BACKEND") == QLatin1String("mysql")                \
            && qEnvironmentVariableIsEmpty("TASKDESK_TEST_MYSQL")) {                               \
            qInfo("skipped: no MySQL/MariaDB test server (run packaging/dev.sh test)");            \
            return 77;                                                                             \
        }                                                                                          \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }
