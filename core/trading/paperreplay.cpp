#include "paperreplay.h"

#include "book/bookstore.h"
#include "tradingdesk.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace polymon {

PaperReplay::PaperReplay(TradingDesk &desk, BookStore &store, std::vector<TimedOrder> orders)
    : m_desk(desk)
    , m_store(store)
    , m_index(orders.size())
{
    std::iota(m_index.begin(), m_index.end(), std::size_t(0));
    std::stable_sort(m_index.begin(), m_index.end(), [&](std::size_t a, std::size_t b) { return orders[a].ts < orders[b].ts; });
    m_orders.reserve(orders.size());
    for (std::size_t i : m_index)
        m_orders.push_back(std::move(orders[i]));
}

void PaperReplay::submitUpTo(std::int64_t eventMs)
{
    while (m_next < m_orders.size() && m_orders[m_next].ts < eventMs) {
        const TimedOrder &o = m_orders[m_next];
        if (m_onSubmitting)
            m_onSubmitting(m_index[m_next]);
        const Order placed = m_desk.submit(o.request, std::max(o.ts, m_desk.nowMs()));
        if (m_onSubmitted)
            m_onSubmitted(m_index[m_next], placed);
        ++m_next;
    }
}

void PaperReplay::finish()
{
    submitUpTo(std::numeric_limits<std::int64_t>::max());
}

void PaperReplay::onBook(const BookEvent &e)
{
    submitUpTo(e.timestampMs);
    m_store.onBook(e);
}

void PaperReplay::onPriceChange(const PriceChangeEvent &e)
{
    submitUpTo(e.timestampMs);
    m_store.onPriceChange(e);
}

void PaperReplay::onLastTrade(const LastTradeEvent &e)
{
    submitUpTo(e.timestampMs);
    m_store.onLastTrade(e);
}

void PaperReplay::onTickSize(const TickSizeEvent &e)
{
    submitUpTo(e.timestampMs);
    m_store.onTickSize(e);
}

void PaperReplay::onBestBidAsk(const BestBidAskEvent &e)
{
    submitUpTo(e.timestampMs);
    m_store.onBestBidAsk(e);
}

void PaperReplay::onMarketLifecycle(const MarketLifecycleEvent &e)
{
    submitUpTo(e.timestampMs);
    m_store.onMarketLifecycle(e);
}

void PaperReplay::onUnknownEvent(std::string_view eventType)
{
    m_store.onUnknownEvent(eventType);
}

void PaperReplay::onParseError(std::string_view reason)
{
    m_store.onParseError(reason);
}

} // namespace polymon
