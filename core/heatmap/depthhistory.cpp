#include "depthhistory.h"

#include <algorithm>
#include <limits>

namespace polymon {

DepthHistory::DepthHistory(std::int64_t sliceMs, std::size_t maxColumns)
    : m_sliceMs(std::max<std::int64_t>(1, sliceMs))
    , m_maxColumns(std::max<std::size_t>(1, maxColumns))
{
}

HeatColumn &DepthHistory::columnFor(std::int64_t ms)
{
    const std::int64_t start = ms - ((ms % m_sliceMs) + m_sliceMs) % m_sliceMs;
    if (!m_columns.empty() && start <= m_columns.back().startMs)
        return m_columns.back(); // same slice (or a late event: kept in the newest)
    HeatColumn c;
    c.startMs = start;
    m_columns.push_back(std::move(c));
    while (m_columns.size() > m_maxColumns)
        m_columns.pop_front();
    return m_columns.back();
}

void DepthHistory::addBook(std::int64_t ms, const QVector<PriceLevel> &bidsBestFirst, const QVector<PriceLevel> &asksBestFirst)
{
    const bool gap = m_broken && !m_columns.empty();
    HeatColumn &c = columnFor(ms);
    if (gap && !c.hasBook)
        c.gapBefore = true;
    c.bids = bidsBestFirst;
    c.asks = asksBestFirst;
    c.bestBid = bidsBestFirst.isEmpty() ? 0 : bidsBestFirst.front().price;
    c.bestAsk = asksBestFirst.isEmpty() ? 0 : asksBestFirst.front().price;
    c.hasBook = true;
    m_broken = false;
}

void DepthHistory::addTrade(std::int64_t ms, Fixed price, Fixed size, Side aggressor)
{
    HeatColumn &c = columnFor(ms);
    if (m_broken && !m_columns.empty() && &c != &m_columns.front())
        c.gapBefore = true; // traded while we had no book: still a gap
    c.trades.append(HeatTrade{price, size, aggressor});
}

void DepthHistory::prepend(const std::vector<std::pair<std::int64_t, std::pair<QVector<PriceLevel>, QVector<PriceLevel>>>> &books,
                           std::int64_t maxGapMs)
{
    const std::int64_t liveFrom = m_columns.empty() ? std::numeric_limits<std::int64_t>::max() : m_columns.front().startMs;
    DepthHistory older(m_sliceMs, m_maxColumns);
    std::int64_t previous = 0;
    for (const auto &[ms, book] : books) {
        if (ms >= liveFrom)
            break;
        if (previous > 0 && ms - previous > maxGapMs)
            older.breakHere();
        older.addBook(ms, book.first, book.second);
        previous = ms;
    }
    if (older.empty())
        return;
    if (!m_columns.empty() && liveFrom - older.lastMs() > maxGapMs)
        m_columns.front().gapBefore = true;
    for (auto it = older.m_columns.rbegin(); it != older.m_columns.rend(); ++it)
        m_columns.push_front(std::move(*it));
    while (m_columns.size() > m_maxColumns)
        m_columns.pop_front();
}

void DepthHistory::breakHere()
{
    m_broken = true;
}

void DepthHistory::clear()
{
    m_columns.clear();
    m_broken = false;
}

const HeatColumn *DepthHistory::columnAt(std::int64_t ms) const
{
    const auto it = std::upper_bound(m_columns.begin(), m_columns.end(), ms,
                                     [](std::int64_t t, const HeatColumn &c) { return t < c.startMs; });
    if (it == m_columns.begin())
        return nullptr;
    const HeatColumn &c = *std::prev(it);
    return ms < c.startMs + m_sliceMs ? &c : nullptr;
}

const HeatColumn *DepthHistory::bookAt(std::int64_t ms) const
{
    auto it = std::upper_bound(m_columns.begin(), m_columns.end(), ms,
                               [](std::int64_t t, const HeatColumn &c) { return t < c.startMs; });
    // The next column says whether the span before it is known.
    const bool gapAhead = it != m_columns.end() && it->gapBefore;
    if (it != m_columns.begin() && std::prev(it)->hasBook && ms < std::prev(it)->startMs + m_sliceMs)
        return &*std::prev(it); // its own slice
    if (gapAhead)
        return nullptr;
    while (it != m_columns.begin()) {
        --it;
        if (it->hasBook)
            return &*it;
        if (it->gapBefore)
            return nullptr;
    }
    return nullptr;
}

} // namespace polymon
