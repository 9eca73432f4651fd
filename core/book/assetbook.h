#pragma once

#include "orderbook.h"

#include <cstdint>
#include <string>

namespace polymon {

enum class SyncState : std::uint8_t {
    AwaitingBook, // subscribed or reconnected; its fresh `book` has not come yet
    Synced,       // built from a `book` and every change since
    Unsynced,     // changes without a trusted book, or a desync: snapshot requested
};

const char *syncStateName(SyncState state) noexcept;

// One asset's book plus what the exchange told us about it.
struct AssetBook
{
    std::string assetId;
    std::string market;
    OrderBook book;
    SyncState state = SyncState::AwaitingBook;
    bool crossed = false; // the exchange itself reported a crossed or locked top
    Fixed tickSize = 0;
    Fixed lastTradePrice = 0;
    std::int64_t lastUpdateMs = 0; // exchange time of the last applied change
    std::int64_t firstUpdateMs = 0; // exchange time of its first book: with `updates`, its usual gap
    std::uint64_t updates = 0;
    // Levels removed entirely per side (cancelled or filled), cumulative: the
    // signal engine tells one cancelled order from layered orders pulled together.
    std::uint64_t bidLevelsRemoved = 0;
    std::uint64_t askLevelsRemoved = 0;

    bool synced() const noexcept { return state == SyncState::Synced; }
};

} // namespace polymon
