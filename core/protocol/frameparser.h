#pragma once

#include "eventsink.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace polymon {

struct FrameParserStats
{
    std::uint64_t frames = 0;
    std::uint64_t events = 0;
    std::uint64_t pongs = 0;
    std::uint64_t unknownEvents = 0;
    std::uint64_t errors = 0; // malformed frames or rejected events
    std::uint64_t fastFrames = 0; // frames read by the fast reader (the rest by simdjson)
};

struct EventFields;

// Turns one market-channel frame (a JSON object, a JSON array of objects, or
// the text PONG) into typed events delivered to an EventSink. Two readers:
// frames of the common shape (an object of plain strings and arrays of
// objects of plain strings, FlatJsonScanner) are read in one strict pass over
// the bytes; anything else, including everything malformed, by simdjson
// On-Demand. Both feed the same field handling, so they give the same events
// (tested on every fixture and on mutated frames). Fixed-point numbers are
// parsed in place, no heap allocation once buffers are warm. Malformed input
// never throws; it is reported with a reason and counted.
class FrameParser final
{
public:
    // Bytes that must be readable (any value) after the end of a frame
    // passed to parsePadded.
    static constexpr std::size_t kPadding = 64;

    FrameParser();
    ~FrameParser();
    FrameParser(const FrameParser &) = delete;
    FrameParser &operator=(const FrameParser &) = delete;

    // Copies the frame into a padded scratch buffer first.
    bool parse(std::string_view frame, EventSink &sink);
    // Zero-copy: data[len .. len + kPadding) must be readable.
    bool parsePadded(const char *data, std::size_t len, EventSink &sink);

    // Off: every frame through simdjson (tests compare the two readers).
    void setFastReader(bool on) noexcept { m_fastReader = on; }

    const FrameParserStats &stats() const noexcept { return m_stats; }
    const std::string &lastError() const noexcept { return m_lastError; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    FrameParserStats m_stats;
    std::string m_lastError;
    std::string m_scratch;
    bool m_fastReader = true;

    void emitEvent(EventFields &f, EventSink &sink);
    void fail(EventSink &sink, const char *why);

    friend struct Impl;
};

} // namespace polymon
