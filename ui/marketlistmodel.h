#pragma once

#include "catalog/marketinfo.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

namespace polymon {

// The market browser: question, YES price, 24h volume, liquidity, end date.
class MarketListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Question, YesPrice, Volume24h, Liquidity, EndDate, NUM_COLUMNS };
    enum Role { SortRole = Qt::UserRole, WatchedRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setMarkets(const QList<MarketInfo> &markets);
    void appendMarkets(const QList<MarketInfo> &markets); // a further page; known ids skipped
    const MarketInfo &market(int row) const { return m_markets.at(row); }
    int marketCount() const { return int(m_markets.size()); }
    void setWatched(const QSet<QString> &conditionIds);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<MarketInfo> m_markets;
    QSet<QString> m_watched;
};

} // namespace polymon
