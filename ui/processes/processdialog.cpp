#include "processdialog.h"

#include "core/worker/workerconfig.h"
#include "ui/common/coretext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace taskdesk::ui {

namespace {

QString joinArguments(const QStringList &args)
{
    QStringList quoted;
    for (const QString &a : args) {
        const bool plain = !a.isEmpty() && std::all_of(a.cbegin(), a.cend(), [](QChar c) {
            return c.isLetterOrNumber() || QStringLiteral("-_./=:,@+%").contains(c);
        });
        quoted << (plain ? a
                         : QLatin1Char('\'')
                    + QString(a).replace(QStringLiteral("'"), QStringLiteral("'\\''"))
                    + QLatin1Char('\''));
    }
    return quoted.join(QLatin1Char(' '));
}

} // namespace

ProcessDialog::ProcessDialog(const ProcessDefinition &definition, bool editing, QWidget *parent)
    : QDialog(parent)
    , m_original(definition)
    , m_name(new QLineEdit(definition.name, this))
    , m_role(new QComboBox(this))
    , m_program(new QLineEdit(definition.program, this))
    , m_arguments(new QLineEdit(joinArguments(definition.args), this))
    , m_workdir(new QLineEdit(definition.workdir, this))
    , m_environment(new QPlainTextEdit(this))
    , m_host(new QLineEdit(definition.host, this))
    , m_autostart(new QCheckBox(tr("Start it whenever a supervisor takes over its host"), this))
    , m_policy(new QComboBox(this))
    , m_grace(new QSpinBox(this))
    , m_maxFailures(new QSpinBox(this))
{
    setObjectName(QStringLiteral("processDialog"));
    setWindowTitle(editing ? tr("Edit Process") : tr("Add Process"));
    m_name->setReadOnly(editing); // the name is how every front end finds it
    m_name->setPlaceholderText(tr("worker-1"));
    for (ProcessRole role : {ProcessRole::Worker, ProcessRole::Scheduler, ProcessRole::Other})
        m_role->addItem(roleName(role), int(role));
    m_role->setCurrentIndex(m_role->findData(int(definition.role)));
    m_program->setPlaceholderText(tr("/usr/bin/taskdesk-worker"));
    m_arguments->setPlaceholderText(tr("--config /etc/taskdesk/worker.ini"));
    QStringList env;
    for (auto it = definition.env.cbegin(); it != definition.env.cend(); ++it)
        env << it.key() + QLatin1Char('=') + it.value();
    m_environment->setPlainText(env.join(QLatin1Char('\n')));
    m_environment->setPlaceholderText(tr("KEY=VALUE, one per line"));
    m_environment->setMaximumHeight(fontMetrics().height() * 5);
    m_host->setPlaceholderText(tr("any: the first supervisor that sees it"));
    m_autostart->setChecked(definition.autostart);
    for (RestartPolicy policy :
        {RestartPolicy::Always, RestartPolicy::OnFailure, RestartPolicy::Never})
        m_policy->addItem(restartPolicyName(policy), int(policy));
    m_policy->setCurrentIndex(m_policy->findData(int(definition.restartPolicy)));
    m_grace->setRange(0, 3600);
    m_grace->setSuffix(tr(" s"));
    m_grace->setValue(definition.stopGraceMs / 1000);
    m_maxFailures->setRange(1, 1000);
    m_maxFailures->setValue(definition.maxFailures);

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *programRow = new QHBoxLayout;
    programRow->addWidget(m_program, 1);
    programRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Role"), m_role);
    form->addRow(tr("Program"), programRow);
    form->addRow(tr("Arguments"), m_arguments);
    form->addRow(tr("Working folder"), m_workdir);
    form->addRow(tr("Environment"), m_environment);
    form->addRow(tr("Host"), m_host);
    form->addRow(QString(), m_autostart);
    form->addRow(tr("Restart"), m_policy);
    form->addRow(tr("Stop grace"), m_grace);
    form->addRow(tr("FATAL after failures"), m_maxFailures);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProcessDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProcessDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ProcessDialog::browse);
}

void ProcessDialog::browse()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Program"), m_program->text());
    if (!file.isEmpty())
        m_program->setText(file);
}

Result<ProcessDefinition> ProcessDialog::read() const
{
    ProcessDefinition d = m_original;
    d.name = m_name->text().trimmed();
    d.role = ProcessRole(m_role->currentData().toInt());
    d.program = m_program->text().trimmed();
    Result<QStringList> args = WorkerConfig::splitCommand(m_arguments->text());
    if (!args.ok())
        return Error::invalid(tr("Arguments: %1").arg(coreText(args.error())));
    d.args = args.value();
    d.workdir = m_workdir->text().trimmed();
    d.env.clear();
    const QStringList lines = m_environment->toPlainText().split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const int eq = int(line.indexOf(QLatin1Char('=')));
        if (eq <= 0)
            return Error::invalid(tr("Environment: '%1' is not KEY=VALUE").arg(line));
        d.env.insert(line.left(eq).trimmed(), line.mid(eq + 1));
    }
    d.host = m_host->text().trimmed();
    d.autostart = m_autostart->isChecked();
    d.restartPolicy = RestartPolicy(m_policy->currentData().toInt());
    d.stopGraceMs = m_grace->value() * 1000;
    d.maxFailures = m_maxFailures->value();
    if (Error e = d.validate())
        return e;
    return d;
}

void ProcessDialog::accept()
{
    Result<ProcessDefinition> d = read();
    if (!d.ok()) {
        QMessageBox::warning(this, windowTitle(), coreText(d.error()));
        return;
    }
    m_result = d.value();
    QDialog::accept();
}

ProcessDefinition ProcessDialog::definition() const
{
    return m_result;
}

} // namespace taskdesk::ui
