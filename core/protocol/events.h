#pragma once

#include "fixedpoint.h"

#include <cstdint>
#include <span>
#include <string_view>

// Typed market-channel events. Views point into the parser's buffers and are
// valid only during the EventSink callback that receives them.
namespace polymon {

enum class Side : std::uint8_t { Buy, Sell };

struct PriceLevel
{
    Fixed price = 0;
    Fixed size = 0;
};

struct BookEvent
{
    std::string_view assetId;
    std::string_view market;
    std::string_view hash;
    std::int64_t timestampMs = 0;
    std::span<const PriceLevel> bids;
    std::span<const PriceLevel> asks;
    Fixed tickSize = 0;       // 0 when the frame does not carry it
    Fixed lastTradePrice = 0; // 0 when absent or ""
};

enum class PriceChangeForm : std::uint8_t {
    Current, // price_changes[] with per-entry asset_id, best_bid, best_ask
    Changes, // legacy changes[] under one top-level asset_id
    Flat,    // oldest: one change at the top level
};

struct PriceChangeEntry
{
    std::string_view assetId;
    std::string_view hash;
    Fixed price = 0;
    Fixed size = 0; // new aggregate size at the level; 0 removes it
    Fixed bestBid = 0;
    Fixed bestAsk = 0;
    Side side = Side::Buy;
    bool hasBestBid = false;
    bool hasBestAsk = false;
};

struct PriceChangeEvent
{
    std::string_view market;
    std::int64_t timestampMs = 0;
    PriceChangeForm form = PriceChangeForm::Current;
    std::span<const PriceChangeEntry> entries;
};

struct LastTradeEvent
{
    std::string_view assetId;
    std::string_view market;
    std::int64_t timestampMs = 0;
    Fixed price = 0;
    Fixed size = 0;
    std::int64_t feeRateBps = 0;
    Side side = Side::Buy;
};

struct TickSizeEvent
{
    std::string_view assetId;
    std::string_view market;
    std::int64_t timestampMs = 0;
    Fixed oldTickSize = 0;
    Fixed newTickSize = 0;
};

struct BestBidAskEvent
{
    std::string_view assetId;
    std::string_view market;
    std::int64_t timestampMs = 0;
    Fixed bestBid = 0;
    Fixed bestAsk = 0;
    Fixed spread = 0;
};

// new_market and market_resolved share their fields.
struct MarketLifecycleEvent
{
    bool resolved = false;
    std::string_view id;
    std::string_view market;
    std::string_view question;
    std::string_view slug;
    std::span<const std::string_view> assetIds;
    std::span<const std::string_view> outcomes;
    std::string_view winningAssetId;
    std::string_view winningOutcome;
    std::int64_t timestampMs = 0;
};

} // namespace polymon
