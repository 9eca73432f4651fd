#include "clobrestclient.h"

#include "clobheaders.h"
#include "ethkey.h"
#include "oneshotbody.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace polymon {

ClobRestClient::ClobRestClient(const QUrl &base, quint64 chainId, QObject *parent)
    : QObject(parent)
    , m_base(base)
    , m_chainId(chainId)
{
}

qint64 ClobRestClient::serverNowS() const
{
    return QDateTime::currentSecsSinceEpoch() + m_offsetS;
}

QString ClobRestClient::describe(int status, const QByteArray &body)
{
    if (status == 0)
        return QString::fromUtf8(body); // no HTTP answer: the network's reason
    const QString message = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toString();
    return QStringLiteral("HTTP %1: %2").arg(status).arg(message.isEmpty() ? QString::fromUtf8(body.left(200)) : message);
}

void ClobRestClient::send(const QString &method, const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers,
                          const QByteArray &body, const Handler &handler, bool once, int attempt)
{
    QUrl url = m_base;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("polymon/0.1"));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = nullptr;
    if (once) {
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        auto *device = new OneShotBody(body);
        reply = m_network.sendCustomRequest(request, method.toLatin1(), device);
        device->setParent(reply);
    } else {
        reply = m_network.sendCustomRequest(request, method.toLatin1(), body);
    }
    connect(reply, &QNetworkReply::finished, this, [=, this] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->hasRawHeader("Poly-RateLimit-Tier"))
            Q_EMIT rateLimit(QString::fromLatin1(reply->rawHeader("Poly-RateLimit-Tier")),
                             reply->rawHeader("Poly-RateLimit-Remaining").toInt());
        // 429 is a definite "not processed": the same call goes again after
        // Retry-After, while its signed timestamp is still fresh.
        const int retryAfterS = reply->rawHeader("Retry-After").toInt();
        if (status == 429 && attempt < kMaxThrottleRetries && retryAfterS <= kMaxRetryAfterS) {
            const int waitMs = std::max(1, retryAfterS) * 1000;
            Q_EMIT throttled(path, waitMs);
            QTimer::singleShot(waitMs, this, [=, this] { send(method, path, headers, body, handler, once, attempt + 1); });
            return;
        }
        if (status == 0) { // no HTTP answer at all: timeout, refused, unreachable
            handler(0, reply->errorString().toUtf8());
            return;
        }
        handler(status, reply->readAll());
    });
}

void ClobRestClient::sendL2(const QString &method, const QString &path, const QString &address, const ApiCredentials &creds,
                            const QByteArray &body, const Handler &handler, bool once)
{
    // The path is signed without its query, as the official clients do.
    const QString signedPath = path.left(path.indexOf(QLatin1Char('?')));
    send(method, path, ClobHeaders::l2(address, creds, serverNowS(), method, signedPath, body), body, handler, once);
}

void ClobRestClient::syncTime()
{
    const qint64 sentS = QDateTime::currentSecsSinceEpoch();
    send(QStringLiteral("GET"), QStringLiteral("/time"), {}, {}, [this, sentS](int status, const QByteArray &body) {
        bool ok = false;
        const qint64 server = body.trimmed().toLongLong(&ok);
        if (status != 200 || !ok) {
            Q_EMIT failed(QStringLiteral("time"), describe(status, body));
            return;
        }
        m_offsetS = server - (sentS + QDateTime::currentSecsSinceEpoch()) / 2;
        Q_EMIT timeSynced(m_offsetS);
    });
}

void ClobRestClient::fetchMarketRules(const QString &conditionId)
{
    send(QStringLiteral("GET"), QStringLiteral("/clob-markets/%1").arg(conditionId), {}, {},
         [this, conditionId](int status, const QByteArray &body) {
             ClobMarketRules rules;
             QString error;
             if (status != 200 || !ClobMarketRules::fromJson(QJsonDocument::fromJson(body).object(), rules, error)) {
                 Q_EMIT failed(QStringLiteral("market rules"), status != 200 ? describe(status, body) : error);
                 return;
             }
             Q_EMIT marketRulesLoaded(conditionId, rules);
         });
}

void ClobRestClient::checkVersion()
{
    send(QStringLiteral("GET"), QStringLiteral("/version"), {}, {}, [this](int status, const QByteArray &body) {
        if (status != 200) {
            Q_EMIT failed(QStringLiteral("version"), describe(status, body));
            return;
        }
        const int version = QJsonDocument::fromJson(body).object().value(QStringLiteral("version")).toInt(-1);
        if (version == kSignedVersion) {
            Q_EMIT versionChecked(true, version, QString());
            return;
        }
        Q_EMIT versionChecked(false, version,
                              tr("the exchange runs protocol version %1 and polymon signs orders for version %2 only: "
                                 "orders signed now would be refused (order_version_mismatch), so none are signed")
                                  .arg(version)
                                  .arg(kSignedVersion));
    });
}

