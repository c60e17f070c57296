#include "demosetup.h"

#include "core/worker/workerconfig.h"
#include "ui/app/appcontext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace taskdesk::ui {

QString DemoSetup::folder()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/taskdesk/demo");
}

QString DemoSetup::findProgram(const QString &name, const QString &buildSubfolder)
{
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {here.filePath(name),
             here.filePath(QStringLiteral("../") + buildSubfolder + QLatin1Char('/') + name),
             here.filePath(QStringLiteral("../../") + buildSubfolder + QLatin1Char('/') + name)}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(name);
}

Result<DemoSummary> DemoSetup::load(AppContext &context)
{
    const QDir dir(folder());
    if (!QDir().mkpath(dir.path()))
        return Error::invalid(tr("Cannot create the folder %1").arg(dir.path()));
    const QStringList scripts{QStringLiteral("progress"), QStringLiteral("fail"),
        QStringLiteral("hang"), QStringLiteral("items")};
    for (const QString &script : scripts) {
        const QString target = dir.filePath(script + QStringLiteral(".sh"));
        QFile::remove(target);
        if (!QFile::copy(QStringLiteral(":/demo/%1.sh").arg(script), target))
            return Error::invalid(tr("Cannot write %1").arg(target));
        QFile::setPermissions(target,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                | QFileDevice::ExeOther);
    }
    const QString config = dir.filePath(QStringLiteral("worker.ini"));
    QFile ini(config);
    if (!ini.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return Error::invalid(tr("Cannot write %1: %2").arg(config, ini.errorString()));
    QString text
        = QStringLiteral("# The demo worker: the four demo kinds, run by small scripts.\n"
                         "[worker]\nname = demo\nconcurrency = 2\nheartbeat_seconds = 2\n\n"
                         "[kinds]\n");
    for (const QString &script : scripts) {
        // Quoted by the configuration's own rules: a home folder may hold
        // blanks, quotes, $ or #.
        const QString program
            = WorkerConfig::quoteWord(dir.filePath(script + QStringLiteral(".sh")));
        if (program.isEmpty())
            return Error::invalid(
                tr("The folder %1 has a line break in its name: a worker configuration "
                   "cannot name a program in it")
                    .arg(dir.path()));
        text += QStringLiteral("demo.%1 = %2\n").arg(script, program);
    }
    ini.write(text.toUtf8());
    ini.close();

    DemoSpec spec;
    spec.actor = context.operatorName();
    spec.workerProgram
        = findProgram(QStringLiteral("taskdesk-worker"), QStringLiteral("app/worker"));
    spec.workerArguments = {QStringLiteral("--config"), config};
    spec.schedulerProgram = findProgram(QStringLiteral("taskdeskctl"), QStringLiteral("app/ctl"));
    spec.schedulerArguments = {QStringLiteral("supervise"), QStringLiteral("--no-sweeper"),
        QStringLiteral("--host"), QStringLiteral("demo-scheduler")};
    return DemoData::load(context.database(), spec);
}

QString DemoSetup::summaryText(const DemoSummary &summary, qint64 sweeperTakesItAfterMs)
{
    if (summary.tasks == 0 && summary.processes == 0 && summary.schedules == 0)
        return tr("The demo was loaded before: nothing was added.");
    // Each count with its own plural: "1 schedule", "2 schedules".
    QString text = tr("Demo loaded: %n task(s)", nullptr, summary.tasks);
    if (summary.historyTasks > 0)
        text += QLatin1Char(' ')
            + tr("(%n of them a few hours of history)", nullptr, summary.historyTasks);
    text += QStringLiteral(", ") + tr("%n process definition(s)", nullptr, summary.processes)
        + QStringLiteral(", ") + tr("%n schedule(s).", nullptr, summary.schedules);
    if (summary.stuckTaskId > 0 && sweeperTakesItAfterMs > 0)
        text += QLatin1Char(' ')
            + tr("Task #%1 is stuck (its worker is gone): Force Stop it, or this app's "
                 "sweeper re-queues it in %n second(s).",
                nullptr, int(sweeperTakesItAfterMs / 1000))
                  .arg(summary.stuckTaskId);
    else if (summary.stuckTaskId > 0)
        text += QLatin1Char(' ')
            + tr("Task #%1 is stuck (its worker is gone): Force Stop it on the Stuck page.")
                  .arg(summary.stuckTaskId);
    if (summary.processes > 0)
        text += QLatin1Char(' ') + tr("Start the worker on the Processes page to see tasks run.");
    return text;
}

} // namespace taskdesk::ui
