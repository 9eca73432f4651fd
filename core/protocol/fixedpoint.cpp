#include "fixedpoint.h"

namespace polymon {

FixedError parseFixed(std::string_view text, Fixed &out) noexcept
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

int formatFixed(Fixed value, char *buf) noexcept
{
    char *p = buf;
    std::uint64_t v;
    if (value < 0) {
        *p++ = '-';
        v = static_cast<std::uint64_t>(-(value + 1)) + 1;
    } else {
        v = static_cast<std::uint64_t>(value);
    }
    std::uint64_t whole = v / kFixedScale;
    std::uint64_t frac = v % kFixedScale;
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = static_cast<char>('0' + whole % 10);
        whole /= 10;
    } while (whole);
    while (n)
        *p++ = tmp[--n];
    if (frac) {
        *p++ = '.';
        int digits = kFixedDecimals;
        while (frac % 10 == 0) {
            frac /= 10;
            --digits;
        }
        for (int i = digits - 1; i >= 0; --i) {
            p[i] = static_cast<char>('0' + frac % 10);
            frac /= 10;
        }
        p += digits;
    }
    *p = '\0';
    return static_cast<int>(p - buf);
}

std::string formatFixed(Fixed value)
{
    char buf[32];
    const int n = formatFixed(value, buf);
    return std::string(buf, static_cast<std::size_t>(n));
}

std::string formatFixedRounded(Fixed value, int decimals)
{
    Fixed unit = 1;
    for (int i = decimals; i < kFixedDecimals; ++i)
        unit *= 10;
    const Fixed half = unit / 2;
    const Fixed rounded = (value >= 0 ? value + half : value - half) / unit * unit;
    return formatFixed(rounded, decimals);
}

std::string formatFixed(Fixed value, int minDecimals)
{
    std::string text = formatFixed(value);
    const std::size_t dot = text.find('.');
    const int decimals = dot == std::string::npos ? 0 : int(text.size() - dot - 1);
    if (decimals >= minDecimals)
        return text;
    if (dot == std::string::npos)
        text += '.';
    text.append(std::size_t(minDecimals - decimals), '0');
    return text;
}

const char *fixedErrorText(FixedError error) noexcept
{
    switch (error) {
    case FixedError::None: return "ok";
    case FixedError::Empty: return "empty number";
    case FixedError::Negative: return "negative number";
    case FixedError::BadCharacter: return "not a decimal number";
    case FixedError::TooManyDecimals: return "more than 6 decimals";
    case FixedError::TooLarge: return "number too large";
    }
    return "unknown";
}

bool parseInt64(std::string_view text, std::int64_t &out) noexcept
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
