#include "sourcewizard.h"

#include "core/database.h"
#include "core/sources/sourceactions.h"
#include "core/sources/sourcedialect.h"
#include "core/sources/sourcereader.h"
#include "core/sources/sourceregistry.h"
#include "ui/app/appcontext.h"
#include "ui/common/backgroundrunner.h"
#include "ui/common/coretext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableWidget>
#include <QVBoxLayout>

namespace taskdesk::ui {

// The candidate source's connection, on the background thread only.
struct SourceWizard::Session
{
    std::unique_ptr<Database> db;
};

// A page whose Next (or Finish) asks the wizard: a step that must read a
// database first answers false, starts the read and goes on when it is back.
class SourceWizard::StepPage final : public QWizardPage
{
public:
    explicit StepPage(std::function<bool()> validate, QWidget *parent = nullptr)
        : QWizardPage(parent)
        , m_validate(std::move(validate))
    { }
    bool validatePage() override { return !m_validate || m_validate(); }

private:
    std::function<bool()> m_validate;
};

namespace {

const char *const kTimes[] = {"created", "started", "finished", "heartbeat"};

QString noneText()
{
    return SourceWizard::tr("(none)");
}

void fillColumns(QComboBox *combo, const CatalogTable &table, const QString &current, bool none)
{
    combo->clear();
    if (none)
        combo->addItem(noneText(), QString());
    for (const CatalogColumn &c : table.columns)
        combo->addItem(QStringLiteral("%1 (%2)").arg(c.name, c.type), c.name);
    const int i = combo->findData(current);
    combo->setCurrentIndex(std::max(0, i));
}

TimeColumn &timeOf(SourceMapping &m, const QString &which)
{
    if (which == QLatin1String("created"))
        return m.created;
    if (which == QLatin1String("started"))
        return m.started;
    if (which == QLatin1String("finished"))
        return m.finished;
    return m.heartbeat;
}

const TimeColumn &timeOf(const SourceMapping &m, const QString &which)
{
    return timeOf(const_cast<SourceMapping &>(m), which);
}

} // namespace

SourceWizard::SourceWizard(AppContext &context, QWidget *parent)
    : QWizard(parent)
    , m_context(context)
    , m_session(std::make_shared<Session>())
{
    setObjectName(QStringLiteral("sourceWizard"));
    setWindowTitle(tr("Attach a Table"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(ConnectionPage, buildConnectionPage());
    setPage(TablePage, buildTablePage());
    setPage(PreviewPage, buildPreviewPage());
    setPage(MappingPage, buildMappingPage());
    setPage(TestPage, buildTestPage());
    const QFontMetrics m = fontMetrics();
    // The mapping page is a long form: room for its combo boxes side by side.
    setMinimumSize(m.averageCharWidth() * 150, m.height() * 42);
}

SourceWizard::~SourceWizard()
{
    BackgroundRunner &runner = m_context.background();
    runner.run(
        &runner,
        [session = m_session]() {
            session->db.reset();
            return 0;
        },
        [](int) {});
}

SourceWizard::StepPage *SourceWizard::buildConnectionPage()
{
    auto *page = new StepPage([this]() { return validateConnection(); }, this);
    page->setTitle(tr("Connection"));
    page->setSubTitle(tr("The database of the program whose job table Taskdesk should show."));
    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("sourceName"));
    m_name->setPlaceholderText(QStringLiteral("warmup"));
    m_kind = new QComboBox(page);
    m_kind->setObjectName(QStringLiteral("sourceKind"));
    m_kind->addItem(tr("SQLite file"), QStringLiteral("sqlite"));
    m_kind->addItem(tr("PostgreSQL URL"), QStringLiteral("postgresql"));
    m_kind->addItem(tr("MySQL URL"), QStringLiteral("mysql"));
    m_location = new QLineEdit(page);
    m_location->setObjectName(QStringLiteral("sourceLocation"));
    auto *browse = new QPushButton(tr("Choose…"), page);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("SQLite File"),
            m_location->text(), tr("SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)"));
        if (!file.isEmpty())
            m_location->setText(file);
    });
    auto updateKind = [this, browse]() {
        const QString kind = m_kind->currentData().toString();
        browse->setVisible(kind == QLatin1String("sqlite"));
        m_location->setPlaceholderText(kind == QLatin1String("sqlite")
                ? QStringLiteral("/srv/app/db.sqlite3")
                : kind == QLatin1String("postgresql")
                ? QStringLiteral("postgresql://user@host/database")
                : QStringLiteral("mysql://user@host/database"));
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, updateKind);
    updateKind();
    m_readOnly = new QCheckBox(tr("Read-only: show the rows, change nothing"), page);
    m_readOnly->setObjectName(QStringLiteral("sourceReadOnly"));
    m_connectionError = new QLabel(page);
    m_connectionError->setObjectName(QStringLiteral("wizardError"));
    m_connectionError->setWordWrap(true);
    auto *where = new QHBoxLayout;
    where->addWidget(m_location, 1);
    where->addWidget(browse);
    auto *form = new QFormLayout(page);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Database:"), m_kind);
    form->addRow(tr("Location:"), where);
    form->addRow(QString(), m_readOnly);
    form->addRow(m_connectionError);
    return page;
}

