#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QList>
#include <QPointer>
#include <QTranslator>

namespace taskdesk::ui {

namespace {

const QString kFolder = QStringLiteral(":/i18n");
const QString kName = QStringLiteral("taskdesk");

// What the last call installed, removed by the next one.
QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

QString &language()
{
    static QString name = QStringLiteral("en");
    return name;
}

bool install(QCoreApplication &app, const QString &file, const QString &folder)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(file, folder)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    installed().append(translator);
    return true;
}

} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("ru"), QStringLiteral("uk")};
}

QLocale localeForLanguage(const QString &language)
{
    if (language.isEmpty() || !availableLanguages().contains(language))
        return QLocale::system();
    return QLocale(language);
}

void installTranslations(QCoreApplication &app, const QLocale &locale)
{
    for (const QPointer<QTranslator> &translator : std::as_const(installed())) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installed().clear();
    QLocale::setDefault(locale);

    install(app, kName + QStringLiteral("_en"), kFolder);
    language() = QStringLiteral("en");
    // The locale's languages in the user's order ("de", then "uk"): the
    // first that Taskdesk speaks wins.
    for (const QString &name : locale.uiLanguages()) {
        const QString code = name.section(QLatin1Char('-'), 0, 0).toLower();
        if (code == QLatin1String("en") || code == QLatin1String("c"))
            return;
        if (!availableLanguages().contains(code))
            continue;
        // A translator installed later is asked first, so Taskdesk's texts
        // and Qt's come before the English plural forms.
        install(app, QStringLiteral("qtbase_") + code,
            QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        if (install(app, kName + QLatin1Char('_') + code, kFolder))
            language() = code;
        return;
    }
}

QString installedLanguage()
{
    return language();
}

} // namespace taskdesk::ui
