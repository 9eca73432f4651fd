#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace polymon {

class BookStore;

// Writes a raw capture (docs/capture.md): every frame as received with its
// arrival time and connection, book checkpoints and notes. Buffered; flush()
// (the recorder calls it every second and at each checkpoint) bounds what a
// crash can lose. A failed write (a full disk) is counted and reported, never
// thrown; the record it cut is ignored by readers.
class CaptureWriter final
{
public:
    CaptureWriter() = default;
    ~CaptureWriter();
    CaptureWriter(const CaptureWriter &) = delete;
    CaptureWriter &operator=(const CaptureWriter &) = delete;

    bool open(const std::string &path, std::int64_t createdNs, std::string &error);
    bool isOpen() const noexcept { return m_file != nullptr; }
    void writeFrame(int connection, std::int64_t timeNs, std::string_view bytes);
    void writeCheckpoint(std::int64_t timeNs, const BookStore &books);
    void writeNote(std::int64_t timeNs, std::string_view json);
    void flush();
    void close();

    std::uint64_t frames() const noexcept { return m_frames; }
    std::uint64_t bytes() const noexcept { return m_bytes; }
    // Records lost to failed writes (a full disk): those buffered since the last good flush.
    std::uint64_t failedRecords() const noexcept { return m_failed; }
    const std::string &lastError() const noexcept { return m_error; }

private:
    void write(std::uint8_t type, int connection, std::int64_t timeNs, std::string_view payload);
    // After a failed write: back to the last flushed record boundary, so the
    // file never holds a torn record that would hide the ones after it.
    void recover();

    std::FILE *m_file = nullptr;
    std::string m_path;
    std::uint64_t m_frames = 0;
    std::uint64_t m_bytes = 0;
    std::uint64_t m_flushedBytes = 0; // on disk, whole records
    std::uint64_t m_framesSinceFlush = 0;
    std::uint64_t m_failed = 0;
    std::string m_error;
};

} // namespace polymon
