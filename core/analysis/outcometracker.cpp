#include "outcometracker.h"

#include <algorithm>

namespace polymon {

void OutcomeTracker::track(const Signal &signal)
{
    Signal s = signal;
    s.resolved = false;
    s.reverted = false;
    s.reversionTimeS = -1.0;
    // Entered at one touch, exited at the other: at entry the position is a
    // whole spread down (the spread is paid in and out).
    const Fixed spread = s.bestAsk - s.bestBid;
    s.maxProfit = s.side == SignalSide::Avoid ? 0 : -spread;
    s.maxAdverse = s.side == SignalSide::Avoid ? 0 : spread;
    m_open.push_back(std::move(s));
}

void OutcomeTracker::onTop(const std::string &assetId, std::int64_t ts, Fixed bestBid, Fixed bestAsk)
{
    const Fixed mid = (bestBid + bestAsk) / 2;
    for (Signal &s : m_open) {
        if (s.assetId != assetId || ts < s.timestampMs || ts > s.timestampMs + m_horizonMs)
            continue;
        const double elapsedS = double(ts - s.timestampMs) / 1000.0;
        switch (s.side) {
        case SignalSide::Buy: {
            // Bought at the ask then; sold at the bid now.
            s.maxProfit = std::max(s.maxProfit, bestBid - s.bestAsk);
            s.maxAdverse = std::max(s.maxAdverse, s.bestAsk - bestBid);
            if (!s.reverted && mid >= s.mid + s.expectedReversion) {
                s.reverted = true;
                s.reversionTimeS = elapsedS;
            }
            break;
        }
        case SignalSide::Sell: {
            // Sold at the bid then; bought back at the ask now.
            s.maxProfit = std::max(s.maxProfit, s.bestBid - bestAsk);
            s.maxAdverse = std::max(s.maxAdverse, bestAsk - s.bestBid);
            if (!s.reverted && mid <= s.mid - s.expectedReversion) {
                s.reverted = true;
                s.reversionTimeS = elapsedS;
            }
            break;
        }
        case SignalSide::Avoid: {
            const Fixed spread = bestAsk - bestBid;
            if (!s.reverted && s.baselineSpread > 0 && spread * 2 <= s.baselineSpread * 3) {
                s.reverted = true;
                s.reversionTimeS = elapsedS;
            }
            break;
        }
        }
    }
}

std::vector<Signal> OutcomeTracker::resolveDue(std::int64_t nowMs)
{
    std::vector<Signal> done;
    auto it = std::stable_partition(m_open.begin(), m_open.end(),
                                    [&](const Signal &s) { return s.timestampMs + m_horizonMs > nowMs; });
    for (auto d = it; d != m_open.end(); ++d) {
        d->resolved = true;
        done.push_back(std::move(*d));
    }
    m_open.erase(it, m_open.end());
    return done;
}

std::vector<Signal> OutcomeTracker::resolveAll()
{
    return resolveDue(INT64_MAX / 2);
}

} // namespace polymon
