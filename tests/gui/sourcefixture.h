#pragma once

#include "core/database.h"
#include "core/sources/sourcecatalog.h"
#include "core/sources/sourceregistry.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

namespace taskdesk::test {

// Another program's job table, as Django keeps it on SQLite: text times, a log
// and an error column, and an items table; one status value nobody maps.
class DjangoFile final
{
public:
    explicit DjangoFile(const QString &path)
        : m_path(path)
        , m_name(QStringLiteral("django-%1").arg(reinterpret_cast<quintptr>(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~DjangoFile()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    DjangoFile(const DjangoFile &) = delete;
    DjangoFile &operator=(const DjangoFile &) = delete;

    bool exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.prepare(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        return q.exec() && q.next() ? q.value(0) : QVariant();
    }

    bool create()
    {
        const QString now = QDateTime::currentDateTimeUtc().toString(
            QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000"));
        const QStringList statements{
            QStringLiteral(
                "CREATE TABLE warmup_warmuptask (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                "name varchar(200) NOT NULL, status varchar(20) NOT NULL, created_at datetime "
                "NOT NULL, started_at datetime NULL, completed_at datetime NULL, updated_at "
                "datetime NOT NULL, error_message text NOT NULL, log text NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE warmup_warmupaccount (id integer NOT NULL PRIMARY KEY "
                "AUTOINCREMENT, username varchar(100) NOT NULL, status varchar(20) NOT NULL, "
                "started_at datetime NULL, completed_at datetime NULL, task_id bigint NOT NULL "
                "REFERENCES warmup_warmuptask (id))"),
        };
        for (const QString &s : statements) {
            if (!exec(s))
                return false;
        }
        struct Row
        {
            const char *name, *status, *error, *log;
        };
        const Row rows[] = {
            {"warm alpha", "RUNNING", "", "started\n"},
            {"warm beta", "PENDING", "", ""},
            {"warm gamma", "COMPLETED", "", "done\n"},
            {"warm delta", "FAILED", "proxy refused", "boom\n"},
            {"warm epsilon", "PAUSED", "", ""},
        };
        for (const Row &r : rows) {
            const bool started
                = qstrcmp(r.status, "PENDING") != 0 && qstrcmp(r.status, "PAUSED") != 0;
            if (!exec(QStringLiteral("INSERT INTO warmup_warmuptask (name, status, created_at, "
                                     "started_at, updated_at, error_message, log) VALUES (?, ?, "
                                     "?, ?, ?, ?, ?)"),
                    {QString::fromUtf8(r.name), QString::fromUtf8(r.status), now,
                        started ? QVariant(now) : QVariant(QMetaType(QMetaType::QString)), now,
                        QString::fromUtf8(r.error), QString::fromUtf8(r.log)}))
                return false;
        }
        return exec(QStringLiteral("INSERT INTO warmup_warmupaccount (username, status, "
                                   "started_at, task_id) VALUES ('acc-1', 'RUNNING', ?, 1), "
                                   "('acc-2', 'COMPLETED', ?, 1)"),
            {now, now});
    }

private:
    QString m_path;
    QString m_name;
};

// The mapping the catalog suggests for the file, as `taskdeskctl sources add` makes it.
inline bool attach(TestDatabase &tdb, const QString &path,
    const QString &name = QStringLiteral("warmup"), bool readOnly = false)
{
    Result<DatabaseLocation> location = DatabaseLocation::parse(path);
    if (!location.ok())
        return false;
    Database source(*location, Database::Role::Attached);
    if (Error e = source.open()) {
        qWarning("%s", qPrintable(e.message()));
        return false;
    }
    Result<SourceDefinition> def
        = SourceCatalog(source).suggest(QStringLiteral("warmup_warmuptask"));
    if (!def.ok()) {
        qWarning("%s", qPrintable(def.error().message()));
        return false;
    }
    def->name = name;
    def->location = path;
    def->readOnly = readOnly;
    if (Error e = SourceRegistry(tdb.db(), QStringLiteral("alice")).add(*def)) {
        qWarning("%s", qPrintable(e.message()));
        return false;
    }
    return true;
}

} // namespace taskdesk::test
