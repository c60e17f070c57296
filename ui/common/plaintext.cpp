#include "plaintext.h"

#include "core/visibletext.h"

#include <QLabel>
#include <QTextDocument>

namespace taskdesk::ui {

QString plainShown(const QString &text)
{
    return visibleText(text, LineBreaks::AsSpaces);
}

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    return Qt::convertFromPlainText(visibleText(text), Qt::WhiteSpaceNormal);
}

QVariant plainRole(const QVariant &value, int role)
{
    if (value.typeId() != QMetaType::QString)
        return value;
    if (role == Qt::DisplayRole)
        return plainShown(value.toString());
    if (role == Qt::ToolTipRole)
        return plainToolTip(value.toString());
    return value;
}

void setPlainText(QLabel *label, const QString &text, bool multiLine)
{
    label->setTextFormat(Qt::PlainText);
    label->setText(multiLine ? visibleText(text) : plainShown(text));
}

} // namespace taskdesk::ui
