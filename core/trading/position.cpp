#include "position.h"

#include "util/int128.h"

#include <algorithm>

namespace polymon {

Fixed Position::averagePrice() const noexcept
{
    if (size <= 0)
        return 0;
    return Fixed((Int128(cost) * kFixedScale + size / 2) / size);
}

Fixed Position::unrealized(Fixed exitPrice) const noexcept
{
    if (size <= 0)
        return 0;
    return notionalDown(exitPrice, size) - cost; // proceeds round down
}

void Position::apply(const Fill &fill) noexcept
{
    fees += fill.fee;
    if (fill.side == Side::Buy) {
        size += fill.size;
        cost += fill.notional;
        bought += fill.size;
        return;
    }
    sold += fill.size;
    const Fixed closing = std::min(fill.size, size);
    // The cost of the shares sold, in proportion; what stays is exact, so
    // cost + realised always equals what the fills paid and received.
    const Fixed removed = closing == size ? cost : Fixed(Int128(cost) * closing / size);
    realized += fill.notional - removed;
    cost -= removed;
    size -= closing;
}

} // namespace polymon
