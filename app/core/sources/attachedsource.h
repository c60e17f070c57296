#pragma once

#include "core/database.h"
#include "core/error.h"
#include "core/sources/sourceactions.h"
#include "core/sources/sourcedefinition.h"
#include "core/sources/sourcereader.h"

#include <QSet>
#include <QString>
#include <QVector>

#include <memory>

namespace taskdesk {

// What a clean-up of a source's stuck rows did, or would do (a dry run).
struct SourceCleanupReport
{
    SourceStuckRules::Action action = SourceStuckRules::Action::MarkFailed;
    bool dryRun = false;
    qint64 found = 0; // stuck rows read (at most the limit)
    QVector<SourceActionReport> decisions; // one per row, done or refused
    qint64 changed() const;
};

// A source opened for work: its definition from Taskdesk's database, a
// connection to its own database (attached: nothing there is created or
// checked but the mapped table), its reader and its actions.
class AttachedSource final
{
public:
    // Loads `name` from Taskdesk's sources and connects to its database. The
    // mapping is checked against the table as it is now: a renamed column or a
    // lost connection is one clear error here, before anything is read or written.
    static Result<std::unique_ptr<AttachedSource>> open(
        Database &taskdesk, const QString &name, const QString &actor);
    static Result<std::unique_ptr<AttachedSource>> open(
        Database &taskdesk, const SourceDefinition &definition, const QString &actor);

    const SourceDefinition &definition() const { return m_def; }
    Database &database() { return *m_db; }
    SourceReader &reader() { return m_reader; }
    SourceActions &actions() { return m_actions; }

    // The stuck rows (by the source's rules) failed or retried, each by its own
    // fenced action (a row that changed since it was read is left alone), each
    // audited with the rule that found it. At most `limit` rows. With `only`,
    // the rows of that set alone (the ones a confirmation named): a row that
    // became stuck after it was shown waits for the next clean-up.
    Result<SourceCleanupReport> cleanup(SourceStuckRules::Action action, bool dryRun,
        int limit = 1000, const QSet<qint64> &only = {});

private:
    AttachedSource(std::unique_ptr<Database> db, SourceDefinition definition, Database &taskdesk,
        const QString &actor);

    std::unique_ptr<Database> m_db;
    SourceDefinition m_def;
    SourceReader m_reader;
    SourceActions m_actions;
};

} // namespace taskdesk
