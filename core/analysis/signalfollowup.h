#pragma once

#include "book/assetbook.h"
#include "signal.h"
#include "trading/feeschedule.h"

#include <QJsonObject>

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace polymon {

// Does a signal pay? For every BUY or SELL signal: the mid's move in the
// recommended direction 30 s, 2 min and 5 min later (the book as it stood
// at that moment), and the PnL per share of a trader who took the touch when
// it fired and gave it back at the opposite touch 5 min later, net of the
// taker fee both ways. Per type: means with 95 % confidence intervals, and
// the reverted rate from the outcome tracker with a Wilson interval.
class SignalFollowUp final
{
public:
    static constexpr std::array<std::int64_t, 3> kHorizonsMs{30'000, 120'000, 300'000};

    explicit SignalFollowUp(const FeeSchedule &fees)
        : m_fees(fees)
    {
    }

    void onSignal(const Signal &s);
    void onOutcome(const Signal &s);
    // After every top: horizons that this update carries past are measured
    // on the book as it stood before it.
    void beforeTop(const AssetBook &asset, std::int64_t timestampMs);
    void afterTop(const AssetBook &asset);

    struct Interval
    {
        int n = 0;
        double mean = 0.0; // price units (dollars per share)
        double low = 0.0;  // 95 %
        double high = 0.0;
    };
    struct PerType
    {
        std::array<Interval, kHorizonsMs.size()> move{};
        Interval pnlPerShare;
        int resolved = 0;
        int reverted = 0;
        double revertedLow = 0.0, revertedHigh = 0.0; // Wilson 95 %
    };
    std::array<PerType, kSignalTypeCount> summary() const;
    QJsonObject toJson() const;

private:
    struct Open
    {
        SignalType type;
        SignalSide side;
        std::int64_t firedMs;
        Fixed mid;
        Fixed entry; // the touch taken: ask for BUY, bid for SELL
        std::size_t next = 0; // next horizon to measure
    };
    struct Samples
    {
        std::array<std::vector<double>, kHorizonsMs.size()> move;
        std::vector<double> pnl;
        int resolved = 0;
        int reverted = 0;
    };

    FeeSchedule m_fees;
    std::unordered_map<std::string, std::vector<Open>> m_open; // by asset
    std::array<Samples, kSignalTypeCount> m_samples;
    struct Top
    {
        Fixed bid = 0, ask = 0, mid = 0;
    };
    std::unordered_map<std::string, Top> m_last; // each asset's book before the update being applied
};

} // namespace polymon
