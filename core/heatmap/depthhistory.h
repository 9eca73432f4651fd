#pragma once

#include "protocol/events.h"

#include <QVector>

#include <cstdint>
#include <deque>
#include <vector>

namespace polymon {

// One time slice of one outcome's book for the liquidity heatmap: the book
// as it stood at the end of the slice (levels near the touch), the trades
// within it, and whether the data before it is missing (a gap is shaded,
// never bridged).
struct HeatTrade
{
    Fixed price = 0;
    Fixed size = 0;
    Side aggressor = Side::Buy;
};

struct HeatColumn
{
    std::int64_t startMs = 0; // slice start (a multiple of the slice length)
    Fixed bestBid = 0;        // 0: none
    Fixed bestAsk = 0;
    QVector<PriceLevel> bids; // best first
    QVector<PriceLevel> asks;
    QVector<HeatTrade> trades;
    bool hasBook = false;
    bool gapBefore = false; // nothing known between the previous column and this one
};

// Between two columns the book is the earlier one (a quiet book does not
// change), unless the later column says there was a gap.

// One span of time as the heatmap shows it: the book standing in it (null in
// a gap or before anything is known), the slices it holds ([from, to) into
// columns(), for its trades), and whether it is a gap to shade.
struct HeatSpan
{
    const HeatColumn *book = nullptr;
    std::size_t from = 0;
    std::size_t to = 0;
    bool gap = false;
};

// Resting liquidity over time, in fixed slices, bounded (the oldest slices
// go first). Fed live from the session's snapshots and trades, or from the
// recorded snapshots; a desync, a reconnect or downtime leaves a gap.
class DepthHistory final
{
public:
    explicit DepthHistory(std::int64_t sliceMs = 1000, std::size_t maxColumns = 3600);

    // The book at `ms`; the slice keeps the last one it saw.
    void addBook(std::int64_t ms, const QVector<PriceLevel> &bidsBestFirst, const QVector<PriceLevel> &asksBestFirst);
    void addTrade(std::int64_t ms, Fixed price, Fixed size, Side aggressor);
    // Puts recorded slices (oldest first) before what is already here; a
    // recorded book more than `maxGapMs` after the one before it (nothing
    // recorded in between) starts a gap, and so does the join with the live
    // columns when they are that far apart.
    void prepend(const std::vector<std::pair<std::int64_t, std::pair<QVector<PriceLevel>, QVector<PriceLevel>>>> &books,
                 std::int64_t maxGapMs);

    // Nothing is known from here until the next book (unsynced, disconnected,
    // not shown): the span is a gap, not a quiet book.
    void breakHere();
    bool broken() const noexcept { return m_broken; }
    void clear();

    std::int64_t sliceMs() const noexcept { return m_sliceMs; }
    const std::deque<HeatColumn> &columns() const noexcept { return m_columns; }
    bool empty() const noexcept { return m_columns.empty(); }
    std::int64_t firstMs() const { return m_columns.empty() ? 0 : m_columns.front().startMs; }
    std::int64_t lastMs() const { return m_columns.empty() ? 0 : m_columns.back().startMs; }
    // The column holding `ms`, or null.
    const HeatColumn *columnAt(std::int64_t ms) const;
    // The book standing at `ms`: the last column with a book at or before it,
    // unless a gap came in between (or the history is broken since); null
    // when not known. The same rule as spans().
    const HeatColumn *bookAt(std::int64_t ms) const;
    // `count` consecutive spans of `spanMs` from `firstMs`, for painting: a
    // span with no slice of its own shows the book before it (quiet, not
    // missing) unless a gap follows; after the last slice, a broken history
    // is a gap.
    std::vector<HeatSpan> spans(std::int64_t firstMs, std::int64_t spanMs, int count) const;

private:
    HeatColumn &columnFor(std::int64_t ms);

    std::int64_t m_sliceMs;
    std::size_t m_maxColumns;
    std::deque<HeatColumn> m_columns;
    bool m_broken = false;
};

} // namespace polymon
