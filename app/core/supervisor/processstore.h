#pragma once

#include "core/auditlog.h"
#include "core/error.h"
#include "core/supervisor/processinfo.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace taskdesk {

class Database;

// What an operator's start, stop or restart request changed.
struct DesiredChange
{
    QString name;
    QString host;
    DesiredState before = DesiredState::Stopped;
    DesiredState after = DesiredState::Stopped;
    ProcessState state = ProcessState::Stopped; // the actual state when asked
    // The supervisor that will act on it (holder of a live lease for the host;
    // for a definition without a host, any live supervisor). Empty: none runs,
    // nothing happens until one starts.
    QString supervisor;
};

// An audit row that the supervisor writes with the state it describes.
struct ProcessAuditNote
{
    QString action; // process_start, process_exit, process_fatal, …
    QString before; // process states
    QString after;
    QJsonObject details;
};

// All SQL of the `processes` and `process_output` tables and of the
// supervisors' host leases. Front ends (the GUI, taskdeskctl) edit definitions
// and set the desired state only; the Supervisor holding a host's lease writes
// the actual state back. Every operator action writes an audit row with the
// operator's name, in the transaction of the change.
class ProcessStore final
{
public:
    explicit ProcessStore(Database &db, QString actor = AuditLog::osUser());

    const QString &actor() const { return m_actor; }
    Database &database() { return m_db; }

    // --- admins: definitions (on PostgreSQL the taskdesk_admin role; others
    // are refused with PermissionDenied before anything is written)
    Result<qint64> add(const ProcessDefinition &definition);
    // Replaces the definition of the process with that name (its desired and
    // actual state stay). A running process gets the new definition at its next start.
    Error update(const ProcessDefinition &definition);
    // Refused while the process is wanted running or still alive, unless `force`
    // (a row left behind by a supervisor that is gone).
    Error remove(const QString &name, bool force = false);

    // --- operators: desired state. This is all a front end does to start or
    // stop a process; the supervisor of its host does the rest. A start request
    // also restarts a FATAL or EXITED process (it bumps the start generation).
    Result<DesiredChange> setDesired(const QString &name, DesiredState desired);
    // Running processes are stopped and started again; others are started.
    Result<DesiredChange> restart(const QString &name);
    // Every definition (of `host`, or all when empty).
    Result<QVector<DesiredChange>> setDesiredForAll(DesiredState desired, const QString &host = {});

    // --- reading
    Result<QVector<ProcessInfo>> list(const QString &host = {});
    Result<ProcessInfo> process(const QString &name);
    // Output lines in order, after `afterId` (0: the last `limit` lines).
    Result<QVector<ProcessOutputLine>> output(
        const QString &name, qint64 afterId = 0, int limit = 500);
    // The supervisor acting for `host` now (the holder of its live lease), or
    // for an empty host any live supervisor; empty: none runs.
    Result<QString> supervisorOf(const QString &host);

    // --- the supervisor
    static QString leaseName(const QString &host); // "supervisor:HOST"
    // Takes or renews the host's lease: true if `holder` holds it now. One upsert
    // whose affected-row count decides: it wins only if the row is free, its
    // own, or expired.
    Result<bool> acquireLease(const QString &host, const QString &holder, int ttlMs);
    Error releaseLease(const QString &host, const QString &holder);
    // A read only: false while another holder's lease is live. A waiting
    // supervisor asks this before it tries acquireLease(), which alone decides.
    Result<bool> leaseAvailable(const QString &host, const QString &holder);
    // The definitions of `host` and those that belong to no host yet.
    Result<QVector<ProcessInfo>> definitionsFor(const QString &host);
    // Gives a definition without a host to `host`; false if another host was first.
    Result<bool> claimForHost(qint64 id, const QString &host);
    // Writes the actual state, and the audit rows that describe it, if the
    // process still belongs to `host` and `holder` still holds the host's lease.
    // False: the row is gone or moved, or the lease was lost.
    Result<bool> writeRuntime(qint64 id, const ProcessRuntime &runtime, const QString &host,
        const QString &holder, const QVector<ProcessAuditNote> &audits = {});
    // Appends output lines (of any processes) in one transaction and deletes
    // what is older than the last `keepPerProcess` lines of each.
    Error appendOutput(const QVector<ProcessOutputLine> &lines, int keepPerProcess);

private:
    // PermissionDenied unless this connection may write definitions.
    Error checkAdmin();
    // The columns to read for a front end: for a viewer, the environment's
    // names with their values hidden.
    Result<QString> readColumns();
    Result<DesiredChange> changeDesired(
        const QString &name, DesiredState desired, bool restartRequest);

    Database &m_db;
    AuditLog m_audit;
    QString m_actor;
    std::optional<bool> m_secretsReadable;
};

} // namespace taskdesk
