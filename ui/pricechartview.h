#pragma once

#include "analysis/signal.h"
#include "protocol/fixedpoint.h"

#include <QChartView>
#include <QHash>
#include <QString>

#include <deque>
#include <vector>

class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace polymon {

// Best bid, best ask and mid of one outcome over time, with a marker per
// signal coloured by type (hover for the description). Each watched outcome
// keeps a bounded history; the chart shows the selected one and redraws with
// QXYSeries::replace, never per message.
class PriceChartView final : public QChartView
{
    Q_OBJECT
public:
    explicit PriceChartView(QWidget *parent = nullptr);

    void addPoint(const QString &assetId, qint64 timestampMs, Fixed bid, Fixed ask);
    void addSignal(const Signal &signal);
    void showAsset(const QString &assetId, const QString &title);
    // Redraws the selected asset if it changed since the last call.
    void refresh();

    static constexpr std::size_t kMaxPoints = 4000;

private:
    struct Point
    {
        qint64 ts;
        double bid;
        double ask;
    };
    struct History
    {
        std::deque<Point> points;
        std::vector<Signal> signals_;
        bool dirty = true;
    };

    QLineSeries *m_bid;
    QLineSeries *m_ask;
    QLineSeries *m_mid;
    QScatterSeries *m_markers[kSignalTypeCount];
    QDateTimeAxis *m_time;
    QValueAxis *m_price;
    QHash<QString, History> m_history;
    QString m_asset;
};

} // namespace polymon
