#pragma once

#include <QLabel>

namespace taskdesk::ui {

// A one-line label that gives way when room is short: its text elided to the
// width it gets (in the middle by default, so that a path keeps its start and
// its file name), the whole text in its tool tip. Its minimum width is what
// the owner sets; it asks for its whole text when there is room.
class ElidedLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget *parent = nullptr, Qt::TextElideMode mode = Qt::ElideMiddle);

    void setFullText(const QString &text);
    QString fullText() const { return m_fullText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void elide();

    QString m_fullText;
    Qt::TextElideMode m_mode;
};

} // namespace taskdesk::ui
