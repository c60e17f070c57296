#include "testjobdatabase.h"

#include "core/database.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace taskdesk::test {

namespace {

QAtomicInt s_counter;

const char *serverVariable(JobBackend backend)
{
    return backend == JobBackend::Mysql ? "TASKDESK_TEST_MYSQL" : "TASKDESK_TEST_PG";
}

// Runs one statement alone on the server's maintenance database; the error's text, if any.
QString adminExec(JobBackend backend, const QString &statement)
{
    Result<DatabaseLocation> loc
        = DatabaseLocation::parse(qEnvironmentVariable(serverVariable(backend)));
    if (!loc.ok())
        return loc.error().message();
    return loc->execAlone(statement).message();
}

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

bool isDjangoFinished(const QString &status)
{
    return status == QLatin1String("COMPLETED") || status == QLatin1String("FAILED");
}

bool isJobFinished(const QString &status)
{
    return status == QLatin1String("completed") || status == QLatin1String("failed");
}

} // namespace

JobBackend currentJobBackend()
{
    const QString name = qEnvironmentVariable("TASKDESK_TEST_BACKEND");
    if (name == QLatin1String("postgres"))
        return JobBackend::Postgres;
    if (name == QLatin1String("mysql"))
        return JobBackend::Mysql;
    return JobBackend::Sqlite;
}

QString jobBackendName(JobBackend backend)
{
    switch (backend) {
    case JobBackend::Sqlite:
        return QStringLiteral("sqlite");
    case JobBackend::Postgres:
        return QStringLiteral("postgres");
    case JobBackend::Mysql:
        break;
    }
    return QStringLiteral("mysql");
}

bool TestJobDatabase::available(JobBackend backend, QString *whyNot)
{
    QString why;
    if (backend == JobBackend::Sqlite) {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
            why = QStringLiteral("the Qt SQLite driver (libqt6sql6-sqlite) is not installed");
    } else {
        const char *driver = backend == JobBackend::Mysql ? "QMYSQL" : "QPSQL";
        if (qEnvironmentVariableIsEmpty(serverVariable(backend)))
            why = QStringLiteral("no %1 test server: %2 is not set (run packaging/dev.sh test)")
                      .arg(jobBackendName(backend), QLatin1String(serverVariable(backend)));
        else if (!QSqlDatabase::isDriverAvailable(QLatin1String(driver)))
            why = QStringLiteral("the Qt driver %1 is not installed (%2)")
                      .arg(QLatin1String(driver),
                          backend == JobBackend::Mysql ? QStringLiteral("libqt6sql6-mysql")
                                                       : QStringLiteral("libqt6sql6-psql"));
    }
    if (whyNot)
        *whyNot = why;
    return why.isEmpty();
}

TestJobDatabase::TestJobDatabase(JobBackend backend)
    : m_backend(backend)
{
    if (!available(backend, &m_error))
        return;
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder");
        return;
    }
    const int serial = s_counter.fetchAndAddRelaxed(1);
    m_connectionName = QStringLiteral("testjobdatabase/%1").arg(serial);
    if (backend == JobBackend::Sqlite) {
        m_url = QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("jobs.sqlite3"));
    } else {
        m_serverName = QStringLiteral("tdjobs_%1_%2_%3")
                           .arg(jobBackendName(backend))
                           .arg(QCoreApplication::applicationPid())
                           .arg(serial);
        const QString err = adminExec(backend, QStringLiteral("CREATE DATABASE ") + m_serverName);
        if (!err.isEmpty()) {
            m_error = QStringLiteral("cannot create the job database: ") + err;
            m_serverName.clear();
            return;
        }
        QUrl url(qEnvironmentVariable(serverVariable(backend)));
        url.setPath(QLatin1Char('/') + m_serverName);
        m_url = url.toString();
    }
    Result<DatabaseLocation> loc = DatabaseLocation::parse(m_url);
    if (!loc.ok()) {
        m_error = loc.error().message();
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(loc->driverName(), m_connectionName);
        if (backend == JobBackend::Sqlite)
            db.setDatabaseName(loc->path); // the program made its file
        else
            loc->configure(db);
        if (!db.open()) {
            m_error = QStringLiteral("cannot open %1: %2").arg(m_url, db.lastError().text());
            return;
        }
        QSqlQuery q(db);
        if (backend == JobBackend::Mysql && !q.exec(QStringLiteral("SET time_zone = '+00:00'"))) {
            m_error = q.lastError().text();
            return;
        }
        if (backend == JobBackend::Postgres
            && !q.exec(QStringLiteral("SET client_min_messages = warning"))) {
            m_error = q.lastError().text();
            return;
        }
    }
    m_valid = true;
}

