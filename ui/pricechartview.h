#pragma once

#include "analysis/signal.h"
#include "events/marketevent.h"
#include "protocol/fixedpoint.h"
#include "storage/historyreader.h"

#include <QHash>
#include <QPoint>
#include <QString>
#include <QWidget>

#include <deque>
#include <vector>

namespace polymon {

// Best bid, best ask and mid of one outcome over time, drawn as steps (a
// price holds until it changes), with a marker per signal coloured by type
// (hover for the description), and event lines. Gaps in the data (no book, the app not
// running, unrecorded minutes) are left empty and shaded, never bridged.
// Following live, the time axis moves with the market clock even while the
// book is quiet. Under the pointer nothing rescales or scrolls, so markers
// and the crosshair's read-out stay put. Wheel zooms time, drag pans,
// double-click, right-click or Home follows live again.
class PriceChartView final : public QWidget
{
    Q_OBJECT
public:
    explicit PriceChartView(QWidget *parent = nullptr);

    void addPoint(const QString &assetId, qint64 timestampMs, Fixed bid, Fixed ask);
    // No book from here on (unsynced, disconnected): the line stops until the next point.
    void breakHere(const QString &assetId, qint64 timestampMs);
    void addSignal(const Signal &signal);
    // Events of this market (goals, chat bursts, the user's own), drawn as
    // thin lines across the plot labelled with their type; all assets.
    void setEvents(std::vector<MarketEvent> events);
    // Older points (from the database), placed before what is already shown.
    // A minute without a recorded point is a gap.
    void addHistory(const AssetHistory &history);
    void showAsset(const QString &assetId);
    const QString &asset() const noexcept { return m_asset; }
    // The market clock (wall time live, the position in a replay): the right
    // edge while following.
    void setClock(qint64 ms);
    // Repaints if something changed since the last paint.
    void refresh();
    bool followsLive() const noexcept { return m_follow; }
    // Time of the oldest point kept for the asset; 0 when none.
    qint64 firstPointMs(const QString &assetId) const;
    void followLive();
    // True while the pointer holds the view still.
    bool frozen() const noexcept { return m_frozen; }
    qint64 visibleFromMs() const noexcept { return m_fromMs; }
    qint64 visibleToMs() const noexcept { return m_toMs; }
    // What the crosshair reads at a widget position (for tests too).
    QString describeAt(const QPoint &pos) const;
    // Where a time and a price are drawn (for tests).
    QPointF pointOf(qint64 ms, Fixed price) const;

    static constexpr std::size_t kMaxPoints = 8000;
    static constexpr qint64 kPointSpacingMs = 250; // finer updates replace the last point
    static constexpr qint64 kMinSpanMs = 60'000;   // so the time labels differ
    static constexpr qint64 kRecordedGapMs = 60'000;

    static QColor typeColour(SignalType type);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Point
    {
        qint64 ts = 0;
        Fixed bid = 0;
        Fixed ask = 0;
        qint64 gapFromMs = 0; // > 0: no data from then until ts
    };
    struct History
    {
        std::deque<Point> points;
        std::vector<Signal> signals_;
        qint64 brokenAtMs = 0; // > 0: no book since then
    };
    // Where the line of point i ends: the next point, the start of the gap
    // before it, or for the last point the break or the clock.
    qint64 stepEndMs(const History &h, std::size_t i) const;
    const Point *pointAt(const History &h, qint64 ms) const;
    // Following: the span from the oldest point to the clock.
    void followClock();
    // The price range of what is on screen.
    void fitPrices();
    void stopFollowing();
    void setFrozen(bool frozen);
    QRect plotRect() const;
    double xOf(qint64 ms) const;
    qint64 timeAt(double x) const;
    double yOf(double price) const;
    double priceAt(double y) const;
    const Signal *signalNear(const QPoint &pos) const;

    QHash<QString, History> m_history;
    std::vector<MarketEvent> m_events; // in time order
    const MarketEvent *eventNear(int x) const;
    QString m_asset;
    qint64 m_clockMs = 0;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    double m_low = 0.4;  // price range shown
    double m_high = 0.6;
    bool m_follow = true;
    bool m_frozen = false;
    bool m_dirty = true;
    bool m_dragging = false;
    QPoint m_dragFrom;
    qint64 m_dragFromMs = 0;
    qint64 m_dragToMs = 0;
    QPoint m_hover{-1, -1};
};

} // namespace polymon
