#include "simclob.h"

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
    m_server->route(QStringLiteral("/order"), Method::Delete, l2(&SimClob::cancelOrder));
    m_server->route(QStringLiteral("/data/orders"), Method::Get, l2(&SimClob::openOrders));
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
    return m_port != 0;
}

QUrl SimClob::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

qint64 SimClob::nowS() const
{
    return QDateTime::currentSecsSinceEpoch() + m_clockOffsetS;
}

void SimClob::setBalance(const QString &address, Fixed micro)
{
    m_balances.insert(address.toLower(), micro);
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

QHttpServerResponse SimClob::balance(const Account &owner, const QHttpServerRequest &)
{
    const Account *account = &owner;
    const Fixed micro = m_balances.value(account->address.toLower());
    return QHttpServerResponse(QJsonObject{{QStringLiteral("balance"), QString::number(micro)},
                                           {QStringLiteral("allowances"), QJsonObject{}}});
}

QHttpServerResponse SimClob::postOrder(const Account &owner, const QHttpServerRequest &request)
{
    const Account *account = &owner;
    QString error;
    auto refuse = [](const QString &why) {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("orderID"), QString()},
                                               {QStringLiteral("errorMsg"), why}},
                                   Status::BadRequest);
    };
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    const QJsonObject o = body.value(QStringLiteral("order")).toObject();
    if (body.value(QStringLiteral("owner")).toString() != account->creds.apiKey)
        return refuse(QStringLiteral("the order's owner is not this API key"));
    ClobOrder order;
    if (!ClobOrder::fromJson(o, 2, order, error))
        return refuse(QStringLiteral("invalid order: %1").arg(error));
    if (order.signatureType != 3 && order.signer.compare(account->address, Qt::CaseInsensitive) != 0)
        return refuse(QStringLiteral("the order signer address has to be the address of the API KEY"));
    const auto market = m_markets.constFind(order.tokenId);
    if (market == m_markets.cend())
        return refuse(QStringLiteral("market not found for token %1").arg(order.tokenId));
    // The signature must be the signer's, for this market's exchange.
    const Eip712Domain domain{QStringLiteral("Polymarket CTF Exchange"), QStringLiteral("2"), m_chainId,
                              market->negRisk ? Eip712Domain::negRiskExchangeV2() : Eip712Domain::standardExchangeV2()};
    QByteArray hash;
    if (!OrderSigner::orderHash(domain, order, hash, error))
        return refuse(error);
    const QString signatureHex = o.value(QStringLiteral("signature")).toString();
    const QByteArray signature = QByteArray::fromHex(signatureHex.mid(signatureHex.startsWith(QLatin1String("0x")) ? 2 : 0).toLatin1());
    if (order.signatureType == 3 || EthKey::recoverAddress(hash, signature, error).compare(order.signer, Qt::CaseInsensitive) != 0)
        return refuse(QStringLiteral("invalid signature"));
    // Amounts: shares and dollars in 6-decimal units; the price on the tick.
    const Fixed maker = order.makerAmount.toLongLong(), taker = order.takerAmount.toLongLong();
    const Fixed shares = order.side == 0 ? taker : maker;
    const Fixed dollars = order.side == 0 ? maker : taker;
    if (shares <= 0 || dollars <= 0 || (dollars * kFixedScale) % shares != 0)
        return refuse(QStringLiteral("invalid amounts: the price is not exact"));
    const Fixed price = dollars * kFixedScale / shares;
    if (price % market->tick != 0 || price < market->tick || price > kFixedScale - market->tick)
        return refuse(QStringLiteral("invalid price (%1), min: %2 - max: %3")
                          .arg(QString::fromStdString(formatFixed(price)), QString::fromStdString(formatFixed(market->tick)),
                               QString::fromStdString(formatFixed(kFixedScale - market->tick))));
    if (shares < market->minSize)
        return refuse(QStringLiteral("Size (%1) lower than the minimum: %2")
                          .arg(QString::fromStdString(formatFixed(shares)), QString::fromStdString(formatFixed(market->minSize))));
    const QString id = QStringLiteral("0x") + QString::fromLatin1(hash.toHex());
    for (const Resting &r : std::as_const(m_orders))
        if (r.id == id)
            return refuse(QStringLiteral("order %1 is already placed").arg(id));
    if (order.side == 0) {
        Fixed held = 0;
        for (const Resting &r : std::as_const(m_orders))
            if (r.owner == account->creds.apiKey)
                held += r.notional;
        if (held + dollars > m_balances.value(account->address.toLower()))
            return refuse(QStringLiteral("not enough balance / allowance"));
    } else {
        return refuse(QStringLiteral("not enough balance / allowance: no outcome tokens held"));
    }
    m_orders.append(Resting{id, account->creds.apiKey, order.tokenId, order.side, price, shares,
                            order.side == 0 ? dollars : 0, body.value(QStringLiteral("orderType")).toString(QStringLiteral("GTC"))});
    return QHttpServerResponse(QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("orderID"), id},
                                           {QStringLiteral("status"), QStringLiteral("live")},
                                           {QStringLiteral("errorMsg"), QString()}});
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
        const QString apiKey = it.key();
        m_orders.removeIf([&apiKey](const Resting &r) { return r.owner == apiKey; });
        it = m_heartbeats.erase(it);
    }
}

QHttpServerResponse SimClob::openOrders(const Account &owner, const QHttpServerRequest &)
{
    const Account *account = &owner;
    QJsonArray data;
    for (const Resting &r : std::as_const(m_orders)) {
        if (r.owner != account->creds.apiKey)
            continue;
        data.append(QJsonObject{{QStringLiteral("id"), r.id},
                                {QStringLiteral("status"), QStringLiteral("LIVE")},
                                {QStringLiteral("asset_id"), r.tokenId},
                                {QStringLiteral("side"), r.side == 0 ? QStringLiteral("BUY") : QStringLiteral("SELL")},
                                {QStringLiteral("price"), QString::fromStdString(formatFixed(r.price))},
                                {QStringLiteral("original_size"), QString::fromStdString(formatFixed(r.size))},
                                {QStringLiteral("size_matched"), QStringLiteral("0")},
                                {QStringLiteral("order_type"), r.orderType}});
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("data"), data}, {QStringLiteral("next_cursor"), QStringLiteral("LTE=")}});
}

QHttpServerResponse SimClob::cancelOrder(const Account &owner, const QHttpServerRequest &request)
{
    const Account *account = &owner;
    const QString id = QJsonDocument::fromJson(request.body()).object().value(QStringLiteral("orderID")).toString();
    for (qsizetype i = 0; i < m_orders.size(); ++i) {
        if (m_orders[i].id == id && m_orders[i].owner == account->creds.apiKey) {
            m_orders.removeAt(i);
            return QHttpServerResponse(QJsonObject{{QStringLiteral("canceled"), QJsonArray{id}},
                                                   {QStringLiteral("not_canceled"), QJsonObject{}}});
        }
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("canceled"), QJsonArray{}},
                                           {QStringLiteral("not_canceled"), QJsonObject{{id, QStringLiteral("order not found")}}}});
}

} // namespace polymon