TestJobDatabase::~TestJobDatabase()
{
    if (!m_connectionName.isEmpty() && QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    if (m_serverName.isEmpty())
        return;
    adminExec(m_backend,
        QStringLiteral("DROP DATABASE IF EXISTS ") + m_serverName
            + (m_backend == JobBackend::Postgres ? QStringLiteral(" WITH (FORCE)") : QString()));
}

QSqlDatabase TestJobDatabase::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool TestJobDatabase::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(connection());
    // Without values, not prepared: PostgreSQL prepares no CREATE or GRANT.
    if (values.isEmpty()) {
        if (q.exec(sql))
            return true;
        qWarning("exec failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    if (!q.prepare(sql)) {
        qWarning("prepare failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        qWarning("exec failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

QVariant TestJobDatabase::scalar(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(connection());
    if (!q.prepare(sql)) {
        qWarning("prepare failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return {};
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        qWarning("exec failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return {};
    }
    return q.value(0);
}

bool TestJobDatabase::createDjangoTables()
{
    // What Django's migrations create, by backend (BigAutoField ids, DateTimeField
    // with USE_TZ, TextField, ForeignKey with its index).
    QStringList statements;
    switch (m_backend) {
    case JobBackend::Sqlite:
        statements << QStringLiteral(
            "CREATE TABLE \"warmup_warmuptask\" (\"id\" integer NOT NULL PRIMARY KEY "
            "AUTOINCREMENT, \"name\" varchar(200) NOT NULL, \"status\" varchar(20) NOT NULL, "
            "\"created_at\" datetime NOT NULL, \"started_at\" datetime NULL, \"completed_at\" "
            "datetime NULL, \"updated_at\" datetime NOT NULL, \"log\" text NOT NULL DEFAULT '', "
            "\"error_message\" text NULL, \"progress_done\" integer NOT NULL DEFAULT 0, "
            "\"progress_total\" integer NOT NULL DEFAULT 0)")
                   << QStringLiteral(
                          "CREATE TABLE \"warmup_warmupaccount\" (\"id\" integer NOT NULL PRIMARY "
                          "KEY AUTOINCREMENT, \"task_id\" bigint NOT NULL REFERENCES "
                          "\"warmup_warmuptask\" (\"id\") DEFERRABLE INITIALLY DEFERRED, "
                          "\"account\" varchar(200) NOT NULL, \"status\" varchar(20) NOT NULL, "
                          "\"started_at\" datetime NULL, \"finished_at\" datetime NULL, \"log\" "
                          "text NOT NULL DEFAULT '')");
        break;
    case JobBackend::Postgres:
        statements << QStringLiteral(
            "CREATE TABLE warmup_warmuptask (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY "
            "KEY, name varchar(200) NOT NULL, status varchar(20) NOT NULL, created_at timestamp "
            "with time zone NOT NULL, started_at timestamp with time zone NULL, completed_at "
            "timestamp with time zone NULL, updated_at timestamp with time zone NOT NULL, log "
            "text NOT NULL DEFAULT '', error_message text NULL, progress_done integer NOT NULL "
            "DEFAULT 0, progress_total integer NOT NULL DEFAULT 0)")
                   << QStringLiteral(
                          "CREATE TABLE warmup_warmupaccount (id bigint GENERATED BY DEFAULT AS "
                          "IDENTITY PRIMARY KEY, task_id bigint NOT NULL REFERENCES "
                          "warmup_warmuptask (id) DEFERRABLE INITIALLY DEFERRED, account "
                          "varchar(200) NOT NULL, status varchar(20) NOT NULL, started_at "
                          "timestamp with time zone NULL, finished_at timestamp with time zone "
                          "NULL, log text NOT NULL DEFAULT '')");
        break;
    case JobBackend::Mysql:
        statements << QStringLiteral(
            "CREATE TABLE `warmup_warmuptask` (`id` bigint AUTO_INCREMENT PRIMARY KEY, `name` "
            "varchar(200) NOT NULL, `status` varchar(20) NOT NULL, `created_at` datetime(6) NOT "
            "NULL, `started_at` datetime(6) NULL, `completed_at` datetime(6) NULL, `updated_at` "
            "datetime(6) NOT NULL, `log` text NOT NULL DEFAULT '', `error_message` text NULL, "
            "`progress_done` integer NOT NULL DEFAULT 0, `progress_total` integer NOT NULL "
            "DEFAULT 0)")
                   << QStringLiteral(
                          "CREATE TABLE `warmup_warmupaccount` (`id` bigint AUTO_INCREMENT "
                          "PRIMARY KEY, `task_id` bigint NOT NULL, `account` varchar(200) NOT "
                          "NULL, `status` varchar(20) NOT NULL, `started_at` datetime(6) NULL, "
                          "`finished_at` datetime(6) NULL, `log` text NOT NULL DEFAULT '', "
                          "CONSTRAINT `warmup_warmupaccount_task_id_fk` FOREIGN KEY (`task_id`) "
                          "REFERENCES `warmup_warmuptask` (`id`))");
        break;
    }
    statements << QStringLiteral("CREATE INDEX warmup_warmupaccount_task_id ON "
                                 "warmup_warmupaccount (task_id)");
    for (const QString &statement : std::as_const(statements)) {
        if (!exec(statement))
            return false;
    }
    return true;
}

bool TestJobDatabase::createJobsTable()
{
    QString times;
    QString id;
    switch (m_backend) {
    case JobBackend::Sqlite:
        id = QStringLiteral("id INTEGER PRIMARY KEY");
        times = QStringLiteral("created_at INTEGER NOT NULL, started_at INTEGER, finished_at "
                               "INTEGER, updated_at INTEGER NOT NULL");
        break;
    case JobBackend::Postgres:
        id = QStringLiteral("id serial PRIMARY KEY");
        times = QStringLiteral("created_at timestamp without time zone NOT NULL, started_at "
                               "timestamp without time zone, finished_at timestamp without time "
                               "zone, updated_at timestamp without time zone NOT NULL");
        break;
    case JobBackend::Mysql:
        id = QStringLiteral("id int AUTO_INCREMENT PRIMARY KEY");
        times = QStringLiteral("created_at datetime NOT NULL, started_at datetime NULL, "
                               "finished_at datetime NULL, updated_at datetime NOT NULL");
        break;
    }
    return exec(QStringLiteral("CREATE TABLE jobs (%1, kind varchar(50), queue varchar(50), status "
                               "varchar(20), %2, error text NULL, payload text NULL)")
                    .arg(id, times));
}

bool TestJobDatabase::createSessionsTable()
{
    QString statement;
    switch (m_backend) {
    case JobBackend::Sqlite:
        statement = QStringLiteral(
            "CREATE TABLE reading_sessions (id INTEGER PRIMARY KEY, user_id integer, book "
            "varchar(200), is_active integer NOT NULL, started_at text NOT NULL, last_seen_at "
            "text NOT NULL, ended_at text NULL)");
        break;
    case JobBackend::Postgres:
        statement = QStringLiteral(
            "CREATE TABLE reading_sessions (id serial PRIMARY KEY, user_id integer, book "
            "varchar(200), is_active boolean NOT NULL, started_at timestamptz NOT NULL, "
            "last_seen_at timestamptz NOT NULL, ended_at timestamptz NULL)");
        break;
    case JobBackend::Mysql:
        statement = QStringLiteral(
            "CREATE TABLE reading_sessions (id int AUTO_INCREMENT PRIMARY KEY, user_id integer, "
            "book varchar(200), is_active tinyint(1) NOT NULL, started_at timestamp(3) NOT NULL, "
            "last_seen_at timestamp(3) NOT NULL, ended_at timestamp(3) NULL DEFAULT NULL)");
        break;
    }
    return exec(statement);
}

QVariant TestJobDatabase::timeValue(TimeColumn column, qint64 ms) const
{
    if (ms == 0)
        return QVariant(QMetaType::fromType<QString>());
    const QDateTime t = utc(ms);
    switch (column) {
    case TimeColumn::Django:
        // Django's text on SQLite; the same digits, read as UTC, elsewhere.
        if (m_backend == JobBackend::Postgres)
            return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000+00"));
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz000"));
    case TimeColumn::JobSeconds:
    case TimeColumn::JobMillis:
        if (m_backend == JobBackend::Sqlite)
            return column == TimeColumn::JobMillis ? ms : ms / 1000;
        // A MySQL datetime rounds a fraction it cannot keep: whole seconds only.
        return t.toString(m_backend == JobBackend::Mysql
                ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                : QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case TimeColumn::Session:
        if (m_backend == JobBackend::Sqlite)
            return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
        if (m_backend == JobBackend::Postgres)
            return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz+00"));
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")); // session zone +00:00
    }
    return {};
}

qint64 TestJobDatabase::readTime(
    TimeColumn column, const QString &table, const QString &columnName, qint64 id)
{
    QString expression;
    if (m_backend == JobBackend::Postgres)
        expression = QStringLiteral("CAST(round(EXTRACT(EPOCH FROM %1) * 1000) AS BIGINT)");
    else if (m_backend == JobBackend::Mysql)
        expression = QStringLiteral("CAST(round(UNIX_TIMESTAMP(%1) * 1000) AS SIGNED)");
    else
        expression = QStringLiteral("%1");
    const QVariant v = scalar(
        QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(expression.arg(columnName), table),
        {id});
    if (v.isNull())
        return 0;
    if (m_backend != JobBackend::Sqlite)
        return v.toLongLong();
    switch (column) {
    case TimeColumn::Django: {
        // Django's UTC text: its digits are UTC, not local time.
        QDateTime t = QDateTime::fromString(
            v.toString().left(23), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        t.setTimeSpec(Qt::UTC);
        return t.toMSecsSinceEpoch();
    }
    case TimeColumn::JobSeconds:
        return v.toLongLong() * 1000;
    case TimeColumn::JobMillis:
        return v.toLongLong();
    case TimeColumn::Session:
        return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    }
    return 0;
}

qint64 TestJobDatabase::insert(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(connection());
    const bool returning = m_backend == JobBackend::Postgres;
    if (!q.prepare(returning ? sql + QStringLiteral(" RETURNING id") : sql)) {
        qWarning("prepare failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        qWarning("insert failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    if (returning)
        return q.next() ? q.value(0).toLongLong() : -1;
    return q.lastInsertId().toLongLong();
}

qint64 TestJobDatabase::addDjangoTask(const QString &status, qint64 createdMs, qint64 startedMs,
    qint64 updatedMs, const QStringList &itemStatuses, const QString &name)
{
    const bool pending = status == QLatin1String("PENDING");
    const qint64 started = pending ? 0 : (startedMs ? startedMs : createdMs);
    const qint64 completed = isDjangoFinished(status) ? updatedMs : 0;
    int done = 0;
    for (const QString &s : itemStatuses)
        done += s == QLatin1String("done") || s == QLatin1String("failed");
    const qint64 id = insert(
        QStringLiteral("INSERT INTO warmup_warmuptask (name, status, created_at, started_at, "
                       "completed_at, updated_at, log, error_message, progress_done, "
                       "progress_total) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)"),
        {name.isNull() ? QStringLiteral("Warm-up %1").arg(s_counter.fetchAndAddRelaxed(1)) : name,
            status, timeValue(TimeColumn::Django, createdMs),
            timeValue(TimeColumn::Django, started), timeValue(TimeColumn::Django, completed),
            timeValue(TimeColumn::Django, updatedMs),
            status == QLatin1String("FAILED") ? QVariant(QStringLiteral("failed"))
                                              : QVariant(QMetaType::fromType<QString>()),
            done, int(itemStatuses.size())});
    if (id < 0)
        return -1;
    for (int i = 0; i < itemStatuses.size(); ++i) {
        const QString &s = itemStatuses.at(i);
        const bool begun = s != QLatin1String("pending");
        const bool ended = s == QLatin1String("done") || s == QLatin1String("failed");
        if (insert(QStringLiteral("INSERT INTO warmup_warmupaccount (task_id, account, status, "
                                  "started_at, finished_at, log) VALUES (?, ?, ?, ?, ?, '')"),
                {id, QStringLiteral("account-%1").arg(i + 1), s,
                    timeValue(TimeColumn::Django, begun ? (started ? started : createdMs) : 0),
                    timeValue(TimeColumn::Django, ended ? updatedMs : 0)})
            < 0)
            return -1;
    }
    return id;
}

qint64 TestJobDatabase::addJob(const QString &status, qint64 createdMs, qint64 startedMs,
    qint64 updatedMs, const QString &kind, const QString &queue)
{
    const qint64 finished = isJobFinished(status) ? updatedMs : 0;
    return insert(QStringLiteral("INSERT INTO jobs (kind, queue, status, created_at, started_at, "
                                 "finished_at, updated_at, error, payload) VALUES (?, ?, ?, ?, ?, "
                                 "?, ?, ?, ?)"),
        {kind, queue, status, timeValue(TimeColumn::JobSeconds, createdMs),
            timeValue(TimeColumn::JobSeconds, startedMs),
            timeValue(TimeColumn::JobSeconds, finished),
            timeValue(TimeColumn::JobMillis, updatedMs),
            status == QLatin1String("failed") ? QVariant(QStringLiteral("failed"))
                                              : QVariant(QMetaType::fromType<QString>()),
            QStringLiteral("{}")});
}

qint64 TestJobDatabase::addSession(bool active, qint64 startedMs, qint64 lastSeenMs)
{
    const QVariant flag
        = m_backend == JobBackend::Postgres ? QVariant(active) : QVariant(int(active));
    return insert(QStringLiteral("INSERT INTO reading_sessions (user_id, book, is_active, "
                                 "started_at, last_seen_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)"),
        {7, QStringLiteral("A Book"), flag, timeValue(TimeColumn::Session, startedMs),
            timeValue(TimeColumn::Session, lastSeenMs),
            timeValue(TimeColumn::Session, active ? 0 : lastSeenMs)});
}

QString TestJobDatabase::literal(const QVariant &value) const
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.metaType().id() == QMetaType::QString)
        return QLatin1Char('\'') + value.toString().replace(u'\'', QLatin1String("''"))
            + QLatin1Char('\'');
    if (value.metaType().id() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
    return QString::number(value.toLongLong());
}

bool TestJobDatabase::fill(
    qint64 count, const QString &head, const std::function<QString(qint64 i)> &row)
{
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    const QString begin = m_backend == JobBackend::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
        : m_backend == JobBackend::Mysql                  ? QStringLiteral("START TRANSACTION")
                                                          : QStringLiteral("BEGIN");
    if (!q.exec(begin)) {
        qWarning("begin failed: %s", qPrintable(q.lastError().text()));
        return false;
    }
    constexpr qint64 batch = 1000;
    for (qint64 first = 0; first < count; first += batch) {
        QString sql = head;
        sql.reserve(head.size() + 200 * batch);
        for (qint64 i = first; i < std::min(count, first + batch); ++i) {
            if (i > first)
                sql += QLatin1Char(',');
            sql += row(i);
        }
        if (!q.exec(sql)) {
            qWarning("fill failed: %s", qPrintable(q.lastError().text()));
            q.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        qWarning("commit failed: %s", qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

bool TestJobDatabase::fillDjangoTasks(
    qint64 count, const QStringList &statuses, qint64 firstCreatedMs, qint64 stepMs)
{
    if (statuses.isEmpty())
        return false;
    return fill(count,
        QStringLiteral("INSERT INTO warmup_warmuptask (name, status, created_at, started_at, "
                       "completed_at, updated_at, log, error_message, progress_done, "
                       "progress_total) VALUES "),
        [&](qint64 i) {
            const QString &status = statuses.at(int(i % statuses.size()));
            const qint64 created = firstCreatedMs + i * stepMs;
            const qint64 started = status == QLatin1String("PENDING") ? 0 : created + stepMs / 2;
            const qint64 updated = created + stepMs;
            return QStringLiteral("('task %1', '%2', %3, %4, %5, %6, '', NULL, 0, 0)")
                .arg(QString::number(i), status, literal(timeValue(TimeColumn::Django, created)),
                    literal(timeValue(TimeColumn::Django, started)),
                    literal(timeValue(TimeColumn::Django, isDjangoFinished(status) ? updated : 0)),
                    literal(timeValue(TimeColumn::Django, updated)));
        });
}

bool TestJobDatabase::fillJobs(
    qint64 count, const QStringList &statuses, qint64 firstCreatedMs, qint64 stepMs)
{
    if (statuses.isEmpty())
        return false;
    return fill(count,
        QStringLiteral("INSERT INTO jobs (kind, queue, status, created_at, started_at, "
                       "finished_at, updated_at, error, payload) VALUES "),
        [&](qint64 i) {
            const QString &status = statuses.at(int(i % statuses.size()));
            const qint64 created = firstCreatedMs + i * stepMs;
            const qint64 started = status == QLatin1String("queued") ? 0 : created + stepMs / 2;
            const qint64 updated = created + stepMs;
            return QStringLiteral("('import', 'default', '%1', %2, %3, %4, %5, NULL, NULL)")
                .arg(status, literal(timeValue(TimeColumn::JobSeconds, created)),
                    literal(timeValue(TimeColumn::JobSeconds, started)),
                    literal(timeValue(TimeColumn::JobSeconds, isJobFinished(status) ? updated : 0)),
                    literal(timeValue(TimeColumn::JobMillis, updated)));
        });
}

bool TestJobDatabase::fillSessions(
    qint64 count, qint64 firstStartedMs, qint64 stepMs, int activeEvery)
{
    return fill(count,
        QStringLiteral("INSERT INTO reading_sessions (user_id, book, is_active, started_at, "
                       "last_seen_at, ended_at) VALUES "),
        [&](qint64 i) {
            const bool active = activeEvery > 0 && i % activeEvery == 0;
            const qint64 started = firstStartedMs + i * stepMs;
            const qint64 seen = started + stepMs;
            const QString flag = m_backend == JobBackend::Postgres
                ? (active ? QStringLiteral("TRUE") : QStringLiteral("FALSE"))
                : (active ? QStringLiteral("1") : QStringLiteral("0"));
            return QStringLiteral("(%1, 'book %2', %3, %4, %5, %6)")
                .arg(QString::number(i % 1000), QString::number(i), flag,
                    literal(timeValue(TimeColumn::Session, started)),
                    literal(timeValue(TimeColumn::Session, seen)),
                    literal(timeValue(TimeColumn::Session, active ? 0 : seen)));
        });
}

} // namespace taskdesk::test
