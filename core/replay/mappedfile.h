#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace polymon {

// A whole file as read-only memory: mapped (no copy, no zero fill: a
// recording can be gigabytes), or read into a padded buffer when it cannot be
// mapped (a pipe). The bytes after the end up to readable() may be read
// (zeros), so a parser that looks ahead a little needs no copy.
class MappedFile final
{
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    // `padding`: zero bytes wanted after the end when the file is read.
    bool open(const std::string &path, std::size_t padding, std::string &error);
    // Holds a copy of text with `padding` zero bytes after it.
    void assign(std::string_view text, std::size_t padding);
    void close() noexcept;

    const char *data() const noexcept { return m_data; }
    std::size_t size() const noexcept { return m_size; }
    std::size_t readable() const noexcept { return m_readable; }
    std::string_view view() const noexcept { return std::string_view(m_data, m_size); }

private:
    const char *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_readable = 0;
    void *m_map = nullptr;
    std::size_t m_mapLength = 0;
    std::string m_text;
};

} // namespace polymon
