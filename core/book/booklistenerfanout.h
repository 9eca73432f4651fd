#pragma once

#include "booklistener.h"

#include <vector>

namespace polymon {

// Hands every BookStore callback to several listeners, in order.
class BookListenerFanOut final : public BookListener
{
public:
    void add(BookListener *listener)
    {
        if (listener)
            m_listeners.push_back(listener);
    }
    void onTop(const AssetBook &a, std::int64_t ts) override
    {
        for (BookListener *l : m_listeners)
            l->onTop(a, ts);
    }
    void onResyncNeeded(const AssetBook &a, ResyncReason r) override
    {
        for (BookListener *l : m_listeners)
            l->onResyncNeeded(a, r);
    }
    void onTrade(const AssetBook &a, const LastTradeEvent &e) override
    {
        for (BookListener *l : m_listeners)
            l->onTrade(a, e);
    }
    void onTickSize(const AssetBook &a, const TickSizeEvent &e) override
    {
        for (BookListener *l : m_listeners)
            l->onTickSize(a, e);
    }
    void onMarketLifecycle(const MarketLifecycleEvent &e) override
    {
        for (BookListener *l : m_listeners)
            l->onMarketLifecycle(e);
    }
    void onParseError(std::string_view reason) override
    {
        for (BookListener *l : m_listeners)
            l->onParseError(reason);
    }

private:
    std::vector<BookListener *> m_listeners;
};

} // namespace polymon
