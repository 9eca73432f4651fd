#include "captureformat.h"

#include <array>
#include <cstring>

namespace polymon::capture {

namespace {

// Slicing-by-8: eight bytes per step from eight tables, several times faster
// than a byte at a time (replay checks every record).
using CrcTables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr CrcTables makeCrcTables()
{
    CrcTables t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0x82F63B78u ^ (c >> 1) : c >> 1; // Castagnoli, reflected
        t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i) {
        for (std::size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    }
    return t;
}

constexpr CrcTables kCrc = makeCrcTables();

#if defined(__x86_64__)
// The SSE4.2 instruction computes CRC-32C eight bytes at a time; chosen at
// run time, so a package built for the x86-64 baseline still uses it.
__attribute__((target("sse4.2"))) std::uint32_t crc32cHardware(std::uint32_t crc, const char *data, std::size_t size) noexcept
{
    std::uint64_t c = ~crc;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t v;
        std::memcpy(&v, data + i, 8);
        c = __builtin_ia32_crc32di(c, v);
    }
    std::uint32_t c32 = std::uint32_t(c);
    for (; i < size; ++i)
        c32 = __builtin_ia32_crc32qi(c32, std::uint8_t(data[i]));
    return ~c32;
}

const bool kHasSse42 = __builtin_cpu_supports("sse4.2");
#endif

} // namespace

void putU16(char *p, std::uint16_t v) noexcept
{
    for (int i = 0; i < 2; ++i)
        p[i] = char((v >> (8 * i)) & 0xff);
}

void putU32(char *p, std::uint32_t v) noexcept
{
    for (int i = 0; i < 4; ++i)
        p[i] = char((v >> (8 * i)) & 0xff);
}

void putI64(char *p, std::int64_t v) noexcept
{
    const auto u = std::uint64_t(v);
    for (int i = 0; i < 8; ++i)
        p[i] = char((u >> (8 * i)) & 0xff);
}

std::uint16_t getU16(const char *p) noexcept
{
    return std::uint16_t(std::uint8_t(p[0]) | (std::uint8_t(p[1]) << 8));
}

std::uint32_t getU32(const char *p) noexcept
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | std::uint8_t(p[i]);
    return v;
}

std::int64_t getI64(const char *p) noexcept
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | std::uint8_t(p[i]);
    return std::int64_t(v);
}

void encodeHeader(const RecordHeader &h, char *out) noexcept
{
    out[0] = char(h.type);
    out[1] = 0;
    putU16(out + 2, h.connection);
    putU32(out + 4, h.length);
    putI64(out + 8, h.timeNs);
}

RecordHeader decodeHeader(const char *in) noexcept
{
    RecordHeader h;
    h.type = RecordType(std::uint8_t(in[0]));
    h.connection = getU16(in + 2);
    h.length = getU32(in + 4);
    h.timeNs = getI64(in + 8);
    return h;
}

std::uint32_t crc32c(std::uint32_t crc, const char *data, std::size_t size) noexcept
{
#if defined(__x86_64__)
    if (kHasSse42)
        return crc32cHardware(crc, data, size);
#endif
    return crc32cTables(crc, data, size);
}

std::uint32_t crc32cTables(std::uint32_t crc, const char *data, std::size_t size) noexcept
{
    crc = ~crc;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        const std::uint32_t lo = getU32(data + i) ^ crc;
        const std::uint32_t hi = getU32(data + i + 4);
        crc = kCrc[7][lo & 0xff] ^ kCrc[6][(lo >> 8) & 0xff] ^ kCrc[5][(lo >> 16) & 0xff] ^ kCrc[4][lo >> 24]
            ^ kCrc[3][hi & 0xff] ^ kCrc[2][(hi >> 8) & 0xff] ^ kCrc[1][(hi >> 16) & 0xff] ^ kCrc[0][hi >> 24];
    }
    for (; i < size; ++i)
        crc = kCrc[0][(crc ^ std::uint8_t(data[i])) & 0xff] ^ (crc >> 8);
    return ~crc;
}

} // namespace polymon::capture
