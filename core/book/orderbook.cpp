#include "orderbook.h"

#include <algorithm>

namespace polymon {

namespace {

constexpr std::size_t kInitialLevels = 128;

// Sorted with the best level last; returns the total size kept.
Fixed rebuildSide(std::vector<PriceLevel> &side, std::span<const PriceLevel> levels, bool ascending)
{
    side.clear();
    for (const PriceLevel &level : levels) {
        if (level.size > 0)
            side.push_back(level);
    }
    auto less = [ascending](const PriceLevel &a, const PriceLevel &b) {
        return ascending ? a.price < b.price : a.price > b.price;
    };
    // Stable, so that for a repeated price the later entry wins below.
    std::stable_sort(side.begin(), side.end(), less);
    std::size_t out = 0;
    for (std::size_t i = 0; i < side.size(); ++i) {
        if (out > 0 && side[out - 1].price == side[i].price)
            side[out - 1] = side[i];
        else
            side[out++] = side[i];
    }
    side.resize(out);
    Fixed total = 0;
    for (const PriceLevel &level : side)
        total += level.size;
    return total;
}

} // namespace

OrderBook::OrderBook()
{
    m_bids.reserve(kInitialLevels);
    m_asks.reserve(kInitialLevels);
}

void OrderBook::replace(std::span<const PriceLevel> bids, std::span<const PriceLevel> asks)
{
    m_bidTotal = rebuildSide(m_bids, bids, true);
    m_askTotal = rebuildSide(m_asks, asks, false);
}

void OrderBook::clear() noexcept
{
    m_bids.clear();
    m_asks.clear();
    m_bidTotal = 0;
    m_askTotal = 0;
}

namespace {
// Levels run from worst to best, so "before" means a worse price.
template<typename Levels>
auto levelAt(Levels &levels, bool isBid, Fixed price)
{
    return isBid ? std::lower_bound(levels.begin(), levels.end(), price,
                                    [](const PriceLevel &l, Fixed p) { return l.price < p; })
                 : std::lower_bound(levels.begin(), levels.end(), price,
                                    [](const PriceLevel &l, Fixed p) { return l.price > p; });
}
} // namespace

Fixed OrderBook::sizeAt(Side side, Fixed price) const noexcept
{
    const bool isBid = side == Side::Buy;
    const std::vector<PriceLevel> &levels = isBid ? m_bids : m_asks;
    const auto it = levelAt(levels, isBid, price);
    return it != levels.end() && it->price == price ? it->size : 0;
}

Fixed OrderBook::setLevel(Side side, Fixed price, Fixed size)
{
    const bool isBid = side == Side::Buy;
    std::vector<PriceLevel> &levels = isBid ? m_bids : m_asks;
    Fixed &total = isBid ? m_bidTotal : m_askTotal;

    const auto it = levelAt(levels, isBid, price);
    if (it != levels.end() && it->price == price) {
        const Fixed before = it->size;
        total += size - before;
        if (size == 0)
            levels.erase(it);
        else
            it->size = size;
        return before;
    }
    if (size > 0) {
        levels.insert(it, PriceLevel{price, size});
        total += size;
    }
    return 0;
}

int OrderBook::dropBidsAbove(Fixed maxBid) noexcept
{
    int dropped = 0;
    while (!m_bids.empty() && m_bids.back().price > maxBid) {
        m_bidTotal -= m_bids.back().size;
        m_bids.pop_back();
        ++dropped;
    }
    return dropped;
}

int OrderBook::dropAsksBelow(Fixed minAsk) noexcept
{
    int dropped = 0;
    while (!m_asks.empty() && m_asks.back().price < minAsk) {
        m_askTotal -= m_asks.back().size;
        m_asks.pop_back();
        ++dropped;
    }
    return dropped;
}

BookMetrics OrderBook::metrics(Fixed band) const noexcept
{
    BookMetrics m;
    m.hasBid = hasBid();
    m.hasAsk = hasAsk();
    m.bidDepth = m_bidTotal;
    m.askDepth = m_askTotal;
    m.bidLevels = static_cast<int>(m_bids.size());
    m.askLevels = static_cast<int>(m_asks.size());
    if (m.hasBid) {
        m.bestBid = m_bids.back().price;
        m.bestBidSize = m_bids.back().size;
    }
    if (m.hasAsk) {
        m.bestAsk = m_asks.back().price;
        m.bestAskSize = m_asks.back().size;
    }
    if (!m.twoSided())
        return m;
    m.crossed = m.bestBid >= m.bestAsk;
    m.spread = m.bestAsk - m.bestBid;
    m.mid = (m.bestBid + m.bestAsk) / 2;
    // The products overflow int64 for big books; long double's 64-bit
    // mantissa still rounds this derived value to the micro-unit.
    const long double weighted = static_cast<long double>(m.bestBid) * static_cast<long double>(m.bestAskSize)
                               + static_cast<long double>(m.bestAsk) * static_cast<long double>(m.bestBidSize);
    m.microprice = static_cast<Fixed>(weighted / static_cast<long double>(m.bestBidSize + m.bestAskSize) + 0.5L);

    m.bandBidDepth = bidDepthNear(m.mid, band);
    m.bandAskDepth = askDepthNear(m.mid, band);
    const Fixed sum = m.bandBidDepth + m.bandAskDepth;
    if (sum > 0)
        m.imbalance = static_cast<double>(m.bandBidDepth - m.bandAskDepth) / static_cast<double>(sum);
    return m;
}

Fixed OrderBook::bidDepthNear(Fixed anchor, Fixed band) const noexcept
{
    Fixed total = 0;
    for (auto it = m_bids.rbegin(); it != m_bids.rend() && it->price >= anchor - band; ++it)
        total += it->size;
    return total;
}

Fixed OrderBook::askDepthNear(Fixed anchor, Fixed band) const noexcept
{
    Fixed total = 0;
    for (auto it = m_asks.rbegin(); it != m_asks.rend() && it->price <= anchor + band; ++it)
        total += it->size;
    return total;
}

} // namespace polymon
