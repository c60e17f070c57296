#include "admincommands.h"

#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/ctlcontext.h"
#include "ctl/exitcode.h"
#include "ctl/formatting.h"

#include <QElapsedTimer>
#include <QJsonArray>
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
    QList<QCommandLineOption> options() const override
    {
        return {{QStringLiteral("create-roles"),
            QStringLiteral("PostgreSQL: also create (or update) the roles taskdesk_viewer "
                           "(read only), taskdesk_operator (read and write; processes: start "
                           "and stop) and taskdesk_admin (an operator who may also add, edit "
                           "and remove process definitions). Needs a role that may create "
                           "roles.")}};
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl --db /var/lib/taskdesk/tasks.db init"),
            QStringLiteral("taskdeskctl --db 'postgresql://ops@db.example.com/taskdesk' init"),
            QStringLiteral("taskdeskctl --db 'postgresql://postgres@db1/taskdesk' init "
                           "--create-roles")};
    }
    Error parse(const QCommandLineParser &parser, const QStringList &) override
    {
        m_createRoles = parser.isSet(QStringLiteral("create-roles"));
        return {};
    }
    // With --create-roles, run() looks at the location first, so that a
    // SQLite file is refused before it is created.
    Access access() const override { return m_createRoles ? Access::None : Access::Create; }

    int run(CtlContext &context) override
    {
        if (m_createRoles) {
            Result<DatabaseLocation> location = context.location();
            if (!location.ok())
                return context.fail(location.error());
            if (location->backend != DatabaseLocation::Backend::Postgres)
                return context.fail(Error::invalid(
                    QStringLiteral("--create-roles needs PostgreSQL: a SQLite file has no roles; "
                                   "its file permissions decide who may change it")));
            if (Error e = context.openDatabase(Access::Create))
                return context.fail(e);
            if (Error e = context.database().createRoles()) {
                if (e.kind() == ErrorKind::PermissionDenied)
                    return context.fail(Error(ErrorKind::PermissionDenied,
                        QStringLiteral("permission denied: creating roles needs a PostgreSQL "
                                       "role with CREATEROLE, or a superuser")));
                return context.fail(e);
            }
        }
        Database &db = context.database();
        const int version = db.currentVersion();
        if (context.json()) {
            QJsonObject o{
                {QStringLiteral("database"), db.location().display()},
                {QStringLiteral("backend"),
                    db.isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite")},
                {QStringLiteral("schema_version"), version},
            };
            if (m_createRoles)
                o.insert(QStringLiteral("roles"),
                    QJsonArray{QStringLiteral("taskdesk_viewer"),
                        QStringLiteral("taskdesk_operator"), QStringLiteral("taskdesk_admin")});
            context.console().printJson(o);
        } else {
            context.console().print(
                QStringLiteral("Taskdesk database ready at %1 (schema version %2).")
                    .arg(db.location().display())
                    .arg(version));
            if (m_createRoles)
                context.console().print(QStringLiteral(
                    "Roles taskdesk_viewer (read only) and taskdesk_operator (read and write) "
                    "are ready, and taskdesk_admin (an operator who may also define processes); "
                    "grant them to login roles, e.g. GRANT taskdesk_viewer TO alice;"));
        }
        return ExitOk;
    }

private:
    bool m_createRoles = false;
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

class CheckCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override
    {
        return QStringLiteral("Check every page of a SQLite database for damage.");
    }
    QString description() const override
    {
        return QStringLiteral(
            "Runs SQLite's PRAGMA integrity_check on a read-only connection: every page of "
            "every table and index, and every index against its table; it reads the whole file "
            "(about a second per 100 MB). Lists what is wrong (at most 100 lines) and exits 3 "
            "when the file is damaged; writes nothing. Opening a file checks less: see the "
            "README. On PostgreSQL the server keeps its own pages: check only connects.");
    }
    QStringList examples() const override
    {
        return {QStringLiteral("taskdeskctl --db /var/lib/taskdesk/tasks.db check")};
    }
    Error parse(const QCommandLineParser &, const QStringList &) override { return {}; }
    Access access() const override { return Access::None; }

    int run(CtlContext &context) override
    {
        Result<DatabaseLocation> location = context.location();
        if (!location.ok())
            return context.fail(location.error());
        Database db(*location);
        QElapsedTimer timer;
        timer.start();
        Result<QStringList> problems = db.checkIntegrity();
        if (!problems.ok())
            return context.fail(problems.error());
        const qint64 ms = timer.elapsed();
        if (context.json()) {
            context.console().printJson(QJsonObject{
                {QStringLiteral("database"), location->display()},
                {QStringLiteral("damaged"), !problems->isEmpty()},
                {QStringLiteral("problems"), QJsonArray::fromStringList(*problems)},
                {QStringLiteral("ms"), ms},
            });
        } else if (problems->isEmpty()) {
            context.console().print(
                QStringLiteral("No damage found in %1 (%2 ms).").arg(location->display()).arg(ms));
        } else {
            for (const QString &problem : std::as_const(*problems))
                context.console().print(problem);
        }
        if (problems->isEmpty())
            return ExitOk;
        context.console().error(
            QStringLiteral("%1 is damaged: %2 found")
                .arg(location->display(), counted(problems->size(), QStringLiteral("problem"))));
        return ExitDatabase;
    }
};

} // namespace

void addAdminCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<InitCommand>());
    registry.add(std::make_unique<VersionCommand>());
    registry.add(std::make_unique<CheckCommand>());
}

} // namespace taskdesk::ctl
