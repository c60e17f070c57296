#pragma once

#include "core/demodata.h"

#include <QCoreApplication>
#include <QString>

namespace taskdesk::ui {

class AppContext;

// Loads the demo: writes the demo kinds' scripts (shipped in the resources)
// and a worker configuration for them into the app's data folder, then fills
// the database (DemoData) with tasks in every status and a worker and a
// scheduler process definition that run those scripts.
class DemoSetup final
{
    Q_DECLARE_TR_FUNCTIONS(DemoSetup)

public:
    DemoSetup() = delete;

    static Result<DemoSummary> load(AppContext &context);
    // Where the scripts and worker.ini go.
    static QString folder();
    // A program of this build: next to this executable, in the build tree, or on PATH.
    static QString findProgram(const QString &name, const QString &buildSubfolder);
    // What was loaded, as counted; `sweeperTakesItAfterMs`: when this app's
    // sweeper rescues the stuck task (0: this app runs no sweeper).
    static QString summaryText(const DemoSummary &summary, qint64 sweeperTakesItAfterMs);
};

} // namespace taskdesk::ui
