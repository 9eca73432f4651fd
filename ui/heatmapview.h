#pragma once

#include "events/marketevent.h"
#include "heatmap/depthhistory.h"

#include <QImage>
#include <QPoint>
#include <QVector>
#include <QWidget>

#include <vector>

namespace polymon {

// A Bookmap-style liquidity heatmap of one outcome: rows are ticks, columns
// time slices, colour the resting size (bid and ask hues) between a lower
// and an upper cut-off (percentiles of what is on screen), the best bid and
// ask as step lines, trades as bubbles (aggressor colour, area by size,
// above a minimum size), signal markers, and gaps in the data shaded, never
// bridged. Wheel zooms time (Shift: price), drag pans, double-click or
// Follow returns to live; hovering shows the exact size under the cursor.
class HeatmapView final : public QWidget
{
    Q_OBJECT
public:
    explicit HeatmapView(QWidget *parent = nullptr);

    void setHistory(const DepthHistory *history);
    void setTick(Fixed tick);
    // Percentiles of the visible sizes that map to the faintest and the
    // strongest colour (0..100).
    void setCutoffs(double lowerPercentile, double upperPercentile);
    void setMinTradeSize(Fixed shares);
    void setFollowLive(bool follow);
    bool followLive() const noexcept { return m_follow; }
    // The market clock: following, the right edge moves with it while the book is quiet.
    void setClock(std::int64_t ms) { m_clockMs = ms; }
    void addSignalMarker(std::int64_t ms, const QString &label, const QColor &colour);
    void clearMarkers();
    // The Timeline's events of this market: dotted lines labelled with their type.
    void setEvents(std::vector<MarketEvent> events);
    // Redraws when shown and something changed since the last paint.
    void refresh();

    // For tests: what the crosshair would show at a widget position.
    QString describeAt(const QPoint &pos) const;
    QPoint pointOf(std::int64_t ms, Fixed price) const;
    double lastPaintMs() const noexcept { return m_lastPaintMs; }

Q_SIGNALS:
    void followLiveChanged(bool follow);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Marker
    {
        std::int64_t ms = 0;
        QString label;
        QColor colour;
    };
    QRect plotRect() const;
    std::int64_t timeAtX(double x) const;
    double xOfTime(std::int64_t ms) const;
    Fixed priceAtY(double y) const;
    double yOfPrice(Fixed price) const;
    void followEdges();

    std::vector<MarketEvent> m_events; // by time
    const DepthHistory *m_history = nullptr;
    Fixed m_tick = 10'000;
    double m_lowerPct = 10;
    double m_upperPct = 98;
    Fixed m_minTrade = 0;
    bool m_follow = true;
    double m_pxPerSlice = 3.0;
    double m_pxPerTick = 7.0;
    std::int64_t m_endMs = 0;  // time at the plot's right edge
    std::int64_t m_clockMs = 0;
    Fixed m_centre = 500'000;  // price at the plot's vertical middle
    QVector<Marker> m_markers;
    QPoint m_dragFrom;
    std::int64_t m_dragEndMs = 0;
    Fixed m_dragCentre = 0;
    bool m_dragging = false;
    QPoint m_hover{-1, -1};
    std::size_t m_paintedColumns = 0;
    std::int64_t m_paintedLastMs = -1;
    double m_lastPaintMs = 0;
    QImage m_image; // one pixel per (column, tick), reused
};

} // namespace polymon
