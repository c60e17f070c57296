#include "alertsview.h"

#include "core/alerts/alertsettings.h"
#include "core/alerts/channelfactory.h"
#include "core/alerts/testalert.h"
#include "core/database.h"
#include "core/notify/secret.h"
#include "core/settings.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/alerts/deliverytablemodel.h"
#include "ui/app/appcontext.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/columnwidths.h"
#include "ui/common/coretext.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/common/storedtext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

#include <limits>

namespace taskdesk::ui {

namespace K = AlertSettingKey;

namespace {

struct Snapshot
{
    Result<QVector<AlertRecord>> recent = QVector<AlertRecord>();
    Result<QMap<QString, qint64>> firing = QMap<QString, qint64>();
    Result<QVector<DeliveryRecord>> deliveries = QVector<DeliveryRecord>();
    Result<QMap<QString, QString>> settings = QMap<QString, QString>();
};

bool isOn(const QString &value)
{
    return value == QLatin1String("on");
}

} // namespace

AlertsView::AlertsView(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_sender(new BackgroundRunner(QStringLiteral("taskdesk-alerts"), this))
    , m_alertModel(new AlertTableModel(this))
    , m_deliveryModel(new DeliveryTableModel(this))
    , m_tabs(new QTabWidget(this))
    , m_summary(new QLabel(this))
    , m_testChannel(new QComboBox(this))
    , m_test(new QPushButton(tr("Send Test Alert"), this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
    , m_settingsNote(new QLabel(this))
{
    setObjectName(QStringLiteral("alertsView"));
    const int gap = fontMetrics().height() / 2;

    m_summary->setObjectName(QStringLiteral("alertsSummary"));
    m_summary->setWordWrap(true);
    m_testChannel->setObjectName(QStringLiteral("alertsTestChannel"));
    m_testChannel->addItem(tr("Every channel that is on"), QString());
    for (const QString &name :
        {QStringLiteral("telegram"), QStringLiteral("slack"), QStringLiteral("webhook")})
        m_testChannel->addItem(DeliveryTableModel::channelText(name), name);
    m_test->setObjectName(QStringLiteral("alertsTest"));
    m_test->setToolTip(tr("Sends a test alert now, from this app, and records how it went"));
    connect(m_test, &QPushButton::clicked, this, &AlertsView::sendTestAlert);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_testChannel);
    top->addWidget(m_test);

    m_tabs->setObjectName(QStringLiteral("alertsTabs"));
    QTableView *alertTable
        = makeTable(m_alertModel, QStringLiteral("alertsTable"), AlertTableModel::State);
    setColumnWidths(*alertTable,
        {{AlertTableModel::State, 12}, {AlertTableModel::Rule, 18}, {AlertTableModel::Summary, 40},
            {AlertTableModel::Started, 16}, {AlertTableModel::Resolved, 16},
            {AlertTableModel::Count, 8}});
    fitWords(*alertTable, AlertTableModel::State, {tr("Firing"), tr("Resolved")});
    alertTable->horizontalHeader()->setStretchLastSection(false);
    alertTable->horizontalHeader()->setSectionResizeMode(
        AlertTableModel::Summary, QHeaderView::Stretch);
    QTableView *deliveryTable
        = makeTable(m_deliveryModel, QStringLiteral("deliveriesTable"), DeliveryTableModel::Status);
    setColumnWidths(*deliveryTable,
        {{DeliveryTableModel::Status, 12}, {DeliveryTableModel::Channel, 12},
            {DeliveryTableModel::Message, 16}, {DeliveryTableModel::Attempts, 8},
            {DeliveryTableModel::Created, 16}, {DeliveryTableModel::Sent, 16},
            {DeliveryTableModel::Error, 40}});
    fitWords(*deliveryTable, DeliveryTableModel::Status,
        {DeliveryTableModel::statusText(QStringLiteral("sent")),
            DeliveryTableModel::statusText(QStringLiteral("failed")),
            DeliveryTableModel::statusText(QStringLiteral("pending")),
            DeliveryTableModel::statusText(QStringLiteral("sending"))});
    m_tabs->addTab(alertTable, tr("Alerts"));
    m_tabs->addTab(deliveryTable, tr("Deliveries"));
    // The forms scroll inside their tabs, so that Save stays in view at 800×500.
    for (const auto &[form, title] :
        {std::pair{buildRulesTab(), tr("Rules")}, std::pair{buildChannelsTab(), tr("Channels")}}) {
        auto *scroll = new QScrollArea(m_tabs);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidgetResizable(true);
        scroll->setWidget(form);
        m_tabs->addTab(scroll, title);
    }

    m_save->setObjectName(QStringLiteral("alertsSave"));
    m_revert->setObjectName(QStringLiteral("alertsRevert"));
    m_settingsNote->setObjectName(QStringLiteral("alertsSettingsNote"));
    m_settingsNote->setWordWrap(true);
    m_settingsNote->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    connect(m_save, &QPushButton::clicked, this, &AlertsView::saveSettings);
    connect(m_revert, &QPushButton::clicked, this, &AlertsView::revertSettings);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_settingsNote, 1);
    bottom->addWidget(m_revert);
    bottom->addWidget(m_save);
    // Save and Revert belong to the Rules and Channels tabs.
    auto showButtons = [this](int tab) {
        const bool settings = tab >= 2;
        m_save->setVisible(settings);
        m_revert->setVisible(settings);
        m_settingsNote->setVisible(settings);
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, showButtons);
    showButtons(0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(gap, gap, gap, gap);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);

    connect(&m_context, &AppContext::canActChanged, this, &AlertsView::updateActions);
    updateActions();
    refresh();
}

AlertsView::~AlertsView() = default;

QTableView *AlertsView::makeTable(QAbstractItemModel *model, const QString &name, int badgeColumn)
{
    auto *table = new QTableView(this);
    table->setObjectName(name);
    table->setModel(model);
    table->setItemDelegateForColumn(badgeColumn, new StatusBadgeDelegate(table));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 17 / 10);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QWidget *AlertsView::buildRulesTab()
{
    auto *page = new QWidget(this);
    auto *grid = new QGridLayout(page);
    int row = 0;
    auto check = [this, page](const QString &key, const QString &text) {
        auto *box = new QCheckBox(text, page);
        box->setObjectName(key);
        m_editors.insert(key, box);
        return box;
    };
    // A number of `unit`s; `minutes`: stored in seconds, shown in minutes.
    auto number = [this, page](const QString &key, const QString &suffix, bool minutes) {
        auto *spin = new QSpinBox(page);
        spin->setObjectName(key);
        const std::optional<SettingSpec> spec = Settings::spec(key);
        const qint64 divisor = minutes ? 60 : 1;
        if (spec) {
            spin->setRange(int(std::max<qint64>(spec->minimum / divisor, minutes ? 1 : 0)),
                int(std::min<qint64>(spec->maximum / divisor, 1000000)));
        }
        spin->setSuffix(suffix);
        if (minutes)
            m_minuteKeys.insert(key);
        m_editors.insert(key, spin);
        return spin;
    };
    auto text = [](const QString &words, QWidget *parent) {
        return new QLabel(words, parent);
    };
    auto addRow = [&grid, &row](QWidget *first, const QList<QWidget *> &rest) {
        grid->addWidget(first, row, 0);
        auto *line = new QHBoxLayout;
        for (QWidget *w : rest)
            line->addWidget(w);
        line->addStretch(1);
        grid->addLayout(line, row, 1);
        ++row;
    };
    const QString min = tr(" min");

    auto *kinds = new QLineEdit(page);
    kinds->setObjectName(K::TaskFailedKinds);
    kinds->setPlaceholderText(tr("every kind"));
    kinds->setToolTip(
        tr("The kinds whose failed tasks alert, separated by commas; empty: every kind"));
    m_editors.insert(K::TaskFailedKinds, kinds);
    addRow(check(K::TaskFailed, tr("A task failed after its last attempt")),
        {text(tr("of the kinds"), page), kinds});
    addRow(check(K::StuckTasks, tr("Stuck tasks")),
        {text(tr("more than"), page), number(K::StuckTasksCount, QString(), false),
            text(tr("for longer than"), page), number(K::StuckTasksForS, min, true)});
    addRow(check(K::ProcessFatal, tr("A process went FATAL")), {});
    addRow(check(K::ProcessRestarts, tr("A process restarts often")),
        {text(tr("more than"), page), number(K::ProcessRestartsCount, QString(), false),
            text(tr("times in"), page), number(K::ProcessRestartsWindowS, min, true)});
    addRow(check(K::QueueAge, tr("A queued task waits too long")),
        {text(tr("older than"), page), number(K::QueueAgeS, min, true)});
    addRow(check(K::QueueStalled, tr("A queue stalled")),
        {text(tr("nothing finished for"), page), number(K::QueueStalledS, min, true),
            text(tr("while tasks wait"), page)});
    addRow(check(K::WorkerLost, tr("A worker was lost")), {});

    auto *delivery = new QLabel(tr("Delivery"), page);
    QFont bold = delivery->font();
    bold.setBold(true);
    delivery->setFont(bold);
    grid->addWidget(delivery, row++, 0, 1, 2);
    addRow(text(tr("One message per"), page), {number(K::GroupS, tr(" s"), false)});
    addRow(text(tr("Check the rules every"), page), {number(K::IntervalS, tr(" s"), false)});
    auto *quiet = new QLineEdit(page);
    quiet->setObjectName(K::QuietHours);
    quiet->setPlaceholderText(tr("none, or e.g. 22:00-07:00"));
    quiet->setMinimumWidth(quiet->fontMetrics().horizontalAdvance(quiet->placeholderText())
        + quiet->fontMetrics().height());
    quiet->setToolTip(tr("Nothing is sent during these hours; what was held goes out as one "
                         "message when they end"));
    m_editors.insert(K::QuietHours, quiet);
    auto *zone = new QLineEdit(page);
    zone->setObjectName(K::QuietZone);
    zone->setPlaceholderText(QStringLiteral("UTC"));
    zone->setToolTip(tr("The time zone of the quiet hours, e.g. Europe/Kyiv"));
    m_editors.insert(K::QuietZone, zone);
    addRow(text(tr("Quiet hours"), page), {quiet, text(tr("in the time zone"), page), zone});
    addRow(text(tr("Retry a failed delivery after"), page),
        {number(K::RetryBaseS, tr(" s"), false), text(tr("at most every"), page),
            number(K::RetryCapS, min, true)});
    addRow(text(tr("Give up on a delivery after"), page), {number(K::GiveUpS, min, true)});
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(row, 1);
    return page;
}

QWidget *AlertsView::buildChannelsTab()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    auto secret = [this, page](const QString &key) {
        auto *edit = new QLineEdit(page);
        edit->setObjectName(key);
        edit->setPlaceholderText(tr("env:VARIABLE or file:/path"));
        edit->setToolTip(tr("Where the secret is read from when a message goes: an environment "
                            "variable of the sending process, or a file. The secret itself is "
                            "never stored, shown or logged."));
        m_editors.insert(key, edit);
        m_secretKeys.insert(key);
        return edit;
    };
    auto plain = [this, page](const QString &key, const QString &placeholder) {
        auto *edit = new QLineEdit(page);
        edit->setObjectName(key);
        edit->setPlaceholderText(placeholder);
        m_editors.insert(key, edit);
        return edit;
    };
    auto on = [this, page](const QString &key, const QString &text) {
        auto *box = new QCheckBox(text, page);
        box->setObjectName(key);
        m_editors.insert(key, box);
        return box;
    };
    form->addRow(on(K::Telegram, tr("Telegram")));
    form->addRow(tr("Bot token from:"), secret(K::TelegramToken));
    form->addRow(tr("Chat ID:"), plain(K::TelegramChatId, QStringLiteral("-1001234567890")));
    form->addRow(tr("Bot API address:"),
        plain(K::TelegramApiUrl, QStringLiteral("https://api.telegram.org")));
    form->addRow(on(K::Slack, tr("Slack")));
    form->addRow(tr("Webhook address from:"), secret(K::SlackUrl));
    form->addRow(on(K::Webhook, tr("Webhook (Alertmanager's format)")));
    form->addRow(tr("Address from:"), secret(K::WebhookUrl));
    form->addRow(tr("Signing key from:"), secret(K::WebhookHmacKey));
    form->addRow(on(K::Tray, tr("This app's tray, while it runs")));
    return page;
}

QString AlertsView::summary() const
{
    return m_summary->text();
}

void AlertsView::updateActions()
{
    const bool canAct = m_context.canAct();
    m_test->setEnabled(canAct && !m_sending);
    m_save->setEnabled(canAct && m_settingsShown);
    m_revert->setEnabled(m_settingsShown);
    for (QWidget *editor : std::as_const(m_editors))
        editor->setEnabled(canAct && m_settingsShown);
    m_settingsNote->setText(canAct
            ? tr("Rules and channels are shared by every supervisor and apply at its next check; "
                 "changes are audited.")
            : m_context.isReadOnly() ? tr("Read-only: the settings are shown, not changed.")
                                     : tr("The database does not answer: nothing can be changed."));
}

void AlertsView::refresh()
{
    if (m_loading)
        return;
    m_loading = true;
    Database &db = m_context.database();
    const bool withSettings = !m_settingsShown;
    m_context.background().run(
        this,
        [&db, withSettings]() {
            Snapshot s;
            AlertStore store(db);
            s.recent = store.recent(100);
            s.firing = store.firingByRule();
            s.deliveries = store.deliveries(100);
            if (withSettings)
                s.settings = Settings(db).values();
            return s;
        },
        [this, withSettings](Snapshot s) {
            m_loading = false;
            if (!s.recent.ok() || !s.firing.ok() || !s.deliveries.ok()) {
                const Error &e = !s.recent.ok() ? s.recent.error()
                    : !s.firing.ok()            ? s.firing.error()
                                                : s.deliveries.error();
                m_summary->setText(tr("The alerts could not be read: %1").arg(coreText(e)));
                return;
            }
            m_alertModel->setAlerts(*s.recent);
            m_deliveryModel->setDeliveries(*s.deliveries);
            // Every alert firing now, not only those among the last 100 shown.
            qint64 firingTotal = 0;
            for (const qint64 n : std::as_const(*s.firing))
                firingTotal += n;
            const int firing = int(qMin<qint64>(firingTotal, std::numeric_limits<int>::max()));
            m_summary->setText(
                firing == 0 ? tr("No alert is firing.") : tr("%n alerts firing.", nullptr, firing));
            if (withSettings && s.settings.ok())
                showSettings(*s.settings);
            noticeChanges(*s.recent);
        });
}

void AlertsView::noticeChanges(const QVector<AlertRecord> &recent)
{
    QMap<qint64, qint64> seen;
    for (const AlertRecord &r : recent) {
        seen.insert(r.id, r.alert.endsAt);
        if (m_firstLook || !m_trayOn || r.alert.rule == QLatin1String("test"))
            continue;
        const auto before = m_seen.constFind(r.id);
        const bool fired = before == m_seen.cend() && !r.alert.resolved();
        const bool resolved = r.alert.resolved() && (before == m_seen.cend() || *before == 0);
        if (fired)
            Q_EMIT alertChanged(tr("Alert: %1").arg(AlertTableModel::ruleText(r.alert.rule)),
                storedText(r.alert.summary), true);
        else if (resolved)
            Q_EMIT alertChanged(tr("Resolved: %1").arg(AlertTableModel::ruleText(r.alert.rule)),
                storedText(r.alert.summary), false);
    }
    m_seen = seen;
    m_firstLook = false;
}

void AlertsView::showSettings(const QMap<QString, QString> &values)
{
    m_loaded = values;
    m_hiddenSecrets.clear();
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        const QString value = values.value(it.key());
        if (m_secretKeys.contains(it.key())) {
            auto *edit = qobject_cast<QLineEdit *>(*it);
            const bool hidden = !value.trimmed().isEmpty() && !SecretSource::parse(value).ok();
            edit->setPlaceholderText(hidden
                    ? tr("The stored value is no env: or file: reference and is not shown")
                    : tr("env:VARIABLE or file:/path"));
            edit->setText(hidden ? QString() : value);
            if (hidden)
                m_hiddenSecrets.insert(it.key());
            continue;
        }
        if (auto *box = qobject_cast<QCheckBox *>(*it))
            box->setChecked(isOn(value));
        else if (auto *spin = qobject_cast<QSpinBox *>(*it))
            spin->setValue(int(
                m_minuteKeys.contains(it.key()) ? value.toLongLong() / 60 : value.toLongLong()));
        else if (auto *edit = qobject_cast<QLineEdit *>(*it))
            edit->setText(value);
    }
    m_trayOn = isOn(values.value(K::Tray));
    m_settingsShown = true;
    updateActions();
}

