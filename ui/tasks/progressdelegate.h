#pragma once

#include <QPersistentModelIndex>
#include <QStyledItemDelegate>

namespace taskdesk::ui {

// The progress column: a bar (QStyleOptionProgressBar) from the model's raw
// value (0…1, negative for none) with its text, and in the row of a RUNNING
// task a red ✕ button at the right end that asks to cancel it. The button is
// painted and handled here (editorEvent), not a widget per row.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressDelegate)

public:
    explicit ProgressDelegate(QObject *parent = nullptr);

    // Read-only mode and an unreachable database hide the button.
    void setCancelEnabled(bool enabled);
    bool isCancelEnabled() const { return m_cancelEnabled; }
    // Where the ✕ button of a cell is (empty when the row has none).
    QRect cancelButtonRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static QRect buttonRect(const QRect &cell, const QFontMetrics &metrics);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

Q_SIGNALS:
    void cancelRequested(qint64 taskId);

private:
    bool hasButton(const QModelIndex &index) const;

    bool m_cancelEnabled = true;
    QPersistentModelIndex m_pressed;
};

} // namespace taskdesk::ui
