#pragma once

#include "ui/common/badgepainter.h"

#include <QWidget>

namespace taskdesk::ui {

// One status badge as a widget (the detail pane, the stats cards), painted like
// the table's so that a status looks the same everywhere.
class BadgeLabel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BadgeLabel)

public:
    explicit BadgeLabel(QWidget *parent = nullptr);

    void setBadge(const QString &word, BadgeTone tone);
    void setStatus(TaskStatus status);
    QString text() const { return m_word; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_word;
    BadgeTone m_tone = BadgeTone::Neutral;
};

} // namespace taskdesk::ui
