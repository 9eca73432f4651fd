#pragma once

#include "monitor/topsnapshot.h"

#include <QAbstractTableModel>
#include <QVector>

namespace polymon {

// One of your working orders as the ladder shows it.
struct LadderOrder
{
    Fixed price = 0;
    Side side = Side::Buy;
    Fixed remaining = 0;
    Fixed queueAhead = 0;
};

// Depth ladder of one outcome: asks above (best ask just over the middle),
// a spread row, bids below; sizes with a bar fraction for the painted
// delegate; your working orders in the outer columns, each at its price
// (a price with only your order gets a row of its own).
class LadderModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { MyBids, BidSize, Price, AskSize, MyAsks, NUM_COLUMNS };
    enum Role { BarFractionRole = Qt::UserRole, IsBestRole, SideRole, IsSpreadRole, PriceRole, HasOrdersRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setLevels(const QVector<PriceLevel> &bidsBestFirst, const QVector<PriceLevel> &asksBestFirst);
    void setOrders(const QVector<LadderOrder> &orders);
    void clear();
    // The row's price; 0 for the spread row or out of range.
    Fixed priceAt(int row) const;
    // The row of the best ask; -1 when there are no asks.
    int bestAskRow() const noexcept { return m_askCount - 1; }
    // The spread row between the best ask and the best bid; -1 unless both
    // sides have levels.
    int spreadRow() const noexcept { return m_hasSpread ? m_askCount : -1; }
    int bestBidRow() const noexcept { return m_bidCount > 0 ? m_askCount + (m_hasSpread ? 1 : 0) : -1; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void rebuild();
    QString ordersText(Fixed price, Side side, QString *tip) const;

    struct Line
    {
        PriceLevel level;
        bool bid = false;
        bool best = false;
        bool spread = false; // the row between the sides
    };
    QVector<PriceLevel> m_bids; // best first, as given
    QVector<PriceLevel> m_asks;
    QVector<LadderOrder> m_orders;
    QVector<Line> m_lines;
    Fixed m_maxSize = 1;
    int m_askCount = 0;
    int m_bidCount = 0;
    bool m_hasSpread = false;
};

} // namespace polymon
