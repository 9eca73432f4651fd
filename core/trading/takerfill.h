#pragma once

#include "book/orderbook.h"
#include "feeschedule.h"

namespace polymon {

// What a marketable order takes from a book at the moment it arrives: best
// levels first, never past its limit, each level's match paying the taker
// fee at that level's price. Money is rounded once per fill, against the
// taker: cost up for a buy, proceeds down for a sell.
struct TakerFill
{
    Fixed shares = 0;   // filled, millionths
    Fixed notional = 0; // micro-USDC paid (buy) or received (sell), fee excluded
    Fixed fee = 0;      // micro-USDC
    Fixed lastPrice = 0; // the worst level reached; 0 when nothing filled
    int levels = 0;      // levels touched

    bool empty() const noexcept { return shares == 0; }
    // Average price per share, rounded to the nearest millionth (display).
    Fixed averagePrice() const noexcept;

    // Buys take the asks up to `limit`, sells the bids down to it; limit 0
    // takes whatever the side holds.
    static TakerFill walk(const OrderBook &book, Side side, Fixed shares, Fixed limit, const FeeSchedule &fees);
};

} // namespace polymon
