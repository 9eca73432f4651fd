#include "simclob.h"

#include "simuserchannel.h"

#include "clob/clobauth.h"
#include "clob/cloborder.h"
#include "clob/ordersigner.h"
#include "clob/ethkey.h"
#include "clob/l2hmac.h"

#include <QDateTime>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QTcpSocket>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

namespace polymon {

namespace {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse errorResponse(const QString &message, Status status)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), message}}, status);
}

QString header(const QHttpServerRequest &request, const char *name)
{
    // Header names are case-insensitive; QHttpServerRequest::value matches exactly.
    for (const auto &[key, value] : request.headers())
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(value);
    return {};
}

QString methodName(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    default: return QStringLiteral("OTHER");
    }
}

} // namespace

SimClob::SimClob(quint64 chainId, QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<QHttpServer>())
    , m_chainId(chainId)
    , m_channel(new SimUserChannel(
          [this](const ApiCredentials &c) {
              const auto it = m_accounts.constFind(c.apiKey);
              return it != m_accounts.cend() && it->creds.secret == c.secret && it->creds.passphrase == c.passphrase;
          },
          this))
    , m_desk(new SimOrderDesk(m_channel, this))
{
    m_serverSecret.resize(32);
    for (char &c : m_serverSecret)
        c = char(QRandomGenerator::system()->bounded(256));
    m_server->route(QStringLiteral("/time"), [this] {
        ++m_requests;
        return QHttpServerResponse(QString::number(nowS()));
    });
    m_server->route(QStringLiteral("/version"), [this] {
        ++m_requests;
        return QHttpServerResponse(QJsonObject{{QStringLiteral("version"), m_version}});
    });
    m_server->route(QStringLiteral("/clob-markets/<arg>"), [this](const QString &conditionId) {
        ++m_requests;
        const QJsonObject rules = m_desk->marketRules(conditionId);
        return rules.isEmpty() ? errorResponse(QStringLiteral("market not found"), Status::NotFound) : QHttpServerResponse(rules);
    });
    m_server->route(QStringLiteral("/auth/api-key"), QHttpServerRequest::Method::Post,
                    [this](const QHttpServerRequest &request) { return apiKey(request, true); });
    m_server->route(QStringLiteral("/auth/derive-api-key"), QHttpServerRequest::Method::Get,
                    [this](const QHttpServerRequest &request) { return apiKey(request, false); });
    // The trading calls: L2 headers checked first, the handler gets the account.
    using Handler = QHttpServerResponse (SimClob::*)(const Account &, const QHttpServerRequest &);
    auto l2 = [this](Handler handler) {
        return [this, handler](const QHttpServerRequest &request) {
            ++m_requests;
            QString error;
            const Account *account = checkL2(request, error);
            if (!account)
                return errorResponse(error, Status::Unauthorized);
            if (m_ratePerSecond <= 0)
                return (this->*handler)(*account, request);
            // A one-second window per API key, as the exchange's tiers count per signer.
            Window &w = m_windows[account->creds.apiKey];
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (now - w.startMs >= 1000)
                w = Window{now, 0};
            const qint64 resetMs = w.startMs + 1000 - now;
            if (w.calls >= m_ratePerSecond) {
                ++m_throttled;
                QHttpServerResponse refused = errorResponse(QStringLiteral("Too Many Requests"), Status::TooManyRequests);
                refused.addHeader(QByteArrayLiteral("Retry-After"), QByteArray::number((resetMs + 999) / 1000));
                refused.addHeader(QByteArrayLiteral("Poly-RateLimit-Tier"), QByteArrayLiteral("sim"));
                refused.addHeader(QByteArrayLiteral("Poly-RateLimit-Remaining"), QByteArrayLiteral("0"));
                return refused;
            }
            ++w.calls;
            QHttpServerResponse response = (this->*handler)(*account, request);
            response.addHeader(QByteArrayLiteral("Poly-RateLimit-Tier"), QByteArrayLiteral("sim"));
            response.addHeader(QByteArrayLiteral("Poly-RateLimit-Remaining"), QByteArray::number(m_ratePerSecond - w.calls));
            response.addHeader(QByteArrayLiteral("Poly-RateLimit-Reset"), QByteArray::number((now + resetMs) / 1000));
            return response;
        };
    };
    using Method = QHttpServerRequest::Method;
    m_server->route(QStringLiteral("/balance-allowance"), Method::Get, l2(&SimClob::balance));
    m_server->route(QStringLiteral("/order"), Method::Post,
                    [this, post = l2(&SimClob::postOrder)](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                        ++m_orderPosts;
                        const QHttpServerResponse response = post(request);
                        if (m_lostAnswers > 0 && response.statusCode() == Status::Ok) {
                            --m_lostAnswers; // placed, but the answer never arrives
                            responder.socket()->abort();
                            return;
                        }
                        response.write(std::move(responder));
                    });
    m_server->route(QStringLiteral("/orders"), Method::Post, l2(&SimClob::postOrders));
    m_server->route(QStringLiteral("/order"), Method::Delete, l2(&SimClob::cancelOrder));
    m_server->route(QStringLiteral("/orders"), Method::Delete, l2(&SimClob::cancelOrders));
    m_server->route(QStringLiteral("/cancel-all"), Method::Delete, l2(&SimClob::cancelAll));
    m_server->route(QStringLiteral("/cancel-market-orders"), Method::Delete, l2(&SimClob::cancelMarket));
    m_server->route(QStringLiteral("/data/orders"), Method::Get, l2(&SimClob::openOrders));
    m_server->route(QStringLiteral("/data/trades"), Method::Get, l2(&SimClob::trades));
    m_server->route(QStringLiteral("/v1/heartbeats"), Method::Post, l2(&SimClob::heartbeat));
    m_heartbeatCheck = new QTimer(this);
    m_heartbeatCheck->setInterval(100);
    connect(m_heartbeatCheck, &QTimer::timeout, this, &SimClob::expireHeartbeats);
    m_heartbeatCheck->start();
}

