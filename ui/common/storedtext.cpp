#include "storedtext.h"

#include "core/error.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QVector>

#include <algorithm>
#include <optional>

namespace taskdesk::ui {

namespace {

constexpr const char *kContext = "taskdesk::StoredText";

// Each sentence as the core writes it: %1, %2… a part (itself worded when it is
// a known sentence too), %n a count that chooses the plural form (marked with
// QT_TRANSLATE_N_NOOP, so that the translations have its forms). The numbering
// is the translation's, in the order the parts appear. A sentence changed in
// the core must change here as well: the tests that run the real core in
// Russian (tst_languages) fail when one no longer matches.
const char *const kSentences[] = {
    // A task's log, written by the store, the worker and the sweeper.
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Task created by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Attempt %1 of %2 started on worker %3"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Task completed"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Attempt %1 failed: %2. Retrying in %3 s"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Task failed (%1): %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Task cancelled manually by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Cancelled by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "⚠️ Task force stopped by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "⚠️ Force stopped by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Task force stopped by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Task restarted by %1"),
    // Lines appended to another program's log column by an action on its row.
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "↻ Task retried by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Cancelled manually by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "↻ Retried by %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Worker %1 lost: %2; %3"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "no heartbeat for %1 s (timeout %2 s)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "re-queued (attempt %1 of %2 used)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "marked FAILED (worker_lost)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "its process died, %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "Stuck in the queue for %1 min (threshold %2 min); marked FAILED (stuck_swept) by %3"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "No heartbeat for %1 s; re-queued by %2 (clean-up)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Item started"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Item completed"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Item failed: %1"),
    QT_TRANSLATE_N_NOOP("taskdesk::StoredText", "[… %n lines dropped …]"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Worker %1 stopped while the task was running"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "Time limit of %1 s exceeded; the process group was stopped"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Exited with code %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Killed by %1 (signal %2)"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "Could not start %1: it is missing or not executable"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Could not start %1: %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Item '%1' could not be started: %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Item '%1' failed: %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Item '%1' completed but could not be recorded: %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Enqueued by schedule '%1' (%2) for the slot of %3"),

    // A process's message and last exit, written by the supervisor.
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "adopted from %1; its output is followed from now on"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "a supervisor that is gone"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "exited while no supervisor watched it"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "unknown (it exited while no supervisor watched it)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "stopped by an operator"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "restarted by an operator"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "removed"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "stopped with the supervisor"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the program %1 does not exist"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the program %1 is not a file"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the program %1 is not executable"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the working folder %1 does not exist"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "cannot read the allow list %1: %2"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "the allow list %1 does not allow %2 with these arguments"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the program %1 is not in the allow list %2"),
    QT_TRANSLATE_N_NOOP("taskdesk::StoredText", "restarting after %n failure(s)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "cannot start %1: %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "exited (%1); not restarted: restart policy %2"),
    QT_TRANSLATE_N_NOOP("taskdesk::StoredText",
        "exited %n time(s) in a row without staying up for %1 ms (last: %2); start it again once "
        "the cause is fixed"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "exited (%1); restarting in %2 ms (failure %3 of %4)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "left running without a supervisor (%1 detached)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "not restarted: the supervisor left"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "exit code %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "killed by signal %1 (%2)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "exit status unknown (adopted process)"),
    // The supervisor's notes among a process's output (stream "event").
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "adopted (pid %1)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "started (pid %1)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "did not stop within %1 ms: SIGKILL"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "exited: %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "FATAL: %1"),

