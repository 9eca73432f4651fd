#include "capturereader.h"

#include <cstring>

namespace polymon {

using namespace capture;

bool CaptureReader::isCapture(std::string_view file) noexcept
{
    return file.size() >= kFileHeaderSize && std::memcmp(file.data(), kMagic, sizeof kMagic) == 0;
}

bool CaptureReader::open(std::string_view file, std::string &error)
{
    if (!isCapture(file)) {
        error = "not a polymon capture";
        return false;
    }
    const std::uint16_t version = getU16(file.data() + 6);
    if (version != kVersion) {
        error = "capture format version " + std::to_string(version) + " is not supported (this polymon reads "
              + std::to_string(kVersion) + ")";
        return false;
    }
    m_file = file;
    m_createdNs = getI64(file.data() + 8);
    m_end = 0;
    return true;
}

bool CaptureReader::recordAt(std::size_t offset, Record &out) const noexcept
{
    if (offset + kRecordHeaderSize > m_file.size())
        return false;
    const char *head = m_file.data() + offset;
    out.header = decodeHeader(head);
    out.offset = offset;
    const std::size_t length = out.header.length;
    if (length > kMaxPayload || offset + kRecordHeaderSize + length + kRecordTrailerSize > m_file.size())
        return false;
    out.payload = std::string_view(head + kRecordHeaderSize, length);
    const std::uint32_t stored = getU32(head + kRecordHeaderSize + length);
    return crc32c(crc32c(0, head, kRecordHeaderSize), out.payload.data(), length) == stored;
}

std::vector<CaptureReader::Checkpoint> CaptureReader::checkpoints()
{
    std::vector<Checkpoint> out;
    forEach([&out](const Record &r) {
        if (r.header.type == RecordType::Checkpoint)
            out.push_back(Checkpoint{r.header.timeNs, r.offset});
    });
    return out;
}

std::size_t CaptureReader::readableEnd()
{
    if (m_end == 0)
        forEach([](const Record &) {});
    return m_end;
}

} // namespace polymon
