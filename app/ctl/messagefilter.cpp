#include "messagefilter.h"

#include <QString>
#include <QtGlobal>

namespace taskdesk::ctl {

namespace {

QtMessageHandler s_next = nullptr;

void filterMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // QPSQL frees a prepared statement when its query object goes away; inside
    // a transaction that failed (a write the role may not do), the server
    // refuses, the driver warns, and the rollback that follows is what counts.
    if (type == QtWarningMsg && message.startsWith(QLatin1String("Unable to free statement")))
        return;
    if (s_next)
        s_next(type, context, message);
}

} // namespace

void installMessageFilter()
{
    s_next = qInstallMessageHandler(filterMessage);
}

} // namespace taskdesk::ctl
