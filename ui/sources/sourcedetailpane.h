#pragma once

#include "core/sources/sourcereader.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace taskdesk::ui {

class BadgeLabel;

// The detail of one row of a source: its fields, its error text, its items
// (label, status as stored, times) and its log column, tailed: a read from the
// characters already shown appends only what is new, and the view follows the
// bottom unless the operator scrolled up.
class SourceDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceDetailPane)

public:
    explicit SourceDetailPane(QWidget *parent = nullptr);

    // No row: the pane says so.
    void clear();
    void showRow(const SourceRow &row, const QVector<SourceItem> &items);
    // The log of `key` read from character `from` on; `restart` replaces what
    // is shown. A read from another place than logChars() (an older read that
    // came late) is dropped: the next one reads on from what is shown.
    void appendLog(qint64 key, const QString &text, bool restart, qint64 from);
    qint64 key() const { return m_key; }
    // Characters (code points) of the log shown so far: where the next read starts.
    qint64 logChars() const { return m_logChars; }
    QPlainTextEdit *logView() const { return m_log; }
    QTableWidget *itemsTable() const { return m_items; }
    QString fieldsText() const;

private:
    qint64 m_key = 0;
    qint64 m_logChars = 0;
    QLabel *m_heading;
    BadgeLabel *m_badge;
    QLabel *m_fields;
    QLabel *m_error;
    QTableWidget *m_items;
    QPlainTextEdit *m_log;
};

} // namespace taskdesk::ui
