#include "sourcedetailpane.h"

#include "core/visibletext.h"
#include "ui/common/plaintext.h"

#include "ui/common/badgepainter.h"
#include "ui/common/itemroles.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/common/storedtext.h"
#include "ui/common/timeformat.h"
#include "ui/widgets/badgelabel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace taskdesk::ui {

SourceDetailPane::SourceDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_badge(new BadgeLabel(this))
    , m_fields(new QLabel(this))
    , m_error(new QLabel(this))
    , m_items(new QTableWidget(0, 4, this))
    , m_log(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("sourceDetail"));
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->setObjectName(QStringLiteral("sourceDetailFields"));
    m_fields->setTextFormat(Qt::RichText); // the values in it are escaped
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->setWordWrap(true);
    m_fields->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_error->setObjectName(QStringLiteral("sourceDetailError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: palette(link);"));
    m_items->setObjectName(QStringLiteral("sourceItems"));
    m_items->setHorizontalHeaderLabels({tr("Item"), tr("Status"), tr("Started"), tr("Finished")});
    m_items->verticalHeader()->hide();
    m_items->horizontalHeader()->setStretchLastSection(true);
    m_items->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_items->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_items->setWordWrap(false);
    m_items->setItemDelegateForColumn(1, new StatusBadgeDelegate(m_items));
    m_items->setColumnWidth(0, fontMetrics().averageCharWidth() * 20);
    m_items->setColumnWidth(1, fontMetrics().averageCharWidth() * 16);
    m_items->setColumnWidth(2, fontMetrics().averageCharWidth() * 14);
    m_log->setObjectName(QStringLiteral("sourceLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("No log"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(m_badge);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(top);
    leftLayout->addWidget(m_fields);
    leftLayout->addWidget(m_error);
    leftLayout->addWidget(m_items, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_log);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    clear();
}

void SourceDetailPane::clear()
{
    m_key = 0;
    m_logChars = 0;
    m_heading->setText(tr("No row selected"));
    m_badge->hide();
    m_fields->setText(tr("Select a row to see its fields, its items and its log."));
    m_error->hide();
    m_items->setRowCount(0);
    m_items->hide();
    m_log->clear();
}

void SourceDetailPane::showRow(const SourceRow &row, const QVector<SourceItem> &items)
{
    if (row.key != m_key) {
        m_key = row.key;
        m_logChars = 0;
        m_log->clear();
    }
    m_heading->setText(row.title.isEmpty()
            ? tr("Row %1").arg(row.key)
            : tr("Row %1: %2").arg(row.key).arg(plainShown(row.title)));
    if (row.status)
        m_badge->setStatus(*row.status);
    else
        m_badge->setBadge(row.rawStatus, BadgeTone::Neutral);
    m_badge->show();
    auto time = [](qint64 ms) {
        return ms > 0 ? TimeFormat::dateTime(ms) : QStringLiteral("—");
    };
    QStringList lines;
    auto escaped = [](const QString &value) {
        return plainShown(value).toHtmlEscaped();
    };
    lines << tr("Stored status: %1").arg(escaped(row.rawStatus));
    if (!row.kind.isEmpty())
        lines << tr("Kind: %1").arg(escaped(row.kind));
    if (!row.queue.isEmpty())
        lines << tr("Queue: %1").arg(escaped(row.queue));
    if (row.progressTotal > 0)
        lines << tr("Progress: %1 of %2")
                     .arg(QLocale().toString(row.progressDone),
                         QLocale().toString(row.progressTotal));
    lines << tr("Created: %1").arg(time(row.createdAt))
          << tr("Started: %1").arg(time(row.startedAt))
          << tr("Finished: %1").arg(time(row.finishedAt))
          << tr("Changed: %1").arg(time(row.heartbeatAt));
    if (row.stuck)
        lines << QStringLiteral("<b>%1</b>").arg(StatusBadgeDelegate::stuckText());
    m_fields->setText(lines.join(QStringLiteral("<br>")));
    m_error->setVisible(!row.error.isEmpty());
    m_error->setText(tr("Error: %1").arg(visibleText(storedText(row.error))));

    m_items->setVisible(!items.isEmpty());
    m_items->setRowCount(int(items.size()));
    for (int i = 0; i < items.size(); ++i) {
        const SourceItem &it = items.at(i);
        auto *label = new QTableWidgetItem(
            it.label.isEmpty() ? QString::number(it.key) : plainShown(it.label));
        auto *status = new QTableWidgetItem(plainShown(it.rawStatus));
        status->setData(
            BadgeToneRole, int(it.status ? BadgePainter::toneFor(*it.status) : BadgeTone::Neutral));
        m_items->setItem(i, 0, label);
        m_items->setItem(i, 1, status);
        m_items->setItem(i, 2,
            new QTableWidgetItem(
                it.startedAt > 0 ? TimeFormat::shortTime(it.startedAt) : QString()));
        m_items->setItem(i, 3,
            new QTableWidgetItem(
                it.finishedAt > 0 ? TimeFormat::shortTime(it.finishedAt) : QString()));
    }
}

void SourceDetailPane::appendLog(qint64 key, const QString &text, bool restart, qint64 from)
{
    if (key != m_key || (!restart && from != m_logChars))
        return;
    QScrollBar *bar = m_log->verticalScrollBar();
    const bool follow = restart || bar->value() >= bar->maximum() - 2;
    if (restart) {
        m_log->clear();
        m_logChars = 0;
    }
    if (text.isEmpty())
        return;
    // SUBSTR counts characters, not UTF-16 units: an emoji is one.
    m_logChars += text.toUcs4().size();
    m_log->moveCursor(QTextCursor::End);
    m_log->insertPlainText(visibleText(sourceLogText(text)));
    if (follow)
        bar->setValue(bar->maximum());
}

QString SourceDetailPane::fieldsText() const
{
    return m_heading->text() + QLatin1Char('\n') + m_fields->text() + QLatin1Char('\n')
        + (m_error->isVisible() ? m_error->text() : QString());
}

} // namespace taskdesk::ui
