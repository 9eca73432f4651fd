#include "replaybar.h"

#include "replaytimeline.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QStyle>

namespace polymon {

namespace {
constexpr int kTimelineSteps = 10'000;
}

ReplayBar::ReplayBar(QWidget *parent)
    : QToolBar(tr("Replay"), parent)
{
    setObjectName(QStringLiteral("replayBar"));
    setMovable(false);
    setIconSize(QSize(16, 16)); // as slim as the trading bar above it
    m_play = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
    m_play->setObjectName(QStringLiteral("replayPlay"));
    m_play->setShortcut(Qt::Key_Space);
    m_play->setToolTip(tr("Play or pause the recording (Space)"));
    connect(m_play, &QAction::triggered, this, [this] { m_playing ? Q_EMIT pauseRequested() : Q_EMIT playRequested(); });
    m_step = addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"));
    m_step->setObjectName(QStringLiteral("replayStep"));
    m_step->setShortcut(Qt::Key_Period);
    m_step->setToolTip(tr("One frame forward (.)"));
    connect(m_step, &QAction::triggered, this, &ReplayBar::stepRequested);

    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("replaySpeed"));
    for (const double s : {0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 100.0})
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_speed->addItem(tr("as fast as possible"), 0.0);
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("Replay speed against the recorded pace"));
    connect(m_speed, &QComboBox::activated, this, [this] { Q_EMIT speedChosen(speed()); });
    addWidget(m_speed);

    m_timeline = new ReplayTimeline(this);
    m_timeline->setObjectName(QStringLiteral("replayTimeline"));
    m_timeline->setRange(0, kTimelineSteps);
    m_timeline->setMinimumWidth(200);
    m_timeline->setToolTip(tr("Drag to seek: the books as they were at that moment"));
    connect(m_timeline, &QSlider::sliderReleased, this, [this] {
        const double f = double(m_timeline->value()) / kTimelineSteps;
        Q_EMIT seekRequested(m_startNs + qint64(double(m_endNs - m_startNs) * f));
    });
    addWidget(m_timeline);

    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("replayPosition"));
    m_position->setMinimumWidth(m_position->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00 / 00:00:00  ")));
    addWidget(m_position);
}

double ReplayBar::speed() const
{
    return m_speed->currentData().toDouble();
}

QString ReplayBar::timeText(qint64 ns) const
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(QStringLiteral("HH:mm:ss"));
}

QString ReplayBar::positionText() const
{
    return m_position->text();
}

void ReplayBar::setRange(qint64 startNs, qint64 endNs)
{
    m_startNs = startNs;
    m_endNs = std::max(endNs, startNs + 1);
    m_position->setToolTip(tr("Recorded from %1 to %2 (local time)")
                               .arg(QDateTime::fromMSecsSinceEpoch(startNs / 1'000'000).toString(Qt::ISODate),
                                    QDateTime::fromMSecsSinceEpoch(endNs / 1'000'000).toString(Qt::ISODate)));
    setPosition(startNs, false);
}

void ReplayBar::setGaps(const QList<CoverageGapNote> &gaps)
{
    QList<QPair<double, double>> spans;
    const double range = double(m_endNs - m_startNs);
    for (const CoverageGapNote &gap : gaps)
        spans.append({(double(gap.fromMs) * 1e6 - double(m_startNs)) / range, (double(gap.toMs) * 1e6 - double(m_startNs)) / range});
    m_timeline->setShaded(spans);
    m_timeline->setToolTip(gaps.isEmpty() ? tr("Drag to seek: the books as they were at that moment")
                                          : tr("Drag to seek: the books as they were at that moment. Shaded: %n "
                                               "stretch(es) when no recorder held a book (blank books there)",
                                               nullptr, int(gaps.size())));
}

void ReplayBar::setPosition(qint64 timeNs, bool playing)
{
    m_playing = playing;
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    if (!m_timeline->isSliderDown())
        m_timeline->setValue(int(double(timeNs - m_startNs) * kTimelineSteps / double(m_endNs - m_startNs)));
    m_position->setText(QStringLiteral("%1 / %2").arg(timeText(timeNs), timeText(m_endNs)));
}

} // namespace polymon
