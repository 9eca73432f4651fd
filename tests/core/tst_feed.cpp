#include "monitor/marketmonitor.h"
#include "sim/simexchange.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace polymon;

// The feed against a real local QWebSocketServer (the simulated exchange),
// with timeouts shortened so drops, stalls and backoff happen in seconds.
class TstFeed final : public QObject
{
    Q_OBJECT

    static FeedSettings fastSettings(const QUrl &url)
    {
        FeedSettings s;
        s.endpoint = url;
        s.pingIntervalMs = 100;
        s.pongTimeoutMs = 400;
        s.idleTimeoutMs = 600;
        s.backoffInitialMs = 50;
        s.backoffMaxMs = 200;
        s.stableResetMs = 5'000;
        s.resyncCooldownMs = 0;
        return s;
    }

    static QStringList ids(const SimExchange &ex, int markets)
    {
        QStringList out;
        for (int i = 0; i < markets; ++i) {
            out << QString::fromStdString(ex.engine().markets()[std::size_t(i)].yesToken);
            out << QString::fromStdString(ex.engine().markets()[std::size_t(i)].noToken);
        }
        return out;
    }

    static bool allSynced(const MarketMonitor &m, const QStringList &assets)
    {
        for (const QString &id : assets) {
            const AssetBook *a = m.books().find(id.toStdString());
            if (!a || !a->synced())
                return false;
        }
        return true;
    }

    static QByteArray disagreeingChange(const QString &assetId)
    {
        // The exchange claims a top we cannot have: out of sync.
        return QStringLiteral(R"({"event_type":"price_change","market":"m","timestamp":"1","price_changes":[{"asset_id":"%1","price":"0.01","size":"1","side":"BUY","best_bid":"0.99","best_ask":"1"}]})")
            .arg(assetId)
            .toUtf8();
    }

private Q_SLOTS:
    void init() { qRegisterMetaType<polymon::FeedConnection::State>(); }

