#include "workerconfig.h"

#include "core/cleanenvironment.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cmath>
#include <functional>

namespace taskdesk {

namespace {

// Task kinds and queue names: the same rule as TaskQueue::enqueue.
const QRegularExpression &namePattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:-]{1,100}$"));
    return re;
}

bool isShellOperator(QChar c)
{
    return QStringLiteral("|&;<>()$`").contains(c);
}

QString refusedOperator(QChar c)
{
    return QStringLiteral("unquoted '%1': commands run without a shell, so a shell operator or "
                          "expansion would be passed on as it is; quote it ('%1') if that is "
                          "what you mean, or put the pipeline in a script")
        .arg(c);
}

// Parses "number" into [min, max] (a double, then scaled); false if it is not one.
bool parseNumber(const QString &text, double min, double max, double &out)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < min || v > max)
        return false;
    out = v;
    return true;
}

bool parseInteger(const QString &text, qint64 min, qint64 max, qint64 &out)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return false;
    out = v;
    return true;
}

Result<QString> resolveProgram(const QString &program)
{
    QString path = program;
    if (!QFileInfo(program).isAbsolute()) {
        if (program.contains(QLatin1Char('/')))
            return Error::invalid(QStringLiteral("program '%1' must be an absolute path or a "
                                                 "program name found on PATH")
                                      .arg(program));
        path = QStandardPaths::findExecutable(program);
        if (path.isEmpty())
            return Error::invalid(
                QStringLiteral("program '%1' was not found on PATH").arg(program));
    }
    const QFileInfo info(path);
    if (!info.exists())
        return Error::invalid(QStringLiteral("program '%1' does not exist").arg(path));
    if (!info.isFile() || !info.isExecutable())
        return Error::invalid(QStringLiteral("program '%1' is not an executable file").arg(path));
    return path;
}

} // namespace

