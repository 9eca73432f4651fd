#pragma once

#include "apicredentials.h"
#include "clobmarketrules.h"
#include "cloborder.h"
#include "ordersigner.h"
#include "protocol/fixedpoint.h"

#include <QJsonArray>
#include <QVariantMap>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace polymon {

class EthKey;

// The CLOB's REST API: the server's clock (timestamps are signed in the
// server's seconds, so local clock skew is measured first), the version,
// API credentials created or derived with L1, and the trading calls signed
// with L2 (balance, orders one by one or in batches of 15, the cancel
// variants, open orders, trades, heartbeats). Every call has a timeout;
// every failure says what the server answered. Order answers name the
// order by its EIP-712 hash, which the caller computed before sending.
class ClobRestClient final : public QObject
{
    Q_OBJECT
public:
    explicit ClobRestClient(const QUrl &base, quint64 chainId = 137, QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Seconds to add to the local clock to get the server's (after syncTime()).
    qint64 clockOffsetS() const noexcept { return m_offsetS; }
    qint64 serverNowS() const;

    void syncTime();
    // GET /clob-markets/{condition_id} (public): the market's tick, minimum
    // size, neg-risk flag and fee parameters.
    void fetchMarketRules(const QString &conditionId);
    // GET /version; versionChecked(ok, version, reason): ok only for a
    // version this client signs for (kSignedVersion).
    void checkVersion();
    static constexpr int kSignedVersion = 2;
    // POST /v1/heartbeats with the previous answer's id ("" to start).
    void sendHeartbeat(const QString &address, const ApiCredentials &creds, const QString &previousId);
    // POST /auth/api-key, and GET /auth/derive-api-key when they exist already.
    void createOrDeriveApiKey(const EthKey &key, quint64 nonce = 0);
    void fetchBalance(const QString &address, const ApiCredentials &creds);
    // The outcome tokens of one kind the account holds (shares in millionths).
    void fetchTokenBalance(const QString &address, const ApiCredentials &creds, const QString &tokenId);
    // POST /order: the signed order, its type (GTC, GTD, FOK, FAK) and post-only.
    void postOrder(const QString &address, const ApiCredentials &creds, const ClobOrder &order, const SignedOrder &signedOrder,
                   const QString &orderType, bool postOnly);
    // POST /orders: up to kMaxBatch signed orders in one call; each leg answers alone.
    struct BatchLeg
    {
        ClobOrder order;
        SignedOrder signedOrder;
        QString orderType;
        bool postOnly = false;
    };
    static constexpr int kMaxBatch = 15;
    void postOrders(const QString &address, const ApiCredentials &creds, const QList<BatchLeg> &legs);
    void fetchOpenOrders(const QString &address, const ApiCredentials &creds);
    // GET /data/trades: the account's recent trades (reconciliation after a reconnect).
    void fetchTrades(const QString &address, const ApiCredentials &creds);
    void cancelOrder(const QString &address, const ApiCredentials &creds, const QString &orderId);
    void cancelOrders(const QString &address, const ApiCredentials &creds, const QStringList &orderIds);
    void cancelAll(const QString &address, const ApiCredentials &creds);
    // DELETE /cancel-market-orders: a market's (or one of its tokens') orders.
    void cancelMarket(const QString &address, const ApiCredentials &creds, const QString &conditionId, const QString &assetId);
    // The body POST /order sends (signed byte for byte by the L2 header).
    static QByteArray orderBody(const ApiCredentials &creds, const ClobOrder &order, const SignedOrder &signedOrder,
                                const QString &orderType, bool postOnly);

Q_SIGNALS:
    void timeSynced(qint64 offsetS);
    void marketRulesLoaded(const QString &conditionId, const polymon::ClobMarketRules &rules);
    void versionChecked(bool ok, int version, const QString &reason);
    void heartbeatAnswered(const QString &nextId);
    void credentialsReady(const polymon::ApiCredentials &creds);
    void balanceLoaded(polymon::Fixed micro);
    void tokenBalanceLoaded(const QString &tokenId, polymon::Fixed shares);
    // status as the exchange answers: live, matched, delayed, unmatched.
    void orderPlaced(const QString &orderHash, const QString &status);
    void orderRefused(const QString &orderHash, const QString &reason);
    // The answer to POST /order was lost: the client looks for the order's
    // hash among the open orders instead of sending it again.
    void orderAnswerLost(const QString &orderHash, const QString &error);
    void openOrdersLoaded(const QJsonArray &orders);
    void tradesLoaded(const QJsonArray &trades);
    // notCanceled: order id -> the exchange's reason.
    void cancelAnswered(const QStringList &canceled, const QVariantMap &notCanceled);
    void failed(const QString &call, const QString &error);
    // The exchange's rate-limit headers, whenever an answer carries them.
    void rateLimit(const QString &tier, int remaining);
    // 429: the call was not processed and goes again after `retryAfterMs`.
    void throttled(const QString &path, int retryAfterMs);

private:
    using Handler = std::function<void(int status, const QByteArray &body)>;
    // `once`: the body is never sent a second time by the network stack
    // (order submits: a dropped connection must fail, not place it twice).
    void send(const QString &method, const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers,
              const QByteArray &body, const Handler &handler, bool once = false, int attempt = 0);
    // A trading call: `send` with the L2 headers for `address` and `creds`.
    void sendL2(const QString &method, const QString &path, const QString &address, const ApiCredentials &creds,
                const QByteArray &body, const Handler &handler, bool once = false);
    static constexpr int kMaxThrottleRetries = 3;
    static constexpr int kMaxRetryAfterS = 10; // longer: the signed timestamp would be stale
    // "HTTP 401: <the server's error>", or the network's reason when no answer came (status 0).
    static QString describe(int status, const QByteArray &body);
    // GET a /balance-allowance path and hand its "balance" on; `call` names it in failures.
    void readBalance(const QString &path, const QString &call, const QString &address, const ApiCredentials &creds,
                     const std::function<void(Fixed)> &onBalance);
    void findAfterLostAnswer(const QString &address, const ApiCredentials &creds, const QStringList &orderHashes);
    static QJsonObject orderJson(const ClobOrder &order, const SignedOrder &signedOrder);
    void sendCancel(const QString &path, const QString &address, const ApiCredentials &creds, const QByteArray &body);

    QNetworkAccessManager m_network;
    QUrl m_base;
    quint64 m_chainId;
    int m_timeoutMs = 10'000;
    qint64 m_offsetS = 0;
};

} // namespace polymon
