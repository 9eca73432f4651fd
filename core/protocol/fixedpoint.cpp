#include "fixedpoint.h"

namespace polymon {

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

} // namespace polymon
