#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace taskdesk::ctl {

// Standard output for results, standard error for problems. Every problem is
// one line starting with "taskdeskctl: ", so that scripts can log it as is.
class Console final
{
public:
    Console();
    ~Console();
    Console(const Console &) = delete;
    Console &operator=(const Console &) = delete;

    void print(const QString &line = {});
    void print(const QStringList &lines);
    // Objects and arrays; compact is one line (for streams of JSON lines).
    void printJson(const QJsonValue &value, bool compact = false);
    // One line on standard error, whatever line breaks the message holds.
    void error(const QString &message);
    void flush();

private:
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace taskdesk::ctl