void ClobRestClient::sendHeartbeat(const QString &address, const ApiCredentials &creds, const QString &previousId)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("heartbeat_id"), previousId}}).toJson(QJsonDocument::Compact);
    sendL2(QStringLiteral("POST"), QStringLiteral("/v1/heartbeats"), address, creds, body,
           [this](int status, const QByteArray &answer) {
               const QString id = QJsonDocument::fromJson(answer).object().value(QStringLiteral("heartbeat_id")).toString();
               if (status != 200 || id.isEmpty()) {
                   Q_EMIT failed(QStringLiteral("heartbeat"), describe(status, answer));
                   return;
               }
               Q_EMIT heartbeatAnswered(id);
           });
}

void ClobRestClient::createOrDeriveApiKey(const EthKey &key, quint64 nonce)
{
    ClobHeaders::Headers headers;
    QString error;
    if (!ClobHeaders::l1(key, serverNowS(), nonce, m_chainId, headers, error)) {
        Q_EMIT failed(QStringLiteral("api key"), error);
        return;
    }
    auto onCreds = [this](const QString &call, int status, const QByteArray &body) {
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        const ApiCredentials creds{o.value(QStringLiteral("apiKey")).toString(), o.value(QStringLiteral("secret")).toString(),
                                   o.value(QStringLiteral("passphrase")).toString()};
        if (status != 200 || !creds.isValid()) {
            Q_EMIT failed(call, describe(status, body));
            return;
        }
        Q_EMIT credentialsReady(creds);
    };
    send(QStringLiteral("POST"), QStringLiteral("/auth/api-key"), headers, {},
         [this, headers, onCreds](int status, const QByteArray &body) {
             if (status == 400) { // they exist already: derive them
                 send(QStringLiteral("GET"), QStringLiteral("/auth/derive-api-key"), headers, {},
                      [onCreds](int s, const QByteArray &b) { onCreds(QStringLiteral("derive api key"), s, b); });
                 return;
             }
             onCreds(QStringLiteral("create api key"), status, body);
         });
}

void ClobRestClient::fetchBalance(const QString &address, const ApiCredentials &creds)
{
    readBalance(QStringLiteral("/balance-allowance?asset_type=COLLATERAL"), QStringLiteral("balance"), address, creds,
                [this](Fixed micro) { Q_EMIT balanceLoaded(micro); });
}

void ClobRestClient::readBalance(const QString &path, const QString &call, const QString &address, const ApiCredentials &creds,
                                 const std::function<void(Fixed)> &onBalance)
{
    sendL2(QStringLiteral("GET"), path, address, creds, {}, [this, call, onBalance](int status, const QByteArray &body) {
        // Micro-units as a decimal string: pUSD or outcome-token shares.
        bool ok = false;
        const Fixed amount = QJsonDocument::fromJson(body).object().value(QStringLiteral("balance")).toString().toLongLong(&ok);
        if (status != 200 || !ok) {
            Q_EMIT failed(call, describe(status, body));
            return;
        }
        onBalance(amount);
    });
}

void ClobRestClient::fetchTokenBalance(const QString &address, const ApiCredentials &creds, const QString &tokenId)
{
    readBalance(QStringLiteral("/balance-allowance?asset_type=CONDITIONAL&token_id=%1").arg(tokenId), QStringLiteral("token balance"),
                address, creds, [this, tokenId](Fixed shares) { Q_EMIT tokenBalanceLoaded(tokenId, shares); });
}

QJsonObject ClobRestClient::orderJson(const ClobOrder &order, const SignedOrder &signedOrder)
{
    QJsonObject o;
    o.insert(QStringLiteral("salt"), order.salt.toLongLong()); // a JSON number, as the clients send it
    o.insert(QStringLiteral("maker"), order.maker);
    o.insert(QStringLiteral("signer"), order.signer);
    o.insert(QStringLiteral("tokenId"), order.tokenId);
    o.insert(QStringLiteral("makerAmount"), order.makerAmount);
    o.insert(QStringLiteral("takerAmount"), order.takerAmount);
    o.insert(QStringLiteral("side"), order.side == 0 ? QStringLiteral("BUY") : QStringLiteral("SELL"));
    o.insert(QStringLiteral("expiration"), order.expiration);
    o.insert(QStringLiteral("signatureType"), order.signatureType);
    o.insert(QStringLiteral("timestamp"), order.timestamp);
    o.insert(QStringLiteral("metadata"), order.metadata);
    o.insert(QStringLiteral("builder"), order.builder);
    o.insert(QStringLiteral("signature"), QStringLiteral("0x") + QString::fromLatin1(signedOrder.signature.toHex()));
    return o;
}

