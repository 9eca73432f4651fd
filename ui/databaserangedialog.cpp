#include "databaserangedialog.h"

#include "viewfactory.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace polymon {

DatabaseRangeDialog::DatabaseRangeDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Replay from the database"));
    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addSecs(-3600), this);
    m_to = new QDateTimeEdit(now, this);
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setObjectName(e == m_from ? QStringLiteral("from") : QStringLiteral("to"));
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
    }
    auto *form = new QFormLayout;
    form->addRow(tr("From"), m_from);
    form->addRow(tr("To"), m_to);
    auto *note = ViewFactory::caption(
        tr("Plays the snapshots and trades recorded in the database over this range, with signals recomputed "
           "with the current settings. Coarser than a recording: a book at most twice a second, 20 levels a side, "
           "nothing in between. For every frame as received, open a recording instead."),
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Replay"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_to->dateTime() <= m_from->dateTime())
            m_to->setDateTime(m_from->dateTime().addSecs(3600)); // a range, not a point
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

qint64 DatabaseRangeDialog::fromMs() const
{
    return m_from->dateTime().toMSecsSinceEpoch();
}

qint64 DatabaseRangeDialog::toMs() const
{
    return m_to->dateTime().toMSecsSinceEpoch();
}

} // namespace polymon
