#include "audittablemodel.h"

#include "ui/common/plaintext.h"

#include "core/supervisor/processinfo.h"
#include "core/taskstatus.h"
#include "ui/common/badgepainter.h"
#include "ui/common/timeformat.h"
#include "ui/processes/processtablemodel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTableView>

namespace taskdesk::ui {

AuditTableModel::AuditTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Actor:
        return tr("Who");
    case Host:
        return tr("Host");
    case Action:
        return tr("Action");
    case Task:
        return tr("Task");
    case Change:
        return tr("Status");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

namespace {

// The audit's action names in words; a name not listed reads with spaces.
const QMap<QString, const char *> &actionNames()
{
    static const QMap<QString, const char *> names{
        {QStringLiteral("enqueue"), QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "enqueued")},
        {QStringLiteral("cancel"), QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "cancelled")},
        {QStringLiteral("force_stop"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "force stopped")},
        {QStringLiteral("restart"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "restarted")},
        {QStringLiteral("delete"), QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "deleted")},
        {QStringLiteral("sweep"), QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "swept")},
        {QStringLiteral("cleanup"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "cleaned up")},
        {QStringLiteral("setting_change"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "setting changed")},
        {QStringLiteral("process_add"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process added")},
        {QStringLiteral("process_update"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process changed")},
        {QStringLiteral("process_remove"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process removed")},
        {QStringLiteral("process_start"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process started")},
        {QStringLiteral("process_stop"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process stopped")},
        {QStringLiteral("process_stopped"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process stopped")},
        {QStringLiteral("process_restart"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process restarted")},
        {QStringLiteral("process_exit"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process exited")},
        {QStringLiteral("process_fatal"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process FATAL")},
        {QStringLiteral("process_start_requested"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "start requested")},
        {QStringLiteral("process_stop_requested"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "stop requested")},
        {QStringLiteral("process_restart_requested"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "restart requested")},
        {QStringLiteral("process_adopt"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process adopted")},
        {QStringLiteral("process_detach"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "process left running")},
        {QStringLiteral("schedule_add"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "schedule added")},
        {QStringLiteral("schedule_update"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "schedule changed")},
        {QStringLiteral("schedule_remove"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "schedule removed")},
        {QStringLiteral("schedule_enable"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "schedule enabled")},
        {QStringLiteral("schedule_disable"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "schedule disabled")},
        {QStringLiteral("schedule_enqueue"),
            QT_TRANSLATE_NOOP("taskdesk::ui::AuditTableModel", "enqueued by schedule")},
    };
    return names;
}

} // namespace

QString AuditTableModel::actionText(const QString &action)
{
    const auto it = actionNames().constFind(action);
    if (it != actionNames().constEnd())
        return tr(it.value());
    QString words = action; // process_start → "process start"
    return words.replace(QLatin1Char('_'), QLatin1Char(' '));
}

QString AuditTableModel::statusText(const QString &action, const QString &status)
{
    // A process's actions record its states ("RUNNING", "FATAL"), in the
    // words of the Processes page.
    if (action.startsWith(QLatin1String("process_"))) {
        if (const std::optional<ProcessState> state = parseProcessState(status))
            return ProcessTableModel::stateWord(*state);
        return status;
    }
    const std::optional<TaskStatus> task = parseStatus(status);
    if (task && status == statusName(*task))
        return BadgePainter::wordFor(*task);
    if (status == QLatin1String("DELETED"))
        return tr("Deleted");
    return status;
}

QString AuditTableModel::detailText(const QString &key, const QJsonValue &v)
{
    static const QMap<QString, const char *> words{
        {QStringLiteral("mark_failed"), QT_TR_NOOP("marked failed")},
        {QStringLiteral("requeue"), QT_TR_NOOP("re-queued")},
        {QStringLiteral("retry"), QT_TR_NOOP("re-queued by retry")},
        {QStringLiteral("lost_worker"), QT_TR_NOOP("no heartbeat")},
        {QStringLiteral("stuck_in_queue"), QT_TR_NOOP("waiting in the queue too long")},
        {QStringLiteral("cleanup"), QT_TR_NOOP("operator's clean-up")},
        {QStringLiteral("dead_worker"), QT_TR_NOOP("its worker died")},
    };
    auto word = [](const QString &value) {
        const auto it = words.constFind(value);
        if (it != words.constEnd())
            return tr(it.value());
        return QString(value).replace(QLatin1Char('_'), QLatin1Char(' '));
    };
    const QLocale locale;
    if (key == QLatin1String("action") && v.isString())
        return word(v.toString());
    if (key == QLatin1String("rule") && v.isString())
        return tr("rule: %1").arg(word(v.toString()));
    if (key == QLatin1String("age_ms") && v.isDouble())
        return tr("stuck for %1").arg(TimeFormat::duration(v.toInteger()));
    if (key == QLatin1String("threshold_ms") && v.isDouble())
        return tr("threshold %1").arg(TimeFormat::duration(v.toInteger()));
    if (key == QLatin1String("items_changed") && v.isDouble())
        return v.toInteger() > 0 ? tr("%Ln running item(s) stopped", "", int(v.toInteger()))
                                 : QString();
    if (key == QLatin1String("items") && v.isDouble())
        return v.toInteger() > 0 ? tr("%Ln item(s)", "", int(v.toInteger())) : QString();
    QString label = key;
    label.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (key.endsWith(QLatin1String("_ms")) && v.isDouble()) {
        label.chop(3);
        return tr("%1 %2").arg(label, TimeFormat::duration(v.toInteger()));
    }
    if (key.endsWith(QLatin1String("_at")) && v.isDouble() && v.toInteger() > 0)
        return tr("%1 %2").arg(label, TimeFormat::dateTime(v.toInteger()));
    QString text;
    if (v.isString())
        text = v.toString();
    else if (v.isDouble())
        text = v.toDouble() == double(v.toInteger()) ? locale.toString(v.toInteger())
                                                     : locale.toString(v.toDouble(), 'g', 12);
    else if (v.isBool())
        text = v.toBool() ? tr("yes") : tr("no");
    else if (v.isObject()) // a definition: its program says enough here
        text = v.toObject().value(QStringLiteral("program")).toString();
    else if (v.isArray()) {
        QStringList items;
        for (const QJsonValue &item : v.toArray())
            items << (item.isString()
                    ? item.toString()
                    : QString::fromUtf8(
                        QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact))
                          .mid(1)
                          .chopped(1));
        text = items.join(QStringLiteral(" "));
    }
    if (text.isEmpty())
        return {};
    return tr("%1: %2").arg(label, text);
}

QString AuditTableModel::detailsText(const QJsonObject &details)
{
    QStringList parts;
    for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
        if (it.key() == QLatin1String("snapshot"))
            continue; // the deleted row: in the tooltip, too long for a cell
        const QString text = detailText(it.key(), it.value());
        if (!text.isEmpty())
            parts.append(text);
    }
    return parts.join(QStringLiteral(", "));
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant AuditTableModel::roleData(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const AuditEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case When:
            return TimeFormat::dateTime(e.at);
        case Actor:
            // The database role (PostgreSQL) is the one no front end can choose.
            return e.dbRole.isEmpty() || e.dbRole == e.actor
                ? e.actor
                : tr("%1 (database role %2)").arg(e.actor, e.dbRole);
        case Host:
            return e.host;
        case Action:
            return actionText(e.action);
        case Task:
            if (e.taskId <= 0)
                return e.taskName;
            return e.taskName.isEmpty() ? QStringLiteral("#%1").arg(e.taskId)
                                        : QStringLiteral("#%1 %2").arg(e.taskId).arg(e.taskName);
        case Change:
            if (e.beforeStatus.isEmpty() && e.afterStatus.isEmpty())
                return QString();
            return tr("%1 → %2").arg(
                e.beforeStatus.isEmpty() ? tr("new") : statusText(e.action, e.beforeStatus),
                statusText(e.action, e.afterStatus));
        case Details:
            return detailsText(e.details);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Details && !e.details.isEmpty()) {
        QStringList lines;
        for (auto it = e.details.constBegin(); it != e.details.constEnd(); ++it) {
            const QString text = it.key() == QLatin1String("snapshot")
                ? QString()
                : detailText(it.key(), it.value());
            if (!text.isEmpty())
                lines << text;
        }
        // The deleted task as it was: every column, as stored.
        const QJsonObject snapshot = e.details.value(QStringLiteral("snapshot")).toObject();
        if (!snapshot.isEmpty())
            lines << tr("The deleted task:")
                  << QString::fromUtf8(QJsonDocument(snapshot).toJson(QJsonDocument::Indented));
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::UserRole)
        return e.id;
    return {};
}

void AuditTableModel::setEntries(const QVector<AuditEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void AuditTableModel::prependNewer(const QVector<AuditEntry> &entries)
{
    if (entries.isEmpty())
        return;
    beginInsertRows({}, 0, int(entries.size()) - 1);
    m_entries = entries + m_entries;
    endInsertRows();
}

void AuditTableModel::appendOlder(const QVector<AuditEntry> &entries)
{
    if (entries.isEmpty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(entries.size()) - 1);
    m_entries += entries;
    endInsertRows();
}

void AuditTableModel::sizeColumns(QTableView &table)
{
    const QFontMetrics metrics = table.fontMetrics();
    const int gap = metrics.height() / 2;
    const int em = metrics.averageCharWidth();
    // The widest change any row can show: each status, "new" and DELETED.
    // A process's states too, which change only into one another.
    QStringList states;
    for (const QString &status : allStatusNames())
        states << statusText(QString(), status);
    states << tr("new") << statusText(QString(), QStringLiteral("DELETED"));
    QStringList processStates;
    for (ProcessState state : {ProcessState::Stopped, ProcessState::Starting, ProcessState::Running,
             ProcessState::Backoff, ProcessState::Stopping, ProcessState::Exited,
             ProcessState::Fatal})
        processStates << ProcessTableModel::stateWord(state);
    int change = 0;
    for (const QStringList *words : {&states, &processStates})
        for (const QString &before : *words)
            for (const QString &after : *words)
                change
                    = std::max(change, metrics.horizontalAdvance(tr("%1 → %2").arg(before, after)));
    // The widest time and action in the language shown: a time of the 22nd
    // of December, late in the evening, is the longest in every locale.
    const QString latest = TimeFormat::dateTime(
        QDateTime(QDate(2024, 12, 22), QTime(23, 59, 59)).toMSecsSinceEpoch());
    int action = em * 16;
    for (const char *name : actionNames())
        action = std::max(action, metrics.horizontalAdvance(tr(name)) + 2 * gap);
    table.setColumnWidth(When, metrics.horizontalAdvance(latest) + 2 * gap);
    table.setColumnWidth(Actor, em * 14);
    table.setColumnWidth(Host, em * 12);
    table.setColumnWidth(Action, action);
    table.setColumnWidth(Task, em * 30);
    table.setColumnWidth(Change, change + 2 * gap);
    table.horizontalHeader()->setStretchLastSection(true);
}

} // namespace taskdesk::ui