Result<QStringList> WorkerConfig::splitCommand(const QString &text)
{
    QStringList words;
    QString word;
    bool inWord = false;
    const int n = int(text.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t')) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else if (c == QLatin1Char('#') && !inWord) {
            break;
        } else if (c == QLatin1Char('\'')) {
            const int end = int(text.indexOf(QLatin1Char('\''), i + 1));
            if (end < 0)
                return Error::invalid(
                    QStringLiteral("unterminated single quote (') in '%1'").arg(text.trimmed()));
            word += text.mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
        } else if (c == QLatin1Char('"')) {
            int j = i + 1;
            for (; j < n && text.at(j) != QLatin1Char('"'); ++j) {
                const QChar d = text.at(j);
                if (d == QLatin1Char('\\') && j + 1 < n
                    && QStringLiteral("\"\\$`").contains(text.at(j + 1))) {
                    word += text.at(++j);
                } else if (d == QLatin1Char('$') || d == QLatin1Char('`')) {
                    // A shell would expand these inside double quotes; we do not.
                    return Error::invalid(QStringLiteral("'%1' inside double quotes would be "
                                                         "expanded by a shell, and there is "
                                                         "none: write the value itself, or "
                                                         "escape it as \\%1")
                                              .arg(d));
                } else {
                    word += d;
                }
            }
            if (j >= n)
                return Error::invalid(
                    QStringLiteral("unterminated double quote (\") in '%1'").arg(text.trimmed()));
            inWord = true;
            i = j;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 >= n)
                return Error::invalid(QStringLiteral("a backslash at the end escapes nothing"));
            word += text.at(++i);
            inWord = true;
        } else if (isShellOperator(c)) {
            return Error::invalid(refusedOperator(c));
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

QString WorkerConfig::quoteWord(const QString &word)
{
    if (word.contains(QLatin1Char('\n')) || word.contains(QLatin1Char('\r')))
        return {};
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Result<WorkerConfig> WorkerConfig::load(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QFile file(absolute);
    if (!QFileInfo(absolute).isFile())
        return Error::invalid(QStringLiteral("%1: no such configuration file").arg(absolute));
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(
            QStringLiteral("%1: cannot read: %2").arg(absolute, file.errorString()));
    if (file.size() > 1024 * 1024)
        return Error::invalid(
            QStringLiteral("%1: larger than 1 MiB; is it a configuration file?").arg(absolute));
    Result<WorkerConfig> config = parse(file.readAll(), absolute);
    if (config.ok())
        config.value().path = absolute;
    return config;
}

namespace {

// How one [worker] key reads its value into the configuration: empty when it
// fits, else what the key expected.
using KeyReader = std::function<QString(WorkerConfig &, const QString &key, const QString &value)>;

template<typename T>
KeyReader wholeNumber(
    T WorkerConfig::*member, qint64 min, qint64 max, QLatin1String unit = QLatin1String(""))
{
    return [=](WorkerConfig &config, const QString &key, const QString &value) {
        qint64 n = 0;
        if (!parseInteger(value, min, max, n))
            return QStringLiteral("%1 must be a whole number%2 from %3 to %4, not '%5'")
                .arg(key, unit)
                .arg(min)
                .arg(max)
                .arg(value);
        config.*member = T(n);
        return QString();
    };
}

// A value in seconds (fractions allowed) kept in milliseconds.
template<typename T> KeyReader seconds(T WorkerConfig::*milliseconds, double min, double max)
{
    return [=](WorkerConfig &config, const QString &key, const QString &value) {
        double s = 0;
        if (!parseNumber(value, min, max, s))
            return QStringLiteral("%1 must be a number of seconds from %2 to %3, not '%4'")
                .arg(key)
                .arg(min)
                .arg(max)
                .arg(value);
        config.*milliseconds = T(std::llround(s * 1000));
        return QString();
    };
}

QString readName(WorkerConfig &config, const QString &, const QString &value)
{
    if (value.isEmpty() || value.size() > 200)
        return QStringLiteral("name must be 1 to 200 characters");
    config.name = value;
    return {};
}

QString readQueues(WorkerConfig &config, const QString &, const QString &value)
{
    config.queues.clear();
    for (const QString &part : value.split(QLatin1Char(','))) {
        const QString queue = part.trimmed();
        if (queue.isEmpty())
            continue;
        if (!namePattern().match(queue).hasMatch())
            return QStringLiteral("invalid queue name '%1' in queues (use letters, "
                                  "digits and _ . : -, separated by commas)")
                .arg(queue);
        if (!config.queues.contains(queue))
            config.queues.append(queue);
    }
    return {};
}

QString readPassEnvironment(WorkerConfig &config, const QString &, const QString &value)
{
    const QStringList names = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &name : names) {
        if (!isValidEnvironmentName(name))
            return QStringLiteral("pass_environment: '%1' is not a variable name").arg(name);
    }
    config.passEnvironment = names;
    return {};
}

// Every [worker] key; docs/worker.md documents each.
const QHash<QString, KeyReader> &workerKeys()
{
    static const QHash<QString, KeyReader> keys{
        {QStringLiteral("name"), readName},
        {QStringLiteral("queues"), readQueues},
        {QStringLiteral("concurrency"), wholeNumber(&WorkerConfig::concurrency, 1, 256)},
        {QStringLiteral("heartbeat_seconds"), seconds(&WorkerConfig::heartbeatMs, 0.05, 3600)},
        {QStringLiteral("poll_ms"),
            wholeNumber(&WorkerConfig::pollMs, 10, 60000, QLatin1String(" of milliseconds"))},
        {QStringLiteral("stop_grace_seconds"), seconds(&WorkerConfig::stopGraceMs, 0, 3600)},
        {QStringLiteral("log_cap_lines"), wholeNumber(&WorkerConfig::logCapLines, 0, 10000000)},
        {QStringLiteral("log_cap_bytes"),
            wholeNumber(&WorkerConfig::logCapBytes, 0, qint64(1) << 30)},
        {QStringLiteral("retry_base_seconds"), seconds(&WorkerConfig::retryBaseMs, 0, 86400)},
        {QStringLiteral("retry_cap_seconds"), seconds(&WorkerConfig::retryCapMs, 0, 7 * 86400)},
        {QStringLiteral("pass_environment"), readPassEnvironment},
    };
    return keys;
}

// Reads a configuration file line by line into `config`; each read… returns
// the problem of one line (empty when it has none), and the caller adds the
// file and the line.
class ConfigReader
{
public:
    explicit ConfigReader(const QString &fileName) { m_config.path = fileName; }

    Result<WorkerConfig> read(const QByteArray &text)
    {
        QString text16 = QString::fromUtf8(text);
        if (text16.startsWith(QChar(0xFEFF)))
            text16.remove(0, 1);
        const QStringList lines = text16.split(QLatin1Char('\n'));
        for (int index = 0; index < lines.size(); ++index) {
            const QString problem = readLine(index + 1, lines.at(index).trimmed());
            if (!problem.isEmpty())
                return at(index + 1, problem);
        }
        return finish();
    }

private:
    Error at(int line, const QString &problem) const
    {
        return Error::invalid(
            QStringLiteral("%1:%2: %3").arg(m_config.path).arg(line).arg(problem));
    }

    QString readLine(int lineNo, const QString &line)
    {
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))
            || line.startsWith(QLatin1Char(';')))
            return {};
        if (line.startsWith(QLatin1Char('[')))
            return readSectionHeader(line);
        const int eq = int(line.indexOf(QLatin1Char('=')));
        if (eq <= 0)
            return QStringLiteral("expected 'key = value', got '%1'").arg(line);
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        if (m_section.isEmpty())
            return QStringLiteral("'%1' comes before any section; put it under [worker] "
                                  "or [kinds]")
                .arg(key);
        const QString seenKey = m_section + QLatin1Char('/') + key;
        if (m_seen.contains(seenKey))
            return QStringLiteral("'%1' is set twice in [%2] (first on line %3)")
                .arg(key, m_section)
                .arg(m_seen.value(seenKey));
        m_seen.insert(seenKey, lineNo);

        if (m_section == QLatin1String("worker"))
            return readWorkerKey(lineNo, key, value);
        if (m_section == QLatin1String("environment"))
            return readEnvironmentVariable(key, value);
        return readKind(lineNo, key, value);
    }

    QString readSectionHeader(const QString &line)
    {
        if (!line.endsWith(QLatin1Char(']')))
            return QStringLiteral("a section header must look like [worker]");
        m_section = line.mid(1, line.size() - 2).trimmed();
        if (m_section != QLatin1String("worker") && m_section != QLatin1String("kinds")
            && m_section != QLatin1String("environment"))
            return QStringLiteral(
                "unknown section [%1] (expected [worker], [kinds] or [environment])")
                .arg(m_section);
        return {};
    }

    QString readWorkerKey(int lineNo, const QString &key, const QString &value)
    {
        const auto reader = workerKeys().constFind(key);
        if (reader == workerKeys().constEnd()) {
            QStringList known = workerKeys().keys();
            known.sort();
            return QStringLiteral("unknown key '%1' in [worker] (known keys: %2)")
                .arg(key, known.join(QStringLiteral(", ")));
        }
        const QString problem = (*reader)(m_config, key, value);
        if (problem.isEmpty() && key == QLatin1String("retry_cap_seconds"))
            m_retryCapLine = lineNo;
        return problem;
    }

    QString readEnvironmentVariable(const QString &key, const QString &value)
    {
        if (!isValidEnvironmentName(key))
            return QStringLiteral("'%1' is not a variable name (letters, digits and _)").arg(key);
        if (key.startsWith(QLatin1String("TASKDESK_")))
            return QStringLiteral("%1: the TASKDESK_ variables are set by the worker").arg(key);
        m_config.environment.insert(key, value);
        return {};
    }

    QString readKind(int lineNo, const QString &key, const QString &value)
    {
        if (!namePattern().match(key).hasMatch())
            return QStringLiteral("invalid task kind '%1' (use 1 to 100 letters, digits "
                                  "and _ . : -)")
                .arg(key);
        Result<QStringList> words = WorkerConfig::splitCommand(value);
        if (!words.ok())
            return QStringLiteral("kind '%1': %2").arg(key, words.error().message());
        if (words->isEmpty())
            return QStringLiteral("kind '%1' names no program").arg(key);
        Result<QString> program = resolveProgram(words->first());
        if (!program.ok())
            return QStringLiteral("kind '%1': %2").arg(key, program.error().message());
        KindCommand command;
        command.program = *program;
        command.arguments = words->mid(1);
        command.line = lineNo;
        m_config.kinds.insert(key, command);
        return {};
    }

    // What only the whole file can tell.
    Result<WorkerConfig> finish()
    {
        if (m_config.retryCapMs < m_config.retryBaseMs) {
            if (m_retryCapLine == 0)
                m_config.retryCapMs = m_config.retryBaseMs; // only the base was raised
            else
                return at(m_retryCapLine,
                    QStringLiteral("retry_cap_seconds is smaller than retry_base_seconds"));
        }
        if (m_config.kinds.isEmpty())
            return Error::invalid(
                QStringLiteral("%1: no task kinds: add a [kinds] section with lines "
                               "like 'warmup = /usr/bin/python3 /opt/app/warmup.py'")
                    .arg(m_config.path));
        return m_config;
    }

    WorkerConfig m_config;
    QString m_section;
    QHash<QString, int> m_seen; // "section/key" → line
    int m_retryCapLine = 0;
};

} // namespace

Result<WorkerConfig> WorkerConfig::parse(const QByteArray &text, const QString &fileName)
{
    return ConfigReader(fileName).read(text);
}

} // namespace taskdesk