SourceWizard::StepPage *SourceWizard::buildTablePage()
{
    auto *page = new StepPage([this]() { return validateTable(); }, this);
    page->setTitle(tr("Table"));
    page->setSubTitle(tr("The table that holds one row per job."));
    m_tables = new QListWidget(page);
    m_tables->setObjectName(QStringLiteral("sourceTables"));
    m_tableError = new QLabel(page);
    m_tableError->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_tables, 1);
    layout->addWidget(m_tableError);
    return page;
}

SourceWizard::StepPage *SourceWizard::buildPreviewPage()
{
    auto *page = new StepPage({}, this);
    page->setTitle(tr("Preview"));
    page->setSubTitle(tr("The columns as the database names them, the status values present "
                         "with their rows, and the first rows."));
    m_preview = new QPlainTextEdit(page);
    m_preview->setObjectName(QStringLiteral("sourcePreview"));
    m_preview->setReadOnly(true);
    m_sample = new QTableWidget(page);
    m_sample->setObjectName(QStringLiteral("sourceSample"));
    m_sample->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sample->verticalHeader()->hide();
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_preview, 3);
    layout->addWidget(m_sample, 2);
    return page;
}

SourceWizard::StepPage *SourceWizard::buildMappingPage()
{
    auto *page = new StepPage([this]() { return validateMapping(); }, this);
    page->setTitle(tr("Mapping"));
    page->setSubTitle(tr("Which column means what. Suggested from the table; every part can "
                         "be changed."));
    auto combo = [page](const char *name) {
        auto *c = new QComboBox(page);
        c->setObjectName(QString::fromLatin1(name));
        return c;
    };
    m_key = combo("mappingKey");
    m_title = new QLineEdit(page);
    m_title->setObjectName(QStringLiteral("mappingTitle"));
    m_title->setToolTip(tr("One or more columns, separated by commas"));
    m_kindColumn = combo("mappingKind");
    m_queueColumn = combo("mappingQueue");
    m_statusColumn = combo("mappingStatus");
    m_boolean = new QCheckBox(tr("A boolean column (true: running, false: completed)"), page);
    m_failedValue = new QLineEdit(page);
    m_failedValue->setObjectName(QStringLiteral("mappingFailedValue"));
    m_pendingValue = new QLineEdit(page);
    m_pendingValue->setObjectName(QStringLiteral("mappingPendingValue"));
    m_log = combo("mappingLog");
    m_error = combo("mappingError");
    m_fence = combo("mappingFence");
    m_allowDelete = new QCheckBox(tr("Allow Delete on its rows"), page);
    m_allowDelete->setObjectName(QStringLiteral("mappingAllowDelete"));
    m_queuedMinutes = new QSpinBox(page);
    m_runningMinutes = new QSpinBox(page);
    for (QSpinBox *s : {m_queuedMinutes, m_runningMinutes}) {
        s->setRange(1, 30 * 24 * 60);
        s->setSuffix(tr(" min"));
    }
    m_sweep = new QCheckBox(tr("Sweep its stuck rows periodically"), page);
    m_sweep->setObjectName(QStringLiteral("mappingSweep"));
    m_mappingError = new QLabel(page);
    m_mappingError->setObjectName(QStringLiteral("wizardError"));
    m_mappingError->setWordWrap(true);

    auto *inner = new QWidget(page);
    auto *form = new QFormLayout(inner);
    form->addRow(tr("Key:"), m_key);
    form->addRow(tr("Title:"), m_title);
    form->addRow(tr("Kind:"), m_kindColumn);
    form->addRow(tr("Queue:"), m_queueColumn);
    form->addRow(tr("Status column:"), m_statusColumn);
    form->addRow(QString(), m_boolean);
    m_valuesForm = new QFormLayout;
    form->addRow(tr("Status values:"), m_valuesForm);
    form->addRow(tr("Failed value (written by Force Stop, Cancel):"), m_failedValue);
    form->addRow(tr("Pending value (written by Retry):"), m_pendingValue);
    const QStringList timeLabels{tr("Created:"), tr("Started:"), tr("Finished:"), tr("Changed:")};
    for (int i = 0; i < 4; ++i) {
        TimeRow row;
        row.column = combo("mappingTimeColumn");
        row.column->setObjectName(QStringLiteral("mappingTime_%1").arg(QLatin1String(kTimes[i])));
        row.type = combo("mappingTimeType");
        row.type->setObjectName(QStringLiteral("mappingTimeType_%1").arg(QLatin1String(kTimes[i])));
        row.type->addItem(tr("not a time"), QString());
        row.type->addItem(tr("timestamp with time zone"), QStringLiteral("timestamptz"));
        row.type->addItem(tr("timestamp (UTC)"), QStringLiteral("timestamp"));
        row.type->addItem(tr("ISO text"), QStringLiteral("iso"));
        row.type->addItem(tr("epoch seconds"), QStringLiteral("epoch_s"));
        row.type->addItem(tr("epoch milliseconds"), QStringLiteral("epoch_ms"));
        auto *line = new QHBoxLayout;
        line->addWidget(row.column, 2);
        line->addWidget(row.type, 1);
        form->addRow(timeLabels.at(i), line);
        m_times.insert(QLatin1String(kTimes[i]), row);
    }
    form->addRow(tr("Log:"), m_log);
    form->addRow(tr("Error:"), m_error);
    form->addRow(tr("Fence (changes with every write):"), m_fence);
    form->addRow(QString(), m_allowDelete);
    form->addRow(tr("Stuck when pending for:"), m_queuedMinutes);
    form->addRow(tr("Stuck when running unchanged for:"), m_runningMinutes);
    form->addRow(QString(), m_sweep);
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_mappingError);
    return page;
}

