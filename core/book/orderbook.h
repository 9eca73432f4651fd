#pragma once

#include "bookmetrics.h"
#include "protocol/events.h"

#include <span>
#include <vector>

namespace polymon {

// One asset's book with exact fixed-point levels. Each side is a vector sorted
// so that the best level is last: bids ascending, asks descending. Best
// bid/ask is back(), O(1); updates near the top (where nearly all happen) move
// few elements; capacity is kept, so steady-state updates never allocate.
class OrderBook final
{
public:
    OrderBook();

    // Full replacement from a snapshot in any level order. Zero sizes are
    // skipped; a repeated price keeps its last size.
    void replace(std::span<const PriceLevel> bids, std::span<const PriceLevel> asks);
    void clear() noexcept;

    // Sets the absolute size at a price; 0 removes the level. Returns the
    // size the level had before (0 when it was absent).
    Fixed setLevel(Side side, Fixed price, Fixed size);

    // Removes bids above maxBid / asks below minAsk (already matched at the
    // exchange). Returns the number of levels removed.
    int dropBidsAbove(Fixed maxBid) noexcept;
    int dropAsksBelow(Fixed minAsk) noexcept;

    bool hasBid() const noexcept { return !m_bids.empty(); }
    bool hasAsk() const noexcept { return !m_asks.empty(); }
    Fixed bestBid() const noexcept { return m_bids.empty() ? 0 : m_bids.back().price; }
    Fixed bestAsk() const noexcept { return m_asks.empty() ? 0 : m_asks.back().price; }
    Fixed bidDepth() const noexcept { return m_bidTotal; }
    Fixed askDepth() const noexcept { return m_askTotal; }
    bool crossedOrLocked() const noexcept
    {
        return hasBid() && hasAsk() && m_bids.back().price >= m_asks.back().price;
    }

    // The size resting at exactly `price` on one side (Buy: bids), 0 if none.
    Fixed sizeAt(Side side, Fixed price) const noexcept;

    // Best level last.
    std::span<const PriceLevel> bids() const noexcept { return m_bids; }
    std::span<const PriceLevel> asks() const noexcept { return m_asks; }

    BookMetrics metrics(Fixed band) const noexcept;
    // Size resting within `band` of a fixed price (bids at or above
    // anchor - band, asks at or below anchor + band): the depth near where
    // the price was, which a band following the mid would hide.
    Fixed bidDepthNear(Fixed anchor, Fixed band) const noexcept;
    Fixed askDepthNear(Fixed anchor, Fixed band) const noexcept;

private:
    std::vector<PriceLevel> m_bids;
    std::vector<PriceLevel> m_asks;
    Fixed m_bidTotal = 0;
    Fixed m_askTotal = 0;
};

} // namespace polymon
