#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace taskdesk {

// What a worker runs for one task kind: a program and its fixed arguments,
// started directly (never through a shell).
struct KindCommand
{
    QString program; // absolute, resolved when the configuration is read
    QStringList arguments;
    int line = 0; // where the configuration file defines it
};

// A worker's configuration file (INI; docs/worker.md documents every key).
// Anything the worker cannot use is refused with the file, the line and the
// problem, so that a typo never turns into a worker that silently runs nothing.
struct WorkerConfig
{
    QString path;
    QString name; // [worker] name; --name overrides it
    QStringList queues; // empty: every queue
    int concurrency = 1;
    int heartbeatMs = 5000;
    int pollMs = 500;
    int stopGraceMs = 10000;
    int logCapLines = 10000; // per execution of a task
    qint64 logCapBytes = 1024 * 1024;
    qint64 retryBaseMs = 5000;
    qint64 retryCapMs = 60 * 60 * 1000;
    QMap<QString, KindCommand> kinds;
    // What a task's program gets besides the clean base and the TASKDESK_*
    // variables: [environment] NAME = value, and the variables named by
    // [worker] pass_environment, copied from the worker's own environment.
    QMap<QString, QString> environment;
    QStringList passEnvironment;

    static Result<WorkerConfig> load(const QString &path);
    // `fileName` only names the file in messages.
    static Result<WorkerConfig> parse(const QByteArray &text, const QString &fileName);

    // Splits a command line the way a POSIX shell splits words: blanks separate,
    // '…' is literal, "…" keeps \" \\ \$ \` escapes, a backslash outside quotes
    // escapes the next character, an unquoted # starts a comment. Nothing is
    // expanded; an unquoted shell operator (| & ; < > ( ) $ `) is refused
    // because there is no shell to act on it.
    static Result<QStringList> splitCommand(const QString &text);
    // `word` as splitCommand() reads it back, whatever it holds (blanks, quotes,
    // $ ` # \): in single quotes, each ' as '\''. A line break cannot be quoted
    // (a configuration line ends there): empty for a word that holds one.
    static QString quoteWord(const QString &word);
};

} // namespace taskdesk
