#pragma once

#include "protocol/fixedpoint.h"
#include "simuserorders.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace polymon {

class SimExchange;
class SimUserChannel;

// The simulator's CLOB behind its REST routes: accounts' balances (pUSD and
// outcome tokens), their orders, and the matching. With a SimExchange
// attached, orders trade against its books (a BUY of NO at p is a SELL of
// YES at 1 - p there): marketable parts take at once, the rest joins the
// back of its level, the market channel shows both, and the simulated flow
// fills resting orders in queue order. Every change goes out on the user
// channel as the exchange sends it: order events (PLACEMENT, UPDATE,
// CANCELLATION) and trade events that go MATCHED, then MINED and CONFIRMED
// (or FAILED, which gives the balances back). Without an exchange orders
// only rest. Fees are not charged (the simulated markets have none).
class SimOrderDesk final : public QObject
{
    Q_OBJECT
public:
    explicit SimOrderDesk(SimUserChannel *channel, QObject *parent = nullptr);
    ~SimOrderDesk() override;

    // Orders then trade in this exchange's books; its markets are known.
    void attach(SimExchange *exchange);

    struct Market
    {
        Fixed tick = 10'000;
        Fixed minSize = 5'000'000;
        bool negRisk = false;
        QString conditionId;
        int index = -1;  // in the attached exchange, -1: none
        bool yes = true; // the token is the market's YES
    };
    void setMarket(const QString &tokenId, const Market &market) { m_markets.insert(tokenId, market); }
    // The token's market (the attached exchange's live tick), or false.
    bool market(const QString &tokenId, Market &out) const;

    // GET /clob-markets/{condition_id} for a market of the attached exchange
    // (no fees: the simulated markets charge none); empty when unknown.
    QJsonObject marketRules(const QString &conditionId) const;

    void setBalance(const QString &address, Fixed micro) { m_cash.insert(address.toLower(), micro); }
    Fixed balance(const QString &address) const { return m_cash.value(address.toLower()); }
    void setShares(const QString &address, const QString &tokenId, Fixed shares);
    Fixed shares(const QString &address, const QString &tokenId) const;

    // An order the REST route has checked (signature, tick, amounts).
    struct Placement
    {
        QString id; // its EIP-712 hash
        QString owner; // API key
        QString address; // the funder whose balances it uses
        QString tokenId;
        int side = 0; // 0 BUY, 1 SELL
        Fixed price = 0;
        Fixed shares = 0;
        Fixed dollars = 0; // a BUY's most it pays
        QString orderType; // GTC, GTD, FOK, FAK
        bool postOnly = false;
        qint64 expiresS = 0; // GTD
    };
    // Places it; false with the exchange's reason. `status` as POST /order
    // answers: live, matched or unmatched.
    bool place(const Placement &order, QString &status, QString &error);
    // The ids cancelled and, for the others, why not.
    QStringList cancel(const QString &owner, const QStringList &ids, QHash<QString, QString> &notCanceled);
    QStringList cancelAll(const QString &owner);
    QStringList cancelMarket(const QString &owner, const QString &conditionId, const QString &tokenId);
    QJsonArray openOrders(const QString &owner) const;
    QJsonArray trades(const QString &owner) const;
    int openOrderCount() const { return int(m_orders.size()); }
    // Cancels GTD orders whose time has come.
    void expire(qint64 nowS);

    // How long a match stays MATCHED before it is CONFIRMED (or FAILED).
    void setSettleDelayMs(int ms) { m_settleDelayMs = ms; }
    // Fault: the next `count` matches go MATCHED, then FAILED.
    void failNextMatches(int count) { m_failing = count; }
    int tradeCount() const { return int(m_trades.size()); }

private:
    struct Resting
    {
        QString id;
        QString owner;
        QString address;
        QString tokenId;
        int side = 0;
        Fixed price = 0;
        Fixed size = 0;
        Fixed matched = 0;
        QString orderType;
        qint64 expiresS = 0;
        qint64 createdS = 0;
        std::uint64_t bookId = 0; // in the exchange's book, 0: not there
        Fixed remaining() const { return size - matched; }
    };
    struct Trade
    {
        QString id;
        QString owner;
        QString address;
        QString orderId;
        QString takerOrderId;
        QString tokenId;
        int side = 0;
        Fixed price = 0;
        Fixed size = 0;
        bool maker = false;
        QString status;
        qint64 matchS = 0;
        qint64 updateS = 0;
        bool failing = false;
    };
    // What resting orders of `address` hold: pUSD for BUYs, shares of `tokenId` for SELLs.
    Fixed heldCash(const QString &address) const;
    Fixed heldShares(const QString &address, const QString &tokenId) const;
    void onUserFills(const std::vector<SimUserOrders::Fill> &fills);
    // Books one match of an order: balances move, the trade is sent MATCHED.
    void match(Resting &order, Fixed price, Fixed size, bool maker, const QString &takerOrderId);
    void settle(const QString &tradeId);
    void removeOrder(const QString &id, const QString &why);
    QJsonObject orderEvent(const Resting &order, const char *type, const QString &status) const;
    QJsonObject tradeEvent(const Trade &trade) const;
    QString conditionOf(const QString &tokenId) const;

    SimUserChannel *m_channel;
    SimExchange *m_exchange = nullptr;
    QHash<QString, Market> m_markets;           // by token
    QHash<QString, Fixed> m_cash;               // by lower-case address
    QHash<QString, Fixed> m_tokens;             // "address/token"
    QList<Resting> m_orders;                    // open orders
    QHash<std::uint64_t, QString> m_byBookId;   // the exchange's id -> order id
    QList<Trade> m_trades;
    std::uint64_t m_nextBookId = 1;
    int m_settleDelayMs = 200;
    int m_failing = 0;
};

} // namespace polymon
