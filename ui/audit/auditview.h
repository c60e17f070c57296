#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace taskdesk::ui {

class AppContext;
class AuditTableModel;

// The audit log, newest first, searchable (who, what, which task, details):
// new rows appear on top as they are written, older ones page in on demand.
class AuditView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditView)

public:
    static constexpr int kPage = 300;

    explicit AuditView(AppContext &context, QWidget *parent = nullptr);

    AuditTableModel *model() const { return m_model; }
    QLineEdit *searchField() const { return m_search; }
    QTableView *table() const { return m_table; }
    QString summary() const;

public Q_SLOTS:
    void refresh(); // newer rows only
    void reload(); // the search from the top
    void loadOlder();

private:
    // The label follows the rows the table holds, however they came.
    void updateSummary();

    AppContext &m_context;
    AuditTableModel *m_model;
    QLineEdit *m_search;
    QTableView *m_table;
    QPushButton *m_older;
    QLabel *m_summary;
    QTimer *m_searchDelay;
};

} // namespace taskdesk::ui
