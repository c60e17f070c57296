#pragma once

#include <QString>
#include <QStringList>

namespace taskdesk::ctl {

class Command;
class CommandRegistry;
class Console;

// Runs one invocation of taskdeskctl: global options, the command, its own
// options and arguments, help, then the command itself. Bad usage never
// reaches the database.
class Dispatcher final
{
public:
    Dispatcher(const CommandRegistry &registry, Console &console);
    Dispatcher(const Dispatcher &) = delete;
    Dispatcher &operator=(const Dispatcher &) = delete;

    // `arguments` without the program name; returns the exit code.
    int run(const QStringList &arguments);

    QString helpText() const;

private:
    int runCommand(
        Command &command, const QStringList &arguments, QString db, QString actor, bool json);
    int usageError(const QString &message);

    const CommandRegistry &m_registry;
    Console &m_console;
};

} // namespace taskdesk::ctl
