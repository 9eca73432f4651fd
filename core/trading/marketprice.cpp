#include "marketprice.h"

#include "util/int128.h"

namespace polymon {

std::optional<Fixed> marketablePrice(std::span<const PriceLevel> levels, Side takerSide, Fixed amount, OrderType type)
{
    if (levels.empty())
        return std::nullopt;
    const Int128 wanted = takerSide == Side::Buy ? Int128(amount) * kFixedScale : Int128(amount);
    Int128 sum = 0;
    for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
        sum += takerSide == Side::Buy ? Int128(it->size) * it->price : Int128(it->size);
        if (sum >= wanted)
            return it->price;
    }
    if (type == OrderType::FOK)
        return std::nullopt;
    return levels.front().price;
}

} // namespace polymon
