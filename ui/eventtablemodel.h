#pragma once

#include "catalog/marketinfo.h"
#include "monitor/topsnapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace polymon {

// Every outcome of a multi-outcome event side by side: each outcome is a
// YES/NO market, shown by its YES token's top of book (bid, ask, mid,
// spread, depth near the mid). The YES prices of one winner-takes-all event
// should sum to $1; sums() says how far they are.
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Outcome, Bid, Ask, Mid, Spread, Depth, Status, NUM_COLUMNS };
    enum Role { ConditionIdRole = Qt::UserRole };

    struct Sums
    {
        int outcomes = 0;
        int priced = 0;   // outcomes with a two-sided YES book
        Fixed mids = 0;   // over the priced ones
        Fixed asks = 0;   // buying every YES at its best ask (all priced)
        Fixed bids = 0;   // selling every YES at its best bid
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setMarkets(const QList<MarketInfo> &markets);
    const QList<MarketInfo> &markets() const noexcept { return m_markets; }
    void applySnapshots(const QList<TopSnapshot> &tops);
    Sums sums() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Top
    {
        BookMetrics metrics;
        SyncState state = SyncState::AwaitingBook;
        bool seen = false;
    };
    QList<MarketInfo> m_markets;
    QList<Top> m_tops;           // by row
    QHash<QString, int> m_rowOf; // YES token -> row
};

} // namespace polymon
