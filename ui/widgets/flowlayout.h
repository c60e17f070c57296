#pragma once

#include <QLayout>
#include <QList>

namespace taskdesk::ui {

// Lays its items in a row and moves those that do not fit onto the next line
// (as Qt's flow layout example does), so that a row of chips or buttons asks
// only for the room of its widest item: the longer Russian and Ukrainian
// words take a second line in a narrow window instead of widening the page.
class FlowLayout final : public QLayout
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowLayout)

public:
    explicit FlowLayout(QWidget *parent = nullptr);
    ~FlowLayout() override;

    void setHorizontalSpacing(int spacing) { m_hSpacing = spacing; }
    void setVerticalSpacing(int spacing) { m_vSpacing = spacing; }

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    int doLayout(const QRect &rect, bool testOnly) const;
    QSize oneLine() const;
    int height() const;
    int horizontalSpacing() const;
    int verticalSpacing() const;

    QList<QLayoutItem *> m_items;
    int m_hSpacing = -1;
    int m_vSpacing = -1;
    int m_width = 0; // as last laid out
};

} // namespace taskdesk::ui
