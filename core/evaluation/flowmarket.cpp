#include "flowmarket.h"

#include <algorithm>
#include <cmath>

namespace polymon {

namespace {

constexpr Fixed kOne = kFixedScale;
constexpr Fixed kBand = 100'000;          // the depth an episode's magnitude is measured in (10 cents of mid)
constexpr int kLevels = 30;               // levels a side where orders arrive
constexpr std::int64_t kEpisodeTickMs = 100;
// Market orders are a Hawkes process: each adds this much to their own rate
// (per second), which decays back with this time constant. Branching ratio
// 0.15 x 4 = 0.6 < 1: bursts, never an explosion.
constexpr double kHawkesJump = 0.15;
constexpr double kHawkesDecayMs = 4'000.0;
constexpr double kMarketShare = 0.06; // of the calm event rate

void appendFixed(std::string &out, Fixed v)
{
    char buf[32];
    out.append(buf, std::size_t(formatFixed(v, buf)));
}

Fixed roundToHundredths(double shares)
{
    return std::max<Fixed>(10'000, Fixed(std::llround(shares * 100.0)) * 10'000);
}

} // namespace

FlowProfile FlowProfile::draw(std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    FlowProfile p;
    // Mid anywhere, with the ends (0.05, 0.95) as likely as the middle third.
    const double r = u(rng);
    const double mid = r < 0.2 ? 0.04 + 0.08 * u(rng) : r < 0.4 ? 0.88 + 0.08 * u(rng) : 0.15 + 0.7 * u(rng);
    p.tick = (mid < 0.1 || mid > 0.9 || u(rng) < 0.15) ? 1'000 : 10'000;
    p.startMid = Fixed(std::llround(mid * 1e6 / double(p.tick))) * p.tick;
    p.touchSize = 20.0 * std::pow(10.0, 2.3 * u(rng)); // 20 to 4,000 shares: two orders of magnitude
    p.eventsPerSecond = 0.4 * std::pow(10.0, 1.7 * u(rng)); // 0.4 to 20 a second
    p.spreadTicks = 1 + int(u(rng) * u(rng) * 6.0);        // mostly tight, sometimes 4-6 ticks
    if (p.tick == 1'000)
        p.spreadTicks *= 3;
    return p;
}

FlowMarket::FlowMarket(std::string conditionId, std::string yesToken, std::string noToken, const FlowProfile &profile,
                       std::uint64_t seed, std::int64_t startMs)
    : m_condition(std::move(conditionId))
    , m_yes(std::move(yesToken))
    , m_no(std::move(noToken))
    , m_profile(profile)
    , m_rng(seed)
    , m_nowMs(startMs)
    , m_fair(toDouble(profile.startMid))
{
    // A resting book around the start mid: the queue profile the flow keeps.
    const Fixed tick = m_profile.tick;
    const Fixed half = std::max<Fixed>(1, m_profile.spreadTicks / 2) * tick;
    const Fixed bid0 = std::clamp<Fixed>(m_profile.startMid - half, tick, kOne - 2 * tick);
    const Fixed ask0 = std::min<Fixed>(bid0 + Fixed(m_profile.spreadTicks) * tick, kOne - tick);
    for (int k = 0; k < kLevels; ++k) {
        const double median = m_profile.touchSize * (0.6 + 0.9 * std::exp(-double((k - 3) * (k - 3)) / 18.0));
        if (bid0 - k * tick >= tick)
            m_bids[bid0 - k * tick] = drawSize(median);
        if (ask0 + k * tick <= kOne - tick)
            m_asks[ask0 + k * tick] = drawSize(median);
    }
    scheduleNatural();
    m_nextMs = m_naturalMs;
}

Fixed FlowMarket::drawSize(double median)
{
    std::lognormal_distribution<double> size(std::log(std::max(1.0, median)), 0.8);
    return roundToHundredths(size(m_rng));
}

Fixed FlowMarket::bestBid() const
{
    return m_bids.empty() ? 0 : m_bids.rbegin()->first;
}

Fixed FlowMarket::bestAsk() const
{
    return m_asks.empty() ? kOne : m_asks.begin()->first;
}

bool FlowMarket::crossed() const
{
    return !m_bids.empty() && !m_asks.empty() && bestBid() >= bestAsk();
}

double FlowMarket::bandDepth(bool bids, Fixed band) const
{
    return depthNear(bids, (bestBid() + bestAsk()) / 2, band);
}

double FlowMarket::depthNear(bool bids, Fixed anchor, Fixed band) const
{
    Fixed total = 0;
    if (bids) {
        for (auto it = m_bids.rbegin(); it != m_bids.rend() && it->first >= anchor - band; ++it)
            total += it->second;
    } else {
        for (auto it = m_asks.begin(); it != m_asks.end() && it->first <= anchor + band; ++it)
            total += it->second;
    }
    return toDouble(total);
}

void FlowMarket::scheduleNatural()
{
    const double rate = m_profile.eventsPerSecond + m_hawkes;
    std::exponential_distribution<double> gap(rate / 1000.0);
    m_naturalMs = m_nowMs + 1 + std::int64_t(gap(m_rng));
}

void FlowMarket::setLevel(bool bid, Fixed price, Fixed size, std::vector<Change> &changes)
{
    auto &side = bid ? m_bids : m_asks;
    const auto it = side.find(price);
    const Fixed before = it == side.end() ? 0 : it->second;
    if (size <= 0)
        side.erase(price);
    else
        side[price] = size;
    for (Change &c : changes) {
        if (c.bid == bid && c.price == price) {
            c.size = std::max<Fixed>(0, size);
            return;
        }
    }
    changes.push_back(Change{bid, price, std::max<Fixed>(0, size), before});
}

void FlowMarket::limitOrder(std::vector<Change> &changes)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const bool bid = u(m_rng) < 0.5;
    const Fixed tick = m_profile.tick;
    // Level k counts from the price next to the other side's touch: k below
    // the natural spread quotes inside it, and is rarer.
    std::vector<double> weights(kLevels);
    auto &same = bid ? m_bids : m_asks;
    const double quiet = bid ? m_quietBids : m_quietAsks;
    for (int k = 0; k < kLevels; ++k) {
        const int fromNatural = k - (m_profile.spreadTicks - 1);
        double w = std::exp(-std::abs(fromNatural) / 6.0);
        if (fromNatural < 0)
            w *= 0.15;
        if (k < m_profile.spreadTicks + 3)
            w *= quiet;
        // Queue-reactive: a long queue attracts fewer new orders.
        const Fixed price = bid ? bestAsk() - (k + 1) * tick : bestBid() + (k + 1) * tick;
        const auto it = same.find(price);
        const double queue = it == same.end() ? 0.0 : toDouble(it->second);
        weights[std::size_t(k)] = w / (1.0 + queue / (3.0 * m_profile.touchSize));
    }
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    const int k = pick(m_rng);
    const Fixed price = bid ? bestAsk() - (k + 1) * tick : bestBid() + (k + 1) * tick;
    if (price < tick || price > kOne - tick)
        return;
    const auto it = same.find(price);
    const Fixed now = it == same.end() ? 0 : it->second;
    setLevel(bid, price, now + drawSize(m_profile.touchSize * 0.5), changes);
}

void FlowMarket::cancel(std::vector<Change> &changes)
{
    // A resting order, chosen in proportion to the size resting: most
    // cancels hit the big queues.
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Fixed total = 0;
    for (const auto *side : {&m_bids, &m_asks})
        for (const auto &[p, s] : *side)
            total += s;
    if (total <= 0)
        return;
    Fixed target = Fixed(u(m_rng) * double(total));
    for (const bool bid : {true, false}) {
        auto &side = bid ? m_bids : m_asks;
        for (auto &[p, s] : side) {
            if (target < s) {
                const Fixed price = p, now = s;
                const Fixed taken = std::min(now, drawSize(m_profile.touchSize * 0.5));
                setLevel(bid, price, now - taken < 10'000 ? 0 : now - taken, changes);
                return;
            }
            target -= s;
        }
    }
}

void FlowMarket::marketOrder(std::vector<Change> &changes, std::vector<std::string> &frames, bool buy, double medianSize)
{
    auto &side = buy ? m_asks : m_bids;
    Fixed remaining = drawSize(medianSize);
    while (remaining > 0 && !side.empty()) {
        auto it = buy ? side.begin() : std::prev(side.end());
        const Fixed price = it->first;
        const Fixed taken = std::min(remaining, it->second);
        trade(price, taken, buy, frames);
        setLevel(!buy, price, it->second - taken, changes);
        remaining -= taken;
    }
    m_hawkes += kHawkesJump;
}

void FlowMarket::naturalEvent(std::vector<Change> &changes, std::vector<std::string> &frames)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double marketRate = kMarketShare * m_profile.eventsPerSecond + m_hawkes;
    if (u(m_rng) < marketRate / (m_profile.eventsPerSecond + m_hawkes)) {
        // Informed flow leans toward the fair value (a cent off: 3 % more of
        // one side), so prices wander but do not run off to 0 or 1.
        const double mid = toDouble(bestBid() + bestAsk()) / 2.0;
        const bool buy = u(m_rng) < std::clamp(0.5 + m_trendBias + 3.0 * (m_fair - mid), 0.05, 0.95);
        marketOrder(changes, frames, buy, m_profile.touchSize * 0.4);
        return;
    }
    // Limit against cancel keeps the total near its usual level.
    double depth = 0;
    for (const auto *side : {&m_bids, &m_asks})
        for (const auto &[p, s] : *side)
            depth += toDouble(s);
    const double usual = m_profile.touchSize * 1.1 * kLevels * 2;
    if (u(m_rng) < depth / (depth + usual))
        cancel(changes);
    else
        limitOrder(changes);
    // Too many levels far out: the deepest go (the exchange's books are finite too).
    while (m_bids.size() > std::size_t(kLevels) + 10)
        setLevel(true, m_bids.begin()->first, 0, changes);
    while (m_asks.size() > std::size_t(kLevels) + 10)
        setLevel(false, std::prev(m_asks.end())->first, 0, changes);
    // An empty side is refilled at the natural spread at once.
    if (m_bids.empty() && bestAsk() - Fixed(m_profile.spreadTicks) * m_profile.tick >= m_profile.tick)
        setLevel(true, bestAsk() - Fixed(m_profile.spreadTicks) * m_profile.tick, drawSize(m_profile.touchSize), changes);
    if (m_asks.empty() && bestBid() + Fixed(m_profile.spreadTicks) * m_profile.tick <= kOne - m_profile.tick)
        setLevel(false, bestBid() + Fixed(m_profile.spreadTicks) * m_profile.tick, drawSize(m_profile.touchSize), changes);
}

void FlowMarket::runEpisodes(std::vector<Change> &changes, std::vector<std::string> &frames)
{
    m_trendBias = 0.0;
    m_quietBids = m_quietAsks = 1.0;
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const Fixed tick = m_profile.tick;
    for (std::size_t i = 0; i < m_episodes.size(); ++i) {
        const FlowEpisode &e = m_episodes[i];
        EpisodeState &st = m_episodeState[i];
        if (st.done || m_nowMs < e.startMs)
            continue;
        const std::int64_t t = m_nowMs - e.startMs;
        if (!st.started) {
            st.started = true;
            st.baseBid = std::max(1.0, bandDepth(true, kBand));
            st.baseAsk = std::max(1.0, bandDepth(false, kBand));
            st.baseSpread = bestAsk() - bestBid();
            st.baseMid = (bestBid() + bestAsk()) / 2;
        }
        if (m_nowMs >= e.endMs()) {
            for (const auto &[price, size] : st.placed) { // whatever is left of it goes
                const bool bid = e.type == FlowEpisode::Type::Fomo;
                auto &side = bid ? m_bids : m_asks;
                if (auto it = side.find(price); it != side.end())
                    setLevel(bid, price, std::max<Fixed>(0, it->second - size), changes);
            }
            st.done = true;
            continue;
        }
        const bool onset = t < e.onsetMs;
        const bool fading = t >= e.onsetMs + e.holdMs;
        const double progress = onset ? double(t + kEpisodeTickMs) / double(e.onsetMs) : 1.0;
        switch (e.type) {
        case FlowEpisode::Type::Panic:
        case FlowEpisode::Type::Fomo: {
            const bool fomo = e.type == FlowEpisode::Type::Fomo;
            const double base = fomo ? st.baseBid : st.baseAsk;
            if (!fading) {
                // The flooded side grows toward magnitude x its depth before,
                // measured as it stands (trades eat into it, the mid moves).
                const double want = base * (1.0 + (e.magnitude - 1.0) * std::min(1.0, progress));
                // Kept up against cancels and trades, but a few chunks per
                // step at most, and only while the other side is there (with
                // it gone the mid, and so the band, is undefined).
                const bool otherSide = fomo ? !m_asks.empty() : !m_bids.empty();
                for (int guard = 0; otherSide && guard < 5 && bandDepth(fomo, kBand) < want; ++guard) {
                    const double chunk = std::min(want - bandDepth(fomo, kBand), std::max(1.0, base * 0.15));
                    const Fixed price = fomo ? bestBid() - Fixed(u(m_rng) * 3) * tick : bestAsk() + Fixed(u(m_rng) * 3) * tick;
                    if (price < tick || price > kOne - tick)
                        break;
                    auto &side = fomo ? m_bids : m_asks;
                    const Fixed size = roundToHundredths(chunk);
                    const auto it = side.find(price);
                    setLevel(fomo, price, (it == side.end() ? 0 : it->second) + size, changes);
                    st.placed[price] += size;
                }
                // The other side steps back: the spread opens (when the episode has that shape).
                if (e.spreadChange) {
                    const Fixed wanted = Fixed(double(st.baseSpread) * (1.0 + (0.5 + e.magnitude * 0.3) * std::min(1.0, progress)));
                    auto &other = fomo ? m_asks : m_bids;
                    // Stepping back, not leaving: a few levels stay.
                    while (other.size() > 3 && bestAsk() - bestBid() < wanted) {
                        const Fixed price = fomo ? other.begin()->first : std::prev(other.end())->first;
                        setLevel(!fomo, price, 0, changes);
                    }
                    (fomo ? m_quietAsks : m_quietBids) = 0.1;
                }
                m_trendBias = fomo ? 0.3 : -0.3; // the crowd hits the other side
                if (onset && u(m_rng) < 0.3)
                    marketOrder(changes, frames, fomo, m_profile.touchSize * 0.3);
            } else {
                // Fading: what is left of the flood (cancels and trades took
                // some) is taken back evenly over the decay, price by price,
                // so nothing vanishes at once.
                auto &side = fomo ? m_bids : m_asks;
                if (!st.fading) {
                    st.fading = true;
                    for (auto &[price, size] : st.placed) {
                        const auto it = side.find(price);
                        size = std::min(size, it == side.end() ? Fixed(0) : it->second);
                    }
                    st.fadeFrom = st.placed;
                }
                const double left = std::max(0.0, 1.0 - double(t - e.onsetMs - e.holdMs) / double(e.decayMs));
                for (auto &[price, size] : st.placed) {
                    const Fixed keep = Fixed(double(st.fadeFrom[price]) * left);
                    if (size <= keep)
                        continue;
                    if (auto it = side.find(price); it != side.end())
                        setLevel(fomo, price, std::max<Fixed>(0, it->second - (size - keep)), changes);
                    size = keep;
                }
            }
            break;
        }
        case FlowEpisode::Type::Vacuum:
            if (!fading) {
                // Makers leave both sides: depth down to 1/magnitude, the spread opens.
                for (const bool bid : {true, false}) {
                    const double target = (bid ? st.baseBid : st.baseAsk) / (1.0 + (e.magnitude - 1.0) * std::min(1.0, progress));
                    auto &side = bid ? m_bids : m_asks;
                    while (side.size() > 1 && depthNear(bid, st.baseMid, kBand) > target)
                        setLevel(bid, bid ? std::prev(side.end())->first : side.begin()->first, 0, changes);
                }
                m_quietBids = m_quietAsks = 0.05;
            }
            break;
        case FlowEpisode::Type::Pull:
            if (!fading) {
                // Several resting levels at the touch cancelled outright.
                const bool bid = e.pullBids;
                auto &side = bid ? m_bids : m_asks;
                const double base = bid ? st.baseBid : st.baseAsk;
                const double target = base * (1.0 - (1.0 - 1.0 / e.magnitude) * std::min(1.0, progress));
                // Measured near the price before the pull: removing the touch
                // moves the mid, and a band following it would refill.
                while (side.size() > 1 && depthNear(bid, st.baseMid, kBand) > target)
                    setLevel(bid, bid ? std::prev(side.end())->first : side.begin()->first, 0, changes);
                (bid ? m_quietBids : m_quietAsks) = 0.1;
            }
            break;
        }
    }
}

void FlowMarket::step(std::vector<std::string> &frames)
{
    const std::int64_t previous = m_nowMs;
    m_nowMs = m_nextMs;
    m_hawkes *= std::exp(-double(m_nowMs - previous) / kHawkesDecayMs);
    // The fair value walks about half a cent a minute, pulled back toward
    // where the market started.
    const double minutes = double(m_nowMs - previous) / 60'000.0;
    if (minutes > 0) {
        std::normal_distribution<double> step(0.0, 0.005 * std::sqrt(minutes));
        const double start = toDouble(m_profile.startMid);
        m_fair = std::clamp(m_fair + step(m_rng) - 0.02 * minutes * (m_fair - start), 0.02, 0.98);
    }
    std::vector<Change> changes;
    runEpisodes(changes, frames);
    if (m_nowMs >= m_naturalMs) {
        naturalEvent(changes, frames);
        scheduleNatural();
    }
    writeChanges(changes, frames);
    // Episodes act every 100 ms while they run, or start on time.
    std::int64_t next = m_naturalMs;
    for (std::size_t i = 0; i < m_episodes.size(); ++i) {
        if (!m_episodeState[i].done)
            next = std::min(next, std::max(m_episodes[i].startMs, m_nowMs + kEpisodeTickMs));
    }
    m_nextMs = std::max(m_nowMs + 1, next);
}

void FlowMarket::writeChanges(const std::vector<Change> &changes, std::vector<std::string> &frames)
{
    if (changes.empty())
        return;
    // Each entry carries the top after it, as the exchange's do: the event
    // is undone and replayed entry by entry to know them.
    auto set = [this](bool bid, Fixed price, Fixed size) {
        auto &side = bid ? m_bids : m_asks;
        if (size <= 0)
            side.erase(price);
        else
            side[price] = size;
    };
    for (auto it = changes.rbegin(); it != changes.rend(); ++it)
        set(it->bid, it->price, it->before);
    std::vector<std::pair<Fixed, Fixed>> tops; // after each entry
    tops.reserve(changes.size());
    for (const Change &c : changes) {
        set(c.bid, c.price, c.size);
        tops.emplace_back(bestBid(), bestAsk());
    }
    // One frame for the event, every level it touched, both tokens: NO's
    // bids are YES's asks at 1 - p.
    std::string j = "{\"event_type\":\"price_change\",\"market\":\"" + m_condition + "\",\"timestamp\":\"" + std::to_string(m_nowMs)
                  + "\",\"price_changes\":[";
    bool first = true;
    for (const bool yes : {true, false}) {
        for (std::size_t i = 0; i < changes.size(); ++i) {
            const Change &c = changes[i];
            const auto [bid, ask] = tops[i];
            if (!first)
                j += ',';
            first = false;
            j += "{\"asset_id\":\"" + (yes ? m_yes : m_no) + "\",\"price\":\"";
            appendFixed(j, yes ? c.price : kOne - c.price);
            j += "\",\"size\":\"";
            appendFixed(j, c.size);
            j += "\",\"side\":\"";
            j += (c.bid == yes) ? "BUY" : "SELL";
            j += "\",\"best_bid\":\"";
            appendFixed(j, yes ? bid : kOne - ask);
            j += "\",\"best_ask\":\"";
            appendFixed(j, yes ? ask : kOne - bid);
            j += "\"}";
        }
    }
    j += "]}";
    frames.push_back(std::move(j));
}

void FlowMarket::trade(Fixed price, Fixed size, bool buy, std::vector<std::string> &frames) const
{
    for (const bool yes : {true, false}) {
        std::string j = "{\"event_type\":\"last_trade_price\",\"asset_id\":\"" + (yes ? m_yes : m_no) + "\",\"market\":\""
                      + m_condition + "\",\"price\":\"";
        appendFixed(j, yes ? price : kOne - price);
        j += "\",\"size\":\"";
        appendFixed(j, size);
        j += "\",\"side\":\"";
        j += (buy == yes) ? "BUY" : "SELL";
        j += "\",\"timestamp\":\"" + std::to_string(m_nowMs) + "\"}";
        frames.push_back(std::move(j));
    }
}

std::vector<std::string> FlowMarket::bookFrames(std::int64_t nowMs) const
{
    std::vector<std::string> out;
    for (const bool yes : {true, false}) {
        auto levels = [&](bool bids) {
            // YES bids, or NO bids = YES asks mirrored.
            const auto &src = (bids == yes) ? m_bids : m_asks;
            std::string j = "[";
            bool first = true;
            for (const auto &[p, s] : src) {
                if (!first)
                    j += ',';
                first = false;
                j += "{\"price\":\"";
                appendFixed(j, yes ? p : kOne - p);
                j += "\",\"size\":\"";
                appendFixed(j, s);
                j += "\"}";
            }
            return j + "]";
        };
        std::string j = "{\"event_type\":\"book\",\"asset_id\":\"" + (yes ? m_yes : m_no) + "\",\"market\":\"" + m_condition
                      + "\",\"timestamp\":\"" + std::to_string(nowMs) + "\",\"bids\":" + levels(true) + ",\"asks\":"
                      + levels(false) + ",\"tick_size\":\"";
        appendFixed(j, m_profile.tick);
        j += "\"}";
        out.push_back(std::move(j));
    }
    return out;
}

} // namespace polymon
