#pragma once

#include "fixedpoint.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace polymon {

// parseFixed for the numbers the feed sends four times per price change
// ("0.17", "416.64"): one pass over at most 15 characters, digits and one
// dot, at most 12 before it and 6 after, so no overflow check per digit.
// Anything else (empty, a sign, an exponent, more decimals, a longer number)
// goes to parseFixed itself: the result is always parseFixed's.
[[gnu::always_inline]] inline FixedError parseShortDecimal(std::string_view text, Fixed &out) noexcept
{
    const std::size_t n = text.size();
    if (n == 0 || n > 15)
        return parseFixed(text, out);
    std::uint64_t digits = 0;
    std::size_t dot = n;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned d = static_cast<unsigned>(static_cast<unsigned char>(text[i])) - '0';
        if (d < 10)
            digits = digits * 10 + d;
        else if (text[i] == '.' && dot == n)
            dot = i;
        else
            return parseFixed(text, out);
    }
    const std::size_t decimals = dot == n ? 0 : n - dot - 1;
    const std::size_t whole = dot == n ? n : dot;
    if (decimals > 6 || whole > 12 || whole + decimals == 0)
        return parseFixed(text, out);
    static constexpr std::int64_t kPow10[] = {1000000, 100000, 10000, 1000, 100, 10, 1};
    out = static_cast<Fixed>(digits) * kPow10[decimals];
    return FixedError::None;
}

} // namespace polymon
