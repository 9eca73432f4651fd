#include "rollingbaseline.h"

#include <algorithm>
#include <cmath>

namespace polymon {

RollingBaseline::RollingBaseline(int buckets, int bucketSeconds)
    : m_ring(std::size_t(std::max(1, buckets)))
    , m_bucketMs(std::int64_t(std::max(1, bucketSeconds)) * 1000)
{
}

void RollingBaseline::recomputeTotals()
{
    // Once per bucket rollover: totals from the buckets, so no rounding drifts.
    m_count = 0;
    m_warm = 0;
    m_sumBid = m_sumAsk = m_sumSpread = m_sumImbalance = m_volume = 0;
    m_sqBid = m_sqAsk = m_sqSpread = m_sqImbalance = 0;
    for (const Bucket &b : m_ring) {
        if (b.index < 0)
            continue;
        m_count += b.count;
        m_sumBid += b.sumBid;
        m_sumAsk += b.sumAsk;
        m_sumSpread += b.sumSpread;
        m_sumImbalance += b.sumImbalance;
        m_volume += b.volume;
        m_sqBid += b.sqBid;
        m_sqAsk += b.sqAsk;
        m_sqSpread += b.sqSpread;
        m_sqImbalance += b.sqImbalance;
        if (b.count > 0 || b.volume > 0)
            ++m_warm;
    }
}

RollingBaseline::Bucket &RollingBaseline::bucketFor(std::int64_t timestampMs)
{
    const auto n = std::int64_t(m_ring.size());
    std::int64_t index = timestampMs / m_bucketMs;
    if (m_latest >= 0 && index < m_latest)
        index = m_latest; // late event: counted in the newest bucket
    if (index > m_latest) {
        // Expire every slot that falls out of the window (at most n of them).
        const std::int64_t from = m_latest < 0 ? index : std::max(m_latest + 1, index - n + 1);
        for (std::int64_t i = from; i <= index; ++i)
            m_ring[std::size_t(i % n)] = Bucket{i};
        m_latest = index;
        recomputeTotals();
    }
    return m_ring[std::size_t(index % n)];
}

void RollingBaseline::addSample(std::int64_t timestampMs, const BaselineSample &sample)
{
    Bucket &b = bucketFor(timestampMs);
    if (b.count == 0 && b.volume == 0)
        ++m_warm;
    const double bid = double(sample.bandBidDepth) / double(kFixedScale);
    const double ask = double(sample.bandAskDepth) / double(kFixedScale);
    const double spread = sample.spreadTicks;
    b.count += 1;
    b.sumBid += bid;
    b.sumAsk += ask;
    b.sumSpread += spread;
    b.sumImbalance += sample.imbalance;
    b.sqBid += bid * bid;
    b.sqAsk += ask * ask;
    b.sqSpread += spread * spread;
    b.sqImbalance += sample.imbalance * sample.imbalance;
    m_count += 1;
    m_sumBid += bid;
    m_sumAsk += ask;
    m_sumSpread += spread;
    m_sumImbalance += sample.imbalance;
    m_sqBid += bid * bid;
    m_sqAsk += ask * ask;
    m_sqSpread += spread * spread;
    m_sqImbalance += sample.imbalance * sample.imbalance;
}

double RollingBaseline::sd(double sum, double sumSquares) const noexcept
{
    if (m_count < 2)
        return 0.0;
    const double n = double(m_count);
    // Sums of squares lose digits when the spread is tiny next to the mean:
    // a variance a hair below zero is zero.
    const double variance = (sumSquares - sum * sum / n) / (n - 1.0);
    return variance > 0 ? std::sqrt(variance) : 0.0;
}

void RollingBaseline::addVolume(std::int64_t timestampMs, Fixed size)
{
    Bucket &b = bucketFor(timestampMs);
    if (b.count == 0 && b.volume == 0)
        ++m_warm;
    const double v = double(size) / double(kFixedScale);
    b.volume += v;
    m_volume += v;
}

} // namespace polymon
