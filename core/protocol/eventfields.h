#pragma once

#include "framekeys.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

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
    std::uint32_t handedOut = 0; // bit k: scalar() gave out the slot of FrameKey k

    // Where a key's scalar value goes; null for keys that are not scalars.
    std::string_view *scalar(FrameKey key) noexcept
    {
        std::string_view *slot = slotOf(key);
        if (slot)
            handedOut |= std::uint32_t(1) << static_cast<unsigned>(key);
        return slot;
    }

    // As new, emptying only the slots handed out since: the fast reader
    // reuses one EventFields for every frame, and storing all of it afresh
    // each time (350 bytes) was a visible part of a replay.
    void clear() noexcept
    {
        for (std::uint32_t bits = handedOut; bits; bits &= bits - 1)
            *slotOf(static_cast<FrameKey>(__builtin_ctz(bits))) = {};
        handedOut = 0;
        hasBids = hasAsks = hasPriceChanges = hasChanges = userChannel = false;
        mayEscape = true;
        invalid = nullptr;
    }

    void setInvalid(const char *why) noexcept
    {
        if (!invalid)
            invalid = why;
    }

private:
    static_assert(framekeys::kCount <= 32, "a bit of handedOut per key");

    std::string_view *slotOf(FrameKey key) noexcept
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
};

// The texts of one object of an array (a change or a level): a slot per
// field it knows and one that takes the rest, chosen by table, not by a
// jump per key (the fast reader stores fourteen of these per frame).
template<FrameKey... Keys>
struct ObjectFields
{
    static constexpr std::size_t kIgnored = sizeof...(Keys);
    std::string_view slots[kIgnored + 1];

    using Table = std::array<std::uint8_t, framekeys::kCount>;

    static constexpr Table slotTable()
    {
        Table table{};
        table.fill(std::uint8_t(kIgnored));
        std::uint8_t i = 0;
        ((table[std::size_t(Keys)] = i++), ...);
        return table;
    }
    static constexpr Table kSlot = slotTable();

    // Calls read(std::integral_constant<FrameKey, K>, slot) for each listed
    // key K in the order listed while it returns true; returns how many did
    // (their slots are set; the rest keep whatever they held).
    template<typename Read>
    std::size_t readInOrder(Read &&read)
    {
        return readInOrder(read, std::make_index_sequence<kIgnored>{});
    }
    // Empties the listed slots from `first` on: one object reused for every
    // entry costs nothing when all its keys came in order (a fresh one per
    // entry was a `rep stos` of 128 bytes, ~7 % of a replay).
    void clearFrom(std::size_t first) noexcept
    {
        for (std::size_t i = first; i < kIgnored; ++i)
            slots[i] = {};
    }

    // Where a key's value goes; the ignored slot for keys not listed.
    std::string_view &slot(FrameKey key) noexcept { return slots[kSlot[std::size_t(key)]]; }
    // Null for keys not listed (the general reader skips their values unread).
    std::string_view *scalar(FrameKey key) noexcept
    {
        const std::size_t i = kSlot[std::size_t(key)];
        return i == kIgnored ? nullptr : &slots[i];
    }

private:
    template<typename Read, std::size_t... I>
    std::size_t readInOrder(Read &read, std::index_sequence<I...>)
    {
        std::size_t done = 0;
        ((read(std::integral_constant<FrameKey, Keys>{}, slots[I]) && ++done) && ...);
        return done;
    }
};

// One entry of price_changes (or legacy changes[]) as text; its keys listed
// in the order the exchange writes them (the fast reader tries that order first).
struct ChangeFields : ObjectFields<FrameKey::AssetId, FrameKey::Price, FrameKey::Size, FrameKey::Side, FrameKey::Hash,
                                   FrameKey::BestBid, FrameKey::BestAsk>
{
    std::string_view asset() const noexcept { return slots[0]; }
    std::string_view price() const noexcept { return slots[1]; }
    std::string_view size() const noexcept { return slots[2]; }
    std::string_view side() const noexcept { return slots[3]; }
    std::string_view hash() const noexcept { return slots[4]; }
    std::string_view bestBid() const noexcept { return slots[5]; }
    std::string_view bestAsk() const noexcept { return slots[6]; }
};

// One level of a book's bids or asks as text (keys in the exchange's order).
struct LevelFields : ObjectFields<FrameKey::Price, FrameKey::Size>
{
    std::string_view price() const noexcept { return slots[0]; }
    std::string_view size() const noexcept { return slots[1]; }
};

} // namespace polymon
