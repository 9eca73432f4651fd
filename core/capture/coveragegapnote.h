#pragma once

#include <QList>
#include <QStringList>

#include <string>
#include <string_view>

namespace polymon {

// A capture note saying that nobody recorded these assets' books from one
// moment to another (a capture made from a shared store's coverage ledger):
// {"coverage_gap":{"assets":[...],"from_ms":N,"to_ms":N}}, written at the
// gap's start. Readers drop the assets' books there (they await the next
// `book`), so a replay or a backtest never draws or trades across the gap.
struct CoverageGapNote
{
    QStringList assets;
    qint64 fromMs = 0;
    qint64 toMs = 0;

    std::string toJson() const;
    // False when the note is not a coverage gap (most notes are not: a
    // cheap test comes before any parsing).
    static bool fromJson(std::string_view note, CoverageGapNote &out);
};

// What a reader met: the gaps' count, their total and their longest.
struct CoverageGapTally
{
    int gaps = 0;
    qint64 totalMs = 0;
    qint64 longestMs = 0;
    qint64 longestFromMs = 0;

    void add(const CoverageGapNote &gap);
    static CoverageGapTally of(const QList<CoverageGapNote> &gaps);
    // "2 stretches nobody recorded (...)": for a banner or a report; empty when none.
    QString describe() const;
};

} // namespace polymon
