#include "replayengine.h"

#include "framesplitter.h"

#include <chrono>
#include <fstream>
#include <sstream>

namespace polymon {

ReplayEngine::ReplayEngine(BookListener *listener)
    : m_store(listener)
{
}

bool ReplayEngine::loadFile(const std::string &path, std::string &error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open " + path;
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        error = "cannot read " + path;
        return false;
    }
    loadText(std::move(buffer).str());
    return true;
}

void ReplayEngine::loadText(std::string text)
{
    m_length = text.size();
    m_text = std::move(text);
    m_text.append(FrameParser::kPadding, '\0');
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