SimClob::~SimClob() = default;

bool SimClob::listen(quint16 port)
{
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    return m_port != 0 && m_channel->listen();
}

QUrl SimClob::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

qint64 SimClob::nowS() const
{
    return QDateTime::currentSecsSinceEpoch() + m_clockOffsetS;
}

ApiCredentials SimClob::credentialsFor(const QString &address, quint64 nonce) const
{
    // Deterministic per (address, nonce), as derive-api-key promises.
    const QByteArray seed = QMessageAuthenticationCode::hash(address.toLower().toLatin1() + '/' + QByteArray::number(nonce),
                                                             m_serverSecret, QCryptographicHash::Sha256);
    ApiCredentials c;
    c.apiKey = QUuid::fromRfc4122(seed.left(16)).toString(QUuid::WithoutBraces);
    c.secret = QString::fromLatin1(QMessageAuthenticationCode::hash("secret", seed, QCryptographicHash::Sha256)
                                       .toBase64(QByteArray::Base64UrlEncoding));
    c.passphrase = QString::fromLatin1(QMessageAuthenticationCode::hash("passphrase", seed, QCryptographicHash::Sha256)
                                           .toHex()
                                           .left(64));
    return c;
}

QString SimClob::checkL1(const QHttpServerRequest &request, quint64 &nonce, QString &error) const
{
    const QString address = header(request, "POLY_ADDRESS");
    const QString signature = header(request, "POLY_SIGNATURE");
    bool tsOk = false, nonceOk = true;
    const qint64 ts = header(request, "POLY_TIMESTAMP").toLongLong(&tsOk);
    const QString nonceText = header(request, "POLY_NONCE"); // absent: nonce 0
    nonce = nonceText.isEmpty() ? 0 : nonceText.toULongLong(&nonceOk);
    if (address.isEmpty() || signature.isEmpty() || !tsOk || !nonceOk) {
        error = QStringLiteral("Invalid L1 Request headers");
        return {};
    }
    if (std::llabs(ts - nowS()) > kMaxSkewS) {
        error = QStringLiteral("Invalid L1 Request headers: the timestamp is more than %1 s from the server's clock").arg(kMaxSkewS);
        return {};
    }
    const QByteArray digest = ClobAuth::digest(address, ts, nonce, m_chainId, error);
    if (digest.isEmpty())
        return {};
    const QByteArray sig = QByteArray::fromHex(signature.mid(signature.startsWith(QLatin1String("0x")) ? 2 : 0).toLatin1());
    const QString signer = EthKey::recoverAddress(digest, sig, error);
    if (signer.isEmpty() || signer.compare(address, Qt::CaseInsensitive) != 0) {
        error = QStringLiteral("Invalid L1 Request headers: the signature is not POLY_ADDRESS's");
        return {};
    }
    return signer;
}

