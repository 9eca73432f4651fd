#include "videoaligndialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

namespace polymon {

namespace {

QString positionText(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2:%3.%4")
        .arg(s / 3600)
        .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000 / 100);
}

} // namespace

VideoAlignDialog::VideoAlignDialog(qint64 positionMs, bool live, const QDateTime &recorded,
                                   std::vector<MarketEvent> events, QWidget *parent)
    : QDialog(parent)
    , m_positionMs(positionMs)
    , m_recorded(recorded)
    , m_events(std::move(events))
    , m_byTime(new QRadioButton(tr("It shows the wall time"), this))
    , m_byEvent(new QRadioButton(live ? tr("It shows this event now") : tr("It shows this event"), this))
    , m_byFile(new QRadioButton(tr("Use the date the file was recorded (its start)"), this))
    , m_time(new QDateTimeEdit(this))
    , m_event(new QComboBox(this))
{
    setObjectName(QStringLiteral("videoAlignDialog"));
    setWindowTitle(tr("Align the video with the market"));
    auto *intro = new QLabel(live ? tr("Pause nothing: when the stream shows something the Timeline has (a goal, a "
                                       "period), choose it here. The stream's delay behind the market is measured from it.")
                                  : tr("The frame on screen (%1 into the video) is put on the market's clock. Choose "
                                       "what it shows; replays then play the video with the books.")
                                        .arg(positionText(positionMs)),
                             this);
    intro->setWordWrap(true);

    m_time->setObjectName(QStringLiteral("alignTime"));
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    m_time->setCalendarPopup(true);
    m_time->setDateTime(QDateTime::currentDateTime());

    m_event->setObjectName(QStringLiteral("alignEvent"));
    // The latest first: a live stream shows what just happened.
    std::sort(m_events.begin(), m_events.end(), [](const MarketEvent &a, const MarketEvent &b) { return a.tsMs > b.tsMs; });
    for (const MarketEvent &e : m_events)
        m_event->addItem(QStringLiteral("%1  %2  %3")
                             .arg(QDateTime::fromMSecsSinceEpoch(e.tsMs).toString(QStringLiteral("HH:mm:ss")), e.type,
                                  e.text.left(60)));
    m_byEvent->setEnabled(!m_events.empty());
    m_event->setEnabled(!m_events.empty());
    if (m_events.empty())
        m_event->addItem(tr("(the Timeline has no events: load some or follow the sports channel)"));

    auto *fileDate = new QLabel(recorded.isValid() ? recorded.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                                   : tr("(this video names no date)"),
                                this);
    m_byFile->setEnabled(recorded.isValid() && !live);
    m_byFile->setVisible(!live);
    fileDate->setVisible(!live);
    m_byTime->setVisible(!live);
    m_time->setVisible(!live);

    if (!m_events.empty())
        m_byEvent->setChecked(true);
    else if (!live && recorded.isValid())
        m_byFile->setChecked(true);
    else
        m_byTime->setChecked(true);

    auto *grid = new QGridLayout;
    grid->addWidget(m_byTime, 0, 0);
    grid->addWidget(m_time, 0, 1);
    grid->addWidget(m_byEvent, 1, 0);
    grid->addWidget(m_event, 1, 1);
    grid->addWidget(m_byFile, 2, 0);
    grid->addWidget(fileDate, 2, 1);
    grid->setColumnStretch(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Align"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!live || !m_events.empty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, [this] { m_byTime->setChecked(true); });
    connect(m_event, &QComboBox::activated, this, [this] {
        if (m_byEvent->isEnabled())
            m_byEvent->setChecked(true);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

qint64 VideoAlignDialog::wallAtFrame() const
{
    if (m_byEvent->isChecked() && m_event->currentIndex() >= 0 && m_event->currentIndex() < int(m_events.size()))
        return m_events[size_t(m_event->currentIndex())].tsMs;
    if (m_byFile->isChecked() && m_recorded.isValid())
        return m_recorded.toMSecsSinceEpoch() + m_positionMs;
    return m_time->dateTime().toMSecsSinceEpoch();
}

} // namespace polymon
