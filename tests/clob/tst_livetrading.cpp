// Live trading end to end on loopback: the live broker behind a trading desk
// signs real orders, the simulator's CLOB verifies and matches them in the
// simulated books (the market channel shows the trades), the user channel
// reports orders and fills, and each injected fault ends with the right
// orders and positions. Nothing leaves this machine.
#include "clob/clobrestclient.h"
#include "clob/ethkey.h"
#include "clob/livebroker.h"
#include "sim/simclob.h"
#include "sim/simexchange.h"
#include "sim/simorderdesk.h"
#include "sim/simuserchannel.h"
#include "trading/tradingdesk.h"
#include "book/assetbook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace polymon;

namespace {

const char kKey[] = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const char kOtherKey[] = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

Fixed fx(const char *text)
{
    Fixed v = 0;
    parseFixed(text, v);
    return v;
}

// Records what the desk reports.
struct Recorder : DeskListener
{
    std::vector<Order> updates;
    std::vector<Fill> fills;
    void onOrderUpdated(const Order &o) override { updates.push_back(o); }
    void onFill(const Fill &f) override { fills.push_back(f); }
    const Order *last(qint64 id) const
    {
        for (auto it = updates.rbegin(); it != updates.rend(); ++it)
            if (it->id == id)
                return &*it;
        return nullptr;
    }
    OrderStatus statusOf(qint64 id) const { return last(id) ? last(id)->status : OrderStatus::Invalid; }
};

// One trader: a key, its API credentials, and a desk trading through a live broker.
struct Trader
{
    LiveBroker *broker = nullptr; // owned by the desk
    std::unique_ptr<TradingDesk> desk;
    Recorder recorder;
    QStringList notices;
};

} // namespace

class TstLiveTrading : public QObject
{
    Q_OBJECT

    std::unique_ptr<SimExchange> m_exchange;
    std::unique_ptr<SimClob> m_clob;
    QString m_yes;

    static ApiCredentials credentials(const QUrl &url, const EthKey &key)
    {
        ClobRestClient client(url);
        QSignalSpy ready(&client, &ClobRestClient::credentialsReady);
        client.createOrDeriveApiKey(key);
        if (!QTest::qWaitFor([&] { return !ready.isEmpty(); }, 5000))
            return {};
        return ready.first().first().value<ApiCredentials>();
    }

    std::unique_ptr<Trader> trader(const char *hexKey, Fixed cash, Fixed heldShares = 0)
    {
        EthKey key;
        QString error;
        if (!EthKey::fromHex(QLatin1String(hexKey), key, error))
            return {};
        LiveAccount account;
        account.restUrl = m_clob->url();
        account.userChannelUrl = m_clob->userChannel().url();
        account.creds = credentials(m_clob->url(), key);
        m_clob->setBalance(key.address(), cash);
        m_clob->desk().setShares(key.address(), m_yes, heldShares);
        auto t = std::make_unique<Trader>();
        auto broker = std::make_unique<LiveBroker>(account, std::move(key));
        t->broker = broker.get();
        t->desk = std::make_unique<TradingDesk>(std::move(broker), nullptr);
        t->desk->setListener(&t->recorder);
        t->broker->setMarket(m_yes, QString::fromStdString(m_exchange->engine().markets()[0].conditionId));
        connect(t->broker, &LiveBroker::notice, this, [tr = t.get()](const QString &text) { tr->notices << text; });
        t->broker->setHeartbeatIntervalMs(200);
        t->broker->start();
        if (!QTest::qWaitFor([&] { return t->broker->status().ready && t->broker->status().userChannel; }, 5000))
            return {};
        return t;
    }

    // Buys `shares` YES at the asks and waits until they are confirmed in the position.
    bool buyShares(Trader &t, Fixed shares)
    {
        const Fixed before = t.desk->portfolio().sizeOf(m_yes);
        const Order o = t.desk->submit(limit(m_yes, Side::Buy, fx("0.99"), shares, OrderType::FAK), 1);
        if (QTest::qWaitFor([&] { return t.desk->portfolio().sizeOf(m_yes) == before + shares; }, 5000))
            return true;
        qWarning() << "buying" << shares << "failed, holding" << t.desk->portfolio().sizeOf(m_yes) << int(t.recorder.statusOf(o.id)) << (t.recorder.last(o.id) ? t.recorder.last(o.id)->filled : -1) << "failed:" << o.reason << (t.recorder.last(o.id) ? t.recorder.last(o.id)->reason : QString())
                   << t.notices;
        return false;
    }

