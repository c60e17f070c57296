#include "auditlog.h"

#include "core/database.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QSysInfo>

#include <cerrno>
#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace taskdesk {

AuditLog::AuditLog(Database &db)
    : m_db(db)
{ }

QString AuditLog::localHost()
{
    static const QString host = QSysInfo::machineHostName();
    return host;
}

QString AuditLog::osUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty())
        user = accountName();
    if (user.isEmpty())
        user = QStringLiteral("unknown");
    return user;
}

QString AuditLog::accountName()
{
    // Services, cron jobs and `env -i` run without USER and LOGNAME: the
    // account of the effective uid still names who acted.
    long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    if (size <= 0)
        size = 16384;
    std::vector<char> buffer(size_t(size), 0);
    passwd entry{};
    passwd *found = nullptr;
    while (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == ERANGE
        && buffer.size() < 1024 * 1024)
        buffer.resize(buffer.size() * 2);
    if (!found || !found->pw_name)
        return {};
    return QString::fromLocal8Bit(found->pw_name);
}

Error AuditLog::record(const QString &actor, const QString &action, qint64 taskId,
    const QString &taskName, const QString &before, const QString &after,
    const QJsonObject &details)
{
    Result<QSqlQuery *> q = m_db.prepareKept(QStringLiteral(
        "INSERT INTO audit_log (actor, host, action, task_id, task_name, before_status, "
        "after_status, details) VALUES (:actor, :host, :action, :task, :name, :before, :after, "
        ":details)"));
    if (!q.ok())
        return q.error();
    QSqlQuery &query = **q;
    query.bindValue(QStringLiteral(":actor"), Database::text(actor));
    query.bindValue(QStringLiteral(":host"), localHost());
    query.bindValue(QStringLiteral(":action"), action);
    query.bindValue(QStringLiteral(":task"), taskId > 0 ? QVariant(taskId) : QVariant());
    query.bindValue(QStringLiteral(":name"), Database::textOrNull(taskName));
    query.bindValue(QStringLiteral(":before"), before.isEmpty() ? QVariant() : QVariant(before));
    query.bindValue(QStringLiteral(":after"), after.isEmpty() ? QVariant() : QVariant(after));
    query.bindValue(QStringLiteral(":details"),
        Database::text(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))));
    return m_db.exec(query, QStringLiteral("audit"));
}

Result<QVector<AuditEntry>> AuditLog::list(const AuditFilter &filter)
{
    if (Error e = checkSearch(filter.search))
        return e;
    if (Error e = checkLimit(filter.limit))
        return e;
    QString sql
        = QStringLiteral("SELECT id, at, actor, host, action, task_id, task_name, "
                         "before_status, after_status, details, db_role FROM audit_log WHERE 1 = "
                         "1");
    if (filter.taskId > 0)
        sql += QStringLiteral(" AND task_id = :task");
    if (!filter.action.isEmpty())
        sql += QStringLiteral(" AND action = :action");
    if (filter.beforeId > 0)
        sql += QStringLiteral(" AND id < :before");
    if (filter.afterId > 0)
        sql += QStringLiteral(" AND id > :after");
    if (!filter.search.isEmpty())
        sql += QStringLiteral(" AND (actor {LIKE} :s1 ESCAPE '\\' OR action {LIKE} :s2 ESCAPE '\\' "
                              "OR task_name {LIKE} :s3 ESCAPE '\\' OR details {LIKE} :s4 ESCAPE "
                              "'\\' OR db_role {LIKE} :s5 ESCAPE '\\')");
    sql += QStringLiteral(" ORDER BY id DESC LIMIT :limit");
    Result<QSqlQuery> q = m_db.prepare(sql);
    if (!q.ok())
        return q.error();
    QSqlQuery &query = q.value();
    if (filter.taskId > 0)
        query.bindValue(QStringLiteral(":task"), filter.taskId);
    if (!filter.action.isEmpty())
        query.bindValue(QStringLiteral(":action"), filter.action);
    if (filter.beforeId > 0)
        query.bindValue(QStringLiteral(":before"), filter.beforeId);
    if (filter.afterId > 0)
        query.bindValue(QStringLiteral(":after"), filter.afterId);
    if (!filter.search.isEmpty()) {
        const QString pattern = Database::likePattern(filter.search);
        for (const char *name : {":s1", ":s2", ":s3", ":s4", ":s5"})
            query.bindValue(QString::fromLatin1(name), pattern);
    }
    query.bindValue(QStringLiteral(":limit"), filter.limit);
    if (Error e = m_db.exec(query, QStringLiteral("audit")))
        return e;
    QVector<AuditEntry> entries;
    while (query.next()) {
        AuditEntry e;
        e.id = query.value(0).toLongLong();
        e.at = query.value(1).toLongLong();
        e.actor = query.value(2).toString();
        e.host = query.value(3).toString();
        e.action = query.value(4).toString();
        e.taskId = query.value(5).toLongLong();
        e.taskName = query.value(6).toString();
        e.beforeStatus = query.value(7).toString();
        e.afterStatus = query.value(8).toString();
        e.details = QJsonDocument::fromJson(query.value(9).toString().toUtf8()).object();
        e.dbRole = query.value(10).toString();
        entries.append(e);
    }
    return entries;
}

} // namespace taskdesk
