#include "readiness.h"

#include "core/database.h"
#include "core/supervisor/processinfo.h"

#include <QStringList>

namespace taskdesk {

namespace {

QString oneLine(QString text)
{
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.simplified();
}

} // namespace

Readiness::Readiness(Database &db, QString host)
    : m_db(db)
    , m_store(db, QStringLiteral("metrics"))
    , m_host(std::move(host))
{ }

QString Readiness::notReadyReason()
{
    if (Error e = m_db.checkFile())
        return QStringLiteral("database: ") + oneLine(e.message());
    if (Error e = m_db.probe())
        return QStringLiteral("database: ") + oneLine(e.message());
    Result<QVector<ProcessInfo>> processes = m_store.list(m_host);
    if (!processes.ok())
        return QStringLiteral("database: ") + oneLine(processes.error().message());
    QStringList fatal;
    QString firstMessage;
    for (const ProcessInfo &p : std::as_const(processes.value())) {
        if (p.runtime.state != ProcessState::Fatal)
            continue;
        if (fatal.isEmpty())
            firstMessage = p.runtime.message;
        fatal << p.definition.name;
    }
    if (fatal.isEmpty())
        return {};
    if (fatal.size() == 1)
        return QStringLiteral("process %1 of host %2 is FATAL: %3")
            .arg(fatal.constFirst(), m_host, oneLine(firstMessage));
    return QStringLiteral("%1 processes of host %2 are FATAL: %3")
        .arg(fatal.size())
        .arg(m_host, fatal.join(QStringLiteral(", ")));
}

} // namespace taskdesk
