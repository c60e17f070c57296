// Texts for people: English plural forms are right ("1 task", "2 tasks"),
// the committed translation files hold every plural text of the code, and
// Russian and Ukrainian have a finished translation of every text, with the
// same placeholders and three plural forms.

#include "ui/common/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace taskdesk::ui;

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList forms;
};

QList<Message> numerusMessages(const QString &tsPath)
{
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            if (xml.isEndElement() && xml.name() == QLatin1String("message") && numerus)
                messages.append(current);
            continue;
        }
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            current = Message{context, {}, {}};
        } else if (xml.name() == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("numerusform")) {
            current.forms.append(xml.readElementText());
        }
    }
    return messages;
}

// What lupdate leaves for a person to do in a .ts file: texts without a
// translation (unfinished) and texts the code no longer has (vanished,
// obsolete), each as "context | source".
struct Unfinished
{
    QStringList untranslated;
    QStringList leftBehind;
    QStringList badPlaceholders;
    QStringList badPlurals;
    int messages = 0;
};

QStringList placeholders(const QString &text)
{
    static const QRegularExpression placeholder(QStringLiteral("%L?[0-9n]"));
    QStringList found;
    for (auto it = placeholder.globalMatch(text); it.hasNext();)
        found << it.next().captured().remove(QLatin1Char('L'));
    found.sort();
    found.removeDuplicates();
    return found;
}

Unfinished unfinishedIn(const QString &tsPath)
{
    Unfinished result;
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly))
        return result;
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QString translation;
    QStringList forms;
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            ++result.messages;
            const QString key = context + QStringLiteral(" | ") + source;
            const QStringList wanted = placeholders(source);
            const QStringList texts = numerus ? forms : QStringList{translation};
            for (const QString &text : texts) {
                if (placeholders(text) != wanted)
                    result.badPlaceholders << key + QStringLiteral(" → ") + text;
            }
            if (numerus && (forms.size() != 3 || forms.contains(QString())))
                result.badPlurals << key;
            continue;
        }
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            source.clear();
            translation.clear();
            forms.clear();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString key = context + QStringLiteral(" | ") + source;
            if (type == QLatin1String("unfinished"))
                result.untranslated << key;
            else if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                result.leftBehind << key;
            if (!numerus)
                translation = xml.readElementText();
        } else if (xml.name() == QLatin1String("numerusform")) {
            forms << xml.readElementText();
        }
    }
    return result;
}

QSet<QString> keys(const QList<Message> &messages)
{
    QSet<QString> set;
    for (const Message &m : messages)
        set.insert(m.context + QLatin1Char('|') + m.source);
    return set;
}

} // namespace

class TranslationsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { installTranslations(*QCoreApplication::instance(), QLocale::c()); }

    void englishPluralsReadRight_data()
    {
        QTest::addColumn<QByteArray>("context");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one deleted")
            << QByteArray("taskdesk::ui::TaskActions") << QByteArray("%Ln task(s) deleted.") << 1
            << QStringLiteral("1 task deleted.");
        QTest::newRow("two deleted")
            << QByteArray("taskdesk::ui::TaskActions") << QByteArray("%Ln task(s) deleted.") << 2
            << QStringLiteral("2 tasks deleted.");
        QTest::newRow("no process")
            << QByteArray("taskdesk::ui::ProcessesView") << QByteArray("Starting %n process(es).")
            << 0 << QStringLiteral("Starting 0 processes.");
        QTest::newRow("one hour") << QByteArray("taskdesk::ui::StatsView")
                                  << QByteArray("Last %n hour(s)") << 1
                                  << QStringLiteral("Last 1 hour");
    }

    void englishPluralsReadRight()
    {
        QFETCH(QByteArray, context);
        QFETCH(QByteArray, source);
        QFETCH(int, count);
        QFETCH(QString, expected);
        QCOMPARE(
            QCoreApplication::translate(context.constData(), source.constData(), nullptr, count),
            expected);
    }

    // Every plural text has both English forms, and none says "(s)".
    void everyEnglishPluralIsWritten()
    {
        const QList<Message> messages
            = numerusMessages(QStringLiteral(TASKDESK_SOURCE_DIR "/translations/taskdesk_en.ts"));
        QVERIFY(messages.size() > 10);
        static const QRegularExpression unfinished(QStringLiteral("\\((e?s|ies)\\)"));
        for (const Message &m : messages) {
            QVERIFY2(m.forms.size() == 2 && !m.forms.at(0).isEmpty() && !m.forms.at(1).isEmpty(),
                qPrintable(m.source));
            for (const QString &form : m.forms)
                QVERIFY2(!unfinished.match(form).hasMatch(), qPrintable(form));
        }
    }

    // The committed file holds exactly the plural texts the code has today:
    // a text added without its English forms, or one left behind, fails here.
    // packaging/dev.sh translations brings the files up to date.
    void englishFileMatchesTheCode()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString scanned = dir.filePath(QStringLiteral("scanned_en.ts"));
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(TASKDESK_SOURCE_DIR));
        lupdate.start(QStringLiteral(TASKDESK_LUPDATE_PATH),
            {QStringLiteral("-pluralonly"), QStringLiteral("-locations"), QStringLiteral("none"),
                QStringLiteral("-target-language"), QStringLiteral("en"), QStringLiteral("app"),
                QStringLiteral("ui"), QStringLiteral("-ts"), scanned});
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QSet<QString> code = keys(numerusMessages(scanned));
        const QSet<QString> committed = keys(
            numerusMessages(QStringLiteral(TASKDESK_SOURCE_DIR "/translations/taskdesk_en.ts")));
        QVERIFY(!code.isEmpty());
        QStringList missing = QSet<QString>(code).subtract(committed).values();
        QStringList left = QSet<QString>(committed).subtract(code).values();
        missing.sort();
        left.sort();
        QVERIFY2(missing.isEmpty(),
            qPrintable(
                QStringLiteral("not in taskdesk_en.ts: ") + missing.join(QLatin1String("; "))));
        QVERIFY2(left.isEmpty(),
            qPrintable(QStringLiteral("no longer in the code: ") + left.join(QLatin1String("; "))));
    }

    void everyTextIsTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("Russian") << QStringLiteral("ru");
        QTest::newRow("Ukrainian") << QStringLiteral("uk");
    }

    // lupdate, as the update_translations target runs it, on a copy of the
    // committed file: a text of the code with no translation yet, or one the
    // code no longer has, fails here, so that no text ships untranslated.
    // `cmake --build build --target update_translations` (packaging/dev.sh
    // translations) brings the file up to date; then translate what it marked.
    void everyTextIsTranslated()
    {
        QFETCH(QString, language);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString committed
            = QStringLiteral(TASKDESK_SOURCE_DIR "/translations/taskdesk_%1.ts").arg(language);
        const QString copy = dir.filePath(QStringLiteral("taskdesk_%1.ts").arg(language));
        QVERIFY(QFile::copy(committed, copy));
        QVERIFY(QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner));

        const QString project = dir.filePath(QStringLiteral("project.json"));
        QProcess generate;
        generate.start(QStringLiteral(TASKDESK_CMAKE_COMMAND),
            {QStringLiteral("-DIN_FILE=" TASKDESK_LUPDATE_PROJECT),
                QStringLiteral("-DOUT_FILE=") + project, QStringLiteral("-P"),
                QStringLiteral(TASKDESK_LUPDATE_PROJECT_SCRIPT)});
        QVERIFY(generate.waitForFinished(60000));
        QCOMPARE(generate.exitCode(), 0);

        // Without -no-obsolete: a text the code lost shows up as vanished.
        QProcess lupdate;
        lupdate.start(QStringLiteral(TASKDESK_LUPDATE_PATH),
            {QStringLiteral("-project"), project, QStringLiteral("-locations"),
                QStringLiteral("none"), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

        const Unfinished found = unfinishedIn(copy);
        QVERIFY(found.messages > 400);
        QVERIFY2(found.untranslated.isEmpty(),
            qPrintable(QStringLiteral("not translated in taskdesk_%1.ts: ").arg(language)
                + found.untranslated.join(QLatin1String("; "))));
        QVERIFY2(found.leftBehind.isEmpty(),
            qPrintable(
                QStringLiteral("no longer in the code, still in taskdesk_%1.ts: ").arg(language)
                + found.leftBehind.join(QLatin1String("; "))));
        QVERIFY2(found.badPlaceholders.isEmpty(),
            qPrintable(QStringLiteral("placeholders differ from the English: ")
                + found.badPlaceholders.join(QLatin1String("; "))));
        QVERIFY2(found.badPlurals.isEmpty(),
            qPrintable(QStringLiteral("not three plural forms: ")
                + found.badPlurals.join(QLatin1String("; "))));
    }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "tst_translations.moc"
