#pragma once

#include "book/tradeprint.h"
#include "monitor/topsnapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

#include <deque>

namespace polymon {

// One of your working orders as the ladder shows it.
struct LadderOrder
{
    Fixed price = 0;
    Side side = Side::Buy;
    Fixed remaining = 0;
    Fixed queueAhead = 0;
};

// A DOM tick ladder of one outcome: one row per tick on a fixed grid from
// 1 - tick (top) down to tick, empty levels shown, so rows never jump as
// levels come and go. Columns: your buy orders, bid size, price, ask size,
// your sell orders, and the volume traded at each price over a window.
// Each size remembers how it changed in the last seconds (stacking or
// pulling), for the delegate to show beside it.
class LadderModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { MyBids, BidSize, Price, AskSize, MyAsks, Traded, NUM_COLUMNS };
    enum Role {
        BarFractionRole = Qt::UserRole, // size (or traded volume) over the largest shown
        IsBestRole,
        SideRole,      // 1 bid side, -1 ask side, 0 inside the spread
        IsSpreadRole,  // an empty tick between the best bid and ask
        PriceRole,     // qint64 millionths
        HasOrdersRole, // your orders rest here (order columns)
        DeltaRole,     // qint64: the size's change over the last seconds (size columns)
    };
    static constexpr Fixed kDefaultTick = 10'000;
    static constexpr qint64 kDeltaShowMs = 2'000;

    using QAbstractTableModel::QAbstractTableModel;

    // The grid; a new tick rebuilds it (the view should recentre).
    void setTick(Fixed tick);
    Fixed tick() const noexcept { return m_tick; }
    // The book's levels near the touch (best first); prices off the grid
    // are kept on the nearest row below. `nowMs` dates the size changes.
    void setLevels(const QVector<PriceLevel> &bidsBestFirst, const QVector<PriceLevel> &asksBestFirst, qint64 nowMs = 0);
    void setOrders(const QVector<LadderOrder> &orders);
    // Trades of this outcome (any order); volume counts those within the window.
    void addTrades(const QList<TradePrint> &trades);
    void setTradedWindowMs(qint64 windowMs); // 0: everything since shown
    qint64 tradedWindowMs() const noexcept { return m_windowMs; }
    void clear();

    Fixed priceAt(int row) const;
    int rowOf(Fixed price) const; // -1 off the grid
    int bestBidRow() const { return m_bestBid > 0 ? rowOf(m_bestBid) : -1; }
    int bestAskRow() const { return m_bestAsk > 0 ? rowOf(m_bestAsk) : -1; }
    // Where the view centres: the middle of the spread, else the side there is.
    int centreRow() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Delta
    {
        Fixed change = 0;
        qint64 atMs = 0;
    };
    QString ordersText(Fixed price, Side side, QString *tip) const;
    Fixed traded(Fixed price) const;
    void pruneTrades();
    void notifyAll();

    Fixed m_tick = 0;
    int m_rows = 0;
    QHash<Fixed, Fixed> m_bids; // price -> size
    QHash<Fixed, Fixed> m_asks;
    Fixed m_bestBid = 0;
    Fixed m_bestAsk = 0;
    Fixed m_bidDepthFloor = 0; // the deepest bid the snapshot carries (deltas beyond it are not known)
    Fixed m_askDepthCeil = 0;
    QHash<Fixed, Delta> m_bidDelta;
    QHash<Fixed, Delta> m_askDelta;
    qint64 m_nowMs = 0;
    Fixed m_maxSize = 1;
    QVector<LadderOrder> m_orders;
    std::deque<TradePrint> m_trades; // oldest first
    QHash<Fixed, Fixed> m_volume;    // within the window
    Fixed m_maxVolume = 1;
    qint64 m_windowMs = 5 * 60'000;
};

} // namespace polymon