    // The database's errors: opening it, its location, losing it.
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "empty database location"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "unknown database URL '%1': use a file path, sqlite:///path, postgresql://… or mysql://… "
        "(in lower case)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "not a valid PostgreSQL URL '%1': expected postgresql://[user@]host[:port]/database"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "not a valid PostgreSQL URL: %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "a password in the database URL is not accepted; use PGPASSWORD or ~/.pgpass"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "'%1' is not a valid port (1 to 65535)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "'%1' is not a valid sslmode (%2)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "'%1' is not a valid application_name (1 to 63 letters, digits and _ . : @ / + -)"),
    // Before the general "'%1' is not a valid %2 (%3)", which would match them too.
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "'%1' is not a valid socket (an absolute path)"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "'%1' is not a valid connect_timeout (seconds, 1 to 3600)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "'%1' is not a valid source name (1 to 64 letters, digits, '.', '_' or '-', not starting "
        "with '-')"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "'%1' is not a valid %2 (%3)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "a whole number, 0 or more"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "0 or 1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "unknown PostgreSQL option '%1'"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the PostgreSQL URL names no database"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "expected sqlite:///absolute/path.db, got '%1'"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "cannot open %1: the folder %2 is read-only (SQLite writes its -wal and -shm files beside "
        "the database)"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "cannot open %1: there is no such file (nothing was created)"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "there is no Taskdesk database at %1 (nothing was created)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "cannot open %1: %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "cannot create the folder %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1 is a folder, not a database file"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "cannot read %1: %2"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "%1 is not a SQLite database (the file was left untouched)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "%1 is a SQLite database of another program, not Taskdesk's (the file was left "
        "untouched)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "%1 is damaged (%2); nothing was written to it, 'taskdeskctl check' lists what is wrong"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the database %1 has a table schema_migrations that is not Taskdesk's (another "
        "program's, such as a Rails application's); nothing was changed"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the database %1 has schema version %2, newer than this Taskdesk understands (version "
        "%3); upgrade Taskdesk to open it (nothing was changed)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the database file %1 was deleted while in use; nothing more is written, and it is not "
        "created again"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the database file %1 was replaced by another file while in use; nothing more is written "
        "to either; restart to open the new one"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "no database at %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "permission denied (read-only role)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1 is not a SQLite database"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1 is damaged (database disk image is malformed)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1 is read-only"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the database is locked by another process"),

    // MySQL: its URL, and its place (another program's job table only).
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "a password in the database URL is not accepted; put it in the [client] group of a MySQL "
        "option file (~/.my.cnf, mode 0600)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "not a valid MySQL URL '%1': expected %2://[user@]host[:port]/database[?socket=/path]"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "unknown MySQL option '%1' (known: socket, connect_timeout)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the MySQL URL names both a host and a socket; leave the host out: %1://user@/db?socket=…"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "the MySQL URL names no host (or ?socket=/path/mysqld.sock)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the MySQL URL names no database"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "%1: Taskdesk keeps its own data in SQLite or PostgreSQL; a MySQL or MariaDB database can "
        "only be attached as another program's job table"),

    // A source's definition (SourceDefinition::fromJson, validate): its problems,
    // joined with "; ", and the names of the mapping's parts they speak of.
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1: unknown key '%2'"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "%1.values: '%2' is mapped to '%3', not to PENDING, RUNNING, COMPLETED or FAILED"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1.%2 must be text"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1.%2 must be true or false"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1.%2 must be a whole number"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1.%2 must be an object"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "%1: unknown time type '%2' (timestamptz, timestamp, iso, epoch_s or epoch_ms)"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "%1 '%2' is not a plain column name (letters, digits, '_')"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1: no status column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1: no status value is mapped"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "%1: the failed value '%2' is not a value mapped to FAILED"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "%1: the pending value '%2' is not a value mapped to PENDING"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "source.title must be a column or a list of columns"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "source.stuck.action must be mark_failed or retry, not '%1'"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "no connection: give a SQLite file, a postgresql:// or a mysql:// URL"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "no table"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "no key column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the time column '%1' has no type"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the time column '%1': '%2' is not a time zone"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "progress needs both its columns, done and total"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the items table needs its key and the column that names the row (foreign key)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "no fence column: choose the column an action checks is unchanged (updated_at, started_at "
        "or a version column)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the fence column '%1' is neither a mapped time column nor a version column"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "queued longer than %1 minutes: give 1 to %2 minutes"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "running without a change for %1 minutes: give 1 to %2 minutes"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "a sweep every %1 s: give 10 to 86400 seconds"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "a sweep that retries needs the pending value it writes"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "a read-only source cannot be swept"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the table"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the key column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the title column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the kind column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the queue column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the time column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the error column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the log column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the progress column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the items table"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the items key"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the items foreign key"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the items label"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the items log"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the items"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the fence column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the table status column"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the items status column"),
    // The source's table as its database has it (SourceCatalog).
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "there is no table '%1' in %2 (renamed or dropped?)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "source '%1': %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the %1 column '%2' is not in '%3' (renamed?)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the %1 column '%2' (%3) keeps no time Taskdesk can read (timestamptz, timestamp, ISO "
        "text, epoch seconds or milliseconds)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "no type"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the %1 column '%2' is %3 (%4), not %5 as mapped"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "'%1' of '%2' is not an integer primary key (%3): a row must be named by one to be acted "
        "on"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "the status column '%1' is %2, which a %3 mapping cannot read"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "text value"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the version column '%1' is %2, not an integer"),
    // Before "%1 needs an index…", which would match it too.
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "Reading a row's items needs an index on %1: CREATE INDEX %2_%1_idx ON %2 (%1)"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "%1 needs an index on %2: CREATE INDEX %3_%2_idx ON %3 (%2)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Filtering by status and the stuck check"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Sorting by the heartbeat"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Sorting by the created time"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Sorting by the start time"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Sorting by the finish time"),
    // Attaching, reading and acting on a source's rows; the stored sources.
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "source %1 has no row %2 (deleted?)"),
    // The actions, as a source's refusals name them.
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Force Stop"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Cancel"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Retry"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Delete"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "source %1 is attached read-only: %2 changes nothing there"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "the mapping of source %1 does not allow Delete (allow_delete)"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "the mapping of source %1 names no failed value for %2 to write"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the mapping of source %1 names no pending value for Retry to write"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "%1 of row %2 of source %3 was done, but its audit row could not be written: %4"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "the key %1 of source %2 named %3 rows; nothing was changed"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "row %1 is gone (deleted by someone else); nothing was changed"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "row %1 is %2 now (it was %3 when you looked); nothing was changed"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "row %1 is %2: %3 is not taken from that status; nothing was changed"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "row %1 changed since you looked (%2 was '%3', is '%4'); nothing was changed"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "row %1 waits in the queue: a retry would not change that"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "stuck: running with no change of %1 for over %2 min"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "stuck: pending with no change of %1 for over %2 min"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText",
        "the stored definition of source '%1' is not JSON (%2): edit or remove it"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "the stored definition of source '%1' is not valid: %2"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "there is no source '%1' ('taskdeskctl sources list' lists them)"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "there is no source '%1'"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "there is a source '%1' already"),
    // Alerts, as the engine and a test alert word them (summaries, descriptions).
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Tasks of kind %1 failed"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "the last one: task %1 (%2), queue %3"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Stuck tasks: %1 for longer than %2"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "%1 running without a heartbeat, %2 waiting in a queue"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Process %1 on %2 is FATAL"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Process %1 on %2 restarted %3 times in %4"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "The oldest task in queue %1 has waited %2"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "%1 due tasks wait; the threshold is %2"),
    QT_TRANSLATE_NOOP(
        "taskdesk::StoredText", "Queue %1 is stalled: no task finished in %2 while %3 wait"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Worker %1 on %2 is lost: no heartbeat"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "worker id %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Test alert from Taskdesk on %1"),
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "Sent by %1 to check the %2 channel"),
    // A span inside them ("5 min"): only a whole number and its unit.
    QT_TRANSLATE_N_NOOP("taskdesk::StoredText", "%n s"),
    QT_TRANSLATE_N_NOOP("taskdesk::StoredText", "%n min"),
    QT_TRANSLATE_N_NOOP("taskdesk::StoredText", "%n h"),
    // Last: it would match the other sentences that begin with "source ".
    QT_TRANSLATE_NOOP("taskdesk::StoredText", "source %1: %2"),
};

