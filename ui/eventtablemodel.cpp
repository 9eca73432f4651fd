#include "eventtablemodel.h"

#include "priceformat.h"
#include "themes.h"

#include <QLocale>

namespace polymon {

void EventTableModel::setMarkets(const QList<MarketInfo> &markets)
{
    beginResetModel();
    m_markets = markets;
    m_tops = QList<Top>(markets.size());
    m_rowOf.clear();
    for (int row = 0; row < markets.size(); ++row)
        if (!markets[row].tokenIds.isEmpty())
            m_rowOf.insert(markets[row].tokenIds.first(), row);
    endResetModel();
}

void EventTableModel::applySnapshots(const QList<TopSnapshot> &tops)
{
    int first = -1, last = -1;
    for (const TopSnapshot &t : tops) {
        const auto it = m_rowOf.constFind(t.assetId);
        if (it == m_rowOf.cend())
            continue;
        Top &top = m_tops[*it];
        if (top.seen && top.state == t.state && top.metrics.bestBid == t.metrics.bestBid && top.metrics.bestAsk == t.metrics.bestAsk
            && top.metrics.bandBidDepth == t.metrics.bandBidDepth && top.metrics.bandAskDepth == t.metrics.bandAskDepth)
            continue;
        top = Top{t.metrics, t.state, true};
        first = first < 0 ? *it : std::min(first, *it);
        last = std::max(last, *it);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, NUM_COLUMNS - 1));
}

EventTableModel::Sums EventTableModel::sums() const
{
    Sums s;
    s.outcomes = int(m_markets.size());
    bool allAsks = true, allBids = true;
    for (const Top &t : m_tops) {
        const bool live = t.seen && t.state == SyncState::Synced;
        if (live && t.metrics.twoSided()) {
            ++s.priced;
            s.mids += t.metrics.mid;
        }
        allAsks = allAsks && live && t.metrics.hasAsk;
        allBids = allBids && live && t.metrics.hasBid;
        s.asks += live && t.metrics.hasAsk ? t.metrics.bestAsk : 0;
        s.bids += live && t.metrics.hasBid ? t.metrics.bestBid : 0;
    }
    if (!allAsks)
        s.asks = 0; // an outcome without an ask: the set cannot be bought
    if (!allBids)
        s.bids = 0;
    return s;
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_markets.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_markets.size())
        return {};
    const MarketInfo &m = m_markets[index.row()];
    const Top &t = m_tops[index.row()];
    const BookMetrics &b = t.metrics;
    const bool live = t.seen && t.state == SyncState::Synced;
    if (role == ConditionIdRole)
        return m.conditionId;
    if (role == Qt::ToolTipRole)
        return m.question;
    if (role == Qt::TextAlignmentRole && index.column() != Outcome && index.column() != Status)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        if (index.column() == Bid)
            return Themes::bid();
        if (index.column() == Ask)
            return Themes::ask();
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QString none = QStringLiteral("–");
    switch (index.column()) {
    case Outcome: return m.groupTitle.isEmpty() ? m.question : m.groupTitle;
    case Bid: return live && b.hasBid ? PriceFormat::price(b.bestBid) : none;
    case Ask: return live && b.hasAsk ? PriceFormat::price(b.bestAsk) : none;
    case Mid: return live && b.twoSided() ? PriceFormat::price(b.mid) : none;
    case Spread: return live && b.twoSided() ? PriceFormat::difference(b.spread) : none;
    case Depth:
        return live ? QStringLiteral("%1 / %2")
                          .arg(QLocale().toString(double(b.bandBidDepth) / double(kFixedScale), 'f', 0),
                               QLocale().toString(double(b.bandAskDepth) / double(kFixedScale), 'f', 0))
                    : none;
    case Status:
        return !t.seen ? tr("waiting") : t.state == SyncState::Synced ? tr("live") : QLatin1String(syncStateName(t.state));
    default: return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Depth)
        return tr("YES shares resting within the band around the mid (Settings ▸ Detector), bids / asks");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Outcome: return tr("Outcome");
    case Bid: return tr("Yes bid");
    case Ask: return tr("Yes ask");
    case Mid: return tr("Mid");
    case Spread: return tr("Spread");
    case Depth: return tr("Depth bid / ask");
    case Status: return tr("Status");
    default: return {};
    }
}

} // namespace polymon
