#include "tableprinter.h"

#include "ctl/formatting.h"

#include <algorithm>

namespace taskdesk::ctl {

TablePrinter::TablePrinter(QVector<Column> columns)
    : m_columns(std::move(columns))
{ }

void TablePrinter::addRow(QStringList cells)
{
    while (cells.size() < m_columns.size())
        cells.append(QString());
    for (int c = 0; c < m_columns.size(); ++c) {
        QString text = singleLine(cells.at(c));
        const int max = m_columns.at(c).maxWidth;
        if (max > 1 && text.size() > max)
            text = text.left(max - 1) + QChar(0x2026);
        cells[c] = text;
    }
    m_rows.append(cells);
}

QString TablePrinter::cell(int row, int column) const
{
    return row < 0 ? m_columns.at(column).header : m_rows.at(row).at(column);
}

QStringList TablePrinter::lines() const
{
    QVector<qsizetype> widths(m_columns.size(), 0);
    for (int row = -1; row < m_rows.size(); ++row) {
        for (int c = 0; c < m_columns.size(); ++c)
            widths[c] = std::max(widths[c], cell(row, c).size());
    }
    QStringList out;
    for (int row = -1; row < m_rows.size(); ++row) {
        QString line;
        for (int c = 0; c < m_columns.size(); ++c) {
            const QString text = cell(row, c);
            const bool last = c + 1 == m_columns.size();
            if (c > 0)
                line += QStringLiteral("  ");
            if (m_columns.at(c).align == Align::Right)
                line += text.rightJustified(widths.at(c));
            else
                line += last ? text : text.leftJustified(widths.at(c));
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out.append(line);
    }
    return out;
}

} // namespace taskdesk::ctl
