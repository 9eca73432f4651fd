#pragma once

#include "events/marketevent.h"

#include <QDateTime>
#include <QDialog>

#include <vector>

class QComboBox;
class QDateTimeEdit;
class QRadioButton;

namespace polymon {

// Puts a video on the market's clock from the frame on screen: the wall
// time it shows, an event of the Timeline it shows, or (a VOD) the date
// the file says it was recorded. A live stream is aligned by an event it
// shows now, which measures its delay.
class VideoAlignDialog final : public QDialog
{
    Q_OBJECT
public:
    // `positionMs`: the frame on screen; `recorded`: the file's date, invalid when it has none.
    VideoAlignDialog(qint64 positionMs, bool live, const QDateTime &recorded, std::vector<MarketEvent> events,
                     QWidget *parent = nullptr);

    // The wall time (ms) the frame on screen shows, as chosen.
    qint64 wallAtFrame() const;

private:
    qint64 m_positionMs;
    QDateTime m_recorded;
    std::vector<MarketEvent> m_events;
    QRadioButton *m_byTime;
    QRadioButton *m_byEvent;
    QRadioButton *m_byFile;
    QDateTimeEdit *m_time;
    QComboBox *m_event;
};

} // namespace polymon
