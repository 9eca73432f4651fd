#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace polymon {

// The raw-capture file (docs/capture.md): a 16-byte file header, then
// records, each a 16-byte header, its payload and a CRC-32C of both. A reader
// stops at the first record that is incomplete or fails its CRC, so a file
// cut short (kill -9, full disk) stays readable up to its last whole record.
namespace capture {

inline constexpr char kMagic[6] = {'P', 'M', 'C', 'A', 'P', '\0'};
inline constexpr std::uint16_t kVersion = 1;
inline constexpr std::size_t kFileHeaderSize = 16; // magic, version, created (ns since epoch)
inline constexpr std::size_t kRecordHeaderSize = 16;
inline constexpr std::size_t kRecordTrailerSize = 4; // CRC-32
inline constexpr std::uint32_t kMaxPayload = 64u << 20; // a larger length is corruption

enum class RecordType : std::uint8_t {
    Frame = 1,      // one frame as received: payload = its bytes
    Checkpoint = 2, // every book at that moment: payload = BookCheckpoint
    Note = 3,       // session facts as JSON (endpoint, subscriptions, version)
};

struct RecordHeader
{
    RecordType type = RecordType::Frame;
    std::uint16_t connection = 0; // the feed connection the frame came on
    std::uint32_t length = 0;     // payload bytes
    std::int64_t timeNs = 0;      // arrival time, ns since the Unix epoch
};

// Little-endian fixed-width fields, whatever the host.
void putU16(char *p, std::uint16_t v) noexcept;
void putU32(char *p, std::uint32_t v) noexcept;
void putI64(char *p, std::int64_t v) noexcept;
std::uint16_t getU16(const char *p) noexcept;
std::uint32_t getU32(const char *p) noexcept;
std::int64_t getI64(const char *p) noexcept;

void encodeHeader(const RecordHeader &h, char *out) noexcept; // kRecordHeaderSize bytes
RecordHeader decodeHeader(const char *in) noexcept;

// CRC-32C (Castagnoli, as in iSCSI and ext4), continued from `crc` (0 to
// start): the SSE4.2 instruction where the CPU has it, tables elsewhere.
std::uint32_t crc32c(std::uint32_t crc, const char *data, std::size_t size) noexcept;
// The same from tables only (what a CPU without SSE4.2 runs).
std::uint32_t crc32cTables(std::uint32_t crc, const char *data, std::size_t size) noexcept;

} // namespace capture
} // namespace polymon
