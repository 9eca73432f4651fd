#include "outcometracker.h"

#include <algorithm>

namespace polymon {

void OutcomeTracker::track(const Signal &signal)
{
    Signal s = signal;
    s.resolved = false;
    s.reverted = false;
    s.reversionTimeS = -1.0;
    // At entry the position is already half a spread against the mid.
    const Fixed halfSpread = (s.bestAsk - s.bestBid) / 2;
    s.maxProfit = s.side == SignalSide::Avoid ? 0 : -halfSpread;
    s.maxAdverse = s.side == SignalSide::Avoid ? 0 : halfSpread;
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
            s.maxProfit = std::max(s.maxProfit, mid - s.bestAsk);
            s.maxAdverse = std::max(s.maxAdverse, s.bestAsk - mid);
            if (!s.reverted && mid >= s.mid + s.expectedReversion) {
                s.reverted = true;
                s.reversionTimeS = elapsedS;
            }
            break;
        }
        case SignalSide::Sell: {
            s.maxProfit = std::max(s.maxProfit, s.bestBid - mid);
            s.maxAdverse = std::max(s.maxAdverse, mid - s.bestBid);
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
