#pragma once

#include "events/eventstudy.h"

#include <QChartView>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace polymon {

// One event type's study as a chart: the mean move (cents) after the event
// at each horizon with its 95 % interval, beside the same horizons at
// random times; for the chat's pace, its correlation with the book's moves
// at every lag instead.
class EventStudyChartView final : public QChartView
{
    Q_OBJECT
public:
    explicit EventStudyChartView(QWidget *parent = nullptr);

    void showType(const EventStudy::TypeResult &result);
    void clear();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLineSeries *m_mean;
    QScatterSeries *m_points;
    QLineSeries *m_low;
    QLineSeries *m_high;
    QLineSeries *m_baseline;
    QLineSeries *m_zero;
    QValueAxis *m_x;
    QValueAxis *m_y;
};

} // namespace polymon
