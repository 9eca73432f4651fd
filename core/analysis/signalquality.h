#pragma once

#include "signal.h"
#include "trading/feeschedule.h"

#include <QJsonObject>

#include <array>
#include <cstdint>
#include <vector>

namespace polymon {

// Does each signal type pay? Samples per type (the mid's move in the
// recommended direction at each horizon, touch-to-touch PnL per share net of
// fees, whether it reverted), summarised as means with 95 % intervals and
// the reverted share with a Wilson interval. Filled from a replay
// (SignalFollowUp) or from the recorded history (SignalQualityReader).
class SignalQuality final
{
public:
    static constexpr std::array<std::int64_t, 3> kHorizonsMs{30'000, 120'000, 300'000};
    static constexpr std::size_t kHorizons = kHorizonsMs.size();

    struct Interval
    {
        int n = 0;
        double mean = 0.0; // dollars per share
        double low = 0.0;  // 95 %
        double high = 0.0;
    };
    struct PerType
    {
        std::array<Interval, kHorizons> move{};
        Interval pnlPerShare;
        int resolved = 0;
        int reverted = 0;
        double revertedLow = 0.0, revertedHigh = 0.0; // Wilson 95 %
    };

    // The mid at a horizon against the mid when the signal fired, read in
    // the recommended direction (a BUY gains when the mid rises).
    void addMove(SignalType type, std::size_t horizon, bool buy, Fixed midAtSignal, Fixed midThen);
    // One share taken at `entry` (the touch when it fired) and given back
    // at `exit` (the opposite touch at the last horizon), less the taker fee
    // both ways.
    void addRoundTrip(SignalType type, bool buy, Fixed entry, Fixed exit, const FeeSchedule &fees);
    void addOutcome(SignalType type, bool reverted);
    // Every sample of another run (seeds of one evaluation).
    void add(const SignalQuality &other);

    std::array<PerType, kSignalTypeCount> summary() const;
    QJsonObject toJson() const;

private:
    struct Samples
    {
        std::array<std::vector<double>, kHorizons> move;
        std::vector<double> pnl;
        int resolved = 0;
        int reverted = 0;
    };
    std::array<Samples, kSignalTypeCount> m_samples;
};

} // namespace polymon
