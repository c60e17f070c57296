#pragma once

#include <QObject>
#include <QSet>

class QSystemTrayIcon;
class QWidget;

namespace taskdesk::ui {

// The tray icon (when the desktop has a tray) and its desktop notifications:
// new stuck tasks, a process gone FATAL. Without a tray the notifications are
// still kept, so that tests and the status bar can read the last one.
class TrayNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)

public:
    explicit TrayNotifier(QWidget *window, QObject *parent = nullptr);

    void notify(const QString &title, const QString &text, bool warning = true);
    // Notifies when more tasks are stuck than at the last call.
    void updateStuckCount(qint64 queued, qint64 running);
    // The tray icon's tooltip (kept without a tray too).
    QString toolTip() const { return m_toolTip; }
    // The last notification and how many there were (kept without a tray too).
    QString lastTitle() const { return m_lastTitle; }
    QString lastText() const { return m_lastText; }
    int notificationCount() const { return m_count; }

private:
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    qint64 m_stuck = -1;
    QString m_toolTip;
    QString m_lastTitle;
    QString m_lastText;
    int m_count = 0;
};

} // namespace taskdesk::ui
