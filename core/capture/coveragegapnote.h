#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polymon {

// A capture note saying that nobody recorded these assets' books from one
// moment to another (a capture made from a shared store's coverage ledger):
// {"coverage_gap":{"assets":[...],"from_ms":N,"to_ms":N}}, written at the
// gap's start. Readers drop the assets' books there (they await the next
// `book`), so a replay or a backtest never draws or trades across the gap.
// Qt-free, as everything a plain replay needs (polymon_replay).
struct CoverageGapNote
{
    std::vector<std::string> assets;
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;

    std::string toJson() const;
    // False when the note is not a coverage gap (most notes are not: a
    // cheap test comes before any parsing).
    static bool fromJson(std::string_view note, CoverageGapNote &out);
};

// What a reader met: the gaps' count, their total and their longest.
struct CoverageGapTally
{
    int gaps = 0;
    std::int64_t totalMs = 0;
    std::int64_t longestMs = 0;
    std::int64_t longestFromMs = 0;

    void add(const CoverageGapNote &gap);
    template<typename Notes>
    static CoverageGapTally of(const Notes &gaps)
    {
        CoverageGapTally tally;
        for (const CoverageGapNote &gap : gaps)
            tally.add(gap);
        return tally;
    }
    // "2 stretches nobody recorded (...)": for a banner or a report; empty when none.
    std::string describe() const;
};

} // namespace polymon
