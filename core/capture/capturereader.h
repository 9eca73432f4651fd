#pragma once

#include "captureformat.h"
#include "util/invokecontinues.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polymon {

// Reads a raw capture held in memory (a mapped file): the records in order,
// up to the last whole one. A record cut short or failing its CRC ends the
// readable part; what came before it is good.
class CaptureReader final
{
public:
    struct Record
    {
        capture::RecordHeader header;
        std::string_view payload;
        std::size_t offset = 0; // of its header in the file
    };
    struct Checkpoint
    {
        std::int64_t timeNs = 0;
        std::size_t offset = 0;
    };

    static bool isCapture(std::string_view file) noexcept;

    // False with a reason when `file` is not a capture of a known version.
    bool open(std::string_view file, std::string &error);
    std::int64_t createdNs() const noexcept { return m_createdNs; }

    // Calls fn(const Record &) for each whole record from `offset` (the
    // first record by default); fn may return false to stop. Returns the
    // records read.
    template<typename Fn>
    std::size_t forEach(Fn &&fn, std::size_t offset = capture::kFileHeaderSize);

    // One pass over the headers: where the checkpoints are, and where the
    // readable part ends.
    std::vector<Checkpoint> checkpoints();
    std::size_t readableEnd();
    bool complete() { return readableEnd() == m_file.size(); }

    // The record at offset, or false at the end or at a cut or corrupt record.
    bool recordAt(std::size_t offset, Record &out) const noexcept;
    static std::size_t nextOffset(const Record &r) noexcept
    {
        return r.offset + capture::kRecordHeaderSize + r.header.length + capture::kRecordTrailerSize;
    }

private:
    std::string_view m_file;
    std::int64_t m_createdNs = 0;
    std::size_t m_end = 0; // readable end once known (0: not yet)
};

template<typename Fn>
std::size_t CaptureReader::forEach(Fn &&fn, std::size_t offset)
{
    std::size_t n = 0;
    Record r;
    while (recordAt(offset, r)) {
        ++n;
        offset += capture::kRecordHeaderSize + r.header.length + capture::kRecordTrailerSize;
        if (!invokeContinues(fn, r))
            return n; // stopped early: the readable end stays unknown
    }
    m_end = offset;
    return n;
}

} // namespace polymon
