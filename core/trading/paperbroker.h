#pragma once

#include "broker.h"

#include <QHash>
#include <QString>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace polymon {

class BookStore;

// Fills paper orders against the books as they are, live, simulated or
// replayed; the books themselves are never changed.
//
// A marketable order (or the marketable part of a limit order) walks the
// book when it arrives: best levels first, never past its limit, paying the
// market's taker fee. What it took is remembered per price until the level
// shrinks below it, so a second order does not take the same shares.
//
// A resting order joins the back of its level: the size resting there when it
// arrived is ahead of it. Trades at its price consume that size first and
// then fill it; a level that shrinks without a trade (cancels) moves it up
// pro rata (the cancelled share that was ahead of it is the share of the
// level that was). A trade and its level change may come in either order
// within one exchange timestamp; they are paired before any shrink counts as
// a cancel. A trade through its price, or the other side crossing it, fills
// it at its own price as a maker. Everything runs on event time, so a replay
// fills exactly as the live session did.
class PaperBroker final : public Broker
{
public:
    explicit PaperBroker(const BookStore *books = nullptr);

    void setBooks(const BookStore *books) override { m_books = books; }
    void setListener(BrokerListener *listener) override { m_listener = listener; }
    void setRules(const QString &assetId, const MarketRules &rules) override;
    void setDefaultRules(const MarketRules &rules) override { m_defaultRules = rules; }
    MarketRules rules(const QString &assetId) const override;

    // Validates, then matches or rests. Returns the order as it stands after
    // arrival: Invalid with the reason when refused; FOK/FAK end Matched,
    // Canceled (with what was not filled) or Unmatched.
    Order submit(const OrderRequest &request, std::int64_t nowMs) override;
    bool cancel(qint64 id, std::int64_t nowMs, const QString &reason = QStringLiteral("canceled by user")) override;
    int cancelAll(std::int64_t nowMs, const QString &reason = QStringLiteral("canceled by user")) override;
    // Puts back an order that was working before a restart, at the back of
    // its level's queue as it is now.
    void restore(const Order &order) override;

    const Order *order(qint64 id) const override;
    std::vector<Order> workingOrders() const override;
    std::vector<Order> workingOrders(const QString &assetId) const override;
    std::int64_t lastEventMs() const noexcept override { return m_lastEventMs; }
    qint64 nextId() const noexcept override { return m_nextId; }
    void setNextId(qint64 id) noexcept override { m_nextId = id; }

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;
    void onTrade(const AssetBook &asset, const LastTradeEvent &event) override;
    void onMarketLifecycle(const MarketLifecycleEvent &event) override;

private:
    // A working order and where it stands in its level's queue.
    struct Resting
    {
        Order order;
        Fixed levelSeen = 0;     // size of its level at the last look
        Fixed batchLevel = 0;    // level size when this timestamp's events began
        Fixed pendingCancel = 0; // shrink not explained by a trade (yet)
        Fixed tradeCredit = 0;   // traded size whose shrink has not shown yet
        std::int64_t batchMs = -1;
    };
    // Taken from the book by paper orders, per price, per side of the book.
    using Taken = std::map<Fixed, Fixed>;
    struct AssetState
    {
        std::vector<Resting> orders;
        Taken takenBids;
        Taken takenAsks;
    };

    const AssetBook *bookOf(const QString &assetId) const;
    // Moves event time on (expiring GTD orders); the asset's orders, or null.
    AssetState *advance(const AssetBook &asset, std::int64_t timestampMs);
    AssetState &state(const QString &assetId);
    void takeAsTaker(Order &order, const AssetBook *book, AssetState &state, std::int64_t nowMs);
    // Joins the back of its level; returns it as it rests.
    Order rest(Order order, const AssetBook *book, AssetState &state);
    void closeBatch(Resting &r, std::int64_t timestampMs);
    void followLevel(Resting &r, const OrderBook &book, std::int64_t timestampMs);
    void fillFromCrossing(Resting &r, const OrderBook &book, AssetState &state, std::int64_t timestampMs);
    void fillResting(Resting &r, Fixed size, std::int64_t timestampMs);
    void finish(Order &order, OrderStatus status, const QString &reason, std::int64_t nowMs);
    void expireDue(std::int64_t nowMs);
    void emitFill(const Fill &fill);
    void emitOrder(const Order &order);
    void dropDone(AssetState &state);

    const BookStore *m_books = nullptr;
    BrokerListener *m_listener = nullptr;
    MarketRules m_defaultRules;
    QHash<QString, MarketRules> m_rules;
    std::unordered_map<std::string, AssetState> m_assets; // keyed like the books
    qint64 m_nextId = 1;
    std::int64_t m_lastEventMs = 0;
    std::int64_t m_nextExpiryMs = 0; // earliest GTD expiry among working orders, 0 none
};

} // namespace polymon