namespace {

QJsonObject orderEnvelope(const QJsonObject &order, const ApiCredentials &creds, const QString &orderType, bool postOnly)
{
    return QJsonObject{{QStringLiteral("order"), order},
                       {QStringLiteral("owner"), creds.apiKey},
                       {QStringLiteral("orderType"), orderType},
                       {QStringLiteral("deferExec"), false},
                       {QStringLiteral("postOnly"), postOnly}};
}

QString hashOf(const SignedOrder &signedOrder)
{
    return QStringLiteral("0x") + QString::fromLatin1(signedOrder.orderHash.toHex());
}

} // namespace

QByteArray ClobRestClient::orderBody(const ApiCredentials &creds, const ClobOrder &order, const SignedOrder &signedOrder,
                                     const QString &orderType, bool postOnly)
{
    return QJsonDocument(orderEnvelope(orderJson(order, signedOrder), creds, orderType, postOnly)).toJson(QJsonDocument::Compact);
}

void ClobRestClient::postOrder(const QString &address, const ApiCredentials &creds, const ClobOrder &order,
                               const SignedOrder &signedOrder, const QString &orderType, bool postOnly)
{
    const QByteArray body = orderBody(creds, order, signedOrder, orderType, postOnly);
    const QString hash = hashOf(signedOrder);
    sendL2(QStringLiteral("POST"), QStringLiteral("/order"), address, creds, body,
           [this, address, creds, hash](int status, const QByteArray &answer) {
               if (status == 0) {
                   // Timed out or cut: it may rest at the exchange. Never send it
                   // again blindly; look for its hash instead.
                   Q_EMIT orderAnswerLost(hash, QString::fromUtf8(answer));
                   findAfterLostAnswer(address, creds, {hash});
                   return;
               }
               const QJsonObject o = QJsonDocument::fromJson(answer).object();
               const QString id = o.value(QStringLiteral("orderID")).toString();
               // A leg can answer success with no id: the reason is in errorMsg.
               if (status == 200 && o.value(QStringLiteral("success")).toBool() && !id.isEmpty()) {
                   Q_EMIT orderPlaced(id, o.value(QStringLiteral("status")).toString());
                   return;
               }
               const QString reason = o.value(QStringLiteral("errorMsg")).toString();
               Q_EMIT orderRefused(hash, reason.isEmpty() ? describe(status, answer) : reason);
           },
           true);
}

void ClobRestClient::postOrders(const QString &address, const ApiCredentials &creds, const QList<BatchLeg> &legs)
{
    QJsonArray batch;
    QStringList hashes;
    for (const BatchLeg &leg : legs.mid(0, kMaxBatch)) {
        batch.append(orderEnvelope(orderJson(leg.order, leg.signedOrder), creds, leg.orderType, leg.postOnly));
        hashes << hashOf(leg.signedOrder);
    }
    for (const BatchLeg &leg : legs.mid(kMaxBatch))
        Q_EMIT orderRefused(hashOf(leg.signedOrder), tr("a batch holds at most %1 orders; not sent").arg(kMaxBatch));
    sendL2(QStringLiteral("POST"), QStringLiteral("/orders"), address, creds, QJsonDocument(batch).toJson(QJsonDocument::Compact),
           [this, address, creds, hashes](int status, const QByteArray &answer) {
               if (status == 0) {
                   for (const QString &hash : hashes)
                       Q_EMIT orderAnswerLost(hash, QString::fromUtf8(answer));
                   findAfterLostAnswer(address, creds, hashes);
                   return;
               }
               const QJsonArray legs = QJsonDocument::fromJson(answer).array();
               for (qsizetype i = 0; i < hashes.size(); ++i) {
                   const QJsonObject o = legs.at(i).toObject();
                   const QString id = o.value(QStringLiteral("orderID")).toString();
                   if (status == 200 && o.value(QStringLiteral("success")).toBool() && !id.isEmpty()) {
                       Q_EMIT orderPlaced(id, o.value(QStringLiteral("status")).toString());
                       continue;
                   }
                   const QString reason = o.value(QStringLiteral("errorMsg")).toString();
                   Q_EMIT orderRefused(hashes[i], reason.isEmpty() ? describe(status, answer) : reason);
               }
           },
           true);
}

