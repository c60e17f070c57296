// taskdeskctl: Taskdesk's operator actions and reports from a shell.
#include "ctl/actioncommands.h"
#include "ctl/admincommands.h"
#include "ctl/alertcommands.h"
#include "ctl/commandregistry.h"
#include "ctl/console.h"
#include "ctl/dispatcher.h"
#include "ctl/messagefilter.h"
#include "ctl/processcommands.h"
#include "ctl/reportcommands.h"
#include "ctl/schedulecommands.h"
#include "ctl/sourcecommands.h"
#include "ctl/stuckcommands.h"
#include "ctl/supervisecommand.h"
#include "ctl/sweepcommands.h"
#include "ctl/taskcommands.h"
#include "ctl/workercommands.h"

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
    addSourceCommands(registry);
    addAlertCommands(registry);
    addSuperviseCommand(registry);

    Console console;
    Dispatcher dispatcher(registry, console);
    return dispatcher.run(QCoreApplication::arguments().mid(1));
}
