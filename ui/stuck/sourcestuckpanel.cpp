#include "sourcestuckpanel.h"

#include "core/sources/attachedsource.h"
#include "core/sources/sourceregistry.h"
#include "ui/app/appcontext.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/badgepainter.h"
#include "ui/common/confirm.h"
#include "ui/common/coretext.h"
#include "ui/common/itemroles.h"
#include "ui/common/statusbadgedelegate.h"
#include "ui/common/timeformat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace taskdesk::ui {

// One source as a read found it: its stuck rows and counts, or why not.
struct SourceStuckPanel::Read
{
    QString name;
    SourceDefinition definition;
    QString error;
    SourceCounts counts;
    QVector<SourceRow> rows;
};

// The rows a confirmation names, read when Clean Up is clicked.
struct SourceStuckPanel::Named
{
    QString error;
    SourceDefinition definition;
    QVector<SourceRow> rows;
};

// What a clean-up did, as facts to word.
struct SourceStuckPanel::Done
{
    QString error;
    qint64 changed = 0;
    QStringList refusals; // "key: why"
};

namespace {

enum Column { Key, Status, Title, LastChange, ColumnCount };

// The time a stuck row last changed by the rules that found it.
qint64 lastChange(const SourceRow &row)
{
    if (row.heartbeatAt > 0)
        return row.heartbeatAt;
    if (row.status == TaskStatus::Running && row.startedAt > 0)
        return row.startedAt;
    return row.createdAt;
}

// The rows a clean-up with `action` changes: a retry takes running rows only.
QVector<SourceRow> targetsOf(const QVector<SourceRow> &rows, SourceStuckRules::Action action)
{
    if (action == SourceStuckRules::Action::MarkFailed)
        return rows;
    QVector<SourceRow> out;
    for (const SourceRow &r : rows) {
        if (r.status == TaskStatus::Running)
            out << r;
    }
    return out;
}

} // namespace

