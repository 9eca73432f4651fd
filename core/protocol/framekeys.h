#pragma once

#include <cstdint>
#include <cstring>

namespace polymon {

// The object keys the frame parser knows, matched on the raw bytes of a key.
enum class FrameKey : std::uint8_t {
    Unknown, AssetId, Asks, AssetsIds, Bids, BestBid, BestAsk, Buys, Changes, EventType, FeeRateBps, Hash, Id,
    LastTradePrice, Market, MakerOrders, NewTickSize, OldTickSize, Outcomes, Price, PriceChanges, Question, Size,
    Side, Sells, Spread, Slug, Timestamp, TickSize, TakerOrderId, WinningAssetId, WinningOutcome,
};

namespace framekeys {

// True when the raw key at p is exactly the literal (its closing quote follows).
template<std::size_t N>
[[gnu::always_inline]] inline bool keyIs(const char *p, const char (&literal)[N]) noexcept
{
    return std::memcmp(p, literal, N - 1) == 0 && p[N - 1] == '"';
}

// The length of each known key's name, in FrameKey order.
inline constexpr std::uint8_t kLengths[] = {
    0, 8, 4, 10, 4, 8, 8, 4, 7, 10, 12, 4, 2, 16, 6, 12, 13, 13, 8, 5, 13, 8, 4, 4, 5, 6, 4, 9, 9, 14, 16, 15,
};

} // namespace framekeys

// The length of a known key's name; 0 for Unknown.
inline constexpr std::size_t frameKeyLength(FrameKey key) noexcept
{
    return framekeys::kLengths[static_cast<std::size_t>(key)];
}

// Matches the raw key at p (the byte after its opening quote) without copying
// or unescaping it: none of ours has escapes, so a key written with one is
// Unknown, as the exchange never sends one. Reading past a short key is safe:
// frames are padded.
[[gnu::always_inline]] inline FrameKey knownFrameKey(const char *p) noexcept
{
    using framekeys::keyIs;
#define POLYMON_KEY(lit, key)                                                                                          \
    if (keyIs(p, lit))                                                                                                 \
        return FrameKey::key;
    switch (p[0]) {
    case 'a': POLYMON_KEY("asset_id", AssetId) POLYMON_KEY("asks", Asks) POLYMON_KEY("assets_ids", AssetsIds) break;
    case 'b':
        POLYMON_KEY("bids", Bids) POLYMON_KEY("best_bid", BestBid) POLYMON_KEY("best_ask", BestAsk)
        POLYMON_KEY("buys", Buys) break;
    case 'c': POLYMON_KEY("changes", Changes) break;
    case 'e': POLYMON_KEY("event_type", EventType) break;
    case 'f': POLYMON_KEY("fee_rate_bps", FeeRateBps) break;
    case 'h': POLYMON_KEY("hash", Hash) break;
    case 'i': POLYMON_KEY("id", Id) break;
    case 'l': POLYMON_KEY("last_trade_price", LastTradePrice) break;
    case 'm': POLYMON_KEY("market", Market) POLYMON_KEY("maker_orders", MakerOrders) break;
    case 'n': POLYMON_KEY("new_tick_size", NewTickSize) break;
    case 'o': POLYMON_KEY("old_tick_size", OldTickSize) POLYMON_KEY("outcomes", Outcomes) break;
    case 'p': POLYMON_KEY("price", Price) POLYMON_KEY("price_changes", PriceChanges) break;
    case 'q': POLYMON_KEY("question", Question) break;
    case 's':
        POLYMON_KEY("size", Size) POLYMON_KEY("side", Side) POLYMON_KEY("sells", Sells) POLYMON_KEY("spread", Spread)
        POLYMON_KEY("slug", Slug) break;
    case 't':
        POLYMON_KEY("timestamp", Timestamp) POLYMON_KEY("tick_size", TickSize)
        POLYMON_KEY("taker_order_id", TakerOrderId) break;
    case 'w': POLYMON_KEY("winning_asset_id", WinningAssetId) POLYMON_KEY("winning_outcome", WinningOutcome) break;
    default: break;
    }
#undef POLYMON_KEY
    return FrameKey::Unknown;
}

} // namespace polymon
