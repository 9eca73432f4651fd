#pragma once

#include "capture/coveragegapnote.h"

#include "book/bookstore.h"
#include "mappedfile.h"
#include "protocol/frameparser.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace polymon {

struct ReplaySummary
{
    std::uint64_t frames = 0;
    std::uint64_t booksApplied = 0;
    std::uint64_t entriesApplied = 0;
    std::uint64_t unsyncedEntriesSkipped = 0;
    std::uint64_t levelsDropped = 0;
    std::uint64_t desyncs = 0;
    std::uint64_t errors = 0;
    double seconds = 0.0;
    bool stopped = false; // the progress callback asked to stop
    CoverageGapTally coverageGaps; // stretches nobody recorded (a capture from a shared store)

    double entriesPerSecond() const noexcept { return seconds > 0 ? double(entriesApplied) / seconds : 0.0; }
};

// Feeds a recorded stream (a raw capture, or JSON text: an array, one object
// or JSONL) through FrameParser and BookStore as fast as it can, using the
// frames' own timestamps; the listener sees every top.
class ReplayEngine final
{
public:
    explicit ReplayEngine(BookListener *listener = nullptr);
    ~ReplayEngine();
    ReplayEngine(const ReplayEngine &) = delete;
    ReplayEngine &operator=(const ReplayEngine &) = delete;

    // Maps the file (a pipe or other stream is read instead); false with a
    // message when it cannot.
    bool loadFile(const std::string &path, std::string &error);
    void loadText(std::string_view text);
    ReplaySummary run();
    // Called every few thousand frames during run() with the share of the
    // stream done (0..1); returning false stops the run there (cancel).
    void setProgress(std::function<bool(double)> progress) { m_progress = std::move(progress); }
    // Every frame of the stream, unparsed, in order: a capture's frames byte
    // for byte as received, or the JSON text's frames; fn returns false to
    // stop. Returns how many.
    std::size_t forEachFrame(const std::function<bool(std::string_view)> &fn);
    bool isCapture() const noexcept;
    // False when the last pass over a capture (run or forEachFrame) stopped
    // at a cut or corrupt record (kill -9, full disk): it read up to there.
    bool captureComplete() const noexcept { return m_captureComplete; }

    BookStore &store() noexcept { return m_store; }
    const FrameParser &parser() const noexcept { return m_parser; }

private:
    MappedFile m_file; // the stream, padded for the parser
    bool m_captureComplete = true;
    CoverageGapTally m_gaps;
    std::function<bool(double)> m_progress;
    BookStore m_store;
    FrameParser m_parser;
};

} // namespace polymon
