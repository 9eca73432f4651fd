#include "capturewriter.h"

#include "bookcheckpoint.h"
#include "captureformat.h"

#include <cerrno>
#include <cstring>

#include <stdio_ext.h>
#include <unistd.h>

namespace polymon {

using namespace capture;

CaptureWriter::~CaptureWriter()
{
    close();
}

bool CaptureWriter::open(const std::string &path, std::int64_t createdNs, std::string &error)
{
    close();
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file) {
        error = "cannot create " + path + ": " + std::strerror(errno);
        return false;
    }
    std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
    m_path = path;
    char header[kFileHeaderSize] = {};
    std::memcpy(header, kMagic, sizeof kMagic);
    putU16(header + 6, kVersion);
    putI64(header + 8, createdNs);
    if (std::fwrite(header, 1, sizeof header, m_file) != sizeof header) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        close();
        return false;
    }
    m_bytes = sizeof header;
    flush();
    return m_flushedBytes == sizeof header;
}

void CaptureWriter::write(std::uint8_t type, int connection, std::int64_t timeNs, std::string_view payload)
{
    if (!m_file)
        return;
    RecordHeader h;
    h.type = RecordType(type);
    h.connection = std::uint16_t(connection);
    h.length = std::uint32_t(payload.size());
    h.timeNs = timeNs;
    char head[kRecordHeaderSize];
    encodeHeader(h, head);
    char crc[kRecordTrailerSize];
    putU32(crc, crc32c(crc32c(0, head, sizeof head), payload.data(), payload.size()));
    const bool ok = std::fwrite(head, 1, sizeof head, m_file) == sizeof head
                 && std::fwrite(payload.data(), 1, payload.size(), m_file) == payload.size()
                 && std::fwrite(crc, 1, sizeof crc, m_file) == sizeof crc;
    if (!ok) {
        m_error = "cannot write " + m_path + ": " + std::strerror(errno);
        recover();
        return;
    }
    m_bytes += sizeof head + payload.size() + sizeof crc;
    m_framesSinceFlush += h.type == RecordType::Frame ? 1 : 0;
}

void CaptureWriter::writeFrame(int connection, std::int64_t timeNs, std::string_view bytes)
{
    write(std::uint8_t(RecordType::Frame), connection, timeNs, bytes);
    ++m_frames;
}

void CaptureWriter::writeCheckpoint(std::int64_t timeNs, const BookStore &books)
{
    write(std::uint8_t(RecordType::Checkpoint), 0, timeNs, BookCheckpoint::encode(books));
    flush();
}

void CaptureWriter::writeNote(std::int64_t timeNs, std::string_view json)
{
    write(std::uint8_t(RecordType::Note), 0, timeNs, json);
}

void CaptureWriter::flush()
{
    if (!m_file)
        return;
    if (std::fflush(m_file) != 0) {
        m_error = "cannot write " + m_path + ": " + std::strerror(errno);
        recover();
        return;
    }
    m_flushedBytes = m_bytes;
    m_framesSinceFlush = 0;
}

void CaptureWriter::recover()
{
    m_failed += m_framesSinceFlush + 1;
    m_framesSinceFlush = 0;
    std::clearerr(m_file);
    // Drop what the buffer still holds, then cut the file at the last whole record.
    __fpurge(m_file);
    if (::ftruncate(::fileno(m_file), off_t(m_flushedBytes)) != 0 || std::fseek(m_file, long(m_flushedBytes), SEEK_SET) != 0) {
        // Cannot even cut: stop writing rather than leave a torn record.
        std::fclose(m_file);
        m_file = nullptr;
    }
    m_bytes = m_flushedBytes;
}

void CaptureWriter::close()
{
    if (!m_file)
        return;
    flush();
    std::fclose(m_file);
    m_file = nullptr;
}

} // namespace polymon
