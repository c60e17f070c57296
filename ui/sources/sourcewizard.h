#pragma once

#include "core/sources/sourcecatalog.h"
#include "core/sources/sourcedefinition.h"

#include <QWizard>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;

namespace taskdesk::ui {

class AppContext;

// "Attach a Table…": another program's job table becomes a source in steps.
// The connection (a SQLite file, a PostgreSQL or MySQL URL, read-only or not),
// the table, a preview of its columns, status values and rows, the mapping
// (suggested by the catalog, every part editable), a test (the mapping against
// the table, each action as a dry run on one row, the indexes a sort or filter
// needs) and the registry. Every step that reads a database runs on the
// context's background runner, where the wizard's connection lives; a step
// that fails says why in one message, and nothing is saved before Finish.
class SourceWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceWizard)

public:
    enum PageId { ConnectionPage, TablePage, PreviewPage, MappingPage, TestPage };

    explicit SourceWizard(AppContext &context, QWidget *parent = nullptr);
    ~SourceWizard() override;

    // The fields a test fills in, by their parts.
    QLineEdit *nameField() const { return m_name; }
    QComboBox *kindField() const { return m_kind; }
    QLineEdit *locationField() const { return m_location; }
    QCheckBox *readOnlyField() const { return m_readOnly; }
    QListWidget *tableList() const { return m_tables; }
    QComboBox *keyField() const { return m_key; }
    QComboBox *statusColumnField() const { return m_statusColumn; }
    QComboBox *valueField(const QString &value) const;
    QCheckBox *allowDeleteField() const { return m_allowDelete; }
    QComboBox *timeTypeField(const QString &which) const; // "created", "started", …
    QComboBox *timeColumnField(const QString &which) const;
    // What the last step said went wrong (empty when it went well).
    QString errorText() const;
    QString previewText() const;
    QString testText() const;
    // The definition the mapping page holds now.
    SourceDefinition definition() const;
    // Every step's background work is done.
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    // The source was saved under this name.
    void sourceAdded(const QString &name);

private:
    struct Session;
    class StepPage;
    struct TimeRow
    {
        QComboBox *column = nullptr;
        QComboBox *type = nullptr;
    };

    StepPage *buildConnectionPage();
    StepPage *buildTablePage();
    StepPage *buildPreviewPage();
    StepPage *buildMappingPage();
    StepPage *buildTestPage();
    bool validateConnection();
    bool validateTable();
    bool validateMapping();
    bool validateFinish();
    void fillMapping(const SourceDefinition &suggested, const CatalogTable &table,
        const QVector<StatusValueCount> &values);
    void setError(QLabel *label, const QString &text);
    void setBusy(bool busy);
    QString locationText() const;

    AppContext &m_context;
    std::shared_ptr<Session> m_session; // used on the background thread only
    bool m_busy = false;
    bool m_saved = false;
    QString m_connectedTo; // the location (and read-only) the session holds
    QString m_previewed; // the table whose preview is loaded
    QString m_tested; // the definition (JSON) the test ran on, and passed
    SourceDefinition m_suggested;
    CatalogTable m_table;

    QLineEdit *m_name;
    QComboBox *m_kind;
    QLineEdit *m_location;
    QCheckBox *m_readOnly;
    QLabel *m_connectionError;
    QListWidget *m_tables;
    QLabel *m_tableError;
    QPlainTextEdit *m_preview;
    QTableWidget *m_sample;
    QComboBox *m_key;
    QLineEdit *m_title;
    QComboBox *m_kindColumn;
    QComboBox *m_queueColumn;
    QComboBox *m_statusColumn;
    QCheckBox *m_boolean;
    QFormLayout *m_valuesForm;
    QMap<QString, QComboBox *> m_values;
    QLineEdit *m_failedValue;
    QLineEdit *m_pendingValue;
    QMap<QString, TimeRow> m_times;
    QComboBox *m_log;
    QComboBox *m_error;
    QComboBox *m_fence;
    QCheckBox *m_allowDelete;
    QSpinBox *m_queuedMinutes;
    QSpinBox *m_runningMinutes;
    QCheckBox *m_sweep;
    QLabel *m_mappingError;
    QPlainTextEdit *m_testResult;
    QLabel *m_finishError;
};

} // namespace taskdesk::ui
