#pragma once

#include "protocol/events.h"

#include <optional>

namespace polymon {

// Decimal places the exchange accepts for a tick (clob-client-v2's
// ROUNDING_CONFIG): price, size and amount.
struct RoundingConfig
{
    int price = 2;
    int size = 2;
    int amount = 4;

    // Empty for a tick the exchange does not use.
    static std::optional<RoundingConfig> forTick(Fixed tick) noexcept;
};

// An order's makerAmount and takerAmount in 6-decimal base units, computed
// with exact decimals the way the exchange's clients compute them (their
// floating-point results are reproduced where they are right, which the
// published vectors in rounding_v2.json check).
struct OrderAmounts
{
    Fixed maker = 0;
    Fixed taker = 0;

    // A limit order of `shares` at `price`: BUY pays maker = shares x price
    // for taker = shares; SELL the reverse. Empty on an unknown tick.
    static std::optional<OrderAmounts> limit(Side side, Fixed price, Fixed shares, Fixed tick) noexcept;
    // A marketable order: BUY spends `amount` dollars at up to `price`,
    // SELL sells `amount` shares at down to it.
    static std::optional<OrderAmounts> market(Side side, Fixed price, Fixed amount, Fixed tick) noexcept;
};

// Round a millionths value to `decimals` places (0..6).
Fixed roundDownTo(Fixed value, int decimals) noexcept;
Fixed roundHalfUpTo(Fixed value, int decimals) noexcept;

} // namespace polymon