    Fixed bidLevel(Fixed price) const { return m_exchange->engine().markets()[0].yes.sizeAt(Side::Buy, price); }
    Fixed bestBid() const { return m_exchange->engine().markets()[0].yes.bestBid(); }
    Fixed bestAsk() const { return m_exchange->engine().markets()[0].yes.bestAsk(); }

    static OrderRequest limit(const QString &asset, Side side, Fixed price, Fixed size, OrderType type = OrderType::GTC)
    {
        OrderRequest r;
        r.assetId = asset;
        r.side = side;
        r.type = type;
        r.price = price;
        r.size = size;
        return r;
    }

private Q_SLOTS:
    void init()
    {
        m_exchange = std::make_unique<SimExchange>(7, 4);
        m_exchange->setRate(0); // the books stand still: every trade here is the test's
        QVERIFY(m_exchange->listen());
        m_clob = std::make_unique<SimClob>();
        m_clob->attach(m_exchange.get());
        m_clob->desk().setSettleDelayMs(150);
        QVERIFY(m_clob->listen());
        m_yes = QString::fromStdString(m_exchange->engine().markets()[0].yesToken);
    }

    void cleanup()
    {
        m_clob.reset();
        m_exchange.reset();
    }

    void restsPartlyFillsAndCancels()
    {
        auto maker = trader(kKey, 1000 * kFixedScale);
        auto taker = trader(kOtherKey, 5000 * kFixedScale);
        QVERIFY(maker && taker);
        // Watch the market channel as any client would.
        QWebSocket market;
        QStringList frames;
        connect(&market, &QWebSocket::textMessageReceived, this, [&](const QString &f) { frames << f; });
        market.open(m_exchange->url());
        QTRY_VERIFY(market.state() == QAbstractSocket::ConnectedState);
        market.sendTextMessage(QStringLiteral(R"({"assets_ids":["%1"],"type":"market"})").arg(m_yes));
        QTRY_VERIFY(!frames.isEmpty());

        const Fixed price = bestBid();
        const Fixed ahead = bidLevel(price);
        const Order o = maker->desk->submit(limit(m_yes, Side::Buy, price, fx("10")), 1);
        QVERIFY2(o.status == OrderStatus::Pending, qPrintable(o.reason));
        QTRY_COMPARE(maker->recorder.statusOf(o.id), OrderStatus::Live);
        QCOMPARE(bidLevel(price), ahead + fx("10")); // it rests in the book everyone sees
        QTRY_VERIFY(frames.last().contains(QStringLiteral("price_change")));

        // Someone buys shares, then sells into the level: the queue ahead goes
        // first, then 4 of ours.
        QVERIFY(buyShares(*taker, ahead + fx("4")));
        const Order sell = taker->desk->submit(limit(m_yes, Side::Sell, price, ahead + fx("4"), OrderType::FAK), 2);
        QTRY_COMPARE(taker->recorder.statusOf(sell.id), OrderStatus::Matched);
        QTRY_VERIFY(std::any_of(frames.cbegin(), frames.cend(), [](const QString &f) { return f.contains(QStringLiteral("last_trade_price")); }));
        // Matched first (pending, not in the position), then confirmed.
        QTRY_COMPARE(maker->recorder.last(o.id)->pending + maker->recorder.last(o.id)->filled, fx("4"));
        QTRY_COMPARE(maker->recorder.last(o.id)->filled, fx("4"));
        QCOMPARE(maker->recorder.last(o.id)->pending, Fixed(0));
        QCOMPARE(maker->desk->portfolio().sizeOf(m_yes), fx("4"));
        QCOMPARE(maker->recorder.fills.size(), std::size_t(1));
        QVERIFY(maker->recorder.fills.front().maker);
        QCOMPARE(maker->recorder.fills.front().price, price);
        QCOMPARE(maker->recorder.statusOf(o.id), OrderStatus::Live);
        QTRY_COMPARE(taker->desk->portfolio().sizeOf(m_yes), Fixed(0));
        // The exchange's balances moved by the same amounts.
        QCOMPARE(m_clob->desk().shares(maker->broker->address(), m_yes), fx("4"));
        QCOMPARE(m_clob->desk().balance(maker->broker->address()), 1000 * kFixedScale - notionalUp(price, fx("4")));

        QVERIFY(maker->desk->cancel(o.id));
        QTRY_COMPARE(maker->recorder.statusOf(o.id), OrderStatus::Canceled);
        QCOMPARE(bidLevel(price), Fixed(0)); // the level was ours alone after the sale
        QCOMPARE(m_clob->openOrderCount(), 0);
    }

