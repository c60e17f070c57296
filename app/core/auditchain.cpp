#include "auditchain.h"

#include "core/database.h"

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

namespace taskdesk {

namespace {

constexpr int kHashedFields = 12;

void appendField(QByteArray &out, const QVariant &value)
{
    if (value.isNull()) {
        out += "~;";
        return;
    }
    const QByteArray bytes = value.toString().toUtf8();
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
    out += ';';
}

QVariant sqliteValue(sqlite3_value *value)
{
    switch (sqlite3_value_type(value)) {
    case SQLITE_NULL:
        return {};
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_value_int64(value)));
    default:
        return QString::fromUtf8(
            reinterpret_cast<const char *>(sqlite3_value_text(value)), sqlite3_value_bytes(value));
    }
}

void sqliteAuditHash(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    if (argc != kHashedFields + 1) {
        sqlite3_result_error(context, "taskdesk_audit_hash takes 13 arguments", -1);
        return;
    }
    QVariantList fields;
    for (int i = 1; i < argc; ++i)
        fields << sqliteValue(argv[i]);
    const QVariant previous = sqliteValue(argv[0]);
    const QByteArray hex = AuditChain::hash(previous.toString(), fields).toLatin1();
    sqlite3_result_text(context, hex.constData(), int(hex.size()), SQLITE_TRANSIENT);
}

} // namespace

QString AuditChain::hash(const QString &previous, const QVariantList &fields)
{
    QByteArray canonical;
    canonical.reserve(256);
    appendField(canonical, previous);
    for (const QVariant &field : fields)
        appendField(canonical, field);
    return QString::fromLatin1(
        QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

Error AuditChain::registerSqliteFunctions(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return Error::database(QStringLiteral("no SQLite handle to register functions on"));
    sqlite3 *sqlite = *static_cast<sqlite3 *const *>(handle.data());
    if (!sqlite)
        return Error::database(QStringLiteral("no SQLite handle to register functions on"));
    const int rc = sqlite3_create_function_v2(sqlite, "taskdesk_audit_hash", kHashedFields + 1,
        SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, &sqliteAuditHash, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return Error::database(QStringLiteral("cannot register taskdesk_audit_hash: %1")
                                   .arg(QString::fromUtf8(sqlite3_errstr(rc))));
    return {};
}

Result<AuditVerification> AuditChain::verify(Database &db)
{
    AuditVerification v;
    QString previousHash;
    {
        Result<QSqlQuery> head
            = db.prepare(QStringLiteral("SELECT start_id, last_id FROM audit_chain WHERE id = 1"));
        if (!head.ok())
            return head.error();
        if (Error e = db.exec(head.value(), QStringLiteral("audit chain")))
            return e;
        if (!head.value().next())
            return Error::database(QStringLiteral("the audit chain has no head row"));
        v.startId = head.value().value(0).toLongLong();
        v.lastId = head.value().value(1).toLongLong();
    }
    {
        Result<QSqlQuery> before
            = db.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE id <= :start"));
        if (!before.ok())
            return before.error();
        before.value().bindValue(QStringLiteral(":start"), v.startId);
        if (Error e = db.exec(before.value(), QStringLiteral("audit chain")))
            return e;
        before.value().next();
        v.unchained = before.value().value(0).toLongLong();
    }

    auto addBreak = [&v](qint64 id, const QString &reason) {
        if (v.breaks.size() < AuditVerification::kMaxBreaks)
            v.breaks.append({id, reason});
    };
    qint64 previousId = v.startId;
    qint64 after = v.startId;
    // In pages, so that PostgreSQL, which loads a result whole, never holds the
    // whole log in memory.
    constexpr int kPage = 2000;
    for (;;) {
        Result<QSqlQuery> q = db.prepare(QStringLiteral(
            "SELECT id, prev_id, at, actor, db_role, host, action, task_id, task_name, "
            "before_status, after_status, details, hash FROM audit_log WHERE id > :after ORDER "
            "BY id LIMIT :limit"));
        if (!q.ok())
            return q.error();
        q.value().bindValue(QStringLiteral(":after"), after);
        q.value().bindValue(QStringLiteral(":limit"), kPage);
        if (Error e = db.exec(q.value(), QStringLiteral("audit chain")))
            return e;
        int rows = 0;
        while (q.value().next()) {
            ++rows;
            QVariantList fields;
            for (int i = 0; i < kHashedFields; ++i)
                fields << q.value().value(i);
            const qint64 id = fields.at(0).toLongLong();
            const QVariant prevId = fields.at(1);
            const QString stored = q.value().value(kHashedFields).toString();
            after = id;
            ++v.checked;
            if (prevId.isNull() || stored.isEmpty()) {
                addBreak(id, QStringLiteral("row %1 has no place in the chain (no hash)").arg(id));
            } else if (prevId.toLongLong() != previousId) {
                addBreak(id,
                    QStringLiteral("row %1 follows row %2 in the chain, but the row before it is "
                                   "%3: rows were removed")
                        .arg(id)
                        .arg(prevId.toLongLong())
                        .arg(previousId));
            } else if (hash(previousHash, fields) != stored) {
                addBreak(id,
                    QStringLiteral("row %1 was changed: its hash does not match its fields")
                        .arg(id));
            }
            previousId = id;
            previousHash = stored;
        }
        if (rows < kPage)
            break;
    }
    if (previousId != v.lastId)
        addBreak(0,
            previousId < v.lastId
                ? QStringLiteral("the chain ends at row %1, but its head records row %2: the last "
                                 "rows were removed")
                      .arg(previousId)
                      .arg(v.lastId)
                : QStringLiteral("row %1 comes after the chain's recorded head, row %2")
                      .arg(previousId)
                      .arg(v.lastId));
    return v;
}

} // namespace taskdesk
