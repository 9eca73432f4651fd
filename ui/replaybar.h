#pragma once

#include "capture/coveragegapnote.h"

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;

namespace polymon {

class ReplayTimeline;

// The transport of a replay: play/pause (Space), one frame (.), speed from
// 0.25x to 100x or as fast as possible, a timeline to seek on, and where
// in the recording the books are.
class ReplayBar final : public QToolBar
{
    Q_OBJECT
public:
    explicit ReplayBar(QWidget *parent = nullptr);

    void setRange(qint64 startNs, qint64 endNs);
    void setPosition(qint64 timeNs, bool playing);
    // Stretches nobody recorded, shaded on the timeline (set after setRange).
    void setGaps(const QList<CoverageGapNote> &gaps);
    double speed() const;
    QString positionText() const;

Q_SIGNALS:
    void playRequested();
    void pauseRequested();
    void stepRequested();
    void speedChosen(double speed); // 0: as fast as possible
    void seekRequested(qint64 timeNs);

private:
    QString timeText(qint64 ns) const;

    QAction *m_play;
    QAction *m_step;
    QComboBox *m_speed;
    ReplayTimeline *m_timeline;
    QLabel *m_position;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    bool m_playing = false;
};

} // namespace polymon
