#pragma once

#include <initializer_list>

class QAbstractAxis;
class QChartView;

namespace polymon {

// The look every chart shares, from the view's palette: background, title,
// legend, and axes with faint grid lines. Call it again on a palette change
// (theme switch).
class ChartStyle final
{
public:
    static void apply(QChartView *view, std::initializer_list<QAbstractAxis *> axes);
};

} // namespace polymon
