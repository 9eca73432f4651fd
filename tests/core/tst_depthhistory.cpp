#include "heatmap/depthhistory.h"

#include <QTest>

using namespace polymon;

// The heatmap's memory: slices, the last book of a slice, quiet books
// carried, gaps kept, recorded books put before live ones.
class TstDepthHistory final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void slicesKeepTheirLastBookAndCarryQuietOnes()
    {
        DepthHistory h(1000, 10);
        h.addBook(10'100, {{500'000, 5}}, {{510'000, 7}});
        h.addBook(10'900, {{500'000, 9}}, {{510'000, 7}}); // same slice: the later book
        h.addTrade(10'950, 510'000, 3, Side::Buy);
        QCOMPARE(h.columns().size(), std::size_t(1));
        QCOMPARE(h.columns().front().bids.front().size, Fixed(9));
        QCOMPARE(h.columns().front().trades.size(), 1);
        // Quiet for five seconds: the book stands (no column, no gap).
        h.addBook(16'200, {{500'000, 4}}, {{510'000, 7}});
        QCOMPARE(h.columns().size(), std::size_t(2));
        QVERIFY(!h.columns().back().gapBefore);
        QCOMPARE(h.bookAt(13'000)->bids.front().size, Fixed(9));
        QVERIFY(h.columnAt(13'000) == nullptr);
        // Unsynced: what follows starts a gap, and nothing is carried across it.
        h.breakHere();
        h.addTrade(17'500, 500'000, 2, Side::Sell);
        h.addBook(19'100, {{490'000, 1}}, {{500'000, 1}});
        QVERIFY(h.columns().back().gapBefore);
        QVERIFY(h.bookAt(17'600) == nullptr);
        QCOMPARE(h.bookAt(19'500)->bestBid, Fixed(490'000));
        // Bounded: the oldest slices go.
        for (int i = 0; i < 20; ++i)
            h.addBook(20'000 + i * 1000, {{490'000, 1}}, {});
        QCOMPARE(h.columns().size(), std::size_t(10));
        QCOMPARE(h.firstMs(), std::int64_t(30'000));
    }

    void recordedBooksGoFirstWithTheirGaps()
    {
        DepthHistory h(1000, 100);
        h.addBook(500'000, {{500'000, 5}}, {});
        h.prepend({{100'000, {{{400'000, 1}}, {}}}, {101'000, {{{400'000, 2}}, {}}}, {300'000, {{{450'000, 3}}, {}}},
                   {600'000, {{{999, 1}}, {}}}}, // not before the live ones: dropped
                  60'000);
        QCOMPARE(h.columns().size(), std::size_t(4));
        QCOMPARE(h.firstMs(), std::int64_t(100'000));
        QVERIFY(!h.columns()[1].gapBefore);
        QVERIFY(h.columns()[2].gapBefore); // 199 s without a recorded book
        QVERIFY(h.columns()[3].gapBefore); // recorded 300 s, live 500 s
        QVERIFY(h.bookAt(100'500) != nullptr);
        QVERIFY(h.bookAt(200'000) == nullptr); // nothing recorded then
        QVERIFY(h.bookAt(300'500) != nullptr);
        QVERIFY(h.bookAt(400'000) == nullptr); // the app was not running
    }
};

QTEST_GUILESS_MAIN(TstDepthHistory)
#include "tst_depthhistory.moc"