SourceStuckPanel::SourceStuckPanel(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("sourceStuckPanel"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addStretch(1);
    connect(&m_context, &AppContext::canActChanged, this, &SourceStuckPanel::updateButtons);
}

QStringList SourceStuckPanel::sourceNames() const
{
    return m_order;
}

QString SourceStuckPanel::countsText(const QString &name) const
{
    const auto it = m_sections.constFind(name);
    return it == m_sections.cend() || it->counts->isHidden() ? QString() : it->counts->text();
}

QString SourceStuckPanel::errorText(const QString &name) const
{
    const auto it = m_sections.constFind(name);
    return it == m_sections.cend() || it->error->isHidden() ? QString() : it->error->text();
}

QTableWidget *SourceStuckPanel::table(const QString &name) const
{
    const auto it = m_sections.constFind(name);
    return it == m_sections.cend() ? nullptr : it->table;
}

QComboBox *SourceStuckPanel::actionBox(const QString &name) const
{
    const auto it = m_sections.constFind(name);
    return it == m_sections.cend() ? nullptr : it->action;
}

QPushButton *SourceStuckPanel::cleanUpButton(const QString &name) const
{
    const auto it = m_sections.constFind(name);
    return it == m_sections.cend() ? nullptr : it->cleanUp;
}

void SourceStuckPanel::refresh()
{
    if (m_reading) {
        m_rereadWanted = true;
        return;
    }
    m_reading = true;
    m_rereadWanted = false;
    Database *db = &m_context.database();
    m_context.background().run(
        this,
        [db, actor = m_context.operatorName()]() {
            QVector<Read> reads;
            Result<QVector<SourceDefinition>> list = SourceRegistry(*db, actor).list();
            if (!list.ok())
                return reads;
            for (const SourceDefinition &def : std::as_const(*list)) {
                Read r;
                r.name = def.name;
                r.definition = def;
                // Opened here and closed at the end of the job: its connection
                // belongs to this thread.
                Result<std::unique_ptr<AttachedSource>> source
                    = AttachedSource::open(*db, def, actor);
                if (!source.ok()) {
                    r.error = coreText(source.error());
                    reads << r;
                    continue;
                }
                SourceReader &reader = (*source)->reader();
                Result<SourceCounts> counts = reader.counts();
                if (!counts.ok()) {
                    r.error = coreText(counts.error());
                    reads << r;
                    continue;
                }
                r.counts = *counts;
                if (counts->stuckQueued + counts->stuckRunning == 0)
                    continue;
                Result<QVector<SourceRow>> rows = reader.stuck(kShownRows);
                if (!rows.ok())
                    r.error = coreText(rows.error());
                else
                    r.rows = *rows;
                reads << r;
            }
            return reads;
        },
        [this](const QVector<Read> &reads) {
            m_reading = false;
            apply(reads);
            if (m_rereadWanted)
                refresh();
        });
}

void SourceStuckPanel::apply(const QVector<Read> &reads)
{
    QStringList names;
    for (const Read &r : reads)
        names << r.name;
    // The sections of sources with nothing stuck (or gone) go.
    for (const QString &name : std::as_const(m_order)) {
        if (!names.contains(name)) {
            m_sections.value(name).box->deleteLater();
            m_sections.remove(name);
        }
    }
    m_order = names;
    int index = 0;
    for (const Read &r : reads) {
        Section *s = m_sections.contains(r.name) ? &m_sections[r.name] : makeSection(r.name);
        m_layout->removeWidget(s->box);
        m_layout->insertWidget(index++, s->box);
        fill(*s, r);
    }
    updateButtons();
    Q_EMIT shown(!m_order.isEmpty());
}

SourceStuckPanel::Section *SourceStuckPanel::makeSection(const QString &name)
{
    const int gap = fontMetrics().height() / 2;
    Section s;
    s.box = new QWidget(this);
    s.box->setObjectName(QStringLiteral("sourceStuck:") + name);
    auto *title = new QLabel(name, s.box);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    s.counts = new QLabel(s.box);
    s.counts->setWordWrap(true);
    s.counts->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    s.error = new QLabel(s.box);
    s.error->setObjectName(QStringLiteral("sourceStuckError"));
    s.error->setWordWrap(true);
    s.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    s.action = new QComboBox(s.box);
    s.action->addItem(tr("Mark them failed"), int(SourceStuckRules::Action::MarkFailed));
    s.action->addItem(
        tr("Retry: running ones pending again"), int(SourceStuckRules::Action::Retry));
    s.cleanUp
        = new QPushButton(QIcon(QStringLiteral(":/icons/cleanup.svg")), tr("Clean Up…"), s.box);
    s.cleanUp->setObjectName(QStringLiteral("sourceCleanUp"));
    connect(s.cleanUp, &QPushButton::clicked, this, [this, name]() { cleanUp(name); });

    const int rowHeight = fontMetrics().height() * 17 / 10;
    s.table = new QTableWidget(0, ColumnCount, s.box);
    s.table->setObjectName(QStringLiteral("sourceStuckTable"));
    s.table->setHorizontalHeaderLabels({tr("Key"), tr("Status"), tr("Title"), tr("Last change")});
    s.table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    s.table->setSelectionBehavior(QAbstractItemView::SelectRows);
    s.table->setWordWrap(false);
    s.table->setShowGrid(false);
    s.table->setAlternatingRowColors(true);
    s.table->verticalHeader()->hide();
    s.table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    s.table->verticalHeader()->setDefaultSectionSize(rowHeight);
    s.table->horizontalHeader()->setStretchLastSection(true);
    s.table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    s.table->setItemDelegateForColumn(Status, new StatusBadgeDelegate(s.table));
    const int em = fontMetrics().averageCharWidth();
    s.table->setColumnWidth(Key, em * 8);
    s.table->setColumnWidth(Status, em * 14);
    s.table->setColumnWidth(Title, em * 36);
    // Compact: a few rows, the rest by scrolling.
    s.table->setMaximumHeight(rowHeight * 4 + s.table->horizontalHeader()->sizeHint().height() + 4);

    auto *head = new QHBoxLayout;
    head->setSpacing(gap);
    head->addWidget(title);
    head->addWidget(s.counts, 1);
    head->addWidget(s.action);
    head->addWidget(s.cleanUp);
    auto *layout = new QVBoxLayout(s.box);
    layout->setContentsMargins(0, gap / 2, 0, gap / 2);
    layout->addLayout(head);
    layout->addWidget(s.error);
    layout->addWidget(s.table);
    return &m_sections.insert(name, s).value();
}

void SourceStuckPanel::fill(Section &s, const Read &r)
{
    s.definition = r.definition;
    s.error->setVisible(!r.error.isEmpty());
    s.table->setVisible(r.error.isEmpty());
    s.counts->setVisible(r.error.isEmpty());
    s.action->setVisible(r.error.isEmpty());
    s.cleanUp->setVisible(r.error.isEmpty());
    if (!r.error.isEmpty()) {
        s.error->setText(tr("The source %1 could not be read: %2").arg(r.name, r.error));
        s.table->setRowCount(0);
        return;
    }
    // The true counts, by the source's own rules.
    const QLocale locale;
    const SourceStuckRules &rules = r.definition.stuck;
    QStringList parts;
    if (r.counts.stuckRunning > 0)
        parts << tr("%n running with no change for over %1 min", "", int(r.counts.stuckRunning))
                     .arg(locale.toString(rules.runningMinutes));
    if (r.counts.stuckQueued > 0)
        parts << tr("%n pending for over %1 min", "", int(r.counts.stuckQueued))
                     .arg(locale.toString(rules.queuedMinutes));
    QString text = parts.join(tr(", "));
    const qint64 total = r.counts.stuckQueued + r.counts.stuckRunning;
    if (total > r.rows.size())
        text += QLatin1Char(' ')
            + tr("(the oldest %1 shown)").arg(locale.toString(qint64(r.rows.size())));
    s.counts->setText(text);

    s.table->setRowCount(int(r.rows.size()));
    for (int i = 0; i < r.rows.size(); ++i) {
        const SourceRow &row = r.rows.at(i);
        auto *key = new QTableWidgetItem(locale.toString(row.key));
        auto *status = new QTableWidgetItem(row.rawStatus);
        status->setData(BadgeToneRole,
            int(row.status ? BadgePainter::toneFor(*row.status) : BadgeTone::Neutral));
        auto *title = new QTableWidgetItem(row.title);
        title->setToolTip(row.title);
        const qint64 changed = lastChange(row);
        auto *age = new QTableWidgetItem(
            changed > 0 ? TimeFormat::age(std::max<qint64>(0, row.dbNow - changed)) : QString());
        if (changed > 0)
            age->setToolTip(TimeFormat::dateTime(changed));
        s.table->setItem(i, Key, key);
        s.table->setItem(i, Status, status);
        s.table->setItem(i, Title, title);
        s.table->setItem(i, LastChange, age);
    }
}

void SourceStuckPanel::updateButtons()
{
    for (auto it = m_sections.begin(); it != m_sections.end(); ++it) {
        const bool can = !m_busy && m_context.canAct() && !it->definition.readOnly
            && it->table->rowCount() > 0;
        it->cleanUp->setEnabled(can);
        it->cleanUp->setToolTip(it->definition.readOnly
                ? tr("The source %1 is attached read-only.").arg(it.key())
                : QString());
    }
}

void SourceStuckPanel::cleanUp(const QString &name)
{
    const auto it = m_sections.constFind(name);
    if (it == m_sections.cend() || m_busy || !m_context.canAct() || it->definition.readOnly)
        return;
    const auto action = SourceStuckRules::Action(it->action->currentData().toInt());
    // The rows the confirmation names, read now: the clean-up changes those
    // alone, and a row stuck after the question waits for the next one.
    m_busy = true;
    updateButtons();
    Database *db = &m_context.database();
    m_context.background().run(
        this,
        [db, actor = m_context.operatorName(), name]() {
            Named n;
            Result<std::unique_ptr<AttachedSource>> source = AttachedSource::open(*db, name, actor);
            if (!source.ok()) {
                n.error = coreText(source.error());
                return n;
            }
            n.definition = (*source)->definition();
            Result<QVector<SourceRow>> rows = (*source)->reader().stuck(kCleanupLimit);
            if (!rows.ok())
                n.error = coreText(rows.error());
            else
                n.rows = *rows;
            return n;
        },
        [this, name, action](const Named &named) { confirm(name, action, named); });
}

void SourceStuckPanel::confirm(
    const QString &name, SourceStuckRules::Action action, const Named &named)
{
    const auto finish = [this]() {
        m_busy = false;
        updateButtons();
    };
    if (!named.error.isEmpty()) {
        finish();
        Q_EMIT message(tr("The clean-up of %1 did not happen: %2").arg(name, named.error),
            MessageBar::Type::Error);
        return;
    }
    const QVector<SourceRow> targets = targetsOf(named.rows, action);
    const int n = int(targets.size());
    if (n == 0) {
        finish();
        Q_EMIT message(action == SourceStuckRules::Action::Retry && !named.rows.isEmpty()
                ? tr("Retry makes running rows pending again, and none of %1 is stuck. Nothing "
                     "was changed.")
                      .arg(name)
                : tr("Nothing is stuck in %1 any more. Nothing was changed.").arg(name),
            MessageBar::Type::Information);
        refresh();
        return;
    }
    const StatusMapping &status = named.definition.mapping.status;
    Confirmation c;
    c.title = tr("Clean Up Stuck Rows");
    c.question = tr("Clean up %n stuck row(s) of %1?", "", n).arg(name);
    if (action == SourceStuckRules::Action::MarkFailed)
        c.details = tr("Each row gets %1 in its column %2, and its running items are stopped; "
                       "the program that runs it may still be working on it.")
                        .arg(status.failedValue, status.column);
    else
        c.details = tr("Each running row is marked %1, then gets %2 in its column %3, for its "
                       "program to run it again; pending rows are left as they are.")
                        .arg(status.failedValue, status.pendingValue, status.column);
    QStringList lines;
    constexpr int kNamed = 10;
    for (int i = 0; i < std::min(n, kNamed); ++i) {
        const SourceRow &r = targets.at(i);
        lines << (r.title.isEmpty() ? tr("Row %1 (%2)").arg(r.key).arg(r.rawStatus)
                                    : tr("Row %1 “%2” (%3)").arg(r.key).arg(r.title, r.rawStatus));
    }
    if (n > kNamed) {
        QStringList keys;
        for (int i = kNamed; i < n; ++i)
            keys << QString::number(targets.at(i).key);
        lines << tr("…and %n more: rows %1.", "", n - kNamed).arg(keys.join(QStringLiteral(", ")));
    }
    c.details += QLatin1Char(' ')
        + tr("A row that changed since it was read, or became stuck after this question, is "
             "left as it is.")
        + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n'));
    c.acceptLabel = tr("Clean Up %n Row(s)", "", n);
    c.rejectLabel = tr("Keep As Is");
    if (!m_context.canAct() || !Confirm::ask(this, c)) {
        finish();
        return;
    }
    QSet<qint64> only;
    for (const SourceRow &r : targets)
        only.insert(r.key);
    Database *db = &m_context.database();
    m_context.background().run(
        this,
        [db, actor = m_context.operatorName(), name, action, only]() {
            Done d;
            Result<std::unique_ptr<AttachedSource>> source = AttachedSource::open(*db, name, actor);
            if (!source.ok()) {
                d.error = coreText(source.error());
                return d;
            }
            Result<SourceCleanupReport> r
                = (*source)->cleanup(action, false, int(only.size()), only);
            if (!r.ok()) {
                d.error = coreText(r.error());
                return d;
            }
            d.changed = r->changed();
            for (const SourceActionReport &decision : std::as_const(r->decisions)) {
                if (!decision.done)
                    d.refusals << QStringLiteral("%1: %2").arg(decision.key).arg(decision.refusal);
            }
            // The named rows that were no longer stuck when it ran.
            const qint64 gone = qint64(only.size()) - r->found;
            for (qint64 i = 0; i < gone; ++i)
                d.refusals << QString();
            return d;
        },
        [this, name, finish](const Done &done) {
            finish();
            report(name, done);
            refresh();
        });
}

void SourceStuckPanel::report(const QString &name, const Done &d)
{
    if (!d.error.isEmpty()) {
        Q_EMIT message(tr("The clean-up of %1 did not happen: %2").arg(name, d.error),
            MessageBar::Type::Error);
        return;
    }
    QStringList parts;
    parts << tr("Clean-up of %1: %n row(s) changed.", "", int(d.changed)).arg(name);
    QStringList reasons;
    int noLongerStuck = 0;
    for (const QString &r : d.refusals) {
        if (r.isEmpty())
            ++noLongerStuck;
        else if (reasons.size() < 5)
            reasons << r;
    }
    const int refused = int(d.refusals.size());
    if (refused > 0) {
        parts << tr("%n row(s) refused.", "", refused);
        if (noLongerStuck > 0)
            parts << tr("%n of them no longer stuck.", "", noLongerStuck);
        if (!reasons.isEmpty())
            parts << tr("Why: %1").arg(reasons.join(QStringLiteral("; ")));
    }
    Q_EMIT message(parts.join(QLatin1Char(' ')),
        refused > 0         ? MessageBar::Type::Warning
            : d.changed > 0 ? MessageBar::Type::Positive
                            : MessageBar::Type::Information);
}

} // namespace taskdesk::ui