struct Pattern
{
    const char *source;
    QRegularExpression match;
    QVector<int> parts; // the number of each captured part; 0: the count
    // The words before the first part and after the last: most texts fail on
    // them, without a regular expression (measured on four typical lines in
    // Russian: 16 µs a line trying each of ~100 expressions, 1.2 µs with these).
    QString prefix;
    QString suffix;
};

// "%1" and "%n" become groups; everything else must be there as written.
Pattern compile(const char *source)
{
    const QString text = QString::fromUtf8(source);
    Pattern p{source, {}, {}, {}, {}};
    QString re;
    qsizetype firstPart = -1;
    qsizetype afterLastPart = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        const bool count = text.at(i) == QLatin1Char('%') && next == QLatin1Char('n');
        if (count || (text.at(i) == QLatin1Char('%') && next.digitValue() >= 1)) {
            re += count ? QStringLiteral("(\\d+)") : QStringLiteral("(.*?)");
            p.parts.append(count ? 0 : next.digitValue());
            if (firstPart < 0)
                firstPart = i;
            ++i;
            afterLastPart = i + 1;
        } else {
            re += QRegularExpression::escape(text.at(i));
        }
    }
    p.prefix = firstPart < 0 ? text : text.left(firstPart);
    p.suffix = firstPart < 0 ? text : text.mid(afterLastPart);
    p.match.setPattern(QRegularExpression::anchoredPattern(re));
    p.match.setPatternOptions(QRegularExpression::DotMatchesEverythingOption);
    return p;
}