const SimClob::Account *SimClob::checkL2(const QHttpServerRequest &request, QString &error) const
{
    const auto it = m_accounts.constFind(header(request, "POLY_API_KEY"));
    if (it == m_accounts.cend()) {
        error = QStringLiteral("Unauthorized/Invalid api key");
        return nullptr;
    }
    if (it->address.compare(header(request, "POLY_ADDRESS"), Qt::CaseInsensitive) != 0) {
        error = QStringLiteral("the API key does not belong to POLY_ADDRESS");
        return nullptr;
    }
    if (it->creds.passphrase != header(request, "POLY_PASSPHRASE")) {
        error = QStringLiteral("Unauthorized/Invalid api key");
        return nullptr;
    }
    const QString ts = header(request, "POLY_TIMESTAMP");
    bool ok = false;
    if (std::llabs(ts.toLongLong(&ok) - nowS()) > kMaxSkewS || !ok) {
        error = QStringLiteral("the request has expired: POLY_TIMESTAMP is more than %1 s from the server's clock").arg(kMaxSkewS);
        return nullptr;
    }
    const QString expected = L2Hmac::signature(it->creds.secret, ts, methodName(request), request.url().path(), request.body());
    if (expected != header(request, "POLY_SIGNATURE")) {
        error = QStringLiteral("Unauthorized: the HMAC signature does not verify");
        return nullptr;
    }
    return &*it;
}

QHttpServerResponse SimClob::apiKey(const QHttpServerRequest &request, bool create)
{
    ++m_requests;
    quint64 nonce = 0;
    QString error;
    const QString address = checkL1(request, nonce, error);
    if (address.isEmpty())
        return errorResponse(error, Status::Unauthorized);
    const QString slot = address.toLower() + QLatin1Char('/') + QString::number(nonce);
    const bool exists = m_keyOf.contains(slot);
    if (!create && !exists)
        return errorResponse(QStringLiteral("Could not derive api key!"), Status::BadRequest);
    if (create && exists)
        return errorResponse(QStringLiteral("Could not create api key"), Status::BadRequest);
    const ApiCredentials c = credentialsFor(address, nonce);
    if (create) {
        m_keyOf.insert(slot, c.apiKey);
        m_accounts.insert(c.apiKey, Account{address, c});
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("apiKey"), c.apiKey},
                                           {QStringLiteral("secret"), c.secret},
                                           {QStringLiteral("passphrase"), c.passphrase}});
}

QHttpServerResponse SimClob::balance(const Account &owner, const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    const bool tokens = query.queryItemValue(QStringLiteral("asset_type")) == QLatin1String("CONDITIONAL");
    const Fixed amount = tokens ? m_desk->shares(owner.address, query.queryItemValue(QStringLiteral("token_id")))
                                : m_desk->balance(owner.address);
    return QHttpServerResponse(QJsonObject{{QStringLiteral("balance"), QString::number(amount)},
                                           {QStringLiteral("allowances"), QJsonObject{}}});
}

QHttpServerResponse SimClob::postOrder(const Account &owner, const QHttpServerRequest &request)
{
    bool ok = false;
    const QJsonObject answer = placeOne(owner, QJsonDocument::fromJson(request.body()).object(), ok);
    return QHttpServerResponse(answer, ok ? Status::Ok : Status::BadRequest);
}

QHttpServerResponse SimClob::postOrders(const Account &owner, const QHttpServerRequest &request)
{
    ++m_batchPosts;
    const QJsonArray orders = QJsonDocument::fromJson(request.body()).array();
    if (orders.isEmpty() || orders.size() > kMaxBatch)
        return errorResponse(QStringLiteral("a batch holds 1 to %1 orders").arg(kMaxBatch), Status::BadRequest);
    // Each leg stands alone: a refused one answers success false with its reason.
    QJsonArray answers;
    for (const QJsonValue &v : orders) {
        bool ok = false;
        answers.append(placeOne(owner, v.toObject(), ok));
    }
    return QHttpServerResponse(answers);
}

