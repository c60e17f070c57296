#include "traynotifier.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace taskdesk::ui {

TrayNotifier::TrayNotifier(QWidget *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/taskdesk.svg")), this);
    m_tray->setToolTip(tr("Taskdesk"));
    auto *menu = new QMenu(window);
    menu->addAction(tr("Show Taskdesk"), this, [this]() {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    });
    menu->addSeparator();
    menu->addAction(tr("Quit"), m_window, &QWidget::close);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
        [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this]() {
        m_window->showNormal();
        m_window->raise();
    });
    m_tray->show();
}

void TrayNotifier::notify(const QString &title, const QString &text, bool warning)
{
    m_lastTitle = title;
    m_lastText = text;
    ++m_count;
    if (m_tray)
        m_tray->showMessage(
            title, text, warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
}

void TrayNotifier::updateStuckCount(qint64 queued, qint64 running)
{
    const qint64 stuck = queued + running;
    const qint64 before = m_stuck;
    m_stuck = stuck;
    const QString parts
        = tr("%1 queued, %2 running").arg(QLocale().toString(queued), QLocale().toString(running));
    m_toolTip = tr("Taskdesk: %Ln stuck task(s) (%1)", "", int(stuck)).arg(parts);
    if (m_tray)
        m_tray->setToolTip(m_toolTip);
    if (before < 0 || stuck <= before)
        return;
    notify(tr("Stuck tasks"),
        tr("%Ln task(s) stuck now (%1). Open the Stuck page to clean up.", "", int(stuck))
            .arg(parts));
}

} // namespace taskdesk::ui
