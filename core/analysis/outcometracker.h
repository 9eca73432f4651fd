#pragma once

#include "signal.h"

#include <cstdint>
#include <vector>

namespace polymon {

// Follows the mid after each signal for the horizon and fills its outcome:
// reverted (the mid moved back by the expected reversion in the recommended
// direction), time to reversion, best favourable and worst adverse excursion
// per share, touch to touch: a BUY enters at the ask and exits at the bid, a
// SELL enters at the bid and exits at the ask, so the spread is paid in and
// out. AVOID signals "revert" when the spread comes back within 1.5x its
// baseline; they have no profit.
class OutcomeTracker final
{
public:
    explicit OutcomeTracker(std::int64_t horizonMs = 300'000)
        : m_horizonMs(horizonMs)
    {
    }

    void track(const Signal &signal);
    // A new top for the asset at exchange time ts.
    void onTop(const std::string &assetId, std::int64_t ts, Fixed bestBid, Fixed bestAsk);
    // Resolves every signal whose horizon ended by nowMs; returns them.
    std::vector<Signal> resolveDue(std::int64_t nowMs);
    std::vector<Signal> resolveAll();
    std::size_t openCount() const noexcept { return m_open.size(); }

private:
    std::int64_t m_horizonMs;
    std::vector<Signal> m_open;
};

} // namespace polymon
