#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace polymon {

// Appends text as a JSON string, quoted and escaped (quote, backslash,
// newline, and every other control character as \u00XX), for the writers
// that build their JSON by hand (signal lines, capture notes).
inline void appendJsonString(std::string &out, std::string_view text)
{
    out += '"';
    for (const char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace polymon
