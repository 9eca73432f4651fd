#include "framesplitter.h"

namespace polymon {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

std::size_t FrameSplitter::valueEnd(std::string_view text) noexcept
{
    if (text.empty())
        return std::string_view::npos;
    if (text[0] != '{' && text[0] != '[') {
        // A bare token (PONG, a number): up to the next blank.
        std::size_t i = 0;
        while (i < text.size() && !isBlank(text[i]))
            ++i;
        return i;
    }
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
    }
    return std::string_view::npos;
}

std::string_view FrameSplitter::trim(std::string_view s) noexcept
{
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

// JSONL when the first value ends on its own line (a broken line then costs
// only that line).
bool FrameSplitter::isJsonLines(std::string_view body) noexcept
{
    const std::size_t firstEnd = valueEnd(body);
    const std::size_t firstNewline = body.find('\n');
    return firstNewline != std::string_view::npos && firstEnd != std::string_view::npos && firstEnd <= firstNewline
        && !trim(body.substr(0, firstNewline)).empty();
}

std::vector<std::string_view> FrameSplitter::split(std::string_view text)
{
    std::vector<std::string_view> frames;
    forEach(text, [&frames](std::string_view frame) { frames.push_back(frame); });
    return frames;
}

} // namespace polymon
