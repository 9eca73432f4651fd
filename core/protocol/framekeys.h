#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>

namespace polymon {

// The object keys the frame parser knows, matched on the raw bytes of a key.
enum class FrameKey : std::uint8_t {
    Unknown, AssetId, Asks, AssetsIds, Bids, BestBid, BestAsk, Buys, Changes, EventType, FeeRateBps, Hash, Id,
    LastTradePrice, Market, MakerOrders, NewTickSize, OldTickSize, Outcomes, Price, PriceChanges, Question, Size,
    Side, Sells, Spread, Slug, Timestamp, TickSize, TakerOrderId, WinningAssetId, WinningOutcome,
};

namespace framekeys {

// Each key's name, in FrameKey order: the one list both the matching and the
// lengths come from.
inline constexpr std::string_view kNames[] = {
    "", "asset_id", "asks", "assets_ids", "bids", "best_bid", "best_ask", "buys", "changes", "event_type",
    "fee_rate_bps", "hash", "id", "last_trade_price", "market", "maker_orders", "new_tick_size", "old_tick_size",
    "outcomes", "price", "price_changes", "question", "size", "side", "sells", "spread", "slug", "timestamp",
    "tick_size", "taker_order_id", "winning_asset_id", "winning_outcome",
};
inline constexpr std::size_t kCount = std::size(kNames);
static_assert(kCount == std::size_t(FrameKey::WinningOutcome) + 1, "a name per FrameKey");

// True when the raw key at p is exactly the key's name (its closing quote follows).
[[gnu::always_inline]] inline bool keyIs(const char *p, FrameKey key) noexcept
{
    const std::string_view name = kNames[static_cast<std::size_t>(key)];
    return std::memcmp(p, name.data(), name.size()) == 0 && p[name.size()] == '"';
}

} // namespace framekeys

// The length of a known key's name; 0 for Unknown.
inline constexpr std::size_t frameKeyLength(FrameKey key) noexcept
{
    return framekeys::kNames[static_cast<std::size_t>(key)].size();
}

// Matches the raw key at p (the byte after its opening quote) without copying
// or unescaping it: none of ours has escapes, so a key written with one is
// Unknown, as the exchange never sends one. Reading past a short key is safe:
// frames are padded.
[[gnu::always_inline]] inline FrameKey knownFrameKey(const char *p) noexcept
{
    using framekeys::keyIs;
#define POLYMON_KEY(key)                                                                                               \
    if (keyIs(p, FrameKey::key))                                                                                       \
        return FrameKey::key;
    switch (p[0]) {
    case 'a': POLYMON_KEY(AssetId) POLYMON_KEY(Asks) POLYMON_KEY(AssetsIds) break;
    case 'b': POLYMON_KEY(Bids) POLYMON_KEY(BestBid) POLYMON_KEY(BestAsk) POLYMON_KEY(Buys) break;
    case 'c': POLYMON_KEY(Changes) break;
    case 'e': POLYMON_KEY(EventType) break;
    case 'f': POLYMON_KEY(FeeRateBps) break;
    case 'h': POLYMON_KEY(Hash) break;
    case 'i': POLYMON_KEY(Id) break;
    case 'l': POLYMON_KEY(LastTradePrice) break;
    case 'm': POLYMON_KEY(Market) POLYMON_KEY(MakerOrders) break;
    case 'n': POLYMON_KEY(NewTickSize) break;
    case 'o': POLYMON_KEY(OldTickSize) POLYMON_KEY(Outcomes) break;
    case 'p': POLYMON_KEY(Price) POLYMON_KEY(PriceChanges) break;
    case 'q': POLYMON_KEY(Question) break;
    case 's': POLYMON_KEY(Size) POLYMON_KEY(Side) POLYMON_KEY(Sells) POLYMON_KEY(Spread) POLYMON_KEY(Slug) break;
    case 't': POLYMON_KEY(Timestamp) POLYMON_KEY(TickSize) POLYMON_KEY(TakerOrderId) break;
    case 'w': POLYMON_KEY(WinningAssetId) POLYMON_KEY(WinningOutcome) break;
    default: break;
    }
#undef POLYMON_KEY
    return FrameKey::Unknown;
}

} // namespace polymon
