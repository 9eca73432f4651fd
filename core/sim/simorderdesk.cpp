#include "simorderdesk.h"

#include "simexchange.h"
#include "simuserchannel.h"
#include "trading/order.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

namespace polymon {

namespace {

QString text(Fixed v)
{
    return QString::fromStdString(formatFixed(v));
}

QString sideText(int side)
{
    return side == 0 ? QStringLiteral("BUY") : QStringLiteral("SELL");
}

QString randomHash()
{
    QByteArray bytes(32, 0);
    for (char &c : bytes)
        c = char(QRandomGenerator::global()->bounded(256));
    return QStringLiteral("0x") + QString::fromLatin1(bytes.toHex());
}

} // namespace

SimOrderDesk::SimOrderDesk(SimUserChannel *channel, QObject *parent)
    : QObject(parent)
    , m_channel(channel)
{
}

SimOrderDesk::~SimOrderDesk()
{
    if (m_exchange)
        m_exchange->setUserFillHandler({});
}

void SimOrderDesk::attach(SimExchange *exchange)
{
    m_exchange = exchange;
    if (m_exchange)
        m_exchange->setUserFillHandler([this](const std::vector<SimUserOrders::Fill> &fills) { onUserFills(fills); });
}

bool SimOrderDesk::market(const QString &tokenId, Market &out) const
{
    const auto it = m_markets.constFind(tokenId);
    if (it != m_markets.cend()) {
        out = *it;
        return true;
    }
    if (!m_exchange)
        return false;
    const std::string token = tokenId.toStdString();
    const int index = m_exchange->engine().marketOf(token);
    if (index < 0)
        return false;
    const SimMarket &m = m_exchange->engine().markets()[std::size_t(index)];
    out = Market{m.tick, 5 * kFixedScale, !m.eventId.empty(), QString::fromStdString(m.conditionId), index, token == m.yesToken};
    return true;
}

QJsonObject SimOrderDesk::marketRules(const QString &conditionId) const
{
    if (!m_exchange)
        return {};
    for (const SimMarket &m : m_exchange->engine().markets()) {
        if (QString::fromStdString(m.conditionId).compare(conditionId, Qt::CaseInsensitive) != 0)
            continue;
        return QJsonObject{{QStringLiteral("t"), QJsonArray{QJsonObject{{QStringLiteral("t"), QString::fromStdString(m.yesToken)},
                                                                        {QStringLiteral("o"), QStringLiteral("Yes")}},
                                                            QJsonObject{{QStringLiteral("t"), QString::fromStdString(m.noToken)},
                                                                        {QStringLiteral("o"), QStringLiteral("No")}}}},
                           {QStringLiteral("mos"), 5},
                           {QStringLiteral("mts"), toDouble(m.tick)},
                           {QStringLiteral("nr"), !m.eventId.empty()},
                           {QStringLiteral("fd"), QJsonObject{{QStringLiteral("r"), 0}, {QStringLiteral("e"), 1}, {QStringLiteral("to"), true}}}};
    }
    return {};
}

void SimOrderDesk::setShares(const QString &address, const QString &tokenId, Fixed shares)
{
    m_tokens.insert(address.toLower() + QLatin1Char('/') + tokenId, shares);
}

Fixed SimOrderDesk::shares(const QString &address, const QString &tokenId) const
{
    return m_tokens.value(address.toLower() + QLatin1Char('/') + tokenId);
}

Fixed SimOrderDesk::heldCash(const QString &address) const
{
    Fixed held = 0;
    for (const Resting &r : m_orders)
        if (r.side == 0 && r.address.compare(address, Qt::CaseInsensitive) == 0)
            held += notionalUp(r.price, r.remaining());
    return held;
}

Fixed SimOrderDesk::heldShares(const QString &address, const QString &tokenId) const
{
    Fixed held = 0;
    for (const Resting &r : m_orders)
        if (r.side == 1 && r.tokenId == tokenId && r.address.compare(address, Qt::CaseInsensitive) == 0)
            held += r.remaining();
    return held;
}

QString SimOrderDesk::conditionOf(const QString &tokenId) const
{
    Market m;
    return market(tokenId, m) ? m.conditionId : QString();
}

bool SimOrderDesk::place(const Placement &p, QString &status, QString &error)
{
    Market mk;
    if (!market(p.tokenId, mk)) {
        error = QStringLiteral("market not found for token %1").arg(p.tokenId);
        return false;
    }
    for (const Resting &r : std::as_const(m_orders)) {
        if (r.id == p.id) {
            error = QStringLiteral("order %1 is already placed").arg(p.id);
            return false;
        }
    }
    if (p.side == 0 ? heldCash(p.address) + p.dollars > balance(p.address)
                    : heldShares(p.address, p.tokenId) + p.shares > shares(p.address, p.tokenId)) {
        error = QStringLiteral("not enough balance / allowance");
        return false;
    }
    const bool marketable = p.orderType == QLatin1String("FOK") || p.orderType == QLatin1String("FAK");
    const qint64 nowS = QDateTime::currentSecsSinceEpoch();
    if (p.orderType == QLatin1String("GTD") && p.expiresS < nowS + 60) {
        error = QStringLiteral("invalid expiration: a GTD order must live at least a minute (expiration >= now + 60 s)");
        return false;
    }
    // In the YES book: a NO BUY at p is a YES SELL at 1 - p.
    const Side yesSide = (p.side == 0) == mk.yes ? Side::Buy : Side::Sell;
    const Fixed yesLimit = mk.yes ? p.price : kFixedScale - p.price;
    Fixed available = 0; // what it could take at once
    if (m_exchange && mk.index >= 0) {
        const OrderBook &book = m_exchange->engine().markets()[std::size_t(mk.index)].yes;
        for (const PriceLevel &l : yesSide == Side::Buy ? book.asks() : book.bids())
            if (yesSide == Side::Buy ? l.price <= yesLimit : l.price >= yesLimit)
                available += l.size;
    }
    if (p.postOnly && available > 0) {
        error = QStringLiteral("invalid post-only order: order crosses book");
        return false;
    }
    if (p.orderType == QLatin1String("FOK") && available < p.shares) {
        error = QStringLiteral("order couldn't be fully filled. FOK orders are fully filled or killed.");
        return false;
    }
    if (marketable && available == 0) {
        error = QStringLiteral("no orders found to match with FAK order. FAK orders are partially filled or killed if no match "
                               "is found.");
        return false;
    }

    Resting order{p.id, p.owner, p.address, p.tokenId, p.side, p.price, p.shares, 0, p.orderType, p.expiresS, nowS, 0};
    m_orders.append(order);
    m_channel->publish(p.owner, mk.conditionId, orderEvent(order, "PLACEMENT", QStringLiteral("LIVE")));
    if (available > 0) {
        const std::vector<SimEngine::Match> matches = m_exchange->take(mk.index, yesSide, yesLimit, p.shares);
        for (const SimEngine::Match &m : matches) {
            for (Resting &r : m_orders) {
                if (r.id == p.id) {
                    match(r, mk.yes ? m.price : kFixedScale - m.price, m.size, false, p.id);
                    break;
                }
            }
        }
    }
    Resting *placed = nullptr;
    for (Resting &r : m_orders)
        if (r.id == p.id)
            placed = &r;
    const bool filled = placed->remaining() == 0;
    if (filled || marketable) {
        status = placed->matched > 0 ? QStringLiteral("matched") : QStringLiteral("unmatched");
        removeOrder(p.id, filled ? QString() : QStringLiteral("CANCELED_order couldn't be fully filled. FAK orders are "
                                                              "partially filled or killed if no match is found."));
        return true;
    }
    status = QStringLiteral("live");
    if (m_exchange && mk.index >= 0) {
        placed->bookId = m_nextBookId++;
        m_byBookId.insert(placed->bookId, placed->id);
        m_exchange->rest(placed->bookId, mk.index, yesSide, yesLimit, placed->remaining());
    }
    return true;
}

void SimOrderDesk::match(Resting &order, Fixed price, Fixed size, bool maker, const QString &takerOrderId)
{
    order.matched += size;
    const QString account = order.address.toLower();
    const QString tokens = account + QLatin1Char('/') + order.tokenId;
    const bool buy = order.side == 0;
    const Fixed value = fillNotional(buy ? Side::Buy : Side::Sell, price, size);
    m_cash[account] += buy ? -value : value;
    m_tokens[tokens] += buy ? size : -size;
    const qint64 nowS = QDateTime::currentSecsSinceEpoch();
    Trade t{QUuid::createUuid().toString(QUuid::WithoutBraces), order.owner, order.address, order.id, takerOrderId,
            order.tokenId, order.side, price, size, maker, QStringLiteral("MATCHED"), nowS, nowS, m_failing > 0};
    if (m_failing > 0)
        --m_failing;
    m_trades.append(t);
    const QString condition = conditionOf(order.tokenId);
    m_channel->publish(order.owner, condition, tradeEvent(t));
    m_channel->publish(order.owner, condition,
                       orderEvent(order, "UPDATE", order.remaining() == 0 ? QStringLiteral("MATCHED") : QStringLiteral("LIVE")));
    QTimer::singleShot(m_settleDelayMs, this, [this, id = t.id] { settle(id); });
}

void SimOrderDesk::settle(const QString &tradeId)
{
    for (Trade &t : m_trades) {
        if (t.id != tradeId || t.status != QLatin1String("MATCHED"))
            continue;
        const QString condition = conditionOf(t.tokenId);
        t.updateS = QDateTime::currentSecsSinceEpoch();
        if (t.failing) {
            // The chain refused it: the shares and the money go back.
            const QString account = t.address.toLower();
            const QString tokens = account + QLatin1Char('/') + t.tokenId;
            const bool buy = t.side == 0;
            const Fixed value = fillNotional(buy ? Side::Buy : Side::Sell, t.price, t.size);
            m_cash[account] += buy ? value : -value;
            m_tokens[tokens] += buy ? -t.size : t.size;
            t.status = QStringLiteral("FAILED");
            m_channel->publish(t.owner, condition, tradeEvent(t));
            return;
        }
        t.status = QStringLiteral("MINED");
        m_channel->publish(t.owner, condition, tradeEvent(t));
        t.status = QStringLiteral("CONFIRMED");
        m_channel->publish(t.owner, condition, tradeEvent(t));
        return;
    }
}

void SimOrderDesk::onUserFills(const std::vector<SimUserOrders::Fill> &fills)
{
    for (const SimUserOrders::Fill &f : fills) {
        const QString id = m_byBookId.value(f.id);
        for (Resting &r : m_orders) {
            if (r.id != id)
                continue;
            Market mk;
            market(r.tokenId, mk);
            match(r, mk.yes ? f.price : kFixedScale - f.price, std::min(f.size, r.remaining()), true, randomHash());
            if (r.remaining() == 0)
                removeOrder(id, {});
            break;
        }
    }
}

void SimOrderDesk::removeOrder(const QString &id, const QString &why)
{
    for (qsizetype i = 0; i < m_orders.size(); ++i) {
        if (m_orders[i].id != id)
            continue;
        const Resting r = m_orders.takeAt(i);
        if (r.bookId) {
            m_byBookId.remove(r.bookId);
            if (m_exchange && !why.isEmpty())
                m_exchange->cancel(r.bookId);
        }
        if (!why.isEmpty())
            m_channel->publish(r.owner, conditionOf(r.tokenId), orderEvent(r, "CANCELLATION", why));
        return;
    }
}

QStringList SimOrderDesk::cancel(const QString &owner, const QStringList &ids, QHash<QString, QString> &notCanceled)
{
    QStringList canceled;
    for (const QString &id : ids) {
        bool found = false;
        for (const Resting &r : std::as_const(m_orders))
            found = found || (r.id == id && r.owner == owner);
        if (!found) {
            notCanceled.insert(id, QStringLiteral("order not found, or already canceled or matched"));
            continue;
        }
        removeOrder(id, QStringLiteral("CANCELED"));
        canceled << id;
    }
    return canceled;
}

QStringList SimOrderDesk::cancelAll(const QString &owner)
{
    QStringList ids;
    for (const Resting &r : std::as_const(m_orders))
        if (r.owner == owner)
            ids << r.id;
    QHash<QString, QString> ignored;
    return cancel(owner, ids, ignored);
}

QStringList SimOrderDesk::cancelMarket(const QString &owner, const QString &conditionId, const QString &tokenId)
{
    QStringList ids;
    for (const Resting &r : std::as_const(m_orders))
        if (r.owner == owner && (tokenId.isEmpty() || r.tokenId == tokenId)
            && (conditionId.isEmpty() || conditionOf(r.tokenId).compare(conditionId, Qt::CaseInsensitive) == 0))
            ids << r.id;
    QHash<QString, QString> ignored;
    return cancel(owner, ids, ignored);
}

void SimOrderDesk::expire(qint64 nowS)
{
    QStringList due;
    for (const Resting &r : std::as_const(m_orders))
        if (r.orderType == QLatin1String("GTD") && r.expiresS > 0 && r.expiresS <= nowS)
            due << r.id;
    for (const QString &id : due)
        removeOrder(id, QStringLiteral("CANCELED_expired"));
}

QJsonObject SimOrderDesk::orderEvent(const Resting &r, const char *type, const QString &status) const
{
    Market mk;
    market(r.tokenId, mk);
    return QJsonObject{{QStringLiteral("event_type"), QStringLiteral("order")},
                       {QStringLiteral("type"), QLatin1String(type)},
                       {QStringLiteral("id"), r.id},
                       {QStringLiteral("owner"), r.owner},
                       {QStringLiteral("market"), mk.conditionId},
                       {QStringLiteral("asset_id"), r.tokenId},
                       {QStringLiteral("side"), sideText(r.side)},
                       {QStringLiteral("price"), text(r.price)},
                       {QStringLiteral("original_size"), text(r.size)},
                       {QStringLiteral("size_matched"), text(r.matched)},
                       {QStringLiteral("outcome"), mk.yes ? QStringLiteral("Yes") : QStringLiteral("No")},
                       {QStringLiteral("order_type"), r.orderType},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("created_at"), QString::number(r.createdS)},
                       {QStringLiteral("expiration"), QString::number(r.expiresS)},
                       {QStringLiteral("associate_trades"), QJsonArray{}},
                       {QStringLiteral("timestamp"), QString::number(QDateTime::currentMSecsSinceEpoch())}};
}

