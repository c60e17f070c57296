#include "schedulesview.h"

#include "core/scheduling/schedulestore.h"
#include "ui/app/appcontext.h"
#include "ui/common/columnwidths.h"
#include "ui/common/confirm.h"
#include "ui/common/coretext.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/schedules/scheduledialog.h"
#include "ui/schedules/scheduletablemodel.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace taskdesk::ui {

SchedulesView::SchedulesView(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new ScheduleTableModel(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("schedulesView"));
    const int gap = fontMetrics().height() / 2;
    auto *toolBar = new QToolBar(this);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(fontMetrics().height(), fontMetrics().height()));
    m_add = toolBar->addAction(
        QIcon(QStringLiteral(":/icons/add.svg")), tr("Add…"), this, &SchedulesView::addSchedule);
    m_toggle = toolBar->addAction(QIcon(QStringLiteral(":/icons/schedules.svg")),
        tr("Enable / Disable"), this, &SchedulesView::toggleSelected);
    m_remove = toolBar->addAction(QIcon(QStringLiteral(":/icons/delete.svg")), tr("Remove"), this,
        &SchedulesView::removeSelected);

    m_table->setObjectName(QStringLiteral("scheduleTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 17 / 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setItemDelegateForColumn(
        ScheduleTableModel::LastStatus, new StatusBadgeDelegate(this));
    const QList<std::pair<int, int>> widths{{ScheduleTableModel::Name, 30},
        {ScheduleTableModel::Kind, 16}, {ScheduleTableModel::Queue, 12},
        {ScheduleTableModel::Timing, 22}, {ScheduleTableModel::Enabled, 6},
        {ScheduleTableModel::Next, 14}, {ScheduleTableModel::Last, 14}};
    setColumnWidths(*m_table, widths);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(gap, gap / 2, gap, gap);
    layout->addWidget(toolBar);
    layout->addWidget(m_table, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &SchedulesView::updateActions);
    connect(&m_context, &AppContext::canActChanged, this, &SchedulesView::updateActions);
    refresh();
}

QString SchedulesView::selectedName() const
{
    const Schedule *s = m_model->scheduleAt(m_table->currentIndex().row());
    return s ? s->name : QString();
}

void SchedulesView::updateActions()
{
    const bool canAct = m_context.canAct();
    const bool selected = !selectedName().isEmpty();
    m_add->setEnabled(canAct);
    m_toggle->setEnabled(canAct && selected);
    m_remove->setEnabled(canAct && selected);
}

void SchedulesView::refresh()
{
    ScheduleStore store(m_context.database(), m_context.operatorName());
    Result<QVector<Schedule>> list = store.list();
    if (!list.ok()) {
        if (list.error().kind() == ErrorKind::Database)
            m_context.reportFailure(coreText(list.error()));
        return;
    }
    const QString selected = selectedName();
    m_model->setSchedules(list.value());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->scheduleAt(row)->name == selected)
            m_table->selectRow(row);
    }
    updateActions();
}

void SchedulesView::addSchedule()
{
    if (!m_context.canAct())
        return;
    ScheduleDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ScheduleStore store(m_context.database(), m_context.operatorName());
    Result<qint64> id = store.add(dialog.schedule());
    if (!id.ok()) {
        Q_EMIT message(coreText(id.error()), MessageBar::Type::Error);
        return;
    }
    Q_EMIT message(
        tr("Added the schedule %1.").arg(dialog.schedule().name), MessageBar::Type::Positive);
    refresh();
}

void SchedulesView::toggleSelected()
{
    const Schedule *s = m_model->scheduleAt(m_table->currentIndex().row());
    if (!s || !m_context.canAct())
        return;
    const QString name = s->name;
    const bool enable = !s->enabled;
    ScheduleStore store(m_context.database(), m_context.operatorName());
    if (Error e = store.setEnabled(name, enable)) {
        Q_EMIT message(coreText(e), MessageBar::Type::Error);
        return;
    }
    Q_EMIT message(enable ? tr("Enabled %1.").arg(name) : tr("Disabled %1.").arg(name),
        MessageBar::Type::Positive);
    refresh();
}

void SchedulesView::removeSelected()
{
    const QString name = selectedName();
    if (name.isEmpty() || !m_context.canAct())
        return;
    Confirmation q;
    q.title = tr("Remove Schedule");
    q.question = tr("Remove the schedule %1?").arg(name);
    q.details = tr("No more tasks are enqueued for it; the tasks it made stay.");
    q.acceptLabel = tr("Remove");
    if (!Confirm::ask(this, q))
        return;
    ScheduleStore store(m_context.database(), m_context.operatorName());
    if (Error e = store.remove(name)) {
        Q_EMIT message(coreText(e), MessageBar::Type::Error);
        return;
    }
    Q_EMIT message(tr("Removed the schedule %1.").arg(name), MessageBar::Type::Positive);
    refresh();
}

} // namespace taskdesk::ui