SourceWizard::StepPage *SourceWizard::buildTestPage()
{
    auto *page = new StepPage([this]() { return validateFinish(); }, this);
    page->setTitle(tr("Test"));
    page->setSubTitle(tr("The mapping against the table, each action as a dry run on one row "
                         "(rolled back), and the indexes a sort or filter needs."));
    page->setFinalPage(true);
    m_testResult = new QPlainTextEdit(page);
    m_testResult->setObjectName(QStringLiteral("sourceTest"));
    m_testResult->setReadOnly(true);
    m_finishError = new QLabel(page);
    m_finishError->setObjectName(QStringLiteral("wizardError"));
    m_finishError->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_testResult, 1);
    layout->addWidget(m_finishError);
    return page;
}

QComboBox *SourceWizard::valueField(const QString &value) const
{
    return m_values.value(value);
}

QComboBox *SourceWizard::timeTypeField(const QString &which) const
{
    return m_times.value(which).type;
}

QComboBox *SourceWizard::timeColumnField(const QString &which) const
{
    return m_times.value(which).column;
}

QString SourceWizard::errorText() const
{
    for (QLabel *l : {m_connectionError, m_tableError, m_mappingError, m_finishError}) {
        if (!l->text().isEmpty())
            return l->text();
    }
    return {};
}

