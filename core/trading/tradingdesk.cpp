#include "tradingdesk.h"

#include "book/bookstore.h"
#include "marketprice.h"

#include <QStringList>

#include <algorithm>

namespace polymon {

namespace {
constexpr std::int64_t kDayMs = 86'400'000;
}

TradingDesk::TradingDesk(const BookStore *books)
    : TradingDesk(std::make_unique<PaperBroker>(books), books)
{
}

TradingDesk::TradingDesk(std::unique_ptr<Broker> broker, const BookStore *books)
    : m_books(books)
    , m_broker(std::move(broker))
{
    m_broker->setBooks(books);
    m_broker->setListener(this);
}

void TradingDesk::setBooks(const BookStore *books)
{
    m_books = books;
    m_broker->setBooks(books);
}

RiskContext TradingDesk::riskContext(const OrderRequest &request) const
{
    RiskContext c;
    c.heldShares = m_portfolio.sizeOf(request.assetId);
    c.dailyPnl = dailyPnl();
    const MarketPair *pair = m_portfolio.marketOf(request.assetId);
    auto inMarket = [&](const QString &asset) {
        return asset == request.assetId || (pair && (asset == pair->yesAsset || asset == pair->noAsset));
    };
    Fixed openBuyNotional = 0;
    for (const Order &o : m_broker->workingOrders()) {
        const Fixed left = o.remaining();
        if (o.request.side == Side::Buy) {
            const Fixed notional = notionalUp(o.request.price, left);
            openBuyNotional += notional;
            if (inMarket(o.request.assetId)) {
                c.marketShares += left;
                c.marketDollars += notional;
            }
        } else if (o.request.assetId == request.assetId) {
            c.openSellShares += left;
        }
    }
    for (const Position &p : m_portfolio.positions()) {
        if (inMarket(p.assetId)) {
            c.marketShares += p.size;
            c.marketDollars += p.cost;
        }
    }
    c.cashAvailable = m_portfolio.cash() - openBuyNotional;
    return c;
}

void TradingDesk::restore(const std::vector<Fill> &fills, const std::vector<Order> &working, qint64 lastOrderId)
{
    for (const Fill &f : fills) {
        m_portfolio.apply(f);
        follow(f.assetId);
    }
    m_broker->setNextId(std::max(m_broker->nextId(), lastOrderId + 1));
    for (const Order &o : working) {
        m_broker->restore(o);
        follow(o.request.assetId);
    }
}

Order TradingDesk::submit(const OrderRequest &request, std::int64_t nowMs)
{
    if (nowMs < 0)
        nowMs = m_broker->lastEventMs();
    const QString refusal = RiskGate::check(request, m_limits, riskContext(request));
    if (!refusal.isEmpty()) {
        Order order;
        order.request = request;
        order.status = OrderStatus::Invalid;
        order.reason = refusal;
        order.createdMs = order.updatedMs = nowMs;
        if (m_listener)
            m_listener->onOrderUpdated(order);
        return order;
    }
    follow(request.assetId);
    return m_broker->submit(request, nowMs);
}

bool TradingDesk::cancel(qint64 id)
{
    return m_broker->cancel(id, nowMs());
}

Order TradingDesk::replace(qint64 id, Fixed price, Fixed size)
{
    const Order *old = m_broker->order(id);
    if (!old) {
        Order refused;
        refused.status = OrderStatus::Invalid;
        refused.reason = QStringLiteral("order %1 is not working").arg(id);
        return refused;
    }
    OrderRequest request = old->request;
    request.price = price;
    request.size = size;
    m_broker->cancel(id, nowMs(), QStringLiteral("replaced"));
    return submit(request);
}

int TradingDesk::cancelAll()
{
    return m_broker->cancelAll(nowMs());
}

Order TradingDesk::sellAll(const QString &assetId, Fixed limit, std::int64_t now)
{
    // Working sells of the token would hold the shares back: they go first.
    for (const Order &o : m_broker->workingOrders(assetId)) {
        if (o.request.side == Side::Sell)
            m_broker->cancel(o.id, now, QStringLiteral("replaced by a reducing order"));
    }
    OrderRequest r;
    r.assetId = assetId;
    r.side = Side::Sell;
    r.type = OrderType::FAK;
    r.size = m_portfolio.sizeOf(assetId);
    r.reduceOnly = true;
    r.price = limit;
    return submit(r, now);
}

std::vector<Order> TradingDesk::flatten(const QString &assetId)
{
    std::vector<Order> sent;
    for (const Position &p : m_portfolio.positions()) {
        if (p.size <= 0 || (!assetId.isEmpty() && p.assetId != assetId))
            continue;
        const AssetBook *book = m_books ? m_books->find(p.assetId.toStdString()) : nullptr;
        const auto price = book && book->synced() ? marketablePrice(book->book.bids(), Side::Sell, p.size, OrderType::FAK)
                                                  : std::nullopt;
        if (!price) {
            Order refused;
            refused.request.assetId = p.assetId;
            refused.request.side = Side::Sell;
            refused.request.size = p.size;
            refused.status = OrderStatus::Invalid;
            refused.reason = QStringLiteral("no bids to sell into");
            if (m_listener)
                m_listener->onOrderUpdated(refused);
            sent.push_back(refused);
            continue;
        }
        sent.push_back(sellAll(p.assetId, *price, nowMs()));
    }
    return sent;
}

int TradingDesk::kill(bool alsoFlatten)
{
    const int n = cancelAll();
    if (alsoFlatten)
        flatten();
    return n;
}

void TradingDesk::setStop(const QString &assetId, Fixed price)
{
    if (price <= 0) {
        m_stops.remove(assetId);
        return;
    }
    m_stops.insert(assetId, price);
    follow(assetId);
}

void TradingDesk::follow(const QString &assetId)
{
    const std::string id = assetId.toStdString();
    m_followed.emplace(id, assetId);
    // Marked now, not only at the next change of its book.
    if (const AssetBook *book = m_books ? m_books->find(id) : nullptr; book && book->synced())
        m_portfolio.mark(assetId, book->book.bestBid());
}

void TradingDesk::rollDay(std::int64_t timestampMs)
{
    const std::int64_t day = timestampMs / kDayMs;
    if (day != m_day) {
        m_day = day;
        m_dayStartPnl = m_portfolio.netPnl();
    }
}

void TradingDesk::onHeldAtStart(const QString &assetId, Fixed shares)
{
    if (shares <= 0 || m_portfolio.position(assetId))
        return; // traded already this session: the fills say it
    m_heldUnpriced.insert(assetId, shares);
    follow(assetId);
    if (const AssetBook *book = m_books ? m_books->find(assetId.toStdString()) : nullptr; book && book->synced() && book->book.hasBid())
        takeHeld(assetId, book->book.bestBid());
}

void TradingDesk::takeHeld(const QString &assetId, Fixed bid)
{
    const Fixed shares = m_heldUnpriced.take(assetId);
    Position p;
    p.assetId = assetId;
    p.size = shares;
    p.bought = shares;
    p.cost = notionalDown(bid, shares);
    m_portfolio.restore(p);
    m_portfolio.mark(assetId, bid);
}

void TradingDesk::onTop(const AssetBook &asset, std::int64_t timestampMs)
{
    rollDay(timestampMs);
    m_broker->onTop(asset, timestampMs);
    const auto it = m_followed.find(asset.assetId);
    if (it == m_followed.end())
        return;
    if (!m_heldUnpriced.isEmpty() && asset.book.hasBid() && m_heldUnpriced.contains(it->second))
        takeHeld(it->second, asset.book.bestBid());
    m_portfolio.mark(it->second, asset.book.bestBid());
    checkStop(asset, it->second);
}

void TradingDesk::checkStop(const AssetBook &asset, const QString &assetId)
{
    const Fixed stop = m_stops.value(assetId, 0);
    if (stop <= 0 || !asset.book.hasBid() || asset.book.bestBid() > stop || m_portfolio.sizeOf(assetId) <= 0)
        return;
    m_stops.remove(assetId); // fires once
    const Fixed tick = m_broker->rules(assetId).tick;
    Fixed limit = std::max(tick, stop - m_limits.stopSlippage);
    limit -= limit % tick; // on the tick, never above the slippage allowed
    limit = std::max(limit, tick);
    const Order order = sellAll(assetId, limit, m_broker->lastEventMs());
    if (m_listener)
        m_listener->onStopTriggered(assetId, order);
}

void TradingDesk::onTrade(const AssetBook &asset, const LastTradeEvent &event)
{
    rollDay(event.timestampMs);
    m_broker->onTrade(asset, event);
}

void TradingDesk::onMarketLifecycle(const MarketLifecycleEvent &event)
{
    m_broker->onMarketLifecycle(event);
    if (!event.resolved)
        return;
    QStringList assets;
    for (std::string_view id : event.assetIds)
        assets.append(QString::fromUtf8(id.data(), qsizetype(id.size())));
    const QString winner = QString::fromUtf8(event.winningAssetId.data(), qsizetype(event.winningAssetId.size()));
    for (const Fill &f : m_portfolio.settlement(assets, winner, event.timestampMs))
        onFill(f);
    for (const QString &a : assets)
        m_stops.remove(a);
}

void TradingDesk::onOrderUpdated(const Order &order)
{
    if (m_listener)
        m_listener->onOrderUpdated(order);
}

void TradingDesk::onFill(const Fill &fill)
{
    m_portfolio.apply(fill);
    follow(fill.assetId);
    if (m_listener)
        m_listener->onFill(fill);
}

} // namespace polymon
