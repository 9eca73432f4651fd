#pragma once

#include "trading/feeschedule.h"

#include <cstdint>

namespace polymon {

// How a backtest trades each BUY or SELL signal (AVOID is never traded).
enum class StrategyMode : std::uint8_t {
    None,   // signals and outcomes only
    Fade,   // trade the signal's recommendation: buy the panic, sell the FOMO
    Follow, // trade with the move: sell into the panic, buy the FOMO
};

const char *strategyModeName(StrategyMode mode) noexcept; // "none", "fade", "follow"
bool strategyModeFromName(const char *name, StrategyMode &mode) noexcept;

struct StrategySettings
{
    StrategyMode mode = StrategyMode::Fade;
    Fixed shares = 100 * kFixedScale;   // per trade; whole hundredths like an order
    std::int64_t holdMs = 300'000;      // exit this long after entry...
    Fixed stop = 0;                     // ...or once the exit price is this far against the entry (0: no stop)
    Fixed maxSlippage = 20'000;         // entry takes levels within this of the touch the signal saw (2 cents)
    FeeSchedule fees{50'000, 1};        // taker fee: the v2 "general" category (0.05, exponent 1); see docs/backtest.md
};

} // namespace polymon