QString SourceWizard::previewText() const
{
    return m_preview->toPlainText();
}

QString SourceWizard::testText() const
{
    return m_testResult->toPlainText();
}

void SourceWizard::setError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setStyleSheet(text.isEmpty() ? QString() : QStringLiteral("color: #c0392b;"));
}

void SourceWizard::setBusy(bool busy)
{
    m_busy = busy;
    button(QWizard::NextButton)->setEnabled(!busy);
    button(QWizard::FinishButton)->setEnabled(!busy);
    button(QWizard::BackButton)->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

QString SourceWizard::locationText() const
{
    const QString text = m_location->text().trimmed();
    return text;
}

bool SourceWizard::validateConnection()
{
    const QString key
        = locationText() + (m_readOnly->isChecked() ? QStringLiteral(" ro") : QString());
    if (Error e = checkSourceName(m_name->text().trimmed())) {
        setError(m_connectionError, tr("The name cannot be used: %1").arg(coreText(e)));
        return false;
    }
    if (locationText().isEmpty()) {
        setError(m_connectionError, tr("Give the database's file or URL."));
        return false;
    }
    if (key == m_connectedTo)
        return true;
    if (m_busy)
        return false;
    setError(m_connectionError, tr("Connecting…"));
    setBusy(true);
    struct Connected
    {
        QString error;
        QStringList tables;
    };
    m_context.background().run(
        this,
        [session = m_session, location = locationText(), readOnly = m_readOnly->isChecked()]() {
            Connected c;
            session->db.reset();
            Result<DatabaseLocation> where = DatabaseLocation::parse(location);
            if (!where.ok()) {
                c.error = coreText(where.error());
                return c;
            }
            auto db = std::make_unique<Database>(
                *where, readOnly ? Database::Role::AttachedReadOnly : Database::Role::Attached);
            if (Error e = db->open()) {
                c.error = coreText(e);
                return c;
            }
            Result<QStringList> tables = SourceCatalog(*db).tables();
            if (!tables.ok()) {
                c.error = coreText(tables.error());
                return c;
            }
            c.tables = *tables;
            session->db = std::move(db);
            return c;
        },
        [this, key](const Connected &c) {
            setBusy(false);
            if (!c.error.isEmpty()) {
                m_connectedTo.clear();
                setError(m_connectionError, tr("No connection: %1").arg(c.error));
                return;
            }
            if (c.tables.isEmpty()) {
                m_connectedTo.clear();
                setError(m_connectionError, tr("The database holds no tables."));
                return;
            }
            setError(m_connectionError, QString());
            m_connectedTo = key;
            m_previewed.clear();
            m_tables->clear();
            m_tables->addItems(c.tables);
            m_tables->setCurrentRow(0);
            next();
        });
    return false;
}

bool SourceWizard::validateTable()
{
    QListWidgetItem *item = m_tables->currentItem();
    if (!item) {
        setError(m_tableError, tr("Choose a table."));
        return false;
    }
    const QString table = item->text();
    if (table == m_previewed)
        return true;
    if (m_busy)
        return false;
    setError(m_tableError, tr("Reading the table…"));
    setBusy(true);
    struct Preview
    {
        QString error;
        CatalogTable table;
        SourceDefinition suggested;
        QVector<StatusValueCount> values;
        QVector<QStringList> rows;
        QStringList columns;
    };
    m_context.background().run(
        this,
        [session = m_session, table]() {
            Preview p;
            if (!session->db) {
                p.error = QStringLiteral("not connected");
                return p;
            }
            SourceCatalog catalog(*session->db);
            Result<CatalogTable> t = catalog.table(table);
            if (!t.ok()) {
                p.error = coreText(t.error());
                return p;
            }
            p.table = *t;
            Result<SourceDefinition> s = catalog.suggest(table);
            if (!s.ok()) {
                p.error = coreText(s.error());
                return p;
            }
            p.suggested = *s;
            Result<QVector<StatusValueCount>> values
                = catalog.statusValues(table, s->mapping.status);
            if (values.ok())
                p.values = *values;
            // A few rows as they are stored, newest first by the key.
            const SourceDialect d = SourceDialect::of(*session->db);
            QStringList cols;
            for (const CatalogColumn &c : std::as_const(p.table.columns)) {
                cols << d.asText(d.id(c.name));
                p.columns << c.name;
            }
            Result<QSqlQuery> q = session->db->run(
                QStringLiteral("SELECT %1 FROM %2 ORDER BY %3 DESC LIMIT 5")
                    .arg(cols.join(QStringLiteral(", ")), d.id(table), d.id(s->mapping.key)),
                QStringLiteral("reading the first rows of %1").arg(table));
            if (q.ok()) {
                while (q->next()) {
                    QStringList row;
                    for (qsizetype i = 0; i < cols.size(); ++i)
                        row << q->value(int(i)).toString().left(200);
                    p.rows << row;
                }
            }
            return p;
        },
        [this, table](const Preview &p) {
            setBusy(false);
            if (!p.error.isEmpty()) {
                setError(
                    m_tableError, tr("The table %1 cannot be attached: %2").arg(table, p.error));
                return;
            }
            setError(m_tableError, QString());
            m_previewed = table;
            m_table = p.table;
            m_suggested = p.suggested;
            m_suggested.name = m_name->text().trimmed();
            m_suggested.location = locationText();
            m_suggested.readOnly = m_readOnly->isChecked();
            QStringList lines;
            lines << tr("Columns:");
            for (const CatalogColumn &c : p.table.columns) {
                QStringList notes;
                if (c.primaryKey)
                    notes << tr("primary key");
                if (c.indexed)
                    notes << tr("indexed");
                if (!c.references.isEmpty())
                    notes << tr("references %1").arg(c.references);
                lines << QStringLiteral("  %1  %2%3")
                             .arg(c.name, c.type,
                                 notes.isEmpty() ? QString()
                                                 : QStringLiteral("  (%1)").arg(
                                                     notes.join(QStringLiteral(", "))));
            }
            lines << QString() << tr("Status values in %1:").arg(p.suggested.mapping.status.column);
            for (const StatusValueCount &v : p.values)
                lines << tr("  %1: %n row(s)", "", int(v.rows)).arg(v.value);
            m_preview->setPlainText(lines.join(QLatin1Char('\n')));
            m_sample->clear();
            m_sample->setColumnCount(int(p.columns.size()));
            m_sample->setHorizontalHeaderLabels(p.columns);
            m_sample->setRowCount(int(p.rows.size()));
            for (int r = 0; r < p.rows.size(); ++r) {
                for (int c = 0; c < p.rows.at(r).size(); ++c)
                    m_sample->setItem(r, c, new QTableWidgetItem(p.rows.at(r).at(c)));
            }
            fillMapping(p.suggested, p.table, p.values);
            next();
        });
    return false;
}

void SourceWizard::fillMapping(
    const SourceDefinition &s, const CatalogTable &table, const QVector<StatusValueCount> &values)
{
    const SourceMapping &m = s.mapping;
    fillColumns(m_key, table, m.key, false);
    m_title->setText(m.title.join(QStringLiteral(", ")));
    fillColumns(m_kindColumn, table, m.kind, true);
    fillColumns(m_queueColumn, table, m.queue, true);
    fillColumns(m_statusColumn, table, m.status.column, false);
    m_boolean->setChecked(m.status.boolean);
    while (m_valuesForm->rowCount() > 0)
        m_valuesForm->removeRow(0);
    m_values.clear();
    QStringList present;
    for (const StatusValueCount &v : values)
        present << v.value;
    for (auto it = m.status.values.cbegin(); it != m.status.values.cend(); ++it) {
        if (!present.contains(it.key()))
            present << it.key();
    }
    for (const QString &value : std::as_const(present)) {
        auto *c = new QComboBox;
        c->setObjectName(QStringLiteral("mappingValue_%1").arg(value));
        for (TaskStatus st :
            {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Completed, TaskStatus::Failed})
            c->addItem(statusName(st), int(st));
        c->addItem(tr("not mapped"), -1);
        const std::optional<TaskStatus> st = m.status.statusOf(value);
        c->setCurrentIndex(c->findData(st ? int(*st) : -1));
        qint64 rows = 0;
        for (const StatusValueCount &v : values) {
            if (v.value == value)
                rows = v.rows;
        }
        m_valuesForm->addRow(tr("%1 (%n row(s)):", "", int(rows)).arg(value), c);
        m_values.insert(value, c);
    }
    m_failedValue->setText(m.status.failedValue);
    m_pendingValue->setText(m.status.pendingValue);
    for (const char *which : kTimes) {
        const TimeColumn &t = timeOf(m, QLatin1String(which));
        TimeRow row = m_times.value(QLatin1String(which));
        fillColumns(row.column, table, t.column, true);
        row.type->setCurrentIndex(std::max(0, row.type->findData(timeTypeName(t.type))));
    }
    fillColumns(m_log, table, m.log, true);
    fillColumns(m_error, table, m.error, true);
    fillColumns(m_fence, table, m.fence, true);
    m_allowDelete->setChecked(m.allowDelete);
    m_queuedMinutes->setValue(s.stuck.queuedMinutes);
    m_runningMinutes->setValue(s.stuck.runningMinutes);
    m_sweep->setChecked(s.stuck.sweep);
}

SourceDefinition SourceWizard::definition() const
{
    SourceDefinition d = m_suggested;
    d.name = m_name->text().trimmed();
    d.location = locationText();
    d.readOnly = m_readOnly->isChecked();
    SourceMapping &m = d.mapping;
    m.key = m_key->currentData().toString();
    m.title.clear();
    for (const QString &t : m_title->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!t.trimmed().isEmpty())
            m.title << t.trimmed();
    }
    m.kind = m_kindColumn->currentData().toString();
    m.queue = m_queueColumn->currentData().toString();
    m.status.column = m_statusColumn->currentData().toString();
    m.status.boolean = m_boolean->isChecked();
    if (!m.status.boolean) {
        m.status.values.clear();
        for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
            const int st = it.value()->currentData().toInt();
            if (st >= 0)
                m.status.values.insert(it.key(), TaskStatus(st));
        }
    }
    m.status.failedValue = m_failedValue->text().trimmed();
    m.status.pendingValue = m_pendingValue->text().trimmed();
    for (const char *which : kTimes) {
        const TimeRow row = m_times.value(QLatin1String(which));
        TimeColumn &t = timeOf(m, QLatin1String(which));
        const QString column = row.column->currentData().toString();
        const std::optional<TimeType> type = parseTimeType(row.type->currentData().toString());
        if (column != t.column) {
            // Another column than suggested: an ISO sample of a suggested one, if any.
            QString sample;
            for (const char *other : kTimes) {
                const TimeColumn &o = timeOf(m_suggested.mapping, QLatin1String(other));
                if (o.column == column || (sample.isEmpty() && !o.isoSample.isEmpty()))
                    sample = o.isoSample;
            }
            t = TimeColumn();
            t.isoSample = sample;
        }
        t.column = column;
        t.type = column.isEmpty() ? TimeType::None : type.value_or(TimeType::None);
    }
    m.log = m_log->currentData().toString();
    m.error = m_error->currentData().toString();
    m.fence = m_fence->currentData().toString();
    m.allowDelete = m_allowDelete->isChecked();
    d.stuck.queuedMinutes = m_queuedMinutes->value();
    d.stuck.runningMinutes = m_runningMinutes->value();
    d.stuck.sweep = m_sweep->isChecked();
    return d;
}

