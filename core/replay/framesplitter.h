#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace polymon {

// Splits a recorded stream into frames. Accepts one JSON value (an array of
// events or a single, possibly pretty-printed, object), JSONL with one frame
// per line, or several values separated by whitespace. When the first value
// ends on its own line the input is treated as JSONL, so a broken line costs
// only that line.
class FrameSplitter final
{
public:
    static std::vector<std::string_view> split(std::string_view text);

    // Index one past the end of the JSON value starting at text[0], honouring
    // strings and escapes; npos when it never closes.
    static std::size_t valueEnd(std::string_view text) noexcept;
};

} // namespace polymon
