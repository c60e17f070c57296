#include "supervisor.h"

#include "core/auditlog.h"
#include "core/cleanenvironment.h"
#include "core/database.h"
#include "core/processgroup.h"
#include "core/settings.h"
#include "core/supervisor/allowlist.h"
#include "core/supervisor/outputtail.h"
#include "core/tasks/executionstore.h"
#include "core/tasks/taskstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcSupervisor, "taskdesk.supervisor")

namespace taskdesk {

namespace {

QString signalName(int signal)
{
    const char *abbrev = sigabbrev_np(signal);
    return abbrev ? QStringLiteral("SIG") + QString::fromLatin1(abbrev)
                  : QStringLiteral("signal %1").arg(signal);
}

QString describeExit(int exitCode, QProcess::ExitStatus status)
{
    // Qt reports a death by signal as CrashExit with the signal number as the code.
    if (status == QProcess::CrashExit)
        return QStringLiteral("killed by signal %1 (%2)").arg(exitCode).arg(signalName(exitCode));
    return QStringLiteral("exit code %1").arg(exitCode);
}

// True while `pid` is a live process (not a zombie waiting to be reaped).
bool processAlive(qint64 pid)
{
    if (pid <= 1)
        return false;
    if (::kill(pid_t(pid), 0) != 0 && errno != EPERM)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true; // no /proc: trust kill()
    const QByteArray text = stat.readAll();
    const qsizetype paren = text.lastIndexOf(')'); // the command name may hold spaces
    return paren < 0 || paren + 2 >= text.size() || text.at(paren + 2) != 'Z';
}

// The command line of `pid` names `program`: argv[0], or argv[1] under an
// interpreter (a script started through its #! line).
bool commandLineMatches(qint64 pid, const QString &program)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> args = file.readAll().split('\0');
    const QByteArray wanted = QFile::encodeName(program);
    for (int i = 0; i < qMin(2, int(args.size())); ++i) {
        if (args.at(i) == wanted)
            return true;
    }
    return false;
}

QString defaultHolder(const QString &host)
{
    QString app = QCoreApplication::applicationName();
    if (app.isEmpty())
        app = QStringLiteral("taskdesk");
    return QStringLiteral("%1@%2:%3:%4")
        .arg(app, host)
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0'));
}

} // namespace

// One process definition and what this supervisor does with it.
struct Supervisor::Entry
{
    explicit Entry(QObject *timerParent)
        : backoff(new QTimer(timerParent))
        , startup(new QTimer(timerParent))
        , healthy(new QTimer(timerParent))
        , kill(new QTimer(timerParent))
    {
        for (QTimer *t : {backoff, startup, healthy, kill}) {
            t->setSingleShot(true);
            // Backoff delays are short and measured: a coarse timer may fire 5% early.
            t->setTimerType(Qt::PreciseTimer);
        }
    }
    ~Entry()
    {
        for (QTimer *t : {backoff, startup, healthy, kill})
            delete t;
    }
    Entry(const Entry &) = delete;
    Entry &operator=(const Entry &) = delete;

    void stopTimers()
    {
        for (QTimer *t : {backoff, startup, healthy, kill})
            t->stop();
    }
    bool alive() const { return isAlive(rt.state); }
    qint64 leaderPid() const
    {
        if (rt.pid > 0)
            return rt.pid;
        return process ? process->processId() : 0;
    }

    ProcessDefinition def;
    DesiredState desired = DesiredState::Stopped;
    qint64 seenStartGeneration = 0;
    qint64 seenRestartGeneration = 0;
    ProcessRuntime rt;
    QProcess *process = nullptr; // while our own child runs; deleted after it exited
    bool adopted = false; // a child of an earlier supervisor, watched by its pid
    QElapsedTimer upSince;
    bool stopRequested = false; // tells an operator's stop from a crash
    qint64 stopDeadlineMs = 0; // on the supervisor's clock: when the stop grace ends
    AfterStop afterStop = AfterStop::Nothing;
    QString stopReason;
    QTimer *backoff;
    QTimer *startup;
    QTimer *healthy;
    QTimer *kill;
    OutputTail out;
    OutputTail err;
    QVector<ProcessAuditNote> audits; // written with the next state write
    bool dirty = false;
};

