#include "appsettings.h"

#include "core/auditlog.h"

#include <QSettings>

#include <algorithm>

namespace taskdesk::ui {

AppSettings::AppSettings(const QString &iniPath)
    : m_settings(iniPath.isEmpty()
            ? std::make_unique<QSettings>(QStringLiteral("Taskdesk"), QStringLiteral("taskdesk"))
            : std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{ }

AppSettings::~AppSettings() = default;

QString AppSettings::databaseLocation() const
{
    return m_settings->value(QStringLiteral("database/location")).toString();
}

void AppSettings::setDatabaseLocation(const QString &location)
{
    m_settings->setValue(QStringLiteral("database/location"), location.trimmed());
}

QString AppSettings::operatorName() const
{
    const QString name = m_settings->value(QStringLiteral("operator/name")).toString().trimmed();
    return name.isEmpty() ? AuditLog::osUser() : name;
}

void AppSettings::setOperatorName(const QString &name)
{
    m_settings->setValue(QStringLiteral("operator/name"), name.trimmed());
}

int AppSettings::refreshIntervalMs() const
{
    const int ms
        = m_settings->value(QStringLiteral("view/refreshIntervalMs"), kDefaultRefreshMs).toInt();
    return std::clamp(ms, kMinRefreshMs, kMaxRefreshMs);
}

void AppSettings::setRefreshIntervalMs(int ms)
{
    m_settings->setValue(
        QStringLiteral("view/refreshIntervalMs"), std::clamp(ms, kMinRefreshMs, kMaxRefreshMs));
}

bool AppSettings::runSweeper() const
{
    return m_settings->value(QStringLiteral("runtime/runSweeper"), true).toBool();
}

void AppSettings::setRunSweeper(bool run)
{
    m_settings->setValue(QStringLiteral("runtime/runSweeper"), run);
}

bool AppSettings::runScheduler() const
{
    return m_settings->value(QStringLiteral("runtime/runScheduler"), true).toBool();
}

void AppSettings::setRunScheduler(bool run)
{
    m_settings->setValue(QStringLiteral("runtime/runScheduler"), run);
}

QString AppSettings::language() const
{
    return m_settings->value(QStringLiteral("view/language")).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings->setValue(QStringLiteral("view/language"), language);
}

bool AppSettings::demoOffered() const
{
    return m_settings->value(QStringLiteral("demo/offered"), false).toBool();
}

void AppSettings::setDemoOffered(bool offered)
{
    m_settings->setValue(QStringLiteral("demo/offered"), offered);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(QStringLiteral("window/geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray AppSettings::tableHeaderState() const
{
    return m_settings->value(QStringLiteral("tasks/header")).toByteArray();
}

void AppSettings::setTableHeaderState(const QByteArray &state)
{
    m_settings->setValue(QStringLiteral("tasks/header"), state);
}

void AppSettings::sync()
{
    m_settings->sync();
}

} // namespace taskdesk::ui
