#include "livebroker.h"

#include "book/bookstore.h"
#include "eip712.h"
#include "ordersigner.h"
#include "trading/orderamounts.h"
#include "trading/ordervalidator.h"

#include <QDateTime>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>

namespace polymon {

namespace {

QString decimal(Fixed v)
{
    return QString::number(v);
}

bool isMatchedLike(const QString &status)
{
    return status == QLatin1String("MATCHED") || status == QLatin1String("MINED") || status == QLatin1String("RETRYING");
}

} // namespace

LiveBroker::LiveBroker(const LiveAccount &account, EthKey key, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_key(std::move(key))
    , m_rest(account.restUrl, account.chainId)
    , m_heartbeats(&m_rest)
{
    m_status.state = tr("connecting");
    connect(&m_rest, &ClobRestClient::orderPlaced, this, &LiveBroker::onPlaced);
    connect(&m_rest, &ClobRestClient::orderRefused, this, &LiveBroker::onRefused);
    connect(&m_rest, &ClobRestClient::orderAnswerLost, this, [this](const QString &hash, const QString &error) {
        if (const Tracked *t = byHash(hash))
            Q_EMIT notice(tr("The answer to order #%1 was lost (%2): looking for it at the exchange; it is not sent again.")
                              .arg(t->order.id)
                              .arg(error));
    });
    connect(&m_rest, &ClobRestClient::cancelAnswered, this, &LiveBroker::onCancelAnswered);
    connect(&m_rest, &ClobRestClient::openOrdersLoaded, this, &LiveBroker::onOpenOrders);
    connect(&m_rest, &ClobRestClient::tradesLoaded, this, [this](const QJsonArray &trades) {
        for (const QJsonValue &v : trades) {
            UserTradeEvent e;
            QString error;
            if (UserEvents::parseTrade(v.toObject(), e, error))
                onTradeEvent(e);
        }
        // Trades first, so an order that filled while unseen is not taken for cancelled.
        m_rest.fetchOpenOrders(signerAddress(), m_account.creds);
    });
    connect(&m_rest, &ClobRestClient::tokenBalanceLoaded, this, [this](const QString &tokenId, Fixed shares) {
        if (shares > 0 && m_listener)
            m_listener->onHeldAtStart(tokenId, shares);
    });
    connect(&m_rest, &ClobRestClient::failed, this, [this](const QString &call, const QString &error) {
        if (call == QLatin1String("open orders") || call == QLatin1String("trades"))
            m_reconciling = false;
        if (call == QLatin1String("balance") && !m_status.ready)
            setState(false, tr("the balance cannot be read: %1").arg(error));
        Q_EMIT notice(tr("Exchange call \"%1\" failed: %2").arg(call, error));
    });
    connect(&m_rest, &ClobRestClient::rateLimit, this, [this](const QString &tier, int remaining) {
        m_status.rateTier = tier;
        m_status.rateRemaining = remaining;
        publishStatus();
    });
    connect(&m_rest, &ClobRestClient::throttled, this, [this](const QString &path, int retryAfterMs) {
        Q_EMIT notice(tr("The exchange is throttling %1: sent again in %2 s.").arg(path).arg((retryAfterMs + 999) / 1000));
    });
    connect(&m_rest, &ClobRestClient::timeSynced, this, [this](qint64 offsetS) {
        m_status.clockOffsetS = offsetS;
        m_rest.checkVersion();
    });
    connect(&m_rest, &ClobRestClient::versionChecked, this, [this](bool ok, int, const QString &reason) {
        if (!ok) {
            setState(false, reason);
            return;
        }
        m_rest.fetchBalance(signerAddress(), m_account.creds);
    });
    connect(&m_rest, &ClobRestClient::balanceLoaded, this, [this](Fixed micro) {
        // Ready once the cash is known: the risk limits count it (once: fills move it after).
        if (m_status.ready)
            return;
        if (m_listener)
            m_listener->onCashBalance(micro);
        setState(true, tr("ready"));
        // What the account already holds in the markets followed, so it can be sold.
        for (auto it = m_conditionOf.cbegin(); it != m_conditionOf.cend(); ++it)
            m_rest.fetchTokenBalance(signerAddress(), m_account.creds, it.key());
        m_channel.start(m_account.userChannelUrl, m_account.creds, {});
        m_heartbeats.start(signerAddress(), m_account.creds);
    });
    connect(&m_heartbeats, &HeartbeatKeeper::beating, this, [this](int beats) {
        m_status.heartbeats = beats;
        m_status.heartbeatProblem.clear();
        publishStatus();
    });
    connect(&m_heartbeats, &HeartbeatKeeper::lost, this, [this](const QString &reason) {
        m_status.heartbeatProblem = reason;
        publishStatus();
        Q_EMIT notice(tr("Heartbeat failed (%1): the exchange cancels every resting order when heartbeats stop.").arg(reason));
    });
    connect(&m_channel, &UserChannelClient::connected, this, [this](bool) {
        m_status.userChannel = true;
        publishStatus();
        reconcile(); // at the start too: orders may rest from before
    });
    connect(&m_channel, &UserChannelClient::disconnected, this, [this](const QString &reason) {
        m_status.userChannel = false;
        publishStatus();
        Q_EMIT notice(tr("User channel lost (%1): reconnecting; fills are read over REST when it is back.").arg(reason));
    });
    connect(&m_channel, &UserChannelClient::orderEvent, this, &LiveBroker::onOrderEvent);
    connect(&m_channel, &UserChannelClient::tradeEvent, this, &LiveBroker::onTradeEvent);
}

LiveBroker::~LiveBroker()
{
    m_heartbeats.stop();
    m_channel.stop();
}

void LiveBroker::start()
{
    if (m_account.signatureType == 3) {
        setState(false, tr("deposit-wallet accounts (signature type 3) are not supported for live orders yet"));
        return;
    }
    m_rest.syncTime();
}

void LiveBroker::setState(bool ready, const QString &state)
{
    m_status.ready = ready;
    m_status.state = state;
    publishStatus();
}

void LiveBroker::publishStatus()
{
    int pending = 0;
    for (const auto &[id, t] : m_orders)
        pending += t.order.pending > 0 ? 1 : 0;
    m_status.pendingMatches = pending;
    Q_EMIT statusChanged(m_status);
}

void LiveBroker::setMarket(const QString &assetId, const QString &conditionId)
{
    m_conditionOf.insert(assetId, conditionId);
}

MarketRules LiveBroker::rules(const QString &assetId) const
{
    return withLiveTick(m_rules.value(assetId, m_defaultRules), m_books, assetId);
}

std::int64_t LiveBroker::nowMs() const
{
    return m_lastEventMs > 0 ? m_lastEventMs : QDateTime::currentMSecsSinceEpoch();
}

QString LiveBroker::signerAddress() const
{
    return m_key.address();
}

QString LiveBroker::makerAddress() const
{
    return m_account.funder.isEmpty() ? m_key.address() : m_account.funder;
}

Order LiveBroker::submit(const OrderRequest &request, std::int64_t nowMs)
{
    Order order;
    order.id = m_nextId++;
    order.request = request;
    order.createdMs = order.updatedMs = nowMs;
    const MarketRules marketRules = rules(request.assetId);
    QString refusal = m_status.ready ? OrderValidator::check(request, marketRules, nowMs)
                                     : tr("live trading is not ready: %1").arg(m_status.state);
    ClobRestClient::BatchLeg leg;
    if (refusal.isEmpty()) {
        // Every type is sent in the limit shape (shares at a worst price), as
        // the official clients post a limit order as FOK/FAK: the trader gets
        // the shares asked for, where the market shape (dollars to spend)
        // rounds them.
        const std::optional<OrderAmounts> amounts = OrderAmounts::limit(request.side, request.price, request.size, marketRules.tick);
        if (!amounts)
            refusal = tr("the tick %1 is not one the exchange uses").arg(QString::fromStdString(formatFixed(marketRules.tick)));
        else {
            ClobOrder &o = leg.order;
            // Salt: a JSON number in the body, so it stays below 2^53.
            o.salt = QString::number(QRandomGenerator::global()->bounded(quint64(1) << 52) + 1);
            o.maker = makerAddress();
            o.signer = signerAddress();
            o.tokenId = request.assetId;
            o.makerAmount = decimal(amounts->maker);
            o.takerAmount = decimal(amounts->taker);
            o.side = request.side == Side::Buy ? 0 : 1;
            o.signatureType = m_account.signatureType;
            o.timestamp = QString::number(m_rest.serverNowS() * 1000 + QDateTime::currentMSecsSinceEpoch() % 1000);
            // The exchange keeps a minute's margin: the order is sent to expire
            // a minute after the time asked for, so it works until then.
            o.expiration = request.type == OrderType::GTD ? QString::number(request.expiresMs / 1000 + 60) : QStringLiteral("0");
            const Eip712Domain domain{QStringLiteral("Polymarket CTF Exchange"), QStringLiteral("2"), m_account.chainId,
                                      marketRules.negRisk ? Eip712Domain::negRiskExchangeV2() : Eip712Domain::standardExchangeV2()};
            QString error;
            if (!OrderSigner::sign(domain, o, m_key, leg.signedOrder, error))
                refusal = tr("could not sign the order: %1").arg(error);
            leg.orderType = QString::fromLatin1(orderTypeName(request.type));
            leg.postOnly = request.postOnly;
        }
    }
    if (!refusal.isEmpty()) {
        order.status = OrderStatus::Invalid;
        order.reason = refusal;
        emitOrder(order);
        return order;
    }
    order.status = OrderStatus::Pending;
    const QString hash = QStringLiteral("0x") + QString::fromLatin1(leg.signedOrder.orderHash.toHex());
    m_orders.emplace(order.id, Tracked{order, hash, {}});
    m_idOfHash.insert(hash, order.id);
    m_outgoing.append(leg);
    // Orders made in one go (a flatten, a ladder click burst) share a batch.
    if (!m_flushQueued) {
        m_flushQueued = true;
        QTimer::singleShot(0, this, &LiveBroker::flush);
    }
    emitOrder(order);
    return order;
}

void LiveBroker::flush()
{
    m_flushQueued = false;
    const QList<ClobRestClient::BatchLeg> legs = std::exchange(m_outgoing, {});
    for (qsizetype i = 0; i < legs.size(); i += ClobRestClient::kMaxBatch) {
        const QList<ClobRestClient::BatchLeg> batch = legs.mid(i, ClobRestClient::kMaxBatch);
        if (batch.size() == 1)
            m_rest.postOrder(signerAddress(), m_account.creds, batch[0].order, batch[0].signedOrder, batch[0].orderType,
                             batch[0].postOnly);
        else
            m_rest.postOrders(signerAddress(), m_account.creds, batch);
    }
}

LiveBroker::Tracked *LiveBroker::byHash(const QString &hash)
{
    const auto it = m_idOfHash.constFind(hash.toLower());
    return it == m_idOfHash.cend() ? nullptr : byId(*it);
}

LiveBroker::Tracked *LiveBroker::byId(qint64 id)
{
    const auto it = m_orders.find(id);
    return it == m_orders.end() ? nullptr : &it->second;
}

void LiveBroker::update(Tracked &t, OrderStatus status, const QString &reason)
{
    t.order.status = status;
    if (!reason.isEmpty())
        t.order.reason = reason;
    t.order.updatedMs = nowMs();
    emitOrder(t.order);
}

void LiveBroker::emitOrder(const Order &order)
{
    if (m_listener)
        m_listener->onOrderUpdated(order);
}

void LiveBroker::onPlaced(const QString &hash, const QString &status)
{
    Tracked *t = byHash(hash);
    if (!t || t->order.status != OrderStatus::Pending)
        return; // the user channel told it first
    const QString s = status.toLower();
    if (s == QLatin1String("delayed"))
        update(*t, OrderStatus::Delayed);
    else if (s == QLatin1String("unmatched"))
        update(*t, OrderStatus::Unmatched, tr("nothing to match at the limit"));
    else if (s == QLatin1String("matched") && t->order.filled + t->order.pending >= t->order.request.size)
        update(*t, OrderStatus::Matched);
    else if (s == QLatin1String("matched") && isMarketable(t->order.request.type))
        update(*t, OrderStatus::Matched); // its fills follow on the user channel
    else
        update(*t, OrderStatus::Live);
}

void LiveBroker::onRefused(const QString &hash, const QString &reason)
{
    Tracked *t = byHash(hash);
    if (!t || t->order.status != OrderStatus::Pending)
        return;
    update(*t, OrderStatus::Invalid, reason);
}

void LiveBroker::onOrderEvent(const UserOrderEvent &e)
{
    Tracked *t = byHash(e.id);
    if (!t)
        return; // another client's order on this account
    if (e.status == QLatin1String("CANCELED") || e.status == QLatin1String("CANCELED_MARKET_RESOLVED")
        || e.type == QLatin1String("CANCELLATION")) {
        if (t->order.working())
            update(*t, e.status == QLatin1String("CANCELED_MARKET_RESOLVED") ? OrderStatus::CanceledMarketResolved
                                                                              : OrderStatus::Canceled,
                   !t->cancelReason.isEmpty() ? t->cancelReason
                   : e.reason.isEmpty()       ? tr("canceled at the exchange")
                                              : e.reason);
        return;
    }
    if (e.status == QLatin1String("MATCHED")) {
        if (t->order.working())
            update(*t, OrderStatus::Matched);
        return;
    }
    if (e.status == QLatin1String("LIVE") && t->order.status == OrderStatus::Pending)
        update(*t, OrderStatus::Live);
}

void LiveBroker::onTradeEvent(const UserTradeEvent &e)
{
    for (const UserTradeEvent::Leg &leg : e.legs) {
        Tracked *t = byHash(leg.orderId);
        if (!t)
            continue;
        const QString key = e.id + QLatin1Char('/') + leg.orderId.toLower();
        const QString before = m_legs.value(key);
        if (before == e.status || before == QLatin1String("CONFIRMED") || before == QLatin1String("FAILED"))
            continue; // seen (the channel and REST can both report it)
        Order &o = t->order;
        const bool wasPending = isMatchedLike(before);
        if (isMatchedLike(e.status)) {
            m_legs.insert(key, e.status);
            if (wasPending)
                continue;
            o.pending += leg.size;
        } else if (e.status == QLatin1String("CONFIRMED")) {
            m_legs.insert(key, e.status);
            if (wasPending)
                o.pending -= leg.size;
            o.filled += leg.size;
            const MarketRules r = rules(o.request.assetId);
            Fill fill{o.id,
                      o.request.assetId,
                      nowMs(),
                      o.request.side,
                      leg.price,
                      leg.size,
                      leg.maker ? 0 : r.fees.takerFee(leg.size, leg.price),
                      fillNotional(o.request.side, leg.price, leg.size),
                      leg.maker};
            if (m_listener)
                m_listener->onFill(fill);
        } else if (e.status == QLatin1String("FAILED")) {
            m_legs.insert(key, e.status);
            if (wasPending)
                o.pending -= leg.size;
            Q_EMIT notice(tr("A match of order #%1 (%2 at %3) FAILED on chain: it is not in the position.")
                              .arg(o.id)
                              .arg(QString::fromStdString(formatFixed(leg.size)), QString::fromStdString(formatFixed(leg.price))));
        } else {
            continue;
        }
        if (o.working() && o.filled + o.pending >= o.request.size)
            o.status = OrderStatus::Matched;
        o.updatedMs = nowMs();
        emitOrder(o);
        publishStatus();
    }
}

bool LiveBroker::cancel(qint64 id, std::int64_t, const QString &reason)
{
    Tracked *t = byId(id);
    if (!t || !t->order.working())
        return false;
    t->cancelReason = reason;
    m_rest.cancelOrder(signerAddress(), m_account.creds, t->hash);
    return true;
}

int LiveBroker::cancelAll(std::int64_t, const QString &reason)
{
    int n = 0;
    for (auto &[id, t] : m_orders) {
        if (t.order.working()) {
            t.cancelReason = reason;
            ++n;
        }
    }
    if (n > 0)
        m_rest.cancelAll(signerAddress(), m_account.creds);
    return n;
}

void LiveBroker::onCancelAnswered(const QStringList &canceled, const QVariantMap &notCanceled)
{
    for (const QString &hash : canceled)
        if (Tracked *t = byHash(hash); t && t->order.working())
            update(*t, OrderStatus::Canceled, t->cancelReason.isEmpty() ? tr("canceled") : t->cancelReason);
    for (auto it = notCanceled.cbegin(); it != notCanceled.cend(); ++it)
        if (Tracked *t = byHash(it.key()))
            Q_EMIT notice(tr("Order #%1 was not cancelled: %2").arg(t->order.id).arg(it.value().toString()));
}

void LiveBroker::reconcile()
{
    if (m_reconciling || !m_status.ready)
        return;
    m_reconciling = true;
    m_rest.fetchTrades(signerAddress(), m_account.creds);
}

void LiveBroker::onOpenOrders(const QJsonArray &orders)
{
    m_reconciling = false;
    QSet<QString> open;
    for (const QJsonValue &v : orders) {
        UserOrderEvent e;
        QString error;
        if (!UserEvents::parseOrder(v.toObject(), e, error))
            continue;
        open.insert(e.id.toLower());
        if (Tracked *t = byHash(e.id); t && t->order.status == OrderStatus::Pending)
            update(*t, OrderStatus::Live);
    }
    // What this session thinks works but the exchange no longer holds ended
    // while unseen: filled (the trades just read say so) or cancelled.
    for (auto &[id, t] : m_orders) {
        if (!t.order.working() || t.order.status == OrderStatus::Pending || open.contains(t.hash))
            continue;
        if (t.order.filled + t.order.pending >= t.order.request.size)
            update(t, OrderStatus::Matched);
        else
            update(t, OrderStatus::Canceled,
                   t.cancelReason.isEmpty() ? tr("no longer open at the exchange (cancelled or expired there while unseen)")
                                            : t.cancelReason);
    }
}

const Order *LiveBroker::order(qint64 id) const
{
    const auto it = m_orders.find(id);
    return it != m_orders.end() && it->second.order.working() ? &it->second.order : nullptr;
}

std::vector<Order> LiveBroker::workingOrders() const
{
    std::vector<Order> out;
    for (const auto &[id, t] : m_orders)
        if (t.order.working())
            out.push_back(t.order);
    return out;
}

std::vector<Order> LiveBroker::workingOrders(const QString &assetId) const
{
    std::vector<Order> out;
    for (const auto &[id, t] : m_orders)
        if (t.order.working() && t.order.request.assetId == assetId)
            out.push_back(t.order);
    return out;
}

void LiveBroker::onTop(const AssetBook &, std::int64_t timestampMs)
{
    m_lastEventMs = std::max(m_lastEventMs, timestampMs);
}

void LiveBroker::onTrade(const AssetBook &, const LastTradeEvent &event)
{
    m_lastEventMs = std::max(m_lastEventMs, event.timestampMs);
}

} // namespace polymon
