#pragma once

#include "book/assetbook.h"
#include "signal.h"
#include "signalquality.h"
#include "trading/feeschedule.h"

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace polymon {

// Follows every BUY or SELL signal of a replay: the mid's move in the
// recommended direction 30 s, 2 min and 5 min later (the book as it stood
// at that moment), and the PnL per share of a trader who took the touch
// when it fired and gave it back at the opposite touch 5 min later, net of
// the taker fee both ways; into SignalQuality.
class SignalFollowUp final
{
public:
    explicit SignalFollowUp(const FeeSchedule &fees)
        : m_fees(fees)
    {
    }

    void onSignal(const Signal &s);
    void onOutcome(const Signal &s);
    // Before each top is applied to the follower: horizons this update
    // carries past are measured on the book as it stood before it.
    void beforeTop(const AssetBook &asset, std::int64_t timestampMs);
    void afterTop(const AssetBook &asset);

    const SignalQuality &quality() const noexcept { return m_quality; }

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
    struct Top
    {
        Fixed bid = 0, ask = 0, mid = 0;
    };

    FeeSchedule m_fees;
    SignalQuality m_quality;
    std::unordered_map<std::string, std::vector<Open>> m_open; // by asset
    std::unordered_map<std::string, Top> m_last; // each asset's book before the update being applied
};

} // namespace polymon
