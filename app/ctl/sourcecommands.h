#pragma once

#include "core/error.h"
#include "core/sources/sourcedefinition.h"
#include "core/tasks/taskquery.h"
#include "core/tasks/taskrules.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QVector>

namespace taskdesk::ctl {

class CommandRegistry;
class CtlContext;

// sources [list], show, add, edit, remove, test: other programs' job tables,
// attached by a mapping.
void addSourceCommands(CommandRegistry &registry);

// --source NAME of the task commands: the same command on a source's rows.
QCommandLineOption sourceOption();
// Reads --source into `name` (empty when not given); a malformed name is refused.
Error parseSourceOption(const QCommandLineParser &parser, QString &name);

// The task commands on a source (each prints as its own command does).
int listSourceRows(CtlContext &context, const QString &source, const TaskFilter &filter);
int showSourceRow(CtlContext &context, const QString &source, qint64 key);
int showSourceLog(CtlContext &context, const QString &source, qint64 key, int tail);
int actOnSourceRows(CtlContext &context, const QString &source, TaskAction action,
    const QVector<qint64> &keys, bool dryRun);
int showSourceStuck(CtlContext &context, const QString &source, int limit);
int cleanUpSource(CtlContext &context, const QString &source, SourceStuckRules::Action action,
    bool dryRun, int limit);
int showSourceStats(CtlContext &context, const QString &source);

} // namespace taskdesk::ctl
