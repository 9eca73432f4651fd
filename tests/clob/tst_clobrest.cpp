// The CLOB's REST authentication end to end on loopback: the client signs
// (L1 ClobAuth, L2 HMAC) and the simulator's exchange verifies with a real
// recovery of the signer, as the real one does.
#include "clob/clobheaders.h"
#include "clob/clobrestclient.h"
#include "clob/ethkey.h"
#include "clob/heartbeatkeeper.h"
#include "sim/simclob.h"
#include "sim/simexchange.h"
#include "clob/clobmarketrules.h"
#include <QJsonDocument>

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace polymon;

namespace {
const char kKey[] = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const char kOtherKey[] = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
} // namespace

class TstClobRest : public QObject
{
    Q_OBJECT

    static ApiCredentials credentials(ClobRestClient &client, const EthKey &key, QString *error = nullptr)
    {
        QSignalSpy ready(&client, &ClobRestClient::credentialsReady);
        QSignalSpy failed(&client, &ClobRestClient::failed);
        client.createOrDeriveApiKey(key);
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 5000))
            return {};
        if (!failed.isEmpty()) {
            if (error)
                *error = failed.first().at(1).toString();
            return {};
        }
        return ready.first().first().value<ApiCredentials>();
    }

    static QString balanceError(ClobRestClient &client, const QString &address, const ApiCredentials &creds, Fixed *balance = nullptr)
    {
        QSignalSpy loaded(&client, &ClobRestClient::balanceLoaded);
        QSignalSpy failed(&client, &ClobRestClient::failed);
        client.fetchBalance(address, creds);
        if (!QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 5000))
            return QStringLiteral("no answer");
        if (!failed.isEmpty())
            return failed.first().at(1).toString();
        if (balance)
            *balance = loaded.first().first().value<Fixed>();
        return {};
    }

