#include "missingdatabasedialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace taskdesk::ui {

MissingDatabaseDialog::MissingDatabaseDialog(const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
    , m_text(new QLabel(this))
    , m_create(new QPushButton(tr("Create It"), this))
    , m_choose(new QPushButton(tr("Choose Another…"), this))
    , m_quit(new QPushButton(tr("Quit"), this))
    , m_chooser([](QWidget *owner, const QString &folder) {
        return QFileDialog::getOpenFileName(owner, tr("Taskdesk Database"), folder,
            tr("SQLite databases (*.db *.sqlite);;All files (*)"));
    })
{
    setObjectName(QStringLiteral("missingDatabaseDialog"));
    setWindowTitle(tr("Taskdesk"));
    const QFileInfo file(path);
    QString text = tr("There is no database at %1.").arg(QDir::toNativeSeparators(path));
    if (!file.absoluteDir().exists())
        text += QLatin1Char(' ')
            + tr("Its folder %1 does not exist either.")
                  .arg(QDir::toNativeSeparators(file.absolutePath()));
    text += QStringLiteral("\n\n")
        + tr("Create a new, empty database there, choose another database file, or quit and "
             "check the path.");
    m_text->setText(text);
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("missingDatabaseText"));

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_choose, QDialogButtonBox::ActionRole);
    buttons->addButton(m_quit, QDialogButtonBox::RejectRole);
    // A mistyped path is the likely case: Return does not create anything.
    m_create->setAutoDefault(false);
    m_choose->setAutoDefault(false);
    m_quit->setDefault(true);

    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 75);

    connect(m_create, &QPushButton::clicked, this, [this]() {
        m_choice = Choice::Create;
        accept();
    });
    connect(m_choose, &QPushButton::clicked, this, &MissingDatabaseDialog::chooseAnother);
    connect(m_quit, &QPushButton::clicked, this, [this]() {
        m_choice = Choice::Quit;
        reject();
    });
}

QString MissingDatabaseDialog::text() const
{
    return m_text->text();
}

void MissingDatabaseDialog::chooseAnother()
{
    QString folder = QFileInfo(m_path).absolutePath();
    while (!folder.isEmpty() && !QDir(folder).exists() && folder != QDir::rootPath())
        folder = QFileInfo(folder).absolutePath();
    const QString chosen = m_chooser(this, folder);
    if (chosen.isEmpty())
        return; // the question stays
    m_choice = Choice::ChooseAnother;
    m_chosen = chosen;
    accept();
}

} // namespace taskdesk::ui