QJsonObject SimOrderDesk::tradeEvent(const Trade &t) const
{
    Market mk;
    market(t.tokenId, mk);
    const QString outcome = mk.yes ? QStringLiteral("Yes") : QStringLiteral("No");
    // The maker side of the match: the simulated book's anonymous liquidity,
    // or this account's resting order.
    const QJsonObject makerOrder{{QStringLiteral("order_id"), t.maker ? t.orderId : QStringLiteral("0xsimulated-book")},
                                 {QStringLiteral("owner"), t.maker ? t.owner : QString()},
                                 {QStringLiteral("matched_amount"), text(t.size)},
                                 {QStringLiteral("price"), text(t.price)},
                                 {QStringLiteral("asset_id"), t.tokenId},
                                 {QStringLiteral("side"), sideText(t.maker ? t.side : 1 - t.side)},
                                 {QStringLiteral("outcome"), outcome},
                                 {QStringLiteral("fee_rate_bps"), QStringLiteral("0")}};
    return QJsonObject{{QStringLiteral("event_type"), QStringLiteral("trade")},
                       {QStringLiteral("type"), QStringLiteral("TRADE")},
                       {QStringLiteral("id"), t.id},
                       {QStringLiteral("taker_order_id"), t.maker ? t.takerOrderId : t.orderId},
                       {QStringLiteral("market"), mk.conditionId},
                       {QStringLiteral("asset_id"), t.tokenId},
                       {QStringLiteral("side"), sideText(t.maker ? 1 - t.side : t.side)},
                       {QStringLiteral("size"), text(t.size)},
                       {QStringLiteral("price"), text(t.price)},
                       {QStringLiteral("fee_rate_bps"), QStringLiteral("0")},
                       {QStringLiteral("status"), t.status},
                       {QStringLiteral("match_time"), QString::number(t.matchS)},
                       {QStringLiteral("last_update"), QString::number(t.updateS)},
                       {QStringLiteral("outcome"), outcome},
                       {QStringLiteral("owner"), t.owner},
                       {QStringLiteral("trade_owner"), t.owner},
                       {QStringLiteral("trader_side"), t.maker ? QStringLiteral("MAKER") : QStringLiteral("TAKER")},
                       {QStringLiteral("maker_orders"), QJsonArray{makerOrder}},
                       {QStringLiteral("timestamp"), QString::number(QDateTime::currentMSecsSinceEpoch())}};
}

QJsonArray SimOrderDesk::openOrders(const QString &owner) const
{
    QJsonArray data;
    for (const Resting &r : m_orders) {
        if (r.owner != owner)
            continue;
        QJsonObject o = orderEvent(r, "", QStringLiteral("LIVE"));
        o.remove(QStringLiteral("event_type"));
        o.remove(QStringLiteral("type"));
        data.append(o);
    }
    return data;
}

QJsonArray SimOrderDesk::trades(const QString &owner) const
{
    QJsonArray data;
    for (const Trade &t : m_trades) {
        if (t.owner != owner)
            continue;
        QJsonObject o = tradeEvent(t);
        o.remove(QStringLiteral("event_type"));
        o.remove(QStringLiteral("type"));
        data.append(o);
    }
    return data;
}

} // namespace polymon
