#include "signaltrader.h"

#include "trading/takerfill.h"
#include "util/int128.h"

#include <algorithm>

namespace polymon {

SignalTrader::SignalTrader(const StrategySettings &settings, const BookStore &books)
    : m_settings(settings)
    , m_books(books)
{
}

void SignalTrader::onSignal(const Signal &s)
{
    if (m_settings.mode == StrategyMode::None || s.side == SignalSide::Avoid)
        return;
    // One trade per market: YES and NO are one book seen from two sides, and
    // a panic on one is a FOMO on the other (the same episode, not two).
    const std::string &key = s.market.empty() ? s.assetId : s.market;
    for (const auto &[asset, open] : m_open) {
        if (asset == s.assetId || open.marketKey == key) {
            ++m_skips.busy;
            return;
        }
    }
    const AssetBook *asset = m_books.find(s.assetId);
    const bool recommendBuy = s.side == SignalSide::Buy;
    const Side side = (m_settings.mode == StrategyMode::Fade) == recommendBuy ? Side::Buy : Side::Sell;
    if (!asset || !asset->synced() || (side == Side::Buy ? !asset->book.hasAsk() : !asset->book.hasBid())) {
        ++m_skips.noBook;
        return;
    }
    const OrderBook &book = asset->book;
    // The limit is measured from the touch the signal saw: a book that ran
    // away before the order arrived is not chased.
    const Fixed seen = side == Side::Buy ? (s.bestAsk ? s.bestAsk : book.bestAsk()) : (s.bestBid ? s.bestBid : book.bestBid());
    const Fixed limit = side == Side::Buy ? std::min(kFixedScale, seen + m_settings.maxSlippage)
                                          : std::max<Fixed>(1, seen - m_settings.maxSlippage);
    const TakerFill fill = TakerFill::walk(book, side, m_settings.shares, limit, m_settings.fees);
    if (fill.empty()) {
        ++m_skips.noDepth;
        return;
    }
    Open open;
    StrategyTrade &t = open.trade;
    t.assetId = s.assetId;
    t.type = s.type;
    t.signalId = s.id;
    t.side = side;
    t.entryMs = std::max(m_nowMs, s.timestampMs);
    t.shares = fill.shares;
    t.entryNotional = fill.notional;
    t.fees = fill.fee;
    open.remaining = fill.shares;
    open.marketKey = key;
    const std::int64_t due = t.entryMs + m_settings.holdMs;
    m_nextDueMs = m_nextDueMs == 0 ? due : std::min(m_nextDueMs, due);
    m_open.emplace(s.assetId, std::move(open));
}

bool SignalTrader::stopHit(const Open &open, const OrderBook &book) const
{
    if (m_settings.stop <= 0)
        return false;
    const StrategyTrade &t = open.trade;
    // Average entry price against the price the shares could leave at, both
    // scaled by the shares so that nothing is rounded.
    const Int128 entry = Int128(t.entryNotional) * kFixedScale;
    const Int128 stopValue = Int128(m_settings.stop) * t.shares;
    if (t.side == Side::Buy)
        return book.hasBid() && entry - Int128(book.bestBid()) * t.shares >= stopValue;
    return book.hasAsk() && Int128(book.bestAsk()) * t.shares - entry >= stopValue;
}

bool SignalTrader::exit(Open &open, const OrderBook &book, ExitReason reason)
{
    StrategyTrade &t = open.trade;
    if (!open.exiting) {
        open.exiting = true;
        t.exitReason = reason;
    }
    const Side side = t.side == Side::Buy ? Side::Sell : Side::Buy;
    const TakerFill fill = TakerFill::walk(book, side, open.remaining, 0, m_settings.fees);
    t.exitNotional += fill.notional;
    t.fees += fill.fee;
    open.remaining -= fill.shares;
    t.exitMs = m_nowMs;
    return open.remaining == 0;
}

void SignalTrader::afterTop(const AssetBook &asset, std::int64_t timestampMs)
{
    m_nowMs = timestampMs;
    if (m_open.empty())
        return;
    if (auto it = m_open.find(asset.assetId); it != m_open.end()) {
        Open &open = it->second;
        const bool holdOver = timestampMs >= open.trade.entryMs + m_settings.holdMs;
        if (open.exiting || holdOver || stopHit(open, asset.book)) {
            const ExitReason reason = holdOver ? ExitReason::Hold : ExitReason::Stop;
            if (asset.synced() && exit(open, asset.book, reason)) {
                m_closed.push_back(std::move(open.trade));
                m_open.erase(it);
            }
        }
    }
    if (m_nextDueMs != 0 && timestampMs >= m_nextDueMs)
        closeDueHolds();
}

void SignalTrader::closeDueHolds()
{
    // Holds end on the clock even when their asset is quiet: its book is as
    // it was at its last update.
    m_nextDueMs = 0;
    for (auto it = m_open.begin(); it != m_open.end();) {
        Open &open = it->second;
        const std::int64_t due = open.trade.entryMs + m_settings.holdMs;
        const AssetBook *asset = m_books.find(it->first);
        if (m_nowMs >= due && asset && asset->synced() && exit(open, asset->book, ExitReason::Hold)) {
            m_closed.push_back(std::move(open.trade));
            it = m_open.erase(it);
            continue;
        }
        const std::int64_t next = m_nowMs >= due ? m_nowMs + 1 : due; // retried on the next update
        m_nextDueMs = m_nextDueMs == 0 ? next : std::min(m_nextDueMs, next);
        ++it;
    }
}

void SignalTrader::finish()
{
    std::vector<Open> rest;
    for (auto &[id, open] : m_open)
        rest.push_back(std::move(open));
    m_open.clear();
    std::sort(rest.begin(), rest.end(), [](const Open &a, const Open &b) { return a.trade.signalId < b.trade.signalId; });
    for (Open &open : rest) {
        const AssetBook *asset = m_books.find(open.trade.assetId);
        if (asset)
            exit(open, asset->book, ExitReason::End); // a stop already under way keeps its reason
        else if (!open.exiting)
            open.trade.exitReason = ExitReason::End;
        open.trade.unclosedShares = open.remaining;
        open.trade.exitMs = m_nowMs;
        m_closed.push_back(std::move(open.trade));
    }
    m_nextDueMs = 0;
}

} // namespace polymon
