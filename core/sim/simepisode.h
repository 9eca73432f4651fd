#pragma once

#include "book/orderbook.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polymon {

// A scripted order-book episode on a market's YES book, with the levels it
// must restore afterwards. The NO book mirrors it (see SimEngine).
struct SimEpisode
{
    enum class Kind : std::uint8_t { Panic, Fomo, Vacuum, Pull };

    Kind kind = Kind::Panic;
    int market = 0;
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;     // the recovery starts here
    std::int64_t doneMs = 0;    // recovery complete; the market trades freely again
    int recoveryStep = -1;      // -1: not started; 0..kRecoverySteps: recovering
    bool prepared = false; // a pull first layers bids (20 s before it starts)
    bool started = false;
    bool finished = false;
    std::vector<PriceLevel> savedBids;
    std::vector<PriceLevel> savedAsks;
    Fixed savedFair = 0;
};

// Ground truth for evaluation: this asset should show this signal type
// between startMs and endMs.
struct SimLabel
{
    std::string assetId;
    std::string type; // PANIC_SELL, FOMO_BUY, LIQUIDITY_VACUUM, DEPTH_PULL
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
};

} // namespace polymon
