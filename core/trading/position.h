#pragma once

#include "order.h"

namespace polymon {

// One token held: shares, what they cost, and what was realised selling
// them, all exact in millionths (micro-USDC for money). Fees are kept apart
// from realised PnL so that both reconcile with the fills.
struct Position
{
    QString assetId;
    Fixed size = 0;     // shares held
    Fixed cost = 0;     // micro-USDC paid for the shares still held
    Fixed realized = 0; // micro-USDC, fees not included
    Fixed fees = 0;     // micro-USDC paid
    Fixed bought = 0;   // shares, all time
    Fixed sold = 0;     // shares, all time (settlement included)

    // Cost per share, rounded to the nearest millionth (display).
    Fixed averagePrice() const noexcept;
    // What selling everything at `exitPrice` would add to realised (fees not
    // included); the price you could exit at is the bid for a long.
    Fixed unrealized(Fixed exitPrice) const noexcept;
    // Applies one fill. Selling more than is held books the excess as proceeds
    // at no cost (it cannot happen through the risk checks).
    void apply(const Fill &fill) noexcept;
};

} // namespace polymon