QJsonObject SimClob::placeOne(const Account &owner, const QJsonObject &body, bool &ok)
{
    const Account *account = &owner;
    QString error;
    ok = false;
    auto refuse = [](const QString &why) {
        return QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("orderID"), QString()},
                           {QStringLiteral("errorMsg"), why}};
    };
    const QJsonObject o = body.value(QStringLiteral("order")).toObject();
    if (body.value(QStringLiteral("owner")).toString() != account->creds.apiKey)
        return refuse(QStringLiteral("the order's owner is not this API key"));
    ClobOrder order;
    if (!ClobOrder::fromJson(o, 2, order, error))
        return refuse(QStringLiteral("invalid order: %1").arg(error));
    if (order.signatureType != 3 && order.signer.compare(account->address, Qt::CaseInsensitive) != 0)
        return refuse(QStringLiteral("the order signer address has to be the address of the API KEY"));
    Market market;
    if (!m_desk->market(order.tokenId, market))
        return refuse(QStringLiteral("market not found for token %1").arg(order.tokenId));
    // The signature must be the signer's, for this market's exchange.
    const Eip712Domain domain{QStringLiteral("Polymarket CTF Exchange"), QStringLiteral("2"), m_chainId,
                              market.negRisk ? Eip712Domain::negRiskExchangeV2() : Eip712Domain::standardExchangeV2()};
    QByteArray hash;
    if (!OrderSigner::orderHash(domain, order, hash, error))
        return refuse(error);
    const QString signatureHex = o.value(QStringLiteral("signature")).toString();
    const QByteArray signature = QByteArray::fromHex(signatureHex.mid(signatureHex.startsWith(QLatin1String("0x")) ? 2 : 0).toLatin1());
    if (order.signatureType == 3 || EthKey::recoverAddress(hash, signature, error).compare(order.signer, Qt::CaseInsensitive) != 0)
        return refuse(QStringLiteral("invalid signature"));
    const QString orderType = body.value(QStringLiteral("orderType")).toString(QStringLiteral("GTC"));
    const bool marketable = orderType == QLatin1String("FOK") || orderType == QLatin1String("FAK");
    const bool postOnly = body.value(QStringLiteral("postOnly")).toBool();
    if (postOnly && marketable)
        return refuse(QStringLiteral("invalid post-only order: only GTC and GTD orders can be post-only"));
    // Amounts: shares and dollars in 6-decimal units; a limit order's price
    // exact on the tick, a marketable order's the worst it accepts.
    const Fixed maker = order.makerAmount.toLongLong(), taker = order.takerAmount.toLongLong();
    const Fixed shares = order.side == 0 ? taker : maker;
    const Fixed dollars = order.side == 0 ? maker : taker;
    if (shares <= 0 || dollars <= 0 || (!marketable && (dollars * kFixedScale) % shares != 0))
        return refuse(QStringLiteral("invalid amounts: the price is not exact"));
    Fixed price = dollars * kFixedScale / shares;
    if (marketable) // a BUY's worst price rounds down to the tick, a SELL's up
        price = order.side == 0 ? price / market.tick * market.tick : (price + market.tick - 1) / market.tick * market.tick;
    if (price % market.tick != 0 || price < market.tick || price > kFixedScale - market.tick)
        return refuse(QStringLiteral("invalid price (%1), min: %2 - max: %3")
                          .arg(QString::fromStdString(formatFixed(price)), QString::fromStdString(formatFixed(market.tick)),
                               QString::fromStdString(formatFixed(kFixedScale - market.tick))));
    if (!marketable && shares < market.minSize)
        return refuse(QStringLiteral("Size (%1) lower than the minimum: %2")
                          .arg(QString::fromStdString(formatFixed(shares)), QString::fromStdString(formatFixed(market.minSize))));
    if (marketable && dollars < kFixedScale)
        return refuse(QStringLiteral("invalid amount for a marketable order (%1), min size: $1")
                          .arg(QString::fromStdString(formatFixed(dollars))));
    SimOrderDesk::Placement p;
    p.id = QStringLiteral("0x") + QString::fromLatin1(hash.toHex());
    p.owner = account->creds.apiKey;
    p.address = order.maker;
    p.tokenId = order.tokenId;
    p.side = order.side;
    p.price = price;
    p.shares = shares;
    p.dollars = dollars;
    p.orderType = orderType;
    p.postOnly = postOnly;
    p.expiresS = order.expiration.toLongLong();
    QString status;
    if (!m_desk->place(p, status, error))
        return refuse(error);
    ok = true;
    return QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("orderID"), p.id},
                       {QStringLiteral("status"), status}, {QStringLiteral("errorMsg"), QString()}};
}

