#include "portfolio.h"

#include <QStringList>

#include <algorithm>

namespace polymon {

void Portfolio::setStartingCash(Fixed cash) noexcept
{
    m_cash += cash - m_startingCash;
    m_startingCash = cash;
}

void Portfolio::addMarket(const MarketPair &pair)
{
    if (!pair.yesAsset.isEmpty())
        m_markets.insert(pair.yesAsset, pair);
    if (!pair.noAsset.isEmpty())
        m_markets.insert(pair.noAsset, pair);
}

const MarketPair *Portfolio::marketOf(const QString &assetId) const
{
    const auto it = m_markets.constFind(assetId);
    return it == m_markets.constEnd() ? nullptr : &*it;
}

void Portfolio::apply(const Fill &fill)
{
    Position &p = m_positions[fill.assetId];
    p.assetId = fill.assetId;
    p.apply(fill);
    m_cash += fill.side == Side::Buy ? -fill.notional : fill.notional;
    m_cash -= fill.fee;
}

void Portfolio::mark(const QString &assetId, Fixed exitPrice)
{
    m_marks.insert(assetId, exitPrice);
}

const Position *Portfolio::position(const QString &assetId) const
{
    const auto it = m_positions.constFind(assetId);
    return it == m_positions.constEnd() ? nullptr : &*it;
}

Fixed Portfolio::sizeOf(const QString &assetId) const
{
    const Position *p = position(assetId);
    return p ? p->size : 0;
}

std::vector<Position> Portfolio::positions() const
{
    std::vector<Position> out(m_positions.cbegin(), m_positions.cend());
    std::sort(out.begin(), out.end(), [](const Position &a, const Position &b) { return a.assetId < b.assetId; });
    return out;
}

void Portfolio::restore(const Position &position)
{
    m_positions.insert(position.assetId, position);
}

Fixed Portfolio::realized() const
{
    Fixed sum = 0;
    for (const Position &p : m_positions)
        sum += p.realized;
    return sum;
}

Fixed Portfolio::fees() const
{
    Fixed sum = 0;
    for (const Position &p : m_positions)
        sum += p.fees;
    return sum;
}

Fixed Portfolio::unrealized() const
{
    Fixed sum = 0;
    for (const Position &p : m_positions)
        sum += p.unrealized(markOf(p.assetId));
    return sum;
}

MarketExposure Portfolio::exposure(const QString &conditionId) const
{
    MarketExposure e;
    for (const MarketPair &pair : m_markets) {
        if (pair.conditionId != conditionId)
            continue;
        const Position *yes = position(pair.yesAsset);
        const Position *no = position(pair.noAsset);
        e.yesSize = yes ? yes->size : 0;
        e.noSize = no ? no->size : 0;
        e.cost = (yes ? yes->cost : 0) + (no ? no->cost : 0);
        e.valueIfYes = e.yesSize; // $1 a share
        e.valueIfNo = e.noSize;
        break;
    }
    return e;
}

std::vector<Fill> Portfolio::settlement(const QStringList &assetIds, const QString &winningAsset, std::int64_t timestampMs) const
{
    std::vector<Fill> fills;
    for (const QString &asset : assetIds) {
        const Position *p = position(asset);
        if (!p || p->size <= 0)
            continue;
        Fill f;
        f.assetId = asset;
        f.timestampMs = timestampMs;
        f.side = Side::Sell;
        f.price = asset == winningAsset ? kFixedScale : 0;
        f.size = p->size;
        f.notional = asset == winningAsset ? p->size : 0;
        f.maker = true;
        fills.push_back(f);
    }
    return fills;
}

} // namespace polymon
