#pragma once

#include <QStringList>
#include <QVector>

namespace taskdesk {

// A numbered step of the schema. Statements use the dialect tokens of
// Database::sql(); `postgresOnly`/`sqliteOnly` statements run on one backend.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;
    QStringList sqliteOnly;
    QStringList postgresOnly;
};

const QVector<Migration> &migrations();

} // namespace taskdesk
