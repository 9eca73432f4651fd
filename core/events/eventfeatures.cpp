#include "eventfeatures.h"

#include "analysis/signal.h"
#include "book/assetbook.h"

namespace polymon {

namespace {
constexpr int kBandTicks = 5;
constexpr std::int64_t kMomentumMs = 30'000;
constexpr std::int64_t kSignalWindowMs = 60'000;
} // namespace

EventFeatureRecorder::EventFeatureRecorder(std::vector<MarketEvent> events, int horizonS)
    : m_horizonMs(std::int64_t(horizonS) * 1000)
{
    for (MarketEvent &e : events)
        m_pending.push_back({std::move(e), false, {}, {}, 0});
}

void EventFeatureRecorder::takeDue(std::int64_t beforeMs)
{
    while (m_next < m_pending.size() && m_pending[m_next].event.tsMs < beforeMs) {
        Pending &p = m_pending[m_next++];
        p.token = !p.event.assetId.isEmpty() ? p.event.assetId : m_mids.firstTokenOf(p.event.market);
        const auto it = m_tokens.constFind(p.token);
        if (p.token.isEmpty() || it == m_tokens.cend() || !it->twoSided) {
            ++m_skipped;
            continue;
        }
        Fixed before = 0;
        p.sample.tsMs = p.event.tsMs;
        p.sample.type = p.event.type;
        p.sample.imbalance = it->imbalance;
        p.sample.spreadTicks = it->spreadTicks;
        p.sample.momentumTicks = m_mids.midAt(p.token, p.event.tsMs - kMomentumMs, before)
                                     ? double(it->mid - before) / double(it->tick)
                                     : 0.0;
        p.sample.signalLean = leanAt(p.token, p.event.tsMs);
        p.midAt = it->mid;
        p.taken = true;
    }
}

void EventFeatureRecorder::onSignal(const Signal &signal)
{
    const int lean = signal.side == SignalSide::Buy ? 1 : signal.side == SignalSide::Sell ? -1 : 0;
    m_signals[QString::fromStdString(signal.assetId)].push_back({signal.timestampMs, lean});
}

double EventFeatureRecorder::leanAt(const QString &token, std::int64_t tsMs) const
{
    const auto it = m_signals.constFind(token);
    if (it == m_signals.cend())
        return 0.0;
    int lean = 0;
    for (auto m = it->rbegin(); m != it->rend() && m->tsMs > tsMs - kSignalWindowMs; ++m)
        if (m->tsMs <= tsMs)
            lean += m->lean;
    return lean;
}

void EventFeatureRecorder::onTop(const AssetBook &asset, std::int64_t timestampMs)
{
    takeDue(timestampMs); // events before this change see the book as it was
    m_mids.onTop(asset, timestampMs);
    TokenState &s = m_tokens[QString::fromStdString(asset.assetId)];
    const OrderBook &b = asset.book;
    s.twoSided = b.hasBid() && b.hasAsk();
    if (!s.twoSided)
        return;
    s.tick = asset.tickSize > 0 ? asset.tickSize : 10'000;
    s.mid = (b.bestBid() + b.bestAsk()) / 2;
    s.spreadTicks = double(b.bestAsk() - b.bestBid()) / double(s.tick);
    const Fixed band = kBandTicks * s.tick;
    const Fixed bid = b.bidDepthNear(s.mid, band), ask = b.askDepthNear(s.mid, band);
    s.imbalance = bid + ask > 0 ? double(bid - ask) / double(bid + ask) : 0.0;
}

std::vector<EventFeatureRecorder::Sample> EventFeatureRecorder::samples() const
{
    std::vector<Sample> out;
    for (const Pending &p : m_pending) {
        if (!p.taken)
            continue;
        Fixed after = 0;
        if (p.event.tsMs + m_horizonMs > m_mids.lastMs() || !m_mids.midAt(p.token, p.event.tsMs + m_horizonMs, after)
            || after == p.midAt)
            continue; // not covered, or flat: no sign to learn
        Sample s = p.sample;
        s.up = after > p.midAt;
        out.push_back(s);
    }
    return out;
}

} // namespace polymon
