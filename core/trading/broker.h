#pragma once

#include "book/booklistener.h"
#include "brokerlistener.h"
#include "marketrules.h"
#include "order.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace polymon {

class BookStore;

// Where a desk's orders go: the paper broker fills them against the books,
// the live broker signs them and sends them to the exchange. Both report
// every change to their listener; a live order's answer comes later (it is
// Pending until the exchange answers).
class Broker : public BookListener
{
public:
    ~Broker() override = default;

    virtual void setListener(BrokerListener *listener) = 0;
    virtual void setBooks(const BookStore *books) = 0;
    // The rules of a token's market; the book's live tick overrides the tick.
    virtual void setRules(const QString &assetId, const MarketRules &rules) = 0;
    virtual void setDefaultRules(const MarketRules &rules) = 0;
    virtual MarketRules rules(const QString &assetId) const = 0;

    // Validates, then places. Returns the order as it stands now: Invalid
    // with the reason when refused.
    virtual Order submit(const OrderRequest &request, std::int64_t nowMs) = 0;
    // False when the order is not working (a live cancel is only asked for).
    virtual bool cancel(qint64 id, std::int64_t nowMs, const QString &reason = QStringLiteral("canceled by user")) = 0;
    virtual int cancelAll(std::int64_t nowMs, const QString &reason = QStringLiteral("canceled by user")) = 0;
    // Puts back an order that was working before a restart.
    virtual void restore(const Order &order) = 0;

    // A working order, or null.
    virtual const Order *order(qint64 id) const = 0;
    virtual std::vector<Order> workingOrders() const = 0;
    virtual std::vector<Order> workingOrders(const QString &assetId) const = 0;
    virtual std::int64_t lastEventMs() const noexcept = 0;
    virtual qint64 nextId() const noexcept = 0;
    virtual void setNextId(qint64 id) noexcept = 0;

protected:
    // `rules` with the tick the token's synced book has now (cached ticks
    // go stale: shared/trading.md), as both brokers check orders.
    static MarketRules withLiveTick(MarketRules rules, const BookStore *books, const QString &assetId);
};

} // namespace polymon
