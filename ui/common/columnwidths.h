#pragma once

#include <QList>
#include <QStringList>

#include <utility>

class QTableView;

namespace taskdesk::ui {

// Column widths that hold in every language: each column gets its width in
// average characters, or more where its header, in the language shown, needs
// it (Russian and Ukrainian words run longer than English ones), so that no
// header is cut. A column whose cells show a known set of words (a state,
// "yes"/"no") is widened with fitWords().
void setColumnWidths(QTableView &table, const QList<std::pair<int, int>> &widths);
void fitWords(QTableView &table, int column, const QStringList &words);

} // namespace taskdesk::ui
