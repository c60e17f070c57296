#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

class QSettings;

namespace taskdesk::ui {

// This desktop's own preferences (QSettings): where the database is, who the
// operator is, which language it speaks, how often the views refresh, whether this app runs the
// sweeper and the scheduler. What all front ends share (the sweeper's rules) lives in the
// database's settings table instead.
class AppSettings final
{
public:
    // An empty path: the user's configuration (~/.config/Taskdesk/taskdesk.conf).
    explicit AppSettings(const QString &iniPath = {});
    ~AppSettings();
    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    static constexpr int kDefaultRefreshMs = 1000;
    static constexpr int kMinRefreshMs = 200;
    static constexpr int kMaxRefreshMs = 60000;

    QString databaseLocation() const; // empty: --db, TASKDESK_DB or the default file
    void setDatabaseLocation(const QString &location);
    QString operatorName() const; // default: the OS user
    void setOperatorName(const QString &name);
    int refreshIntervalMs() const;
    void setRefreshIntervalMs(int ms);
    bool runSweeper() const;
    void setRunSweeper(bool run);
    bool runScheduler() const;
    void setRunScheduler(bool run);
    // "en", "ru", "uk"; empty: the system's locale. Read at start-up.
    QString language() const;
    void setLanguage(const QString &language);
    bool demoOffered() const;
    void setDemoOffered(bool offered);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray tableHeaderState() const;
    void setTableHeaderState(const QByteArray &state);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace taskdesk::ui
