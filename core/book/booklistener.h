#pragma once

#include "assetbook.h"
#include "protocol/events.h"

#include <cstdint>

namespace polymon {

enum class ResyncReason : std::uint8_t {
    NoBook,      // changes for an asset that never had a book
    TopMismatch, // local top differs from the entry's best_bid/best_ask
    Crossed,     // crossed or locked after a change that carried no top
};

const char *resyncReasonName(ResyncReason reason) noexcept;

// What BookStore reports while it applies events; default handlers ignore.
class BookListener
{
public:
    virtual ~BookListener() = default;
    // After every applied `book` and every applied change of a synced asset.
    virtual void onTop(const AssetBook &, std::int64_t /*timestampMs*/) {}
    virtual void onResyncNeeded(const AssetBook &, ResyncReason) {}
    virtual void onTrade(const AssetBook &, const LastTradeEvent &) {}
    virtual void onTickSize(const AssetBook &, const TickSizeEvent &) {}
    virtual void onMarketLifecycle(const MarketLifecycleEvent &) {}
    virtual void onParseError(std::string_view /*reason*/) {}
};

} // namespace polymon
