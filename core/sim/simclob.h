#pragma once

#include "clob/apicredentials.h"
#include "protocol/fixedpoint.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;
class QTimer;

namespace polymon {

// The simulator's CLOB REST endpoints, on loopback, checking what the real
// exchange checks. So far: /time, /version, L1 authentication
// (POST /auth/api-key, GET /auth/derive-api-key: the ClobAuth signature
// must recover POLY_ADDRESS, the timestamp be fresh) and L2 authentication
// of the trading calls (the API key must belong to the address, the
// passphrase match, the HMAC over timestamp + method + path + body verify,
// the timestamp be within 30 s of the server's clock), with
// GET /balance-allowance as the first L2 call; orders (POST /order) are
// checked as the exchange checks them (owner, signer, EIP-712 signature
// for the market's exchange, tick, minimum size, balance) and rest, listed
// by GET /data/orders and cancelled by DELETE /order. Not matched yet.
class SimClob final : public QObject
{
    Q_OBJECT
public:
    explicit SimClob(quint64 chainId = 137, QObject *parent = nullptr);
    ~SimClob() override;

    // Port 0 picks a free one; false when it cannot listen.
    bool listen(quint16 port = 0);
    QUrl url() const;

    // The server's clock runs this far ahead of the machine's (tests of clock skew).
    void setClockOffsetS(qint64 seconds) { m_clockOffsetS = seconds; }
    qint64 nowS() const;
    // The pUSD an address holds (micro-dollars); 0 unless set.
    void setBalance(const QString &address, Fixed micro);
    // A market's rules for orders on its token.
    struct Market
    {
        Fixed tick = 10'000;
        Fixed minSize = 5'000'000;
        bool negRisk = false;
    };
    void setMarket(const QString &tokenId, const Market &market) { m_markets.insert(tokenId, market); }
    int requestCount() const noexcept { return m_requests; }
    // What GET /version answers (2 today; a client must refuse to sign for another).
    void setVersion(int version) { m_version = version; }
    // The dead-man switch: once an account sent a heartbeat, missing the next
    // one for this long cancels all its open orders.
    void setHeartbeatTimeoutMs(int ms) { m_heartbeatTimeoutMs = ms; }
    int openOrderCount() const { return int(m_orders.size()); }
    // Fault: the next `count` accepted orders are placed, then the connection
    // drops before the answer (the client cannot know whether they rest).
    void loseNextOrderAnswers(int count) { m_lostAnswers = count; }
    int orderPosts() const noexcept { return m_orderPosts; }
    // Trading calls per second and API key before 429 Too Many Requests
    // (0: no limit); answers carry the Poly-RateLimit-* headers.
    void setRateLimit(int perSecond) { m_ratePerSecond = perSecond; }
    int throttledCount() const noexcept { return m_throttled; }

    static constexpr qint64 kMaxSkewS = 30;

private:
    struct Account
    {
        QString address; // EIP-55
        ApiCredentials creds;
    };
    QHttpServerResponse apiKey(const QHttpServerRequest &request, bool create);
    QHttpServerResponse balance(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse postOrder(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse openOrders(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse cancelOrder(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse heartbeat(const Account &owner, const QHttpServerRequest &request);
    void expireHeartbeats();
    // The address the L1 headers prove, or empty with the reason.
    QString checkL1(const QHttpServerRequest &request, quint64 &nonce, QString &error) const;
    // The account the L2 headers prove, or null with the reason.
    const Account *checkL2(const QHttpServerRequest &request, QString &error) const;
    ApiCredentials credentialsFor(const QString &address, quint64 nonce) const;

    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
    quint64 m_chainId;
    qint64 m_clockOffsetS = 0;
    QByteArray m_serverSecret;
    QHash<QString, Account> m_accounts;     // by API key
    QHash<QString, QString> m_keyOf;        // "address/nonce" -> API key
    QHash<QString, Fixed> m_balances;       // by lower-case address
    QHash<QString, Market> m_markets;       // by token id
    struct Resting
    {
        QString id; // the order hash
        QString owner; // API key
        QString tokenId;
        int side = 0;
        Fixed price = 0;
        Fixed size = 0;     // shares
        Fixed notional = 0; // what a BUY holds of the balance
        QString orderType;
    };
    QList<Resting> m_orders;
    int m_version = 2;
    int m_lostAnswers = 0;
    int m_orderPosts = 0;
    int m_ratePerSecond = 0;
    int m_throttled = 0;
    struct Window
    {
        qint64 startMs = 0;
        int calls = 0;
    };
    QHash<QString, Window> m_windows; // by API key
    int m_heartbeatTimeoutMs = 10'000;
    struct Heartbeat
    {
        QString id;
        qint64 lastMs = 0;
    };
    QHash<QString, Heartbeat> m_heartbeats; // by API key
    QTimer *m_heartbeatCheck = nullptr;
    int m_requests = 0;
};

} // namespace polymon
