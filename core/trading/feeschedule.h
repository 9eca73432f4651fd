#pragma once

#include "protocol/fixedpoint.h"

namespace polymon {

// A market's taker fee as the exchange charges it at match time
// (shared/trading.md): fee = shares * rate * (p * (1 - p))^exponent USDC,
// p the match price. Makers pay nothing. The market's parameters are `fd.r`
// and `fd.e` of /clob-markets/{condition_id}.
struct FeeSchedule
{
    Fixed rate = 0;   // millionths: 0.25 -> 250'000
    int exponent = 1; // 0, 1 or 2

    static constexpr int kMaxExponent = 2;

    bool valid() const noexcept { return rate >= 0 && rate <= kFixedScale && exponent >= 0 && exponent <= kMaxExponent; }
    // The fee in micro-USDC for `shares` (millionths) matched at `price`,
    // computed exactly and rounded up to the micro-USDC (never charged less
    // than the exchange would). Prices are on the exchange's 0.0001 grid; a
    // finer price is rounded to it first.
    Fixed takerFee(Fixed shares, Fixed price) const noexcept;
};

} // namespace polymon
