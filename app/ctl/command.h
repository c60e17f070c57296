#pragma once

#include "core/error.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

namespace taskdesk::ctl {

class CtlContext;

// One command of taskdeskctl ("list", or a two-word one like "processes add").
// The Dispatcher parses its options, checks the count of its arguments, calls
// parse() (no database yet: bad input is refused before anything is opened),
// opens the database as access() asks, then calls run().
class Command
{
public:
    // What the command needs from the database, decided after parse().
    enum class Access {
        None, // no database (version)
        Read, // an existing Taskdesk database, never created nor upgraded
        Write, // an existing Taskdesk database, upgraded if older
        Create, // created on first use (init, enqueue), upgraded if older
    };

    struct Argument
    {
        QString name; // "ID", "KIND"
        QString description;
        bool optional = false;
        bool repeatable = false; // only the last argument
    };

    Command() = default;
    virtual ~Command();
    Command(const Command &) = delete;
    Command &operator=(const Command &) = delete;

    virtual QString name() const = 0;
    virtual QString summary() const = 0; // one line, for the list of commands
    virtual QString description() const { return {}; } // more text for --help
    virtual QVector<Argument> arguments() const { return {}; }
    virtual QList<QCommandLineOption> options() const { return {}; }
    virtual QStringList examples() const { return {}; }

    // Reads and checks the options and arguments; Error::invalid on bad input.
    virtual Error parse(const QCommandLineParser &parser, const QStringList &arguments) = 0;
    virtual Access access() const = 0;
    // Returns the exit code (exitcode.h).
    virtual int run(CtlContext &context) = 0;

    // "ID…" / "KIND" / "[COMMAND]": the arguments as the usage line shows them.
    QString argumentSyntax() const;
    int minimumArguments() const;
    int maximumArguments() const; // -1: no limit
    QString helpText() const;
};

} // namespace taskdesk::ctl
