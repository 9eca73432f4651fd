#pragma once

#include "apicredentials.h"
#include "clobrestclient.h"
#include "ethkey.h"
#include "heartbeatkeeper.h"
#include "livestatus.h"
#include "trading/broker.h"
#include "userchannelclient.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <map>
#include <memory>

namespace polymon {

// Where the live broker trades and as whom.
struct LiveAccount
{
    QUrl restUrl;
    QUrl userChannelUrl;
    quint64 chainId = 137;
    int signatureType = 0; // 0 EOA, 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE (3 is not signed here yet)
    QString funder;        // the maker; empty: the key's own address
    ApiCredentials creds;
};

// Real orders on the CLOB: each is checked like a paper order, signed
// (EIP-712, the market's exchange), named by its hash and sent; submits made
// together go in batches of up to 15. An order is Pending until the exchange
// answers; an answer that never comes is looked up by hash, never resent.
// Fills come from the user channel: MATCHED is pending (shown, not in the
// position), CONFIRMED books the fill, FAILED gives it back. After every
// reconnect (nothing is replayed) open orders and trades are read over REST
// and reconciled. The dead-man heartbeat runs while live; the server's clock
// is measured first and GET /version must be the one this client signs for.
class LiveBroker final : public QObject, public Broker
{
    Q_OBJECT
public:
    LiveBroker(const LiveAccount &account, EthKey key, QObject *parent = nullptr);
    ~LiveBroker() override;

    // Clock, version, user channel, heartbeats, reconciliation.
    void start();
    const LiveStatus &status() const noexcept { return m_status; }
    QString address() const { return m_key.address(); }
    // The market a token belongs to (the user channel follows markets).
    void setMarket(const QString &assetId, const QString &conditionId);
    void setHeartbeatIntervalMs(int ms) { m_heartbeats.setIntervalMs(ms); }
    UserChannelClient &userChannel() noexcept { return m_channel; }
    ClobRestClient &rest() noexcept { return m_rest; }
    // Reads open orders and trades and settles every order against them.
    void reconcile();

    void setListener(BrokerListener *listener) override { m_listener = listener; }
    void setBooks(const BookStore *books) override { m_books = books; }
    void setRules(const QString &assetId, const MarketRules &rules) override { m_rules.insert(assetId, rules); }
    void setDefaultRules(const MarketRules &rules) override { m_defaultRules = rules; }
    MarketRules rules(const QString &assetId) const override;
    Order submit(const OrderRequest &request, std::int64_t nowMs) override;
    bool cancel(qint64 id, std::int64_t nowMs, const QString &reason = QStringLiteral("canceled by user")) override;
    int cancelAll(std::int64_t nowMs, const QString &reason = QStringLiteral("canceled by user")) override;
    // Live orders are never restored from the paper store: reconcile() reads them.
    void restore(const Order &) override {}
    const Order *order(qint64 id) const override;
    std::vector<Order> workingOrders() const override;
    std::vector<Order> workingOrders(const QString &assetId) const override;
    std::int64_t lastEventMs() const noexcept override { return m_lastEventMs; }
    qint64 nextId() const noexcept override { return m_nextId; }
    void setNextId(qint64 id) noexcept override { m_nextId = id; }

    void onTop(const AssetBook &asset, std::int64_t timestampMs) override;
    void onTrade(const AssetBook &asset, const LastTradeEvent &event) override;

Q_SIGNALS:
    void statusChanged(const polymon::LiveStatus &status);
    // Something the trader must know, in plain words.
    void notice(const QString &text);

private:
    struct Tracked
    {
        Order order;
        QString hash;
        QString cancelReason; // set when a cancel was asked for
    };
    void onPlaced(const QString &hash, const QString &status);
    void onRefused(const QString &hash, const QString &reason);
    void onOrderEvent(const UserOrderEvent &event);
    void onTradeEvent(const UserTradeEvent &event);
    void onCancelAnswered(const QStringList &canceled, const QVariantMap &notCanceled);
    void onOpenOrders(const QJsonArray &orders);
    void flush();
    Tracked *byHash(const QString &hash);
    Tracked *byId(qint64 id);
    void update(Tracked &t, OrderStatus status, const QString &reason = {});
    void emitOrder(const Order &order);
    void setState(bool ready, const QString &state);
    void publishStatus();
    std::int64_t nowMs() const;
    QString signerAddress() const;
    QString makerAddress() const;

    LiveAccount m_account;
    EthKey m_key;
    ClobRestClient m_rest;
    UserChannelClient m_channel;
    HeartbeatKeeper m_heartbeats;
    LiveStatus m_status;
    BrokerListener *m_listener = nullptr;
    const BookStore *m_books = nullptr;
    MarketRules m_defaultRules;
    QHash<QString, MarketRules> m_rules;
    QHash<QString, QString> m_conditionOf; // token -> condition id
    std::map<qint64, Tracked> m_orders;    // every order of this session, by local id
    QHash<QString, qint64> m_idOfHash;
    QHash<QString, QString> m_legs;        // "trade/order" -> the last status booked
    QList<ClobRestClient::BatchLeg> m_outgoing;
    bool m_flushQueued = false;
    bool m_reconciling = false;
    qint64 m_nextId = 1;
    std::int64_t m_lastEventMs = 0;
};

} // namespace polymon
