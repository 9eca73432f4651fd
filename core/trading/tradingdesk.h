#pragma once

#include "book/booklistener.h"
#include "brokerlistener.h"
#include "desklistener.h"
#include "paperbroker.h"

#include <memory>
#include "portfolio.h"
#include "risklimits.h"

#include <string>
#include <unordered_map>

namespace polymon {

class BookStore;

// Where orders are placed: the risk limits first, then the broker; fills
// go to the portfolio; marks, stop-losses, the day's PnL and settlement
// follow the books. A session listener: it sees every top and trade.
class TradingDesk final : public BookListener, private BrokerListener
{
public:
    // A paper desk.
    explicit TradingDesk(const BookStore *books = nullptr);
    // A desk whose orders go to `broker` (the live broker).
    TradingDesk(std::unique_ptr<Broker> broker, const BookStore *books);

    void setBooks(const BookStore *books);
    void setListener(DeskListener *listener) { m_listener = listener; }
    void setLimits(const RiskLimits &limits) { m_limits = limits; }
    const RiskLimits &limits() const noexcept { return m_limits; }

    Broker &broker() noexcept { return *m_broker; }
    const Broker &broker() const noexcept { return *m_broker; }
    Portfolio &portfolio() noexcept { return m_portfolio; }
    const Portfolio &portfolio() const noexcept { return m_portfolio; }

    // Puts back a stored account: its fills (the portfolio is rebuilt from
    // them) and its working orders, without reporting them as news.
    void restore(const std::vector<Fill> &fills, const std::vector<Order> &working, qint64 lastOrderId);

    // Checks the limits, then hands the order to the broker. nowMs < 0: the
    // last event time the desk saw.
    Order submit(const OrderRequest &request, std::int64_t nowMs = -1);
    bool cancel(qint64 id);
    // Cancel and replace at a new price or size, through the limits again
    // (the replaced order no longer counts against them).
    Order replace(qint64 id, Fixed price, Fixed size);
    int cancelAll();
    // Sells what is held of one token (or every token) into the bids at once
    // (FAK at the price that covers it); returns the orders sent.
    std::vector<Order> flatten(const QString &assetId = {});
    // The kill switch: cancel everything, and flatten when asked.
    int kill(bool alsoFlatten);

    // A stop-loss: when the bid falls to `price` a reducing sell of the whole
    // position is sent. 0 clears it.
    void setStop(const QString &assetId, Fixed price);
    Fixed stopOf(const QString &assetId) const { return m_stops.value(assetId, 0); }
    const QHash<QString, Fixed> &stops() const noexcept { return m_stops; }

    // Net PnL since the start of the current UTC day (event time).
    Fixed dailyPnl() const { return m_portfolio.netPnl() - m_dayStartPnl; }
    RiskContext riskContext(const OrderRequest &request) const;
    std::int64_t nowMs() const noexcept { return m_broker->lastEventMs(); }

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;
    void onTrade(const AssetBook &asset, const LastTradeEvent &event) override;
    void onMarketLifecycle(const MarketLifecycleEvent &event) override;

private:
    void onOrderUpdated(const Order &order) override;
    void onFill(const Fill &fill) override;
    void onCashBalance(Fixed cash) override { m_portfolio.setStartingCash(cash); }
    // Taken into the portfolio at the first bid seen, as if bought there:
    // what they cost before is not known, so their PnL counts from now.
    void onHeldAtStart(const QString &assetId, Fixed shares) override;
    void takeHeld(const QString &assetId, Fixed bid);
    void follow(const QString &assetId);
    void rollDay(std::int64_t timestampMs);
    void checkStop(const AssetBook &asset, const QString &assetId);
    Order sellAll(const QString &assetId, Fixed limit, std::int64_t nowMs);

    const BookStore *m_books = nullptr;
    std::unique_ptr<Broker> m_broker;
    Portfolio m_portfolio;
    RiskLimits m_limits;
    DeskListener *m_listener = nullptr;
    QHash<QString, Fixed> m_stops;
    // Tokens held or stopped, keyed like the books (tops of others are skipped fast).
    std::unordered_map<std::string, QString> m_followed;
    QHash<QString, Fixed> m_heldUnpriced; // held at the start, waiting for a bid
    std::int64_t m_day = -1;
    Fixed m_dayStartPnl = 0;
};

} // namespace polymon