    void aLostAnswerIsFoundNotResent()
    {
        auto t = trader(kKey, 1000 * kFixedScale);
        QVERIFY(t);
        m_clob->loseNextOrderAnswers(1);
        const int posts = m_clob->orderPosts();
        const Order o = t->desk->submit(limit(m_yes, Side::Buy, bestBid() - 10'000, fx("10")), 1);
        QTRY_COMPARE(t->recorder.statusOf(o.id), OrderStatus::Live);
        QCOMPARE(m_clob->orderPosts(), posts + 1);
        QCOMPARE(m_clob->openOrderCount(), 1);
        QVERIFY(t->notices.join(QLatin1Char('\n')).contains(QStringLiteral("lost")));
    }

    void aFailedMatchIsReversed()
    {
        auto t = trader(kKey, 1000 * kFixedScale);
        QVERIFY(t);
        m_clob->desk().setSettleDelayMs(400);
        m_clob->desk().failNextMatches(1);
        const Fixed ask = bestAsk();
        const Order o = t->desk->submit(limit(m_yes, Side::Buy, ask, fx("5"), OrderType::FAK), 1);
        QTRY_COMPARE(t->recorder.last(o.id)->pending, fx("5")); // shown as pending
        QCOMPARE(t->desk->portfolio().sizeOf(m_yes), Fixed(0));  // not in the position
        QTRY_COMPARE(t->recorder.last(o.id)->pending, Fixed(0));
        QCOMPARE(t->recorder.last(o.id)->filled, Fixed(0));
        QCOMPARE(t->desk->portfolio().sizeOf(m_yes), Fixed(0));
        QVERIFY(t->recorder.fills.empty());
        QVERIFY(t->notices.join(QLatin1Char('\n')).contains(QStringLiteral("FAILED")));
        QCOMPARE(m_clob->desk().balance(t->broker->address()), 1000 * kFixedScale); // the exchange gave it back
    }

    void aFillDuringAUserChannelDropIsReconciled()
    {
        auto maker = trader(kKey, 1000 * kFixedScale);
        auto taker = trader(kOtherKey, 1000 * kFixedScale);
        QVERIFY(maker && taker);
        const Fixed price = bestBid() + 10'000; // alone at a new best bid
        const Order o = maker->desk->submit(limit(m_yes, Side::Buy, price, fx("10")), 1);
        QTRY_COMPARE(maker->recorder.statusOf(o.id), OrderStatus::Live);
        QSignalSpy dropped(&maker->broker->userChannel(), &UserChannelClient::disconnected);
        m_clob->userChannel().dropClients();
        QTRY_VERIFY(!dropped.isEmpty());
        // While it is down, the order fills completely.
        QVERIFY(buyShares(*taker, fx("10")));
        taker->desk->submit(limit(m_yes, Side::Sell, price, fx("10"), OrderType::FAK), 2);
        QTRY_COMPARE(taker->desk->portfolio().sizeOf(m_yes), Fixed(0)); // the taker sold them
        // Back: nothing is replayed, the broker reads trades and open orders.
        QTRY_VERIFY_WITH_TIMEOUT(maker->broker->status().userChannel, 10'000);
        QTRY_COMPARE(maker->recorder.last(o.id)->filled, fx("10"));
        QCOMPARE(maker->recorder.statusOf(o.id), OrderStatus::Matched);
        QCOMPARE(maker->desk->portfolio().sizeOf(m_yes), fx("10"));
    }

    void throttledCallsGoThroughLater()
    {
        auto t = trader(kKey, 1000 * kFixedScale);
        QVERIFY(t);
        // Heartbeats at their usual pace (the helper's 200 ms would spend the whole budget).
        t->broker->setHeartbeatIntervalMs(5000);
        QTest::qWait(300);
        m_clob->setRateLimit(2);
        std::vector<qint64> ids;
        for (int i = 0; i < 4; ++i) {
            ids.push_back(t->desk->submit(limit(m_yes, Side::Buy, bestBid() - 10'000 * (i + 1), fx("5")), i).id);
            QTest::qWait(1); // separate calls, not one batch
        }
        for (qint64 id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(t->recorder.statusOf(id), OrderStatus::Live, 10'000);
        QVERIFY(m_clob->throttledCount() > 0);
        QCOMPARE(t->broker->status().rateTier, QStringLiteral("sim"));
        QCOMPARE(m_clob->openOrderCount(), 4);
    }

    void heartbeatExpiryCancelsEverything()
    {
        auto t = trader(kKey, 1000 * kFixedScale);
        QVERIFY(t);
        m_clob->setHeartbeatTimeoutMs(600);
        const Order a = t->desk->submit(limit(m_yes, Side::Buy, bestBid() - 10'000, fx("5")), 1);
        const Order b = t->desk->submit(limit(m_yes, Side::Buy, bestBid() - 20'000, fx("5")), 1);
        QTRY_COMPARE(t->recorder.statusOf(b.id), OrderStatus::Live);
        QTRY_VERIFY(t->broker->status().heartbeats > 0);
        QTest::qWait(800);
        QCOMPARE(m_clob->openOrderCount(), 2); // beating: they stay
        t->broker->setHeartbeatIntervalMs(5000); // the app stalls
        QTRY_COMPARE_WITH_TIMEOUT(t->recorder.statusOf(a.id), OrderStatus::Canceled, 5000);
        QTRY_COMPARE(t->recorder.statusOf(b.id), OrderStatus::Canceled);
        QCOMPARE(m_clob->openOrderCount(), 0);
    }

    void ordersMadeTogetherShareABatch()
    {
        auto t = trader(kKey, 1000 * kFixedScale);
        QVERIFY(t);
        const int batches = m_clob->batchPosts();
        std::vector<qint64> ids;
        for (int i = 0; i < 3; ++i)
            ids.push_back(t->desk->submit(limit(m_yes, Side::Buy, bestBid() - 10'000 * (i + 1), fx("5")), 1).id);
        // A leg the exchange refuses (a token it does not list) says why; the others stand.
        const Order bad = t->desk->submit(limit(QStringLiteral("12345"), Side::Buy, fx("0.5"), fx("5")), 1);
        for (qint64 id : ids)
            QTRY_COMPARE(t->recorder.statusOf(id), OrderStatus::Live);
        QTRY_COMPARE(t->recorder.statusOf(bad.id), OrderStatus::Invalid);
        QVERIFY(t->recorder.last(bad.id)->reason.contains(QStringLiteral("market not found")));
        QCOMPARE(m_clob->batchPosts(), batches + 1);
        QCOMPARE(t->desk->cancelAll(), 3);
        for (qint64 id : ids)
            QTRY_COMPARE(t->recorder.statusOf(id), OrderStatus::Canceled);
    }

    void sharesHeldBeforeTheSessionCanBeSold()
    {
        auto t = trader(kKey, 100 * kFixedScale, fx("20"));
        QVERIFY(t);
        // Known once a bid prices them (their earlier cost is unknown: PnL counts from here).
        AssetBook book;
        book.assetId = m_yes.toStdString();
        book.state = SyncState::Synced;
        book.book.setLevel(Side::Buy, bestBid(), fx("100"));
        // Tops keep coming while the balance answer is on its way.
        QTRY_VERIFY((t->desk->onTop(book, 1), t->desk->portfolio().sizeOf(m_yes) == fx("20")));
        QCOMPARE(t->desk->portfolio().position(m_yes)->cost, notionalDown(bestBid(), fx("20")));
        QCOMPARE(t->desk->portfolio().unrealized(), Fixed(0));
        // They can be sold (the risk checks see them) into the bids at the exchange.
        const Order sell = t->desk->submit(limit(m_yes, Side::Sell, bestBid(), fx("20"), OrderType::FAK), 2);
        QVERIFY2(sell.status == OrderStatus::Pending, qPrintable(sell.reason));
        QTRY_COMPARE(t->desk->portfolio().sizeOf(m_yes), Fixed(0));
        QCOMPARE(m_clob->desk().shares(t->broker->address(), m_yes), Fixed(0));
    }

    void anUnknownVersionRefusesToTrade()
    {
        m_clob->setVersion(3);
        EthKey key;
        QString error;
        QVERIFY(EthKey::fromHex(QLatin1String(kKey), key, error));
        LiveAccount account;
        account.restUrl = m_clob->url();
        account.userChannelUrl = m_clob->userChannel().url();
        LiveBroker broker(account, std::move(key));
        QSignalSpy status(&broker, &LiveBroker::statusChanged);
        broker.start();
        QTRY_VERIFY(!status.isEmpty() && !broker.status().state.isEmpty() && broker.status().state != QLatin1String("connecting"));
        QVERIFY(!broker.status().ready);
        QVERIFY(broker.status().state.contains(QLatin1String("3")));
        const Order o = broker.submit(limit(m_yes, Side::Buy, fx("0.1"), fx("5")), 1);
        QCOMPARE(o.status, OrderStatus::Invalid);
        QVERIFY(o.reason.startsWith(QStringLiteral("live trading is not ready")));
        QCOMPARE(m_clob->orderPosts(), 0);
    }
};

QTEST_MAIN(TstLiveTrading)
#include "tst_livetrading.moc"
