#include "launcher.h"

#include "core/database.h"
#include "ui/app/appcontext.h"
#include "ui/app/appsettings.h"
#include "ui/app/demosetup.h"
#include "ui/app/mainwindow.h"
#include "ui/app/runtimehost.h"
#include "ui/common/coretext.h"
#include "ui/common/translations.h"
#include "ui/dialogs/missingdatabasedialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>

#include <memory>

namespace taskdesk::ui {

LaunchOptions LaunchOptions::parse(QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "Launcher", "Taskdesk: an operations console for background jobs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"),
        QApplication::translate("Launcher",
            "The database: a SQLite file, sqlite:///path or postgresql://user@host/db."),
        QStringLiteral("URL"));
    const QCommandLineOption readOnly(QStringLiteral("read-only"),
        QApplication::translate("Launcher", "Show everything and change nothing."));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QApplication::translate(
            "Launcher", "Load the demo tasks and processes into the database."));
    const QCommandLineOption settings(QStringLiteral("settings"),
        QApplication::translate("Launcher", "Read and write preferences in this INI file."),
        QStringLiteral("FILE"));
    parser.addOptions({db, readOnly, demo, settings});
    parser.process(app);
    LaunchOptions options;
    options.database = parser.value(db);
    options.readOnly = parser.isSet(readOnly);
    options.demo = parser.isSet(demo);
    options.settingsFile = parser.value(settings);
    return options;
}

QString Launcher::databaseLocation(const QString &fromCommandLine, const QString &fromSettings)
{
    if (!fromCommandLine.isEmpty())
        return fromCommandLine;
    if (!qEnvironmentVariableIsEmpty("TASKDESK_DB"))
        return qEnvironmentVariable("TASKDESK_DB");
    if (!fromSettings.isEmpty())
        return fromSettings;
    return DatabaseLocation::resolve({});
}

std::optional<DatabaseLocation> Launcher::confirmLocation(DatabaseLocation location)
{
    for (;;) {
        if (location.backend != DatabaseLocation::Backend::Sqlite
            || QFileInfo::exists(location.path)
            || QFileInfo(location.path).absoluteFilePath()
                == QFileInfo(DatabaseLocation::defaultSqlitePath()).absoluteFilePath())
            return location;
        MissingDatabaseDialog question(location.path);
        question.exec();
        switch (question.choice()) {
        case MissingDatabaseDialog::Choice::Create:
            return location;
        case MissingDatabaseDialog::Choice::ChooseAnother: {
            Result<DatabaseLocation> other = DatabaseLocation::parse(question.chosenPath());
            if (other.ok())
                location = other.value();
            break; // asked again if that one does not exist either
        }
        case MissingDatabaseDialog::Choice::Quit:
            return std::nullopt;
        }
    }
}

int Launcher::run(QApplication &app)
{
    QApplication::setApplicationName(QStringLiteral("taskdesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Taskdesk"));
    QApplication::setOrganizationName(QStringLiteral("Taskdesk"));
    QApplication::setApplicationVersion(QStringLiteral(TASKDESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("taskdesk"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/taskdesk.svg")));
    installTranslations(app);
    const LaunchOptions options = LaunchOptions::parse(app);

    auto settings = std::make_unique<AppSettings>(options.settingsFile);
    // The command line's help speaks the system's language; the window, the
    // one chosen in Settings.
    installTranslations(app, localeForLanguage(settings->language()));
    const QString text = databaseLocation(options.database, settings->databaseLocation());
    Result<DatabaseLocation> location = DatabaseLocation::parse(text);
    if (!location.ok()) {
        QMessageBox::critical(nullptr, QStringLiteral("Taskdesk"), coreText(location.error()));
        return 2;
    }
    // Read-only creates nothing, and says so when it cannot open the file.
    std::optional<DatabaseLocation> confirmed
        = options.readOnly ? std::optional(location.value()) : confirmLocation(location.value());
    if (!confirmed)
        return 0;
    auto database = std::make_unique<Database>(*confirmed);
    for (;;) {
        // Read-only never changes the schema, not even to create it.
        const Error e = database->open(
            options.readOnly ? Database::OpenMode::NoMigrate : Database::OpenMode::Migrate);
        if (!e)
            break;
        QMessageBox box(QMessageBox::Critical, QStringLiteral("Taskdesk"),
            QApplication::translate("Launcher", "Taskdesk cannot open its database."),
            QMessageBox::Retry | QMessageBox::Close);
        box.setInformativeText(coreText(e));
        if (box.exec() != QMessageBox::Retry)
            return 3;
    }

    AppContext context(std::move(database), std::move(settings));
    if (options.readOnly) {
        context.setReadOnly(true, QApplication::translate("Launcher", "started with --read-only"));
    } else {
        Result<bool> writable = context.database().canWrite();
        if (writable.ok() && !writable.value())
            context.setReadOnly(true,
                QApplication::translate("Launcher", "the database refuses changes from this user"));
    }
    // The runtime changes things: a read-only window runs none of it.
    std::unique_ptr<RuntimeHost> runtime;
    if (!context.isReadOnly()) {
        RuntimeHost::Options runtimeOptions;
        runtimeOptions.sweeper = context.settings().runSweeper();
        runtimeOptions.scheduler = context.settings().runScheduler();
        runtime = std::make_unique<RuntimeHost>(context.database(), runtimeOptions);
    }
    context.startChangeNotifications();
    MainWindow window(context, runtime.get());
    if (options.demo && !context.isReadOnly())
        window.loadDemo();
    window.show();
    if (runtime)
        runtime->start();
    if (!options.demo)
        QTimer::singleShot(1500, &window, &MainWindow::offerDemo);
    const int code = app.exec();
    runtime.reset(); // before the window and the database it uses
    return code;
}

} // namespace taskdesk::ui
