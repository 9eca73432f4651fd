#pragma once

#include "strategy/strategystats.h"

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace polymon {

// A backtest's equity curves: cumulative net PnL in dollars over exchange
// time, a step per closed trade. Two curves at most: the selected row, and
// the walk-forward's out-of-sample trades for comparison.
class EquityChartView final : public QChartView
{
    Q_OBJECT
public:
    explicit EquityChartView(QWidget *parent = nullptr);

    void setCurves(const QString &name, const std::vector<EquityPoint> &curve, const QString &otherName,
                   const std::vector<EquityPoint> &other);
    void clear();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    static void fill(QLineSeries *series, const std::vector<EquityPoint> &curve);

    QLineSeries *m_main;
    QLineSeries *m_other;
    QLineSeries *m_zero;
    QDateTimeAxis *m_time;
    QValueAxis *m_value;
};

} // namespace polymon
