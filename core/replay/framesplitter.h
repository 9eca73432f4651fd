#pragma once

#include "util/invokecontinues.h"

#include <cstddef>
#include <cstring>
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
    // The same frames, handed to fn one by one as they are found (a recording
    // of gigabytes needs no list of them); fn may return false to stop.
    // Returns how many.
    template<typename Fn>
    static std::size_t forEach(std::string_view text, Fn &&fn);

    // Index one past the end of the JSON value starting at text[0], honouring
    // strings and escapes; npos when it never closes.
    static std::size_t valueEnd(std::string_view text) noexcept;

private:
    static std::string_view trim(std::string_view s) noexcept;
    static bool isJsonLines(std::string_view body) noexcept;
};

template<typename Fn>
std::size_t FrameSplitter::forEach(std::string_view text, Fn &&fn)
{
    const std::string_view body = trim(text);
    if (body.empty())
        return 0;
    std::size_t frames = 0;
    if (isJsonLines(body)) {
        const char *p = body.data();
        const char *const end = body.data() + body.size();
        while (p < end) {
            const void *found = std::memchr(p, '\n', std::size_t(end - p));
            const char *nl = found ? static_cast<const char *>(found) : end;
            const std::string_view line = trim(std::string_view(p, std::size_t(nl - p)));
            if (!line.empty()) {
                ++frames;
                if (!invokeContinues(fn, line))
                    return frames;
            }
            p = nl + 1;
        }
        return frames;
    }
    std::string_view rest = body;
    while (!rest.empty()) {
        const std::size_t end = valueEnd(rest);
        ++frames;
        if (end == std::string_view::npos) {
            invokeContinues(fn, rest); // unterminated: the parser reports it
            break;
        }
        if (!invokeContinues(fn, rest.substr(0, end)))
            break;
        rest = trim(rest.substr(end));
    }
    return frames;
}

} // namespace polymon
