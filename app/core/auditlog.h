#pragma once

#include "core/error.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace taskdesk {

class Database;

struct AuditEntry
{
    qint64 id = 0;
    qint64 at = 0;
    QString actor; // as the front end says (--as, the OS user)
    QString dbRole; // PostgreSQL: the login role of the session, set by the database
    QString host;
    QString action;
    qint64 taskId = 0;
    QString taskName;
    QString beforeStatus;
    QString afterStatus;
    QJsonObject details;
};

struct AuditFilter
{
    QString search; // matches actor, action, task name, details
    qint64 taskId = 0;
    QString action;
    int limit = 100;
    qint64 beforeId = 0; // for paging back: only entries older than this id
    qint64 afterId = 0; // for following: only entries newer than this id
};

// Who did what, to which task, when. Rows are written inside the transaction of
// the change they describe and are never deleted with the task.
class AuditLog final
{
public:
    explicit AuditLog(Database &db);

    // Call inside Database::write().
    Error record(const QString &actor, const QString &action, qint64 taskId,
        const QString &taskName, const QString &before, const QString &after,
        const QJsonObject &details = {});

    Result<QVector<AuditEntry>> list(const AuditFilter &filter);

    static QString localHost();
    // Who runs this program: USER, else LOGNAME, else the passwd entry of the
    // effective uid, else "unknown".
    static QString osUser();
    // The passwd entry's name of the effective uid; empty when there is none.
    static QString accountName();

private:
    Database &m_db;
};

} // namespace taskdesk