bool SourceWizard::validateMapping()
{
    const SourceDefinition d = definition();
    for (auto it = m_times.cbegin(); it != m_times.cend(); ++it) {
        if (!it->column->currentData().toString().isEmpty()
            && it->type->currentData().toString().isEmpty()) {
            setError(m_mappingError,
                tr("Say how the column %1 keeps its time.")
                    .arg(it->column->currentData().toString()));
            return false;
        }
    }
    if (Error e = d.validate()) {
        setError(m_mappingError, tr("The mapping cannot be used: %1").arg(coreText(e)));
        return false;
    }
    const QString json
        = QString::fromUtf8(QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact));
    if (json == m_tested)
        return true;
    if (m_busy)
        return false;
    setError(m_mappingError, tr("Testing the mapping…"));
    setBusy(true);
    struct Tested
    {
        QString error;
        QStringList lines;
    };
    m_context.background().run(
        this,
        [session = m_session, d, taskdesk = &m_context.database(),
            actor = m_context.operatorName()]() {
            Tested t;
            if (!session->db) {
                t.error = QStringLiteral("not connected");
                return t;
            }
            SourceCatalog catalog(*session->db);
            if (Error e = catalog.check(d)) {
                t.error = coreText(e);
                return t;
            }
            SourceReader reader(*session->db, d);
            SourceActions actions(*session->db, d, *taskdesk, actor);
            const QVector<TaskAction> kinds{
                TaskAction::ForceStop, TaskAction::Cancel, TaskAction::Restart, TaskAction::Delete};
            for (TaskAction kind : kinds) {
                if (kind == TaskAction::Delete && !d.mapping.allowDelete)
                    continue;
                const QString name = sourceActionName(kind);
                if (d.readOnly) {
                    t.lines << tr("%1: read-only, not tried").arg(name);
                    continue;
                }
                TaskFilter f;
                f.statuses = SourceActions::allowedFrom(kind);
                f.limit = 1;
                Result<QVector<SourceRow>> rows = reader.list(f);
                if (!rows.ok()) {
                    t.error = coreText(rows.error());
                    return t;
                }
                if (rows->isEmpty()) {
                    t.lines << tr("%1: no row to try it on").arg(name);
                    continue;
                }
                Result<SourceActionReport> r = actions.apply(kind, rows->first(), true);
                if (!r.ok())
                    t.lines << tr("%1 on row %2: failed: %3")
                                   .arg(name)
                                   .arg(rows->first().key)
                                   .arg(coreText(r.error()));
                else if (r->done)
                    t.lines << tr("%1 on row %2: would write %3 (was %4), %n item(s); rolled back",
                        "", r->itemsChanged)
                                   .arg(name)
                                   .arg(r->key)
                                   .arg(r->after, r->before);
                else
                    t.lines
                        << tr("%1 on row %2: refused: %3").arg(name).arg(r->key).arg(r->refusal);
            }
            Result<QStringList> advice = catalog.indexAdvice(d);
            if (advice.ok()) {
                t.lines << QString();
                if (advice->isEmpty())
                    t.lines << tr("Every sort and filter is served by an index.");
                for (const QString &a : std::as_const(*advice))
                    t.lines << tr("Index advice: %1").arg(a);
            }
            return t;
        },
        [this, json](const Tested &t) {
            setBusy(false);
            if (!t.error.isEmpty()) {
                setError(m_mappingError, tr("The mapping does not fit the table: %1").arg(t.error));
                return;
            }
            setError(m_mappingError, QString());
            m_tested = json;
            m_testResult->setPlainText(t.lines.join(QLatin1Char('\n')));
            next();
        });
    return false;
}

bool SourceWizard::validateFinish()
{
    // accept() asks the page again once the source is saved.
    if (m_saved)
        return true;
    if (m_busy)
        return false;
    const SourceDefinition d = definition();
    setError(m_finishError, tr("Saving…"));
    setBusy(true);
    m_context.background().run(
        this,
        [d, taskdesk = &m_context.database(), actor = m_context.operatorName()]() {
            Error e = SourceRegistry(*taskdesk, actor).add(d);
            return e ? coreText(e) : QString();
        },
        [this, name = d.name](const QString &error) {
            setBusy(false);
            if (!error.isEmpty()) {
                setError(m_finishError, tr("The source was not saved: %1").arg(error));
                return;
            }
            setError(m_finishError, QString());
            m_saved = true;
            Q_EMIT sourceAdded(name);
            accept();
        });
    return false;
}

} // namespace taskdesk::ui
