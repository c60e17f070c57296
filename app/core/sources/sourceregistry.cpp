#include "sourceregistry.h"

#include "core/auditlog.h"

#include <QJsonDocument>

namespace taskdesk {

namespace {

QString jsonText(const SourceDefinition &d)
{
    return QString::fromUtf8(QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact));
}

Result<SourceDefinition> parseStored(const QString &name, const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (!doc.isObject())
        return Error::invalid(QStringLiteral("the stored definition of source '%1' is not JSON "
                                             "(%2): edit or remove it")
                                  .arg(name, error.errorString()));
    Result<SourceDefinition> d = SourceDefinition::fromJson(doc.object());
    if (!d.ok())
        return Error::invalid(QStringLiteral("the stored definition of source '%1' is not valid: "
                                             "%2")
                                  .arg(name, d.error().message()));
    return d;
}

QJsonObject auditDetails(const QString &name, const SourceDefinition *d)
{
    QJsonObject details{{QStringLiteral("source"), name}};
    if (d)
        details.insert(QStringLiteral("definition"), d->toJson());
    return details;
}

} // namespace

SourceRegistry::SourceRegistry(Database &db, QString actor)
    : m_db(db)
    , m_actor(std::move(actor))
{ }

Result<QVector<SourceDefinition>> SourceRegistry::list()
{
    Result<QSqlQuery> q
        = m_db.run(QStringLiteral("SELECT name, definition FROM sources ORDER BY name"),
            QStringLiteral("reading the sources"));
    if (!q.ok())
        return q.error();
    QVector<SourceDefinition> out;
    while (q->next()) {
        Result<SourceDefinition> d = parseStored(q->value(0).toString(), q->value(1).toString());
        if (!d.ok())
            return d.error();
        out << *d;
    }
    return out;
}

Result<SourceDefinition> SourceRegistry::get(const QString &name)
{
    Result<QSqlQuery> q
        = m_db.run(QStringLiteral("SELECT definition FROM sources WHERE name = :name"),
            QStringLiteral("reading source %1").arg(name), {{":name", name}});
    if (!q.ok())
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("there is no source '%1' ('taskdeskctl sources "
                                              "list' lists them)")
                                   .arg(name.left(80)));
    return parseStored(name, q->value(0).toString());
}

Error SourceRegistry::add(const SourceDefinition &d)
{
    if (Error e = d.validate())
        return e;
    return m_db.write([&]() -> Error {
        Result<QSqlQuery> exists
            = m_db.run(QStringLiteral("SELECT count(*) FROM sources WHERE name = :name"),
                QStringLiteral("reading the sources"), {{":name", d.name}});
        if (!exists.ok())
            return exists.error();
        if (exists->next() && exists->value(0).toLongLong() > 0)
            return Error::invalid(QStringLiteral("there is a source '%1' already").arg(d.name));
        Result<QSqlQuery> q = m_db.run(
            QStringLiteral("INSERT INTO sources (name, definition, created_by) VALUES (:name, "
                           ":definition, :actor)"),
            QStringLiteral("adding source %1").arg(d.name),
            {{":name", d.name}, {":definition", jsonText(d)}, {":actor", Database::text(m_actor)}});
        if (!q.ok())
            return q.error();
        return AuditLog(m_db).record(m_actor, QStringLiteral("source_add"), 0, d.name, QString(),
            QString(), auditDetails(d.name, &d));
    });
}

Error SourceRegistry::update(const QString &name, const SourceDefinition &d)
{
    if (Error e = d.validate())
        return e;
    return m_db.write([&]() -> Error {
        if (d.name != name) {
            Result<QSqlQuery> taken
                = m_db.run(QStringLiteral("SELECT count(*) FROM sources WHERE name = :name"),
                    QStringLiteral("reading the sources"), {{":name", d.name}});
            if (!taken.ok())
                return taken.error();
            if (taken->next() && taken->value(0).toLongLong() > 0)
                return Error::invalid(QStringLiteral("there is a source '%1' already").arg(d.name));
        }
        Result<QSqlQuery> q
            = m_db.run(QStringLiteral("UPDATE sources SET name = :new, definition = :definition, "
                                      "updated_at = {NOW} WHERE name = :name"),
                QStringLiteral("changing source %1").arg(name),
                {{":new", d.name}, {":definition", jsonText(d)}, {":name", name}});
        if (!q.ok())
            return q.error();
        if (q->numRowsAffected() != 1)
            return Error::notFound(QStringLiteral("there is no source '%1'").arg(name.left(80)));
        return AuditLog(m_db).record(m_actor, QStringLiteral("source_edit"), 0, d.name, QString(),
            QString(), auditDetails(name, &d));
    });
}

Error SourceRegistry::remove(const QString &name)
{
    return m_db.write([&]() -> Error {
        Result<QSqlQuery> q = m_db.run(QStringLiteral("DELETE FROM sources WHERE name = :name"),
            QStringLiteral("removing source %1").arg(name), {{":name", name}});
        if (!q.ok())
            return q.error();
        if (q->numRowsAffected() != 1)
            return Error::notFound(QStringLiteral("there is no source '%1'").arg(name.left(80)));
        return AuditLog(m_db).record(m_actor, QStringLiteral("source_remove"), 0, name, QString(),
            QString(), auditDetails(name, nullptr));
    });
}

} // namespace taskdesk
