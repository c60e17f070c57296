#include "database.h"

#include "core/auditchain.h"
#include "core/migrations.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace taskdesk {

namespace {

QAtomicInt s_serial;

// PRAGMA application_id of Taskdesk's SQLite files ("TSKD").
constexpr qint64 kApplicationId = 1414744900;

// Qt 6.4 must not open two connections at the same time (QTBUG-112961).
QMutex s_openMutex;

// The SQLite files this process has connections to (by canonical path), and the
// file of each connection; guarded by s_openMutex. Closing any other descriptor
// of an open database file drops every POSIX lock this process holds on it
// (sqlite.org, "How To Corrupt An SQLite Database File", 2.2): another process
// that closes its last connection then takes itself for the last one, deletes
// the WAL, and our later commits go to an unlinked file that nobody else reads.
// So the header check reads only files that no connection here has open.
QHash<QString, int> s_sqliteFiles;
QHash<QString, QString> s_sqliteFileOf;

QString sqliteFileKey(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

// Call with s_openMutex held.
void forgetSqliteConnection(const QString &name)
{
    const auto it = s_sqliteFileOf.constFind(name);
    if (it == s_sqliteFileOf.constEnd())
        return;
    if (--s_sqliteFiles[*it] <= 0)
        s_sqliteFiles.remove(*it);
    s_sqliteFileOf.erase(it);
}

// One writer at a time per SQLite file in this process. A thread that waits
// here is woken the moment the writer commits; one that waits in SQLite's busy
// handler sleeps 1, 2, 5, 10 … 100 ms between tries, and with four writer
// threads claims stalled for seconds behind commits of a millisecond. Writers
// in other processes still meet the busy handler. Recursive: a nested write()
// fails on its BEGIN with a message instead of hanging.
QRecursiveMutex *sqliteWriteLock(const QString &path)
{
    static QMutex guard;
    static QHash<QString, QRecursiveMutex *> locks;
    QMutexLocker lock(&guard);
    QRecursiveMutex *&m = locks[path];
    if (!m)
        m = new QRecursiveMutex; // lives as long as the process
    return m;
}

// Removes the connections a thread made when that thread ends, in that thread.
struct ThreadConnections
{
    QStringList names;
    // Statements kept prepared, by connection and text (Database::prepareKept());
    // each connection's go before the connection does.
    std::map<QString, std::map<QString, QSqlQuery>> statements;
    ~ThreadConnections()
    {
        statements.clear();
        for (const QString &name : std::as_const(names)) {
            QSqlDatabase::removeDatabase(name);
            QMutexLocker lock(&s_openMutex);
            forgetSqliteConnection(name);
        }
    }
};
thread_local ThreadConnections t_connections;
// Connections of this thread that lost their server: reopened on next use.
thread_local QSet<QString> t_broken;
// Database::failCommitsAsBusyForTesting().
thread_local int t_busyCommitsForTesting = 0;
// MySQL: the last error that errorFrom() saw on this thread was a deadlock or a
// lock wait timeout (write() runs its work again then).
thread_local bool t_busyError = false;

const QString kSqliteNow = QStringLiteral(
    "(CAST(strftime('%s','now') AS INTEGER) * 1000 + CAST(substr(strftime('%f','now'), 4) AS "
    "INTEGER))");
const QString kPostgresNow
    = QStringLiteral("(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))");
// SYSDATE(3) is the time of the call (NOW() that of the statement's start), in
// the session's time zone, which UNIX_TIMESTAMP reads back in the same zone.
const QString kMysqlNow = QStringLiteral("(CAST(UNIX_TIMESTAMP(SYSDATE(3)) * 1000 AS SIGNED))");

// libpq's options for the network link that a URL may set, and their defaults.
const QStringList kLinkOptions{QStringLiteral("connect_timeout"), QStringLiteral("keepalives"),
    QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"),
    QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout")};
constexpr std::pair<const char *, const char *> kLinkDefaults[]
    = {{"connect_timeout", "5"}, {"keepalives_idle", "15"}, {"keepalives_interval", "5"},
        {"keepalives_count", "3"}, {"tcp_user_timeout", "15000"}};

bool isBusy(const QSqlError &error, DatabaseLocation::Backend backend)
{
    const QString code = error.nativeErrorCode();
    if (backend == DatabaseLocation::Backend::Postgres) // serialization failure, deadlock
        return code == QLatin1String("40001") || code == QLatin1String("40P01");
    if (backend == DatabaseLocation::Backend::Mysql) // lock wait timeout, deadlock
        return code == QLatin1String("1205") || code == QLatin1String("1213");
    // SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT = 517), SQLITE_LOCKED
    bool ok = false;
    const int n = code.toInt(&ok);
    return ok && ((n & 0xff) == 5 || (n & 0xff) == 6);
}

} // namespace

namespace {

// `text` with whatever may be a password replaced by ***: the part of a URL's
// user info after its ':' (with or without the "//"), and the value of any
// password= (also %3D-encoded).
// Refusals echo what they refuse through this, so a typo never prints a secret.
QString maskSecrets(const QString &text)
{
    QString out = text;
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:/*"));
    const QRegularExpressionMatch match = scheme.match(out);
    const qsizetype at = out.lastIndexOf(QLatin1Char('@'));
    if (match.hasMatch() && at > match.capturedEnd()) {
        const qsizetype colon = out.indexOf(QLatin1Char(':'), match.capturedEnd());
        if (colon >= 0 && colon < at)
            out.replace(colon + 1, at - colon - 1, QStringLiteral("***"));
    }
    static const QRegularExpression password(QStringLiteral("(password\\s*(=|%3d)\\s*)[^&;\\s]*"),
        QRegularExpression::CaseInsensitiveOption);
    out.replace(password, QStringLiteral("\\1***"));
    return out;
}

// libpq reads its options from one "key=value key=value" string that QPSQL
// builds by putting spaces where our ';' are: a value must not hold a blank, a
// ';', a quote or a '=' (or be empty), or it would end itself and start
// another option (a "%3Bpassword%3D…" smuggled in sslmode).
// SQLite writes a -wal and a -shm file beside the database: in a folder it may
// not write to, opening fails with "unable to open database file", which names
// the file and not the cause. Empty when the folder is not the problem.
QString readOnlyFolder(const QString &databasePath)
{
    const QFileInfo folder(QFileInfo(databasePath).absolutePath());
    if (!folder.isDir() || folder.isWritable())
        return {};
    return QStringLiteral("cannot open %1: the folder %2 is read-only (SQLite writes its -wal "
                          "and -shm files beside the database)")
        .arg(databasePath, folder.filePath());
}

bool isPlainOptionValue(const QString &value)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_.:@/+-]{1,63}$"));
    return plain.match(value).hasMatch();
}

const QString kMysqlNoPassword = QStringLiteral(
    "a password in the database URL is not accepted; put it in the [client] group of a MySQL "
    "option file (~/.my.cnf, mode 0600)");

// mysql://user@host:port/dbname[?socket=/path/mysqld.sock&connect_timeout=N];
// mariadb:// is the same.
Result<DatabaseLocation> parseMysql(const QString &text, const QString &scheme)
{
    const QString expected = QStringLiteral("not a valid MySQL URL '%1': expected "
                                            "%2://[user@]host[:port]/database[?socket=/path]")
                                 .arg(maskSecrets(text), scheme);
    if (!text.startsWith(scheme + QLatin1String("://")))
        return Error::invalid(expected);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return Error::invalid(expected);
    if (!url.password().isEmpty())
        return Error::invalid(kMysqlNoPassword);
    DatabaseLocation loc;
    loc.backend = DatabaseLocation::Backend::Mysql;
    loc.host = url.host(QUrl::FullyDecoded);
    loc.port = url.port(-1);
    loc.user = url.userName(QUrl::FullyDecoded);
    loc.databaseName = url.path(QUrl::FullyDecoded).mid(1);
    QStringList options;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("socket")) {
            if (!QDir::isAbsolutePath(value))
                return Error::invalid(
                    QStringLiteral("'%1' is not a valid socket (an absolute path)")
                        .arg(maskSecrets(value)));
            loc.socket = value;
        } else if (key == QLatin1String("password"))
            return Error::invalid(kMysqlNoPassword);
        else if (key == QLatin1String("connect_timeout")) {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok || n < 1 || n > 3600)
                return Error::invalid(
                    QStringLiteral("'%1' is not a valid connect_timeout (seconds, 1 to 3600)")
                        .arg(maskSecrets(value)));
            options << key + QLatin1Char('=') + QString::number(n);
        } else
            return Error::invalid(
                QStringLiteral("unknown MySQL option '%1' (known: socket, connect_timeout)")
                    .arg(maskSecrets(key)));
    }
    loc.options = options.join(QLatin1Char(';'));
    if (!loc.socket.isEmpty() && !loc.host.isEmpty())
        return Error::invalid(QStringLiteral("the MySQL URL names both a host and a socket; leave "
                                             "the host out: %1://user@/db?socket=…")
                                  .arg(scheme));
    if (loc.socket.isEmpty() && loc.host.isEmpty())
        return Error::invalid(
            QStringLiteral("the MySQL URL names no host (or ?socket=/path/mysqld.sock)"));
    if (loc.databaseName.isEmpty() || loc.databaseName.contains(QLatin1Char('/')))
        return Error::invalid(QStringLiteral("the MySQL URL names no database"));
    return loc;
}

// A value as the MySQL client reads it: in quotes up to the closing quote, or
// up to a '#' (a comment); backslash escapes (\" \\ \n \t \s …) unescaped.
QString optionValue(const QString &raw)
{
    const bool quoted = raw.startsWith(u'"') || raw.startsWith(u'\'');
    QString value;
    for (qsizetype i = quoted ? 1 : 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (quoted && c == raw.at(0))
            break;
        if (!quoted && c == u'#')
            break;
        if (c == u'\\' && i + 1 < raw.size()) {
            const QChar next = raw.at(++i);
            static const QHash<QChar, QChar> escapes{
                {u'n', u'\n'}, {u't', u'\t'}, {u'r', u'\r'}, {u'b', u'\b'}, {u's', u' '}};
            value += escapes.value(next, next);
            continue;
        }
        value += c;
    }
    return quoted ? value : value.trimmed();
}

// MySQL option files: QMYSQL cannot make the client library read them (Qt 6.4
// passes no MYSQL_READ_DEFAULT_FILE/GROUP to mysql_options()), so the groups a
// MySQL or MariaDB client reads are read here: [client], [client-server],
// [client-mariadb], later lines winning; `!include` and `!includedir` are followed.
void readOptionFile(const QString &path, QHash<QString, QString> &values, int depth = 0)
{
    if (depth > 8)
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    static const QStringList groups{QStringLiteral("client"), QStringLiteral("client-server"),
        QStringLiteral("client-mariadb")};
    bool inGroup = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        if (line.startsWith(QLatin1String("!includedir "))) {
            const QDir dir(line.mid(12).trimmed());
            for (const QString &name :
                dir.entryList({QStringLiteral("*.cnf")}, QDir::Files, QDir::Name))
                readOptionFile(dir.filePath(name), values, depth + 1);
            continue;
        }
        if (line.startsWith(QLatin1String("!include "))) {
            readOptionFile(line.mid(9).trimmed(), values, depth + 1);
            continue;
        }
        if (line.startsWith(u'[')) {
            inGroup = groups.contains(line.mid(1, line.indexOf(u']') - 1).trimmed().toLower());
            continue;
        }
        if (!inGroup)
            continue;
        const qsizetype eq = line.indexOf(u'=');
        // Option names spell '-' and '_' alike.
        const QString key = (eq < 0 ? line : line.left(eq)).trimmed().replace(u'_', u'-');
        values.insert(key, eq < 0 ? QString() : optionValue(line.mid(eq + 1).trimmed()));
    }
}

} // namespace

Result<DatabaseLocation> DatabaseLocation::parse(const QString &text)
{
    DatabaseLocation loc;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Error::invalid(QStringLiteral("empty database location"));

    // Anything that starts like a URL ("word:") is one: a known scheme exactly
    // as libpq spells it, or a refusal. Never a file named after a mistyped URL.
    static const QRegularExpression schemePattern(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):"));
    const QString scheme = schemePattern.match(trimmed).captured(1);
    const bool postgresScheme
        = scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres");
    const bool mysqlScheme = scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb");
    if (!scheme.isEmpty() && scheme != QLatin1String("sqlite") && !postgresScheme && !mysqlScheme)
        return Error::invalid(
            QStringLiteral("unknown database URL '%1': use a file path, sqlite:///path, "
                           "postgresql://… or mysql://… (in lower case)")
                .arg(maskSecrets(trimmed)));
    if (mysqlScheme)
        return parseMysql(trimmed, scheme);
    if (postgresScheme && !trimmed.startsWith(scheme + QLatin1String("://")))
        return Error::invalid(QStringLiteral("not a valid PostgreSQL URL '%1': expected "
                                             "postgresql://[user@]host[:port]/database")
                                  .arg(maskSecrets(trimmed)));

    if (postgresScheme) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid())
            return Error::invalid(QStringLiteral("not a valid PostgreSQL URL: %1")
                                      .arg(url.toDisplayString(QUrl::RemovePassword)));
        if (!url.password().isEmpty())
            return Error::invalid(QStringLiteral(
                "a password in the database URL is not accepted; use PGPASSWORD or ~/.pgpass"));
        loc.backend = Backend::Postgres;
        loc.host = url.host(QUrl::FullyDecoded);
        loc.port = url.port(-1);
        loc.user = url.userName(QUrl::FullyDecoded);
        loc.databaseName = url.path(QUrl::FullyDecoded).mid(1);
        QStringList options;
        const QUrlQuery query(url);
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (key == QLatin1String("host"))
                loc.host = value;
            else if (key == QLatin1String("port")) {
                bool ok = false;
                loc.port = value.toInt(&ok);
                if (!ok || loc.port < 1 || loc.port > 65535)
                    return Error::invalid(
                        QStringLiteral("'%1' is not a valid port (1 to 65535)").arg(value));
            } else if (key == QLatin1String("user"))
                loc.user = value;
            else if (key == QLatin1String("password"))
                return Error::invalid(QStringLiteral(
                    "a password in the database URL is not accepted; use PGPASSWORD or "
                    "~/.pgpass"));
            else if (key == QLatin1String("sslmode")) {
                static const QStringList modes{QStringLiteral("disable"), QStringLiteral("allow"),
                    QStringLiteral("prefer"), QStringLiteral("require"),
                    QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
                if (!modes.contains(value))
                    return Error::invalid(QStringLiteral("'%1' is not a valid sslmode (%2)")
                                              .arg(maskSecrets(value), modes.join(u", ")));
                options << key + QLatin1Char('=') + value;
            } else if (key == QLatin1String("application_name")) {
                if (!isPlainOptionValue(value))
                    return Error::invalid(
                        QStringLiteral("'%1' is not a valid application_name (1 to 63 letters, "
                                       "digits and _ . : @ / + -)")
                            .arg(maskSecrets(value)));
                options << key + QLatin1Char('=') + value;
            } else if (kLinkOptions.contains(key)) {
                bool ok = false;
                const int n = value.toInt(&ok);
                if (!ok || n < 0 || (key == QLatin1String("keepalives") && n > 1))
                    return Error::invalid(
                        QStringLiteral("'%1' is not a valid %2 (%3)")
                            .arg(maskSecrets(value), key,
                                key == QLatin1String("keepalives")
                                    ? QStringLiteral("0 or 1")
                                    : QStringLiteral("a whole number, 0 or more")));
                options << key + QLatin1Char('=') + QString::number(n);
            } else
                return Error::invalid(
                    QStringLiteral("unknown PostgreSQL option '%1'").arg(maskSecrets(key)));
        }
        loc.options = options.join(QLatin1Char(';'));
        if (loc.databaseName.isEmpty())
            return Error::invalid(QStringLiteral("the PostgreSQL URL names no database"));
        return loc;
    }

    if (scheme == QLatin1String("sqlite")) {
        const QUrl url(trimmed);
        QString path = url.path(QUrl::FullyDecoded);
        if (!url.isValid() || !QDir::isAbsolutePath(path) || !url.host().isEmpty())
            return Error::invalid(QStringLiteral("expected sqlite:///absolute/path.db, got '%1'")
                                      .arg(maskSecrets(trimmed)));
        loc.path = path;
        return loc;
    }
    loc.path = QFileInfo(trimmed).absoluteFilePath();
    return loc;
}

QString DatabaseLocation::defaultSqlitePath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share");
    return dir + QStringLiteral("/taskdesk/taskdesk.db");
}

QString DatabaseLocation::resolve(const QString &fromCommandLine)
{
    if (!fromCommandLine.isEmpty())
        return fromCommandLine;
    const QString env = qEnvironmentVariable("TASKDESK_DB");
    if (!env.isEmpty())
        return env;
    return defaultSqlitePath();
}

QString DatabaseLocation::display() const
{
    if (backend == Backend::Sqlite)
        return path;
    if (backend == Backend::Mysql) {
        QString text = QStringLiteral("mysql://");
        if (!user.isEmpty())
            text += user + QLatin1Char('@');
        text += host;
        if (port > 0)
            text += QLatin1Char(':') + QString::number(port);
        text += QLatin1Char('/') + databaseName;
        if (!socket.isEmpty())
            text += QStringLiteral("?socket=") + socket;
        return text;
    }
    QString text = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        text += user + QLatin1Char('@');
    if (!host.startsWith(QLatin1Char('/')))
        text += host;
    if (port > 0)
        text += QLatin1Char(':') + QString::number(port);
    text += QLatin1Char('/') + databaseName;
    if (host.startsWith(QLatin1Char('/')))
        text += QStringLiteral("?host=") + host;
    return text;
}

QString DatabaseLocation::toText() const
{
    if (backend == Backend::Sqlite)
        return path; // absolute: never read as a URL
    const auto encode = [](const QString &part) {
        return QString::fromLatin1(QUrl::toPercentEncoding(part));
    };
    const bool mysql = backend == Backend::Mysql;
    const bool viaSocket = mysql ? !socket.isEmpty() : host.startsWith(QLatin1Char('/'));
    QString text = mysql ? QStringLiteral("mysql://") : QStringLiteral("postgresql://");
    if (!user.isEmpty())
        text += encode(user) + QLatin1Char('@');
    if (!viaSocket)
        text += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']')
                                                : encode(host);
    if (port > 0)
        text += QLatin1Char(':') + QString::number(port);
    text += QLatin1Char('/') + encode(databaseName);
    QStringList query;
    if (viaSocket)
        query << (mysql ? QStringLiteral("socket=") + encode(socket)
                        : QStringLiteral("host=") + encode(host));
    for (const QString &option : options.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = option.indexOf(QLatin1Char('='));
        query << option.left(eq) + QLatin1Char('=') + encode(option.mid(eq + 1));
    }
    if (!query.isEmpty())
        text += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return text;
}

QString DatabaseLocation::driverName() const
{
    switch (backend) {
    case Backend::Sqlite:
        return QStringLiteral("QSQLITE");
    case Backend::Postgres:
        return QStringLiteral("QPSQL");
    case Backend::Mysql:
        break;
    }
    return QStringLiteral("QMYSQL");
}

void DatabaseLocation::configure(QSqlDatabase &db) const
{
    if (backend == Backend::Mysql) {
        QHash<QString, QString> file;
        readOptionFile(QDir::homePath() + QStringLiteral("/.my.cnf"), file);
        db.setHostName(socket.isEmpty() ? host : QStringLiteral("localhost"));
        if (port > 0)
            db.setPort(port);
        db.setUserName(user.isEmpty() ? file.value(QStringLiteral("user")) : user);
        // No password at all (not an empty one) lets the client library try
        // MYSQL_PWD, as the mysql command does.
        if (file.contains(QStringLiteral("password")))
            db.setPassword(file.value(QStringLiteral("password")));
        db.setDatabaseName(databaseName);
        QStringList mysql;
        // An UPDATE counts the rows it matched, as SQLite and PostgreSQL do, not
        // only those it changed: a transition's row count decides.
        mysql << QStringLiteral("CLIENT_FOUND_ROWS");
        if (!socket.isEmpty())
            mysql << QStringLiteral("UNIX_SOCKET=") + socket;
        const QString timeout = options.section(QLatin1Char('='), 1);
        mysql << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=")
                + (timeout.isEmpty() ? QStringLiteral("5") : timeout);
        db.setConnectOptions(mysql.join(QLatin1Char(';')));
        return;
    }
    db.setHostName(host);
    if (port > 0)
        db.setPort(port);
    db.setUserName(user);
    db.setDatabaseName(databaseName);
    QStringList libpq;
    if (!options.isEmpty())
        libpq = options.split(QLatin1Char(';'));
    // What the URL does not say: a server that does not answer is given up on
    // within seconds, not after the kernel's quarter of an hour of
    // retransmissions, and the operator sees the banner instead of a frozen
    // window. A connect waits 5 s; a statement whose bytes the server has not
    // acknowledged for 15 s fails; an idle connection (a LISTEN) is probed
    // after 15 s of silence and dropped when a probe goes unanswered, about
    // 20 s after the server's last word (Linux lets the user timeout decide;
    // without one, three probes 5 s apart).
    for (const auto &[key, value] : kLinkDefaults) {
        const QString prefix = QLatin1String(key) + QLatin1Char('=');
        if (std::none_of(libpq.cbegin(), libpq.cend(),
                [&prefix](const QString &option) { return option.startsWith(prefix); }))
            libpq << prefix + QLatin1String(value);
    }
    db.setConnectOptions(libpq.join(QLatin1Char(';')));
}

Error DatabaseLocation::execAlone(const QString &statement) const
{
    if (backend == Backend::Sqlite)
        return Error::invalid(QStringLiteral("a statement alone runs on PostgreSQL or MySQL only"));
    static QAtomicInt serial;
    const QString name = QStringLiteral("taskdesk-alone-%1").arg(serial.fetchAndAddRelaxed(1));
    Error error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driverName(), name);
        configure(db);
        if (!db.open()) {
            error = Error::database(
                QStringLiteral("cannot open %1: %2").arg(display(), db.lastError().text()));
        } else {
            QSqlQuery q(db);
            if (!q.exec(statement))
                error = Error::database(q.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

Database::Database(DatabaseLocation location, Role role)
    : m_location(std::move(location))
    , m_role(role)
    , m_serial(s_serial.fetchAndAddRelaxed(1))
{ }

Database::~Database()
{
    closeThreadConnection();
}

QString Database::connectionName() const
{
    return QStringLiteral("taskdesk/%1/%2")
        .arg(m_serial)
        .arg(reinterpret_cast<quintptr>(QThread::currentThread()));
}

void Database::closeThreadConnection()
{
    const QString name = connectionName();
    t_connections.statements.erase(name);
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    t_connections.names.removeAll(name);
    // Not for PostgreSQL: another thread may hold the lock for a connect that
    // waits on a server that does not answer.
    if (m_location.backend != DatabaseLocation::Backend::Sqlite)
        return;
    QMutexLocker lock(&s_openMutex);
    forgetSqliteConnection(name);
}

namespace {

// A new database is its owner's alone: the folders made for it are 0700 and
// the file 0600, created before SQLite opens it, since SQLite gives the -wal
// and -shm files the mode of the database file.
Error createPrivateFile(const QString &path)
{
    const QString folder = QFileInfo(path).absolutePath();
    QStringList missing;
    for (QString f = folder; !QFileInfo::exists(f); f = QFileInfo(f).absolutePath())
        missing.prepend(f);
    for (const QString &f : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(f).constData(), 0700) != 0 && errno != EEXIST)
            return Error::database(QStringLiteral("cannot create the folder %1").arg(f));
    }
    const int fd = ::open(
        QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
        ::close(fd);
    return {};
}

} // namespace

Error Database::checkSqliteFile() const
{
    const QFileInfo info(m_location.path);
    if (info.isDir())
        return Error::database(
            QStringLiteral("%1 is a folder, not a database file").arg(info.filePath()));
    if (!info.exists())
        return createPrivateFile(info.absoluteFilePath());
    if (info.size() == 0)
        return {};
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly))
        return Error::database(
            QStringLiteral("cannot read %1: %2").arg(info.filePath(), file.errorString()));
    const QByteArray header = file.read(16);
    if (header != QByteArrayLiteral("SQLite format 3\0"))
        return Error::database(
            QStringLiteral("%1 is not a SQLite database (the file was left untouched)")
                .arg(info.filePath()));
    return {};
}

Error Database::openConnection(QSqlDatabase &db)
{
    QMutexLocker lock(&s_openMutex);
    const QString name = connectionName();
    bool firstInProcess = false;
    if (m_location.backend == DatabaseLocation::Backend::Sqlite) {
        // A file that went away is not made again by a new connection.
        if (Error e = checkFile())
            return e;
        firstInProcess = !s_sqliteFiles.contains(sqliteFileKey(m_location.path));
        if (isAttached()) {
            if (!QFileInfo(m_location.path).isFile())
                return Error::database(
                    QStringLiteral("cannot open %1: there is no such file (nothing was created)")
                        .arg(m_location.path));
        } else if (firstInProcess) {
            if (Error e = checkSqliteFile())
                return e;
        }
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_location.path);
        db.setConnectOptions(m_role == Role::AttachedReadOnly
                ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000")
                : QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        if (isMysql() && !isAttached())
            return mysqlNotOwn();
        db = QSqlDatabase::addDatabase(m_location.driverName(), name);
        m_location.configure(db);
    }
    t_connections.names.append(name);
    if (!db.open()) {
        const QString message = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        t_connections.names.removeAll(name);
        const QString folder = m_location.backend == DatabaseLocation::Backend::Sqlite
            ? readOnlyFolder(m_location.path)
            : QString();
        const Error e = Error::database(folder.isEmpty()
                ? QStringLiteral("cannot open %1: %2").arg(m_location.display(), message)
                : folder);
        setUnreachable(e.message());
        return e;
    }
    if (m_unreachable.fetchAndStoreRelaxed(0))
        m_recoveries.ref();
    if (m_location.backend == DatabaseLocation::Backend::Sqlite) {
        const QString file = sqliteFileKey(m_location.path);
        ++s_sqliteFiles[file];
        s_sqliteFileOf.insert(name, file);
        if (!isAttached()) {
            // Reading only, before WAL mode rewrites the header: whose file it
            // is, its version, and whether it holds together.
            if (Error e = checkSqliteContents(db, firstInProcess))
                return e;
            if (Error e = AuditChain::registerSqliteFunctions(db))
                return e;
            QSqlQuery q(db);
            for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                     "PRAGMA foreign_keys = ON"}) {
                if (!q.exec(QString::fromLatin1(pragma)))
                    return errorFrom(q.lastError(), m_location.path);
            }
        }
        QMutexLocker identity(&m_reasonMutex);
        struct stat st;
        if (m_fileInode < 0 && ::stat(QFile::encodeName(m_location.path).constData(), &st) == 0) {
            m_fileDevice = qint64(st.st_dev);
            m_fileInode = qint64(st.st_ino);
        }
    } else if (isMysql()) {
        // Times in UTC: NOW() and TIMESTAMP columns follow the session's zone,
        // which is otherwise the server's (often local time). A read-only role
        // refuses every write at the server (error 1792), as PostgreSQL does.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SET time_zone = '+00:00'")))
            return errorFrom(q.lastError(), m_location.display());
        if (m_role == Role::AttachedReadOnly
            && !q.exec(QStringLiteral("SET SESSION TRANSACTION READ ONLY")))
            return errorFrom(q.lastError(), m_location.display());
    } else {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SET client_min_messages = warning")))
            return errorFrom(q.lastError(), m_location.display());
        if (m_role == Role::AttachedReadOnly
            && !q.exec(QStringLiteral("SET default_transaction_read_only = on")))
            return errorFrom(q.lastError(), m_location.display());
    }
    return {};
}

Error Database::mysqlNotOwn() const
{
    return Error::invalid(
        QStringLiteral("%1: Taskdesk keeps its own data in SQLite or PostgreSQL; a MySQL or "
                       "MariaDB database can only be attached as another program's job table")
            .arg(m_location.display()));
}

Error Database::checkSqliteContents(QSqlDatabase &db, bool firstInProcess)
{
    const QString foreign = QStringLiteral(
        "%1 is a SQLite database of another program, not Taskdesk's (the file was left untouched)")
                                .arg(m_location.path);
    QSqlQuery q(db);
    // The header's application_id: Taskdesk's, none (a new file, or one made
    // before it was set), or another program's.
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next()) {
        if (const QString folder = readOnlyFolder(m_location.path); !folder.isEmpty())
            return Error::database(folder);
        return errorFrom(q.lastError(), m_location.path);
    }
    const qint64 applicationId = q.value(0).toLongLong();
    q.finish();
    if (applicationId != 0 && applicationId != kApplicationId)
        return Error::database(foreign);
    if (!q.exec(QStringLiteral("SELECT count(*), COALESCE(sum(name = 'schema_migrations'), 0) "
                               "FROM sqlite_master WHERE type = 'table'"))
        || !q.next())
        return errorFrom(q.lastError(), m_location.path);
    const int tables = q.value(0).toInt();
    const bool migrations = q.value(1).toInt() > 0;
    q.finish();
    if (tables > 0 && !migrations)
        return Error::database(foreign);
    if (tables > 0) {
        Result<int> version = readSchemaVersion(db);
        if (!version.ok())
            return version.error();
        if (*version > schemaVersion())
            return newerSchema(*version);
    }
    // Every page of a file that is not too big, once per process (at the first
    // connection): a damaged page is found before anything is written, not when
    // a statement meets it. Statements that meet one later stop this Database.
    if (firstInProcess && tables > 0 && QFileInfo(m_location.path).size() <= quickCheckMaxBytes()) {
        if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next())
            return errorFrom(q.lastError(), m_location.path);
        const QString verdict = q.value(0).toString();
        q.finish();
        if (verdict != QLatin1String("ok")) {
            const QString reason = QStringLiteral("%1 is damaged (%2); nothing was written to it, "
                                                  "'taskdeskctl check' lists what is wrong")
                                       .arg(m_location.path, verdict);
            setLost(reason);
            return Error::database(reason);
        }
    }
    return {};
}

Result<int> Database::readSchemaVersion(QSqlDatabase &db) const
{
    const bool postgres = isPostgres();
    QSqlQuery q(db);
    const QString exists = postgres
        ? QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema "
                         "= current_schema() AND table_name = 'schema_migrations'")
        : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'");
    if (!q.exec(exists) || !q.next())
        return errorFrom(q.lastError(), QStringLiteral("reading the schema version"));
    if (q.value(0).toInt() == 0)
        return 0;
    // A table of that name that is not Taskdesk's (Rails keeps its versions as
    // text in one): an integer version and a description, or it is refused.
    const QString shape = postgres
        ? QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                         "current_schema() AND table_name = 'schema_migrations' AND ((column_name "
                         "= 'version' AND data_type IN ('integer', 'bigint')) OR column_name = "
                         "'description')")
        : QStringLiteral("SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE (name "
                         "= 'version' AND upper(type) LIKE '%INT%') OR name = 'description'");
    if (!q.exec(shape) || !q.next())
        return errorFrom(q.lastError(), QStringLiteral("reading the schema version"));
    const bool ours = q.value(0).toInt() == 2;
    q.finish();
    const QString notOurs
        = QStringLiteral("the database %1 has a table schema_migrations that is not Taskdesk's "
                         "(another program's, such as a Rails application's); nothing was changed")
              .arg(m_location.display());
    if (!ours)
        return Error::database(notOurs);
    if (!q.exec(QStringLiteral("SELECT COALESCE(max(version), 0), count(*) FROM "
                               "schema_migrations"))
        || !q.next())
        return errorFrom(q.lastError(), QStringLiteral("reading the schema version"));
    bool ok = false;
    const qint64 version = q.value(0).toLongLong(&ok);
    q.finish();
    if (!ok || version < 0 || version > 1000000)
        return Error::database(notOurs);
    return int(version);
}

Error Database::newerSchema(int version) const
{
    return Error::database(QStringLiteral(
        "the database %1 has schema version %2, newer than this Taskdesk "
        "understands (version %3); upgrade Taskdesk to open it (nothing was changed)")
                               .arg(m_location.display())
                               .arg(version)
                               .arg(schemaVersion()));
}

void Database::setLost(const QString &reason) const
{
    QMutexLocker lock(&m_reasonMutex);
    if (m_lost.loadRelaxed())
        return; // the first reason stays
    m_lostReason = reason;
    m_lost.storeRelaxed(1);
}

Error Database::lostError() const
{
    if (!m_lost.loadRelaxed())
        return {};
    QMutexLocker lock(&m_reasonMutex);
    return Error::database(m_lostReason);
}

Error Database::checkFile()
{
    if (!isSqlite())
        return {};
    if (Error e = lostError())
        return e;
    qint64 device = -1;
    qint64 inode = -1;
    {
        QMutexLocker lock(&m_reasonMutex);
        device = m_fileDevice;
        inode = m_fileInode;
    }
    if (inode < 0)
        return {}; // not opened yet
    struct stat st;
    if (::stat(QFile::encodeName(m_location.path).constData(), &st) != 0) {
        if (errno == ENOENT) {
            setLost(QStringLiteral("the database file %1 was deleted while in use; nothing more "
                                   "is written, and it is not created again")
                        .arg(m_location.path));
            return lostError();
        }
        return {}; // unreadable for a moment (a permission change): the next call sees
    }
    if (qint64(st.st_dev) != device || qint64(st.st_ino) != inode) {
        setLost(QStringLiteral("the database file %1 was replaced by another file while in use; "
                               "nothing more is written to either; restart to open the new one")
                    .arg(m_location.path));
        return lostError();
    }
    return {};
}

Result<QStringList> Database::checkIntegrity(int limit)
{
    if (!isSqlite()) {
        Result<QSqlDatabase> db = connection();
        if (!db.ok())
            return db.error();
        return QStringList();
    }
    const QFileInfo info(m_location.path);
    if (!info.exists())
        return Error::database(QStringLiteral("no database at %1").arg(m_location.path));
    if (Error e = checkSqliteFile())
        return e;
    // A connection of its own, read only and without the checks of open(): those
    // refuse a damaged file at its first problem, this one lists them.
    const QString name = connectionName() + QStringLiteral("/check");
    QStringList problems;
    Error failed;
    {
        QMutexLocker lock(&s_openMutex);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_location.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        lock.unlock();
        if (!db.open()) {
            failed = Error::database(
                QStringLiteral("cannot open %1: %2").arg(m_location.path, db.lastError().text()));
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA integrity_check(%1)").arg(std::max(1, limit)))) {
                // A file too damaged to read its schema fails as a whole.
                const QString code = q.lastError().nativeErrorCode();
                bool ok = false;
                const int n = code.toInt(&ok) & 0xff;
                if (ok && (n == 11 || n == 26))
                    problems << q.lastError().databaseText();
                else
                    failed = errorFrom(q.lastError(), QStringLiteral("integrity check"));
            }
            while (q.next()) {
                const QString line = q.value(0).toString();
                if (line != QLatin1String("ok"))
                    problems << line;
            }
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (failed)
        return failed;
    return problems;
}

void Database::noteFailure(const QSqlError &error)
{
    // Class 08 (connection exception), 57P0x (server shutting down), or no code
    // at all: the connection is gone. MySQL: the client library's "cannot
    // connect" (2002, 2003), "server has gone away" (2006), "lost connection"
    // (2013), and the server's "connection killed" (1927) and "disconnected for
    // inactivity" (4031). SQLite files do not drop.
    if (isSqlite())
        return;
    const QString code = error.nativeErrorCode();
    static const QStringList mysqlLost{QStringLiteral("2002"), QStringLiteral("2003"),
        QStringLiteral("2006"), QStringLiteral("2013"), QStringLiteral("1927"),
        QStringLiteral("4031")};
    if (isMysql() ? mysqlLost.contains(code)
                  : code.isEmpty() || code.startsWith(QLatin1String("08"))
                || code.startsWith(QLatin1String("57P"))) {
        t_broken.insert(connectionName());
        setUnreachable(error.text());
    }
}

void Database::setUnreachable(const QString &reason)
{
    if (isSqlite())
        return;
    QMutexLocker lock(&m_reasonMutex);
    m_unreachableReason = reason;
    m_unreachable.storeRelaxed(1);
}

Error Database::probe()
{
    return now().error();
}

Result<QSqlDatabase> Database::connection()
{
    if (Error e = lostError())
        return e;
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        if (!t_broken.remove(name)) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                return db;
        }
        closeThreadConnection();
    }
    if (isUnreachable() && QThread::currentThread() == m_interactive.loadRelaxed()) {
        QMutexLocker lock(&m_reasonMutex);
        return Error::database(m_unreachableReason);
    }
    QSqlDatabase db;
    if (Error e = openConnection(db)) {
        if (db.isValid()) {
            db.close();
            db = QSqlDatabase();
            closeThreadConnection();
        }
        return e;
    }
    return db;
}

QString Database::sql(const QString &statement) const
{
    QString out = statement;
    if (out.contains(QLatin1String("{INDEX:"))) {
        // SQLite's planner, without statistics, prefers an equality on
        // tasks_status_idx and sorts every PENDING row for a claim (a third of
        // a second at 500,000 rows, holding the write lock); PostgreSQL plans
        // well from its statistics and needs no hint.
        static const QRegularExpression token(QStringLiteral("\\{INDEX:([A-Za-z0-9_]+)\\}"));
        out.replace(token, isSqlite() ? QStringLiteral("INDEXED BY \\1") : QString());
    }
    if (isMysql()) {
        out.replace(QLatin1String("{NOW}"), kMysqlNow);
        return out;
    }
    if (isPostgres()) {
        out.replace(QLatin1String("{NOW}"), kPostgresNow);
        out.replace(QLatin1String("{ID}"),
            QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
        out.replace(QLatin1String("{SKIP_LOCKED}"), QLatin1String("FOR UPDATE SKIP LOCKED"));
        out.replace(QLatin1String("{FOR_UPDATE}"), QLatin1String("FOR UPDATE"));
        out.replace(QLatin1String("{LIKE}"), QLatin1String("ILIKE"));
        out.replace(QLatin1String("{LEAST}"), QLatin1String("LEAST"));
        out.replace(QLatin1String("{UUID}"), QLatin1String("CAST(gen_random_uuid() AS TEXT)"));
    } else {
        out.replace(QLatin1String("{NOW}"), kSqliteNow);
        out.replace(QLatin1String("{ID}"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        out.replace(QLatin1String("{SKIP_LOCKED}"), QString());
        out.replace(QLatin1String("{FOR_UPDATE}"), QString()); // BEGIN IMMEDIATE locks it all
        out.replace(QLatin1String("{LIKE}"), QLatin1String("LIKE"));
        out.replace(QLatin1String("{LEAST}"), QLatin1String("min"));
        // A random (version 4) UUID in its 36-character text form, per row.
        out.replace(QLatin1String("{UUID}"),
            QLatin1String(
                "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
                "substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + abs(random()) "
                "% 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"));
    }
    return out;
}

QString Database::likePattern(const QString &text)
{
    QString pattern = text;
    pattern.replace(QLatin1String("\\"), QLatin1String("\\\\"))
        .replace(QLatin1String("%"), QLatin1String("\\%"))
        .replace(QLatin1String("_"), QLatin1String("\\_"));
    return QLatin1Char('%') + pattern + QLatin1Char('%');
}

QString Database::text(const QString &value)
{
    if (value.isNull())
        return QStringLiteral("");
    QString out = value;
    QChar *p = nullptr;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char16_t c = value.at(i).unicode();
        bool bad = c == 0;
        if (QChar::isHighSurrogate(c))
            bad = i + 1 >= value.size() || !QChar::isLowSurrogate(value.at(i + 1).unicode());
        else if (QChar::isLowSurrogate(c))
            bad = i == 0 || !QChar::isHighSurrogate(value.at(i - 1).unicode());
        if (!bad)
            continue;
        if (!p)
            p = out.data(); // detaches once, only when something is replaced
        p[i] = QChar(QChar::ReplacementCharacter);
    }
    return out;
}

QVariant Database::textOrNull(const QString &value)
{
    return value.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text(value));
}

Result<QSqlQuery> Database::prepare(const QString &statement)
{
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    QSqlQuery query(db.value());
    query.setForwardOnly(true);
    if (!query.prepare(sql(statement))) {
        noteFailure(query.lastError());
        return errorFrom(query.lastError(), QStringLiteral("prepare"));
    }
    return query;
}

Result<QSqlQuery *> Database::prepareKept(const QString &statement, KeptRows rows)
{
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    std::map<QString, QSqlQuery> &kept = t_connections.statements[connectionName()];
    const auto it = kept.find(statement);
    if (it != kept.end())
        return &it->second;
    static const QRegularExpression noRows(
        QStringLiteral("^\\s*(INSERT|UPDATE|DELETE)\\b(?!.*\\bRETURNING\\b)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    if (rows == KeptRows::None && !noRows.match(statement).hasMatch())
        return Error::invalid(QStringLiteral("a statement that returns rows is kept only when "
                                             "its caller reads them all (KeptRows::ReadToEnd)"));
    QSqlQuery query(db.value());
    query.setForwardOnly(true);
    if (!query.prepare(sql(statement))) {
        noteFailure(query.lastError());
        return errorFrom(query.lastError(), QStringLiteral("prepare"));
    }
    return &kept.emplace(statement, std::move(query)).first->second;
}

Error Database::exec(QSqlQuery &query, const QString &what)
{
    if (query.exec())
        return {};
    noteFailure(query.lastError());
    return errorFrom(query.lastError(), what);
}

namespace {

void bindValues(QSqlQuery &query, Database::Values values)
{
    for (const auto &[name, value] : values)
        query.bindValue(QString::fromLatin1(name), value);
}

QSqlQuery &queryOf(QSqlQuery &query)
{
    return query;
}

QSqlQuery &queryOf(QSqlQuery *query)
{
    return *query;
}

// Binds and runs a statement just prepared, or passes on the error of its preparation.
template<typename Query>
Result<Query> bindAndRun(Database &db, Result<Query> prepared, const QString &what,
    const std::function<void(QSqlQuery &)> &bind)
{
    if (!prepared.ok())
        return prepared.error();
    QSqlQuery &query = queryOf(prepared.value());
    bind(query);
    if (Error e = db.exec(query, what))
        return e;
    return prepared;
}

} // namespace

Result<QSqlQuery> Database::run(const QString &statement, const QString &what, Values values)
{
    return runWith(statement, what, [&values](QSqlQuery &query) { bindValues(query, values); });
}

Result<QSqlQuery> Database::runWith(
    const QString &statement, const QString &what, const std::function<void(QSqlQuery &)> &bind)
{
    return bindAndRun(*this, prepare(statement), what, bind);
}

Result<QSqlQuery *> Database::runKept(
    const QString &statement, const QString &what, Values values, KeptRows rows)
{
    return bindAndRun(*this, prepareKept(statement, rows), what,
        [&values](QSqlQuery &query) { bindValues(query, values); });
}

Error Database::errorFrom(const QSqlError &error, const QString &what) const
{
    const QString code = error.nativeErrorCode();
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    text = text.trimmed();
    if (isPostgres() && code == QLatin1String("42501"))
        return {ErrorKind::PermissionDenied, QStringLiteral("permission denied (read-only role)")};
    if (isMysql()) {
        // 1792: a write in a read-only transaction; 1142/1143: no privilege on
        // the table or column; 1290: the server runs --read-only.
        if (code == QLatin1String("1792") || code == QLatin1String("1290"))
            return {ErrorKind::PermissionDenied,
                QStringLiteral("permission denied (read-only connection): ") + text};
        if (code == QLatin1String("1142") || code == QLatin1String("1143"))
            return {ErrorKind::PermissionDenied, QStringLiteral("permission denied: ") + text};
        if (isBusy(error, m_location.backend))
            t_busyError = true;
    }
    if (isSqlite()) {
        bool ok = false;
        const int n = code.toInt(&ok) & 0xff;
        if (ok && n == 26)
            return Error::database(
                QStringLiteral("%1 is not a SQLite database").arg(m_location.path));
        if (ok && n == 11) {
            // The first SQLITE_CORRUPT stops every later statement of this
            // Database: writing on would spread the damage.
            const QString reason
                = QStringLiteral("%1 is damaged (database disk image is malformed)")
                      .arg(m_location.path);
            setLost(reason);
            return Error::database(reason);
        }
        if (ok && n == 8)
            return {ErrorKind::PermissionDenied,
                QStringLiteral("%1 is read-only").arg(m_location.path)};
        if (ok && (n == 5 || n == 6))
            return Error::database(QStringLiteral("the database is locked by another process"));
    }
    return Error::database(what.isEmpty() ? text : what + QStringLiteral(": ") + text);
}

Error Database::write(const std::function<Error()> &work, Plans plans)
{
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    // The settings end with the transaction; sent with BEGIN, in the same round
    // trip. A sort stays possible where nothing else gives the order, but costs
    // so much in the plan that PostgreSQL would compile it (JIT, 300 ms a claim).
    const QString begin = isSqlite() ? QStringLiteral("BEGIN IMMEDIATE")
        : isMysql()                  ? QStringLiteral("START TRANSACTION")
        : plans == Plans::IndexOrder
        ? QStringLiteral("BEGIN; SET LOCAL enable_sort = off; SET LOCAL jit = off")
        : QStringLiteral("BEGIN");
    std::optional<QMutexLocker<QRecursiveMutex>> writer;
    if (isSqlite()) {
        // Nothing is written to a file that was deleted or replaced: one stat().
        if (Error e = checkFile())
            return e;
        writer.emplace(sqliteWriteLock(m_location.path));
    }
    Error last;
    for (int attempt = 0; attempt < 5; ++attempt) {
        QSqlQuery q(db.value());
        if (!q.exec(begin)) {
            last = errorFrom(q.lastError(), QStringLiteral("begin"));
            if (isBusy(q.lastError(), m_location.backend)) {
                QThread::msleep(20 + QRandomGenerator::global()->bounded(50));
                continue;
            }
            noteFailure(q.lastError());
            return last;
        }
        t_busyError = false;
        Error e = work();
        if (e) {
            QSqlQuery rollback(db.value());
            rollback.exec(QStringLiteral("ROLLBACK"));
            // MySQL meets other writers inside the work, not at COMMIT: a
            // deadlock (1213) or a lock wait timeout (1205) runs it again, from
            // a clean start (a deadlock rolled back the whole transaction).
            if (isMysql() && t_busyError && attempt < 4) {
                last = e;
                QThread::msleep(20 + QRandomGenerator::global()->bounded(50));
                continue;
            }
            // A statement that failed aborted the PostgreSQL transaction, and the
            // queries of `work` could not DEALLOCATE their server-side statements
            // then: a fresh connection frees them instead of leaking one per failure.
            if (isPostgres()
                && (e.kind() == ErrorKind::Database || e.kind() == ErrorKind::PermissionDenied))
                t_broken.insert(connectionName());
            return e;
        }
        const bool forcedBusy = t_busyCommitsForTesting > 0;
        if (forcedBusy)
            --t_busyCommitsForTesting;
        else if (q.exec(QStringLiteral("COMMIT")))
            return {};
        last = forcedBusy ? Error::database(QStringLiteral("commit: busy (forced by a test)"))
                          : errorFrom(q.lastError(), QStringLiteral("commit"));
        const bool busy = forcedBusy || isBusy(q.lastError(), m_location.backend);
        QSqlQuery rollback(db.value());
        rollback.exec(QStringLiteral("ROLLBACK"));
        if (!busy)
            return last;
        QThread::msleep(20 + QRandomGenerator::global()->bounded(50));
    }
    return last;
}

void Database::failCommitsAsBusyForTesting(int count)
{
    t_busyCommitsForTesting = count;
}

Result<qint64> Database::now()
{
    Result<QSqlQuery> q = prepare(QStringLiteral("SELECT {NOW}"));
    if (!q.ok())
        return q.error();
    if (Error e = exec(q.value()))
        return e;
    if (!q.value().next())
        return Error::database(QStringLiteral("the database clock did not answer"));
    return q.value().value(0).toLongLong();
}

int Database::schemaVersion()
{
    static const int version = migrations().constLast().version;
    return version;
}

Result<bool> Database::canEditDefinitions()
{
    if (isMysql())
        return false; // only another program's jobs
    if (!isPostgres())
        return canWrite();
    Result<QSqlQuery> q = prepare(
        QStringLiteral("SELECT has_table_privilege(current_user, 'processes', 'INSERT')"));
    if (!q.ok())
        return q.error();
    if (Error e = exec(q.value(), QStringLiteral("privileges")))
        return e;
    return q.value().next() && q.value().value(0).toBool();
}

Result<bool> Database::canReadSecrets()
{
    if (!isPostgres())
        return true;
    Result<QSqlQuery> q = prepare(
        QStringLiteral("SELECT has_column_privilege(current_user, 'processes', 'env', 'SELECT')"));
    if (!q.ok())
        return q.error();
    if (Error e = exec(q.value(), QStringLiteral("privileges")))
        return e;
    return q.value().next() && q.value().value(0).toBool();
}

Result<bool> Database::canWrite()
{
    if (isMysql())
        return m_role != Role::AttachedReadOnly;
    if (!isPostgres()) {
        const QFileInfo file(m_location.path);
        return !file.exists() || file.isWritable();
    }
    Result<QSqlQuery> q
        = prepare(QStringLiteral("SELECT has_table_privilege(current_user, 'tasks', 'UPDATE')"));
    if (!q.ok())
        return q.error();
    if (Error e = exec(q.value(), QStringLiteral("privileges")))
        return e;
    return q.value().next() && q.value().value(0).toBool();
}

Error Database::createRoles()
{
    if (!isPostgres())
        return Error::invalid(
            QStringLiteral("roles exist only on PostgreSQL; a SQLite file has file permissions"));
    return write([&]() -> Error {
        Result<QSqlDatabase> db = connection();
        if (!db.ok())
            return db.error();
        const QStringList statements{
            // Roles belong to the whole server: two databases initialised at the
            // same moment may both find a role missing; the second CREATE waits
            // for the first and then fails, which means the role is there.
            QStringLiteral("DO $do$ BEGIN "
                           "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                           "'taskdesk_viewer') THEN BEGIN CREATE ROLE taskdesk_viewer NOLOGIN; "
                           "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END; "
                           "END IF; "
                           "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                           "'taskdesk_operator') THEN BEGIN CREATE ROLE taskdesk_operator NOLOGIN; "
                           "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END; "
                           "END IF; "
                           "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                           "'taskdesk_admin') THEN BEGIN CREATE ROLE taskdesk_admin NOLOGIN; "
                           "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END; "
                           "END IF; END $do$"),
            QStringLiteral("GRANT taskdesk_operator TO taskdesk_admin"),
            QStringLiteral("GRANT USAGE ON SCHEMA public TO taskdesk_viewer, taskdesk_operator"),
            QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA public TO taskdesk_viewer"),
            QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "
                           "taskdesk_operator"),
            QStringLiteral(
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO taskdesk_operator"),
            // Tables of later migrations, created by the same owner, get the same grants.
            QStringLiteral("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO "
                           "taskdesk_viewer"),
            QStringLiteral("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, "
                           "UPDATE, DELETE ON TABLES TO taskdesk_operator"),
            QStringLiteral("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON "
                           "SEQUENCES TO taskdesk_operator"),
            // What operators and viewers may not do (migration 11).
            QStringLiteral("SELECT taskdesk_apply_grants()"),
        };
        QSqlQuery q(db.value());
        for (const QString &statement : statements) {
            if (!q.exec(statement))
                return errorFrom(q.lastError(), QStringLiteral("creating roles"));
        }
        return {};
    });
}

int Database::currentVersion()
{
    Result<QSqlQuery> q = prepare(QStringLiteral("SELECT max(version) FROM schema_migrations"));
    if (!q.ok() || exec(q.value()) || !q.value().next())
        return -1;
    return q.value().value(0).toInt();
}

Error Database::open(OpenMode mode, int targetVersion)
{
    if (isMysql() && !isAttached())
        return mysqlNotOwn();
    if (isAttached())
        return probe();
    // SQLite creates a missing file on open: a read-only front end must not.
    if (mode == OpenMode::NoMigrate && !isPostgres()) {
        const QFileInfo file(m_location.path);
        if (!file.exists() || (file.isFile() && file.size() == 0))
            return Error::database(
                QStringLiteral("there is no Taskdesk database at %1 (nothing was created)")
                    .arg(m_location.path));
    }
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    return migrate(mode, targetVersion);
}

Error Database::migrate(OpenMode mode, int targetVersion)
{
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    const bool postgres = isPostgres();

    auto readVersion = [&]() -> Result<int> {
        return readSchemaVersion(db.value());
    };

    Result<int> version = readVersion();
    if (!version.ok())
        return version.error();
    if (*version > schemaVersion())
        return newerSchema(*version);
    if (*version >= targetVersion)
        return {};
    if (mode == OpenMode::NoMigrate && *version == 0)
        return Error::database(
            QStringLiteral("the database %1 has no Taskdesk tables yet; open it once with write "
                           "access to create them")
                .arg(m_location.display()));
    if (mode == OpenMode::NoMigrate)
        return Error::database(
            QStringLiteral("the database %1 has schema version %2 and needs an upgrade to "
                           "version %3; open it once with write access to upgrade it")
                .arg(m_location.display())
                .arg(*version)
                .arg(schemaVersion()));

    return write([&]() -> Error {
        QSqlQuery q(db.value());
        if (postgres && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(1414744900)")))
            return errorFrom(q.lastError(), QStringLiteral("migration lock"));
        // Someone else may have migrated while we waited for the lock.
        Result<int> now = readVersion();
        if (!now.ok())
            return now.error();
        if (*now == 0
            && !q.exec(sql(QStringLiteral("CREATE TABLE schema_migrations (version INTEGER "
                                          "PRIMARY KEY, description TEXT NOT NULL, applied_at "
                                          "BIGINT NOT NULL DEFAULT {NOW})"))))
            return errorFrom(q.lastError(), QStringLiteral("migration"));
        for (const Migration &m : migrations()) {
            if (m.version <= *now || m.version > targetVersion)
                continue;
            QStringList statements = m.statements;
            statements += postgres ? m.postgresOnly : m.sqliteOnly;
            for (const QString &statement : std::as_const(statements)) {
                if (!q.exec(sql(statement)))
                    return errorFrom(q.lastError(),
                        QStringLiteral("migration %1 (%2)").arg(m.version).arg(m.description));
            }
            QSqlQuery record(db.value());
            record.prepare(QStringLiteral(
                "INSERT INTO schema_migrations (version, description) VALUES (?, ?)"));
            record.addBindValue(m.version);
            record.addBindValue(m.description);
            if (!record.exec())
                return errorFrom(record.lastError(), QStringLiteral("migration record"));
        }
        return {};
    });
}

} // namespace taskdesk
