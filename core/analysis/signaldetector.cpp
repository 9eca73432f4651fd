#include "signaldetector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace polymon {

namespace {

// How strong a ratio is against its threshold: 0.5 at the threshold, 1 at
// twice as far from 1; a threshold of 1 or less (off) reads the ratio's own
// excess over 1.
double progress(double ratio, double threshold)
{
    if (threshold <= 1.0)
        return std::clamp(ratio - 1.0, 0.0, 1.0);
    return std::clamp((ratio - 1.0) / (2.0 * (threshold - 1.0)), 0.0, 1.0);
}

// The same for a z-score: 0.5 at its threshold, 1 at twice it (0 when off).
double zProgress(double z, double threshold)
{
    return threshold > 0.0 ? std::clamp(z / (2.0 * threshold), 0.0, 1.0) : 0.0;
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string cents(Fixed v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f¢", double(v) / 10'000.0);
    return buf;
}

} // namespace

double SignalDetector::warmupQuality(int warmMinutes) const noexcept
{
    if (warmMinutes < m_s.minWarmupMinutes)
        return 0.0;
    const int full = std::max(m_s.fullWarmupMinutes, m_s.minWarmupMinutes + 1);
    return std::clamp(0.5 + 0.5 * double(warmMinutes - m_s.minWarmupMinutes) / double(full - m_s.minWarmupMinutes),
                      0.5, 1.0);
}

int SignalDetector::confidence(double depth, double spread, double imbalance, double strength,
                               double quality) const noexcept
{
    const double weights = m_s.weightDepth + m_s.weightSpread + m_s.weightImbalance + m_s.weightStrength;
    const double score = weights > 0 ? (m_s.weightDepth * depth + m_s.weightSpread * spread
                                        + m_s.weightImbalance * imbalance + m_s.weightStrength * strength)
                                           / weights
                                     : 0.0;
    // A rule that just fires starts at 40; the components add the rest.
    return int(std::lround(100.0 * (0.4 + 0.6 * std::clamp(score, 0.0, 1.0)) * std::clamp(quality, 0.0, 1.0)));
}

Signal SignalDetector::make(SignalType type, SignalSide side, const DetectorInput &in) const
{
    Signal s;
    s.type = type;
    s.side = side;
    s.imbalance = in.metrics.imbalance;
    s.priceChange = in.priceChange;
    s.bestBid = in.metrics.bestBid;
    s.bestAsk = in.metrics.bestAsk;
    s.mid = in.metrics.mid;
    s.baselineSpread = Fixed(std::llround(in.baselineSpreadTicks * double(in.tick)));
    s.spreadRatio = in.baselineSpreadTicks > 0 ? double(in.metrics.spread) / double(in.tick) / in.baselineSpreadTicks : 0.0;
    const auto share = Fixed(std::llround(m_s.reversionShare * double(std::llabs(in.priceChange))));
    s.expectedReversion = side == SignalSide::Avoid ? 0 : std::max(m_s.minExpectedReversion, share);
    return s;
}

bool SignalDetector::thinAndWide(const DetectorInput &in) const noexcept
{
    const BookMetrics &m = in.metrics;
    if (!m.twoSided() || in.baselineBid <= 0 || in.baselineAsk <= 0 || in.baselineSpreadTicks <= 0 || in.tick <= 0)
        return false;
    // Thin near where the price was: a pull at the touch moves the mid and
    // would shrink the other side's band with it.
    // And a fall, not a book that is always thin: both sides hold at most
    // vacuumMaxFall of what they held a lookback ago.
    auto fell = [&](Fixed now, Fixed earlier) {
        return m_s.vacuumMaxFall <= 0.0 || double(now) <= m_s.vacuumMaxFall * double(earlier);
    };
    return double(m.spread) / double(in.tick) / in.baselineSpreadTicks >= m_s.vacuumSpreadRatio
        && toDouble(in.nearBid) / in.baselineBid <= m_s.vacuumMaxDepthRatio
        && toDouble(in.nearAsk) / in.baselineAsk <= m_s.vacuumMaxDepthRatio
        && fell(in.nearBid, in.earlierBid) && fell(in.nearAsk, in.earlierAsk);
}

void SignalDetector::evaluate(const DetectorInput &in, const std::array<bool, kSignalTypeCount> &coolingDown,
                              std::vector<Signal> &out) const
{
    const BookMetrics &m = in.metrics;
    const double quality = warmupQuality(in.warmMinutes);
    if (quality <= 0.0 || !m.twoSided() || m.crossed || !in.health.fresh)
        return;
    if (in.baselineBid <= 0 || in.baselineAsk <= 0 || in.baselineSpreadTicks <= 0 || in.tick <= 0)
        return;
    const double bidRatio = toDouble(m.bandBidDepth) / in.baselineBid;
    const double askRatio = toDouble(m.bandAskDepth) / in.baselineAsk;
    const double spreadTicks = double(m.spread) / double(in.tick);
    const double spreadRatio = spreadTicks / in.baselineSpreadTicks;
    const double strength = std::clamp(double(std::llabs(in.priceChange)) / 50'000.0, 0.0, 1.0); // 5 cents = 1
    // How many of its own deviations a measure stands above its mean; a z
    // condition of 0 is off.
    auto z = [&](double value, double mean, double sd) { return (value - mean) / m_s.deviation(mean, sd); };
    auto standsOut = [](double zValue, double threshold) { return threshold <= 0.0 || zValue >= threshold; };
    // A spike is sudden: the side has grown this much within the lookback,
    // not drifted up over minutes (ordinary books wander that far too).
    auto rose = [&](Fixed now, Fixed earlier) {
        return m_s.spikeMinRise <= 0.0 || double(now) >= m_s.spikeMinRise * double(std::max<Fixed>(earlier, 1));
    };
    const double askZ = z(toDouble(m.bandAskDepth), in.baselineAsk, in.sdAsk);
    const double bidZ = z(toDouble(m.bandBidDepth), in.baselineBid, in.sdBid);
    const double spreadZ = z(spreadTicks, in.baselineSpreadTicks, in.sdSpreadTicks);
    const bool panicDispersed = rose(m.bandAskDepth, in.earlierAsk) && standsOut(askZ, m_s.panicAskDepthZ)
                             && standsOut(spreadZ, m_s.panicSpreadZ);
    const bool fomoDispersed = rose(m.bandBidDepth, in.earlierBid) && standsOut(bidZ, m_s.fomoBidDepthZ)
                            && standsOut(spreadZ, m_s.fomoSpreadZ);
    // Near 0 or 1 the book is pinned against the price limit and a reversion
    // may be impossible: trade signals need room on both sides.
    const bool healthy = in.health.healthy() && m.mid >= m_s.edgeMargin && m.mid <= kFixedScale - m_s.edgeMargin;

    if (healthy && !coolingDown[int(SignalType::PanicSell)] && askRatio >= m_s.panicAskDepthRatio
        && spreadRatio >= m_s.panicSpreadRatio && panicDispersed) {
        Signal s = make(SignalType::PanicSell, SignalSide::Buy, in);
        s.depthRatio = askRatio;
        s.confidence = confidence(std::max(progress(askRatio, m_s.panicAskDepthRatio), zProgress(askZ, m_s.panicAskDepthZ)),
                                  progress(spreadRatio, m_s.panicSpreadRatio),
                                  std::clamp(-m.imbalance, 0.0, 1.0), strength, quality);
        s.description = "Sellers flooding the book: ask depth " + number(askRatio)
                      + "x its baseline while the spread widened " + number(spreadRatio)
                      + "x. Panic selling usually overshoots: BUY, expect a rebound of about "
                      + cents(s.expectedReversion) + ".";
        out.push_back(std::move(s));
    }

    if (healthy && !coolingDown[int(SignalType::FomoBuy)] && bidRatio >= m_s.fomoBidDepthRatio
        && m.imbalance >= m_s.fomoMinImbalance && spreadRatio >= m_s.fomoSpreadRatio && fomoDispersed) {
        Signal s = make(SignalType::FomoBuy, SignalSide::Sell, in);
        s.depthRatio = bidRatio;
        s.confidence = confidence(std::max(progress(bidRatio, m_s.fomoBidDepthRatio), zProgress(bidZ, m_s.fomoBidDepthZ)),
                                  progress(spreadRatio, m_s.fomoSpreadRatio),
                                  std::clamp(m.imbalance, 0.0, 1.0), strength, quality);
        s.description = "Buyers piling in: bid depth " + number(bidRatio)
                      + "x its baseline, imbalance " + number(m.imbalance)
                      + " toward bids. FOMO tends to fade: SELL, expect a pullback of about "
                      + cents(s.expectedReversion) + ".";
        out.push_back(std::move(s));
    }

    if (!coolingDown[int(SignalType::LiquidityVacuum)] && in.vacuumHeldMs >= m_s.vacuumMinMs && thinAndWide(in)) {
        const double nearBidRatio = toDouble(in.nearBid) / in.baselineBid;
        const double nearAskRatio = toDouble(in.nearAsk) / in.baselineAsk;
        Signal s = make(SignalType::LiquidityVacuum, SignalSide::Avoid, in);
        s.depthRatio = std::max(nearBidRatio, nearAskRatio);
        const double thin = 1.0 - s.depthRatio / std::max(m_s.vacuumMaxDepthRatio, 1e-9);
        s.confidence = confidence(std::clamp(thin, 0.0, 1.0), progress(spreadRatio, m_s.vacuumSpreadRatio),
                                  std::fabs(m.imbalance), strength, quality * (healthy ? 1.0 : m_s.unhealthyQuality));
        s.description = "Liquidity vacuum: spread " + number(spreadRatio)
                      + "x its baseline with both sides under " + std::to_string(int(m_s.vacuumMaxDepthRatio * 100))
                      + "% of normal depth. Fills will be poor and prices jumpy: AVOID trading.";
        out.push_back(std::move(s));
    }

    if (healthy && !coolingDown[int(SignalType::DepthPull)]) {
        // One side loses most of its depth within a second, several resting
        // levels cancelled outright rather than traded, while the other side
        // holds (both sides at once is a vacuum, not a pull).
        auto pulled = [&](Fixed peak, Fixed now, Fixed traded, double baseline, int levelsRemoved) {
            const Fixed removed = peak - now;
            return peak > 0 && levelsRemoved >= m_s.pullMinLevels && double(removed) >= m_s.pullMinShare * double(peak)
                && toDouble(peak) >= m_s.pullMinBaselineRatio * baseline
                && double(traded) <= m_s.pullMaxTradedShare * double(removed);
        };
        // The other side must hold steady: kept at least 70% of its depth and
        // not flooded past pullMaxOtherRatio x baseline (that is panic or FOMO).
        // ...and not growing either (a side filling up while the other steps
        // back is the onset of a panic or a FOMO), not thin itself (that is a
        // vacuum), and not churning as much as the pulled side (ordinary flow).
        auto held = [&](Fixed peak, Fixed start, Fixed now, double baseline, int levelsRemoved, int pulledLevels) {
            return (peak == 0 || double(now) >= 0.7 * double(peak)) && toDouble(now) <= m_s.pullMaxOtherRatio * baseline
                && toDouble(now) >= m_s.pullMinOtherRatio * baseline
                && double(now) <= m_s.pullMaxOtherGrowth * double(std::max<Fixed>(start, 1))
                && double(levelsRemoved) <= m_s.pullOtherLevelsShare * double(pulledLevels);
        };
        const bool bidPulled = pulled(in.peakBid, in.nearBid, in.tradedAgainstBid, in.baselineBid, in.bidLevelsRemoved)
                            && held(in.peakAsk, in.startAsk, in.nearAsk, in.baselineAsk, in.askLevelsRemoved, in.bidLevelsRemoved);
        const bool askPulled = pulled(in.peakAsk, in.nearAsk, in.tradedAgainstAsk, in.baselineAsk, in.askLevelsRemoved)
                            && held(in.peakBid, in.startBid, in.nearBid, in.baselineBid, in.bidLevelsRemoved, in.askLevelsRemoved);
        if (bidPulled || askPulled) {
            const Fixed peak = bidPulled ? in.peakBid : in.peakAsk;
            const Fixed now = bidPulled ? in.nearBid : in.nearAsk;
            const double share = double(peak - now) / double(peak);
            // Pulled bids were support that was never meant to trade: expect
            // the price to fall (SELL); pulled asks, to rise (BUY).
            Signal s = make(SignalType::DepthPull, bidPulled ? SignalSide::Sell : SignalSide::Buy, in);
            s.depthRatio = toDouble(now) / (bidPulled ? in.baselineBid : in.baselineAsk);
            s.confidence = confidence(std::clamp((share - m_s.pullMinShare) / (1.0 - m_s.pullMinShare + 1e-9), 0.0, 1.0),
                                      progress(spreadRatio, 1.0), std::fabs(m.imbalance), strength, quality);
            s.description = std::string("Depth pulled: ") + std::to_string(int(share * 100)) + "% of the "
                          + (bidPulled ? "bid" : "ask") + " depth near the price vanished within "
                          + number(m_s.pullWindowMs / 1000.0) + " s by cancels, not trades. The "
                          + (bidPulled ? "support" : "resistance") + " was a likely trap: "
                          + (bidPulled ? "SELL" : "BUY") + ", expect about " + cents(s.expectedReversion) + ".";
            out.push_back(std::move(s));
        }
    }
}

} // namespace polymon
