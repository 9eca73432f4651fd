#pragma once

#include "analysis/signal.h"
#include "protocol/fixedpoint.h"
#include "storage/historyreader.h"

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
// signal coloured by type (hover for the description). Each outcome keeps a
// bounded history; the chart shows the selected one and redraws with
// QXYSeries::replace, never per message.
// Follows the latest prices until the user zooms (drag a range, or the
// wheel) or pans (Shift+drag, arrow keys); right-click or Home follows again.
class PriceChartView final : public QChartView
{
    Q_OBJECT
public:
    explicit PriceChartView(QWidget *parent = nullptr);

    void addPoint(const QString &assetId, qint64 timestampMs, Fixed bid, Fixed ask);
    void addSignal(const Signal &signal);
    // Older points (from the database), placed before what is already shown.
    void addHistory(const AssetHistory &history);
    void showAsset(const QString &assetId);
    const QString &asset() const noexcept { return m_asset; }
    // Redraws the selected asset if it changed since the last call.
    void refresh();
    // Empties the series (and the item geometry Qt Charts keeps for them)
    // while the chart is off screen; refresh() fills them again.
    void releaseSeries();
    bool followsLive() const noexcept { return m_follow; }
    // Time of the oldest point kept for the asset; 0 when none.
    qint64 firstPointMs(const QString &assetId) const;
    void followLive();
    qint64 visibleSpanMs() const;

    static constexpr std::size_t kMaxPoints = 6000;
    static constexpr qint64 kPointSpacingMs = 250; // finer updates replace the last point
    static constexpr qint64 kMinSpanMs = 60'000;   // so the time labels differ

    static QColor typeColour(SignalType type);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

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
    void setTimeRange(qint64 fromMs, qint64 toMs);
    void userMovedView();
    void applyPalette();

    QLineSeries *m_bid;
    QLineSeries *m_ask;
    QLineSeries *m_mid;
    QScatterSeries *m_markers[kSignalTypeCount];
    QDateTimeAxis *m_time;
    QValueAxis *m_price;
    QHash<QString, History> m_history;
    QString m_asset;
    bool m_follow = true;
    bool m_panning = false;
    QPoint m_panFrom;
};

} // namespace polymon
