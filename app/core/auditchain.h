#pragma once

#include "core/error.h"

#include <QString>
#include <QVariantList>
#include <QVector>

class QSqlDatabase;

namespace taskdesk {

class Database;

// Where the audit chain does not hold.
struct AuditChainBreak
{
    qint64 id = 0; // the first row that does not fit (0: the end of the chain)
    QString reason;
};

struct AuditVerification
{
    qint64 checked = 0; // rows of the chain that were checked
    qint64 unchained = 0; // rows from before the chain began (migration 11)
    qint64 startId = 0; // the last row before the chain
    qint64 lastId = 0; // the chain's head, as recorded
    QVector<AuditChainBreak> breaks; // in order; at most kMaxBreaks
    bool ok() const { return breaks.isEmpty(); }
    static constexpr int kMaxBreaks = 20;
};

// The audit log is tamper-evident: every row carries `prev_id` (the row before
// it in the chain) and `hash`, the SHA-256 of the previous row's hash and the
// row's own fields. The database computes both as the row is inserted (a
// trigger, on PostgreSQL with the session's role in `db_role`), serialized on
// the one-row table `audit_chain`, which also records the chain's head and
// where it began. An edited row no longer matches its hash; a removed row
// leaves its successor pointing at a row that is not there.
class AuditChain final
{
public:
    // hex(SHA-256) over the previous hash and the fields id, prev_id, at, actor,
    // db_role, host, action, task_id, task_name, before_status, after_status,
    // details, each written as "<UTF-8 length>:<bytes>;", a NULL as "~;". The
    // PostgreSQL function taskdesk_audit_hash() computes the same.
    static QString hash(const QString &previous, const QVariantList &fields);
    // SQLite has no SHA-256: each connection gets taskdesk_audit_hash() from here.
    static Error registerSqliteFunctions(QSqlDatabase &db);
    // Walks the whole log in id order.
    static Result<AuditVerification> verify(Database &db);
};

} // namespace taskdesk
