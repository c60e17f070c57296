#include "scheduledialog.h"

#include "ui/common/coretext.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace taskdesk::ui {

ScheduleDialog::ScheduleDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_kind(new QLineEdit(this))
    , m_queue(new QLineEdit(QStringLiteral("default"), this))
    , m_priority(new QSpinBox(this))
    , m_args(new QLineEdit(QStringLiteral("{}"), this))
    , m_interval(new QRadioButton(tr("Every"), this))
    , m_every(new QSpinBox(this))
    , m_cronChoice(new QRadioButton(tr("Cron (UTC)"), this))
    , m_cron(new QLineEdit(this))
{
    setObjectName(QStringLiteral("scheduleDialog"));
    setWindowTitle(tr("Add Schedule"));
    m_name->setPlaceholderText(tr("nightly-report"));
    m_kind->setPlaceholderText(tr("report"));
    m_priority->setRange(-1000, 1000);
    m_every->setRange(1, int(Schedule::kMaxEveryS));
    m_every->setValue(3600);
    m_every->setSuffix(tr(" s"));
    m_cron->setPlaceholderText(tr("30 2 * * *"));
    m_interval->setChecked(true);
    auto *every = new QHBoxLayout;
    every->addWidget(m_interval);
    every->addWidget(m_every, 1);
    auto *cron = new QHBoxLayout;
    cron->addWidget(m_cronChoice);
    cron->addWidget(m_cron, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Task kind"), m_kind);
    form->addRow(tr("Queue"), m_queue);
    form->addRow(tr("Priority"), m_priority);
    form->addRow(tr("Arguments (JSON)"), m_args);
    form->addRow(tr("When"), every);
    form->addRow(QString(), cron);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ScheduleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ScheduleDialog::reject);
}

void ScheduleDialog::accept()
{
    Schedule s;
    s.name = m_name->text().trimmed();
    s.kind = m_kind->text().trimmed();
    s.queue = m_queue->text().trimmed();
    s.priority = m_priority->value();
    s.args = m_args->text().trimmed().isEmpty() ? QStringLiteral("{}") : m_args->text().trimmed();
    if (m_interval->isChecked())
        s.everyS = m_every->value();
    else
        s.cron = m_cron->text().trimmed();
    if (Error e = s.validate()) {
        QMessageBox::warning(this, windowTitle(), coreText(e));
        return;
    }
    m_schedule = s;
    QDialog::accept();
}

} // namespace taskdesk::ui
