#pragma once

#include <QWidget>

class QVBoxLayout;

namespace taskdesk::ui {

// Widgets (the message bars) stacked over the bottom edge of another widget
// instead of beside it in a layout: one appearing or going never moves or
// resizes what is under the mouse. It follows the size of the widget it covers
// and is shown only while one of its widgets is.
class OverlayStack final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverlayStack)

public:
    // `covered` must be a sibling of this widget (or this widget's parent).
    explicit OverlayStack(QWidget *covered, QWidget *parent);

    void addWidget(QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void place();

    QWidget *m_covered;
    QVBoxLayout *m_layout;
    QList<QWidget *> m_widgets;
    bool m_placing = false;
};

} // namespace taskdesk::ui