const QVector<Pattern> &patterns()
{
    static const QVector<Pattern> all = [] {
        QVector<Pattern> list;
        for (const char *source : kSentences)
            list.append(compile(source));
        return list;
    }();
    return all;
}

QString word(const QString &english, int depth);

const QString kJoin = QStringLiteral("; ");

// The sentence `english` is, worded; nothing when it is none of them. `strict`:
// no part holds a "; " (it would be two problems joined, not one part).
std::optional<QString> wordWhole(const QString &english, int depth, bool strict)
{
    for (const Pattern &p : patterns()) {
        if (!english.startsWith(p.prefix) || !english.endsWith(p.suffix))
            continue;
        const QRegularExpressionMatch m = p.match.match(english);
        if (!m.hasMatch())
            continue;
        bool joined = false;
        for (int g = 1; g <= p.parts.size() && strict && !joined; ++g)
            joined = m.capturedView(g).contains(kJoin);
        if (joined)
            continue;
        int count = -1;
        QStringList args;
        for (int g = 0; g < p.parts.size(); ++g) {
            const int n = p.parts.at(g);
            const QString captured = m.captured(g + 1);
            if (n == 0) {
                count = captured.toInt();
                continue;
            }
            if (args.size() < n)
                args.resize(n);
            args[n - 1] = word(captured, depth + 1);
        }
        return Error::fill(QCoreApplication::translate(kContext, p.source, nullptr, count), args);
    }
    return std::nullopt;
}

QString word(const QString &english, int depth)
{
    // Parts of parts are rare, and a text can only hold so many.
    if (depth > 3 || english.isEmpty())
        return english;
    if (std::optional<QString> whole = wordWhole(english, depth, true))
        return *whole;
    const QStringList pieces = english.split(kJoin);
    if (pieces.size() < 2)
        return wordWhole(english, depth, false).value_or(english);
    // Problems joined with "; " (a source's definition): each is worded on its
    // own, taking the longest run of pieces that is one sentence (some hold a
    // "; " themselves); a piece that is none stays as it is.
    QStringList out;
    bool all = true;
    for (qsizetype i = 0; i < pieces.size();) {
        qsizetype j = pieces.size() - (i == 0 ? 2 : 1);
        std::optional<QString> run;
        for (; j >= i && !run; --j)
            run = wordWhole(pieces.mid(i, j - i + 1).join(kJoin), depth, true);
        all = all && run;
        out << run.value_or(pieces.at(i));
        i = run ? j + 2 : i + 1;
    }
    if (all)
        return out.join(kJoin);
    // Else one sentence whose part holds a "; " (an error a program printed).
    return wordWhole(english, depth, false).value_or(out.join(kJoin));
}

} // namespace

QString storedText(const QString &english)
{
    return word(english, 0);
}

QString sourceLogText(const QString &text)
{
    // "[2026-03-01 10:00:00] ⚠️ Task force stopped by alice (rule)", as
    // SourceActions appends it; the rule, when there is one, is worded too.
    static const QRegularExpression ownLine(
        QStringLiteral("^(\\[[^\\]]*\\] )(.+?)(?: \\((.+)\\))?$"));
    static const QStringList ownStarts{QStringLiteral("⚠️ Task force stopped by "),
        QStringLiteral("Task cancelled manually by "), QStringLiteral("↻ Task retried by "),
        QStringLiteral("⚠️ Force stopped by "), QStringLiteral("Cancelled manually by "),
        QStringLiteral("↻ Retried by ")};
    if (!text.contains(QLatin1Char('[')))
        return text;
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        const QRegularExpressionMatch m = ownLine.match(line);
        if (!m.hasMatch())
            continue;
        const QString sentence = m.captured(2);
        const bool own = std::any_of(ownStarts.cbegin(), ownStarts.cend(),
            [&sentence](const QString &start) { return sentence.startsWith(start); });
        if (!own)
            continue;
        line = m.captured(1) + storedText(sentence)
            + (m.capturedLength(3) > 0 ? QStringLiteral(" (%1)").arg(storedText(m.captured(3)))
                                       : QString());
    }
    return lines.join(QLatin1Char('\n'));
}

QStringList storedTextPatterns()
{
    QStringList list;
    for (const char *source : kSentences)
        list << QString::fromUtf8(source);
    return list;
}

} // namespace taskdesk::ui
