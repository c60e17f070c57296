// taskdeskctl: Taskdesk's operator actions and reports from a shell.
#include "actioncommands.h"
#include "admincommands.h"
#include "commandregistry.h"
#include "console.h"
#include "dispatcher.h"
#include "messagefilter.h"
#include "processcommands.h"
#include "reportcommands.h"
#include "schedulecommands.h"
#include "stuckcommands.h"
#include "supervisecommand.h"
#include "sweepcommands.h"
#include "taskcommands.h"
#include "workercommands.h"

#include <QCoreApplication>

using namespace taskdesk::ctl;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("taskdeskctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TASKDESK_VERSION));
    installMessageFilter();

    // The order here is the order of 'taskdeskctl --help'.
    CommandRegistry registry;
    addAdminCommands(registry);
    addTaskCommands(registry);
    addActionCommands(registry);
    addStuckCommands(registry);
    addReportCommands(registry);
    addSweepCommands(registry);
    addProcessCommands(registry);
    addWorkerCommands(registry);
    addScheduleCommands(registry);
    addSuperviseCommand(registry);

    Console console;
    Dispatcher dispatcher(registry, console);
    return dispatcher.run(QCoreApplication::arguments().mid(1));
}
