#pragma once

#include "feeschedule.h"

namespace polymon {

// What the exchange enforces on one market's orders (shared/trading.md):
// the live tick, the smallest resting order, the $1 minimum of a marketable
// order and the taker fee. The tick follows tick_size_change.
struct MarketRules
{
    Fixed tick = 10'000;             // 0.01
    Fixed minOrderSize = 5'000'000;  // shares: the common `min_order_size`
    Fixed minMarketableNotional = 1'000'000; // $1
    FeeSchedule fees;
    bool negRisk = false;
};

} // namespace polymon