Supervisor::Supervisor(Database &db, const SupervisorOptions &options, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_store(db, options.actor)
    , m_options(options)
    , m_tick(this)
{
    if (m_options.host.isEmpty())
        m_options.host = AuditLog::localHost();
    if (m_options.holder.isEmpty())
        m_options.holder = defaultHolder(m_options.host);
    if (m_options.outputDir.isEmpty()) {
        // One folder per database: two databases may both have a process named "worker".
        const QByteArray key
            = QCryptographicHash::hash(db.location().display().toUtf8(), QCryptographicHash::Sha1)
                  .toHex()
                  .left(12);
        QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
        if (cache.isEmpty())
            cache = QDir::homePath() + QStringLiteral("/.cache");
        m_options.outputDir
            = cache + QStringLiteral("/taskdesk/processes/") + QString::fromLatin1(key);
    }
    m_options.pollIntervalMs = qBound(20, m_options.pollIntervalMs, 60000);
    m_options.leaseTtlMs = qMax(m_options.leaseTtlMs, 3 * m_options.pollIntervalMs);
    m_options.outputLinesKept = qBound(1, m_options.outputLinesKept, 100000);
    m_clock.start();
    m_dbClockBase = QDateTime::currentMSecsSinceEpoch();
    m_tick.setInterval(m_options.pollIntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &Supervisor::poll);
    m_leftoverTimer.setInterval(50);
    connect(&m_leftoverTimer, &QTimer::timeout, this, [this] {
        settleLeftovers();
        if (m_phase == Phase::ShuttingDown)
            checkShutdownDone();
    });
}

Supervisor::~Supervisor()
{
    if (m_phase == Phase::Active || m_phase == Phase::ShuttingDown) {
        if (aliveCount() > 0)
            qCWarning(lcSupervisor).noquote()
                << "supervisor" << m_options.holder
                << "destroyed with running processes: they are left running";
        detach();
    }
    m_entries.clear();
}

void Supervisor::start()
{
    if (m_phase != Phase::Idle)
        return;
    m_phase = Phase::Active;
    qCInfo(lcSupervisor).noquote()
        << "supervisor" << m_options.holder << "for host" << m_options.host << "started";
    // What a dead worker's executions leave behind is re-parented to us, not
    // to PID 1: we can reap it and know it is gone.
    if (!Orphans::becomeSubreaper())
        qCWarning(lcSupervisor).noquote()
            << "cannot become a child subreaper: orphans of the processes go to PID 1";
    m_tick.start();
    QTimer::singleShot(0, this, &Supervisor::poll);
}

// ---------------------------------------------------------------- the round

void Supervisor::poll()
{
    if (m_phase != Phase::Active && m_phase != Phase::ShuttingDown)
        return;
    renewLease();
    if (m_phase == Phase::Active && m_holding)
        reconcile();
    checkAdopted();
    Orphans::reapAdopted(ownChildren());
    readAllOutput();
    flush();
}

void Supervisor::renewLease()
{
    if (m_holding && m_sinceRenew.isValid() && m_sinceRenew.elapsed() < m_options.leaseTtlMs / 3)
        return;
    if (m_phase == Phase::ShuttingDown && !m_holding)
        return;
    if (!m_holding) {
        // Waiting for the host: a read each round, the write only when it may win.
        Result<bool> available = m_store.leaseAvailable(m_options.host, m_options.holder);
        if (!available.ok()) {
            warnOnce(QStringLiteral("cannot read the supervisor lease"), available.error());
            return;
        }
        m_warned.remove(QStringLiteral("cannot read the supervisor lease"));
        if (!*available)
            return;
    }
    Result<bool> held
        = m_store.acquireLease(m_options.host, m_options.holder, m_options.leaseTtlMs);
    if (!held.ok()) {
        // Keep the processes as they are: a database that is away for a while
        // must not stop the work. Renewal is retried every round.
        warnOnce(QStringLiteral("cannot renew the supervisor lease"), held.error());
        return;
    }
    if (!m_warned.isEmpty()) {
        qCInfo(lcSupervisor).noquote() << "the database answers again";
        m_warned.clear();
    }
    m_sinceRenew.start();
    if (Result<qint64> now = m_db.now(); now.ok()) {
        m_dbClockBase = *now;
        m_clockBase = m_clock.elapsed();
    }
    if (*held && !m_holding) {
        m_holding = true;
        qCInfo(lcSupervisor).noquote()
            << m_options.holder << "now supervises host" << m_options.host;
        beginSession();
    } else if (!*held && m_holding) {
        m_holding = false;
        qCWarning(lcSupervisor).noquote()
            << m_options.holder << "lost the lease of host" << m_options.host
            << "to another supervisor; handing its processes over";
        handOver();
    }
}

void Supervisor::beginSession()
{
    m_sessionFresh = true;
}

// The lease went to another supervisor of this host (ours had expired): it
// adopts the running processes, so they are left alone, not stopped.
void Supervisor::handOver()
{
    readAllOutput();
    flushOutput();
    QVector<qint64> ids;
    for (auto &[id, e] : m_entries) {
        releaseProcess(*e);
        ids.append(id);
    }
    // The output files stay: the new holder follows them.
    for (qint64 id : std::as_const(ids))
        dropEntry(id, false);
}

void Supervisor::reconcile()
{
    Result<QVector<ProcessInfo>> rows = m_store.definitionsFor(m_options.host);
    if (!rows.ok()) {
        warnOnce(QStringLiteral("cannot read the process definitions"), rows.error());
        return;
    }
    QSet<qint64> seen;
    for (ProcessInfo row : *rows) {
        if (row.definition.host.isEmpty()) {
            // Rule for definitions without a host: the first supervisor that
            // sees one takes it for its host, and it stays there.
            Result<bool> claimed = m_store.claimForHost(row.definition.id, m_options.host);
            if (!claimed.ok() || !*claimed)
                continue;
            qCInfo(lcSupervisor).noquote()
                << "process" << row.definition.name << "now belongs to host" << m_options.host;
            row.definition.host = m_options.host;
        }
        seen.insert(row.definition.id);
        Entry *e = entry(row.definition.id);
        if (!e)
            e = createEntry(row);
        if (e)
            apply(*e, row);
    }
    m_sessionFresh = false;

    QVector<qint64> gone;
    for (auto &[id, e] : m_entries) {
        if (!seen.contains(id))
            gone.append(id);
    }
    for (qint64 id : std::as_const(gone)) {
        Entry *e = entry(id);
        if (e->alive()) {
            if (e->afterStop != AfterStop::Forget) {
                qCInfo(lcSupervisor).noquote()
                    << "process" << e->def.name << "was removed; stopping it";
                e->afterStop = AfterStop::Forget;
                if (e->rt.state != ProcessState::Stopping)
                    requestStop(*e, AfterStop::Forget, QStringLiteral("removed"));
            }
        } else {
            dropEntry(id, true);
        }
    }
}

Supervisor::Entry *Supervisor::createEntry(const ProcessInfo &row)
{
    auto owned = std::make_unique<Entry>(this);
    Entry &e = *owned;
    e.def = row.definition;
    e.desired = row.desired;
    e.seenStartGeneration = row.startGeneration;
    e.seenRestartGeneration = row.restartGeneration;
    e.rt = row.runtime;
    e.rt.supervisedBy = m_options.holder;
    e.out = OutputTail(m_options.outputDir + QStringLiteral("/%1.stdout").arg(e.def.id));
    e.err = OutputTail(m_options.outputDir + QStringLiteral("/%1.stderr").arg(e.def.id));
    const qint64 id = row.definition.id;
    connect(e.backoff, &QTimer::timeout, this, [this, id] { onBackoffElapsed(id); });
    connect(e.kill, &QTimer::timeout, this, [this, id] { onKillTimer(id); });
    connect(e.startup, &QTimer::timeout, this, [this, id] { onStartupElapsed(id); });
    connect(e.healthy, &QTimer::timeout, this, [this, id] { onHealthyElapsed(id); });
    m_entries[id] = std::move(owned);

    const ProcessState before = row.runtime.state;
    const qint64 oldPid = row.runtime.pid;
    const bool wasAlive = isAlive(before) && oldPid > 0;
    if (wasAlive && processAlive(oldPid) && commandLineMatches(oldPid, e.def.program)) {
        // Left running by an earlier supervisor (detached, or it died): watch it.
        e.adopted = true;
        e.rt.state = ProcessState::Running;
        e.rt.message = QStringLiteral("adopted from %1; its output is followed from now on")
                           .arg(row.runtime.supervisedBy.isEmpty()
                                   ? QStringLiteral("a supervisor that is gone")
                                   : row.runtime.supervisedBy);
        e.upSince.start();
        e.out.skipToEnd();
        e.err.skipToEnd();
        const qint64 up = row.runtime.startedAt > 0 ? dbNow() - row.runtime.startedAt : 0;
        if (up < e.def.healthyAfterMs)
            e.healthy->start(int(e.def.healthyAfterMs - up));
        else
            e.rt.consecutiveFailures = 0;
        qCInfo(lcSupervisor).noquote() << "process" << e.def.name << "pid" << oldPid
                                       << "adopted from" << row.runtime.supervisedBy;
        audit(e, QStringLiteral("process_adopt"), before, {{QStringLiteral("pid"), oldPid}});
        note(e, QStringLiteral("adopted (pid %1)").arg(oldPid));
        setState(e, ProcessState::Running, e.rt.message);
    } else if (wasAlive || before == ProcessState::Backoff) {
        // It ran under a supervisor that is gone, and is gone too.
        e.rt.pid = 0;
        e.rt.exitedAt = dbNow();
        e.rt.lastExit = QStringLiteral("unknown (it exited while no supervisor watched it)");
        qCWarning(lcSupervisor).noquote() << "process" << e.def.name << "pid" << oldPid
                                          << "exited while no supervisor watched it";
        if (wasAlive) {
            audit(e, QStringLiteral("process_exit"), before,
                {{QStringLiteral("pid"), oldPid}, {QStringLiteral("exit"), e.rt.lastExit}});
            // Its tasks end once what its executions left running is gone.
            stopLeftovers(e, 0);
            if (e.def.role == ProcessRole::Worker && !e.rt.workerId.isEmpty())
                m_deadWorkers.append({e.rt.workerId, true, QString(), m_clock.elapsed()});
            settleLeftovers();
        }
        setState(e, ProcessState::Stopped, QStringLiteral("exited while no supervisor watched it"));
    } else {
        // A new supervision starts afresh: even a FATAL process is tried again
        // if running is wanted.
        e.rt.state = ProcessState::Stopped;
        e.dirty = true;
    }

    if (m_sessionFresh && e.def.autostart && e.desired == DesiredState::Stopped) {
        Result<DesiredChange> c = m_store.setDesired(e.def.name, DesiredState::Running);
        if (c.ok()) {
            e.desired = DesiredState::Running;
            e.seenStartGeneration += 1;
            qCInfo(lcSupervisor).noquote() << "process" << e.def.name << "is started automatically";
        } else {
            warnOnce(QStringLiteral("cannot autostart ") + e.def.name, c.error());
        }
    }
    return &e;
}

void Supervisor::apply(Entry &e, const ProcessInfo &row)
{
    const bool startRequest = row.startGeneration != e.seenStartGeneration;
    const bool restartRequest = row.restartGeneration != e.seenRestartGeneration;
    e.seenStartGeneration = row.startGeneration;
    e.seenRestartGeneration = row.restartGeneration;
    e.def = row.definition; // a new definition applies from the next start on
    e.desired = row.desired;
    if (m_phase != Phase::Active)
        return;

    if (e.desired == DesiredState::Stopped) {
        switch (e.rt.state) {
        case ProcessState::Starting:
        case ProcessState::Running:
            requestStop(e, AfterStop::Nothing, QStringLiteral("stopped by an operator"));
            break;
        case ProcessState::Stopping:
            if (e.afterStop == AfterStop::Start)
                e.afterStop = AfterStop::Nothing;
            break;
        case ProcessState::Backoff:
        case ProcessState::Fatal:
        case ProcessState::Exited: {
            const ProcessState before = e.rt.state;
            e.backoff->stop();
            audit(e, QStringLiteral("process_stop"), before);
            setState(e, ProcessState::Stopped, QStringLiteral("stopped by an operator"));
            break;
        }
        case ProcessState::Stopped:
            break;
        }
        return;
    }

    switch (e.rt.state) {
    case ProcessState::Stopped:
        startProcess(e, StartKind::Operator);
        break;
    case ProcessState::Fatal:
    case ProcessState::Exited:
    case ProcessState::Backoff:
        if (startRequest || restartRequest)
            startProcess(e, StartKind::Operator);
        break;
    case ProcessState::Starting:
    case ProcessState::Running:
        if (restartRequest)
            requestStop(e, AfterStop::Start, QStringLiteral("restarted by an operator"));
        break;
    case ProcessState::Stopping:
        if (restartRequest && e.afterStop == AfterStop::Nothing)
            e.afterStop = AfterStop::Start;
        break;
    }
}

// ---------------------------------------------------------------- start and stop

void Supervisor::startProcess(Entry &e, StartKind kind)
{
    const ProcessState before = e.rt.state;
    e.stopTimers();
    if (kind == StartKind::Operator)
        e.rt.consecutiveFailures = 0;

    // Checked before start(): every failed QProcess::start() leaks a file
    // descriptor on Qt 6.4 (fixed in 6.5.2), and a missing program is a
    // configuration error that retrying cannot fix.
    const ProcessDefinition &d = e.def;
    const QFileInfo program(d.program);
    QString problem;
    if (!program.exists())
        problem = QStringLiteral("the program %1 does not exist").arg(d.program);
    else if (!program.isFile())
        problem = QStringLiteral("the program %1 is not a file").arg(d.program);
    else if (!program.isExecutable())
        problem = QStringLiteral("the program %1 is not executable").arg(d.program);
    else if (!d.workdir.isEmpty() && !QFileInfo(d.workdir).isDir())
        problem = QStringLiteral("the working folder %1 does not exist").arg(d.workdir);
    else if (!m_options.allowList.isEmpty()) {
        // Read at every start, so that an edit of the file counts at once; a
        // file that cannot be read allows nothing.
        const Result<AllowList> allowed = AllowList::load(m_options.allowList);
        problem = allowed.ok() ? allowed->refusal(d.program, d.args) : allowed.error().message();
    }
    if (!problem.isEmpty()) {
        audit(e, QStringLiteral("process_start"), before,
            {{QStringLiteral("program"), d.program}, {QStringLiteral("error"), problem}});
        goFatal(e, problem);
        return;
    }

    QProcess *p = new QProcess(this);
    p->setProgram(d.program);
    p->setArguments(d.args);
    if (!d.workdir.isEmpty())
        p->setWorkingDirectory(d.workdir);
    p->setStandardInputFile(QProcess::nullDevice());
    if (QDir().mkpath(m_options.outputDir) && e.out.reset() && e.err.reset()) {
        QFile::setPermissions(
            m_options.outputDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        p->setStandardOutputFile(e.out.path(), QIODevice::Append);
        p->setStandardErrorFile(e.err.path(), QIODevice::Append);
    } else {
        qCWarning(lcSupervisor).noquote() << "cannot write the output files of" << d.name << "in"
                                          << m_options.outputDir << "- its output is discarded";
        p->setStandardOutputFile(QProcess::nullDevice());
        p->setStandardErrorFile(QProcess::nullDevice());
    }

    e.rt.starts += 1;
    // A clean environment: never this supervisor's own (its PGPASSWORD, a
    // service's secrets). A worker or scheduler is told where the database is;
    // a PostgreSQL password reaches it through a password file (~/.pgpass of
    // HOME, or PGPASSFILE, passed on with the TLS file paths), never inherited.
    const QProcessEnvironment own = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env = cleanEnvironment(own);
    if (d.role != ProcessRole::Other) {
        env.insert(QStringLiteral("TASKDESK_DB"), databaseUrl());
        passEnvironment(env,
            {QStringLiteral("PGPASSFILE"), QStringLiteral("PGSSLROOTCERT"),
                QStringLiteral("PGSSLCERT"), QStringLiteral("PGSSLKEY")},
            own);
    }
    e.rt.workerId.clear();
    if (d.role == ProcessRole::Worker) {
        e.rt.workerId = QStringLiteral("%1@%2#%3").arg(d.name, m_options.host).arg(e.rt.starts);
        env.insert(QStringLiteral("TASKDESK_WORKER_ID"), e.rt.workerId);
    }
    for (auto it = d.env.cbegin(); it != d.env.cend(); ++it)
        env.insert(it.key(), it.value());
    p->setProcessEnvironment(env);
    // Without dieWithParent: a detached child must outlive its supervisor.
    ProcessGroup::makeLeader(*p);

    const qint64 id = d.id;
    connect(p, &QProcess::started, this, [this, id, p] { onStarted(id, p); });
    connect(p, &QProcess::finished, this,
        [this, id, p](int code, QProcess::ExitStatus status) { onFinished(id, p, code, status); });
    connect(p, &QProcess::errorOccurred, this, [this, id, p](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onFailedToStart(id, p);
    });

    e.process = p;
    e.adopted = false;
    e.stopRequested = false;
    e.afterStop = AfterStop::Nothing;
    e.rt.pid = 0;
    e.rt.startedAt = dbNow();
    e.rt.exitedAt = 0;
    e.upSince.start();
    const QString action = kind == StartKind::Automatic ? QStringLiteral("process_restart")
                                                        : QStringLiteral("process_start");
    QJsonObject details{{QStringLiteral("program"), d.program},
        {QStringLiteral("args"), QJsonArray::fromStringList(d.args)},
        {QStringLiteral("start"), e.rt.starts}};
    if (!e.rt.workerId.isEmpty())
        details.insert(QStringLiteral("worker_id"), e.rt.workerId);
    if (kind == StartKind::Automatic)
        details.insert(QStringLiteral("consecutive_failures"), e.rt.consecutiveFailures);
    audit(e, action, before, details);
    qCInfo(lcSupervisor).noquote() << (kind == StartKind::Automatic ? "restarting" : "starting")
                                   << d.name << d.program << d.args.join(QLatin1Char(' '));
    // The state is set before start(): a fork that fails reports synchronously.
    setState(e, ProcessState::Starting,
        kind == StartKind::Automatic
            ? QStringLiteral("restarting after %1 failure(s)").arg(e.rt.consecutiveFailures)
            : QString());
    p->start();
    if (e.process == p && p->processId() > 0)
        e.rt.pid = p->processId();
}

void Supervisor::onStarted(qint64 id, QProcess *process)
{
    Entry *e = entry(id);
    if (!e || e->process != process)
        return;
    // processId() is 0 again once it has exited: keep it now.
    e->rt.pid = process->processId();
    note(*e, QStringLiteral("started (pid %1)").arg(e->rt.pid));
    qCInfo(lcSupervisor).noquote() << "process" << e->def.name << "started, pid" << e->rt.pid;
    if (e->rt.state == ProcessState::Starting)
        e->startup->start(e->def.startupMs);
    e->healthy->start(e->def.healthyAfterMs);
    flushEntry(*e);
}

void Supervisor::onStartupElapsed(qint64 id)
{
    Entry *e = entry(id);
    if (e && e->rt.state == ProcessState::Starting)
        setState(*e, ProcessState::Running, QString());
}

void Supervisor::onHealthyElapsed(qint64 id)
{
    Entry *e = entry(id);
    if (!e || !e->alive() || e->rt.consecutiveFailures == 0)
        return;
    qCInfo(lcSupervisor).noquote()
        << "process" << e->def.name << "stayed up: its failure count is reset";
    e->rt.consecutiveFailures = 0;
    e->dirty = true;
    flushEntry(*e);
    emit processChanged(e->def.name);
}

void Supervisor::onFailedToStart(qint64 id, QProcess *process)
{
    Entry *e = entry(id);
    if (!e || e->process != process)
        return;
    const QString why = process->errorString();
    e->process = nullptr;
    process->deleteLater(); // not running: safe to delete
    e->rt.pid = 0;
    e->rt.exitedAt = dbNow();
    // The checks before start() passed, so this is no passing hiccup (an
    // interpreter that is missing, a binary for another machine): FATAL at once.
    goFatal(*e, QStringLiteral("cannot start %1: %2").arg(e->def.program, why));
    if (m_phase == Phase::ShuttingDown)
        checkShutdownDone();
}

void Supervisor::requestStop(Entry &e, AfterStop then, const QString &reason)
{
    if (!e.alive())
        return;
    e.stopRequested = true;
    e.afterStop = then;
    e.stopReason = reason;
    if (e.rt.state == ProcessState::Stopping)
        return;
    const ProcessState before = e.rt.state;
    e.startup->stop();
    e.healthy->stop();
    const qint64 pid = e.leaderPid();
    qCInfo(lcSupervisor).noquote()
        << QStringLiteral("stopping %1, pid %2 (%3)").arg(e.def.name).arg(pid).arg(reason);
    audit(e, QStringLiteral("process_stop"), before,
        {{QStringLiteral("pid"), pid}, {QStringLiteral("reason"), reason}});
    setState(e, ProcessState::Stopping, reason);
    e.stopDeadlineMs = m_clock.elapsed() + e.def.stopGraceMs;
    if (e.def.stopGraceMs == 0) {
        onKillTimer(e.def.id);
        return;
    }
    if (!ProcessGroup::signalGroup(pid, SIGTERM) && e.process)
        e.process->terminate(); // not yet a group leader (it stopped within microseconds)
    e.kill->start(e.def.stopGraceMs);
}

void Supervisor::onKillTimer(qint64 id)
{
    Entry *e = entry(id);
    if (!e || e->rt.state != ProcessState::Stopping)
        return;
    const qint64 pid = e->leaderPid();
    qCWarning(lcSupervisor).noquote()
        << "process" << e->def.name << "pid" << pid << "did not stop within" << e->def.stopGraceMs
        << "ms: killing its process group";
    note(*e, QStringLiteral("did not stop within %1 ms: SIGKILL").arg(e->def.stopGraceMs));
    e->stopDeadlineMs = m_clock.elapsed();
    if (!ProcessGroup::signalGroup(pid, SIGKILL) && e->process)
        e->process->kill();
}

void Supervisor::onFinished(qint64 id, QProcess *process, int exitCode, QProcess::ExitStatus status)
{
    Entry *e = entry(id);
    if (!e || e->process != process)
        return;
    e->process = nullptr;
    process->deleteLater(); // it has exited: safe to delete
    const bool clean = status == QProcess::NormalExit && exitCode == 0;
    handleExit(*e, describeExit(exitCode, status), clean, e->upSince.elapsed());
}

void Supervisor::checkAdopted()
{
    QVector<qint64> exited;
    for (auto &[id, e] : m_entries) {
        if (e->adopted && e->alive() && !processAlive(e->rt.pid))
            exited.append(id);
    }
    for (qint64 id : std::as_const(exited)) {
        Entry *e = entry(id);
        e->adopted = false;
        // Not our child: its exit status went to whoever reaped it.
        handleExit(*e, QStringLiteral("exit status unknown (adopted process)"), false,
            e->upSince.elapsed());
    }
}

void Supervisor::handleExit(Entry &e, const QString &exitText, bool cleanExit, qint64 uptimeMs)
{
    const ProcessState before = e.rt.state;
    const qint64 pid = e.rt.pid;
    e.stopTimers();
    // The leader is gone but its group may live on (a grandchild that ignored
    // SIGTERM, or a crash that left children behind), and so may the groups
    // of a worker's executions: they are stopped and followed until gone.
    stopLeftovers(e, pid);
    if (e.def.role == ProcessRole::Worker && !e.rt.workerId.isEmpty()) {
        // A stop we asked for: the worker had its grace time to record its
        // results, so what it still holds ends FAILED/worker_stopped. A death
        // nobody asked for: the sweeper's lost-worker rule, now.
        m_deadWorkers.append({e.rt.workerId, e.stopRequested,
            QStringLiteral("its process died, %1").arg(exitText), m_clock.elapsed()});
    }
    settleLeftovers();
    readOutput(e, true);
    note(e, QStringLiteral("exited: %1").arg(exitText));
    e.rt.pid = 0;
    e.rt.exitedAt = dbNow();
    e.rt.lastExit = exitText;

    if (e.stopRequested) {
        e.stopRequested = false;
        const AfterStop then = e.afterStop;
        e.afterStop = AfterStop::Nothing;
        qCInfo(lcSupervisor).noquote() << "process" << e.def.name << "stopped:" << exitText;
        QJsonObject details{{QStringLiteral("pid"), pid}, {QStringLiteral("exit"), exitText},
            {QStringLiteral("reason"), e.stopReason}};
        audit(e, QStringLiteral("process_stopped"), before, details);
        setState(e, ProcessState::Stopped, e.stopReason);
        if (then == AfterStop::Forget) {
            flushOutput();
            dropEntry(e.def.id, true);
        } else if (then == AfterStop::Start && m_phase == Phase::Active && m_holding) {
            startProcess(e, StartKind::Operator);
        }
        if (m_phase == Phase::ShuttingDown)
            checkShutdownDone();
        return;
    }

    // An exit nobody asked for (a crash, a SIGKILL, the OOM killer). The tasks
    // that a worker held were handed to the lost-worker rule above (once its
    // executions are gone), not left to wait for the heartbeat timeout.
    const bool healthy = uptimeMs >= e.def.healthyAfterMs;
    QJsonObject details{{QStringLiteral("pid"), pid}, {QStringLiteral("exit"), exitText},
        {QStringLiteral("uptime_ms"), uptimeMs}};
    const RestartPolicy policy = e.def.restartPolicy;
    if (m_phase != Phase::Active || policy == RestartPolicy::Never
        || (policy == RestartPolicy::OnFailure && cleanExit)) {
        qCInfo(lcSupervisor).noquote()
            << "process" << e.def.name << "exited:" << exitText << "- not restarted, restart policy"
            << restartPolicyName(policy);
        audit(e, QStringLiteral("process_exit"), before, details);
        setState(e, ProcessState::Exited,
            QStringLiteral("exited (%1); not restarted: restart policy %2")
                .arg(exitText, restartPolicyName(policy)));
        if (m_phase == Phase::ShuttingDown)
            checkShutdownDone();
        return;
    }
    if (healthy)
        e.rt.consecutiveFailures = 0;
    e.rt.consecutiveFailures += 1;
    details.insert(QStringLiteral("consecutive_failures"), e.rt.consecutiveFailures);
    if (e.rt.consecutiveFailures >= e.def.maxFailures) {
        audit(e, QStringLiteral("process_exit"), before, details);
        goFatal(e,
            QStringLiteral("exited %1 time(s) in a row without staying up for %2 ms (last: %3); "
                           "start it again once the cause is fixed")
                .arg(e.rt.consecutiveFailures)
                .arg(e.def.healthyAfterMs)
                .arg(exitText));
        return;
    }
    const qint64 delay = backoffDelay(e);
    details.insert(QStringLiteral("restart_in_ms"), delay);
    qCWarning(lcSupervisor).noquote()
        << QStringLiteral("process %1 exited unexpectedly: %2; restart in %3 ms (failure %4 of %5)")
               .arg(e.def.name, exitText)
               .arg(delay)
               .arg(e.rt.consecutiveFailures)
               .arg(e.def.maxFailures);
    audit(e, QStringLiteral("process_exit"), before, details);
    setState(e, ProcessState::Backoff,
        QStringLiteral("exited (%1); restarting in %2 ms (failure %3 of %4)")
            .arg(exitText)
            .arg(delay)
            .arg(e.rt.consecutiveFailures)
            .arg(e.def.maxFailures));
    e.backoff->start(int(delay));
}

void Supervisor::onBackoffElapsed(qint64 id)
{
    Entry *e = entry(id);
    if (!e || e->rt.state != ProcessState::Backoff || m_phase != Phase::Active || !m_holding)
        return;
    if (e->desired != DesiredState::Running)
        return;
    e->rt.restarts += 1;
    startProcess(*e, StartKind::Automatic);
}

qint64 Supervisor::backoffDelay(const Entry &e) const
{
    const int failures = qMax(1, e.rt.consecutiveFailures);
    qint64 delay = e.def.backoffBaseMs;
    for (int i = 1; i < failures && delay < e.def.backoffCapMs; ++i)
        delay *= 2;
    delay = qMin<qint64>(delay, e.def.backoffCapMs);
    // ±10% jitter, so that processes that failed together do not restart in step.
    const double jitter = 0.9 + 0.2 * QRandomGenerator::global()->generateDouble();
    return qBound<qint64>(1, qint64(double(delay) * jitter), qint64(e.def.backoffCapMs));
}

void Supervisor::goFatal(Entry &e, const QString &message)
{
    const ProcessState before = e.rt.state;
    e.stopTimers();
    qCWarning(lcSupervisor).noquote() << "process" << e.def.name << "is FATAL:" << message;
    audit(e, QStringLiteral("process_fatal"), before,
        {{QStringLiteral("message"), message},
            {QStringLiteral("consecutive_failures"), e.rt.consecutiveFailures}});
    note(e, QStringLiteral("FATAL: %1").arg(message));
    setState(e, ProcessState::Fatal, message);
    emit processFatal(e.def.name, message);
}

void Supervisor::failWorkerTasks(const QString &workerId)
{
    // The process is stopped whatever happens here: a failed update is logged,
    // and the sweeper rescues those tasks later by their stale heartbeats.
    TaskStore tasks(m_db, m_options.actor);
    Result<QVector<qint64>> failed = tasks.queue().failWorkerTasks(workerId, Outcome::WorkerStopped,
        QStringLiteral("Worker %1 stopped while the task was running").arg(workerId));
    if (!failed.ok()) {
        qCWarning(lcSupervisor).noquote()
            << QStringLiteral("worker %1 stopped, but its running tasks could not be marked "
                              "failed: %2")
                   .arg(workerId, failed.error().message());
        return;
    }
    if (!failed->isEmpty())
        qCInfo(lcSupervisor).noquote() << "worker" << workerId << "stopped:" << failed->size()
                                       << "running task(s) marked FAILED/worker_stopped";
}

// ---------------------------------------------------------------- what exited processes leave

// The groups that `e` leaves behind now that its leader `leaderPid` is gone
// (0: it exited unwatched): its own group, and for a worker the groups of its
// executions (whatever carries its worker id; the pdeath signal killed only
// their leaders). They get SIGTERM now and SIGKILL when the stop grace ends.
void Supervisor::stopLeftovers(const Entry &e, qint64 leaderPid)
{
    const qint64 now = m_clock.elapsed();
    // After a stop they had their grace time with the process; after an
    // unexpected exit it starts now.
    const qint64 killAt = e.stopRequested ? qMax(now, e.stopDeadlineMs) : now + e.def.stopGraceMs;
    QVector<Leftover> found;
    if (leaderPid > 1 && ProcessGroup::groupAlive(leaderPid))
        found.append({{leaderPid, 0}, e.def.name, QString(), killAt, false});
    if (e.def.role == ProcessRole::Worker && !e.rt.workerId.isEmpty()) {
        // The groups that its open executions recorded, and those that carry
        // its id (a program that started just before the worker died may not
        // be recorded yet).
        Result<QVector<Execution>> open = ExecutionStore(m_db).openOfWorker(e.rt.workerId);
        if (!open.ok())
            warnOnce(QStringLiteral("cannot read the executions of a dead worker"), open.error());
        for (const Execution &x : open.ok() ? *open : QVector<Execution>()) {
            if (x.pgid > 1 && x.bootId == ExecutionStore::thisBootId())
                found.append({{x.pgid, qMax<qint64>(0, x.leaderStart)}, e.def.name, e.rt.workerId,
                    killAt, false});
        }
        for (const Orphans::Group &g : Orphans::groupsOfWorker(e.rt.workerId, {leaderPid}))
            found.append({g, e.def.name, e.rt.workerId, killAt, false});
    }
    for (const Leftover &l : std::as_const(found)) {
        const bool known = std::any_of(m_leftovers.cbegin(), m_leftovers.cend(),
            [&l](const Leftover &o) { return o.group.pgid == l.group.pgid; });
        if (known)
            continue;
        qCInfo(lcSupervisor).noquote()
            << QStringLiteral("process group %1 of %2 outlived it%3: SIGTERM, SIGKILL in %4 ms")
                   .arg(l.group.pgid)
                   .arg(e.def.name,
                       l.workerId.isEmpty()
                           ? QString()
                           : QStringLiteral(" (an execution of worker %1)").arg(l.workerId))
                   .arg(qMax<qint64>(0, l.killAtMs - now));
        Orphans::signalGroup(l.group, l.killAtMs <= now ? SIGKILL : SIGTERM);
        m_leftovers.append(l);
        m_leftovers.last().killed = l.killAtMs <= now;
    }
}

// Follows the left-behind groups: drops the gone ones, SIGKILLs those whose
// grace has ended, and hands on the tasks of dead workers whose groups are all
// gone. Returns true when nothing is left to follow.
bool Supervisor::settleLeftovers()
{
    Orphans::reapAdopted(ownChildren());
    const qint64 now = m_clock.elapsed();
    for (auto it = m_leftovers.begin(); it != m_leftovers.end();) {
        if (!Orphans::isSameGroup(it->group) || !ProcessGroup::groupAlive(it->group.pgid)) {
            qCDebug(lcSupervisor).noquote()
                << "process group" << it->group.pgid << "of" << it->process << "is gone";
            it = m_leftovers.erase(it);
            continue;
        }
        if (!it->killed && now >= it->killAtMs) {
            qCWarning(lcSupervisor).noquote()
                << "process group" << it->group.pgid << "of" << it->process
                << "did not stop within its grace time: SIGKILL";
            Orphans::signalGroup(it->group, SIGKILL);
            it->killed = true;
        }
        ++it;
    }
    QVector<DeadWorker> ready;
    for (auto it = m_deadWorkers.begin(); it != m_deadWorkers.end();) {
        const QString &id = it->workerId;
        if (std::any_of(m_leftovers.cbegin(), m_leftovers.cend(),
                [&id](const Leftover &l) { return l.workerId == id; })) {
            ++it;
            continue;
        }
        ready.append(*it);
        it = m_deadWorkers.erase(it);
    }
    for (const DeadWorker &w : std::as_const(ready))
        finishDeadWorker(w);
    if (m_leftovers.isEmpty())
        m_leftoverTimer.stop();
    else if (!m_leftoverTimer.isActive())
        m_leftoverTimer.start();
    return m_leftovers.isEmpty() && m_deadWorkers.isEmpty();
}

// Every execution of the worker is over: its tasks may run again elsewhere.
void Supervisor::finishDeadWorker(const DeadWorker &w)
{
    // Its groups are gone (or were never started): close its executions, so
    // that claims may take its tasks again (DESIGN.md rule 7). A group that
    // lives on (recorded after the worker's death was seen) keeps its
    // execution open for a worker's leftover reaper.
    ExecutionStore executions(m_db);
    if (Result<QVector<Execution>> open = executions.openOfWorker(w.workerId); open.ok()) {
        QVector<qint64> over;
        for (const Execution &x : *open) {
            const Orphans::Group g{x.pgid, qMax<qint64>(0, x.leaderStart)};
            if (x.pgid <= 1 || !Orphans::isSameGroup(g) || !ProcessGroup::groupAlive(x.pgid))
                over.append(x.id);
        }
        if (Result<QVector<qint64>> closed = executions.closeByIds(over, ExecutionEnd::Reaped);
            !closed.ok())
            qCWarning(lcSupervisor).noquote()
                << QStringLiteral("worker %1: its executions could not be closed: %2")
                       .arg(w.workerId, closed.error().message());
    } else {
        qCWarning(lcSupervisor).noquote()
            << QStringLiteral("worker %1: its executions could not be read: %2")
                   .arg(w.workerId, open.error().message());
    }
    if (w.stopped) {
        failWorkerTasks(w.workerId);
        return;
    }
    // The sweeper's own rules (retry backoff, poison pill), from the settings.
    TaskStore tasks(m_db, m_options.actor);
    SweeperRules rules;
    if (Result<SweeperRules> stored = Settings(m_db, m_options.actor).sweeperRules(); stored.ok())
        rules = *stored;
    tasks.setRetryPolicy(rules.retry());
    Result<CleanupReport> swept
        = tasks.stuck().sweepDeadWorker(w.workerId, rules.poisonRescues, w.how);
    if (!swept.ok()) {
        // The sweeper rescues them later by their stale heartbeats.
        qCWarning(lcSupervisor).noquote()
            << QStringLiteral("worker %1 died, but its running tasks could not be handed on: %2")
                   .arg(w.workerId, swept.error().message());
        return;
    }
    if (swept->total() > 0)
        qCInfo(lcSupervisor).noquote()
            << QStringLiteral("worker %1 died; %2 ms later its executions were gone and its "
                              "tasks handed on: %3 re-queued, %4 failed (worker_lost)")
                   .arg(w.workerId)
                   .arg(m_clock.elapsed() - w.diedAtMs)
                   .arg(swept->runningRequeued.size())
                   .arg(swept->runningFailed.size());
}

QSet<qint64> Supervisor::ownChildren() const
{
    QSet<qint64> pids;
    for (const auto &[id, e] : m_entries) {
        if (e->process && e->rt.pid > 0)
            pids.insert(e->rt.pid);
    }
    return pids;
}

// ---------------------------------------------------------------- shutting down

void Supervisor::stopAll()
{
    if (m_phase == Phase::Idle || m_phase == Phase::Finished) {
        m_phase = Phase::Finished;
        QTimer::singleShot(0, this, &Supervisor::allStopped);
        return;
    }
    if (m_phase == Phase::ShuttingDown)
        return;
    m_phase = Phase::ShuttingDown;
    qCInfo(lcSupervisor).noquote() << "supervisor" << m_options.holder << "stops all its processes";
    for (auto &[id, e] : m_entries) {
        if (e->rt.state == ProcessState::Backoff) {
            e->backoff->stop();
            audit(*e, QStringLiteral("process_stop"), ProcessState::Backoff);
            setState(*e, ProcessState::Stopped, QStringLiteral("stopped with the supervisor"));
        } else if (e->alive()) {
            requestStop(*e, AfterStop::Nothing, QStringLiteral("stopped with the supervisor"));
        }
    }
    // Asynchronous even when nothing runs, so that callers connect first.
    QTimer::singleShot(0, this, &Supervisor::checkShutdownDone);
}

void Supervisor::checkShutdownDone()
{
    // Done once every process and every group it left behind is gone.
    if (m_phase != Phase::ShuttingDown || aliveCount() > 0 || !m_leftovers.isEmpty()
        || !m_deadWorkers.isEmpty())
        return;
    finish();
    emit allStopped();
}

void Supervisor::detach()
{
    if (m_phase != Phase::Active && m_phase != Phase::ShuttingDown)
        return;
    readAllOutput();
    flushOutput();
    const QString message
        = QStringLiteral("left running without a supervisor (%1 detached)").arg(m_options.holder);
    for (auto &[id, e] : m_entries) {
        e->stopTimers();
        if (e->alive()) {
            qCInfo(lcSupervisor).noquote() << "process" << e->def.name << "pid" << e->rt.pid
                                           << "is left running, unsupervised";
            audit(*e, QStringLiteral("process_detach"), e->rt.state,
                {{QStringLiteral("pid"), e->rt.pid}});
            releaseProcess(*e);
            e->rt.state = ProcessState::Running;
            e->rt.message = message;
        } else if (e->rt.state == ProcessState::Backoff) {
            e->rt.state = ProcessState::Exited;
            e->rt.message = QStringLiteral("not restarted: the supervisor left");
        }
        e->rt.supervisedBy.clear();
        e->dirty = true;
        flushEntry(*e);
    }
    for (const Leftover &l : std::as_const(m_leftovers))
        qCInfo(lcSupervisor).noquote()
            << "process group" << l.group.pgid << "of" << l.process << "is left running";
    finish();
}

void Supervisor::finish()
{
    readAllOutput();
    flush();
    m_tick.stop();
    m_leftoverTimer.stop();
    m_leftovers.clear();
    m_deadWorkers.clear();
    m_phase = Phase::Finished;
    for (auto &[id, e] : m_entries)
        releaseProcess(*e);
    m_entries.clear();
    if (m_holding) {
        if (Error err = m_store.releaseLease(m_options.host, m_options.holder))
            qCWarning(lcSupervisor).noquote()
                << "cannot release the supervisor lease:" << err.message();
        m_holding = false;
    }
    qCInfo(lcSupervisor).noquote() << "supervisor" << m_options.holder << "finished";
}

// Lets a running child go without killing it: destroying a running QProcess
// kills it and blocks, and Qt 6.4 has no way to detach one that runs. The
// object is leaked on purpose; it still reaps the child when it exits.
void Supervisor::releaseProcess(Entry &e)
{
    e.stopTimers();
    if (!e.process)
        return;
    QProcess *p = e.process;
    e.process = nullptr;
    disconnect(p, nullptr, this, nullptr);
    if (p->state() == QProcess::NotRunning) {
        p->deleteLater();
        return;
    }
    p->setParent(nullptr);
}

void Supervisor::dropEntry(qint64 id, bool removeOutputFiles)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    releaseProcess(*it->second);
    if (removeOutputFiles) {
        QFile::remove(it->second->out.path());
        QFile::remove(it->second->err.path());
    }
    const QString name = it->second->def.name;
    m_entries.erase(it);
    emit processChanged(name);
}

// ---------------------------------------------------------------- state and output

void Supervisor::setState(Entry &e, ProcessState state, const QString &message)
{
    e.rt.state = state;
    e.rt.message = message;
    e.rt.supervisedBy = m_options.holder;
    e.dirty = true;
    flushEntry(e);
    emit processChanged(e.def.name);
}

void Supervisor::audit(Entry &e, const QString &action, ProcessState before, QJsonObject details)
{
    details.insert(QStringLiteral("process"), e.def.name);
    details.insert(QStringLiteral("host"), m_options.host);
    if (!e.rt.workerId.isEmpty() && !details.contains(QStringLiteral("worker_id")))
        details.insert(QStringLiteral("worker_id"), e.rt.workerId);
    // The states after are known only once the change is made: it is the one
    // written with this row. Kept short: a crash loop must not flood the log.
    if (e.audits.size() >= 100)
        e.audits.removeFirst();
    e.audits.append({action, processStateName(before), QString(), details});
}

void Supervisor::note(Entry &e, const QString &line)
{
    m_pendingOutput.append({0, e.def.id, 0, QStringLiteral("event"), line});
}

void Supervisor::readOutput(Entry &e, bool final)
{
    QVector<ProcessOutputLine> lines;
    const auto take = [&](OutputTail &tail, const QString &stream) {
        for (const QString &line : tail.readLines(final))
            lines.append({0, e.def.id, 0, stream, line});
    };
    take(e.out, QStringLiteral("stdout"));
    take(e.err, QStringLiteral("stderr"));
    if (lines.isEmpty())
        return;
    const int keep = m_options.outputLinesKept;
    if (lines.size() > keep) {
        const int dropped = int(lines.size()) - keep;
        lines.remove(0, dropped);
        lines.prepend({0, e.def.id, 0, QStringLiteral("event"),
            QStringLiteral("[… %1 lines dropped …]").arg(dropped)});
    }
    m_pendingOutput += lines;
}

void Supervisor::readAllOutput()
{
    for (auto &[id, e] : m_entries) {
        if (e->alive())
            readOutput(*e, false);
    }
}

void Supervisor::flush()
{
    for (auto &[id, e] : m_entries) {
        if (e->dirty)
            flushEntry(*e);
    }
    flushOutput();
}

bool Supervisor::flushEntry(Entry &e)
{
    for (ProcessAuditNote &n : e.audits) {
        if (n.after.isEmpty())
            n.after = processStateName(e.rt.state);
    }
    Result<bool> written
        = m_store.writeRuntime(e.def.id, e.rt, m_options.host, m_options.holder, e.audits);
    if (!written.ok()) {
        // Kept dirty: the next round writes it again.
        warnOnce(QStringLiteral("cannot write the state of ") + e.def.name, written.error());
        return false;
    }
    // Not written: the row is gone or the lease was lost; either way it is not ours to write.
    e.dirty = false;
    e.audits.clear();
    return *written;
}

void Supervisor::flushOutput()
{
    if (m_pendingOutput.isEmpty())
        return;
    if (Error err = m_store.appendOutput(m_pendingOutput, m_options.outputLinesKept)) {
        warnOnce(QStringLiteral("cannot store process output"), err);
        // Bounded while the database is away: the newest lines win.
        const int limit = 20 * m_options.outputLinesKept;
        if (m_pendingOutput.size() > limit)
            m_pendingOutput.remove(0, m_pendingOutput.size() - limit);
        return;
    }
    QSet<qint64> ids;
    for (const ProcessOutputLine &l : std::as_const(m_pendingOutput))
        ids.insert(l.processId);
    m_pendingOutput.clear();
    for (qint64 id : std::as_const(ids)) {
        if (Entry *e = entry(id))
            emit outputAppended(e->def.name);
    }
}

// ---------------------------------------------------------------- small things

Supervisor::Entry *Supervisor::entry(qint64 id) const
{
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : it->second.get();
}

Supervisor::Entry *Supervisor::entryByName(const QString &name) const
{
    for (const auto &[id, e] : m_entries) {
        if (e->def.name == name)
            return e.get();
    }
    return nullptr;
}

QStringList Supervisor::processNames() const
{
    QStringList names;
    for (const auto &[id, e] : m_entries)
        names << e->def.name;
    return names;
}

ProcessState Supervisor::state(const QString &name) const
{
    const Entry *e = entryByName(name);
    return e ? e->rt.state : ProcessState::Stopped;
}

qint64 Supervisor::pid(const QString &name) const
{
    const Entry *e = entryByName(name);
    return e && e->alive() ? e->leaderPid() : 0;
}

int Supervisor::aliveCount() const
{
    int n = 0;
    for (const auto &[id, e] : m_entries)
        n += e->alive() ? 1 : 0;
    return n;
}

qint64 Supervisor::dbNow() const
{
    return m_dbClockBase + (m_clock.elapsed() - m_clockBase);
}

QString Supervisor::databaseUrl() const
{
    // Not "sqlite://" + a path: a '#' or '?' in it would start a fragment or a
    // query, and the worker would open another (new) database.
    return m_db.location().toText();
}

void Supervisor::warnOnce(const QString &what, const Error &error)
{
    // One line per kind of trouble until the database answers again: while it
    // is away, every round fails in several places, and remembering only the
    // last line let them alternate into a flood (80 lines in a 4 s outage).
    if (m_warned.contains(what))
        return;
    m_warned.insert(what);
    qCWarning(lcSupervisor).noquote() << what + QStringLiteral(": ") + error.message();
}

} // namespace taskdesk
