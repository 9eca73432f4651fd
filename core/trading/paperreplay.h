#pragma once

#include "order.h"
#include "protocol/eventsink.h"

#include <functional>
#include <vector>

namespace polymon {

class BookStore;
class TradingDesk;

// An order to submit at a point of a recording: after every event with a
// timestamp <= ts has been applied.
struct TimedOrder
{
    std::int64_t ts = 0;
    OrderRequest request;
};

// Stands between the parser and the book store on a replay and submits the
// scheduled orders to the desk at their time: just before the first event
// later than them, or at finish() for those after the last one. The same
// paper broker and fill model as a live session.
class PaperReplay final : public EventSink
{
public:
    // `orders` sorted by ts (a stable sort keeps their given order on ties).
    PaperReplay(TradingDesk &desk, BookStore &store, std::vector<TimedOrder> orders);

    // Called with the order's index in the schedule just before it goes in
    // (its taker fills come during submission), and with its state after.
    void setOnSubmitting(std::function<void(std::size_t)> fn) { m_onSubmitting = std::move(fn); }
    void setOnSubmitted(std::function<void(std::size_t, const Order &)> fn) { m_onSubmitted = std::move(fn); }
    void finish();

    void onBook(const BookEvent &e) override;
    void onPriceChange(const PriceChangeEvent &e) override;
    void onLastTrade(const LastTradeEvent &e) override;
    void onTickSize(const TickSizeEvent &e) override;
    void onBestBidAsk(const BestBidAskEvent &e) override;
    void onMarketLifecycle(const MarketLifecycleEvent &e) override;
    void onUnknownEvent(std::string_view eventType) override;
    void onParseError(std::string_view reason) override;

private:
    void submitUpTo(std::int64_t eventMs);

    TradingDesk &m_desk;
    BookStore &m_store;
    std::vector<TimedOrder> m_orders;
    std::vector<std::size_t> m_index; // schedule position -> index as given
    std::size_t m_next = 0;
    std::function<void(std::size_t)> m_onSubmitting;
    std::function<void(std::size_t, const Order &)> m_onSubmitted;
};

} // namespace polymon
