#pragma once

#include "framekeys.h"

#include <string_view>

namespace polymon {

// The fields of one event object as text, collected in a single pass in any
// order, by either of the frame parser's two readers (FrameParser::Impl).
struct EventFields
{
    std::string_view eventType, assetId, market, hash, timestamp, price, size, side;
    std::string_view bestBid, bestAsk, spread, feeRateBps, oldTick, newTick, tickSize;
    std::string_view lastTradePrice, id, question, slug, winningAssetId, winningOutcome;
    bool hasBids = false, hasAsks = false, hasPriceChanges = false, hasChanges = false;
    bool userChannel = false;
    bool mayEscape = true; // false when the whole frame has no backslash: no string needs a look
    const char *invalid = nullptr; // first semantic problem, if any

    // Where a key's scalar value goes; null for keys that are not scalars.
    std::string_view *scalar(FrameKey key) noexcept
    {
        switch (key) {
        case FrameKey::Id: return &id;
        case FrameKey::Hash: return &hash;
        case FrameKey::Size: return &size;
        case FrameKey::Side: return &side;
        case FrameKey::Slug: return &slug;
        case FrameKey::Price: return &price;
        case FrameKey::Market: return &market;
        case FrameKey::Spread: return &spread;
        case FrameKey::AssetId: return &assetId;
        case FrameKey::BestBid: return &bestBid;
        case FrameKey::BestAsk: return &bestAsk;
        case FrameKey::Question: return &question;
        case FrameKey::Timestamp: return &timestamp;
        case FrameKey::TickSize: return &tickSize;
        case FrameKey::EventType: return &eventType;
        case FrameKey::FeeRateBps: return &feeRateBps;
        case FrameKey::OldTickSize: return &oldTick;
        case FrameKey::NewTickSize: return &newTick;
        case FrameKey::WinningOutcome: return &winningOutcome;
        case FrameKey::LastTradePrice: return &lastTradePrice;
        case FrameKey::WinningAssetId: return &winningAssetId;
        default: return nullptr;
        }
    }

    void setInvalid(const char *why) noexcept
    {
        if (!invalid)
            invalid = why;
    }
};

// One entry of price_changes (or legacy changes[]) as text.
struct ChangeFields
{
    std::string_view asset, price, size, side, hash, bestBid, bestAsk;

    std::string_view *scalar(FrameKey key) noexcept
    {
        switch (key) {
        case FrameKey::AssetId: return &asset;
        case FrameKey::Price: return &price;
        case FrameKey::Size: return &size;
        case FrameKey::Side: return &side;
        case FrameKey::Hash: return &hash;
        case FrameKey::BestBid: return &bestBid;
        case FrameKey::BestAsk: return &bestAsk;
        default: return nullptr;
        }
    }
};

// One level of a book's bids or asks as text.
struct LevelFields
{
    std::string_view price, size;

    std::string_view *scalar(FrameKey key) noexcept
    {
        return key == FrameKey::Price ? &price : key == FrameKey::Size ? &size : nullptr;
    }
};

} // namespace polymon