// What the editors say, for the keys whose editor the operator changed: a
// value shown in minutes that was stored as 90 s stays 90 s unless its
// minutes were edited.
QMap<QString, QString> AlertsView::editedSettings() const
{
    QMap<QString, QString> changed;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        const QString loaded = m_loaded.value(it.key());
        QString now;
        QString shown;
        if (auto *box = qobject_cast<QCheckBox *>(*it)) {
            now = box->isChecked() ? QStringLiteral("on") : QStringLiteral("off");
            shown = isOn(loaded) ? QStringLiteral("on") : QStringLiteral("off");
        } else if (auto *spin = qobject_cast<QSpinBox *>(*it)) {
            const bool minutes = m_minuteKeys.contains(it.key());
            now = QString::number(qint64(spin->value()) * (minutes ? 60 : 1));
            shown = QString::number(minutes ? loaded.toLongLong() / 60 * 60 : loaded.toLongLong());
        } else if (auto *edit = qobject_cast<QLineEdit *>(*it)) {
            now = edit->text().trimmed();
            shown = m_hiddenSecrets.contains(it.key()) ? QString() : loaded.trimmed();
        }
        if (now != shown)
            changed.insert(it.key(), now);
    }
    return changed;
}

void AlertsView::saveSettings()
{
    const QMap<QString, QString> changed = editedSettings();
    if (changed.isEmpty()) {
        Q_EMIT message(tr("Nothing was changed."), MessageBar::Type::Information);
        return;
    }
    Database &db = m_context.database();
    const QString actor = m_context.operatorName();
    m_save->setEnabled(false);
    m_context.writer().run(
        this, [&db, actor, changed]() { return Settings(db, actor).set(changed); },
        [this, changed](const Error &e) {
            updateActions();
            if (e) {
                Q_EMIT message(tr("The alert settings were not saved: %1").arg(coreText(e)),
                    MessageBar::Type::Error);
                return;
            }
            for (auto it = changed.cbegin(); it != changed.cend(); ++it)
                m_loaded.insert(it.key(), it.value());
            m_trayOn = isOn(m_loaded.value(K::Tray));
            Q_EMIT message(tr("Saved %n alert settings.", nullptr, int(changed.size())),
                MessageBar::Type::Positive);
        });
}

