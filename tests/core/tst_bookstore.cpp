#include "analysis/quietness.h"
#include "book/bookstore.h"
#include "conformancechecker.h"
#include "replay/replayengine.h"
#include "replay/topsline.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace polymon;

namespace {

class TopsCollector final : public BookListener
{
public:
    QStringList tops;
    QStringList resyncs;
    void onTop(const AssetBook &asset, std::int64_t ts) override
    {
        std::string line;
        TopsLine::append(line, asset, ts);
        tops << QString::fromStdString(line).trimmed();
    }
    void onResyncNeeded(const AssetBook &asset, ResyncReason reason) override
    {
        resyncs << QString::fromStdString(asset.assetId) + QLatin1Char(':') + QLatin1String(resyncReasonName(reason));
    }
};

QString top(const char *asset, qint64 ts, const char *bid, const char *ask, const char *bidDepth, const char *askDepth)
{
    auto q = [](const char *v) { return v ? QStringLiteral("\"%1\"").arg(QLatin1String(v)) : QStringLiteral("null"); };
    return QStringLiteral(R"({"asset_id":"%1","ts":%2,"best_bid":%3,"best_ask":%4,"bid_depth":"%5","ask_depth":"%6"})")
        .arg(QLatin1String(asset)).arg(ts).arg(q(bid), q(ask), QLatin1String(bidDepth), QLatin1String(askDepth));
}

const char kBookA[] =
    R"({"event_type":"book","asset_id":"A","market":"M","timestamp":"1","bids":[{"price":"0.50","size":"10"},{"price":"0.51","size":"5"}],"asks":[{"price":"0.54","size":"7"},{"price":"0.53","size":"3"}]})";

} // namespace

class TstBookStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The store's id lookup (open addressing, backward-shift removal) against
    // std::map through 20,000 random tracks and removals of 77-digit and short ids.
    void assetLookupFollowsTracksAndRemovals()
    {
        QRandomGenerator rng(9);
        BookStore store;
        std::map<std::string, bool> truth;
        std::vector<std::string> pool;
        // Short ids, token-length ids, ids longer than the index holds in
        // place, and near twins: the same last 16 bytes (the same hash) with
        // one digit changed elsewhere, which only the full compare tells apart.
        static const int lengths[] = {32, 47, 76, 77, 78, 80, 81, 96, 97, 120};
        for (int i = 0; i < 300; ++i) {
            std::string id;
            if (i % 4 == 3 && pool.back().size() > 16) {
                id = pool.back();
                const std::size_t at = rng.bounded(quint32(id.size() - 16));
                id[at] = char('0' + (id[at] - '0' + 1 + int(rng.bounded(9))) % 10);
            } else {
                const int length = i % 3 == 0 ? 1 + int(rng.bounded(20)) : lengths[rng.bounded(quint32(std::size(lengths)))];
                for (int c = 0; c < length; ++c)
                    id += char('0' + rng.bounded(10));
            }
            pool.push_back(id);
        }
        for (int step = 0; step < 20'000; ++step) {
            const std::string &id = pool[rng.bounded(quint32(pool.size()))];
            if (rng.bounded(3) == 0) {
                store.remove(id);
                truth.erase(id);
            } else {
                store.track(id);
                truth[id] = true;
            }
            if (step % 97 == 0) {
                for (const std::string &probe : pool) {
                    const AssetBook *found = store.find(probe);
                    QCOMPARE(found != nullptr, truth.count(probe) == 1);
                    if (found)
                        QCOMPARE(found->assetId, probe);
                }
                QCOMPARE(store.size(), truth.size());
            }
        }
    }

    void quietIsMeasuredAgainstTheAssetsOwnGap()
    {
        BookStore store;
        const std::string id = "A";
        const PriceLevel bid{500'000, 10'000'000};
        BookEvent book;
        book.assetId = id;
        book.timestampMs = 1'000'000;
        book.bids = std::span<const PriceLevel>(&bid, 1);
        store.onBook(book);
        // 99 changes, one a second: its usual gap is a second.
        for (int i = 1; i < 100; ++i) {
            PriceChangeEntry e;
            e.assetId = id;
            e.side = Side::Buy;
            e.price = 400'000;
            e.size = 1'000'000 + i;
            PriceChangeEvent ev;
            ev.timestampMs = 1'000'000 + i * 1'000;
            ev.entries = std::span<const PriceChangeEntry>(&e, 1);
            store.onPriceChange(ev);
        }
        const AssetBook &a = *store.find(id);
        const std::int64_t last = 1'000'000 + 99'000;
        QCOMPARE(Quietness::evaluate(a, last + 5'000).usualGapMs, 1'000);
        QVERIFY(!Quietness::evaluate(a, last + 100'000).quiet); // under the two-minute floor
        const Quietness q = Quietness::evaluate(a, last + 121'000);
        QVERIFY(q.quiet);
        QCOMPARE(q.silentMs, 121'000);
        store.markAwaitingBook(id); // not synced: nothing to say about it
        QVERIFY(!Quietness::evaluate(a, last + 600'000).quiet);
    }

    void streams_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QStringList>("expectedTops");
        QTest::addColumn<int>("desyncs");
        QTest::addColumn<int>("skipped");

        QTest::addRow("book then current-form change")
            << QByteArray(kBookA) + "\n" +
                   R"({"event_type":"price_change","market":"M","timestamp":"2","price_changes":[{"asset_id":"A","price":"0.52","size":"4","side":"BUY","best_bid":"0.52","best_ask":"0.53"}]})"
            << QStringList{top("A", 1, "0.51", "0.53", "15", "10"), top("A", 2, "0.52", "0.53", "19", "10")} << 0 << 0;

        // A buy at 0.53 matched the ask: the exchange reports best_ask 0.54 and
        // best_bid 0.52 without sending the removal of the 0.53 ask or the
        // bid. Dropping better levels reconciles the transient cross.
        QTest::addRow("crossing burst resolved by best_bid/best_ask")
            << QByteArray(kBookA) + "\n" +
                   R"({"event_type":"price_change","market":"M","timestamp":"2","price_changes":[{"asset_id":"A","price":"0.53","size":"2","side":"BUY","best_bid":"0.53","best_ask":"0.53"},{"asset_id":"A","price":"0.52","size":"1","side":"BUY","best_bid":"0.52","best_ask":"0.54"}]})"
            << QStringList{top("A", 1, "0.51", "0.53", "15", "10"), top("A", 2, "0.53", "0.53", "17", "10"),
                           top("A", 2, "0.52", "0.54", "16", "7")}
            << 0 << 0;

        QTest::addRow("changes before any book are skipped until the book")
            << QByteArray(R"({"event_type":"price_change","market":"M","timestamp":"0","price_changes":[{"asset_id":"A","price":"0.5","size":"1","side":"BUY","best_bid":"0.5","best_ask":"0.6"}]})"
                          "\n") +
                   QByteArray(kBookA)
            << QStringList{top("A", 1, "0.51", "0.53", "15", "10")} << 0 << 1;

        QTest::addRow("legacy changes[] form")
            << QByteArray(kBookA) + "\n" +
                   R"({"event_type":"price_change","asset_id":"A","market":"M","timestamp":"3","hash":"h","changes":[{"price":"0.51","side":"BUY","size":"0"},{"price":"0.55","side":"SELL","size":"1.5"}]})"
            << QStringList{top("A", 1, "0.51", "0.53", "15", "10"), top("A", 3, "0.5", "0.53", "10", "10"),
                           top("A", 3, "0.5", "0.53", "10", "11.5")}
            << 0 << 0;

        QTest::addRow("legacy change that crosses is a desync")
            << QByteArray(kBookA) + "\n" +
                   R"({"event_type":"price_change","asset_id":"A","market":"M","timestamp":"3","changes":[{"price":"0.53","side":"BUY","size":"1"},{"price":"0.4","side":"BUY","size":"1"}]})"
            << QStringList{top("A", 1, "0.51", "0.53", "15", "10")} << 1 << 1;

        QTest::addRow("top that still differs is a desync; next book resyncs")
            << QByteArray(kBookA) + "\n" +
                   R"({"event_type":"price_change","market":"M","timestamp":"2","price_changes":[{"asset_id":"A","price":"0.40","size":"1","side":"BUY","best_bid":"0.515","best_ask":"0.53"}]})" +
                   "\n" + QByteArray(kBookA)
            << QStringList{top("A", 1, "0.51", "0.53", "15", "10"), top("A", 1, "0.51", "0.53", "15", "10")} << 1 << 0;

        QTest::addRow("array frame with books for two tokens, change for both")
            << QByteArray(R"([{"event_type":"book","asset_id":"Y","bids":[{"price":"0.3","size":"1"}],"asks":[{"price":"0.4","size":"2"}],"timestamp":"1"},{"event_type":"book","asset_id":"N","bids":[{"price":"0.6","size":"2"}],"asks":[{"price":"0.7","size":"1"}],"timestamp":"1"}])"
                              "\n"
                              R"({"market":"M", "price_changes":[{"asset_id":"Y", "price":"0.35", "size":"5", "side":"BUY", "best_bid":"0.35", "best_ask":"0.4"}, {"asset_id":"N", "price":"0.65", "size":"5", "side":"SELL", "best_bid":"0.6", "best_ask":"0.65"}], "timestamp":"2", "event_type":"price_change"})")
            << QStringList{top("Y", 1, "0.3", "0.4", "1", "2"), top("N", 1, "0.6", "0.7", "2", "1"),
                           top("Y", 2, "0.35", "0.4", "6", "2"), top("N", 2, "0.6", "0.65", "2", "6")}
            << 0 << 0;

        QTest::addRow("empty side reported as 0 and 1")
            << QByteArray(kBookA) + "\n" +
                   R"({"event_type":"price_change","market":"M","timestamp":"4","price_changes":[{"asset_id":"A","price":"0.53","size":"0","side":"SELL","best_bid":"0.51","best_ask":"0.54"},{"asset_id":"A","price":"0.54","size":"0","side":"SELL","best_bid":"0.51","best_ask":"1"}]})"
            << QStringList{top("A", 1, "0.51", "0.53", "15", "10"), top("A", 4, "0.51", "0.54", "15", "7"),
                           top("A", 4, "0.51", nullptr, "15", "0")}
            << 0 << 0;

        QTest::addRow("pretty-printed single object")
            << QByteArray("{\n  \"event_type\": \"book\",\n  \"asset_id\": \"A\",\n  \"bids\": [\n    {\"price\": \"0.2\", \"size\": \"1\"}\n  ],\n  \"asks\": [],\n  \"timestamp\": \"9\"\n}\n")
            << QStringList{top("A", 9, "0.2", nullptr, "1", "0")} << 0 << 0;
    }

    void streams()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QStringList, expectedTops);
        QFETCH(int, desyncs);
        QFETCH(int, skipped);
        TopsCollector tops;
        ReplayEngine engine(&tops);
        engine.loadText(stream.toStdString());
        const ReplaySummary s = engine.run();
        QCOMPARE(tops.tops, expectedTops);
        QCOMPARE(int(s.desyncs), desyncs);
        QCOMPARE(int(s.unsyncedEntriesSkipped), skipped);
        QCOMPARE(s.errors, 0u);
    }

    void unsyncedAssetRequestsOneSnapshot()
    {
        TopsCollector listener;
        BookStore store(&listener);
        FrameParser parser;
        for (int i = 0; i < 3; ++i)
            parser.parse(R"({"event_type":"price_change","market":"M","price_changes":[{"asset_id":"Z","price":"0.5","size":"1","side":"BUY"}]})",
                         store);
        QCOMPARE(listener.resyncs, QStringList{QStringLiteral("Z:changes before any book")});
        QCOMPARE(store.stats().unsyncedEntriesSkipped, 3u);
        QCOMPARE(store.stats().unsyncedAssets, 1u);
        QVERIFY(listener.tops.isEmpty());
    }

    void awaitingBookAfterDisconnect()
    {
        BookStore store;
        FrameParser parser;
        parser.parse(kBookA, store);
        store.markAwaitingBook("A");
        QVERIFY(!store.find("A")->synced());
        QVERIFY(!store.find("A")->book.hasBid());
        parser.parse(kBookA, store);
        QVERIFY(store.find("A")->synced());
    }

    void tickSizeChangeKeepsLevels()
    {
        BookStore store;
        FrameParser parser;
        parser.parse(kBookA, store);
        parser.parse(R"({"event_type":"tick_size_change","asset_id":"A","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"5"})",
                     store);
        parser.parse(R"({"event_type":"price_change","market":"M","price_changes":[{"asset_id":"A","price":"0.515","size":"2","side":"BUY","best_bid":"0.515","best_ask":"0.53"}]})",
                     store);
        const AssetBook *a = store.find("A");
        QCOMPARE(a->tickSize, 1000);
        QCOMPARE(a->book.bestBid(), 515000);
        QCOMPARE(a->book.bids().size(), 3u);
    }
};

QTEST_GUILESS_MAIN(TstBookStore)
#include "tst_bookstore.moc"
