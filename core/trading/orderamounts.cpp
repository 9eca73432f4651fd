#include "orderamounts.h"

#include "util/int128.h"

namespace polymon {

namespace {
constexpr Int128 pow10(int n) noexcept
{
    Int128 v = 1;
    for (int i = 0; i < n; ++i)
        v *= 10;
    return v;
}

// The clients' fix-up of a computed amount num/den (whole units): kept when
// it has at most `decimals` places; otherwise rounded up at decimals + 4,
// and if that still has more than `decimals`, rounded down to `decimals`.
// Returns millionths.
Fixed fixAmount(Int128 num, Int128 den, int decimals) noexcept
{
    const Int128 exact = num * pow10(decimals);
    if (exact % den == 0)
        return Fixed(exact / den * pow10(kFixedDecimals - decimals));
    const Int128 fine = num * pow10(decimals + 4);
    const Int128 up = (fine + den - 1) / den; // at decimals + 4 places
    // Either it now ends in four zeros (the rounding carried) or it is
    // rounded down: both are the integer part at `decimals` places.
    return Fixed(up / 10'000 * pow10(kFixedDecimals - decimals));
}
} // namespace

std::optional<RoundingConfig> RoundingConfig::forTick(Fixed tick) noexcept
{
    switch (tick) {
    case 100'000: return RoundingConfig{1, 2, 3};
    case 10'000: return RoundingConfig{2, 2, 4};
    case 5'000: return RoundingConfig{3, 2, 5};
    case 2'500: return RoundingConfig{4, 2, 6};
    case 1'000: return RoundingConfig{3, 2, 5};
    case 100: return RoundingConfig{4, 2, 6};
    default: return std::nullopt;
    }
}

Fixed roundDownTo(Fixed value, int decimals) noexcept
{
    const Fixed unit = Fixed(pow10(kFixedDecimals - decimals));
    return value / unit * unit;
}

Fixed roundHalfUpTo(Fixed value, int decimals) noexcept
{
    const Fixed unit = Fixed(pow10(kFixedDecimals - decimals));
    return (value + unit / 2) / unit * unit;
}

std::optional<OrderAmounts> OrderAmounts::limit(Side side, Fixed price, Fixed shares, Fixed tick) noexcept
{
    const auto config = RoundingConfig::forTick(tick);
    if (!config)
        return std::nullopt;
    const Fixed rawPrice = roundHalfUpTo(price, config->price);
    const Fixed size = roundDownTo(shares, config->size);
    // size x price in whole units: (size / 1e6) x (price / 1e6).
    const Fixed value = fixAmount(Int128(size) * rawPrice, pow10(2 * kFixedDecimals), config->amount);
    if (side == Side::Buy)
        return OrderAmounts{value, size};
    return OrderAmounts{size, value};
}

std::optional<OrderAmounts> OrderAmounts::market(Side side, Fixed price, Fixed amount, Fixed tick) noexcept
{
    const auto config = RoundingConfig::forTick(tick);
    if (!config)
        return std::nullopt;
    const Fixed rawPrice = roundDownTo(price, config->price);
    const Fixed maker = roundDownTo(amount, config->size);
    if (rawPrice <= 0)
        return std::nullopt;
    if (side == Side::Buy) // dollars / price = shares
        return OrderAmounts{maker, fixAmount(Int128(maker), Int128(rawPrice), config->amount)};
    return OrderAmounts{maker, fixAmount(Int128(maker) * rawPrice, pow10(2 * kFixedDecimals), config->amount)};
}

} // namespace polymon
