#include "paperbroker.h"

#include "book/bookstore.h"
#include "ordervalidator.h"
#include "util/int128.h"

#include <algorithm>

namespace polymon {

namespace {
// Whether `price` on the other side of the book is one `order` would take.
bool crosses(const OrderRequest &order, Fixed price)
{
    return order.side == Side::Buy ? price <= order.price : price >= order.price;
}

// A price at least as good for the maker as the order's own, seen from the
// side it rests on: a buy rests at p and a sell trade at p or below reaches it.
bool tradeReaches(const OrderRequest &order, Fixed tradePrice)
{
    return order.side == Side::Buy ? tradePrice <= order.price : tradePrice >= order.price;
}

// Keeps only what still rests: a level that shrank took our share with it.
void clampTaken(std::map<Fixed, Fixed> &taken, Side bookSide, const OrderBook &book)
{
    for (auto it = taken.begin(); it != taken.end();) {
        const Fixed size = book.sizeAt(bookSide, it->first);
        it->second = std::min(it->second, size);
        it = it->second == 0 ? taken.erase(it) : std::next(it);
    }
}
} // namespace

PaperBroker::PaperBroker(const BookStore *books)
    : m_books(books)
{
}

void PaperBroker::setRules(const QString &assetId, const MarketRules &rules)
{
    m_rules.insert(assetId, rules);
}

MarketRules PaperBroker::rules(const QString &assetId) const
{
    return withLiveTick(m_rules.value(assetId, m_defaultRules), m_books, assetId);
}

const AssetBook *PaperBroker::bookOf(const QString &assetId) const
{
    if (!m_books)
        return nullptr;
    const std::string id = assetId.toStdString();
    const AssetBook *book = m_books->find(id);
    return book && book->synced() ? book : nullptr;
}

PaperBroker::AssetState &PaperBroker::state(const QString &assetId)
{
    return m_assets[assetId.toStdString()];
}

Order PaperBroker::submit(const OrderRequest &request, std::int64_t nowMs)
{
    expireDue(nowMs);
    Order order;
    order.id = m_nextId++;
    order.request = request;
    order.createdMs = nowMs;
    order.updatedMs = nowMs;

    const MarketRules marketRules = rules(request.assetId);
    QString refusal = OrderValidator::check(request, marketRules, nowMs);
    const AssetBook *book = bookOf(request.assetId);
    if (refusal.isEmpty() && !book)
        refusal = QStringLiteral("no synced book for this token yet");
    if (refusal.isEmpty() && request.postOnly) {
        const OrderBook &b = book->book;
        const bool wouldCross = request.side == Side::Buy ? b.hasAsk() && b.bestAsk() <= request.price
                                                          : b.hasBid() && b.bestBid() >= request.price;
        if (wouldCross)
            refusal = QStringLiteral("post-only order would cross the book at %1")
                          .arg(QString::fromStdString(formatFixed(request.side == Side::Buy ? b.bestAsk() : b.bestBid())));
    }
    if (!refusal.isEmpty()) {
        order.status = OrderStatus::Invalid;
        order.reason = refusal;
        emitOrder(order);
        return order;
    }

    AssetState &assetState = state(request.assetId);
    if (request.type == OrderType::FOK) {
        // All or nothing: count what the book holds within the limit first.
        const auto levels = request.side == Side::Buy ? book->book.asks() : book->book.bids();
        const Taken &taken = request.side == Side::Buy ? assetState.takenAsks : assetState.takenBids;
        Fixed available = 0;
        for (auto it = levels.rbegin(); it != levels.rend() && crosses(request, it->price); ++it) {
            const auto t = taken.find(it->price);
            available += it->size - (t == taken.end() ? 0 : t->second);
        }
        if (available < request.size) {
            finish(order, OrderStatus::Canceled,
                   QStringLiteral("order couldn't be fully filled: %1 of %2 shares available within the limit")
                       .arg(QString::fromStdString(formatFixed(available)), QString::fromStdString(formatFixed(request.size))),
                   nowMs);
            return order;
        }
    }
    takeAsTaker(order, book, assetState, nowMs);
    if (order.remaining() == 0) {
        finish(order, OrderStatus::Matched, {}, nowMs);
        return order;
    }
    if (isMarketable(request.type)) {
        if (order.filled == 0)
            finish(order, OrderStatus::Unmatched, QStringLiteral("no liquidity within the limit"), nowMs);
        else
            finish(order, OrderStatus::Canceled,
                   QStringLiteral("FAK remainder of %1 shares cancelled").arg(QString::fromStdString(formatFixed(order.remaining()))),
                   nowMs);
        return order;
    }
    order = rest(order, book, assetState);
    emitOrder(order);
    if (request.type == OrderType::GTD && (m_nextExpiryMs == 0 || request.expiresMs < m_nextExpiryMs))
        m_nextExpiryMs = request.expiresMs;
    return order;
}

void PaperBroker::takeAsTaker(Order &order, const AssetBook *book, AssetState &assetState, std::int64_t nowMs)
{
    const OrderRequest &r = order.request;
    const auto levels = r.side == Side::Buy ? book->book.asks() : book->book.bids();
    Taken &taken = r.side == Side::Buy ? assetState.takenAsks : assetState.takenBids;
    const FeeSchedule fees = rules(r.assetId).fees;
    for (auto it = levels.rbegin(); it != levels.rend() && order.remaining() > 0 && crosses(r, it->price); ++it) {
        Fixed &used = taken[it->price];
        const Fixed take = std::min(order.remaining(), it->size - used);
        if (take <= 0)
            continue;
        used += take;
        order.filled += take;
        emitFill(Fill{order.id, r.assetId, nowMs, r.side, it->price, take, fees.takerFee(take, it->price),
                      fillNotional(r.side, it->price, take), false});
    }
}

Order PaperBroker::rest(Order order, const AssetBook *book, AssetState &assetState)
{
    Resting r;
    r.order = std::move(order);
    if (book) {
        r.levelSeen = book->book.sizeAt(r.order.request.side, r.order.request.price);
        r.order.queueAhead = r.levelSeen;
    }
    r.batchLevel = r.levelSeen;
    assetState.orders.push_back(std::move(r));
    return assetState.orders.back().order;
}

void PaperBroker::restore(const Order &order)
{
    if (!order.working() || order.remaining() <= 0)
        return;
    Order o = order;
    m_nextId = std::max(m_nextId, o.id + 1);
    rest(o, bookOf(o.request.assetId), state(o.request.assetId));
    if (o.request.type == OrderType::GTD && (m_nextExpiryMs == 0 || o.request.expiresMs < m_nextExpiryMs))
        m_nextExpiryMs = o.request.expiresMs;
}

bool PaperBroker::cancel(qint64 id, std::int64_t nowMs, const QString &reason)
{
    for (auto &[asset, s] : m_assets) {
        for (Resting &r : s.orders) {
            if (r.order.id == id && r.order.working()) {
                finish(r.order, OrderStatus::Canceled, reason, nowMs);
                dropDone(s);
                return true;
            }
        }
    }
    return false;
}

int PaperBroker::cancelAll(std::int64_t nowMs, const QString &reason)
{
    int n = 0;
    for (auto &[asset, s] : m_assets) {
        for (Resting &r : s.orders) {
            if (r.order.working()) {
                finish(r.order, OrderStatus::Canceled, reason, nowMs);
                ++n;
            }
        }
        dropDone(s);
    }
    return n;
}

const Order *PaperBroker::order(qint64 id) const
{
    for (const auto &[asset, s] : m_assets) {
        for (const Resting &r : s.orders) {
            if (r.order.id == id)
                return &r.order;
        }
    }
    return nullptr;
}

std::vector<Order> PaperBroker::workingOrders() const
{
    std::vector<Order> out;
    for (const auto &[asset, s] : m_assets) {
        for (const Resting &r : s.orders)
            out.push_back(r.order);
    }
    std::sort(out.begin(), out.end(), [](const Order &a, const Order &b) { return a.id < b.id; });
    return out;
}

std::vector<Order> PaperBroker::workingOrders(const QString &assetId) const
{
    std::vector<Order> out;
    const auto it = m_assets.find(assetId.toStdString());
    if (it != m_assets.end()) {
        for (const Resting &r : it->second.orders)
            out.push_back(r.order);
    }
    return out;
}

void PaperBroker::closeBatch(Resting &r, std::int64_t timestampMs)
{
    if (r.batchMs == timestampMs)
        return;
    if (r.pendingCancel > 0 && r.batchLevel > 0) {
        // Cancels anywhere in the level: the share ahead of us goes in proportion.
        const Fixed cut = Fixed(Int128(r.pendingCancel) * r.order.queueAhead / r.batchLevel);
        r.order.queueAhead -= std::min(cut, r.order.queueAhead);
    }
    r.order.queueAhead = std::min(r.order.queueAhead, r.levelSeen);
    r.pendingCancel = 0;
    r.tradeCredit = 0;
    r.batchLevel = r.levelSeen;
    r.batchMs = timestampMs;
}

void PaperBroker::followLevel(Resting &r, const OrderBook &book, std::int64_t timestampMs)
{
    const Fixed before = r.order.queueAhead;
    closeBatch(r, timestampMs);
    const Fixed level = book.sizeAt(r.order.request.side, r.order.request.price);
    if (level < r.levelSeen) {
        const Fixed shrink = r.levelSeen - level;
        const Fixed explained = std::min(shrink, r.tradeCredit);
        r.tradeCredit -= explained;
        r.pendingCancel += shrink - explained;
    }
    r.levelSeen = level; // growth joins behind us
    if (r.order.queueAhead != before) {
        r.order.updatedMs = timestampMs;
        emitOrder(r.order);
    }
}

void PaperBroker::fillFromCrossing(Resting &r, const OrderBook &book, AssetState &assetState, std::int64_t timestampMs)
{
    const OrderRequest &req = r.order.request;
    const bool buy = req.side == Side::Buy;
    const auto levels = buy ? book.asks() : book.bids();
    Taken &taken = buy ? assetState.takenAsks : assetState.takenBids;
    for (auto it = levels.rbegin(); it != levels.rend() && r.order.remaining() > 0 && crosses(req, it->price); ++it) {
        // Someone posted at or through our price: they would have matched us.
        Fixed &used = taken[it->price];
        const Fixed take = std::min(r.order.remaining(), it->size - used);
        if (take <= 0)
            continue;
        used += take;
        fillResting(r, take, timestampMs);
    }
}

void PaperBroker::fillResting(Resting &r, Fixed size, std::int64_t timestampMs)
{
    const OrderRequest &req = r.order.request;
    r.order.filled += size;
    r.order.updatedMs = timestampMs;
    emitFill(Fill{r.order.id, req.assetId, timestampMs, req.side, req.price, size, 0,
                  fillNotional(req.side, req.price, size), true});
    if (r.order.remaining() == 0)
        finish(r.order, OrderStatus::Matched, {}, timestampMs);
    else
        emitOrder(r.order);
}

PaperBroker::AssetState *PaperBroker::advance(const AssetBook &asset, std::int64_t timestampMs)
{
    m_lastEventMs = std::max(m_lastEventMs, timestampMs);
    expireDue(timestampMs);
    if (m_assets.empty())
        return nullptr;
    const auto it = m_assets.find(asset.assetId);
    return it == m_assets.end() ? nullptr : &it->second;
}

void PaperBroker::onTop(const AssetBook &asset, std::int64_t timestampMs)
{
    AssetState *state = advance(asset, timestampMs);
    if (!state)
        return;
    AssetState &s = *state;
    clampTaken(s.takenAsks, Side::Sell, asset.book);
    clampTaken(s.takenBids, Side::Buy, asset.book);
    for (Resting &r : s.orders) {
        if (!r.order.working())
            continue;
        followLevel(r, asset.book, timestampMs);
        fillFromCrossing(r, asset.book, s, timestampMs);
    }
    dropDone(s);
}

void PaperBroker::onTrade(const AssetBook &asset, const LastTradeEvent &event)
{
    AssetState *state = advance(asset, event.timestampMs);
    if (!state)
        return;
    AssetState &s = *state;
    // Best-priced orders first, then by age: the order the exchange matches in.
    std::vector<Resting *> reached;
    for (Resting &r : s.orders) {
        const OrderRequest &req = r.order.request;
        // A buyer lifting asks never reaches a resting buy, nor a seller a sell.
        if (r.order.working() && req.side != event.side && tradeReaches(req, event.price))
            reached.push_back(&r);
    }
    std::sort(reached.begin(), reached.end(), [](const Resting *a, const Resting *b) {
        const OrderRequest &x = a->order.request;
        const OrderRequest &y = b->order.request;
        if (x.price != y.price)
            return x.side == Side::Buy ? x.price > y.price : x.price < y.price;
        return a->order.id < b->order.id;
    });
    Fixed left = event.size; // what a trade through our price gives us
    for (Resting *r : reached) {
        closeBatch(*r, event.timestampMs);
        if (event.price == r->order.request.price) {
            // At our price: it takes the size ahead first.
            const Fixed seen = std::min(event.size, r->pendingCancel);
            r->pendingCancel -= seen; // that shrink was this trade, not cancels
            r->tradeCredit += event.size - seen;
            const Fixed fromAhead = std::min(event.size, r->order.queueAhead);
            r->order.queueAhead -= fromAhead;
            const Fixed fill = std::min({event.size - fromAhead, r->order.remaining(), left});
            if (fill > 0) {
                left -= fill;
                fillResting(*r, fill, event.timestampMs);
            } else if (fromAhead > 0) {
                r->order.updatedMs = event.timestampMs;
                emitOrder(r->order);
            }
        } else {
            // Through our price: it would have matched us first.
            const Fixed fill = std::min(r->order.remaining(), left);
            if (fill > 0) {
                left -= fill;
                fillResting(*r, fill, event.timestampMs);
            }
        }
    }
    dropDone(s);
}

void PaperBroker::onMarketLifecycle(const MarketLifecycleEvent &event)
{
    if (!event.resolved)
        return;
    for (std::string_view id : event.assetIds) {
        const auto it = m_assets.find(std::string(id));
        if (it == m_assets.end())
            continue;
        for (Resting &r : it->second.orders) {
            if (r.order.working())
                finish(r.order, OrderStatus::CanceledMarketResolved, QStringLiteral("the market resolved"), event.timestampMs);
        }
        dropDone(it->second);
    }
}

void PaperBroker::expireDue(std::int64_t nowMs)
{
    if (m_nextExpiryMs == 0 || nowMs < m_nextExpiryMs)
        return;
    m_nextExpiryMs = 0;
    for (auto &[asset, s] : m_assets) {
        for (Resting &r : s.orders) {
            const OrderRequest &req = r.order.request;
            if (!r.order.working() || req.type != OrderType::GTD)
                continue;
            if (req.expiresMs <= nowMs)
                finish(r.order, OrderStatus::Canceled, QStringLiteral("expired"), nowMs);
            else if (m_nextExpiryMs == 0 || req.expiresMs < m_nextExpiryMs)
                m_nextExpiryMs = req.expiresMs;
        }
        dropDone(s);
    }
}

void PaperBroker::finish(Order &order, OrderStatus status, const QString &reason, std::int64_t nowMs)
{
    order.status = status;
    order.reason = reason;
    order.updatedMs = nowMs;
    order.queueAhead = 0;
    emitOrder(order);
}

void PaperBroker::dropDone(AssetState &s)
{
    s.orders.erase(std::remove_if(s.orders.begin(), s.orders.end(), [](const Resting &r) { return !r.order.working(); }),
                   s.orders.end());
}

void PaperBroker::emitFill(const Fill &fill)
{
    if (m_listener)
        m_listener->onFill(fill);
}

void PaperBroker::emitOrder(const Order &order)
{
    if (m_listener)
        m_listener->onOrderUpdated(order);
}

} // namespace polymon