void ClobRestClient::findAfterLostAnswer(const QString &address, const ApiCredentials &creds, const QStringList &orderHashes)
{
    sendL2(QStringLiteral("GET"), QStringLiteral("/data/orders"), address, creds, {},
           [this, orderHashes](int status, const QByteArray &answer) {
               if (status != 200) {
                   for (const QString &hash : orderHashes)
                       Q_EMIT orderRefused(hash, tr("the answer to the order was lost and the open orders cannot be read (%1): "
                                                    "its state is unknown; it was not sent again")
                                                     .arg(describe(status, answer)));
                   return;
               }
               const QJsonArray open = QJsonDocument::fromJson(answer).object().value(QStringLiteral("data")).toArray();
               for (const QString &hash : orderHashes) {
                   bool found = false;
                   for (const QJsonValue &v : open) {
                       const QJsonObject o = v.toObject();
                       if (o.value(QStringLiteral("id")).toString().compare(hash, Qt::CaseInsensitive) == 0) {
                           Q_EMIT orderPlaced(hash, o.value(QStringLiteral("status")).toString().toLower());
                           found = true;
                           break;
                       }
                   }
                   if (!found)
                       Q_EMIT orderRefused(hash, tr("the answer to the order was lost and it is not among the open orders: not "
                                                   "placed, or already filled (see the trades); it was not sent again"));
               }
           });
}

void ClobRestClient::fetchOpenOrders(const QString &address, const ApiCredentials &creds)
{
    sendL2(QStringLiteral("GET"), QStringLiteral("/data/orders"), address, creds, {},
           [this](int status, const QByteArray &answer) {
               if (status != 200) {
                   Q_EMIT failed(QStringLiteral("open orders"), describe(status, answer));
                   return;
               }
               Q_EMIT openOrdersLoaded(QJsonDocument::fromJson(answer).object().value(QStringLiteral("data")).toArray());
           });
}

void ClobRestClient::fetchTrades(const QString &address, const ApiCredentials &creds)
{
    sendL2(QStringLiteral("GET"), QStringLiteral("/data/trades"), address, creds, {},
           [this](int status, const QByteArray &answer) {
               if (status != 200) {
                   Q_EMIT failed(QStringLiteral("trades"), describe(status, answer));
                   return;
               }
               Q_EMIT tradesLoaded(QJsonDocument::fromJson(answer).object().value(QStringLiteral("data")).toArray());
           });
}

void ClobRestClient::sendCancel(const QString &path, const QString &address, const ApiCredentials &creds, const QByteArray &body)
{
    sendL2(QStringLiteral("DELETE"), path, address, creds, body, [this](int status, const QByteArray &answer) {
        if (status != 200) {
            Q_EMIT failed(QStringLiteral("cancel"), describe(status, answer));
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(answer).object();
        QStringList canceled;
        for (const QJsonValue &v : o.value(QStringLiteral("canceled")).toArray())
            canceled << v.toString();
        Q_EMIT cancelAnswered(canceled, o.value(QStringLiteral("not_canceled")).toObject().toVariantMap());
    });
}

void ClobRestClient::cancelOrder(const QString &address, const ApiCredentials &creds, const QString &orderId)
{
    sendCancel(QStringLiteral("/order"), address, creds,
               QJsonDocument(QJsonObject{{QStringLiteral("orderID"), orderId}}).toJson(QJsonDocument::Compact));
}

void ClobRestClient::cancelOrders(const QString &address, const ApiCredentials &creds, const QStringList &orderIds)
{
    sendCancel(QStringLiteral("/orders"), address, creds, QJsonDocument(QJsonArray::fromStringList(orderIds)).toJson(QJsonDocument::Compact));
}

void ClobRestClient::cancelAll(const QString &address, const ApiCredentials &creds)
{
    sendCancel(QStringLiteral("/cancel-all"), address, creds, {});
}

void ClobRestClient::cancelMarket(const QString &address, const ApiCredentials &creds, const QString &conditionId,
                                  const QString &assetId)
{
    sendCancel(QStringLiteral("/cancel-market-orders"), address, creds,
               QJsonDocument(QJsonObject{{QStringLiteral("market"), conditionId}, {QStringLiteral("asset_id"), assetId}})
                   .toJson(QJsonDocument::Compact));
}

} // namespace polymon
