#include "processtablemodel.h"

#include "ui/common/plaintext.h"

#include "ui/common/badgepainter.h"
#include "ui/common/storedtext.h"
#include "ui/common/timeformat.h"

namespace taskdesk::ui {

namespace {

bool sameProcess(const ProcessInfo &a, const ProcessInfo &b)
{
    return a.updatedAt == b.updatedAt && a.runtime.state == b.runtime.state
        && a.runtime.pid == b.runtime.pid && a.desired == b.desired
        && a.runtime.restarts == b.runtime.restarts
        && a.runtime.consecutiveFailures == b.runtime.consecutiveFailures
        && a.runtime.lastExit == b.runtime.lastExit && a.runtime.message == b.runtime.message
        && a.definition.name == b.definition.name && a.definition.host == b.definition.host;
}

} // namespace

ProcessTableModel::ProcessTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int ProcessTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_processes.size());
}

int ProcessTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags ProcessTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QString ProcessTableModel::stateWord(ProcessState state)
{
    switch (state) {
    case ProcessState::Stopped:
        return tr("Stopped");
    case ProcessState::Starting:
        return tr("Starting");
    case ProcessState::Running:
        return tr("Running");
    case ProcessState::Backoff:
        return tr("Backoff");
    case ProcessState::Stopping:
        return tr("Stopping");
    case ProcessState::Exited:
        return tr("Exited");
    case ProcessState::Fatal:
        return tr("Fatal");
    }
    return {};
}

int ProcessTableModel::toneOf(ProcessState state)
{
    switch (state) {
    case ProcessState::Running:
        return int(BadgeTone::Green);
    case ProcessState::Starting:
    case ProcessState::Stopping:
        return int(BadgeTone::Blue);
    case ProcessState::Backoff:
        return int(BadgeTone::Orange);
    case ProcessState::Fatal:
        return int(BadgeTone::Red);
    case ProcessState::Stopped:
    case ProcessState::Exited:
        return int(BadgeTone::Neutral);
    }
    return int(BadgeTone::Neutral);
}

QVariant ProcessTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Role:
        return tr("Role");
    case State:
        return tr("State");
    case Desired:
        return tr("Wanted");
    case Pid:
        return tr("PID");
    case Uptime:
        return tr("Uptime");
    case Restarts:
        return tr("Restarts");
    case Failures:
        return tr("Failures");
    case LastExit:
        return tr("Last exit");
    case Host:
        return tr("Host");
    case Message:
        return tr("Message");
    default:
        return {};
    }
}

const ProcessInfo *ProcessTableModel::processAt(int row) const
{
    return row >= 0 && row < m_processes.size() ? &m_processes.at(row) : nullptr;
}

int ProcessTableModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_processes.size(); ++i) {
        if (m_processes.at(i).definition.name == name)
            return i;
    }
    return -1;
}

QVariant ProcessTableModel::data(const QModelIndex &index, int role) const
{
    return plainRole(roleData(index, role), role);
}

QVariant ProcessTableModel::roleData(const QModelIndex &index, int role) const
{
    const ProcessInfo *p = index.isValid() ? processAt(index.row()) : nullptr;
    if (!p)
        return {};
    const ProcessRuntime &r = p->runtime;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return p->definition.name;
        case Role:
            return roleName(p->definition.role);
        case State:
            return stateWord(r.state);
        case Desired:
            return p->desired == DesiredState::Running ? tr("running") : tr("stopped");
        case Pid:
            return r.pid > 0 ? QString::number(r.pid) : QString();
        case Uptime:
            return p->uptimeMs() > 0 ? TimeFormat::duration(p->uptimeMs()) : QString();
        case Restarts:
            return r.restarts;
        case Failures:
            return r.consecutiveFailures;
        case LastExit:
            return storedText(r.lastExit);
        case Host:
            return p->definition.host;
        case Message:
            return storedText(r.message);
        default:
            return {};
        }
    case StatusRole:
        return int(r.state);
    case BadgeToneRole:
        return index.column() == State ? QVariant(toneOf(r.state)) : QVariant();
    case RawValueRole:
        return index.column() == Uptime ? QVariant(p->uptimeMs()) : data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == Name || index.column() == Message)
            return QString(p->definition.program + QLatin1Char(' ')
                + p->definition.args.join(QLatin1Char(' '))
                + (r.message.isEmpty() ? QString() : QLatin1Char('\n') + storedText(r.message)));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Pid || index.column() == Restarts || index.column() == Failures
            || index.column() == Uptime)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

void ProcessTableModel::setProcesses(const QVector<ProcessInfo> &processes)
{
    bool sameRows = processes.size() == m_processes.size();
    for (int i = 0; sameRows && i < processes.size(); ++i)
        sameRows = processes.at(i).definition.id == m_processes.at(i).definition.id;
    if (!sameRows) {
        beginResetModel();
        m_processes = processes;
        endResetModel();
        return;
    }
    for (int i = 0; i < processes.size(); ++i) {
        const bool ticking = isAlive(processes.at(i).runtime.state); // the uptime moves
        if (!sameProcess(processes.at(i), m_processes.at(i)) || ticking) {
            m_processes[i] = processes.at(i);
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
}

} // namespace taskdesk::ui