QHttpServerResponse SimClob::heartbeat(const Account &owner, const QHttpServerRequest &request)
{
    const Account *account = &owner;
    const QString previous = QJsonDocument::fromJson(request.body()).object().value(QStringLiteral("heartbeat_id")).toString();
    Heartbeat &h = m_heartbeats[account->creds.apiKey];
    // The chain: each call names the id the previous answer gave ("" to start).
    if (!previous.isEmpty() && previous != h.id)
        return errorResponse(QStringLiteral("invalid heartbeat id"), Status::BadRequest);
    h.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    h.lastMs = QDateTime::currentMSecsSinceEpoch();
    return QHttpServerResponse(QJsonObject{{QStringLiteral("heartbeat_id"), h.id}});
}

void SimClob::expireHeartbeats()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_heartbeats.begin(); it != m_heartbeats.end();) {
        if (now - it->lastMs <= m_heartbeatTimeoutMs) {
            ++it;
            continue;
        }
        // Missed: every open order of the account goes, and the chain starts over.
        m_desk->cancelAll(it.key());
        it = m_heartbeats.erase(it);
    }
}

QHttpServerResponse SimClob::openOrders(const Account &owner, const QHttpServerRequest &)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("data"), m_desk->openOrders(owner.creds.apiKey)},
                                           {QStringLiteral("next_cursor"), QStringLiteral("LTE=")}});
}

QHttpServerResponse SimClob::trades(const Account &owner, const QHttpServerRequest &)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("data"), m_desk->trades(owner.creds.apiKey)},
                                           {QStringLiteral("next_cursor"), QStringLiteral("LTE=")}});
}

namespace {

QHttpServerResponse cancelAnswer(const QStringList &canceled, const QHash<QString, QString> &notCanceled)
{
    QJsonObject reasons;
    for (auto it = notCanceled.cbegin(); it != notCanceled.cend(); ++it)
        reasons.insert(it.key(), it.value());
    return QHttpServerResponse(QJsonObject{{QStringLiteral("canceled"), QJsonArray::fromStringList(canceled)},
                                           {QStringLiteral("not_canceled"), reasons}});
}

} // namespace

QHttpServerResponse SimClob::cancelOrder(const Account &owner, const QHttpServerRequest &request)
{
    const QString id = QJsonDocument::fromJson(request.body()).object().value(QStringLiteral("orderID")).toString();
    QHash<QString, QString> notCanceled;
    const QStringList canceled = m_desk->cancel(owner.creds.apiKey, {id}, notCanceled);
    return cancelAnswer(canceled, notCanceled);
}

QHttpServerResponse SimClob::cancelOrders(const Account &owner, const QHttpServerRequest &request)
{
    QStringList ids;
    for (const QJsonValue &v : QJsonDocument::fromJson(request.body()).array())
        ids << v.toString();
    QHash<QString, QString> notCanceled;
    const QStringList canceled = m_desk->cancel(owner.creds.apiKey, ids, notCanceled);
    return cancelAnswer(canceled, notCanceled);
}

QHttpServerResponse SimClob::cancelAll(const Account &owner, const QHttpServerRequest &)
{
    return cancelAnswer(m_desk->cancelAll(owner.creds.apiKey), {});
}

QHttpServerResponse SimClob::cancelMarket(const Account &owner, const QHttpServerRequest &request)
{
    const QJsonObject o = QJsonDocument::fromJson(request.body()).object();
    return cancelAnswer(m_desk->cancelMarket(owner.creds.apiKey, o.value(QStringLiteral("market")).toString(),
                                             o.value(QStringLiteral("asset_id")).toString()),
                        {});
}

} // namespace polymon
