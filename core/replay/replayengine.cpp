#include "replayengine.h"

#include "capture/capturereader.h"
#include "framesplitter.h"

#include <chrono>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace polymon {

ReplayEngine::ReplayEngine(BookListener *listener)
    : m_store(listener)
{
}

ReplayEngine::~ReplayEngine()
{
    unmap();
}

void ReplayEngine::unmap() noexcept
{
    if (m_map)
        ::munmap(m_map, m_mapLength);
    m_map = nullptr;
    m_mapLength = 0;
}

bool ReplayEngine::loadFile(const std::string &path, std::string &error)
{
    unmap();
    m_text.clear();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + path;
        return false;
    }
    struct stat st = {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        const std::size_t size = std::size_t(st.st_size);
        const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
        const std::size_t mapped = (size + page - 1) / page * page;
        void *map = ::mmap(nullptr, mapped, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (map != MAP_FAILED) {
            ::madvise(map, mapped, MADV_SEQUENTIAL);
            ::close(fd);
            m_map = map;
            m_mapLength = mapped;
            m_data = static_cast<const char *>(map);
            m_length = size;
            m_readable = mapped; // the last page reads as zeros past the end
            return true;
        }
    }
    // Not mappable: read it all into a padded buffer.
    std::string text;
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            ::close(fd);
            error = "cannot read " + path;
            return false;
        }
        if (n == 0)
            break;
        text.append(buf, std::size_t(n));
    }
    ::close(fd);
    loadText(text);
    return true;
}

void ReplayEngine::loadText(std::string_view text)
{
    unmap();
    m_length = text.size();
    m_text.assign(text.size() + FrameParser::kPadding, '\0');
    std::memcpy(m_text.data(), text.data(), text.size());
    m_data = m_text.data();
    m_readable = m_text.size();
}

bool ReplayEngine::isCapture() const noexcept
{
    return CaptureReader::isCapture(std::string_view(m_data, m_length));
}

bool ReplayEngine::captureComplete()
{
    CaptureReader reader;
    std::string error;
    return !reader.open(std::string_view(m_data, m_length), error) || reader.complete();
}

std::size_t ReplayEngine::forEachFrame(const std::function<void(std::string_view)> &fn)
{
    const std::string_view file(m_data, m_length);
    CaptureReader reader;
    std::string error;
    if (!reader.open(file, error))
        return FrameSplitter::forEach(file, fn);
    std::size_t frames = 0;
    reader.forEach([&](const CaptureReader::Record &r) {
        if (r.header.type != capture::RecordType::Frame)
            return;
        fn(r.payload);
        ++frames;
    });
    return frames;
}

ReplaySummary ReplayEngine::run()
{
    const auto start = std::chrono::steady_clock::now();
    const char *readableEnd = m_data + m_readable;
    const std::size_t frames = forEachFrame([&](std::string_view frame) {
        // In place where the bytes after the frame may be read; the last
        // frames of a mapped file may sit too close to its end: copied then.
        if (frame.data() + frame.size() + FrameParser::kPadding <= readableEnd)
            m_parser.parsePadded(frame.data(), frame.size(), m_store);
        else
            m_parser.parse(frame, m_store);
    });
    const auto end = std::chrono::steady_clock::now();

    ReplaySummary summary;
    const BookStoreStats &s = m_store.stats();
    summary.frames = frames;
    summary.booksApplied = s.booksApplied;
    summary.entriesApplied = s.entriesApplied;
    summary.unsyncedEntriesSkipped = s.unsyncedEntriesSkipped;
    summary.levelsDropped = s.levelsDropped;
    summary.desyncs = s.desyncs;
    summary.errors = m_parser.stats().errors;
    summary.seconds = std::chrono::duration<double>(end - start).count();
    return summary;
}

} // namespace polymon
