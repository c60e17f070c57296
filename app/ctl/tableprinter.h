#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace taskdesk::ctl {

// Aligned columns for people: a header row, two spaces between columns, long
// cells cut with "…" at the column's maximum width, no trailing blanks.
class TablePrinter final
{
public:
    enum class Align { Left, Right };
    struct Column
    {
        QString header;
        Align align = Align::Left;
        int maxWidth = 0; // 0: as wide as the widest cell
    };

    explicit TablePrinter(QVector<Column> columns);

    void addRow(QStringList cells);
    QStringList lines() const;

private:
    QString cell(int row, int column) const;

    QVector<Column> m_columns;
    QVector<QStringList> m_rows;
};

} // namespace taskdesk::ctl
