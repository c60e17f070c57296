#pragma once

#include "core/error.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace taskdesk {

// The programs that a host's administrator lets its supervisor run, kept in a
// file on that host (`taskdeskctl supervise --allow FILE`), so that whoever may
// write definitions in the database still cannot run anything else there. One
// entry a line: an absolute program path, alone (any arguments) or followed by
// the exact arguments allowed, split like a worker's [kinds] command line;
// `#` starts a comment. docs/cli.md describes the file.
class AllowList final
{
public:
    static Result<AllowList> load(const QString &path);
    // `fileName` only names the file in messages.
    static Result<AllowList> parse(const QByteArray &text, const QString &fileName);

    // Empty when the list allows `program` with `args`, else why not.
    QString refusal(const QString &program, const QStringList &args) const;
    int size() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        QString program;
        QStringList args;
        bool anyArgs = true;
    };
    QString m_path;
    QVector<Entry> m_entries;
};

} // namespace taskdesk
