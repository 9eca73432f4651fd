#pragma once

#include "simmarket.h"

#include <QRandomGenerator64>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace polymon {

// One frame the simulated exchange sends, and the market it concerns.
struct SimFrame
{
    int market = -1;
    std::string json;
};

// A deterministic simulated exchange: a catalog of markets whose books evolve
// by random order flow (placements, cancels, trades) around a drifting fair
// value. The sequence of frames depends only on the seed, never on timing or
// on who listens. Frames use the exchange's exact shapes: price_change in the
// current form with both tokens' entries and best_bid/best_ask, trades as
// last_trade_price, post-trade `book` snapshots, tick_size_change near 0/1.
class SimEngine final
{
public:
    explicit SimEngine(quint64 seed, int marketCount = 12);

    const std::vector<SimMarket> &markets() const noexcept { return m_markets; }
    std::vector<std::string> allAssetIds() const;
    // Index of the market holding the token, or -1.
    int marketOf(std::string_view assetId) const;

    // The next frame at exchange time nowMs.
    SimFrame next(std::int64_t nowMs);
    // A `book` event for one token (initial dump shape with tick_size).
    std::string bookEvent(std::string_view assetId, std::int64_t nowMs) const;

private:
    void step(std::int64_t nowMs);
    void placeOrCancel(int index, std::int64_t nowMs);
    void trade(int index, std::int64_t nowMs);
    void drift(int index, std::int64_t nowMs);
    void emitLevel(int index, Side yesSide, Fixed price, Fixed size, std::int64_t nowMs);
    std::string bookJson(const SimMarket &m, bool yes, std::int64_t nowMs, bool initial) const;
    Fixed randomSize();
    std::string hashFor();

    std::vector<SimMarket> m_markets;
    std::deque<SimFrame> m_pending;
    QRandomGenerator64 m_random;
    std::uint64_t m_hashCounter = 0;
};

} // namespace polymon