void AlertsView::revertSettings()
{
    m_settingsShown = false;
    updateActions();
    refresh();
}

void AlertsView::sendTestAlert()
{
    if (m_sending || !m_context.canAct())
        return;
    const QString channel = m_testChannel->currentData().toString();
    Database &db = m_context.database();
    const QString actor = m_context.operatorName();
    m_sending = true;
    updateActions();
    if (m_trayOn && channel.isEmpty())
        Q_EMIT alertChanged(tr("Test alert"), tr("A test alert from Taskdesk"), false);
    m_sender->run(
        this,
        [&db, actor, channel]() {
            return TestAlert::send(db, defaultChannelFactory(), actor, channel);
        },
        [this](const Result<QVector<TestAlertResult>> &results) {
            m_sending = false;
            updateActions();
            refresh();
            if (!results.ok()) {
                Q_EMIT message(tr("No test alert was sent: %1").arg(coreText(results.error())),
                    MessageBar::Type::Warning);
                return;
            }
            QStringList sent;
            QStringList failed;
            for (const TestAlertResult &r : *results) {
                if (r.ok)
                    sent << DeliveryTableModel::channelText(r.channel);
                else
                    failed << tr("%1: %2").arg(
                        DeliveryTableModel::channelText(r.channel), storedText(r.error));
            }
            if (failed.isEmpty())
                Q_EMIT message(tr("A test alert went to %1.").arg(sent.join(QStringLiteral(", "))),
                    MessageBar::Type::Positive);
            else
                Q_EMIT message(
                    tr("The test alert failed on %1").arg(failed.join(QStringLiteral("; "))),
                    MessageBar::Type::Error);
        });
}

} // namespace taskdesk::ui
