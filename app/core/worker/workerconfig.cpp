#include "workerconfig.h"

#include "cleanenvironment.h"

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

Result<WorkerConfig> WorkerConfig::parse(const QByteArray &text, const QString &fileName)
{
    WorkerConfig config;
    config.path = fileName;
    auto at = [&fileName](int line, const QString &problem) {
        return Error::invalid(QStringLiteral("%1:%2: %3").arg(fileName).arg(line).arg(problem));
    };

    // [worker] keys: each parses its value or says what it expected.
    using Setter = std::function<QString(const QString &)>;
    const QHash<QString, Setter> workerKeys{
        {QStringLiteral("name"),
            [&](const QString &v) {
                if (v.isEmpty() || v.size() > 200)
                    return QStringLiteral("name must be 1 to 200 characters");
                config.name = v;
                return QString();
            }},
        {QStringLiteral("queues"),
            [&](const QString &v) {
                config.queues.clear();
                for (const QString &part : v.split(QLatin1Char(','))) {
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
                return QString();
            }},
        {QStringLiteral("concurrency"),
            [&](const QString &v) {
                qint64 n = 0;
                if (!parseInteger(v, 1, 256, n))
                    return QStringLiteral("concurrency must be a whole number from 1 to 256, not "
                                          "'%1'")
                        .arg(v);
                config.concurrency = int(n);
                return QString();
            }},
        {QStringLiteral("heartbeat_seconds"),
            [&](const QString &v) {
                double s = 0;
                if (!parseNumber(v, 0.05, 3600, s))
                    return QStringLiteral("heartbeat_seconds must be a number of seconds from 0.05 "
                                          "to 3600, not '%1'")
                        .arg(v);
                config.heartbeatMs = int(std::lround(s * 1000));
                return QString();
            }},
        {QStringLiteral("poll_ms"),
            [&](const QString &v) {
                qint64 n = 0;
                if (!parseInteger(v, 10, 60000, n))
                    return QStringLiteral("poll_ms must be a whole number of milliseconds from 10 "
                                          "to 60000, not '%1'")
                        .arg(v);
                config.pollMs = int(n);
                return QString();
            }},
        {QStringLiteral("stop_grace_seconds"),
            [&](const QString &v) {
                double s = 0;
                if (!parseNumber(v, 0, 3600, s))
                    return QStringLiteral("stop_grace_seconds must be a number of seconds from 0 "
                                          "to 3600, not '%1'")
                        .arg(v);
                config.stopGraceMs = int(std::lround(s * 1000));
                return QString();
            }},
        {QStringLiteral("log_cap_lines"),
            [&](const QString &v) {
                qint64 n = 0;
                if (!parseInteger(v, 0, 10000000, n))
                    return QStringLiteral("log_cap_lines must be a whole number from 0 to "
                                          "10000000, not '%1'")
                        .arg(v);
                config.logCapLines = int(n);
                return QString();
            }},
        {QStringLiteral("log_cap_bytes"),
            [&](const QString &v) {
                qint64 n = 0;
                if (!parseInteger(v, 0, qint64(1) << 30, n))
                    return QStringLiteral("log_cap_bytes must be a whole number from 0 to "
                                          "1073741824, not '%1'")
                        .arg(v);
                config.logCapBytes = n;
                return QString();
            }},
        {QStringLiteral("retry_base_seconds"),
            [&](const QString &v) {
                double s = 0;
                if (!parseNumber(v, 0, 86400, s))
                    return QStringLiteral("retry_base_seconds must be a number of seconds from 0 "
                                          "to 86400, not '%1'")
                        .arg(v);
                config.retryBaseMs = std::llround(s * 1000);
                return QString();
            }},
        {QStringLiteral("retry_cap_seconds"),
            [&](const QString &v) {
                double s = 0;
                if (!parseNumber(v, 0, 7 * 86400, s))
                    return QStringLiteral("retry_cap_seconds must be a number of seconds from 0 "
                                          "to 604800, not '%1'")
                        .arg(v);
                config.retryCapMs = std::llround(s * 1000);
                return QString();
            }},
        {QStringLiteral("pass_environment"),
            [&](const QString &v) {
                const QStringList names = v.split(QLatin1Char(' '), Qt::SkipEmptyParts);
                for (const QString &name : names) {
                    if (!isValidEnvironmentName(name))
                        return QStringLiteral("pass_environment: '%1' is not a variable name")
                            .arg(name);
                }
                config.passEnvironment = names;
                return QString();
            }},
    };

    QString text16 = QString::fromUtf8(text);
    if (text16.startsWith(QChar(0xFEFF)))
        text16.remove(0, 1);
    const QStringList lines = text16.split(QLatin1Char('\n'));
    QString section;
    QHash<QString, int> seen; // "section/key" → line
    int retryCapLine = 0;
    for (int index = 0; index < lines.size(); ++index) {
        const int lineNo = index + 1;
        const QString line = lines.at(index).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))
            || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')))
                return at(lineNo, QStringLiteral("a section header must look like [worker]"));
            section = line.mid(1, line.size() - 2).trimmed();
            if (section != QLatin1String("worker") && section != QLatin1String("kinds")
                && section != QLatin1String("environment"))
                return at(lineNo,
                    QStringLiteral(
                        "unknown section [%1] (expected [worker], [kinds] or [environment])")
                        .arg(section));
            continue;
        }
        const int eq = int(line.indexOf(QLatin1Char('=')));
        if (eq <= 0)
            return at(lineNo, QStringLiteral("expected 'key = value', got '%1'").arg(line));
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        if (section.isEmpty())
            return at(lineNo,
                QStringLiteral("'%1' comes before any section; put it under [worker] "
                               "or [kinds]")
                    .arg(key));
        const QString seenKey = section + QLatin1Char('/') + key;
        if (seen.contains(seenKey))
            return at(lineNo,
                QStringLiteral("'%1' is set twice in [%2] (first on line %3)")
                    .arg(key, section)
                    .arg(seen.value(seenKey)));
        seen.insert(seenKey, lineNo);

        if (section == QLatin1String("worker")) {
            const auto setter = workerKeys.constFind(key);
            if (setter == workerKeys.constEnd()) {
                QStringList known = workerKeys.keys();
                known.sort();
                return at(lineNo,
                    QStringLiteral("unknown key '%1' in [worker] (known keys: %2)")
                        .arg(key, known.join(QStringLiteral(", "))));
            }
            const QString problem = (*setter)(value);
            if (!problem.isEmpty())
                return at(lineNo, problem);
            if (key == QLatin1String("retry_cap_seconds"))
                retryCapLine = lineNo;
            continue;
        }

        if (section == QLatin1String("environment")) {
            if (!isValidEnvironmentName(key))
                return at(lineNo,
                    QStringLiteral("'%1' is not a variable name (letters, digits and _)").arg(key));
            if (key.startsWith(QLatin1String("TASKDESK_")))
                return at(lineNo,
                    QStringLiteral("%1: the TASKDESK_ variables are set by the worker").arg(key));
            config.environment.insert(key, value);
            continue;
        }

        // [kinds]
        if (!namePattern().match(key).hasMatch())
            return at(lineNo,
                QStringLiteral("invalid task kind '%1' (use 1 to 100 letters, digits "
                               "and _ . : -)")
                    .arg(key));
        Result<QStringList> words = splitCommand(value);
        if (!words.ok())
            return at(lineNo, QStringLiteral("kind '%1': %2").arg(key, words.error().message()));
        if (words->isEmpty())
            return at(lineNo, QStringLiteral("kind '%1' names no program").arg(key));
        Result<QString> program = resolveProgram(words->first());
        if (!program.ok())
            return at(lineNo, QStringLiteral("kind '%1': %2").arg(key, program.error().message()));
        KindCommand command;
        command.program = *program;
        command.arguments = words->mid(1);
        command.line = lineNo;
        config.kinds.insert(key, command);
    }

    if (config.retryCapMs < config.retryBaseMs) {
        if (retryCapLine == 0)
            config.retryCapMs = config.retryBaseMs; // only the base was raised
        else
            return at(retryCapLine,
                QStringLiteral("retry_cap_seconds is smaller than retry_base_seconds"));
    }
    if (config.kinds.isEmpty())
        return Error::invalid(QStringLiteral("%1: no task kinds: add a [kinds] section with lines "
                                             "like 'warmup = /usr/bin/python3 /opt/app/warmup.py'")
                                  .arg(fileName));
    return config;
}

} // namespace taskdesk
