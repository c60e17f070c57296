#include "columnwidths.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QStyle>
#include <QTableView>

#include <algorithm>

namespace taskdesk::ui {

namespace {

int gapOf(const QTableView &table)
{
    return table.fontMetrics().height() / 2;
}

} // namespace

void setColumnWidths(QTableView &table, const QList<std::pair<int, int>> &widths)
{
    const int em = table.fontMetrics().averageCharWidth();
    const int gap = gapOf(table);
    const QHeaderView *header = table.horizontalHeader();
    // The sort arrow sits beside the text of a sorted column.
    const int arrow = table.style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header);
    for (const auto &[column, chars] : widths) {
        const QString title = table.model()->headerData(column, Qt::Horizontal).toString();
        const int needed = header->fontMetrics().horizontalAdvance(title) + 2 * gap + arrow;
        table.setColumnWidth(column, std::max(em * chars + 2 * gap, needed));
    }
}

void fitWords(QTableView &table, int column, const QStringList &words)
{
    int widest = 0;
    for (const QString &word : words)
        widest = std::max(widest, table.fontMetrics().horizontalAdvance(word));
    table.setColumnWidth(column, std::max(table.columnWidth(column), widest + 2 * gapOf(table)));
}

} // namespace taskdesk::ui
