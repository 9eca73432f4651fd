#include "takerfill.h"

#include "util/int128.h"

#include <algorithm>

namespace polymon {

Fixed TakerFill::averagePrice() const noexcept
{
    if (shares <= 0)
        return 0;
    return Fixed((Int128(notional) * kFixedScale + shares / 2) / shares);
}

TakerFill TakerFill::walk(const OrderBook &book, Side side, Fixed shares, Fixed limit, const FeeSchedule &fees)
{
    TakerFill fill;
    const auto levels = side == Side::Buy ? book.asks() : book.bids();
    Int128 value = 0; // price x size, scale 1e-12
    Fixed remaining = shares;
    for (auto it = levels.rbegin(); it != levels.rend() && remaining > 0; ++it) {
        const bool beyondLimit = side == Side::Buy ? it->price > limit : it->price < limit;
        if (limit > 0 && beyondLimit)
            break;
        const Fixed take = std::min(remaining, it->size);
        value += Int128(take) * it->price;
        fill.fee += fees.takerFee(take, it->price);
        fill.shares += take;
        fill.lastPrice = it->price;
        ++fill.levels;
        remaining -= take;
    }
    const Int128 scale = kFixedScale;
    fill.notional = Fixed(side == Side::Buy ? (value + scale - 1) / scale : value / scale);
    return fill;
}

} // namespace polymon
