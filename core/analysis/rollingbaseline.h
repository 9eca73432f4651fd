#pragma once

#include "protocol/fixedpoint.h"

#include <cstdint>
#include <vector>

namespace polymon {

struct BaselineSample
{
    Fixed bandBidDepth = 0;
    Fixed bandAskDepth = 0;
    double spreadTicks = 0.0; // in ticks, so a tick_size_change does not skew it
    double imbalance = 0.0;
};

// Rolling statistics of one asset over the last N time buckets (default 60 x
// 1 minute): mean and dispersion of band depth per side, spread and
// imbalance, and traded volume. Each bucket keeps sums and sums of squares
// (so a measure can be read as a z-score against its own last hour); running totals add a sample and drop a whole
// bucket as it expires, so updates are O(1) amortised and memory is fixed.
// Statistics, not money: the sums are doubles in contracts and ticks.
class RollingBaseline final
{
public:
    RollingBaseline(int buckets = 60, int bucketSeconds = 60);

    void addSample(std::int64_t timestampMs, const BaselineSample &sample);
    void addVolume(std::int64_t timestampMs, Fixed size);

    bool empty() const noexcept { return m_count == 0; }
    std::int64_t sampleCount() const noexcept { return m_count; }
    // Buckets in the window holding samples: the warm-up shown as "12/60 min".
    int warmBuckets() const noexcept { return m_warm; }
    // The same in minutes of baseline.
    int warmMinutes() const noexcept { return int(std::int64_t(m_warm) * m_bucketMs / 60'000); }
    int bucketCount() const noexcept { return int(m_ring.size()); }

    double meanBidDepth() const noexcept { return m_count ? m_sumBid / double(m_count) : 0.0; }
    double meanAskDepth() const noexcept { return m_count ? m_sumAsk / double(m_count) : 0.0; }
    double meanSpreadTicks() const noexcept { return m_count ? m_sumSpread / double(m_count) : 0.0; }
    double meanImbalance() const noexcept { return m_count ? m_sumImbalance / double(m_count) : 0.0; }
    // Sample standard deviations over the window (0 with fewer than 2 samples).
    double sdBidDepth() const noexcept { return sd(m_sumBid, m_sqBid); }
    double sdAskDepth() const noexcept { return sd(m_sumAsk, m_sqAsk); }
    double sdSpreadTicks() const noexcept { return sd(m_sumSpread, m_sqSpread); }
    double sdImbalance() const noexcept { return sd(m_sumImbalance, m_sqImbalance); }
    // Traded volume per bucket over the warm buckets.
    double volumePerBucket() const noexcept { return m_warm ? m_volume / double(m_warm) : 0.0; }

private:
    struct Bucket
    {
        std::int64_t index = -1;
        std::int64_t count = 0;
        double sumBid = 0, sumAsk = 0, sumSpread = 0, sumImbalance = 0, volume = 0;
        double sqBid = 0, sqAsk = 0, sqSpread = 0, sqImbalance = 0;
    };
    double sd(double sum, double sumSquares) const noexcept;
    Bucket &bucketFor(std::int64_t timestampMs);
    void recomputeTotals();

    std::vector<Bucket> m_ring;
    std::int64_t m_bucketMs;
    std::int64_t m_latest = -1;
    std::int64_t m_count = 0;
    int m_warm = 0;
    double m_sumBid = 0, m_sumAsk = 0, m_sumSpread = 0, m_sumImbalance = 0, m_volume = 0;
    double m_sqBid = 0, m_sqAsk = 0, m_sqSpread = 0, m_sqImbalance = 0;
};

} // namespace polymon
