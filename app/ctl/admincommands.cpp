#include "admincommands.h"

#include "commandregistry.h"
#include "console.h"
#include "ctlcontext.h"
#include "exitcode.h"

#include <QJsonObject>

namespace taskdesk::ctl {

namespace {

class InitCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("init"); }
    QString summary() const override
    {
        return QStringLiteral("Create the database, or upgrade an older one.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "Creates the schema in a new database (a missing SQLite file and its folder are "
            "created), upgrades an older Taskdesk database, and leaves a current one as it is. "
            "A newer, damaged or foreign database is refused and left untouched (exit 3).");
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl --db /var/lib/taskdesk/tasks.db init"),
            QStringLiteral("taskdeskctl --db 'postgresql://ops@db.example.com/taskdesk' init")};
    }
    Error parse(const QCommandLineParser &, const QStringList &) override { return {}; }
    Access access() const override { return Access::Create; }

    int run(CtlContext &context) override
    {
        Database &db = context.database();
        const int version = db.currentVersion();
        if (context.json()) {
            context.console().printJson(QJsonObject{
                {QStringLiteral("database"), db.location().display()},
                {QStringLiteral("backend"),
                    db.isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite")},
                {QStringLiteral("schema_version"), version},
            });
        } else {
            context.console().print(
                QStringLiteral("Taskdesk database ready at %1 (schema version %2).")
                    .arg(db.location().display())
                    .arg(version));
        }
        return ExitOk;
    }
};

class VersionCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("version"); }
    QString summary() const override
    {
        return QStringLiteral("Show the version of taskdeskctl, its schema and Qt.");
    }
    Error parse(const QCommandLineParser &, const QStringList &) override { return {}; }
    Access access() const override { return Access::None; }

    int run(CtlContext &context) override
    {
        const QString version = QStringLiteral(TASKDESK_VERSION);
        if (context.json()) {
            context.console().printJson(QJsonObject{
                {QStringLiteral("version"), version},
                {QStringLiteral("schema_version"), Database::schemaVersion()},
                {QStringLiteral("qt_version"), QString::fromLatin1(qVersion())},
            });
        } else {
            context.console().print(QStringLiteral("taskdeskctl %1 (schema version %2, Qt %3)")
                                        .arg(version)
                                        .arg(Database::schemaVersion())
                                        .arg(QString::fromLatin1(qVersion())));
        }
        return ExitOk;
    }
};

} // namespace

void addAdminCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<InitCommand>());
    registry.add(std::make_unique<VersionCommand>());
}

} // namespace taskdesk::ctl
