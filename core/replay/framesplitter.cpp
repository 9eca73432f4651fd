#include "framesplitter.h"

namespace polymon {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
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

std::vector<std::string_view> FrameSplitter::split(std::string_view text)
{
    std::vector<std::string_view> frames;
    const std::string_view body = trim(text);
    if (body.empty())
        return frames;
    const std::size_t firstEnd = valueEnd(body);
    const std::size_t firstNewline = body.find('\n');
    const bool jsonLines = firstNewline != std::string_view::npos
                        && (firstEnd == std::string_view::npos || firstEnd <= firstNewline)
                        && trim(body.substr(0, firstNewline)).size() > 0;
    if (jsonLines && firstEnd != std::string_view::npos) {
        std::size_t pos = 0;
        while (pos < body.size()) {
            std::size_t nl = body.find('\n', pos);
            if (nl == std::string_view::npos)
                nl = body.size();
            const std::string_view line = trim(body.substr(pos, nl - pos));
            if (!line.empty())
                frames.push_back(line);
            pos = nl + 1;
        }
        return frames;
    }
    std::string_view rest = body;
    while (!rest.empty()) {
        const std::size_t end = valueEnd(rest);
        if (end == std::string_view::npos) {
            frames.push_back(rest); // unterminated: the parser reports it
            break;
        }
        frames.push_back(rest.substr(0, end));
        rest = trim(rest.substr(end));
    }
    return frames;
}

} // namespace polymon