    void subscribeReceivesBooksAndUpdates()
    {
        SimExchange ex(3, 4);
        ex.setRate(400);
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        QSignalSpy restored(&monitor, &MarketMonitor::bookRestored);
        const QStringList assets = ids(ex, 4);
        monitor.subscribe(assets);
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), assets.size(), 5000);
        QVERIFY(allSynced(monitor, assets));
        const auto applied = monitor.books().stats().entriesApplied;
        QTRY_VERIFY_WITH_TIMEOUT(monitor.books().stats().entriesApplied > applied + 50, 5000);
        QCOMPARE(monitor.books().stats().desyncs, 0u);
        QCOMPARE(monitor.parserStats().errors, 0u);
        QVERIFY(monitor.latencyP50Ns() > 0);
    }

    void booksAreRefreshedPeriodically()
    {
        SimExchange ex(3, 4);
        ex.setRate(300);
        QVERIFY(ex.listen());
        FeedSettings s = fastSettings(ex.url());
        s.forcedResyncMs = 1'000;
        MarketMonitor monitor(s);
        QSignalSpy subscriptions(&ex, &SimExchange::subscriptionReceived);
        const QStringList assets = ids(ex, 4);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        // Within a few intervals every asset was unsubscribed and subscribed
        // again for a fresh book, a few at a time, and the books stayed right.
        QTRY_VERIFY_WITH_TIMEOUT(monitor.forcedResyncs() >= quint64(2 * assets.size()), 10000);
        QSet<QString> refreshed;
        int largestBatch = 0;
        for (const QList<QVariant> &call : std::as_const(subscriptions)) {
            if (call.at(1).toString() != QLatin1String("subscribe"))
                continue;
            const QStringList batch = call.at(0).toStringList();
            largestBatch = std::max(largestBatch, int(batch.size()));
            for (const QString &id : batch)
                refreshed.insert(id);
        }
        QCOMPARE(refreshed.size(), assets.size());
        QVERIFY2(largestBatch == 1, "each refresh is one asset");
        QVERIFY(allSynced(monitor, assets));
        QCOMPARE(monitor.books().stats().desyncs, 0u);
        QCOMPARE(monitor.parserStats().errors, 0u);
    }

    void subscribeWhileConnected()
    {
        SimExchange ex(4, 3);
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        QSignalSpy subs(&ex, &SimExchange::subscriptionReceived);
        const QStringList assets = ids(ex, 3);
        monitor.subscribe(assets.mid(0, 2));
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets.mid(0, 2)), 5000);
        monitor.subscribe(assets.mid(2));
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        QCOMPARE(subs.count(), 2);
        QCOMPARE(subs.at(0).at(1).toString(), QStringLiteral("market"));
        QCOMPARE(subs.at(1).at(1).toString(), QStringLiteral("subscribe"));
        QCOMPARE(subs.at(1).at(0).toStringList().size(), 4);
        QCOMPARE(monitor.feed().connectionCount(), 1);

        monitor.unsubscribe(assets.mid(4));
        QTRY_COMPARE_WITH_TIMEOUT(subs.count(), 3, 5000);
        QCOMPARE(subs.at(2).at(1).toString(), QStringLiteral("unsubscribe"));
        QVERIFY(!monitor.books().find(assets.at(4).toStdString()));
    }

    void serverDropReconnectsAndResubscribes()
    {
        SimExchange ex(5, 2);
        ex.setRate(200);
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        QSignalSpy stale(&monitor, &MarketMonitor::assetsStale);
        QSignalSpy reconnects(&monitor, &MarketMonitor::reconnectScheduled);
        QSignalSpy subs(&ex, &SimExchange::subscriptionReceived);
        const QStringList assets = ids(ex, 2);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);

        ex.dropClients();
        QTRY_COMPARE_WITH_TIMEOUT(stale.count(), 1, 5000);
        QCOMPARE(stale.at(0).at(0).toStringList().size(), assets.size());
        QCOMPARE(reconnects.count(), 1);
        // Fresh books arrive after the subscription is sent again in full.
        QTRY_VERIFY_WITH_TIMEOUT(subs.count() >= 2, 5000);
        QCOMPARE(subs.last().at(0).toStringList().size(), assets.size());
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        QCOMPARE(monitor.feed().connection(0)->state(), FeedConnection::State::Connected);
    }

    void silentStallWithPongsIsDetected()
    {
        SimExchange ex(6, 2);
        ex.setRate(100);
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        QSignalSpy reconnects(&monitor, &MarketMonitor::reconnectScheduled);
        const QStringList assets = ids(ex, 2);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);

        ex.setSilent(true); // socket open, PONG answered, no data: the zombie state
        QTRY_COMPARE_WITH_TIMEOUT(reconnects.count(), 1, 5000);
        QVERIFY2(reconnects.at(0).at(2).toString().contains(QLatin1String("silent")),
                 qPrintable(reconnects.at(0).at(2).toString()));
        QVERIFY(!allSynced(monitor, assets));
        ex.setSilent(false);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
    }

    void missingPongIsADeadLink()
    {
        SimExchange ex(7, 1);
        ex.setRate(200); // data keeps flowing: only the heartbeat fails
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        QSignalSpy reconnects(&monitor, &MarketMonitor::reconnectScheduled);
        const QStringList assets = ids(ex, 1);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        ex.setAnswerPings(false);
        QTRY_COMPARE_WITH_TIMEOUT(reconnects.count(), 1, 5000);
        QVERIFY2(reconnects.at(0).at(2).toString().contains(QLatin1String("PONG")),
                 qPrintable(reconnects.at(0).at(2).toString()));
        ex.setAnswerPings(true);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
    }

    void backoffGrowsWhileServerIsDown()
    {
        FeedSettings s = fastSettings(QUrl(QStringLiteral("ws://127.0.0.1:1/ws/market")));
        MarketMonitor monitor(s);
        QSignalSpy reconnects(&monitor, &MarketMonitor::reconnectScheduled);
        monitor.subscribe({QStringLiteral("123")});
        QTRY_VERIFY_WITH_TIMEOUT(reconnects.count() >= 4, 10000);
        QList<int> delays;
        for (const auto &args : reconnects)
            delays << args.at(1).toInt();
        QVERIFY2(delays.at(0) >= 25 && delays.at(0) <= 50, qPrintable(QString::number(delays.at(0))));
        QVERIFY(delays.at(3) >= 100 && delays.at(3) <= 200); // 50 * 2^3 capped at 200, jitter in [d/2, d]
    }

    void garbageFramesAreCountedAndTheLinkKept()
    {
        SimExchange ex(8, 2);
        ex.setRate(100);
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        QSignalSpy errors(&monitor, &MarketMonitor::parseErrorOccurred);
        QSignalSpy reconnects(&monitor, &MarketMonitor::reconnectScheduled);
        const QStringList assets = ids(ex, 2);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        ex.sendRawToAll("{garbage");
        ex.sendRawToAll("[1,2,3]");
        ex.sendRawToAll(QByteArray("\x00\xff\xfe", 3));
        ex.sendRawToAll(R"({"event_type":"book","asset_id":"1","bids":[{"price":"NaN","size":"1"}],"asks":[]})");
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 4, 5000);
        QCOMPARE(monitor.parserStats().errors, 4u);
        const auto applied = monitor.books().stats().entriesApplied;
        QTRY_VERIFY_WITH_TIMEOUT(monitor.books().stats().entriesApplied > applied + 20, 5000);
        QCOMPARE(reconnects.count(), 0);
        QVERIFY(allSynced(monitor, assets));
    }

    void desyncTriggersResubscribeAndFreshBook()
    {
        SimExchange ex(9, 1);
        ex.setRate(0);
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        QSignalSpy unsynced(&monitor, &MarketMonitor::assetUnsynced);
        QSignalSpy subs(&ex, &SimExchange::subscriptionReceived);
        const QStringList assets = ids(ex, 1);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        ex.sendRawToAll(disagreeingChange(assets.at(0)));
        QTRY_COMPARE_WITH_TIMEOUT(unsynced.count(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(subs.count() >= 3, 5000); // market, unsubscribe, subscribe
        QCOMPARE(subs.at(1).at(1).toString(), QStringLiteral("unsubscribe"));
        QCOMPARE(subs.at(2).at(1).toString(), QStringLiteral("subscribe"));
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        QCOMPARE(monitor.books().stats().desyncs, 1u);
    }

    void desyncWithinTheCooldownIsRetriedAfterIt()
    {
        // With a real cooldown, an exchange that disagrees again right after
        // the fresh book must not leave the asset unsynced for ever.
        SimExchange ex(9, 1);
        ex.setRate(0);
        QVERIFY(ex.listen());
        FeedSettings s = fastSettings(ex.url());
        s.resyncCooldownMs = 400;
        s.resyncMaxMs = 1'600;
        s.idleTimeoutMs = 60'000; // no data flows here (rate 0): no stall reconnects
        MarketMonitor monitor(s);
        QSignalSpy restored(&monitor, &MarketMonitor::bookRestored);
        const QStringList assets = ids(ex, 1);
        const QString id = assets.at(0);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        restored.clear();
        QElapsedTimer clock;
        clock.start();
        for (int round = 1; round <= 3; ++round) {
            ex.sendRawToAll(disagreeingChange(id));
            QTRY_VERIFY_WITH_TIMEOUT(!monitor.books().find(id.toStdString())->synced(), 5000);
            QTRY_COMPARE_WITH_TIMEOUT(restored.count(), round, 8000); // the book comes back every time
        }
        QCOMPARE(monitor.books().stats().desyncs, 3u);
        QCOMPARE(monitor.resyncRequests(), 3u);
        // At once, then after the cooldown (400 ms), then after twice that (800 ms).
        QVERIFY2(clock.elapsed() >= 1'100, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(allSynced(monitor, assets));
    }

    void missingBookIsAskedForAgainAfterTheDeadline()
    {
        SimExchange ex(11, 2);
        ex.setRate(50);
        QVERIFY(ex.listen());
        const QStringList assets = ids(ex, 2);
        ex.withholdBooks(assets.at(1), 1); // the initial dump lacks this one
        FeedSettings s = fastSettings(ex.url());
        s.resyncCooldownMs = 200;
        s.bookDeadlineMs = 700;
        MarketMonitor monitor(s);
        QSignalSpy subs(&ex, &SimExchange::subscriptionReceived);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(monitor.books().find(assets.at(0).toStdString())->synced(), 5000);
        QVERIFY(!monitor.books().find(assets.at(1).toStdString())->synced());
        QCOMPARE(monitor.awaitingBooks(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        QCOMPARE(monitor.awaitingBooks(), 0);
        QVERIFY(monitor.resyncRequests() >= 1);
        // Asked again for that asset alone.
        bool askedAgain = false;
        for (const QList<QVariant> &sub : subs)
            askedAgain |= sub.at(1).toString() == QLatin1String("subscribe") && sub.at(0).toStringList() == QStringList{assets.at(1)};
        QVERIFY(askedAgain);
    }

    void bookThatNeverComesIsAskedForWithBackoff()
    {
        SimExchange ex(12, 1);
        ex.setRate(0);
        QVERIFY(ex.listen());
        const QStringList assets = ids(ex, 1);
        ex.withholdBooks(assets.at(0), 1'000); // never, however often asked
        FeedSettings s = fastSettings(ex.url());
        s.resyncCooldownMs = 100;
        s.bookDeadlineMs = 100;
        s.resyncMaxMs = 800;
        s.idleTimeoutMs = 60'000; // no reconnects to muddy the count
        MarketMonitor monitor(s);
        QElapsedTimer clock;
        clock.start();
        monitor.subscribe(assets);
        // Asked again and again, but backing off: after 100, 200, 400, 800 ms
        // (1.5 s for the first five asks; 0.5 s without the backoff).
        QTRY_VERIFY_WITH_TIMEOUT(monitor.resyncRequests() >= 5, 10'000);
        QVERIFY2(clock.elapsed() >= 1'400, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(monitor.awaitingBooks(), 1);
    }

    void tickSizeChangeKeepsTheBookAndConfirmsIt()
    {
        SimExchange ex(13, 1);
        ex.setRate(0);
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        const QStringList assets = ids(ex, 1);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        struct TickSeen final : BookListener
        {
            Fixed tick = 0;
            bool synced = false;
            void onTickSize(const AssetBook &a, const TickSizeEvent &) override
            {
                tick = a.tickSize;
                synced = a.synced();
            }
        } seen;
        monitor.setBookListener(&seen);
        const AssetBook *a = monitor.books().find(assets.at(0).toStdString());
        QSignalSpy subs(&ex, &SimExchange::subscriptionReceived);
        ex.sendRawToAll(QStringLiteral(R"({"event_type":"tick_size_change","asset_id":"%1","market":"m","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"2"})")
                            .arg(assets.at(0))
                            .toUtf8());
        QTRY_COMPARE_WITH_TIMEOUT(seen.tick, Fixed(1'000), 5000); // the new tick, on the book that was kept
        QVERIFY(seen.synced);
        QTRY_COMPARE_WITH_TIMEOUT(subs.count(), 2, 5000); // unsubscribe + subscribe: a fresh book to confirm
        QCOMPARE(subs.at(0).at(1).toString(), QStringLiteral("unsubscribe"));
        QCOMPARE(subs.at(1).at(1).toString(), QStringLiteral("subscribe"));
        QVERIFY(a->synced());
        QCOMPARE(monitor.books().stats().desyncs, 0u);
    }

    void noNewAssetsAnswerIsNotAnError()
    {
        SimExchange ex(14, 1);
        ex.setRate(0);
        QVERIFY(ex.listen());
        MarketMonitor monitor(fastSettings(ex.url()));
        const QStringList assets = ids(ex, 1);
        monitor.subscribe(assets);
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        ex.sendRawToAll("NO NEW ASSETS");
        QTRY_COMPARE_WITH_TIMEOUT(monitor.feed().connection(0)->noNewAssetsAnswers(), 1, 5000);
        QCOMPARE(monitor.parserStats().errors, 0u);
    }

    void assetsAreShardedAcrossConnections()
    {
        SimExchange ex(10, 5);
        ex.setRate(100);
        QVERIFY(ex.listen());
        FeedSettings s = fastSettings(ex.url());
        s.maxAssetsPerConnection = 3;
        MarketMonitor monitor(s);
        const QStringList assets = ids(ex, 5);
        monitor.subscribe(assets);
        QCOMPARE(monitor.feed().connectionCount(), 4); // 10 assets, 3 per connection
        QTRY_VERIFY_WITH_TIMEOUT(allSynced(monitor, assets), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(ex.clientCount(), 4, 5000);
        for (int i = 0; i < monitor.feed().connectionCount(); ++i)
            QVERIFY(monitor.feed().connection(i)->assets().size() <= 3);
    }

    void subscribeMessagesHaveTheDocumentedShape()
    {
        const QByteArray initial = FeedConnection::subscribeMessage({QStringLiteral("1"), QStringLiteral("2")}, true);
        QCOMPARE(initial, QByteArray(R"({"assets_ids":["1","2"],"custom_feature_enabled":true,"initial_dump":true,"type":"market"})"));
        QCOMPARE(FeedConnection::subscribeMessage({QStringLiteral("1")}, false),
                 QByteArray(R"({"assets_ids":["1"],"custom_feature_enabled":true,"initial_dump":true,"operation":"subscribe"})"));
        QCOMPARE(FeedConnection::unsubscribeMessage({QStringLiteral("1")}),
                 QByteArray(R"({"assets_ids":["1"],"operation":"unsubscribe"})"));
    }
};

QTEST_GUILESS_MAIN(TstFeed)
#include "tst_feed.moc"
