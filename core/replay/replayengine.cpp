#include "replayengine.h"

#include "capture/capturereader.h"
#include "framesplitter.h"

#include <algorithm>
#include <chrono>

namespace polymon {

ReplayEngine::ReplayEngine(BookListener *listener)
    : m_store(listener)
{
}

ReplayEngine::~ReplayEngine() = default;

bool ReplayEngine::loadFile(const std::string &path, std::string &error)
{
    return m_file.open(path, FrameParser::kPadding, error);
}

void ReplayEngine::loadText(std::string_view text)
{
    m_file.assign(text, FrameParser::kPadding);
}

bool ReplayEngine::isCapture() const noexcept
{
    return CaptureReader::isCapture(m_file.view());
}

std::size_t ReplayEngine::forEachFrame(const std::function<bool(std::string_view)> &fn)
{
    const std::string_view file = m_file.view();
    CaptureReader reader;
    std::string error;
    if (!reader.open(file, error))
        return FrameSplitter::forEach(file, fn);
    std::size_t frames = 0;
    reader.forEach([&](const CaptureReader::Record &r) {
        if (CoverageGapNote gap; r.header.type == capture::RecordType::Note && CoverageGapNote::fromJson(r.payload, gap)) {
            // Nobody recorded these books from here: dropped until their next `book`.
            for (const std::string &asset : gap.assets)
                m_store.markAwaitingBook(asset);
            m_gaps.add(gap);
            return true;
        }
        if (r.header.type != capture::RecordType::Frame)
            return true;
        ++frames;
        return fn(r.payload);
    });
    m_captureComplete = reader.complete(); // known from this pass: no second scan
    return frames;
}

ReplaySummary ReplayEngine::run()
{
    const auto start = std::chrono::steady_clock::now();
    const char *readableEnd = m_file.data() + m_file.readable();
    constexpr std::size_t kProgressEvery = 4096; // frames
    std::size_t sinceProgress = 0;
    bool stopped = false;
    const std::size_t frames = forEachFrame([&](std::string_view frame) {
        if (m_progress && ++sinceProgress == kProgressEvery) {
            sinceProgress = 0;
            const double done = double(frame.data() - m_file.data()) / double(std::max<std::size_t>(1, m_file.readable()));
            if (!m_progress(done)) {
                stopped = true;
                return false;
            }
        }
        // In place where the bytes after the frame may be read; the last
        // frames of a mapped file may sit too close to its end: copied then.
        if (frame.data() + frame.size() + FrameParser::kPadding <= readableEnd)
            m_parser.parsePadded(frame.data(), frame.size(), m_store);
        else
            m_parser.parse(frame, m_store);
        return true;
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
    summary.stopped = stopped;
    summary.coverageGaps = m_gaps;
    return summary;
}

} // namespace polymon
