#pragma once

#include "events.h"

#include <string_view>

namespace polymon {

// Receives the events of one frame in order. Default handlers ignore.
class EventSink
{
public:
    virtual ~EventSink() = default;
    virtual void onBook(const BookEvent &) {}
    virtual void onPriceChange(const PriceChangeEvent &) {}
    virtual void onLastTrade(const LastTradeEvent &) {}
    virtual void onTickSize(const TickSizeEvent &) {}
    virtual void onBestBidAsk(const BestBidAskEvent &) {}
    virtual void onMarketLifecycle(const MarketLifecycleEvent &) {}
    virtual void onPong() {}
    virtual void onUnknownEvent(std::string_view /*eventType*/) {}
    virtual void onParseError(std::string_view /*reason*/) {}
};

} // namespace polymon
