#include "ui/app/launcher.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

namespace {

// TASKDESK_SCREENSHOT=FILE: once the main window has rendered, save it to FILE
// (PNG) and quit; exit code 4 when no window showed within 30 s or FILE could
// not be written. The package check runs the installed app this way on the
// offscreen platform.
void screenshotAndQuit(const QString &file)
{
    auto *poll = new QTimer(qApp);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, clock, file] {
        QMainWindow *window = nullptr;
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *main = qobject_cast<QMainWindow *>(widget); main && main->isVisible())
                window = main;
        }
        if (!window) {
            if (clock.elapsed() > 30000) {
                poll->stop();
                QCoreApplication::exit(4);
            }
            return;
        }
        poll->stop();
        // A moment for the first page to load its rows.
        QTimer::singleShot(500, window, [window, file] {
            const QPixmap picture = window->grab();
            QCoreApplication::exit(!picture.isNull() && picture.save(file, "PNG") ? 0 : 4);
        });
    });
    poll->start(100);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (!qEnvironmentVariableIsEmpty("TASKDESK_SCREENSHOT"))
        screenshotAndQuit(qEnvironmentVariable("TASKDESK_SCREENSHOT"));
    return taskdesk::ui::Launcher::run(app);
}
