#include "coretext.h"

#include "core/error.h"

#include <QCoreApplication>

namespace taskdesk::ui {

QString coreText(const Error &error)
{
    if (!error.source())
        return error.message();
    return Error::fill(
        QCoreApplication::translate("taskdesk::Error", error.source()), error.args());
}

} // namespace taskdesk::ui
