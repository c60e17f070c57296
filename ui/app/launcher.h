#pragma once

#include "core/database.h"
#include "core/error.h"

#include <QString>
#include <QStringList>

#include <optional>

class QApplication;

namespace taskdesk::ui {

// What `taskdesk` was asked for on its command line.
struct LaunchOptions
{
    QString database; // --db: a path or URL; empty: TASKDESK_DB, the settings, the default
    bool readOnly = false;
    bool demo = false;
    QString settingsFile; // --settings: an INI file instead of the user's configuration

    // Parses `taskdesk [--db URL] [--read-only] [--demo] [--settings FILE]`;
    // --help and --version print and exit.
    static LaunchOptions parse(QApplication &app);
};

// Starts the app: opens the database (asking what to do when it cannot),
// builds the context and the main window, and runs the event loop.
class Launcher final
{
public:
    Launcher() = delete;
    static int run(QApplication &app);
    // The database location to use, in order: --db, TASKDESK_DB, the settings, the default.
    static QString databaseLocation(const QString &fromCommandLine, const QString &fromSettings);
    // A SQLite file that does not exist, other than the default one, is asked
    // about (MissingDatabaseDialog), never created unasked: the location to
    // open, or nothing when the operator quits. Other locations come back as
    // they are.
    static std::optional<DatabaseLocation> confirmLocation(DatabaseLocation location);
};

} // namespace taskdesk::ui
