#include "commandregistry.h"

namespace taskdesk::ctl {

void CommandRegistry::add(std::unique_ptr<Command> command)
{
    Q_ASSERT(command);
    Q_ASSERT_X(find(command->name().split(QLatin1Char(' '))).words
            != int(command->name().split(QLatin1Char(' ')).size()),
        "CommandRegistry::add", "two commands with one name");
    m_commands.push_back(std::move(command));
}

CommandRegistry::Match CommandRegistry::find(const QStringList &arguments) const
{
    Match best;
    for (const std::unique_ptr<Command> &command : m_commands) {
        const QStringList words = command->name().split(QLatin1Char(' '));
        if (words.size() > arguments.size() || int(words.size()) <= best.words)
            continue;
        if (arguments.mid(0, words.size()) == words)
            best = {command.get(), int(words.size())};
    }
    return best;
}

std::vector<Command *> CommandRegistry::commands() const
{
    std::vector<Command *> list;
    list.reserve(m_commands.size());
    for (const std::unique_ptr<Command> &command : m_commands)
        list.push_back(command.get());
    return list;
}

} // namespace taskdesk::ctl