private Q_SLOTS:
    void credentialsAreCreatedThenDerivedAndL2Verifies()
    {
        SimClob exchange;
        QVERIFY(exchange.listen());
        EthKey key;
        QString error;
        QVERIFY(EthKey::fromHex(QLatin1String(kKey), key, error));
        exchange.setBalance(key.address(), 1'234'560'000); // $1,234.56
        ClobRestClient client(exchange.url());
        const ApiCredentials created = credentials(client, key, &error);
        QVERIFY2(created.isValid(), qPrintable(error));
        // A second time they exist: the same credentials are derived.
        const ApiCredentials derived = credentials(client, key, &error);
        QVERIFY2(derived.isValid(), qPrintable(error));
        QCOMPARE(derived.apiKey, created.apiKey);
        QCOMPARE(derived.secret, created.secret);
        // An L2 call with them.
        Fixed balance = 0;
        QCOMPARE(balanceError(client, key.address(), created, &balance), QString());
        QCOMPARE(balance, Fixed(1'234'560'000));
        // A wrong secret, a wrong passphrase, another address: refused, with the reason.
        ApiCredentials wrong = created;
        wrong.secret = QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        QVERIFY(balanceError(client, key.address(), wrong).contains(QStringLiteral("HMAC")));
        wrong = created;
        wrong.passphrase = QStringLiteral("guess");
        QVERIFY(balanceError(client, key.address(), wrong).startsWith(QStringLiteral("HTTP 401")));
        EthKey other;
        QVERIFY(EthKey::fromHex(QLatin1String(kOtherKey), other, error));
        QVERIFY(balanceError(client, other.address(), created).contains(QStringLiteral("does not belong")));
    }

    void anotherWalletsSignatureIsNotAccepted()
    {
        // L1 headers claiming one address, signed by another key: the exchange recovers the signer.
        SimClob exchange;
        QVERIFY(exchange.listen());
        EthKey key;
        QString error;
        QVERIFY(EthKey::fromHex(QLatin1String(kOtherKey), key, error));
        ClobHeaders::Headers headers;
        QVERIFY(ClobHeaders::l1(key, exchange.nowS(), 0, 137, headers, error));
        headers[0].second = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // someone else's address
        QNetworkAccessManager network;
        QUrl url = exchange.url();
        url.setPath(QStringLiteral("/auth/api-key"));
        QNetworkRequest request(url);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = network.post(request, QByteArray());
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        QVERIFY(reply->readAll().contains("not POLY_ADDRESS"));
        reply->deleteLater();
    }

    void clockSkewIsMeasuredWithTime()
    {
        // The machine's clock is two minutes behind the exchange's: signed
        // requests expire until /time has been read.
        SimClob exchange;
        QVERIFY(exchange.listen());
        exchange.setClockOffsetS(120);
        EthKey key;
        QString error;
        QVERIFY(EthKey::fromHex(QLatin1String(kKey), key, error));
        ClobRestClient client(exchange.url());
        QVERIFY(!credentials(client, key, &error).isValid());
        QVERIFY2(error.contains(QStringLiteral("timestamp")), qPrintable(error));
        QSignalSpy synced(&client, &ClobRestClient::timeSynced);
        client.syncTime();
        QTRY_COMPARE_WITH_TIMEOUT(synced.size(), 1, 5000);
        QVERIFY(std::llabs(client.clockOffsetS() - 120) <= 2);
        const ApiCredentials creds = credentials(client, key, &error);
        QVERIFY2(creds.isValid(), qPrintable(error));
        QCOMPARE(balanceError(client, key.address(), creds), QString());
        // An unreachable exchange fails with the network's reason, not silently.
        ClobRestClient nowhere(QUrl(QStringLiteral("http://127.0.0.1:1")));
        nowhere.setTimeoutMs(2000);
        QSignalSpy failed(&nowhere, &ClobRestClient::failed);
        nowhere.syncTime();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QVERIFY(!failed.first().at(1).toString().isEmpty());
    }

    void ordersAreCheckedPlacedListedAndCancelled()
    {
        SimClob exchange;
        QVERIFY(exchange.listen());
        EthKey key;
        QString error;
        QVERIFY(EthKey::fromHex(QLatin1String(kKey), key, error));
        exchange.setBalance(key.address(), 100'000'000); // $100
        const QString token = QStringLiteral("71321045679252212594626385532706912750332728571942532289631379312455583992563");
        const QString negRiskToken = QStringLiteral("1234");
        SimClob::Market standardMarket;
        exchange.setMarket(token, standardMarket);
        SimClob::Market negRiskMarket;
        negRiskMarket.negRisk = true;
        exchange.setMarket(negRiskToken, negRiskMarket);
        ClobRestClient client(exchange.url());
        const ApiCredentials creds = credentials(client, key, &error);
        QVERIFY2(creds.isValid(), qPrintable(error));
        const Eip712Domain standard{QStringLiteral("Polymarket CTF Exchange"), QStringLiteral("2"), 137, Eip712Domain::standardExchangeV2()};

        auto buy = [&](const QString &tokenId, Fixed dollars, Fixed shares, const QString &salt) {
            ClobOrder o;
            o.salt = salt;
            o.maker = o.signer = key.address();
            o.tokenId = tokenId;
            o.makerAmount = QString::number(dollars);
            o.takerAmount = QString::number(shares);
            o.side = 0;
            o.timestamp = QString::number(QDateTime::currentMSecsSinceEpoch());
            return o;
        };
        // Placed: answered with the order's EIP-712 hash, computed here before sending.
        auto place = [&](const ClobOrder &order, const Eip712Domain &domain, QString *id) {
            SignedOrder signedOrder;
            QString e;
            if (!OrderSigner::sign(domain, order, key, signedOrder, e))
                return e;
            QSignalSpy placed(&client, &ClobRestClient::orderPlaced);
            QSignalSpy refused(&client, &ClobRestClient::orderRefused);
            client.postOrder(key.address(), creds, order, signedOrder, QStringLiteral("GTC"), false);
            if (!QTest::qWaitFor([&] { return !placed.isEmpty() || !refused.isEmpty(); }, 5000))
                return QStringLiteral("no answer");
            if (!refused.isEmpty())
                return refused.first().at(1).toString();
            if (id)
                *id = placed.first().first().toString();
            return QStringLiteral("0x") + QString::fromLatin1(signedOrder.orderHash.toHex()) == placed.first().first().toString()
                       ? QString()
                       : QStringLiteral("the exchange named the order differently");
        };
        QString id;
        const ClobOrder good = buy(token, 5'200'000, 10'000'000, QStringLiteral("1001")); // 10 at 0.52
        QCOMPARE(place(good, standard, &id), QString());
        // The same order twice is not placed twice.
        QVERIFY(place(good, standard, nullptr).contains(QStringLiteral("already placed")));
        // Signed for the standard exchange on a neg-risk market: the signature does not verify there.
        QCOMPARE(place(buy(negRiskToken, 5'200'000, 10'000'000, QStringLiteral("1002")), standard, nullptr), QStringLiteral("invalid signature"));
        // Off the tick, below the minimum, beyond the balance: refused with the exchange's reason.
        QVERIFY(place(buy(token, 5'250'000, 10'000'000, QStringLiteral("1003")), standard, nullptr).startsWith(QStringLiteral("invalid price")));
        QVERIFY(place(buy(token, 2'000'000, 4'000'000, QStringLiteral("1004")), standard, nullptr).contains(QStringLiteral("lower than the minimum")));
        QVERIFY(place(buy(token, 95'000'000, 190'000'000, QStringLiteral("1005")), standard, nullptr).contains(QStringLiteral("not enough balance")));
        // Listed, then cancelled.
        // The answer is lost after the exchange placed it: the client finds it
        // by its hash among the open orders and never sends it twice.
        {
            exchange.loseNextOrderAnswers(1);
            const int postsBefore = exchange.orderPosts();
            ClobOrder order = buy(token, 4'500'000, 10'000'000, QStringLiteral("1006")); // 10 at 0.45
            SignedOrder signedOrder;
            QVERIFY(OrderSigner::sign(standard, order, key, signedOrder, error));
            QSignalSpy lost(&client, &ClobRestClient::orderAnswerLost);
            QSignalSpy placed(&client, &ClobRestClient::orderPlaced);
            client.postOrder(key.address(), creds, order, signedOrder, QStringLiteral("GTC"), false);
            QTRY_COMPARE_WITH_TIMEOUT(placed.size(), 1, 5000);
            QCOMPARE(lost.size(), 1);
            QCOMPARE(placed.first().first().toString(), QStringLiteral("0x") + QString::fromLatin1(signedOrder.orderHash.toHex()));
            QCOMPARE(exchange.orderPosts(), postsBefore + 1);
            QCOMPARE(exchange.openOrderCount(), 2);
            QSignalSpy cancelledLost(&client, &ClobRestClient::cancelAnswered);
            client.cancelOrder(key.address(), creds, placed.first().first().toString());
            QTRY_COMPARE_WITH_TIMEOUT(cancelledLost.size(), 1, 5000);
        }
        QSignalSpy listed(&client, &ClobRestClient::openOrdersLoaded);
        client.fetchOpenOrders(key.address(), creds);
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 5000);
        const QJsonArray open = listed.first().first().toJsonArray();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().toObject().value(QStringLiteral("id")).toString(), id);
        QCOMPARE(open.first().toObject().value(QStringLiteral("price")).toString(), QStringLiteral("0.52"));
        QSignalSpy cancelled(&client, &ClobRestClient::cancelAnswered);
        client.cancelOrder(key.address(), creds, id);
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.size(), 1, 5000);
        QCOMPARE(cancelled.first().first().toStringList(), QStringList{id});
        client.fetchOpenOrders(key.address(), creds);
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 2, 5000);
        QVERIFY(listed.last().first().toJsonArray().isEmpty());
    }

    void marketRulesAreReadFromTheClob()
    {
        // The documented shape of GET /clob-markets/{condition_id}.
        const QJsonObject answer = QJsonDocument::fromJson(R"({"t":[{"t":"111","o":"Up"},{"t":"222","o":"Down"}],
            "mos":5,"mts":0.01,"mbf":1000,"nr":null,"fd":{"r":0.07,"e":1,"to":true}})").object();
        ClobMarketRules rules;
        QString error;
        QVERIFY2(ClobMarketRules::fromJson(answer, rules, error), qPrintable(error));
        QCOMPARE(rules.tokenIds, (QStringList{QStringLiteral("111"), QStringLiteral("222")}));
        QCOMPARE(rules.tick, Fixed(10'000));
        QCOMPARE(rules.minOrderSize, Fixed(5'000'000));
        QVERIFY(!rules.negRiskKnown);
        QVERIFY(rules.feesKnown);
        QCOMPARE(rules.fees.rate, Fixed(70'000)); // 0.07 exactly
        QCOMPARE(rules.fees.exponent, 1);
        // What it is not: refused with the reason.
        QVERIFY(!ClobMarketRules::fromJson(QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}}, rules, error));
        QVERIFY(!ClobMarketRules::fromJson(QJsonDocument::fromJson(R"({"t":[{"t":"1"}],"fd":{"r":"0.07","e":1}})").object(), rules, error));
        QVERIFY(error.contains(QLatin1String("fd")));
        QVERIFY(!ClobMarketRules::fromJson(QJsonDocument::fromJson(R"({"t":[{"t":"1"}],"fd":{"r":0.07,"e":7}})").object(), rules, error));

        // The simulator's CLOB states its own markets' rules (no fees there).
        SimExchange books(3, 4);
        SimClob exchange;
        exchange.attach(&books);
        QVERIFY(exchange.listen());
        ClobRestClient client(exchange.url());
        QSignalSpy loaded(&client, &ClobRestClient::marketRulesLoaded);
        QSignalSpy failed(&client, &ClobRestClient::failed);
        const SimMarket &m = books.engine().markets()[1];
        client.fetchMarketRules(QString::fromStdString(m.conditionId));
        QTRY_COMPARE(loaded.size(), 1);
        const ClobMarketRules sim = loaded.first().at(1).value<ClobMarketRules>();
        QCOMPARE(sim.tokenIds.first(), QString::fromStdString(m.yesToken));
        QCOMPARE(sim.tick, m.tick);
        QVERIFY(sim.negRiskKnown && !sim.negRisk);
        QVERIFY(sim.feesKnown);
        QCOMPARE(sim.fees.rate, Fixed(0));
        client.fetchMarketRules(QStringLiteral("0xunknown"));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.first().at(1).toString().contains(QLatin1String("404")));
    }

    void anUnknownVersionIsNotSignedFor()
    {
        SimClob exchange;
        QVERIFY(exchange.listen());
        ClobRestClient client(exchange.url());
        QSignalSpy checked(&client, &ClobRestClient::versionChecked);
        client.checkVersion();
        QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 5000);
        QVERIFY(checked.first().at(0).toBool());
        exchange.setVersion(3);
        client.checkVersion();
        QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 2, 5000);
        QVERIFY(!checked.last().at(0).toBool());
        QCOMPARE(checked.last().at(1).toInt(), 3);
        QVERIFY(checked.last().at(2).toString().contains(QStringLiteral("version 3")));
    }

    void missedHeartbeatsCancelEveryOrder()
    {
        SimClob exchange;
        QVERIFY(exchange.listen());
        exchange.setHeartbeatTimeoutMs(800);
        EthKey key;
        QString error;
        QVERIFY(EthKey::fromHex(QLatin1String(kKey), key, error));
        exchange.setBalance(key.address(), 100'000'000);
        exchange.setMarket(QStringLiteral("1234"), SimClob::Market{});
        ClobRestClient client(exchange.url());
        const ApiCredentials creds = credentials(client, key, &error);
        QVERIFY2(creds.isValid(), qPrintable(error));
        ClobOrder order;
        order.salt = QStringLiteral("7");
        order.maker = order.signer = key.address();
        order.tokenId = QStringLiteral("1234");
        order.makerAmount = QStringLiteral("5000000");
        order.takerAmount = QStringLiteral("10000000");
        order.timestamp = QString::number(QDateTime::currentMSecsSinceEpoch());
        SignedOrder signedOrder;
        QVERIFY(OrderSigner::sign(Eip712Domain{QStringLiteral("Polymarket CTF Exchange"), QStringLiteral("2"), 137,
                                               Eip712Domain::standardExchangeV2()},
                                  order, key, signedOrder, error));
        QSignalSpy placed(&client, &ClobRestClient::orderPlaced);
        client.postOrder(key.address(), creds, order, signedOrder, QStringLiteral("GTC"), false);
        QTRY_COMPARE_WITH_TIMEOUT(placed.size(), 1, 5000);
        // While the heart beats, the order rests.
        HeartbeatKeeper keeper(&client);
        keeper.setIntervalMs(200);
        QSignalSpy beating(&keeper, &HeartbeatKeeper::beating);
        keeper.start(key.address(), creds);
        QTest::qWait(1600);
        QVERIFY(beating.size() >= 5);
        QCOMPARE(exchange.openOrderCount(), 1);
        // Stopped (the app hung, the network went): the exchange cancels everything.
        keeper.stop();
        QTRY_COMPARE_WITH_TIMEOUT(exchange.openOrderCount(), 0, 3000);
        // A beat with a stale id is refused, and reported.
        QSignalSpy lost(&keeper, &HeartbeatKeeper::lost);
        keeper.start(key.address(), creds);
        QTRY_VERIFY_WITH_TIMEOUT(beating.size() >= 6, 2000);
        client.sendHeartbeat(key.address(), creds, QStringLiteral("not-the-last-id"));
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 2000);
        QVERIFY(lost.first().first().toString().contains(QStringLiteral("heartbeat id")));
        keeper.stop();
    }

    void rateLimitsSlowTheClientDown()
    {
        SimClob exchange;
        QVERIFY(exchange.listen());
        exchange.setRateLimit(2);
        EthKey key;
        QString error;
        QVERIFY(EthKey::fromHex(QLatin1String(kKey), key, error));
        exchange.setBalance(key.address(), 7'000'000);
        ClobRestClient client(exchange.url());
        const ApiCredentials creds = credentials(client, key, &error);
        QVERIFY2(creds.isValid(), qPrintable(error));
        QSignalSpy loaded(&client, &ClobRestClient::balanceLoaded);
        QSignalSpy failed(&client, &ClobRestClient::failed);
        QSignalSpy throttled(&client, &ClobRestClient::throttled);
        QSignalSpy limits(&client, &ClobRestClient::rateLimit);
        for (int i = 0; i < 5; ++i)
            client.fetchBalance(key.address(), creds);
        // Two a second get through; the rest wait for Retry-After and then succeed.
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 5, 8000);
        QVERIFY(failed.isEmpty());
        QVERIFY(throttled.size() >= 3);
        QCOMPARE(exchange.throttledCount(), throttled.size());
        QVERIFY(!limits.isEmpty());
        QCOMPARE(limits.first().at(0).toString(), QStringLiteral("sim")); // the tier, for the status bar
    }
};

QTEST_GUILESS_MAIN(TstClobRest)
#include "tst_clobrest.moc"
