#include "coretext.h"

#include "core/error.h"
#include "ui/common/storedtext.h"

#include <QCoreApplication>

namespace taskdesk::ui {

QString coreText(const Error &error)
{
    if (!error.source())
        return storedText(error.message());
    QStringList args = error.args();
    const std::vector<Error> &parts = error.parts();
    for (qsizetype i = 0; i < args.size() && size_t(i) < parts.size(); ++i)
        args[i] = coreText(parts.at(size_t(i)));
    return Error::fill(QCoreApplication::translate("taskdesk::Error", error.source()), args);
}

} // namespace taskdesk::ui
