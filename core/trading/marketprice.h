#pragma once

#include "order.h"

#include <optional>
#include <span>

namespace polymon {

// The price a marketable order is sent at, from the book as the exchange's
// clients compute it (calculateBuyMarketPrice / calculateSellMarketPrice):
// walking from the best level, a BUY counts dollars (size x price) and a
// SELL counts shares until `amount` is covered; the level where it is
// covered is the price. Not covered: FOK has no price, FAK takes the worst
// level. `levels` are one side of the book, best last (OrderBook's order).
std::optional<Fixed> marketablePrice(std::span<const PriceLevel> levels, Side takerSide, Fixed amount, OrderType type);

} // namespace polymon
