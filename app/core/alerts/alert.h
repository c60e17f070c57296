#pragma once

#include <QMap>
#include <QString>
#include <QtGlobal>
#include <QVector>

namespace taskdesk {

// One alert: a condition of one rule about one subject (a process, a queue, a
// kind of task), as it fires and, later, as it resolves. What the alert engine
// (core/alerts) decides and what a channel (core/notify) delivers.
//
// The texts are English, as the database, the logs and taskdeskctl keep them;
// the desktop words them in the operator's language when it shows them.
struct Alert
{
    // rule + subject, stable while the condition lasts: "process_fatal:web1/worker-1",
    // "queue_stalled:emails", "task_failed:import". One firing alert per fingerprint.
    QString fingerprint;
    QString rule; // "task_failed", "stuck_tasks", "process_fatal", "process_restarts",
                  // "queue_age", "queue_stalled", "worker_lost", "test"
    QString severity; // "critical" or "warning"
    QString summary; // one line: "Process worker-1 on web1 is FATAL"
    QString description; // more detail, may span lines; may be empty
    // Few label values, as Prometheus and Alertmanager want them: alertname (the
    // rule), and where they apply host, process, queue, kind.
    QMap<QString, QString> labels;
    qint64 startsAt = 0; // UTC ms, database clock
    qint64 endsAt = 0; // UTC ms when resolved; 0 while firing
    int count = 1; // how many events it stands for (500 failed tasks of one kind: 500)

    bool resolved() const { return endsAt > 0; }
};

// What one message carries: the alerts of one grouping window (one message for
// 500 failures in a minute, not 500). A group holds firing and resolved alerts
// together; `status` is "firing" while any of them fires.
struct AlertGroup
{
    qint64 id = 0; // the delivery's id in the database; 0 for a test alert
    QString groupKey; // Alertmanager's groupKey: stable for the same rule set
    QVector<Alert> alerts;
    bool test = false; // "Send Test Alert": says so in the message

    QString status() const
    {
        for (const Alert &a : alerts) {
            if (!a.resolved())
                return QStringLiteral("firing");
        }
        return QStringLiteral("resolved");
    }
};

} // namespace taskdesk
