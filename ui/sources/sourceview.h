#pragma once

#include "core/sources/sourcedefinition.h"
#include "core/sources/sourcereader.h"
#include "core/tasks/taskrules.h"
#include "ui/widgets/messagebar.h"

#include <QMap>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolBar;
class QToolButton;

namespace taskdesk::ui {

class AppContext;
class ElidedLabel;
class SourceDetailPane;
class SourceTableModel;

// The page of one attached source: the same table, badges, chips with counts,
// search, sorting, detail pane and one-confirmation actions as the Tasks page,
// on another program's table. Everything that touches a database runs on the
// context's background runner, where the source is opened and kept (its
// Database holds one connection per thread); the page shows what comes back.
// A source that cannot be opened shows one message and a Retry.
class SourceView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceView)

public:
    enum Chip { All, Pending, Running, Completed, Failed, Stuck, Unmapped };
    static constexpr int kPageSize = 100;
    static constexpr int kRefreshMs = 2500;

    SourceView(AppContext &context, const QString &name, QWidget *parent = nullptr);
    ~SourceView() override;

    QString name() const { return m_name; }
    const SourceDefinition &definition() const { return m_def; }
    bool isOpen() const { return m_open; }
    // The message shown when the source could not be opened or read.
    QString errorText() const;
    SourceTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    SourceDetailPane *detail() const { return m_detail; }
    QLineEdit *searchField() const { return m_search; }
    QToolButton *chip(Chip chip) const;
    QPushButton *retryButton() const { return m_retry; }
    QAction *action(TaskAction kind) const { return m_actions.value(kind); }
    QAction *refreshAction() const { return m_refresh; }
    const SourceCounts &counts() const { return m_counts; }
    qint64 matchCount() const { return m_matches; }
    QString pageText() const;
    void setChip(Chip chip);
    // Selects the row of `key` if it is on the page shown.
    bool selectKey(qint64 key, bool add = false);
    QVector<SourceRow> selectedRows() const;

public Q_SLOTS:
    // Connects (again) and reads the first page.
    void open();
    // Reads the page shown, the counts and the detail of the current row.
    void refresh();
    void nextPage();
    void previousPage();

Q_SIGNALS:
    void message(const QString &text, taskdesk::ui::MessageBar::Type type);
    void opened(bool ok);

private:
    struct Session;
    struct Snapshot;
    struct Outcome;

    void buildActions();
    QWidget *buildContent();
    QWidget *buildErrorPanel();
    TaskFilter currentFilter() const;
    void applySnapshot(const Snapshot &snapshot);
    // The current row's detail alone (a new row chosen): no page, no counts.
    void refreshDetail();
    void applyDetail(const Snapshot &snapshot);
    void showFailure(const QString &text);
    void restart(); // page 1 of a new filter or sort
    void readSelection();
    void updateActions();
    void updateChips();
    void showContextMenu(const QPoint &pos);
    void runAction(TaskAction kind);
    void report(TaskAction kind, const Outcome &outcome);
    QVector<SourceRow> targetsOf(TaskAction kind) const;

    AppContext &m_context;
    QString m_name;
    std::shared_ptr<Session> m_session; // used on the background thread only
    SourceDefinition m_def;
    bool m_open = false;
    bool m_opening = false;
    bool m_reading = false;
    bool m_rereadWanted = false;
    bool m_busy = false;
    QStackedWidget *m_stack;
    QLabel *m_errorText;
    QPushButton *m_retry;
    QLabel *m_heading;
    ElidedLabel *m_where;
    QToolBar *m_toolBar;
    QMap<TaskAction, QAction *> m_actions;
    QAction *m_refresh;
    QAction *m_find;
    QButtonGroup *m_chipGroup;
    QMap<Chip, QToolButton *> m_chips;
    QLineEdit *m_search;
    SourceTableModel *m_model;
    QTableView *m_table;
    SourceDetailPane *m_detail;
    QPushButton *m_previous;
    QPushButton *m_next;
    QLabel *m_pageLabel;
    QTimer *m_timer;
    QTimer *m_searchDelay;
    Chip m_chip = All;
    TaskFilter::Sort m_sort = TaskFilter::Sort::Id;
    bool m_descending = true;
    // Keyset paging on the key: the key each page starts after (none for the
    // first); other sorts page by offset.
    QVector<std::optional<qint64>> m_anchors{std::nullopt};
    int m_page = 0;
    // Counting a big table's rows takes longer than reading a page: the counts
    // are read every m_countsEvery ticks (from how long they took), and at once
    // after a new filter, sort or action.
    int m_countsEvery = 1;
    int m_sinceCounts = 0;
    bool m_countsWanted = true;
    SourceCounts m_counts;
    qint64 m_matches = 0;
    QVector<qint64> m_selectedKeys;
    qint64 m_currentKey = 0;
    bool m_restoring = false;
};

} // namespace taskdesk::ui
