#include "replayengine.h"

#include "framesplitter.h"

#include <chrono>
#include <cstring>
#include <fstream>

namespace polymon {

ReplayEngine::ReplayEngine(BookListener *listener)
    : m_store(listener)
{
}

bool ReplayEngine::loadFile(const std::string &path, std::string &error)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        error = "cannot open " + path;
        return false;
    }
    const std::streamoff size = in.tellg();
    if (size < 0) {
        error = "cannot read " + path;
        return false;
    }
    // One read straight into the padded buffer: recordings can be gigabytes.
    m_text.assign(std::size_t(size) + FrameParser::kPadding, '\0');
    in.seekg(0);
    if (!in.read(m_text.data(), size)) {
        error = "cannot read " + path;
        return false;
    }
    m_length = std::size_t(size);
    return true;
}

void ReplayEngine::loadText(std::string_view text)
{
    m_length = text.size();
    m_text.assign(text.size() + FrameParser::kPadding, '\0');
    std::memcpy(m_text.data(), text.data(), text.size());
}

ReplaySummary ReplayEngine::run()
{
    const auto start = std::chrono::steady_clock::now();
    const auto frames = FrameSplitter::split(std::string_view(m_text.data(), m_length));
    for (const std::string_view frame : frames)
        m_parser.parsePadded(frame.data(), frame.size(), m_store);
    const auto end = std::chrono::steady_clock::now();

    ReplaySummary summary;
    const BookStoreStats &s = m_store.stats();
    summary.frames = frames.size();
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
