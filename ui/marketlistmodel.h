#pragma once

#include "catalog/marketinfo.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace polymon {

// The market browser: question, YES price, 24h volume, liquidity, end date.
class MarketListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Question, YesPrice, Volume24h, Liquidity, EndDate, NUM_COLUMNS };
    enum Role { SortRole = Qt::UserRole, WatchedRole, SearchTextRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setMarkets(const QList<MarketInfo> &markets);
    // A further page, search results or a refresh: known markets take the
    // new prices, volumes and liquidity, new ones are added. `foundBy`
    // (the search that found them) also matches the filter, since a search
    // matches the event's title, not only the question.
    void appendMarkets(const QList<MarketInfo> &markets, const QString &foundBy = {});
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
    QHash<QString, QString> m_foundBy; // condition id -> search texts
};

} // namespace polymon
