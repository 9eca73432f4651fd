#include "signalfollowup.h"

namespace polymon {


void SignalFollowUp::onSignal(const Signal &s)
{
    if (s.side == SignalSide::Avoid || s.bestBid <= 0 || s.bestAsk <= 0)
        return;
    m_open[s.assetId].push_back(
        Open{s.type, s.side, s.timestampMs, s.mid, s.side == SignalSide::Buy ? s.bestAsk : s.bestBid, 0});
}

void SignalFollowUp::onOutcome(const Signal &s)
{
    if (s.tracked)
        m_quality.addOutcome(s.type, s.reverted);
}

void SignalFollowUp::beforeTop(const AssetBook &asset, std::int64_t timestampMs)
{
    const auto it = m_open.find(asset.assetId);
    const auto last = m_last.find(asset.assetId);
    if (it == m_open.end() || last == m_last.end())
        return;
    const Top &top = last->second;
    auto &open = it->second;
    for (std::size_t i = 0; i < open.size();) {
        Open &o = open[i];
        const bool buy = o.side == SignalSide::Buy;
        // The book up to this update is the book at every horizon it passes.
        while (o.next < SignalQuality::kHorizons && timestampMs >= o.firedMs + SignalQuality::kHorizonsMs[o.next]) {
            m_quality.addMove(o.type, o.next, buy, o.mid, top.mid);
            // Out at the opposite touch: a long sells at the bid, a short buys back at the ask.
            if (o.next + 1 == SignalQuality::kHorizons && top.bid > 0 && top.ask > 0)
                m_quality.addRoundTrip(o.type, buy, o.entry, buy ? top.bid : top.ask, m_fees);
            ++o.next;
        }
        if (o.next >= SignalQuality::kHorizons) {
            open[i] = open.back();
            open.pop_back();
        } else {
            ++i;
        }
    }
}

void SignalFollowUp::afterTop(const AssetBook &asset)
{
    const OrderBook &b = asset.book;
    Top &top = m_last[asset.assetId];
    top.bid = b.hasBid() ? b.bestBid() : 0;
    top.ask = b.hasAsk() ? b.bestAsk() : 0;
    top.mid = top.bid > 0 && top.ask > 0 ? (top.bid + top.ask) / 2 : top.mid;
}

} // namespace polymon
