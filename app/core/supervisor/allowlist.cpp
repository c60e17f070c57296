#include "allowlist.h"

#include "core/worker/workerconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace taskdesk {

namespace {

// The same file under two names (a symbolic link) is the same program.
bool sameProgram(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    const QString ca = QFileInfo(a).canonicalFilePath();
    return !ca.isEmpty() && ca == QFileInfo(b).canonicalFilePath();
}

} // namespace

Result<AllowList> AllowList::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(
            QStringLiteral("cannot read the allow list %1: %2").arg(path, file.errorString()));
    return parse(file.readAll(), path);
}

Result<AllowList> AllowList::parse(const QByteArray &text, const QString &fileName)
{
    AllowList list;
    list.m_path = fileName;
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (int index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        Result<QStringList> words = WorkerConfig::splitCommand(line);
        if (!words.ok())
            return Error::invalid(QStringLiteral("%1:%2: %3")
                                      .arg(fileName)
                                      .arg(index + 1)
                                      .arg(words.error().message()));
        if (words->isEmpty())
            continue;
        Entry entry;
        entry.program = words->constFirst();
        if (!QDir::isAbsolutePath(entry.program))
            return Error::invalid(QStringLiteral("%1:%2: '%3' is not an absolute path")
                                      .arg(fileName)
                                      .arg(index + 1)
                                      .arg(entry.program));
        entry.args = words->mid(1);
        entry.anyArgs = entry.args.isEmpty();
        list.m_entries.append(entry);
    }
    return list;
}

QString AllowList::refusal(const QString &program, const QStringList &args) const
{
    bool programListed = false;
    for (const Entry &entry : m_entries) {
        if (!sameProgram(entry.program, program))
            continue;
        programListed = true;
        if (entry.anyArgs || entry.args == args)
            return {};
    }
    if (programListed)
        return QStringLiteral("the allow list %1 does not allow %2 with these arguments")
            .arg(m_path, program);
    return QStringLiteral("the program %1 is not in the allow list %2").arg(program, m_path);
}

} // namespace taskdesk
