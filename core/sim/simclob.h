#pragma once

#include "clob/apicredentials.h"
#include "protocol/fixedpoint.h"
#include "simorderdesk.h"

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
class QJsonObject;

namespace polymon {

class SimExchange;
class SimUserChannel;

// The simulator's CLOB: its REST endpoints on loopback, checking what the
// real exchange checks, and its user channel (SimUserChannel). /time,
// /version, L1 authentication (POST /auth/api-key, GET /auth/derive-api-key:
// the ClobAuth signature must recover POLY_ADDRESS, the timestamp be fresh)
// and L2 authentication of every trading call (the API key must belong to
// the address, the passphrase match, the HMAC over timestamp + method + path
// + body verify, the timestamp be within 30 s of the server's clock). Orders
// (POST /order, POST /orders up to 15) are checked as the exchange checks
// them (owner, signer, EIP-712 signature for the market's exchange, tick,
// minimum size, balance) and handed to SimOrderDesk, which matches them in
// the attached SimExchange's books; DELETE /order, /orders, /cancel-all and
// /cancel-market-orders cancel; GET /data/orders and /data/trades read; the
// heartbeat dead-man switch cancels everything when it lapses.
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
    // Orders trade in this exchange's books (see SimOrderDesk).
    void attach(SimExchange *exchange) { m_desk->attach(exchange); }
    SimOrderDesk &desk() noexcept { return *m_desk; }
    SimUserChannel &userChannel() noexcept { return *m_channel; }
    // The pUSD an address holds (micro-dollars); 0 unless set.
    void setBalance(const QString &address, Fixed micro) { m_desk->setBalance(address, micro); }
    // A market's rules for orders on its token (an attached exchange knows its own).
    using Market = SimOrderDesk::Market;
    void setMarket(const QString &tokenId, const Market &market) { m_desk->setMarket(tokenId, market); }
    int requestCount() const noexcept { return m_requests; }
    // What GET /version answers (2 today; a client must refuse to sign for another).
    void setVersion(int version) { m_version = version; }
    // The dead-man switch: once an account sent a heartbeat, missing the next
    // one for this long cancels all its open orders.
    void setHeartbeatTimeoutMs(int ms) { m_heartbeatTimeoutMs = ms; }
    int openOrderCount() const { return m_desk->openOrderCount(); }
    // Fault: the next `count` accepted orders are placed, then the connection
    // drops before the answer (the client cannot know whether they rest).
    void loseNextOrderAnswers(int count) { m_lostAnswers = count; }
    int orderPosts() const noexcept { return m_orderPosts; }
    int batchPosts() const noexcept { return m_batchPosts; }
    // Trading calls per second and API key before 429 Too Many Requests
    // (0: no limit); answers carry the Poly-RateLimit-* headers.
    void setRateLimit(int perSecond) { m_ratePerSecond = perSecond; }
    int throttledCount() const noexcept { return m_throttled; }

    static constexpr qint64 kMaxSkewS = 30;
    static constexpr int kMaxBatch = 15; // POST /orders

private:
    struct Account
    {
        QString address; // EIP-55
        ApiCredentials creds;
    };
    QHttpServerResponse apiKey(const QHttpServerRequest &request, bool create);
    QHttpServerResponse balance(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse postOrder(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse postOrders(const Account &owner, const QHttpServerRequest &request);
    // One order of a POST /order or /orders body: the answer object and its HTTP status.
    QJsonObject placeOne(const Account &owner, const QJsonObject &body, bool &ok);
    QHttpServerResponse openOrders(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse trades(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse cancelOrder(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse cancelOrders(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse cancelAll(const Account &owner, const QHttpServerRequest &request);
    QHttpServerResponse cancelMarket(const Account &owner, const QHttpServerRequest &request);
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
    SimUserChannel *m_channel; // children
    SimOrderDesk *m_desk;
    int m_version = 2;
    int m_lostAnswers = 0;
    int m_orderPosts = 0;
    int m_batchPosts = 0;
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
