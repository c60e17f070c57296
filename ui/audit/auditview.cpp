#include "auditview.h"

#include "ui/app/appcontext.h"
#include "ui/audit/audittablemodel.h"
#include "ui/common/coretext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace taskdesk::ui {

AuditView::AuditView(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new AuditTableModel(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_older(new QPushButton(tr("Load Older Entries"), this))
    , m_summary(new QLabel(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("auditView"));
    const int gap = fontMetrics().height() / 2;
    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setPlaceholderText(tr("Search who, action, task or details"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    // The whole placeholder, beside the search icon and the clear button.
    m_search->setMinimumWidth(
        fontMetrics().horizontalAdvance(m_search->placeholderText()) + fontMetrics().height() * 4);
    m_search->setMaxLength(kMaxSearchLength); // what the store takes

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() * 17 / 10);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    AuditTableModel::sizeColumns(*m_table);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search);
    top->addWidget(m_summary, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(m_older);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(gap, gap, gap, gap);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &AuditView::reload);
    connect(m_older, &QPushButton::clicked, this, &AuditView::loadOlder);
    m_summary->setObjectName(QStringLiteral("auditSummary"));
    m_summary->setWordWrap(true);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AuditView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AuditView::updateSummary);
    reload();
}

QString AuditView::summary() const
{
    return m_summary->text();
}

void AuditView::updateSummary()
{
    const int n = m_model->rowCount();
    if (n == 0)
        m_summary->setText(m_search->text().trimmed().isEmpty() ? tr("No audit entries yet.")
                                                                : tr("No entry matches."));
    else
        m_summary->setText(m_search->text().trimmed().isEmpty()
                ? tr("Showing the newest %Ln entry(s).", "", n)
                : tr("Showing the newest %Ln matching entry(s).", "", n));
}

void AuditView::reload()
{
    AuditFilter filter;
    filter.search = m_search->text().trimmed();
    filter.limit = kPage;
    Result<QVector<AuditEntry>> entries = m_context.audit().list(filter);
    if (!entries.ok()) {
        m_context.reportFailure(coreText(entries.error()));
        return;
    }
    m_model->setEntries(entries.value());
    m_older->setEnabled(entries->size() == kPage);
}

void AuditView::refresh()
{
    AuditFilter filter;
    filter.search = m_search->text().trimmed();
    filter.afterId = m_model->newestId();
    filter.limit = kPage;
    Result<QVector<AuditEntry>> entries = m_context.audit().list(filter);
    if (!entries.ok()) {
        m_context.reportFailure(coreText(entries.error()));
        return;
    }
    if (entries->size() == kPage) // far behind: start again from the top
        reload();
    else
        m_model->prependNewer(entries.value());
}

void AuditView::loadOlder()
{
    if (m_model->oldestId() <= 0)
        return;
    AuditFilter filter;
    filter.search = m_search->text().trimmed();
    filter.beforeId = m_model->oldestId();
    filter.limit = kPage;
    Result<QVector<AuditEntry>> entries = m_context.audit().list(filter);
    if (!entries.ok()) {
        m_context.reportFailure(coreText(entries.error()));
        return;
    }
    m_model->appendOlder(entries.value());
    m_older->setEnabled(entries->size() == kPage);
}

} // namespace taskdesk::ui
