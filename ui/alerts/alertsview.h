#pragma once

#include "core/alerts/alertstore.h"
#include "ui/widgets/messagebar.h"

#include <QMap>
#include <QSet>
#include <QString>
#include <QWidget>

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace taskdesk::ui {

class AlertTableModel;
class AppContext;
class BackgroundRunner;
class DeliveryTableModel;

// Alerts: what fired and resolved, each message's delivery, the rules and
// the channels (kept in the shared settings, so one edit serves every
// supervisor), and "Send Test Alert". The tray is the desktop's own channel:
// while it is on, an alert that fires or resolves is shown there too.
class AlertsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsView)

public:
    explicit AlertsView(AppContext &context, QWidget *parent = nullptr);
    ~AlertsView() override;

    AlertTableModel *alerts() const { return m_alertModel; }
    DeliveryTableModel *deliveries() const { return m_deliveryModel; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *testButton() const { return m_test; }
    QComboBox *testChannel() const { return m_testChannel; }
    QPushButton *saveButton() const { return m_save; }
    QString summary() const;
    // The editor of a setting on the Rules or Channels tab (tests).
    QWidget *editorFor(const QString &key) const { return m_editors.value(key); }
    // Whether the tray is a channel (the settings): alerts are then read on every tick.
    bool watchesTray() const { return m_trayOn; }
    // Whether a test alert is on its way.
    bool isSending() const { return m_sending; }

public Q_SLOTS:
    void refresh();
    void saveSettings();
    void revertSettings();
    void sendTestAlert();

Q_SIGNALS:
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);
    // An alert fired or resolved since the last look, for the tray (only while
    // the tray channel is on).
    void alertChanged(const QString &title, const QString &text, bool warning);

private:
    QWidget *buildRulesTab();
    QWidget *buildChannelsTab();
    QTableView *makeTable(QAbstractItemModel *model, const QString &name, int badgeColumn);
    // Each editor shows its setting; seconds as minutes where the form says so.
    void showSettings(const QMap<QString, QString> &values);
    QMap<QString, QString> editedSettings() const;
    void updateActions();
    void noticeChanges(const QVector<AlertRecord> &recent);

    AppContext &m_context;
    BackgroundRunner *m_sender; // test alerts: a delivery may wait seconds for its receiver
    AlertTableModel *m_alertModel;
    DeliveryTableModel *m_deliveryModel;
    QTabWidget *m_tabs;
    QLabel *m_summary;
    QComboBox *m_testChannel;
    QPushButton *m_test;
    QPushButton *m_save;
    QPushButton *m_revert;
    QLabel *m_settingsNote;
    QMap<QString, QWidget *> m_editors; // by settings key
    QSet<QString> m_minuteKeys; // shown in minutes, stored in seconds
    QMap<QString, QString> m_loaded; // the values the editors were filled from
    // Secret settings whose stored value is no reference (perhaps the secret
    // itself, written by hand): not shown, and unchanged unless typed over.
    QSet<QString> m_hiddenSecrets;
    QSet<QString> m_secretKeys;
    QMap<qint64, qint64> m_seen; // alert id -> its endsAt when last seen
    bool m_firstLook = true;
    bool m_loading = false;
    bool m_sending = false;
    bool m_trayOn = false;
    bool m_settingsShown = false;
};

} // namespace taskdesk::ui
