#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace polymon {

// Prices and sizes are exact fixed-point integers in millionths: the exchange
// sends decimal strings with at most 4 decimals for prices and 6 for sizes.
using Fixed = std::int64_t;
inline constexpr Fixed kFixedScale = 1'000'000;
inline constexpr int kFixedDecimals = 6;
// 10^12 whole units: far above any size or depth the exchange can hold, and
// small enough that sums of thousands of levels cannot overflow int64.
inline constexpr Fixed kFixedMax = kFixedScale * 1'000'000'000'000LL;

enum class FixedError : std::uint8_t {
    None,
    Empty,
    Negative,
    BadCharacter,
    TooManyDecimals,
    TooLarge,
};

// For statistics, charts and display only, never for money: the value as a
// double in whole units (dollars, shares, contracts).
inline double toDouble(Fixed value) noexcept
{
    return double(value) / double(kFixedScale);
}

// Parses "0.48", ".48", "150.0", "3149725.72", "+1"? (no: sign rejected),
// "1e-3"? (no: exponents rejected). Extra decimals are accepted only when they
// are zeros, so the value stays exact. Inline: four calls per price change.
inline FixedError parseFixed(std::string_view text, Fixed &out) noexcept
{
    if (text.empty())
        return FixedError::Empty;
    const char *p = text.data();
    const char *end = p + text.size();
    if (*p == '-')
        return FixedError::Negative;
    std::int64_t whole = 0;
    bool anyDigit = false;
    while (p < end && *p >= '0' && *p <= '9') {
        whole = whole * 10 + (*p - '0');
        if (whole > kFixedMax / kFixedScale)
            return FixedError::TooLarge;
        anyDigit = true;
        ++p;
    }
    std::int64_t frac = 0;
    int fracDigits = 0;
    if (p < end && *p == '.') {
        ++p;
        while (p < end && *p >= '0' && *p <= '9') {
            if (fracDigits < kFixedDecimals) {
                frac = frac * 10 + (*p - '0');
                ++fracDigits;
            } else if (*p != '0') {
                return FixedError::TooManyDecimals;
            }
            anyDigit = true;
            ++p;
        }
    }
    if (p != end)
        return FixedError::BadCharacter;
    if (!anyDigit)
        return FixedError::Empty;
    static constexpr std::int64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    out = whole * kFixedScale + frac * kPow10[kFixedDecimals - fracDigits];
    return FixedError::None;
}

// Writes the exact decimal form without trailing zeros ("0.5", "3", "0").
// Returns the number of characters written; buf needs 32 bytes.
int formatFixed(Fixed value, char *buf) noexcept;
std::string formatFixed(Fixed value);
// The exact form padded with zeros to at least minDecimals ("0.8" -> "0.80"),
// so prices line up in columns.
std::string formatFixed(Fixed value, int minDecimals);
// Rounded half away from zero to `decimals` (0..6) and padded to them:
// dollars to the cent for a table ("-12.35").
std::string formatFixedRounded(Fixed value, int decimals);

const char *fixedErrorText(FixedError error) noexcept;

// Integer milliseconds from a decimal string; false on anything else.
inline bool parseInt64(std::string_view text, std::int64_t &out) noexcept
{
    if (text.empty() || text.size() > 18)
        return false;
    std::int64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

} // namespace polymon
