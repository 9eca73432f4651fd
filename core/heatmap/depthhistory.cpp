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
    const std::int64_t start = ms - ((ms % m_sliceMs) + m_sliceMs) % m_sliceMs;
    return spans(start, m_sliceMs, 1).front().book;
}

std::vector<HeatSpan> DepthHistory::spans(std::int64_t firstMs, std::int64_t spanMs, int count) const
{
    std::vector<HeatSpan> out(std::size_t(std::max(0, count)));
    auto it = std::lower_bound(m_columns.begin(), m_columns.end(), firstMs,
                               [](const HeatColumn &c, std::int64_t t) { return c.startMs < t; });
    // The book standing before the first span: back to the last one, unless a gap came since.
    const HeatColumn *carry = nullptr;
    for (auto back = it; back != m_columns.begin();) {
        --back;
        if (back->hasBook) {
            carry = &*back;
            break;
        }
        if (back->gapBefore)
            break;
    }
    const std::int64_t first = this->firstMs(), last = lastMs();
    for (std::size_t c = 0; c < out.size(); ++c) {
        const std::int64_t t0 = firstMs + std::int64_t(c) * spanMs;
        const std::size_t from = std::size_t(it - m_columns.begin());
        while (it != m_columns.end() && it->startMs < t0 + spanMs) {
            if (it->gapBefore)
                carry = nullptr;
            if (it->hasBook)
                carry = &*it;
            ++it;
        }
        HeatSpan &span = out[c];
        span.from = from;
        span.to = std::size_t(it - m_columns.begin());
        span.book = carry;
        const bool inside = !m_columns.empty() && t0 + spanMs > first && t0 <= last + m_sliceMs;
        const bool past = !m_columns.empty() && t0 > last + m_sliceMs;
        // Known if it has slices of its own; else not when the next one follows a gap.
        const bool gapAhead = from == span.to && it != m_columns.end() && it->gapBefore;
        span.gap = (inside && (!carry || gapAhead)) || (past && m_broken);
        if (span.gap || (!inside && !past))
            span.book = nullptr;
    }
    return out;
}

} // namespace polymon
