#pragma once

#include "ctl/command.h"

#include <QStringList>

#include <memory>
#include <vector>

namespace taskdesk::ctl {

// The commands taskdeskctl knows. Each command group adds its commands with
// an add…Commands(CommandRegistry &) function; names may have several words
// ("processes add"), and the longest name that the arguments start with wins.
class CommandRegistry final
{
public:
    CommandRegistry() = default;
    CommandRegistry(const CommandRegistry &) = delete;
    CommandRegistry &operator=(const CommandRegistry &) = delete;

    // Adds a command; a name that is taken already is a programming error.
    void add(std::unique_ptr<Command> command);

    struct Match
    {
        Command *command = nullptr;
        int words = 0; // how many leading arguments the name used
    };
    Match find(const QStringList &arguments) const;
    // In the order they were added.
    std::vector<Command *> commands() const;

private:
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace taskdesk::ctl
