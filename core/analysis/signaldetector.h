#pragma once

#include "book/bookmetrics.h"
#include "health.h"
#include "signal.h"
#include "signalsettings.h"

#include <array>
#include <vector>

namespace polymon {

// What the detector sees of one asset at one update.
struct DetectorInput
{
    BookMetrics metrics;
    Health health;
    // Band depth around the mid as the pull window began (not the mid now).
    Fixed nearBid = 0;
    Fixed nearAsk = 0;
    double baselineBid = 0;    // mean band depth, contracts
    double baselineAsk = 0;
    double baselineSpreadTicks = 0;
    double sdBid = 0;          // their standard deviations over the baseline's window
    double sdAsk = 0;
    double sdSpreadTicks = 0;
    Fixed tick = 10'000;       // the asset's tick size (0.01 when unknown)
    int warmMinutes = 0;
    Fixed priceChange = 0;     // mid change over the lookback
    Fixed earlierBid = 0;      // band depth spikeLookbackMs ago (now, when the history is shorter)
    Fixed earlierAsk = 0;
    // DEPTH_PULL: peak band depth per side within the pull window, and the
    // volume traded against that side (taker SELL hits bids) in the window.
    Fixed peakBid = 0;
    Fixed peakAsk = 0;
    Fixed startBid = 0; // band depth as the window began
    Fixed startAsk = 0;
    Fixed tradedAgainstBid = 0;
    Fixed tradedAgainstAsk = 0;
    int bidLevelsRemoved = 0; // levels removed entirely within the pull window
    int askLevelsRemoved = 0;
    // LIQUIDITY_VACUUM: how long the book has been thin and wide without a
    // break (event time; 0 when it just became so).
    std::int64_t vacuumHeldMs = 0;
};

// The four rules of docs/signals.md. Stateless: cooldowns and history are the
// caller's (SignalEngine). Appends the signals that fire to `out`.
class SignalDetector final
{
public:
    explicit SignalDetector(const SignalSettings &settings)
        : m_s(settings)
    {
    }

    void evaluate(const DetectorInput &in, const std::array<bool, kSignalTypeCount> &coolingDown,
                  std::vector<Signal> &out) const;

    // Wide spread and thin on both sides near the price: the state a
    // vacuum must hold for vacuumMinMs before it is one.
    bool thinAndWide(const DetectorInput &in) const noexcept;

    // Data quality 0..1 from warm-up: minWarmup -> small, fullWarmup -> 1.
    double warmupQuality(int warmMinutes) const noexcept;

private:
    int confidence(double depth, double spread, double imbalance, double strength, double quality) const noexcept;
    Signal make(SignalType type, SignalSide side, const DetectorInput &in) const;

    const SignalSettings &m_s;
};

} // namespace polymon
