#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/sources/sourcedefinition.h"

#include <QVector>

namespace taskdesk {

// The sources, kept in Taskdesk's own database (table `sources`), each with
// its definition as JSON. Adding, changing and removing one is audited.
class SourceRegistry final
{
public:
    SourceRegistry(Database &db, QString actor);

    Result<QVector<SourceDefinition>> list();
    Result<SourceDefinition> get(const QString &name);
    // Refuses a name already taken and an invalid definition.
    Error add(const SourceDefinition &definition);
    // Replaces the definition of `name` (which may rename it).
    Error update(const QString &name, const SourceDefinition &definition);
    Error remove(const QString &name);

private:
    Database &m_db;
    QString m_actor;
};

} // namespace taskdesk
