#include "launcher.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    return taskdesk::ui::Launcher::run(app);
}
