#include "translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace taskdesk::ui {

namespace {

const QString kFolder = QStringLiteral(":/i18n");
const QString kName = QStringLiteral("taskdesk");

bool install(QCoreApplication &app, const QString &language)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(kName + QLatin1Char('_') + language, kFolder)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

void installTranslations(QCoreApplication &app, const QLocale &locale)
{
    install(app, QStringLiteral("en"));
    // A translator installed later is asked first, so the user's language
    // wins and English plural forms fill what it lacks.
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, kName, QStringLiteral("_"), kFolder)
        && !translator->language().startsWith(QLatin1String("en")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace taskdesk::ui
